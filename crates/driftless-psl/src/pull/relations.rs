//! Foreign keys → relation fields on both models, and implicit many-to-many join tables →
//! list fields on both models, named as Prisma's introspection names them:
//!
//! - one foreign key between two models: the field on the referencing model is named after
//!   the referenced model (`Author Author @relation(fields: …)`), the back field after the
//!   referencing model (`Book Book[]`, or `Book?` when the key columns are unique);
//! - several foreign keys between the same two models, or a model referencing itself: the
//!   relation gets a name, `{Model}_{columns}To{Referenced}`, and the fields are named
//!   `{Referenced}_{relation}` and `{Model}_{relation}`;
//! - a self relation of one foreign key is named `{Model}To{Model}`, with the fields
//!   `{Model}` and `other_{Model}`.
//!
//! `onDelete`/`onUpdate` are written when they are not Prisma's defaults (`Restrict` for a
//! required relation, `SetNull` for an optional one; `Cascade` on update), and `map:` when
//! the constraint name is not Prisma's default. With a previous schema, the field and
//! relation names it gave to the same foreign key are kept.

use driftless_schema::{ForeignKey, ForeignKeyAction, QualifiedName, Table};

use super::models::{Context, FieldLine, ModelBlock};
use super::naming::{default_foreign_key, string_literal};

fn action_name(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "NoAction",
        ForeignKeyAction::Restrict => "Restrict",
        ForeignKeyAction::Cascade => "Cascade",
        ForeignKeyAction::SetNull => "SetNull",
        ForeignKeyAction::SetDefault => "SetDefault",
    }
}

/// A relation field name that is free on `model`: `name`, else `name` with `_` appended.
fn free_name(model: &ModelBlock, name: String) -> String {
    let mut name = name;
    while model.has_field(&name) {
        name.push('_');
    }
    name
}

struct Inline<'t> {
    table: &'t Table,
    fk: &'t ForeignKey,
    child: usize,
    parent: usize,
}

