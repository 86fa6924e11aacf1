//! `migrate deploy`: apply pending migrations in name order, under Prisma's advisory lock,
//! recording each in `_prisma_migrations` so that the history never says something the
//! database does not.
//!
//! Each migration runs in the first of these modes that PostgreSQL allows:
//! - **transaction**: the script and its history row in one transaction: applied and
//!   recorded together, or nothing at all (Prisma writes the row separately, so a crash can
//!   leave a half-applied migration behind a row that says otherwise);
//! - **script**: the file has its own `BEGIN`/`COMMIT`: its transactions run as PostgreSQL
//!   runs them when the file is sent whole (as Prisma sends it), each carrying the row's
//!   progress note;
//! - **statement by statement**: the file holds statements PostgreSQL refuses in a
//!   transaction block (`CREATE INDEX CONCURRENTLY`, …): those run alone, the others commit
//!   together with the progress note.
//!
//! So after a crash the row says exactly which statements took effect (see
//! [`crate::apply`]), and a deploy that finds a row left by a run that was cut off (or that
//! stopped on a lock or statement timeout) goes on from there instead of refusing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use driftless_db::{
    ConnectOptions, Connection, DbError, History, LockHolder, ServerError, lock_holders, new_row_id,
};
use driftless_migrations::{Migration, MigrationsDirectory};
use driftless_sql::{ExecutionMode, analyze_script};

use crate::apply::{Applier, RowRef};
use crate::error::EngineError;
use crate::interrupt::Interrupt;
use crate::progress::Progress;
use crate::resume::{RunningOutcome, settle_running_statement};
use crate::status::compare_history;
use crate::units::{Unit, UnitEnd, units};

/// Options of `migrate deploy`.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// How long to wait for the migration lock.
    pub lock_timeout: Duration,
    /// Skip the advisory lock (`PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK`), for poolers that
    /// cannot hold session locks.
    pub skip_lock: bool,
    /// Connection options (for reconnecting after a lost connection).
    pub connect: ConnectOptions,
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            lock_timeout: Duration::from_secs(10),
            skip_lock: false,
            connect: ConnectOptions::default(),
        }
    }
}

/// Progress of a deploy, reported as it happens.
pub trait DeployReporter {
    /// Another session holds the migration lock; we wait for it.
    fn waiting_for_lock(&self, holders: &[LockHolder], timeout: Duration);
    /// A migration starts.
    fn migration_started(&self, name: &str, mode: ExecutionMode, reason: Option<&str>);
    /// A migration was applied and recorded.
    fn migration_applied(&self, name: &str, elapsed: Duration);
    /// A migration whose earlier run was cut off goes on where it stopped (`how`: what had
    /// taken effect).
    fn migration_resumed(&self, name: &str, how: &str) {
        let _ = (name, how);
    }
}

/// A reporter that says nothing (for tests and `--json`).
pub struct SilentReporter;

impl DeployReporter for SilentReporter {
    fn waiting_for_lock(&self, _: &[LockHolder], _: Duration) {}
    fn migration_started(&self, _: &str, _: ExecutionMode, _: Option<&str>) {}
    fn migration_applied(&self, _: &str, _: Duration) {}
}

/// One migration applied by this deploy.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedMigration {
    /// Folder name.
    pub name: String,
    /// How it ran.
    pub mode: ExecutionMode,
    /// Wall time in milliseconds, including recording it.
    pub duration_ms: u64,
    /// Whether it went on from where an earlier, cut-off run stopped.
    pub resumed: bool,
}

/// What a deploy did.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeployOutput {
    /// Migrations applied, in order.
    pub applied: Vec<AppliedMigration>,
    /// Whether `_prisma_migrations` had to be created.
    pub history_table_created: bool,
    /// Things worth knowing that did not stop the deploy (edited or orphaned migrations,
    /// out-of-order names, odd files in the folder).
    pub warnings: Vec<String>,
}

/// What a failed migration left behind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Outcome {
    /// Nothing: it ran in a transaction that was rolled back.
    NothingApplied,
    /// The first `applied` of `total` statements took effect.
    Partial {
        /// Statements that took effect.
        applied: usize,
        /// Statements in the script.
        total: usize,
    },
    /// Unknown: the connection was lost before we could tell.
    Unknown,
}

impl Outcome {
    /// In words, for messages and logs.
    pub fn describe(&self) -> String {
        match self {
            Outcome::NothingApplied => {
                "nothing of it was applied (its transaction was rolled back)".to_string()
            }
            Outcome::Partial { applied: 0, total } => {
                format!("none of its {total} statements took effect")
            }
            Outcome::Partial { applied, total } => format!(
                "statement{} 1{} of {total} took effect, the rest did not",
                if *applied == 1 { "" } else { "s" },
                if *applied == 1 {
                    String::new()
                } else {
                    format!("–{applied}")
                }
            ),
            Outcome::Unknown => {
                "whether any of it took effect is unknown (the connection was lost)".to_string()
            }
        }
    }
}

