//! Schemas (namespaces), the search path, extensions and comments.

use driftless_schema::Extension;
use pg_query::NodeEnum;
use pg_query::protobuf::{
    CommentStmt, CreateExtensionStmt, CreateSchemaStmt, ObjectType, VariableSetKind,
    VariableSetStmt,
};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{def_arg_text, split_name, strings};
use super::state::Replayer;

impl Replayer {
    pub(super) fn create_schema(&mut self, s: &CreateSchemaStmt) -> Effect {
        let name = if s.schemaname.is_empty() {
            // `CREATE SCHEMA AUTHORIZATION role`: named after the role.
            match s.authrole.as_ref() {
                Some(role) if !role.rolename.is_empty() => role.rolename.clone(),
                _ => {
                    self.doubt(
                        DoubtKind::Unsupported,
                        "a schema named after the current role is not followed",
                    );
                    return Effect::Applied;
                }
            }
        } else {
            s.schemaname.clone()
        };
        if self.namespace_exists(&name) {
            if !s.if_not_exists {
                self.fail(format!("schema \"{name}\" already exists"));
            }
            return Effect::Applied;
        }
        self.existing.insert(name.clone());
        if !s.schema_elts.is_empty() {
            let saved = std::mem::replace(&mut self.search_path, vec![name]);
            for element in &s.schema_elts {
                if let Some(node) = element.node.as_ref() {
                    let text = super::expressions::deparse(element).unwrap_or_default();
                    let _ = self.statement(node, &text);
                }
            }
            self.search_path = saved;
        }
        Effect::Applied
    }

    pub(super) fn create_extension(&mut self, s: &CreateExtensionStmt) -> Effect {
        if self.schema.extensions.iter().any(|e| e.name == s.extname) {
            if !s.if_not_exists {
                self.fail(format!("extension \"{}\" already exists", s.extname));
            }
            return Effect::Applied;
        }
        let mut schema = None;
        let mut version = None;
        for option in &s.options {
            let Some(NodeEnum::DefElem(d)) = option.node.as_ref() else {
                continue;
            };
            match d.defname.as_str() {
                "schema" => schema = def_arg_text(d.arg.as_deref()),
                "new_version" => version = def_arg_text(d.arg.as_deref()),
                "cascade" => self.doubt(
                    DoubtKind::Unsupported,
                    "CASCADE installs the extensions it needs, which the replay does not know",
                ),
                _ => {}
            }
        }
        let schema = match schema {
            Some(s) => {
                if !self.namespace_exists(&s) {
                    self.fail(format!("schema \"{s}\" does not exist"));
                    return Effect::Applied;
                }
                s
            }
            None => match self.creation_schema(None) {
                Some(s) => s,
                None => return Effect::Applied,
            },
        };
        let version = version.or_else(|| self.options.extension_versions.get(&s.extname).cloned());
        self.schema.extensions.push(Extension {
            name: s.extname.clone(),
            schema: Some(schema),
            version,
        });
        Effect::Applied
    }

    pub(super) fn comment(&mut self, s: &CommentStmt) -> Effect {
        let comment = (!s.comment.is_empty()).then(|| s.comment.clone());
        let object = s.object.as_deref().and_then(|o| o.node.as_ref());
        let names: Vec<&str> = match object {
            Some(NodeEnum::List(list)) => strings(&list.items),
            _ => Vec::new(),
        };
        if s.objtype == ObjectType::ObjectTable as i32 {
            let Some((schema, name)) = split_name(&names) else {
                return Effect::Skipped;
            };
            match self.table_index(schema, name) {
                Some(t) => self.schema.tables[t].comment = comment,
                None => self.fail(format!("relation \"{name}\" does not exist")),
            }
            Effect::Applied
        } else if s.objtype == ObjectType::ObjectColumn as i32 {
            let Some((column, table_parts)) = names.split_last() else {
                return Effect::Skipped;
            };
            let Some((schema, table)) = split_name(table_parts) else {
                return Effect::Skipped;
            };
            match self.table_index(schema, table) {
                Some(t) => match self.schema.tables[t].column_mut(column) {
                    Some(c) => c.comment = comment,
                    None => self.fail(format!("column \"{column}\" does not exist")),
                },
                None => {
                    // Comments on view columns are not in the model.
                    let is_view = self
                        .resolve_in(&self.schema.views, |v| &v.name, schema, table)
                        .is_some();
                    if !is_view {
                        self.fail(format!("relation \"{table}\" does not exist"));
                    }
                }
            }
            Effect::Applied
        } else {
            // Comments on other objects are not part of the model.
            Effect::Skipped
        }
    }

    pub(super) fn set_search_path(&mut self, s: &VariableSetStmt) {
        if s.kind == VariableSetKind::VarSetValue as i32 {
            let mut path = Vec::new();
            for arg in &s.args {
                let text = def_arg_text(Some(arg))
                    .or_else(|| super::expressions::string_constant(arg).map(str::to_string));
                if let Some(text) = text {
                    // `SET search_path = 'a, b'` is one string holding a list.
                    for part in text.split(',') {
                        let part = part.trim();
                        let part = part
                            .strip_prefix('"')
                            .and_then(|p| p.strip_suffix('"'))
                            .map(str::to_string)
                            .unwrap_or_else(|| part.to_string());
                        if !part.is_empty() {
                            path.push(part);
                        }
                    }
                }
            }
            self.search_path = path;
        } else if s.kind == VariableSetKind::VarSetDefault as i32
            || s.kind == VariableSetKind::VarReset as i32
        {
            // The server's default, `"$user", public` (a schema named after the role is
            // not something a migration history relies on).
            self.search_path = vec!["public".to_string()];
        }
    }
}
