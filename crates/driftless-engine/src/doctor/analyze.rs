//! The diagnosis: the folder, the history rows and the live database read once, then every
//! question the runbooks answered by hand answered from the schemas — which rows lie, which
//! pending migrations are already in the database, what a failed migration left behind,
//! what no migration made — each with the repair that makes the history true.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use driftless_db::{Connection, History, HistoryRow, RowState};
use driftless_diff::summarize;
use driftless_migrations::{
    ChecksumMatch, LockfileState, Migration, MigrationsDirectory, checksum, compare_checksum,
};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

use super::effects::{Effect, Model, changes, judge, touched};
use super::findings::{Diagnosis, Finding, FindingKind, Repair, ReviewFile, Severity};
use super::git::Repository;
use super::keys::{ObjectKey, any_overlap, migration_keys, restrict};
use crate::error::EngineError;
use crate::history::HistoryOptions;
use crate::project::Project;

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

struct Builder {
    findings: Vec<Finding>,
    plan: Vec<Repair>,
}

impl Builder {
    fn repair(&mut self, repair: Repair) -> usize {
        if let Some(i) = self.plan.iter().position(|r| r == &repair) {
            return i;
        }
        self.plan.push(repair);
        self.plan.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        migration: Option<&str>,
        summary: String,
        explanation: String,
        evidence: Vec<String>,
        repairs: Vec<usize>,
        manual: Option<String>,
    ) {
        self.findings.push(Finding {
            kind,
            severity,
            migration: migration.map(str::to_string),
            summary,
            explanation,
            evidence,
            repairs,
            manual,
        });
    }
}

/// What one migration is believed to be, for the replays.
#[derive(Debug, Clone)]
struct Step {
    migration: Migration,
}

fn sequence(steps: &[Step]) -> Vec<Migration> {
    steps.iter().map(|s| s.migration.clone()).collect()
}

