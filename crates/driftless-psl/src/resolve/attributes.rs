//! Stage 3: what every `@` and `@@` attribute says, checked argument by argument.
//!
//! Field attributes are read field by field, then block attributes, in the order Prisma reads
//! them (which is also the order of the indexes it creates: `@unique` fields first, then
//! `@@index`, then `@@unique`). Relation fields only get their `@relation` arguments read
//! here; pairing them is the next stage's job.

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use super::arguments::{Args, display};
use super::defaults::resolve_default;
use super::types::closest;
use super::{
    Db, FieldKind, IndexAlgorithm, IndexField, IndexInfo, IndexKind, ModelInfo, ModelKind,
    NativeTypeInfo, OperatorClass, PrimaryKeyInfo, ReferentialAction, RelationAttribute, Sort,
};
use crate::ast::{self, Attribute, Expression};

const FIELD_ATTRIBUTES: &[&str] = &[
    "id",
    "unique",
    "default",
    "updatedAt",
    "map",
    "relation",
    "ignore",
];
const BLOCK_ATTRIBUTES: &[&str] = &[
    "id", "unique", "index", "map", "ignore", "schema", "fulltext",
];

pub(super) fn resolve_attributes(db: &mut Db<'_>, diagnostics: &mut Diagnostics) {
    let datasource = db.datasource_name().map(str::to_string);
    for model_index in 0..db.models.len() {
        for field_index in 0..db.models[model_index].fields.len() {
            resolve_field(
                db,
                model_index,
                field_index,
                datasource.as_deref(),
                diagnostics,
            );
        }
        resolve_block(db, model_index, diagnostics);
    }
    for e in &mut db.enums {
        for value in &mut e.values {
            for attribute in &value.ast.attributes {
                match attribute.name.name.as_str() {
                    "map" => {
                        if value.mapped_name.is_some() {
                            duplicate(attribute, diagnostics);
                            continue;
                        }
                        value.mapped_name = map_argument(attribute, diagnostics);
                    }
                    _ => unknown_attribute(attribute, &["map"], diagnostics),
                }
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for attribute in &e.ast.attributes {
            let name = attribute.name.name.as_str();
            if seen.contains(&name) && matches!(name, "map" | "schema") {
                duplicate(attribute, diagnostics);
                continue;
            }
            seen.push(name);
            match name {
                "map" => e.mapped_name = map_argument(attribute, diagnostics),
                "schema" => e.schema = schema_argument(attribute, diagnostics),
                _ => unknown_attribute(attribute, &["map", "schema"], diagnostics),
            }
        }
    }
    for composite in &db.composite_types {
        for attribute in &composite.attributes {
            if attribute.name.name != "map" {
                unknown_attribute(attribute, &["map"], diagnostics);
            }
        }
    }
}

fn duplicate(attribute: &Attribute, diagnostics: &mut Diagnostics) {
    diagnostics.push(Diagnostic::error(
        "duplicate-attribute",
        format!("`{}` can be given only once here", display(attribute)),
        attribute.span,
    ));
}

fn unknown_attribute(attribute: &Attribute, known: &[&str], diagnostics: &mut Diagnostics) {
    let mut diagnostic = Diagnostic::error(
        "unknown-attribute",
        format!("attribute `{}` is not known here", display(attribute)),
        attribute.span,
    );
    if let Some(suggestion) = closest(&attribute.name.name, known.iter().copied()) {
        let prefix = if attribute.block { "@@" } else { "@" };
        diagnostic = diagnostic.with_help(format!("did you mean `{prefix}{suggestion}`?"));
    }
    diagnostics.push(diagnostic);
}

fn not_here(attribute: &Attribute, why: &str, diagnostics: &mut Diagnostics) {
    diagnostics.push(Diagnostic::error(
        "invalid-attribute",
        format!("`{}` cannot be used here: {why}", display(attribute)),
        attribute.span,
    ));
}

/// `@map("name")` / `@@map("name")` / `@map(name: "name")`.
fn map_argument<'a>(
    attribute: &'a Attribute,
    diagnostics: &mut Diagnostics,
) -> Option<(&'a str, Span)> {
    let mut args = Args::new(attribute, diagnostics);
    let value = match args.default_arg("name") {
        Some(argument) => args.non_empty_string(argument),
        None => {
            let span = args.span();
            args.error(
                "missing-argument",
                format!("`{}` needs the name to use in the database", args.display()),
                span,
            );
            None
        }
    };
    args.finish();
    value
}

/// `@@schema("name")`.
fn schema_argument<'a>(
    attribute: &'a Attribute,
    diagnostics: &mut Diagnostics,
) -> Option<(&'a str, Span)> {
    let mut args = Args::new(attribute, diagnostics);
    let value = match args.default_arg("name") {
        Some(argument) => args.non_empty_string(argument),
        None => {
            let span = args.span();
            args.error(
                "missing-argument",
                "`@@schema` needs the name of a database schema",
                span,
            );
            None
        }
    };
    args.finish();
    value
}

