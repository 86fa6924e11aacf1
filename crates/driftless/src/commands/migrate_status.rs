//! `migrate status`: Prisma's report, then what Prisma does not say (edited migrations,
//! rows without a folder, duplicate rows, migrations recorded without being run), with an
//! exit code per class of problem.

use driftless_diagnostics::Style;
use driftless_engine::drift::{DriftScope, Known, Section, drift_report_from};
use driftless_engine::status::{FileCheck, HistoryStatus, MigrationState, read_status};

use super::drift::print_section;

use super::{
    CommandResult, Context, connect, discover, history_options, managed_namespaces,
    migrations_found_line, read_migrations, target_flags,
};
use crate::cli::StatusArgs;
use crate::exit;
use crate::printer::Paint;

/// A problem class, in the order of precedence for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
enum Problem {
    FailedMigrations,
    MissingLocally,
    DuplicateRows,
    EditedMigrations,
    NotManaged,
    Drift,
    PendingMigrations,
}

impl Problem {
    fn exit_code(self) -> u8 {
        match self {
            Problem::FailedMigrations => exit::STATUS_FAILED,
            Problem::MissingLocally => exit::STATUS_MISSING_LOCALLY,
            Problem::DuplicateRows => exit::STATUS_DUPLICATES,
            Problem::EditedMigrations => exit::STATUS_EDITED,
            Problem::NotManaged => exit::STATUS_NOT_MANAGED,
            Problem::Drift => exit::DRIFT,
            Problem::PendingMigrations => exit::STATUS_PENDING,
        }
    }
}

fn problems(status: &HistoryStatus, database_has_tables: bool, drifted: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !status.blocking_failed_names().is_empty() {
        problems.push(Problem::FailedMigrations);
    }
    if !status.orphans.is_empty() {
        problems.push(Problem::MissingLocally);
    }
    if !status.duplicates.is_empty() {
        problems.push(Problem::DuplicateRows);
    }
    if status.edited().next().is_some() {
        problems.push(Problem::EditedMigrations);
    }
    if !status.history_table_exists && database_has_tables {
        problems.push(Problem::NotManaged);
    }
    if drifted {
        problems.push(Problem::Drift);
    }
    if !status.pending().is_empty() || status.resumable().next().is_some() {
        problems.push(Problem::PendingMigrations);
    }
    problems
}

