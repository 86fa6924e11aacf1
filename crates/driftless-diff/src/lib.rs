//! The differ: two schema models in, the ordered list of changes that turns the first into
//! the second out.
//!
//! [`diff`] reads like a table of contents: one `push_*` call per kind of object, then one
//! sort by [`Change::rank`], which keeps the order of insertion within a kind, so the
//! rendered SQL is deterministic and follows the next schema's declaration order (as
//! Prisma's does). Renames are never guessed: a renamed table or column is a drop and an
//! add, and the caller warns about it.
//!
//! Two comparisons exist ([`DiffMode`]): `Exact` compares everything PostgreSQL holds (a
//! database with a database, or with a replayed history); `Prisma` compares what the Prisma
//! schema language can say, because one side came from schema.prisma — objects it cannot
//! express (checks, triggers, functions, views, partial or expression indexes) are neither
//! created nor dropped, which is how driftless avoids Prisma's best-known false drift.

#![warn(missing_docs)]

mod change;
mod columns;
mod enums;
mod indexes;
mod objects;
mod projection;
mod summary;
mod tables;
mod types;
mod warnings;

use std::collections::{HashMap, HashSet};

use driftless_schema::{Pair, QualifiedName, Schema, Table};

pub use change::{Change, ColumnChanges, TableChange};
pub use columns::is_autoincrement;
pub use summary::summarize;
pub use types::{TypeChange, type_change};
pub use warnings::{DataCheck, Warning, WarningKind, warnings};

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffMode {
    /// Everything PostgreSQL holds (both sides are databases, replayed histories, or both
    /// come from schema.prisma).
    #[default]
    Exact,
    /// One side came from schema.prisma and the other from a database or a history: the
    /// other side is projected onto what the schema language can express.
    AgainstPrismaSchema {
        /// Which side is schema.prisma.
        schema_side: Side,
    },
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The state before.
    Previous,
    /// The state after.
    Next,
}

/// The result of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// The steps, in the order they must run.
    pub changes: Vec<Change>,
}

impl Migration {
    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Both schemas with name indexes, shared by the `push_*` functions.
pub(crate) struct DiffContext<'a> {
    pub(crate) schemas: Pair<&'a Schema>,
    tables: Pair<HashMap<&'a QualifiedName, &'a Table>>,
    /// Columns of kept tables that are dropped, or dropped and added again: constraints and
    /// indexes on them must be dropped first and made again after.
    rebuilt_columns: HashSet<(&'a QualifiedName, &'a str)>,
}

impl<'a> DiffContext<'a> {
    fn new(schemas: Pair<&'a Schema>) -> Self {
        let tables: Pair<HashMap<&QualifiedName, &Table>> =
            schemas.map(|s| s.tables.iter().map(|t| (&t.name, t)).collect());
        let mut rebuilt_columns = HashSet::new();
        for previous in &schemas.previous.tables {
            let Some(next) = tables.next.get(&previous.name) else {
                continue;
            };
            for column in &previous.columns {
                let rebuilt = match next.column(&column.name) {
                    None => true,
                    Some(next_column) => matches!(
                        columns::column_change(
                            schemas,
                            Pair::new(previous, next),
                            Pair::new(column, next_column)
                        ),
                        Some(TableChange::DropAndRecreateColumn { .. })
                    ),
                };
                if rebuilt {
                    rebuilt_columns.insert((&previous.name, column.name.as_str()));
                }
            }
        }
        DiffContext {
            schemas,
            tables,
            rebuilt_columns,
        }
    }

    /// Whether a column of a kept table is dropped, or dropped and added again.
    pub(crate) fn column_is_rebuilt(&self, table: &QualifiedName, column: &str) -> bool {
        self.rebuilt_columns.contains(&(table, column))
    }

    /// The table of this name in the previous schema.
    pub(crate) fn previous_table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.tables.previous.get(name).copied()
    }

    /// The table of this name in the next schema.
    pub(crate) fn next_table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.tables.next.get(name).copied()
    }

    /// Tables present in both schemas, in the next schema's order.
    pub(crate) fn table_pairs(&self) -> impl Iterator<Item = Pair<&'a Table>> + '_ {
        self.schemas.next.tables.iter().filter_map(|next| {
            self.previous_table(&next.name)
                .map(|previous| Pair::new(previous, next))
        })
    }
}

/// The changes that turn `schemas.previous` into `schemas.next`.
pub fn diff(schemas: Pair<&Schema>, mode: DiffMode) -> Migration {
    let projected;
    let schemas = match mode {
        DiffMode::Exact => schemas,
        DiffMode::AgainstPrismaSchema { schema_side } => {
            projected = projection::project_pair(schemas, schema_side);
            projected.as_ref()
        }
    };
    let context = DiffContext::new(schemas);
    let mut changes = Vec::new();
    objects::push_schema_steps(&mut changes, &context);
    objects::push_extension_steps(&mut changes, &context);
    objects::push_view_and_trigger_drops(&mut changes, &context);
    enums::push_enum_steps(&mut changes, &context);
    objects::push_sequence_steps(&mut changes, &context);
    tables::push_created_and_dropped_tables(&mut changes, &context);
    indexes::push_index_steps(&mut changes, &context);
    tables::push_foreign_key_steps(&mut changes, &context);
    tables::push_altered_tables(&mut changes, &context);
    objects::push_function_steps(&mut changes, &context);
    objects::push_view_and_trigger_creations(&mut changes, &context);
    changes.sort_by_key(Change::rank);
    Migration { changes }
}
