//! Column definitions: type (serial types make a sequence), `NOT NULL`, defaults,
//! identity, generated columns, collation; and type names resolved through the search path.

use driftless_schema::{
    Column, ColumnType, DefaultValue, Generated, Identity, QualifiedName, Sequence, TypeRef,
};
use pg_query::NodeEnum;
use pg_query::protobuf::{ColumnDef, ConstrType, Constraint, TypeName};

use super::expressions::strings;
use super::names::choose_name;
use super::state::Replayer;
use crate::canonical::{canonical_default_node, canonical_expression_node};
use crate::types::{ResolvedType, Serial, resolve_type_name};

/// A column as `CREATE TABLE` or `ADD COLUMN` defines it, before it joins its table.
pub(super) struct ColumnSpec {
    pub column: Column,
    pub serial: Option<Serial>,
    /// Key, foreign key and check constraints written on the column.
    pub constraints: Vec<Constraint>,
}

impl Replayer {
    /// Resolves a type name: built-in types to their `format_type` spelling, user types
    /// through the search path. A doubt when it cannot be resolved.
    pub(super) fn resolve_type(&mut self, type_name: &TypeName) -> Option<ResolvedType> {
        if type_name.pct_type {
            self.doubt(
                super::DoubtKind::Unsupported,
                "`%TYPE` type references are not followed",
            );
        }
        match self.resolve_type_quietly(type_name) {
            Ok(resolved) => Some(resolved),
            Err(reason) => {
                self.fail(reason);
                None
            }
        }
    }

