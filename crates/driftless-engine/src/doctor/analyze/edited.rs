//! Phase 3, edited migrations: an applied migration whose file no longer has the checksum of
//! its row. What the database holds decides: the edited file (record the new checksum, with
//! `--accept-edits`), the version that ran (put it back from git, keeping the edit), or
//! neither (a person must find the version that ran).

use std::path::PathBuf;

use driftless_migrations::checksum;

use super::rows::Edit;
use super::{Analysis, REVIEW_DIR, summary_lines};
use crate::doctor::effects::{changes, touched};
use crate::doctor::findings::{FindingKind, Repair, Severity};
use crate::doctor::keys::restrict;
use crate::error::EngineError;

impl Analysis<'_> {
    /// Judges each edited migration against the database; where the version that ran is
    /// put back, the believed sequence uses it from here on.
    pub(super) async fn edited(&mut self, edits: &[Edit]) -> Result<(), EngineError> {
        for edit in edits {
            let name = &edit.name;
            let Some(migration) = self.directory.get(name) else {
                continue;
            };
            let seq = &self.believed;
            let Some(index) = seq.iter().position(|m| &m.name == name) else {
                continue;
            };
            let path = migration.script_path();
            let original = self
                .repository
                .as_ref()
                .and_then(|r| r.version_with_checksum(&path, &edit.recorded));
            let mut original_seq = seq[..=index].to_vec();
            if let Some(version) = &original {
                original_seq[index].script = version.script.clone();
            }
            let schemas = self
                .model
                .schemas(seq, &[index, index + 1, seq.len()])
                .await?;
            let (before, now_with, full) = (&schemas[0], &schemas[1], &schemas[2]);
            let mut keys = touched(before, now_with);
            let edit_changes = if original.is_some() {
                let original_with = self.model.schema(&original_seq).await?;
                keys.extend(touched(before, &original_with));
                Some(changes(&original_with, now_with))
            } else {
                None
            };
            let to_live = restrict(&changes(full, &self.live), &keys);
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
                self.left_out.extend(keys.clone());
            }
            let b = &mut self.report;
            if matches_edited || cosmetic {
                let mut repairs = Vec::new();
                let manual = if self.options.accept_edits {
                    repairs.push(b.repair(Repair::RecordChecksum {
                        migration: name.clone(),
                        rows: edit.rows.clone(),
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
                self.believed[index].script = version.script.clone();
                self.believed[index].checksum = checksum(&version.script);
                let kept = PathBuf::from(REVIEW_DIR)
                    .join(name)
                    .join("edited-migration.sql");
                let repair = b.repair(Repair::RestoreFile {
                    migration: name.clone(),
                    commit: version.commit.clone(),
                    script: version.script.clone(),
                    kept_as: Some(kept),
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
                    summary_lines(&to_live, full, &self.live),
                    Vec::new(),
                    Some("put back the version that ran (from a teammate or a backup), then put the change into a new migration".to_string()),
                );
            }
        }
        Ok(())
    }
}
