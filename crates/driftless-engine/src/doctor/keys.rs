//! The objects a list of changes touches, at the finest grain the differ has (a column, an
//! index, an enum value), so that "did this migration's effect reach the database?" can be
//! asked about exactly the objects the migration changes, and not about unrelated drift on
//! the same table.

use std::collections::BTreeSet;

use driftless_diff::{Change, Migration, TableChange};
use driftless_schema::{QualifiedName, Schema};

/// One object of a schema, as a change names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKey {
    /// A PostgreSQL schema.
    Namespace(String),
    /// An extension.
    Extension(String),
    /// A whole table (created or dropped).
    Table(QualifiedName),
    /// A column.
    Column(QualifiedName, String),
    /// A table's primary key.
    PrimaryKey(QualifiedName),
    /// A unique or check constraint.
    Constraint(QualifiedName, String),
    /// An index.
    Index(QualifiedName, String),
    /// A foreign key.
    ForeignKey(QualifiedName, String),
    /// A whole enum (created or dropped).
    Enum(QualifiedName),
    /// One value of an enum.
    EnumValue(QualifiedName, String),
    /// A sequence.
    Sequence(QualifiedName),
    /// A function (name and argument types).
    Function(QualifiedName, String),
    /// A view.
    View(QualifiedName),
    /// A trigger.
    Trigger(QualifiedName, String),
}

impl ObjectKey {
    /// The table this key lies in, if any.
    fn table(&self) -> Option<&QualifiedName> {
        match self {
            ObjectKey::Table(t)
            | ObjectKey::Column(t, _)
            | ObjectKey::PrimaryKey(t)
            | ObjectKey::Constraint(t, _)
            | ObjectKey::Index(t, _)
            | ObjectKey::ForeignKey(t, _)
            | ObjectKey::Trigger(t, _) => Some(t),
            _ => None,
        }
    }

    /// Whether two keys concern the same object: equal, or one is a whole table or enum
    /// and the other lies in it.
    pub fn overlaps(&self, other: &ObjectKey) -> bool {
        if self == other {
            return true;
        }
        match (self, other) {
            (ObjectKey::Table(t), k) | (k, ObjectKey::Table(t)) => k.table() == Some(t),
            (ObjectKey::Enum(e), ObjectKey::EnumValue(f, _))
            | (ObjectKey::EnumValue(f, _), ObjectKey::Enum(e)) => e == f,
            _ => false,
        }
    }
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |q: &QualifiedName| {
            if q.schema == "public" {
                q.name.clone()
            } else {
                q.to_string()
            }
        };
        match self {
            ObjectKey::Namespace(n) => write!(f, "schema `{n}`"),
            ObjectKey::Extension(n) => write!(f, "extension `{n}`"),
            ObjectKey::Table(t) => write!(f, "table `{}`", name(t)),
            ObjectKey::Column(t, c) => write!(f, "column `{}.{c}`", name(t)),
            ObjectKey::PrimaryKey(t) => write!(f, "primary key of `{}`", name(t)),
            ObjectKey::Constraint(t, c) => write!(f, "constraint `{c}` of `{}`", name(t)),
            ObjectKey::Index(_, i) => write!(f, "index `{i}`"),
            ObjectKey::ForeignKey(t, k) => write!(f, "foreign key `{k}` of `{}`", name(t)),
            ObjectKey::Enum(e) => write!(f, "enum `{}`", name(e)),
            ObjectKey::EnumValue(e, v) => write!(f, "value `{v}` of enum `{}`", name(e)),
            ObjectKey::Sequence(s) => write!(f, "sequence `{}`", name(s)),
            ObjectKey::Function(n, args) => write!(f, "function `{}({args})`", name(n)),
            ObjectKey::View(v) => write!(f, "view `{}`", name(v)),
            ObjectKey::Trigger(t, n) => write!(f, "trigger `{n}` on `{}`", name(t)),
        }
    }
}

