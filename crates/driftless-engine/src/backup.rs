//! Backups before harm: before a destructive command runs, the database's schema (a
//! schema-only `pg_dump`, when `pg_dump` is installed) and its migration history (the rows
//! of `_prisma_migrations`, as JSON) are saved under `.driftless/backups/<time>_<database>_<action>/`.
//!
//! Reading the database ([`BackupSource::read`]) is separate from writing the files
//! ([`BackupSource::write`], synchronous) so that a command can read first and write only
//! once the guard lets it go on. Backups of local (unprotected) databases are pruned to the
//! newest [`KEEP_LOCAL`]; backups of protected databases are never deleted.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use driftless_db::{Connection, DatabaseUrl, History, Host};

use crate::error::EngineError;

/// Where backups go, relative to the project root.
pub const BACKUPS_DIR: &str = ".driftless/backups";
/// The variable naming the `pg_dump` program to use (a path).
pub const PG_DUMP_VAR: &str = "DRIFTLESS_PG_DUMP";
/// Backups of unprotected databases kept.
pub const KEEP_LOCAL: usize = 20;
/// The metadata file of a backup.
pub const METADATA_FILE: &str = "backup.json";
/// The schema dump of a backup.
pub const SCHEMA_FILE: &str = "schema.sql";
/// The history rows of a backup.
pub const HISTORY_FILE: &str = "_prisma_migrations.json";

/// What a backup is about.
#[derive(Debug, Clone, Copy)]
pub struct BackupLabel<'a> {
    /// The action (`reset`, `force-reset`, …).
    pub action: &'a str,
    /// The environment, when there is one.
    pub environment: Option<&'a str>,
    /// Whether the database is protected (its backups are never pruned).
    pub protected: bool,
}

/// The schema dump's outcome.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum SchemaDump {
    /// Written by `pg_dump --schema-only`.
    Written {
        /// The file.
        file: PathBuf,
        /// `pg_dump --version`.
        pg_dump: String,
    },
    /// `pg_dump` is not installed (or `DRIFTLESS_PG_DUMP` names nothing).
    PgDumpMissing,
    /// `pg_dump` ran and failed.
    PgDumpFailed {
        /// Its first error line.
        message: String,
    },
}

/// A backup that was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// Its folder.
    pub dir: PathBuf,
    /// The schema dump.
    pub schema: SchemaDump,
    /// How many history rows were saved (`None`: the database has no history table).
    pub history_rows: Option<usize>,
}

/// What was read from the database for a backup.
#[derive(Debug, Clone)]
pub struct BackupSource {
    url: DatabaseUrl,
    history_json: Option<String>,
    history_rows: Option<usize>,
    server_version: String,
}

impl BackupSource {
    /// Reads the history rows (the schema is dumped by `pg_dump` when writing).
    pub async fn read(connection: &Connection) -> Result<BackupSource, EngineError> {
        let url = connection.url().clone();
        let history = History::new(url.schema.clone());
        let (history_json, history_rows) = if history.exists(connection).await? {
            let row = connection
                .client()
                .query_one(
                    &format!(
                        "SELECT coalesce(json_agg(t), '[]'::json)::text, count(*) FROM {} AS t",
                        history.table()
                    ),
                    &[],
                )
                .await
                .map_err(|e| connection.query_error(e, "reading the history table for a backup"))?;
            let text: String = row.get(0);
            let count: i64 = row.get(1);
            let pretty = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or(text);
            (Some(pretty), Some(usize::try_from(count).unwrap_or(0)))
        } else {
            (None, None)
        };
        Ok(BackupSource {
            url,
            history_json,
            history_rows,
            server_version: connection.server_version().to_string(),
        })
    }

    /// Writes the backup under `root/.driftless/backups/`.
    pub fn write(&self, root: &Path, label: BackupLabel<'_>) -> Result<Backup, EngineError> {
        let io = |e: std::io::Error| {
            EngineError::Other(format!(
                "cannot write the backup under `{BACKUPS_DIR}`: {e}; nothing was changed"
            ))
        };
        let base = root.join(BACKUPS_DIR);
        fs_err::create_dir_all(&base).map_err(io)?;
        let gitignore = root.join(".driftless/.gitignore");
        if !gitignore.exists() {
            fs_err::write(
                &gitignore,
                "# Created by driftless: local state, never commit it.\n*\n",
            )
            .map_err(io)?;
        }
        let now = time::OffsetDateTime::now_utc();
        let stamp = format!(
            "{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
            now.millisecond()
        );
        let name = format!(
            "{stamp}_{}_{}",
            folder_part(label.environment.unwrap_or(&self.url.database)),
            folder_part(label.action)
        );
        let mut dir = base.join(&name);
        let mut n = 2;
        while dir.exists() {
            dir = base.join(format!("{name}-{n}"));
            n += 1;
        }
        fs_err::create_dir_all(&dir).map_err(io)?;
        if let Some(json) = &self.history_json {
            fs_err::write(dir.join(HISTORY_FILE), format!("{json}\n")).map_err(io)?;
        }
        let schema = dump_schema(&self.url, &dir.join(SCHEMA_FILE));
        let metadata = serde_json::json!({
            "version": 1,
            "createdAt": now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "action": label.action,
            "environment": label.environment,
            "protected": label.protected,
            "database": self.url.database,
            "schema": self.url.schema,
            "host": self.url.host_display(),
            "url": self.url.masked(),
            "serverVersion": self.server_version,
            "historyRows": self.history_rows,
            "schemaDump": schema,
            "driftless": env!("CARGO_PKG_VERSION"),
        });
        fs_err::write(
            dir.join(METADATA_FILE),
            serde_json::to_string_pretty(&metadata).unwrap_or_default() + "\n",
        )
        .map_err(io)?;
        if !label.protected {
            prune(&base, &dir);
        }
        Ok(Backup {
            dir,
            schema,
            history_rows: self.history_rows,
        })
    }
}