fn resolve_field(
    db: &mut Db<'_>,
    model_index: usize,
    field_index: usize,
    datasource: Option<&str>,
    diagnostics: &mut Diagnostics,
) {
    let model_name = db.models[model_index].name();
    let field = db.models[model_index].fields[field_index].clone();
    let mut seen: Vec<&str> = Vec::new();
    let mut resolved = field.clone();
    for attribute in &field.ast.attributes {
        let name = attribute.name.name.as_str();
        if let Some((prefix, type_name)) = name.split_once('.') {
            if seen.iter().any(|s| s.contains('.')) {
                diagnostics.push(Diagnostic::error(
                    "duplicate-attribute",
                    "a field can have only one native type attribute",
                    attribute.span,
                ));
                continue;
            }
            seen.push(name);
            if Some(prefix) != datasource {
                let message = match datasource {
                    Some(ds) => format!(
                        "native type attributes are written `@{ds}.Type`, after the datasource name `{ds}`, not `@{prefix}.`"
                    ),
                    None => "native type attributes need a datasource block".to_string(),
                };
                diagnostics.push(Diagnostic::error(
                    "unknown-attribute",
                    message,
                    attribute.name.span,
                ));
                continue;
            }
            match &field.kind {
                FieldKind::Scalar(_) => {}
                FieldKind::Unknown => continue,
                FieldKind::Relation(_) => {
                    not_here(
                        attribute,
                        "native types apply to scalar fields, not relation fields",
                        diagnostics,
                    );
                    continue;
                }
                FieldKind::Enum(_) => {
                    not_here(attribute, "an enum field has the enum's type", diagnostics);
                    continue;
                }
                FieldKind::Unsupported(_) => {
                    not_here(
                        attribute,
                        "an `Unsupported` field already names its database type",
                        diagnostics,
                    );
                    continue;
                }
                FieldKind::Composite(_) => continue,
            }
            let args = attribute
                .args()
                .iter()
                .filter_map(|argument| match &argument.value {
                    Some(Expression::Number(n, _)) => Some(n.clone()),
                    Some(Expression::String(s)) => Some(s.value.clone()),
                    Some(other) => {
                        diagnostics.push(Diagnostic::error(
                            "invalid-argument",
                            format!(
                                "the arguments of `{}` must be numbers, found {}",
                                display(attribute),
                                other.describe()
                            ),
                            other.span(),
                        ));
                        None
                    }
                    None => None,
                })
                .collect();
            resolved.native_type = Some(NativeTypeInfo {
                name: type_name.to_string(),
                args,
                span: attribute.span,
            });
            continue;
        }
        if !FIELD_ATTRIBUTES.contains(&name) {
            let mut known: Vec<&str> = FIELD_ATTRIBUTES.to_vec();
            let native_hint = datasource.map(|ds| format!("{ds}.{name}"));
            if let Some(hint) = &native_hint {
                known.push(hint);
            }
            unknown_attribute(attribute, &known, diagnostics);
            continue;
        }
        if seen.contains(&name) {
            duplicate(attribute, diagnostics);
            continue;
        }
        seen.push(name);
        match (&field.kind, name) {
            (FieldKind::Unknown | FieldKind::Composite(_), _) => {}
            (FieldKind::Relation(_), "relation") => {
                resolved.relation =
                    relation_attribute(db, model_index, &field.kind, attribute, diagnostics);
            }
            (FieldKind::Relation(_), "ignore") | (_, "ignore") => {
                if matches!(field.kind, FieldKind::Unsupported(_)) {
                    not_here(
                        attribute,
                        "`Unsupported` fields are already ignored by Prisma Client",
                        diagnostics,
                    );
                }
                Args::new(attribute, diagnostics).finish();
                resolved.ignored = true;
            }
            (FieldKind::Relation(_), other) => {
                let why = match other {
                    "id" => {
                        "a relation field cannot be an id; put `@id` on the scalar field that holds the key"
                    }
                    "unique" => {
                        "a relation field cannot be unique; put `@unique` on the scalar field(s) named in `fields`"
                    }
                    "default" => {
                        "a relation field cannot have a default; put it on the scalar field(s) named in `fields`"
                    }
                    "map" => {
                        "a relation field has no column; map the scalar field(s) named in `fields`"
                    }
                    _ => "it applies to scalar fields, not relation fields",
                };
                not_here(attribute, why, diagnostics);
            }
            (_, "relation") => not_here(
                attribute,
                &format!("`{}` is not a relation field", field.name()),
                diagnostics,
            ),
            (_, "map") => resolved.mapped_name = map_argument(attribute, diagnostics),
            (_, "updatedAt") => {
                Args::new(attribute, diagnostics).finish();
                if field.kind != FieldKind::Scalar(super::ScalarType::DateTime) {
                    diagnostics.push(Diagnostic::error(
                        "invalid-updated-at",
                        format!(
                            "`@updatedAt` needs a `DateTime` field, but `{}` is {}",
                            field.name(),
                            describe_kind(db, &field.kind)
                        ),
                        attribute.span,
                    ));
                } else if field.arity == ast::Arity::List {
                    diagnostics.push(Diagnostic::error(
                        "invalid-updated-at",
                        "`@updatedAt` cannot be used on a list",
                        attribute.span,
                    ));
                }
                resolved.updated_at = true;
            }
            (_, "default") => {
                resolved.default = resolve_default(db, &field, attribute, diagnostics);
            }
            (_, "id") => {
                let mut args = Args::new(attribute, diagnostics);
                let map = args.named("map").and_then(|a| args.non_empty_string(a));
                let (sort, length) = sort_and_length(&mut args);
                let clustered = clustered(&mut args);
                args.finish();
                let pk = PrimaryKeyInfo {
                    fields: vec![IndexField {
                        field: field_index,
                        sort,
                        length,
                        ops: None,
                        span: field.ast.name.span,
                    }],
                    map,
                    client_name: None,
                    clustered,
                    source_field: Some(field_index),
                    span: attribute.span,
                };
                let model = &mut db.models[model_index];
                if let Some(existing) = &model.primary_key {
                    diagnostics.push(
                        Diagnostic::error(
                            "multiple-ids",
                            format!("the model `{model_name}` has more than one `@id`; use one `@@id([...])` for a compound key"),
                            attribute.span,
                        )
                        .with_label(existing.span, "the first id is here"),
                    );
                } else {
                    model.primary_key = Some(pk);
                }
            }
            (_, "unique") => {
                let mut args = Args::new(attribute, diagnostics);
                let map = args.named("map").and_then(|a| args.non_empty_string(a));
                let (sort, length) = sort_and_length(&mut args);
                let clustered = clustered(&mut args);
                args.finish();
                db.models[model_index].indexes.push(IndexInfo {
                    kind: IndexKind::Unique,
                    fields: vec![IndexField {
                        field: field_index,
                        sort,
                        length,
                        ops: None,
                        span: field.ast.name.span,
                    }],
                    map,
                    client_name: None,
                    algorithm: None,
                    clustered,
                    predicate: None,
                    source_field: Some(field_index),
                    span: attribute.span,
                });
            }
            _ => {}
        }
    }
    db.models[model_index].fields[field_index] = resolved;
}

