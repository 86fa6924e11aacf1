//! User-defined types: enums (`CREATE TYPE … AS ENUM`, `ALTER TYPE … ADD VALUE … BEFORE |
//! AFTER`, `RENAME VALUE`), domains with their defaults and checks, composite types.

use driftless_schema::{Domain, Enum, OtherType, QualifiedName, TypeRef};
use pg_query::NodeEnum;
use pg_query::protobuf::{
    AlterDomainStmt, AlterEnumStmt, CompositeTypeStmt, ConstrType, CreateDomainStmt, CreateEnumStmt,
};

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{split_name, strings};
use super::names::{choose_name, truncate_identifier};
use super::state::Replayer;
use crate::canonical::{canonical_default_node, canonical_expression_node};
use crate::quote_ident_minimal as quote_ident;

impl Replayer {
    /// A new type's qualified name, or `None` (with a doubt) when it cannot be created.
    fn new_type_name(&mut self, names: &[pg_query::Node]) -> Option<QualifiedName> {
        let parts = strings(names);
        let (schema, name) = split_name(&parts)?;
        let schema = self.creation_schema(schema)?;
        let name = truncate_identifier(name);
        if self.type_exists(&schema, &name) {
            self.fail(format!("type \"{name}\" already exists"));
            return None;
        }
        Some(QualifiedName::new(schema, name))
    }

    /// The enum named by `names`, by position.
    fn enum_position(&mut self, names: &[pg_query::Node]) -> Option<usize> {
        let parts = strings(names);
        let (schema, name) = split_name(&parts)?;
        match self.resolve_in(&self.schema.enums, |e| &e.name, schema, name) {
            Some((i, _)) => Some(i),
            None => {
                self.fail(format!("type \"{name}\" does not exist"));
                None
            }
        }
    }

    pub(super) fn create_enum(&mut self, s: &CreateEnumStmt) -> Effect {
        let Some(name) = self.new_type_name(&s.type_name) else {
            return Effect::Applied;
        };
        let values: Vec<String> = s
            .vals
            .iter()
            .filter_map(super::expressions::string_constant)
            .map(str::to_string)
            .collect();
        self.schema.enums.push(Enum { name, values });
        Effect::Applied
    }

    pub(super) fn alter_enum(&mut self, s: &AlterEnumStmt) -> Effect {
        let Some(position) = self.enum_position(&s.type_name) else {
            return Effect::Applied;
        };
        let values = &self.schema.enums[position].values;
        if !s.old_val.is_empty() {
            // RENAME VALUE old TO new
            if values.contains(&s.new_val) {
                let new = s.new_val.clone();
                self.fail(format!("enum label \"{new}\" already exists"));
                return Effect::Applied;
            }
            let Some(i) = values.iter().position(|v| v == &s.old_val) else {
                let old = s.old_val.clone();
                self.fail(format!("\"{old}\" is not an existing enum label"));
                return Effect::Applied;
            };
            self.schema.enums[position].values[i] = s.new_val.clone();
            return Effect::Applied;
        }
        if values.contains(&s.new_val) {
            if !s.skip_if_new_val_exists {
                let new = s.new_val.clone();
                self.fail(format!("enum label \"{new}\" already exists"));
            }
            return Effect::Applied;
        }
        let at = if s.new_val_neighbor.is_empty() {
            values.len()
        } else {
            match values.iter().position(|v| v == &s.new_val_neighbor) {
                Some(i) if s.new_val_is_after => i + 1,
                Some(i) => i,
                None => {
                    let neighbor = s.new_val_neighbor.clone();
                    self.fail(format!("\"{neighbor}\" is not an existing enum label"));
                    return Effect::Applied;
                }
            }
        };
        self.schema.enums[position]
            .values
            .insert(at, s.new_val.clone());
        Effect::Applied
    }

    pub(super) fn create_domain(&mut self, s: &CreateDomainStmt) -> Effect {
        let Some(name) = self.new_type_name(&s.domainname) else {
            return Effect::Applied;
        };
        let Some(base) = s.type_name.as_ref().and_then(|t| self.resolve_type(t)) else {
            return Effect::Applied;
        };
        let mut domain = Domain {
            name: name.clone(),
            base: base.r#type,
            not_null: false,
            default: None,
            checks: Vec::new(),
        };
        for node in &s.constraints {
            let Some(NodeEnum::Constraint(c)) = node.node.as_ref() else {
                continue;
            };
            self.add_domain_constraint(&mut domain, c);
        }
        self.schema.domains.push(domain);
        Effect::Applied
    }