fn timestamp_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Runs the diagnosis (read only).
pub async fn diagnose(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    options: &DoctorOptions,
) -> Result<Diagnosis, EngineError> {
    let url = connection.url().clone();
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
    let repository = Repository::discover(&project.root);
    let mut model = Model::new(&options.history);
    let mut b = Builder {
        findings: Vec::new(),
        plan: Vec::new(),
    };

    // The lock file.
    match &directory.lockfile {
        LockfileState::Missing if !directory.migrations.is_empty() => {
            let repair = b.repair(Repair::WriteLockfile);
            b.finding(
                FindingKind::LockProvider,
                Severity::Warning,
                None,
                "`migration_lock.toml` is missing".to_string(),
                "Prisma writes it beside the migrations to record which database they are for; without it, nothing stops someone from running these migrations with another provider.".to_string(),
                Vec::new(),
                vec![repair],
                None,
            );
        }
        LockfileState::Invalid(reason) => b.finding(
            FindingKind::LockProvider,
            Severity::Error,
            None,
            "`migration_lock.toml` cannot be read".to_string(),
            format!("{reason}. Prisma refuses to work with this folder until it is fixed."),
            Vec::new(),
            Vec::new(),
            Some(
                "rewrite it as `provider = \"postgresql\"` if these migrations are PostgreSQL's"
                    .to_string(),
            ),
        ),
        _ => {
            if let Some(provider) = directory.provider() {
                if !matches!(provider, "postgresql" | "postgres") {
                    b.finding(
                        FindingKind::LockProvider,
                        Severity::Error,
                        None,
                        format!("the migrations are for `{provider}`, not PostgreSQL"),
                        format!("`migration_lock.toml` says `provider = \"{provider}\"`: these migrations were written for another database (Prisma's P3019). They will not run here as they are."),
                        Vec::new(),
                        Vec::new(),
                        Some("use a migrations folder made for PostgreSQL (or baseline this database with `driftless migrate baseline` into a new folder)".to_string()),
                    );
                }
            }
        }
    }

    // Rows by migration.
    let mut by_name: BTreeMap<&str, Vec<&HistoryRow>> = BTreeMap::new();
    for row in &rows {
        by_name
            .entry(row.migration_name.as_str())
            .or_default()
            .push(row);
    }
    let rolled_back: usize = rows
        .iter()
        .filter(|r| r.state() == RowState::RolledBack)
        .count();

    // Orphans: rows without a folder. Restorable from git when a committed version has the
    // row's checksum; otherwise the rows go (their objects are caught up as drift).
    let mut restored: Vec<Migration> = Vec::new();
    for (name, rows_of) in &by_name {
        if directory.get(name).is_some() {
            continue;
        }
        let live_rows: Vec<&&HistoryRow> = rows_of
            .iter()
            .filter(|r| r.state() != RowState::RolledBack)
            .collect();
        if live_rows.is_empty() {
            continue;
        }
        let path = directory
            .path
            .join(name)
            .join(driftless_migrations::SCRIPT_NAME);
        let applied = live_rows.iter().find(|r| r.state() == RowState::Applied);
        let failed: Vec<String> = live_rows
            .iter()
            .filter(|r| r.state() == RowState::Failed)
            .map(|r| r.id.clone())
            .collect();
        let commits = repository
            .as_ref()
            .map(|r| r.history(&path))
            .unwrap_or_default();
        let found = applied.and_then(|row| {
            repository
                .as_ref()
                .and_then(|r| r.version_with_checksum(&path, &row.checksum))
        });
        let origin = match (&repository, commits.first()) {
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
        let applied_ids: Vec<String> = live_rows
            .iter()
            .filter(|r| r.state() == RowState::Applied)
            .map(|r| r.id.clone())
            .collect();
        if !applied_ids.is_empty() {
            repairs.push(b.repair(Repair::DeleteRows {
                migration: (*name).to_string(),
                rows: applied_ids,
            }));
        }
        if !failed.is_empty() {
            repairs.push(b.repair(Repair::MarkRolledBack {
                migration: (*name).to_string(),
                rows: failed.clone(),
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

    // Duplicates: more than one applied row for a migration.
    for (name, rows_of) in &by_name {
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
            rows: extra.clone(),
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

    // What each migration of the folder is, by its rows.
    let mut applied_steps: Vec<Step> = Vec::new();
    let mut ghosts: Vec<(String, Vec<String>)> = Vec::new();
    let mut failed: Vec<(String, Vec<String>, bool)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut edited: Vec<(String, String, Vec<String>)> = Vec::new();
    let latest_applied = directory
        .migrations
        .iter()
        .rev()
        .find(|m| {
            by_name
                .get(m.name.as_str())
                .is_some_and(|rs| rs.iter().any(|r| r.state() == RowState::Applied))
        })
        .map(|m| m.name.clone());
    for migration in &directory.migrations {
        let rows_of: &[&HistoryRow] = by_name
            .get(migration.name.as_str())
            .map_or(&[], Vec::as_slice);
        let applied = rows_of.iter().find(|r| r.state() == RowState::Applied);
        let failed_ids: Vec<String> = rows_of
            .iter()
            .filter(|r| r.state() == RowState::Failed)
            .map(|r| r.id.clone())
            .collect();
        match applied {
            Some(row) => {
                applied_steps.push(Step {
                    migration: migration.clone(),
                });
                if row.applied_steps_count == 0 && failed_ids.is_empty() {
                    ghosts.push((migration.name.clone(), vec![row.id.clone()]));
                }
                if compare_checksum(&row.checksum, &migration.script) == ChecksumMatch::Different {
                    let ids = rows_of
                        .iter()
                        .filter(|r| r.state() == RowState::Applied)
                        .map(|r| r.id.clone())
                        .collect();
                    edited.push((migration.name.clone(), row.checksum.clone(), ids));
                }
                if !failed_ids.is_empty() {
                    failed.push((migration.name.clone(), failed_ids, true));
                }
            }
            None if !failed_ids.is_empty() => {
                failed.push((migration.name.clone(), failed_ids, false));
            }
            None => pending.push(migration.name.clone()),
        }
    }
    // Restored orphans join the applied sequence, in name order.
    for migration in restored {
        applied_steps.push(Step { migration });
    }
    applied_steps.sort_by(|a, b| a.migration.name.cmp(&b.migration.name));

    // Partially applied migrations: their objects are left out of the drift.
    let mut partial_keys: BTreeSet<ObjectKey> = BTreeSet::new();
    let mut believed = applied_steps.clone();

    // Edited migrations.
    for (name, recorded, ids) in &edited {
        let Some(migration) = directory.get(name) else {
            continue;
        };
        let seq = sequence(&believed);
        let Some(index) = seq.iter().position(|m| &m.name == name) else {
            continue;
        };
        let path = migration.script_path();
        let original = repository
            .as_ref()
            .and_then(|r| r.version_with_checksum(&path, recorded));
        let mut original_seq = seq[..=index].to_vec();
        if let Some(version) = &original {
            original_seq[index].script = version.script.clone();
        }
        let schemas = model.schemas(&seq, &[index, index + 1, seq.len()]).await?;
        let (before, now_with, full) = (&schemas[0], &schemas[1], &schemas[2]);
        let mut keys = touched(before, now_with);
        let edit_changes = if original.is_some() {
            let original_with = model.schema(&original_seq).await?;
            keys.extend(touched(before, &original_with));
            Some(changes(&original_with, now_with))
        } else {
            None
        };
        let to_live = restrict(&changes(full, &live), &keys);
        let matches_edited = to_live.is_empty();
        let cosmetic = edit_changes.as_ref().is_some_and(|c| c.is_empty());
        let edit_text = match &edit_changes {
            Some(c) if c.is_empty() => {
                " The edit changes no schema object (comments, formatting or data statements only)."
                    .to_string()
            }
            Some(_) => " The edit changes the schema (below).".to_string(),
            None => String::new(),
        };
        let edit_evidence: Vec<String> = match &edit_changes {
            Some(c) if !c.is_empty() => summary_lines(c, before, now_with)
                .into_iter()
                .map(|l| format!("the edit: {l}"))
                .collect(),
            _ => Vec::new(),
        };
        if !(matches_edited || cosmetic) && original.is_none() {
            // Nothing can be repaired for it: its objects stay out of the drift.
            partial_keys.extend(keys.clone());
        }
        if matches_edited || cosmetic {
            let mut repairs = Vec::new();
            let manual = if options.accept_edits {
                repairs.push(b.repair(Repair::RecordChecksum {
                    migration: name.clone(),
                    rows: ids.clone(),
                    checksum: migration.checksum.clone(),
                }));
                None
            } else {
                Some(format!(
                    "if the edit is wanted, run `driftless doctor --fix --accept-edits` to record the new checksum; otherwise put back the version that ran{}",
                    original
                        .as_ref()
                        .map(|v| format!(" (it is in commit {})", v.commit))
                        .unwrap_or_default()
                ))
            };
            b.finding(
                FindingKind::Edited,
                Severity::Error,
                Some(name),
                format!("`{name}` was edited after it ran, and the database matches the edited file"),
                format!("Its checksum no longer matches its row, so `migrate status` reports it and other databases may have run the old version.{edit_text} Recording the new checksum is safe here because this database holds what the edited file makes."),
                edit_evidence,
                repairs,
                manual,
            );
        } else if let Some(version) = original {
            // The history from here on is the version that ran.
            believed[index].migration.script = version.script.clone();
            believed[index].migration.checksum = checksum(&version.script);
            let kept = PathBuf::from(REVIEW_DIR)
                .join(name)
                .join("edited-migration.sql");
            let repair = b.repair(Repair::RestoreFile {
                migration: name.clone(),
                commit: version.commit.clone(),
                script: version.script.clone(),
                kept_as: Some(kept.clone()),
            });
            b.finding(
                FindingKind::Edited,
                Severity::Error,
                Some(name),
                format!("`{name}` was edited after it ran, and the database holds the version that ran"),
                format!("The version that ran is in commit {}.{edit_text} A migration that ran must not change: the repair puts that version back (your edit is kept), and the change belongs in a new migration.", version.commit),
                edit_evidence,
                vec![repair],
                Some("put the change into a new migration: `driftless migrate dev --name <name>`".to_string()),
            );
        } else {
            b.finding(
                FindingKind::Edited,
                Severity::Error,
                Some(name),
                format!("`{name}` was edited after it ran, and the database does not match the edited file"),
                "The version that ran cannot be found (no git history with its checksum), and the edited file describes a schema this database does not have.".to_string(),
                to_live_evidence(&to_live, full, &live),
                Vec::new(),
                Some("put back the version that ran (from a teammate or a backup), then put the change into a new migration".to_string()),
            );
        }
    }

    // Rows recorded without running: is their effect in the database?
    if !ghosts.is_empty() {
        let all = sequence(&believed);
        let mut checkpoints = Vec::new();
        for (name, _) in &ghosts {
            if let Some(i) = all.iter().position(|m| &m.name == name) {
                checkpoints.push(i);
                checkpoints.push(i + 1);
            }
        }
        checkpoints.push(all.len());
        checkpoints.sort_unstable();
        checkpoints.dedup();
        let schemas = model.schemas(&all, &checkpoints).await?;
        let at = |n: usize| -> Option<&Schema> {
            checkpoints
                .iter()
                .position(|c| *c == n)
                .map(|i| &schemas[i])
        };
        let full = at(all.len()).cloned().unwrap_or_default();
        let mut absent = BTreeSet::new();
        for (name, ids) in &ghosts {
            let Some(i) = all.iter().position(|m| &m.name == name) else {
                continue;
            };
            let (Some(before), Some(with)) = (at(i), at(i + 1)) else {
                continue;
            };
            match judge(before, with, &full, &live) {
                Effect::Present { objects } => b.finding(
                    FindingKind::RecordedWithoutRunning,
                    Severity::Info,
                    Some(name),
                    format!("`{name}` was recorded as applied without running (0 steps), and its objects are in the database"),
                    "Rows like this come from `migrate resolve --applied` or from a row written by hand. What the migration makes is there, so the row tells the truth: nothing to repair.".to_string(),
                    objects,
                    Vec::new(),
                    None,
                ),
                Effect::NoSchemaChange => b.finding(
                    FindingKind::RecordedWithoutRunning,
                    Severity::Info,
                    Some(name),
                    format!("`{name}` was recorded as applied without running (0 steps)"),
                    "It changes no schema object (it only changes data, or nothing), so the database cannot tell whether it ran. If its data changes matter, check them by hand.".to_string(),
                    Vec::new(),
                    Vec::new(),
                    None,
                ),
                Effect::Absent { objects } => {
                    let repair = b.repair(Repair::MarkRolledBack {
                        migration: name.clone(),
                        rows: ids.clone(),
                    });
                    absent.insert(name.clone());
                    b.finding(
                        FindingKind::RecordedWithoutRunning,
                        Severity::Error,
                        Some(name),
                        format!("`{name}` is recorded as applied but never ran: its objects are not in the database"),
                        "A row with 0 applied steps says the migration was recorded without running it (`migrate resolve --applied`, or an `UPDATE`/`INSERT` by hand), and the database confirms that it never ran. Marking the row rolled back makes it pending again, so that `migrate deploy` runs it.".to_string(),
                        objects,
                        vec![repair],
                        None,
                    );
                }
                Effect::Partial { present, missing } => {
                    let keys = touched(before, with);
                    partial_keys.extend(keys);
                    b.finding(
                        FindingKind::RecordedWithoutRunning,
                        Severity::Error,
                        Some(name),
                        format!("`{name}` is recorded as applied without running, and only part of it is in the database"),
                        "Some of what it makes is in the database and some is not: it was probably run by hand, in part, or changed by later hand-made changes. driftless cannot tell which way to repair it.".to_string(),
                        present.into_iter().chain(missing).collect(),
                        Vec::new(),
                        Some(format!("complete what is missing by hand (or undo what is there), then run `driftless doctor` again; `driftless migrate diff --from-migrations {} --to-config-datasource --script` shows the difference", project.display(&directory.path))),
                    );
                }
            }
        }
        believed.retain(|s| !absent.contains(&s.migration.name));
    }

    // Failed migrations: what did they leave behind?
    for (name, ids, also_applied) in &failed {
        let Some(migration) = directory.get(name) else {
            continue;
        };
        if *also_applied {
            // Applied since (a later attempt succeeded): the failed attempt only blocks deploys.
            let repair = b.repair(Repair::MarkApplied {
                migration: name.clone(),
                checksum: migration.checksum.clone(),
                failed_rows: ids.clone(),
                insert: false,
            });
            b.finding(
                FindingKind::Failed,
                Severity::Error,
                Some(name),
                format!("`{name}` has an unresolved failed attempt, although a later attempt applied it"),
                "`migrate deploy` refuses to run while any attempt is marked failed (P3009). The successful attempt is what the database holds; the failed one is marked rolled back.".to_string(),
                Vec::new(),
                vec![repair],
                None,
            );
            continue;
        }
        let before_seq = sequence(&believed);
        let mut with_seq = before_seq.clone();
        with_seq.push(migration.clone());
        let schemas = model
            .schemas(&with_seq, &[before_seq.len(), with_seq.len()])
            .await?;
        let (before, with) = (&schemas[0], &schemas[1]);
        let error = by_name
            .get(name.as_str())
            .and_then(|rs| rs.iter().rev().find(|r| r.state() == RowState::Failed))
            .and_then(|r| r.logs.as_deref())
            .and_then(|logs| logs.lines().map(str::trim).find(|l| l.starts_with("ERROR")))
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        match judge(before, with, with, &live) {
            Effect::Absent { objects } => {
                let repair = b.repair(Repair::MarkRolledBack {
                    migration: name.clone(),
                    rows: ids.clone(),
                });
                b.finding(
                    FindingKind::Failed,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` failed{error} and left nothing behind"),
                    "None of its changes are in the database (its transaction was rolled back, or it failed on its first statement). Marking it rolled back unblocks `migrate deploy`, which will run it again: fix the migration first if it would fail the same way.".to_string(),
                    objects,
                    vec![repair],
                    None,
                );
            }
            Effect::Present { objects } => {
                let repair = b.repair(Repair::MarkApplied {
                    migration: name.clone(),
                    checksum: migration.checksum.clone(),
                    failed_rows: ids.clone(),
                    insert: true,
                });
                believed.push(Step {
                    migration: migration.clone(),
                });
                b.finding(
                    FindingKind::Failed,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` is recorded as failed{error}, but everything it makes is in the database"),
                    "It was completed by hand (a hotfix), or its failure came after its last change. Recording it as applied (what `migrate resolve --applied` does) makes the history say what the database holds.".to_string(),
                    objects,
                    vec![repair],
                    None,
                );
            }
            Effect::NoSchemaChange => b.finding(
                FindingKind::Failed,
                Severity::Error,
                Some(name),
                format!("`{name}` failed{error}"),
                "It changes no schema object, so the database cannot tell how far it got (its data changes may be half done).".to_string(),
                Vec::new(),
                Vec::new(),
                Some(format!("check its data changes by hand, then `driftless migrate resolve --rolled-back \"{name}\"` to run it again, or `--applied \"{name}\"` if it is complete")),
            ),
            Effect::Partial { present, missing } => {
                let keys = touched(before, with);
                partial_keys.extend(keys.clone());
                let statements = statements_that_took_effect(
                    &mut model, &before_seq, migration, &keys, &live,
                )
                .await?;
                let render = RenderOptions {
                    default_schema: url.schema.clone(),
                };
                let complete = restrict(&changes(&live, with), &keys);
                let undo = restrict(&changes(&live, before), &keys);
                let dir = PathBuf::from(REVIEW_DIR).join(name);
                let files = vec![
                    ReviewFile {
                        path: dir.join("complete.sql"),
                        purpose: format!("the SQL that finishes `{name}` on this database"),
                        text: review_header(name, "finishes", &url.database) + &render_script(&complete, Pair::new(&live, with), &render),
                    },
                    ReviewFile {
                        path: dir.join("undo.sql"),
                        purpose: format!("the SQL that undoes what `{name}` did on this database"),
                        text: review_header(name, "undoes", &url.database) + &render_script(&undo, Pair::new(&live, before), &render),
                    },
                ];
                // Written already (by an earlier `--fix`): nothing left to write.
                let written = files.iter().all(|f| {
                    std::fs::read_to_string(under_root(&project.root, &f.path))
                        .is_ok_and(|text| text == f.text)
                });
                let repairs = if written {
                    Vec::new()
                } else {
                    vec![b.repair(Repair::WriteReviewFiles {
                        migration: name.clone(),
                        files: files.clone(),
                    })]
                };
                let how_far = match statements {
                    Some((k, n, line)) => format!(" Its first {} of {n} took effect; statement {} (line {line}) is where it stopped.", plural(k, "statement", "statements"), k + 1),
                    None => String::new(),
                };
                b.finding(
                    FindingKind::Failed,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` failed{error} and is partly applied"),
                    format!("Some of its changes are in the database and some are not: it ran statement by statement (or its changes were partly redone by hand).{how_far} driftless never finishes or undoes a migration by itself: it writes both scripts for you to review."),
                    present.into_iter().chain(missing).collect(),
                    repairs,
                    Some(format!(
                        "review and run `{}` then `driftless migrate resolve --applied \"{name}\"`, or run `{}` then `driftless migrate resolve --rolled-back \"{name}\"` and deploy again",
                        files[0].path.display(),
                        files[1].path.display()
                    )),
                );
            }
        }
    }

    // Pending migrations: already in the database (the "already exists" of the runbooks)?
    let mut current = model.schema(&sequence(&believed)).await?;
    let mut truly_pending = Vec::new();
    for name in &pending {
        let Some(migration) = directory.get(name) else {
            continue;
        };
        let mut with_seq = sequence(&believed);
        with_seq.push(migration.clone());
        let with = model.schema(&with_seq).await?;
        match judge(&current, &with, &with, &live) {
            Effect::Present { objects } => {
                let repair = b.repair(Repair::MarkApplied {
                    migration: name.clone(),
                    checksum: migration.checksum.clone(),
                    failed_rows: Vec::new(),
                    insert: true,
                });
                believed.push(Step {
                    migration: migration.clone(),
                });
                current = with;
                b.finding(
                    FindingKind::AlreadyInDatabase,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` is pending, but everything it makes is already in the database"),
                    "Its changes reached the database without it (`db push`, or SQL run by hand): `migrate deploy` would fail on it with \"already exists\". Recording it as applied (what `migrate resolve --applied` does) is right, because the database holds exactly what it makes.".to_string(),
                    objects,
                    vec![repair],
                    None,
                );
            }
            Effect::Partial { present, missing } => {
                partial_keys.extend(touched(&current, &with));
                b.finding(
                    FindingKind::AlreadyInDatabase,
                    Severity::Error,
                    Some(name),
                    format!("`{name}` is pending, and part of what it makes is already in the database"),
                    "Some of its changes reached the database without it (`db push`, or SQL run by hand): `migrate deploy` would fail on it. driftless cannot record it as applied, because some of it is missing.".to_string(),
                    present.into_iter().chain(missing).collect(),
                    Vec::new(),
                    Some(format!("make the database hold all of `{name}` (or none of it), then run `driftless doctor` again")),
                );
            }
            Effect::Absent { .. } | Effect::NoSchemaChange => {
                truly_pending.push(name.clone());
            }
        }
    }
    if !truly_pending.is_empty() {
        let out_of_order: Vec<&String> = truly_pending
            .iter()
            .filter(|n| {
                latest_applied
                    .as_ref()
                    .is_some_and(|l| n.as_str() < l.as_str())
            })
            .collect();
        b.finding(
            FindingKind::Pending,
            Severity::Info,
            None,
            format!(
                "{} to apply with `driftless migrate deploy`: {}",
                plural(truly_pending.len(), "migration is pending", "migrations are pending"),
                truly_pending.join(", ")
            ),
            "They were created but have not reached this database yet (the runbooks' \"migrations created locally never reach production\").".to_string(),
            Vec::new(),
            Vec::new(),
            None,
        );
        for name in out_of_order {
            b.finding(
                FindingKind::OutOfOrder,
                Severity::Info,
                Some(name),
                format!("`{name}` sorts before the latest applied migration"),
                "It was created before migrations that are already applied here, so it will run after them: check that it does not depend on running first (it was written against an older schema).".to_string(),
                Vec::new(),
                Vec::new(),
                None,
            );
        }
    }

    // Drift: what is left between the history (as repaired) and the database.
    let final_schema = model.schema(&sequence(&believed)).await?;
    let drift_all = changes(&final_schema, &live);
    let drift = driftless_diff::Migration {
        changes: drift_all
            .changes
            .iter()
            .filter(|c| {
                let keys = migration_keys(&driftless_diff::Migration {
                    changes: vec![(*c).clone()],
                });
                !any_overlap(&keys, &partial_keys)
            })
            .cloned()
            .collect(),
    };
    let not_managed = !table_exists && !live.tables.is_empty();
    if !drift.is_empty() {
        let render = RenderOptions {
            default_schema: url.schema.clone(),
        };
        let script = render_script(&drift, Pair::new(&final_schema, &live), &render);
        let summary = summarize(&drift, Pair::new(&final_schema, &live));
        let baseline = believed.is_empty() && directory.migrations.is_empty();
        let (name, purpose) = if baseline {
            (
                "0_init".to_string(),
                "a baseline of the database".to_string(),
            )
        } else {
            (
                options
                    .catch_up_name
                    .clone()
                    .unwrap_or_else(|| format!("{}_driftless_catch_up", timestamp_now())),
                "a catch-up migration for what the database holds and no migration made"
                    .to_string(),
            )
        };
        let drops = drift.changes.iter().any(|c| {
            super::keys::change_effects(c)
                .iter()
                .any(|(_, d)| *d == super::keys::Direction::Dropped)
        });
        let header = format!(
            "-- {} written by `driftless doctor` from database \"{}\" on {}.\n-- It records what the database holds; it is marked as applied here.\n",
            if baseline {
                "Baseline"
            } else {
                "Catch-up migration"
            },
            url.database,
            &timestamp_now()[..8]
        );
        let repair = b.repair(Repair::WriteMigration {
            migration: name.clone(),
            script: format!("{header}{script}"),
            purpose,
        });
        let explanation = if baseline {
            "The database has tables but no migration history and no migrations: a baseline migration made from the live schema, recorded as applied, gives it a history (the runbooks' \"baseline from the current database\"). Databases created later from the migrations get the same schema.".to_string()
        } else {
            format!(
                "The database differs from what its migrations produce: changes made by `db push` or by hand{}. A catch-up migration that records them, marked as applied here, makes the history true again (the runbooks' \"catch-up migration\"); other databases get the same changes when they deploy it.{}",
                if restored_or_deleted(&b) {
                    ", or by migrations whose rows were removed above"
                } else {
                    ""
                },
                if drops {
                    " Careful: it also DROPS objects that the migrations make and this database lacks; on databases that have them, deploying it will drop them. Review it before committing it."
                } else {
                    ""
                }
            )
        };
        b.finding(
            FindingKind::Drift,
            Severity::Error,
            None,
            if baseline {
                "the database has no migration history".to_string()
            } else {
                format!(
                    "the database holds {} that no migration made",
                    plural(drift.changes.len(), "change", "changes")
                )
            },
            explanation,
            summary
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
            vec![repair],
            None,
        );
    } else if not_managed {
        b.finding(
            FindingKind::NotManaged,
            Severity::Error,
            None,
            "the database has tables but no `_prisma_migrations` table".to_string(),
            "Its tables are what the migrations of the folder make: recording them as applied (above) gives it its history.".to_string(),
            Vec::new(),
            b.plan
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, Repair::MarkApplied { .. }))
                .map(|(i, _)| i)
                .collect(),
            None,
        );
    }

    if rolled_back > 0 {
        b.finding(
            FindingKind::RolledBack,
            Severity::Info,
            None,
            format!("{} marked rolled back", plural(rolled_back, "row is", "rows are")),
            "They record attempts that failed and were resolved; Prisma and driftless ignore them, so they are kept as the record of what happened (the runbooks deleted them by hand; there is no need).".to_string(),
            Vec::new(),
            Vec::new(),
            None,
        );
    }
    for holder in lock_holders.iter().filter(|h| h.granted) {
        b.finding(
            FindingKind::LockHeld,
            Severity::Warning,
            None,
            format!("another session holds the migration lock: {holder}"),
            "A deploy now would wait for it. If it is a deploy that died with its connection open, `driftless locks` shows it and `driftless locks --terminate <pid>` ends it (local databases).".to_string(),
            Vec::new(),
            Vec::new(),
            None,
        );
    }
    if model.unsure {
        b.finding(
            FindingKind::Unverified,
            Severity::Warning,
            None,
            "some checks rest on an in-memory replay that is unsure".to_string(),
            format!("{} Give a server for a shadow database (`--shadow-database-url`, or `shadow_url` in driftless.toml) so that driftless can check them.", model.note.clone().unwrap_or_default()),
            Vec::new(),
            Vec::new(),
            None,
        );
    }

    b.findings.sort_by_key(|f| f.severity);
    let diagnosis = Diagnosis {
        next: next_command(&b, !truly_pending.is_empty()),
        findings: b.findings,
        plan: b.plan,
        replay_note: model.note,
    };
    Ok(diagnosis)
}

fn restored_or_deleted(b: &Builder) -> bool {
    b.plan
        .iter()
        .any(|r| matches!(r, Repair::DeleteRows { .. }))
}

fn review_header(name: &str, verb: &str, database: &str) -> String {
    format!(
        "-- Written by `driftless doctor` for you to review: the SQL that {verb} `{name}` on database \"{database}\".\n-- driftless does not run it.\n"
    )
}

fn summary_lines(changes: &driftless_diff::Migration, a: &Schema, b: &Schema) -> Vec<String> {
    summarize(changes, Pair::new(a, b))
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "No difference detected.")
        .collect()
}

fn to_live_evidence(
    to_live: &driftless_diff::Migration,
    full: &Schema,
    live: &Schema,
) -> Vec<String> {
    summarize(to_live, Pair::new(full, live))
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "No difference detected.")
        .collect()
}

fn next_command(b: &Builder, pending: bool) -> Option<String> {
    if !b.plan.is_empty() {
        return Some("driftless doctor --fix".to_string());
    }
    if b.findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.manual.is_some())
    {
        return None;
    }
    pending.then(|| "driftless migrate deploy".to_string())
}

/// For a partly applied migration, how many of its first statements took effect: the
/// largest `k` such that the history plus its first `k` statements matches the database on
/// the objects it touches. `(k, statements, line of statement k + 1)`.
async fn statements_that_took_effect(
    model: &mut Model<'_>,
    before: &[Migration],
    migration: &Migration,
    keys: &BTreeSet<ObjectKey>,
    live: &Schema,
) -> Result<Option<(usize, usize, usize)>, EngineError> {
    let script = String::from_utf8_lossy(&migration.script).into_owned();
    let analysis = driftless_sql::analyze_script(&script, 150_000);
    let n = analysis.statements.len();
    if n < 2 || analysis.parse_error.is_some() {
        return Ok(None);
    }
    for k in (1..n).rev() {
        let end = analysis.statements[k - 1].range.end;
        let mut partial = migration.clone();
        partial.script = script.as_bytes()[..end].to_vec();
        let mut seq = before.to_vec();
        seq.push(partial);
        let schema = model.schema(&seq).await?;
        if restrict(&changes(&schema, live), keys).is_empty() {
            let start = analysis.statements[k].range.start;
            let line = script[..start].matches('\n').count() + 1;
            return Ok(Some((k, n, line)));
        }
    }
    Ok(None)
}

/// The path of a review file or restored file, under the project root.
pub(super) fn under_root(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}
