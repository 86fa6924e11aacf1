//! Phase 2, the rows migration by migration: rows whose folder is missing (orphans: restored
//! from git, or removed), migrations recorded as applied more than once, and what each
//! migration of the folder is by its rows — which sets the believed-applied sequence and
//! hands the later phases their questions.

use std::collections::BTreeMap;

use driftless_db::{HistoryRow, RowState};
use driftless_migrations::{ChecksumMatch, Migration, checksum, compare_checksum};

use super::Analysis;
use crate::doctor::findings::{FindingKind, Repair, Severity};

/// An applied migration recorded without running (an applied row with 0 steps and no
/// failed attempt): is its effect in the database?
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Recorded {
    /// The migration.
    pub(super) name: String,
    /// Its applied row.
    pub(super) rows: Vec<String>,
}

/// A migration with failed rows: what did the attempt leave behind?
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failed {
    /// The migration.
    pub(super) name: String,
    /// Its failed rows.
    pub(super) rows: Vec<String>,
    /// Whether a later attempt applied it (then the failed rows only block deploys).
    pub(super) also_applied: bool,
}

/// An applied migration whose file no longer has the checksum of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Edit {
    /// The migration.
    pub(super) name: String,
    /// The checksum of the version that ran (from its row).
    pub(super) recorded: String,
    /// Its applied rows.
    pub(super) rows: Vec<String>,
}

/// What the rows say of the folder's migrations, for the phases that judge them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Folder {
    /// Applied migrations recorded without running.
    pub(super) recorded: Vec<Recorded>,
    /// Migrations with failed rows.
    pub(super) failed: Vec<Failed>,
    /// Migrations without rows (rolled-back rows aside), in folder order.
    pub(super) pending: Vec<String>,
    /// Applied migrations edited since they ran.
    pub(super) edited: Vec<Edit>,
    /// The last migration of the folder with an applied row.
    pub(super) latest_applied: Option<String>,
}

/// The ids of `rows` in `state`.
fn ids(rows: &[&HistoryRow], state: RowState) -> Vec<String> {
    rows.iter()
        .filter(|r| r.state() == state)
        .map(|r| r.id.clone())
        .collect()
}

/// Sorts the folder's `migrations` by their rows (`by_name`): the applied ones, in folder
/// order, and the questions about the others.
fn classify(
    migrations: &[Migration],
    by_name: &BTreeMap<&str, Vec<&HistoryRow>>,
) -> (Vec<Migration>, Folder) {
    let mut applied = Vec::new();
    let mut folder = Folder::default();
    for migration in migrations {
        let rows_of: &[&HistoryRow] = by_name
            .get(migration.name.as_str())
            .map_or(&[], Vec::as_slice);
        let applied_row = rows_of.iter().find(|r| r.state() == RowState::Applied);
        let failed = ids(rows_of, RowState::Failed);
        let name = migration.name.clone();
        match applied_row {
            Some(row) => {
                applied.push(migration.clone());
                if row.applied_steps_count == 0 && failed.is_empty() {
                    folder.recorded.push(Recorded {
                        name: name.clone(),
                        rows: vec![row.id.clone()],
                    });
                }
                if compare_checksum(&row.checksum, &migration.script) == ChecksumMatch::Different {
                    folder.edited.push(Edit {
                        name: name.clone(),
                        recorded: row.checksum.clone(),
                        rows: ids(rows_of, RowState::Applied),
                    });
                }
                if !failed.is_empty() {
                    folder.failed.push(Failed {
                        name,
                        rows: failed,
                        also_applied: true,
                    });
                }
            }
            None if !failed.is_empty() => folder.failed.push(Failed {
                name,
                rows: failed,
                also_applied: false,
            }),
            None => folder.pending.push(name),
        }
    }
    folder.latest_applied = applied.last().map(|m| m.name.clone());
    (applied, folder)
}

