//! The human summary of a migration, in Prisma's layout (`[+] Added tables`,
//! `[*] Changed the \`User\` table`, `  [+] Added column \`bio\``), extended to the objects
//! Prisma does not see (views, functions, triggers, checks).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use driftless_schema::{DefaultValue, Pair, QualifiedName, Schema, TableLookup};

use crate::Migration;
use crate::change::{Change, TableChange};

fn display_name(name: &QualifiedName) -> String {
    name.name.clone()
}

fn columns_list(columns: &[String]) -> String {
    columns.join(", ")
}

fn default_text(default: Option<&DefaultValue>) -> String {
    match default {
        None => "none".to_string(),
        Some(DefaultValue::Literal(v)) => format!("`{v}`"),
        Some(DefaultValue::Now) => "`now()`".to_string(),
        Some(DefaultValue::Sequence(s)) => format!("`nextval({})`", s.name),
        Some(DefaultValue::Expression(e)) => format!("`{e}`"),
        Some(DefaultValue::Array(items)) => format!(
            "`[{}]`",
            items
                .iter()
                .map(|i| default_text(Some(i)).trim_matches('`').to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Prisma's summary of `migration`: an empty migration is `No difference detected.`
pub fn summarize(migration: &Migration, schemas: Pair<&Schema>) -> String {
    if migration.is_empty() {
        return "No difference detected.".to_string();
    }
    // Tables by name: a search per change was quadratic over a whole schema.
    let lookup = schemas.map(TableLookup::new);
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut list = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            sections.push((
                title.to_string(),
                items.into_iter().map(|i| format!("  - {i}")).collect(),
            ));
        }
    };
    let pick = |f: &dyn Fn(&Change) -> Option<String>| -> Vec<String> {
        migration.changes.iter().filter_map(f).collect()
    };
    list(
        "[+] Added Schemas",
        pick(&|c| match c {
            Change::CreateSchema { name } => Some(name.clone()),
            _ => None,
        }),
    );
    list(
        "[+] Added extensions",
        pick(&|c| match c {
            Change::CreateExtension { name } => Some(name.clone()),
            _ => None,
        }),
    );
    list(
        "[-] Removed extensions",
        pick(&|c| match c {
            Change::DropExtension { name } => Some(name.clone()),
            _ => None,
        }),
    );
    list(
        "[+] Added enums",
        pick(&|c| match c {
            Change::CreateEnum { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[-] Removed enums",
        pick(&|c| match c {
            Change::DropEnum { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[+] Added tables",
        pick(&|c| match c {
            Change::CreateTable { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[-] Removed tables",
        pick(&|c| match c {
            Change::DropTable { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[+] Added sequences",
        pick(&|c| match c {
            Change::CreateSequence { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[-] Removed sequences",
        pick(&|c| match c {
            Change::DropSequence { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[+] Added or changed views",
        pick(&|c| match c {
            Change::CreateView { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[-] Removed or changed views",
        pick(&|c| match c {
            Change::DropView { name } => Some(display_name(name)),
            _ => None,
        }),
    );
    list(
        "[+] Added or changed functions",
        pick(&|c| match c {
            Change::CreateFunction {
                name, arguments, ..
            } => Some(format!("{}({arguments})", display_name(name))),
            _ => None,
        }),
    );
    list(
        "[-] Removed functions",
        pick(&|c| match c {
            Change::DropFunction { name, arguments } => {
                Some(format!("{}({arguments})", display_name(name)))
            }
            _ => None,
        }),
    );

    let mut enums: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut tables: BTreeMap<String, Vec<(u8, String)>> = BTreeMap::new();
    for change in &migration.changes {
        match change {
            Change::AlterEnum {
                name,
                added,
                removed,
            } => {
                let items = enums.entry(display_name(name)).or_default();
                items.extend(added.iter().map(|v| format!("  [+] Added variant `{v}`")));
                items.extend(
                    removed
                        .iter()
                        .map(|v| format!("  [-] Removed variant `{v}`")),
                );
            }
            Change::AlterTable { table, changes } => {
                let items = tables.entry(display_name(table)).or_default();
                for change in changes {
                    items.push(table_change_line(change, table, schemas, lookup.as_ref()));
                }
            }
            Change::CreateIndex { table, name } => {
                let index = lookup.next.get(table).and_then(|t| t.index(name));
                let unique = index.is_some_and(|i| i.unique);
                let columns = index
                    .map(|i| {
                        i.columns
                            .iter()
                            .map(|c| key_text(&c.key))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                tables.entry(display_name(table)).or_default().push((
                    6,
                    format!(
                        "  [+] Added {}index on columns ({})",
                        if unique { "unique " } else { "" },
                        columns_list(&columns)
                    ),
                ));
            }
            Change::DropIndex { table, name } => {
                let index = lookup.previous.get(table).and_then(|t| t.index(name));
                let unique = index.is_some_and(|i| i.unique);
                let columns = index
                    .map(|i| {
                        i.columns
                            .iter()
                            .map(|c| key_text(&c.key))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                tables.entry(display_name(table)).or_default().push((
                    5,
                    format!(
                        "  [-] Removed {}index on columns ({})",
                        if unique { "unique " } else { "" },
                        columns_list(&columns)
                    ),
                ));
            }
            Change::RenameIndex { table, from, to } => {
                tables
                    .entry(display_name(table))
                    .or_default()
                    .push((7, format!("  [*] Renamed index `{from}` to `{to}`")));
            }
            Change::AddForeignKey { table, name } => {
                let columns = lookup
                    .next
                    .get(table)
                    .and_then(|t| t.foreign_key(name))
                    .map(|f| columns_list(&f.columns))
                    .unwrap_or_default();
                tables
                    .entry(display_name(table))
                    .or_default()
                    .push((9, format!("  [+] Added foreign key on columns ({columns})")));
            }
            Change::DropForeignKey { table, name } => {
                let columns = lookup
                    .previous
                    .get(table)
                    .and_then(|t| t.foreign_key(name))
                    .map(|f| columns_list(&f.columns))
                    .unwrap_or_default();
                tables.entry(display_name(table)).or_default().push((
                    8,
                    format!("  [-] Removed foreign key on columns ({columns})"),
                ));
            }
            Change::CreateTrigger { table, name } => {
                tables
                    .entry(display_name(table))
                    .or_default()
                    .push((10, format!("  [+] Added trigger `{name}`")));
            }
            Change::DropTrigger { table, name } => {
                tables
                    .entry(display_name(table))
                    .or_default()
                    .push((10, format!("  [-] Removed trigger `{name}`")));
            }
            _ => {}
        }
    }
    for (name, items) in enums {
        sections.push((format!("[*] Changed the `{name}` enum"), items));
    }
    for (name, mut items) in tables {
        items.sort_by_key(|(rank, _)| *rank);
        sections.push((
            format!("[*] Changed the `{name}` table"),
            items.into_iter().map(|(_, line)| line).collect(),
        ));
    }
    let mut out = String::new();
    for (title, items) in sections {
        let _ = write!(out, "\n{title}\n");
        for item in items {
            let _ = writeln!(out, "{item}");
        }
    }
    out
}

fn key_text(key: &driftless_schema::IndexKey) -> String {
    match key {
        driftless_schema::IndexKey::Column(c) => c.clone(),
        driftless_schema::IndexKey::Expression(e) => e.clone(),
    }
}

fn table_change_line(
    change: &TableChange,
    table: &QualifiedName,
    schemas: Pair<&Schema>,
    lookup: Pair<&TableLookup<'_>>,
) -> (u8, String) {
    let tables = lookup.map(|l| l.get(table));
    match change {
        TableChange::DropPrimaryKey { .. } => {
            let columns = tables
                .previous
                .and_then(|t| t.primary_key.as_ref())
                .map(|p| columns_list(&p.columns))
                .unwrap_or_default();
            (
                0,
                format!("  [-] Dropped the primary key on columns ({columns})"),
            )
        }
        TableChange::DropConstraint { name } => (0, format!("  [-] Removed constraint `{name}`")),
        TableChange::DropColumn { name } => (1, format!("  [-] Removed column `{name}`")),
        TableChange::AddColumn { name } => (2, format!("  [+] Added column `{name}`")),
        TableChange::DropAndRecreateColumn { name } => {
            let columns = tables.map(|t| t.and_then(|t| t.column(name)));
            let mut reasons = Vec::new();
            if let (Some(p), Some(n)) = (columns.previous, columns.next) {
                let arity = |c: &driftless_schema::Column| {
                    if c.r#type.array {
                        "List"
                    } else if c.nullable {
                        "Nullable"
                    } else {
                        "Required"
                    }
                };
                if arity(p) != arity(n) {
                    reasons.push(format!("changed from {} to {}", arity(p), arity(n)));
                }
                if p.r#type != n.r#type {
                    reasons.push("type changed".to_string());
                }
            }
            (
                3,
                format!(
                    "  [*] Column `{name}` would be dropped and recreated ({})",
                    reasons.join(", ")
                ),
            )
        }
        TableChange::AlterColumn { name, changes } => {
            let columns = tables.map(|t| t.and_then(|t| t.column(name)));
            let mut reasons = Vec::new();
            if changes.nullability {
                if let (Some(p), Some(n)) = (columns.previous, columns.next) {
                    let word = |nullable: bool| if nullable { "Nullable" } else { "Required" };
                    reasons.push(format!(
                        "changed from {} to {}",
                        word(p.nullable),
                        word(n.nullable)
                    ));
                }
            }
            if changes.r#type {
                reasons.push("type changed".to_string());
            }
            if changes.default {
                reasons.push(format!(
                    "default changed from {} to {}",
                    default_text(columns.previous.and_then(|c| c.default.as_ref())),
                    default_text(columns.next.and_then(|c| c.default.as_ref()))
                ));
            }
            if changes.autoincrement {
                let now = columns.next.is_some_and(|c| {
                    tables
                        .next
                        .is_some_and(|t| crate::columns::is_autoincrement(schemas.next, t, c))
                });
                reasons.push(if now {
                    "column became autoincrementing".to_string()
                } else {
                    "column is no longer autoincrementing".to_string()
                });
            }
            if changes.identity {
                reasons.push("identity changed".to_string());
            }
            (
                3,
                format!("  [*] Altered column `{name}` ({})", reasons.join(", ")),
            )
        }
        TableChange::AddPrimaryKey => {
            let columns = tables
                .next
                .and_then(|t| t.primary_key.as_ref())
                .map(|p| columns_list(&p.columns))
                .unwrap_or_default();
            (4, format!("  [+] Added primary key on columns ({columns})"))
        }
        TableChange::AddUniqueConstraint { name } => {
            (4, format!("  [+] Added unique constraint `{name}`"))
        }
        TableChange::AddCheck { name } => (4, format!("  [+] Added check constraint `{name}`")),
    }
}
