//! `db pull`: introspect the live database and write its schema as `schema.prisma`, keeping
//! the existing file's configuration blocks and, unless forced, the names it gives to the
//! same tables, columns, enums and relations (Prisma's re-introspection).
//!
//! The engine computes the files; writing them (atomically) is [`write_files`], so that
//! `--print` shares everything but the write.

use std::path::{Path, PathBuf};

use driftless_db::Connection;
use driftless_psl::{PullOptions, Pulled};

use crate::error::EngineError;
use crate::project::Project;

/// Options of `db pull`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PullRequest {
    /// `--force`: ignore the models of the existing schema (its configuration blocks are
    /// still kept).
    pub force: bool,
}

/// The namespaces to introspect: the datasource's `schemas = [...]`, else the URL's schema.
pub fn pull_namespaces(project: &Project, url_schema: &str) -> Vec<String> {
    match project.datasource() {
        Some(datasource) if !datasource.schemas.is_empty() => datasource.schemas.clone(),
        _ => vec![url_schema.to_string()],
    }
}

/// Introspects the database and renders the schema's files.
pub async fn db_pull(
    project: &Project,
    connection: &Connection,
    url_schema: &str,
    request: PullRequest,
) -> Result<Pulled, EngineError> {
    let namespaces = pull_namespaces(project, url_schema);
    let live = driftless_db::introspect(connection, &namespaces).await?;
    let previous = project.schema.as_ref();
    let partial_indexes = project
        .configuration
        .preview_features()
        .contains(&"partialIndexes");
    let options = PullOptions {
        default_schema: url_schema.to_string(),
        keep_names: !request.force,
        partial_indexes,
    };
    let mut live = live;
    if live.namespaces.is_empty() {
        live.namespaces = namespaces;
    }
    driftless_psl::pull(&live, previous, &options).map_err(EngineError::EmptyDatabase)
}

/// Where each pulled file goes: beside the existing schema (a file, or the files of a
/// schema folder), else `prisma/schema.prisma` under the project root.
pub fn file_paths(project: &Project, pulled: &Pulled) -> Vec<PathBuf> {
    let base = match &project.schema_path {
        Some(path) if path.is_dir() => Some(path.clone()),
        Some(path) => {
            return vec![path.clone()];
        }
        None => None,
    };
    pulled
        .files
        .iter()
        .map(|file| match &base {
            Some(dir) => {
                let name = Path::new(&file.name);
                // File names are shown relative to the project root.
                let candidate = project.root.join(name);
                if candidate.starts_with(dir) {
                    candidate
                } else {
                    dir.join(name.file_name().unwrap_or(name.as_os_str()))
                }
            }
            None => project.root.join("prisma").join("schema.prisma"),
        })
        .collect()
}

/// Writes each file atomically: a temporary file beside it, then a rename, so that a
/// reader never sees half a schema and a failure leaves the old file.
pub fn write_files(paths: &[PathBuf], pulled: &Pulled) -> Result<(), EngineError> {
    for (path, file) in paths.iter().zip(&pulled.files) {
        write_atomically(path, &file.text).map_err(|e| EngineError::SchemaUnreadable {
            path: path.clone(),
            reason: format!("cannot write it: {e}"),
        })?;
    }
    Ok(())
}

fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(dir)?;
    let file_name = path.file_name().map_or_else(
        || "schema.prisma".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temporary = dir.join(format!(".{file_name}.driftless-{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut file = fs_err::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs_err::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs_err::remove_file(&temporary);
    }
    result
}
