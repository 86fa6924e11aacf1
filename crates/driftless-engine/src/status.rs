//! Comparing the migrations folder with `_prisma_migrations`: what is applied, pending,
//! failed, rolled back, edited since it was applied, recorded without being run (ghost),
//! recorded twice, or recorded with no folder on disk (orphan).
//!
//! The comparison itself is pure ([`compare_history`]); [`read_status`] reads the
//! database and the folder and calls it.

use std::collections::BTreeMap;

use driftless_db::{Connection, History, HistoryRow, RowState};
use driftless_migrations::{ChecksumMatch, Migration, MigrationsDirectory, compare_checksum};

use crate::error::EngineError;
use crate::progress::Progress;

/// The state of one migration of the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MigrationState {
    /// Recorded as finished.
    Applied,
    /// Not recorded (or only recorded as rolled back): deploy will apply it.
    Pending,
    /// Recorded as started and never finished nor rolled back: deploy refuses until it is
    /// resolved.
    Failed,
}

/// How an applied migration's file compares with the checksum recorded when it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileCheck {
    /// Same bytes.
    Unchanged,
    /// Only line endings differ (or the row has Prisma's legacy checksum format): not an edit.
    LineEndings,
    /// The file was edited after it was applied.
    Edited,
}

/// One migration of the folder with what the history says about it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationEntry {
    /// Folder name.
    pub name: String,
    /// Applied, pending or failed.
    pub state: MigrationState,
    /// For an applied migration: whether its file changed since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileCheck>,
    /// For an applied migration: recorded with 0 applied steps, which is what
    /// `resolve --applied` writes and what hand-made rows look like. Whether its effect is
    /// really in the database is for the drift check to say.
    pub recorded_without_running: bool,
    /// For a pending migration: its name sorts before the latest applied one, so it will
    /// run after migrations that were written later.
    pub out_of_order: bool,
    /// Number of rows of this migration marked rolled back.
    pub rolled_back_rows: usize,
    /// For a failed migration that driftless applied in steps: what its row records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// For a failed migration: its run was cut off (the process, the connection or the
    /// server died) or stopped on an error that goes away by itself, its file is unchanged,
    /// and `migrate deploy` goes on from where it stopped instead of refusing.
    pub resumable: bool,
    /// The row that decides the state (the latest applied or failed one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<HistoryRow>,
}

/// History rows of a migration whose folder is not on disk.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrphanEntry {
    /// The migration name in the table.
    pub name: String,
    /// What its latest live row says (applied or failed).
    pub state: RowState,
    /// The rows.
    pub rows: Vec<HistoryRow>,
}

/// A migration recorded by more than one live (not rolled back) row.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateEntry {
    /// The migration name.
    pub name: String,
    /// How many live rows it has.
    pub rows: usize,
}

/// The whole comparison.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryStatus {
    /// Whether `_prisma_migrations` exists.
    pub history_table_exists: bool,
    /// Every migration of the folder, in name order.
    pub migrations: Vec<MigrationEntry>,
    /// Rows whose migration folder is missing.
    pub orphans: Vec<OrphanEntry>,
    /// Names recorded more than once.
    pub duplicates: Vec<DuplicateEntry>,
    /// The latest migration of the folder that is applied.
    pub last_applied: Option<String>,
}

impl HistoryStatus {
    /// Migrations in a state.
    pub fn in_state(&self, state: MigrationState) -> impl Iterator<Item = &MigrationEntry> {
        self.migrations.iter().filter(move |m| m.state == state)
    }

    /// Names of the pending migrations, in the order deploy will apply them.
    pub fn pending(&self) -> Vec<&str> {
        self.in_state(MigrationState::Pending)
            .map(|m| m.name.as_str())
            .collect()
    }

    /// Applied migrations whose file was edited since.
    pub fn edited(&self) -> impl Iterator<Item = &MigrationEntry> {
        self.migrations
            .iter()
            .filter(|m| m.file == Some(FileCheck::Edited))
    }

    /// The failed migrations that block deploy: every failed one except those deploy
    /// resumes, oldest first.
    pub fn blocking_failed_names(&self) -> Vec<String> {
        let resumable: Vec<&str> = self
            .migrations
            .iter()
            .filter(|m| m.resumable)
            .map(|m| m.name.as_str())
            .collect();
        let mut names = self.failed_names();
        names.retain(|n| !resumable.contains(&n.as_str()));
        names
    }

    /// Failed migrations that deploy goes on with (see [`MigrationEntry::resumable`]).
    pub fn resumable(&self) -> impl Iterator<Item = &MigrationEntry> {
        self.migrations.iter().filter(|m| m.resumable)
    }

