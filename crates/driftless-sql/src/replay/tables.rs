//! `CREATE TABLE`: columns, constraints, `LIKE`, `UNLOGGED`, `PARTITION BY`, and the
//! partitions and inheritance the model does not follow.

use driftless_schema::{QualifiedName, Table};
use pg_query::NodeEnum;
use pg_query::protobuf::{CreateStmt, PartitionStrategy};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::deparse;
use super::names::truncate_identifier;
use super::state::Replayer;
use crate::quote_ident_minimal as quote_ident;

impl Replayer {
    pub(super) fn create_table(&mut self, s: &CreateStmt) -> Effect {
        let Some(relation) = s.relation.as_ref() else {
            return Effect::Skipped;
        };
        if relation.relpersistence == "t" || relation.schemaname == "pg_temp" {
            // A temporary table is gone when the session ends.
            self.temporary.insert(relation.relname.clone());
            return Effect::Skipped;
        }
        let Some(schema) = self.creation_schema(Some(&relation.schemaname)) else {
            return Effect::Applied;
        };
        let name = QualifiedName::new(schema.clone(), truncate_identifier(&relation.relname));
        if self.relation_exists(&schema, &name.name) || self.type_exists(&schema, &name.name) {
            if !s.if_not_exists {
                self.fail(format!("relation \"{}\" already exists", name.name));
            }
            return Effect::Applied;
        }
        let mut table = Table::new(name.clone());
        table.unlogged = relation.relpersistence == "u";
        if let Some(spec) = &s.partspec {
            table.partition_by = Some(partition_key(spec));
        }
        self.schema.tables.push(table);
        let index = self.schema.tables.len() - 1;
        if !s.inh_relations.is_empty() || s.partbound.is_some() || s.of_typename.is_some() {
            self.doubt(
                DoubtKind::Unsupported,
                "partitions, inheritance and typed tables copy their parent's definition, which the replay does not follow",
            );
            if let Some(parent) = s.inh_relations.first().and_then(|n| match n.node.as_ref() {
                Some(NodeEnum::RangeVar(r)) => Some(r.clone()),
                _ => None,
            }) {
                let parent_schema =
                    (!parent.schemaname.is_empty()).then_some(parent.schemaname.as_str());
                if let Some(p) = self.table_index(parent_schema, &parent.relname) {
                    let columns = self.schema.tables[p].columns.clone();
                    let parent_name = self.schema.tables[p].name.clone();
                    self.schema.tables[index].columns = columns;
                    if let Some(bound) = &s.partbound {
                        let text = bound_text(bound);
                        self.schema.tables[index].partition_of = Some((parent_name, text));
                    }
                }
            }
        }
        let mut table_constraints = Vec::new();
        for element in &s.table_elts {
            match element.node.as_ref() {
                Some(NodeEnum::ColumnDef(def)) => {
                    if self.schema.tables[index].column(&def.colname).is_some() {
                        if s.partbound.is_some() || !s.inh_relations.is_empty() {
                            continue;
                        }
                        self.fail(format!(
                            "column \"{}\" specified more than once",
                            def.colname
                        ));
                        continue;
                    }
                    if let Some(spec) = self.column_spec(def, &name) {
                        // Column constraints are added after every column exists (a
                        // check may mention a later column).
                        let mut spec = spec;
                        let constraints = std::mem::take(&mut spec.constraints);
                        let column = spec.column.name.clone();
                        self.add_column(index, spec);
                        table_constraints.push((Some(column), constraints));
                    }
                }
                Some(NodeEnum::Constraint(c)) => {
                    table_constraints.push((None, vec![c.as_ref().clone()]));
                }
                Some(NodeEnum::TableLikeClause(like)) => self.create_like(index, like),
                _ => {}
            }
        }
        // PostgreSQL creates checks first, then the indexes of keys, then foreign keys.
        for pass in 0..3 {
            for (column, constraints) in &table_constraints {
                for c in constraints {
                    let kind = constraint_pass(c.contype);
                    if kind == pass {
                        self.add_constraint(index, c, column.as_deref(), true);
                    }
                }
            }
        }
        Effect::Applied
    }

    fn create_like(&mut self, index: usize, like: &pg_query::protobuf::TableLikeClause) {
        let Some(relation) = like.relation.as_ref() else {
            return;
        };
        let schema = (!relation.schemaname.is_empty()).then_some(relation.schemaname.as_str());
        let Some(source) = self.table_index(schema, &relation.relname) else {
            self.fail(format!("relation \"{}\" does not exist", relation.relname));
            return;
        };
        let mut columns = self.schema.tables[source].columns.clone();
        for column in &mut columns {
            column.default = None;
            column.identity = None;
            column.generated = None;
            column.comment = None;
        }
        if like.options != 0 {
            self.doubt(
                DoubtKind::Unsupported,
                "LIKE … INCLUDING copies more than the columns; only the columns are followed",
            );
        }
        self.schema.tables[index].columns.extend(columns);
    }
}

/// 0: checks and NOT NULL, 1: primary keys and unique constraints, 2: foreign keys.
fn constraint_pass(contype: i32) -> usize {
    use pg_query::protobuf::ConstrType;
    if contype == ConstrType::ConstrPrimary as i32
        || contype == ConstrType::ConstrUnique as i32
        || contype == ConstrType::ConstrExclusion as i32
    {
        1
    } else if contype == ConstrType::ConstrForeign as i32 {
        2
    } else {
        0
    }
}

/// `RANGE ("createdAt")`, as `pg_get_partkeydef` prints it.
fn partition_key(spec: &pg_query::protobuf::PartitionSpec) -> String {
    let strategy = if spec.strategy == PartitionStrategy::List as i32 {
        "LIST"
    } else if spec.strategy == PartitionStrategy::Hash as i32 {
        "HASH"
    } else {
        "RANGE"
    };
    let params: Vec<String> = spec
        .part_params
        .iter()
        .filter_map(|p| match p.node.as_ref() {
            Some(NodeEnum::PartitionElem(e)) => {
                if e.name.is_empty() {
                    e.expr
                        .as_deref()
                        .and_then(deparse)
                        .map(|text| format!("({text})"))
                } else {
                    Some(quote_ident(&e.name))
                }
            }
            _ => None,
        })
        .collect();
    format!("{strategy} ({})", params.join(", "))
}

/// A partition bound as written (`FOR VALUES FROM (…) TO (…)`).
fn bound_text(bound: &pg_query::protobuf::PartitionBoundSpec) -> String {
    if bound.is_default {
        return "DEFAULT".to_string();
    }
    let list = |nodes: &[pg_query::Node]| {
        nodes
            .iter()
            .filter_map(deparse)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match bound.strategy.as_str() {
        "l" => format!("FOR VALUES IN ({})", list(&bound.listdatums)),
        "h" => format!(
            "FOR VALUES WITH (modulus {}, remainder {})",
            bound.modulus, bound.remainder
        ),
        _ => format!(
            "FOR VALUES FROM ({}) TO ({})",
            list(&bound.lowerdatums),
            list(&bound.upperdatums)
        ),
    }
}
