//! Rules that come from PostgreSQL rather than from the schema language: which native types
//! exist and fit which scalar, which index options PostgreSQL has, composite types (which
//! only MongoDB has), multiple schemas, and the 63-byte limit on identifiers.

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use crate::native_types::{self, Arguments};
use crate::resolve::{Db, FieldKind, IndexKind, ModelKind, closest_name};

/// PostgreSQL's limit on identifier length, in bytes (`NAMEDATALEN - 1`).
pub(crate) const MAX_IDENTIFIER_BYTES: usize = 63;

pub(super) fn check(db: &Db<'_>, diagnostics: &mut Diagnostics) {
    for composite in &db.composite_types {
        diagnostics.push(Diagnostic::error(
            "composite-type-unsupported",
            format!(
                "composite types (`type {}`) exist only for MongoDB; PostgreSQL does not support them",
                composite.name.name
            ),
            composite.keyword_span.to(composite.name.span),
        ).with_help("use a `model` with a relation, or a `Json` field"));
    }
    check_schemas(db, diagnostics);
    for model in &db.models {
        for field in &model.fields {
            if let FieldKind::Composite(_) = field.kind {
                diagnostics.push(Diagnostic::error(
                    "composite-type-unsupported",
                    format!(
                        "the field `{}` has a composite type, which PostgreSQL does not support",
                        field.name()
                    ),
                    field
                        .ast
                        .field_type
                        .as_ref()
                        .map_or(field.ast.span, |t| t.span),
                ));
            }
            if let (FieldKind::Scalar(scalar), Some(native)) = (&field.kind, &field.native_type) {
                check_native_type(*scalar, native, diagnostics);
            }
            if let Some(default) = &field.default
                && let Some((_, span)) = default.map
            {
                diagnostics.push(Diagnostic::error(
                    "unsupported-argument",
                    "PostgreSQL has no named default constraints: `map` on `@default` is for SQL Server",
                    span,
                ));
            }
            if let Some((name, span)) = field.mapped_name {
                long_name_warning("column", name, span, diagnostics);
            }
        }
        if let Some((name, span)) = model.mapped_name {
            long_name_warning(
                if model.kind == ModelKind::View {
                    "view"
                } else {
                    "table"
                },
                name,
                span,
                diagnostics,
            );
        } else {
            long_name_warning("table", model.name(), model.ast.name.span, diagnostics);
        }
        if let Some(pk) = &model.primary_key {
            if pk.fields.iter().any(|f| f.sort.is_some()) {
                diagnostics.push(Diagnostic::error(
                    "unsupported-argument",
                    "PostgreSQL primary keys have no sort order: remove `sort` from the key fields",
                    pk.span,
                ));
            }
            if let Some(span) = pk.clustered {
                unsupported_clustered(span, diagnostics);
            }
            if pk.fields.iter().any(|f| f.length.is_some()) {
                unsupported_length(pk.span, diagnostics);
            }
            if let Some((name, span)) = pk.map {
                long_constraint_name(name, span, diagnostics);
            }
        }
        for index in &model.indexes {
            if index.kind == IndexKind::Fulltext {
                diagnostics.push(Diagnostic::error(
                    "unsupported-attribute",
                    "`@@fulltext` indexes exist only for MySQL and MongoDB; on PostgreSQL use `@@index(..., type: Gin)` on a `tsvector`",
                    index.span,
                ));
            }
            if let Some(span) = index.clustered {
                unsupported_clustered(span, diagnostics);
            }
            if index.fields.iter().any(|f| f.length.is_some()) {
                unsupported_length(index.span, diagnostics);
            }
            if let Some((name, span)) = index.map {
                long_constraint_name(name, span, diagnostics);
            }
            if let Some((_, span)) = index.predicate
                && !db
                    .configuration
                    .preview_features()
                    .contains(&"partialIndexes")
            {
                diagnostics.push(
                    Diagnostic::warning(
                        "preview-feature-needed",
                        "partial indexes (`where:`) are a preview feature in Prisma: Prisma refuses them unless a generator lists `partialIndexes`; driftless creates them anyway",
                        span,
                    )
                    .with_help("add \"partialIndexes\" to `previewFeatures` so that Prisma accepts this schema too"),
                );
            }
            check_index_operator_classes(model, index, diagnostics);
            if matches!(
                index.algorithm,
                Some((crate::resolve::IndexAlgorithm::Hash, _))
            ) && index.fields.len() > 1
            {
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-index",
                        "PostgreSQL hash indexes cover a single column; this one lists several",
                        index.span,
                    )
                    .with_help("use one hash index per column, or a BTree index"),
                );
            }
        }
        for field in &model.fields {
            if let Some((name, span)) = field.relation.map {
                long_constraint_name(name, span, diagnostics);
            }
        }
    }
    for e in &db.enums {
        if let Some((name, span)) = e.mapped_name {
            long_name_warning("enum", name, span, diagnostics);
        }
        for value in &e.values {
            let name = value.database_name();
            if name.len() > MAX_IDENTIFIER_BYTES {
                diagnostics.push(Diagnostic::error(
                    "name-too-long",
                    format!(
                        "the enum value `{name}` is {} bytes long; PostgreSQL refuses enum values longer than {MAX_IDENTIFIER_BYTES} bytes",
                        name.len()
                    ),
                    value.mapped_name.map_or(value.ast.name.span, |(_, s)| s),
                ));
            }
        }
    }
}

