//! One change → its SQL statements.

use driftless_diff::{Change, ColumnChanges, TableChange};
use driftless_schema::{
    Column, DefaultValue, Deferral, ForeignKey, Index, IndexKey, IndexMethod, NullsOrder, Pair,
    QualifiedName, Schema, SortOrder, Table, TableLookup, TypeRef, ViewKind,
};

use super::Names;
use super::columns::{column_definition, default_sql, type_sql_prisma};
use crate::quote::{quote_ident, quote_literal};

fn quoted_list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| quote_ident(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statements of one change. `tables` indexes the tables of `schemas`.
pub(crate) fn render(
    change: &Change,
    schemas: Pair<&Schema>,
    tables: Pair<&TableLookup<'_>>,
    names: &Names<'_>,
) -> Vec<String> {
    match change {
        Change::CreateSchema { name } => vec![format!(
            "CREATE SCHEMA IF NOT EXISTS {};",
            quote_ident(name)
        )],
        Change::CreateExtension { name } => {
            let extension = schemas.next.extensions.iter().find(|e| &e.name == name);
            let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", quote_ident(name));
            let schema = extension.and_then(|e| e.schema.as_ref());
            let version = extension.and_then(|e| e.version.as_ref());
            if schema.is_some() || version.is_some() {
                sql.push_str(" WITH");
                if let Some(schema) = schema {
                    sql.push_str(&format!(" SCHEMA {}", quote_ident(schema)));
                }
                if let Some(version) = version {
                    sql.push_str(&format!(" VERSION {}", quote_ident(version)));
                }
            }
            sql.push(';');
            vec![sql]
        }
        Change::DropExtension { name } => vec![format!("DROP EXTENSION {};", quote_ident(name))],
        Change::CreateEnum { name } => {
            let values = schemas
                .next
                .enum_(name)
                .map(|e| {
                    e.values
                        .iter()
                        .map(|v| quote_literal(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            vec![format!(
                "CREATE TYPE {} AS ENUM ({values});",
                names.qualified(name)
            )]
        }
        Change::AlterEnum {
            name,
            added,
            removed,
        } => alter_enum(name, added, removed, schemas, names),
        Change::DropEnum { name } => vec![format!("DROP TYPE {};", names.qualified(name))],
        Change::CreateSequence { name } => match schemas.next.sequence(name) {
            Some(s) => vec![format!(
                "CREATE SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{};",
                names.qualified(name),
                s.data_type,
                s.increment,
                s.min_value,
                s.max_value,
                s.start,
                s.cache,
                if s.cycle { " CYCLE" } else { "" }
            )],
            None => Vec::new(),
        },
        Change::DropSequence { name } => vec![format!("DROP SEQUENCE {};", names.qualified(name))],
        Change::DropForeignKey { table, name } => vec![format!(
            "ALTER TABLE {} DROP CONSTRAINT {};",
            names.qualified(table),
            quote_ident(name)
        )],
        Change::DropIndex { table, name } => {
            vec![format!("DROP INDEX {};", names.in_schema_of(table, name))]
        }
        Change::AlterTable { table, changes } => {
            alter_table(table, changes, schemas, tables, names)
        }
        Change::DropTable { name } => vec![format!("DROP TABLE {};", names.qualified(name))],
        Change::CreateTable { name } => tables
            .next
            .get(name)
            .map(|t| vec![create_table(t, schemas.next, names)])
            .unwrap_or_default(),
        Change::CreateIndex { table, name } => tables
            .next
            .get(table)
            .and_then(|t| t.index(name))
            .map(|i| vec![create_index(table, i, names)])
            .unwrap_or_default(),
        Change::AddForeignKey { table, name } => tables
            .next
            .get(table)
            .and_then(|t| t.foreign_key(name))
            .map(|fk| vec![add_foreign_key(table, fk, names)])
            .unwrap_or_default(),
        Change::RenameIndex { table, from, to } => vec![format!(
            "ALTER INDEX {} RENAME TO {};",
            names.in_schema_of(table, from),
            quote_ident(to)
        )],
        Change::CreateFunction {
            name,
            arguments,
            drop_first,
        } => {
            let Some(function) = schemas
                .next
                .functions
                .iter()
                .find(|f| &f.name == name && &f.arguments == arguments)
            else {
                return Vec::new();
            };
            let mut out = Vec::new();
            if *drop_first {
                out.push(format!(
                    "DROP {} {}({arguments});",
                    function_word(function.procedure),
                    names.qualified(name)
                ));
            }
            let tag = dollar_tag(&function.body);
            out.push(format!(
                "CREATE OR REPLACE {} {}({arguments}){} LANGUAGE {} AS {tag}{}{tag};",
                function_word(function.procedure),
                names.qualified(name),
                if function.procedure {
                    String::new()
                } else {
                    format!(" RETURNS {}", function.returns)
                },
                function.language,
                function.body
            ));
            out
        }
        Change::DropFunction { name, arguments } => {
            let procedure = schemas
                .previous
                .functions
                .iter()
                .find(|f| &f.name == name && &f.arguments == arguments)
                .is_some_and(|f| f.procedure);
            vec![format!(
                "DROP {} {}({arguments});",
                function_word(procedure),
                names.qualified(name)
            )]
        }
        Change::CreateView { name } => match schemas.next.view(name) {
            Some(view) => match &view.definition {
                Some(definition) => vec![format!(
                    "CREATE {}VIEW {} AS {};",
                    if view.kind == ViewKind::Materialized {
                        "MATERIALIZED "
                    } else {
                        ""
                    },
                    names.qualified(name),
                    definition.trim_end().trim_end_matches(';')
                )],
                None => Vec::new(),
            },
            None => Vec::new(),
        },
        Change::DropView { name } => {
            let materialized = schemas
                .previous
                .view(name)
                .is_some_and(|v| v.kind == ViewKind::Materialized);
            vec![format!(
                "DROP {}VIEW {};",
                if materialized { "MATERIALIZED " } else { "" },
                names.qualified(name)
            )]
        }
        Change::CreateTrigger { table, name } => schemas
            .next
            .triggers
            .iter()
            .find(|t| &t.table == table && &t.name == name)
            .map(|t| {
                let mut out = vec![format!(
                    "{};",
                    t.definition.trim_end().trim_end_matches(';')
                )];
                if !t.enabled {
                    out.push(format!(
                        "ALTER TABLE {} DISABLE TRIGGER {};",
                        names.qualified(table),
                        quote_ident(name)
                    ));
                }
                out
            })
            .unwrap_or_default(),
        Change::DropTrigger { table, name } => vec![format!(
            "DROP TRIGGER {} ON {};",
            quote_ident(name),
            names.qualified(table)
        )],
    }
}

fn function_word(procedure: bool) -> &'static str {
    if procedure { "PROCEDURE" } else { "FUNCTION" }
}

/// A dollar-quote tag that does not occur in the body.
fn dollar_tag(body: &str) -> String {
    let mut tag = "$$".to_string();
    let mut n = 0;
    while body.contains(&tag) {
        n += 1;
        tag = format!("$fn{n}$");
    }
    tag
}

fn create_table(table: &Table, schema: &Schema, names: &Names<'_>) -> String {
    let mut lines: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("    {}", column_definition(c, table, schema, names)))
        .collect();
    let mut constraints = Vec::new();
    if let Some(pk) = &table.primary_key {
        constraints.push(format!(
            "    CONSTRAINT {} PRIMARY KEY ({}){}",
            quote_ident(&pk.name),
            pk.columns
                .iter()
                .map(|c| quote_ident(c))
                .collect::<Vec<_>>()
                .join(","),
            deferral_sql(pk.deferral)
        ));
    }
    for unique in &table.unique_constraints {
        constraints.push(format!(
            "    CONSTRAINT {} UNIQUE{} ({}){}",
            quote_ident(&unique.name),
            if unique.nulls_not_distinct {
                " NULLS NOT DISTINCT"
            } else {
                ""
            },
            quoted_list(&unique.columns),
            deferral_sql(unique.deferral)
        ));
    }
    for check in &table.checks {
        constraints.push(format!(
            "    CONSTRAINT {} CHECK ({}){}",
            quote_ident(&check.name),
            check.expression,
            if check.no_inherit { " NO INHERIT" } else { "" }
        ));
    }
    let mut body = lines.join(",\n");
    if !constraints.is_empty() {
        body.push_str(",\n\n");
        body.push_str(&constraints.join(",\n"));
    }
    lines.clear();
    let mut sql = format!(
        "CREATE {}TABLE {} (\n{body}\n)",
        if table.unlogged { "UNLOGGED " } else { "" },
        names.qualified(&table.name)
    );
    if let Some(partition_by) = &table.partition_by {
        sql.push_str(&format!(" PARTITION BY {partition_by}"));
    }
    sql.push(';');
    sql
}

fn deferral_sql(deferral: Deferral) -> &'static str {
    match deferral {
        Deferral::NotDeferrable => "",
        Deferral::DeferrableInitiallyImmediate => " DEFERRABLE",
        Deferral::DeferrableInitiallyDeferred => " DEFERRABLE INITIALLY DEFERRED",
    }
}

fn create_index(table: &QualifiedName, index: &Index, names: &Names<'_>) -> String {
    let keys: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            let mut key = match &c.key {
                IndexKey::Column(name) => quote_ident(name),
                IndexKey::Expression(expression) => format!("({expression})"),
            };
            if let Some(collation) = &c.collation {
                key.push_str(&format!(" COLLATE {}", quote_ident(collation)));
            }
            if let Some(opclass) = &c.opclass {
                key.push(' ');
                key.push_str(opclass);
            }
            if c.sort == SortOrder::Desc {
                key.push_str(" DESC");
            }
            match c.nulls {
                NullsOrder::Default => {}
                NullsOrder::First => key.push_str(" NULLS FIRST"),
                NullsOrder::Last => key.push_str(" NULLS LAST"),
            }
            key
        })
        .collect();
    let method = match &index.method {
        IndexMethod::BTree => String::new(),
        other => format!(" USING {}", other.as_str().to_ascii_uppercase()),
    };
    let mut sql = format!(
        "CREATE {}INDEX {} ON {}{}{}({})",
        if index.unique { "UNIQUE " } else { "" },
        quote_ident(&index.name),
        names.qualified(table),
        method,
        if method.is_empty() { "" } else { " " },
        keys.join(", ")
    );
    if !index.include.is_empty() {
        sql.push_str(&format!(" INCLUDE ({})", quoted_list(&index.include)));
    }
    if index.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    if !index.storage.is_empty() {
        sql.push_str(&format!(" WITH ({})", index.storage.join(", ")));
    }
    if let Some(predicate) = &index.predicate {
        sql.push_str(&format!(" WHERE ({predicate})"));
    }
    sql.push(';');
    sql
}

