//! Keys and indexes → `@id`/`@@id`, `@unique`/`@@unique` and `@@index`, with `map:` only
//! where the database name is not Prisma's default, `sort: Desc`, `type:` for access
//! methods other than B-tree and `ops:` for operator classes other than the default.
//! Uniques and indexes are written in the order of their database names, as Prisma does.

use driftless_schema::{IndexKey, IndexMethod, NullsOrder, SortOrder, Table};

use super::naming::{default_index, default_primary_key, default_unique, string_literal};

/// Where a key or index is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placement {
    /// On the field of this column (`@id`, `@unique`).
    Field(String, String),
    /// On the model (`@@id`, `@@unique`, `@@index`).
    Block(String),
}

/// What the keys and indexes of a table become.
#[derive(Debug, Default)]
pub(crate) struct KeyAttributes {
    /// Attributes, in order.
    pub(crate) placements: Vec<Placement>,
    /// Column sets that are unique (primary key and unique constraints and indexes).
    pub(crate) unique_sets: Vec<Vec<String>>,
    /// Whether the table has a key Prisma Client can use (primary key, or a unique of
    /// required, supported columns).
    pub(crate) identified: bool,
    /// Whether an index was left out because it has expression keys.
    pub(crate) expression_index: bool,
    /// Whether an index was left out because it is partial.
    pub(crate) partial_index: bool,
    /// Whether an index key sorts NULLs in a non-default place.
    pub(crate) nulls_order: bool,
}

/// One unique constraint or unique index, or an index, in the shape shared by both.
struct Key<'t> {
    name: &'t str,
    unique: bool,
    columns: Vec<(&'t str, SortOrder, Option<&'t str>)>,
    method: &'t IndexMethod,
    predicate: Option<&'t str>,
}

