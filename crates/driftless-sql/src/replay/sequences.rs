//! `CREATE SEQUENCE` and `ALTER SEQUENCE` with their options (`AS`, `START`, `INCREMENT`,
//! `MINVALUE`, `MAXVALUE`, `CACHE`, `CYCLE`, `OWNED BY`).

use driftless_schema::{QualifiedName, Sequence};
use pg_query::NodeEnum;
use pg_query::protobuf::{AlterSeqStmt, CreateSeqStmt};

use super::dispatch::Effect;
use super::expressions::{def_arg_integer, split_name, strings};
use super::names::truncate_identifier;
use super::state::Replayer;
use crate::types::builtin_type;

impl Replayer {
    pub(super) fn create_sequence(&mut self, s: &CreateSeqStmt) -> Effect {
        let Some(relation) = s.sequence.as_ref() else {
            return Effect::Skipped;
        };
        if relation.relpersistence == "t" || relation.schemaname == "pg_temp" {
            self.temporary.insert(relation.relname.clone());
            return Effect::Skipped;
        }
        let Some(schema) = self.creation_schema(Some(&relation.schemaname)) else {
            return Effect::Applied;
        };
        let name = truncate_identifier(&relation.relname);
        if self.relation_exists(&schema, &name) {
            if !s.if_not_exists {
                self.fail(format!("relation \"{name}\" already exists"));
            }
            return Effect::Applied;
        }
        let mut sequence = Sequence::with_defaults(QualifiedName::new(schema, name), "bigint");
        self.sequence_options(&mut sequence, &s.options, true);
        self.schema.sequences.push(sequence);
        Effect::Applied
    }

    pub(super) fn alter_sequence(&mut self, s: &AlterSeqStmt) -> Effect {
        let Some(relation) = s.sequence.as_ref() else {
            return Effect::Skipped;
        };
        let schema = (!relation.schemaname.is_empty()).then_some(relation.schemaname.as_str());
        let Some((position, _)) = self.resolve_in(
            &self.schema.sequences,
            |s| &s.name,
            schema,
            &relation.relname,
        ) else {
            let is_identity = self
                .path_or(schema)
                .iter()
                .any(|n| self.relation_exists(n, &relation.relname));
            if !s.missing_ok && !is_identity {
                self.fail(format!("relation \"{}\" does not exist", relation.relname));
            }
            return Effect::Applied;
        };
        let mut sequence = self.schema.sequences[position].clone();
        self.sequence_options(&mut sequence, &s.options, false);
        self.schema.sequences[position] = sequence;
        Effect::Applied
    }

    /// Applies sequence options; on creation, the bounds and start follow the type and the
    /// direction as PostgreSQL derives them.
    fn sequence_options(&mut self, sequence: &mut Sequence, options: &[pg_query::Node], new: bool) {
        let mut min = None;
        let mut max = None;
        let mut start = None;
        let mut type_changed = false;
        let mut no_min = false;
        let mut no_max = false;
        for option in options {
            let Some(NodeEnum::DefElem(d)) = option.node.as_ref() else {
                continue;
            };
            let value = def_arg_integer(d.arg.as_deref());
            match d.defname.as_str() {
                "as" => {
                    if let Some(NodeEnum::TypeName(t)) =
                        d.arg.as_deref().and_then(|a| a.node.as_ref())
                    {
                        let names = strings(&t.names);
                        if let Some(name) = names.last().and_then(|n| builtin_type(n, &[])) {
                            sequence.data_type = name;
                            type_changed = true;
                        }
                    }
                }
                "start" => start = value,
                "increment" => {
                    if let Some(v) = value {
                        sequence.increment = v;
                    }
                }
                "minvalue" => match value {
                    Some(v) => min = Some(v),
                    None => no_min = true,
                },
                "maxvalue" => match value {
                    Some(v) => max = Some(v),
                    None => no_max = true,
                },
                "cache" => {
                    if let Some(v) = value {
                        sequence.cache = v;
                    }
                }
                "cycle" => {
                    sequence.cycle = match d.arg.as_deref().and_then(|a| a.node.as_ref()) {
                        Some(NodeEnum::Boolean(b)) => b.boolval,
                        Some(NodeEnum::Integer(i)) => i.ival != 0,
                        _ => true,
                    };
                }
                "owned_by" => {
                    let Some(NodeEnum::List(list)) = d.arg.as_deref().and_then(|a| a.node.as_ref())
                    else {
                        continue;
                    };
                    let parts = strings(&list.items);
                    if parts.len() == 1 && parts[0].eq_ignore_ascii_case("none") {
                        sequence.owned_by = None;
                        continue;
                    }
                    let Some((column, table_parts)) = parts.split_last() else {
                        continue;
                    };
                    let Some((schema, table)) = split_name(table_parts) else {
                        continue;
                    };
                    match self.table_index(schema, table) {
                        Some(t) => {
                            let name = self.schema.tables[t].name.clone();
                            sequence.owned_by = Some((name, column.to_string()));
                        }
                        None => self.fail(format!("relation \"{table}\" does not exist")),
                    }
                }
                _ => {}
            }
        }
        let (type_min, type_max) = match sequence.data_type.as_str() {
            "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        let ascending = sequence.increment > 0;
        if new || no_min || (type_changed && min.is_none()) {
            sequence.min_value = if ascending { 1 } else { type_min };
        }
        if new || no_max || (type_changed && max.is_none()) {
            sequence.max_value = if ascending { type_max } else { -1 };
        }
        if let Some(v) = min {
            sequence.min_value = v;
        }
        if let Some(v) = max {
            sequence.max_value = v;
        }
        match start {
            Some(v) => sequence.start = v,
            None if new => {
                sequence.start = if ascending {
                    sequence.min_value
                } else {
                    sequence.max_value
                }
            }
            None => {}
        }
    }
}