/// Why a migration stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureCause {
    /// The server rejected a statement.
    Server(ServerError),
    /// The connection was lost.
    ConnectionLost(String),
    /// Another database error.
    Database(String),
}

/// A migration that failed to apply, with everything needed to explain it.
#[derive(Debug, Clone)]
pub struct MigrationFailure {
    /// Folder name.
    pub name: String,
    /// Path of `migration.sql`.
    pub script_path: PathBuf,
    /// The script text.
    pub script: String,
    /// How it ran.
    pub mode: ExecutionMode,
    /// Why it stopped.
    pub cause: FailureCause,
    /// Byte offset of the error in the script, when known.
    pub error_offset: Option<usize>,
    /// Whether `error_offset` is the server's exact position (false: the start of the
    /// failing statement).
    pub exact_position: bool,
    /// 1-based number of the failing statement, when known.
    pub failed_statement: Option<usize>,
    /// What it left behind.
    pub outcome: Outcome,
    /// Whether a failed history row was written (so `migrate resolve` is needed, unless
    /// `retried_by_next_deploy`).
    pub recorded: bool,
    /// The error goes away by itself (a lock or statement timeout, a deadlock): the row is
    /// left resumable, and the next deploy retries the migration from where it stopped.
    pub retried_by_next_deploy: bool,
    /// Migrations this deploy applied before it.
    pub applied_before: Vec<String>,
}

impl MigrationFailure {
    /// The database's message, short.
    pub fn error_summary(&self) -> String {
        match &self.cause {
            FailureCause::Server(e) => e.to_string(),
            FailureCause::ConnectionLost(e) | FailureCause::Database(e) => e.clone(),
        }
    }

    /// What to do next.
    pub fn hints(&self) -> Vec<String> {
        let name = &self.name;
        let mut hints = Vec::new();
        if self.retried_by_next_deploy {
            hints.push("this error goes away by itself (a lock or statement timeout, a deadlock): once what blocked the migration is gone, run `driftless migrate deploy` again; it retries the migration from where it stopped".to_string());
            return hints;
        }
        match (&self.outcome, self.recorded) {
            (Outcome::NothingApplied, true) => {
                hints.push(format!(
                    "fix `{}`, then mark the failed attempt rolled back with `driftless migrate resolve --rolled-back \"{name}\"` and deploy again",
                    self.script_path.display()
                ));
            }
            (Outcome::NothingApplied, false) => {
                hints.push("nothing was recorded; run `driftless migrate deploy` again once the database is reachable".to_string());
            }
            (Outcome::Partial { .. }, _) => {
                hints.push(format!(
                    "either undo the statements that took effect and run `driftless migrate resolve --rolled-back \"{name}\"`, or finish the migration by hand and run `driftless migrate resolve --applied \"{name}\"`"
                ));
            }
            (Outcome::Unknown, _) => {
                hints.push("run `driftless migrate status` once the database is reachable: it shows what was recorded".to_string());
            }
        }
        hints
    }

    /// The text stored in `_prisma_migrations.logs`, in the spirit of Prisma's P3018 report.
    pub fn logs(&self) -> String {
        let mut out = format!(
            "A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: {}\n\n",
            self.name
        );
        match &self.cause {
            FailureCause::Server(e) => {
                out.push_str(&format!(
                    "Database error code: {}\n\nDatabase error:\n{}\n",
                    e.code,
                    e.full_text()
                ));
            }
            FailureCause::ConnectionLost(e) | FailureCause::Database(e) => {
                out.push_str(&format!("Database error:\n{e}\n"));
            }
        }
        if let Some(offset) = self.error_offset {
            let (line, col) = line_col(&self.script, offset);
            out.push_str(&format!("\nPosition: line {line}, column {col}\n"));
        }
        out.push_str(&format!(
            "\ndriftless: ran {}; {}.\n",
            mode_words(self.mode),
            self.outcome.describe()
        ));
        out
    }
}

fn mode_words(mode: ExecutionMode) -> &'static str {
    match mode {
        ExecutionMode::Transaction => "in one transaction with its history row",
        ExecutionMode::Script => "transaction by transaction, as its own BEGIN/COMMIT say",
        ExecutionMode::StatementByStatement => "statement by statement",
    }
}

/// 1-based line and column (characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

/// Byte offset of the `position`-th character (1-based, as PostgreSQL reports it) of `text`.
pub(crate) fn char_position_to_offset(text: &str, position: u32) -> usize {
    let index = usize::try_from(position.saturating_sub(1)).unwrap_or(0);
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(i, _)| i)
}

