//! Asking the guard before a destructive action, the same way in every command: who asks
//! (terminal, CI, AI agent), which consent is given, the question on the terminal, and the
//! backup written once the action is allowed.

use std::io::{BufRead, IsTerminal, Write};

use driftless_engine::EngineError;
use driftless_engine::backup::{Backup, BackupLabel, BackupSource, SchemaDump};
use driftless_engine::guard::{
    Action, Consent, Consents, Request, Session, Verdict, decide, protection,
};
use driftless_engine::project::{DatabaseTarget, Project, same_database};

use super::Context;
use crate::printer::Paint;

/// What the guard let through.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorized {
    /// How consent was given (`None`: nothing guards this action here).
    pub consent: Option<Consent>,
    /// The backup written before the action.
    pub backup: Option<Backup>,
}

/// The environments whose database has the same name as `target`'s on another server.
fn namesakes(project: &Project, target: &DatabaseTarget) -> Vec<String> {
    let Some(environments) = &project.environments else {
        return Vec::new();
    };
    let own = target.environment.as_ref().map(|e| e.name.as_str());
    environments
        .list
        .iter()
        .filter(|e| Some(e.name.as_str()) != own)
        .filter_map(|e| {
            let url = e.resolve_url(&project.env, &environments.path).ok()?;
            (url.database == target.url.database && !same_database(&url, &target.url))
                .then(|| e.name.clone())
        })
        .collect()
}

#[allow(clippy::print_stderr)]
fn ask(prompt: &str) -> Option<String> {
    eprint!("{prompt} ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(answer),
    }
}

/// Asks the guard whether `action` may run on `target`; when it may, writes the backup
/// (`source`, read beforehand) when the action destroys data or the database is protected.
/// A refusal is an error (exit code 8) that says why and what would allow it.
pub fn authorize(
    context: &Context,
    project: &Project,
    target: &DatabaseTarget,
    action: Action,
    source: Option<&BackupSource>,
) -> Result<Authorized, EngineError> {
    let session = Session::detect(std::io::stdin().is_terminal(), context.printer.json);
    let consents = Consents::from_process();
    let request = Request {
        action,
        target,
        allow_protected: context.allow_protected,
        session: &session,
        consents: &consents,
        namesakes: namesakes(project, target),
    };
    let protection = protection(target);
    let consent = match decide(&request) {
        Verdict::Unguarded => None,
        Verdict::Allowed(consent) => Some(consent),
        Verdict::Refused(refusal) => return Err(EngineError::Guarded(Box::new(refusal))),
        Verdict::Ask(question) => {
            let answer = ask(&question.prompt);
            match question.answer(&request, answer.as_deref()) {
                Ok(consent) => Some(consent),
                Err(refusal) => return Err(EngineError::Guarded(refusal)),
            }
        }
    };
    let printer = &context.printer;
    if consent.is_some() || protection.protected {
        printer.err(&format!(
            "{} `{}` on database `{}` at `{}`{}: {}",
            printer.err_paint(Paint::Cyan, "target:"),
            action.command(),
            target.url.database,
            target.url.host_display(),
            target
                .environment
                .as_ref()
                .map(|e| format!(" (environment `{}`)", e.name))
                .unwrap_or_default(),
            match consent {
                Some(Consent::Variable) => "allowed by `DRIFTLESS_CONSENT`",
                Some(Consent::PrismaVariable) =>
                    "allowed by `PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION`",
                Some(Consent::Typed) => "allowed: the database name was typed",
                Some(Consent::Confirmed) => "confirmed",
                None => "allowed",
            }
        ));
    }
    let wants_backup = protection.protected || action.backs_up_always();
    let backup = match source {
        Some(source) if wants_backup => {
            let backup = source.write(
                &project.root,
                BackupLabel {
                    action: action.token(),
                    environment: target.environment.as_ref().map(|e| e.name.as_str()),
                    protected: protection.protected,
                },
            )?;
            printer.err(&format!(
                "{} {}{}",
                printer.err_paint(Paint::Cyan, "backup:"),
                project.display(&backup.dir),
                match &backup.schema {
                    SchemaDump::Written { .. } => " (schema dump and migration history)".to_string(),
                    SchemaDump::PgDumpMissing =>
                        " (migration history only: `pg_dump` is not installed, so the schema was not dumped; install PostgreSQL's client programs or set `DRIFTLESS_PG_DUMP`)".to_string(),
                    SchemaDump::PgDumpFailed { message } => format!(
                        " (migration history only: `pg_dump` failed: {message})"
                    ),
                }
            ));
            Some(backup)
        }
        _ => None,
    };
    Ok(Authorized { consent, backup })
}
