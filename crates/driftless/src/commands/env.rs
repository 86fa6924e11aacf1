//! `env list`: the environments of `driftless.toml`, with masked URLs and whether each is
//! protected, and why.

use driftless_engine::guard::{Protection, protection};

use super::{CommandResult, Context, discover};
use crate::exit;
use crate::printer::Paint;

/// One environment as listed.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    name: String,
    /// Where the URL comes from (`env("NAME")`, or the masked literal).
    source: String,
    /// The masked URL, when it can be resolved.
    url: Option<String>,
    /// Why it cannot be resolved.
    unresolved: Option<String>,
    /// `protected = …` as written.
    declared_protected: Option<bool>,
    /// Protection, when the URL is known (or declared).
    protection: Option<Protection>,
    /// The shadow server, masked.
    shadow_url: Option<String>,
    /// Chosen with `--env` / `DRIFTLESS_ENV`.
    selected: bool,
}

/// Runs `env list`.
pub async fn list(context: &Context) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let selected = project.selected_environment().map(|e| e.name.clone());
    let Some(environments) = &project.environments else {
        if printer.json {
            printer.json_document(&serde_json::json!({
                "version": 1,
                "command": "env list",
                "file": null,
                "environments": [],
            }));
        } else {
            printer.out("No driftless.toml: commands use the database the project configures (`--url`, the schema's datasource, prisma.config.ts, DATABASE_URL).");
            printer.out("");
            printer.out("Declare environments in driftless.toml at the project root, e.g.:");
            printer.out("");
            printer.out("  [environments.local]");
            printer.out("  url = env(\"DATABASE_URL\")");
            printer.out("");
            printer.out("  [environments.production]");
            printer.out("  url = env(\"PRODUCTION_DATABASE_URL\")");
            printer.out("  protected = true");
        }
        return Ok(exit::SUCCESS);
    };
    let mut listed = Vec::new();
    for environment in &environments.list {
        let target = project.environment_target(&environment.name);
        let (url, unresolved, protection) = match &target {
            Ok(target) => (Some(target.url.masked()), None, Some(protection(target))),
            Err(e) => (None, Some(e.to_string()), None),
        };
        let shadow_url = match &target {
            Ok(target) => target.shadow.as_ref().map(|s| s.masked()),
            Err(_) => environment.shadow_url.as_ref().map(|s| s.to_string()),
        };
        listed.push(Listed {
            name: environment.name.clone(),
            source: environment.url.to_string(),
            url,
            unresolved,
            declared_protected: environment.protected,
            protection,
            shadow_url,
            selected: selected.as_deref() == Some(environment.name.as_str()),
        });
    }
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "env list",
            "file": project.display(&environments.path),
            "selected": selected,
            "environments": listed,
        }));
        return Ok(exit::SUCCESS);
    }
    printer.out(&format!(
        "Environments in {}:",
        project.display(&environments.path)
    ));
    printer.out("");
    let width = listed.iter().map(|l| l.name.len()).max().unwrap_or(0);
    for l in &listed {
        let marker = if l.selected { "*" } else { " " };
        let url = match (&l.url, &l.unresolved) {
            (Some(url), _) => url.clone(),
            (None, _) => format!("{} (not set)", l.source),
        };
        let protected = match (&l.protection, l.declared_protected) {
            (Some(p), _) if p.protected => {
                printer.out_paint(Paint::Yellow, &format!("protected: {p}"))
            }
            (Some(p), _) => format!("not protected: {p}"),
            (None, Some(true)) => printer.out_paint(
                Paint::Yellow,
                "protected: it says `protected = true` in driftless.toml",
            ),
            (None, Some(false)) => "not protected: it says `protected = false`".to_string(),
            (None, None) => "protected unless its host turns out to be this machine".to_string(),
        };
        printer.out(&format!("{marker} {:width$}  {url}", l.name));
        printer.out(&format!("  {:width$}  {protected}", ""));
        if let Some(shadow) = &l.shadow_url {
            printer.out(&format!("  {:width$}  shadow server: {shadow}", ""));
        }
    }
    if selected.is_some() {
        printer.out("");
        printer.out("* chosen with `--env` / `DRIFTLESS_ENV`");
    }
    Ok(exit::SUCCESS)
}
