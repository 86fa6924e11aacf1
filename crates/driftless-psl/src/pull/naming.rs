//! Names in the pulled schema: database names made into schema-language identifiers, the
//! names Prisma would give constraints by default (so `map:` is written only when a name
//! differs), and the names that must be avoided.
//!
//! An identifier of the schema language matches `[a-zA-Z][a-zA-Z0-9_]*`. Prisma's rule for
//! a database name that does not: drop the leading characters that are not letters, then
//! turn every character other than a letter, a digit or `_` into `_` (the name is then
//! `@map`ped to the real one). A name with nothing left is commented out.

use crate::lower::naming;

/// Whether `name` is a valid identifier of the schema language as it is.
pub(crate) fn is_valid_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The identifier for a database name: the name itself when valid, else Prisma's
/// sanitised form (possibly empty: the caller comments such an object out).
pub(crate) fn sanitize(name: &str) -> String {
    if is_valid_identifier(name) {
        return name.to_string();
    }
    let start = name
        .char_indices()
        .find(|(_, c)| c.is_ascii_alphabetic())
        .map_or(name.len(), |(i, _)| i);
    name[start..]
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Names a model or enum cannot have: the built-in types (and `Unsupported`), which the
/// schema language reserves, and the names Prisma Client takes for itself.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "String",
    "Boolean",
    "Int",
    "BigInt",
    "Float",
    "Decimal",
    "DateTime",
    "Json",
    "Bytes",
    "Unsupported",
    "PrismaClient",
    "Prisma",
];

/// Whether a model or enum name is reserved.
pub(crate) fn is_reserved_type_name(name: &str) -> bool {
    RESERVED_TYPE_NAMES.contains(&name)
}

/// Prisma's default name of a table's primary key.
pub(crate) fn default_primary_key(table: &str) -> String {
    naming::primary_key(table)
}

/// Prisma's default name of a unique index on `columns`.
pub(crate) fn default_unique(table: &str, columns: &[&str]) -> String {
    naming::unique_index(table, columns)
}

/// Prisma's default name of an index on `columns`.
pub(crate) fn default_index(table: &str, columns: &[&str]) -> String {
    naming::index(table, columns)
}

/// Prisma's default name of a foreign key on `columns`.
pub(crate) fn default_foreign_key(table: &str, columns: &[&str]) -> String {
    naming::foreign_key(table, columns)
}

/// A string literal of the schema language: `"…"` with `"`, `\` and control characters
/// escaped.
pub(crate) fn string_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names_are_kept_and_others_sanitised() {
        assert_eq!(sanitize("User"), "User");
        assert_eq!(sanitize("user_accounts"), "user_accounts");
        assert_eq!(sanitize("last name"), "last_name");
        assert_eq!(sanitize("_prisma"), "prisma");
        assert_eq!(sanitize("1st-place"), "st_place");
        assert_eq!(sanitize("123"), "");
        assert_eq!(sanitize("Ünï"), "n_");
    }

    #[test]
    fn string_literals_escape_quotes_and_controls() {
        assert_eq!(string_literal("say \"hi\""), r#""say \"hi\"""#);
        assert_eq!(string_literal("C:\\p"), r#""C:\\p""#);
        assert_eq!(string_literal("a\nb"), r#""a\nb""#);
    }
}
