//! Helpers shared by the integration tests: finding the corpus and loading its schemas.

use std::path::{Path, PathBuf};

use driftless_psl::{ParsedSchema, SourceFile, parse_schema, read_schema_files};

/// The shared corpus of real Prisma projects, if it is present on this machine.
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Each corpus project's schema: its name and its files (a folder for multi-file schemas).
pub(crate) fn corpus_schemas() -> Option<Vec<(String, Vec<SourceFile>)>> {
    let dir = corpus_dir()?;
    let mut projects: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    let mut out = Vec::new();
    for project in projects {
        let name = project.file_name()?.to_string_lossy().to_string();
        // papermark keeps its schema in a `schema/` folder; rallly has `schema.prisma` next
        // to `models/`: both are multi-file schemas.
        let path = if project.join("schema").is_dir() {
            project.join("schema")
        } else if project.join("models").is_dir() {
            project.clone()
        } else {
            project.join("schema.prisma")
        };
        let files = read_schema_files(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let files = files
            .into_iter()
            .map(|f| {
                let relative = Path::new(&f.name)
                    .strip_prefix(&dir)
                    .map(|p| p.display().to_string())
                    .unwrap_or(f.name.clone());
                SourceFile::new(relative, f.text)
            })
            .collect();
        out.push((name, files));
    }
    Some(out)
}

/// Parses and panics with the rendered diagnostics when there is any error.
pub(crate) fn parse_ok(name: &str, files: Vec<SourceFile>) -> ParsedSchema {
    let parsed = parse_schema(files);
    if parsed.diagnostics.has_errors() {
        panic!(
            "{name} has errors:\n{}",
            driftless_diagnostics::render_all(
                &parsed.diagnostics,
                &parsed.sources,
                driftless_diagnostics::Style::plain()
            )
        );
    }
    parsed
}
