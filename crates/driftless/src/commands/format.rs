//! `format`: rewrites the schema files in `prisma format`'s canonical layout; `--check`
//! changes nothing and exits 2 when a file would change (for CI).

use std::time::Instant;

use driftless_diagnostics::Style;
use driftless_engine::EngineError;

use super::{CommandResult, Context, discover};
use crate::cli::FormatArgs;
use crate::exit;

/// Runs `format`.
pub async fn run(context: &Context, args: &FormatArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let parsed = project.require_schema()?;
    let started = Instant::now();
    if parsed.diagnostics.has_errors() {
        let style = Style {
            color: printer.err_color(),
        };
        for diagnostic in parsed.diagnostics.errors() {
            printer
                .err(driftless_diagnostics::render(diagnostic, &parsed.sources, style).trim_end());
            printer.err("");
        }
        return Err(EngineError::SchemaInvalid {
            count: parsed.diagnostics.errors().count(),
            rendered: String::new(),
        }
        .into());
    }
    let mut changed = Vec::new();
    for (file_id, text) in driftless_psl::format(parsed) {
        let Some(file) = parsed.sources.get(file_id) else {
            continue;
        };
        if file.text != text {
            changed.push((file.name.clone(), text));
        }
    }
    if args.check {
        if printer.json {
            printer.json_document(&serde_json::json!({
                "version": 1,
                "command": "format --check",
                "wouldChange": changed.iter().map(|(name, _)| name).collect::<Vec<_>>(),
            }));
        }
        if changed.is_empty() {
            printer.out("All schema files are formatted.");
            return Ok(exit::SUCCESS);
        }
        for (name, _) in &changed {
            printer.out(&format!("would reformat {name}"));
        }
        printer.hint("run `driftless format` to rewrite them");
        return Ok(exit::DIFFERENCE);
    }
    for (name, text) in &changed {
        let path = project.root.join(name);
        fs_err::write(&path, text)
            .map_err(|e| EngineError::Other(format!("cannot write `{name}`: {e}")))?;
    }
    let path = project
        .schema_path
        .as_deref()
        .map_or_else(|| "schema.prisma".to_string(), |p| project.display(p));
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "format",
            "changed": changed.iter().map(|(name, _)| name).collect::<Vec<_>>(),
        }));
    }
    printer.out(&format!(
        "Formatted {path} in {}ms 🚀",
        started.elapsed().as_millis()
    ));
    Ok(exit::SUCCESS)
}