/// Adds the relation fields of every foreign key between written models, and turns join
/// tables into many-to-many fields.
pub(crate) fn add_relations(context: &mut Context<'_>, models: &mut [ModelBlock]) {
    let schema = context.schema;
    let position = |name: &QualifiedName| models.iter().position(|m| &m.table == name);
    let mut inline: Vec<Inline<'_>> = Vec::new();
    let mut many: Vec<(&Table, usize, usize)> = Vec::new();
    // Foreign keys table by table in the order of table names, each table's in the order
    // of their names: Prisma's order of relation fields.
    let mut order: Vec<usize> = (0..models.len()).collect();
    order.sort_by(|&a, &b| models[a].table.cmp(&models[b].table));
    for child in order {
        let model = &models[child];
        let Some(table) = schema.table(&model.table) else {
            continue;
        };
        if model.join_table {
            let target = |column: &str| {
                table
                    .foreign_keys
                    .iter()
                    .find(|fk| fk.columns == [column])
                    .and_then(|fk| position(&fk.referenced_table))
            };
            if let (Some(a), Some(b)) = (target("A"), target("B")) {
                many.push((table, a, b));
                if table.primary_key.is_none() {
                    context.warnings.push(format!(
                        "`{}` is an implicit many-to-many table of Prisma's older layout (a unique index on (A, B)); the schema describes the current one (a primary key), so the next migration converts it, as with Prisma",
                        table.name
                    ));
                }
            }
            continue;
        }
        let mut foreign_keys: Vec<&ForeignKey> = table.foreign_keys.iter().collect();
        foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        for fk in foreign_keys {
            match position(&fk.referenced_table) {
                Some(parent) if !models[parent].join_table => inline.push(Inline {
                    table,
                    fk,
                    child,
                    parent,
                }),
                _ => context.warnings.push(format!(
                    "the foreign key `{}` of `{}` references `{}`, which is not in the introspected schemas: it has no relation field",
                    fk.name, table.name, fk.referenced_table
                )),
            }
        }
    }
    // How many relations each unordered pair of models has, to know which need names.
    let pair = |a: usize, b: usize| if a <= b { (a, b) } else { (b, a) };
    let mut counts: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for relation in &inline {
        *counts
            .entry(pair(relation.child, relation.parent))
            .or_default() += 1;
    }
    for (_, a, b) in &many {
        *counts.entry(pair(*a, *b)).or_default() += 1;
    }
    for relation in &inline {
        let (child, parent) = (relation.child, relation.parent);
        let child_name = models[child].name.clone();
        let parent_name = models[parent].name.clone();
        let fk = relation.fk;
        let ambiguous = counts[&pair(child, parent)] > 1;
        let self_relation = child == parent;
        let generated_name = if ambiguous {
            Some(format!(
                "{child_name}_{}To{parent_name}",
                fk.columns.join("_")
            ))
        } else if self_relation {
            Some(format!("{child_name}To{parent_name}"))
        } else {
            None
        };
        let previous = context.previous.forward(&child_name, &fk.columns).cloned();
        let (forward_name, relation_name) = match previous {
            Some((field, relation)) => {
                context.kept_names += 1;
                (field, relation.or(generated_name))
            }
            None => {
                let name = match (&generated_name, ambiguous) {
                    (Some(relation), true) => format!("{parent_name}_{relation}"),
                    _ => parent_name.clone(),
                };
                (free_name(&models[child], name), generated_name)
            }
        };
        let back_name =
            match context
                .previous
                .back(&parent_name, &child_name, relation_name.as_deref(), 0)
            {
                Some(kept) => {
                    context.kept_names += 1;
                    kept.to_string()
                }
                None => {
                    let name = match (&relation_name, ambiguous) {
                        (Some(relation), true) => format!("{child_name}_{relation}"),
                        _ => child_name.clone(),
                    };
                    let name = if self_relation {
                        format!("other_{name}")
                    } else {
                        name
                    };
                    let mut name = free_name(&models[parent], name);
                    while self_relation && name == forward_name {
                        name.push('_');
                    }
                    name
                }
            };
        let optional = fk.columns.iter().any(|c| {
            relation
                .table
                .column(c)
                .is_none_or(|column| column.nullable)
        });
        let fields: Vec<String> = fk
            .columns
            .iter()
            .map(|c| {
                models[child]
                    .field_of(c)
                    .map_or_else(|| c.clone(), |f| f.name.clone())
            })
            .collect();
        let references: Vec<String> = fk
            .referenced_columns
            .iter()
            .map(|c| {
                models[parent]
                    .field_of(c)
                    .map_or_else(|| c.clone(), |f| f.name.clone())
            })
            .collect();
        let mut arguments = Vec::new();
        if let Some(name) = &relation_name {
            arguments.push(string_literal(name));
        }
        arguments.push(format!("fields: [{}]", fields.join(", ")));
        arguments.push(format!("references: [{}]", references.join(", ")));
        let default_delete = if optional {
            ForeignKeyAction::SetNull
        } else {
            ForeignKeyAction::Restrict
        };
        if fk.on_delete != default_delete {
            arguments.push(format!("onDelete: {}", action_name(fk.on_delete)));
        }
        if fk.on_update != ForeignKeyAction::Cascade {
            arguments.push(format!("onUpdate: {}", action_name(fk.on_update)));
        }
        let columns: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
        if fk.name != default_foreign_key(&relation.table.name.name, &columns) {
            arguments.push(format!("map: {}", string_literal(&fk.name)));
        }
        let unique = models[child]
            .unique_sets
            .iter()
            .any(|set| set.len() == fk.columns.len() && set.iter().all(|c| fk.columns.contains(c)));
        let forward = FieldLine {
            name: forward_name,
            column: None,
            type_text: format!("{parent_name}{}", if optional { "?" } else { "" }),
            attributes: vec![format!("@relation({})", arguments.join(", "))],
            commented_out: false,
            docs: Vec::new(),
        };
        let back = FieldLine {
            name: back_name,
            column: None,
            type_text: format!("{child_name}{}", if unique { "?" } else { "[]" }),
            attributes: relation_name
                .iter()
                .map(|name| format!("@relation({})", string_literal(name)))
                .collect(),
            commented_out: false,
            docs: Vec::new(),
        };
        // Added at once, so that later relations see the names as taken.
        models[child].relation_fields.push(forward);
        models[parent].relation_fields.push(back);
    }
    for (table, a, b) in many {
        let relation = table.name.name.trim_start_matches('_').to_string();
        let (name_a, name_b) = (models[a].name.clone(), models[b].name.clone());
        let default = if name_a <= name_b {
            format!("{name_a}To{name_b}")
        } else {
            format!("{name_b}To{name_a}")
        };
        let named = relation != default || a == b || counts[&pair(a, b)] > 1;
        let relation_name = named.then_some(relation.clone());
        let attributes: Vec<String> = relation_name
            .iter()
            .map(|n| format!("@relation({})", string_literal(n)))
            .collect();
        for (side_index, (side, other)) in [(a, b), (b, a)].into_iter().enumerate() {
            let other_name = models[other].name.clone();
            let kept = context
                .previous
                .back(
                    &models[side].name,
                    &other_name,
                    relation_name.as_deref(),
                    if a == b { side_index } else { 0 },
                )
                .map(str::to_string);
            let name = match kept {
                Some(kept) => {
                    context.kept_names += 1;
                    kept
                }
                None if a == b => {
                    let suffix = if side_index == 0 { "A" } else { "B" };
                    free_name(&models[side], format!("{other_name}_{relation}_{suffix}"))
                }
                None if counts[&pair(a, b)] > 1 => {
                    free_name(&models[side], format!("{other_name}_{relation}"))
                }
                None => free_name(&models[side], other_name.clone()),
            };
            models[side].relation_fields.push(FieldLine {
                name,
                column: None,
                type_text: format!("{other_name}[]"),
                attributes: attributes.clone(),
                commented_out: false,
                docs: Vec::new(),
            });
        }
    }
}
