//! PostgreSQL native types (`@db.X`): which exist, which scalar type each fits, how many
//! arguments it takes, and the type PostgreSQL ends up with.
//!
//! The canonical names are what `format_type()` prints for the column Prisma's SQL creates
//! (`@db.VarChar(255)` → `VARCHAR(255)` → `character varying(255)`), checked against a
//! PostgreSQL 15 server with the SQL of `testdata/schemas/04…08`.

use crate::resolve::ScalarType;

/// How many arguments a native type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arguments {
    /// None.
    None,
    /// An optional length or precision.
    OptionalOne,
    /// An optional precision and scale, given together or not at all.
    OptionalPrecisionScale,
}

/// One PostgreSQL native type of the schema language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NativeType {
    pub(crate) name: &'static str,
    pub(crate) scalar: ScalarType,
    pub(crate) arguments: Arguments,
}

const fn native(name: &'static str, scalar: ScalarType, arguments: Arguments) -> NativeType {
    NativeType {
        name,
        scalar,
        arguments,
    }
}

/// Every native type Prisma accepts for PostgreSQL.
pub(crate) const POSTGRES_NATIVE_TYPES: &[NativeType] = &[
    native("SmallInt", ScalarType::Int, Arguments::None),
    native("Integer", ScalarType::Int, Arguments::None),
    native("Oid", ScalarType::Int, Arguments::None),
    native("BigInt", ScalarType::BigInt, Arguments::None),
    native(
        "Decimal",
        ScalarType::Decimal,
        Arguments::OptionalPrecisionScale,
    ),
    native("Money", ScalarType::Decimal, Arguments::None),
    native("Real", ScalarType::Float, Arguments::None),
    native("DoublePrecision", ScalarType::Float, Arguments::None),
    native("VarChar", ScalarType::String, Arguments::OptionalOne),
    native("Char", ScalarType::String, Arguments::OptionalOne),
    native("Text", ScalarType::String, Arguments::None),
    native("Uuid", ScalarType::String, Arguments::None),
    native("Xml", ScalarType::String, Arguments::None),
    native("Inet", ScalarType::String, Arguments::None),
    native("Citext", ScalarType::String, Arguments::None),
    native("Bit", ScalarType::String, Arguments::OptionalOne),
    native("VarBit", ScalarType::String, Arguments::OptionalOne),
    native("ByteA", ScalarType::Bytes, Arguments::None),
    native("Timestamp", ScalarType::DateTime, Arguments::OptionalOne),
    native("Timestamptz", ScalarType::DateTime, Arguments::OptionalOne),
    native("Date", ScalarType::DateTime, Arguments::None),
    native("Time", ScalarType::DateTime, Arguments::OptionalOne),
    native("Timetz", ScalarType::DateTime, Arguments::OptionalOne),
    native("Boolean", ScalarType::Boolean, Arguments::None),
    native("Json", ScalarType::Json, Arguments::None),
    native("JsonB", ScalarType::Json, Arguments::None),
];

/// The native type named `name`.
pub(crate) fn find(name: &str) -> Option<&'static NativeType> {
    POSTGRES_NATIVE_TYPES.iter().find(|t| t.name == name)
}

/// The native types that fit a scalar type, for error messages.
pub(crate) fn for_scalar(scalar: ScalarType) -> impl Iterator<Item = &'static NativeType> {
    POSTGRES_NATIVE_TYPES
        .iter()
        .filter(move |t| t.scalar == scalar)
}

/// What a column of this native type is called by `format_type()`, and whether the type
/// is installed by an extension (only `citext`) rather than built in.
pub(crate) fn canonical(name: &str, args: &[String]) -> Option<(String, bool)> {
    let one = args.first().map(String::as_str);
    let with = |base: &str| match one {
        Some(n) => format!("{base}({n})"),
        None => base.to_string(),
    };
    let time = |base: &str, zone: &str| match one {
        Some(n) => format!("{base}({n}) {zone}"),
        None => format!("{base} {zone}"),
    };
    let canonical = match name {
        "SmallInt" => "smallint".to_string(),
        "Integer" => "integer".to_string(),
        "Oid" => "oid".to_string(),
        "BigInt" => "bigint".to_string(),
        "Decimal" => match args {
            [p, s] => format!("numeric({p},{s})"),
            [p] => format!("numeric({p},0)"),
            _ => "numeric".to_string(),
        },
        "Money" => "money".to_string(),
        "Real" => "real".to_string(),
        "DoublePrecision" => "double precision".to_string(),
        "VarChar" => with("character varying"),
        // `CHAR` and `BIT` without a length are one character or bit long.
        "Char" => format!("character({})", one.unwrap_or("1")),
        "Bit" => format!("bit({})", one.unwrap_or("1")),
        "VarBit" => with("bit varying"),
        "Text" => "text".to_string(),
        "Uuid" => "uuid".to_string(),
        "Xml" => "xml".to_string(),
        "Inet" => "inet".to_string(),
        "Citext" => return Some(("citext".to_string(), true)),
        "ByteA" => "bytea".to_string(),
        "Timestamp" => time("timestamp", "without time zone"),
        "Timestamptz" => time("timestamp", "with time zone"),
        "Date" => "date".to_string(),
        "Time" => time("time", "without time zone"),
        "Timetz" => time("time", "with time zone"),
        "Boolean" => "boolean".to_string(),
        "Json" => "json".to_string(),
        "JsonB" => "jsonb".to_string(),
        _ => return None,
    };
    Some((canonical, false))
}

/// The column type of a scalar without a native type attribute.
pub(crate) fn default_for(scalar: ScalarType) -> &'static str {
    match scalar {
        ScalarType::String => "text",
        ScalarType::Boolean => "boolean",
        ScalarType::Int => "integer",
        ScalarType::BigInt => "bigint",
        ScalarType::Float => "double precision",
        ScalarType::Decimal => "numeric(65,30)",
        ScalarType::DateTime => "timestamp(3) without time zone",
        ScalarType::Json => "jsonb",
        ScalarType::Bytes => "bytea",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_match_format_type() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("VarChar", &["255"], "character varying(255)"),
            ("VarChar", &[], "character varying"),
            ("Char", &[], "character(1)"),
            ("Decimal", &["10", "2"], "numeric(10,2)"),
            ("Decimal", &[], "numeric"),
            ("Timestamptz", &["6"], "timestamp(6) with time zone"),
            ("Timestamp", &[], "timestamp without time zone"),
            ("Timetz", &["4"], "time(4) with time zone"),
            ("VarBit", &["16"], "bit varying(16)"),
            ("Bit", &[], "bit(1)"),
        ];
        for (name, args, expected) in cases {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            assert_eq!(
                canonical(name, &args).map(|(c, _)| c).as_deref(),
                Some(*expected),
                "{name}"
            );
        }
        assert_eq!(canonical("Citext", &[]), Some(("citext".to_string(), true)));
    }
}
