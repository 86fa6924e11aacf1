//! Schema objects other than tables: enums, sequences, views, functions, triggers,
//! extensions, domains and other types.

use crate::{ColumnType, DefaultValue, QualifiedName};

/// An enum type with its values in order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enum {
    /// Qualified name.
    pub name: QualifiedName,
    /// Values, in their sort order.
    pub values: Vec<String>,
}

/// A sequence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sequence {
    /// Qualified name.
    pub name: QualifiedName,
    /// `AS smallint|integer|bigint`, canonical type name.
    pub data_type: String,
    /// `START WITH`.
    pub start: i64,
    /// `INCREMENT BY`.
    pub increment: i64,
    /// `MINVALUE`.
    pub min_value: i64,
    /// `MAXVALUE`.
    pub max_value: i64,
    /// `CACHE`.
    pub cache: i64,
    /// `CYCLE`.
    pub cycle: bool,
    /// `OWNED BY table.column` (serial and identity columns own their sequence).
    pub owned_by: Option<(QualifiedName, String)>,
}

impl Sequence {
    /// A sequence with PostgreSQL's defaults for `data_type`, as `CREATE SEQUENCE` or a
    /// serial column makes it.
    pub fn with_defaults(name: QualifiedName, data_type: &str) -> Self {
        let max_value = match data_type {
            "smallint" => i64::from(i16::MAX),
            "integer" => i64::from(i32::MAX),
            _ => i64::MAX,
        };
        Sequence {
            name,
            data_type: data_type.to_string(),
            start: 1,
            increment: 1,
            min_value: 1,
            max_value,
            cache: 1,
            cycle: false,
            owned_by: None,
        }
    }
}

/// Whether a view is plain or materialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViewKind {
    /// `CREATE VIEW`.
    View,
    /// `CREATE MATERIALIZED VIEW`.
    Materialized,
}

/// A view or materialized view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// Qualified name.
    pub name: QualifiedName,
    /// Plain or materialized.
    pub kind: ViewKind,
    /// The defining query, canonical; `None` when the source only knows that the view
    /// exists (a `view` block in schema.prisma, for which Prisma creates no SQL).
    pub definition: Option<String>,
}

/// A function or procedure, kept as an opaque definition: enough to tell when it changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Function {
    /// Qualified name.
    pub name: QualifiedName,
    /// Argument types as PostgreSQL prints them (`integer, text`): overloads differ here.
    pub arguments: String,
    /// Result type (`trigger`, `text`, `void`), empty for a procedure.
    pub returns: String,
    /// Language (`plpgsql`, `sql`).
    pub language: String,
    /// The body exactly as written (PostgreSQL keeps it verbatim).
    pub body: String,
    /// Whether it is a procedure rather than a function.
    pub procedure: bool,
}

/// A trigger on a table, kept as an opaque definition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    /// The table it is on.
    pub table: QualifiedName,
    /// Trigger name (unique per table).
    pub name: String,
    /// The canonical `CREATE TRIGGER` statement.
    pub definition: String,
    /// False when disabled (`ALTER TABLE … DISABLE TRIGGER`).
    pub enabled: bool,
}

/// An installed extension.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// Extension name (`pgcrypto`).
    pub name: String,
    /// The namespace its objects are installed in; `None` when the source does not say
    /// (`extensions = [pgcrypto]` in schema.prisma: wherever `CREATE EXTENSION` puts it).
    pub schema: Option<String>,
    /// The version, when the source says (`WITH VERSION`, or the installed one).
    pub version: Option<String>,
}

/// A domain: a base type with constraints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    /// Qualified name.
    pub name: QualifiedName,
    /// The base type.
    pub base: ColumnType,
    /// `NOT NULL`.
    pub not_null: bool,
    /// Default.
    pub default: Option<DefaultValue>,
    /// Check constraints as (name, canonical expression).
    pub checks: Vec<(String, String)>,
}

/// A user-defined type other than an enum or domain (composite, range, base), kept as its
/// canonical definition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherType {
    /// Qualified name.
    pub name: QualifiedName,
    /// The canonical definition (`AS (x integer, y integer)`, `AS RANGE (subtype = …)`).
    pub definition: String,
}
