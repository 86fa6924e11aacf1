//! What a comparison with schema.prisma can see.
//!
//! The Prisma schema language cannot express check constraints, triggers, functions, view
//! bodies, domains, comments, deferrable or `NOT VALID` constraints, generated columns,
//! collations, storage parameters, or (without its previews) partial and expression
//! indexes. When one side of a comparison came from schema.prisma, the other side (a
//! database, a replayed history) is projected onto what the schema can say, so that objects
//! made by raw SQL in a migration are neither reported as drift nor dropped — the false
//! positives that make Prisma want to reset databases.

use driftless_schema::{Deferral, Index, IndexKey, Pair, Schema, Table, TableLookup};

use crate::Side;

/// Both schemas, the non-schema side projected onto what the schema language can express.
pub(crate) fn project_pair(pair: Pair<&Schema>, schema_side: Side) -> Pair<Schema> {
    let mut previous = pair.previous.clone();
    let mut next = pair.next.clone();
    let (prisma, other) = match schema_side {
        Side::Previous => (&mut previous, &mut next),
        Side::Next => (&mut next, &mut previous),
    };
    // schema.prisma creates no SQL for views: neither side's views are compared.
    prisma.views.clear();
    other.views.clear();
    strip_inexpressible(other);
    align_list_nullability(prisma, other);
    keep_declared_extensions(prisma, other);
    reconcile_indexes(prisma, other);
    Pair::new(previous, next)
}

fn strip_inexpressible(schema: &mut Schema) {
    schema.functions.clear();
    schema.triggers.clear();
    schema.domains.clear();
    schema.other_types.clear();
    schema.sequences.retain(|s| s.owned_by.is_some());
    for table in &mut schema.tables {
        strip_table(table);
    }
}

fn strip_table(table: &mut Table) {
    table.checks.clear();
    table.comment = None;
    table.row_level_security = false;
    table.unlogged = false;
    table.partition_by = None;
    table.partition_of = None;
    for column in &mut table.columns {
        column.generated = None;
        column.collation = None;
        column.comment = None;
    }
    if let Some(pk) = &mut table.primary_key {
        pk.deferral = Deferral::NotDeferrable;
    }
    for fk in &mut table.foreign_keys {
        fk.deferral = Deferral::NotDeferrable;
        fk.match_full = false;
        fk.validated = true;
    }
    // Prisma writes `@unique` as a unique index and reads unique constraints as unique
    // indexes: compare them as indexes.
    for unique in std::mem::take(&mut table.unique_constraints) {
        table.indexes.push(Index {
            nulls_not_distinct: unique.nulls_not_distinct,
            ..Index::on_columns(
                unique.name,
                true,
                &unique
                    .columns
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            )
        });
    }
    for index in &mut table.indexes {
        index.valid = true;
        index.storage.clear();
    }
}

/// Prisma's scalar lists (`String[]`) have no nullability of their own: a `NOT NULL` on an
/// array column, added by hand in a migration, is not a difference Prisma sees.
fn align_list_nullability(prisma: &Schema, other: &mut Schema) {
    let declared_tables = TableLookup::new(prisma);
    for table in &mut other.tables {
        let Some(declared) = declared_tables.get(&table.name) else {
            continue;
        };
        for column in &mut table.columns {
            if let Some(declared) = declared.column(&column.name)
                && declared.r#type.array
                && column.r#type.array
            {
                column.nullable = declared.nullable;
            }
        }
    }
}

/// Extensions the schema does not list are none of its business (it lists them only with
/// the `postgresqlExtensions` preview); for listed ones, schema and version are compared only
/// when the schema says them.
fn keep_declared_extensions(prisma: &Schema, other: &mut Schema) {
    other
        .extensions
        .retain(|e| prisma.extensions.iter().any(|p| p.name == e.name));
    for extension in &mut other.extensions {
        if let Some(declared) = prisma.extensions.iter().find(|p| p.name == extension.name) {
            if declared.schema.is_none() {
                extension.schema = None;
            }
            if declared.version.is_none() {
                extension.version = None;
            }
        }
    }
}

fn has_expressions(index: &Index) -> bool {
    index
        .columns
        .iter()
        .any(|c| matches!(c.key, IndexKey::Expression(_)))
}

/// Indexes of the other side with parts the schema does not state: when the schema has an
/// index of that name, the parts it does not state are ignored; when it has none, the
/// index is left alone (it was made by raw SQL, on purpose).
fn reconcile_indexes(prisma: &Schema, other: &mut Schema) {
    let declared_tables = TableLookup::new(prisma);
    for table in &mut other.tables {
        let declared = declared_tables.get(&table.name);
        table.indexes.retain_mut(|index| {
            let Some(declared) = declared.and_then(|t| t.index(&index.name)) else {
                return !(index.predicate.is_some()
                    || !index.include.is_empty()
                    || has_expressions(index));
            };
            if declared.predicate.is_none() {
                index.predicate = None;
            }
            if declared.include.is_empty() {
                index.include.clear();
            }
            if has_expressions(index) && !has_expressions(declared) {
                index.columns = declared.columns.clone();
            }
            true
        });
        // A second index with the definition of one the schema declares (and the database
        // also has under the declared name) is invisible to the schema, as Prisma sees it:
        // Prisma pairs indexes by definition and neither drops nor creates such twins.
        if let Some(declared) = declared {
            let names: Vec<String> = table.indexes.iter().map(|i| i.name.clone()).collect();
            table.indexes.retain(|index| {
                declared.index(&index.name).is_some()
                    || !declared.indexes.iter().any(|d| {
                        names.contains(&d.name)
                            && d.unique == index.unique
                            && d.method == index.method
                            && d.columns == index.columns
                    })
            });
        }
    }
}
