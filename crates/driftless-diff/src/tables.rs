//! Tables: created, dropped, and altered (columns, primary key, unique and check
//! constraints), and their foreign keys.

use driftless_schema::{ForeignKey, Pair};

use crate::DiffContext;
use crate::change::{Change, TableChange};
use crate::columns::column_change;

/// `CreateTable` for tables only in the next schema (in its order), `DropTable` for tables
/// only in the previous one.
pub(crate) fn push_created_and_dropped_tables(
    changes: &mut Vec<Change>,
    context: &DiffContext<'_>,
) {
    for table in &context.schemas.previous.tables {
        if context.next_table(&table.name).is_none() {
            changes.push(Change::DropTable {
                name: table.name.clone(),
            });
        }
    }
    for table in &context.schemas.next.tables {
        if context.previous_table(&table.name).is_none() {
            changes.push(Change::CreateTable {
                name: table.name.clone(),
            });
        }
    }
}

/// Whether two foreign keys are the same constraint (the name aside).
fn same_foreign_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.columns == b.columns
        && a.referenced_table == b.referenced_table
        && a.referenced_columns == b.referenced_columns
        && a.on_delete == b.on_delete
        && a.on_update == b.on_update
        && a.deferral == b.deferral
        && a.match_full == b.match_full
}

/// Foreign keys: dropped before anything they depend on changes (also those of dropped
/// tables, and those pointing at a table that is dropped), added after everything.
pub(crate) fn push_foreign_key_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    let next = context.schemas.next;
    let rebuilt = |table: &driftless_schema::QualifiedName, columns: &[String]| {
        columns.iter().any(|c| context.column_is_rebuilt(table, c))
    };
    for table in &context.schemas.previous.tables {
        let next_table = context.next_table(&table.name);
        for fk in &table.foreign_keys {
            let kept = next_table
                .and_then(|t| t.foreign_key(&fk.name))
                .is_some_and(|n| {
                    same_foreign_key(fk, n)
                        && context.next_table(&fk.referenced_table).is_some()
                        && !rebuilt(&table.name, &fk.columns)
                        && !rebuilt(&fk.referenced_table, &fk.referenced_columns)
                });
            if !kept {
                changes.push(Change::DropForeignKey {
                    table: table.name.clone(),
                    name: fk.name.clone(),
                });
            }
        }
    }
    for table in &next.tables {
        let previous_table = context.previous_table(&table.name);
        for fk in &table.foreign_keys {
            let kept = previous_table
                .and_then(|t| t.foreign_key(&fk.name))
                .is_some_and(|p| {
                    same_foreign_key(p, fk)
                        && context.previous_table(&fk.referenced_table).is_some()
                        && !rebuilt(&table.name, &fk.columns)
                        && !rebuilt(&fk.referenced_table, &fk.referenced_columns)
                });
            if !kept {
                changes.push(Change::AddForeignKey {
                    table: table.name.clone(),
                    name: fk.name.clone(),
                });
            }
        }
    }
}

/// One `AlterTable` per table whose columns, primary key or constraints change: drops of
/// the primary key and constraints, dropped columns, added columns, altered columns, then
/// the new primary key and constraints (Prisma's order).
pub(crate) fn push_altered_tables(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    for tables in context.table_pairs() {
        let mut table_changes = Vec::new();
        let pk = Pair::new(&tables.previous.primary_key, &tables.next.primary_key);
        let pk_changed = match (pk.previous, pk.next) {
            (Some(a), Some(b)) => {
                a.columns != b.columns || a.name != b.name || a.deferral != b.deferral
            }
            (None, None) => false,
            _ => true,
        };
        // A primary key on a column that is dropped and added again must go first as well.
        let recreated: Vec<&str> = tables
            .next
            .columns
            .iter()
            .filter_map(|next| {
                let previous = tables.previous.column(&next.name)?;
                match column_change(context.schemas, tables, Pair::new(previous, next)) {
                    Some(TableChange::DropAndRecreateColumn { .. }) => Some(next.name.as_str()),
                    _ => None,
                }
            })
            .collect();
        let pk_touches_recreated = pk
            .previous
            .as_ref()
            .is_some_and(|p| p.columns.iter().any(|c| recreated.contains(&c.as_str())));
        let drop_pk = pk_changed || pk_touches_recreated;
        if drop_pk {
            if let Some(previous) = pk.previous {
                table_changes.push(TableChange::DropPrimaryKey {
                    name: previous.name.clone(),
                });
            }
        }
        for unique in &tables.previous.unique_constraints {
            if tables.next.unique_constraints.iter().all(|u| u != unique) {
                table_changes.push(TableChange::DropConstraint {
                    name: unique.name.clone(),
                });
            }
        }
        for check in &tables.previous.checks {
            if tables.next.checks.iter().all(|c| c != check) {
                table_changes.push(TableChange::DropConstraint {
                    name: check.name.clone(),
                });
            }
        }
        for column in &tables.previous.columns {
            if tables.next.column(&column.name).is_none() {
                table_changes.push(TableChange::DropColumn {
                    name: column.name.clone(),
                });
            }
        }
        // Added columns by name, as Prisma orders them.
        let mut added: Vec<&str> = tables
            .next
            .columns
            .iter()
            .filter(|c| tables.previous.column(&c.name).is_none())
            .map(|c| c.name.as_str())
            .collect();
        added.sort_unstable();
        for name in added {
            table_changes.push(TableChange::AddColumn {
                name: name.to_string(),
            });
        }
        for next in &tables.next.columns {
            if let Some(previous) = tables.previous.column(&next.name) {
                if let Some(change) =
                    column_change(context.schemas, tables, Pair::new(previous, next))
                {
                    table_changes.push(change);
                }
            }
        }
        if drop_pk && pk.next.is_some() {
            table_changes.push(TableChange::AddPrimaryKey);
        }
        for unique in &tables.next.unique_constraints {
            if tables
                .previous
                .unique_constraints
                .iter()
                .all(|u| u != unique)
            {
                table_changes.push(TableChange::AddUniqueConstraint {
                    name: unique.name.clone(),
                });
            }
        }
        for check in &tables.next.checks {
            if tables.previous.checks.iter().all(|c| c != check) {
                table_changes.push(TableChange::AddCheck {
                    name: check.name.clone(),
                });
            }
        }
        if !table_changes.is_empty() {
            changes.push(Change::AlterTable {
                table: tables.next.name.clone(),
                changes: table_changes,
            });
        }
    }
}
