//! `compare A B`: two databases side by side — their migration histories (applied in both,
//! only in one, failed, recorded with different checksums, recorded without running) and
//! then the difference between their schemas. The runbooks' "migration counts differ"
//! made precise.
//!
//! [`compare_histories`] is pure; [`compare_databases`] reads both databases and calls it.

use std::collections::{BTreeMap, BTreeSet};

use driftless_db::{ConnectOptions, Connection, History, HistoryRow, RowState};
use driftless_diff::{DiffMode, Migration};
use driftless_migrations::{ChecksumMatch, MigrationsDirectory, compare_checksum};
use driftless_schema::{Pair, Schema};

use crate::diff::compare;
use crate::error::EngineError;
use crate::project::{DatabaseTarget, Project};

/// One of the two databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Side {
    /// The first (`compare A B`).
    A,
    /// The second.
    B,
}

/// What one database records about a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordState {
    /// No row, or only rolled-back rows.
    Absent,
    /// Applied.
    Applied,
    /// Recorded as applied with 0 applied steps (`resolve --applied`, a hand-made row).
    RecordedWithoutRunning,
    /// Started and never finished nor rolled back.
    Failed,
}

/// One database's record of a migration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// Its state.
    pub state: RecordState,
    /// The checksum of the row that decides the state.
    pub checksum: Option<String>,
    /// Live (not rolled back) rows.
    pub rows: usize,
    /// Rows marked rolled back.
    pub rolled_back_rows: usize,
}

/// A difference or a note about one migration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Finding {
    /// Applied in one database only.
    OnlyIn {
        /// Where.
        side: Side,
    },
    /// Failed (unresolved) in a database.
    FailedIn {
        /// Where.
        side: Side,
    },
    /// Applied in both, from files with different contents.
    ChecksumsDiffer,
    /// Recorded as applied without having run, in one database (a note).
    RecordedWithoutRunningIn {
        /// Where.
        side: Side,
    },
    /// Recorded more than once (a note).
    DuplicatedIn {
        /// Where.
        side: Side,
    },
    /// The file on disk differs from what ran (a note).
    EditedSinceApplied,
    /// The migration folder is not on disk (a note).
    NotOnDisk,
    /// On disk, applied in neither (a note).
    PendingInBoth,
}

impl Finding {
    /// Whether it makes the two databases different (the rest are notes).
    pub fn is_difference(&self) -> bool {
        matches!(
            self,
            Finding::OnlyIn { .. } | Finding::FailedIn { .. } | Finding::ChecksumsDiffer
        )
    }
}

/// One migration in both histories.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComparedMigration {
    /// The migration name.
    pub name: String,
    /// What A records.
    pub a: Record,
    /// What B records.
    pub b: Record,
    /// Whether its folder is on disk.
    pub on_disk: bool,
    /// Differences and notes.
    pub findings: Vec<Finding>,
}

impl ComparedMigration {
    /// Whether the two databases disagree about it.
    pub fn differs(&self) -> bool {
        self.findings.iter().any(Finding::is_difference)
    }
}

/// The two histories side by side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryComparison {
    /// Whether A has `_prisma_migrations`.
    pub a_has_history: bool,
    /// Whether B has it.
    pub b_has_history: bool,
    /// Every migration either records or the folder holds, in name order.
    pub migrations: Vec<ComparedMigration>,
}

impl HistoryComparison {
    /// Whether both record the same migrations, applied from the same files, and neither
    /// has a failed one.
    pub fn identical(&self) -> bool {
        !self.migrations.iter().any(ComparedMigration::differs)
    }

    /// Counts for the summary line.
    pub fn counts(&self) -> HistoryCounts {
        let mut counts = HistoryCounts::default();
        for m in &self.migrations {
            let applied = |r: &Record| {
                matches!(
                    r.state,
                    RecordState::Applied | RecordState::RecordedWithoutRunning
                )
            };
            if applied(&m.a) && applied(&m.b) {
                counts.applied_in_both += 1;
            }
            for finding in &m.findings {
                match finding {
                    Finding::OnlyIn { side: Side::A } => counts.only_in_a += 1,
                    Finding::OnlyIn { side: Side::B } => counts.only_in_b += 1,
                    Finding::FailedIn { side: Side::A } => counts.failed_in_a += 1,
                    Finding::FailedIn { side: Side::B } => counts.failed_in_b += 1,
                    Finding::ChecksumsDiffer => counts.checksums_differ += 1,
                    _ => {}
                }
            }
        }
        counts
    }
}

/// Counts of [`HistoryComparison`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryCounts {
    /// Applied in both.
    pub applied_in_both: usize,
    /// Applied in A only.
    pub only_in_a: usize,
    /// Applied in B only.
    pub only_in_b: usize,
    /// Failed in A.
    pub failed_in_a: usize,
    /// Failed in B.
    pub failed_in_b: usize,
    /// Applied in both from different files.
    pub checksums_differ: usize,
}

