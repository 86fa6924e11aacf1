//! Putting a saved migration history back: the rows of `_prisma_migrations` written by a
//! backup (`.driftless/backups/<…>/_prisma_migrations.json`, see [`crate::backup`]) replace
//! the table's rows, exactly, in one transaction under the migration lock, and are read
//! back to prove it. A backup taken when the database had no history table restores to
//! no history table.

use std::path::{Path, PathBuf};
use std::time::Duration;

use driftless_db::{Connection, History};

use crate::backup::{HISTORY_FILE, METADATA_FILE};
use crate::error::EngineError;

/// A backup, as read from disk.
#[derive(Debug, Clone)]
pub struct SavedHistory {
    /// The file or folder given.
    pub path: PathBuf,
    /// The rows (`None`: the database had no history table when it was saved).
    pub rows: Option<Vec<serde_json::Value>>,
    /// The database it was taken from, when the metadata says.
    pub database: Option<String>,
    /// Its host, when the metadata says.
    pub host: Option<String>,
    /// When it was taken, when the metadata says.
    pub created_at: Option<String>,
}

/// The columns of `_prisma_migrations`, in order.
const COLUMNS: &[&str] = &[
    "id",
    "checksum",
    "finished_at",
    "migration_name",
    "logs",
    "rolled_back_at",
    "started_at",
    "applied_steps_count",
];

