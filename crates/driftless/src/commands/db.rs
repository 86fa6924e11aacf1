//! `db execute` (run a SQL script against the database) and `db seed` (run the project's
//! seed command), as Prisma's.

use std::io::Read;

use driftless_engine::EngineError;
use driftless_engine::seed::{SeedOutcome, run_seed};

use super::{CommandResult, Context, connect, discover};
use crate::cli::{ExecuteArgs, SeedArgs};
use crate::exit;

/// Runs `db execute`: the script is sent as one multi-statement query, as Prisma sends it.
pub async fn execute(context: &Context, args: &ExecuteArgs) -> CommandResult {
    let printer = &context.printer;
    let script = match (&args.file, args.stdin) {
        (Some(path), false) => fs_err::read_to_string(path)
            .map_err(|e| EngineError::Other(format!("cannot read the script: {e}")))?,
        (None, true) => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                EngineError::Other(format!("cannot read the script from stdin: {e}"))
            })?;
            text
        }
        _ => {
            return Err(EngineError::Usage(
                "pass exactly one of `--file <path>` and `--stdin`".to_string(),
            )
            .into());
        }
    };
    let project = discover(context)?;
    let (connection, _target) = connect(context, &project).await?;
    connection.batch(&script, "running the script").await?;
    printer.out("Script executed successfully.");
    Ok(exit::SUCCESS)
}

/// Runs `db seed`.
pub async fn seed(context: &Context, args: &SeedArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    match run_seed(&project, &args.rest)? {
        SeedOutcome::NotConfigured => {
            printer.warn("no seed command is configured: set `migrations.seed` in prisma.config.ts, or `\"prisma\": {\"seed\": \"…\"}` in package.json");
        }
        SeedOutcome::Ran { command } => {
            printer.err(&format!("Running seed command `{command}` …"));
            printer.out("The seed command has been executed.");
        }
    }
    Ok(exit::SUCCESS)
}
