//! `db pull`: the schema model of a live database → `schema.prisma` text, following
//! Prisma's introspection conventions (checked against Prisma 7.10's `db pull`, cached in
//! `testdata/schemas/*/pull.prisma`).
//!
//! The work is split by what is rendered: [`enums`], [`models`] (tables, their fields and
//! field types from [`types`], defaults from [`defaults`], keys and indexes from
//! [`attributes`]), [`relations`] (foreign keys and implicit many-to-many tables → relation
//! fields on both sides), [`naming`] (identifiers and Prisma's default constraint names),
//! [`previous`] (re-introspection: the names an existing schema gave the same tables and
//! columns) and [`render`] (the blocks as text, laid out by the canonical formatter).

mod attributes;
mod defaults;
mod enums;
mod models;
mod naming;
mod previous;
mod relations;
mod render;
mod types;

use driftless_schema::Schema;

pub use render::PulledFile;

use crate::ParsedSchema;

/// What the database alone cannot say about the schema to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullOptions {
    /// The namespace of the connection (`?schema=`, `public` without one): objects in it get
    /// no `@@schema` unless the datasource lists several schemas.
    pub default_schema: String,
    /// Keep the names the previous schema gives to the same tables, columns, enums and
    /// relations (false: `--force`, only its configuration blocks are kept).
    pub keep_names: bool,
    /// Write `where:` on partial indexes (the `partialIndexes` preview feature); without it
    /// a partial index is left out of the schema, with a warning.
    pub partial_indexes: bool,
}

impl Default for PullOptions {
    fn default() -> Self {
        PullOptions {
            default_schema: "public".to_string(),
            keep_names: true,
            partial_indexes: false,
        }
    }
}

/// The pulled schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    /// The schema's files, formatted (one, unless the previous schema was a folder).
    pub files: Vec<PulledFile>,
    /// What could not be written as it is in the database, one sentence each.
    pub warnings: Vec<String>,
    /// Number of models written.
    pub models: usize,
    /// Number of enums written.
    pub enums: usize,
    /// Names of models, fields and enums kept from the previous schema (re-introspection).
    pub kept_names: usize,
}

/// Why nothing can be pulled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullError {
    /// The database has no table and no enum in the introspected namespaces (Prisma's
    /// P4001).
    Empty {
        /// The namespaces that were read.
        namespaces: Vec<String>,
    },
}

impl Pulled {
    /// Every file's text, one after the other, as `--print` shows them: when several files
    /// have content, each after a `// <file name>` line (Prisma's layout).
    pub fn text(&self) -> String {
        let files: Vec<&PulledFile> = self
            .files
            .iter()
            .filter(|f| !f.text.trim().is_empty())
            .collect();
        match files.as_slice() {
            [] => String::new(),
            [file] => file.text.clone(),
            files => files
                .iter()
                .map(|f| format!("// {}\n{}", f.name, f.text))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

impl std::fmt::Display for PullError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PullError::Empty { namespaces } => write!(
                f,
                "the introspected database is empty: there is no table and no enum in {} {}",
                if namespaces.len() == 1 {
                    "the schema"
                } else {
                    "the schemas"
                },
                namespaces
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for PullError {}

/// Renders the database's schema as `schema.prisma`. With `previous` (the schema file that
/// is there already) its datasource and generator blocks are kept as they are written, and
/// the names it gives to the same tables, columns, enums and relations are kept.
pub fn pull(
    schema: &Schema,
    previous: Option<&ParsedSchema>,
    options: &PullOptions,
) -> Result<Pulled, PullError> {
    let previous_names = previous
        .filter(|_| options.keep_names)
        .map(previous::PreviousNames::read)
        .unwrap_or_default();
    let configuration = previous.map(ParsedSchema::configuration);
    let multi_schema = configuration
        .as_ref()
        .and_then(|c| c.datasource())
        .is_some_and(|d| !d.schemas.is_empty())
        || schema.namespaces.len() > 1;
    let mut context = models::Context {
        schema,
        options,
        previous: &previous_names,
        multi_schema,
        warnings: Vec::new(),
        kept_names: 0,
    };
    let enums = enums::enums(&mut context);
    let mut models = models::models(&mut context, &enums);
    if models.is_empty() && enums.is_empty() {
        return Err(PullError::Empty {
            namespaces: schema.namespaces.clone(),
        });
    }
    relations::add_relations(&mut context, &mut models);
    let files_of = |name: &str| previous_names.files.get(name).cloned();
    let files = render::render(
        previous,
        &models,
        &enums,
        &files_of,
        multi_schema,
        &schema.namespaces,
    );
    Ok(Pulled {
        files,
        warnings: context.warnings,
        models: models.iter().filter(|m| !m.commented_out).count(),
        enums: enums.len(),
        kept_names: context.kept_names,
    })
}
