//! Catalog rows → schema model.

use std::collections::HashMap;

use driftless_schema::{
    CheckConstraint, Column, ColumnType, Deferral, Dialect, Domain, Enum, Extension, ForeignKey,
    ForeignKeyAction, Function, Generated, Identity, Index, IndexColumn, IndexKey, IndexMethod,
    NullsOrder, OtherType, PrimaryKey, QualifiedName, Schema, Sequence, SortOrder, Table, Trigger,
    TypeRef, UniqueConstraint, View, ViewKind,
};
use driftless_sql::canonical::{canonical_default, canonical_expression};
use tokio_postgres::Row;

use super::row::{get, text_opt};
use crate::DbError;

/// The rows of every catalog query.
pub(crate) struct CatalogRows {
    pub extensions: Vec<Row>,
    pub types: Vec<Row>,
    pub sequences: Vec<Row>,
    pub tables: Vec<Row>,
    pub columns: Vec<Row>,
    pub constraints: Vec<Row>,
    pub indexes: Vec<Row>,
    pub views: Vec<Row>,
    pub functions: Vec<Row>,
    pub triggers: Vec<Row>,
}

/// Builds the model from the rows.
pub(crate) fn assemble(namespaces: &[String], rows: &CatalogRows) -> Result<Schema, DbError> {
    let mut schema = Schema::new(Dialect::Postgres, namespaces.to_vec());
    for row in &rows.extensions {
        schema.extensions.push(Extension {
            name: get(row, 0)?,
            schema: Some(get(row, 1)?),
            version: Some(get(row, 2)?),
        });
    }
    for row in &rows.types {
        read_type(&mut schema, row)?;
    }
    for row in &rows.sequences {
        schema.sequences.push(read_sequence(row)?);
    }
    let mut by_oid: HashMap<u32, usize> = HashMap::with_capacity(rows.tables.len());
    for row in &rows.tables {
        let oid: u32 = get(row, 0)?;
        by_oid.insert(oid, schema.tables.len());
        schema.tables.push(read_table(row)?);
    }
    for row in &rows.columns {
        let oid: u32 = get(row, 0)?;
        let Some(&index) = by_oid.get(&oid) else {
            continue;
        };
        let table = &mut schema.tables[index];
        let column = read_column(row, &table.name.schema)?;
        table.columns.push(column);
    }
    for row in &rows.constraints {
        let oid: u32 = get(row, 0)?;
        if let Some(&index) = by_oid.get(&oid) {
            read_constraint(&mut schema.tables[index], row)?;
        }
    }
    for row in &rows.indexes {
        let oid: u32 = get(row, 0)?;
        if let Some(&index) = by_oid.get(&oid) {
            let index_model = read_index(row)?;
            schema.tables[index].indexes.push(index_model);
        }
    }
    for row in &rows.views {
        let materialized: bool = get(row, 2)?;
        let definition: String = get(row, 3)?;
        schema.views.push(View {
            name: QualifiedName::new(get::<String>(row, 0)?, get::<String>(row, 1)?),
            kind: if materialized {
                ViewKind::Materialized
            } else {
                ViewKind::View
            },
            definition: Some(definition.trim().trim_end_matches(';').trim().to_string()),
        });
    }
    for row in &rows.functions {
        schema.functions.push(Function {
            name: QualifiedName::new(get::<String>(row, 0)?, get::<String>(row, 1)?),
            arguments: get(row, 2)?,
            returns: get::<Option<String>>(row, 3)?.unwrap_or_default(),
            language: get(row, 4)?,
            body: get(row, 5)?,
            procedure: get(row, 6)?,
        });
    }
    for row in &rows.triggers {
        schema.triggers.push(Trigger {
            table: QualifiedName::new(get::<String>(row, 0)?, get::<String>(row, 1)?),
            name: get(row, 2)?,
            definition: get(row, 3)?,
            enabled: get(row, 4)?,
        });
    }
    schema.sort();
    Ok(schema)
}

