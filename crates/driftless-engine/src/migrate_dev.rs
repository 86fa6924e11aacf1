//! `migrate dev`: turn the difference between the migration history and schema.prisma into
//! a new migration, and apply it — never resetting a database on its own.
//!
//! 1. The history is checked: failed or edited migrations stop the command with what to do.
//! 2. The history's schema is computed (replayed into a temporary database), and the live
//!    database is compared with what the applied migrations produce: drift stops the
//!    command, naming every object, instead of Prisma's "reset the database?".
//! 3. Pending migrations are applied.
//! 4. The difference between the whole history and schema.prisma becomes
//!    `migrations/<UTC timestamp>_<name>/migration.sql`, with Prisma's warnings header.
//! 5. Unless `--create-only`, the new migration is applied like `migrate deploy` — except
//!    when it would lose data or cannot run on the data as it is: then the file is written
//!    for review and the command says why it did not apply it.

use std::path::PathBuf;
use std::time::Duration;

use driftless_db::{ConnectOptions, Connection};
use driftless_diagnostics::Style;
use driftless_diff::{DiffMode, Side, summarize, warnings};
use driftless_migrations::{
    LOCKFILE_NAME, MigrationsDirectory, lockfile_contents, migration_folder_name,
};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

use crate::data_checks::{CheckedWarning, check_warnings};
use crate::deploy::{AppliedMigration, DeployOptions, DeployReporter, migrate_deploy};
use crate::diff::compare;
use crate::error::EngineError;
use crate::history::{
    HistoryOptions, ReplayMethod, ShadowServer, extension_versions, history_schemas,
};
use crate::interrupt::Interrupt;
use crate::project::Project;
use crate::schema_file::load_project_schema;
use crate::status::{MigrationState, compare_history};

/// Options of `migrate dev`.
#[derive(Debug, Clone)]
pub struct DevOptions {
    /// `--name`.
    pub name: Option<String>,
    /// `--create-only`: write the migration, do not apply it.
    pub create_only: bool,
    /// Apply a migration with data-loss warnings without asking (the caller asked the user,
    /// or `--accept-data-loss`).
    pub accept_data_loss: bool,
    /// Migration lock wait.
    pub lock_timeout: Duration,
    /// Skip the advisory lock.
    pub skip_lock: bool,
    /// Connection options.
    pub connect: ConnectOptions,
}

/// What `migrate dev` did.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DevOutput {
    /// Pending migrations applied first.
    pub applied_pending: Vec<AppliedMigration>,
    /// The new migration's folder name, if one was written.
    pub created: Option<String>,
    /// Its path.
    pub path: Option<PathBuf>,
    /// Whether the new migration was applied.
    pub applied: bool,
    /// Why it was not applied, when it was written but not applied.
    pub not_applied_because: Option<String>,
    /// Its warnings, checked against the data.
    pub warnings: Vec<CheckedWarning>,
}

/// Asks the user for things (`--name` when missing, confirmation of data loss); `None`
/// when there is no terminal.
pub trait Prompt {
    /// A name for the new migration.
    fn migration_name(&self) -> Option<String>;
    /// Whether to apply a migration with these data-loss warnings.
    fn confirm_data_loss(&self, warnings: &[CheckedWarning]) -> Option<bool>;
    /// Called before anything is applied, with the migrations about to be; an error (the
    /// guard's refusal on a protected database) stops the command.
    fn before_apply(&self, _migrations: &[String]) -> Result<(), EngineError> {
        Ok(())
    }
}