/// The keys of the objects one change touches.
pub fn change_keys(change: &Change) -> Vec<ObjectKey> {
    match change {
        Change::CreateSchema { name } => vec![ObjectKey::Namespace(name.clone())],
        Change::CreateExtension { name } | Change::DropExtension { name } => {
            vec![ObjectKey::Extension(name.clone())]
        }
        Change::DropView { name } | Change::CreateView { name } => {
            vec![ObjectKey::View(name.clone())]
        }
        Change::DropTrigger { table, name } | Change::CreateTrigger { table, name } => {
            vec![ObjectKey::Trigger(table.clone(), name.clone())]
        }
        Change::CreateEnum { name } | Change::DropEnum { name } => {
            vec![ObjectKey::Enum(name.clone())]
        }
        Change::AlterEnum {
            name,
            added,
            removed,
        } => added
            .iter()
            .chain(removed)
            .map(|v| ObjectKey::EnumValue(name.clone(), v.clone()))
            .collect(),
        Change::CreateSequence { name } | Change::DropSequence { name } => {
            vec![ObjectKey::Sequence(name.clone())]
        }
        Change::DropForeignKey { table, name } | Change::AddForeignKey { table, name } => {
            vec![ObjectKey::ForeignKey(table.clone(), name.clone())]
        }
        Change::DropIndex { table, name } | Change::CreateIndex { table, name } => {
            vec![ObjectKey::Index(table.clone(), name.clone())]
        }
        Change::RenameIndex { table, from, to } => vec![
            ObjectKey::Index(table.clone(), from.clone()),
            ObjectKey::Index(table.clone(), to.clone()),
        ],
        Change::DropTable { name } | Change::CreateTable { name } => {
            vec![ObjectKey::Table(name.clone())]
        }
        Change::AlterTable { table, changes } => changes
            .iter()
            .map(|c| match c {
                TableChange::DropPrimaryKey { .. } | TableChange::AddPrimaryKey => {
                    ObjectKey::PrimaryKey(table.clone())
                }
                TableChange::DropConstraint { name }
                | TableChange::AddUniqueConstraint { name }
                | TableChange::AddCheck { name } => {
                    ObjectKey::Constraint(table.clone(), name.clone())
                }
                TableChange::DropColumn { name }
                | TableChange::AddColumn { name }
                | TableChange::DropAndRecreateColumn { name }
                | TableChange::AlterColumn { name, .. } => {
                    ObjectKey::Column(table.clone(), name.clone())
                }
            })
            .collect(),
        Change::CreateFunction {
            name, arguments, ..
        }
        | Change::DropFunction { name, arguments } => {
            vec![ObjectKey::Function(name.clone(), arguments.clone())]
        }
    }
}

/// What a change does to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// It makes it.
    Created,
    /// It removes it.
    Dropped,
    /// It changes it in place.
    Modified,
}

/// The objects one change touches, with what it does to each.
pub fn change_effects(change: &Change) -> Vec<(ObjectKey, Direction)> {
    let direction = match change {
        Change::CreateSchema { .. }
        | Change::CreateExtension { .. }
        | Change::CreateEnum { .. }
        | Change::CreateSequence { .. }
        | Change::CreateTable { .. }
        | Change::CreateIndex { .. }
        | Change::AddForeignKey { .. }
        | Change::CreateView { .. }
        | Change::CreateTrigger { .. } => Direction::Created,
        Change::DropExtension { .. }
        | Change::DropView { .. }
        | Change::DropTrigger { .. }
        | Change::DropForeignKey { .. }
        | Change::DropIndex { .. }
        | Change::DropTable { .. }
        | Change::DropEnum { .. }
        | Change::DropSequence { .. }
        | Change::DropFunction { .. } => Direction::Dropped,
        Change::CreateFunction { .. } => Direction::Modified,
        Change::AlterEnum {
            name,
            added,
            removed,
        } => {
            return added
                .iter()
                .map(|v| {
                    (
                        ObjectKey::EnumValue(name.clone(), v.clone()),
                        Direction::Created,
                    )
                })
                .chain(removed.iter().map(|v| {
                    (
                        ObjectKey::EnumValue(name.clone(), v.clone()),
                        Direction::Dropped,
                    )
                }))
                .collect();
        }
        Change::RenameIndex { table, from, to } => {
            return vec![
                (
                    ObjectKey::Index(table.clone(), from.clone()),
                    Direction::Dropped,
                ),
                (
                    ObjectKey::Index(table.clone(), to.clone()),
                    Direction::Created,
                ),
            ];
        }
        Change::AlterTable { table, changes } => {
            return changes
                .iter()
                .map(|c| {
                    let direction = match c {
                        TableChange::DropPrimaryKey { .. }
                        | TableChange::DropConstraint { .. }
                        | TableChange::DropColumn { .. } => Direction::Dropped,
                        TableChange::AddColumn { .. }
                        | TableChange::AddPrimaryKey
                        | TableChange::AddUniqueConstraint { .. }
                        | TableChange::AddCheck { .. } => Direction::Created,
                        TableChange::DropAndRecreateColumn { .. }
                        | TableChange::AlterColumn { .. } => Direction::Modified,
                    };
                    let key = change_keys(&Change::AlterTable {
                        table: table.clone(),
                        changes: vec![c.clone()],
                    })
                    .into_iter()
                    .next()
                    .unwrap_or(ObjectKey::Table(table.clone()));
                    (key, direction)
                })
                .collect();
        }
    };
    change_keys(change)
        .into_iter()
        .map(|key| (key, direction))
        .collect()
}