fn add_foreign_key(table: &QualifiedName, fk: &ForeignKey, names: &Names<'_>) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}({}){} ON DELETE {} ON UPDATE {}{}{};",
        names.qualified(table),
        quote_ident(&fk.name),
        quoted_list(&fk.columns),
        names.qualified(&fk.referenced_table),
        quoted_list(&fk.referenced_columns),
        if fk.match_full { " MATCH FULL" } else { "" },
        fk.on_delete.as_sql(),
        fk.on_update.as_sql(),
        deferral_sql(fk.deferral),
        if fk.validated { "" } else { " NOT VALID" }
    )
}

/// Prisma's enum changes: added values with `ADD VALUE`; removed values by recreating the
/// type and casting every column that uses it, in one transaction block.
fn alter_enum(
    name: &QualifiedName,
    added: &[String],
    removed: &[String],
    schemas: Pair<&Schema>,
    names: &Names<'_>,
) -> Vec<String> {
    let qualified = names.qualified(name);
    if removed.is_empty() {
        let mut out = Vec::new();
        if added.len() > 1 {
            out.push(
                "-- This migration adds more than one value to an enum.\n-- With PostgreSQL versions 11 and earlier, this is not possible\n-- in a single migration. This can be worked around by creating\n-- multiple migrations, each migration adding only one value to\n-- the enum.\n\n"
                    .to_string(),
            );
        }
        out.extend(
            added
                .iter()
                .map(|v| format!("ALTER TYPE {qualified} ADD VALUE {};", quote_literal(v))),
        );
        return out;
    }
    let values = schemas
        .next
        .enum_(name)
        .map(|e| {
            e.values
                .iter()
                .map(|v| quote_literal(v))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let new_name = QualifiedName::new(name.schema.clone(), format!("{}_new", name.name));
    let old_name = format!("{}_old", name.name);
    let mut out = vec![
        "BEGIN;".to_string(),
        format!(
            "CREATE TYPE {} AS ENUM ({values});",
            names.qualified(&new_name)
        ),
    ];
    let users: Vec<(&Table, &Column)> = schemas
        .previous
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| c.r#type.base == TypeRef::User(name.clone()))
        .collect();
    let mut restore = Vec::new();
    for (table, column) in &users {
        let table_sql = names.qualified(&table.name);
        let column_sql = quote_ident(&column.name);
        if column.default.is_some() {
            out.push(format!(
                "ALTER TABLE {table_sql} ALTER COLUMN {column_sql} DROP DEFAULT;"
            ));
            let next_default = schemas
                .next
                .table(&table.name)
                .and_then(|t| t.column(&column.name))
                .filter(|c| c.r#type.base == TypeRef::User(name.clone()))
                .and_then(|c| c.default.as_ref().map(|d| (d, c)));
            // Only a column that keeps the enum gets its default back here; one that
            // changes type is recreated later with its own default.
            if let Some((default, next_column)) = next_default {
                restore.push(format!(
                    "ALTER TABLE {table_sql} ALTER COLUMN {column_sql} SET DEFAULT {};",
                    default_sql(default, &next_column.r#type, names)
                ));
            }
        }
        let new_type = names.qualified(&new_name);
        let brackets = if column.r#type.array { "[]" } else { "" };
        out.push(format!(
            "ALTER TABLE {table_sql} ALTER COLUMN {column_sql} TYPE {new_type}{brackets} USING ({column_sql}::text::{new_type}{brackets});"
        ));
    }
    out.push(format!(
        "ALTER TYPE {qualified} RENAME TO {};",
        quote_ident(&old_name)
    ));
    out.push(format!(
        "ALTER TYPE {} RENAME TO {};",
        names.qualified(&new_name),
        quote_ident(&name.name)
    ));
    out.push(format!(
        "DROP TYPE {};",
        names.qualified(&QualifiedName::new(name.schema.clone(), old_name))
    ));
    out.extend(restore);
    out.push("COMMIT;".to_string());
    out
}

fn alter_table(
    table: &QualifiedName,
    changes: &[TableChange],
    schemas: Pair<&Schema>,
    lookup: Pair<&TableLookup<'_>>,
    names: &Names<'_>,
) -> Vec<String> {
    let tables = lookup.map(|l| l.get(table));
    let (Some(previous), Some(next)) = (tables.previous, tables.next) else {
        return Vec::new();
    };
    let table_sql = names.qualified(table);
    let mut clauses = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for change in changes {
        match change {
            TableChange::DropPrimaryKey { name } | TableChange::DropConstraint { name } => {
                clauses.push(format!("DROP CONSTRAINT {}", quote_ident(name)));
            }
            TableChange::DropColumn { name } => {
                clauses.push(format!("DROP COLUMN {}", quote_ident(name)))
            }
            TableChange::AddColumn { name } => {
                if let Some(column) = next.column(name) {
                    clauses.push(format!(
                        "ADD COLUMN     {}",
                        column_definition(column, next, schemas.next, names)
                    ));
                }
            }
            TableChange::DropAndRecreateColumn { name } => {
                if let Some(column) = next.column(name) {
                    clauses.push(format!("DROP COLUMN {}", quote_ident(name)));
                    clauses.push(format!(
                        "ADD COLUMN     {}",
                        column_definition(column, next, schemas.next, names)
                    ));
                }
            }
            TableChange::AlterColumn { name, changes } => {
                if let (Some(old), Some(new)) = (previous.column(name), next.column(name)) {
                    alter_column(
                        Pair::new(previous, next),
                        Pair::new(old, new),
                        *changes,
                        schemas,
                        names,
                        &mut clauses,
                        &mut before,
                        &mut after,
                    );
                }
            }
            TableChange::AddPrimaryKey => {
                if let Some(pk) = &next.primary_key {
                    clauses.push(format!(
                        "ADD CONSTRAINT {} PRIMARY KEY ({}){}",
                        quote_ident(&pk.name),
                        quoted_list(&pk.columns),
                        deferral_sql(pk.deferral)
                    ));
                }
            }
            TableChange::AddUniqueConstraint { name } => {
                if let Some(unique) = next.unique_constraints.iter().find(|u| &u.name == name) {
                    clauses.push(format!(
                        "ADD CONSTRAINT {} UNIQUE{} ({}){}",
                        quote_ident(name),
                        if unique.nulls_not_distinct {
                            " NULLS NOT DISTINCT"
                        } else {
                            ""
                        },
                        quoted_list(&unique.columns),
                        deferral_sql(unique.deferral)
                    ));
                }
            }
            TableChange::AddCheck { name } => {
                if let Some(check) = next.checks.iter().find(|c| &c.name == name) {
                    clauses.push(format!(
                        "ADD CONSTRAINT {} CHECK ({}){}{}",
                        quote_ident(name),
                        check.expression,
                        if check.no_inherit { " NO INHERIT" } else { "" },
                        if check.validated { "" } else { " NOT VALID" }
                    ));
                }
            }
        }
    }
    let mut out = before;
    if !clauses.is_empty() {
        out.push(format!("ALTER TABLE {table_sql} {};", clauses.join(",\n")));
    }
    out.extend(after);
    out
}

#[allow(clippy::too_many_arguments)]
fn alter_column(
    tables: Pair<&Table>,
    columns: Pair<&Column>,
    changes: ColumnChanges,
    schemas: Pair<&Schema>,
    names: &Names<'_>,
    clauses: &mut Vec<String>,
    before: &mut Vec<String>,
    after: &mut Vec<String>,
) {
    let column = quote_ident(&columns.next.name);
    if changes.r#type {
        clauses.push(format!(
            "ALTER COLUMN {column} SET DATA TYPE {}",
            type_sql_prisma(&columns.next.r#type, names)
        ));
    }
    if changes.nullability {
        clauses.push(format!(
            "ALTER COLUMN {column} {} NOT NULL",
            if columns.next.nullable { "DROP" } else { "SET" }
        ));
    }
    if changes.default {
        match &columns.next.default {
            Some(default) => clauses.push(format!(
                "ALTER COLUMN {column} SET DEFAULT {}",
                default_sql(default, &columns.next.r#type, names)
            )),
            None => clauses.push(format!("ALTER COLUMN {column} DROP DEFAULT")),
        }
    }
    if changes.identity {
        if let Some(identity) = &columns.next.identity {
            clauses.push(format!(
                "ALTER COLUMN {column} SET GENERATED {}",
                if identity.always {
                    "ALWAYS"
                } else {
                    "BY DEFAULT"
                }
            ));
        }
    }
    if changes.autoincrement {
        let now = driftless_diff::is_autoincrement(schemas.next, tables.next, columns.next);
        let table_sql = names.qualified(&tables.next.name);
        if now {
            if let Some(identity) = &columns.next.identity {
                clauses.push(format!(
                    "ALTER COLUMN {column} ADD GENERATED {} AS IDENTITY",
                    if identity.always {
                        "ALWAYS"
                    } else {
                        "BY DEFAULT"
                    }
                ));
            } else {
                // Prisma's way: a sequence named after the table and column (lowercase,
                // unquoted when it can be), owned by the column.
                let sequence =
                    format!("{}_{}_seq", tables.next.name.name, columns.next.name).to_lowercase();
                let plain = sequence
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && !sequence.starts_with(|c: char| c.is_ascii_digit());
                let name_sql = if plain {
                    sequence.clone()
                } else {
                    quote_ident(&sequence)
                };
                let sequence_sql = if tables.next.name.schema == names.default_schema {
                    name_sql
                } else {
                    format!("{}.{name_sql}", quote_ident(&tables.next.name.schema))
                };
                before.push(format!("CREATE SEQUENCE {sequence_sql};"));
                before.push(format!(
                    "ALTER TABLE {table_sql} ALTER COLUMN {column} SET DEFAULT nextval({});",
                    quote_literal(&sequence_sql)
                ));
                before.push(format!(
                    "ALTER SEQUENCE {sequence_sql} OWNED BY {table_sql}.{column};"
                ));
            }
        } else if columns.previous.identity.is_some() {
            clauses.push(format!("ALTER COLUMN {column} DROP IDENTITY"));
        } else {
            if !changes.default {
                clauses.push(format!("ALTER COLUMN {column} DROP DEFAULT"));
            }
            if let Some(DefaultValue::Sequence(sequence)) = &columns.previous.default {
                after.push(format!(
                    "DROP SEQUENCE IF EXISTS {};",
                    names.qualified(sequence)
                ));
            }
        }
    }
}
