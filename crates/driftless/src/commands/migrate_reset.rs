//! `migrate reset`: empty the managed schemas, apply every migration again, run the seed
//! command. Asks on a terminal; needs `--force` otherwise.

use std::io::{BufRead, IsTerminal, Write};

use driftless_engine::EngineError;
use driftless_engine::backup::BackupSource;
use driftless_engine::deploy::{DeployOptions, migrate_deploy};
use driftless_engine::guard::{Action, Consent};
use driftless_engine::reset::empty_schemas;
use driftless_engine::seed::{SeedOutcome, run_seed};

use super::guarded::authorize;
use super::{
    CommandResult, Context, connect, connect_options, discover, read_migrations, skip_lock,
};
use crate::cli::ResetArgs;
use crate::exit;

/// Runs `migrate reset`.
pub async fn run(context: &Context, args: &ResetArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    project.require_schema()?;
    let directory = read_migrations(context, &project)?;
    let (mut connection, target) = connect(context, &project).await?;
    let namespaces = match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![target.url.schema.clone()],
    };
    let source = BackupSource::read(&connection).await?;
    let authorized = authorize(context, &project, &target, Action::Reset, Some(&source))?;
    let typed = matches!(
        authorized.consent,
        Some(Consent::Typed | Consent::Confirmed)
    );
    if !args.force && !typed {
        let question = format!(
            "Are you sure you want to reset the database `{}` at `{}` (schemas {})? All data will be lost.",
            target.url.database,
            target.url.host_display(),
            namespaces
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if !std::io::stdin().is_terminal() || printer.json {
            return Err(EngineError::NeedsConfirmation {
                message: format!("{question} Not on a terminal: pass `--force` to confirm"),
            }
            .into());
        }
        eprint_flush(&format!("{question} [y/N] "));
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            printer.err("Reset cancelled.");
            return Ok(exit::REFUSED);
        }
    }
    let reset = empty_schemas(&connection, &namespaces).await?;
    printer.err(&format!(
        "Dropped {} object{} from {}",
        reset.dropped.len(),
        if reset.dropped.len() == 1 { "" } else { "s" },
        namespaces
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let options = DeployOptions {
        lock_timeout: std::time::Duration::from_secs(10),
        skip_lock: skip_lock(context, &project),
        connect: connect_options(&project),
    };
    let output = migrate_deploy(
        &mut connection,
        &directory,
        &options,
        &driftless_engine::deploy::SilentReporter,
        &context.interrupt,
    )
    .await?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate reset",
            "dropped": reset.dropped,
            "applied": output.applied,
            "authorization": authorized,
        }));
    } else {
        printer.out("Database reset successful");
        printer.out("");
        if !output.applied.is_empty() {
            printer.out("The following migration(s) have been applied:");
            printer.out("");
            printer.out("migrations/");
            for applied in &output.applied {
                printer.out(&format!("  └─ {}/", applied.name));
                printer.out("    └─ migration.sql");
            }
            printer.out("");
        }
    }
    if !args.skip_seed {
        match run_seed(&project, &[])? {
            SeedOutcome::NotConfigured => {}
            SeedOutcome::Ran { command } => {
                printer.err(&format!("Ran the seed command `{command}`"))
            }
        }
    }
    Ok(exit::SUCCESS)
}

#[allow(clippy::print_stderr)]
fn eprint_flush(text: &str) {
    eprint!("{text}");
    let _ = std::io::stderr().flush();
}
