//! `check`: the pre-deploy gate for CI. Changes nothing; exits non-zero, with one code per
//! class of problem, when deploying now would fail, lose data, block, or leave the
//! application running against a schema it does not expect.

use driftless_diff::WarningKind;
use driftless_engine::check::{CheckOptions, CheckProblem, CheckReport, DriftCheck, check};
use driftless_engine::guard::protection;
use driftless_engine::project::Project;

use super::{CommandResult, Context, connect, connect_options, discover, read_migrations};
use crate::cli::{CheckArgs, CheckFormat};
use crate::exit;
use crate::printer::{Paint, Printer};

/// The exit code of a problem.
fn code(problem: CheckProblem) -> u8 {
    match problem {
        CheckProblem::FailedMigrations => exit::STATUS_FAILED,
        CheckProblem::MissingLocally => exit::STATUS_MISSING_LOCALLY,
        CheckProblem::DuplicateRows => exit::STATUS_DUPLICATES,
        CheckProblem::EditedMigrations => exit::STATUS_EDITED,
        CheckProblem::NotManaged => exit::STATUS_NOT_MANAGED,
        CheckProblem::Drift => exit::DRIFT,
        CheckProblem::Unexecutable => exit::CHECK_UNEXECUTABLE,
        CheckProblem::DataLoss => exit::CHECK_DATA_LOSS,
        CheckProblem::LockHeld => exit::CHECK_LOCK_HELD,
        CheckProblem::Locking => exit::CHECK_LOCKING,
        CheckProblem::PendingMigrations => exit::STATUS_PENDING,
    }
}

fn title(problem: CheckProblem) -> &'static str {
    match problem {
        CheckProblem::FailedMigrations => "failed migration",
        CheckProblem::MissingLocally => "migration missing from the folder",
        CheckProblem::DuplicateRows => "migration recorded twice",
        CheckProblem::EditedMigrations => "migration edited after it ran",
        CheckProblem::NotManaged => "database without migration history",
        CheckProblem::Drift => "drift",
        CheckProblem::Unexecutable => "step that cannot run",
        CheckProblem::DataLoss => "data loss",
        CheckProblem::LockHeld => "migration lock held",
        CheckProblem::Locking => "strong lock on a table with rows",
        CheckProblem::PendingMigrations => "pending migrations",
    }
}

/// One line of the report: a problem (or a note), with the file and line it is about.
struct Item {
    problem: Option<CheckProblem>,
    blocking: bool,
    text: String,
    file: Option<String>,
    line: Option<usize>,
}

fn items(project: &Project, report: &CheckReport) -> Vec<Item> {
    let blocking = |p: CheckProblem| report.problems.contains(&p);
    let mut out = Vec::new();
    let mut push = |problem: Option<CheckProblem>, text: String| {
        out.push(Item {
            blocking: problem.is_some_and(blocking),
            problem,
            text,
            file: None,
            line: None,
        });
    };
    let status = &report.status;
    for name in status.failed_names() {
        push(
            Some(CheckProblem::FailedMigrations),
            format!(
                "`{name}` failed and is not resolved: `migrate deploy` refuses to run (P3009). Find out what it left behind with `driftless migrate status`, then `driftless migrate resolve --rolled-back {name}` or `--applied {name}`."
            ),
        );
    }
    for orphan in &status.orphans {
        push(
            Some(CheckProblem::MissingLocally),
            format!(
                "`{}` is recorded in the database but its folder is not in the migrations folder: this checkout is behind the database (or the folder was deleted)",
                orphan.name
            ),
        );
    }
    for duplicate in &status.duplicates {
        push(
            Some(CheckProblem::DuplicateRows),
            format!("`{}` is recorded {} times", duplicate.name, duplicate.rows),
        );
    }
    for edited in status.edited() {
        push(
            Some(CheckProblem::EditedMigrations),
            format!(
                "`{}` was edited after it ran: its file no longer says what the database holds",
                edited.name
            ),
        );
    }
    if blocking(CheckProblem::NotManaged) {
        push(
            Some(CheckProblem::NotManaged),
            "the database has tables but no `_prisma_migrations`: deploying would try to create what exists (baseline it first)".to_string(),
        );
    }
    match &report.drift {
        DriftCheck::Drifted { summary, .. } => push(
            Some(CheckProblem::Drift),
            format!(
                "the database differs from what its applied migrations produce (a `db push` or hand-run SQL?):\n{}",
                summary.trim_end()
            ),
        ),
        DriftCheck::NotChecked { reason } => {
            push(None, format!("drift was not checked: {reason}"));
        }
        DriftCheck::InSync => {}
    }
    for holder in report.lock_holders.iter().filter(|h| h.granted) {
        push(
            Some(CheckProblem::LockHeld),
            format!("the migration lock is held by {holder}: a deploy now would wait for it"),
        );
    }
    let pending_names: Vec<&str> = report.pending.iter().map(|p| p.name.as_str()).collect();
    if !pending_names.is_empty() {
        push(
            Some(CheckProblem::PendingMigrations),
            format!(
                "{} pending migration{}: {}",
                pending_names.len(),
                if pending_names.len() == 1 { "" } else { "s" },
                pending_names.join(", ")
            ),
        );
    }
    for pending in &report.pending {
        let file = project.display(&pending.file);
        if let Some(error) = &pending.parse_error {
            out.push(Item {
                problem: Some(CheckProblem::Unexecutable),
                blocking: true,
                text: format!("`{}` cannot be parsed: {error}", pending.name),
                file: Some(file.clone()),
                line: None,
            });
        }
        if pending.out_of_order {
            out.push(Item {
                problem: None,
                blocking: false,
                text: format!(
                    "`{}` sorts before the latest applied migration: it was created before it but reaches this database after it",
                    pending.name
                ),
                file: Some(file.clone()),
                line: None,
            });
        }
        for hazard in &pending.hazards {
            if !hazard.checked.matters() {
                continue;
            }
            let problem = match hazard.checked.warning.kind {
                WarningKind::DataLoss => CheckProblem::DataLoss,
                WarningKind::Unexecutable => CheckProblem::Unexecutable,
                WarningKind::Locking => CheckProblem::Locking,
            };
            let mut text = format!("`{}`: {}", pending.name, hazard.checked.describe());
            if let Some(advice) = &hazard.checked.warning.advice {
                text.push_str(&format!(" ({advice})"));
            }
            out.push(Item {
                problem: Some(problem),
                blocking: hazard.blocking,
                text,
                file: Some(file.clone()),
                line: Some(hazard.line),
            });
        }
    }
    out
}

