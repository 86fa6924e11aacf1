//! Tables → `model` blocks: one field per column (named after the column, or kept from the
//! previous schema; `@map` when the names differ), its type, default and key attributes,
//! and the comments Prisma writes for what the schema language cannot hold (check
//! constraints, expression indexes, row-level security, comments, tables without a unique
//! criteria, which get `@@ignore`).

use driftless_schema::{QualifiedName, Schema, Table};

use super::PullOptions;
use super::attributes::{Placement, key_attributes};
use super::defaults::default_attribute;
use super::enums::{EnumBlock, unique_name};
use super::naming::{is_reserved_type_name, sanitize, string_literal};
use super::previous::PreviousNames;
use super::types::field_type;

/// What every part of the pull shares.
pub(crate) struct Context<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) options: &'a PullOptions,
    pub(crate) previous: &'a PreviousNames,
    pub(crate) multi_schema: bool,
    pub(crate) warnings: Vec<String>,
    pub(crate) kept_names: usize,
}

/// One field line of a model.
#[derive(Debug, Clone)]
pub(crate) struct FieldLine {
    /// The field name.
    pub(crate) name: String,
    /// The column, for scalar fields.
    pub(crate) column: Option<String>,
    /// The type with its arity marker (`Int?`, `Post[]`).
    pub(crate) type_text: String,
    /// Attributes in order (`@id`, `@default(…)`, `@map(…)`, `@db.…`).
    pub(crate) attributes: Vec<String>,
    /// Whether the field is written as a comment (no valid name).
    pub(crate) commented_out: bool,
    /// `///` lines above the field.
    pub(crate) docs: Vec<String>,
}

/// One model of the pulled schema.
#[derive(Debug, Clone)]
pub(crate) struct ModelBlock {
    /// The model name.
    pub(crate) name: String,
    /// The table.
    pub(crate) table: QualifiedName,
    /// `///` lines above the block.
    pub(crate) docs: Vec<String>,
    /// Scalar fields, in column order.
    pub(crate) fields: Vec<FieldLine>,
    /// Relation fields, added by `relations`.
    pub(crate) relation_fields: Vec<FieldLine>,
    /// `@@…` attributes, in order.
    pub(crate) block_attributes: Vec<String>,
    /// Column sets that are unique.
    pub(crate) unique_sets: Vec<Vec<String>>,
    /// The model is written as a comment.
    pub(crate) commented_out: bool,
    /// An implicit many-to-many join table (not written as a model).
    pub(crate) join_table: bool,
    /// Position in the previous schema, when it had this model.
    pub(crate) previous_position: Option<usize>,
}

impl ModelBlock {
    /// The field of a column.
    pub(crate) fn field_of(&self, column: &str) -> Option<&FieldLine> {
        self.fields
            .iter()
            .find(|f| f.column.as_deref() == Some(column))
    }

    /// Whether a field of this name exists already.
    pub(crate) fn has_field(&self, name: &str) -> bool {
        self.fields
            .iter()
            .chain(&self.relation_fields)
            .any(|f| f.name == name)
    }
}

/// Whether `table` is an implicit many-to-many join table as Prisma makes them: named
/// `_…`, columns `A` and `B` only, each with a foreign key to a single-column key, and a
/// unique key on (A, B).
pub(crate) fn is_join_table(table: &Table) -> bool {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if !table.name.name.starts_with('_') || columns != ["A", "B"] {
        return false;
    }
    // Prisma puts the join table in the namespace of the model whose name sorts first,
    // which here is the one `A` references; a table elsewhere is not one of its join tables.
    let fk_on = |column: &str, same_namespace: bool| {
        table.foreign_keys.iter().any(|fk| {
            fk.columns == [column]
                && fk.referenced_columns.len() == 1
                && (!same_namespace || fk.referenced_table.schema == table.name.schema)
        })
    };
    let ab = ["A".to_string(), "B".to_string()];
    let unique_ab = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns == ab)
        || table
            .indexes
            .iter()
            .any(|i| i.unique && i.predicate.is_none() && i.column_names().eq(["A", "B"]))
        || table.unique_constraints.iter().any(|u| u.columns == ab);
    fk_on("A", true) && fk_on("B", false) && unique_ab && table.foreign_keys.len() == 2
}

