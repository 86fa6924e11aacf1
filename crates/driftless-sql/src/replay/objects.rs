//! `DROP`, `RENAME` and `SET SCHEMA` of every object kind, with what follows from them:
//! dropping a table drops its sequences and triggers (and, with `CASCADE`, the foreign
//! keys that reference it); renaming a column renames it in keys, indexes, checks and
//! triggers, as PostgreSQL's catalogs refer to columns by number, not by name.

use driftless_schema::{DefaultValue, IndexKey, QualifiedName, TypeRef};
use pg_query::NodeEnum;
use pg_query::protobuf::{
    AlterObjectSchemaStmt, DropBehavior, DropStmt, ObjectType, ObjectWithArgs, RenameStmt,
};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{rename_column, split_name, strings};
use super::functions::argument_types;
use super::names::truncate_identifier;
use super::state::{ObjectKey, Replayer};

fn is(kind: i32, object: ObjectType) -> bool {
    kind == object as i32
}

/// The names of one object of a `DROP` list.
fn object_names(node: &pg_query::Node) -> Vec<&str> {
    match node.node.as_ref() {
        Some(NodeEnum::List(list)) => strings(&list.items),
        Some(NodeEnum::TypeName(t)) => strings(&t.names),
        Some(NodeEnum::String(s)) => vec![s.sval.as_str()],
        Some(NodeEnum::ObjectWithArgs(o)) => strings(&o.objname),
        _ => Vec::new(),
    }
}

impl Replayer {
    pub(super) fn drop(&mut self, s: &DropStmt) -> Effect {
        let cascade = s.behavior == DropBehavior::DropCascade as i32;
        let kind = s.remove_type;
        let known = [
            ObjectType::ObjectTable,
            ObjectType::ObjectIndex,
            ObjectType::ObjectSequence,
            ObjectType::ObjectView,
            ObjectType::ObjectMatview,
            ObjectType::ObjectType,
            ObjectType::ObjectDomain,
            ObjectType::ObjectFunction,
            ObjectType::ObjectProcedure,
            ObjectType::ObjectRoutine,
            ObjectType::ObjectTrigger,
            ObjectType::ObjectSchema,
            ObjectType::ObjectExtension,
        ];
        if !known.iter().any(|k| is(kind, *k)) {
            // Policies, rules, publications, casts, operators…: not in the model.
            return Effect::Skipped;
        }
        for object in &s.objects {
            if let Some(NodeEnum::ObjectWithArgs(o)) = object.node.as_ref() {
                self.drop_function(o, s.missing_ok, cascade);
                continue;
            }
            let names = object_names(object);
            if is(kind, ObjectType::ObjectSchema) || is(kind, ObjectType::ObjectExtension) {
                for name in names {
                    if is(kind, ObjectType::ObjectSchema) {
                        self.drop_schema(name, s.missing_ok, cascade);
                    } else {
                        let before = self.schema.extensions.len();
                        self.schema.extensions.retain(|e| e.name != name);
                        if before == self.schema.extensions.len() && !s.missing_ok {
                            self.fail(format!("extension \"{name}\" does not exist"));
                        }
                    }
                }
                continue;
            }
            if is(kind, ObjectType::ObjectTrigger) {
                let Some((trigger, table_parts)) = names.split_last() else {
                    continue;
                };
                let Some((schema, table)) = split_name(table_parts) else {
                    continue;
                };
                let table_name = match self.table_index(schema, table) {
                    Some(t) => Some(self.schema.tables[t].name.clone()),
                    None => self
                        .resolve_in(&self.schema.views, |v| &v.name, schema, table)
                        .map(|(_, v)| v.name.clone()),
                };
                let before = self.triggers.len();
                if let Some(table_name) = &table_name {
                    self.triggers
                        .retain(|t| !(&t.table == table_name && t.name == *trigger));
                }
                if before == self.triggers.len() && !s.missing_ok {
                    self.fail(format!(
                        "trigger \"{trigger}\" for table \"{table}\" does not exist"
                    ));
                }
                continue;
            }
            let Some((schema, name)) = split_name(&names) else {
                continue;
            };
            if self.is_temporary(schema, name) {
                self.temporary.remove(name);
                continue;
            }
            if is(kind, ObjectType::ObjectTable) {
                match self.table_index(schema, name) {
                    Some(t) => self.drop_table(t, cascade),
                    None if s.missing_ok => {}
                    None => self.fail(format!("table \"{name}\" does not exist")),
                }
            } else if is(kind, ObjectType::ObjectIndex) {
                match self.find_index(schema, name) {
                    Some((t, Some(i))) => {
                        self.schema.tables[t].indexes.remove(i);
                    }
                    Some((_, None)) => self.fail(format!(
                        "cannot drop index {name} because a constraint requires it"
                    )),
                    None if s.missing_ok => {}
                    None => self.fail(format!("index \"{name}\" does not exist")),
                }
            } else if is(kind, ObjectType::ObjectSequence) {
                match self.resolve_in(&self.schema.sequences, |q| &q.name, schema, name) {
                    Some((i, _)) => self.drop_sequence(i, cascade),
                    None if s.missing_ok => {}
                    None => self.fail(format!("sequence \"{name}\" does not exist")),
                }
            } else if is(kind, ObjectType::ObjectView) || is(kind, ObjectType::ObjectMatview) {
                match self.resolve_in(&self.schema.views, |v| &v.name, schema, name) {
                    Some((i, _)) => {
                        let view = self.schema.views.remove(i);
                        self.triggers.retain(|t| t.table != view.name);
                        self.resolve(&ObjectKey::View(view.name));
                    }
                    None if s.missing_ok => {}
                    None => self.fail(format!("view \"{name}\" does not exist")),
                }
            } else if is(kind, ObjectType::ObjectType) || is(kind, ObjectType::ObjectDomain) {
                match self.find_type(schema, name) {
                    Some(q) => self.drop_type(&q, cascade),
                    None if s.missing_ok => {}
                    None => self.fail(format!("type \"{name}\" does not exist")),
                }
            }
        }
        Effect::Applied
    }