/// A column type from the four type columns of `queries::type_of`, starting at `start`.
fn column_type(row: &Row, start: usize) -> Result<ColumnType, DbError> {
    let text: String = get(row, start)?;
    let namespace: String = get(row, start + 1)?;
    let name: String = get(row, start + 2)?;
    let array: bool = get(row, start + 3)?;
    let base = if namespace == "pg_catalog" || text.contains('(') {
        // Built-in types in `format_type` spelling; a user type with a modifier
        // (`vector(3)`) too, since the model has no slot for user-type modifiers.
        TypeRef::Builtin(text)
    } else {
        TypeRef::User(QualifiedName::new(namespace, name))
    };
    Ok(ColumnType { base, array })
}

fn read_type(schema: &mut Schema, row: &Row) -> Result<(), DbError> {
    let name = QualifiedName::new(get::<String>(row, 0)?, get::<String>(row, 1)?);
    let kind: String = get(row, 2)?;
    match kind.as_str() {
        "e" => schema.enums.push(Enum {
            name,
            values: get::<Option<Vec<String>>>(row, 3)?.unwrap_or_default(),
        }),
        "d" => {
            let base = column_type(row, 6)?;
            let default = text_opt(row, 5)?.map(|d| canonical_default(&d, &base, &name.schema));
            let names: Vec<String> = get(row, 10)?;
            let expressions: Vec<Option<String>> = get(row, 11)?;
            let checks = names
                .into_iter()
                .zip(expressions)
                .map(|(n, e)| (n, canonical_expression(&e.unwrap_or_default())))
                .collect();
            schema.domains.push(Domain {
                name,
                base,
                not_null: get(row, 4)?,
                default,
                checks,
            });
        }
        _ => schema.other_types.push(OtherType {
            name,
            definition: text_opt(row, 12)?.unwrap_or_default(),
        }),
    }
    Ok(())
}

fn read_sequence(row: &Row) -> Result<Sequence, DbError> {
    let owner_schema: Option<String> = get(row, 9)?;
    let owner_table: Option<String> = get(row, 10)?;
    let owner_column: Option<String> = get(row, 11)?;
    let owned_by = match (owner_schema, owner_table, owner_column) {
        (Some(s), Some(t), Some(c)) => Some((QualifiedName::new(s, t), c)),
        _ => None,
    };
    Ok(Sequence {
        name: QualifiedName::new(get::<String>(row, 0)?, get::<String>(row, 1)?),
        data_type: get(row, 2)?,
        start: get(row, 3)?,
        increment: get(row, 4)?,
        min_value: get(row, 5)?,
        max_value: get(row, 6)?,
        cache: get(row, 7)?,
        cycle: get(row, 8)?,
        owned_by,
    })
}

fn read_table(row: &Row) -> Result<Table, DbError> {
    let mut table = Table::new(QualifiedName::new(
        get::<String>(row, 1)?,
        get::<String>(row, 2)?,
    ));
    table.unlogged = get(row, 3)?;
    table.row_level_security = get(row, 4)?;
    table.comment = text_opt(row, 5)?;
    table.partition_by = text_opt(row, 6)?;
    if let (Some(schema), Some(name), Some(bound)) =
        (text_opt(row, 7)?, text_opt(row, 8)?, text_opt(row, 9)?)
    {
        table.partition_of = Some((QualifiedName::new(schema, name), bound));
    }
    Ok(table)
}

