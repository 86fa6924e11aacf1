//! Checks of the `datasource` and `generator` blocks.
//!
//! driftless reads schemas written for Prisma 5, 6 and 7 alike, so what newer Prisma versions
//! refuse but older ones required (`url` in the datasource) is accepted, and what only
//! matters to Prisma Client (unknown, retired or deprecated preview features) is at most a
//! warning: upgrading a tool must not make a migration history unreadable.

use driftless_diagnostics::{Diagnostic, Diagnostics};

use crate::ast::{ConfigBlock, Expression, SchemaAst};
use crate::config::{ConfigValue, Configuration};

/// Preview features Prisma 7.10 still knows as preview features.
pub(crate) const KNOWN_PREVIEW_FEATURES: &[&str] = &[
    "fullTextSearchPostgres",
    "nativeDistinct",
    "partialIndexes",
    "postgresqlExtensions",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "typedSql",
    "views",
];

/// Preview features that became generally available (or were dropped) in some Prisma
/// version: listing them is harmless.
const RETIRED_PREVIEW_FEATURES: &[&str] = &[
    "metrics",
    "tracing",
    "driverAdapters",
    "prismaSchemaFolder",
    "multiSchema",
    "omitApi",
    "fullTextIndex",
    "fullTextSearch",
    "referentialIntegrity",
    "referentialActions",
    "interactiveTransactions",
    "extendedWhereUnique",
    "fieldReference",
    "filteredRelationCount",
    "orderByNulls",
    "orderByAggregateGroup",
    "orderByRelation",
    "jsonProtocol",
    "improvedQueryRaw",
    "namedConstraints",
    "nApi",
    "clientExtensions",
    "deno",
    "selectRelationCount",
    "dataProxy",
    "microsoftSqlServer",
    "mongoDb",
    "cockroachdb",
    "atomicNumberOperations",
    "aggregateApi",
    "distinct",
    "connectOrCreate",
    "transactionApi",
    "uncheckedScalarInputs",
    "groupBy",
    "createMany",
    "napi",
    "nativeTypes",
];

const DATASOURCE_PROPERTIES: &[&str] = &[
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
    "referentialIntegrity",
    "schemas",
    "extensions",
];

pub(super) fn check(ast: &SchemaAst, configuration: &Configuration, diagnostics: &mut Diagnostics) {
    let Some(block) = ast.datasources().next() else {
        let span = ast
            .files
            .first()
            .map(|f| driftless_diagnostics::Span::new(f.file, 0, 0))
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::warning(
                "missing-datasource",
                "the schema has no `datasource` block; driftless assumes PostgreSQL",
                span,
            )
            .with_help(
                "add a block `datasource db { provider = \"postgresql\" }`, one property per line",
            ),
        );
        return;
    };
    check_datasource(block, configuration, diagnostics);
    for generator in ast.generators() {
        if generator.property("provider").is_none() {
            diagnostics.push(Diagnostic::error(
                "missing-provider",
                format!("the generator `{}` has no `provider`", generator.name.name),
                generator.name.span,
            ));
        }
    }
    check_preview_features(ast, diagnostics);
    let features = configuration.preview_features();
    if let Some(property) = block.property("extensions")
        && !features.contains(&"postgresqlExtensions")
    {
        diagnostics.push(
            Diagnostic::warning(
                "preview-feature-needed",
                "`extensions` is a preview feature in Prisma: Prisma refuses it unless a generator lists `postgresqlExtensions`; driftless creates the extensions anyway",
                property.name.span,
            )
            .with_help("add \"postgresqlExtensions\" to `previewFeatures` so that Prisma accepts this schema too"),
        );
    }
    if !features.contains(&"views")
        && let Some(view) = ast.views().next()
    {
        diagnostics.push(
            Diagnostic::warning(
                "preview-feature-needed",
                "`view` blocks are a preview feature in Prisma: Prisma refuses them unless a generator lists `views`",
                view.keyword_span,
            )
            .with_help("add \"views\" to `previewFeatures` so that Prisma accepts this schema too"),
        );
    }
}

