//! Reading a schema from disk: one `.prisma` file, or a folder of them.
//!
//! Prisma accepts `--schema` pointing at a file or, since the `prismaSchemaFolder` layout, at
//! a folder whose `.prisma` files (subfolders included) together form one schema. Files are
//! read in a stable order (sorted by path) so that diagnostics and declaration order do not
//! depend on the file system.

use std::path::{Path, PathBuf};

use driftless_diagnostics::SourceFile;

/// Why the files of a schema could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum SchemaFilesError {
    /// A file or folder could not be read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A folder holds no `.prisma` file.
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
}

impl std::fmt::Display for SchemaFilesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaFilesError::Io { path, .. } => {
                write!(f, "could not read `{}`", path.display())
            }
            SchemaFilesError::EmptyFolder { path } => {
                write!(f, "the folder `{}` holds no `.prisma` file", path.display())
            }
        }
    }
}

impl std::error::Error for SchemaFilesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SchemaFilesError::Io { source, .. } => Some(source),
            SchemaFilesError::EmptyFolder { .. } => None,
        }
    }
}

/// Reads the schema at `path`: the file itself, or every `.prisma` file under the folder,
/// sorted by path. Each file is named by its path as reached from `path`.
pub fn read_schema_files(path: &Path) -> Result<Vec<SourceFile>, SchemaFilesError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SchemaFilesError::Io { path, source }
    };
    let metadata = fs_err::metadata(path).map_err(io(path))?;
    if !metadata.is_dir() {
        let text = fs_err::read_to_string(path).map_err(io(path))?;
        return Ok(vec![SourceFile::new(path.display().to_string(), text)]);
    }
    let mut paths = Vec::new();
    collect_prisma_files(path, &mut paths)?;
    if paths.is_empty() {
        return Err(SchemaFilesError::EmptyFolder {
            path: path.to_path_buf(),
        });
    }
    paths.sort();
    paths
        .into_iter()
        .map(|file| {
            let text = fs_err::read_to_string(&file).map_err(io(&file))?;
            Ok(SourceFile::new(file.display().to_string(), text))
        })
        .collect()
}

fn collect_prisma_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SchemaFilesError> {
    let entries = fs_err::read_dir(dir).map_err(|source| SchemaFilesError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| SchemaFilesError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect_prisma_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
    Ok(())
}
