//! `migrate resolve --applied NAME | --rolled-back NAME`, with Prisma's rules, under the
//! migration lock and in one transaction.
//!
//! - `--applied`: the migration must be in the folder and not already applied (P3008).
//!   Failed rows of it are marked rolled back, then a new row records it as applied without
//!   running it (`finished_at = started_at`, `logs = ''`, 0 steps), as Prisma writes it.
//! - `--rolled-back`: the migration must have a failed row (P3011 if it never ran, P3012 if
//!   it is applied); its failed rows get `rolled_back_at`.

use std::time::Duration;

use driftless_db::{Connection, History, RowState, new_row_id};
use driftless_migrations::{MigrationsDirectory, closest_names};

use crate::error::EngineError;

/// Which way to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// `--applied`.
    Applied,
    /// `--rolled-back`.
    RolledBack,
}

/// What `resolve` changed.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolveOutput {
    /// The migration.
    pub name: String,
    /// How it was resolved.
    pub resolution: Resolution,
    /// Failed rows that were marked rolled back.
    pub rows_marked_rolled_back: u64,
    /// Whether a new applied row was inserted.
    pub row_inserted: bool,
}

/// Resolves `name` one way or the other.
pub async fn migrate_resolve(
    connection: &Connection,
    directory: &MigrationsDirectory,
    name: &str,
    resolution: Resolution,
    lock_timeout: Duration,
    skip_lock: bool,
) -> Result<ResolveOutput, EngineError> {
    let name = name.trim().trim_end_matches('/');
    // Accept a path to the folder or its migration.sql, as people paste them.
    let name = name
        .trim_end_matches("/migration.sql")
        .rsplit('/')
        .next()
        .unwrap_or(name);
    let history = History::new(connection.url().schema.clone());
    if !skip_lock {
        driftless_db::lock(connection, lock_timeout).await?;
    }
    history.ensure(connection).await?;
    let rows = history
        .rows(connection.client())
        .await
        .map_err(|e| connection.query_error(e, "reading the history table"))?;
    let mine: Vec<_> = rows.iter().filter(|r| r.migration_name == name).collect();
    let failed_ids: Vec<String> = mine
        .iter()
        .filter(|r| r.state() == RowState::Failed)
        .map(|r| r.id.clone())
        .collect();
    let applied = mine.iter().any(|r| r.state() == RowState::Applied);
    let suggestions = || {
        closest_names(
            name,
            directory
                .migrations
                .iter()
                .map(|m| m.name.as_str())
                .chain(rows.iter().map(|r| r.migration_name.as_str())),
        )
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    let output = match resolution {
        Resolution::Applied => {
            let Some(migration) = directory.get(name) else {
                let mut suggestions = suggestions();
                suggestions.dedup();
                return Err(EngineError::MigrationNotFound {
                    name: name.to_string(),
                    dir: directory.path.clone(),
                    suggestions,
                });
            };
            if applied && failed_ids.is_empty() {
                return Err(EngineError::AlreadyApplied {
                    name: name.to_string(),
                });
            }
            let transaction = async {
                connection.batch("BEGIN", "starting a transaction").await?;
                let marked = history
                    .mark_rolled_back(connection.client(), &failed_ids)
                    .await
                    .map_err(|e| connection.query_error(e, "marking failed rows rolled back"))?;
                let mut inserted = false;
                if !applied {
                    history
                        .insert_resolved_applied(
                            connection.client(),
                            &new_row_id(),
                            name,
                            &migration.checksum,
                        )
                        .await
                        .map_err(|e| {
                            connection.query_error(e, "recording the migration as applied")
                        })?;
                    inserted = true;
                }
                connection.batch("COMMIT", "committing").await?;
                Ok::<_, driftless_db::DbError>((marked, inserted))
            };
            let (marked, inserted) = match transaction.await {
                Ok(result) => result,
                Err(e) => {
                    let _ = connection.batch("ROLLBACK", "rolling back").await;
                    return Err(e.into());
                }
            };
            ResolveOutput {
                name: name.to_string(),
                resolution,
                rows_marked_rolled_back: marked,
                row_inserted: inserted,
            }
        }
        Resolution::RolledBack => {
            if failed_ids.is_empty() {
                if applied {
                    return Err(EngineError::NotFailed {
                        name: name.to_string(),
                        state: "it is applied".to_string(),
                    });
                }
                if !mine.is_empty() {
                    // Already rolled back: nothing to do, as Prisma (success, row untouched).
                    if !skip_lock {
                        driftless_db::unlock(connection).await?;
                    }
                    return Ok(ResolveOutput {
                        name: name.to_string(),
                        resolution,
                        rows_marked_rolled_back: 0,
                        row_inserted: false,
                    });
                }
                let mut suggestions = suggestions();
                suggestions.retain(|s| s != name);
                suggestions.dedup();
                return Err(EngineError::NeverApplied {
                    name: name.to_string(),
                    suggestions,
                });
            }
            let marked = history
                .mark_rolled_back(connection.client(), &failed_ids)
                .await
                .map_err(|e| connection.query_error(e, "marking the migration rolled back"))?;
            ResolveOutput {
                name: name.to_string(),
                resolution,
                rows_marked_rolled_back: marked,
                row_inserted: false,
            }
        }
    };
    if !skip_lock {
        driftless_db::unlock(connection).await?;
    }
    Ok(output)
}
