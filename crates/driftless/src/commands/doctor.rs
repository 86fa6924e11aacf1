//! `doctor [--fix]` and `migrate baseline`: findings grouped by severity with the evidence
//! and the exact repair, the plan shown before it runs, a backup, one transaction, and a
//! second diagnosis that proves it.

use std::io::{BufRead, IsTerminal, Write};

use driftless_db::Connection;
use driftless_engine::EngineError;
use driftless_engine::backup::BackupSource;
use driftless_engine::doctor::{
    Diagnosis, DoctorOptions, FixOutput, Repair, Severity, apply_plan, diagnose, plan_baseline,
};
use driftless_engine::guard::Action;
use driftless_engine::project::{DatabaseTarget, Project};
use driftless_migrations::MigrationsDirectory;

use super::guarded::authorize;
use super::{
    CommandResult, Context, connect, discover, history_options, read_migrations, seconds,
    skip_lock, target_flags,
};
use crate::cli::{BaselineArgs, DoctorArgs};
use crate::exit;
use crate::printer::{Paint, Printer};

fn severity_label(printer: &Printer, severity: Severity) -> String {
    match severity {
        Severity::Error => printer.out_paint(Paint::Red, "error  "),
        Severity::Warning => printer.out_paint(Paint::Yellow, "warning"),
        Severity::Info => printer.out_paint(Paint::Dim, "info   "),
    }
}

fn print_diagnosis(printer: &Printer, diagnosis: &Diagnosis) {
    let errors = diagnosis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = diagnosis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    if let Some(note) = &diagnosis.replay_note {
        printer.hint(note);
    }
    if diagnosis.findings.is_empty() {
        printer.out(&printer.out_paint(
            Paint::Green,
            "The migration history is healthy: the folder, `_prisma_migrations` and the database agree.",
        ));
        return;
    }
    for finding in &diagnosis.findings {
        printer.out(&format!(
            "{} {}",
            severity_label(printer, finding.severity),
            finding.summary
        ));
        for line in finding.explanation.lines() {
            printer.out(&format!("        {line}"));
        }
        for evidence in &finding.evidence {
            printer.out(&format!("        · {evidence}"));
        }
        for index in &finding.repairs {
            if let Some(repair) = diagnosis.plan.get(*index) {
                printer.out(&format!(
                    "        repair {}: {}",
                    index + 1,
                    repair.describe()
                ));
            }
        }
        if let Some(manual) = &finding.manual {
            printer.out(&format!("        to do by hand: {manual}"));
        }
        printer.out("");
    }
    printer.out(&format!(
        "{} error{}, {} warning{}, {} note{}.",
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
        diagnosis.findings.len() - errors - warnings,
        if diagnosis.findings.len() - errors - warnings == 1 {
            ""
        } else {
            "s"
        }
    ));
}

fn print_plan(printer: &Printer, plan: &[Repair]) {
    printer.out("");
    printer.out("The repairs, in order:");
    for (i, repair) in plan.iter().enumerate() {
        printer.out(&format!("  {}. {}", i + 1, repair.describe()));
        if let Repair::WriteMigration { script, .. } = repair {
            for line in script.lines().take(40) {
                printer.out(&format!("       {line}"));
            }
            if script.lines().count() > 40 {
                printer.out(&format!(
                    "       … ({} more lines)",
                    script.lines().count() - 40
                ));
            }
        }
    }
    printer.out("");
}

#[allow(clippy::print_stderr)]
fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => false,
        Ok(_) => matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"),
    }
}

/// Asks before running a plan: `--yes`, or `y` on a terminal.
fn confirmed(context: &Context, yes: bool, what: &str) -> Result<(), EngineError> {
    if yes {
        return Ok(());
    }
    if std::io::stdin().is_terminal() && !context.printer.json {
        if confirm(&format!("Run {what}?")) {
            return Ok(());
        }
        return Err(EngineError::NeedsConfirmation {
            message: "the repairs were not confirmed; nothing was changed".to_string(),
        });
    }
    Err(EngineError::NeedsConfirmation {
        message: format!(
            "{what} needs confirmation and there is no terminal to ask: pass `--yes` to run it"
        ),
    })
}

/// What a plan runs against.
struct Scene<'a> {
    context: &'a Context,
    project: &'a Project,
    connection: &'a Connection,
    target: &'a DatabaseTarget,
    directory: &'a MigrationsDirectory,
    options: &'a DoctorOptions,
}

async fn run_plan(
    scene: &Scene<'_>,
    plan: &[Repair],
    action: Action,
    lock_timeout: f64,
) -> Result<(FixOutput, serde_json::Value), EngineError> {
    let Scene {
        context,
        project,
        connection,
        target,
        directory,
        options,
    } = *scene;
    let source = BackupSource::read(connection).await?;
    let authorized = authorize(context, project, target, action, Some(&source))?;
    let output = apply_plan(
        project,
        connection,
        directory,
        plan,
        options,
        seconds(lock_timeout),
        skip_lock(context, project),
    )
    .await?;
    let backup = authorized.backup.as_ref().map(|b| project.display(&b.dir));
    Ok((
        output,
        serde_json::json!({ "authorization": authorized, "backup": backup }),
    ))
}