/// Runs `migrate status`.
pub async fn run(context: &Context, args: &StatusArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    project.require_schema()?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    // The history, the extension versions and the catalog fingerprint are read at once
    // (pipelined on the one connection).
    let want_drift = !args.no_drift;
    let (read, history, fingerprint) = tokio::join!(
        read_status(&connection, &directory),
        async {
            match want_drift {
                true => Some(
                    history_options(
                        &project,
                        &connection,
                        &target,
                        &args.replay,
                        false,
                        &context.interrupt,
                    )
                    .await,
                ),
                false => None,
            }
        },
        async {
            match want_drift && !project.env.flag("DRIFTLESS_NO_CACHE") {
                true => driftless_db::fingerprint::catalog_fingerprint(
                    &connection,
                    &managed_namespaces(&project, &target),
                )
                .await
                .ok(),
                false => None,
            }
        }
    );
    let (status, has_tables) = read?;
    let drift = match history {
        None => None,
        Some(history) => {
            let history = history?;
            let known = Known {
                status: &status,
                fingerprint: fingerprint.as_deref(),
            };
            Some(
                drift_report_from(
                    &project,
                    &connection,
                    &directory,
                    known,
                    &history,
                    DriftScope {
                        database: true,
                        schema: false,
                    },
                    Style {
                        color: printer.err_color(),
                    },
                )
                .await?,
            )
        }
    };
    let drifted = drift.as_ref().is_some_and(|d| d.database.drifted());
    let problems = problems(&status, has_tables, drifted);
    let code = problems.first().map_or(exit::SUCCESS, |p| p.exit_code());

    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate status",
            "datasource": {
                "name": project.datasource_name(),
                "database": target.url.database,
                "schema": target.url.schema,
                "host": target.url.host_display(),
                "url": target.url.masked(),
                "origin": target.origin.to_string(),
            },
            "migrationsDirectory": project.display(&project.migrations_dir),
            "migrationsFound": directory.migrations.len(),
            "historyTableExists": status.history_table_exists,
            "databaseHasTables": has_tables,
            "inSync": problems.is_empty(),
            "exitCode": code,
            "problems": problems,
            "migrations": status.migrations,
            "orphans": status.orphans,
            "duplicates": status.duplicates,
            "drift": drift.as_ref().map(|d| &d.database),
            "warnings": directory.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }));
        return Ok(code);
    }

    printer.out(&migrations_found_line(&project, directory.migrations.len()));
    let dir = project.display(&project.migrations_dir);

    if !status.history_table_exists && has_tables {
        printer.err("The current database is not managed by Prisma Migrate.");
        printer.err("");
        printer.err("It has tables but no `_prisma_migrations` history table, so nothing says which migrations it already holds.");
        printer.hint("if the database already holds everything your migrations create, record them as applied with `driftless migrate resolve --applied <name>` for each (baselining: https://pris.ly/d/migrate-baseline)");
        printer.out("");
    }

    let resumable: Vec<_> = status.resumable().collect();
    if !resumable.is_empty() {
        printer.err(&format!(
            "Following migration{} stopped part-way (cut off, or on an error that goes away by itself); `driftless migrate deploy` goes on from where {} stopped:",
            if resumable.len() == 1 { "" } else { "s" },
            if resumable.len() == 1 { "it" } else { "they" }
        ));
        for entry in &resumable {
            printer.err(&printer.err_paint(Paint::Yellow, &entry.name));
            if let Some(progress) = &entry.progress {
                printer.err(&format!(
                    "  {}",
                    printer.err_paint(Paint::Dim, &progress.describe())
                ));
            }
            if let Some(error) = entry
                .row
                .as_ref()
                .and_then(|r| r.logs.as_deref())
                .and_then(|logs| logs.lines().find(|l| l.starts_with("Database error code:")))
            {
                printer.err(&format!(
                    "  {}",
                    printer.err_paint(
                        Paint::Dim,
                        &format!("its last attempt stopped on an error that goes away by itself ({error})")
                    )
                ));
            }
        }
        printer.err("");
    }

    let failed: Vec<_> = status
        .in_state(MigrationState::Failed)
        .filter(|m| !m.resumable)
        .collect();
    let failed_orphans: Vec<_> = status
        .orphans
        .iter()
        .filter(|o| o.state == driftless_db::RowState::Failed)
        .collect();
    if !failed.is_empty() || !failed_orphans.is_empty() {
        let count = failed.len() + failed_orphans.len();
        printer.err(&format!(
            "Following migration{} have failed:",
            if count == 1 { "" } else { "s" }
        ));
        for entry in &failed {
            printer.err(&printer.err_paint(Paint::Red, &entry.name));
            if let Some(row) = &entry.row {
                describe_failed_row(context, row);
            }
        }
        for orphan in &failed_orphans {
            printer.err(&format!(
                "{} (its folder is not in {dir})",
                printer.err_paint(Paint::Red, &orphan.name)
            ));
            if let Some(row) = orphan.rows.iter().find(|r| r.finished_at.is_none()) {
                describe_failed_row(context, row);
            }
        }
        printer.err("");
        printer.err("During development if the failed migration(s) have not been deployed to a production database you can then fix the migration(s) and run driftless migrate dev.");
        printer.err("");
        printer.err("The failed migration(s) can be marked as rolled back or applied:");
        let flags = target_flags(&target);
        for name in status.blocking_failed_names() {
            let left_nothing = status
                .migrations
                .iter()
                .find(|m| m.name == name)
                .is_some_and(left_nothing_behind);
            printer.err("");
            if left_nothing {
                printer.err(&format!(
                    "- `{name}` left nothing behind (its transaction was rolled back): fix it if needed, then"
                ));
                printer.err(&format!(
                    "driftless migrate resolve --rolled-back \"{name}\"{flags}"
                ));
                continue;
            }
            printer.err("- If you rolled back the migration(s) manually:");
            printer.err(&format!(
                "driftless migrate resolve --rolled-back \"{name}\"{flags}"
            ));
            printer.err("");
            printer.err("- If you fixed the database manually (hotfix):");
            printer.err(&format!(
                "driftless migrate resolve --applied \"{name}\"{flags}"
            ));
        }
        printer.err("");
        printer.err("Read more about how to resolve migration issues in a production database:");
        printer.err("https://pris.ly/d/migrate-resolve");
        printer.err("");
    }

    let live_orphans: Vec<_> = status
        .orphans
        .iter()
        .filter(|o| o.state == driftless_db::RowState::Applied)
        .collect();
    if !live_orphans.is_empty() {
        printer.out(&format!(
            "Following migration{} recorded as applied in the database but not found locally in {dir}:",
            if live_orphans.len() == 1 { " is" } else { "s are" }
        ));
        for orphan in &live_orphans {
            printer.out(&printer.out_paint(Paint::Yellow, &orphan.name));
        }
        printer.out("");
        if let Some(last) = &status.last_applied {
            printer.out(&format!("The last common migration is: {last}"));
            printer.out("");
        }
        printer.out("Either the folder was deleted or renamed locally (restore it from version control), or the database was migrated from a branch whose migrations you do not have.");
        printer.out("");
    }

    if !status.duplicates.is_empty() {
        printer.out("Following migrations are recorded more than once in the history table:");
        for duplicate in &status.duplicates {
            printer.out(&format!(
                "{} ({} rows)",
                printer.out_paint(Paint::Yellow, &duplicate.name),
                duplicate.rows
            ));
        }
        printer.out("");
    }

    let edited: Vec<_> = status.edited().collect();
    if !edited.is_empty() {
        printer.out(&format!(
            "Following migration{} edited after {} applied:",
            if edited.len() == 1 { " was" } else { "s were" },
            if edited.len() == 1 {
                "it was"
            } else {
                "they were"
            }
        ));
        for entry in &edited {
            printer.out(&printer.out_paint(Paint::Yellow, &entry.name));
        }
        printer.out("");
        printer.out("The database holds what the files said when they ran; the files say something else now. Restore them from version control, or put the change in a new migration.");
        printer.out("");
    }

    let ghosts: Vec<_> = status
        .migrations
        .iter()
        .filter(|m| m.recorded_without_running)
        .collect();
    if !ghosts.is_empty() {
        printer.out(&format!(
            "Following migration{} recorded as applied without having been run (0 applied steps: `migrate resolve --applied`, or a row written by hand):",
            if ghosts.len() == 1 { " is" } else { "s are" }
        ));
        for entry in &ghosts {
            printer.out(&printer.out_paint(Paint::Dim, &entry.name));
        }
        printer.out("");
    }

    let pending: Vec<_> = status.in_state(MigrationState::Pending).collect();
    if !pending.is_empty() {
        printer.out(&format!(
            "Following migration{} have not yet been applied:",
            if pending.len() == 1 { "" } else { "s" }
        ));
        for entry in &pending {
            let mut notes = Vec::new();
            if entry.rolled_back_rows > 0 {
                notes.push("rolled back before".to_string());
            }
            if entry.out_of_order {
                notes.push(format!(
                    "older than the latest applied migration `{}`",
                    status.last_applied.as_deref().unwrap_or("")
                ));
            }
            if notes.is_empty() {
                printer.out(&entry.name);
            } else {
                printer.out(&format!(
                    "{} {}",
                    entry.name,
                    printer.out_paint(Paint::Dim, &format!("({})", notes.join("; ")))
                ));
            }
        }
        printer.out("");
        printer.out("To apply migrations in development run driftless migrate dev.");
        printer.out("To apply migrations in production run driftless migrate deploy.");
    }

    if let Some(report) = &drift {
        match &report.database {
            Section::Drifted { .. } => {
                printer.out("");
                printer.out("The database has drifted from its migration history:");
                print_section(
                    printer,
                    "Database ↔ migration history",
                    &report.database,
                    false,
                    "Run `driftless drift --script` for the SQL, and `driftless doctor` to record the changes as a migration (or undo them in the database).",
                );
                printer.out("");
            }
            Section::NotChecked { reason }
                if status.history_table_exists && problems.is_empty() =>
            {
                printer.err(&format!(
                    "{} drift was not checked: {reason}",
                    printer.err_paint(Paint::Cyan, "note:")
                ));
            }
            _ => {}
        }
        if let Some(note) = &report.replay_note {
            printer.hint(note);
        }
    }

    if problems.is_empty() {
        let line_endings = status
            .migrations
            .iter()
            .filter(|m| m.file == Some(FileCheck::LineEndings))
            .count();
        if line_endings > 0 {
            printer.out(&format!(
                "{line_endings} applied migration file{} differ only in line endings (not an edit).",
                if line_endings == 1 { "" } else { "s" }
            ));
            printer.out("");
        }
        printer.out("");
        printer.out(&printer.out_paint(Paint::Green, "Database schema is up to date!"));
    }
    Ok(code)
}

