//! Stage 4: pairing relation fields into relations.
//!
//! Prisma pairs the relation fields of two models by relation name (no name is a name too):
//! two list fields make an implicit many-to-many relation, a list and a single field make a
//! one-to-many relation held by the single side, two single fields make a one-to-one relation
//! held by the side with `fields`/`references`. A field left alone has no opposite side; more
//! than two fields with one name are ambiguous. The side that holds the foreign key is then
//! checked: `fields` and `references` of equal length and matching types, `references`
//! naming a unique criterion, arity and referential actions that make sense.

use std::collections::BTreeMap;

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use super::{Db, FieldKind, FieldRef, ReferentialAction, Relation};
use crate::ast::Arity;

pub(super) fn resolve_relations(db: &mut Db<'_>, diagnostics: &mut Diagnostics) {
    // Group relation fields by (the two models, relation name), in declaration order.
    let mut order: Vec<(usize, usize, String)> = Vec::new();
    let mut groups: BTreeMap<(usize, usize, String), Vec<FieldRef>> = BTreeMap::new();
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
            let entry = groups.entry(key.clone()).or_default();
            if entry.is_empty() {
                order.push(key);
            }
            entry.push(FieldRef {
                model: model_index,
                field: field_index,
            });
        }
    }
    for key in order {
        let Some(fields) = groups.get(&key) else {
            continue;
        };
        match fields.as_slice() {
            [single] => lone_field(db, *single, diagnostics),
            [a, b] => pair(db, *a, *b, &key.2, diagnostics),
            many => ambiguous(db, many, diagnostics),
        }
    }
    check_ignored_targets(db, diagnostics);
    // Prisma walks relations ordered by (model A, model B, creation order), where model A
    // holds the foreign key (or sorts first, for many-to-many); its SQL follows that order.
    db.relations.sort_by_key(|relation| match relation {
        Relation::Inline {
            forward,
            referenced_model,
            ..
        } => (forward.model, *referenced_model, forward.field),
        Relation::ManyToMany {
            field_a, field_b, ..
        } => (field_a.model, field_b.model, field_a.field),
    });
}

fn field_span(db: &Db<'_>, field: FieldRef) -> Span {
    db.field(field).map_or(Span::default(), |f| f.ast.span)
}

fn names(db: &Db<'_>, field: FieldRef) -> (String, String, String) {
    let model = db.models.get(field.model).map_or("?", |m| m.name());
    let info = db.field(field);
    let name = info.map_or("?", |f| f.name());
    let target = match info.map(|f| &f.kind) {
        Some(FieldKind::Relation(t)) => db.models.get(*t).map_or("?", |m| m.name()),
        _ => "?",
    };
    (model.to_string(), name.to_string(), target.to_string())
}

fn lone_field(db: &mut Db<'_>, field: FieldRef, diagnostics: &mut Diagnostics) {
    let (model, name, target) = names(db, field);
    diagnostics.push(
        Diagnostic::error(
            "missing-opposite-relation",
            format!(
                "the relation field `{name}` on `{model}` has no opposite relation field on `{target}`"
            ),
            field_span(db, field),
        )
        .with_help(format!(
            "add a field of type `{model}` (or `{model}[]`) to `{target}`; `driftless format` adds it for you"
        )),
    );
    // Keep a relation that has its foreign key side, so that lowering still sees it.
    let Some(info) = db.field(field) else { return };
    if info.relation.fields.is_some() && info.arity != Arity::List {
        inline(db, field, None, false, diagnostics);
    }
}

fn ambiguous(db: &Db<'_>, fields: &[FieldRef], diagnostics: &mut Diagnostics) {
    let first = fields[0];
    let (model, _, target) = names(db, first);
    let (a, b) = if model <= target {
        (model, target)
    } else {
        (target, model)
    };
    for field in fields {
        let (_, name, _) = names(db, *field);
        let named = db.field(*field).and_then(|f| f.relation.name).is_some();
        let message = if named {
            format!(
                "the relation field `{name}` shares its relation name with {} other fields between `{a}` and `{b}`: a relation has exactly two sides",
                fields.len() - 1
            )
        } else {
            format!(
                "the relation field `{name}` is ambiguous: there are {} relation fields between `{a}` and `{b}`, so each relation needs a name",
                fields.len()
            )
        };
        diagnostics.push(
            Diagnostic::error("ambiguous-relation", message, field_span(db, *field)).with_help(
                "give both sides of each relation the same name: `@relation(\"Name\")` on one side and `@relation(\"Name\", fields: [...], references: [...])` on the other",
            ),
        );
    }
}

