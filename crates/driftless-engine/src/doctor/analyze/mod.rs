//! The diagnosis: the folder, the history rows and the live database read once, then every
//! question the runbooks answered by hand answered from the schemas — which rows lie, which
//! pending migrations are already in the database, what a failed migration left behind,
//! what no migration made — each with the repair that makes the history true.
//!
//! [`diagnose`] reads everything into an [`Analysis`], then runs one phase per question, in
//! this order (each file is one phase):
//!
//! 1. [`lockfile`]: `migration_lock.toml` missing, unreadable or for another provider;
//! 2. [`rows`]: rows without a folder (orphans), duplicate rows, and what each migration of
//!    the folder is by its rows — this sets the believed-applied sequence;
//! 3. [`edited`]: applied migrations whose file changed since they ran;
//! 4. [`recorded`]: rows recorded as applied without running (0 steps);
//! 5. [`failed`]: failed migrations, and what they left behind;
//! 6. [`pending`]: pending migrations, and whether they are already in the database;
//! 7. [`drift`]: what is left between the history and the database (catch-up, baseline);
//! 8. [`notes`]: rolled-back rows, the migration lock, an unsure replay.
//!
//! Phases 3–6 judge migrations against the believed-applied sequence and update it for the
//! phases after them, so their order is part of the answer.

mod drift;
mod edited;
mod failed;
mod lockfile;
mod notes;
mod pending;
mod recorded;
mod report;
mod rows;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use driftless_db::{Connection, DatabaseUrl, History, HistoryRow};
use driftless_diff::summarize;
use driftless_migrations::{Migration, MigrationsDirectory};
use driftless_schema::{Pair, Schema};

use super::effects::Model;
use super::findings::Diagnosis;
use super::git::Repository;
use super::keys::ObjectKey;
use crate::error::EngineError;
use crate::history::HistoryOptions;
use crate::project::Project;
use report::Report;

/// Options of `doctor`.
#[derive(Debug, Clone)]
pub struct DoctorOptions {
    /// How the history's schemas are computed.
    pub history: HistoryOptions,
    /// Record the checksums of edited migrations when the database matches the edited file.
    pub accept_edits: bool,
    /// The folder name of a catch-up migration (a fixed one for tests); `None`: the UTC
    /// timestamp and `driftless_catch_up`.
    pub catch_up_name: Option<String>,
}

/// Where review files go, relative to the project root.
pub const REVIEW_DIR: &str = ".driftless/doctor";

/// What every phase of the diagnosis reads and adds to: what was read once at the start,
/// the findings and repairs so far, and the history as the phases so far believe it.
struct Analysis<'a> {
    /// The project (its root, for review files and paths in messages).
    project: &'a Project,
    /// The migrations folder.
    directory: &'a MigrationsDirectory,
    /// The options of this run.
    options: &'a DoctorOptions,
    /// The database's URL (its schema and name go into the files written).
    url: &'a DatabaseUrl,
    /// The live schema.
    live: Schema,
    /// The git repository of the project, to find the versions of migrations that ran.
    repository: Option<Repository>,
    /// Replays histories (and remembers whether a replay was unsure).
    model: Model<'a>,
    /// The findings and the repair plan so far.
    report: Report,
    /// Every history row.
    rows: &'a [HistoryRow],
    /// The history rows of each migration, rolled-back ones included.
    by_name: BTreeMap<&'a str, Vec<&'a HistoryRow>>,
    /// The migrations believed applied, in name order: what the rows say, as corrected by
    /// the phases so far (restored, un-recorded, recorded, replaced by the version that ran).
    believed: Vec<Migration>,
    /// The objects of migrations that cannot be repaired (partly applied, edited beyond
    /// repair): left out of the drift, so that no catch-up migration covers them up.
    left_out: BTreeSet<ObjectKey>,
}

/// Runs the diagnosis (read only).
pub async fn diagnose(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    options: &DoctorOptions,
) -> Result<Diagnosis, EngineError> {
    let url = connection.url();
    let history = History::new(url.schema.clone());
    let table_exists = history.exists(connection).await?;
    let rows: Vec<HistoryRow> = if table_exists {
        history
            .rows(connection.client())
            .await
            .map_err(|e| connection.query_error(e, "reading the history table"))?
    } else {
        Vec::new()
    };
    let live = driftless_db::introspect(connection, &options.history.namespaces).await?;
    let lock_holders = driftless_db::lock_holders(connection).await?;
    let mut by_name: BTreeMap<&str, Vec<&HistoryRow>> = BTreeMap::new();
    for row in &rows {
        by_name
            .entry(row.migration_name.as_str())
            .or_default()
            .push(row);
    }
    let mut analysis = Analysis {
        project,
        directory,
        options,
        url,
        live,
        repository: Repository::discover(&project.root),
        model: Model::new(&options.history),
        report: Report::default(),
        rows: &rows,
        by_name,
        believed: Vec::new(),
        left_out: BTreeSet::new(),
    };

    analysis.lockfile();
    let restored = analysis.orphans();
    analysis.duplicates();
    let folder = analysis.classify(restored);
    analysis.edited(&folder.edited).await?;
    analysis.recorded_without_running(&folder.recorded).await?;
    analysis.failed(&folder.failed).await?;
    let pending = analysis
        .pending(&folder.pending, folder.latest_applied.as_deref())
        .await?;
    analysis.drift(table_exists).await?;
    analysis.notes(&lock_holders);

    let Analysis { report, model, .. } = analysis;
    Ok(report.finish(pending, model.note))
}

impl Analysis<'_> {
    /// The believed sequence followed by `migration`: the history as it would be if
    /// `migration` ran next (the "just after" replay of a judgement).
    fn believed_then(&self, migration: &Migration) -> Vec<Migration> {
        let mut sequence = Vec::with_capacity(self.believed.len() + 1);
        sequence.extend_from_slice(&self.believed);
        sequence.push(migration.clone());
        sequence
    }
}

/// `n` and the noun that goes with it ("1 row is", "2 rows are").
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prisma's summary of `changes` from `a` to `b`, one evidence line per line (no line when
/// there is no change).
fn summary_lines(changes: &driftless_diff::Migration, a: &Schema, b: &Schema) -> Vec<String> {
    summarize(changes, Pair::new(a, b))
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "No difference detected.")
        .collect()
}

/// The path of a review file or restored file, under the project root.
pub(super) fn under_root(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_agrees_with_its_number() {
        assert_eq!(plural(0, "row is", "rows are"), "0 rows are");
        assert_eq!(plural(1, "row is", "rows are"), "1 row is");
        assert_eq!(plural(2, "change", "changes"), "2 changes");
    }

    #[test]
    fn review_files_go_under_the_root_unless_absolute() {
        let root = Path::new("/project");
        assert_eq!(
            under_root(root, Path::new(".driftless/doctor/a/undo.sql")),
            Path::new("/project/.driftless/doctor/a/undo.sql")
        );
        assert_eq!(
            under_root(root, Path::new("/elsewhere/undo.sql")),
            Path::new("/elsewhere/undo.sql")
        );
    }

    #[test]
    fn no_change_has_no_summary_line() {
        let schema = Schema::default();
        let none = driftless_diff::Migration { changes: vec![] };
        assert!(summary_lines(&none, &schema, &schema).is_empty());
    }
}
