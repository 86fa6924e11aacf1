//! Reading a Prisma migrations folder: `<name>/migration.sql` folders and
//! `migration_lock.toml`.
//!
//! Prisma orders migrations by folder name compared as plain strings, and so do we: real
//! projects use `01_init`, 8- and 12-digit prefixes, names with spaces, a trailing `_`, and
//! even impossible timestamps. Anything odd in the folder (a stray file, a folder without
//! `migration.sql`) is reported as a [`DirectoryWarning`], never a crash.

use std::path::{Path, PathBuf};

use crate::checksum::checksum;
use crate::lockfile::{LOCKFILE_NAME, Lockfile, LockfileState};

/// Name of the script inside each migration folder.
pub const SCRIPT_NAME: &str = "migration.sql";

/// One migration: a folder with a `migration.sql`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The folder name, which is the migration's name in `_prisma_migrations`.
    pub name: String,
    /// Path of the folder.
    pub dir: PathBuf,
    /// The exact bytes of `migration.sql`.
    pub script: Vec<u8>,
    /// Prisma's checksum of `script`.
    pub checksum: String,
}

impl Migration {
    /// Path of the `migration.sql` file.
    pub fn script_path(&self) -> PathBuf {
        self.dir.join(SCRIPT_NAME)
    }

    /// The script as text. Invalid UTF-8 (which PostgreSQL would reject anyway) is replaced,
    /// so that diagnostics can still show the file.
    pub fn script_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.script)
    }
}

/// Something unusual in the migrations folder that does not stop the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryWarning {
    /// A folder without `migration.sql`; Prisma's deploy would fail on it, we skip it.
    FolderWithoutScript {
        /// Folder name.
        name: String,
        /// Whether the folder is completely empty (a leftover of a deleted migration).
        empty: bool,
    },
    /// A file directly in the migrations folder other than `migration_lock.toml`.
    StrayFile {
        /// File name.
        name: String,
    },
    /// A hidden folder (`.something`), skipped.
    HiddenFolder {
        /// Folder name.
        name: String,
    },
    /// `migration.sql` is not valid UTF-8.
    ScriptNotUtf8 {
        /// Migration name.
        name: String,
    },
}

impl std::fmt::Display for DirectoryWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DirectoryWarning::FolderWithoutScript { name, empty: true } => write!(
                f,
                "migration folder `{name}` is empty: it is ignored (delete it if the migration was removed)"
            ),
            DirectoryWarning::FolderWithoutScript { name, empty: false } => write!(
                f,
                "migration folder `{name}` has no `{SCRIPT_NAME}`: it is ignored"
            ),
            DirectoryWarning::StrayFile { name } => write!(
                f,
                "`{name}` in the migrations folder is not a migration: it is ignored"
            ),
            DirectoryWarning::HiddenFolder { name } => {
                write!(
                    f,
                    "hidden folder `{name}` in the migrations folder is ignored"
                )
            }
            DirectoryWarning::ScriptNotUtf8 { name } => write!(
                f,
                "`{name}/{SCRIPT_NAME}` is not valid UTF-8; PostgreSQL will likely reject it"
            ),
        }
    }
}

/// Why the migrations folder could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DirectoryError {
    /// The path exists but is not a directory.
    #[error("`{}` is not a folder", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// Listing or reading failed (permissions, I/O).
    #[error("cannot read `{}`", path.display())]
    Unreadable {
        /// What could not be read.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A folder name that is not valid UTF-8 cannot be a migration name.
    #[error("migration folder name `{}` is not valid UTF-8", path.display())]
    NameNotUtf8 {
        /// The folder.
        path: PathBuf,
    },
}

/// The migrations folder as read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationsDirectory {
    /// Where it is.
    pub path: PathBuf,
    /// Whether the folder exists at all (a new project has none).
    pub exists: bool,
    /// Migrations, sorted by name as plain strings.
    pub migrations: Vec<Migration>,
    /// `migration_lock.toml`.
    pub lockfile: LockfileState,
    /// Oddities found while reading.
    pub warnings: Vec<DirectoryWarning>,
}

