//! `validate`: every problem of the schema at once, each with file, line, column and a
//! caret; warnings (retired preview features, Prisma 7 refusals we accept) do not fail.

use driftless_diagnostics::Style;
use driftless_engine::EngineError;

use super::{CommandResult, Context, discover};
use crate::exit;

/// Runs `validate`.
pub async fn run(context: &Context) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let parsed = project.require_schema()?;
    let diagnostics = driftless_psl::validate(parsed);
    let style = Style {
        color: printer.err_color(),
    };
    let path = project
        .schema_path
        .as_deref()
        .map_or_else(|| "schema.prisma".to_string(), |p| project.display(p));
    if printer.json {
        let items: Vec<serde_json::Value> = diagnostics
            .iter()
            .map(|d| {
                let file = parsed.sources.get(d.span.file);
                let (line, column) = file.map_or((0, 0), |f| f.line_col(d.span.start as usize));
                serde_json::json!({
                    "severity": d.severity.as_str(),
                    "code": d.code,
                    "message": d.message,
                    "file": file.map(|f| f.name.clone()),
                    "line": line,
                    "column": column,
                    "help": d.help,
                })
            })
            .collect();
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "validate",
            "schema": path,
            "valid": !diagnostics.has_errors(),
            "diagnostics": items,
        }));
    } else {
        for diagnostic in diagnostics.iter() {
            printer
                .err(driftless_diagnostics::render(diagnostic, &parsed.sources, style).trim_end());
            printer.err("");
        }
    }
    let errors = diagnostics.errors().count();
    if errors > 0 {
        return Err(EngineError::SchemaInvalid {
            count: errors,
            rendered: String::new(),
        }
        .into());
    }
    printer.out(&format!("The schema at {path} is valid 🚀"));
    Ok(exit::SUCCESS)
}
