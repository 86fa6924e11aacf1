//! Relation completion: what `prisma format` adds to a schema before laying it out.
//!
//! When names, types and attributes resolve, Prisma's formatter fills in the obvious parts
//! of half-declared relations, and so does driftless:
//! - the opposite relation field that is missing (`posts Post[]` on `User` for
//!   `Post.author`), named after the other model in camelCase, pluralized for lists;
//! - the relation field that holds the foreign key, when only the list side exists
//!   (`user User? @relation(fields: [userId], references: [id])`);
//! - `@relation(fields: …, references: …)`, or the missing one of the two arguments;
//! - the scalar fields that `fields` names but the model lacks (`userId Int?`), typed like
//!   the referenced fields, native type included.
//!
//! Each addition is text inserted where Prisma inserts it (new fields just before the
//! model's `}`), so the layout pass that follows aligns it like any other line.

use driftless_diagnostics::FileId;

use crate::ast::{Arity, SchemaAst};
use crate::config::Configuration;
use crate::resolve::{self, Db, FieldKind, ModelInfo};

/// One piece of text to insert into a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Insertion {
    pub(crate) file: FileId,
    pub(crate) offset: usize,
    pub(crate) text: String,
}

/// The insertions that complete the schema's relations, in Prisma's order; empty when the
/// schema does not resolve (then Prisma only lays it out).
pub(crate) fn relation_completions(
    ast: &SchemaAst,
    configuration: Configuration,
) -> Vec<Insertion> {
    let (db, ok) = resolve::resolve_without_relations(ast, configuration);
    if !ok {
        return Vec::new();
    }
    let mut out = Vec::new();
    let groups = relation_groups(&db);
    for group in &groups {
        complete_group(&db, group, &mut out);
    }
    // Stable: insertions at one place keep the order in which they were found.
    out.sort_by_key(|i| (i.file, i.offset));
    out
}

