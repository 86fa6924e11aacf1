//! `drift`: the three-way report — the database against its applied migrations, the
//! migrations against schema.prisma, and what is pending or failed — every object named.

use driftless_diagnostics::Style;
use driftless_engine::drift::{DriftReport, DriftScope, Section, drift_report};

use super::{CommandResult, Context, connect, discover, history_options, read_migrations};
use crate::cli::DriftArgs;
use crate::exit;
use crate::printer::{Paint, Printer};

/// Prints one section; `title` names the two sides.
pub fn print_section(
    printer: &Printer,
    title: &str,
    section: &Section,
    script: bool,
    advice: &str,
) {
    match section {
        Section::NotChecked { reason } => {
            printer.out(&format!("{title}: not checked — {reason}"));
        }
        Section::InSync => {
            printer.out(&format!(
                "{title}: {}",
                printer.out_paint(Paint::Green, "in sync")
            ));
        }
        Section::Drifted {
            items, script: sql, ..
        } => {
            printer.out(&format!(
                "{title}: {}",
                printer.out_paint(
                    Paint::Yellow,
                    &format!(
                        "{} difference{}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    )
                )
            ));
            for item in items {
                printer.out(&format!("  - {}", item.description));
                if script {
                    for statement in &item.sql {
                        for line in statement.lines() {
                            printer.out(&format!("      {line}"));
                        }
                    }
                }
            }
            if script {
                printer.out("");
                printer.out("  The whole script:");
                for line in sql.lines() {
                    printer.out(&format!("    {line}"));
                }
            }
            printer.out(&format!("  {advice}"));
        }
    }
}

/// The exit code of a report: failed (11), database drift (16), schema changes without a
/// migration (23), pending (10), else 0.
pub fn code(report: &DriftReport) -> u8 {
    if !report.failed.is_empty() {
        exit::STATUS_FAILED
    } else if report.database.drifted() {
        exit::DRIFT
    } else if report.schema.drifted() {
        exit::SCHEMA_DRIFT
    } else if !report.pending.is_empty() {
        exit::STATUS_PENDING
    } else {
        exit::SUCCESS
    }
}

/// Runs `drift`.
pub async fn run(context: &Context, args: &DriftArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    let history = history_options(
        &project,
        &connection,
        &target,
        &args.replay,
        true,
        &context.interrupt,
    )
    .await?;
    let report = drift_report(
        &project,
        &connection,
        &directory,
        &history,
        DriftScope {
            database: true,
            schema: true,
        },
        Style {
            color: printer.err_color(),
        },
    )
    .await?;
    let code = code(&report);
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "drift",
            "exitCode": code,
            "report": report,
        }));
        return Ok(code);
    }
    if let Some(note) = &report.replay_note {
        printer.hint(note);
    }
    print_section(
        printer,
        "Database ↔ migration history",
        &report.database,
        args.script,
        "Record these changes as a migration with `driftless doctor --fix` (a catch-up migration), or undo them in the database.",
    );
    printer.out("");
    print_section(
        printer,
        "Migration history ↔ schema.prisma",
        &report.schema,
        args.script,
        "Create the migration with `driftless migrate dev --name <name>`.",
    );
    printer.out("");
    if report.failed.is_empty() && report.pending.is_empty() {
        printer.out("Migrations: none pending, none failed");
    } else {
        if !report.failed.is_empty() {
            printer.out(&format!(
                "Migrations failed and not resolved: {} (`driftless doctor` tells what they left behind)",
                report.failed.join(", ")
            ));
        }
        if !report.pending.is_empty() {
            printer.out(&format!(
                "Migrations pending: {} (`driftless migrate deploy`)",
                report.pending.join(", ")
            ));
        }
    }
    Ok(code)
}