/// Runs `doctor`.
pub async fn run(context: &Context, args: &DoctorArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    let options = DoctorOptions {
        history: history_options(
            &project,
            &connection,
            &target,
            &args.replay,
            true,
            &context.interrupt,
        )
        .await?,
        accept_edits: args.accept_edits,
        catch_up_name: None,
    };
    let diagnosis = diagnose(&project, &connection, &directory, &options).await?;
    let flags = target_flags(&target);
    if !args.fix {
        let code = if diagnosis.healthy() {
            exit::SUCCESS
        } else {
            exit::DOCTOR_FINDINGS
        };
        if printer.json {
            printer.json_document(&serde_json::json!({
                "version": 1,
                "command": "doctor",
                "healthy": diagnosis.healthy(),
                "exitCode": code,
                "diagnosis": diagnosis,
            }));
            return Ok(code);
        }
        print_diagnosis(printer, &diagnosis);
        if !diagnosis.plan.is_empty() {
            print_plan(printer, &diagnosis.plan);
        }
        if let Some(next) = &diagnosis.next {
            printer.out(&format!("Next: {next}{flags}"));
        }
        return Ok(code);
    }
    if diagnosis.plan.is_empty() {
        let code = if diagnosis.healthy() {
            exit::SUCCESS
        } else {
            exit::DOCTOR_MANUAL
        };
        if printer.json {
            printer.json_document(&serde_json::json!({
                "version": 1,
                "command": "doctor --fix",
                "healthy": diagnosis.healthy(),
                "exitCode": code,
                "diagnosis": diagnosis,
                "fix": null,
            }));
            return Ok(code);
        }
        print_diagnosis(printer, &diagnosis);
        printer.out("");
        printer.out("Nothing to repair automatically.");
        return Ok(code);
    }
    if !printer.json {
        print_diagnosis(printer, &diagnosis);
        print_plan(printer, &diagnosis.plan);
    }
    confirmed(
        context,
        args.yes,
        &format!(
            "these {} repair{}",
            diagnosis.plan.len(),
            if diagnosis.plan.len() == 1 { "" } else { "s" }
        ),
    )?;
    let scene = Scene {
        context,
        project: &project,
        connection: &connection,
        target: &target,
        directory: &directory,
        options: &options,
    };
    let (output, extra) = run_plan(
        &scene,
        &diagnosis.plan,
        Action::DoctorFix,
        args.lock_timeout,
    )
    .await?;
    let code = if output.after.healthy() {
        exit::SUCCESS
    } else {
        exit::DOCTOR_MANUAL
    };
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "doctor --fix",
            "healthy": output.after.healthy(),
            "exitCode": code,
            "diagnosis": diagnosis,
            "fix": output,
            "backup": extra["backup"],
            "authorization": extra["authorization"],
        }));
        return Ok(code);
    }
    printer.out(&printer.out_paint(
        Paint::Green,
        &format!(
            "Repaired: {} change{} in one transaction, checked by a second diagnosis before it was committed.",
            output.repaired.len(),
            if output.repaired.len() == 1 { "" } else { "s" }
        ),
    ));
    for file in &output.files {
        printer.out(&format!("  wrote {}", file.display()));
    }
    if let Some(backup) = extra["backup"].as_str() {
        printer.out(&format!(
            "  the history before is saved in {backup} (`driftless history restore {backup}` puts it back)"
        ));
    }
    let left = output.after.manual();
    if !left.is_empty() {
        printer.out("");
        printer.out("Left for you:");
        for finding in left {
            printer.out(&format!(
                "  - {}{}",
                finding.summary,
                finding
                    .manual
                    .as_ref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ));
        }
    }
    if let Some(next) = &output.after.next {
        printer.out("");
        printer.out(&format!("Next: {next}{flags}"));
    } else if output.after.healthy() {
        printer.out("");
        printer.out("Next: commit the migrations folder (new or restored files above), so that every environment has them.");
    }
    Ok(code)
}

/// Runs `migrate baseline`.
pub async fn baseline(context: &Context, args: &BaselineArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    let options = DoctorOptions {
        history: history_options(
            &project,
            &connection,
            &target,
            &args.replay,
            true,
            &context.interrupt,
        )
        .await?,
        accept_edits: false,
        catch_up_name: None,
    };
    let name = args.name.trim().to_string();
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(EngineError::Usage(format!(
            "`{name}` is not a migration folder name: use letters, digits and `_` (the default is `0_init`)"
        ))
        .into());
    }
    let planned = plan_baseline(&connection, &directory, &options, &name, args.force).await?;
    if !printer.json {
        if let Some(note) = &planned.note {
            printer.hint(note);
        }
        printer.out(&format!(
            "The baseline holds {} step{} that rebuild this database's schema (checked by replaying it).",
            planned.objects,
            if planned.objects == 1 { "" } else { "s" }
        ));
        print_plan(printer, &planned.plan);
    }
    confirmed(context, args.yes, "the baseline")?;
    let scene = Scene {
        context,
        project: &project,
        connection: &connection,
        target: &target,
        directory: &directory,
        options: &options,
    };
    let (output, extra) =
        run_plan(&scene, &planned.plan, Action::Baseline, args.lock_timeout).await?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate baseline",
            "migration": name,
            "result": output,
            "backup": extra["backup"],
        }));
        return Ok(exit::SUCCESS);
    }
    printer.out(&format!(
        "Wrote {}/{name}/migration.sql and recorded it as applied.",
        project.display(&directory.path)
    ));
    if let Some(backup) = extra["backup"].as_str() {
        printer.out(&format!("The history before is saved in {backup}."));
    }
    printer.out("Commit the migrations folder: databases created from it get this schema, and this one is up to date.");
    Ok(exit::SUCCESS)
}