fn record(rows: &[&HistoryRow]) -> Record {
    let live: Vec<&&HistoryRow> = rows
        .iter()
        .filter(|r| r.state() != RowState::RolledBack)
        .collect();
    let failed = live.iter().rev().find(|r| r.state() == RowState::Failed);
    let applied = live.iter().rev().find(|r| r.state() == RowState::Applied);
    let (state, row) = match (failed, applied) {
        (Some(row), _) => (RecordState::Failed, Some(row)),
        (None, Some(row)) if row.applied_steps_count == 0 => {
            (RecordState::RecordedWithoutRunning, Some(row))
        }
        (None, Some(row)) => (RecordState::Applied, Some(row)),
        (None, None) => (RecordState::Absent, None),
    };
    Record {
        state,
        checksum: row.map(|r| r.checksum.clone()),
        rows: live.len(),
        rolled_back_rows: rows.len() - live.len(),
    }
}

/// Compares two histories (`None`: no history table) with each other and with the folder.
pub fn compare_histories(
    a: Option<&[HistoryRow]>,
    b: Option<&[HistoryRow]>,
    directory: Option<&MigrationsDirectory>,
) -> HistoryComparison {
    fn group(rows: Option<&[HistoryRow]>) -> BTreeMap<String, Vec<&HistoryRow>> {
        let mut map: BTreeMap<String, Vec<&HistoryRow>> = BTreeMap::new();
        for row in rows.unwrap_or(&[]) {
            map.entry(row.migration_name.clone()).or_default().push(row);
        }
        map
    }
    let (rows_a, rows_b) = (group(a), group(b));
    let mut names: BTreeSet<String> = rows_a.keys().chain(rows_b.keys()).cloned().collect();
    if let Some(directory) = directory {
        names.extend(directory.migrations.iter().map(|m| m.name.clone()));
    }
    let empty = Vec::new();
    let migrations = names
        .into_iter()
        .map(|name| {
            let ra = record(rows_a.get(&name).unwrap_or(&empty));
            let rb = record(rows_b.get(&name).unwrap_or(&empty));
            let file = directory.and_then(|d| d.get(&name));
            let mut findings = Vec::new();
            let present = |r: &Record| {
                matches!(
                    r.state,
                    RecordState::Applied | RecordState::RecordedWithoutRunning
                )
            };
            match (present(&ra), present(&rb)) {
                (true, false) if rb.state != RecordState::Failed => {
                    findings.push(Finding::OnlyIn { side: Side::A });
                }
                (false, true) if ra.state != RecordState::Failed => {
                    findings.push(Finding::OnlyIn { side: Side::B });
                }
                (true, true) => {
                    if let (Some(ca), Some(cb)) = (&ra.checksum, &rb.checksum) {
                        if !same_checksum(ca, cb) {
                            findings.push(Finding::ChecksumsDiffer);
                        }
                    }
                }
                _ => {}
            }
            for (side, r) in [(Side::A, &ra), (Side::B, &rb)] {
                if r.state == RecordState::Failed {
                    findings.push(Finding::FailedIn { side });
                }
                if r.state == RecordState::RecordedWithoutRunning {
                    findings.push(Finding::RecordedWithoutRunningIn { side });
                }
                if r.rows > 1 {
                    findings.push(Finding::DuplicatedIn { side });
                }
            }
            match file {
                Some(file) => {
                    let edited = [&ra, &rb].iter().any(|r| {
                        present(r)
                            && r.checksum.as_deref().is_some_and(|c| {
                                compare_checksum(c, &file.script) == ChecksumMatch::Different
                            })
                    });
                    if edited {
                        findings.push(Finding::EditedSinceApplied);
                    }
                    if ra.state == RecordState::Absent && rb.state == RecordState::Absent {
                        findings.push(Finding::PendingInBoth);
                    }
                }
                None if directory.is_some() => findings.push(Finding::NotOnDisk),
                None => {}
            }
            ComparedMigration {
                name,
                a: ra,
                b: rb,
                on_disk: file.is_some(),
                findings,
            }
        })
        .collect();
    HistoryComparison {
        a_has_history: a.is_some(),
        b_has_history: b.is_some(),
        migrations,
    }
}

