//! Comparing two versions of a column: in place (`ALTER COLUMN`), or dropped and added
//! again when its type cannot be cast.

use driftless_schema::{Column, DefaultValue, Pair, Schema, Table};

use crate::change::{ColumnChanges, TableChange};
use crate::types::{TypeChange, type_change};

/// Whether a column is autoincrementing: an identity column, or a column whose default is
/// `nextval` of a sequence it owns (a serial column).
pub fn is_autoincrement(schema: &Schema, table: &Table, column: &Column) -> bool {
    if column.identity.is_some() {
        return true;
    }
    let Some(DefaultValue::Sequence(sequence)) = &column.default else {
        return false;
    };
    schema.sequence(sequence).is_some_and(|s| {
        s.owned_by
            .as_ref()
            .is_some_and(|(t, c)| t == &table.name && c == &column.name)
    })
}

/// The default to compare: autoincrement is compared as a flag, not by sequence name
/// (PostgreSQL picks serial sequence names itself).
fn comparable_default<'a>(
    schema: &Schema,
    table: &Table,
    column: &'a Column,
) -> Option<&'a DefaultValue> {
    if is_autoincrement(schema, table, column) {
        None
    } else {
        column.default.as_ref()
    }
}

/// The change for a column present in both tables, if any.
pub(crate) fn column_change(
    schemas: Pair<&Schema>,
    tables: Pair<&Table>,
    columns: Pair<&Column>,
) -> Option<TableChange> {
    let name = columns.next.name.clone();
    let autoincrement = Pair::new(
        is_autoincrement(schemas.previous, tables.previous, columns.previous),
        is_autoincrement(schemas.next, tables.next, columns.next),
    );
    let mut changes = ColumnChanges::default();
    if columns.previous.r#type != columns.next.r#type {
        match type_change(&columns.previous.r#type, &columns.next.r#type) {
            TypeChange::NotCastable => return Some(TableChange::DropAndRecreateColumn { name }),
            TypeChange::Safe | TypeChange::Risky => changes.r#type = true,
        }
    }
    changes.nullability = columns.previous.nullable != columns.next.nullable;
    changes.autoincrement = autoincrement.previous != autoincrement.next;
    changes.default = comparable_default(schemas.previous, tables.previous, columns.previous)
        != comparable_default(schemas.next, tables.next, columns.next)
        && !(autoincrement.next && changes.autoincrement);
    changes.identity = columns.previous.identity != columns.next.identity
        && (columns.previous.identity.is_some() && columns.next.identity.is_some());
    if columns.previous.generated != columns.next.generated {
        // A generation expression cannot be altered in place before PostgreSQL 17.
        return Some(TableChange::DropAndRecreateColumn { name });
    }
    changes
        .any()
        .then_some(TableChange::AlterColumn { name, changes })
}
