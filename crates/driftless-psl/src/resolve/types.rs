//! Stage 2: what each field's type refers to.
//!
//! A type name is a built-in scalar, an enum, a model or view (a relation), a composite type,
//! or `Unsupported("…")`. Anything else is reported with the closest known name as a hint.

use std::collections::HashMap;

use driftless_diagnostics::{Diagnostic, Diagnostics};

use super::names::Declarations;
use super::{
    Db, EnumInfo, EnumValueInfo, FieldInfo, FieldKind, ModelInfo, RelationAttribute, ScalarType,
};
use crate::ast::{self, SchemaAst, TypeName};
use crate::config::Configuration;

pub(super) fn resolve_types<'a>(
    _ast: &'a SchemaAst,
    declarations: Declarations<'a>,
    configuration: Configuration,
    diagnostics: &mut Diagnostics,
) -> Db<'a> {
    let model_names: Vec<&str> = declarations
        .models
        .iter()
        .map(|(m, _)| m.name.name.as_str())
        .collect();
    let enum_names: Vec<&str> = declarations
        .enums
        .iter()
        .map(|e| e.name.name.as_str())
        .collect();
    let composite_names: Vec<&str> = declarations
        .composite_types
        .iter()
        .map(|c| c.name.name.as_str())
        .collect();
    // Lookups by name, the first declaration winning (duplicates are reported elsewhere):
    // a linear search per field made resolution quadratic in the number of models.
    let index = |names: &[&'a str]| -> HashMap<&'a str, usize> {
        let mut index = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            index.entry(*name).or_insert(i);
        }
        index
    };
    let model_index = index(&model_names);
    let enum_index = index(&enum_names);
    let composite_index = index(&composite_names);

    let resolve = |field: &ast::Field, diagnostics: &mut Diagnostics| -> FieldKind {
        let Some(field_type) = &field.field_type else {
            return FieldKind::Unknown;
        };
        let ident = match &field_type.name {
            TypeName::Unsupported(literal) => return FieldKind::Unsupported(literal.value.clone()),
            TypeName::Named(ident) => ident,
        };
        let name = ident.name.as_str();
        if let Some(scalar) = ScalarType::from_name(name) {
            return FieldKind::Scalar(scalar);
        }
        if let Some(&i) = enum_index.get(name) {
            return FieldKind::Enum(i);
        }
        if let Some(&i) = model_index.get(name) {
            return FieldKind::Relation(i);
        }
        if let Some(&i) = composite_index.get(name) {
            return FieldKind::Composite(i);
        }
        let candidates = ScalarType::ALL
            .iter()
            .map(|s| s.name())
            .chain(model_names.iter().copied())
            .chain(enum_names.iter().copied())
            .chain(composite_names.iter().copied());
        let mut diagnostic = Diagnostic::error(
            "unknown-type",
            format!(
                "type `{name}` is neither a built-in type nor a model, view, enum or composite type"
            ),
            ident.span,
        );
        if let Some(suggestion) = closest(name, candidates) {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        }
        diagnostics.push(diagnostic);
        FieldKind::Unknown
    };

    let models = declarations
        .models
        .iter()
        .map(|(model, kind)| ModelInfo {
            ast: model,
            kind: *kind,
            fields: model
                .fields
                .iter()
                .map(|field| FieldInfo {
                    ast: field,
                    kind: resolve(field, diagnostics),
                    arity: field.arity(),
                    mapped_name: None,
                    ignored: false,
                    updated_at: false,
                    default: None,
                    native_type: None,
                    relation: RelationAttribute::default(),
                })
                .collect(),
            mapped_name: None,
            schema: None,
            ignored: false,
            primary_key: None,
            indexes: Vec::new(),
        })
        .collect();
    // Composite type fields are resolved only to report unknown types.
    for composite in &declarations.composite_types {
        for field in &composite.fields {
            resolve(field, diagnostics);
        }
    }
    let enums = declarations
        .enums
        .iter()
        .map(|e| EnumInfo {
            ast: e,
            values: e
                .values
                .iter()
                .map(|v| EnumValueInfo {
                    ast: v,
                    mapped_name: None,
                })
                .collect(),
            mapped_name: None,
            schema: None,
        })
        .collect();
    Db {
        configuration,
        models,
        enums,
        composite_types: declarations.composite_types,
        relations: Vec::new(),
    }
}

/// The candidate closest to `name`, when it is close enough to be a plausible typo.
pub(crate) fn closest<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = name.to_lowercase();
    candidates
        .map(|candidate| {
            let score = if candidate.to_lowercase() == lower {
                1.0
            } else {
                strsim::jaro_winkler(&lower, &candidate.to_lowercase())
            };
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
