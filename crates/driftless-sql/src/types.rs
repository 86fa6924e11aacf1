//! PostgreSQL type names, as written in SQL, to the model's canonical types.
//!
//! The same type has many spellings (`int`, `int4`, `integer`, `pg_catalog.int4`;
//! `varchar(10)`, `character varying(10)`), and PostgreSQL prints it one way:
//! `format_type()`. Every source of a schema model goes through here (replay of `CREATE
//! TABLE`, casts in defaults) or produces `format_type()` output directly (introspection), so
//! that two models compare equal when their types are the same.

use driftless_schema::{ColumnType, QualifiedName, TypeRef};
use pg_query::NodeEnum;
use pg_query::protobuf::{TypeName, a_const};

/// A serial pseudo-type: the column is an integer with a sequence default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serial {
    /// `smallserial` / `serial2`.
    Small,
    /// `serial` / `serial4`.
    Regular,
    /// `bigserial` / `serial8`.
    Big,
}

impl Serial {
    /// The integer type behind it.
    pub fn integer_type(self) -> &'static str {
        match self {
            Serial::Small => "smallint",
            Serial::Regular => "integer",
            Serial::Big => "bigint",
        }
    }
}

/// What a type name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedType {
    /// The column type.
    pub r#type: ColumnType,
    /// Set when the name was a serial pseudo-type.
    pub serial: Option<Serial>,
}

/// The canonical name of a built-in type from its (lowercase) name and modifiers, or `None`
/// when the name is not a built-in type.
pub fn builtin_type(name: &str, modifiers: &[i64]) -> Option<String> {
    let m = |i: usize| modifiers.get(i).copied();
    let with = |base: &str, suffix: &str| match m(0) {
        Some(p) => format!("{base}({p}){suffix}"),
        None => format!("{base}{suffix}"),
    };
    Some(match name {
        "int2" | "smallint" => "smallint".to_string(),
        "int4" | "int" | "integer" => "integer".to_string(),
        "int8" | "bigint" => "bigint".to_string(),
        "float4" | "real" => "real".to_string(),
        "float8" | "double precision" => "double precision".to_string(),
        "float" => match m(0) {
            Some(p) if p <= 24 => "real".to_string(),
            _ => "double precision".to_string(),
        },
        "numeric" | "decimal" => match (m(0), m(1)) {
            (Some(p), Some(s)) => format!("numeric({p},{s})"),
            (Some(p), None) => format!("numeric({p},0)"),
            _ => "numeric".to_string(),
        },
        "bool" | "boolean" => "boolean".to_string(),
        "text" => "text".to_string(),
        "varchar" | "character varying" => with("character varying", ""),
        "bpchar" if m(0).is_none() => "bpchar".to_string(),
        "bpchar" | "character" => format!("character({})", m(0).unwrap_or(1)),
        "\"char\"" => "\"char\"".to_string(),
        "name" => "name".to_string(),
        "timestamp" | "timestamp without time zone" => with("timestamp", " without time zone"),
        "timestamptz" | "timestamp with time zone" => with("timestamp", " with time zone"),
        "time" | "time without time zone" => with("time", " without time zone"),
        "timetz" | "time with time zone" => with("time", " with time zone"),
        "date" => "date".to_string(),
        "interval" => match m(1).or(m(0)).filter(|_| modifiers.len() <= 2) {
            // libpg_query encodes `interval(p)` as [full range mask, p].
            Some(p) if modifiers.len() == 2 && modifiers[0] == 32767 => format!("interval({p})"),
            _ => "interval".to_string(),
        },
        "bit" => format!("bit({})", m(0).unwrap_or(1)),
        "varbit" | "bit varying" => with("bit varying", ""),
        "json" | "jsonb" | "uuid" | "bytea" | "xml" | "inet" | "cidr" | "macaddr" | "macaddr8"
        | "money" | "oid" | "tsvector" | "tsquery" | "point" | "line" | "lseg" | "box" | "path"
        | "polygon" | "circle" | "int4range" | "int8range" | "numrange" | "tsrange"
        | "tstzrange" | "daterange" | "int4multirange" | "int8multirange" | "nummultirange"
        | "tsmultirange" | "tstzmultirange" | "datemultirange" | "regclass" | "regtype"
        | "regproc" | "pg_lsn" | "txid_snapshot" | "pg_snapshot" | "xid" | "xid8" | "cid"
        | "tid" | "record" | "void" | "trigger" | "jsonpath" => name.to_string(),
        _ => return None,
    })
}

fn serial(name: &str) -> Option<Serial> {
    match name {
        "serial" | "serial4" => Some(Serial::Regular),
        "bigserial" | "serial8" => Some(Serial::Big),
        "smallserial" | "serial2" => Some(Serial::Small),
        _ => None,
    }
}

/// The string value of a `String` node.
pub fn node_string(node: &pg_query::Node) -> Option<&str> {
    match &node.node {
        Some(NodeEnum::String(s)) => Some(&s.sval),
        _ => None,
    }
}

fn node_integer(node: &pg_query::Node) -> Option<i64> {
    match &node.node {
        Some(NodeEnum::AConst(c)) => match &c.val {
            Some(a_const::Val::Ival(i)) => Some(i64::from(i.ival)),
            Some(a_const::Val::Fval(f)) => f.fval.parse().ok(),
            _ => None,
        },
        Some(NodeEnum::Integer(i)) => Some(i64::from(i.ival)),
        _ => None,
    }
}

