//! Phase 5, failed migrations: what did the attempt leave behind? Nothing — marked rolled
//! back; everything — recorded as applied; a part — how many of its statements took effect,
//! and two scripts written for review (finish it, or undo it), never run by driftless.

use std::collections::BTreeSet;
use std::path::PathBuf;

use driftless_db::{HistoryRow, RowState};
use driftless_migrations::Migration;
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

use super::rows::Failed;
use super::{Analysis, REVIEW_DIR, plural, under_root};
use crate::doctor::effects::{Effect, Model, changes, judge, touched};
use crate::doctor::findings::{FindingKind, Repair, ReviewFile, Severity};
use crate::doctor::keys::{ObjectKey, restrict};
use crate::error::EngineError;

impl Analysis<'_> {
    /// Judges each failed migration; one whose effect is all there joins the believed
    /// sequence.
    pub(super) async fn failed(&mut self, failed: &[Failed]) -> Result<(), EngineError> {
        for Failed {
            name,
            rows: ids,
            also_applied,
        } in failed
        {
            let Some(migration) = self.directory.get(name) else {
                continue;
            };
            if *also_applied {
                // Applied since (a later attempt succeeded): the failed attempt only blocks
                // deploys.
                let repair = self.report.repair(Repair::MarkApplied {
                    migration: name.clone(),
                    checksum: migration.checksum.clone(),
                    failed_rows: ids.clone(),
                    insert: false,
                });
                self.report.finding(
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
            let with_seq = self.believed_then(migration);
            let before_seq = &with_seq[..with_seq.len() - 1];
            let schemas = self
                .model
                .schemas(&with_seq, &[before_seq.len(), with_seq.len()])
                .await?;
            let (before, with) = (&schemas[0], &schemas[1]);
            let rows_of = self
                .by_name
                .get(name.as_str())
                .map_or(&[][..], Vec::as_slice);
            let error = last_error(rows_of);
            let b = &mut self.report;
            match judge(before, with, with, &self.live) {
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
                    self.believed.push(migration.clone());
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
                    self.left_out.extend(keys.clone());
                    let statements = statements_that_took_effect(
                        &mut self.model,
                        before_seq,
                        migration,
                        &keys,
                        &self.live,
                    )
                    .await?;
                    let files = self.review_files(name, before, with, &keys);
                    // Written already (by an earlier `--fix`): nothing left to write.
                    let written = files.iter().all(|f| {
                        std::fs::read_to_string(under_root(&self.project.root, &f.path))
                            .is_ok_and(|text| text == f.text)
                    });
                    let b = &mut self.report;
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
        Ok(())
    }

    /// The two scripts for a partly applied migration `name`, restricted to the objects it
    /// touches (`keys`): the SQL that takes the database to `with` (finishing it), and the
    /// SQL that takes it back to `before` (undoing it).
    fn review_files(
        &self,
        name: &str,
        before: &Schema,
        with: &Schema,
        keys: &BTreeSet<ObjectKey>,
    ) -> Vec<ReviewFile> {
        let live = &self.live;
        let database = &self.url.database;
        let render = RenderOptions {
            default_schema: self.url.schema.clone(),
        };
        let complete = restrict(&changes(live, with), keys);
        let undo = restrict(&changes(live, before), keys);
        let dir = PathBuf::from(REVIEW_DIR).join(name);
        vec![
            ReviewFile {
                path: dir.join("complete.sql"),
                purpose: format!("the SQL that finishes `{name}` on this database"),
                text: review_header(name, "finishes", database)
                    + &render_script(&complete, Pair::new(live, with), &render),
            },
            ReviewFile {
                path: dir.join("undo.sql"),
                purpose: format!("the SQL that undoes what `{name}` did on this database"),
                text: review_header(name, "undoes", database)
                    + &render_script(&undo, Pair::new(live, before), &render),
            },
        ]
    }
}

/// The error of the latest failed attempt, as ` (ERROR: …)` for a summary line; empty when
/// its logs hold no `ERROR` line.
fn last_error(rows: &[&HistoryRow]) -> String {
    rows.iter()
        .rev()
        .find(|r| r.state() == RowState::Failed)
        .and_then(|r| r.logs.as_deref())
        .and_then(|logs| logs.lines().map(str::trim).find(|l| l.starts_with("ERROR")))
        .map(|l| format!(" ({l})"))
        .unwrap_or_default()
}

/// The first lines of a review file: who wrote it, for what, and that it is not run.
fn review_header(name: &str, verb: &str, database: &str) -> String {
    format!(
        "-- Written by `driftless doctor` for you to review: the SQL that {verb} `{name}` on database \"{database}\".\n-- driftless does not run it.\n"
    )
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

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;

    use super::*;

    fn attempt(id: &str, failed: bool, logs: Option<&str>) -> HistoryRow {
        HistoryRow {
            id: id.to_string(),
            checksum: String::new(),
            finished_at: (!failed).then_some(OffsetDateTime::UNIX_EPOCH),
            migration_name: "1_a".to_string(),
            logs: logs.map(str::to_string),
            rolled_back_at: None,
            started_at: OffsetDateTime::UNIX_EPOCH,
            applied_steps_count: 0,
        }
    }

    #[test]
    fn the_error_is_the_latest_failed_attempts_error_line() {
        let first = attempt(
            "1",
            true,
            Some("Database error:\nERROR: relation \"a\" already exists"),
        );
        let second = attempt(
            "2",
            true,
            Some(
                "Database error code: 23505\n\nDatabase error:\n  ERROR: could not create unique index \"a_key\"\nDETAIL: Key (x)=(1) is duplicated.\n",
            ),
        );
        let applied = attempt("3", false, Some("ERROR: not a failure"));
        assert_eq!(
            last_error(&[&first, &second, &applied]),
            " (ERROR: could not create unique index \"a_key\")"
        );
        assert_eq!(
            last_error(&[&first]),
            " (ERROR: relation \"a\" already exists)"
        );
        assert_eq!(last_error(&[&attempt("4", true, None)]), "");
        assert_eq!(last_error(&[&attempt("5", true, Some("killed"))]), "");
        assert_eq!(last_error(&[]), "");
    }

    #[test]
    fn a_review_file_says_it_is_not_run() {
        assert_eq!(
            review_header("2_add", "undoes", "shop"),
            "-- Written by `driftless doctor` for you to review: the SQL that undoes `2_add` on database \"shop\".\n-- driftless does not run it.\n"
        );
    }
}