impl SavedHistory {
    /// Reads a backup folder, or its `_prisma_migrations.json`.
    pub fn read(path: &Path) -> Result<SavedHistory, EngineError> {
        let unreadable = |reason: String| EngineError::ConfigUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        let (dir, file) = if path.is_dir() {
            (path.to_path_buf(), path.join(HISTORY_FILE))
        } else {
            (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.to_path_buf(),
            )
        };
        let metadata: Option<serde_json::Value> = fs_err::read_to_string(dir.join(METADATA_FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        let text_of = |key: &str| {
            metadata
                .as_ref()
                .and_then(|m| m.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let rows = if file.is_file() {
            let text = fs_err::read_to_string(&file).map_err(|e| unreadable(e.to_string()))?;
            let value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| unreadable(format!("not a history backup (JSON: {e})")))?;
            let Some(rows) = value.as_array() else {
                return Err(unreadable(
                    "not a history backup: expected a JSON array of `_prisma_migrations` rows"
                        .to_string(),
                ));
            };
            for (i, row) in rows.iter().enumerate() {
                let Some(object) = row.as_object() else {
                    return Err(unreadable(format!("row {} is not an object", i + 1)));
                };
                for required in ["id", "checksum", "migration_name", "started_at"] {
                    if !object.get(required).is_some_and(|v| v.is_string()) {
                        return Err(unreadable(format!(
                            "row {} has no `{required}`: not a `_prisma_migrations` row",
                            i + 1
                        )));
                    }
                }
                if let Some(unknown) = object.keys().find(|k| !COLUMNS.contains(&k.as_str())) {
                    return Err(unreadable(format!(
                        "row {} has a column `{unknown}` that `_prisma_migrations` does not have",
                        i + 1
                    )));
                }
            }
            Some(rows.clone())
        } else if metadata
            .as_ref()
            .is_some_and(|m| m.get("historyRows") == Some(&serde_json::Value::Null))
        {
            None
        } else {
            return Err(unreadable(format!(
                "no `{HISTORY_FILE}` here, and no `{METADATA_FILE}` saying the database had no history table"
            )));
        };
        Ok(SavedHistory {
            path: path.to_path_buf(),
            rows,
            database: text_of("database"),
            host: text_of("host"),
            created_at: text_of("createdAt"),
        })
    }
}

/// What a restore did.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutput {
    /// Rows before.
    pub rows_before: Option<usize>,
    /// Rows after (`None`: no history table).
    pub rows_after: Option<usize>,
}

/// The rows of the history table as JSON values, keyed and ordered by id (`None`: no
/// table).
async fn current_rows(
    connection: &Connection,
    history: &History,
) -> Result<Option<Vec<serde_json::Value>>, EngineError> {
    if !history.exists(connection).await? {
        return Ok(None);
    }
    let row = connection
        .client()
        .query_one(
            &format!(
                "SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json)::text FROM {} AS t",
                history.table()
            ),
            &[],
        )
        .await
        .map_err(|e| connection.query_error(e, "reading the history table"))?;
    let text: String = row.get(0);
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| EngineError::Other(e.to_string()))?;
    Ok(value.as_array().cloned())
}

/// Normalises rows for comparison: sorted by id, timestamps through PostgreSQL already.
fn by_id(mut rows: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    rows.sort_by(|a, b| {
        a.get("id")
            .and_then(|v| v.as_str())
            .cmp(&b.get("id").and_then(|v| v.as_str()))
    });
    rows
}

/// Replaces the history with `saved`, in one transaction under the migration lock, and
/// reads it back: the restored rows must be exactly the saved ones.
pub async fn restore_history(
    connection: &Connection,
    saved: &SavedHistory,
    lock_timeout: Duration,
    skip_lock: bool,
) -> Result<RestoreOutput, EngineError> {
    let history = History::new(connection.url().schema.clone());
    if !skip_lock {
        driftless_db::lock(connection, lock_timeout).await?;
    }
    let before = current_rows(connection, &history).await?;
    let table = history.table();
    let result = async {
        connection.batch("BEGIN", "starting a transaction").await?;
        match &saved.rows {
            Some(rows) => {
                connection
                    .batch(&history.create_table_sql(), "creating the history table")
                    .await?;
                connection
                    .batch(&format!("DELETE FROM {table}"), "emptying the history table")
                    .await?;
                let json = serde_json::Value::Array(rows.clone()).to_string();
                connection
                    .client()
                    .execute(
                        &format!(
                            "INSERT INTO {table} SELECT * FROM json_populate_recordset(NULL::{table}, $1::text::json)"
                        ),
                        &[&json],
                    )
                    .await
                    .map_err(|e| connection.query_error(e, "writing the saved rows"))?;
            }
            None => {
                connection
                    .batch(
                        &format!("DROP TABLE IF EXISTS {table}"),
                        "removing the history table",
                    )
                    .await?;
            }
        }
        connection.batch("COMMIT", "committing").await?;
        Ok::<_, driftless_db::DbError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        if !skip_lock {
            let _ = driftless_db::unlock(connection).await;
        }
        return Err(e.into());
    }
    let after = current_rows(connection, &history).await?;
    if !skip_lock {
        driftless_db::unlock(connection).await?;
    }
    let expected = saved.rows.clone().map(by_id);
    let got = after.clone().map(by_id);
    let same = match (&expected, &got) {
        (None, None) => true,
        (Some(expected), Some(got)) => {
            expected.len() == got.len() && expected.iter().zip(got).all(|(e, g)| same_row(e, g))
        }
        _ => false,
    };
    if !same {
        return Err(EngineError::Other(
            "the history read back after the restore is not the saved one; nothing else was changed, and the saved file is intact: run `driftless history show` and report this".to_string(),
        ));
    }
    Ok(RestoreOutput {
        rows_before: before.map(|r| r.len()),
        rows_after: after.map(|r| r.len()),
    })
}

/// Two rows are the same when every column holds the same value; timestamps are compared
/// as instants (a backup may spell the offset differently).
fn same_row(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    COLUMNS.iter().all(|column| {
        let (x, y) = (a.get(*column), b.get(*column));
        if column.ends_with("_at") {
            let instant = |v: Option<&serde_json::Value>| {
                v.and_then(|v| v.as_str()).map(|s| {
                    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                        .map(|t| t.unix_timestamp_nanos())
                        .map_err(|_| s.to_string())
                })
            };
            instant(x) == instant(y)
        } else {
            x.unwrap_or(&serde_json::Value::Null) == y.unwrap_or(&serde_json::Value::Null)
        }
    })
}
