//! `migrate deploy`: apply pending migrations in name order, under Prisma's advisory lock,
//! recording each in `_prisma_migrations` so that the history never says something the
//! database does not.
//!
//! Each migration runs in the first of these modes that PostgreSQL allows:
//! - **transaction**: the script and its history row in one transaction: applied and
//!   recorded together, or nothing at all (Prisma writes the row separately, so a crash can
//!   leave a half-applied migration behind a row that says otherwise);
//! - **script**: the file has its own `BEGIN`/`COMMIT`: sent whole, as Prisma sends it;
//! - **statement by statement**: the file holds statements PostgreSQL refuses in a
//!   transaction block (`CREATE INDEX CONCURRENTLY`, …). Runs of ordinary statements still
//!   commit together with a progress note in the row, so after a crash the row says exactly
//!   which statements took effect.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use driftless_db::{
    ConnectOptions, Connection, DbError, History, LockHolder, ServerError, lock_holders, new_row_id,
};
use driftless_migrations::{Migration, MigrationsDirectory};
use driftless_sql::{ExecutionMode, ScriptAnalysis, StatementRole, analyze_script};

use crate::error::EngineError;
use crate::interrupt::Interrupt;
use crate::status::compare_history;

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
    /// Whether a failed history row was written (so `migrate resolve` is needed).
    pub recorded: bool,
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
        ExecutionMode::Script => "whole, with its own transaction control",
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
fn char_position_to_offset(text: &str, position: u32) -> usize {
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
    let failed = status.failed_names();
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
    for migration in pending {
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
            connection, &history, migration, options, reporter, interrupt,
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

/// Why running SQL stopped.
enum RunError {
    Failed(DbError),
    Interrupted,
}

/// Runs SQL, cancelling it on the server if the user interrupts.
async fn run(connection: &Connection, sql: &str, interrupt: &Interrupt) -> Result<(), RunError> {
    let query = connection.client().batch_execute(sql);
    tokio::pin!(query);
    tokio::select! {
        result = &mut query => result.map_err(|e| RunError::Failed(connection.query_error(e, "running the migration"))),
        () = interrupt.wait() => {
            connection.cancel().await;
            match query.await {
                Ok(()) => Err(RunError::Interrupted),
                Err(e) => {
                    let error = connection.query_error(e, "running the migration");
                    if error.is_query_canceled() { Err(RunError::Interrupted) } else { Err(RunError::Failed(error)) }
                }
            }
        }
    }
}

/// Retries a history write once if an interrupt's cancel request hit it.
async fn record<F, Fut>(connection: &Connection, what: &str, write: F) -> Result<(), EngineError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), tokio_postgres::Error>>,
{
    match write().await {
        Ok(()) => Ok(()),
        Err(e) => match connection.query_error(e, what) {
            error if error.is_query_canceled() => write()
                .await
                .map_err(|e| EngineError::Db(connection.query_error(e, what))),
            other => Err(other.into()),
        },
    }
}

async fn apply_migration(
    connection: &mut Connection,
    history: &History,
    migration: &Migration,
    options: &DeployOptions,
    reporter: &dyn DeployReporter,
    interrupt: &Interrupt,
) -> Result<AppliedMigration, EngineError> {
    let script = migration.script_text().into_owned();
    let analysis = analyze_script(&script, connection.server_version_num());
    reporter.migration_started(&migration.name, analysis.mode, analysis.reason.as_deref());
    let started = Instant::now();
    match analysis.mode {
        ExecutionMode::Transaction => {
            apply_in_transaction(
                connection, history, migration, &script, &analysis, options, interrupt,
            )
            .await?;
        }
        ExecutionMode::Script => {
            apply_whole_script(
                connection, history, migration, &script, &analysis, interrupt,
            )
            .await?;
        }
        ExecutionMode::StatementByStatement => {
            apply_statement_by_statement(
                connection, history, migration, &script, &analysis, interrupt,
            )
            .await?;
        }
    }
    connection.reset_session().await?;
    let elapsed = started.elapsed();
    reporter.migration_applied(&migration.name, elapsed);
    Ok(AppliedMigration {
        name: migration.name.clone(),
        mode: analysis.mode,
        duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
    })
}

fn failure(
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
        applied_before: Vec::new(),
    }
}

fn cause_of(error: &DbError) -> FailureCause {
    match error {
        DbError::Server { error, .. } => FailureCause::Server((**error).clone()),
        DbError::ConnectionLost { .. } => FailureCause::ConnectionLost(error.to_string()),
        other => FailureCause::Database(other.to_string()),
    }
}

