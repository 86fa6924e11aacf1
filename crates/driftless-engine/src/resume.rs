//! Whether a statement that runs outside a transaction took effect, read from the catalog,
//! for a migration whose run was cut off while that statement ran: the one thing a history
//! row cannot record in the same transaction.
//!
//! - `CREATE INDEX CONCURRENTLY`: the index is valid (it took effect), absent (it did not),
//!   or invalid (the build was interrupted: the leftover is dropped, then the statement runs
//!   again). An index that another session is still building is neither: we refuse.
//! - `DROP INDEX CONCURRENTLY`: the index is gone (it took effect) or still there, valid or
//!   not (the drop runs again and finishes).
//! - `VACUUM`, `CLUSTER`, `DISCARD ALL`, `ALTER SYSTEM`: running again is harmless.
//! - anything else: unknown.

use driftless_db::{Connection, DbError, quote_ident};
use driftless_sql::{OutsideTarget, outside_target};

/// What a statement that was running left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RunningOutcome {
    /// It took effect: go on after it.
    TookEffect,
    /// It did not (or running it again finishes it): run it again.
    RunAgain,
    /// It cannot be told (the text says why).
    Unknown(String),
}

/// Reads what the statement left and clears an interrupted index build, so that running
/// the statement again ends where a clean run would.
pub(crate) async fn settle_running_statement(
    connection: &Connection,
    statement: &str,
) -> Result<RunningOutcome, DbError> {
    let default_schema = connection.url().schema.clone();
    match outside_target(statement) {
        OutsideTarget::CreateIndex { schema, name } => {
            let schema = schema.unwrap_or(default_schema);
            match index_state(connection, &schema, &name).await? {
                IndexState::Absent => Ok(RunningOutcome::RunAgain),
                IndexState::Valid => Ok(RunningOutcome::TookEffect),
                IndexState::BeingBuilt(pid) => Ok(RunningOutcome::Unknown(format!(
                    "index `{schema}.{name}` is still being built by session {pid}"
                ))),
                IndexState::Invalid => {
                    drop_leftover(connection, &schema, &name).await?;
                    Ok(RunningOutcome::RunAgain)
                }
            }
        }
        OutsideTarget::DropIndex { schema, name } => {
            let schema = schema.unwrap_or(default_schema);
            match index_state(connection, &schema, &name).await? {
                IndexState::Absent => Ok(RunningOutcome::TookEffect),
                IndexState::BeingBuilt(pid) => Ok(RunningOutcome::Unknown(format!(
                    "index `{schema}.{name}` is being worked on by session {pid}"
                ))),
                IndexState::Valid | IndexState::Invalid => Ok(RunningOutcome::RunAgain),
            }
        }
        OutsideTarget::Repeatable => Ok(RunningOutcome::RunAgain),
        OutsideTarget::Unknown => Ok(RunningOutcome::Unknown(
            "driftless cannot read back whether this kind of statement took effect".to_string(),
        )),
    }
}

/// Drops the invalid index an interrupted or failed `CREATE INDEX CONCURRENTLY` left, if
/// there is one. Returns whether it dropped something.
pub(crate) async fn drop_invalid_leftover(
    connection: &Connection,
    statement: &str,
) -> Result<bool, DbError> {
    let OutsideTarget::CreateIndex { schema, name } = outside_target(statement) else {
        return Ok(false);
    };
    let schema = schema.unwrap_or_else(|| connection.url().schema.clone());
    if index_state(connection, &schema, &name).await? == IndexState::Invalid {
        drop_leftover(connection, &schema, &name).await?;
        return Ok(true);
    }
    Ok(false)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexState {
    Absent,
    Valid,
    Invalid,
    BeingBuilt(i32),
}

async fn index_state(
    connection: &Connection,
    schema: &str,
    name: &str,
) -> Result<IndexState, DbError> {
    let row = connection
        .client()
        .query_opt(
            "SELECT i.indisvalid, (SELECT p.pid FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = c.oid LIMIT 1) \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid \
             WHERE n.nspname = $1 AND c.relname = $2",
            &[&schema, &name],
        )
        .await
        .map_err(|e| connection.query_error(e, "reading the state of an index"))?;
    Ok(match row {
        None => IndexState::Absent,
        Some(row) => match (row.get::<_, bool>(0), row.get::<_, Option<i32>>(1)) {
            (_, Some(pid)) => IndexState::BeingBuilt(pid),
            (true, None) => IndexState::Valid,
            (false, None) => IndexState::Invalid,
        },
    })
}

async fn drop_leftover(connection: &Connection, schema: &str, name: &str) -> Result<(), DbError> {
    connection
        .batch(
            &format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}.{}",
                quote_ident(schema),
                quote_ident(name)
            ),
            "dropping the invalid index an interrupted build left",
        )
        .await
}
