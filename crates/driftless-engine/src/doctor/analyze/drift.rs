//! Phase 7, drift: whatever still differs between the history (as the phases before
//! repaired it) and the database, objects left for a person aside, is written as a
//! catch-up migration recorded as applied — or as a baseline (`0_init`) when the database
//! has tables and there is no history and no migration at all.

use driftless_schema::Pair;
use driftless_sql::render::{RenderOptions, render_script};
use time::OffsetDateTime;

use super::{Analysis, plural, summary_lines};
use crate::doctor::effects::changes;
use crate::doctor::findings::{FindingKind, Repair, Severity};
use crate::doctor::keys::{Direction, any_overlap, change_effects, migration_keys};
use crate::error::EngineError;

impl Analysis<'_> {
    /// Plans the catch-up migration (or the baseline) for the drift; without drift, a
    /// database with tables and no history table is told what adopts it.
    pub(super) async fn drift(&mut self, table_exists: bool) -> Result<(), EngineError> {
        let final_schema = self.model.schema(&self.believed).await?;
        let drift_all = changes(&final_schema, &self.live);
        let drift = driftless_diff::Migration {
            changes: drift_all
                .changes
                .iter()
                .filter(|c| {
                    let keys = migration_keys(&driftless_diff::Migration {
                        changes: vec![(*c).clone()],
                    });
                    !any_overlap(&keys, &self.left_out)
                })
                .cloned()
                .collect(),
        };
        let live = &self.live;
        let b = &mut self.report;
        let not_managed = !table_exists && !live.tables.is_empty();
        if !drift.is_empty() {
            let render = RenderOptions {
                default_schema: self.url.schema.clone(),
            };
            let script = render_script(&drift, Pair::new(&final_schema, live), &render);
            let baseline = self.believed.is_empty() && self.directory.migrations.is_empty();
            let now = timestamp(OffsetDateTime::now_utc());
            let (name, purpose) = if baseline {
                ("0_init".to_string(), "a baseline of the database")
            } else {
                (
                    catch_up_name(self.options.catch_up_name.as_deref(), &now),
                    "a catch-up migration for what the database holds and no migration made",
                )
            };
            let drops = drift.changes.iter().any(|c| {
                change_effects(c)
                    .iter()
                    .any(|(_, d)| *d == Direction::Dropped)
            });
            let header = header(baseline, &self.url.database, &now);
            // Rows removed above (orphans, duplicates) may have made some of the drift.
            let rows_removed = b
                .plan
                .iter()
                .any(|r| matches!(r, Repair::DeleteRows { .. }));
            let repair = b.repair(Repair::WriteMigration {
                migration: name,
                script: format!("{header}{script}"),
                purpose: purpose.to_string(),
            });
            let explanation = if baseline {
                "The database has tables but no migration history and no migrations: a baseline migration made from the live schema, recorded as applied, gives it a history (the runbooks' \"baseline from the current database\"). Databases created later from the migrations get the same schema.".to_string()
            } else {
                format!(
                    "The database differs from what its migrations produce: changes made by `db push` or by hand{}. A catch-up migration that records them, marked as applied here, makes the history true again (the runbooks' \"catch-up migration\"); other databases get the same changes when they deploy it.{}",
                    if rows_removed {
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
                summary_lines(&drift, &final_schema, live),
                vec![repair],
                None,
            );
        } else if not_managed {
            let adopting: Vec<usize> = b
                .plan
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, Repair::MarkApplied { .. }))
                .map(|(i, _)| i)
                .collect();
            b.finding(
                FindingKind::NotManaged,
                Severity::Error,
                None,
                "the database has tables but no `_prisma_migrations` table".to_string(),
                "Its tables are what the migrations of the folder make: recording them as applied (above) gives it its history.".to_string(),
                Vec::new(),
                adopting,
                None,
            );
        }
        Ok(())
    }
}

/// `at` as `YYYYMMDDHHMMSS` in UTC, the timestamp that starts Prisma's migration names.
fn timestamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The folder name of a catch-up migration: the one given (tests), else `now` (a
/// [`timestamp`]) and `driftless_catch_up`, so that it sorts after the migrations made
/// before it.
fn catch_up_name(given: Option<&str>, now: &str) -> String {
    given.map_or_else(|| format!("{now}_driftless_catch_up"), str::to_string)
}

/// The comment that starts a catch-up or baseline migration: what wrote it, from which
/// database, on which day (`now` is a [`timestamp`]).
fn header(baseline: bool, database: &str, now: &str) -> String {
    format!(
        "-- {} written by `driftless doctor` from database \"{}\" on {}.\n-- It records what the database holds; it is marked as applied here.\n",
        if baseline {
            "Baseline"
        } else {
            "Catch-up migration"
        },
        database,
        &now[..8]
    )
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn timestamps_are_utc_and_zero_padded() {
        assert_eq!(
            timestamp(datetime!(2025-03-04 05:06:07 UTC)),
            "20250304050607"
        );
        assert_eq!(
            timestamp(datetime!(2025-12-31 23:59:59 -01:00)),
            "20260101005959"
        );
    }

    #[test]
    fn catch_up_migrations_are_named_by_the_time_unless_a_name_is_given() {
        assert_eq!(
            catch_up_name(None, "20250304050607"),
            "20250304050607_driftless_catch_up"
        );
        assert_eq!(
            catch_up_name(Some("20990101000000_fixed"), "20250304050607"),
            "20990101000000_fixed"
        );
    }

    #[test]
    fn the_header_names_the_database_and_the_day() {
        assert_eq!(
            header(false, "shop", "20250304050607"),
            "-- Catch-up migration written by `driftless doctor` from database \"shop\" on 20250304.\n-- It records what the database holds; it is marked as applied here.\n"
        );
        assert!(header(true, "shop", "20250304050607").starts_with("-- Baseline written by "));
    }
}