fn describe_kind(db: &Db<'_>, kind: &FieldKind) -> String {
    match kind {
        FieldKind::Scalar(s) => format!("`{}`", s.name()),
        FieldKind::Enum(i) => format!("the enum `{}`", db.enums.get(*i).map_or("?", |e| e.name())),
        FieldKind::Unsupported(t) => format!("`Unsupported(\"{t}\")`"),
        FieldKind::Relation(i) => format!(
            "a relation to `{}`",
            db.models.get(*i).map_or("?", |m| m.name())
        ),
        FieldKind::Composite(_) => "a composite type".to_string(),
        FieldKind::Unknown => "of an unknown type".to_string(),
    }
}

fn sort_and_length(args: &mut Args<'_, '_>) -> (Option<Sort>, Option<u32>) {
    let sort = args.named("sort").and_then(|a| sort_value(args, a));
    let length = args
        .named("length")
        .and_then(|a| args.integer(a))
        .and_then(|(n, _)| u32::try_from(n).ok());
    (sort, length)
}

fn sort_value<'a>(args: &mut Args<'a, '_>, argument: &'a ast::Argument) -> Option<Sort> {
    let (value, span) = args.constant(argument)?;
    match value {
        "Asc" => Some(Sort::Asc),
        "Desc" => Some(Sort::Desc),
        other => {
            args.error(
                "invalid-argument",
                format!("`sort` must be `Asc` or `Desc`, found `{other}`"),
                span,
            );
            None
        }
    }
}

