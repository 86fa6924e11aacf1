//! The in-process stages that commands are made of, called exactly as the commands call
//! them, so a benchmark of a stage measures what a user waits for.

use std::path::{Path, PathBuf};

use driftless_diff::{DiffMode, Migration, Side};
use driftless_psl::SourceFile;
use driftless_schema::{Dialect, Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

/// Parses, validates and lowers schema files to the model, as `migrate diff --to-schema`
/// does; an error when the schema has errors (a benchmark of a broken schema measures
/// nothing useful).
pub fn front_end(files: Vec<SourceFile>) -> anyhow::Result<Schema> {
    let parsed = driftless_psl::parse_schema(files);
    let (schema, diagnostics) = driftless_psl::lower(&parsed);
    if diagnostics.has_errors() {
        let first = diagnostics
            .errors()
            .next()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        anyhow::bail!("the schema has errors: {first}");
    }
    Ok(schema)
}

/// [`front_end`] of one text.
pub fn front_end_str(text: &str) -> anyhow::Result<Schema> {
    front_end(vec![SourceFile::new("schema.prisma", text)])
}

/// The empty database, as `--from-empty` sees it.
pub fn empty_schema() -> Schema {
    Schema::new(Dialect::Postgres, Vec::new())
}

/// The changes from `previous` to the schema.prisma model `next`, as `migrate diff` and
/// `db push` compute them (canonical copies, projected onto what the schema can say).
pub fn diff_against_schema(previous: &Schema, next: &Schema) -> Migration {
    driftless_engine::diff::compare(
        Pair::new(previous, next),
        DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
    )
}

/// The changes between two models compared on everything (two databases, a history and
/// a database).
pub fn diff_exact(previous: &Schema, next: &Schema) -> Migration {
    driftless_engine::diff::compare(Pair::new(previous, next), DiffMode::Exact)
}

/// The SQL of a migration, in Prisma's layout.
pub fn render(migration: &Migration, previous: &Schema, next: &Schema) -> String {
    render_script(
        migration,
        Pair::new(previous, next),
        &RenderOptions::default(),
    )
}

/// What `migrate diff --from-empty --to-schema … --script` prints for a model.
pub fn creation_sql(schema: &Schema) -> String {
    let empty = empty_schema();
    let migration = diff_against_schema(&empty, schema);
    render(&migration, &empty, schema)
}

/// The shared corpus of real Prisma projects (`DRIFTLESS_CORPUS`, else `shared/corpus`
/// beside the repository), when present.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DRIFTLESS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// The schema files of a corpus project (a file, a `schema/` folder, or `schema.prisma`
/// with `models/`), as the CLI reads them.
pub fn corpus_schema_files(project: &Path) -> anyhow::Result<Vec<SourceFile>> {
    let path = corpus_schema_path(project);
    Ok(driftless_psl::read_schema_files(&path)?)
}

/// The path to give `--schema` for a corpus project.
pub fn corpus_schema_path(project: &Path) -> PathBuf {
    if project.join("schema").is_dir() {
        project.join("schema")
    } else if project.join("models").is_dir() {
        project.to_path_buf()
    } else {
        project.join("schema.prisma")
    }
}
