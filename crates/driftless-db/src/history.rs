//! The `_prisma_migrations` table, read and written exactly as Prisma does.
//!
//! Prisma and driftless must be usable on the same database, so this module writes the same
//! table (same columns, types, defaults and key) and gives every column Prisma's meaning:
//!
//! | situation | `finished_at` | `rolled_back_at` | `logs` | `applied_steps_count` |
//! |---|---|---|---|---|
//! | applied by deploy | set | NULL | NULL | 1 |
//! | failed (or still running) | NULL | NULL | the error | 0 |
//! | `resolve --rolled-back` | unchanged | set | unchanged | unchanged |
//! | `resolve --applied` (new row) | = `started_at` | NULL | `''` | 0 |

use time::OffsetDateTime;
use tokio_postgres::GenericClient;

use driftless_sql::{quote_ident, quote_literal};

use crate::connection::Connection;
use crate::error::DbError;

/// The history table's name.
pub const HISTORY_TABLE: &str = "_prisma_migrations";

/// One row of `_prisma_migrations`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    /// A random UUID (v4) as text.
    pub id: String,
    /// Prisma's checksum of the script when the row was written.
    pub checksum: String,
    /// When the migration finished; `None` while running, or when it failed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
    /// The migration folder name.
    pub migration_name: String,
    /// The error of a failed migration; `''` for `resolve --applied`; `None` otherwise.
    pub logs: Option<String>,
    /// When `migrate resolve --rolled-back` marked it; `None` otherwise.
    #[serde(with = "time::serde::rfc3339::option")]
    pub rolled_back_at: Option<OffsetDateTime>,
    /// When it started.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// 1 when deploy applied it; 0 when it failed or was recorded by `resolve --applied`.
    pub applied_steps_count: i32,
}

/// What a history row says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowState {
    /// Finished and not rolled back.
    Applied,
    /// Neither finished nor rolled back: it failed, or a deploy died while running it.
    Failed,
    /// Marked rolled back.
    RolledBack,
}

impl HistoryRow {
    /// What the row says.
    pub fn state(&self) -> RowState {
        if self.rolled_back_at.is_some() {
            RowState::RolledBack
        } else if self.finished_at.is_some() {
            RowState::Applied
        } else {
            RowState::Failed
        }
    }
}

/// `_prisma_migrations` in one PostgreSQL schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    schema: String,
}

impl History {
    /// The history table of the schema a URL manages (`?schema=`, default `public`).
    pub fn new(schema: impl Into<String>) -> History {
        History {
            schema: schema.into(),
        }
    }

    /// The schema holding the table.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// `"schema"."_prisma_migrations"`.
    pub fn table(&self) -> String {
        format!(
            "{}.{}",
            quote_ident(&self.schema),
            quote_ident(HISTORY_TABLE)
        )
    }

    /// Prisma's `CREATE TABLE` for the history table, qualified with the managed schema.
    pub fn create_table_sql(&self) -> String {
        format!(
            "CREATE TABLE IF NOT EXISTS {} (\n    \"id\"                    VARCHAR(36) PRIMARY KEY NOT NULL,\n    \"checksum\"              VARCHAR(64) NOT NULL,\n    \"finished_at\"           TIMESTAMPTZ,\n    \"migration_name\"        VARCHAR(255) NOT NULL,\n    \"logs\"                  TEXT,\n    \"rolled_back_at\"        TIMESTAMPTZ,\n    \"started_at\"            TIMESTAMPTZ NOT NULL DEFAULT now(),\n    \"applied_steps_count\"   INTEGER NOT NULL DEFAULT 0\n)",
            self.table()
        )
    }

