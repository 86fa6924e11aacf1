//! Column types and defaults: what PostgreSQL ends up with for a scalar field.
//!
//! Types are spelled as `format_type()` prints them (`String` → `text`, `@db.VarChar(255)` →
//! `character varying(255)`), defaults as the text Prisma writes into its SQL
//! (`DateTime` literals as `2020-01-02 03:04:05 +00:00`, `Bytes` as `\x…` hex); both were
//! checked against Prisma 7.10's `migrate diff --from-empty` (`testdata/schemas/01…19`).

use driftless_schema::{ColumnType, DefaultValue, QualifiedName, TypeRef};

use crate::native_types;
use crate::resolve::defaults::{decode_base64, parse_rfc3339};
use crate::resolve::{Db, DefaultValueKind, FieldInfo, FieldKind, ScalarType};

/// The column type of a scalar, enum or unsupported field (`None` for relation fields).
pub(crate) fn column_type(
    db: &Db<'_>,
    field: &FieldInfo<'_>,
    default_schema: &str,
    extension_schema: &dyn Fn(&str) -> String,
) -> Option<ColumnType> {
    let base = match &field.kind {
        FieldKind::Scalar(scalar) => scalar_type(*scalar, field, extension_schema),
        FieldKind::Enum(index) => {
            let e = db.enums.get(*index)?;
            let namespace = e.schema.map_or(default_schema, |(name, _)| name);
            TypeRef::User(QualifiedName::new(namespace, e.database_name()))
        }
        FieldKind::Unsupported(text) => unsupported_type(text),
        _ => return None,
    };
    Some(ColumnType {
        base,
        array: field.arity == crate::ast::Arity::List,
    })
}

fn scalar_type(
    scalar: ScalarType,
    field: &FieldInfo<'_>,
    extension_schema: &dyn Fn(&str) -> String,
) -> TypeRef {
    if let Some(native) = &field.native_type
        && let Some(spec) = native_types::find(&native.name)
        && spec.scalar == scalar
        && let Some((name, from_extension)) = native_types::canonical(&native.name, &native.args)
    {
        return if from_extension {
            TypeRef::User(QualifiedName::new(extension_schema(&name), name))
        } else {
            TypeRef::Builtin(name)
        };
    }
    TypeRef::Builtin(native_types::default_for(scalar).to_string())
}

/// The type of `Unsupported("…")`: built-in types in `format_type()` spelling, other types
/// (installed by extensions, such as `vector`) as user types in `public`. A user type with
/// a modifier (`vector(3)`) is kept as written, since the model has no slot for modifiers
/// of user types.
pub(crate) fn unsupported_type(text: &str) -> TypeRef {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let (name, modifier) = match lower.find('(') {
        Some(open) => (lower[..open].trim(), Some(lower[open..].replace(' ', ""))),
        None => (lower.as_str(), None),
    };
    let modifier_text = modifier.clone().unwrap_or_default();
    let builtin = |base: &str| TypeRef::Builtin(format!("{base}{modifier_text}"));
    match name {
        "int" | "int4" | "integer" => TypeRef::builtin("integer"),
        "int2" | "smallint" => TypeRef::builtin("smallint"),
        "int8" | "bigint" => TypeRef::builtin("bigint"),
        "float4" | "real" => TypeRef::builtin("real"),
        "float8" | "double precision" => TypeRef::builtin("double precision"),
        "bool" | "boolean" => TypeRef::builtin("boolean"),
        "varchar" | "character varying" => builtin("character varying"),
        "char" | "character" | "bpchar" => TypeRef::Builtin(format!(
            "character{}",
            modifier.unwrap_or_else(|| "(1)".to_string())
        )),
        "decimal" | "numeric" => match modifier.as_deref() {
            Some(m) if !m.contains(',') => {
                TypeRef::Builtin(format!("numeric{},0)", m.trim_end_matches(')')))
            }
            _ => builtin("numeric"),
        },
        "varbit" | "bit varying" => builtin("bit varying"),
        "bit" => TypeRef::Builtin(format!(
            "bit{}",
            modifier.unwrap_or_else(|| "(1)".to_string())
        )),
        "timestamp" | "timestamp without time zone" => time_type("timestamp", modifier, false),
        "timestamptz" | "timestamp with time zone" => time_type("timestamp", modifier, true),
        "time" | "time without time zone" => time_type("time", modifier, false),
        "timetz" | "time with time zone" => time_type("time", modifier, true),
        "text" | "bytea" | "uuid" | "json" | "jsonb" | "xml" | "inet" | "cidr" | "macaddr"
        | "macaddr8" | "money" | "date" | "interval" | "point" | "line" | "lseg" | "box"
        | "path" | "polygon" | "circle" | "tsvector" | "tsquery" | "int4range" | "int8range"
        | "numrange" | "tsrange" | "tstzrange" | "daterange" | "int4multirange"
        | "int8multirange" | "nummultirange" | "tsmultirange" | "tstzmultirange"
        | "datemultirange" | "oid" | "regclass" | "pg_lsn" | "txid_snapshot" | "pg_snapshot"
        | "jsonpath" => builtin(name),
        _ if modifier.is_some() => TypeRef::Builtin(trimmed.to_string()),
        _ => TypeRef::User(QualifiedName::new("public", trimmed)),
    }
}