/// Applies every pending migration of `directory`.
pub async fn migrate_deploy(
    connection: &mut Connection,
    directory: &MigrationsDirectory,
    options: &DeployOptions,
    reporter: &dyn DeployReporter,
    interrupt: &Interrupt,
) -> Result<DeployOutput, EngineError> {
    crate::status::check_provider(directory)?;
    let mut output = DeployOutput {
        warnings: directory.warnings.iter().map(ToString::to_string).collect(),
        ..DeployOutput::default()
    };
    if !options.skip_lock {
        take_lock(connection, options, reporter, interrupt).await?;
    }
    let history = History::new(connection.url().schema.clone());
    output.history_table_created = history.ensure(connection).await?;
    let rows = history
        .rows(connection.client())
        .await
        .map_err(|e| connection.query_error(e, "reading the history table"))?;
    let status = compare_history(directory, Some(&rows));
    let failed = status.blocking_failed_names();
    if !failed.is_empty() {
        return Err(EngineError::FailedMigrationsBlock { names: failed });
    }
    for entry in status.edited() {
        output.warnings.push(format!(
            "migration `{}` was edited after it was applied (its checksum differs); the database keeps what ran then",
            entry.name
        ));
    }
    for orphan in &status.orphans {
        output.warnings.push(format!(
            "migration `{}` is recorded in the database but its folder is not in `{}`",
            orphan.name,
            directory.path.display()
        ));
    }
    let pending: Vec<&Migration> = status
        .pending()
        .iter()
        .filter_map(|name| directory.get(name))
        .collect();
    for entry in status.migrations.iter().filter(|m| m.out_of_order) {
        output.warnings.push(format!(
            "migration `{}` is older than the latest applied one (`{}`): it runs now, after migrations that were written later",
            entry.name,
            status.last_applied.as_deref().unwrap_or("")
        ));
    }
    let resumable: Vec<(&Migration, String, Progress)> = status
        .migrations
        .iter()
        .filter(|m| m.resumable)
        .filter_map(|m| {
            let row = m.row.as_ref()?;
            Some((directory.get(&m.name)?, row.id.clone(), m.progress?))
        })
        .collect();
    if options.skip_lock && !resumable.is_empty() {
        // Without the lock, a row still being written by another deploy looks the same as
        // one a dead run left: refuse, as Prisma does.
        return Err(EngineError::FailedMigrationsBlock {
            names: resumable.iter().map(|(m, _, _)| m.name.clone()).collect(),
        });
    }
    let resumed = resumable.into_iter().map(|(m, id, progress)| {
        (
            m,
            Start::Resume {
                row_id: id,
                progress,
            },
        )
    });
    let fresh = pending.into_iter().map(|m| (m, Start::Fresh));
    for (migration, start) in resumed.chain(fresh) {
        if interrupt.is_triggered() {
            return Err(EngineError::Interrupted {
                during: None,
                outcome: format!(
                    "{} migration{} applied before the interrupt; nothing was left half done",
                    output.applied.len(),
                    if output.applied.len() == 1 {
                        " was"
                    } else {
                        "s were"
                    }
                ),
            });
        }
        let applied = apply_migration(
            connection, &history, migration, start, options, reporter, interrupt,
        )
        .await
        .map_err(|mut e| {
            if let EngineError::MigrationFailed(failure) = &mut e {
                failure.applied_before = output.applied.iter().map(|a| a.name.clone()).collect();
            }
            e
        })?;
        output.applied.push(applied);
    }
    if !options.skip_lock {
        driftless_db::unlock(connection).await?;
    }
    Ok(output)
}

async fn take_lock(
    connection: &Connection,
    options: &DeployOptions,
    reporter: &dyn DeployReporter,
    interrupt: &Interrupt,
) -> Result<(), EngineError> {
    if driftless_db::try_lock(connection).await? {
        return Ok(());
    }
    reporter.waiting_for_lock(&lock_holders(connection).await?, options.lock_timeout);
    let wait = driftless_db::lock(connection, options.lock_timeout);
    tokio::pin!(wait);
    tokio::select! {
        result = &mut wait => Ok(result?),
        () = interrupt.wait() => {
            connection.cancel().await;
            let _ = wait.await;
            Err(EngineError::Interrupted { during: None, outcome: "stopped while waiting for the migration lock; nothing was applied".into() })
        }
    }
}

