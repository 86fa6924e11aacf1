//! Whether a migration's effect is in the database: the question behind every decision
//! of `doctor` (a row recorded without running, a pending migration after `db push`, a
//! failed one that half ran). The history is replayed with and without the migration, the
//! objects it changes are named (see [`super::keys`]), and the live database is looked at
//! for exactly those objects.

use std::collections::BTreeSet;

use driftless_diff::{DiffMode, Migration as Changes};
use driftless_migrations::Migration;
use driftless_schema::{Pair, Schema};

use super::keys::{Direction, ObjectKey, change_effects, exists_in, restrict};
use crate::diff::compare;
use crate::error::EngineError;
use crate::history::{HistoryOptions, UsedMethod, history_schemas};

/// What the database holds of a migration's effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Everything it does is there.
    Present {
        /// The objects checked.
        objects: Vec<String>,
    },
    /// Nothing it does is there: the database looks as if it never ran.
    Absent {
        /// The objects checked.
        objects: Vec<String>,
    },
    /// Some of it.
    Partial {
        /// Objects as the migration leaves them.
        present: Vec<String>,
        /// Objects not as the migration leaves them.
        missing: Vec<String>,
    },
    /// It changes no schema object (a data migration, or a no-op): the database cannot
    /// tell whether it ran.
    NoSchemaChange,
}

/// Replays histories for the doctor and remembers how (the first note of an unsure or
/// shadow replay is reported once).
pub(super) struct Model<'a> {
    options: &'a HistoryOptions,
    /// The first note about the method (shadow database, unsure replay).
    pub(super) note: Option<String>,
    /// Whether some replay was in memory and unsure, with no shadow database to check it.
    pub(super) unsure: bool,
}

impl<'a> Model<'a> {
    /// A model replaying with `options`.
    pub(super) fn new(options: &'a HistoryOptions) -> Model<'a> {
        Model {
            options,
            note: None,
            unsure: false,
        }
    }

    /// The schemas of the first `n` migrations of `sequence`, for each `n` of `checkpoints`.
    pub(super) async fn schemas(
        &mut self,
        sequence: &[Migration],
        checkpoints: &[usize],
    ) -> Result<Vec<Schema>, EngineError> {
        let result = history_schemas(sequence, checkpoints, self.options).await?;
        if let Some(note) = result.note() {
            if result.method == UsedMethod::Memory {
                self.unsure = true;
            }
            self.note.get_or_insert(note);
        }
        Ok(result.schemas)
    }

    /// The schema of `sequence`.
    pub(super) async fn schema(&mut self, sequence: &[Migration]) -> Result<Schema, EngineError> {
        Ok(self
            .schemas(sequence, &[sequence.len()])
            .await?
            .into_iter()
            .next()
            .unwrap_or_default())
    }
}

/// The changes from `a` to `b`.
pub(super) fn changes(a: &Schema, b: &Schema) -> Changes {
    compare(Pair::new(a, b), DiffMode::Exact)
}

/// Judges the effect of a migration: `before` and `with` are the schemas just before and
/// just after it, `full` the schema of the whole sequence it belongs to (later migrations
/// may change its objects again), compared with `live`.
pub(super) fn judge(before: &Schema, with: &Schema, full: &Schema, live: &Schema) -> Effect {
    let delta = changes(before, with);
    let effects: Vec<(ObjectKey, Direction)> =
        delta.changes.iter().flat_map(change_effects).collect();
    if effects.is_empty() {
        return Effect::NoSchemaChange;
    }
    let to_live = changes(full, live);
    let from_before = changes(before, live);
    let mut present = Vec::new();
    let mut missing = Vec::new();
    let mut looks_unapplied = true;
    for (key, direction) in &effects {
        let one: BTreeSet<ObjectKey> = [key.clone()].into();
        let as_full = restrict(&to_live, &one).is_empty();
        let in_live = exists_in(live, key);
        // Later migrations may drop what this one made: then only its absence counts.
        let as_migration_leaves = match direction {
            Direction::Dropped => !in_live,
            Direction::Created if !exists_in(full, key) => true,
            _ => as_full,
        };
        if as_migration_leaves {
            present.push(describe(key, *direction, true));
        } else {
            missing.push(describe(key, *direction, false));
        }
        let unapplied = match direction {
            Direction::Created => !in_live,
            Direction::Dropped => in_live,
            Direction::Modified => restrict(&from_before, &one).is_empty(),
        };
        looks_unapplied &= unapplied;
    }
    dedup(&mut present);
    dedup(&mut missing);
    if missing.is_empty() {
        Effect::Present { objects: present }
    } else if looks_unapplied {
        Effect::Absent { objects: missing }
    } else {
        Effect::Partial { present, missing }
    }
}

fn dedup(list: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    list.retain(|item| seen.insert(item.clone()));
}

fn describe(key: &ObjectKey, direction: Direction, holds: bool) -> String {
    match (direction, holds) {
        (Direction::Created, true) => format!("{key} is in the database"),
        (Direction::Created, false) => format!("{key} is not in the database"),
        (Direction::Dropped, true) => format!("{key} is gone from the database"),
        (Direction::Dropped, false) => format!("{key} is still in the database"),
        (Direction::Modified, true) => format!("{key} is as the migration leaves it"),
        (Direction::Modified, false) => format!("{key} is not as the migration leaves it"),
    }
}

/// The objects a migration changes (from the schemas before and after it).
pub(super) fn touched(before: &Schema, with: &Schema) -> BTreeSet<ObjectKey> {
    super::keys::migration_keys(&changes(before, with))
}

#[cfg(test)]
mod tests {
    use super::*;
    use driftless_schema::{Column, ColumnType, Dialect, QualifiedName, Table};

    fn schema(tables: &[(&str, &[&str])]) -> Schema {
        let mut s = Schema::new(Dialect::Postgres, vec!["public".into()]);
        for (name, columns) in tables {
            let mut table = Table::new(QualifiedName::new("public", *name));
            for c in *columns {
                table
                    .columns
                    .push(Column::new(*c, ColumnType::builtin("integer")));
            }
            s.tables.push(table);
        }
        s
    }

    #[test]
    fn present_absent_and_partial_are_told_apart() {
        let before = schema(&[("a", &["id"])]);
        let with = schema(&[("a", &["id", "x"]), ("b", &["id"])]);
        assert!(matches!(
            judge(&before, &with, &with, &with),
            Effect::Present { .. }
        ));
        assert!(matches!(
            judge(&before, &with, &with, &before),
            Effect::Absent { .. }
        ));
        let half = schema(&[("a", &["id"]), ("b", &["id"])]);
        let Effect::Partial { present, missing } = judge(&before, &with, &with, &half) else {
            panic!("partial")
        };
        assert_eq!(present, ["table `b` is in the database"]);
        assert_eq!(missing, ["column `a.x` is not in the database"]);
        assert_eq!(
            judge(&before, &before, &before, &half),
            Effect::NoSchemaChange
        );
        // Unrelated drift on the same table does not matter.
        let drifted = schema(&[("a", &["id", "x", "pushed"]), ("b", &["id"])]);
        assert!(matches!(
            judge(&before, &with, &with, &drifted),
            Effect::Present { .. }
        ));
    }
}