/// Runs the migration's statements in one transaction with its history row, pipelined:
/// `BEGIN`, the row, each statement, the row's completion and `COMMIT` are sent at once and
/// run in order, so a migration costs one round trip, and the first error names its
/// statement. A failing statement aborts the transaction, and the pipelined `COMMIT` of an
/// aborted transaction rolls it back.
async fn apply_in_transaction(
    connection: &mut Connection,
    history: &History,
    migration: &Migration,
    script: &str,
    analysis: &ScriptAnalysis,
    options: &DeployOptions,
    interrupt: &Interrupt,
) -> Result<(), EngineError> {
    let id = new_row_id();
    let statements: Vec<(usize, &str)> = (0..analysis.statements.len())
        .map(|i| (i, analysis.statement_text(script, i)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect();
    let mut pipeline: Vec<String> = Vec::with_capacity(statements.len() + 4);
    pipeline.push("BEGIN".to_string());
    pipeline.push(history.insert_started_sql(&id, &migration.name, &migration.checksum));
    pipeline.extend(statements.iter().map(|(_, text)| (*text).to_string()));
    pipeline.push(history.mark_finished_sql(&id));
    pipeline.push("COMMIT".to_string());
    let outcome = {
        let client = connection.client();
        let all =
            futures_util::future::join_all(pipeline.iter().map(|sql| client.batch_execute(sql)));
        tokio::pin!(all);
        tokio::select! {
            results = &mut all => Ok(results),
            () = interrupt.wait() => {
                connection.cancel().await;
                let results = all.await;
                if results.iter().all(Result::is_ok) { Ok(results) } else { Err(()) }
            }
        }
    };
    let Ok(results) = outcome else {
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        return Err(EngineError::Interrupted {
            during: Some(migration.name.clone()),
            outcome: "its transaction was rolled back: nothing of it was applied or recorded, and a new deploy will apply it".to_string(),
        });
    };
    let Some(first_error) = results
        .into_iter()
        .enumerate()
        .find_map(|(i, r)| r.err().map(|e| (i, e)))
    else {
        return Ok(());
    };
    let (position, error) = first_error;
    let error = connection.query_error(error, "running the migration");
    // Which statement failed: the pipeline is BEGIN, INSERT, the statements, UPDATE, COMMIT.
    let failing = position
        .checked_sub(2)
        .and_then(|i| statements.get(i))
        .map(|(index, _)| *index);
    if error.is_connection_lost() {
        // The transaction died with the connection, unless the COMMIT got through before
        // the connection broke: the row, written in the same transaction, tells which.
        let mut lost = failure(
            migration,
            script,
            ExecutionMode::Transaction,
            cause_of(&error),
            Outcome::Unknown,
        );
        if let Ok(fresh) = Connection::connect(connection.url(), &options.connect).await {
            *connection = fresh;
            if let Ok(rows) = history.rows(connection.client()).await {
                match rows.iter().find(|r| r.id == id) {
                    Some(row) if row.finished_at.is_some() => return Ok(()),
                    _ => lost.outcome = Outcome::NothingApplied,
                }
            }
        }
        return Err(EngineError::MigrationFailed(Box::new(lost)));
    }
    let _ = connection.batch("ROLLBACK", "rolling back").await;
    if interrupt.is_triggered() && error.is_query_canceled() {
        return Err(EngineError::Interrupted {
            during: Some(migration.name.clone()),
            outcome: "its transaction was rolled back: nothing of it was applied or recorded, and a new deploy will apply it".to_string(),
        });
    }
    let Some(failing) = failing else {
        // BEGIN, the history row or COMMIT failed: not the migration's fault.
        return Err(error.into());
    };
    let mut failed = failure(
        migration,
        script,
        ExecutionMode::Transaction,
        cause_of(&error),
        Outcome::NothingApplied,
    );
    let start = analysis.statements[failing].range.start;
    let text = analysis.statement_text(script, failing);
    let position = error.server_error().and_then(|e| e.position);
    failed.exact_position = position.is_some();
    failed.error_offset =
        Some(position.map_or(start, |p| start + char_position_to_offset(text, p)));
    failed.failed_statement = Some(failing + 1);
    let logs = failed.logs();
    let failed_id = new_row_id();
    record(connection, "recording the failed migration", || {
        history.insert_failed(
            connection.client(),
            &failed_id,
            &migration.name,
            &migration.checksum,
            &logs,
        )
    })
    .await?;
    failed.recorded = true;
    Err(EngineError::MigrationFailed(Box::new(failed)))
}

async fn apply_whole_script(
    connection: &Connection,
    history: &History,
    migration: &Migration,
    script: &str,
    analysis: &ScriptAnalysis,
    interrupt: &Interrupt,
) -> Result<(), EngineError> {
    let id = new_row_id();
    history
        .insert_started(
            connection.client(),
            &id,
            &migration.name,
            &migration.checksum,
        )
        .await
        .map_err(|e| connection.query_error(e, "recording the migration"))?;
    let note = "driftless: running (the script manages its own transactions); if this row stays unfinished, the run was interrupted";
    history
        .record_failure(connection.client(), &id, note)
        .await
        .map_err(|e| connection.query_error(e, "recording the migration"))?;
    let error = match run(connection, script, interrupt).await {
        Ok(()) => {
            history
                .mark_finished(connection.client(), &id)
                .await
                .map_err(|e| connection.query_error(e, "recording the migration"))?;
            return Ok(());
        }
        Err(error) => error,
    };
    // Leave whatever transaction the script had open (a no-op warning otherwise).
    let _ = connection.batch("ROLLBACK", "rolling back").await;
    let (cause, offset) = match &error {
        RunError::Interrupted => (
            FailureCause::Database("interrupted by the user".to_string()),
            None,
        ),
        RunError::Failed(e) => (
            cause_of(e),
            e.server_error()
                .and_then(|s| s.position)
                .map(|p| char_position_to_offset(script, p)),
        ),
    };
    let total = analysis.statements.len();
    // In one simple query, everything up to the last COMMIT before the failing statement
    // stays committed; the rest is rolled back with the implicit transaction.
    let outcome = match (
        offset,
        matches!(&error, RunError::Failed(e) if e.is_connection_lost()),
    ) {
        (_, true) => Outcome::Unknown,
        (Some(offset), false) => {
            let failing = analysis
                .statements
                .iter()
                .position(|s| s.range.end >= offset)
                .unwrap_or(total);
            let committed = analysis.statements[..failing]
                .iter()
                .rposition(|s| {
                    s.role == StatementRole::TransactionControl
                        && is_commit(&script[s.range.clone()])
                })
                .map_or(0, |i| i + 1);
            Outcome::Partial {
                applied: committed,
                total,
            }
        }
        (None, false) => Outcome::Unknown,
    };
    let mut failed = failure(migration, script, ExecutionMode::Script, cause, outcome);
    failed.exact_position = offset.is_some();
    failed.error_offset = offset;
    failed.failed_statement = offset.and_then(|o| {
        analysis
            .statements
            .iter()
            .position(|s| s.range.end >= o)
            .map(|i| i + 1)
    });
    let logs = failed.logs();
    if !matches!(&error, RunError::Failed(e) if e.is_connection_lost()) {
        record(connection, "recording the failed migration", || {
            history.record_failure(connection.client(), &id, &logs)
        })
        .await?;
        failed.recorded = true;
    }
    if matches!(error, RunError::Interrupted) {
        return Err(EngineError::Interrupted {
            during: Some(migration.name.clone()),
            outcome: format!(
                "{}; the migration is recorded as failed",
                failed.outcome.describe()
            ),
        });
    }
    Err(EngineError::MigrationFailed(Box::new(failed)))
}

fn is_commit(statement: &str) -> bool {
    let word = statement
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    word == "COMMIT" || word == "END"
}

async fn apply_statement_by_statement(
    connection: &Connection,
    history: &History,
    migration: &Migration,
    script: &str,
    analysis: &ScriptAnalysis,
    interrupt: &Interrupt,
) -> Result<(), EngineError> {
    let total = analysis.statements.len();
    let id = new_row_id();
    history
        .insert_started(
            connection.client(),
            &id,
            &migration.name,
            &migration.checksum,
        )
        .await
        .map_err(|e| connection.query_error(e, "recording the migration"))?;
    let own_transactions = analysis
        .statements
        .iter()
        .any(|s| s.role == StatementRole::TransactionControl);
    let progress = |done: usize, running: Option<usize>| {
        let mut note = format!(
            "driftless: running statement by statement; {done} of {total} statement{} took effect",
            if total == 1 { "" } else { "s" }
        );
        if let Some(index) = running {
            let (line, _) = line_col(script, analysis.statements[index].range.start);
            note.push_str(&format!(
                "; statement {} (line {line}) was running",
                index + 1
            ));
        }
        note.push_str("; if this row stays unfinished, the run was interrupted");
        note
    };
    let mut done = 0;
    let mut index = 0;
    let mut in_own_transaction = false;
    while index < total {
        // A run of ordinary statements commits together with the progress note (unless the
        // script manages transactions itself); a statement that cannot run in a transaction
        // runs alone, after a note saying it started.
        let batch_end = if own_transactions
            || matches!(
                analysis.statements[index].role,
                StatementRole::NoTransaction(_)
            ) {
            index + 1
        } else {
            analysis.statements[index..]
                .iter()
                .position(|s| matches!(s.role, StatementRole::NoTransaction(_)))
                .map_or(total, |p| index + p)
        };
        let wrap = !own_transactions
            && !matches!(
                analysis.statements[index].role,
                StatementRole::NoTransaction(_)
            );
        if !wrap && !in_own_transaction {
            let note = progress(done, Some(index));
            history
                .record_failure(connection.client(), &id, &note)
                .await
                .map_err(|e| connection.query_error(e, "recording progress"))?;
        }
        let mut error = None;
        if wrap {
            if let Err(e) = connection.batch("BEGIN", "starting a transaction").await {
                error = Some((RunError::Failed(e), index));
            }
        }
        if error.is_none() {
            for i in index..batch_end {
                let text = analysis.statement_text(script, i);
                if let Err(e) = run(connection, text, interrupt).await {
                    error = Some((e, i));
                    break;
                }
                if own_transactions {
                    let first = text
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    if analysis.statements[i].role == StatementRole::TransactionControl {
                        in_own_transaction = matches!(first.as_str(), "BEGIN" | "START");
                    }
                }
            }
        }
        if error.is_none() && wrap {
            let note = progress(batch_end, None);
            let commit = async {
                history
                    .record_failure(connection.client(), &id, &note)
                    .await
                    .map_err(|e| connection.query_error(e, "recording progress"))?;
                connection.batch("COMMIT", "committing").await
            };
            if let Err(e) = commit.await {
                error = Some((RunError::Failed(e), batch_end.saturating_sub(1)));
            }
        }
        if let Some((error, failing)) = error {
            let _ = connection.batch("ROLLBACK", "rolling back").await;
            let applied = if wrap {
                done
            } else if own_transactions {
                committed_before(analysis, script, failing)
            } else {
                failing
            };
            let lost = matches!(&error, RunError::Failed(e) if e.is_connection_lost());
            let outcome = if lost && !wrap {
                Outcome::Unknown
            } else {
                Outcome::Partial { applied, total }
            };
            let (cause, offset) = match &error {
                RunError::Interrupted => (
                    FailureCause::Database("interrupted by the user".into()),
                    None,
                ),
                RunError::Failed(e) => {
                    let start = analysis.statements[failing].range.start;
                    let text = analysis.statement_text(script, failing);
                    (
                        cause_of(e),
                        e.server_error()
                            .and_then(|s| s.position)
                            .map(|p| start + char_position_to_offset(text, p)),
                    )
                }
            };
            let mut failed = failure(
                migration,
                script,
                ExecutionMode::StatementByStatement,
                cause,
                outcome,
            );
            failed.exact_position = offset.is_some();
            failed.error_offset = offset.or(Some(analysis.statements[failing].range.start));
            failed.failed_statement = Some(failing + 1);
            if !lost {
                let logs = failed.logs();
                record(connection, "recording the failed migration", || {
                    history.record_failure(connection.client(), &id, &logs)
                })
                .await?;
                failed.recorded = true;
            }
            if matches!(error, RunError::Interrupted) {
                return Err(EngineError::Interrupted {
                    during: Some(migration.name.clone()),
                    outcome: format!(
                        "{}; the migration is recorded as failed",
                        failed.outcome.describe()
                    ),
                });
            }
            return Err(EngineError::MigrationFailed(Box::new(failed)));
        }
        done = batch_end;
        index = batch_end;
    }
    history
        .mark_finished(connection.client(), &id)
        .await
        .map_err(|e| connection.query_error(e, "recording the migration"))?;
    Ok(())
}

/// For a script with its own transactions run statement by statement: how many statements
/// stay in effect when statement `failing` fails (everything before it, minus an open
/// transaction that the failure rolls back).
fn committed_before(analysis: &ScriptAnalysis, script: &str, failing: usize) -> usize {
    let mut committed = 0;
    let mut in_transaction = false;
    for (i, statement) in analysis.statements[..failing].iter().enumerate() {
        if statement.role == StatementRole::TransactionControl {
            let first = script[statement.range.clone()]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            match first.as_str() {
                "BEGIN" | "START" => in_transaction = true,
                _ => {
                    in_transaction = false;
                    committed = i + 1;
                }
            }
        } else if !in_transaction {
            committed = i + 1;
        }
    }
    committed
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

    #[test]
    fn committed_statements_in_scripts_with_their_own_transactions() {
        let script = "CREATE TABLE a (i int); BEGIN; CREATE TABLE b (i int); COMMIT; BEGIN; CREATE TABLE c (i int); CREATE INDEX CONCURRENTLY x ON a (i)";
        let analysis = analyze_script(script, 150_000);
        assert_eq!(committed_before(&analysis, script, 6), 4);
        assert_eq!(committed_before(&analysis, script, 2), 1);
    }
}