fn pair(db: &mut Db<'_>, a: FieldRef, b: FieldRef, name: &str, diagnostics: &mut Diagnostics) {
    let (Some(fa), Some(fb)) = (db.field(a), db.field(b)) else {
        return;
    };
    let a_list = fa.arity == Arity::List;
    let b_list = fb.arity == Arity::List;
    let a_fields = fa.relation.fields.is_some() || fa.relation.references.is_some();
    let b_fields = fb.relation.fields.is_some() || fb.relation.references.is_some();
    match (a_list, b_list) {
        (true, true) => many_to_many(db, a, b, name, diagnostics),
        (false, true) | (true, false) => {
            let (forward, back) = if a_list { (b, a) } else { (a, b) };
            let back_has_fields = if a_list { a_fields } else { b_fields };
            if back_has_fields {
                let (model, field, _) = names(db, back);
                diagnostics.push(Diagnostic::error(
                    "invalid-relation",
                    format!(
                        "the list field `{field}` on `{model}` cannot hold `fields`/`references`: in a one-to-many relation they go on the side that is not a list"
                    ),
                    field_span(db, back),
                ));
            }
            inline(db, forward, Some(back), false, diagnostics);
        }
        (false, false) => {
            let forward = match (a_fields, b_fields) {
                (true, false) => a,
                (false, true) => b,
                (true, true) => {
                    let (model_a, field_a, _) = names(db, a);
                    let (model_b, field_b, _) = names(db, b);
                    diagnostics.push(Diagnostic::error(
                        "invalid-relation",
                        format!(
                            "both `{model_a}.{field_a}` and `{model_b}.{field_b}` define `fields`/`references`: in a one-to-one relation only the side that holds the foreign key does"
                        ),
                        field_span(db, b),
                    ));
                    a
                }
                (false, false) => {
                    let (model_a, field_a, _) = names(db, a);
                    let (model_b, field_b, _) = names(db, b);
                    diagnostics.push(
                        Diagnostic::error(
                            "missing-relation-fields",
                            format!(
                                "the one-to-one relation between `{model_a}.{field_a}` and `{model_b}.{field_b}` does not say which side holds the foreign key"
                            ),
                            field_span(db, a),
                        )
                        .with_help("add `@relation(fields: [...], references: [...])` to the side that should hold it"),
                    );
                    return;
                }
            };
            let back = if forward == a { b } else { a };
            if let Some(back_field) = db.field(back)
                && back_field.arity == Arity::Required
            {
                let (model, field, _) = names(db, back);
                diagnostics.push(Diagnostic::error(
                    "invalid-relation",
                    format!(
                        "`{model}.{field}` must be optional: in a one-to-one relation the side without `fields`/`references` may have no related record"
                    ),
                    field_span(db, back),
                ));
            }
            inline(db, forward, Some(back), true, diagnostics);
        }
    }
}

fn many_to_many(
    db: &mut Db<'_>,
    a: FieldRef,
    b: FieldRef,
    name: &str,
    diagnostics: &mut Diagnostics,
) {
    for field in [a, b] {
        let Some(info) = db.field(field) else { return };
        if info.relation.fields.is_some() || info.relation.references.is_some() {
            let (model, field_name, _) = names(db, field);
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!(
                    "`{model}.{field_name}` is one side of an implicit many-to-many relation, which takes no `fields`/`references`"
                ),
                info.relation.fields_span.or(info.relation.references_span).unwrap_or(info.ast.span),
            ).with_help("for a join table with its own columns, declare the join model explicitly"));
        }
        if info.relation.on_delete.is_some() || info.relation.on_update.is_some() {
            let (model, field_name, _) = names(db, field);
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!("`{model}.{field_name}` is one side of an implicit many-to-many relation, which takes no `onDelete`/`onUpdate`"),
                info.relation.span.unwrap_or(info.ast.span),
            ));
        }
        let model = &db.models[field.model];
        let single_id = model
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.fields.len() == 1);
        if !single_id {
            let (model_name, field_name, _) = names(db, field);
            let other = if field == a { b } else { a };
            let (_, _, _) = names(db, other);
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!(
                    "`{model_name}` is part of the implicit many-to-many relation of `{field_name}`, so it needs a single-field `@id`"
                ),
                field_span(db, field),
            ));
        }
    }
    let name_a = db.models[a.model].name();
    let name_b = db.models[b.model].name();
    // Model A is the one whose name sorts first; for a self relation, the field whose
    // name sorts first.
    let (field_a, field_b) = if name_a < name_b
        || (name_a == name_b
            && db.models[a.model].fields[a.field].name()
                <= db.models[b.model].fields[b.field].name())
    {
        (a, b)
    } else {
        (b, a)
    };
    let relation_name = if name.is_empty() {
        let first = db.models[field_a.model].name();
        let second = db.models[field_b.model].name();
        format!("{first}To{second}")
    } else {
        name.to_string()
    };
    db.relations.push(Relation::ManyToMany {
        name: relation_name,
        field_a,
        field_b,
    });
}