/// Checksums are lowercase hex; Prisma wrote some legacy rows in upper case.
fn same_checksum(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Everything `compare` finds.
#[derive(Debug, Clone)]
pub struct DatabasesComparison {
    /// The histories side by side.
    pub history: HistoryComparison,
    /// The two schemas (what SQL is rendered from).
    pub schemas: Pair<Schema>,
    /// The changes that turn A's schema into B's.
    pub migration: Migration,
    /// Objects of this schema are written unqualified.
    pub default_schema: String,
}

impl DatabasesComparison {
    /// Whether the two databases have the same history and the same schema.
    pub fn identical(&self) -> bool {
        self.history.identical() && self.migration.is_empty()
    }
}

/// The namespaces compared: the schema's `schemas = [...]`, else the URL's schema.
fn namespaces(project: &Project, target: &DatabaseTarget) -> Vec<String> {
    match project.datasource() {
        Some(datasource) if !datasource.schemas.is_empty() => datasource.schemas.clone(),
        _ => vec![target.url.schema.clone()],
    }
}

async fn read_side(
    project: &Project,
    target: &DatabaseTarget,
    options: &ConnectOptions,
) -> Result<(Option<Vec<HistoryRow>>, Schema), EngineError> {
    let connection = Connection::connect(&target.url, options).await?;
    let history = History::new(target.url.schema.clone());
    let rows = if history.exists(&connection).await? {
        Some(
            history
                .rows(connection.client())
                .await
                .map_err(|e| connection.query_error(e, "reading the history table"))?,
        )
    } else {
        None
    };
    let schema = driftless_db::introspect(&connection, &namespaces(project, target)).await?;
    Ok((rows, schema))
}

/// Reads both databases and compares them (read only: nothing is written to either).
pub async fn compare_databases(
    project: &Project,
    a: &DatabaseTarget,
    b: &DatabaseTarget,
    directory: Option<&MigrationsDirectory>,
    options: &ConnectOptions,
) -> Result<DatabasesComparison, EngineError> {
    let (rows_a, schema_a) = read_side(project, a, options).await?;
    let (rows_b, schema_b) = read_side(project, b, options).await?;
    let history = compare_histories(rows_a.as_deref(), rows_b.as_deref(), directory);
    let migration = compare(Pair::new(&schema_a, &schema_b), DiffMode::Exact);
    Ok(DatabasesComparison {
        history,
        schemas: Pair::new(schema_a, schema_b),
        migration,
        default_schema: a.url.schema.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use driftless_migrations::{Migration as FolderMigration, checksum};
    use time::OffsetDateTime;

    fn row(name: &str, script: &str, state: RowState, steps: i32, minute: i64) -> HistoryRow {
        let at = OffsetDateTime::UNIX_EPOCH + time::Duration::minutes(minute);
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

    fn folder(names: &[(&str, &str)]) -> MigrationsDirectory {
        MigrationsDirectory {
            path: "m".into(),
            exists: true,
            migrations: names
                .iter()
                .map(|(n, s)| FolderMigration {
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

    #[test]
    fn every_divergence_is_named() {
        use RowState::*;
        let dir = folder(&[
            ("1_same", "a"),
            ("2_only_a", "b"),
            ("3_only_b", "c"),
            ("4_failed_in_b", "d"),
            ("5_edited_between", "e2"),
            ("6_ghost_in_a", "f"),
            ("7_pending", "g"),
        ]);
        let a = vec![
            row("1_same", "a", Applied, 1, 1),
            row("2_only_a", "b", Applied, 1, 2),
            row("4_failed_in_b", "d", Applied, 1, 3),
            row("5_edited_between", "e1", Applied, 1, 4),
            row("6_ghost_in_a", "f", Applied, 0, 5),
            row("9_orphan", "z", Applied, 1, 6),
        ];
        let b = vec![
            row("1_same", "a", Applied, 1, 1),
            row("3_only_b", "c", Applied, 1, 2),
            row("4_failed_in_b", "d", Failed, 0, 3),
            row("5_edited_between", "e2", Applied, 1, 4),
            row("6_ghost_in_a", "f", Applied, 1, 5),
            row("9_orphan", "z", Applied, 1, 6),
            row("3_only_b", "c", RolledBack, 0, 0),
        ];
        let cmp = compare_histories(Some(&a), Some(&b), Some(&dir));
        let by_name = |n: &str| {
            cmp.migrations
                .iter()
                .find(|m| m.name == n)
                .unwrap()
                .findings
                .clone()
        };
        assert!(by_name("1_same").is_empty());
        assert_eq!(by_name("2_only_a"), [Finding::OnlyIn { side: Side::A }]);
        assert_eq!(by_name("3_only_b"), [Finding::OnlyIn { side: Side::B }]);
        assert_eq!(
            by_name("4_failed_in_b"),
            [Finding::FailedIn { side: Side::B }]
        );
        assert_eq!(
            by_name("5_edited_between"),
            [Finding::ChecksumsDiffer, Finding::EditedSinceApplied]
        );
        assert_eq!(
            by_name("6_ghost_in_a"),
            [Finding::RecordedWithoutRunningIn { side: Side::A }]
        );
        assert_eq!(by_name("7_pending"), [Finding::PendingInBoth]);
        assert_eq!(by_name("9_orphan"), [Finding::NotOnDisk]);
        assert!(!cmp.identical());
        let counts = cmp.counts();
        assert_eq!(
            (counts.applied_in_both, counts.only_in_a, counts.only_in_b),
            (4, 1, 1)
        );
        let same = compare_histories(Some(&a), Some(&a), Some(&dir));
        assert!(same.identical());
    }
}