/// Whether the object of `key` exists in `schema`.
pub fn exists_in(schema: &Schema, key: &ObjectKey) -> bool {
    let table = |name: &QualifiedName| schema.table(name);
    match key {
        ObjectKey::Namespace(n) => schema.namespaces.contains(n),
        ObjectKey::Extension(n) => schema.extensions.iter().any(|e| &e.name == n),
        ObjectKey::Table(t) => table(t).is_some(),
        ObjectKey::Column(t, c) => table(t).is_some_and(|t| t.column(c).is_some()),
        ObjectKey::PrimaryKey(t) => table(t).is_some_and(|t| t.primary_key.is_some()),
        ObjectKey::Constraint(t, c) => table(t).is_some_and(|t| {
            t.unique_constraints.iter().any(|u| &u.name == c)
                || t.checks.iter().any(|k| &k.name == c)
        }),
        ObjectKey::Index(t, i) => table(t).is_some_and(|t| t.index(i).is_some()),
        ObjectKey::ForeignKey(t, f) => table(t).is_some_and(|t| t.foreign_key(f).is_some()),
        ObjectKey::Enum(e) => schema.enum_(e).is_some(),
        ObjectKey::EnumValue(e, v) => schema.enum_(e).is_some_and(|e| e.values.contains(v)),
        ObjectKey::Sequence(s) => schema.sequence(s).is_some(),
        ObjectKey::Function(n, args) => schema
            .functions
            .iter()
            .any(|f| &f.name == n && &f.arguments == args),
        ObjectKey::View(v) => schema.view(v).is_some(),
        ObjectKey::Trigger(t, n) => schema
            .triggers
            .iter()
            .any(|x| &x.table == t && &x.name == n),
    }
}

/// The keys of every object a migration (a list of changes) touches.
pub fn migration_keys(migration: &Migration) -> BTreeSet<ObjectKey> {
    migration.changes.iter().flat_map(change_keys).collect()
}

/// Whether any key of `a` overlaps any key of `b`.
pub fn any_overlap(a: &BTreeSet<ObjectKey>, b: &BTreeSet<ObjectKey>) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

/// The changes of `migration` that touch an object of `keys`.
pub fn restrict(migration: &Migration, keys: &BTreeSet<ObjectKey>) -> Migration {
    let touches = |change: &Change| {
        change_keys(change)
            .iter()
            .any(|k| keys.iter().any(|key| key.overlaps(k)))
    };
    Migration {
        changes: migration
            .changes
            .iter()
            .filter_map(|change| match change {
                Change::AlterTable { table, changes } => {
                    let kept: Vec<TableChange> = changes
                        .iter()
                        .filter(|c| {
                            touches(&Change::AlterTable {
                                table: table.clone(),
                                changes: vec![(*c).clone()],
                            })
                        })
                        .cloned()
                        .collect();
                    (!kept.is_empty()).then(|| Change::AlterTable {
                        table: table.clone(),
                        changes: kept,
                    })
                }
                other => touches(other).then(|| other.clone()),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> QualifiedName {
        QualifiedName::new("public", name)
    }

    #[test]
    fn tables_cover_their_parts_and_columns_stay_apart() {
        let table = ObjectKey::Table(t("User"));
        let column = ObjectKey::Column(t("User"), "bio".into());
        let other = ObjectKey::Column(t("User"), "age".into());
        assert!(table.overlaps(&column) && column.overlaps(&table));
        assert!(!column.overlaps(&other));
        assert!(!ObjectKey::Table(t("Post")).overlaps(&column));
        let value = ObjectKey::EnumValue(t("Role"), "ADMIN".into());
        assert!(ObjectKey::Enum(t("Role")).overlaps(&value));
    }

    #[test]
    fn restriction_keeps_only_the_touched_parts_of_a_table() {
        let migration = Migration {
            changes: vec![
                Change::AlterTable {
                    table: t("User"),
                    changes: vec![
                        TableChange::AddColumn { name: "bio".into() },
                        TableChange::AddColumn { name: "age".into() },
                    ],
                },
                Change::CreateTable { name: t("Post") },
            ],
        };
        let keys: BTreeSet<ObjectKey> = [ObjectKey::Column(t("User"), "bio".into())].into();
        let kept = restrict(&migration, &keys);
        assert_eq!(
            kept.changes,
            vec![Change::AlterTable {
                table: t("User"),
                changes: vec![TableChange::AddColumn { name: "bio".into() }],
            }]
        );
    }
}