/// Runs `migrate dev`.
#[allow(clippy::too_many_arguments)]
pub async fn migrate_dev(
    project: &Project,
    connection: &mut Connection,
    directory: &MigrationsDirectory,
    options: &DevOptions,
    prompt: &dyn Prompt,
    reporter: &dyn DeployReporter,
    interrupt: &Interrupt,
    style: Style,
) -> Result<DevOutput, EngineError> {
    crate::status::check_provider(directory)?;
    let url = connection.url().clone();
    let namespaces = match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![url.schema.clone()],
    };
    let target = {
        let path = project
            .schema_path
            .clone()
            .ok_or_else(|| EngineError::SchemaNotFound { looked: Vec::new() })?;
        load_project_schema(project, &path, &url.schema, style)?.schema
    };

    // 1. The history as recorded.
    let history = driftless_db::History::new(url.schema.clone());
    let rows = if history.exists(connection).await? {
        history
            .rows(connection.client())
            .await
            .map_err(|e| connection.query_error(e, "reading the history table"))?
    } else {
        Vec::new()
    };
    let status = compare_history(directory, Some(&rows));
    let failed = status.failed_names();
    if !failed.is_empty() {
        return Err(EngineError::FailedMigrationsBlock { names: failed });
    }
    let edited: Vec<String> = status.edited().map(|m| m.name.clone()).collect();
    if !edited.is_empty() {
        return Err(EngineError::Other(format!(
            "applied migration{} {} {} been edited since {} ran; restore the file{} from version control (the database holds what ran), or put the change in a new migration",
            if edited.len() == 1 { "" } else { "s" },
            edited
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if edited.len() == 1 { "has" } else { "have" },
            if edited.len() == 1 { "it" } else { "they" },
            if edited.len() == 1 { "" } else { "s" },
        )));
    }

    // 2. What the applied migrations and the whole history produce.
    let applied_names: Vec<String> = status
        .migrations
        .iter()
        .filter(|m| m.state == MigrationState::Applied)
        .map(|m| m.name.clone())
        .collect();
    let (applied_schema, history_schema) = replay_twice(
        project,
        directory,
        &applied_names,
        &namespaces,
        &options.connect,
        connection,
    )
    .await?;
    let live = driftless_db::introspect(connection, &namespaces).await?;
    let drift = compare(Pair::new(&applied_schema, &live), DiffMode::Exact);
    if !drift.is_empty() {
        return Err(EngineError::Drift {
            summary: summarize(&drift, Pair::new(&applied_schema, &live)),
            script: render_script(
                &drift,
                Pair::new(&applied_schema, &live),
                &RenderOptions {
                    default_schema: url.schema.clone(),
                },
            ),
        });
    }

    // 3. Pending migrations.
    let deploy = DeployOptions {
        lock_timeout: options.lock_timeout,
        skip_lock: options.skip_lock,
        connect: options.connect.clone(),
    };
    let applied_pending = if status.pending().is_empty() {
        Vec::new()
    } else {
        let names: Vec<String> = status.pending().iter().map(|n| (*n).to_string()).collect();
        prompt.before_apply(&names)?;
        migrate_deploy(connection, directory, &deploy, reporter, interrupt)
            .await?
            .applied
    };

    // 4. The new migration.
    let migration = compare(
        Pair::new(&history_schema, &target),
        DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
    );
    // With `--create-only`, no change still makes an (empty) migration, as in Prisma: the
    // way to start a hand-written one.
    if migration.is_empty() && !options.create_only {
        return Ok(DevOutput {
            applied_pending,
            created: None,
            path: None,
            applied: false,
            not_applied_because: None,
            warnings: Vec::new(),
        });
    }
    let name = match &options.name {
        Some(name) => name.clone(),
        None => prompt.migration_name().ok_or_else(|| EngineError::NeedsConfirmation {
            message: "a name for the new migration is needed and there is no terminal to ask: pass `--name <name>`".to_string(),
        })?,
    };
    let checked = check_warnings(
        connection,
        warnings(&migration, Pair::new(&history_schema, &target)),
    )
    .await?;
    let script = render_script(
        &migration,
        Pair::new(&history_schema, &target),
        &RenderOptions {
            default_schema: url.schema.clone(),
        },
    );
    // 5. Apply it, unless that would lose data or cannot work.
    let blocking: Vec<&CheckedWarning> = checked.iter().filter(|w| w.blocks()).collect();
    let losing: Vec<CheckedWarning> = checked
        .iter()
        .filter(|w| w.warning.kind == driftless_diff::WarningKind::DataLoss && w.matters())
        .cloned()
        .collect();
    let not_applied_because = if options.create_only {
        Some("--create-only".to_string())
    } else if !blocking.is_empty() {
        Some(format!(
            "it cannot run on the data as it is: {}",
            blocking
                .iter()
                .map(|w| w.describe())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    } else if !losing.is_empty()
        && !options.accept_data_loss
        && prompt.confirm_data_loss(&losing) != Some(true)
    {
        Some("it would lose data and that was not confirmed".to_string())
    } else {
        None
    };
    // The guard is asked before the file is written: a refused command leaves nothing.
    if not_applied_because.is_none() {
        prompt.before_apply(std::slice::from_ref(&name))?;
    }
    let (folder, path) = write_migration(directory, &name, &checked, &script)?;
    let applied = if not_applied_because.is_none() {
        let directory = MigrationsDirectory::read(&directory.path)?;
        migrate_deploy(connection, &directory, &deploy, reporter, interrupt).await?;
        true
    } else {
        false
    };
    Ok(DevOutput {
        applied_pending,
        created: Some(folder),
        path: Some(path),
        applied,
        not_applied_because,
        warnings: checked,
    })
}

/// The schemas of the applied migrations and of the whole history: in memory when the
/// replay is sure of itself, else in one temporary database (see [`crate::history`]).
async fn replay_twice(
    project: &Project,
    directory: &MigrationsDirectory,
    applied: &[String],
    namespaces: &[String],
    options: &ConnectOptions,
    connection: &Connection,
) -> Result<(Schema, Schema), EngineError> {
    let shadow = match project.shadow_url() {
        Ok(Some(url)) => ShadowServer::Available(url),
        Ok(None) => match project.database_target().await {
            Ok(target) => ShadowServer::Available(target.url),
            Err(e) => ShadowServer::Unavailable(e.to_string()),
        },
        Err(e) => ShadowServer::Unavailable(e.to_string()),
    };
    // Applied migrations first, then the others, as deploying onto the database would.
    let mut ordered: Vec<driftless_migrations::Migration> = directory
        .migrations
        .iter()
        .filter(|m| applied.contains(&m.name))
        .cloned()
        .collect();
    let applied_count = ordered.len();
    ordered.extend(
        directory
            .migrations
            .iter()
            .filter(|m| !applied.contains(&m.name))
            .cloned(),
    );
    let history = HistoryOptions {
        method: ReplayMethod::Auto,
        default_schema: connection.url().schema.clone(),
        namespaces: namespaces.to_vec(),
        shadow,
        connect: options.clone(),
        extension_versions: extension_versions(connection).await,
        interrupt: crate::interrupt::Interrupt::new(),
        cache: None,
    };
    let result = history_schemas(&ordered, &[applied_count, ordered.len()], &history).await?;
    let mut schemas = result.schemas.into_iter();
    let first = schemas.next().unwrap_or_default();
    let second = schemas.next().unwrap_or_default();
    Ok((first, second))
}

/// Writes `migrations/<timestamp>_<name>/migration.sql` (and `migration_lock.toml` when
/// missing), as Prisma writes them: the warnings header, the script ending with `;\n`.
fn write_migration(
    directory: &MigrationsDirectory,
    name: &str,
    warnings: &[CheckedWarning],
    script: &str,
) -> Result<(String, PathBuf), EngineError> {
    let io = |e: std::io::Error| EngineError::Other(format!("cannot write the migration: {e}"));
    fs_err::create_dir_all(&directory.path).map_err(io)?;
    let mut now = time::OffsetDateTime::now_utc();
    let (folder, path) = loop {
        let stamp = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        );
        let folder = migration_folder_name(&stamp, name);
        let path = directory.path.join(&folder);
        if !path.exists() {
            break (folder, path);
        }
        now += time::Duration::seconds(1);
    };
    let mut text = String::new();
    let shown: Vec<&CheckedWarning> = warnings
        .iter()
        .filter(|w| w.warning.kind != driftless_diff::WarningKind::Locking)
        .collect();
    if !shown.is_empty() {
        text.push_str("/*\n  Warnings:\n\n");
        for warning in shown {
            text.push_str(&format!("  - {}\n", warning.warning.message));
        }
        text.push_str("\n*/\n");
    }
    if script.starts_with("-- This is an empty migration.") {
        // Prisma writes this one line without a newline.
        text.push_str("-- This is an empty migration.");
    } else {
        text.push_str(script.strip_suffix('\n').unwrap_or(script));
    }
    fs_err::create_dir_all(&path).map_err(io)?;
    fs_err::write(path.join(driftless_migrations::SCRIPT_NAME), text).map_err(io)?;
    let lockfile = directory.path.join(LOCKFILE_NAME);
    if !lockfile.exists() {
        fs_err::write(&lockfile, lockfile_contents("postgresql")).map_err(io)?;
    }
    Ok((folder, path))
}
