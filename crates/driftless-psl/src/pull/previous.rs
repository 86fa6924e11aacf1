//! Re-introspection: the names an existing schema gives to tables, columns, enums, enum
//! values and relations, so that pulling again keeps them (Prisma keeps a model's name when
//! it is `@@map`ped to the same table, a field's when it is `@map`ped to the same column,
//! and relation field names when the relation is the same foreign key).
//!
//! Read from the syntax tree only, so that a schema with errors still lends its names.

use std::collections::HashMap;

use crate::ParsedSchema;
use crate::ast::{self, Attribute, Expression};

/// Names from the previous schema, keyed by what they name in the database.
#[derive(Debug, Default)]
pub(crate) struct PreviousNames {
    /// (`@@schema` or none, table) → model name.
    models: HashMap<(Option<String>, String), String>,
    /// Position of each model (among models) and enum (among enums) in the previous
    /// schema, by name.
    pub(crate) order: HashMap<String, usize>,
    /// Model or enum name → the name of the file that declares it.
    pub(crate) files: HashMap<String, String>,
    /// (model name, column) → field name.
    fields: HashMap<(String, String), String>,
    /// (model name, key columns) → the `name:` of an `@@id` or `@@unique`.
    compound_names: HashMap<(String, Vec<String>), String>,
    /// (model name, column) → what the database cannot say about the field: `@updatedAt`
    /// and a client-side `@default(uuid())`-like attribute, as written.
    extras: HashMap<(String, String), FieldExtras>,
    /// (`@@schema` or none, database enum name) → enum name.
    enums: HashMap<(Option<String>, String), String>,
    /// (enum name, database value) → value name.
    values: HashMap<(String, String), String>,
    /// (model name, foreign key columns) → (relation field name, relation name).
    forward: HashMap<(String, Vec<String>), (String, Option<String>)>,
    /// (model name, other model name, relation name) → relation field name, for fields
    /// without `fields:` (back relations and many-to-many fields).
    back: HashMap<(String, String, Option<String>), Vec<String>>,
}

/// What a previous field says that the database cannot: Prisma keeps both on
/// re-introspection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldExtras {
    /// `@updatedAt`.
    pub(crate) updated_at: bool,
    /// `@default(uuid())`, `cuid()`, `nanoid()`, `ulid()`, with their arguments, as written.
    pub(crate) client_default: Option<String>,
}

/// Functions of `@default` that Prisma Client evaluates (no database default).
const CLIENT_FUNCTIONS: &[&str] = &["uuid", "cuid", "nanoid", "ulid"];

fn string_argument(attribute: &Attribute, name: &str) -> Option<String> {
    attribute
        .named_or_positional(name)
        .and_then(|a| a.value.as_ref())
        .and_then(Expression::as_str)
        .map(str::to_string)
}

fn mapped_name<'a>(attributes: &'a [Attribute], attribute: &str) -> Option<&'a Attribute> {
    attributes.iter().find(|a| a.name.name == attribute)
}

fn field_list(attribute: &Attribute, name: &str) -> Option<Vec<String>> {
    let value = attribute.named(name)?.value.as_ref()?;
    let Expression::Array(items, _) = value else {
        return value.as_constant().map(|c| vec![c.to_string()]);
    };
    items
        .iter()
        .map(|item| item.as_constant().map(str::to_string))
        .collect()
}

