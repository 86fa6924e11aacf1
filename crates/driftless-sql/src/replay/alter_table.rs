//! `ALTER TABLE`: every subcommand that changes what the model holds (columns, defaults,
//! nullability, types, constraints, row-level security, triggers enabled), and the ones
//! that cannot change it (owner, statistics, storage) skipped.

use driftless_schema::{Deferral, IndexKey};
use pg_query::NodeEnum;
use pg_query::protobuf::{AlterTableCmd, AlterTableStmt, AlterTableType, DropBehavior, ObjectType};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::mentions_column;
use super::state::Replayer;
use crate::canonical::canonical_default_node;

impl Replayer {
    pub(super) fn alter_table(&mut self, s: &AlterTableStmt) -> Effect {
        let Some(relation) = s.relation.as_ref() else {
            return Effect::Skipped;
        };
        let schema = (!relation.schemaname.is_empty()).then_some(relation.schemaname.as_str());
        if self.is_temporary(schema, &relation.relname) {
            return Effect::Skipped;
        }
        if s.objtype == ObjectType::ObjectIndex as i32 {
            return self.alter_index(schema, &relation.relname, &s.cmds, s.missing_ok);
        }
        if s.objtype != ObjectType::ObjectTable as i32 {
            // ALTER VIEW / SEQUENCE / MATERIALIZED VIEW … through ALTER TABLE syntax:
            // owners, options, column defaults of views — nothing the model holds.
            return Effect::Skipped;
        }
        let Some(index) = self.table_index(schema, &relation.relname) else {
            let other_relation = self
                .path_or(schema)
                .iter()
                .any(|s| self.relation_exists(s, &relation.relname));
            if other_relation {
                return Effect::Skipped;
            }
            if !s.missing_ok {
                self.fail(format!("relation \"{}\" does not exist", relation.relname));
            }
            return Effect::Applied;
        };
        let mut effect = Effect::Skipped;
        for cmd in &s.cmds {
            let Some(NodeEnum::AlterTableCmd(cmd)) = cmd.node.as_ref() else {
                continue;
            };
            if self.alter_table_cmd(index, cmd) == Effect::Applied {
                effect = Effect::Applied;
            }
        }
        effect
    }

    /// The schemas to look in: the given one, else the search path.
    pub(super) fn path_or(&self, schema: Option<&str>) -> Vec<String> {
        match schema {
            Some(s) => vec![s.to_string()],
            None => self.path(),
        }
    }