fn read_column(row: &Row, table_schema: &str) -> Result<Column, DbError> {
    let r#type = column_type(row, 2)?;
    let mut column = Column::new(get::<String>(row, 1)?, r#type);
    column.nullable = get(row, 7)?;
    let default_text = text_opt(row, 8)?;
    let identity = text_opt(row, 9)?;
    let generated = text_opt(row, 10)?;
    column.identity = match identity.as_deref() {
        Some("a") => Some(Identity { always: true }),
        Some("d") => Some(Identity { always: false }),
        _ => None,
    };
    match generated.as_deref() {
        Some(kind @ ("s" | "v")) => {
            column.generated = Some(Generated {
                expression: canonical_expression(default_text.as_deref().unwrap_or_default()),
                stored: kind == "s",
            });
        }
        _ => {
            column.default =
                default_text.map(|text| canonical_default(&text, &column.r#type, table_schema));
        }
    }
    column.collation = text_opt(row, 11)?;
    column.comment = text_opt(row, 12)?;
    Ok(column)
}

fn deferral(row: &Row, deferrable: usize) -> Result<Deferral, DbError> {
    Ok(
        match (
            get::<bool>(row, deferrable)?,
            get::<bool>(row, deferrable + 1)?,
        ) {
            (true, true) => Deferral::DeferrableInitiallyDeferred,
            (true, false) => Deferral::DeferrableInitiallyImmediate,
            _ => Deferral::NotDeferrable,
        },
    )
}

fn action(code: &str) -> ForeignKeyAction {
    match code {
        "r" => ForeignKeyAction::Restrict,
        "c" => ForeignKeyAction::Cascade,
        "n" => ForeignKeyAction::SetNull,
        "d" => ForeignKeyAction::SetDefault,
        _ => ForeignKeyAction::NoAction,
    }
}

fn read_constraint(table: &mut Table, row: &Row) -> Result<(), DbError> {
    let name: String = get(row, 1)?;
    let kind: String = get(row, 2)?;
    let columns: Vec<String> = get::<Option<Vec<String>>>(row, 3)?.unwrap_or_default();
    match kind.as_str() {
        "p" => {
            table.primary_key = Some(PrimaryKey {
                name,
                columns,
                deferral: deferral(row, 10)?,
            });
        }
        "u" => table.unique_constraints.push(UniqueConstraint {
            name,
            columns,
            deferral: deferral(row, 10)?,
            nulls_not_distinct: get(row, 15)?,
        }),
        "f" => table.foreign_keys.push(ForeignKey {
            name,
            columns,
            referenced_table: QualifiedName::new(
                get::<Option<String>>(row, 4)?.unwrap_or_default(),
                get::<Option<String>>(row, 5)?.unwrap_or_default(),
            ),
            referenced_columns: get::<Option<Vec<String>>>(row, 6)?.unwrap_or_default(),
            on_update: action(&get::<String>(row, 7)?),
            on_delete: action(&get::<String>(row, 8)?),
            match_full: get::<String>(row, 9)? == "f",
            deferral: deferral(row, 10)?,
            validated: get(row, 12)?,
        }),
        "c" => table.checks.push(CheckConstraint {
            name,
            expression: canonical_expression(&text_opt(row, 14)?.unwrap_or_default()),
            validated: get(row, 12)?,
            no_inherit: get(row, 13)?,
        }),
        _ => {}
    }
    Ok(())
}

fn read_index(row: &Row) -> Result<Index, DbError> {
    let key_count = usize::try_from(get::<i16>(row, 4)?).unwrap_or(0);
    let names: Vec<Option<String>> = get(row, 5)?;
    let texts: Vec<Option<String>> = get(row, 6)?;
    let options: Vec<i16> = get::<Option<Vec<i16>>>(row, 7)?.unwrap_or_default();
    let opclasses: Vec<Option<String>> = get(row, 8)?;
    let collations: Vec<Option<String>> = get(row, 9)?;
    let mut columns = Vec::with_capacity(key_count);
    let mut include = Vec::new();
    for (position, name) in names.iter().enumerate() {
        if position >= key_count {
            if let Some(name) = name {
                include.push(name.clone());
            }
            continue;
        }
        let key = match name {
            Some(name) => IndexKey::Column(name.clone()),
            None => IndexKey::Expression(canonical_expression(
                texts
                    .get(position)
                    .cloned()
                    .flatten()
                    .unwrap_or_default()
                    .as_str(),
            )),
        };
        let option = options.get(position).copied().unwrap_or(0);
        let descending = option & 1 != 0;
        let nulls_first = option & 2 != 0;
        columns.push(IndexColumn {
            key,
            sort: if descending {
                SortOrder::Desc
            } else {
                SortOrder::Asc
            },
            nulls: match (descending, nulls_first) {
                (false, true) => NullsOrder::First,
                (true, false) => NullsOrder::Last,
                _ => NullsOrder::Default,
            },
            opclass: opclasses.get(position).cloned().flatten(),
            collation: collations.get(position).cloned().flatten(),
        });
    }
    let mut storage: Vec<String> = get::<Option<Vec<String>>>(row, 12)?.unwrap_or_default();
    storage.sort();
    Ok(Index {
        name: get(row, 1)?,
        unique: get(row, 2)?,
        method: IndexMethod::from_name(&get::<String>(row, 3)?),
        columns,
        include,
        predicate: text_opt(row, 10)?.map(|p| canonical_expression(&p)),
        nulls_not_distinct: get(row, 13)?,
        storage,
        valid: get(row, 11)?,
    })
}
