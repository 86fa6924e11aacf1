//! Phase 4, rows recorded as applied without running (0 steps: `migrate resolve --applied`
//! or a row written by hand): is the migration's effect in the database? Present, the row
//! tells the truth; absent, it is marked rolled back so that `migrate deploy` runs it.

use std::collections::BTreeSet;

use driftless_schema::Schema;

use super::Analysis;
use super::rows::Recorded;
use crate::doctor::effects::{Effect, judge, touched};
use crate::doctor::findings::{FindingKind, Repair, Severity};
use crate::error::EngineError;

impl Analysis<'_> {
    /// Judges each migration recorded without running; those that never ran leave the
    /// believed sequence.
    pub(super) async fn recorded_without_running(
        &mut self,
        recorded: &[Recorded],
    ) -> Result<(), EngineError> {
        if recorded.is_empty() {
            return Ok(());
        }
        let all = &self.believed;
        let mut checkpoints = Vec::new();
        for Recorded { name, .. } in recorded {
            if let Some(i) = all.iter().position(|m| &m.name == name) {
                checkpoints.push(i);
                checkpoints.push(i + 1);
            }
        }
        checkpoints.push(all.len());
        checkpoints.sort_unstable();
        checkpoints.dedup();
        let schemas = self.model.schemas(all, &checkpoints).await?;
        let at = |n: usize| -> Option<&Schema> {
            checkpoints
                .iter()
                .position(|c| *c == n)
                .map(|i| &schemas[i])
        };
        let full = at(all.len()).cloned().unwrap_or_default();
        let b = &mut self.report;
        let mut absent = BTreeSet::new();
        for Recorded { name, rows } in recorded {
            let Some(i) = all.iter().position(|m| &m.name == name) else {
                continue;
            };
            let (Some(before), Some(with)) = (at(i), at(i + 1)) else {
                continue;
            };
            match judge(before, with, &full, &self.live) {
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
                        rows: rows.clone(),
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
                    self.left_out.extend(touched(before, with));
                    b.finding(
                        FindingKind::RecordedWithoutRunning,
                        Severity::Error,
                        Some(name),
                        format!("`{name}` is recorded as applied without running, and only part of it is in the database"),
                        "Some of what it makes is in the database and some is not: it was probably run by hand, in part, or changed by later hand-made changes. driftless cannot tell which way to repair it.".to_string(),
                        present.into_iter().chain(missing).collect(),
                        Vec::new(),
                        Some(format!("complete what is missing by hand (or undo what is there), then run `driftless doctor` again; `driftless migrate diff --from-migrations {} --to-config-datasource --script` shows the difference", self.project.display(&self.directory.path))),
                    );
                }
            }
        }
        self.believed.retain(|m| !absent.contains(&m.name));
        Ok(())
    }
}