impl PreviousNames {
    /// Reads the names of a parsed schema.
    pub(crate) fn read(parsed: &ParsedSchema) -> PreviousNames {
        let mut names = PreviousNames::default();
        let ast = &parsed.ast;
        for (position, model) in ast.models().enumerate() {
            let table = mapped_name(&model.attributes, "map")
                .and_then(|a| string_argument(a, "name"))
                .unwrap_or_else(|| model.name.name.clone());
            let schema =
                mapped_name(&model.attributes, "schema").and_then(|a| string_argument(a, "name"));
            names
                .models
                .insert((schema, table), model.name.name.clone());
            names.order.insert(model.name.name.clone(), position);
            if let Some(file) = parsed.sources.get(model.span.file) {
                names
                    .files
                    .insert(model.name.name.clone(), file.name.clone());
            }
            for attribute in model
                .attributes
                .iter()
                .filter(|a| a.name.name == "id" || a.name.name == "unique")
            {
                let name = attribute
                    .named("name")
                    .and_then(|a| a.value.as_ref())
                    .and_then(Expression::as_str);
                let fields = attribute
                    .named_or_positional("fields")
                    .and_then(|a| a.value.as_ref())
                    .and_then(|value| match value {
                        Expression::Array(items, _) => items
                            .iter()
                            .map(|item| match item {
                                Expression::Function(call) => Some(call.name.name.clone()),
                                other => other.as_constant().map(str::to_string),
                            })
                            .collect::<Option<Vec<String>>>(),
                        _ => None,
                    });
                if let (Some(name), Some(fields)) = (name, fields) {
                    let columns = fields.iter().map(|f| column_of(model, f)).collect();
                    names
                        .compound_names
                        .insert((model.name.name.clone(), columns), name.to_string());
                }
            }
            for field in &model.fields {
                let column = mapped_name(&field.attributes, "map")
                    .and_then(|a| string_argument(a, "name"))
                    .unwrap_or_else(|| field.name.name.clone());
                let client_default = field.attribute("default").and_then(|attribute| {
                    let value = attribute.positional()?.value.as_ref()?;
                    let Expression::Function(call) = value else {
                        return None;
                    };
                    if !CLIENT_FUNCTIONS.contains(&call.name.name.as_str()) {
                        return None;
                    }
                    let source = parsed.sources.get(attribute.span.file)?;
                    source
                        .text
                        .get(attribute.span.start as usize..attribute.span.end as usize)
                        .map(str::to_string)
                });
                let extras = FieldExtras {
                    updated_at: field.attribute("updatedAt").is_some(),
                    client_default,
                };
                if extras != FieldExtras::default() {
                    names
                        .extras
                        .insert((model.name.name.clone(), column.clone()), extras);
                }
                names
                    .fields
                    .insert((model.name.name.clone(), column), field.name.name.clone());
            }
        }
        for model in ast.models() {
            for field in &model.fields {
                let Some(field_type) = &field.field_type else {
                    continue;
                };
                let ast::TypeName::Named(target) = &field_type.name else {
                    continue;
                };
                if !ast.models().any(|m| m.name.name == target.name) {
                    continue;
                }
                let relation = field.attribute("relation");
                let relation_name = relation.and_then(|a| string_argument(a, "name"));
                let fields = relation.and_then(|a| field_list(a, "fields"));
                match fields {
                    Some(fields) => {
                        let columns: Vec<String> =
                            fields.iter().map(|f| column_of(model, f)).collect();
                        names.forward.insert(
                            (model.name.name.clone(), columns),
                            (field.name.name.clone(), relation_name),
                        );
                    }
                    None => {
                        names
                            .back
                            .entry((model.name.name.clone(), target.name.clone(), relation_name))
                            .or_default()
                            .push(field.name.name.clone());
                    }
                }
            }
        }
        for (position, e) in ast.enums().enumerate() {
            names.order.insert(e.name.name.clone(), position);
            let database = mapped_name(&e.attributes, "map")
                .and_then(|a| string_argument(a, "name"))
                .unwrap_or_else(|| e.name.name.clone());
            let schema =
                mapped_name(&e.attributes, "schema").and_then(|a| string_argument(a, "name"));
            names.enums.insert((schema, database), e.name.name.clone());
            if let Some(file) = parsed.sources.get(e.span.file) {
                names.files.insert(e.name.name.clone(), file.name.clone());
            }
            for value in &e.values {
                let database = mapped_name(&value.attributes, "map")
                    .and_then(|a| string_argument(a, "name"))
                    .unwrap_or_else(|| value.name.name.clone());
                names
                    .values
                    .insert((e.name.name.clone(), database), value.name.name.clone());
            }
        }
        names
    }

    /// The model name the previous schema gave to `table` of `schema`.
    pub(crate) fn model(&self, schema: &str, default_schema: &str, table: &str) -> Option<&str> {
        self.models
            .get(&(Some(schema.to_string()), table.to_string()))
            .or_else(|| {
                (schema == default_schema)
                    .then(|| self.models.get(&(None, table.to_string())))
                    .flatten()
            })
            .map(String::as_str)
    }

    /// The field name the previous schema gave to `column` of the model `model`.
    pub(crate) fn field(&self, model: &str, column: &str) -> Option<&str> {
        self.fields
            .get(&(model.to_string(), column.to_string()))
            .map(String::as_str)
    }

    /// The `name:` the previous schema gave to the `@@id` or `@@unique` on `columns`.
    pub(crate) fn compound_name(&self, model: &str, columns: &[String]) -> Option<&str> {
        self.compound_names
            .get(&(model.to_string(), columns.to_vec()))
            .map(String::as_str)
    }

    /// What the previous schema said of `column` of `model` beyond the database.
    pub(crate) fn extras(&self, model: &str, column: &str) -> Option<&FieldExtras> {
        self.extras.get(&(model.to_string(), column.to_string()))
    }

    /// The enum name the previous schema gave to the enum `name` of `schema`.
    pub(crate) fn enum_name(&self, schema: &str, default_schema: &str, name: &str) -> Option<&str> {
        self.enums
            .get(&(Some(schema.to_string()), name.to_string()))
            .or_else(|| {
                (schema == default_schema)
                    .then(|| self.enums.get(&(None, name.to_string())))
                    .flatten()
            })
            .map(String::as_str)
    }

    /// The name the previous schema gave to the value `value` of the enum `enum_name`.
    pub(crate) fn value(&self, enum_name: &str, value: &str) -> Option<&str> {
        self.values
            .get(&(enum_name.to_string(), value.to_string()))
            .map(String::as_str)
    }

    /// The relation field (and relation name) of the foreign key on `columns` of `model`.
    pub(crate) fn forward(
        &self,
        model: &str,
        columns: &[String],
    ) -> Option<&(String, Option<String>)> {
        self.forward.get(&(model.to_string(), columns.to_vec()))
    }

    /// The `nth` relation field of `model` towards `other` without `fields:`, in the
    /// relation named `relation` (a self many-to-many relation has two).
    pub(crate) fn back(
        &self,
        model: &str,
        other: &str,
        relation: Option<&str>,
        nth: usize,
    ) -> Option<&str> {
        self.back
            .get(&(
                model.to_string(),
                other.to_string(),
                relation.map(str::to_string),
            ))
            .and_then(|names| names.get(nth))
            .map(String::as_str)
    }
}

/// The column of the field `field` of `model` (its `@map`, else its name).
fn column_of(model: &ast::Model, field: &str) -> String {
    model
        .field(field)
        .and_then(|f| mapped_name(&f.attributes, "map"))
        .and_then(|a| string_argument(a, "name"))
        .unwrap_or_else(|| field.to_string())
}