    fn alter_table_cmd(&mut self, index: usize, cmd: &AlterTableCmd) -> Effect {
        let t = |k: AlterTableType| cmd.subtype == k as i32;
        let table_name = self.schema.tables[index].name.clone();
        let column_missing = |this: &mut Self, name: &str| {
            this.fail(format!(
                "column \"{name}\" of relation \"{}\" does not exist",
                table_name.name
            ));
        };
        if t(AlterTableType::AtAddColumn) {
            let Some(NodeEnum::ColumnDef(def)) = cmd.def.as_deref().and_then(|d| d.node.as_ref())
            else {
                return Effect::Skipped;
            };
            if self.schema.tables[index].column(&def.colname).is_some() {
                if !cmd.missing_ok {
                    self.fail(format!(
                        "column \"{}\" of relation \"{}\" already exists",
                        def.colname, table_name.name
                    ));
                }
                return Effect::Applied;
            }
            if let Some(spec) = self.column_spec(def, &table_name) {
                self.add_column(index, spec);
            }
        } else if t(AlterTableType::AtDropColumn) {
            if self.schema.tables[index].column(&cmd.name).is_none() {
                if !cmd.missing_ok {
                    column_missing(self, &cmd.name);
                }
                return Effect::Applied;
            }
            let cascade = cmd.behavior == DropBehavior::DropCascade as i32;
            self.drop_column(index, &cmd.name, cascade);
        } else if t(AlterTableType::AtColumnDefault) {
            let Some(column_type) = self.column_type(index, &cmd.name) else {
                column_missing(self, &cmd.name);
                return Effect::Applied;
            };
            let default = cmd
                .def
                .as_deref()
                .and_then(|d| canonical_default_node(d, &column_type, &table_name.schema));
            if let Some(column) = self.schema.tables[index].column_mut(&cmd.name) {
                column.default = default;
            }
        } else if t(AlterTableType::AtSetNotNull) || t(AlterTableType::AtDropNotNull) {
            let not_null = t(AlterTableType::AtSetNotNull);
            let in_primary_key = self.schema.tables[index]
                .primary_key
                .as_ref()
                .is_some_and(|pk| pk.columns.contains(&cmd.name));
            if !not_null && in_primary_key {
                self.fail(format!("column \"{}\" is in a primary key", cmd.name));
                return Effect::Applied;
            }
            match self.schema.tables[index].column_mut(&cmd.name) {
                Some(column) => column.nullable = !not_null,
                None => column_missing(self, &cmd.name),
            }
        } else if t(AlterTableType::AtAlterColumnType) {
            self.alter_column_type(index, cmd);
        } else if t(AlterTableType::AtAddConstraint) {
            let Some(NodeEnum::Constraint(c)) = cmd.def.as_deref().and_then(|d| d.node.as_ref())
            else {
                return Effect::Skipped;
            };
            self.add_constraint(index, c, None, false);
        } else if t(AlterTableType::AtDropConstraint) {
            let cascade = cmd.behavior == DropBehavior::DropCascade as i32;
            if !self.drop_constraint(index, &cmd.name, cascade) && !cmd.missing_ok {
                self.fail(format!(
                    "constraint \"{}\" of relation \"{}\" does not exist",
                    cmd.name, table_name.name
                ));
            }
        } else if t(AlterTableType::AtValidateConstraint) {
            let table = &mut self.schema.tables[index];
            if let Some(fk) = table.foreign_keys.iter_mut().find(|f| f.name == cmd.name) {
                fk.validated = true;
            } else if let Some(check) = table.checks.iter_mut().find(|c| c.name == cmd.name) {
                check.validated = true;
            } else if !table.has_constraint(&cmd.name) {
                self.fail(format!("constraint \"{}\" does not exist", cmd.name));
            }
        } else if t(AlterTableType::AtAlterConstraint) {
            self.alter_constraint(index, cmd);
        } else if t(AlterTableType::AtEnableRowSecurity) || t(AlterTableType::AtDisableRowSecurity)
        {
            self.schema.tables[index].row_level_security = t(AlterTableType::AtEnableRowSecurity);
        } else if t(AlterTableType::AtSetLogged) || t(AlterTableType::AtSetUnLogged) {
            self.schema.tables[index].unlogged = t(AlterTableType::AtSetUnLogged);
        } else if t(AlterTableType::AtEnableTrig)
            || t(AlterTableType::AtEnableAlwaysTrig)
            || t(AlterTableType::AtEnableReplicaTrig)
            || t(AlterTableType::AtDisableTrig)
            || t(AlterTableType::AtEnableTrigAll)
            || t(AlterTableType::AtDisableTrigAll)
            || t(AlterTableType::AtEnableTrigUser)
            || t(AlterTableType::AtDisableTrigUser)
        {
            let enabled = !(t(AlterTableType::AtDisableTrig)
                || t(AlterTableType::AtDisableTrigAll)
                || t(AlterTableType::AtDisableTrigUser));
            let all = cmd.name.is_empty();
            let mut found = false;
            for trigger in self.triggers.iter_mut().filter(|tr| tr.table == table_name) {
                if all || trigger.name == cmd.name {
                    trigger.enabled = enabled;
                    found = true;
                }
            }
            if !all && !found {
                self.fail(format!(
                    "trigger \"{}\" for table \"{}\" does not exist",
                    cmd.name, table_name.name
                ));
            }
        } else if t(AlterTableType::AtAddIdentity) {
            match self.schema.tables[index].column_mut(&cmd.name) {
                Some(column) => {
                    let always = match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                        Some(NodeEnum::Constraint(c)) => c.generated_when == "a",
                        _ => false,
                    };
                    column.identity = Some(driftless_schema::Identity { always });
                    column.nullable = false;
                }
                None => column_missing(self, &cmd.name),
            }
        } else if t(AlterTableType::AtSetIdentity) {
            self.set_identity(index, cmd);
        } else if t(AlterTableType::AtDropIdentity) {
            match self.schema.tables[index].column_mut(&cmd.name) {
                Some(column) if column.identity.is_some() => column.identity = None,
                Some(_) if cmd.missing_ok => {}
                Some(_) => self.fail(format!("column \"{}\" is not an identity column", cmd.name)),
                None => column_missing(self, &cmd.name),
            }
        } else if t(AlterTableType::AtDropExpression) {
            match self.schema.tables[index].column_mut(&cmd.name) {
                Some(column) => column.generated = None,
                None => column_missing(self, &cmd.name),
            }
        } else if t(AlterTableType::AtSetExpression) {
            let expression = cmd
                .def
                .as_deref()
                .map(crate::canonical::canonical_expression_node);
            match (self.schema.tables[index].column_mut(&cmd.name), expression) {
                (Some(column), Some(expression)) => {
                    if let Some(generated) = &mut column.generated {
                        generated.expression = expression;
                    }
                }
                _ => column_missing(self, &cmd.name),
            }
        } else if t(AlterTableType::AtAttachPartition)
            || t(AlterTableType::AtDetachPartition)
            || t(AlterTableType::AtDetachPartitionFinalize)
            || t(AlterTableType::AtAddInherit)
            || t(AlterTableType::AtDropInherit)
            || t(AlterTableType::AtAddOf)
            || t(AlterTableType::AtDropOf)
        {
            self.doubt(
                DoubtKind::Unsupported,
                "attaching or detaching partitions and inheritance is not followed",
            );
        } else {
            // Owner, statistics, storage, compression, options, clustering, replica
            // identity, tablespace, access method: not in the model.
            return Effect::Skipped;
        }
        Effect::Applied
    }

    fn alter_column_type(&mut self, index: usize, cmd: &AlterTableCmd) {
        let Some(NodeEnum::ColumnDef(def)) = cmd.def.as_deref().and_then(|d| d.node.as_ref())
        else {
            return;
        };
        let Some(type_name) = def.type_name.as_ref() else {
            return;
        };
        let Some(resolved) = self.resolve_type(type_name) else {
            return;
        };
        if resolved.serial.is_some() {
            self.fail(format!(
                "type \"{}\" does not exist",
                resolved.r#type.base_name()
            ));
            return;
        }
        let collation = def
            .coll_clause
            .as_ref()
            .and_then(|c| {
                super::expressions::strings(&c.collname)
                    .last()
                    .map(|s| s.to_string())
            })
            .filter(|c| c != "default");
        let table_name = self.schema.tables[index].name.name.clone();
        match self.schema.tables[index].column_mut(&cmd.name) {
            Some(column) => {
                column.r#type = resolved.r#type;
                column.collation = collation;
            }
            None => self.fail(format!(
                "column \"{}\" of relation \"{table_name}\" does not exist",
                cmd.name
            )),
        }
    }

    fn alter_constraint(&mut self, index: usize, cmd: &AlterTableCmd) {
        let Some(NodeEnum::Constraint(c)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) else {
            return;
        };
        let deferral = match (c.deferrable, c.initdeferred) {
            (true, true) => Deferral::DeferrableInitiallyDeferred,
            (true, false) => Deferral::DeferrableInitiallyImmediate,
            _ => Deferral::NotDeferrable,
        };
        let table = &mut self.schema.tables[index];
        match table.foreign_keys.iter_mut().find(|f| f.name == c.conname) {
            Some(fk) => fk.deferral = deferral,
            None => {
                let name = c.conname.clone();
                self.fail(format!("foreign key constraint \"{name}\" does not exist"));
            }
        }
    }

    fn set_identity(&mut self, index: usize, cmd: &AlterTableCmd) {
        let Some(NodeEnum::List(list)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) else {
            return;
        };
        let Some(column) = self.schema.tables[index].column_mut(&cmd.name) else {
            return;
        };
        for option in &list.items {
            if let Some(NodeEnum::DefElem(d)) = option.node.as_ref() {
                if d.defname == "generated" {
                    let always = super::expressions::def_arg_integer(d.arg.as_deref())
                        .is_some_and(|v| v == i64::from(b'a'));
                    if let Some(identity) = &mut column.identity {
                        identity.always = always;
                    }
                }
            }
        }
    }

    /// Drops a column and what depends on it: its indexes, the constraints that use it,
    /// its serial sequence (foreign keys of other tables that reference it need CASCADE).
    pub(super) fn drop_column(&mut self, index: usize, column: &str, cascade: bool) {
        let table_name = self.schema.tables[index].name.clone();
        let referencing: Vec<(usize, String)> = self
            .schema
            .tables
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                let table_name = &table_name;
                t.foreign_keys
                    .iter()
                    .filter(move |fk| {
                        &fk.referenced_table == table_name
                            && fk.referenced_columns.iter().any(|c| c == column)
                            && !(i == index && fk.columns.iter().any(|c| c == column))
                    })
                    .map(move |fk| (i, fk.name.clone()))
            })
            .collect();
        if !referencing.is_empty() && !cascade {
            self.fail(format!(
                "cannot drop column \"{column}\" of table \"{}\" because other objects depend on it ({})",
                table_name.name,
                referencing
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for (i, name) in referencing {
            self.schema.tables[i]
                .foreign_keys
                .retain(|fk| fk.name != name);
        }
        let table = &mut self.schema.tables[index];
        table.columns.retain(|c| c.name != column);
        table.indexes.retain(|i| {
            !(i.columns.iter().any(|k| match &k.key {
                IndexKey::Column(name) => name == column,
                IndexKey::Expression(e) => mentions_column(e, column),
            }) || i.include.iter().any(|c| c == column)
                || i.predicate
                    .as_deref()
                    .is_some_and(|p| mentions_column(p, column)))
        });
        if table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.iter().any(|c| c == column))
        {
            table.primary_key = None;
        }
        table
            .unique_constraints
            .retain(|u| !u.columns.iter().any(|c| c == column));
        table
            .foreign_keys
            .retain(|fk| !fk.columns.iter().any(|c| c == column));
        table
            .checks
            .retain(|c| !mentions_column(&c.expression, column));
        self.schema.sequences.retain(|s| {
            s.owned_by
                .as_ref()
                .is_none_or(|(t, c)| !(t == &table_name && c == column))
        });
    }

    /// Drops a constraint by name; false when the table has none of that name.
    pub(super) fn drop_constraint(&mut self, index: usize, name: &str, cascade: bool) -> bool {
        let table_name = self.schema.tables[index].name.clone();
        let table = &self.schema.tables[index];
        let key_columns: Option<Vec<String>> =
            if let Some(pk) = table.primary_key.as_ref().filter(|p| p.name == name) {
                Some(pk.columns.clone())
            } else {
                table
                    .unique_constraints
                    .iter()
                    .find(|u| u.name == name)
                    .map(|u| u.columns.clone())
            };
        if let Some(columns) = key_columns {
            // Foreign keys that need this key's index.
            let dependents: Vec<(usize, String)> = self
                .schema
                .tables
                .iter()
                .enumerate()
                .flat_map(|(i, t)| {
                    t.foreign_keys
                        .iter()
                        .filter(|fk| {
                            fk.referenced_table == table_name && {
                                let mut a = fk.referenced_columns.clone();
                                let mut b = columns.clone();
                                a.sort();
                                b.sort();
                                a == b
                            }
                        })
                        .map(move |fk| (i, fk.name.clone()))
                })
                .collect();
            if !dependents.is_empty() {
                if !cascade {
                    self.fail(format!(
                        "cannot drop constraint \"{name}\" because other objects depend on it"
                    ));
                }
                for (i, fk) in dependents {
                    self.schema.tables[i].foreign_keys.retain(|f| f.name != fk);
                }
            }
        }
        let table = &mut self.schema.tables[index];
        if table.primary_key.as_ref().is_some_and(|p| p.name == name) {
            table.primary_key = None;
            return true;
        }
        let before = table.unique_constraints.len() + table.foreign_keys.len() + table.checks.len();
        table.unique_constraints.retain(|u| u.name != name);
        table.foreign_keys.retain(|f| f.name != name);
        table.checks.retain(|c| c.name != name);
        let after = table.unique_constraints.len() + table.foreign_keys.len() + table.checks.len();
        after < before
    }
}

trait BaseName {
    fn base_name(&self) -> String;
}

impl BaseName for driftless_schema::ColumnType {
    fn base_name(&self) -> String {
        match &self.base {
            driftless_schema::TypeRef::Builtin(name) => name.clone(),
            driftless_schema::TypeRef::User(name) => name.name.clone(),
        }
    }
}