async fn apply_migration(
    connection: &Connection,
    history: &History,
    migration: &Migration,
    start: Start,
    options: &DeployOptions,
    reporter: &dyn DeployReporter,
    interrupt: &Interrupt,
) -> Result<AppliedMigration, EngineError> {
    let script = migration.script_text().into_owned();
    let analysis = analyze_script(&script, connection.server_version_num());
    let statements: Vec<(usize, &str)> = if analysis.parse_error.is_some() {
        vec![(0, script.as_str())]
    } else {
        (0..analysis.statements.len())
            .map(|i| {
                (
                    analysis.statements[i].range.start,
                    analysis.statement_text(&script, i),
                )
            })
            .collect()
    };
    let units = if analysis.parse_error.is_some() {
        vec![Unit::Transaction {
            range: 0..1,
            opens: false,
            end: UnitEnd::Open,
        }]
    } else {
        units(&script, &analysis)
    };
    let started = Instant::now();
    let resumed = matches!(start, Start::Resume { .. });
    let (row, from) = match start {
        Start::Fresh => {
            reporter.migration_started(&migration.name, analysis.mode, analysis.reason.as_deref());
            (
                RowRef {
                    id: new_row_id(),
                    exists: false,
                },
                0,
            )
        }
        Start::Resume { row_id, progress } => {
            let cannot = |reason: String| EngineError::CannotResume {
                name: migration.name.clone(),
                reason,
            };
            if progress.total != statements.len() {
                return Err(cannot(format!(
                    "its history row counts {} statements, the file has {}",
                    progress.total,
                    statements.len()
                )));
            }
            let mut done = progress.done;
            let mut how = progress.describe();
            if let Some(running) = progress.running {
                if running != done || running >= statements.len() {
                    return Err(cannot(format!(
                        "its history row says statement {} was running after {done} took effect",
                        running + 1
                    )));
                }
                match settle_running_statement(connection, statements[running].1).await? {
                    RunningOutcome::TookEffect => {
                        done = running + 1;
                        how.push_str(": it had taken effect");
                    }
                    RunningOutcome::RunAgain => how.push_str(": it runs again"),
                    RunningOutcome::Unknown(why) => {
                        return Err(cannot(format!(
                            "statement {} was running when the run stopped, and {why}",
                            running + 1
                        )));
                    }
                }
            }
            let from = if done == statements.len() {
                units.len()
            } else {
                units.iter().position(|u| u.start() == done).ok_or_else(|| {
                    cannot(format!(
                        "its history row says {done} statements took effect, which is not where a step of the script ends"
                    ))
                })?
            };
            reporter.migration_resumed(&migration.name, &how);
            (
                RowRef {
                    id: row_id,
                    exists: true,
                },
                from,
            )
        }
    };
    let mut applier = Applier {
        connection,
        connect: &options.connect,
        history,
        migration,
        script: &script,
        analysis: &analysis,
        statements,
        units,
        row,
        interrupt,
    };
    applier.run(from).await?;
    connection.reset_session().await?;
    let elapsed = started.elapsed();
    reporter.migration_applied(&migration.name, elapsed);
    Ok(AppliedMigration {
        name: migration.name.clone(),
        mode: analysis.mode,
        duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
        resumed,
    })
}

/// How a migration's run begins.
enum Start {
    /// From its first statement, with a new history row.
    Fresh,
    /// Where an earlier run stopped, on that run's row.
    Resume { row_id: String, progress: Progress },
}

pub(crate) fn failure(
    migration: &Migration,
    script: &str,
    mode: ExecutionMode,
    cause: FailureCause,
    outcome: Outcome,
) -> MigrationFailure {
    MigrationFailure {
        name: migration.name.clone(),
        script_path: migration.script_path(),
        script: script.to_string(),
        mode,
        cause,
        error_offset: None,
        exact_position: false,
        failed_statement: None,
        outcome,
        recorded: false,
        retried_by_next_deploy: false,
        applied_before: Vec::new(),
    }
}

pub(crate) fn cause_of(error: &DbError) -> FailureCause {
    match error {
        DbError::Server { error, .. } => FailureCause::Server((**error).clone()),
        DbError::ConnectionLost { .. } => FailureCause::ConnectionLost(error.to_string()),
        other => FailureCause::Database(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_characters_to_bytes() {
        assert_eq!(char_position_to_offset("ab", 2), 1);
        assert_eq!(char_position_to_offset("ümlaut x", 8), 8);
        assert_eq!(line_col("a\nbc\nd", 3), (2, 2));
    }

    #[test]
    fn outcomes_read_well() {
        assert_eq!(
            Outcome::Partial {
                applied: 2,
                total: 5
            }
            .describe(),
            "statements 1–2 of 5 took effect, the rest did not"
        );
        assert_eq!(
            Outcome::Partial {
                applied: 1,
                total: 5
            }
            .describe(),
            "statement 1 of 5 took effect, the rest did not"
        );
    }
}
