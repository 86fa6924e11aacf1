//! `migrate dev`: create a migration from the schema change and apply it.

use std::io::{BufRead, IsTerminal, Write};

use driftless_diagnostics::Style;
use driftless_engine::EngineError;
use driftless_engine::backup::BackupSource;
use driftless_engine::data_checks::CheckedWarning;
use driftless_engine::guard::Action;
use driftless_engine::migrate_dev::{DevOptions, Prompt, migrate_dev};

use super::guarded::authorize;
use super::migrate_deploy::TerminalReporter;
use super::{
    CommandResult, Context, Failure, connect_options, connect_or_create, discover, read_migrations,
    seconds, skip_lock,
};
use crate::cli::DevArgs;
use crate::exit;

struct TerminalPrompt<'a> {
    interactive: bool,
    context: &'a Context,
    project: &'a driftless_engine::project::Project,
    target: &'a driftless_engine::project::DatabaseTarget,
    source: &'a BackupSource,
    asked: std::cell::Cell<bool>,
}

#[allow(clippy::print_stderr)]
fn ask(question: &str) -> Option<String> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok()?;
    Some(answer.trim().to_string())
}

impl Prompt for TerminalPrompt<'_> {
    fn before_apply(&self, _migrations: &[String]) -> Result<(), EngineError> {
        // One consent covers the whole command (pending migrations and the new one).
        if self.asked.replace(true) {
            return Ok(());
        }
        authorize(
            self.context,
            self.project,
            self.target,
            Action::MigrateDev,
            Some(self.source),
        )
        .map(|_| ())
    }

    fn migration_name(&self) -> Option<String> {
        if !self.interactive {
            return None;
        }
        ask("Enter a name for the new migration: ").filter(|n| !n.is_empty())
    }

    fn confirm_data_loss(&self, warnings: &[CheckedWarning]) -> Option<bool> {
        if !self.interactive {
            return None;
        }
        for warning in warnings {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("  • {}", warning.describe());
            }
        }
        let answer = ask(
            "Are you sure you want to apply this migration? It would lose the data above. [y/N] ",
        )?;
        Some(matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes"))
    }
}

/// Runs `migrate dev`.
pub async fn run(context: &Context, args: &DevArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    project.require_schema()?;
    let directory = read_migrations(context, &project)?;
    let (mut connection, target) = connect_or_create(context, &project, true).await?;
    let source = BackupSource::read(&connection).await?;
    let options = DevOptions {
        name: args.name.clone(),
        create_only: args.create_only,
        accept_data_loss: false,
        lock_timeout: seconds(args.lock_timeout),
        skip_lock: skip_lock(context, &project),
        connect: connect_options(&project),
    };
    let interactive = std::io::stdin().is_terminal() && !printer.json;
    let style = Style {
        color: printer.err_color(),
    };
    let reporter = TerminalReporter { printer };
    let output = match migrate_dev(
        &project,
        &mut connection,
        &directory,
        &options,
        &TerminalPrompt {
            interactive,
            context,
            project: &project,
            target: &target,
            source: &source,
            asked: std::cell::Cell::new(false),
        },
        &reporter,
        &context.interrupt,
        style,
    )
    .await
    {
        Ok(output) => output,
        Err(EngineError::Drift { summary, script }) => {
            return Err(Failure {
                detail: Some(format!(
                    "What the database holds that the applied migrations do not produce:\n{summary}\nThe SQL that would record it:\n\n{script}"
                )),
                error: EngineError::Drift { summary, script },
            });
        }
        Err(e) => return Err(e.into()),
    };
    // A migration written but held back (it cannot run on the data, or would lose data
    // without consent) leaves the database behind the schema: not a success.
    let code = match &output.not_applied_because {
        Some(reason) if reason != "--create-only" => exit::REFUSED,
        _ => exit::SUCCESS,
    };
    if printer.json {
        printer.json_document(
            &serde_json::json!({"version": 1, "command": "migrate dev", "result": output}),
        );
        return Ok(code);
    }
    for warning in &output.warnings {
        if warning.matters() {
            printer.warn(&warning.describe());
            if let Some(advice) = &warning.warning.advice {
                printer.hint(advice);
            }
        }
    }
    match (&output.created, output.applied) {
        (None, _) => {
            if output.applied_pending.is_empty() {
                printer.out("Already in sync, no schema change or pending migration was found.");
            } else {
                printer
                    .out("The pending migrations were applied; the schema needs no new migration.");
            }
        }
        (Some(name), true) => {
            printer.out(
                "The following migration(s) have been created and applied from new schema changes:",
            );
            printer.out("");
            printer.out("migrations/");
            printer.out(&format!("  └─ {name}/"));
            printer.out("    └─ migration.sql");
            printer.out("");
            printer.out("Your database is now in sync with your schema.");
        }
        (Some(name), false) => {
            printer.out(&format!(
                "driftless created the following migration without applying it {name}"
            ));
            printer.out("");
            if let Some(reason) = &output.not_applied_because {
                if reason != "--create-only" {
                    printer.warn(&format!("it was not applied because {reason}"));
                }
            }
            printer.out("You can now edit it and apply it by running driftless migrate dev.");
        }
    }
    Ok(code)
}
