//! What the statements of a migration file can do to data and to running applications,
//! read with PostgreSQL's own grammar: dropped tables and columns, type changes, emptied
//! tables (data loss); required columns without a default, `SET NOT NULL` (they fail on
//! the data as it is); index builds and constraint validations that block writes (locks).
//!
//! Each hazard carries the [`DataCheck`] that says whether the data makes it matter
//! (`data_checks::check_warnings` runs them). Statements on tables created earlier in the
//! same run of pending migrations are not hazards: those tables are new and empty.

use std::collections::HashSet;

use driftless_diff::{DataCheck, Warning, WarningKind};
use driftless_schema::QualifiedName;
use pg_query::NodeEnum;
use pg_query::protobuf::{AlterTableType, ConstrType, DropBehavior, ObjectType, RangeVar};

/// One hazard of one statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementHazard {
    /// The statement's first line in the file (1-based).
    pub line: usize,
    /// The statement, on one line, shortened.
    pub statement: String,
    /// What it does, with the check that tells whether it matters.
    #[serde(flatten)]
    pub warning: Warning,
}

/// The hazards of one script.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptHazards {
    /// Every hazard, in statement order.
    pub hazards: Vec<StatementHazard>,
    /// PostgreSQL's grammar cannot read the script: the server will refuse it too.
    pub parse_error: Option<String>,
}

/// Tables created by the scripts read so far (they hold no data yet).
#[derive(Debug, Clone, Default)]
pub struct NewTables {
    default_schema: String,
    created: HashSet<QualifiedName>,
}

impl NewTables {
    /// Unqualified names belong to `default_schema` (the URL's `?schema=`).
    pub fn new(default_schema: &str) -> NewTables {
        NewTables {
            default_schema: default_schema.to_string(),
            created: HashSet::new(),
        }
    }

    fn name(&self, relation: &RangeVar) -> QualifiedName {
        QualifiedName {
            schema: if relation.schemaname.is_empty() {
                self.default_schema.clone()
            } else {
                relation.schemaname.clone()
            },
            name: relation.relname.clone(),
        }
    }

    fn is_new(&self, name: &QualifiedName) -> bool {
        self.created.contains(name)
    }
}

/// Reads a script and lists its hazards, remembering the tables it creates in `tables`.
pub fn script_hazards(script: &str, tables: &mut NewTables) -> ScriptHazards {
    let parsed = match pg_query::parse(script, pg_query::ParserOptions::DEFAULT) {
        Ok(parsed) => parsed,
        Err(error) => {
            return ScriptHazards {
                hazards: Vec::new(),
                parse_error: Some(match error {
                    pg_query::Error::Parse(message) => message,
                    other => other.to_string(),
                }),
            };
        }
    };
    let mut out = ScriptHazards::default();
    for raw in &parsed.protobuf.stmts {
        let Some(node) = raw.stmt.as_ref().and_then(|n| n.node.as_ref()) else {
            continue;
        };
        let start = usize::try_from(raw.stmt_location)
            .unwrap_or(0)
            .min(script.len());
        let end = if raw.stmt_len == 0 {
            script.len()
        } else {
            start
                .saturating_add(usize::try_from(raw.stmt_len).unwrap_or(0))
                .min(script.len())
        };
        let raw_text = script.get(start..end).unwrap_or("");
        let text = strip_leading_comments(raw_text.trim_start());
        let offset = start + (raw_text.len() - text.len());
        let line = 1 + script.get(..offset).unwrap_or("").matches('\n').count();
        for warning in statement_hazards(node, tables) {
            out.hazards.push(StatementHazard {
                line,
                statement: one_line(text),
                warning,
            });
        }
        if let NodeEnum::CreateStmt(create) = node {
            if let Some(relation) = &create.relation {
                let name = tables.name(relation);
                tables.created.insert(name);
            }
        }
    }
    out
}

fn strip_leading_comments(mut text: &str) -> &str {
    loop {
        if let Some(rest) = text.strip_prefix("--") {
            text = rest.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            return text;
        }
    }
}