/// PostgreSQL refuses an index on a column whose type has no default operator class for
/// the index's access method (a GIN index on `text`, any GiST index on a Prisma scalar)
/// unless the index names one with `ops:`.
fn check_index_operator_classes(
    model: &crate::resolve::ModelInfo<'_>,
    index: &crate::resolve::IndexInfo<'_>,
    diagnostics: &mut Diagnostics,
) {
    use crate::resolve::IndexAlgorithm;
    let algorithm = index.algorithm.map_or(IndexAlgorithm::BTree, |(a, _)| a);
    for key in &index.fields {
        if key.ops.is_some() {
            continue;
        }
        let field = &model.fields[key.field];
        let FieldKind::Scalar(scalar) = field.kind else {
            continue;
        };
        let type_name = match &field.native_type {
            Some(native) => native_types::canonical(&native.name, &native.args).map_or_else(
                || native_types::default_for(scalar).to_string(),
                |(name, _)| name,
            ),
            None => native_types::default_for(scalar).to_string(),
        };
        let base = type_name.split('(').next().unwrap_or("").trim().to_string();
        let base = match base.as_str() {
            "timestamp" if type_name.ends_with("with time zone") => "timestamptz",
            "time" if type_name.ends_with("with time zone") => "timetz",
            other => other,
        };
        let list = field.arity == crate::ast::Arity::List;
        let has_default = match algorithm {
            IndexAlgorithm::BTree | IndexAlgorithm::Hash => list || !matches!(base, "json" | "xml"),
            IndexAlgorithm::Gin => list || base == "jsonb",
            IndexAlgorithm::Gist => false,
            IndexAlgorithm::SpGist => {
                !list && matches!(base, "inet" | "text" | "character varying")
            }
            IndexAlgorithm::Brin => {
                !list
                    && matches!(
                        base,
                        "smallint"
                            | "integer"
                            | "bigint"
                            | "oid"
                            | "real"
                            | "double precision"
                            | "numeric"
                            | "text"
                            | "character varying"
                            | "character"
                            | "bytea"
                            | "date"
                            | "time"
                            | "timetz"
                            | "timestamp"
                            | "timestamptz"
                            | "uuid"
                            | "inet"
                            | "bit"
                            | "bit varying"
                    )
            }
        };
        if !has_default {
            let method = match algorithm {
                IndexAlgorithm::BTree => "BTree",
                IndexAlgorithm::Hash => "Hash",
                IndexAlgorithm::Gin => "Gin",
                IndexAlgorithm::Gist => "Gist",
                IndexAlgorithm::SpGist => "SpGist",
                IndexAlgorithm::Brin => "Brin",
            };
            let shown = if list {
                format!("{type_name}[]")
            } else {
                type_name.clone()
            };
            diagnostics.push(
                Diagnostic::error(
                    "missing-operator-class",
                    format!(
                        "a {method} index on `{}` (`{shown}`) needs an operator class: PostgreSQL has no default one for this type",
                        field.name()
                    ),
                    key.span,
                )
                .with_help(format!(
                    "name one, as in `{}(ops: raw(\"…\"))`, or use another index type",
                    field.name()
                )),
            );
        }
    }
}

