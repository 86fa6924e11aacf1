//! `db pull`: introspect the database and write (or `--print`) its schema.

use std::time::Instant;

use driftless_db::Connection;
use driftless_engine::pull::{PullRequest, db_pull, file_paths, write_files};
use driftless_psl::Pulled;

use super::{CommandResult, Context, connect_options, datasource_line, discover};
use crate::cli::PullArgs;
use crate::exit;

/// Runs `db pull`.
pub async fn run(context: &Context, args: &PullArgs) -> CommandResult {
    let printer = &context.printer;
    let started = Instant::now();
    let project = discover(context)?;
    if let Some(parsed) = &project.schema
        && let Some(path) = &project.schema_path
        && parsed.has_errors()
        && !args.force
    {
        printer.warn(&format!(
            "`{}` has syntax errors: only the names of what could be read are kept",
            project.display(path)
        ));
    }
    let target = project.database_target().await?;
    let connection = Connection::connect(&target.url, &connect_options(&project)).await?;
    // With `--print` stdout holds the schema only.
    let line = datasource_line(&project, &target);
    if args.print || printer.json {
        printer.err(&line);
    } else {
        printer.out(&line);
        printer.out("");
    }
    let pulled = db_pull(
        &project,
        &connection,
        &target.url.schema,
        PullRequest { force: args.force },
    )
    .await?;
    for warning in &pulled.warnings {
        printer.warn(warning);
    }
    let paths = file_paths(&project, &pulled);
    if args.print {
        if printer.json {
            let files: Vec<_> = pulled
                .files
                .iter()
                .map(|f| serde_json::json!({"name": f.name, "text": f.text}))
                .collect();
            printer.json_document(&json_report(&pulled, "files", serde_json::json!(files)));
        } else {
            printer.out_raw(&pulled.text());
        }
        return Ok(exit::SUCCESS);
    }
    write_files(&paths, &pulled)?;
    let written: Vec<String> = paths.iter().map(|p| project.display(p)).collect();
    if printer.json {
        printer.json_document(&json_report(&pulled, "written", serde_json::json!(written)));
        return Ok(exit::SUCCESS);
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let what = match (pulled.models, pulled.enums) {
        (m, 0) => plural(m, "model"),
        (0, e) => plural(e, "enum"),
        (m, e) => format!("{} and {}", plural(m, "model"), plural(e, "enum")),
    };
    printer.out(&format!(
        "Introspected {what} and wrote them into {} in {}ms",
        written.join(", "),
        started.elapsed().as_millis()
    ));
    if pulled.kept_names > 0 && !args.force {
        printer.out(&format!(
            "{} kept from the existing schema (pass --force to ignore them)",
            plural(pulled.kept_names, "name")
        ));
    }
    Ok(exit::SUCCESS)
}

/// The `--json` document: what was pulled, and `key` (the files printed, or the paths written).
fn json_report(pulled: &Pulled, key: &str, value: serde_json::Value) -> serde_json::Value {
    let mut report = serde_json::json!({
        "version": 1,
        "command": "db pull",
        "models": pulled.models,
        "enums": pulled.enums,
        "keptNames": pulled.kept_names,
        "warnings": pulled.warnings,
    });
    report[key] = value;
    report
}
