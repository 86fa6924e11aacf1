//! `locks`: who holds or waits for the migration advisory lock and for locks on the tables
//! of the managed schemas, who blocks whom, and ending one session on request — what the
//! runbooks did by restarting the database.

use driftless_db::{Connection, DbError, LockHolder};
use time::OffsetDateTime;

/// A session holding or waiting for a lock on a table of the managed schemas.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableLock {
    /// Backend process id.
    pub pid: i32,
    /// The lock mode (`AccessExclusiveLock`, …).
    pub mode: String,
    /// Whether it holds the lock (false: it waits).
    pub granted: bool,
    /// `schema.table`.
    pub relation: String,
    /// The sessions that block it (for a waiting lock).
    pub blocked_by: Vec<i32>,
    /// `application_name`.
    pub application_name: String,
    /// Database user.
    pub user: Option<String>,
    /// Client address (empty for a Unix socket).
    pub client_address: Option<String>,
    /// Session state (`active`, `idle in transaction`, …).
    pub state: Option<String>,
    /// When its transaction started.
    #[serde(with = "time::serde::rfc3339::option")]
    pub transaction_start: Option<OffsetDateTime>,
    /// Its current (or last) query.
    pub query: Option<String>,
}

/// Everything `locks` lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LockReport {
    /// Sessions holding or waiting for the migration lock.
    pub migration_lock: Vec<LockHolder>,
    /// Locks on tables of the managed schemas.
    pub table_locks: Vec<TableLock>,
}

/// Lists the locks (other sessions only).
pub async fn lock_report(
    connection: &Connection,
    namespaces: &[String],
) -> Result<LockReport, DbError> {
    let migration_lock = driftless_db::lock_holders(connection).await?;
    let rows = connection
        .client()
        .query(
            "SELECT l.pid, l.mode, l.granted, n.nspname || '.' || c.relname, pg_catalog.pg_blocking_pids(l.pid), \
                    coalesce(a.application_name, ''), a.usename::text, host(a.client_addr), a.state, a.xact_start, a.query \
             FROM pg_catalog.pg_locks l \
             JOIN pg_catalog.pg_class c ON c.oid = l.relation \
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid \
             WHERE l.locktype = 'relation' \
               AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) \
               AND n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S') \
               AND l.pid <> pg_backend_pid() \
             ORDER BY l.granted DESC, a.xact_start NULLS LAST, l.pid, 4",
            &[&namespaces],
        )
        .await
        .map_err(|e| connection.query_error(e, "listing locks"))?;
    let table_locks = rows
        .into_iter()
        .map(|r| TableLock {
            pid: r.get(0),
            mode: r.get(1),
            granted: r.get(2),
            relation: r.get(3),
            blocked_by: r.get(4),
            application_name: r.get(5),
            user: r.get(6),
            client_address: r.get(7),
            state: r.get(8),
            transaction_start: r.get(9),
            query: r.get(10),
        })
        .collect();
    Ok(LockReport {
        migration_lock,
        table_locks,
    })
}

/// A session of the current database, as `--terminate` shows it before ending it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// Backend process id.
    pub pid: i32,
    /// `application_name`.
    pub application_name: String,
    /// Database user.
    pub user: Option<String>,
    /// Session state.
    pub state: Option<String>,
    /// Its current (or last) query.
    pub query: Option<String>,
}

/// The session `pid` if it is connected to the current database (and is not us).
pub async fn session_of(connection: &Connection, pid: i32) -> Result<Option<SessionInfo>, DbError> {
    let row = connection
        .client()
        .query_opt(
            "SELECT pid, coalesce(application_name, ''), usename::text, state, query FROM pg_catalog.pg_stat_activity \
             WHERE pid = $1 AND datname = current_database() AND pid <> pg_backend_pid()",
            &[&pid],
        )
        .await
        .map_err(|e| connection.query_error(e, "looking up the session"))?;
    Ok(row.map(|r| SessionInfo {
        pid: r.get(0),
        application_name: r.get(1),
        user: r.get(2),
        state: r.get(3),
        query: r.get(4),
    }))
}

/// Ends a session (`pg_terminate_backend`); false when the server did not end it.
pub async fn terminate(connection: &Connection, pid: i32) -> Result<bool, DbError> {
    let row = connection
        .client()
        .query_one("SELECT pg_catalog.pg_terminate_backend($1)", &[&pid])
        .await
        .map_err(|e| connection.query_error(e, "ending the session"))?;
    Ok(row.get(0))
}