    /// Every failed migration, on disk or not, oldest first.
    pub fn failed_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .in_state(MigrationState::Failed)
            .map(|m| m.name.clone())
            .chain(
                self.orphans
                    .iter()
                    .filter(|o| o.state == RowState::Failed)
                    .map(|o| o.name.clone()),
            )
            .collect();
        names.dedup();
        names
    }
}

/// Compares the folder with the rows (`None` when the table does not exist).
pub fn compare_history(
    directory: &MigrationsDirectory,
    rows: Option<&[HistoryRow]>,
) -> HistoryStatus {
    let rows = rows.unwrap_or(&[]);
    let mut by_name: BTreeMap<&str, Vec<&HistoryRow>> = BTreeMap::new();
    for row in rows {
        by_name
            .entry(row.migration_name.as_str())
            .or_default()
            .push(row);
    }
    let last_applied_name = directory
        .migrations
        .iter()
        .rev()
        .find(|m| {
            by_name
                .get(m.name.as_str())
                .is_some_and(|rs| rs.iter().any(|r| r.state() == RowState::Applied))
        })
        .map(|m| m.name.clone());

    let migrations = directory
        .migrations
        .iter()
        .map(|migration| {
            entry_for(
                migration,
                by_name.get(migration.name.as_str()),
                last_applied_name.as_deref(),
            )
        })
        .collect();

    let mut orphans = Vec::new();
    let mut duplicates = Vec::new();
    for (name, rows) in &by_name {
        let live: Vec<&HistoryRow> = rows
            .iter()
            .copied()
            .filter(|r| r.state() != RowState::RolledBack)
            .collect();
        if live.len() > 1 {
            duplicates.push(DuplicateEntry {
                name: (*name).to_string(),
                rows: live.len(),
            });
        }
        if directory.get(name).is_none() && !live.is_empty() {
            let state = if live.iter().any(|r| r.state() == RowState::Failed) {
                RowState::Failed
            } else {
                RowState::Applied
            };
            orphans.push(OrphanEntry {
                name: (*name).to_string(),
                state,
                rows: live.into_iter().cloned().collect(),
            });
        }
    }
    HistoryStatus {
        history_table_exists: true,
        migrations,
        orphans,
        duplicates,
        last_applied: last_applied_name,
    }
}

fn entry_for(
    migration: &Migration,
    rows: Option<&Vec<&HistoryRow>>,
    last_applied: Option<&str>,
) -> MigrationEntry {
    let rows: &[&HistoryRow] = rows.map_or(&[], Vec::as_slice);
    let rolled_back_rows = rows
        .iter()
        .filter(|r| r.state() == RowState::RolledBack)
        .count();
    let failed = rows.iter().rev().find(|r| r.state() == RowState::Failed);
    let applied = rows.iter().rev().find(|r| r.state() == RowState::Applied);
    let (state, row) = match (failed, applied) {
        (Some(row), _) => (MigrationState::Failed, Some(*row)),
        (None, Some(row)) => (MigrationState::Applied, Some(*row)),
        (None, None) => (MigrationState::Pending, None),
    };
    let file = match (state, applied) {
        (MigrationState::Applied, Some(row)) => {
            Some(match compare_checksum(&row.checksum, &migration.script) {
                ChecksumMatch::Exact => FileCheck::Unchanged,
                ChecksumMatch::Equivalent => FileCheck::LineEndings,
                ChecksumMatch::Different => FileCheck::Edited,
            })
        }
        _ => None,
    };
    let progress = match (state, row) {
        (MigrationState::Failed, Some(row)) => row.logs.as_deref().and_then(Progress::parse),
        _ => None,
    };
    let resumable = progress.is_some_and(|p| p.resumable)
        && row.is_some_and(|r| {
            compare_checksum(&r.checksum, &migration.script) != ChecksumMatch::Different
        });
    MigrationEntry {
        name: migration.name.clone(),
        state,
        file,
        progress,
        resumable,
        recorded_without_running: state == MigrationState::Applied
            && applied.is_some_and(|r| r.applied_steps_count == 0),
        out_of_order: state == MigrationState::Pending
            && last_applied.is_some_and(|last| migration.name.as_str() < last),
        rolled_back_rows,
        row: row.map(|r| (*r).clone()),
    }
}

/// Refuses a migrations folder written for another database family (Prisma's P3019).
pub fn check_provider(directory: &MigrationsDirectory) -> Result<(), EngineError> {
    match directory.provider() {
        Some(provider) if !matches!(provider, "postgresql" | "postgres") => {
            Err(EngineError::ProviderMismatch {
                dir: directory.path.clone(),
                provider: provider.to_string(),
            })
        }
        _ => Ok(()),
    }
}

