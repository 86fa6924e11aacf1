//! Column defaults → `@default(…)`, as Prisma's introspection writes them
//! (`testdata/schemas/10…18/pull.prisma`): `autoincrement()` for sequences, `now()` on
//! date/time columns, literals of the field's scalar type, enum values by their name in the
//! schema, lists of literals, and `dbgenerated("…")` for everything else — including
//! date/time and uuid literals, which Prisma writes as the cast PostgreSQL stores.

use driftless_schema::{Column, DefaultValue, TypeRef};

use super::naming::string_literal;
use super::types::FieldType;

/// The `@default(…)` attribute of a column, `None` when it has no default.
/// `enum_value` names an enum value in the schema (`None` when the value is not one of it).
pub(crate) fn default_attribute(
    column: &Column,
    field_type: &FieldType,
    enum_value: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    if column.identity.is_some() {
        return Some("@default(autoincrement())".to_string());
    }
    let default = column.default.as_ref()?;
    Some(format!(
        "@default({})",
        value(default, column, field_type, enum_value)
    ))
}

fn value(
    default: &DefaultValue,
    column: &Column,
    field_type: &FieldType,
    enum_value: &dyn Fn(&str) -> Option<String>,
) -> String {
    match default {
        DefaultValue::Sequence(_) if matches!(field_type.scalar, Some("Int" | "BigInt")) => {
            "autoincrement()".to_string()
        }
        DefaultValue::Now if field_type.scalar == Some("DateTime") && !field_type.list => {
            "now()".to_string()
        }
        DefaultValue::Array(items) if field_type.list => {
            let rendered: Option<Vec<String>> = items
                .iter()
                .map(|item| match item {
                    DefaultValue::Literal(text) => literal(text, field_type, enum_value),
                    _ => None,
                })
                .collect();
            match rendered {
                Some(items) => format!("[{}]", items.join(", ")),
                None => generated(&sql_of(default, column)),
            }
        }
        DefaultValue::Literal(text) if !field_type.list => literal(text, field_type, enum_value)
            .unwrap_or_else(|| generated(&sql_of(default, column))),
        other => generated(&sql_of(other, column)),
    }
}

/// A literal of the field's type, `None` when the schema language cannot write it as one.
fn literal(
    text: &str,
    field_type: &FieldType,
    enum_value: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    if field_type.enum_name.is_some() {
        return enum_value(text);
    }
    match field_type.scalar? {
        "String" => match field_type.native.as_deref() {
            Some("@db.Uuid") => None,
            _ => Some(string_literal(text)),
        },
        "Json" => Some(string_literal(text)),
        "Boolean" => match text {
            "true" | "false" => Some(text.to_string()),
            _ => None,
        },
        "Int" | "BigInt" => text.parse::<i128>().ok().map(|_| text.to_string()),
        "Float" | "Decimal" => is_decimal(text).then(|| text.to_string()),
        "Bytes" => hex_to_base64(text),
        _ => None,
    }
}

/// Whether `text` is a plain decimal number (`-1.5`, `3`), the only numbers the schema
/// language reads.
fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `\x68656c6c6f` → `"aGVsbG8="`.
fn hex_to_base64(text: &str) -> Option<String> {
    let hex = text.strip_prefix("\\x")?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    Some(string_literal(&base64(&bytes?)))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn generated(sql: &str) -> String {
    format!("dbgenerated({})", string_literal(sql))
}

/// The SQL of a default, as `dbgenerated` holds it.
fn sql_of(default: &DefaultValue, column: &Column) -> String {
    match default {
        DefaultValue::Literal(text) => format!("{}::{}", quote(text), type_sql(column, false)),
        DefaultValue::Array(items) => {
            let element: Vec<String> = items
                .iter()
                .map(|item| match item {
                    DefaultValue::Literal(text) => {
                        format!("{}::{}", quote(text), type_sql(column, true))
                    }
                    other => sql_of(other, column),
                })
                .collect();
            format!("ARRAY[{}]", element.join(", "))
        }
        DefaultValue::Now => "now()".to_string(),
        DefaultValue::Sequence(name) => {
            let qualified = if name.schema == "public" {
                quote_ident(&name.name)
            } else {
                format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name))
            };
            format!("nextval({}::regclass)", quote(&qualified))
        }
        DefaultValue::Expression(sql) => sql.clone(),
    }
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn quote_ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// The column's type in SQL (the element type when `element`), without its modifier: a
/// constant's cast in a stored default has none (`'…'::timestamp without time zone`).
fn type_sql(column: &Column, element: bool) -> String {
    let base = match &column.r#type.base {
        TypeRef::Builtin(text) => match (text.find('('), text.find(')')) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{}", &text[..open], &text[close + 1..])
            }
            _ => text.clone(),
        },
        TypeRef::User(name) if name.schema == "public" => quote_ident(&name.name),
        TypeRef::User(name) => format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name)),
    };
    if column.r#type.array && !element {
        format!("{base}[]")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_defaults_are_base64() {
        assert_eq!(
            hex_to_base64("\\x68656c6c6f").as_deref(),
            Some("\"aGVsbG8=\"")
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn only_plain_decimals_are_literals() {
        assert!(is_decimal("-100.005"));
        assert!(is_decimal("3"));
        assert!(!is_decimal("1e10"));
        assert!(!is_decimal("NaN"));
        assert!(!is_decimal("1."));
    }
}