    fn add_domain_constraint(&mut self, domain: &mut Domain, c: &pg_query::protobuf::Constraint) {
        if c.contype == ConstrType::ConstrNotnull as i32 {
            domain.not_null = true;
        } else if c.contype == ConstrType::ConstrNull as i32 {
            domain.not_null = false;
        } else if c.contype == ConstrType::ConstrDefault as i32 {
            domain.default = c
                .raw_expr
                .as_deref()
                .and_then(|e| canonical_default_node(e, &domain.base, &domain.name.schema));
        } else if c.contype == ConstrType::ConstrCheck as i32 {
            let Some(raw) = c.raw_expr.as_deref() else {
                return;
            };
            let name = if c.conname.is_empty() {
                let schema = domain.name.schema.clone();
                let taken: Vec<String> = domain.checks.iter().map(|(n, _)| n.clone()).collect();
                choose_name(&domain.name.name, None, "check", |n| {
                    taken.iter().any(|t| t == n) || self.constraint_exists_in(&schema, n)
                })
            } else {
                truncate_identifier(&c.conname)
            };
            // Inside a domain check, `VALUE` is the value being checked.
            domain.checks.push((name, canonical_expression_node(raw)));
            domain.checks.sort();
        }
    }

    pub(super) fn alter_domain(&mut self, s: &AlterDomainStmt) -> Effect {
        let parts = strings(&s.type_name);
        let Some((schema, name)) = split_name(&parts) else {
            return Effect::Skipped;
        };
        let Some((position, _)) = self.resolve_in(&self.schema.domains, |d| &d.name, schema, name)
        else {
            self.fail(format!("type \"{name}\" does not exist"));
            return Effect::Applied;
        };
        let mut domain = self.schema.domains[position].clone();
        match s.subtype.as_str() {
            "T" => {
                domain.default = s
                    .def
                    .as_deref()
                    .and_then(|e| canonical_default_node(e, &domain.base, &domain.name.schema));
            }
            "N" => domain.not_null = false,
            "O" => domain.not_null = true,
            "C" => {
                if let Some(NodeEnum::Constraint(c)) =
                    s.def.as_deref().and_then(|d| d.node.as_ref())
                {
                    self.add_domain_constraint(&mut domain, c);
                }
            }
            "X" => {
                let before = domain.checks.len();
                domain.checks.retain(|(n, _)| n != &s.name);
                if before == domain.checks.len() && !s.missing_ok {
                    self.fail(format!(
                        "constraint \"{}\" of domain does not exist",
                        s.name
                    ));
                }
            }
            "V" => {}
            _ => {
                self.doubt(
                    DoubtKind::Unsupported,
                    "this ALTER DOMAIN form is not followed",
                );
            }
        }
        self.schema.domains[position] = domain;
        Effect::Applied
    }

    pub(super) fn create_composite_type(&mut self, s: &CompositeTypeStmt) -> Effect {
        let Some(relation) = s.typevar.as_ref() else {
            return Effect::Skipped;
        };
        let mut names = Vec::new();
        if !relation.schemaname.is_empty() {
            names.push(relation.schemaname.clone());
        }
        names.push(relation.relname.clone());
        let nodes: Vec<pg_query::Node> = names
            .into_iter()
            .map(|sval| pg_query::Node {
                node: Some(NodeEnum::String(pg_query::protobuf::String { sval })),
            })
            .collect();
        let Some(name) = self.new_type_name(&nodes) else {
            return Effect::Applied;
        };
        let mut attributes = Vec::new();
        for node in &s.coldeflist {
            let Some(NodeEnum::ColumnDef(def)) = node.node.as_ref() else {
                continue;
            };
            let Some(resolved) = def.type_name.as_ref().and_then(|t| self.resolve_type(t)) else {
                return Effect::Applied;
            };
            let type_text = match &resolved.r#type.base {
                TypeRef::Builtin(b) => b.clone(),
                TypeRef::User(q) => self.format_user_type(q),
            };
            let array = if resolved.r#type.array { "[]" } else { "" };
            attributes.push(format!("{} {type_text}{array}", quote_ident(&def.colname)));
        }
        self.schema.other_types.push(OtherType {
            name,
            definition: format!("AS ({})", attributes.join(", ")),
        });
        Effect::Applied
    }

    /// A user type as `format_type` prints it for a session whose search path is the
    /// default schema: unqualified when visible, else qualified.
    pub(super) fn format_user_type(&self, name: &QualifiedName) -> String {
        if name.schema == self.options.default_schema {
            quote_ident(&name.name)
        } else {
            format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name))
        }
    }
}
