//! Column types → field types: the scalar type, and a native type attribute (`@db.…`) only
//! where the column's type is not the scalar's default, as Prisma's introspection writes
//! them (`testdata/schemas/01…08/pull.prisma`). A type the schema language has no scalar
//! for becomes `Unsupported("…")`.

use driftless_schema::{ColumnType, QualifiedName, TypeRef};

/// The field type of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldType {
    /// `Int`, `String`, an enum's name, `Unsupported("tsvector")`.
    pub(crate) base: String,
    /// The scalar type's name when `base` is a scalar (`Int`), for defaults.
    pub(crate) scalar: Option<&'static str>,
    /// `@db.VarChar(255)` when the column's type is not the scalar's default.
    pub(crate) native: Option<String>,
    /// Whether the column is an array (`[]`).
    pub(crate) list: bool,
    /// Whether the type is `Unsupported(…)`.
    pub(crate) unsupported: bool,
    /// The enum the column holds, when it holds one.
    pub(crate) enum_name: Option<QualifiedName>,
}

/// The field type of a column of type `column_type`. `enum_model_name` gives the model
/// name of an enum of the schema (`None` for user types that are not enums of it).
pub(crate) fn field_type(
    column_type: &ColumnType,
    enum_model_name: &dyn Fn(&QualifiedName) -> Option<String>,
    extension_types: &dyn Fn(&QualifiedName) -> bool,
) -> FieldType {
    let scalar = |name: &'static str, native: Option<String>| FieldType {
        base: name.to_string(),
        scalar: Some(name),
        native,
        list: column_type.array,
        unsupported: false,
        enum_name: None,
    };
    match &column_type.base {
        TypeRef::User(name) => {
            if let Some(model_name) = enum_model_name(name) {
                return FieldType {
                    base: model_name,
                    scalar: None,
                    native: None,
                    list: column_type.array,
                    unsupported: false,
                    enum_name: Some(name.clone()),
                };
            }
            if name.name == "citext" && extension_types(name) {
                return scalar("String", Some("@db.Citext".to_string()));
            }
            unsupported(&name.name, column_type.array)
        }
        TypeRef::Builtin(text) => match builtin(text) {
            Some((name, native)) => scalar(name, native),
            None => unsupported(text, column_type.array),
        },
    }
}

fn unsupported(text: &str, list: bool) -> FieldType {
    FieldType {
        base: format!("Unsupported({})", super::naming::string_literal(text)),
        scalar: None,
        native: None,
        list,
        unsupported: true,
        enum_name: None,
    }
}

/// Splits `character varying(255)` into `("character varying", Some("255"), "")` and
/// `timestamp(3) without time zone` into `("timestamp", Some("3"), " without time zone")`.
fn split_modifier(text: &str) -> (&str, Option<&str>, &str) {
    match (text.find('('), text.find(')')) {
        (Some(open), Some(close)) if open < close => (
            text[..open].trim_end(),
            Some(&text[open + 1..close]),
            &text[close + 1..],
        ),
        _ => (text, None, ""),
    }
}

/// The scalar and native type attribute of a built-in type, `None` when unsupported.
fn builtin(text: &str) -> Option<(&'static str, Option<String>)> {
    let (base, modifier, rest) = split_modifier(text);
    let native = |name: &str| Some(format!("@db.{name}"));
    let with_arg = |name: &str| match modifier {
        Some(m) => Some(format!("@db.{name}({})", m.replace(',', ", "))),
        None => Some(format!("@db.{name}")),
    };
    // Times without a precision have PostgreSQL's default, 6, which Prisma writes out.
    let precision = |name: &str| Some(format!("@db.{name}({})", modifier.unwrap_or("6")));
    Some(match (base, rest) {
        ("integer", "") => ("Int", None),
        ("smallint", "") => ("Int", native("SmallInt")),
        ("oid", "") => ("Int", native("Oid")),
        ("bigint", "") => ("BigInt", None),
        ("real", "") => ("Float", native("Real")),
        ("double precision", "") => ("Float", None),
        ("numeric", "") if modifier == Some("65,30") => ("Decimal", None),
        ("numeric", "") => ("Decimal", with_arg("Decimal")),
        ("money", "") => ("Decimal", native("Money")),
        ("text", "") => ("String", None),
        ("character varying", "") => ("String", with_arg("VarChar")),
        ("character", "") => ("String", with_arg("Char")),
        ("uuid", "") => ("String", native("Uuid")),
        ("xml", "") => ("String", native("Xml")),
        ("inet", "") => ("String", native("Inet")),
        ("bit", "") => ("String", with_arg("Bit")),
        ("bit varying", "") => ("String", with_arg("VarBit")),
        ("boolean", "") => ("Boolean", None),
        ("timestamp", " without time zone") if modifier == Some("3") => ("DateTime", None),
        ("timestamp", " without time zone") => ("DateTime", precision("Timestamp")),
        ("timestamp", " with time zone") => ("DateTime", precision("Timestamptz")),
        ("time", " without time zone") => ("DateTime", precision("Time")),
        ("time", " with time zone") => ("DateTime", precision("Timetz")),
        ("timestamp without time zone", "") => ("DateTime", precision("Timestamp")),
        ("timestamp with time zone", "") => ("DateTime", precision("Timestamptz")),
        ("time without time zone", "") => ("DateTime", precision("Time")),
        ("time with time zone", "") => ("DateTime", precision("Timetz")),
        ("date", "") => ("DateTime", native("Date")),
        ("jsonb", "") => ("Json", None),
        ("json", "") => ("Json", native("Json")),
        ("bytea", "") => ("Bytes", None),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> (String, Option<String>) {
        let t = field_type(&ColumnType::builtin(text), &|_| None, &|_| false);
        (t.base, t.native)
    }

    #[test]
    fn defaults_have_no_native_attribute() {
        assert_eq!(of("integer"), ("Int".into(), None));
        assert_eq!(
            of("timestamp(3) without time zone"),
            ("DateTime".into(), None)
        );
        assert_eq!(of("numeric(65,30)"), ("Decimal".into(), None));
        assert_eq!(of("jsonb"), ("Json".into(), None));
    }

    #[test]
    fn other_types_have_one() {
        assert_eq!(
            of("character varying(255)"),
            ("String".into(), Some("@db.VarChar(255)".into()))
        );
        assert_eq!(
            of("numeric(10,2)"),
            ("Decimal".into(), Some("@db.Decimal(10, 2)".into()))
        );
        assert_eq!(
            of("timestamp without time zone"),
            ("DateTime".into(), Some("@db.Timestamp(6)".into()))
        );
        assert_eq!(
            of("time(2) with time zone"),
            ("DateTime".into(), Some("@db.Timetz(2)".into()))
        );
        assert_eq!(of("tsvector"), ("Unsupported(\"tsvector\")".into(), None));
    }
}
