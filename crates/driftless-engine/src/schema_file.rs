//! Loading a Prisma schema (file or folder) into the schema model, with its diagnostics
//! rendered for the terminal.

use std::path::Path;

use driftless_diagnostics::{Style, render_all};
use driftless_psl::{LowerOptions, ParsedSchema};
use driftless_schema::Schema;

use crate::error::EngineError;
use crate::project::display_path;

/// A lowered schema and the warnings met on the way (rendered).
#[derive(Debug, Clone)]
pub struct LoadedSchema {
    /// The model.
    pub schema: Schema,
    /// Rendered warnings (retired preview features, …).
    pub warnings: Vec<String>,
}

/// Reads and parses the schema at `path`, naming files relative to `root`.
pub fn parse_schema_at(path: &Path, root: &Path) -> Result<ParsedSchema, EngineError> {
    let files =
        driftless_psl::read_schema_files(path).map_err(|e| EngineError::SchemaUnreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    let files = files
        .into_iter()
        .map(|mut f| {
            f.name = display_path(root, Path::new(&f.name));
            f
        })
        .collect();
    Ok(driftless_psl::parse_schema(files))
}

/// Validates and lowers a parsed schema; errors make it fail with every diagnostic rendered.
pub fn lower_parsed(
    parsed: &ParsedSchema,
    default_schema: &str,
    style: Style,
) -> Result<LoadedSchema, EngineError> {
    let (schema, diagnostics) = driftless_psl::lower_with(
        parsed,
        &LowerOptions {
            default_schema: default_schema.to_string(),
        },
    );
    if diagnostics.has_errors() {
        return Err(EngineError::SchemaInvalid {
            count: diagnostics.errors().count(),
            rendered: render_all(&diagnostics, &parsed.sources, style),
        });
    }
    let warnings = diagnostics
        .warnings()
        .map(|d| driftless_diagnostics::render(d, &parsed.sources, style))
        .collect();
    Ok(LoadedSchema { schema, warnings })
}

/// Validates and lowers the schema at `path`, reusing the parse that project discovery made
/// when `path` is the project's own schema (so a command reads and parses it once).
pub fn load_project_schema(
    project: &crate::project::Project,
    path: &Path,
    default_schema: &str,
    style: Style,
) -> Result<LoadedSchema, EngineError> {
    if let (Some(own), Some(parsed)) = (&project.schema_path, &project.schema) {
        let same = own == path
            || matches!(
                (std::fs::canonicalize(own), std::fs::canonicalize(path)),
                (Ok(a), Ok(b)) if a == b
            );
        if same {
            return lower_parsed(parsed, default_schema, style);
        }
    }
    load_schema(path, &project.root, default_schema, style)
}

/// Reads, validates and lowers the schema at `path`.
pub fn load_schema(
    path: &Path,
    root: &Path,
    default_schema: &str,
    style: Style,
) -> Result<LoadedSchema, EngineError> {
    let parsed = parse_schema_at(path, root)?;
    lower_parsed(&parsed, default_schema, style)
}