fn inline(
    db: &mut Db<'_>,
    forward: FieldRef,
    back: Option<FieldRef>,
    one_to_one: bool,
    diagnostics: &mut Diagnostics,
) {
    let Some(info) = db.field(forward) else {
        return;
    };
    let FieldKind::Relation(referenced_model) = info.kind else {
        return;
    };
    if info.relation.fields.is_none() || info.relation.references.is_none() {
        // `fields`/`references` that failed to resolve were already reported.
        if info.relation.fields_span.is_none() || info.relation.references_span.is_none() {
            let (model, field, target) = names(db, forward);
            let missing = match (
                info.relation.fields_span.is_none(),
                info.relation.references_span.is_none(),
            ) {
                (true, true) => "`fields` and `references`",
                (true, false) => "`fields`",
                _ => "`references`",
            };
            diagnostics.push(
                Diagnostic::error(
                    "missing-relation-fields",
                    format!(
                        "the relation field `{field}` on `{model}` needs {missing} in its `@relation`, to say which columns point to `{target}`"
                    ),
                    info.relation.span.unwrap_or(info.ast.span),
                )
                .with_help("`driftless format` can add them"),
            );
        }
        return;
    }
    check_forward(db, forward, back, diagnostics);
    if one_to_one {
        check_one_to_one_unique(db, forward, diagnostics);
    }
    if let Some(back) = back {
        check_back_side(db, back, diagnostics);
    }
    db.relations.push(Relation::Inline {
        forward,
        back,
        referenced_model,
        one_to_one,
    });
}

/// Checks the side that holds the foreign key.
fn check_forward(
    db: &Db<'_>,
    forward: FieldRef,
    _back: Option<FieldRef>,
    diagnostics: &mut Diagnostics,
) {
    let Some(info) = db.field(forward) else {
        return;
    };
    let FieldKind::Relation(target) = info.kind else {
        return;
    };
    let (Some(fields), Some(references)) = (&info.relation.fields, &info.relation.references)
    else {
        return;
    };
    let model = &db.models[forward.model];
    let target_model = &db.models[target];
    let span = info.relation.span.unwrap_or(info.ast.span);
    if fields.len() != references.len() {
        diagnostics.push(Diagnostic::error(
            "relation-fields-mismatch",
            format!(
                "`fields` lists {} field(s) but `references` lists {}: they are paired one to one",
                fields.len(),
                references.len()
            ),
            span,
        ));
        return;
    }
    for (&own, &other) in fields.iter().zip(references) {
        let own_field = &model.fields[own];
        let other_field = &target_model.fields[other];
        if own_field.is_relation() {
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!(
                    "`fields` names the relation field `{}`: it must name scalar fields",
                    own_field.name()
                ),
                info.relation.fields_span.unwrap_or(span),
            ));
            continue;
        }
        if other_field.is_relation() {
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!(
                    "`references` names the relation field `{}`: it must name scalar fields",
                    other_field.name()
                ),
                info.relation.references_span.unwrap_or(span),
            ));
            continue;
        }
        let own_type = base_type_name(db, &own_field.kind);
        let other_type = base_type_name(db, &other_field.kind);
        if own_type != other_type
            && own_field.kind != FieldKind::Unknown
            && other_field.kind != FieldKind::Unknown
        {
            diagnostics.push(Diagnostic::error(
                "relation-type-mismatch",
                format!(
                    "`{}.{}` is `{own_type}` but the field it references, `{}.{}`, is `{other_type}`: they must have the same type",
                    model.name(),
                    own_field.name(),
                    target_model.name(),
                    other_field.name()
                ),
                info.relation.fields_span.unwrap_or(span),
            ));
        }
        if own_field.arity == Arity::List || other_field.arity == Arity::List {
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                "a relation cannot use list fields as `fields` or `references`",
                span,
            ));
        }
    }
    let mut referenced: Vec<usize> = references.clone();
    referenced.sort_unstable();
    let is_unique = target_model.unique_criteria().any(|mut criterion| {
        criterion.sort_unstable();
        criterion == referenced
    });
    if !is_unique {
        let names: Vec<&str> = references
            .iter()
            .map(|&i| target_model.fields[i].name())
            .collect();
        let help = if names.len() == 1 {
            format!("add `@unique` to `{}.{}`", target_model.name(), names[0])
        } else {
            format!(
                "add `@@unique([{}])` to `{}`",
                names.join(", "),
                target_model.name()
            )
        };
        diagnostics.push(
            Diagnostic::error(
                "references-not-unique",
                format!(
                    "`references` must name a unique criterion of `{}` (its id or a unique constraint), but `{}` is not unique",
                    target_model.name(),
                    names.join(", ")
                ),
                info.relation.references_span.unwrap_or(span),
            )
            .with_help(help),
        );
    }
    let any_optional = fields
        .iter()
        .any(|&i| model.fields[i].arity == Arity::Optional);
    if any_optional && info.arity == Arity::Required {
        let names: Vec<&str> = fields.iter().map(|&i| model.fields[i].name()).collect();
        diagnostics.push(Diagnostic::error(
            "invalid-relation",
            format!(
                "the relation field `{}` is required but its scalar field(s) `{}` are optional: make the relation field optional (`{}?`) too",
                info.name(),
                names.join(", "),
                target_model.name()
            ),
            info.ast.span,
        ));
    }
    let all_required = fields
        .iter()
        .all(|&i| model.fields[i].arity == Arity::Required);
    for (label, action) in [
        ("onDelete", info.relation.on_delete),
        ("onUpdate", info.relation.on_update),
    ] {
        if let Some((ReferentialAction::SetNull, action_span)) = action
            && all_required
            && db
                .configuration
                .datasource()
                .is_some_and(|d| !d.relation_mode_is_prisma())
        {
            diagnostics.push(Diagnostic::warning(
                "invalid-referential-action",
                format!(
                    "`{label}: SetNull` will fail at run time: the scalar field(s) of `{}` are required, so PostgreSQL cannot set them to NULL",
                    info.name()
                ),
                action_span,
            ).with_help("make the scalar fields optional, or choose another action"));
        }
    }
}

