//! Functions, procedures and triggers, in the form introspection reads them:
//! `pg_get_function_identity_arguments`, `pg_get_function_result`, the body verbatim
//! (`prosrc`), and `pg_get_triggerdef`'s text of a trigger.

use driftless_schema::{Function, QualifiedName, Trigger, TypeRef};
use pg_query::NodeEnum;
use pg_query::protobuf::{CreateFunctionStmt, CreateTrigStmt, FunctionParameterMode, TypeName};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{def_arg_text, split_name, strings};
use super::names::truncate_identifier;
use super::state::{ObjectKey, Replayer};
use crate::quote_ident_minimal as quote_ident;

// Trigger type bits, as PostgreSQL's `pg_trigger.tgtype`.
const BEFORE: i32 = 1 << 1;
const INSERT: i32 = 1 << 2;
const DELETE: i32 = 1 << 3;
const UPDATE: i32 = 1 << 4;
const TRUNCATE: i32 = 1 << 5;
const INSTEAD: i32 = 1 << 6;

/// A trigger with what its definition is printed from, so that renames of its table,
/// columns or function show in the definition as they would in `pg_get_triggerdef`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TriggerSpec {
    pub table: QualifiedName,
    pub name: String,
    pub enabled: bool,
    /// `None` for a trigger known only by its definition (from the starting schema).
    pub parts: Option<TriggerParts>,
    pub opaque_definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TriggerParts {
    pub timing: i32,
    pub events: i32,
    pub columns: Vec<String>,
    pub row: bool,
    pub when: Option<String>,
    pub function: QualifiedName,
    pub args: Vec<String>,
}

impl TriggerSpec {
    /// A trigger of a starting schema, kept as it is.
    pub(crate) fn opaque(trigger: &Trigger) -> Self {
        TriggerSpec {
            table: trigger.table.clone(),
            name: trigger.name.clone(),
            enabled: trigger.enabled,
            parts: None,
            opaque_definition: trigger.definition.clone(),
        }
    }

    /// The model's trigger, its definition as `pg_get_triggerdef` prints it for a session
    /// whose search path is `search_path`.
    pub(crate) fn to_trigger(&self, search_path: &[String]) -> Trigger {
        let definition = match &self.parts {
            None => self.opaque_definition.clone(),
            Some(p) => {
                let mut text = format!("CREATE TRIGGER {} ", quote_ident(&self.name));
                text.push_str(if p.timing & BEFORE != 0 {
                    "BEFORE"
                } else if p.timing & INSTEAD != 0 {
                    "INSTEAD OF"
                } else {
                    "AFTER"
                });
                let mut first = true;
                let mut event = |text: &mut String, word: &str| {
                    text.push_str(if first { " " } else { " OR " });
                    text.push_str(word);
                    first = false;
                };
                if p.events & INSERT != 0 {
                    event(&mut text, "INSERT");
                }
                if p.events & DELETE != 0 {
                    event(&mut text, "DELETE");
                }
                if p.events & UPDATE != 0 {
                    event(&mut text, "UPDATE");
                    if !p.columns.is_empty() {
                        let columns: Vec<String> =
                            p.columns.iter().map(|c| quote_ident(c)).collect();
                        text.push_str(&format!(" OF {}", columns.join(", ")));
                    }
                }
                if p.events & TRUNCATE != 0 {
                    event(&mut text, "TRUNCATE");
                }
                text.push_str(&format!(
                    " ON {}.{} ",
                    quote_ident(&self.table.schema),
                    quote_ident(&self.table.name)
                ));
                text.push_str(if p.row {
                    "FOR EACH ROW "
                } else {
                    "FOR EACH STATEMENT "
                });
                if let Some(when) = &p.when {
                    text.push_str(&format!("WHEN ({when}) "));
                }
                let function = if search_path.contains(&p.function.schema) {
                    quote_ident(&p.function.name)
                } else {
                    format!(
                        "{}.{}",
                        quote_ident(&p.function.schema),
                        quote_ident(&p.function.name)
                    )
                };
                let args: Vec<String> = p.args.iter().map(|a| crate::quote_literal(a)).collect();
                text.push_str(&format!("EXECUTE FUNCTION {function}({})", args.join(", ")));
                text
            }
        };
        Trigger {
            table: self.table.clone(),
            name: self.name.clone(),
            definition,
            enabled: self.enabled,
        }
    }
}

