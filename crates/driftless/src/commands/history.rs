//! `history show | backup | restore`: the `_prisma_migrations` table itself, so that nobody
//! repairs it by hand with `DELETE` and `UPDATE` again — and any change can be undone.

use driftless_db::{History, RowState, format_timestamp};
use driftless_engine::EngineError;
use driftless_engine::backup::{BackupLabel, BackupSource, SchemaDump};
use driftless_engine::guard::{Action, protection};
use driftless_engine::history_restore::{SavedHistory, restore_history};

use super::guarded::authorize;
use super::{CommandResult, Context, connect, discover, seconds, skip_lock};
use crate::cli::RestoreArgs;
use crate::exit;
use crate::printer::Paint;

/// Runs `history show`.
pub async fn show(context: &Context) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let (connection, _target) = connect(context, &project).await?;
    let history = History::new(connection.url().schema.clone());
    let rows = if history.exists(&connection).await? {
        Some(
            history
                .rows(connection.client())
                .await
                .map_err(|e| connection.query_error(e, "reading the history table"))?,
        )
    } else {
        None
    };
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "history show",
            "historyTableExists": rows.is_some(),
            "rows": rows,
        }));
        return Ok(exit::SUCCESS);
    }
    let Some(rows) = rows else {
        printer.out("The database has no `_prisma_migrations` table.");
        return Ok(exit::SUCCESS);
    };
    if rows.is_empty() {
        printer.out("`_prisma_migrations` is empty.");
        return Ok(exit::SUCCESS);
    }
    let width = rows
        .iter()
        .map(|r| r.migration_name.len())
        .max()
        .unwrap_or(0)
        .max("migration".len());
    printer.out(&format!(
        "{:width$}  {:11}  {:5}  {:26}  {:26}  checksum",
        "migration", "state", "steps", "started", "finished / rolled back"
    ));
    for row in &rows {
        let state = match row.state() {
            RowState::Applied if row.applied_steps_count == 0 => "recorded".to_string(),
            RowState::Applied => "applied".to_string(),
            RowState::Failed => printer.out_paint(Paint::Red, "failed     "),
            RowState::RolledBack => "rolled back".to_string(),
        };
        let end = row
            .rolled_back_at
            .or(row.finished_at)
            .map(format_timestamp)
            .unwrap_or_default();
        printer.out(&format!(
            "{:width$}  {state:11}  {:5}  {:26}  {:26}  {}",
            row.migration_name,
            row.applied_steps_count,
            format_timestamp(row.started_at),
            end,
            row.checksum.chars().take(12).collect::<String>()
        ));
        if let Some(logs) = row.logs.as_deref().filter(|l| !l.trim().is_empty()) {
            let first = logs
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("ERROR"))
                .or_else(|| logs.lines().map(str::trim).find(|l| !l.is_empty()))
                .unwrap_or_default();
            printer.out(&format!("{:width$}  └ {first}", ""));
        }
    }
    printer.out("");
    let recorded = rows
        .iter()
        .any(|r| r.state() == RowState::Applied && r.applied_steps_count == 0);
    printer.out(&format!(
        "{} row{}{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if recorded {
            " (\"recorded\": applied without running, 0 steps: `migrate resolve --applied` or a row written by hand)"
        } else {
            ""
        }
    ));
    Ok(exit::SUCCESS)
}

/// Runs `history backup`.
pub async fn backup(context: &Context) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let (connection, target) = connect(context, &project).await?;
    let source = BackupSource::read(&connection).await?;
    let backup = source.write(
        &project.root,
        BackupLabel {
            action: "backup",
            environment: target.environment.as_ref().map(|e| e.name.as_str()),
            protected: protection(&target).protected,
        },
    )?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "history backup",
            "backup": backup,
        }));
        return Ok(exit::SUCCESS);
    }
    printer.out(&format!("Saved to {}", project.display(&backup.dir)));
    match backup.history_rows {
        Some(n) => printer.out(&format!(
            "  _prisma_migrations.json: {n} row{}",
            if n == 1 { "" } else { "s" }
        )),
        None => {
            printer.out("  the database has no history table (restoring this backup removes it)")
        }
    }
    match &backup.schema {
        SchemaDump::Written { .. } => printer.out("  schema.sql: schema-only pg_dump"),
        SchemaDump::PgDumpMissing => printer.warn(
            "`pg_dump` is not installed: only the history was saved (install PostgreSQL's client programs, or set `DRIFTLESS_PG_DUMP`)",
        ),
        SchemaDump::PgDumpFailed { message } => {
            printer.warn(&format!("`pg_dump` failed: {message}; only the history was saved"))
        }
    }
    printer.out("");
    printer.out(&format!(
        "Restore it with `driftless history restore {}`",
        project.display(&backup.dir)
    ));
    Ok(exit::SUCCESS)
}

/// Runs `history restore`.
pub async fn restore(context: &Context, args: &RestoreArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let path = if args.path.is_absolute() {
        args.path.clone()
    } else {
        project.root.join(&args.path)
    };
    let saved = SavedHistory::read(&path)?;
    let (connection, target) = connect(context, &project).await?;
    if let Some(database) = &saved.database {
        if database != &target.url.database && !args.force {
            return Err(EngineError::NeedsConfirmation {
                message: format!(
                    "the backup was taken from database `{database}`{}, and this is `{}` at `{}`: restoring another database's history would make it lie. Pass `--force` if that is really what you want",
                    saved
                        .host
                        .as_ref()
                        .map(|h| format!(" at `{h}`"))
                        .unwrap_or_default(),
                    target.url.database,
                    target.url.host_display()
                ),
            }
            .into());
        }
    }
    let source = BackupSource::read(&connection).await?;
    let authorized = authorize(
        context,
        &project,
        &target,
        Action::RestoreHistory,
        Some(&source),
    )?;
    let output = restore_history(
        &connection,
        &saved,
        seconds(args.lock_timeout),
        skip_lock(context, &project),
    )
    .await?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "history restore",
            "result": output,
            "authorization": authorized,
        }));
        return Ok(exit::SUCCESS);
    }
    match output.rows_after {
        Some(n) => printer.out(&format!(
            "The history now holds the {n} saved row{}{} (it held {}).",
            if n == 1 { "" } else { "s" },
            saved
                .created_at
                .as_ref()
                .map(|t| format!(" of {t}"))
                .unwrap_or_default(),
            output
                .rows_before
                .map_or("no table".to_string(), |b| format!("{b}"))
        )),
        None => printer.out("The history table was removed, as it was when the backup was taken."),
    }
    if let Some(backup) = &authorized.backup {
        printer.out(&format!(
            "The history it replaced is saved in {}.",
            project.display(&backup.dir)
        ));
    }
    Ok(exit::SUCCESS)
}