/// The key and index attributes of `table`. `field` names the field of a column;
/// `usable` says whether a column counts for a unique criteria (required, supported).
pub(crate) fn key_attributes(
    table: &Table,
    field: &dyn Fn(&str) -> String,
    usable: &dyn Fn(&str) -> bool,
    compound_name: &dyn Fn(&[String]) -> Option<String>,
    partial_indexes: bool,
) -> KeyAttributes {
    let mut out = KeyAttributes::default();
    let table_name = table.name.name.as_str();
    if let Some(pk) = &table.primary_key {
        let map = (pk.name != default_primary_key(table_name))
            .then(|| format!("map: {}", string_literal(&pk.name)));
        match pk.columns.as_slice() {
            [column] => out.placements.push(Placement::Field(
                column.clone(),
                match map {
                    Some(map) => format!("@id({map})"),
                    None => "@id".to_string(),
                },
            )),
            columns => {
                let fields: Vec<String> = columns.iter().map(|c| field(c)).collect();
                let mut arguments = vec![format!("[{}]", fields.join(", "))];
                arguments.extend(
                    compound_name(columns).map(|n| format!("name: {}", string_literal(&n))),
                );
                arguments.extend(map);
                out.placements
                    .push(Placement::Block(format!("@@id({})", arguments.join(", "))));
            }
        }
        out.unique_sets.push(pk.columns.clone());
        out.identified = true;
    }
    let btree = IndexMethod::BTree;
    let mut keys: Vec<Key<'_>> = Vec::new();
    for unique in &table.unique_constraints {
        keys.push(Key {
            name: &unique.name,
            unique: true,
            columns: unique
                .columns
                .iter()
                .map(|c| (c.as_str(), SortOrder::Asc, None))
                .collect(),
            method: &btree,
            predicate: None,
        });
    }
    for index in &table.indexes {
        if !index.valid {
            continue;
        }
        if index
            .columns
            .iter()
            .any(|c| matches!(c.key, IndexKey::Expression(_)))
        {
            out.expression_index = true;
            continue;
        }
        if index.predicate.is_some() && !partial_indexes {
            out.partial_index = true;
            continue;
        }
        if index.columns.iter().any(|c| c.nulls != NullsOrder::Default) {
            out.nulls_order = true;
        }
        keys.push(Key {
            name: &index.name,
            unique: index.unique,
            columns: index
                .columns
                .iter()
                .filter_map(|c| match &c.key {
                    IndexKey::Column(name) => Some((name.as_str(), c.sort, c.opclass.as_deref())),
                    IndexKey::Expression(_) => None,
                })
                .collect(),
            method: &index.method,
            predicate: index.predicate.as_deref(),
        });
    }
    keys.sort_by(|a, b| a.name.cmp(b.name));
    for key in keys {
        let columns: Vec<&str> = key.columns.iter().map(|(c, _, _)| *c).collect();
        let default_name = if key.unique {
            default_unique(table_name, &columns)
        } else {
            default_index(table_name, &columns)
        };
        let map = (key.name != default_name).then(|| format!("map: {}", string_literal(key.name)));
        let method = match key.method {
            IndexMethod::BTree => None,
            IndexMethod::Hash => Some("Hash"),
            IndexMethod::Gist => Some("Gist"),
            IndexMethod::Gin => Some("Gin"),
            IndexMethod::SpGist => Some("SpGist"),
            IndexMethod::Brin => Some("Brin"),
            IndexMethod::Other(_) => {
                // An access method the schema language cannot name (`ivfflat`, `hnsw`):
                // such an index can only be made by raw SQL.
                out.expression_index = true;
                continue;
            }
        };
        let where_clause = key
            .predicate
            .map(|p| format!("where: raw({})", string_literal(p)));
        if key.unique {
            if key.predicate.is_none() && key.columns.iter().all(|(c, _, _)| usable(c)) {
                out.identified = true;
            }
            if key.predicate.is_none() {
                out.unique_sets
                    .push(columns.iter().map(|c| c.to_string()).collect());
            }
        }
        let taken = |column: &str| {
            out.placements.iter().any(
                |p| matches!(p, Placement::Field(c, a) if c == column && a.starts_with("@unique")),
            )
        };
        // A second unique index on the same column is written on the model.
        let single = key.unique
            && key.columns.len() == 1
            && !taken(key.columns[0].0)
            && method.is_none()
            && where_clause.is_none()
            && key.columns[0].2.is_none();
        if single {
            let (column, sort, _) = key.columns[0];
            let mut arguments = Vec::new();
            if sort == SortOrder::Desc {
                arguments.push("sort: Desc".to_string());
            }
            arguments.extend(map);
            let attribute = if arguments.is_empty() {
                "@unique".to_string()
            } else {
                format!("@unique({})", arguments.join(", "))
            };
            out.placements
                .push(Placement::Field(column.to_string(), attribute));
            continue;
        }
        let fields: Vec<String> = key
            .columns
            .iter()
            .map(|(column, sort, opclass)| {
                let mut arguments = Vec::new();
                if *sort == SortOrder::Desc {
                    arguments.push("sort: Desc".to_string());
                }
                if let Some(opclass) = opclass {
                    arguments.push(format!("ops: {}", ops_name(opclass)));
                }
                if arguments.is_empty() {
                    field(column)
                } else {
                    format!("{}({})", field(column), arguments.join(", "))
                }
            })
            .collect();
        let mut arguments = vec![format!("[{}]", fields.join(", "))];
        if key.unique {
            let owned: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
            arguments
                .extend(compound_name(&owned).map(|n| format!("name: {}", string_literal(&n))));
        }
        arguments.extend(map);
        if let Some(method) = method
            && !key.unique
        {
            arguments.push(format!("type: {method}"));
        }
        arguments.extend(where_clause);
        let attribute = if key.unique { "@@unique" } else { "@@index" };
        out.placements.push(Placement::Block(format!(
            "{attribute}({})",
            arguments.join(", ")
        )));
    }
    out
}

/// The schema language's name of an operator class, `raw("…")` for the ones it has no
/// name for.
fn ops_name(opclass: &str) -> String {
    crate::resolve::OPERATOR_CLASSES
        .iter()
        .find(|(_, sql)| *sql == opclass)
        .map_or_else(
            || format!("raw({})", string_literal(opclass)),
            |(name, _)| (*name).to_string(),
        )
}