/// The models of the managed namespaces, in Prisma's order (by namespace and table name;
/// with a previous schema, its models first, in its order).
pub(crate) fn models(context: &mut Context<'_>, enums: &[EnumBlock]) -> Vec<ModelBlock> {
    let schema = context.schema;
    let mut blocks: Vec<ModelBlock> = Vec::new();
    for table in &schema.tables {
        if !schema.manages(&table.name.schema) || table.partition_of.is_some() {
            continue;
        }
        if let Some(block) = model(context, table, enums, &blocks) {
            blocks.push(block);
        }
    }
    // A join table is one only when `A` references the model whose name sorts first (Prisma
    // derives the columns from the model names); else it is a model of its own.
    let model_of = |name: &QualifiedName| {
        blocks
            .iter()
            .find(|b| &b.table == name)
            .map(|b| b.name.clone())
    };
    let demoted: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.join_table)
        .filter(|(_, b)| {
            let Some(table) = schema.table(&b.table) else {
                return true;
            };
            let target = |column: &str| {
                table
                    .foreign_keys
                    .iter()
                    .find(|fk| fk.columns == [column])
                    .and_then(|fk| model_of(&fk.referenced_table))
            };
            match (target("A"), target("B")) {
                (Some(a), Some(b)) => a > b,
                _ => true,
            }
        })
        .map(|(i, _)| i)
        .collect();
    for index in demoted {
        blocks[index].join_table = false;
    }
    // Tables come sorted by (namespace, name); models of the previous schema go first,
    // in its order.
    blocks.sort_by_key(|b| (b.previous_position.is_none(), b.previous_position));
    blocks
}

