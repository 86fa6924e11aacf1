//! Indexes: created with their table or on their own, dropped, recreated when their
//! definition or one of their columns changes, renamed when only the name changed.

use driftless_schema::{Index, IndexKey};

use crate::DiffContext;
use crate::change::Change;

/// Whether two indexes have the same definition, names aside.
fn same_definition(a: &Index, b: &Index) -> bool {
    Index {
        name: String::new(),
        ..a.clone()
    } == Index {
        name: String::new(),
        ..b.clone()
    }
}

/// `DropIndex`, `CreateIndex` and `RenameIndex` steps, table by table in the next schema's
/// order.
pub(crate) fn push_index_steps(changes: &mut Vec<Change>, context: &DiffContext<'_>) {
    for table in &context.schemas.next.tables {
        let Some(previous) = context.previous_table(&table.name) else {
            for index in &table.indexes {
                changes.push(Change::CreateIndex {
                    table: table.name.clone(),
                    name: index.name.clone(),
                });
            }
            continue;
        };
        let touches_rebuilt = |index: &Index| {
            index.columns.iter().any(|c| match &c.key {
                IndexKey::Column(column) => context.column_is_rebuilt(&table.name, column),
                // An expression may use any column; be safe when one is rebuilt.
                IndexKey::Expression(_) => previous
                    .columns
                    .iter()
                    .any(|col| context.column_is_rebuilt(&table.name, &col.name)),
            }) || index
                .include
                .iter()
                .any(|c| context.column_is_rebuilt(&table.name, c))
        };
        let mut dropped: Vec<&Index> = Vec::new();
        let mut created: Vec<&Index> = Vec::new();
        for old in &previous.indexes {
            match table.index(&old.name) {
                Some(new) if old == new && !touches_rebuilt(old) => {}
                Some(new) => {
                    dropped.push(old);
                    created.push(new);
                }
                None => dropped.push(old),
            }
        }
        for new in &table.indexes {
            if previous.index(&new.name).is_none() {
                created.push(new);
            }
        }
        // A dropped index and a created one with the same definition: a rename.
        let mut renames = Vec::new();
        dropped.retain(|old| {
            if table.index(&old.name).is_some() || touches_rebuilt(old) {
                return true;
            }
            match created
                .iter()
                .position(|new| previous.index(&new.name).is_none() && same_definition(old, new))
            {
                Some(position) => {
                    renames.push((old.name.clone(), created.remove(position).name.clone()));
                    false
                }
                None => true,
            }
        });
        for old in dropped {
            changes.push(Change::DropIndex {
                table: table.name.clone(),
                name: old.name.clone(),
            });
        }
        // Created in the next schema's index order.
        for index in &table.indexes {
            if created.iter().any(|c| c.name == index.name) {
                changes.push(Change::CreateIndex {
                    table: table.name.clone(),
                    name: index.name.clone(),
                });
            }
        }
        for (from, to) in renames {
            changes.push(Change::RenameIndex {
                table: table.name.clone(),
                from,
                to,
            });
        }
    }
}