/// Reads and writes a backup in one go.
pub async fn take(
    connection: &Connection,
    root: &Path,
    label: BackupLabel<'_>,
) -> Result<Backup, EngineError> {
    BackupSource::read(connection).await?.write(root, label)
}

fn folder_part(text: &str) -> String {
    let part: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(48)
        .collect();
    if part.is_empty() {
        "db".to_string()
    } else {
        part
    }
}

/// The `pg_dump` to use: `DRIFTLESS_PG_DUMP`, else `PG_BIN`, else `PATH`, else the newest
/// `/usr/lib/postgresql/<major>/bin`.
pub fn find_pg_dump() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(PG_DUMP_VAR).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    if let Some(dir) = std::env::var_os("PG_BIN").filter(|v| !v.is_empty()) {
        let path = PathBuf::from(dir).join("pg_dump");
        if path.is_file() {
            return Some(path);
        }
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let path = dir.join("pg_dump");
            if path.is_file() {
                return Some(path);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let path = entry.path().join("bin/pg_dump");
            path.is_file().then_some((major, path))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, path)| path)
}

/// Runs `pg_dump --schema-only` into `file`. The password goes through `PGPASSWORD`, never
/// the command line.
fn dump_schema(url: &DatabaseUrl, file: &Path) -> SchemaDump {
    let Some(program) = find_pg_dump() else {
        return SchemaDump::PgDumpMissing;
    };
    let version = Command::new(&program)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let mut command = Command::new(&program);
    command
        .arg("--schema-only")
        .arg("--no-password")
        .arg("--file")
        .arg(file)
        .arg("--port")
        .arg(url.port.to_string())
        .arg("--dbname")
        .arg(&url.database)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .env("PGCONNECT_TIMEOUT", "10")
        .env("PGAPPNAME", "driftless-backup")
        .env_remove("PGSERVICE")
        .env_remove("PGDATABASE");
    match &url.host {
        Host::Tcp(host) => command.arg("--host").arg(host),
        Host::Socket(dir) => command.arg("--host").arg(dir),
    };
    if let Some(user) = &url.user {
        command.arg("--username").arg(user);
    }
    match url.password() {
        Some(password) => command.env("PGPASSWORD", password),
        None => command.env_remove("PGPASSWORD"),
    };
    if let Some(mode) = url.param("sslmode") {
        command.env("PGSSLMODE", mode);
    }
    if let Some(root) = url.param("sslrootcert") {
        command.env("PGSSLROOTCERT", root);
    }
    match command.output() {
        Ok(output) if output.status.success() => SchemaDump::Written {
            file: file.to_path_buf(),
            pg_dump: version,
        },
        Ok(output) => {
            let text = driftless_db::redact(&String::from_utf8_lossy(&output.stderr), url);
            let message = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("pg_dump failed without a message")
                .trim_start_matches("pg_dump: ")
                .trim_start_matches("error: ")
                .to_string();
            let _ = std::fs::remove_file(file);
            SchemaDump::PgDumpFailed { message }
        }
        Err(e) => SchemaDump::PgDumpFailed {
            message: format!("cannot run `{}`: {e}", program.display()),
        },
    }
}

/// Keeps the newest [`KEEP_LOCAL`] backups of unprotected databases; never touches backups
/// of protected ones (or folders it does not recognise), nor `keep`.
fn prune(base: &Path, keep: &Path) {
    let mut local: Vec<PathBuf> = std::fs::read_dir(base)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|path| path != keep)
        .filter(|path| {
            std::fs::read_to_string(path.join(METADATA_FILE))
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .is_some_and(|v| v.get("protected") == Some(&serde_json::Value::Bool(false)))
        })
        .collect();
    local.sort();
    let excess = (local.len() + 1).saturating_sub(KEEP_LOCAL);
    for path in local.into_iter().take(excess) {
        let _ = std::fs::remove_dir_all(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_plain() {
        assert_eq!(folder_part("my app/db"), "my-app-db");
        assert_eq!(folder_part(""), "db");
    }

    #[test]
    fn only_local_backups_are_pruned() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path();
        for i in 0..(KEEP_LOCAL + 3) {
            let dir = base.join(format!("{i:03}_local"));
            fs_err::create_dir_all(&dir).unwrap();
            fs_err::write(dir.join(METADATA_FILE), "{\"protected\": false}").unwrap();
        }
        let protected = base.join("000_prod");
        fs_err::create_dir_all(&protected).unwrap();
        fs_err::write(protected.join(METADATA_FILE), "{\"protected\": true}").unwrap();
        let newest = base.join(format!("{:03}_local", KEEP_LOCAL + 2));
        prune(base, &newest);
        let left = std::fs::read_dir(base).unwrap().count();
        assert_eq!(left, KEEP_LOCAL + 1, "20 local ones and the protected one");
        assert!(protected.exists());
        assert!(newest.exists());
        assert!(!base.join("000_local").exists());
    }
}
