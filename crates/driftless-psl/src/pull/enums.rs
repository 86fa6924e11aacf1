//! Enum types → `enum` blocks: names sanitised (`@@map` to the real one), values sanitised
//! (`@map`), a value with nothing left of its name commented out.

use driftless_schema::QualifiedName;

use super::models::Context;
use super::naming::{is_reserved_type_name, sanitize, string_literal};

/// One enum of the pulled schema.
#[derive(Debug, Clone)]
pub(crate) struct EnumBlock {
    /// Its name in the schema.
    pub(crate) name: String,
    /// The database type.
    pub(crate) database: QualifiedName,
    /// `(name in the schema, database value)`; an empty name is a commented-out value.
    pub(crate) values: Vec<(String, String)>,
    /// `///` lines above the block.
    pub(crate) docs: Vec<String>,
}

impl EnumBlock {
    /// The schema name of a database value, when it has one.
    pub(crate) fn value_name(&self, database: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(name, value)| value == database && !name.is_empty())
            .map(|(name, _)| name.clone())
    }

    /// The block's lines (without the layout, which the formatter does).
    pub(crate) fn lines(&self, multi_schema: bool) -> Vec<String> {
        let mut lines: Vec<String> = self.docs.iter().map(|d| format!("/// {d}")).collect();
        lines.push(format!("enum {} {{", self.name));
        for (name, value) in &self.values {
            if name.is_empty() {
                lines.push(
                    "  // This value was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*".to_string(),
                );
                lines.push(format!("  // {value}"));
            } else if name == value {
                lines.push(format!("  {name}"));
            } else {
                lines.push(format!("  {name} @map({})", string_literal(value)));
            }
        }
        if self.name != self.database.name || multi_schema {
            lines.push(String::new());
        }
        if self.name != self.database.name {
            lines.push(format!("  @@map({})", string_literal(&self.database.name)));
        }
        if multi_schema {
            lines.push(format!(
                "  @@schema({})",
                string_literal(&self.database.schema)
            ));
        }
        lines.push("}".to_string());
        lines
    }
}

/// The enums of the managed namespaces, in Prisma's order.
pub(crate) fn enums(context: &mut Context<'_>) -> Vec<EnumBlock> {
    let schema = context.schema;
    let mut blocks: Vec<EnumBlock> = Vec::new();
    for e in &schema.enums {
        if !schema.manages(&e.name.schema) {
            continue;
        }
        let mut docs = Vec::new();
        let name = match context.previous.enum_name(
            &e.name.schema,
            &context.options.default_schema,
            &e.name.name,
        ) {
            Some(previous) => {
                context.kept_names += 1;
                previous.to_string()
            }
            None => {
                let sanitized = sanitize(&e.name.name);
                if sanitized.is_empty() {
                    context.warnings.push(format!(
                        "the enum `{}` has no usable name and was left out",
                        e.name
                    ));
                    continue;
                }
                if is_reserved_type_name(&sanitized) {
                    let renamed = format!("Renamed{sanitized}");
                    docs.push(format!("This enum has been renamed to '{renamed}' during introspection, because the original name '{sanitized}' is reserved."));
                    renamed
                } else {
                    sanitized
                }
            }
        };
        let name = unique_name(name, &e.name.schema, blocks.iter().map(|b| b.name.as_str()));
        let values = e
            .values
            .iter()
            .map(|value| {
                let kept = context.previous.value(&name, value);
                let value_name = match kept {
                    Some(kept) => kept.to_string(),
                    None => sanitize(value),
                };
                (value_name, value.clone())
            })
            .collect();
        blocks.push(EnumBlock {
            name,
            database: e.name.clone(),
            values,
            docs,
        });
    }
    // By database name, the previous schema's enums first in its order.
    blocks.sort_by(|a, b| {
        let position = |e: &EnumBlock| context.previous.order.get(&e.name).copied();
        (position(a).is_none(), position(a), &a.database).cmp(&(
            position(b).is_none(),
            position(b),
            &b.database,
        ))
    });
    blocks
}

/// `name`, or `{schema}_{name}` when another block has the name already.
pub(crate) fn unique_name<'a>(
    name: String,
    namespace: &str,
    taken: impl Iterator<Item = &'a str> + Clone,
) -> String {
    if !taken.clone().any(|t| t == name) {
        return name;
    }
    let mut candidate = format!("{}_{name}", sanitize(namespace));
    while taken.clone().any(|t| t == candidate) {
        candidate.push('_');
    }
    candidate
}