fn clustered(args: &mut Args<'_, '_>) -> Option<Span> {
    let argument = args.named("clustered")?;
    args.boolean(argument)?;
    Some(argument.span)
}

fn relation_attribute<'a>(
    db: &Db<'a>,
    model_index: usize,
    kind: &FieldKind,
    attribute: &'a Attribute,
    diagnostics: &mut Diagnostics,
) -> RelationAttribute<'a> {
    let mut out = RelationAttribute {
        span: Some(attribute.span),
        ..RelationAttribute::default()
    };
    let mut args = Args::new(attribute, diagnostics);
    if let Some(argument) = args.default_arg("name") {
        out.name = args.string(argument);
    }
    let model = &db.models[model_index];
    let target = match kind {
        FieldKind::Relation(i) => db.models.get(*i),
        _ => None,
    };
    if let Some(argument) = args.named("fields") {
        out.fields_span = argument.value.as_ref().map(Expression::span);
        out.fields = field_references(&mut args, argument, model, "fields");
    }
    if let Some(argument) = args.named("references") {
        out.references_span = argument.value.as_ref().map(Expression::span);
        out.references = match target {
            Some(target) => field_references(&mut args, argument, target, "references"),
            None => None,
        };
    }
    for (key, slot) in [
        ("onDelete", &mut out.on_delete),
        ("onUpdate", &mut out.on_update),
    ] {
        if let Some(argument) = args.named(key)
            && let Some((value, span)) = args.constant(argument)
        {
            match ReferentialAction::from_name(value) {
                Some(action) => *slot = Some((action, span)),
                None => args.error(
                    "invalid-referential-action",
                    format!(
                        "`{value}` is not a referential action: use `Cascade`, `Restrict`, `NoAction`, `SetNull` or `SetDefault`"
                    ),
                    span,
                ),
            }
        }
    }
    if let Some(argument) = args.named("map") {
        out.map = args.non_empty_string(argument);
    }
    // `relationName` is not a thing, but `name:` spelled by name is handled by default_arg.
    args.finish();
    out
}

