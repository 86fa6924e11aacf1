//! The Prisma schema language front end: `schema.prisma` → syntax tree → checked schema →
//! the [`driftless_schema::Schema`] model, plus the canonical layout of the text.
//!
//! - [`parse_schema`] reads one or more files as one schema (Prisma's multi-file layout gives
//!   each file its own [`FileId`]) and never fails: problems are [`Diagnostics`] next to a
//!   partial tree. [`ParsedSchema::configuration`] reads the `datasource` and `generator`
//!   blocks, which commands need even when the models have errors.
//! - [`validate`] reports every problem at once: syntax, the language's rules (resolved in
//!   stages as Prisma's parser database does), PostgreSQL's rules and database name clashes.
//! - [`lower`] builds the model Prisma's `migrate diff --from-empty` would create.
//! - [`format`] writes the schema as `prisma format` does, byte for byte.

#![warn(missing_docs)]

pub mod ast;
mod complete;
mod config;
mod files;
mod format;
mod lexer;
mod lower;
mod native_types;
mod parser;
pub mod pull;
mod resolve;
mod validate;

pub use config::{ConfigValue, Configuration, Datasource, ExtensionSpec, Generator};
pub use driftless_diagnostics::{Diagnostics, FileId, SourceFile, SourceMap, Span};
pub use files::{SchemaFilesError, read_schema_files};
pub use format::format;
pub use lower::{LowerOptions, lower, lower_with};
pub use pull::{PullError, PullOptions, Pulled, pull};

/// A schema after parsing: its files, its syntax tree and the problems found so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedSchema {
    /// The files, addressed by the [`FileId`] in every span.
    pub sources: SourceMap,
    /// The syntax tree, one [`ast::FileAst`] per file.
    pub ast: ast::SchemaAst,
    /// Syntax errors (validation adds its own later).
    pub diagnostics: Diagnostics,
}

impl ParsedSchema {
    /// The datasource and generator blocks as plain values. Values of the wrong shape are
    /// left out; validation reports them.
    pub fn configuration(&self) -> Configuration {
        config::read_configuration(&self.ast, &mut Diagnostics::new())
    }

    /// The configuration together with the problems found while reading it.
    pub fn configuration_with_diagnostics(&self) -> (Configuration, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let configuration = config::read_configuration(&self.ast, &mut diagnostics);
        (configuration, diagnostics)
    }

    /// Whether parsing found any error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Parses one or more schema files as one schema. Never fails: problems are diagnostics.
pub fn parse_schema(files: Vec<SourceFile>) -> ParsedSchema {
    let mut sources = SourceMap::new();
    let mut diagnostics = Diagnostics::new();
    let mut ast = ast::SchemaAst::default();
    for file in files {
        let id = sources.add(file);
        let text = sources.get(id).map_or("", |f| f.text.as_str());
        ast.files
            .push(parser::parse_file(id, text, &mut diagnostics));
    }
    ParsedSchema {
        sources,
        ast,
        diagnostics,
    }
}

/// Parses a single schema text, named `name` in diagnostics. A shorthand for tests and tools.
pub fn parse_str(name: &str, text: &str) -> ParsedSchema {
    parse_schema(vec![SourceFile::new(name, text)])
}

/// Checks a parsed schema: syntax, the schema language's rules, PostgreSQL's rules and
/// database name collisions, all reported at once (the syntax diagnostics included).
///
/// A schema with syntax errors gets only those: what follows from a partial tree would be
/// noise.
pub fn validate(parsed: &ParsedSchema) -> Diagnostics {
    lower(parsed).1
}