    /// Drops table `t` with its sequences, triggers and partitions.
    pub(super) fn drop_table(&mut self, t: usize, cascade: bool) {
        let name = self.schema.tables[t].name.clone();
        let referencing: Vec<(QualifiedName, String)> = self
            .schema
            .foreign_keys()
            .filter(|(table, fk)| fk.referenced_table == name && table.name != name)
            .map(|(table, fk)| (table.name.clone(), fk.name.clone()))
            .collect();
        if !referencing.is_empty() && !cascade {
            self.fail(format!(
                "cannot drop table \"{}\" because other objects depend on it ({})",
                name.name,
                referencing
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for table in &mut self.schema.tables {
            table.foreign_keys.retain(|fk| fk.referenced_table != name);
        }
        self.schema.tables.remove(t);
        self.schema
            .sequences
            .retain(|s| s.owned_by.as_ref().is_none_or(|(table, _)| table != &name));
        self.triggers.retain(|tr| tr.table != name);
        let partitions: Vec<QualifiedName> = self
            .schema
            .tables
            .iter()
            .filter(|p| {
                p.partition_of
                    .as_ref()
                    .is_some_and(|(parent, _)| parent == &name)
            })
            .map(|p| p.name.clone())
            .collect();
        for partition in partitions {
            if let Some(p) = self.schema.tables.iter().position(|x| x.name == partition) {
                self.drop_table(p, true);
            }
        }
    }

    fn drop_sequence(&mut self, i: usize, cascade: bool) {
        let name = self.schema.sequences[i].name.clone();
        let used = self.schema.tables.iter().any(|t| {
            t.columns
                .iter()
                .any(|c| c.default == Some(DefaultValue::Sequence(name.clone())))
        });
        if used && !cascade {
            self.fail(format!(
                "cannot drop sequence {} because other objects depend on it",
                name.name
            ));
        }
        for table in &mut self.schema.tables {
            for column in &mut table.columns {
                if column.default == Some(DefaultValue::Sequence(name.clone())) {
                    column.default = None;
                }
            }
        }
        self.schema.sequences.remove(i);
    }

    fn drop_type(&mut self, name: &QualifiedName, cascade: bool) {
        let uses = |t: &driftless_schema::ColumnType| t.base == TypeRef::User(name.clone());
        let used = self
            .schema
            .tables
            .iter()
            .any(|t| t.columns.iter().any(|c| uses(&c.r#type)))
            || self.schema.domains.iter().any(|d| uses(&d.base));
        if used {
            if !cascade {
                self.fail(format!(
                    "cannot drop type {} because other objects depend on it",
                    name.name
                ));
            } else {
                let columns: Vec<(usize, String)> = self
                    .schema
                    .tables
                    .iter()
                    .enumerate()
                    .flat_map(|(i, t)| {
                        t.columns
                            .iter()
                            .filter(|c| uses(&c.r#type))
                            .map(move |c| (i, c.name.clone()))
                    })
                    .collect();
                for (t, column) in columns {
                    self.drop_column(t, &column, true);
                }
            }
        }
        self.schema.enums.retain(|e| &e.name != name);
        self.schema.domains.retain(|d| &d.name != name);
        self.schema.other_types.retain(|o| &o.name != name);
    }

    fn drop_function(&mut self, o: &ObjectWithArgs, missing_ok: bool, cascade: bool) {
        let parts = strings(&o.objname);
        let Some((schema, name)) = split_name(&parts) else {
            return;
        };
        let wanted: Option<Vec<String>> = (!o.args_unspecified).then(|| {
            o.objargs
                .iter()
                .filter_map(|a| match a.node.as_ref() {
                    Some(NodeEnum::TypeName(t)) => self.signature_of(t),
                    _ => None,
                })
                .collect()
        });
        let schemas = self.path_or(schema);
        let position = self.schema.functions.iter().position(|f| {
            schemas.contains(&f.name.schema)
                && f.name.name == name
                && wanted
                    .as_ref()
                    .is_none_or(|w| &argument_types(&f.arguments) == w)
        });
        let Some(position) = position else {
            if !missing_ok {
                self.fail(format!("function {name} does not exist"));
            }
            return;
        };
        let function = self.schema.functions[position].name.clone();
        let used = self
            .triggers
            .iter()
            .any(|t| t.parts.as_ref().is_some_and(|p| p.function == function));
        if used && !cascade {
            self.fail(format!(
                "cannot drop function {name} because other objects depend on it"
            ));
        }
        if cascade {
            self.triggers
                .retain(|t| t.parts.as_ref().is_none_or(|p| p.function != function));
        }
        self.schema.functions.remove(position);
        self.resolve(&ObjectKey::Function(function));
    }

    /// A type as function signatures print it, resolved without recording doubts.
    fn signature_of(&self, t: &pg_query::protobuf::TypeName) -> Option<String> {
        let resolved = self.resolve_type_quietly(t).ok()?;
        let base = match &resolved.r#type.base {
            TypeRef::Builtin(b) => b.clone(),
            TypeRef::User(q) => self.format_user_type(q),
        };
        let base = match resolved.serial {
            Some(serial) => serial.integer_type().to_string(),
            None => base,
        };
        Some(if resolved.r#type.array {
            format!("{base}[]")
        } else {
            base
        })
    }

    fn drop_schema(&mut self, name: &str, missing_ok: bool, cascade: bool) {
        if !self.namespace_exists(name) {
            if !missing_ok {
                self.fail(format!("schema \"{name}\" does not exist"));
            }
            return;
        }
        let in_schema = |q: &QualifiedName| q.schema == name;
        let has_objects = self.schema.tables.iter().any(|t| in_schema(&t.name))
            || self.schema.enums.iter().any(|e| in_schema(&e.name))
            || self.schema.domains.iter().any(|d| in_schema(&d.name))
            || self.schema.sequences.iter().any(|s| in_schema(&s.name))
            || self.schema.views.iter().any(|v| in_schema(&v.name))
            || self.schema.functions.iter().any(|f| in_schema(&f.name))
            || self.schema.other_types.iter().any(|o| in_schema(&o.name));
        if has_objects && !cascade {
            self.fail(format!(
                "cannot drop schema {name} because other objects depend on it"
            ));
        }
        while let Some(t) = self.schema.tables.iter().position(|t| in_schema(&t.name)) {
            self.drop_table(t, true);
        }
        self.schema.enums.retain(|e| !in_schema(&e.name));
        self.schema.domains.retain(|d| !in_schema(&d.name));
        self.schema.sequences.retain(|s| !in_schema(&s.name));
        self.schema.views.retain(|v| !in_schema(&v.name));
        self.schema.functions.retain(|f| !in_schema(&f.name));
        self.schema.other_types.retain(|o| !in_schema(&o.name));
        self.schema
            .extensions
            .retain(|e| e.schema.as_deref() != Some(name));
        self.existing.remove(name);
    }

    pub(super) fn rename(&mut self, s: &RenameStmt) -> Effect {
        let kind = s.rename_type;
        let new = truncate_identifier(&s.newname);
        let relation = s.relation.as_ref();
        let relation_schema = relation
            .map(|r| r.schemaname.as_str())
            .filter(|n| !n.is_empty());
        let relation_name = relation.map(|r| r.relname.as_str()).unwrap_or("");
        if is(kind, ObjectType::ObjectColumn) || is(kind, ObjectType::ObjectTabconstraint) {
            let Some(t) = self.table_index(relation_schema, relation_name) else {
                let is_view = self
                    .resolve_in(
                        &self.schema.views,
                        |v| &v.name,
                        relation_schema,
                        relation_name,
                    )
                    .is_some();
                if !is_view && !s.missing_ok {
                    self.fail(format!("relation \"{relation_name}\" does not exist"));
                }
                return Effect::Applied;
            };
            if is(kind, ObjectType::ObjectColumn) {
                self.rename_column(t, &s.subname, &new);
            } else {
                self.rename_constraint(t, &s.subname, &new);
            }
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectTable)
            || is(kind, ObjectType::ObjectIndex)
            || is(kind, ObjectType::ObjectSequence)
            || is(kind, ObjectType::ObjectView)
            || is(kind, ObjectType::ObjectMatview)
        {
            // `ALTER TABLE` may rename any relation, and so may the others.
            self.rename_relation(relation_schema, relation_name, &new, s.missing_ok);
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectTrigger) {
            let table = self
                .table_index(relation_schema, relation_name)
                .map(|t| self.schema.tables[t].name.clone());
            let found = table.and_then(|table| {
                self.triggers
                    .iter_mut()
                    .find(|t| t.table == table && t.name == s.subname)
            });
            match found {
                Some(trigger) => trigger.name = new,
                None => self.fail(format!("trigger \"{}\" does not exist", s.subname)),
            }
            return Effect::Applied;
        }
        let object_names: Vec<&str> = s.object.as_deref().map(object_names).unwrap_or_default();
        if is(kind, ObjectType::ObjectType) || is(kind, ObjectType::ObjectDomain) {
            let Some((schema, name)) = split_name(&object_names) else {
                return Effect::Skipped;
            };
            let Some(old) = self.find_type(schema, name) else {
                self.fail(format!("type \"{name}\" does not exist"));
                return Effect::Applied;
            };
            if self.type_exists(&old.schema, &new) {
                self.fail(format!("type \"{new}\" already exists"));
                return Effect::Applied;
            }
            let renamed = QualifiedName::new(old.schema.clone(), new);
            self.move_type(&old, &renamed);
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectFunction)
            || is(kind, ObjectType::ObjectProcedure)
            || is(kind, ObjectType::ObjectRoutine)
        {
            let Some((schema, name)) = split_name(&object_names) else {
                return Effect::Skipped;
            };
            let schemas = self.path_or(schema);
            let Some(i) = self
                .schema
                .functions
                .iter()
                .position(|f| schemas.contains(&f.name.schema) && f.name.name == name)
            else {
                self.fail(format!("function {name} does not exist"));
                return Effect::Applied;
            };
            let old = self.schema.functions[i].name.clone();
            let renamed = QualifiedName::new(old.schema.clone(), new);
            self.move_function(&old, &renamed);
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectDomconstraint) {
            let Some((schema, name)) = split_name(&object_names) else {
                return Effect::Skipped;
            };
            if let Some((i, _)) = self.resolve_in(&self.schema.domains, |d| &d.name, schema, name) {
                for check in &mut self.schema.domains[i].checks {
                    if check.0 == s.subname {
                        check.0 = new.clone();
                    }
                }
                self.schema.domains[i].checks.sort();
            }
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectSchema) {
            self.doubt(DoubtKind::Unsupported, "renaming a schema is not followed");
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectAttribute) {
            self.doubt(
                DoubtKind::Unsupported,
                "renaming an attribute of a composite type is not followed",
            );
            return Effect::Applied;
        }
        // Roles, databases, policies, rules, publications…: not in the model.
        Effect::Skipped
    }

    fn rename_relation(&mut self, schema: Option<&str>, name: &str, new: &str, missing_ok: bool) {
        let namespace = if let Some(t) = self.table_index(schema, name) {
            Some(self.schema.tables[t].name.schema.clone())
        } else {
            self.find_index(schema, name)
                .map(|(t, _)| self.schema.tables[t].name.schema.clone())
                .or_else(|| {
                    self.resolve_in(&self.schema.sequences, |s| &s.name, schema, name)
                        .map(|(_, s)| s.name.schema.clone())
                })
                .or_else(|| {
                    self.resolve_in(&self.schema.views, |v| &v.name, schema, name)
                        .map(|(_, v)| v.name.schema.clone())
                })
        };
        let Some(namespace) = namespace else {
            if !missing_ok {
                self.fail(format!("relation \"{name}\" does not exist"));
            }
            return;
        };
        if self.relation_exists(&namespace, new) {
            self.fail(format!("relation \"{new}\" already exists"));
            return;
        }
        let old = QualifiedName::new(namespace.clone(), name.to_string());
        let renamed = QualifiedName::new(namespace.clone(), new.to_string());
        if let Some(t) = self.table_index(Some(&namespace), name) {
            self.move_table(t, &renamed);
        } else if let Some((t, i)) = self.find_index(Some(&namespace), name) {
            let table = &mut self.schema.tables[t];
            match i {
                Some(i) => table.indexes[i].name = new.to_string(),
                None => {
                    // The index of a key: the constraint is renamed with it.
                    if let Some(pk) = table.primary_key.as_mut().filter(|p| p.name == name) {
                        pk.name = new.to_string();
                    }
                    for unique in &mut table.unique_constraints {
                        if unique.name == name {
                            unique.name = new.to_string();
                        }
                    }
                }
            }
        } else if let Some(i) = self.schema.sequences.iter().position(|s| s.name == old) {
            self.schema.sequences[i].name = renamed.clone();
            self.move_sequence_refs(&old, &renamed);
        } else if let Some(i) = self.schema.views.iter().position(|v| v.name == old) {
            self.schema.views[i].name = renamed.clone();
            for (_, _, key) in &mut self.object_doubts {
                if *key == ObjectKey::View(old.clone()) {
                    *key = ObjectKey::View(renamed.clone());
                }
            }
            for trigger in &mut self.triggers {
                if trigger.table == old {
                    trigger.table = renamed.clone();
                }
            }
        }
    }

    /// Renames or moves table `t`, and every reference to it.
    fn move_table(&mut self, t: usize, to: &QualifiedName) {
        let old = self.schema.tables[t].name.clone();
        self.schema.tables[t].name = to.clone();
        for table in &mut self.schema.tables {
            for fk in &mut table.foreign_keys {
                if fk.referenced_table == old {
                    fk.referenced_table = to.clone();
                }
            }
            if let Some((parent, _)) = &mut table.partition_of {
                if *parent == old {
                    *parent = to.clone();
                }
            }
        }
        for sequence in &mut self.schema.sequences {
            if let Some((table, _)) = &mut sequence.owned_by {
                if *table == old {
                    *table = to.clone();
                }
            }
        }
        for trigger in &mut self.triggers {
            if trigger.table == old {
                trigger.table = to.clone();
            }
        }
    }

    fn rename_column(&mut self, t: usize, from: &str, to: &str) {
        let table_name = self.schema.tables[t].name.clone();
        if self.schema.tables[t].column(from).is_none() {
            self.fail(format!(
                "column \"{from}\" of relation \"{}\" does not exist",
                table_name.name
            ));
            return;
        }
        if self.schema.tables[t].column(to).is_some() {
            self.fail(format!(
                "column \"{to}\" of relation \"{}\" already exists",
                table_name.name
            ));
            return;
        }
        let swap = |name: &mut String| {
            if name == from {
                *name = to.to_string();
            }
        };
        let table = &mut self.schema.tables[t];
        for column in &mut table.columns {
            swap(&mut column.name);
            if let Some(generated) = &mut column.generated {
                generated.expression = rename_column(&generated.expression, from, to);
            }
        }
        if let Some(pk) = &mut table.primary_key {
            pk.columns.iter_mut().for_each(swap);
        }
        for unique in &mut table.unique_constraints {
            unique.columns.iter_mut().for_each(swap);
        }
        for fk in &mut table.foreign_keys {
            fk.columns.iter_mut().for_each(swap);
        }
        for index in &mut table.indexes {
            for key in &mut index.columns {
                match &mut key.key {
                    IndexKey::Column(name) => swap(name),
                    IndexKey::Expression(e) => *e = rename_column(e, from, to),
                }
            }
            index.include.iter_mut().for_each(swap);
            if let Some(p) = &mut index.predicate {
                *p = rename_column(p, from, to);
            }
        }
        for check in &mut table.checks {
            check.expression = rename_column(&check.expression, from, to);
        }
        if let Some(partition_by) = &mut table.partition_by {
            *partition_by = rename_column(partition_by, from, to);
        }
        for table in &mut self.schema.tables {
            for fk in &mut table.foreign_keys {
                if fk.referenced_table == table_name {
                    fk.referenced_columns.iter_mut().for_each(swap);
                }
            }
        }
        for sequence in &mut self.schema.sequences {
            if let Some((table, column)) = &mut sequence.owned_by {
                if *table == table_name {
                    swap(column);
                }
            }
        }
        for trigger in &mut self.triggers {
            if trigger.table == table_name {
                if let Some(parts) = &mut trigger.parts {
                    parts.columns.iter_mut().for_each(swap);
                }
            }
        }
    }

    fn rename_constraint(&mut self, t: usize, from: &str, to: &str) {
        let schema = self.schema.tables[t].name.schema.clone();
        if self.schema.tables[t].has_constraint(to) {
            self.fail(format!("constraint \"{to}\" already exists"));
            return;
        }
        let table = &mut self.schema.tables[t];
        let mut found = false;
        let mut is_key = false;
        if let Some(pk) = table.primary_key.as_mut().filter(|p| p.name == from) {
            pk.name = to.to_string();
            found = true;
            is_key = true;
        }
        for unique in &mut table.unique_constraints {
            if unique.name == from {
                unique.name = to.to_string();
                found = true;
                is_key = true;
            }
        }
        for fk in &mut table.foreign_keys {
            if fk.name == from {
                fk.name = to.to_string();
                found = true;
            }
        }
        for check in &mut table.checks {
            if check.name == from {
                check.name = to.to_string();
                found = true;
            }
        }
        if !found {
            self.fail(format!("constraint \"{from}\" does not exist"));
        } else if is_key {
            // The key's index is renamed with it; the name must be free among relations.
            let clash = self.schema.tables.iter().any(|t| {
                t.name.schema == schema
                    && (t.name.name == to || t.indexes.iter().any(|i| i.name == to))
            });
            if clash {
                self.fail(format!("relation \"{to}\" already exists"));
            }
        }
    }

    fn move_sequence_refs(&mut self, old: &QualifiedName, to: &QualifiedName) {
        for table in &mut self.schema.tables {
            for column in &mut table.columns {
                if column.default == Some(DefaultValue::Sequence(old.clone())) {
                    column.default = Some(DefaultValue::Sequence(to.clone()));
                }
            }
        }
    }

    /// Renames or moves a type, and every column and domain of it.
    fn move_type(&mut self, old: &QualifiedName, to: &QualifiedName) {
        for e in &mut self.schema.enums {
            if &e.name == old {
                e.name = to.clone();
            }
        }
        for d in &mut self.schema.domains {
            if &d.name == old {
                d.name = to.clone();
            }
            if d.base.base == TypeRef::User(old.clone()) {
                d.base.base = TypeRef::User(to.clone());
            }
        }
        for o in &mut self.schema.other_types {
            if &o.name == old {
                o.name = to.clone();
            }
        }
        for table in &mut self.schema.tables {
            for column in &mut table.columns {
                if column.r#type.base == TypeRef::User(old.clone()) {
                    column.r#type.base = TypeRef::User(to.clone());
                }
            }
        }
    }

    fn move_function(&mut self, old: &QualifiedName, to: &QualifiedName) {
        for f in &mut self.schema.functions {
            if &f.name == old {
                f.name = to.clone();
            }
        }
        for trigger in &mut self.triggers {
            if let Some(parts) = &mut trigger.parts {
                if &parts.function == old {
                    parts.function = to.clone();
                }
            }
        }
    }

    pub(super) fn set_schema(&mut self, s: &AlterObjectSchemaStmt) -> Effect {
        let kind = s.object_type;
        let target = s.newschema.clone();
        if !self.namespace_exists(&target) {
            self.fail(format!("schema \"{target}\" does not exist"));
            return Effect::Applied;
        }
        let relation = s.relation.as_ref();
        let relation_schema = relation
            .map(|r| r.schemaname.as_str())
            .filter(|n| !n.is_empty());
        let relation_name = relation.map(|r| r.relname.as_str()).unwrap_or("");
        if is(kind, ObjectType::ObjectTable) {
            let Some(t) = self.table_index(relation_schema, relation_name) else {
                if !s.missing_ok {
                    self.fail(format!("relation \"{relation_name}\" does not exist"));
                }
                return Effect::Applied;
            };
            let old = self.schema.tables[t].name.clone();
            let to = QualifiedName::new(target.clone(), old.name.clone());
            self.move_table(t, &to);
            // Its owned sequences move with it.
            let owned: Vec<QualifiedName> = self
                .schema
                .sequences
                .iter()
                .filter(|s| s.owned_by.as_ref().is_some_and(|(table, _)| table == &to))
                .map(|s| s.name.clone())
                .collect();
            for sequence in owned {
                let moved = QualifiedName::new(target.clone(), sequence.name.clone());
                if let Some(s) = self
                    .schema
                    .sequences
                    .iter_mut()
                    .find(|s| s.name == sequence)
                {
                    s.name = moved.clone();
                }
                self.move_sequence_refs(&sequence, &moved);
            }
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectSequence) {
            let Some((i, _)) = self.resolve_in(
                &self.schema.sequences,
                |q| &q.name,
                relation_schema,
                relation_name,
            ) else {
                if !s.missing_ok {
                    self.fail(format!("relation \"{relation_name}\" does not exist"));
                }
                return Effect::Applied;
            };
            let old = self.schema.sequences[i].name.clone();
            let to = QualifiedName::new(target, old.name.clone());
            self.schema.sequences[i].name = to.clone();
            self.move_sequence_refs(&old, &to);
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectView) || is(kind, ObjectType::ObjectMatview) {
            if let Some((i, _)) = self.resolve_in(
                &self.schema.views,
                |v| &v.name,
                relation_schema,
                relation_name,
            ) {
                let old = self.schema.views[i].name.clone();
                let to = QualifiedName::new(target, old.name.clone());
                self.schema.views[i].name = to.clone();
                for (_, _, key) in &mut self.object_doubts {
                    if *key == ObjectKey::View(old.clone()) {
                        *key = ObjectKey::View(to.clone());
                    }
                }
            } else if !s.missing_ok {
                self.fail(format!("relation \"{relation_name}\" does not exist"));
            }
            return Effect::Applied;
        }
        let object_names: Vec<&str> = s.object.as_deref().map(object_names).unwrap_or_default();
        if is(kind, ObjectType::ObjectType) || is(kind, ObjectType::ObjectDomain) {
            let Some((schema, name)) = split_name(&object_names) else {
                return Effect::Skipped;
            };
            match self.find_type(schema, name) {
                Some(old) => {
                    let to = QualifiedName::new(target, old.name.clone());
                    self.move_type(&old, &to);
                }
                None => self.fail(format!("type \"{name}\" does not exist")),
            }
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectExtension) {
            let name = object_names.first().copied().unwrap_or("");
            match self.schema.extensions.iter_mut().find(|e| e.name == name) {
                Some(e) => e.schema = Some(target),
                None => self.fail(format!("extension \"{name}\" does not exist")),
            }
            return Effect::Applied;
        }
        if is(kind, ObjectType::ObjectFunction) || is(kind, ObjectType::ObjectProcedure) {
            let Some((schema, name)) = split_name(&object_names) else {
                return Effect::Skipped;
            };
            let schemas = self.path_or(schema);
            match self
                .schema
                .functions
                .iter()
                .find(|f| schemas.contains(&f.name.schema) && f.name.name == name)
                .map(|f| f.name.clone())
            {
                Some(old) => {
                    let to = QualifiedName::new(target, old.name.clone());
                    self.move_function(&old, &to);
                }
                None => self.fail(format!("function {name} does not exist")),
            }
            return Effect::Applied;
        }
        self.doubt(
            DoubtKind::Unsupported,
            "moving this kind of object to another schema is not followed",
        );
        Effect::Applied
    }
}