fn one_line(text: &str) -> String {
    let text = text.trim_end().trim_end_matches(';');
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > 120 {
        format!("{}…", joined.chars().take(119).collect::<String>())
    } else {
        joined
    }
}

fn shown(name: &QualifiedName, default_schema: &str) -> String {
    if name.schema == default_schema {
        name.name.clone()
    } else {
        format!("{}.{}", name.schema, name.name)
    }
}

fn statement_hazards(node: &NodeEnum, tables: &NewTables) -> Vec<Warning> {
    let schema = tables.default_schema.as_str();
    let mut out = Vec::new();
    let warning = |kind, message: String, advice: Option<&str>, check| Warning {
        kind,
        message,
        advice: advice.map(str::to_string),
        check,
    };
    match node {
        NodeEnum::DropStmt(drop) => {
            let kind = ObjectType::try_from(drop.remove_type).unwrap_or(ObjectType::Undefined);
            for object in &drop.objects {
                let parts = name_parts(object);
                match kind {
                    ObjectType::ObjectTable => {
                        let name = qualified(&parts, schema);
                        if tables.is_new(&name) {
                            continue;
                        }
                        out.push(warning(
                            WarningKind::DataLoss,
                            format!("drops table `{}` and all the data it holds", shown(&name, schema)),
                            None,
                            Some(DataCheck::RowCount { table: name }),
                        ));
                    }
                    ObjectType::ObjectSchema => out.push(warning(
                        WarningKind::DataLoss,
                        format!(
                            "drops schema `{}`{}",
                            parts.join("."),
                            if drop.behavior == DropBehavior::DropCascade as i32 {
                                " and, with CASCADE, everything in it"
                            } else {
                                ""
                            }
                        ),
                        None,
                        None,
                    )),
                    ObjectType::ObjectType | ObjectType::ObjectDomain
                        if drop.behavior == DropBehavior::DropCascade as i32 => {
                        out.push(warning(
                            WarningKind::DataLoss,
                            format!(
                                "drops type `{}` with CASCADE, which drops every column of that type",
                                parts.join(".")
                            ),
                            None,
                            None,
                        ));
                    }
                    _ => {}
                }
            }
        }
        NodeEnum::TruncateStmt(truncate) => {
            for relation in &truncate.relations {
                if let Some(NodeEnum::RangeVar(relation)) = &relation.node {
                    let name = tables.name(relation);
                    if tables.is_new(&name) {
                        continue;
                    }
                    out.push(warning(
                        WarningKind::DataLoss,
                        format!("empties table `{}`", shown(&name, schema)),
                        None,
                        Some(DataCheck::RowCount { table: name }),
                    ));
                }
            }
        }
        NodeEnum::DeleteStmt(delete) if delete.where_clause.is_none() => {
            if let Some(relation) = &delete.relation {
                let name = tables.name(relation);
                if !tables.is_new(&name) {
                    out.push(warning(
                        WarningKind::DataLoss,
                        format!("deletes every row of `{}`", shown(&name, schema)),
                        None,
                        Some(DataCheck::RowCount { table: name }),
                    ));
                }
            }
        }
        NodeEnum::AlterTableStmt(alter) => {
            let Some(relation) = &alter.relation else {
                return out;
            };
            let table = tables.name(relation);
            if tables.is_new(&table) {
                return out;
            }
            let table_shown = shown(&table, schema);
            for cmd in &alter.cmds {
                let Some(NodeEnum::AlterTableCmd(cmd)) = &cmd.node else {
                    continue;
                };
                let subtype = AlterTableType::try_from(cmd.subtype).unwrap_or(AlterTableType::Undefined);
                match subtype {
                    AlterTableType::AtDropColumn => out.push(warning(
                        WarningKind::DataLoss,
                        format!(
                            "drops column `{}` of `{table_shown}` and the values it holds",
                            cmd.name
                        ),
                        None,
                        Some(DataCheck::NonNullCount {
                            table: table.clone(),
                            column: cmd.name.clone(),
                        }),
                    )),
                    AlterTableType::AtAlterColumnType => {
                        let widening = matches!(
                            cmd.def.as_deref().and_then(|d| d.node.as_ref()),
                            Some(NodeEnum::ColumnDef(column)) if column.type_name.as_ref().is_some_and(holds_anything)
                        );
                        out.push(if widening {
                            warning(
                                WarningKind::Locking,
                                format!(
                                    "changes the type of column `{}` of `{table_shown}`, which may rewrite the table under an ACCESS EXCLUSIVE lock",
                                    cmd.name
                                ),
                                None,
                                Some(DataCheck::RowCount { table: table.clone() }),
                            )
                        } else {
                            warning(
                                WarningKind::DataLoss,
                                format!(
                                    "changes the type of column `{}` of `{table_shown}`: its values are cast (a value that does not fit is cut or makes the migration fail), and the table is rewritten under an ACCESS EXCLUSIVE lock",
                                    cmd.name
                                ),
                                None,
                                Some(DataCheck::NonNullCount {
                                    table: table.clone(),
                                    column: cmd.name.clone(),
                                }),
                            )
                        });
                    }
                    AlterTableType::AtSetNotNull => out.push(warning(
                        WarningKind::Unexecutable,
                        format!(
                            "makes column `{}` of `{table_shown}` required: it fails while the column holds NULLs",
                            cmd.name
                        ),
                        Some("fill the NULLs first (an UPDATE in an earlier migration)"),
                        Some(DataCheck::NullCount {
                            table: table.clone(),
                            column: cmd.name.clone(),
                        }),
                    )),
                    AlterTableType::AtAddColumn => {
                        if let Some(NodeEnum::ColumnDef(column)) =
                            cmd.def.as_deref().and_then(|d| d.node.as_ref())
                        {
                            if required_without_default(column) {
                                out.push(warning(
                                    WarningKind::Unexecutable,
                                    format!(
                                        "adds required column `{}` to `{table_shown}` without a default: it fails when the table has rows",
                                        column.colname
                                    ),
                                    Some("give the column a default, or add it optional, fill it, then make it required"),
                                    Some(DataCheck::RowCount { table: table.clone() }),
                                ));
                            }
                        }
                    }
                    AlterTableType::AtAddConstraint => {
                        if let Some(NodeEnum::Constraint(constraint)) =
                            cmd.def.as_deref().and_then(|d| d.node.as_ref())
                        {
                            let contype = ConstrType::try_from(constraint.contype)
                                .unwrap_or(ConstrType::Undefined);
                            match contype {
                                ConstrType::ConstrForeign | ConstrType::ConstrCheck
                                    if !constraint.skip_validation =>
                                {
                                    out.push(warning(
                                        WarningKind::Locking,
                                        format!(
                                            "validates every row of `{table_shown}` for a new {} constraint while holding a lock that blocks writes",
                                            if contype == ConstrType::ConstrForeign { "foreign key" } else { "check" }
                                        ),
                                        Some("add the constraint `NOT VALID`, then `VALIDATE CONSTRAINT` in a later migration"),
                                        Some(DataCheck::RowCount { table: table.clone() }),
                                    ));
                                }
                                ConstrType::ConstrUnique | ConstrType::ConstrPrimary
                                    if constraint.indexname.is_empty() =>
                                {
                                    out.push(warning(
                                        WarningKind::Locking,
                                        format!(
                                            "builds an index on `{table_shown}` for a new {} while blocking writes to it",
                                            if contype == ConstrType::ConstrPrimary { "primary key" } else { "unique constraint" }
                                        ),
                                        Some("build the index with `CREATE UNIQUE INDEX CONCURRENTLY`, then add the constraint `USING INDEX`"),
                                        Some(DataCheck::RowCount { table: table.clone() }),
                                    ));
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        NodeEnum::IndexStmt(index) if !index.concurrent => {
            let Some(relation) = &index.relation else {
                return out;
            };
            let table = tables.name(relation);
            if tables.is_new(&table) {
                return out;
            }
            let table_shown = shown(&table, schema);
            out.push(warning(
                WarningKind::Locking,
                format!("builds {}index on `{table_shown}` while blocking writes to it", if index.unique { "a unique " } else { "an " }),
                Some("use `CREATE INDEX CONCURRENTLY` (driftless runs it outside a transaction)"),
                Some(DataCheck::RowCount { table: table.clone() }),
            ));
            if index.unique {
                let columns: Option<Vec<String>> = index
                    .index_params
                    .iter()
                    .map(|p| match &p.node {
                        Some(NodeEnum::IndexElem(e)) if !e.name.is_empty() => Some(e.name.clone()),
                        _ => None,
                    })
                    .collect();
                if let Some(columns) = columns.filter(|c| !c.is_empty()) {
                    if index.where_clause.is_none() {
                        out.push(warning(
                            WarningKind::Unexecutable,
                            format!(
                                "adds a unique index on `{table_shown}` ({}): it fails while values appear more than once",
                                columns.join(", ")
                            ),
                            Some("remove the duplicates first"),
                            Some(DataCheck::Duplicates { table, columns }),
                        ));
                    }
                }
            }
        }
        NodeEnum::VacuumStmt(vacuum)
            if vacuum.options.iter().any(|o| {
                matches!(&o.node, Some(NodeEnum::DefElem(d)) if d.defname.eq_ignore_ascii_case("full"))
            }) =>
        {
            out.push(warning(
                WarningKind::Locking,
                "VACUUM FULL rewrites tables under an ACCESS EXCLUSIVE lock".to_string(),
                None,
                None,
            ));
        }
        NodeEnum::ClusterStmt(cluster) => {
            if let Some(relation) = &cluster.relation {
                let table = tables.name(relation);
                if !tables.is_new(&table) {
                    out.push(warning(
                        WarningKind::Locking,
                        format!(
                            "CLUSTER rewrites `{}` under an ACCESS EXCLUSIVE lock",
                            shown(&table, schema)
                        ),
                        None,
                        Some(DataCheck::RowCount { table }),
                    ));
                }
            }
        }
        NodeEnum::ReindexStmt(reindex)
            if !reindex.params.iter().any(|p| {
                matches!(&p.node, Some(NodeEnum::DefElem(d)) if d.defname.eq_ignore_ascii_case("concurrently"))
            }) =>
        {
            out.push(warning(
                WarningKind::Locking,
                "REINDEX blocks writes while it rebuilds".to_string(),
                Some("use `REINDEX … CONCURRENTLY`"),
                None,
            ));
        }
        _ => {}
    }
    out
}

/// Whether a type holds any value of the usual narrower types without loss: `text`,
/// `varchar` and `numeric` without limits, `bigint`, `double precision`, `jsonb`.
fn holds_anything(type_name: &pg_query::protobuf::TypeName) -> bool {
    let name = type_name.names.iter().rev().find_map(|n| match &n.node {
        Some(NodeEnum::String(s)) => Some(s.sval.to_ascii_lowercase()),
        _ => None,
    });
    let unbounded = type_name.typmods.is_empty() && type_name.array_bounds.is_empty();
    match name.as_deref() {
        Some("text" | "int8" | "float8" | "jsonb") => type_name.array_bounds.is_empty(),
        Some("varchar" | "numeric") => unbounded,
        _ => false,
    }
}

fn required_without_default(column: &pg_query::protobuf::ColumnDef) -> bool {
    let mut not_null = column.is_not_null;
    for constraint in &column.constraints {
        if let Some(NodeEnum::Constraint(c)) = &constraint.node {
            match ConstrType::try_from(c.contype).unwrap_or(ConstrType::Undefined) {
                ConstrType::ConstrNotnull | ConstrType::ConstrPrimary => not_null = true,
                ConstrType::ConstrDefault
                | ConstrType::ConstrIdentity
                | ConstrType::ConstrGenerated => return false,
                _ => {}
            }
        }
    }
    if column.raw_default.is_some() || !column.identity.is_empty() {
        return false;
    }
    // `serial` types carry their own default.
    let serial = column.type_name.as_ref().is_some_and(|t| {
        t.names.iter().any(|n| {
            matches!(&n.node, Some(NodeEnum::String(s)) if matches!(s.sval.to_ascii_lowercase().as_str(), "serial" | "bigserial" | "smallserial" | "serial4" | "serial8" | "serial2"))
        })
    });
    not_null && !serial
}

fn name_parts(node: &pg_query::Node) -> Vec<String> {
    match &node.node {
        Some(NodeEnum::List(list)) => list
            .items
            .iter()
            .filter_map(|item| match &item.node {
                Some(NodeEnum::String(s)) => Some(s.sval.clone()),
                _ => None,
            })
            .collect(),
        Some(NodeEnum::String(s)) => vec![s.sval.clone()],
        Some(NodeEnum::TypeName(t)) => t
            .names
            .iter()
            .filter_map(|item| match &item.node {
                Some(NodeEnum::String(s)) => Some(s.sval.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn qualified(parts: &[String], default_schema: &str) -> QualifiedName {
    match parts {
        [schema, name] | [_, schema, name] => QualifiedName {
            schema: schema.clone(),
            name: name.clone(),
        },
        [name] => QualifiedName {
            schema: default_schema.to_string(),
            name: name.clone(),
        },
        _ => QualifiedName {
            schema: default_schema.to_string(),
            name: parts.join("."),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(script: &str) -> Vec<(usize, WarningKind, String)> {
        let mut tables = NewTables::new("public");
        script_hazards(script, &mut tables)
            .hazards
            .into_iter()
            .map(|h| (h.line, h.warning.kind, h.warning.message))
            .collect()
    }

    #[test]
    fn finds_data_loss_failures_and_locks() {
        let script = "-- DropTable\nDROP TABLE \"Post\";\n\n-- AlterTable\nALTER TABLE \"User\" DROP COLUMN \"bio\",\nADD COLUMN \"age\" INTEGER NOT NULL,\nADD COLUMN \"nick\" TEXT NOT NULL DEFAULT '';\nALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(10), ALTER COLUMN \"bio2\" SET DATA TYPE TEXT;\nCREATE UNIQUE INDEX \"u\" ON \"User\"(\"email\");\nALTER TABLE \"A\" ADD CONSTRAINT f FOREIGN KEY (b) REFERENCES \"B\"(id);\nALTER TABLE \"A\" ADD CONSTRAINT g FOREIGN KEY (b) REFERENCES \"B\"(id) NOT VALID;\nTRUNCATE audit.log;\nDELETE FROM t;\nDELETE FROM t WHERE id = 1;\nCREATE INDEX CONCURRENTLY c ON \"User\"(x);\n";
        let found = kinds(script);
        let summary: Vec<(usize, WarningKind)> = found.iter().map(|(l, k, _)| (*l, *k)).collect();
        use WarningKind::*;
        assert_eq!(
            summary,
            [
                (2, DataLoss),
                (5, DataLoss),
                (5, Unexecutable),
                (8, DataLoss),
                (8, Locking),
                (9, Locking),
                (9, Unexecutable),
                (10, Locking),
                (12, DataLoss),
                (13, DataLoss),
            ],
            "{found:#?}"
        );
        assert!(found[0].2.contains("`Post`"), "{found:?}");
        assert!(found[8].2.contains("`audit.log`"), "{found:?}");
    }

    #[test]
    fn new_tables_are_not_hazards() {
        let mut tables = NewTables::new("public");
        let first = script_hazards("CREATE TABLE \"T\" (id int);", &mut tables);
        assert!(first.hazards.is_empty());
        let second = script_hazards(
            "ALTER TABLE \"T\" ADD COLUMN x int NOT NULL; CREATE INDEX i ON \"T\"(id); DROP TABLE \"T\";",
            &mut tables,
        );
        assert!(second.hazards.is_empty(), "{second:?}");
        let third = script_hazards("DROP TABLE other.\"T\";", &mut tables);
        assert_eq!(third.hazards.len(), 1);
    }

    #[test]
    fn unreadable_scripts_say_so() {
        let mut tables = NewTables::new("public");
        let result = script_hazards("CREAT TABLE x (id int);", &mut tables);
        assert!(result.parse_error.is_some());
    }
}
