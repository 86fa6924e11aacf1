//! `migrate resolve --applied NAME | --rolled-back NAME`.

use driftless_engine::backup::BackupSource;
use driftless_engine::guard::Action;
use driftless_engine::resolve::{Resolution, migrate_resolve};

use super::guarded::authorize;

use super::{CommandResult, Context, connect, discover, read_migrations, seconds, skip_lock};
use crate::cli::ResolveArgs;
use crate::exit;

/// Runs `migrate resolve`.
pub async fn run(context: &Context, args: &ResolveArgs) -> CommandResult {
    let printer = &context.printer;
    let (name, resolution) = match (&args.applied, &args.rolled_back) {
        (Some(name), _) => (name.as_str(), Resolution::Applied),
        (None, Some(name)) => (name.as_str(), Resolution::RolledBack),
        (None, None) => {
            return Err(driftless_engine::EngineError::Other(
                "pass `--applied <migration>` or `--rolled-back <migration>`".to_string(),
            )
            .into());
        }
    };
    let project = discover(context)?;
    project.require_schema()?;
    let directory = read_migrations(context, &project)?;
    let (connection, target) = connect(context, &project).await?;
    let source = BackupSource::read(&connection).await?;
    let authorized = authorize(context, &project, &target, Action::Resolve, Some(&source))?;
    let skip = skip_lock(context, &project);
    let output = migrate_resolve(
        &connection,
        &directory,
        name,
        resolution,
        seconds(args.lock_timeout),
        skip,
    )
    .await?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate resolve",
            "result": output,
            "authorization": authorized,
        }));
        return Ok(exit::SUCCESS);
    }
    match resolution {
        Resolution::Applied => {
            printer.out(&format!("Migration {} marked as applied.", output.name));
            if output.rows_marked_rolled_back > 0 {
                printer.err(&format!(
                    "(its failed attempt{} marked rolled back first)",
                    if output.rows_marked_rolled_back == 1 {
                        " was"
                    } else {
                        "s were"
                    }
                ));
            }
        }
        Resolution::RolledBack => {
            printer.out(&format!("Migration {} marked as rolled back.", output.name))
        }
    }
    printer.out("");
    Ok(exit::SUCCESS)
}
