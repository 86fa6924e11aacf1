//! The objects a list of changes touches, at the finest grain the differ has (a column, an
//! index, an enum value), so that "did this migration's effect reach the database?" can be
//! asked about exactly the objects the migration changes, and not about unrelated drift on
//! the same table.

use std::collections::BTreeSet;

use driftless_diff::{Change, Migration, TableChange};
use driftless_schema::QualifiedName;

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
