//! Developer tool: `cargo run -p driftless-psl --example psl -- <lower|json|validate|format> PATH`
//! prints what the front end makes of a schema file or folder.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;

use driftless_diagnostics::{Style, render_all};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(command), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: psl <lower|json|validate|format> PATH");
        return ExitCode::from(2);
    };
    let files = match driftless_psl::read_schema_files(Path::new(path)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let parsed = driftless_psl::parse_schema(files);
    match command.as_str() {
        "lower" => {
            let (schema, diagnostics) = driftless_psl::lower(&parsed);
            println!("{schema:#?}");
            eprint!(
                "{}",
                render_all(&diagnostics, &parsed.sources, Style::plain())
            );
        }
        "json" => {
            let (schema, diagnostics) = driftless_psl::lower(&parsed);
            let value = serde_json::json!({
                "namespaces": schema.namespaces,
                "extensions": schema.extensions,
                "enums": schema.enums,
                "sequences": schema.sequences,
                "tables": schema.tables,
                "views": schema.views,
            });
            println!("{value:#}");
            eprint!(
                "{}",
                render_all(&diagnostics, &parsed.sources, Style::plain())
            );
        }
        "format" => {
            let out_dir = args.get(3);
            for (id, text) in driftless_psl::format(&parsed) {
                let name = parsed.sources.get(id).map_or("?", |f| f.name.as_str());
                match out_dir {
                    Some(dir) => {
                        let relative = Path::new(name)
                            .strip_prefix(path)
                            .unwrap_or(Path::new(name));
                        let target = if relative.as_os_str().is_empty() {
                            Path::new(dir).join(Path::new(name).file_name().unwrap_or_default())
                        } else {
                            Path::new(dir).join(relative)
                        };
                        if let Some(parent) = target.parent() {
                            let _ = std::fs::create_dir_all(parent);
                        }
                        if let Err(e) = std::fs::write(&target, text) {
                            eprintln!("error: {e}");
                        }
                    }
                    None => print!("{text}"),
                }
            }
        }
        "validate" => {
            let diagnostics = driftless_psl::validate(&parsed);
            print!(
                "{}",
                render_all(&diagnostics, &parsed.sources, Style::plain())
            );
            if diagnostics.has_errors() {
                return ExitCode::from(1);
            }
        }
        other => {
            eprintln!("unknown command `{other}`");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
