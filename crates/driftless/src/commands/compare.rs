//! `compare A B`: two databases (environments of `driftless.toml` or URLs) side by side —
//! first their migration histories, then the difference between their schemas.

use driftless_db::DatabaseUrl;
use driftless_diff::summarize;
use driftless_engine::EngineError;
use driftless_engine::compare::{
    ComparedMigration, Finding, Record, RecordState, Side, compare_databases,
};
use driftless_engine::project::{DatabaseTarget, Project, UrlOrigin};
use driftless_sql::render::{RenderOptions, render_script};

use super::{CommandResult, Context, connect_options, discover};
use crate::cli::CompareArgs;
use crate::exit;
use crate::printer::Paint;

/// An argument of `compare`: an environment name, or a URL.
fn target(project: &Project, argument: &str) -> Result<DatabaseTarget, EngineError> {
    if argument.contains("://") {
        let url = DatabaseUrl::parse(argument)?;
        Ok(project.url_target(url, UrlOrigin::Flag))
    } else {
        project.environment_target(argument)
    }
}

fn label(argument: &str, target: &DatabaseTarget) -> String {
    match &target.environment {
        Some(environment) => environment.name.clone(),
        None if argument.contains("://") => {
            format!("{}@{}", target.url.database, target.url.host_display())
        }
        None => argument.to_string(),
    }
}

fn state_text(record: &Record) -> &'static str {
    match record.state {
        RecordState::Absent => "-",
        RecordState::Applied => "applied",
        RecordState::RecordedWithoutRunning => "recorded, not run",
        RecordState::Failed => "FAILED",
    }
}

fn finding_text(finding: &Finding, a: &str, b: &str) -> String {
    let side = |s: &Side| match s {
        Side::A => a,
        Side::B => b,
    };
    match finding {
        Finding::OnlyIn { side: s } => format!("applied in {} only", side(s)),
        Finding::FailedIn { side: s } => format!("failed in {}", side(s)),
        Finding::ChecksumsDiffer => "applied in both from different files".to_string(),
        Finding::RecordedWithoutRunningIn { side: s } => {
            format!("recorded in {} without having run", side(s))
        }
        Finding::DuplicatedIn { side: s } => format!("recorded more than once in {}", side(s)),
        Finding::EditedSinceApplied => "the file on disk was edited since it ran".to_string(),
        Finding::NotOnDisk => "not in the migrations folder".to_string(),
        Finding::PendingInBoth => "applied in neither".to_string(),
    }
}

/// Runs `compare`.
pub async fn run(context: &Context, args: &CompareArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let a = target(&project, &args.a)?;
    let b = target(&project, &args.b)?;
    let (label_a, label_b) = (label(&args.a, &a), label(&args.b, &b));
    let directory = if project.migrations_dir.is_dir() {
        Some(driftless_migrations::MigrationsDirectory::read(
            &project.migrations_dir,
        )?)
    } else {
        None
    };
    let comparison = compare_databases(
        &project,
        &a,
        &b,
        directory.as_ref(),
        &connect_options(&project),
    )
    .await?;
    let identical = comparison.identical();
    let schemas = comparison.schemas.as_ref();
    let render = RenderOptions {
        default_schema: comparison.default_schema.clone(),
    };
    let script = (!comparison.migration.is_empty())
        .then(|| render_script(&comparison.migration, schemas, &render));
    let summary = summarize(&comparison.migration, schemas);
    let code = if identical {
        exit::SUCCESS
    } else {
        exit::DIFFERENCE
    };
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "compare",
            "a": { "label": label_a, "url": a.url.masked(), "environment": a.environment },
            "b": { "label": label_b, "url": b.url.masked(), "environment": b.environment },
            "identical": identical,
            "history": comparison.history,
            "historyCounts": comparison.history.counts(),
            "schemaChanges": comparison.migration.changes.len(),
            "schemaSummary": summary,
            "script": script,
            "exitCode": code,
        }));
        return Ok(code);
    }
    printer.out(&format!(
        "A: {label_a}  (database \"{}\" at \"{}\")",
        a.url.database,
        a.url.host_display()
    ));
    printer.out(&format!(
        "B: {label_b}  (database \"{}\" at \"{}\")",
        b.url.database,
        b.url.host_display()
    ));
    printer.out("");

    // Histories.
    let history = &comparison.history;
    let counts = history.counts();
    printer.out("Migration histories");
    for (has, label) in [
        (history.a_has_history, &label_a),
        (history.b_has_history, &label_b),
    ] {
        if !has {
            printer.out(&format!(
                "  {label} has no migration history (`_prisma_migrations` does not exist)"
            ));
        }
    }
    let mut parts = vec![format!("{} applied in both", counts.applied_in_both)];
    for (count, text) in [
        (counts.only_in_a, format!("only in {label_a}")),
        (counts.only_in_b, format!("only in {label_b}")),
        (counts.failed_in_a, format!("failed in {label_a}")),
        (counts.failed_in_b, format!("failed in {label_b}")),
        (
            counts.checksums_differ,
            "applied from different files".to_string(),
        ),
    ] {
        if count > 0 {
            parts.push(format!("{count} {text}"));
        }
    }
    printer.out(&format!(
        "  {}{}",
        parts.join(", "),
        if history.identical() {
            ": the same history"
        } else {
            ""
        }
    ));
    let notable: Vec<&ComparedMigration> = history
        .migrations
        .iter()
        .filter(|m| !m.findings.is_empty())
        .collect();
    if !notable.is_empty() {
        let name_width = notable.iter().map(|m| m.name.len()).max().unwrap_or(0);
        let a_width = label_a.len().max(17);
        let b_width = label_b.len().max(17);
        printer.out("");
        printer.out(&format!(
            "  {:name_width$}  {:a_width$}  {:b_width$}  ",
            "migration", label_a, label_b
        ));
        for m in notable {
            let notes: Vec<String> = m
                .findings
                .iter()
                .map(|f| {
                    let text = finding_text(f, &label_a, &label_b);
                    if f.is_difference() {
                        printer.out_paint(Paint::Yellow, &text)
                    } else {
                        text
                    }
                })
                .collect();
            printer.out(&format!(
                "  {:name_width$}  {:a_width$}  {:b_width$}  {}",
                m.name,
                state_text(&m.a),
                state_text(&m.b),
                notes.join("; ")
            ));
        }
    }
    printer.out("");

    // Schemas.
    printer.out(&format!("Schema difference ({label_a} → {label_b})"));
    if comparison.migration.is_empty() {
        printer.out("  The two schemas are identical.");
    } else {
        for line in summary.trim().lines() {
            printer.out(&format!("  {line}"));
        }
    }
    if args.script {
        if let Some(script) = &script {
            printer.out("");
            printer.out(&format!(
                "-- The SQL that turns {label_a}'s schema into {label_b}'s:"
            ));
            printer.out_raw(script);
        }
    }
    printer.out("");
    if identical {
        printer.out(&printer.out_paint(
            Paint::Green,
            "The two databases have the same history and the same schema.",
        ));
    } else {
        printer.out("The two databases differ.");
        if !args.script && script.is_some() {
            printer.out("Run again with `--script` for the SQL from A's schema to B's.");
        }
    }
    Ok(code)
}
