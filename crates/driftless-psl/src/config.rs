//! The `datasource` and `generator` blocks, read into plain values.
//!
//! Commands need the provider, the URLs (literal or `env("…")`), the managed schemas and the
//! preview features long before they need the models, and they need them even when the models
//! have errors. So this reads the configuration straight from the syntax tree, leniently: a
//! value of the wrong shape is left out here and reported by validation.

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use crate::ast::{ConfigBlock, Expression, SchemaAst};

/// Everything the configuration blocks of a schema say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Configuration {
    /// The `datasource` blocks (a valid schema has exactly one).
    pub datasources: Vec<Datasource>,
    /// The `generator` blocks.
    pub generators: Vec<Generator>,
}

impl Configuration {
    /// The first datasource: the one every command uses.
    pub fn datasource(&self) -> Option<&Datasource> {
        self.datasources.first()
    }

    /// Every preview feature enabled by any generator, without duplicates, in order.
    pub fn preview_features(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for feature in self.generators.iter().flat_map(|g| &g.preview_features) {
            if !out.contains(&feature.as_str()) {
                out.push(feature);
            }
        }
        out
    }
}

/// A `datasource` block: which database and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datasource {
    /// The block's name (`db`).
    pub name: String,
    /// `provider = "postgresql"`.
    pub provider: Option<String>,
    /// `url = …` (Prisma 7 moved it to `prisma.config.ts`; older schemas still have it).
    pub url: Option<ConfigValue>,
    /// `directUrl = …`: the URL that bypasses a connection pooler, used by migrations.
    pub direct_url: Option<ConfigValue>,
    /// `shadowDatabaseUrl = …`.
    pub shadow_database_url: Option<ConfigValue>,
    /// `schemas = ["public", "auth"]`: the PostgreSQL schemas the models live in.
    pub schemas: Vec<String>,
    /// `relationMode = "prisma"` (or the older `referentialIntegrity`): `"prisma"` means no
    /// foreign keys in the database.
    pub relation_mode: Option<String>,
    /// `extensions = [...]`, each as written: `pgcrypto`, `citext(schema: "public")`.
    pub extensions: Vec<String>,
    /// The same extensions with their arguments read.
    pub extension_specs: Vec<ExtensionSpec>,
    /// The whole block.
    pub span: Span,
}

impl Datasource {
    /// Whether relations are emulated by Prisma (no foreign keys in the database).
    pub fn relation_mode_is_prisma(&self) -> bool {
        self.relation_mode.as_deref() == Some("prisma")
    }
}

/// One entry of a datasource's `extensions` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionSpec {
    /// The name in the schema (`uuid_ossp`).
    pub name: String,
    /// `map: "uuid-ossp"`: the extension's real name when it is not a valid identifier.
    pub map: Option<String>,
    /// `schema: "extensions"`: where its objects are installed.
    pub schema: Option<String>,
    /// `version: "1.1"`.
    pub version: Option<String>,
    /// Where it is written.
    pub span: Span,
}

impl ExtensionSpec {
    /// The extension's database name: `map` if given, else the name.
    pub fn database_name(&self) -> &str {
        self.map.as_deref().unwrap_or(&self.name)
    }
}

/// A configuration value: written literally or read from an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue {
    /// `"postgresql://…"`.
    Literal(String),
    /// `env("DATABASE_URL")`: the variable's name.
    Env(String),
}

/// A `generator` block: driftless ignores generators except for their preview features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generator {
    /// The block's name (`client`).
    pub name: String,
    /// `provider = "prisma-client-js"`.
    pub provider: Option<ConfigValue>,
    /// `previewFeatures = [...]`, as written.
    pub preview_features: Vec<String>,
    /// The whole block.
    pub span: Span,
}

/// Reads the configuration blocks of a schema; shape problems go to `diagnostics`.
pub(crate) fn read_configuration(ast: &SchemaAst, diagnostics: &mut Diagnostics) -> Configuration {
    Configuration {
        datasources: ast
            .datasources()
            .map(|block| read_datasource(block, diagnostics))
            .collect(),
        generators: ast
            .generators()
            .map(|block| read_generator(block, diagnostics))
            .collect(),
    }
}