/// Resolves a type name from a parse tree. `default_schema` qualifies user types written
/// without a schema.
pub fn resolve_type_name(
    type_name: &TypeName,
    default_schema: &str,
) -> Result<ResolvedType, String> {
    let names: Vec<&str> = type_name.names.iter().filter_map(node_string).collect();
    let modifiers: Vec<i64> = type_name.typmods.iter().filter_map(node_integer).collect();
    let array = !type_name.array_bounds.is_empty();
    let (schema, name) = match names.as_slice() {
        [name] => (None, *name),
        [schema, name] => (Some(*schema), *name),
        [_, schema, name] => (Some(*schema), *name),
        _ => return Err("empty type name".to_string()),
    };
    // The grammar turns SQL's `char(n)` into `pg_catalog.bpchar`; a bare `char` can only
    // come from the quoted `"char"`: PostgreSQL's one-byte internal type.
    if schema.is_none() && name == "char" {
        return Ok(ResolvedType {
            r#type: ColumnType {
                base: TypeRef::builtin("\"char\""),
                array,
            },
            serial: None,
        });
    }
    if schema.is_none() || schema == Some("pg_catalog") {
        if let Some(serial) = serial(name) {
            return Ok(ResolvedType {
                r#type: ColumnType::builtin(serial.integer_type()),
                serial: Some(serial),
            });
        }
        if let Some(builtin) = builtin_type(name, &modifiers) {
            let mut r#type = ColumnType::builtin(builtin);
            r#type.array = array;
            return Ok(ResolvedType {
                r#type,
                serial: None,
            });
        }
    }
    let mut r#type = ColumnType::user(QualifiedName::new(schema.unwrap_or(default_schema), name));
    r#type.array = array;
    Ok(ResolvedType {
        r#type,
        serial: None,
    })
}

/// Parses a type written as text (`varchar(10)[]`, `"Role"`) and resolves it.
pub fn parse_type(text: &str, default_schema: &str) -> Result<ResolvedType, String> {
    let parsed = pg_query::parse(
        &format!("SELECT NULL::{text}"),
        pg_query::ParserOptions::DEFAULT,
    )
    .map_err(|e| e.to_string())?;
    let type_name = parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_ref())
        .and_then(|s| match &s.node {
            Some(NodeEnum::SelectStmt(select)) => select.target_list.first(),
            _ => None,
        })
        .and_then(|t| match &t.node {
            // `a integer` parses as `NULL::a AS integer`: an alias means it was no type.
            Some(NodeEnum::ResTarget(r)) if r.name.is_empty() => r.val.as_ref(),
            _ => None,
        })
        .and_then(|v| match &v.node {
            Some(NodeEnum::TypeCast(cast)) => cast.type_name.as_ref(),
            _ => None,
        })
        .ok_or_else(|| format!("`{text}` is not a type"))?;
    resolve_type_name(type_name, default_schema)
}

/// The SQL spelling of a column type (canonical names are valid SQL).
pub fn type_sql(r#type: &ColumnType) -> String {
    let base = match &r#type.base {
        TypeRef::Builtin(name) => name.clone(),
        TypeRef::User(name) => crate::quote::quote_qualified(&name.schema, &name.name),
    };
    if r#type.array {
        format!("{base}[]")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> String {
        let resolved = parse_type(text, "public").unwrap();
        match resolved.r#type.base {
            TypeRef::Builtin(name) => {
                format!("{name}{}", if resolved.r#type.array { "[]" } else { "" })
            }
            TypeRef::User(q) => {
                format!("user:{q}{}", if resolved.r#type.array { "[]" } else { "" })
            }
        }
    }

    #[test]
    fn spellings_map_to_format_type() {
        for (text, expected) in [
            ("int", "integer"),
            ("INT4", "integer"),
            ("pg_catalog.int8", "bigint"),
            ("varchar(255)", "character varying(255)"),
            ("character varying", "character varying"),
            ("char", "character(1)"),
            ("character", "character(1)"),
            ("char(3)", "character(3)"),
            ("decimal(65,30)", "numeric(65,30)"),
            ("numeric(10)", "numeric(10,0)"),
            ("TIMESTAMP(3)", "timestamp(3) without time zone"),
            ("timestamptz(6)", "timestamp(6) with time zone"),
            ("timestamp with time zone", "timestamp with time zone"),
            ("time(6)", "time(6) without time zone"),
            ("double precision", "double precision"),
            ("float", "double precision"),
            ("float(3)", "real"),
            ("bit", "bit(1)"),
            ("varbit(4)", "bit varying(4)"),
            ("jsonb", "jsonb"),
            ("text[]", "text[]"),
            ("integer[][]", "integer[]"),
            ("\"Role\"", "user:public.Role"),
            ("other.\"Role\"[]", "user:other.Role[]"),
            ("citext", "user:public.citext"),
            ("\"char\"", "\"char\""),
        ] {
            assert_eq!(canonical(text), expected, "{text}");
        }
    }

    #[test]
    fn serials_are_integers_with_a_flag() {
        let resolved = parse_type("bigserial", "public").unwrap();
        assert_eq!(resolved.serial, Some(Serial::Big));
        assert_eq!(resolved.r#type, ColumnType::builtin("bigint"));
    }
}
