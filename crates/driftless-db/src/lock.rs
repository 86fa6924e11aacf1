//! The migration advisory lock, shared with Prisma, and the report of who holds it.
//!
//! Prisma takes `pg_advisory_lock(72707369)` before applying migrations; we take the same
//! lock so that Prisma and driftless exclude each other. The wait is bounded by a timeout,
//! and a timeout names the sessions holding the lock instead of failing silently, which is
//! what the runbooks' "restart the database to clear the lock" was missing.

use std::time::Duration;

use time::OffsetDateTime;

use crate::connection::Connection;
use crate::error::DbError;

/// Prisma's advisory lock key (the ASCII of `prisma` folded into a number).
pub const ADVISORY_LOCK_KEY: i64 = 72_707_369;

/// A session holding or waiting for the migration lock.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LockHolder {
    /// Backend process id (what `pg_terminate_backend` takes).
    pub pid: i32,
    /// Whether it holds the lock (false: it waits for it).
    pub granted: bool,
    /// `application_name` (`driftless`, `prisma-migrate`, `psql`).
    pub application_name: String,
    /// Database user.
    pub user: Option<String>,
    /// Client address, empty for a Unix socket.
    pub client_address: Option<String>,
    /// Session state (`active`, `idle`, `idle in transaction`).
    pub state: Option<String>,
    /// When the session's current (or last) query started.
    #[serde(with = "time::serde::rfc3339::option")]
    pub query_start: Option<OffsetDateTime>,
    /// When the session connected.
    #[serde(with = "time::serde::rfc3339::option")]
    pub backend_start: Option<OffsetDateTime>,
    /// The current (or last) query.
    pub query: Option<String>,
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pid {} ({}{}{}, {}, {})",
            self.pid,
            if self.application_name.is_empty() {
                "no application_name"
            } else {
                &self.application_name
            },
            self.user
                .as_ref()
                .map(|u| format!(", user {u}"))
                .unwrap_or_default(),
            match self.client_address.as_deref() {
                Some(a) if !a.is_empty() => format!(", from {a}"),
                _ => ", local socket".to_string(),
            },
            self.state.as_deref().unwrap_or("unknown state"),
            match self.query_start {
                Some(t) => format!("query started {}", crate::format_timestamp(t)),
                None => "no query".to_string(),
            }
        )?;
        if let Some(q) = self.query.as_deref().filter(|q| !q.is_empty()) {
            let one_line: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = one_line.chars().take(120).collect();
            write!(
                f,
                ": {short}{}",
                if one_line.chars().count() > 120 {
                    "…"
                } else {
                    ""
                }
            )?;
        }
        Ok(())
    }
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LockError {
    /// Another session kept the lock for the whole timeout.
    #[error("timed out after {} s waiting for the migration lock (pg_advisory_lock({ADVISORY_LOCK_KEY})); it is held by another session", .timeout.as_secs_f64())]
    Timeout {
        /// How long we waited.
        timeout: Duration,
        /// Who held (or waited for) it when we gave up.
        holders: Vec<LockHolder>,
    },
    /// The database failed while we asked.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Lists the other sessions holding or waiting for the migration lock in this database.
pub async fn lock_holders(db: &Connection) -> Result<Vec<LockHolder>, DbError> {
    let rows = db
        .client()
        .query(
            "SELECT a.pid, l.granted, coalesce(a.application_name, ''), a.usename::text, host(a.client_addr), a.state, a.query_start, a.backend_start, a.query \
             FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid \
             WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1 \
               AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) \
               AND l.pid <> pg_backend_pid() \
             ORDER BY l.granted DESC, a.backend_start",
            &[&u32::try_from(ADVISORY_LOCK_KEY).unwrap_or(0)],
        )
        .await
        .map_err(|e| db.query_error(e, "listing the holders of the migration lock"))?;
    Ok(rows
        .into_iter()
        .map(|r| LockHolder {
            pid: r.get(0),
            granted: r.get(1),
            application_name: r.get(2),
            user: r.get(3),
            client_address: r.get(4),
            state: r.get(5),
            query_start: r.get(6),
            backend_start: r.get(7),
            query: r.get(8),
        })
        .collect())
}

/// Tries to take the lock without waiting.
pub async fn try_lock(db: &Connection) -> Result<bool, DbError> {
    let row = db
        .client()
        .query_one("SELECT pg_try_advisory_lock($1)", &[&ADVISORY_LOCK_KEY])
        .await
        .map_err(|e| db.query_error(e, "taking the migration lock"))?;
    Ok(row.get(0))
}

/// Waits for the lock for at most `timeout`. On timeout the error lists the holders.
///
/// The wait polls `pg_try_advisory_lock` between short sleeps instead of blocking in
/// `pg_advisory_lock`: a session blocked in a statement holds a transaction open, and
/// `CREATE INDEX CONCURRENTLY` run by the lock holder waits for every open transaction —
/// blocking would deadlock two deploys, polling cannot.
pub async fn lock(db: &Connection, timeout: Duration) -> Result<(), LockError> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut pause = Duration::from_millis(20);
    loop {
        if try_lock(db).await? {
            return Ok(());
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            return Err(LockError::Timeout {
                timeout,
                holders: lock_holders(db).await?,
            });
        }
        tokio::time::sleep(pause.min(deadline - now)).await;
        pause = (pause * 2).min(Duration::from_millis(250));
    }
}

/// Releases the lock (it is also released when the session ends).
pub async fn unlock(db: &Connection) -> Result<(), DbError> {
    db.client()
        .execute("SELECT pg_advisory_unlock($1)", &[&ADVISORY_LOCK_KEY])
        .await
        .map(drop)
        .map_err(|e| db.query_error(e, "releasing the migration lock"))
}