fn model(
    context: &mut Context<'_>,
    table: &Table,
    enums: &[EnumBlock],
    taken: &[ModelBlock],
) -> Option<ModelBlock> {
    let options = context.options;
    let mut docs = Vec::new();
    let join_table = is_join_table(table);
    let kept = context
        .previous
        .model(
            &table.name.schema,
            &options.default_schema,
            &table.name.name,
        )
        .map(str::to_string);
    let name = match kept {
        Some(kept) => {
            context.kept_names += 1;
            kept
        }
        None => {
            let sanitized = sanitize(&table.name.name);
            if sanitized.is_empty() && !join_table {
                context.warnings.push(format!(
                    "the table `{}` has no name the schema language can use and was left out",
                    table.name
                ));
                return None;
            }
            if is_reserved_type_name(&sanitized) {
                let renamed = format!("Renamed{sanitized}");
                docs.push(format!("This model has been renamed to '{renamed}' during introspection, because the original name '{sanitized}' is reserved."));
                renamed
            } else {
                sanitized
            }
        }
    };
    let name = unique_name(
        name,
        &table.name.schema,
        taken
            .iter()
            .map(|b| b.name.as_str())
            .chain(enums.iter().map(|e| e.name.as_str())),
    );
    let previous_position = context.previous.order.get(&name).copied();
    let enum_model_name = |qualified: &QualifiedName| {
        enums
            .iter()
            .find(|e| &e.database == qualified)
            .map(|e| e.name.clone())
    };
    let extension_type = |qualified: &QualifiedName| {
        context
            .schema
            .extensions
            .iter()
            .any(|e| e.name == qualified.name)
            || qualified.name == "citext"
    };
    let mut fields: Vec<FieldLine> = Vec::new();
    let mut unsupported = Vec::new();
    for column in &table.columns {
        let field_type = field_type(&column.r#type, &enum_model_name, &extension_type);
        let kept = context
            .previous
            .field(&name, &column.name)
            .map(str::to_string);
        let field_name = match kept {
            Some(kept) => {
                context.kept_names += 1;
                kept
            }
            None => sanitize(&column.name),
        };
        let commented_out = field_name.is_empty();
        let mut docs = Vec::new();
        if commented_out {
            docs.push("This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*".to_string());
        }
        let field_name = if commented_out {
            column.name.clone()
        } else {
            field_name
        };
        if field_type.unsupported {
            unsupported.push(column.name.clone());
        }
        let marker = if field_type.list {
            "[]"
        } else if column.nullable {
            "?"
        } else {
            ""
        };
        let mut attributes = Vec::new();
        let enum_block = field_type
            .enum_name
            .as_ref()
            .and_then(|n| enums.iter().find(|e| &e.database == n));
        if column.generated.is_none()
            && let Some(default) = default_attribute(column, &field_type, &|value| {
                enum_block.and_then(|e| e.value_name(value))
            })
        {
            attributes.push(default);
        }
        if let Some(extras) = context.previous.extras(&name, &column.name) {
            if extras.updated_at && field_type.scalar == Some("DateTime") {
                attributes.push("@updatedAt".to_string());
            }
            if let Some(client_default) = &extras.client_default
                && column.default.is_none()
                && column.identity.is_none()
            {
                attributes.push(client_default.clone());
            }
        }
        if field_name != column.name {
            attributes.push(format!("@map({})", string_literal(&column.name)));
        }
        attributes.extend(field_type.native.clone());
        fields.push(FieldLine {
            name: field_name,
            column: Some(column.name.clone()),
            type_text: format!("{}{marker}", field_type.base),
            attributes,
            commented_out,
            docs,
        });
    }
    let field_of = |column: &str| {
        fields
            .iter()
            .find(|f| f.column.as_deref() == Some(column))
            .map_or_else(|| column.to_string(), |f| f.name.clone())
    };
    let usable = |column: &str| {
        table.column(column).is_some_and(|c| !c.nullable)
            && !unsupported.iter().any(|u| u == column)
    };
    let previous = context.previous;
    let compound_name =
        |columns: &[String]| previous.compound_name(&name, columns).map(str::to_string);
    let keys = key_attributes(
        table,
        &field_of,
        &usable,
        &compound_name,
        options.partial_indexes,
    );
    let mut block_attributes = Vec::new();
    for placement in keys.placements {
        match placement {
            Placement::Field(column, attribute) => {
                if let Some(field) = fields
                    .iter_mut()
                    .find(|f| f.column.as_deref() == Some(column.as_str()))
                {
                    // Keys first, as Prisma writes them (the formatter orders them anyway).
                    field.attributes.insert(0, attribute);
                }
            }
            Placement::Block(attribute) => block_attributes.push(attribute),
        }
    }
    if !table.checks.is_empty() {
        docs.push("This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.".to_string());
    }
    if table.partition_by.is_some() {
        docs.push("This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.".to_string());
    }
    if table.row_level_security {
        docs.push("This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.".to_string());
    }
    if table.comment.is_some() || table.columns.iter().any(|c| c.comment.is_some()) {
        docs.push("This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments".to_string());
    }
    if keys.expression_index {
        docs.push("This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.".to_string());
    }
    if keys.nulls_order {
        docs.push("This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.".to_string());
    }
    if keys.partial_index {
        context.warnings.push(format!(
            "the partial indexes of `{}` are not in the schema: enable the `partialIndexes` preview feature to write them with `where:`",
            table.name
        ));
    }
    if !unsupported.is_empty() && !join_table {
        context.warnings.push(format!(
            "`{}` has columns of types the schema language cannot name, written as `Unsupported(…)`: {}",
            table.name,
            unsupported.join(", ")
        ));
    }
    if !keys.identified && !join_table {
        docs.push("The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.".to_string());
        block_attributes.push("@@ignore".to_string());
        context.warnings.push(format!(
            "`{}` has no primary key and no unique key on required columns: its model is marked `@@ignore`",
            table.name
        ));
    }
    if name != table.name.name {
        block_attributes.push(format!("@@map({})", string_literal(&table.name.name)));
    }
    if context.multi_schema {
        block_attributes.push(format!("@@schema({})", string_literal(&table.name.schema)));
    }
    Some(ModelBlock {
        name,
        table: table.name.clone(),
        docs,
        fields,
        relation_fields: Vec::new(),
        block_attributes,
        unique_sets: keys.unique_sets,
        commented_out: false,
        join_table,
        previous_position,
    })
}