impl MigrationsDirectory {
    /// Reads the folder. A missing folder is an empty history, not an error.
    pub fn read(path: &Path) -> Result<Self, DirectoryError> {
        let mut dir = MigrationsDirectory {
            path: path.to_path_buf(),
            exists: false,
            migrations: Vec::new(),
            lockfile: LockfileState::Missing,
            warnings: Vec::new(),
        };
        let metadata = match fs_err::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(dir),
            Err(source) => {
                return Err(DirectoryError::Unreadable {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if !metadata.is_dir() {
            return Err(DirectoryError::NotADirectory {
                path: path.to_path_buf(),
            });
        }
        dir.exists = true;
        let unreadable = |path: &Path, source| DirectoryError::Unreadable {
            path: path.to_path_buf(),
            source,
        };
        let entries = std::fs::read_dir(path).map_err(|e| unreadable(path, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| unreadable(path, e))?;
            let entry_path = entry.path();
            let Ok(name) = entry.file_name().into_string() else {
                return Err(DirectoryError::NameNotUtf8 { path: entry_path });
            };
            let file_type = entry.file_type().map_err(|e| unreadable(&entry_path, e))?;
            // Follow symlinks: a symlinked migration folder is still a migration.
            let is_dir = file_type.is_dir() || (file_type.is_symlink() && entry_path.is_dir());
            if !is_dir {
                if name == LOCKFILE_NAME {
                    dir.lockfile = read_lockfile(&entry_path)?;
                } else if !is_ignorable_file(&name) {
                    dir.warnings.push(DirectoryWarning::StrayFile { name });
                }
                continue;
            }
            if name.starts_with('.') {
                dir.warnings.push(DirectoryWarning::HiddenFolder { name });
                continue;
            }
            let script_path = entry_path.join(SCRIPT_NAME);
            match fs_err::read(&script_path) {
                Ok(script) => {
                    if std::str::from_utf8(&script).is_err() {
                        dir.warnings
                            .push(DirectoryWarning::ScriptNotUtf8 { name: name.clone() });
                    }
                    dir.migrations.push(Migration {
                        checksum: checksum(&script),
                        name,
                        dir: entry_path,
                        script,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let empty = std::fs::read_dir(&entry_path)
                        .map(|mut it| it.next().is_none())
                        .unwrap_or(false);
                    dir.warnings
                        .push(DirectoryWarning::FolderWithoutScript { name, empty });
                }
                Err(source) => {
                    return Err(DirectoryError::Unreadable {
                        path: script_path,
                        source,
                    });
                }
            }
        }
        dir.migrations
            .sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        dir.warnings.sort_by_key(ToString::to_string);
        Ok(dir)
    }

    /// The migration with this exact name.
    pub fn get(&self, name: &str) -> Option<&Migration> {
        self.migrations.iter().find(|m| m.name == name)
    }

    /// The lock file's provider, when the file is present and valid.
    pub fn provider(&self) -> Option<&str> {
        match &self.lockfile {
            LockfileState::Valid(Lockfile { provider }) => Some(provider),
            _ => None,
        }
    }
}

fn read_lockfile(path: &Path) -> Result<LockfileState, DirectoryError> {
    let text = fs_err::read_to_string(path).map_err(|source| DirectoryError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(match Lockfile::parse(&text) {
        Ok(lockfile) => LockfileState::Valid(lockfile),
        Err(reason) => LockfileState::Invalid(reason),
    })
}

fn is_ignorable_file(name: &str) -> bool {
    matches!(
        name,
        ".DS_Store" | ".gitkeep" | ".keep" | "Thumbs.db" | ".gitignore"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, content: &str) {
        let path = dir.join(rel);
        fs_err::create_dir_all(path.parent().unwrap()).unwrap();
        fs_err::write(path, content).unwrap();
    }

    #[test]
    fn migrations_sort_as_plain_strings_and_oddities_are_warnings() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        write(d, "20240101000000_b/migration.sql", "select 2;");
        write(d, "01_init/migration.sql", "select 1;");
        write(d, "20230101_new_models copy/migration.sql", "select 3;");
        write(d, "20241206075310_/migration.sql", "select 4;");
        write(d, "README.md", "notes");
        write(d, "migration_lock.toml", "provider = \"postgresql\"");
        fs_err::create_dir_all(d.join("20250101000000_empty")).unwrap();
        write(d, "20250102000000_noscript/notes.txt", "x");
        let dir = MigrationsDirectory::read(d).unwrap();
        let names: Vec<_> = dir.migrations.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "01_init",
                "20230101_new_models copy",
                "20240101000000_b",
                "20241206075310_"
            ]
        );
        assert_eq!(dir.provider(), Some("postgresql"));
        assert_eq!(dir.warnings.len(), 3, "{:?}", dir.warnings);
        assert!(dir.warnings.contains(&DirectoryWarning::StrayFile {
            name: "README.md".into()
        }));
        assert!(
            dir.warnings
                .contains(&DirectoryWarning::FolderWithoutScript {
                    name: "20250101000000_empty".into(),
                    empty: true
                })
        );
    }

    #[test]
    fn a_missing_folder_is_an_empty_history() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = MigrationsDirectory::read(&tmp.path().join("nope")).unwrap();
        assert!(!dir.exists);
        assert!(dir.migrations.is_empty());
    }

    #[test]
    fn a_file_instead_of_a_folder_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "migrations", "x");
        let err = MigrationsDirectory::read(&tmp.path().join("migrations")).unwrap_err();
        assert!(matches!(err, DirectoryError::NotADirectory { .. }));
    }
}
