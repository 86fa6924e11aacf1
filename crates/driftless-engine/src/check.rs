//! `check`: the pre-deploy gate. Would deploying now fail, lose data, or block the
//! application? Reads the database and the migrations folder, changes nothing.
//!
//! It reports, each as its own [`CheckProblem`]: unresolved failed migrations, history
//! rows without a folder, duplicate rows, applied migrations edited since, a database with
//! tables but no history, drift (the live schema differs from what the applied migrations
//! produce: replayed in a temporary database when a server for one is at hand), pending
//! migrations whose statements cannot run on the data or would lose data (checked against
//! the data), strong locks on tables with rows, the migration lock held by another session,
//! and pending migrations.

use std::path::PathBuf;

use driftless_db::{ConnectOptions, Connection, LockHolder};
use driftless_diff::{DiffMode, WarningKind, summarize};
use driftless_migrations::MigrationsDirectory;
use driftless_schema::Pair;
use driftless_sql::render::{RenderOptions, render_script};

use crate::data_checks::{CheckedWarning, check_warnings};
use crate::diff::compare;
use crate::error::EngineError;
use crate::hazards::{NewTables, script_hazards};
use crate::history::{
    HistoryOptions, ReplayMethod, ShadowServer, UsedMethod, extension_versions, history_schema,
};
use crate::project::{DatabaseTarget, Project};
use crate::status::{HistoryStatus, MigrationState, read_status};

/// Options of `check`.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Pending migrations are expected (the gate runs right before `migrate deploy`).
    pub allow_pending: bool,
    /// Data-loss steps in pending migrations were reviewed and are wanted.
    pub allow_data_loss: bool,
    /// Strong locks on tables with rows block too.
    pub strict: bool,
    /// Skip the drift check.
    pub skip_drift: bool,
    /// Whether the database is protected (drift is then checked only on a configured
    /// shadow database server, never by creating a temporary database next to it).
    pub protected: bool,
    /// Connection options.
    pub connect: ConnectOptions,
}

/// A reason not to deploy, in the order of precedence of the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckProblem {
    /// A migration failed and is not resolved: deploy refuses (P3009).
    FailedMigrations,
    /// The database records migrations that are not in the folder.
    MissingLocally,
    /// A migration is recorded more than once.
    DuplicateRows,
    /// An applied migration was edited since.
    EditedMigrations,
    /// The database has tables but no migration history.
    NotManaged,
    /// The live schema differs from what the applied migrations produce.
    Drift,
    /// A pending migration has a step that cannot run on the data as it is.
    Unexecutable,
    /// A pending migration would lose data.
    DataLoss,
    /// Another session holds the migration lock.
    LockHeld,
    /// A pending migration takes a strong lock on a table with rows (`--strict`).
    Locking,
    /// Migrations are pending.
    PendingMigrations,
}

/// One hazard of a pending migration, checked against the data.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckedHazard {
    /// The statement's first line in the file.
    pub line: usize,
    /// The statement on one line.
    pub statement: String,
    /// The warning with its count.
    #[serde(flatten)]
    pub checked: CheckedWarning,
    /// Whether it blocks the deploy (with the options given).
    pub blocking: bool,
}

/// A pending migration and its hazards.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingMigration {
    /// Its name.
    pub name: String,
    /// Its `migration.sql`.
    pub file: PathBuf,
    /// It was rolled back before.
    pub rolled_back_before: bool,
    /// Its name sorts before the latest applied migration.
    pub out_of_order: bool,
    /// What its statements can do.
    pub hazards: Vec<CheckedHazard>,
    /// PostgreSQL's grammar cannot read it (the server will refuse it too).
    pub parse_error: Option<String>,
}

/// The outcome of the drift check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum DriftCheck {
    /// Not checked, and why.
    NotChecked {
        /// Why.
        reason: String,
    },
    /// The live schema is what the applied migrations produce.
    InSync,
    /// It is not.
    Drifted {
        /// Prisma-style summary (history → database).
        summary: String,
        /// The SQL that turns the history's schema into the database's.
        script: String,
    },
}

/// Everything `check` found.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// The history compared with the folder.
    pub status: HistoryStatus,
    /// Whether the database has tables of its own.
    pub database_has_tables: bool,
    /// Pending migrations with their hazards, in the order deploy applies them.
    pub pending: Vec<PendingMigration>,
    /// Drift.
    pub drift: DriftCheck,
    /// Sessions holding or waiting for the migration lock.
    pub lock_holders: Vec<LockHolder>,
    /// Reasons not to deploy, most severe first.
    pub problems: Vec<CheckProblem>,
}

