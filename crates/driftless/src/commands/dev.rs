//! `driftless dev start|stop|status|url`: the project's local development database.

use driftless_engine::EngineError;
use driftless_engine::dev::DevDatabase;

use super::{CommandResult, Context, discover};
use crate::cli::DevCommand;
use crate::exit;

/// Runs a `dev` subcommand.
pub async fn run(context: &Context, command: &DevCommand) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let dev = DevDatabase::for_project(&project.root, &project.project_name());
    match command {
        DevCommand::Start => {
            let (url, started) = dev.ensure_running().await?;
            let status = dev.status().map_err(EngineError::from)?;
            if printer.json {
                printer.json_document(&serde_json::json!({"version": 1, "command": "dev start", "started": started, "url": url.expose(), "status": status}));
                return Ok(exit::SUCCESS);
            }
            printer.err(&format!(
                "{} the local development database ({})",
                if started { "Started" } else { "Already running:" },
                status.version.as_deref().unwrap_or("PostgreSQL")
            ));
            printer.err(&format!("  data: {}", project.display(&status.data_dir)));
            printer.err("  commands in this project use it when no database URL is configured");
            printer.out(&url.expose());
            Ok(exit::SUCCESS)
        }
        DevCommand::Stop => {
            let stopped = dev.stop().map_err(EngineError::from)?;
            if printer.json {
                printer.json_document(&serde_json::json!({"version": 1, "command": "dev stop", "stopped": stopped}));
            } else if stopped {
                printer.err("Stopped the local development database");
            } else {
                printer.err("The local development database was not running");
            }
            Ok(exit::SUCCESS)
        }
        DevCommand::Status => {
            let status = dev.status().map_err(EngineError::from)?;
            if printer.json {
                printer.json_document(&serde_json::json!({"version": 1, "command": "dev status", "status": status}));
                return Ok(exit::SUCCESS);
            }
            match (&status.url, status.created) {
                (Some(url), _) => {
                    printer.out(&format!("running on 127.0.0.1:{}", status.port.unwrap_or_default()));
                    printer.out(&format!("url: {url}"));
                }
                (None, true) => printer.out("stopped (start it with `driftless dev start`)"),
                (None, false) => printer.out("not created (create and start it with `driftless dev start`)"),
            }
            printer.out(&format!("data: {}", project.display(&status.data_dir)));
            if let Some(version) = &status.version {
                printer.out(&format!("server: {version}"));
            }
            Ok(if status.url.is_some() { exit::SUCCESS } else { exit::FAILURE })
        }
        DevCommand::Url => match dev.url().map_err(EngineError::from)? {
            Some(url) => {
                printer.out(&url.expose());
                Ok(exit::SUCCESS)
            }
            None => Err(EngineError::Other(
                "the local development database is not running; start it with `driftless dev start`".to_string(),
            )
            .into()),
        },
    }
}