fn time_type(base: &str, modifier: Option<String>, zone: bool) -> TypeRef {
    let zone = if zone {
        "with time zone"
    } else {
        "without time zone"
    };
    TypeRef::Builtin(format!("{base}{} {zone}", modifier.unwrap_or_default()))
}

/// What a `@default` puts into the database, given the sequence name an `autoincrement()`
/// column gets. `None` when the database has no default (client-side functions,
/// `dbgenerated()` without SQL).
pub(crate) fn default_value(
    db: &Db<'_>,
    field: &FieldInfo<'_>,
    value: &DefaultValueKind,
    sequence: &QualifiedName,
) -> Option<DefaultValue> {
    Some(match value {
        DefaultValueKind::Autoincrement => DefaultValue::Sequence(sequence.clone()),
        DefaultValueKind::Now => DefaultValue::Now,
        DefaultValueKind::DbGenerated(Some(sql)) => DefaultValue::Expression(sql.clone()),
        DefaultValueKind::DbGenerated(None) | DefaultValueKind::ClientSide(_) => return None,
        DefaultValueKind::List(items) => DefaultValue::Array(
            items
                .iter()
                .filter_map(|item| literal(db, field, item))
                .collect(),
        ),
        other => literal(db, field, other)?,
    })
}

fn literal(db: &Db<'_>, field: &FieldInfo<'_>, value: &DefaultValueKind) -> Option<DefaultValue> {
    let text = match (value, &field.kind) {
        (DefaultValueKind::String(s), FieldKind::Scalar(ScalarType::DateTime)) => {
            parse_rfc3339(s).map_or_else(|| s.clone(), |t| t.to_prisma_sql())
        }
        (DefaultValueKind::String(s), FieldKind::Scalar(ScalarType::Bytes)) => {
            let bytes = decode_base64(s)?;
            let mut hex = String::from("\\x");
            for byte in bytes {
                hex.push_str(&format!("{byte:02x}"));
            }
            hex
        }
        (DefaultValueKind::String(s) | DefaultValueKind::Number(s), _) => s.clone(),
        (DefaultValueKind::Boolean(b), _) => b.to_string(),
        (DefaultValueKind::EnumValue(name), FieldKind::Enum(index)) => {
            let e = db.enums.get(*index)?;
            e.values
                .iter()
                .find(|v| v.name() == name)
                .map_or(name.as_str(), |v| v.database_name())
                .to_string()
        }
        _ => return None,
    };
    Some(DefaultValue::Literal(text))
}

/// The serial pseudo-type's underlying type for an `autoincrement()` column, which is also
/// the sequence's data type: `smallint`, `integer` or `bigint`.
pub(crate) fn serial_data_type(column_type: &ColumnType) -> &'static str {
    match &column_type.base {
        TypeRef::Builtin(name) if name == "smallint" => "smallint",
        TypeRef::Builtin(name) if name == "bigint" => "bigint",
        _ => "integer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_builtin_types_use_format_type_spelling() {
        assert_eq!(unsupported_type("tsvector"), TypeRef::builtin("tsvector"));
        assert_eq!(
            unsupported_type("numeric(5,1)"),
            TypeRef::builtin("numeric(5,1)")
        );
        assert_eq!(unsupported_type("int4range"), TypeRef::builtin("int4range"));
        assert_eq!(
            unsupported_type("varchar(10)"),
            TypeRef::builtin("character varying(10)")
        );
        assert_eq!(
            unsupported_type("timestamptz(3)"),
            TypeRef::builtin("timestamp(3) with time zone")
        );
        assert_eq!(unsupported_type("circle"), TypeRef::builtin("circle"));
    }

    #[test]
    fn unsupported_extension_types_are_user_types() {
        assert_eq!(
            unsupported_type("ltree"),
            TypeRef::User(QualifiedName::new("public", "ltree"))
        );
        assert_eq!(unsupported_type("vector(3)"), TypeRef::builtin("vector(3)"));
    }
}
