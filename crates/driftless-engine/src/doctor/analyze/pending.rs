//! Phase 6, pending migrations: already in the database (the "already exists" of the
//! runbooks, after `db push` or SQL run by hand) — recorded as applied; partly there — left
//! for a person; not there — to deploy, with a word about those that sort before the latest
//! applied one.

use super::{Analysis, plural};
use crate::doctor::effects::{Effect, judge, touched};
use crate::doctor::findings::{FindingKind, Repair, Severity};
use crate::error::EngineError;

impl Analysis<'_> {
    /// Judges each pending migration (in folder order, each one replayed on the history
    /// believed so far); those already in the database join the believed sequence. Returns
    /// whether migrations are left for `migrate deploy`.
    pub(super) async fn pending(
        &mut self,
        pending: &[String],
        latest_applied: Option<&str>,
    ) -> Result<bool, EngineError> {
        let mut current = self.model.schema(&self.believed).await?;
        let mut truly_pending = Vec::new();
        for name in pending {
            let Some(migration) = self.directory.get(name) else {
                continue;
            };
            let with_seq = self.believed_then(migration);
            let with = self.model.schema(&with_seq).await?;
            let b = &mut self.report;
            match judge(&current, &with, &with, &self.live) {
                Effect::Present { objects } => {
                    let repair = b.repair(Repair::MarkApplied {
                        migration: name.clone(),
                        checksum: migration.checksum.clone(),
                        failed_rows: Vec::new(),
                        insert: true,
                    });
                    self.believed.push(migration.clone());
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
                    self.left_out.extend(touched(&current, &with));
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
        if truly_pending.is_empty() {
            return Ok(false);
        }
        let b = &mut self.report;
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
        let out_of_order = truly_pending
            .iter()
            .filter(|n| latest_applied.is_some_and(|l| n.as_str() < l));
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
        Ok(true)
    }
}
