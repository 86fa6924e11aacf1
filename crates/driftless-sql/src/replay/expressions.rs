//! Small tools on parse trees and expression text: names out of node lists, expression
//! nodes printed as SQL, and the column names an expression mentions (found with
//! PostgreSQL's own scanner, so strings and comments never count).

use pg_query::NodeEnum;
use pg_query::protobuf::{KeywordKind, Token};

use crate::types::node_string;

/// The strings of a list of `String` nodes (`schema`, `name`).
pub(super) fn strings(nodes: &[pg_query::Node]) -> Vec<&str> {
    nodes.iter().filter_map(node_string).collect()
}

/// `(schema, name)` of a possibly qualified name given as a list of strings.
pub(super) fn split_name<'a>(parts: &[&'a str]) -> Option<(Option<&'a str>, &'a str)> {
    match parts {
        [name] => Some((None, name)),
        [schema, name] => Some((Some(schema), name)),
        [_, schema, name] => Some((Some(schema), name)),
        _ => None,
    }
}

/// An expression node printed as SQL by PostgreSQL's deparser.
pub(super) fn deparse(node: &pg_query::Node) -> Option<String> {
    crate::canonical::deparse_expression(node)
}

/// One identifier of an expression text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Identifier {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The identifier as PostgreSQL reads it (quotes removed, unquoted ones lowercased).
    pub name: String,
    /// Followed by `(`: a function name, not a column.
    pub called: bool,
    /// Preceded by `.`: the second part of a qualified name.
    pub qualified: bool,
    /// Followed by `.`: a qualifier (table or schema), not a column.
    pub qualifier: bool,
}

/// The identifiers of an expression text (or of a whole statement).
pub(super) fn identifiers(text: &str) -> Vec<Identifier> {
    let Ok(scan) = pg_query::scan(text) else {
        return Vec::new();
    };
    let tokens = &scan.tokens;
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let is_name = token.token == Token::Ident as i32
            || (token.keyword_kind != KeywordKind::NoKeyword as i32
                && token.keyword_kind != KeywordKind::ReservedKeyword as i32
                && token.keyword_kind != KeywordKind::TypeFuncNameKeyword as i32);
        if !is_name {
            continue;
        }
        let (Ok(start), Ok(end)) = (usize::try_from(token.start), usize::try_from(token.end))
        else {
            continue;
        };
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        let name = if let Some(inner) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            inner.replace("\"\"", "\"")
        } else {
            raw.to_lowercase()
        };
        let next = tokens.get(i + 1).map(|t| t.token);
        let previous = i
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .map(|t| t.token);
        found.push(Identifier {
            start,
            end,
            name,
            called: next == Some(Token::Ascii40 as i32),
            qualified: previous == Some(Token::Ascii46 as i32),
            qualifier: next == Some(Token::Ascii46 as i32),
        });
    }
    found
}

/// The distinct column names an expression of one table mentions, in order.
pub(super) fn columns_of(text: &str) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for identifier in identifiers(text) {
        if identifier.called || identifier.qualifier {
            continue;
        }
        if !columns.contains(&identifier.name) {
            columns.push(identifier.name);
        }
    }
    columns
}

/// Whether the expression text mentions column `column`.
pub(super) fn mentions_column(text: &str, column: &str) -> bool {
    identifiers(text)
        .iter()
        .any(|i| !i.called && !i.qualifier && i.name == column)
}

/// The expression text with column `from` renamed to `to` (a table's columns only: a
/// qualified reference `t.from` is renamed too).
pub(super) fn rename_column(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for identifier in identifiers(text) {
        if identifier.called || identifier.qualifier || identifier.name != from {
            continue;
        }
        out.push_str(&text[last..identifier.start]);
        out.push_str(&crate::quote_ident_minimal(to));
        last = identifier.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Function names called in a statement or expression text.
pub(super) fn called_functions(text: &str) -> Vec<String> {
    identifiers(text)
        .into_iter()
        .filter(|i| i.called)
        .map(|i| i.name)
        .collect()
}

/// The text of a string constant node.
pub(super) fn string_constant(node: &pg_query::Node) -> Option<&str> {
    match node.node.as_ref()? {
        NodeEnum::AConst(c) => match c.val.as_ref()? {
            pg_query::protobuf::a_const::Val::Sval(s) => Some(&s.sval),
            _ => None,
        },
        NodeEnum::String(s) => Some(&s.sval),
        _ => None,
    }
}

/// The text of a `DefElem` argument (a string, a number, a name): `90`, `on`.
pub(super) fn def_arg_text(node: Option<&pg_query::Node>) -> Option<String> {
    match node?.node.as_ref()? {
        NodeEnum::String(s) => Some(s.sval.clone()),
        NodeEnum::Integer(i) => Some(i.ival.to_string()),
        NodeEnum::Float(f) => Some(f.fval.clone()),
        NodeEnum::Boolean(b) => Some(b.boolval.to_string()),
        NodeEnum::TypeName(t) => Some(strings(&t.names).join(".")),
        NodeEnum::AConst(c) => match c.val.as_ref()? {
            pg_query::protobuf::a_const::Val::Sval(s) => Some(s.sval.clone()),
            pg_query::protobuf::a_const::Val::Ival(i) => Some(i.ival.to_string()),
            pg_query::protobuf::a_const::Val::Fval(f) => Some(f.fval.clone()),
            pg_query::protobuf::a_const::Val::Boolval(b) => Some(b.boolval.to_string()),
            pg_query::protobuf::a_const::Val::Bsval(b) => Some(b.bsval.clone()),
        },
        NodeEnum::List(l) => Some(
            l.items
                .iter()
                .filter_map(|i| def_arg_text(Some(i)))
                .collect::<Vec<_>>()
                .join("."),
        ),
        _ => None,
    }
}

/// The integer of a `DefElem` argument (`START 5`, `INCREMENT -1`).
pub(super) fn def_arg_integer(node: Option<&pg_query::Node>) -> Option<i64> {
    match node?.node.as_ref()? {
        NodeEnum::Integer(i) => Some(i64::from(i.ival)),
        NodeEnum::Float(f) => f.fval.parse().ok(),
        NodeEnum::String(s) => s.sval.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_and_renamed_outside_strings() {
        let text = "(lower(\"Email\") <> 'Email') AND (status = ANY (ARRAY['a', 'b'])) AND (t.name IS NULL)";
        assert_eq!(columns_of(text), ["Email", "status", "name"]);
        assert!(mentions_column(text, "name"));
        assert_eq!(
            rename_column(text, "Email", "mail"),
            "(lower(mail) <> 'Email') AND (status = ANY (ARRAY['a', 'b'])) AND (t.name IS NULL)"
        );
        assert_eq!(rename_column("a > 0", "a", "B"), "\"B\" > 0");
        assert_eq!(called_functions("SELECT nanoid(), x FROM t"), ["nanoid"]);
    }
}
