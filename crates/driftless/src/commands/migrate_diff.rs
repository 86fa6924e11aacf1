//! `migrate diff`: compares any two sources (nothing, schema.prisma, a database, a
//! migrations folder) and prints the SQL (`--script`) or a summary, in Prisma's words.

use driftless_diagnostics::Style;
use driftless_engine::EngineError;
use driftless_engine::diff::{DiffRequest, DiffSource, migrate_diff};
use driftless_sql::render::{RenderOptions, render_script};

use super::{CommandResult, Context, discover};
use crate::cli::DiffArgs;
use crate::exit;

fn source(
    side: &str,
    empty: bool,
    schema: &Option<std::path::PathBuf>,
    url: &Option<String>,
    schema_datasource: &Option<std::path::PathBuf>,
    config_datasource: bool,
    migrations: &Option<std::path::PathBuf>,
) -> Result<DiffSource, EngineError> {
    let mut found = Vec::new();
    if empty {
        found.push(DiffSource::Empty);
    }
    if let Some(path) = schema {
        found.push(DiffSource::Schema(path.clone()));
    }
    if let Some(url) = url {
        found.push(DiffSource::Url(url.clone()));
    }
    if let Some(path) = schema_datasource {
        found.push(DiffSource::SchemaDatasource(path.clone()));
    }
    if config_datasource {
        found.push(DiffSource::ConfigDatasource);
    }
    if let Some(path) = migrations {
        found.push(DiffSource::Migrations(path.clone()));
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(EngineError::Usage(format!(
            "say what to compare {side}: one of `--{side}-empty`, `--{side}-schema`, `--{side}-url`, `--{side}-schema-datasource`, `--{side}-config-datasource`, `--{side}-migrations`"
        ))),
        _ => Err(EngineError::Usage(format!(
            "give only one `--{side}-…` source"
        ))),
    }
}

/// Runs `migrate diff`.
pub async fn run(context: &Context, args: &DiffArgs) -> CommandResult {
    let printer = &context.printer;
    let from = source(
        "from",
        args.from_empty,
        &args.from_schema,
        &args.from_url,
        &args.from_schema_datasource,
        args.from_config_datasource,
        &args.from_migrations,
    )?;
    let to = source(
        "to",
        args.to_empty,
        &args.to_schema,
        &args.to_url,
        &args.to_schema_datasource,
        args.to_config_datasource,
        &args.to_migrations,
    )?;
    let project = discover(context)?;
    let request = DiffRequest {
        from,
        to,
        shadow_database_url: args.shadow_database_url.clone(),
        replay: args.replay.parse().map_err(EngineError::Usage)?,
    };
    let style = Style {
        color: printer.err_color(),
    };
    let result = migrate_diff(&project, &request, style).await?;
    for warning in &result.warnings {
        printer.err(warning.trim_end());
    }
    let empty = result.migration.is_empty();
    let text = if args.script {
        render_script(
            &result.migration,
            result.schemas.as_ref(),
            &RenderOptions {
                default_schema: result.default_schema.clone(),
            },
        )
    } else if empty {
        "No difference detected.\n\n".to_string()
    } else {
        driftless_diff::summarize(&result.migration, result.schemas.as_ref())
    };
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "migrate diff",
            "empty": empty,
            "changes": result.migration.changes,
            "script": if args.script { Some(&text) } else { None },
        }));
    } else if let Some(output) = &args.output {
        let path = project.root.join(output);
        if let Some(parent) = path.parent() {
            let _ = fs_err::create_dir_all(parent);
        }
        fs_err::write(&path, &text)
            .map_err(|e| EngineError::Other(format!("cannot write `{}`: {e}", output.display())))?;
    } else {
        printer.out_raw(&text);
    }
    // The process ends with this command: freeing the schema models and the syntax tree
    // one allocation at a time would cost milliseconds and give nothing back.
    std::mem::forget((result, project, text));
    Ok(if args.exit_code && !empty {
        exit::DIFFERENCE
    } else {
        exit::SUCCESS
    })
}