/// GitHub's workflow-command escaping of a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's workflow-command escaping of a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn print_github(printer: &Printer, items: &[Item], code: u8) {
    for item in items {
        let level = if item.blocking { "error" } else { "warning" };
        let mut properties = Vec::new();
        if let Some(file) = &item.file {
            properties.push(format!("file={}", escape_property(file)));
        }
        if let Some(line) = item.line {
            properties.push(format!("line={line}"));
        }
        let name = item.problem.map_or("note", title);
        properties.push(format!(
            "title={}",
            escape_property(&format!("driftless check: {name}"))
        ));
        printer.out(&format!(
            "::{level} {}::{}",
            properties.join(","),
            escape_data(&item.text)
        ));
    }
    if code == exit::SUCCESS {
        printer.out("::notice title=driftless check::safe to deploy");
    }
}

/// Runs `check`.
pub async fn run(context: &Context, args: &CheckArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    let options = CheckOptions {
        allow_pending: args.allow_pending,
        allow_data_loss: args.allow_data_loss,
        strict: args.strict,
        skip_drift: args.skip_drift,
        protected: protection(&target).protected,
        connect: connect_options(&project),
    };
    let report = check(&project, &connection, &directory, &target, &options).await?;
    let code = report
        .problems
        .first()
        .map_or(exit::SUCCESS, |problem| code(*problem));
    let items = items(&project, &report);
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "check",
            "safe": report.problems.is_empty(),
            "exitCode": code,
            "problems": report.problems,
            "report": report,
        }));
        return Ok(code);
    }
    if args.format == CheckFormat::Github {
        print_github(printer, &items, code);
        return Ok(code);
    }
    let blocking: Vec<&Item> = items.iter().filter(|i| i.blocking).collect();
    let notes: Vec<&Item> = items.iter().filter(|i| !i.blocking).collect();
    let print_item = |mark: String, item: &Item| {
        let place = match (&item.file, item.line) {
            (Some(file), Some(line)) => format!(" ({file}:{line})"),
            (Some(file), None) => format!(" ({file})"),
            _ => String::new(),
        };
        let name = item.problem.map_or("note", title);
        let mut lines = item.text.lines();
        printer.out(&format!(
            "{mark} {name}{place}: {}",
            lines.next().unwrap_or_default()
        ));
        for line in lines {
            printer.out(&format!("    {line}"));
        }
    };
    for item in &blocking {
        print_item(printer.out_paint(Paint::Red, "✗"), item);
    }
    for item in &notes {
        print_item(printer.out_paint(Paint::Yellow, "•"), item);
    }
    if !items.is_empty() {
        printer.out("");
    }
    if report.problems.is_empty() {
        let drift_checked = matches!(report.drift, DriftCheck::InSync);
        let state = match (report.pending.is_empty(), drift_checked) {
            (true, true) => {
                "nothing is pending, and the database is what its history says".to_string()
            }
            (true, false) => "nothing is pending (drift was not checked)".to_string(),
            (false, checked) => format!(
                "{} pending migration{} can be applied with `driftless migrate deploy`{}",
                report.pending.len(),
                if report.pending.len() == 1 { "" } else { "s" },
                if checked {
                    ""
                } else {
                    " (drift was not checked)"
                }
            ),
        };
        printer.out(&printer.out_paint(Paint::Green, &format!("Safe to deploy: {state}.")));
    } else {
        printer.out(&format!(
            "Not safe to deploy: {}.",
            report
                .problems
                .iter()
                .map(|p| title(*p))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if report.problems == [CheckProblem::PendingMigrations] {
            printer.out("Apply them with `driftless migrate deploy` (or pass `--allow-pending` when this check runs right before the deploy).");
        }
    }
    Ok(code)
}