fn check_datasource(
    block: &ConfigBlock,
    configuration: &Configuration,
    diagnostics: &mut Diagnostics,
) {
    for (i, property) in block.properties.iter().enumerate() {
        let name = property.name.name.as_str();
        if !DATASOURCE_PROPERTIES.contains(&name) {
            let mut diagnostic = Diagnostic::error(
                "unknown-property",
                format!("a datasource has no property `{name}`"),
                property.name.span,
            );
            if let Some(suggestion) =
                crate::resolve::closest_name(name, DATASOURCE_PROPERTIES.iter().copied())
            {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            diagnostics.push(diagnostic);
        }
        if let Some(earlier) = block.properties[..i].iter().find(|p| p.name.name == name) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-property",
                    format!("the property `{name}` is set twice"),
                    property.name.span,
                )
                .with_label(earlier.name.span, "first set here"),
            );
        }
    }
    let Some(datasource) = configuration.datasource() else {
        return;
    };
    match block.property("provider") {
        None => diagnostics.push(
            Diagnostic::error(
                "missing-provider",
                format!("the datasource `{}` has no `provider`", block.name.name),
                block.name.span,
            )
            .with_help("add `provider = \"postgresql\"`"),
        ),
        Some(property) => match datasource.provider.as_deref() {
            Some("postgresql" | "postgres") | None => {}
            Some(other) => {
                let span = property
                    .value
                    .as_ref()
                    .map_or(property.span, Expression::span);
                diagnostics.push(Diagnostic::error(
                    "unsupported-provider",
                    format!("driftless supports the `postgresql` provider, not `{other}`"),
                    span,
                ));
            }
        },
    }
    for (key, value) in [
        ("url", &datasource.url),
        ("directUrl", &datasource.direct_url),
        ("shadowDatabaseUrl", &datasource.shadow_database_url),
    ] {
        if let Some(ConfigValue::Literal(url)) = value
            && !(url.starts_with("postgresql://")
                || url.starts_with("postgres://")
                || url.starts_with("prisma+postgres://"))
            && let Some(property) = block.property(key)
        {
            let span = property
                .value
                .as_ref()
                .map_or(property.span, Expression::span);
            diagnostics.push(Diagnostic::error(
                "invalid-url",
                format!("`{key}` must start with `postgresql://` or `postgres://`"),
                span,
            ));
        }
    }
    if let Some(property) = block.property("referentialIntegrity") {
        diagnostics.push(
            Diagnostic::warning(
                "deprecated-property",
                "`referentialIntegrity` was renamed `relationMode`",
                property.name.span,
            )
            .with_help("rename it to `relationMode`"),
        );
    }
    if let Some(mode) = datasource.relation_mode.as_deref()
        && mode != "prisma"
        && mode != "foreignKeys"
    {
        let key = if block.property("relationMode").is_some() {
            "relationMode"
        } else {
            "referentialIntegrity"
        };
        if let Some(property) = block.property(key) {
            let span = property
                .value
                .as_ref()
                .map_or(property.span, Expression::span);
            diagnostics.push(Diagnostic::error(
                "invalid-config-value",
                format!("`{key}` must be \"foreignKeys\" or \"prisma\", found \"{mode}\""),
                span,
            ));
        }
    }
}

fn check_preview_features(ast: &SchemaAst, diagnostics: &mut Diagnostics) {
    for generator in ast.generators() {
        let Some(value) = generator
            .property("previewFeatures")
            .and_then(|p| p.value.as_ref())
        else {
            continue;
        };
        let Some(items) = value.as_array() else {
            continue;
        };
        for item in items {
            let Some(feature) = item.as_str() else {
                continue;
            };
            if KNOWN_PREVIEW_FEATURES.contains(&feature) {
                continue;
            }
            let diagnostic = if RETIRED_PREVIEW_FEATURES
                .iter()
                .any(|f| f.eq_ignore_ascii_case(feature))
            {
                Diagnostic::warning(
                    "retired-preview-feature",
                    format!(
                        "the preview feature \"{feature}\" is no longer a preview feature in current Prisma versions; it has no effect on migrations"
                    ),
                    item.span(),
                )
                .with_help("it can be removed from `previewFeatures` (Prisma 7 refuses some retired names, such as \"metrics\")")
            } else {
                let mut d = Diagnostic::warning(
                    "unknown-preview-feature",
                    format!(
                        "the preview feature \"{feature}\" is not known; it has no effect on migrations"
                    ),
                    item.span(),
                );
                if let Some(suggestion) =
                    crate::resolve::closest_name(feature, KNOWN_PREVIEW_FEATURES.iter().copied())
                {
                    d = d.with_help(format!("did you mean \"{suggestion}\"?"));
                }
                d
            };
            diagnostics.push(diagnostic);
        }
    }
}