/// `[a, b]` of field names of `model`, as field indexes.
fn field_references<'a>(
    args: &mut Args<'a, '_>,
    argument: &'a ast::Argument,
    model: &ModelInfo<'a>,
    what: &str,
) -> Option<Vec<usize>> {
    let items = args.list(argument)?;
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Expression::Constant(name) = item else {
            args.error(
                "invalid-argument",
                format!("`{what}` must list field names, found {}", item.describe()),
                item.span(),
            );
            ok = false;
            continue;
        };
        match model.field_index(&name.name) {
            Some(index) => out.push(index),
            None => {
                let mut diagnostic = Diagnostic::error(
                    "unknown-field",
                    format!(
                        "`{what}` names `{}`, which is not a field of `{}`",
                        name.name,
                        model.name()
                    ),
                    name.span,
                );
                if let Some(suggestion) = closest(&name.name, model.fields.iter().map(|f| f.name()))
                {
                    diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                }
                args.diagnostics.push(diagnostic);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn resolve_block(db: &mut Db<'_>, model_index: usize, diagnostics: &mut Diagnostics) {
    let model_ast = db.models[model_index].ast;
    let mut single_seen: Vec<&str> = Vec::new();
    let mut pending_indexes: Vec<IndexInfo<'_>> = Vec::new();
    let mut pending_uniques: Vec<IndexInfo<'_>> = Vec::new();
    let mut pending_fulltext: Vec<IndexInfo<'_>> = Vec::new();
    for attribute in &model_ast.attributes {
        let name = attribute.name.name.as_str();
        if !BLOCK_ATTRIBUTES.contains(&name) {
            unknown_attribute(attribute, BLOCK_ATTRIBUTES, diagnostics);
            continue;
        }
        if matches!(name, "id" | "map" | "ignore" | "schema") {
            if single_seen.contains(&name) {
                duplicate(attribute, diagnostics);
                continue;
            }
            single_seen.push(name);
        }
        match name {
            "map" => db.models[model_index].mapped_name = map_argument(attribute, diagnostics),
            "schema" => db.models[model_index].schema = schema_argument(attribute, diagnostics),
            "ignore" => {
                Args::new(attribute, diagnostics).finish();
                db.models[model_index].ignored = true;
            }
            "id" => {
                let model = &db.models[model_index];
                let mut args = Args::new(attribute, diagnostics);
                let fields = index_fields(&mut args, model, true);
                let client_name = args
                    .named("name")
                    .and_then(|a| args.non_empty_string(a))
                    .map(|(n, _)| n);
                let map = args.named("map").and_then(|a| args.non_empty_string(a));
                let clustered = clustered(&mut args);
                args.finish();
                let Some(fields) = fields else { continue };
                let model = &mut db.models[model_index];
                if let Some(existing) = &model.primary_key {
                    diagnostics.push(
                        Diagnostic::error(
                            "multiple-ids",
                            format!(
                                "the model `{}` has both `@id` and `@@id`: a model has one primary key",
                                model.name()
                            ),
                            attribute.span,
                        )
                        .with_label(existing.span, "the other id is here"),
                    );
                    continue;
                }
                model.primary_key = Some(PrimaryKeyInfo {
                    fields,
                    map,
                    client_name,
                    clustered,
                    source_field: None,
                    span: attribute.span,
                });
            }
            "index" | "unique" | "fulltext" => {
                let model = &db.models[model_index];
                let mut args = Args::new(attribute, diagnostics);
                let fields = index_fields(&mut args, model, name != "fulltext");
                let name_argument = args.named("name").and_then(|a| args.non_empty_string(a));
                let mut map = args.named("map").and_then(|a| args.non_empty_string(a));
                let mut client_name = None;
                let mut algorithm = None;
                match name {
                    // `@@index(name: "x")` predates `map:` and still means the database name.
                    "index" => {
                        if map.is_none() {
                            map = name_argument;
                        }
                        if let Some(argument) = args.named("type")
                            && let Some((value, span)) = args.constant(argument)
                        {
                            algorithm = match value {
                                "BTree" => Some((IndexAlgorithm::BTree, span)),
                                "Hash" => Some((IndexAlgorithm::Hash, span)),
                                "Gist" => Some((IndexAlgorithm::Gist, span)),
                                "Gin" => Some((IndexAlgorithm::Gin, span)),
                                "SpGist" => Some((IndexAlgorithm::SpGist, span)),
                                "Brin" => Some((IndexAlgorithm::Brin, span)),
                                other => {
                                    args.error(
                                        "invalid-argument",
                                        format!("`{other}` is not an index type: use `BTree`, `Hash`, `Gist`, `Gin`, `SpGist` or `Brin`"),
                                        span,
                                    );
                                    None
                                }
                            };
                        }
                    }
                    "unique" => client_name = name_argument.map(|(n, _)| n),
                    _ => {}
                }
                let predicate = if name == "fulltext" {
                    None
                } else {
                    args.named("where").and_then(|a| predicate(&mut args, a))
                };
                let clustered = clustered(&mut args);
                args.finish();
                let Some(fields) = fields else { continue };
                let info = IndexInfo {
                    kind: match name {
                        "unique" => IndexKind::Unique,
                        "fulltext" => IndexKind::Fulltext,
                        _ => IndexKind::Normal,
                    },
                    fields,
                    map,
                    client_name,
                    algorithm,
                    clustered,
                    predicate,
                    source_field: None,
                    span: attribute.span,
                };
                match name {
                    "unique" => pending_uniques.push(info),
                    "fulltext" => pending_fulltext.push(info),
                    _ => pending_indexes.push(info),
                }
            }
            _ => {}
        }
    }
    let model = &mut db.models[model_index];
    model.indexes.extend(pending_indexes);
    model.indexes.extend(pending_uniques);
    model.indexes.extend(pending_fulltext);
    check_model(db, model_index, diagnostics);
}

/// `where: raw("…")`: the predicate of a partial index.
fn predicate<'a>(args: &mut Args<'a, '_>, argument: &'a ast::Argument) -> Option<(&'a str, Span)> {
    let value = args.value(argument)?;
    match value {
        Expression::Function(call) if call.name.name == "raw" => {
            match call.arguments.arguments.as_slice() {
                [only] if only.name.is_none() => match &only.value {
                    Some(Expression::String(s)) if !s.value.trim().is_empty() => {
                        Some((s.value.as_str(), s.span))
                    }
                    _ => {
                        args.error(
                            "invalid-argument",
                            "`raw` takes one non-empty string: the SQL condition",
                            call.span,
                        );
                        None
                    }
                },
                _ => {
                    args.error(
                        "invalid-argument",
                        "`raw` takes one non-empty string: the SQL condition",
                        call.span,
                    );
                    None
                }
            }
        }
        other => {
            args.error(
                "invalid-argument",
                format!(
                    "`where` must be `raw(\"SQL condition\")`, found {}",
                    other.describe()
                ),
                other.span(),
            );
            None
        }
    }
}

/// The `fields` list of `@@id`, `@@unique`, `@@index`: names with optional
/// `(sort:, length:, ops:)` arguments.
fn index_fields<'a>(
    args: &mut Args<'a, '_>,
    model: &ModelInfo<'a>,
    allow_sort: bool,
) -> Option<Vec<IndexField>> {
    let Some(argument) = args.default_arg("fields") else {
        let span = args.span();
        args.error(
            "missing-argument",
            format!(
                "`{}` needs the list of fields it covers, as in `{}([a, b])`",
                args.display(),
                args.display()
            ),
            span,
        );
        return None;
    };
    let items = args.list(argument)?;
    if items.is_empty() {
        let span = argument.span;
        args.error(
            "missing-argument",
            format!("`{}` needs at least one field", args.display()),
            span,
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, call) = match item {
            Expression::Constant(name) => (name, None),
            Expression::Function(call) => (&call.name, Some(call)),
            other => {
                args.error(
                    "invalid-argument",
                    format!(
                        "`{}` must list field names, found {}",
                        args.display(),
                        other.describe()
                    ),
                    other.span(),
                );
                ok = false;
                continue;
            }
        };
        if name.name.contains('.') {
            args.error(
                "composite-type-unsupported",
                format!(
                    "`{}` refers to a field of a composite type, which PostgreSQL does not support",
                    name.name
                ),
                name.span,
            );
            ok = false;
            continue;
        }
        let Some(index) = model.field_index(&name.name) else {
            let mut diagnostic = Diagnostic::error(
                "unknown-field",
                format!(
                    "`{}` names `{}`, which is not a field of `{}`",
                    args.display(),
                    name.name,
                    model.name()
                ),
                name.span,
            );
            if let Some(suggestion) = closest(&name.name, model.fields.iter().map(|f| f.name())) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            args.diagnostics.push(diagnostic);
            ok = false;
            continue;
        };
        let field = &model.fields[index];
        if field.is_relation() {
            let mut diagnostic = Diagnostic::error(
                "relation-field-in-index",
                format!(
                    "`{}` names the relation field `{}`: keys and indexes are made of scalar fields",
                    args.display(),
                    name.name
                ),
                name.span,
            );
            if let Some(fields) = &field.relation.fields {
                let names: Vec<&str> = fields
                    .iter()
                    .filter_map(|i| model.fields.get(*i))
                    .map(|f| f.name())
                    .collect();
                diagnostic = diagnostic
                    .with_help(format!("use its scalar field(s): `{}`", names.join(", ")));
            }
            args.diagnostics.push(diagnostic);
            ok = false;
            continue;
        }
        let mut entry = IndexField {
            field: index,
            sort: None,
            length: None,
            ops: None,
            span: name.span,
        };
        if let Some(call) = call {
            for field_argument in &call.arguments.arguments {
                let key = field_argument.name.as_ref().map_or("", |n| n.name.as_str());
                let Some(value) = &field_argument.value else {
                    continue;
                };
                match key {
                    "sort" if allow_sort => match value.as_constant() {
                        Some("Asc") => entry.sort = Some(Sort::Asc),
                        Some("Desc") => entry.sort = Some(Sort::Desc),
                        _ => args.error(
                            "invalid-argument",
                            format!("`sort` must be `Asc` or `Desc`, found `{value}`"),
                            value.span(),
                        ),
                    },
                    "length" => match value {
                        Expression::Number(n, _) => entry.length = n.parse().ok(),
                        _ => args.error(
                            "invalid-argument",
                            "`length` must be an integer",
                            value.span(),
                        ),
                    },
                    "ops" if args.display() == "@@index" => entry.ops = operator_class(args, value),
                    _ => args.error(
                        "unknown-argument",
                        format!("a field in `{}` takes no argument `{key}`", args.display()),
                        field_argument.span,
                    ),
                }
            }
        }
        out.push(entry);
    }
    ok.then_some(out)
}

fn operator_class(args: &mut Args<'_, '_>, value: &Expression) -> Option<OperatorClass> {
    match value {
        Expression::Constant(name) => match known_operator_class(&name.name) {
            Some(sql) => Some(OperatorClass::Known {
                prisma: name.name.clone(),
                sql,
            }),
            None => {
                let mut diagnostic = Diagnostic::error(
                    "unknown-operator-class",
                    format!(
                        "`{}` is not an operator class Prisma knows; write `raw(\"name\")` for any other",
                        name.name
                    ),
                    name.span,
                );
                if let Some(suggestion) =
                    closest(&name.name, OPERATOR_CLASSES.iter().map(|(p, _)| *p))
                {
                    diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                }
                args.diagnostics.push(diagnostic);
                None
            }
        },
        Expression::Function(call) if call.name.name == "raw" => {
            match call
                .arguments
                .arguments
                .first()
                .and_then(|a| a.value.as_ref())
                .and_then(Expression::as_str)
            {
                Some(raw) if call.arguments.arguments.len() == 1 => {
                    Some(OperatorClass::Raw(raw.to_string()))
                }
                _ => {
                    args.error(
                        "invalid-argument",
                        "`raw` takes one string: the operator class name",
                        call.span,
                    );
                    None
                }
            }
        }
        other => {
            args.error(
                "invalid-argument",
                format!(
                    "`ops` must be an operator class or `raw(\"…\")`, found {}",
                    other.describe()
                ),
                other.span(),
            );
            None
        }
    }
}

/// Prisma's operator class names for PostgreSQL and their SQL names.
pub(crate) const OPERATOR_CLASSES: &[(&str, &str)] = &[
    ("InetOps", "inet_ops"),
    ("JsonbOps", "jsonb_ops"),
    ("JsonbPathOps", "jsonb_path_ops"),
    ("ArrayOps", "array_ops"),
    ("TextOps", "text_ops"),
    ("BitMinMaxOps", "bit_minmax_ops"),
    ("VarBitMinMaxOps", "varbit_minmax_ops"),
    ("BpcharBloomOps", "bpchar_bloom_ops"),
    ("BpcharMinMaxOps", "bpchar_minmax_ops"),
    ("ByteaBloomOps", "bytea_bloom_ops"),
    ("ByteaMinMaxOps", "bytea_minmax_ops"),
    ("DateBloomOps", "date_bloom_ops"),
    ("DateMinMaxOps", "date_minmax_ops"),
    ("DateMinMaxMultiOps", "date_minmax_multi_ops"),
    ("Float4BloomOps", "float4_bloom_ops"),
    ("Float4MinMaxOps", "float4_minmax_ops"),
    ("Float4MinMaxMultiOps", "float4_minmax_multi_ops"),
    ("Float8BloomOps", "float8_bloom_ops"),
    ("Float8MinMaxOps", "float8_minmax_ops"),
    ("Float8MinMaxMultiOps", "float8_minmax_multi_ops"),
    ("InetInclusionOps", "inet_inclusion_ops"),
    ("InetBloomOps", "inet_bloom_ops"),
    ("InetMinMaxOps", "inet_minmax_ops"),
    ("InetMinMaxMultiOps", "inet_minmax_multi_ops"),
    ("Int2BloomOps", "int2_bloom_ops"),
    ("Int2MinMaxOps", "int2_minmax_ops"),
    ("Int2MinMaxMultiOps", "int2_minmax_multi_ops"),
    ("Int4BloomOps", "int4_bloom_ops"),
    ("Int4MinMaxOps", "int4_minmax_ops"),
    ("Int4MinMaxMultiOps", "int4_minmax_multi_ops"),
    ("Int8BloomOps", "int8_bloom_ops"),
    ("Int8MinMaxOps", "int8_minmax_ops"),
    ("Int8MinMaxMultiOps", "int8_minmax_multi_ops"),
    ("NumericBloomOps", "numeric_bloom_ops"),
    ("NumericMinMaxOps", "numeric_minmax_ops"),
    ("NumericMinMaxMultiOps", "numeric_minmax_multi_ops"),
    ("OidBloomOps", "oid_bloom_ops"),
    ("OidMinMaxOps", "oid_minmax_ops"),
    ("OidMinMaxMultiOps", "oid_minmax_multi_ops"),
    ("TextBloomOps", "text_bloom_ops"),
    ("TextMinMaxOps", "text_minmax_ops"),
    ("TimestampBloomOps", "timestamp_bloom_ops"),
    ("TimestampMinMaxOps", "timestamp_minmax_ops"),
    ("TimestampMinMaxMultiOps", "timestamp_minmax_multi_ops"),
    ("TimestampTzBloomOps", "timestamptz_bloom_ops"),
    ("TimestampTzMinMaxOps", "timestamptz_minmax_ops"),
    ("TimestampTzMinMaxMultiOps", "timestamptz_minmax_multi_ops"),
    ("TimeBloomOps", "time_bloom_ops"),
    ("TimeMinMaxOps", "time_minmax_ops"),
    ("TimeMinMaxMultiOps", "time_minmax_multi_ops"),
    ("TimeTzBloomOps", "timetz_bloom_ops"),
    ("TimeTzMinMaxOps", "timetz_minmax_ops"),
    ("TimeTzMinMaxMultiOps", "timetz_minmax_multi_ops"),
    ("UuidBloomOps", "uuid_bloom_ops"),
    ("UuidMinMaxOps", "uuid_minmax_ops"),
    ("UuidMinMaxMultiOps", "uuid_minmax_multi_ops"),
];

fn known_operator_class(name: &str) -> Option<&'static str> {
    OPERATOR_CLASSES
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, sql)| *sql)
}

