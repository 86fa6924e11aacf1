//! Table constraints: primary keys, unique constraints, foreign keys and checks, as
//! `CREATE TABLE` and `ALTER TABLE … ADD CONSTRAINT` define them, named as PostgreSQL names
//! them when the script does not.

use driftless_schema::{
    CheckConstraint, Deferral, ForeignKey, ForeignKeyAction, IndexKey, PrimaryKey, QualifiedName,
    UniqueConstraint,
};
use pg_query::protobuf::{ConstrType, Constraint};

use super::DoubtKind;
use super::expressions::{columns_of, strings};
use super::names::{choose_name, column_name_addition};
use super::state::Replayer;
use crate::canonical::canonical_expression_node;

fn deferral(c: &Constraint) -> Deferral {
    match (c.deferrable || c.initdeferred, c.initdeferred) {
        (true, true) => Deferral::DeferrableInitiallyDeferred,
        (true, false) => Deferral::DeferrableInitiallyImmediate,
        _ => Deferral::NotDeferrable,
    }
}

fn action(code: &str) -> ForeignKeyAction {
    match code {
        "r" => ForeignKeyAction::Restrict,
        "c" => ForeignKeyAction::Cascade,
        "n" => ForeignKeyAction::SetNull,
        "d" => ForeignKeyAction::SetDefault,
        _ => ForeignKeyAction::NoAction,
    }
}

impl Replayer {
    /// Adds a constraint to table `index`. `column` is the column it was written on;
    /// `new_table` is true inside `CREATE TABLE` (where `NOT VALID` does not apply).
    pub(super) fn add_constraint(
        &mut self,
        index: usize,
        c: &Constraint,
        column: Option<&str>,
        new_table: bool,
    ) {
        let table = self.schema.tables[index].name.clone();
        let keys: Vec<String> = match column {
            Some(column) if c.keys.is_empty() => vec![column.to_string()],
            _ => strings(&c.keys).into_iter().map(str::to_string).collect(),
        };
        let kind = c.contype;
        let explicit =
            (!c.conname.is_empty()).then(|| super::names::truncate_identifier(&c.conname));
        if let Some(name) = &explicit {
            let taken = self.schema.tables[index].has_constraint(name);
            let relation_taken = (kind == ConstrType::ConstrPrimary as i32
                || kind == ConstrType::ConstrUnique as i32)
                && self.relation_exists(&table.schema, name);
            if taken || relation_taken {
                self.fail(format!("constraint or relation \"{name}\" already exists"));
                return;
            }
        }
        if kind == ConstrType::ConstrPrimary as i32 || kind == ConstrType::ConstrUnique as i32 {
            self.add_key(index, c, keys, explicit, &table);
        } else if kind == ConstrType::ConstrForeign as i32 {
            self.add_foreign_key(index, c, column, explicit, &table, new_table);
        } else if kind == ConstrType::ConstrCheck as i32 {
            let Some(raw) = c.raw_expr.as_deref() else {
                return;
            };
            let expression = canonical_expression_node(raw);
            let name = explicit.unwrap_or_else(|| {
                let columns = columns_of(&expression);
                let single = match (column, columns.as_slice()) {
                    (Some(column), _) => Some(column.to_string()),
                    (None, [only]) => Some(only.clone()),
                    _ => None,
                };
                choose_name(&table.name, single.as_deref(), "check", |n| {
                    self.constraint_exists_in(&table.schema, n)
                })
            });
            self.schema.tables[index].checks.push(CheckConstraint {
                name,
                expression,
                validated: new_table || c.initially_valid,
                no_inherit: c.is_no_inherit,
            });
        } else if kind == ConstrType::ConstrExclusion as i32 {
            self.doubt(
                DoubtKind::Unsupported,
                "exclusion constraints are not part of the schema model",
            );
        } else if kind == ConstrType::ConstrNotnull as i32 {
            for key in &keys {
                if let Some(col) = self.schema.tables[index].column_mut(key) {
                    col.nullable = false;
                }
            }
        }
    }

