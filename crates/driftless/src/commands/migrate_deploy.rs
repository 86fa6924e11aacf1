//! `migrate deploy`: apply pending migrations, printing each with its mode and duration,
//! then Prisma's summary. A failure shows the statement that failed, with a caret under
//! the position the server reported, and what the migration left behind.

use std::time::Duration;

use driftless_db::LockHolder;
use driftless_diagnostics::{Diagnostic, SourceFile, SourceMap, Span, Style};
use driftless_engine::EngineError;
use driftless_engine::deploy::{
    DeployOptions, DeployReporter, FailureCause, MigrationFailure, SilentReporter, migrate_deploy,
};
use driftless_sql::ExecutionMode;

use super::{
    CommandResult, Context, Failure, connect_options, connect_or_create, discover,
    migrations_found_line, read_migrations, seconds, skip_lock,
};
use crate::cli::DeployArgs;
use crate::exit;
use crate::printer::{Paint, Printer};

/// Prints deploy progress on stderr.
pub struct TerminalReporter<'a> {
    /// Where to print.
    pub printer: &'a Printer,
}

impl DeployReporter for TerminalReporter<'_> {
    fn waiting_for_lock(&self, holders: &[LockHolder], timeout: Duration) {
        self.printer.err(&format!(
            "waiting up to {} s for the migration lock, held by:",
            timeout.as_secs_f64()
        ));
        for holder in holders.iter().filter(|h| h.granted) {
            self.printer.err(&format!("  {holder}"));
        }
    }

    fn migration_started(&self, name: &str, mode: ExecutionMode, reason: Option<&str>) {
        let mode_text = match (mode, reason) {
            (ExecutionMode::Transaction, _) => "in a transaction".to_string(),
            (_, Some(reason)) => format!("{}: {reason}", mode_words(mode)),
            (_, None) => mode_words(mode).to_string(),
        };
        self.printer.err(&format!(
            "Applying migration `{name}` {}",
            self.printer
                .err_paint(Paint::Dim, &format!("({mode_text})"))
        ));
    }

    fn migration_resumed(&self, name: &str, how: &str) {
        self.printer.err(&format!(
            "Resuming migration `{name}` where an earlier run was cut off {}",
            self.printer.err_paint(Paint::Dim, &format!("({how})"))
        ));
    }

    fn migration_applied(&self, name: &str, elapsed: Duration) {
        self.printer.err(&format!(
            "  {} `{name}` in {}",
            self.printer.err_paint(Paint::Green, "applied"),
            format_duration(elapsed)
        ));
    }
}

fn mode_words(mode: ExecutionMode) -> &'static str {
    match mode {
        ExecutionMode::Transaction => "in a transaction",
        ExecutionMode::Script => "transaction by transaction",
        ExecutionMode::StatementByStatement => "statement by statement",
    }
}