/// Runs the gate.
pub async fn check(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    target: &DatabaseTarget,
    options: &CheckOptions,
) -> Result<CheckReport, EngineError> {
    let (status, has_tables) = read_status(connection, directory).await?;
    let url = connection.url().clone();
    let namespaces = match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![url.schema.clone()],
    };

    // Pending migrations and what their statements do to the data.
    let mut tables = NewTables::new(&url.schema);
    let mut pending = Vec::new();
    for entry in status.in_state(MigrationState::Pending) {
        let Some(migration) = directory.get(&entry.name) else {
            continue;
        };
        let script = String::from_utf8_lossy(&migration.script);
        let found = script_hazards(&script, &mut tables);
        let lines: Vec<(usize, String)> = found
            .hazards
            .iter()
            .map(|h| (h.line, h.statement.clone()))
            .collect();
        let checked = check_warnings(
            connection,
            found.hazards.into_iter().map(|h| h.warning).collect(),
        )
        .await?;
        let hazards = checked
            .into_iter()
            .zip(lines)
            .map(|(checked, (line, statement))| {
                let blocking = checked.matters()
                    && match checked.warning.kind {
                        WarningKind::DataLoss => !options.allow_data_loss,
                        WarningKind::Unexecutable => true,
                        WarningKind::Locking => options.strict,
                    };
                CheckedHazard {
                    line,
                    statement,
                    checked,
                    blocking,
                }
            })
            .collect();
        pending.push(PendingMigration {
            name: entry.name.clone(),
            file: migration.dir.join(driftless_migrations::SCRIPT_NAME),
            rolled_back_before: entry.rolled_back_rows > 0,
            out_of_order: entry.out_of_order,
            hazards,
            parse_error: found.parse_error,
        });
    }

    let drift = if options.skip_drift {
        DriftCheck::NotChecked {
            reason: "`--skip-drift` was given".to_string(),
        }
    } else {
        check_drift(connection, directory, &status, target, &namespaces, options).await
    };
    let lock_holders = driftless_db::lock_holders(connection).await?;

    let mut problems = Vec::new();
    if !status.failed_names().is_empty() {
        problems.push(CheckProblem::FailedMigrations);
    }
    if !status.orphans.is_empty() {
        problems.push(CheckProblem::MissingLocally);
    }
    if !status.duplicates.is_empty() {
        problems.push(CheckProblem::DuplicateRows);
    }
    if status.edited().next().is_some() {
        problems.push(CheckProblem::EditedMigrations);
    }
    if !status.history_table_exists && has_tables {
        problems.push(CheckProblem::NotManaged);
    }
    if matches!(drift, DriftCheck::Drifted { .. }) {
        problems.push(CheckProblem::Drift);
    }
    let blocking_kind = |kind: WarningKind| {
        pending.iter().any(|p| {
            p.hazards
                .iter()
                .any(|h| h.blocking && h.checked.warning.kind == kind)
        })
    };
    if blocking_kind(WarningKind::Unexecutable) || pending.iter().any(|p| p.parse_error.is_some()) {
        problems.push(CheckProblem::Unexecutable);
    }
    if blocking_kind(WarningKind::DataLoss) {
        problems.push(CheckProblem::DataLoss);
    }
    if lock_holders.iter().any(|h| h.granted) {
        problems.push(CheckProblem::LockHeld);
    }
    if blocking_kind(WarningKind::Locking) {
        problems.push(CheckProblem::Locking);
    }
    if !pending.is_empty() && !options.allow_pending {
        problems.push(CheckProblem::PendingMigrations);
    }
    Ok(CheckReport {
        status,
        database_has_tables: has_tables,
        pending,
        drift,
        lock_holders,
        problems,
    })
}

/// Replays the applied migrations in a temporary database and compares the result with
/// the live schema.
async fn check_drift(
    connection: &Connection,
    directory: &MigrationsDirectory,
    status: &HistoryStatus,
    target: &DatabaseTarget,
    namespaces: &[String],
    options: &CheckOptions,
) -> DriftCheck {
    let not_checked = |reason: &str| DriftCheck::NotChecked {
        reason: reason.to_string(),
    };
    if !status.history_table_exists {
        return not_checked("the database has no migration history");
    }
    if !status.failed_names().is_empty() || !status.orphans.is_empty() {
        return not_checked(
            "the history has failed migrations or migrations missing from the folder: resolve them first",
        );
    }
    if status.edited().next().is_some() {
        return not_checked(
            "applied migrations were edited since they ran: their files no longer say what ran",
        );
    }
    let shadow = match (&target.shadow, options.protected) {
        (Some(shadow), _) => ShadowServer::Available(shadow.clone()),
        (None, false) => ShadowServer::Available(target.url.clone()),
        (None, true) => ShadowServer::Unavailable(
            "the database is protected and no shadow database server is configured (set `shadow_url` for its environment in driftless.toml, or `shadowDatabaseUrl`); driftless never creates temporary databases next to a protected one".to_string(),
        ),
    };
    let applied: Vec<&str> = status
        .in_state(MigrationState::Applied)
        .map(|m| m.name.as_str())
        .collect();
    let applied_only: Vec<driftless_migrations::Migration> = directory
        .migrations
        .iter()
        .filter(|m| applied.contains(&m.name.as_str()))
        .cloned()
        .collect();
    // In memory when the replay is sure of itself: no temporary database needed.
    let history = HistoryOptions {
        method: ReplayMethod::Auto,
        default_schema: connection.url().schema.clone(),
        namespaces: namespaces.to_vec(),
        shadow,
        connect: options.connect.clone(),
        extension_versions: extension_versions(connection).await,
        interrupt: crate::interrupt::Interrupt::new(),
        cache: None,
    };
    let replayed = match history_schema(&applied_only, &history).await {
        Ok(result) if result.method == UsedMethod::Memory && result.reason.is_some() => {
            return DriftCheck::NotChecked {
                reason: result.reason.unwrap_or_default(),
            };
        }
        Ok(result) => result.schema,
        Err(e) => {
            return DriftCheck::NotChecked {
                reason: format!("the applied migrations could not be replayed: {e}"),
            };
        }
    };
    let live = match driftless_db::introspect(connection, namespaces).await {
        Ok(schema) => schema,
        Err(e) => {
            return DriftCheck::NotChecked {
                reason: format!("the database could not be read: {e}"),
            };
        }
    };
    let drift = compare(Pair::new(&replayed, &live), DiffMode::Exact);
    if drift.is_empty() {
        return DriftCheck::InSync;
    }
    DriftCheck::Drifted {
        summary: summarize(&drift, Pair::new(&replayed, &live)),
        script: render_script(
            &drift,
            Pair::new(&replayed, &live),
            &RenderOptions {
                default_schema: connection.url().schema.clone(),
            },
        ),
    }
}
