//! Phase 1, the lock file: `migration_lock.toml` records which database the migrations are
//! for. Prisma refuses a folder whose lock file is unreadable, and migrations for another
//! provider will not run here.

use driftless_migrations::LockfileState;

use super::Analysis;
use crate::doctor::findings::{FindingKind, Repair, Severity};

impl Analysis<'_> {
    /// Reports a missing lock file (and plans writing it), an unreadable one, or one that
    /// names another provider.
    pub(super) fn lockfile(&mut self) {
        let directory = self.directory;
        let b = &mut self.report;
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
    }
}