    /// [`Replayer::resolve_type`] without recording anything.
    pub(super) fn resolve_type_quietly(
        &self,
        type_name: &TypeName,
    ) -> Result<ResolvedType, String> {
        let default_schema = self
            .path()
            .into_iter()
            .next()
            .unwrap_or_else(|| self.options.default_schema.clone());
        let mut resolved = resolve_type_name(type_name, &default_schema)?;
        let names = strings(&type_name.names);
        if let TypeRef::User(name) = resolved.r#type.base.clone() {
            let unqualified = names.len() == 1;
            let found = if unqualified {
                self.find_type(None, &name.name)
            } else {
                self.find_type(Some(&name.schema), &name.name)
            };
            if let Some(found) = found {
                resolved.r#type.base = TypeRef::User(found);
            }
            if !type_name.typmods.is_empty() {
                // A user type with a modifier (`vector(3)`) is kept as text, as
                // introspection keeps it.
                let modifiers: Vec<String> = type_name
                    .typmods
                    .iter()
                    .filter_map(super::expressions::deparse)
                    .collect();
                resolved.r#type.base =
                    TypeRef::Builtin(format!("{}({})", name.name, modifiers.join(",")));
            }
        }
        Ok(resolved)
    }

    /// The qualified name of an enum, domain or other user type visible by this name.
    pub(super) fn find_type(&self, schema: Option<&str>, name: &str) -> Option<QualifiedName> {
        let candidates = self
            .schema
            .enums
            .iter()
            .map(|e| &e.name)
            .chain(self.schema.domains.iter().map(|d| &d.name))
            .chain(self.schema.other_types.iter().map(|t| &t.name));
        let all: Vec<&QualifiedName> = candidates.collect();
        match schema {
            Some(s) => all
                .into_iter()
                .find(|q| q.schema == s && q.name == name)
                .cloned(),
            None => self.path().iter().find_map(|s| {
                all.iter()
                    .find(|q| &q.schema == s && q.name == name)
                    .map(|q| (*q).clone())
            }),
        }
    }

    /// Reads a column definition of table `table`.
    pub(super) fn column_spec(
        &mut self,
        def: &ColumnDef,
        table: &QualifiedName,
    ) -> Option<ColumnSpec> {
        let type_name = def.type_name.as_ref()?;
        let resolved = self.resolve_type(type_name)?;
        let mut column = Column::new(def.colname.clone(), resolved.r#type.clone());
        if let Some(collation) = def
            .coll_clause
            .as_ref()
            .and_then(|c| strings(&c.collname).last().map(|s| s.to_string()))
        {
            if collation != "default" {
                column.collation = Some(collation);
            }
        }
        let mut constraints = Vec::new();
        if def.is_not_null {
            column.nullable = false;
        }
        if let Some(raw) = def.raw_default.as_deref() {
            column.default = canonical_default_node(raw, &column.r#type, &table.schema);
        }
        for node in &def.constraints {
            let Some(NodeEnum::Constraint(c)) = node.node.as_ref() else {
                continue;
            };
            let kind = c.contype;
            if kind == ConstrType::ConstrNotnull as i32 {
                column.nullable = false;
            } else if kind == ConstrType::ConstrNull as i32 {
                column.nullable = true;
            } else if kind == ConstrType::ConstrDefault as i32 {
                column.default = c
                    .raw_expr
                    .as_deref()
                    .and_then(|e| canonical_default_node(e, &column.r#type, &table.schema));
            } else if kind == ConstrType::ConstrIdentity as i32 {
                column.identity = Some(Identity {
                    always: c.generated_when == "a",
                });
                column.nullable = false;
            } else if kind == ConstrType::ConstrGenerated as i32 {
                column.generated = c.raw_expr.as_deref().map(|e| Generated {
                    expression: canonical_expression_node(e),
                    stored: c.generated_kind != "v",
                });
            } else if kind == ConstrType::ConstrAttrDeferrable as i32
                || kind == ConstrType::ConstrAttrNotDeferrable as i32
                || kind == ConstrType::ConstrAttrDeferred as i32
                || kind == ConstrType::ConstrAttrImmediate as i32
            {
                // Applies to the constraint before it.
                if let Some(previous) = constraints.last_mut() {
                    apply_attribute(previous, kind);
                }
            } else if kind == ConstrType::ConstrAttrEnforced as i32
                || kind == ConstrType::ConstrAttrNotEnforced as i32
            {
            } else {
                constraints.push(c.as_ref().clone());
            }
        }
        if resolved.serial.is_some() && column.default.is_some() {
            self.fail(format!(
                "multiple default values specified for column \"{}\"",
                column.name
            ));
        }
        if resolved.serial.is_some() {
            column.nullable = false;
        }
        Some(ColumnSpec {
            column,
            serial: resolved.serial,
            constraints,
        })
    }

    /// Creates the sequence of a serial column and returns the column's default.
    pub(super) fn serial_sequence(
        &mut self,
        table: &QualifiedName,
        column: &str,
        serial: Serial,
    ) -> DefaultValue {
        let name = choose_name(&table.name, Some(column), "seq", |n| {
            self.relation_exists(&table.schema, n)
        });
        let qualified = QualifiedName::new(table.schema.clone(), name);
        let mut sequence = Sequence::with_defaults(qualified.clone(), serial.integer_type());
        sequence.owned_by = Some((table.clone(), column.to_string()));
        self.schema.sequences.push(sequence);
        DefaultValue::Sequence(qualified)
    }

    /// Adds a column to table `index`, with its serial sequence and its constraints.
    pub(super) fn add_column(&mut self, index: usize, spec: ColumnSpec) {
        let table_name = self.schema.tables[index].name.clone();
        let mut column = spec.column;
        if let Some(serial) = spec.serial {
            column.default = Some(self.serial_sequence(&table_name, &column.name, serial));
        }
        let name = column.name.clone();
        self.schema.tables[index].columns.push(column);
        for constraint in spec.constraints {
            self.add_constraint(index, &constraint, Some(&name), true);
        }
    }

    /// The type of column `column` of table `index`.
    pub(super) fn column_type(&self, index: usize, column: &str) -> Option<ColumnType> {
        self.schema.tables[index]
            .column(column)
            .map(|c| c.r#type.clone())
    }
}

/// `DEFERRABLE` / `INITIALLY DEFERRED` written after a column constraint.
fn apply_attribute(constraint: &mut Constraint, kind: i32) {
    if kind == ConstrType::ConstrAttrDeferrable as i32 {
        constraint.deferrable = true;
    } else if kind == ConstrType::ConstrAttrNotDeferrable as i32 {
        constraint.deferrable = false;
    } else if kind == ConstrType::ConstrAttrDeferred as i32 {
        constraint.initdeferred = true;
        constraint.deferrable = true;
    } else if kind == ConstrType::ConstrAttrImmediate as i32 {
        constraint.initdeferred = false;
    }
}
