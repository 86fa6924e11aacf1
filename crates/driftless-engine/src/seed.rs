//! `db seed` (and the seeding step of `migrate reset`): runs the project's seed command
//! through the shell, with the project's `.env` variables, as Prisma does.

use std::process::Command;

use crate::error::EngineError;
use crate::project::Project;

/// What running the seed command gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOutcome {
    /// No seed command is configured.
    NotConfigured,
    /// The command ran and succeeded.
    Ran {
        /// The command.
        command: String,
    },
}

/// Runs the seed command (with `extra` arguments appended), inheriting stdout and stderr.
pub fn run_seed(project: &Project, extra: &[String]) -> Result<SeedOutcome, EngineError> {
    let Some(command) = project.seed_command()? else {
        return Ok(SeedOutcome::NotConfigured);
    };
    let mut line = command.clone();
    for arg in extra {
        line.push(' ');
        line.push_str(&shell_quote(arg));
    }
    let mut process = Command::new("sh");
    process.arg("-c").arg(&line).current_dir(&project.root);
    for (key, value) in project.env.loaded() {
        if std::env::var_os(key).is_none() {
            process.env(key, value);
        }
    }
    let status = process
        .status()
        .map_err(|e| EngineError::Other(format!("cannot run the seed command `{command}`: {e}")))?;
    if !status.success() {
        return Err(EngineError::Other(format!(
            "the seed command `{command}` failed ({status}); fix it, or run it by hand to see why"
        )));
    }
    Ok(SeedOutcome::Ran { command })
}

fn shell_quote(arg: &str) -> String {
    if arg
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_=./:,@".contains(c))
        && !arg.is_empty()
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}