/// Checks that need all of a model's attributes: key fields, unique criteria.
fn check_model(db: &Db<'_>, model_index: usize, diagnostics: &mut Diagnostics) {
    let model = &db.models[model_index];
    if let Some(pk) = &model.primary_key {
        for key in &pk.fields {
            let field = &model.fields[key.field];
            let problem = match field.arity {
                ast::Arity::Optional => Some("optional"),
                ast::Arity::List => Some("a list"),
                ast::Arity::Required => None,
            };
            if let Some(problem) = problem {
                diagnostics.push(Diagnostic::error(
                    "invalid-id",
                    format!(
                        "the id field `{}` is {problem}: primary key fields must be required",
                        field.name()
                    ),
                    if pk.source_field.is_some() {
                        pk.span
                    } else {
                        key.span
                    },
                ));
            }
            if matches!(field.kind, FieldKind::Scalar(super::ScalarType::Json)) {
                diagnostics.push(Diagnostic::error(
                    "invalid-id",
                    format!(
                        "the field `{}` is `Json`, which cannot be part of a primary key",
                        field.name()
                    ),
                    key.span,
                ));
            }
        }
    }
    let has_criteria = model.primary_key.is_some()
        || model.indexes.iter().any(|i| {
            i.kind == IndexKind::Unique
                && i.fields
                    .iter()
                    .all(|k| model.fields[k.field].arity == ast::Arity::Required)
        });
    if model.kind == ModelKind::Model && !model.ignored && !has_criteria {
        let has_unsupported = model
            .fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Unsupported(_)));
        let mut diagnostic = Diagnostic::error(
            "missing-id",
            format!(
                "the model `{}` has no unique identifier: add an `@id` field, an `@@id([...])`, or a `@unique`/`@@unique` on required fields",
                model.name()
            ),
            model.ast.name.span,
        );
        if has_unsupported {
            diagnostic = diagnostic.with_help("a model that cannot be given an id can be excluded from Prisma Client with `@@ignore`");
        }
        diagnostics.push(diagnostic);
    }
}