/// `12 ms`, `1.25 s`.
pub fn format_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// Runs `migrate deploy`.
pub async fn run(context: &Context, args: &DeployArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    project.require_schema()?;
    let directory = read_migrations(context, &project)?;
    let (mut connection, _target) = connect_or_create(context, &project, true).await?;
    printer.out(&migrations_found_line(&project, directory.migrations.len()));
    let options = DeployOptions {
        lock_timeout: seconds(args.lock_timeout),
        skip_lock: skip_lock(context, &project),
        connect: connect_options(&project),
    };
    let terminal = TerminalReporter { printer };
    let reporter: &dyn DeployReporter = if printer.json {
        &SilentReporter
    } else {
        &terminal
    };
    let result = migrate_deploy(
        &mut connection,
        &directory,
        &options,
        reporter,
        &context.interrupt,
    )
    .await;
    let output = match result {
        Ok(output) => output,
        Err(EngineError::MigrationFailed(failure)) => {
            let detail = render_failure(printer, &project.display(&failure.script_path), &failure);
            return Err(Failure {
                error: EngineError::MigrationFailed(failure),
                detail: Some(detail),
            });
        }
        Err(EngineError::Lock(driftless_db::LockError::Timeout { timeout, holders })) => {
            let mut detail = String::from("Sessions holding or waiting for the lock:\n");
            for holder in &holders {
                detail.push_str(&format!(
                    "  {} {holder}\n",
                    if holder.granted { "holds " } else { "waits " }
                ));
            }
            return Err(Failure {
                error: EngineError::Lock(driftless_db::LockError::Timeout { timeout, holders }),
                detail: Some(detail),
            });
        }
        Err(error) => return Err(error.into()),
    };
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate deploy",
            "migrationsFound": directory.migrations.len(),
            "applied": output.applied,
            "historyTableCreated": output.history_table_created,
            "warnings": output.warnings,
        }));
        return Ok(exit::SUCCESS);
    }
    for warning in &output.warnings {
        printer.warn(warning);
    }
    printer.out("");
    if output.applied.is_empty() {
        printer.out("No pending migrations to apply.");
    } else {
        printer.out("");
        printer.out("The following migration(s) have been applied:");
        printer.out("");
        printer.out("migrations/");
        for applied in &output.applied {
            printer.out(&format!("  └─ {}/", applied.name));
            printer.out("    └─ migration.sql");
        }
        printer.out("");
        printer.out(&printer.out_paint(
            Paint::Green,
            "All migrations have been successfully applied.",
        ));
    }
    Ok(exit::SUCCESS)
}

/// The failing statement with a caret, what was left behind, and what ran before.
fn render_failure(printer: &Printer, path: &str, failure: &MigrationFailure) -> String {
    let mut out = String::new();
    if !failure.applied_before.is_empty() {
        out.push_str(&format!(
            "Applied before the failure: {}\n\n",
            failure
                .applied_before
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(offset) = failure.error_offset {
        let mut sources = SourceMap::new();
        let file = sources.add(SourceFile::new(path, failure.script.clone()));
        let rest = &failure.script[offset..];
        let end = if failure.exact_position {
            rest.find(|c: char| c.is_whitespace() || c == ';' || c == '(' || c == ',')
                .map_or(failure.script.len(), |i| offset + i.max(1))
        } else {
            offset + rest.find(['\n', '\r']).unwrap_or(rest.len())
        };
        let (message, code) = match &failure.cause {
            FailureCause::Server(e) => (e.message.clone(), e.code.clone()),
            FailureCause::ConnectionLost(e) | FailureCause::Database(e) => {
                (e.clone(), "error".to_string())
            }
        };
        let mut diagnostic = Diagnostic::error(
            "P3018",
            format!("{message} (SQLSTATE {code})"),
            Span::new(file, offset, end),
        );
        if let FailureCause::Server(e) = &failure.cause {
            let mut help = Vec::new();
            if let Some(detail) = &e.detail {
                help.push(format!("detail: {detail}"));
            }
            if let Some(hint) = &e.hint {
                help.push(format!("server hint: {hint}"));
            }
            if let Some(context) = &e.context {
                help.push(format!("context: {context}"));
            }
            if !help.is_empty() {
                diagnostic = diagnostic.with_help(help.join("; "));
            }
        }
        let style = Style {
            color: printer.err_color(),
        };
        out.push_str(&driftless_diagnostics::render(&diagnostic, &sources, style));
        out.push('\n');
    } else if let FailureCause::Server(e) = &failure.cause {
        out.push_str(&format!("{}\n\n", e.full_text()));
    }
    match failure.mode {
        ExecutionMode::Transaction => out.push_str(&format!(
            "It ran in one transaction together with its history row: {}.",
            failure.outcome.describe()
        )),
        mode => out.push_str(&format!(
            "It ran {}: {}.",
            if mode == ExecutionMode::Script {
                "transaction by transaction, as its own BEGIN/COMMIT say"
            } else {
                "statement by statement"
            },
            failure.outcome.describe()
        )),
    }
    if failure.recorded {
        out.push_str(" It is recorded as failed in `_prisma_migrations`, and deploy will not apply further migrations until it is resolved.");
    }
    out
}