    fn add_key(
        &mut self,
        index: usize,
        c: &Constraint,
        mut keys: Vec<String>,
        explicit: Option<String>,
        table: &QualifiedName,
    ) {
        let primary = c.contype == ConstrType::ConstrPrimary as i32;
        if !c.indexname.is_empty() {
            // `… UNIQUE USING INDEX i`: the index becomes the constraint's, renamed.
            let Some(position) = self.schema.tables[index]
                .indexes
                .iter()
                .position(|i| i.name == c.indexname)
            else {
                self.fail(format!("index \"{}\" does not exist", c.indexname));
                return;
            };
            let index_model = self.schema.tables[index].indexes.remove(position);
            keys = index_model
                .columns
                .iter()
                .filter_map(|k| match &k.key {
                    IndexKey::Column(name) => Some(name.clone()),
                    IndexKey::Expression(_) => None,
                })
                .collect();
            let name = explicit.clone().unwrap_or(index_model.name.clone());
            self.push_key(
                index,
                primary,
                name,
                keys,
                c,
                index_model.nulls_not_distinct,
            );
            return;
        }
        if !c.including.is_empty() || c.where_clause.is_some() || !c.options.is_empty() {
            self.doubt(
                DoubtKind::Unsupported,
                "INCLUDE, WHERE or storage options of a key constraint are not part of the model",
            );
        }
        for key in &keys {
            if self.schema.tables[index].column(key).is_none() {
                self.fail(format!(
                    "column \"{key}\" named in key does not exist in table \"{}\"",
                    table.name
                ));
                return;
            }
        }
        let name = explicit.unwrap_or_else(|| {
            let addition = column_name_addition(keys.iter().map(String::as_str));
            let (name2, label) = if primary {
                (None, "pkey")
            } else {
                (Some(addition.as_str()), "key")
            };
            choose_name(&table.name, name2, label, |n| {
                self.relation_exists(&table.schema, n)
            })
        });
        self.push_key(index, primary, name, keys, c, c.nulls_not_distinct);
    }

    fn push_key(
        &mut self,
        index: usize,
        primary: bool,
        name: String,
        keys: Vec<String>,
        c: &Constraint,
        nulls_not_distinct: bool,
    ) {
        let table = &mut self.schema.tables[index];
        if primary {
            if table.primary_key.is_some() {
                let table_name = table.name.name.clone();
                self.fail(format!(
                    "multiple primary keys for table \"{table_name}\" are not allowed"
                ));
                return;
            }
            for key in &keys {
                if let Some(column) = table.column_mut(key) {
                    column.nullable = false;
                }
            }
            table.primary_key = Some(PrimaryKey {
                name,
                columns: keys,
                deferral: deferral(c),
            });
        } else {
            table.unique_constraints.push(UniqueConstraint {
                name,
                columns: keys,
                deferral: deferral(c),
                nulls_not_distinct,
            });
        }
    }

    fn add_foreign_key(
        &mut self,
        index: usize,
        c: &Constraint,
        column: Option<&str>,
        explicit: Option<String>,
        table: &QualifiedName,
        new_table: bool,
    ) {
        let columns: Vec<String> = match column {
            Some(column) if c.fk_attrs.is_empty() => vec![column.to_string()],
            _ => strings(&c.fk_attrs)
                .into_iter()
                .map(str::to_string)
                .collect(),
        };
        let Some(pktable) = c.pktable.as_ref() else {
            return;
        };
        let schema = (!pktable.schemaname.is_empty()).then_some(pktable.schemaname.as_str());
        let Some(referenced) = self.table_index(schema, &pktable.relname) else {
            let shown = match schema {
                Some(s) => format!("{s}.{}", pktable.relname),
                None => pktable.relname.clone(),
            };
            self.fail(format!("relation \"{shown}\" does not exist"));
            return;
        };
        let referenced_name = self.schema.tables[referenced].name.clone();
        let mut referenced_columns: Vec<String> = strings(&c.pk_attrs)
            .into_iter()
            .map(str::to_string)
            .collect();
        if referenced_columns.is_empty() {
            match &self.schema.tables[referenced].primary_key {
                Some(pk) => referenced_columns = pk.columns.clone(),
                None => {
                    self.fail(format!(
                        "there is no primary key for referenced table \"{}\"",
                        referenced_name.name
                    ));
                    return;
                }
            }
        }
        for key in &columns {
            if self.schema.tables[index].column(key).is_none() {
                self.fail(format!(
                    "column \"{key}\" referenced in foreign key constraint does not exist"
                ));
                return;
            }
        }
        for key in &referenced_columns {
            if self.schema.tables[referenced].column(key).is_none() {
                self.fail(format!(
                    "column \"{key}\" referenced in foreign key constraint does not exist"
                ));
                return;
            }
        }
        let name = explicit.unwrap_or_else(|| {
            let addition = column_name_addition(columns.iter().map(String::as_str));
            choose_name(&table.name, Some(&addition), "fkey", |n| {
                self.constraint_exists_in(&table.schema, n)
            })
        });
        self.schema.tables[index].foreign_keys.push(ForeignKey {
            name,
            columns,
            referenced_table: referenced_name,
            referenced_columns,
            on_delete: action(&c.fk_del_action),
            on_update: action(&c.fk_upd_action),
            deferral: deferral(c),
            match_full: c.fk_matchtype == "f",
            validated: new_table || c.initially_valid,
        });
    }
}