    /// Whether the table exists.
    pub async fn exists(&self, db: &Connection) -> Result<bool, DbError> {
        let row = db
            .client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p'))",
                &[&self.schema, &HISTORY_TABLE],
            )
            .await
            .map_err(|e| db.query_error(e, "looking for the history table"))?;
        Ok(row.get(0))
    }

    /// Creates the schema and the table when missing. Returns whether the table was created.
    pub async fn ensure(&self, db: &Connection) -> Result<bool, DbError> {
        if self.exists(db).await? {
            return Ok(false);
        }
        db.batch(
            &format!(
                "CREATE SCHEMA IF NOT EXISTS {};\n{}",
                quote_ident(&self.schema),
                self.create_table_sql()
            ),
            "creating the history table",
        )
        .await?;
        Ok(true)
    }

    /// Every row, oldest first (by `started_at`, then name).
    ///
    /// Columns are cast on the way out, so a table that was created by hand with other
    /// types (`TEXT` ids, `TIMESTAMP` without time zone, as seen in the wild) still reads.
    pub async fn rows(
        &self,
        db: &impl GenericClient,
    ) -> Result<Vec<HistoryRow>, tokio_postgres::Error> {
        let sql = format!(
            "SELECT id::text, checksum::text, finished_at::timestamptz, migration_name::text, logs::text, rolled_back_at::timestamptz, started_at::timestamptz, applied_steps_count::int4 FROM {} ORDER BY started_at ASC, migration_name ASC",
            self.table()
        );
        let rows = db.query(&sql, &[]).await?;
        Ok(rows
            .into_iter()
            .map(|r| HistoryRow {
                id: r.get(0),
                checksum: r.get(1),
                finished_at: r.get(2),
                migration_name: r.get(3),
                logs: r.get(4),
                rolled_back_at: r.get(5),
                started_at: r.get(6),
                applied_steps_count: r.get(7),
            })
            .collect())
    }

    /// Inserts the row of a migration that is starting (not finished).
    pub async fn insert_started(
        &self,
        db: &impl GenericClient,
        id: &str,
        name: &str,
        checksum: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "INSERT INTO {} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, {NOW}, 0)",
            self.table()
        );
        db.execute(&sql, &[&id, &checksum, &name]).await.map(drop)
    }

    /// The `INSERT` of [`History::insert_started`] as plain SQL, for sending in a pipeline
    /// of simple queries together with the migration's statements.
    pub fn insert_started_sql(&self, id: &str, name: &str, checksum: &str) -> String {
        format!(
            "INSERT INTO {} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ({}, {}, {}, {NOW}, 0)",
            self.table(),
            quote_literal(id),
            quote_literal(checksum),
            quote_literal(name)
        )
    }

    /// The `UPDATE` of [`History::mark_finished`] as plain SQL.
    pub fn mark_finished_sql(&self, id: &str) -> String {
        format!(
            "UPDATE {} SET finished_at = {NOW}, applied_steps_count = 1, logs = NULL WHERE id = {}",
            self.table(),
            quote_literal(id)
        )
    }

    /// The `INSERT` of a row that is finished at once: for a migration whose statements
    /// commit in the same transaction (`started_at` is the transaction's start).
    pub fn insert_finished_sql(&self, id: &str, name: &str, checksum: &str) -> String {
        format!(
            "INSERT INTO {} (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ({}, {}, {}, now(), {NOW}, 1)",
            self.table(),
            quote_literal(id),
            quote_literal(checksum),
            quote_literal(name)
        )
    }

    /// The `INSERT` of an unfinished row with a progress note in `logs`: for a migration
    /// applied in several steps, in the transaction of its first step.
    pub fn insert_running_sql(&self, id: &str, name: &str, checksum: &str, logs: &str) -> String {
        format!(
            "INSERT INTO {} (id, checksum, migration_name, logs, started_at, applied_steps_count) VALUES ({}, {}, {}, {}, now(), 0)",
            self.table(),
            quote_literal(id),
            quote_literal(checksum),
            quote_literal(name),
            quote_literal(logs)
        )
    }

    /// The `UPDATE` of an unfinished row's progress note, for sending in the transaction of
    /// the step it counts.
    pub fn set_logs_sql(&self, id: &str, logs: &str) -> String {
        format!(
            "UPDATE {} SET logs = {} WHERE id = {}",
            self.table(),
            quote_literal(logs),
            quote_literal(id)
        )
    }

    /// Marks a row finished: one step applied, no logs.
    pub async fn mark_finished(
        &self,
        db: &impl GenericClient,
        id: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "UPDATE {} SET finished_at = {NOW}, applied_steps_count = 1, logs = NULL WHERE id = $1",
            self.table()
        );
        db.execute(&sql, &[&id]).await.map(drop)
    }

    /// Records the error of a failed migration (the row stays unfinished).
    pub async fn record_failure(
        &self,
        db: &impl GenericClient,
        id: &str,
        logs: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "UPDATE {} SET logs = $2, applied_steps_count = 0 WHERE id = $1",
            self.table()
        );
        db.execute(&sql, &[&id, &logs]).await.map(drop)
    }

    /// Inserts the row of a migration that failed and left nothing behind (its transaction
    /// was rolled back, and the row with it): unfinished, with the error in `logs`.
    pub async fn insert_failed(
        &self,
        db: &impl GenericClient,
        id: &str,
        name: &str,
        checksum: &str,
        logs: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "INSERT INTO {} (id, checksum, migration_name, logs, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, {NOW}, 0)",
            self.table()
        );
        db.execute(&sql, &[&id, &checksum, &name, &logs])
            .await
            .map(drop)
    }

    /// Sets `rolled_back_at` on the given rows (`migrate resolve --rolled-back`).
    pub async fn mark_rolled_back(
        &self,
        db: &impl GenericClient,
        ids: &[String],
    ) -> Result<u64, tokio_postgres::Error> {
        let sql = format!(
            "UPDATE {} SET rolled_back_at = {NOW} WHERE id = ANY($1) AND rolled_back_at IS NULL",
            self.table()
        );
        db.execute(&sql, &[&ids]).await
    }

    /// Inserts a row for a migration recorded as applied without running it
    /// (`migrate resolve --applied`): `finished_at = started_at`, `logs = ''`, 0 steps.
    pub async fn insert_resolved_applied(
        &self,
        db: &impl GenericClient,
        id: &str,
        name: &str,
        checksum: &str,
    ) -> Result<(), tokio_postgres::Error> {
        let sql = format!(
            "WITH t AS (SELECT {NOW} AS at) INSERT INTO {} (id, checksum, migration_name, logs, started_at, finished_at, applied_steps_count) SELECT $1, $2, $3, '', at, at, 0 FROM t",
            self.table()
        );
        db.execute(&sql, &[&id, &checksum, &name]).await.map(drop)
    }
}

/// The current time (microseconds, as Prisma's native engine writes it), at the moment of
/// writing rather than the start of the transaction.
const NOW: &str = "clock_timestamp()";

/// A new row id: a random UUID v4 as text, as Prisma makes them.
pub fn new_row_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
