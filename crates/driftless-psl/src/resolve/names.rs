//! Stage 1: what the schema declares, each name once.
//!
//! Models, views, composite types and enums share one namespace (a field type names any of
//! them), so a name declared twice is reported at its second declaration, pointing back at
//! the first; only the first declaration takes part in later stages. Field names, enum
//! values and configuration blocks are checked here too.

use std::collections::BTreeMap;

use driftless_diagnostics::{Diagnostic, Diagnostics};

use crate::ast::{self, SchemaAst, Top};
use crate::resolve::ScalarType;

/// The declarations that later stages resolve, first declaration of each name only.
pub(super) struct Declarations<'a> {
    /// Models and views in declaration order (file order, then source order).
    pub(super) models: Vec<(&'a ast::Model, super::ModelKind)>,
    pub(super) enums: Vec<&'a ast::Enum>,
    pub(super) composite_types: Vec<&'a ast::Model>,
}

pub(super) fn collect<'a>(ast: &'a SchemaAst, diagnostics: &mut Diagnostics) -> Declarations<'a> {
    let mut seen: BTreeMap<&str, &Top> = BTreeMap::new();
    let mut declarations = Declarations {
        models: Vec::new(),
        enums: Vec::new(),
        composite_types: Vec::new(),
    };
    let mut datasources: Vec<&ast::ConfigBlock> = Vec::new();
    let mut generators: BTreeMap<&str, &ast::ConfigBlock> = BTreeMap::new();

    for top in ast.tops() {
        let name = top.name();
        match top {
            Top::Datasource(block) => {
                if let Some(first) = datasources.first() {
                    diagnostics.push(
                        Diagnostic::error(
                            "duplicate-datasource",
                            "a schema can have only one datasource",
                            block.name.span,
                        )
                        .with_label(first.name.span, "the first datasource is here"),
                    );
                } else {
                    datasources.push(block);
                }
                continue;
            }
            Top::Generator(block) => {
                if let Some(first) = generators.get(name.name.as_str()) {
                    diagnostics.push(
                        Diagnostic::error(
                            "duplicate-name",
                            format!("the generator `{}` is defined twice", name.name),
                            block.name.span,
                        )
                        .with_label(first.name.span, "first defined here"),
                    );
                } else {
                    generators.insert(&name.name, block);
                }
                continue;
            }
            _ => {}
        }
        if name.name.is_empty() {
            continue;
        }
        if ScalarType::from_name(&name.name).is_some() || name.name == "Unsupported" {
            diagnostics.push(Diagnostic::error(
                "reserved-name",
                format!(
                    "`{}` is a built-in type and cannot be used as the name of a {}",
                    name.name,
                    describe(top)
                ),
                name.span,
            ));
            continue;
        }
        if let Some(first) = seen.get(name.name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-name",
                    format!(
                        "the name `{}` is already used by {}; {} cannot have the same name",
                        name.name,
                        with_article(describe(first)),
                        with_article(describe(top))
                    ),
                    name.span,
                )
                .with_label(first.name().span, "first defined here"),
            );
            continue;
        }
        seen.insert(&name.name, top);
        match top {
            Top::Model(model) => {
                check_fields(model, diagnostics);
                declarations.models.push((model, super::ModelKind::Model));
            }
            Top::View(model) => {
                check_fields(model, diagnostics);
                declarations.models.push((model, super::ModelKind::View));
            }
            Top::CompositeType(model) => {
                check_fields(model, diagnostics);
                declarations.composite_types.push(model);
            }
            Top::Enum(e) => {
                check_enum(e, diagnostics);
                declarations.enums.push(e);
            }
            Top::Datasource(_) | Top::Generator(_) => {}
        }
    }
    declarations
}

fn describe(top: &Top) -> &'static str {
    match top {
        Top::Model(_) => "model",
        Top::View(_) => "view",
        Top::CompositeType(_) => "composite type",
        Top::Enum(_) => "enum",
        Top::Datasource(_) => "datasource",
        Top::Generator(_) => "generator",
    }
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn check_fields(model: &ast::Model, diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &ast::Field> = BTreeMap::new();
    for field in &model.fields {
        if let Some(first) = seen.get(field.name.name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-field",
                    format!(
                        "the field `{}` is declared twice in `{}`",
                        field.name.name, model.name.name
                    ),
                    field.name.span,
                )
                .with_label(first.name.span, "first declared here"),
            );
        } else {
            seen.insert(&field.name.name, field);
        }
    }
}

fn check_enum(e: &ast::Enum, diagnostics: &mut Diagnostics) {
    if e.values.is_empty() {
        diagnostics.push(Diagnostic::error(
            "empty-enum",
            format!(
                "the enum `{}` has no values: an enum needs at least one",
                e.name.name
            ),
            e.name.span,
        ));
    }
    let mut seen: BTreeMap<&str, &ast::EnumValue> = BTreeMap::new();
    for value in &e.values {
        if let Some(first) = seen.get(value.name.name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-enum-value",
                    format!(
                        "the value `{}` is declared twice in the enum `{}`",
                        value.name.name, e.name.name
                    ),
                    value.name.span,
                )
                .with_label(first.name.span, "first declared here"),
            );
        } else {
            seen.insert(&value.name.name, value);
        }
    }
}