/// Applies insertions (sorted by offset) to a file's text.
pub(crate) fn apply(text: &str, insertions: &[&Insertion]) -> String {
    let mut out =
        String::with_capacity(text.len() + insertions.iter().map(|i| i.text.len()).sum::<usize>());
    let mut last = 0;
    for insertion in insertions {
        let offset = insertion.offset.min(text.len()).max(last);
        out.push_str(text.get(last..offset).unwrap_or(""));
        out.push_str(&insertion.text);
        last = offset;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    out
}

/// Relation fields grouped as the relations stage pairs them: by the two models and the
/// relation name, in declaration order.
fn relation_groups(db: &Db<'_>) -> Vec<Vec<(usize, usize)>> {
    let mut keys: Vec<(usize, usize, String)> = Vec::new();
    let mut groups: Vec<Vec<(usize, usize)>> = Vec::new();
    for (model_index, model) in db.models.iter().enumerate() {
        for (field_index, field) in model.fields.iter().enumerate() {
            let FieldKind::Relation(target) = field.kind else {
                continue;
            };
            let name = field
                .relation
                .name
                .map_or(String::new(), |(n, _)| n.to_string());
            let key = (model_index.min(target), model_index.max(target), name);
            match keys.iter().position(|k| *k == key) {
                Some(i) => groups[i].push((model_index, field_index)),
                None => {
                    keys.push(key);
                    groups.push(vec![(model_index, field_index)]);
                }
            }
        }
    }
    groups
}

fn complete_group(db: &Db<'_>, group: &[(usize, usize)], out: &mut Vec<Insertion>) {
    match group {
        [(model, field)] => {
            let info = &db.models[*model].fields[*field];
            let FieldKind::Relation(target) = info.kind else {
                return;
            };
            if info.arity == Arity::List {
                // Only the list side exists: add the side that holds the foreign key.
                if *model == target {
                    return;
                }
                add_forward_field(db, target, *model, out);
            } else {
                add_back_field(db, *model, *field, target, out);
                complete_forward(db, *model, *field, target, out);
            }
        }
        [a, b] => {
            let fa = &db.models[a.0].fields[a.1];
            let fb = &db.models[b.0].fields[b.1];
            let FieldKind::Relation(_) = fa.kind else {
                return;
            };
            let forward = match (fa.arity == Arity::List, fb.arity == Arity::List) {
                (true, true) => return,
                (false, true) => *a,
                (true, false) => *b,
                (false, false) => {
                    let a_has = fa.relation.fields.is_some() || fa.relation.references.is_some();
                    let b_has = fb.relation.fields.is_some() || fb.relation.references.is_some();
                    match (a_has, b_has) {
                        (true, _) => *a,
                        (false, true) => *b,
                        // Neither side says: Prisma cannot tell which side holds the key.
                        (false, false) => return,
                    }
                }
            };
            let forward_info = &db.models[forward.0].fields[forward.1];
            let FieldKind::Relation(target) = forward_info.kind else {
                return;
            };
            complete_forward(db, forward.0, forward.1, target, out);
        }
        _ => {}
    }
}

/// The referenced fields: `references` if given, else the referenced model's first unique
/// criterion (its id first).
fn referenced_fields(
    db: &Db<'_>,
    forward_model: usize,
    forward_field: usize,
    target: usize,
) -> Vec<usize> {
    let info = &db.models[forward_model].fields[forward_field];
    if let Some(references) = &info.relation.references {
        return references.clone();
    }
    db.models[target]
        .unique_criteria()
        .next()
        .unwrap_or_default()
}

/// The scalar fields Prisma would name for a foreign key to `target`: `{model}{Field}`.
fn inferred_scalar_names(db: &Db<'_>, target: usize, references: &[usize]) -> Vec<String> {
    let target_model = &db.models[target];
    references
        .iter()
        .map(|&r| {
            format!(
                "{}{}",
                lower_first(target_model.name()),
                upper_first(target_model.fields[r].name())
            )
        })
        .collect()
}

fn fields_argument(
    db: &Db<'_>,
    forward_model: usize,
    forward_field: usize,
    target: usize,
) -> String {
    let references = referenced_fields(db, forward_model, forward_field, target);
    format!(
        "fields: [{}]",
        inferred_scalar_names(db, target, &references).join(", ")
    )
}

fn references_argument(
    db: &Db<'_>,
    forward_model: usize,
    forward_field: usize,
    target: usize,
) -> String {
    let references = referenced_fields(db, forward_model, forward_field, target);
    let names: Vec<&str> = references
        .iter()
        .map(|&r| db.models[target].fields[r].name())
        .collect();
    format!("references: [{}]", names.join(", "))
}

/// Where new fields go: just before the model's closing brace.
fn end_of_model(model: &ModelInfo<'_>) -> (FileId, usize) {
    (
        model.ast.span.file,
        (model.ast.span.end as usize).saturating_sub(1),
    )
}

fn add_back_field(
    db: &Db<'_>,
    model: usize,
    field: usize,
    target: usize,
    out: &mut Vec<Insertion>,
) {
    let referencing = &db.models[model];
    let info = &referencing.fields[field];
    let one_to_one = info.relation.fields.as_ref().is_some_and(|fields| {
        referencing.indexes.iter().any(|index| {
            index.kind == resolve::IndexKind::Unique
                && index.fields.iter().map(|f| f.field).collect::<Vec<_>>() == *fields
        })
    });
    let base = camel_case(referencing.name());
    let (name, arity) = if one_to_one {
        (base, "?")
    } else {
        (pluralize(&base), "[]")
    };
    let ignore = if referencing.ignored { "@ignore" } else { "" };
    let (file, offset) = end_of_model(&db.models[target]);
    out.push(Insertion {
        file,
        offset,
        text: format!("{name} {}{arity} {ignore}\n", referencing.name()),
    });
}

fn add_forward_field(db: &Db<'_>, referencing: usize, referenced: usize, out: &mut Vec<Insertion>) {
    let referenced_model = &db.models[referenced];
    let references: Vec<usize> = referenced_model
        .unique_criteria()
        .next()
        .unwrap_or_default();
    let scalar_names = inferred_scalar_names(db, referenced, &references);
    let reference_names: Vec<&str> = references
        .iter()
        .map(|&r| referenced_model.fields[r].name())
        .collect();
    let (file, offset) = end_of_model(&db.models[referencing]);
    out.push(Insertion {
        file,
        offset,
        text: format!(
            "{} {}? @relation(fields: [{}], references: [{}])\n",
            camel_case(referenced_model.name()),
            referenced_model.name(),
            scalar_names.join(", "),
            reference_names.join(", ")
        ),
    });
    add_scalar_fields(
        db,
        referencing,
        referenced,
        &references,
        Arity::Optional,
        out,
    );
}

/// The missing `@relation`, its missing arguments, and missing scalar fields of the side
/// that holds the foreign key.
fn complete_forward(
    db: &Db<'_>,
    model: usize,
    field: usize,
    target: usize,
    out: &mut Vec<Insertion>,
) {
    let info = &db.models[model].fields[field];
    let references = referenced_fields(db, model, field, target);
    match info.ast.attribute("relation") {
        None => {
            let Some(field_type) = &info.ast.field_type else {
                return;
            };
            out.push(Insertion {
                file: field_type.span.file,
                offset: field_type.span.end as usize,
                text: format!(
                    " @relation({}, {})",
                    fields_argument(db, model, field, target),
                    references_argument(db, model, field, target)
                ),
            });
        }
        Some(attribute) => {
            let mut extra = Vec::new();
            if info.relation.fields.is_none() {
                extra.push(fields_argument(db, model, field, target));
            }
            if info.relation.references.is_none() {
                extra.push(references_argument(db, model, field, target));
            }
            if extra.is_empty() {
                return;
            }
            let extra = extra.join(", ");
            let (text, offset) = if attribute.args().is_empty() {
                (format!("({extra})"), attribute.span.end as usize)
            } else {
                (
                    format!(", {extra}"),
                    (attribute.span.end as usize).saturating_sub(1),
                )
            };
            out.push(Insertion {
                file: attribute.span.file,
                offset,
                text,
            });
        }
    }
    if info.relation.fields.is_none() {
        add_scalar_fields(db, model, target, &references, info.arity, out);
    }
}

fn add_scalar_fields(
    db: &Db<'_>,
    referencing: usize,
    referenced: usize,
    references: &[usize],
    arity: Arity,
    out: &mut Vec<Insertion>,
) {
    let names = inferred_scalar_names(db, referenced, references);
    let referencing_model = &db.models[referencing];
    let referenced_model = &db.models[referenced];
    let (file, offset) = end_of_model(referencing_model);
    for (name, &reference) in names.iter().zip(references) {
        if referencing_model.field_index(name).is_some() {
            continue;
        }
        let blueprint = &referenced_model.fields[reference];
        let FieldKind::Scalar(scalar) = blueprint.kind else {
            // Prisma only infers built-in scalar fields.
            return;
        };
        let marker = match arity {
            Arity::Required => "",
            Arity::Optional => "?",
            Arity::List => "[]",
        };
        let native = blueprint
            .ast
            .attributes
            .iter()
            .find(|a| a.name.name.contains('.'))
            .map_or(String::new(), |a| a.to_string());
        out.push(Insertion {
            file,
            offset,
            text: format!("{name} {}{marker} {native}\n", scalar.name()),
        });
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `UserProfile` → `userProfile`, `user_profile` → `userProfile`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    for (i, part) in name
        .split(['_', '-', ' '])
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if i == 0 {
            out.push_str(&lower_first(part));
        } else {
            out.push_str(&upper_first(part));
        }
    }
    out
}

/// English plural of the last word of a camelCase name, with the common irregular and
/// uncountable words (Prisma uses an inflector library for this).
fn pluralize(name: &str) -> String {
    let split = name
        .char_indices()
        .filter(|(_, c)| c.is_uppercase())
        .map(|(i, _)| i)
        .next_back()
        .unwrap_or(0);
    let (head, last) = name.split_at(split);
    let lower = last.to_lowercase();
    const UNCOUNTABLE: &[&str] = &[
        "equipment",
        "information",
        "rice",
        "money",
        "species",
        "series",
        "fish",
        "sheep",
        "deer",
        "news",
        "police",
        "jeans",
    ];
    const IRREGULAR: &[(&str, &str)] = &[
        ("person", "people"),
        ("man", "men"),
        ("woman", "women"),
        ("child", "children"),
        ("tooth", "teeth"),
        ("foot", "feet"),
        ("mouse", "mice"),
        ("louse", "lice"),
        ("goose", "geese"),
        ("ox", "oxen"),
        ("sex", "sexes"),
        ("move", "moves"),
        ("zombie", "zombies"),
    ];
    if UNCOUNTABLE.contains(&lower.as_str()) {
        return name.to_string();
    }
    if let Some((_, plural)) = IRREGULAR.iter().find(|(singular, _)| *singular == lower) {
        let mut plural = plural.to_string();
        if last.chars().next().is_some_and(char::is_uppercase) {
            plural = upper_first(&plural);
        }
        return format!("{head}{plural}");
    }
    let ends = |suffix: &str| lower.ends_with(suffix);
    let before = |n: usize| &last[..last.len().saturating_sub(n)];
    let consonant_before = |n: usize| {
        lower
            .chars()
            .rev()
            .nth(n)
            .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiou".contains(c))
    };
    let plural = if ends("quiz") {
        format!("{last}zes")
    } else if ends("matrix") || ends("vertex") || ends("index") {
        format!("{}ices", before(2))
    } else if ends("alias") || ends("status") || ends("bus") {
        format!("{last}es")
    } else if ends("octopus") || ends("virus") {
        format!("{}i", before(2))
    } else if ends("sis") {
        format!("{}ses", before(3))
    } else if ends("ium") || ends("tum") {
        format!("{}a", before(2))
    } else if ends("buffalo") || ends("tomato") || ends("potato") || ends("hero") {
        format!("{last}es")
    } else if ends("fe") && !ends("ffe") {
        format!("{}ves", before(2))
    } else if (ends("lf") || ends("rf")) && last.len() > 2 {
        format!("{}ves", before(1))
    } else if ends("y") && consonant_before(1) {
        format!("{}ies", before(1))
    } else if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_english_rules() {
        for (singular, plural) in [
            ("post", "posts"),
            ("category", "categories"),
            ("address", "addresses"),
            ("person", "people"),
            ("userProfile", "userProfiles"),
            ("teamPerson", "teamPeople"),
            ("status", "statuses"),
            ("day", "days"),
            ("box", "boxes"),
            ("branch", "branches"),
            ("knife", "knives"),
            ("wolf", "wolves"),
            ("medium", "media"),
            ("analysis", "analyses"),
            ("index", "indices"),
            ("news", "news"),
        ] {
            assert_eq!(pluralize(singular), plural, "{singular}");
        }
    }

    #[test]
    fn camel_case_handles_pascal_and_snake_names() {
        assert_eq!(camel_case("UserProfile"), "userProfile");
        assert_eq!(camel_case("user_profile"), "userProfile");
        assert_eq!(camel_case("User"), "user");
    }
}