/// Reads the history table and compares it with the folder. Also tells whether the
/// database holds tables of its own (to tell "not managed" from "empty").
pub async fn read_status(
    connection: &Connection,
    directory: &MigrationsDirectory,
) -> Result<(HistoryStatus, bool), EngineError> {
    check_provider(directory)?;
    let history = History::new(connection.url().schema.clone());
    // The two existence checks are pipelined on the connection (one wait for both).
    let (exists, has_tables) = tokio::join!(history.exists(connection), async {
        connection
            .client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> '_prisma_migrations')",
                &[&connection.url().schema],
            )
            .await
            .map(|row| row.get::<_, bool>(0))
            .map_err(|e| connection.query_error(e, "looking for tables"))
    });
    let exists = exists?;
    let has_tables = has_tables?;
    let rows = if exists {
        Some(
            history
                .rows(connection.client())
                .await
                .map_err(|e| connection.query_error(e, "reading the history table"))?,
        )
    } else {
        None
    };
    let mut status = compare_history(directory, rows.as_deref());
    status.history_table_exists = exists;
    Ok((status, has_tables))
}

#[cfg(test)]
mod tests {
    use super::*;
    use driftless_migrations::checksum;
    use time::OffsetDateTime;

    fn dir(names: &[(&str, &str)]) -> MigrationsDirectory {
        MigrationsDirectory {
            path: "m".into(),
            exists: true,
            migrations: names
                .iter()
                .map(|(n, s)| Migration {
                    name: (*n).to_string(),
                    dir: format!("m/{n}").into(),
                    script: s.as_bytes().to_vec(),
                    checksum: checksum(s.as_bytes()),
                })
                .collect(),
            lockfile: driftless_migrations::LockfileState::Missing,
            warnings: Vec::new(),
        }
    }

    fn row(name: &str, script: &str, state: RowState, steps: i32, minute: u8) -> HistoryRow {
        let at = OffsetDateTime::UNIX_EPOCH + time::Duration::minutes(i64::from(minute));
        HistoryRow {
            id: format!("{name}-{minute}"),
            checksum: checksum(script.as_bytes()),
            finished_at: (state == RowState::Applied).then_some(at),
            migration_name: name.to_string(),
            logs: None,
            rolled_back_at: (state == RowState::RolledBack).then_some(at),
            started_at: at,
            applied_steps_count: steps,
        }
    }

    #[test]
    fn every_state_is_told_apart() {
        let d = dir(&[
            ("1_applied", "a"),
            ("2_edited", "b2"),
            ("3_ghost", "c"),
            ("4_failed", "d"),
            ("5_rolled_back", "e"),
            ("6_pending", "f"),
        ]);
        let rows = vec![
            row("1_applied", "a", RowState::Applied, 1, 1),
            row("2_edited", "b", RowState::Applied, 1, 2),
            row("3_ghost", "c", RowState::Applied, 0, 3),
            row("4_failed", "d", RowState::Failed, 0, 4),
            row("5_rolled_back", "e", RowState::RolledBack, 0, 5),
            row("9_orphan", "z", RowState::Applied, 1, 6),
            row("1_applied", "a", RowState::Applied, 1, 7),
        ];
        let s = compare_history(&d, Some(&rows));
        let states: Vec<_> = s.migrations.iter().map(|m| m.state).collect();
        use MigrationState::*;
        assert_eq!(
            states,
            [Applied, Applied, Applied, Failed, Pending, Pending]
        );
        assert_eq!(s.migrations[1].file, Some(FileCheck::Edited));
        assert_eq!(s.migrations[0].file, Some(FileCheck::Unchanged));
        assert!(s.migrations[2].recorded_without_running);
        assert_eq!(s.migrations[4].rolled_back_rows, 1);
        assert!(
            !s.migrations[4].out_of_order,
            "the latest applied is 3_ghost"
        );
        assert!(!s.migrations[5].out_of_order);
        assert_eq!(s.orphans.len(), 1);
        assert_eq!(s.orphans[0].name, "9_orphan");
        assert_eq!(s.duplicates.len(), 1);
        assert_eq!(s.duplicates[0].name, "1_applied");
        assert_eq!(s.failed_names(), ["4_failed"]);
        assert_eq!(s.pending(), ["5_rolled_back", "6_pending"]);
    }

    #[test]
    fn crlf_only_changes_are_not_edits() {
        let d = dir(&[("1", "a\r\nb\r\n")]);
        let rows = vec![row("1", "a\nb\n", RowState::Applied, 1, 1)];
        let s = compare_history(&d, Some(&rows));
        assert_eq!(s.migrations[0].file, Some(FileCheck::LineEndings));
    }
}
