//! What `doctor` reports: findings (what is wrong, in plain words, with the evidence) and
//! the repairs that fix them (each shown before it runs).

use std::path::PathBuf;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The history lies about the database, or `migrate deploy` will fail.
    Error,
    /// Something to look at; deploys work.
    Warning,
    /// Worth knowing; nothing to do.
    Info,
}

/// The kinds of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// `migration_lock.toml` is missing or names another provider.
    LockProvider,
    /// The database has tables but no history table.
    NotManaged,
    /// A row says applied, with 0 steps: recorded without running.
    RecordedWithoutRunning,
    /// A row for a migration that is not in the folder.
    Orphan,
    /// A migration failed and is not resolved.
    Failed,
    /// A migration was recorded more than once.
    Duplicate,
    /// An applied migration's file changed after it ran.
    Edited,
    /// A pending migration whose effect is already in the database (`db push`).
    AlreadyInDatabase,
    /// A pending migration, to be applied by `migrate deploy`.
    Pending,
    /// A pending migration that sorts before the latest applied one.
    OutOfOrder,
    /// Rows marked rolled back (kept as the record of what happened).
    RolledBack,
    /// Objects in the database that no migration made, or that the history made and the
    /// database lacks.
    Drift,
    /// Another session holds the migration lock.
    LockHeld,
    /// A check could not be made (and why).
    Unverified,
}

/// One finding.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// The migration it is about.
    pub migration: Option<String>,
    /// One line.
    pub summary: String,
    /// What happened and what it means, in plain words.
    pub explanation: String,
    /// What was checked, object by object.
    pub evidence: Vec<String>,
    /// The repairs that fix it (indexes into [`Diagnosis::plan`]).
    pub repairs: Vec<usize>,
    /// What only a person can do, when no repair can be run for them.
    pub manual: Option<String>,
}

/// A file written for the user to review (never run by driftless).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewFile {
    /// Where, relative to the project root.
    pub path: PathBuf,
    /// What it is.
    pub purpose: String,
    /// Its text.
    pub text: String,
}

/// One repair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Repair {
    /// Record a migration as applied (as `migrate resolve --applied`): failed rows of it are
    /// marked rolled back, and a row is inserted unless an applied one exists.
    MarkApplied {
        /// The migration.
        migration: String,
        /// The checksum of its file.
        checksum: String,
        /// Its failed rows, marked rolled back first.
        failed_rows: Vec<String>,
        /// Whether a new row is inserted.
        insert: bool,
    },
    /// Mark rows rolled back, so that `migrate deploy` runs the migration again.
    MarkRolledBack {
        /// The migration.
        migration: String,
        /// The rows.
        rows: Vec<String>,
    },
    /// Delete rows (orphans, duplicates).
    DeleteRows {
        /// The migration.
        migration: String,
        /// The rows.
        rows: Vec<String>,
    },
    /// Record the checksum of the file as it is now (`--accept-edits` only).
    RecordChecksum {
        /// The migration.
        migration: String,
        /// The rows.
        rows: Vec<String>,
        /// The new checksum.
        checksum: String,
    },
    /// Write a new migration folder and record it as applied (a catch-up migration, a
    /// baseline).
    WriteMigration {
        /// The folder name.
        migration: String,
        /// Its `migration.sql`.
        script: String,
        /// Why.
        purpose: String,
    },
    /// Put back the version of a migration file that ran (from git): a deleted folder,
    /// or an edited file (the edited text is kept beside the review files).
    RestoreFile {
        /// The migration.
        migration: String,
        /// The commit the version comes from.
        commit: String,
        /// The file's bytes.
        #[serde(skip)]
        script: Vec<u8>,
        /// Where the edited text is kept, when a file is overwritten.
        kept_as: Option<PathBuf>,
    },
    /// Write `migration_lock.toml` for PostgreSQL.
    WriteLockfile,
    /// Write files for the user to review (the SQL that completes or undoes a partial
    /// failure).
    WriteReviewFiles {
        /// The migration.
        migration: String,
        /// The files.
        files: Vec<ReviewFile>,
    },
    /// Delete every row of the history (a baseline replacing a history, `--force`).
    ClearHistory {
        /// How many rows.
        rows: usize,
    },
}

impl Repair {
    /// The repair in one sentence, for the plan shown before it runs.
    pub fn describe(&self) -> String {
        match self {
            Repair::MarkApplied {
                migration,
                failed_rows,
                insert,
                ..
            } => {
                let mut parts = Vec::new();
                if !failed_rows.is_empty() {
                    parts.push(format!(
                        "mark its failed attempt{} rolled back",
                        if failed_rows.len() == 1 { "" } else { "s" }
                    ));
                }
                if *insert {
                    parts.push("record it as applied".to_string());
                }
                format!("`{migration}`: {}", parts.join(", then "))
            }
            Repair::MarkRolledBack { migration, rows } => format!(
                "`{migration}`: mark {} row{} rolled back, so that `migrate deploy` runs it",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ),
            Repair::DeleteRows { migration, rows } => format!(
                "`{migration}`: delete {} history row{}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ),
            Repair::RecordChecksum { migration, .. } => {
                format!("`{migration}`: record the checksum of the file as it is now")
            }
            Repair::WriteMigration {
                migration, purpose, ..
            } => format!("write `{migration}/migration.sql` ({purpose}) and record it as applied"),
            Repair::RestoreFile {
                migration,
                commit,
                kept_as,
                ..
            } => match kept_as {
                Some(kept) => format!(
                    "`{migration}`: put back the version that ran (commit {commit}); the edited file is kept as `{}`",
                    kept.display()
                ),
                None => format!(
                    "`{migration}`: restore its folder from commit {commit} (the version that ran)"
                ),
            },
            Repair::WriteLockfile => {
                "write `migration_lock.toml` (provider = \"postgresql\")".to_string()
            }
            Repair::WriteReviewFiles { migration, files } => format!(
                "`{migration}`: write {} for you to review (nothing is run)",
                files
                    .iter()
                    .map(|f| format!("`{}`", f.path.display()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Repair::ClearHistory { rows } => format!(
                "delete the {rows} row{} of the current history",
                if *rows == 1 { "" } else { "s" }
            ),
        }
    }

    /// Whether it changes the history table.
    pub fn touches_history(&self) -> bool {
        !matches!(
            self,
            Repair::WriteLockfile | Repair::WriteReviewFiles { .. } | Repair::RestoreFile { .. }
        )
    }
}

/// Everything `doctor` found.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The findings, most severe first.
    pub findings: Vec<Finding>,
    /// The repairs, in the order they run.
    pub plan: Vec<Repair>,
    /// How the history's schema was computed, when the method is worth saying (a shadow
    /// database, or an unsure in-memory replay).
    pub replay_note: Option<String>,
    /// The one command to run next.
    pub next: Option<String>,
}

impl Diagnosis {
    /// No error or warning.
    pub fn healthy(&self) -> bool {
        !self.findings.iter().any(|f| f.severity != Severity::Info)
    }

    /// Findings that still need a person once the plan has run.
    pub fn manual(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| {
                f.severity != Severity::Info && (f.repairs.is_empty() || f.manual.is_some())
            })
            .collect()
    }
}