/// The back side of an inline relation takes no arguments beyond the name.
fn check_back_side(db: &Db<'_>, back: FieldRef, diagnostics: &mut Diagnostics) {
    let Some(info) = db.field(back) else { return };
    for (label, action) in [
        ("onDelete", info.relation.on_delete),
        ("onUpdate", info.relation.on_update),
    ] {
        if let Some((_, span)) = action {
            diagnostics.push(Diagnostic::error(
                "invalid-relation",
                format!(
                    "`{label}` belongs on the side of the relation that has `fields` and `references`, not on `{}`",
                    info.name()
                ),
                span,
            ));
        }
    }
    if let Some((_, span)) = info.relation.map {
        diagnostics.push(Diagnostic::error(
            "invalid-relation",
            format!(
                "`map` names the foreign key, so it belongs on the side with `fields`, not on `{}`",
                info.name()
            ),
            span,
        ));
    }
}

fn check_one_to_one_unique(db: &Db<'_>, forward: FieldRef, diagnostics: &mut Diagnostics) {
    let Some(info) = db.field(forward) else {
        return;
    };
    let Some(fields) = &info.relation.fields else {
        return;
    };
    let model = &db.models[forward.model];
    let mut wanted = fields.clone();
    wanted.sort_unstable();
    let unique = model.unique_criteria().any(|mut c| {
        c.sort_unstable();
        c == wanted
    });
    if !unique {
        let names: Vec<&str> = fields.iter().map(|&i| model.fields[i].name()).collect();
        let fix = if names.len() == 1 {
            format!("add `@unique` to `{}`", names[0])
        } else {
            format!("add `@@unique([{}])`", names.join(", "))
        };
        diagnostics.push(
            Diagnostic::error(
                "one-to-one-not-unique",
                format!(
                    "a one-to-one relation must use unique fields on the side that holds the foreign key, but `{}` is not unique",
                    names.join(", ")
                ),
                info.relation.fields_span.unwrap_or(info.ast.span),
            )
            .with_help(format!("{fix}, or make the other side a list to get a one-to-many relation")),
        );
    }
}

fn check_ignored_targets(db: &Db<'_>, diagnostics: &mut Diagnostics) {
    for model in &db.models {
        if model.ignored {
            continue;
        }
        for field in &model.fields {
            if let FieldKind::Relation(target) = field.kind
                && db.models[target].ignored
                && !field.ignored
            {
                diagnostics.push(Diagnostic::error(
                    "relation-to-ignored-model",
                    format!(
                        "the relation field `{}` points to `{}`, which is `@@ignore`d: mark the field `@ignore` too",
                        field.name(),
                        db.models[target].name()
                    ),
                    field.ast.span,
                ));
            }
        }
    }
}

fn base_type_name(db: &Db<'_>, kind: &FieldKind) -> String {
    match kind {
        FieldKind::Scalar(s) => s.name().to_string(),
        FieldKind::Enum(i) => db
            .enums
            .get(*i)
            .map_or("?".to_string(), |e| e.name().to_string()),
        FieldKind::Unsupported(t) => format!("Unsupported(\"{t}\")"),
        FieldKind::Relation(_) => "relation".to_string(),
        FieldKind::Composite(_) => "composite".to_string(),
        FieldKind::Unknown => "?".to_string(),
    }
}