fn unsupported_clustered(span: Span, diagnostics: &mut Diagnostics) {
    diagnostics.push(Diagnostic::error(
        "unsupported-argument",
        "`clustered` is for SQL Server; PostgreSQL has no clustered indexes",
        span,
    ));
}

fn unsupported_length(span: Span, diagnostics: &mut Diagnostics) {
    diagnostics.push(Diagnostic::error(
        "unsupported-argument",
        "`length` (prefix indexes) is for MySQL; PostgreSQL indexes whole values",
        span,
    ));
}

fn long_constraint_name(name: &str, span: Span, diagnostics: &mut Diagnostics) {
    if name.len() > MAX_IDENTIFIER_BYTES {
        diagnostics.push(Diagnostic::error(
            "name-too-long",
            format!(
                "the name `{name}` is {} bytes long; PostgreSQL allows at most {MAX_IDENTIFIER_BYTES}",
                name.len()
            ),
            span,
        ));
    }
}

fn long_name_warning(what: &str, name: &str, span: Span, diagnostics: &mut Diagnostics) {
    if name.len() > MAX_IDENTIFIER_BYTES {
        diagnostics.push(Diagnostic::warning(
            "name-too-long",
            format!(
                "the {what} name `{name}` is {} bytes long; PostgreSQL cuts names to {MAX_IDENTIFIER_BYTES} bytes, so the database will know it by a shorter name",
                name.len()
            ),
            span,
        ));
    }
}