impl Analysis<'_> {
    /// Rows without a folder. Restorable from git when a committed version has the row's
    /// checksum (the restored migrations are returned, to join the applied sequence);
    /// otherwise the rows go (their objects are caught up as drift).
    pub(super) fn orphans(&mut self) -> Vec<Migration> {
        let directory = self.directory;
        let repository = &self.repository;
        let b = &mut self.report;
        let mut restored: Vec<Migration> = Vec::new();
        for (name, rows_of) in &self.by_name {
            if directory.get(name).is_some() {
                continue;
            }
            let applied = rows_of.iter().find(|r| r.state() == RowState::Applied);
            let failed = ids(rows_of, RowState::Failed);
            if applied.is_none() && failed.is_empty() {
                // Rolled-back rows only: the record of what happened.
                continue;
            }
            let path = directory
                .path
                .join(name)
                .join(driftless_migrations::SCRIPT_NAME);
            let commits = repository
                .as_ref()
                .map(|r| r.history(&path))
                .unwrap_or_default();
            let found = applied.and_then(|row| {
                repository
                    .as_ref()
                    .and_then(|r| r.version_with_checksum(&path, &row.checksum))
            });
            let origin = match (repository, commits.first()) {
                (None, _) => "There is no git repository here to tell whether it was ever committed.".to_string(),
                (Some(_), None) => "It was never committed to this repository: it was made on another machine or branch, and only its row reached this database.".to_string(),
                (Some(_), Some(last)) if last.deleted => format!(
                    "It was committed, then deleted from the folder in commit {} ({}: {}).",
                    last.commit, last.date, last.subject
                ),
                (Some(_), Some(last)) => format!(
                    "It is in commit {} ({}) but not in this folder: this checkout is on another branch or behind.",
                    last.commit, last.date
                ),
            };
            if let Some(version) = found {
                let repair = b.repair(Repair::RestoreFile {
                    migration: (*name).to_string(),
                    commit: version.commit.clone(),
                    script: version.script.clone(),
                    kept_as: None,
                });
                b.finding(
                    FindingKind::Orphan,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` is recorded as applied but its folder is missing"),
                    format!("{origin} The version that ran (same checksum as its row) is in commit {}: putting it back makes the folder match the history.", version.commit),
                    Vec::new(),
                    vec![repair],
                    None,
                );
                restored.push(Migration {
                    name: (*name).to_string(),
                    dir: directory.path.join(name),
                    checksum: checksum(&version.script),
                    script: version.script,
                });
                continue;
            }
            let mut repairs = Vec::new();
            let applied_ids = ids(rows_of, RowState::Applied);
            if !applied_ids.is_empty() {
                repairs.push(b.repair(Repair::DeleteRows {
                    migration: (*name).to_string(),
                    rows: applied_ids,
                }));
            }
            if !failed.is_empty() {
                repairs.push(b.repair(Repair::MarkRolledBack {
                    migration: (*name).to_string(),
                    rows: failed,
                }));
            }
            let what = if applied.is_some() {
                "recorded as applied"
            } else {
                "recorded as failed (it blocks `migrate deploy`)"
            };
            b.finding(
                FindingKind::Orphan,
                Severity::Error,
                Some(name),
                format!("`{name}` is {what} but its folder is missing"),
                format!("{origin} No version of it with the checksum of its row can be found, so what it did cannot be replayed: its row goes, and whatever it made in the database is recorded by the catch-up migration below (if it made anything)."),
                Vec::new(),
                repairs,
                None,
            );
        }
        restored
    }

    /// Migrations with more than one applied row: the first one is kept.
    pub(super) fn duplicates(&mut self) {
        let b = &mut self.report;
        for (name, rows_of) in &self.by_name {
            let mut applied: Vec<&&HistoryRow> = rows_of
                .iter()
                .filter(|r| r.state() == RowState::Applied)
                .collect();
            if applied.len() < 2 {
                continue;
            }
            applied.sort_by_key(|r| (r.finished_at, r.started_at));
            let extra: Vec<String> = applied[1..].iter().map(|r| r.id.clone()).collect();
            let repair = b.repair(Repair::DeleteRows {
                migration: (*name).to_string(),
                rows: extra,
            });
            b.finding(
                FindingKind::Duplicate,
                Severity::Error,
                Some(name),
                format!("`{name}` is recorded as applied {} times", applied.len()),
                "A migration runs once; extra rows come from copying histories or from rows written by hand. The first one is kept.".to_string(),
                Vec::new(),
                vec![repair],
                None,
            );
        }
    }

    /// What each migration of the folder is, by its rows: sets the believed-applied
    /// sequence (the applied migrations and the `restored` orphans, in name order) and
    /// returns the questions for the later phases.
    pub(super) fn classify(&mut self, restored: Vec<Migration>) -> Folder {
        let (mut applied, folder) = classify(&self.directory.migrations, &self.by_name);
        applied.extend(restored);
        applied.sort_by(|a, b| a.name.cmp(&b.name));
        self.believed = applied;
        folder
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use time::OffsetDateTime;

    use super::*;

    fn migration(name: &str, script: &str) -> Migration {
        Migration {
            name: name.to_string(),
            dir: PathBuf::from("migrations").join(name),
            script: script.as_bytes().to_vec(),
            checksum: checksum(script.as_bytes()),
        }
    }

    fn row(id: &str, migration: &Migration, state: RowState, steps: i32) -> HistoryRow {
        let at = OffsetDateTime::UNIX_EPOCH;
        HistoryRow {
            id: id.to_string(),
            checksum: migration.checksum.clone(),
            finished_at: (state == RowState::Applied).then_some(at),
            migration_name: migration.name.clone(),
            logs: None,
            rolled_back_at: (state == RowState::RolledBack).then_some(at),
            started_at: at,
            applied_steps_count: steps,
        }
    }

    fn by_name(rows: &[HistoryRow]) -> BTreeMap<&str, Vec<&HistoryRow>> {
        let mut map: BTreeMap<&str, Vec<&HistoryRow>> = BTreeMap::new();
        for row in rows {
            map.entry(row.migration_name.as_str())
                .or_default()
                .push(row);
        }
        map
    }

    #[test]
    fn each_migration_is_classified_by_its_rows() {
        let ran = migration("1_ran", "CREATE TABLE a (id int);");
        let resolved = migration("2_resolved", "CREATE TABLE b (id int);");
        let edited = migration("3_edited", "CREATE TABLE c (id int);");
        let retried = migration("4_retried", "CREATE TABLE d (id int);");
        let failed = migration("5_failed", "CREATE TABLE e (id int);");
        let rolled_back = migration("6_rolled_back", "CREATE TABLE f (id int);");
        let new = migration("7_new", "CREATE TABLE g (id int);");
        let mut edited_row = row("r3", &edited, RowState::Applied, 1);
        edited_row.checksum = checksum(b"CREATE TABLE c (id bigint);");
        let rows = vec![
            row("r1", &ran, RowState::Applied, 1),
            row("r2", &resolved, RowState::Applied, 0),
            edited_row,
            row("r4a", &retried, RowState::Failed, 0),
            row("r4b", &retried, RowState::Applied, 0),
            row("r5", &failed, RowState::Failed, 0),
            row("r6", &rolled_back, RowState::RolledBack, 0),
        ];
        let migrations = [ran, resolved, edited, retried, failed, rolled_back, new];
        let (applied, folder) = classify(&migrations, &by_name(&rows));
        let names: Vec<&str> = applied.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["1_ran", "2_resolved", "3_edited", "4_retried"]);
        assert_eq!(
            folder,
            Folder {
                // A 0-step row after a failed attempt is the retry's, not a resolve.
                recorded: vec![Recorded {
                    name: "2_resolved".to_string(),
                    rows: vec!["r2".to_string()],
                }],
                failed: vec![
                    Failed {
                        name: "4_retried".to_string(),
                        rows: vec!["r4a".to_string()],
                        also_applied: true,
                    },
                    Failed {
                        name: "5_failed".to_string(),
                        rows: vec!["r5".to_string()],
                        also_applied: false,
                    },
                ],
                pending: vec!["6_rolled_back".to_string(), "7_new".to_string()],
                edited: vec![Edit {
                    name: "3_edited".to_string(),
                    recorded: checksum(b"CREATE TABLE c (id bigint);"),
                    rows: vec!["r3".to_string()],
                }],
                latest_applied: Some("4_retried".to_string()),
            }
        );
    }

    #[test]
    fn an_empty_history_leaves_everything_pending() {
        let migrations = [migration("1_a", "SELECT 1;"), migration("2_b", "SELECT 2;")];
        let (applied, folder) = classify(&migrations, &BTreeMap::new());
        assert!(applied.is_empty());
        assert_eq!(folder.pending, ["1_a", "2_b"]);
        assert_eq!(folder.latest_applied, None);
    }

    #[test]
    fn ids_are_picked_by_state() {
        let m = migration("1_a", "SELECT 1;");
        let rows = [
            row("a", &m, RowState::Applied, 1),
            row("f", &m, RowState::Failed, 0),
            row("r", &m, RowState::RolledBack, 0),
            row("a2", &m, RowState::Applied, 1),
        ];
        let refs: Vec<&HistoryRow> = rows.iter().collect();
        assert_eq!(ids(&refs, RowState::Applied), ["a", "a2"]);
        assert_eq!(ids(&refs, RowState::Failed), ["f"]);
        assert_eq!(ids(&refs, RowState::RolledBack), ["r"]);
    }
}
