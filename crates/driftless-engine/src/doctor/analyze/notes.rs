//! Phase 8, notes: what is worth knowing and needs no repair — rolled-back rows (kept as the
//! record), another session holding the migration lock, and checks that rest on an unsure
//! in-memory replay.

use driftless_db::{LockHolder, RowState};

use super::{Analysis, plural};
use crate::doctor::findings::{FindingKind, Severity};

impl Analysis<'_> {
    /// Adds the closing notes; `lock_holders` are the sessions on the migration lock.
    pub(super) fn notes(&mut self, lock_holders: &[LockHolder]) {
        let b = &mut self.report;
        let rolled_back = self
            .rows
            .iter()
            .filter(|r| r.state() == RowState::RolledBack)
            .count();
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
        if self.model.unsure {
            b.finding(
                FindingKind::Unverified,
                Severity::Warning,
                None,
                "some checks rest on an in-memory replay that is unsure".to_string(),
                format!("{} Give a server for a shadow database (`--shadow-database-url`, or `shadow_url` in driftless.toml) so that driftless can check them.", self.model.note.clone().unwrap_or_default()),
                Vec::new(),
                Vec::new(),
                None,
            );
        }
    }
}
