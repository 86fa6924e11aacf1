//! Columns as SQL: Prisma's spelling of types, defaults, and the column definition of
//! `CREATE TABLE` and `ADD COLUMN`.

use driftless_schema::{Column, ColumnType, DefaultValue, Schema, Table, TypeRef};

use super::Names;
use crate::quote::{quote_ident, quote_literal};

/// Prisma's spelling of a canonical type: `timestamp(3) without time zone` → `TIMESTAMP(3)`,
/// `character varying(255)` → `VARCHAR(255)`, `numeric(65,30)` → `DECIMAL(65,30)`.
pub fn type_sql_prisma(r#type: &ColumnType, names: &Names<'_>) -> String {
    let base = match &r#type.base {
        TypeRef::User(name) => {
            // Types of extensions are spelled like built-ins (`CITEXT`), as Prisma does,
            // when they live in the default schema.
            if name.schema == names.default_schema && is_extension_type(&name.name) {
                name.name.to_ascii_uppercase()
            } else {
                names.qualified(name)
            }
        }
        TypeRef::Builtin(canonical) => builtin_sql(canonical),
    };
    if r#type.array {
        format!("{base}[]")
    } else {
        base
    }
}

fn is_extension_type(name: &str) -> bool {
    matches!(name, "citext")
}

fn builtin_sql(canonical: &str) -> String {
    let (base, modifiers) = match canonical.split_once('(') {
        Some((base, rest)) => {
            let (args, suffix) = rest.split_once(')').unwrap_or((rest, ""));
            (format!("{}{}", base.trim(), suffix), Some(args.to_string()))
        }
        None => (canonical.to_string(), None),
    };
    let with = |name: &str| match &modifiers {
        Some(m) => format!("{name}({m})"),
        None => name.to_string(),
    };
    match base.as_str() {
        "integer" => "INTEGER".into(),
        "bigint" => "BIGINT".into(),
        "smallint" => "SMALLINT".into(),
        "text" => "TEXT".into(),
        "boolean" => "BOOLEAN".into(),
        "double precision" => "DOUBLE PRECISION".into(),
        "real" => "REAL".into(),
        "numeric" => with("DECIMAL"),
        "character varying" => with("VARCHAR"),
        "character" => with("CHAR"),
        "timestamp without time zone" => with("TIMESTAMP"),
        "timestamp with time zone" => with("TIMESTAMPTZ"),
        "time without time zone" => with("TIME"),
        "time with time zone" => with("TIMETZ"),
        "bit varying" => with("VARBIT"),
        "bit" => with("BIT"),
        "jsonb" | "json" | "uuid" | "bytea" | "xml" | "inet" | "cidr" | "date" | "money"
        | "oid" | "macaddr" | "interval" => with(&base.to_ascii_uppercase()),
        _ => canonical.to_string(),
    }
}

fn is_numeric_type(r#type: &ColumnType) -> bool {
    match &r#type.base {
        TypeRef::Builtin(name) => {
            let base = name.split('(').next().unwrap_or("").trim();
            matches!(
                base,
                "integer"
                    | "bigint"
                    | "smallint"
                    | "numeric"
                    | "real"
                    | "double precision"
                    | "money"
                    | "oid"
            )
        }
        TypeRef::User(_) => false,
    }
}

fn is_boolean(r#type: &ColumnType) -> bool {
    r#type.base == TypeRef::Builtin("boolean".to_string())
}

fn literal_sql(value: &str, element: &ColumnType) -> String {
    if (is_numeric_type(element) && value.parse::<f64>().is_ok())
        || (is_boolean(element) && matches!(value, "true" | "false"))
        || value == "NULL"
    {
        value.to_string()
    } else {
        quote_literal(value)
    }
}

/// A default as SQL for a column of `r#type` (Prisma's spelling: `CURRENT_TIMESTAMP`,
/// `ARRAY['a', 'b']::TEXT[]`, numbers unquoted).
pub fn default_sql(default: &DefaultValue, r#type: &ColumnType, names: &Names<'_>) -> String {
    let element = ColumnType {
        base: r#type.base.clone(),
        array: false,
    };
    match default {
        DefaultValue::Literal(value) => literal_sql(value, &element),
        DefaultValue::Array(items) => {
            let inner: Vec<String> = items
                .iter()
                .map(|i| default_sql(i, &element, names))
                .collect();
            format!(
                "ARRAY[{}]::{}",
                inner.join(", "),
                type_sql_prisma(&element.into_array(), names)
            )
        }
        DefaultValue::Now => "CURRENT_TIMESTAMP".to_string(),
        DefaultValue::Sequence(sequence) => format!(
            "nextval({}::regclass)",
            quote_literal(&names.qualified(sequence))
        ),
        DefaultValue::Expression(expression) => expression.clone(),
    }
}

/// The serial pseudo-type for an autoincrementing integer column, as Prisma writes it.
fn serial_type(column: &Column) -> Option<&'static str> {
    match &column.r#type.base {
        TypeRef::Builtin(name) if !column.r#type.array => match name.as_str() {
            "integer" => Some("SERIAL"),
            "bigint" => Some("BIGSERIAL"),
            "smallint" => Some("SMALLSERIAL"),
            _ => None,
        },
        _ => None,
    }
}

/// `"name" TYPE [NOT NULL] [DEFAULT …]`: a column in `CREATE TABLE` or `ADD COLUMN`.
pub fn column_definition(
    column: &Column,
    table: &Table,
    schema: &Schema,
    names: &Names<'_>,
) -> String {
    let mut out = quote_ident(&column.name);
    out.push(' ');
    let serial = column.identity.is_none()
        && serial_type(column).is_some()
        && driftless_diff::is_autoincrement(schema, table, column);
    match (serial, serial_type(column)) {
        (true, Some(serial)) => out.push_str(serial),
        _ => out.push_str(&type_sql_prisma(&column.r#type, names)),
    }
    if let Some(collation) = &column.collation {
        out.push_str(&format!(" COLLATE {}", quote_ident(collation)));
    }
    if let Some(generated) = &column.generated {
        out.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            generated.expression,
            if generated.stored {
                "STORED"
            } else {
                "VIRTUAL"
            }
        ));
    }
    if !column.nullable {
        out.push_str(" NOT NULL");
    }
    if let Some(identity) = &column.identity {
        out.push_str(if identity.always {
            " GENERATED ALWAYS AS IDENTITY"
        } else {
            " GENERATED BY DEFAULT AS IDENTITY"
        });
    } else if !serial {
        if let Some(default) = &column.default {
            out.push_str(" DEFAULT ");
            out.push_str(&default_sql(default, &column.r#type, names));
        }
    }
    out
}