/// Whether a failed migration's row says that nothing of it took effect (so rolling it
/// back is the only sensible resolution).
fn left_nothing_behind(entry: &driftless_engine::status::MigrationEntry) -> bool {
    match &entry.progress {
        Some(progress) => progress.done == 0 && progress.running.is_none(),
        None => entry
            .row
            .as_ref()
            .and_then(|r| r.logs.as_deref())
            .is_some_and(|l| {
                l.contains("nothing of it was applied (its transaction was rolled back)")
            }),
    }
}

fn describe_failed_row(context: &Context, row: &driftless_db::HistoryRow) {
    let printer = &context.printer;
    printer.err(&format!(
        "  started {}, never finished",
        driftless_db::format_timestamp(row.started_at)
    ));
    if let Some(logs) = row.logs.as_deref().filter(|l| !l.trim().is_empty()) {
        let interesting: Vec<&str> = logs
            .lines()
            .filter(|l| {
                let l = l.trim();
                !l.is_empty()
                    && !l.starts_with("A migration failed to apply")
                    && !l.starts_with("Migration name:")
            })
            .take(6)
            .collect();
        for line in interesting {
            printer.err(&format!("  {}", printer.err_paint(Paint::Dim, line)));
        }
    } else {
        printer.err(&format!(
            "  {}",
            printer.err_paint(
                Paint::Dim,
                "no error was recorded: the run that started it probably died while applying it"
            )
        ));
    }
}