fn check_native_type(
    scalar: crate::resolve::ScalarType,
    native: &crate::resolve::NativeTypeInfo,
    diagnostics: &mut Diagnostics,
) {
    let Some(spec) = native_types::find(&native.name) else {
        let mut diagnostic = Diagnostic::error(
            "unknown-native-type",
            format!("`{}` is not a PostgreSQL native type", native.name),
            native.span,
        );
        let candidates = native_types::for_scalar(scalar).map(|t| t.name);
        if let Some(suggestion) = closest_name(&native.name, candidates) {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        } else {
            let valid: Vec<&str> = native_types::for_scalar(scalar).map(|t| t.name).collect();
            diagnostic = diagnostic.with_help(format!(
                "native types for `{}` fields: {}",
                scalar.name(),
                valid.join(", ")
            ));
        }
        diagnostics.push(diagnostic);
        return;
    };
    if spec.scalar != scalar {
        let valid: Vec<&str> = native_types::for_scalar(scalar).map(|t| t.name).collect();
        diagnostics.push(
            Diagnostic::error(
                "invalid-native-type",
                format!(
                    "the native type `{}` is for `{}` fields, but this field is `{}`",
                    native.name,
                    spec.scalar.name(),
                    scalar.name()
                ),
                native.span,
            )
            .with_help(if valid.is_empty() {
                format!(
                    "`{}` fields take no native type on PostgreSQL",
                    scalar.name()
                )
            } else {
                format!(
                    "native types for `{}` fields: {}",
                    scalar.name(),
                    valid.join(", ")
                )
            }),
        );
        return;
    }
    let count = native.args.len();
    let arity_ok = match spec.arguments {
        Arguments::None => count == 0,
        Arguments::OptionalOne => count <= 1,
        Arguments::OptionalPrecisionScale => count == 0 || count == 2,
    };
    if !arity_ok {
        let expected = match spec.arguments {
            Arguments::None => "no arguments".to_string(),
            Arguments::OptionalOne => "at most one argument".to_string(),
            Arguments::OptionalPrecisionScale => "a precision and a scale, or nothing".to_string(),
        };
        diagnostics.push(Diagnostic::error(
            "invalid-native-type",
            format!("`{}` takes {expected}, found {count}", native.name),
            native.span,
        ));
        return;
    }
    let numbers: Vec<Option<u32>> = native.args.iter().map(|a| a.parse::<u32>().ok()).collect();
    if numbers.iter().any(Option::is_none) {
        diagnostics.push(Diagnostic::error(
            "invalid-native-type",
            format!(
                "the arguments of `{}` must be non-negative integers",
                native.name
            ),
            native.span,
        ));
        return;
    }
    let numbers: Vec<u32> = numbers.into_iter().flatten().collect();
    let problem = match (native.name.as_str(), numbers.as_slice()) {
        ("VarChar" | "Char" | "Bit" | "VarBit", [0]) => {
            Some("the length must be at least 1".to_string())
        }
        ("VarChar" | "Char" | "Bit" | "VarBit", [n]) if *n > 10_485_760 => {
            Some("the length must be at most 10485760".to_string())
        }
        ("Decimal", [p, _]) if *p == 0 || *p > 1000 => {
            Some("the precision must be from 1 to 1000".to_string())
        }
        ("Decimal", [p, s]) if s > p => {
            Some("the scale cannot be larger than the precision".to_string())
        }
        ("Timestamp" | "Timestamptz" | "Time" | "Timetz", [p]) if *p > 6 => {
            Some("the precision of a time type must be from 0 to 6".to_string())
        }
        _ => None,
    };
    if let Some(problem) = problem {
        diagnostics.push(Diagnostic::error(
            "invalid-native-type",
            format!("invalid arguments for `{}`: {problem}", native.name),
            native.span,
        ));
    }
}

fn check_schemas(db: &Db<'_>, diagnostics: &mut Diagnostics) {
    let Some(datasource) = db.configuration.datasource() else {
        return;
    };
    let declared = &datasource.schemas;
    /// What an object is, its `@@schema`, and where its name is.
    type Placed<'s> = (&'static str, Option<(&'s str, Span)>, Span);
    let mut items: Vec<Placed<'_>> = Vec::new();
    for model in &db.models {
        let what = if model.kind == ModelKind::View {
            "view"
        } else {
            "model"
        };
        items.push((what, model.schema, model.ast.name.span));
    }
    for e in &db.enums {
        items.push(("enum", e.schema, e.ast.name.span));
    }
    for (what, schema, name_span) in items {
        match (schema, declared.is_empty()) {
            (Some((_, span)), true) => diagnostics.push(
                Diagnostic::error(
                    "undeclared-schema",
                    "`@@schema` needs the datasource to list its schemas in `schemas = [...]`",
                    span,
                )
                .with_help("add `schemas = [\"public\", …]` to the datasource"),
            ),
            (Some((name, span)), false) if !declared.iter().any(|s| s == name) => diagnostics.push(
                Diagnostic::error(
                    "undeclared-schema",
                    format!(
                        "the schema `{name}` is not listed in the datasource's `schemas` ({})",
                        declared.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    ),
                    span,
                ),
            ),
            (None, false) => diagnostics.push(
                Diagnostic::error(
                    "missing-schema",
                    format!("this {what} has no `@@schema` attribute: with `schemas` in the datasource, every {what} says which schema it lives in"),
                    name_span,
                )
                .with_help(format!("add `@@schema(\"{}\")`", declared[0])),
            ),
            _ => {}
        }
    }
}
