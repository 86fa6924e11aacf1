//! `db push`: sync the database with the schema, without a migration.

use std::cell::RefCell;

use driftless_diagnostics::Style;
use driftless_engine::backup::BackupSource;
use driftless_engine::guard::Action;
use driftless_engine::push::{PushOptions, db_push};

use super::guarded::{Authorized, authorize};
use super::{CommandResult, Context, connect_or_create, discover, read_migrations};
use crate::cli::PushArgs;
use crate::exit;

/// Runs `db push`.
pub async fn run(context: &Context, args: &PushArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    project.require_schema()?;
    let (connection, target) = connect_or_create(context, &project, true).await?;
    let source = BackupSource::read(&connection).await?;
    let authorized: RefCell<Option<Authorized>> = RefCell::new(None);
    let guard = |action: Action| {
        let outcome = authorize(context, &project, &target, action, Some(&source))?;
        authorized.replace(Some(outcome));
        Ok(())
    };
    let style = Style {
        color: printer.err_color(),
    };
    let output = db_push(
        &project,
        &connection,
        PushOptions {
            accept_data_loss: args.accept_data_loss,
            force_reset: args.force_reset,
        },
        style,
        &guard,
    )
    .await?;
    let authorized = authorized.into_inner();
    let directory = read_migrations(context, &project)?;
    if printer.json {
        printer.json_document(
            &serde_json::json!({"version": 1, "command": "db push", "result": output, "authorization": authorized}),
        );
        return Ok(exit::SUCCESS);
    }
    for warning in output.warnings.iter().filter(|w| w.matters()) {
        printer.warn(&warning.describe());
    }
    if output.steps.is_empty() && output.reset.is_empty() {
        printer.out("The database is already in sync with the Prisma schema.");
    } else {
        printer.out("Your database is now in sync with your Prisma schema.");
    }
    if !directory.migrations.is_empty() && !output.steps.is_empty() {
        printer.warn(
            "the database now differs from the migration history: these changes are in no migration, so the next `migrate dev` or `migrate deploy` elsewhere will not know them",
        );
        printer.hint("record them as a migration with `driftless migrate dev --name <name>` (it will see the drift and say how)");
    }
    Ok(exit::SUCCESS)
}