impl Replayer {
    /// A type as `format_type` prints it in function signatures.
    fn signature_type(&mut self, type_name: &TypeName) -> Option<String> {
        let resolved = self.resolve_type(type_name)?;
        let base = match &resolved.r#type.base {
            TypeRef::Builtin(name) => name.clone(),
            TypeRef::User(name) => {
                // Types not in the model (from extensions) are visible on the path.
                self.format_user_type(name)
            }
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

    pub(super) fn create_function(&mut self, s: &CreateFunctionStmt) -> Effect {
        let parts = strings(&s.funcname);
        let Some((schema, name)) = split_name(&parts) else {
            return Effect::Skipped;
        };
        let Some(schema) = self.creation_schema(schema) else {
            return Effect::Applied;
        };
        let name = QualifiedName::new(schema, truncate_identifier(name));
        let mut identity = Vec::new();
        let mut table_columns = Vec::new();
        let mut out_types = Vec::new();
        for parameter in &s.parameters {
            let Some(NodeEnum::FunctionParameter(p)) = parameter.node.as_ref() else {
                continue;
            };
            let Some(type_text) = p.arg_type.as_ref().and_then(|t| self.signature_type(t)) else {
                return Effect::Applied;
            };
            let mode = p.mode;
            let named = |prefix: &str| {
                let mut text = prefix.to_string();
                if !p.name.is_empty() {
                    text.push_str(&quote_ident(&p.name));
                    text.push(' ');
                }
                text.push_str(&type_text);
                text
            };
            if mode == FunctionParameterMode::FuncParamTable as i32 {
                table_columns.push(named(""));
            } else if mode == FunctionParameterMode::FuncParamOut as i32 {
                out_types.push(type_text.clone());
                if s.is_procedure {
                    identity.push(named("OUT "));
                }
            } else if mode == FunctionParameterMode::FuncParamInout as i32 {
                out_types.push(type_text.clone());
                identity.push(named("INOUT "));
            } else if mode == FunctionParameterMode::FuncParamVariadic as i32 {
                identity.push(named("VARIADIC "));
            } else {
                identity.push(named(""));
            }
        }
        let arguments = identity.join(", ");
        let returns = if s.is_procedure {
            String::new()
        } else if !table_columns.is_empty() {
            format!("TABLE({})", table_columns.join(", "))
        } else if let Some(return_type) = &s.return_type {
            let Some(text) = self.signature_type(return_type) else {
                return Effect::Applied;
            };
            if return_type.setof {
                format!("SETOF {text}")
            } else {
                text
            }
        } else if out_types.len() == 1 {
            out_types[0].clone()
        } else {
            "record".to_string()
        };
        let mut language = String::new();
        let mut body = String::new();
        for option in &s.options {
            let Some(NodeEnum::DefElem(d)) = option.node.as_ref() else {
                continue;
            };
            match d.defname.as_str() {
                "language" => {
                    language = def_arg_text(d.arg.as_deref())
                        .unwrap_or_default()
                        .to_lowercase();
                }
                "as" => {
                    if let Some(NodeEnum::List(list)) =
                        d.arg.as_deref().and_then(|a| a.node.as_ref())
                    {
                        body = strings(&list.items)
                            .first()
                            .map(|s| s.to_string())
                            .unwrap_or_default();
                    }
                }
                _ => {}
            }
        }
        if s.sql_body.is_some() {
            self.doubt(
                DoubtKind::Unsupported,
                "SQL-standard function bodies (BEGIN ATOMIC / RETURN) are stored parsed; not followed",
            );
            language = "sql".to_string();
        }
        if language.is_empty() {
            language = "sql".to_string();
        }
        let function = Function {
            name: name.clone(),
            arguments,
            returns,
            language,
            body,
            procedure: s.is_procedure,
        };
        let existing =
            self.schema.functions.iter().position(|f| {
                f.name == function.name && f.arguments_key() == function.arguments_key()
            });
        match existing {
            Some(i) if s.replace => {
                if self.schema.functions[i].returns != function.returns {
                    self.fail("cannot change return type of existing function");
                }
                self.schema.functions[i] = function;
            }
            Some(_) => {
                self.fail(format!(
                    "function \"{}\" already exists with same argument types",
                    name.name
                ));
            }
            None => self.schema.functions.push(function),
        }
        self.resolve(&ObjectKey::Function(name));
        Effect::Applied
    }

    pub(super) fn create_trigger(&mut self, s: &CreateTrigStmt) -> Effect {
        let Some(relation) = s.relation.as_ref() else {
            return Effect::Skipped;
        };
        if s.isconstraint || !s.transition_rels.is_empty() {
            self.doubt(
                DoubtKind::Unsupported,
                "constraint triggers and transition tables are not followed",
            );
        }
        let schema = (!relation.schemaname.is_empty()).then_some(relation.schemaname.as_str());
        let table = match self.table_index(schema, &relation.relname) {
            Some(t) => self.schema.tables[t].name.clone(),
            None => {
                match self.resolve_in(&self.schema.views, |v| &v.name, schema, &relation.relname) {
                    Some((_, view)) => view.name.clone(),
                    None => {
                        self.fail(format!("relation \"{}\" does not exist", relation.relname));
                        return Effect::Applied;
                    }
                }
            }
        };
        let parts = strings(&s.funcname);
        let Some((function_schema, function_name)) = split_name(&parts) else {
            return Effect::Skipped;
        };
        let function = match self.resolve_in(
            &self.schema.functions,
            |f| &f.name,
            function_schema,
            function_name,
        ) {
            Some((_, f)) => f.name.clone(),
            None => {
                self.fail(format!("function {function_name}() does not exist"));
                return Effect::Applied;
            }
        };
        let name = truncate_identifier(&s.trigname);
        let existing = self
            .triggers
            .iter()
            .position(|t| t.table == table && t.name == name);
        if let Some(i) = existing {
            if s.replace {
                self.triggers.remove(i);
            } else {
                self.fail(format!(
                    "trigger \"{name}\" for relation \"{}\" already exists",
                    table.name
                ));
                return Effect::Applied;
            }
        }
        let when = s.when_clause.as_deref().map(|w| {
            self.doubt(
                DoubtKind::Approximate,
                "PostgreSQL prints a trigger's WHEN condition as it rewrote it",
            );
            crate::canonical::canonical_expression_node(w)
        });
        let args: Vec<String> = s
            .args
            .iter()
            .filter_map(|a| def_arg_text(Some(a)))
            .collect();
        self.triggers.push(TriggerSpec {
            table,
            name,
            enabled: true,
            parts: Some(TriggerParts {
                timing: s.timing,
                events: s.events,
                columns: strings(&s.columns)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                row: s.row,
                when,
                function,
                args,
            }),
            opaque_definition: String::new(),
        });
        Effect::Applied
    }
}

/// Functions are identified by name and argument types (not argument names).
pub(super) trait ArgumentsKey {
    fn arguments_key(&self) -> String;
}

impl ArgumentsKey for Function {
    fn arguments_key(&self) -> String {
        argument_types(&self.arguments).join(",")
    }
}

/// The types of an identity argument list (`size integer, alphabet text` → `integer`,
/// `text`), names and modes dropped (OUT arguments do not identify a function).
pub(super) fn argument_types(arguments: &str) -> Vec<String> {
    if arguments.trim().is_empty() {
        return Vec::new();
    }
    split_arguments(arguments)
        .into_iter()
        .filter_map(|argument| {
            let mut words: Vec<&str> = argument.split_whitespace().collect();
            if let Some(first) = words.first() {
                if ["IN", "OUT", "INOUT", "VARIADIC"].contains(first) {
                    if *first == "OUT" {
                        return None;
                    }
                    words.remove(0);
                }
            }
            // `name type…` or `type…`: a name is a single word followed by a type.
            let text = words.join(" ");
            let type_only = crate::types::parse_type(&text, "public").is_ok();
            if type_only || words.len() < 2 {
                Some(text)
            } else {
                Some(words[1..].join(" "))
            }
        })
        .collect()
}

/// Splits on commas outside parentheses (`numeric(10,2)` stays whole).
fn split_arguments(arguments: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in arguments.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}
