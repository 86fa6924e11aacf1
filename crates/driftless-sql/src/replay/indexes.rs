//! `CREATE INDEX` with everything an index can say (method, expressions, operator classes,
//! collations, order, `INCLUDE`, `WHERE`, storage parameters, `NULLS NOT DISTINCT`), and
//! `ALTER INDEX … SET (…)`.

use driftless_schema::{Index, IndexColumn, IndexKey, IndexMethod, NullsOrder, SortOrder};
use pg_query::NodeEnum;
use pg_query::protobuf::{IndexElem, IndexStmt, SortByDir, SortByNulls};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{def_arg_text, strings};
use super::names::{choose_name, column_name_addition, truncate_identifier};
use super::state::Replayer;
use crate::canonical::canonical_expression_node;

/// Operator classes that are their type's default (`opcdefault`): introspection reports
/// no operator class for them, so neither does the replay.
const DEFAULT_OPCLASSES: &[&str] = &[
    "array_ops",
    "bit_ops",
    "bool_ops",
    "bpchar_ops",
    "bytea_ops",
    "char_ops",
    "cidr_ops",
    "date_ops",
    "enum_ops",
    "float4_ops",
    "float8_ops",
    "inet_ops",
    "int2_ops",
    "int4_ops",
    "int8_ops",
    "interval_ops",
    "jsonb_ops",
    "macaddr_ops",
    "macaddr8_ops",
    "money_ops",
    "name_ops",
    "numeric_ops",
    "oid_ops",
    "oidvector_ops",
    "pg_lsn_ops",
    "range_ops",
    "multirange_ops",
    "record_ops",
    "text_ops",
    "tid_ops",
    "time_ops",
    "timestamp_ops",
    "timestamptz_ops",
    "timetz_ops",
    "tsquery_ops",
    "tsvector_ops",
    "uuid_ops",
    "varbit_ops",
    "xid8_ops",
    "box_ops",
    "circle_ops",
    "point_ops",
    "poly_ops",
    "quad_point_ops",
    "kd_point_ops",
    "inet_minmax_ops",
];

/// The name PostgreSQL derives for an index column (`FigureIndexColname`): the column,
/// the function called, else `expr`.
fn index_column_name(element: &IndexElem) -> String {
    if !element.indexcolname.is_empty() {
        return element.indexcolname.clone();
    }
    if !element.name.is_empty() {
        return element.name.clone();
    }
    element
        .expr
        .as_deref()
        .and_then(figure_name)
        .unwrap_or_else(|| "expr".to_string())
}

fn figure_name(node: &pg_query::Node) -> Option<String> {
    match node.node.as_ref()? {
        NodeEnum::FuncCall(call) => strings(&call.funcname).last().map(|s| s.to_string()),
        NodeEnum::ColumnRef(c) => strings(&c.fields).last().map(|s| s.to_string()),
        NodeEnum::TypeCast(cast) => cast.arg.as_deref().and_then(figure_name).or_else(|| {
            cast.type_name
                .as_ref()
                .and_then(|t| strings(&t.names).last().map(|s| s.to_string()))
        }),
        NodeEnum::CoalesceExpr(_) => Some("coalesce".to_string()),
        NodeEnum::CaseExpr(_) => Some("case".to_string()),
        NodeEnum::CollateClause(c) => c.arg.as_deref().and_then(figure_name),
        _ => None,
    }
}

/// A plain column when the element is a column, or a parenthesised column reference.
fn element_column(element: &IndexElem) -> Option<String> {
    if !element.name.is_empty() {
        return Some(element.name.clone());
    }
    match element.expr.as_deref()?.node.as_ref()? {
        NodeEnum::ColumnRef(c) if c.fields.len() == 1 => {
            strings(&c.fields).first().map(|s| s.to_string())
        }
        _ => None,
    }
}

/// `name=value` storage parameters, sorted, as `pg_class.reloptions` holds them.
pub(super) fn storage_options(options: &[pg_query::Node]) -> Vec<String> {
    let mut storage: Vec<String> = options
        .iter()
        .filter_map(|o| match o.node.as_ref() {
            Some(NodeEnum::DefElem(d)) => Some(format!(
                "{}={}",
                d.defname,
                def_arg_text(d.arg.as_deref()).unwrap_or_else(|| "true".to_string())
            )),
            _ => None,
        })
        .collect();
    storage.sort();
    storage
}