fn read_datasource(block: &ConfigBlock, diagnostics: &mut Diagnostics) -> Datasource {
    let string = |key: &str, diagnostics: &mut Diagnostics| -> Option<String> {
        let property = block.property(key)?;
        let value = property.value.as_ref()?;
        match value.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                diagnostics.push(wrong_shape(key, "a string", value));
                None
            }
        }
    };
    let config_value = |key: &str, diagnostics: &mut Diagnostics| -> Option<ConfigValue> {
        let value = block.property(key)?.value.as_ref()?;
        let read = read_config_value(value);
        if read.is_none() {
            diagnostics.push(wrong_shape(key, "a string or `env(\"NAME\")`", value));
        }
        read
    };
    let provider = string("provider", diagnostics);
    let url = config_value("url", diagnostics);
    let direct_url = config_value("directUrl", diagnostics);
    let shadow_database_url = config_value("shadowDatabaseUrl", diagnostics);
    let relation_mode = if block.property("relationMode").is_some() {
        string("relationMode", diagnostics)
    } else {
        string("referentialIntegrity", diagnostics)
    };
    let mut schemas = Vec::new();
    if let Some(value) = block.property("schemas").and_then(|p| p.value.as_ref()) {
        match value.as_array() {
            Some(items) => {
                for item in items {
                    match item.as_str() {
                        Some(s) => schemas.push(s.to_string()),
                        None => diagnostics.push(wrong_shape("schemas", "a string", item)),
                    }
                }
            }
            None => diagnostics.push(wrong_shape("schemas", "an array of strings", value)),
        }
    }
    let mut extensions = Vec::new();
    let mut extension_specs = Vec::new();
    if let Some(value) = block.property("extensions").and_then(|p| p.value.as_ref()) {
        match value.as_array() {
            Some(items) => {
                for item in items {
                    match read_extension(item, diagnostics) {
                        Some(spec) => {
                            extensions.push(item.to_string());
                            extension_specs.push(spec);
                        }
                        None => diagnostics.push(wrong_shape(
                            "extensions",
                            "an extension name, optionally with arguments",
                            item,
                        )),
                    }
                }
            }
            None => diagnostics.push(wrong_shape("extensions", "an array of extensions", value)),
        }
    }
    Datasource {
        name: block.name.name.clone(),
        provider,
        url,
        direct_url,
        shadow_database_url,
        schemas,
        relation_mode,
        extensions,
        extension_specs,
        span: block.span,
    }
}

fn read_extension(item: &Expression, diagnostics: &mut Diagnostics) -> Option<ExtensionSpec> {
    match item {
        Expression::Constant(name) => Some(ExtensionSpec {
            name: name.name.clone(),
            map: None,
            schema: None,
            version: None,
            span: name.span,
        }),
        Expression::Function(call) => {
            let mut spec = ExtensionSpec {
                name: call.name.name.clone(),
                map: None,
                schema: None,
                version: None,
                span: call.span,
            };
            for argument in &call.arguments.arguments {
                let Some(value) = argument.value.as_ref() else {
                    continue;
                };
                let key = argument.name.as_ref().map_or("", |n| n.name.as_str());
                let slot = match key {
                    "map" => &mut spec.map,
                    "schema" => &mut spec.schema,
                    "version" => &mut spec.version,
                    _ => {
                        diagnostics.push(Diagnostic::error(
                            "invalid-extension-argument",
                            format!(
                                "extension `{}` takes only `map`, `schema` and `version` arguments",
                                spec.name
                            ),
                            argument.span,
                        ));
                        continue;
                    }
                };
                match value.as_str() {
                    Some(s) => *slot = Some(s.to_string()),
                    None => diagnostics.push(wrong_shape(key, "a string", value)),
                }
            }
            Some(spec)
        }
        _ => None,
    }
}

fn read_generator(block: &ConfigBlock, diagnostics: &mut Diagnostics) -> Generator {
    let provider = block
        .property("provider")
        .and_then(|p| p.value.as_ref())
        .and_then(|value| {
            let read = read_config_value(value);
            if read.is_none() {
                diagnostics.push(wrong_shape(
                    "provider",
                    "a string or `env(\"NAME\")`",
                    value,
                ));
            }
            read
        });
    let mut preview_features = Vec::new();
    if let Some(value) = block
        .property("previewFeatures")
        .and_then(|p| p.value.as_ref())
    {
        match value.as_array() {
            Some(items) => {
                for item in items {
                    match item.as_str() {
                        Some(s) => preview_features.push(s.to_string()),
                        None => diagnostics.push(wrong_shape("previewFeatures", "a string", item)),
                    }
                }
            }
            None => diagnostics.push(wrong_shape("previewFeatures", "an array of strings", value)),
        }
    }
    Generator {
        name: block.name.name.clone(),
        provider,
        preview_features,
        span: block.span,
    }
}

/// `"text"` or `env("NAME")`.
fn read_config_value(value: &Expression) -> Option<ConfigValue> {
    match value {
        Expression::String(s) => Some(ConfigValue::Literal(s.value.clone())),
        Expression::Function(call) if call.name.name == "env" => {
            let [argument] = call.arguments.arguments.as_slice() else {
                return None;
            };
            if argument.name.is_some() {
                return None;
            }
            argument
                .value
                .as_ref()
                .and_then(Expression::as_str)
                .map(|name| ConfigValue::Env(name.to_string()))
        }
        _ => None,
    }
}

fn wrong_shape(key: &str, expected: &str, found: &Expression) -> Diagnostic {
    Diagnostic::error(
        "invalid-config-value",
        format!("`{key}` must be {expected}, found {}", found.describe()),
        found.span(),
    )
}
