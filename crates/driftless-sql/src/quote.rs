//! The one place where identifiers and literals are quoted for PostgreSQL.
//!
//! Every name that reaches SQL text goes through [`quote_ident`], every string through
//! [`quote_literal`]: they escape, so a table called `a"b` or a value holding `'` cannot
//! break (or inject into) a statement.

/// Quotes an identifier: `"User"`, `"a""b"`. Always quoted, as Prisma's SQL does, so case and
/// reserved words never matter.
///
/// ```
/// assert_eq!(driftless_sql::quote_ident("a\"b"), "\"a\"\"b\"");
/// ```
pub fn quote_ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Quotes an identifier only where PostgreSQL's own `quote_ident()` would: names that are
/// not all lowercase letters, digits and underscores, or that are keywords other than
/// unreserved ones. This is how the server prints names (`pg_get_triggerdef`, function
/// signatures) and how the deparser prints expressions, so text built with it compares
/// equal to text the server produced.
pub(crate) fn quote_ident_minimal(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if plain {
        let keyword = pg_query::scan(name).ok().and_then(|scan| {
            scan.tokens.first().map(|t| {
                t.keyword_kind != pg_query::protobuf::KeywordKind::NoKeyword as i32
                    && t.keyword_kind != pg_query::protobuf::KeywordKind::UnreservedKeyword as i32
            })
        });
        if keyword == Some(false) {
            return name.to_string();
        }
    }
    quote_ident(name)
}

/// Quotes a qualified name: `"public"."User"`.
pub fn quote_qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

/// Quotes a string literal: `'it''s'`. Backslashes are plain characters
/// (`standard_conforming_strings`, on since PostgreSQL 9.1); a string holding a NUL cannot be
/// a PostgreSQL text value and is cut there.
///
/// ```
/// assert_eq!(driftless_sql::quote_literal("it's"), "'it''s'");
/// ```
pub fn quote_literal(value: &str) -> String {
    let value = value.split('\0').next().unwrap_or("");
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_one_identifier() {
        assert_eq!(quote_ident("ümlaut"), "\"ümlaut\"");
        assert_eq!(quote_ident(""), "\"\"");
        assert_eq!(
            quote_qualified("my schema", "T\"x"),
            "\"my schema\".\"T\"\"x\""
        );
        assert_eq!(quote_literal("a\\b'c"), "'a\\b''c'");
        assert_eq!(quote_literal("a\0b"), "'a'");
    }
}