impl Replayer {
    pub(super) fn create_index(&mut self, s: &IndexStmt) -> Effect {
        let Some(relation) = s.relation.as_ref() else {
            return Effect::Skipped;
        };
        let schema = (!relation.schemaname.is_empty()).then_some(relation.schemaname.as_str());
        if self.is_temporary(schema, &relation.relname) {
            return Effect::Skipped;
        }
        let Some(table_index) = self.table_index(schema, &relation.relname) else {
            let is_view = self.path_or(schema).iter().any(|n| {
                self.schema
                    .views
                    .iter()
                    .any(|v| &v.name.schema == n && v.name.name == relation.relname)
            });
            if !is_view {
                self.fail(format!("relation \"{}\" does not exist", relation.relname));
            }
            // Indexes of materialized views are not part of the model.
            return Effect::Applied;
        };
        let table = self.schema.tables[table_index].name.clone();
        let mut columns = Vec::new();
        let mut names = Vec::new();
        for element in &s.index_params {
            let Some(NodeEnum::IndexElem(element)) = element.node.as_ref() else {
                continue;
            };
            let mut figured = index_column_name(element);
            // PostgreSQL numbers repeated column names (`expr`, `expr1`).
            let base = figured.clone();
            let mut n = 0;
            while names.contains(&figured) {
                n += 1;
                figured = format!("{base}{n}");
            }
            names.push(figured);
            let key = match element_column(element) {
                Some(column) => {
                    if self.schema.tables[table_index].column(&column).is_none() {
                        self.fail(format!("column \"{column}\" does not exist"));
                        return Effect::Applied;
                    }
                    IndexKey::Column(column)
                }
                None => match element.expr.as_deref() {
                    Some(expr) => IndexKey::Expression(canonical_expression_node(expr)),
                    None => continue,
                },
            };
            let descending = element.ordering == SortByDir::SortbyDesc as i32;
            let nulls = match (descending, element.nulls_ordering) {
                (false, n) if n == SortByNulls::SortbyNullsFirst as i32 => NullsOrder::First,
                (true, n) if n == SortByNulls::SortbyNullsLast as i32 => NullsOrder::Last,
                _ => NullsOrder::Default,
            };
            let opclass = strings(&element.opclass)
                .last()
                .map(|s| s.to_string())
                .filter(|o| !DEFAULT_OPCLASSES.contains(&o.as_str()));
            if !element.opclassopts.is_empty() {
                self.doubt(
                    DoubtKind::Unsupported,
                    "operator class parameters are not part of the model",
                );
            }
            let column_collation = match &key {
                IndexKey::Column(c) => self.schema.tables[table_index]
                    .column(c)
                    .and_then(|c| c.collation.clone()),
                IndexKey::Expression(_) => None,
            };
            let collation = strings(&element.collation)
                .last()
                .map(|s| s.to_string())
                .filter(|c| c != "default" && Some(c) != column_collation.as_ref());
            columns.push(IndexColumn {
                key,
                sort: if descending {
                    SortOrder::Desc
                } else {
                    SortOrder::Asc
                },
                nulls,
                opclass,
                collation,
            });
        }
        let include: Vec<String> = s
            .index_including_params
            .iter()
            .filter_map(|e| match e.node.as_ref() {
                Some(NodeEnum::IndexElem(e)) => element_column(e),
                _ => None,
            })
            .collect();
        let name = if s.idxname.is_empty() {
            let addition = column_name_addition(names.iter().map(String::as_str));
            choose_name(&table.name, Some(&addition), "idx", |n| {
                self.relation_exists(&table.schema, n)
            })
        } else {
            truncate_identifier(&s.idxname)
        };
        if self.relation_exists(&table.schema, &name) {
            if !s.if_not_exists {
                self.fail(format!("relation \"{name}\" already exists"));
            }
            return Effect::Applied;
        }
        let method = if s.access_method.is_empty() {
            IndexMethod::BTree
        } else {
            IndexMethod::from_name(&s.access_method)
        };
        let index = Index {
            name,
            unique: s.unique,
            method,
            columns,
            include,
            predicate: s.where_clause.as_deref().map(canonical_expression_node),
            nulls_not_distinct: s.nulls_not_distinct,
            storage: storage_options(&s.options),
            valid: true,
        };
        self.schema.tables[table_index].indexes.push(index);
        Effect::Applied
    }

    /// Finds the index `name` (searching the path): (table position, index position), or
    /// the table position and `None` when the name is a key constraint's index.
    pub(super) fn find_index(
        &self,
        schema: Option<&str>,
        name: &str,
    ) -> Option<(usize, Option<usize>)> {
        for namespace in self.path_or(schema) {
            for (t, table) in self.schema.tables.iter().enumerate() {
                if table.name.schema != namespace {
                    continue;
                }
                if let Some(i) = table.indexes.iter().position(|i| i.name == name) {
                    return Some((t, Some(i)));
                }
                let is_key = table.primary_key.as_ref().is_some_and(|p| p.name == name)
                    || table.unique_constraints.iter().any(|u| u.name == name);
                if is_key {
                    return Some((t, None));
                }
            }
        }
        None
    }

    pub(super) fn alter_index(
        &mut self,
        schema: Option<&str>,
        name: &str,
        cmds: &[pg_query::Node],
        missing_ok: bool,
    ) -> Effect {
        let Some((t, Some(i))) = self.find_index(schema, name) else {
            if self.find_index(schema, name).is_none() && !missing_ok {
                self.fail(format!("relation \"{name}\" does not exist"));
            }
            return Effect::Skipped;
        };
        let mut effect = Effect::Skipped;
        for cmd in cmds {
            let Some(NodeEnum::AlterTableCmd(cmd)) = cmd.node.as_ref() else {
                continue;
            };
            use pg_query::protobuf::AlterTableType;
            let options = match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                Some(NodeEnum::List(list)) => list.items.clone(),
                _ => Vec::new(),
            };
            let index = &mut self.schema.tables[t].indexes[i];
            if cmd.subtype == AlterTableType::AtSetRelOptions as i32 {
                let set = storage_options(&options);
                for option in set {
                    let key = option.split('=').next().unwrap_or("").to_string();
                    index
                        .storage
                        .retain(|s| s.split('=').next() != Some(key.as_str()));
                    index.storage.push(option);
                }
                index.storage.sort();
                effect = Effect::Applied;
            } else if cmd.subtype == AlterTableType::AtResetRelOptions as i32 {
                let names: Vec<String> = options
                    .iter()
                    .filter_map(|o| match o.node.as_ref() {
                        Some(NodeEnum::DefElem(d)) => Some(d.defname.clone()),
                        _ => None,
                    })
                    .collect();
                index.storage.retain(|s| {
                    !names
                        .iter()
                        .any(|n| s.split('=').next() == Some(n.as_str()))
                });
                effect = Effect::Applied;
            }
        }
        effect
    }
}
