//! Name, type, attribute and relation resolution: the syntax tree → a resolved schema.
//!
//! Staged as Prisma's parser database is: [`names`] (what is declared, without duplicates),
//! [`types`] (what each field's type refers to), [`attributes`] (what every `@`/`@@`
//! attribute says, checked argument by argument), then [`relations`] (which relation fields
//! pair up into which relations). Each stage reports what it finds and leaves the rest of the
//! schema usable, so one mistake does not hide the others; a stage whose input is broken only
//! skips the parts that depend on the broken bit.
//!
//! Everything here is independent of the database: PostgreSQL-specific rules live in
//! `validate`, and turning the result into tables lives in `lower`.

mod arguments;
mod attributes;
pub(crate) use attributes::OPERATOR_CLASSES;
pub(crate) mod defaults;
mod names;
mod relations;
mod types;

use driftless_diagnostics::{Diagnostics, Span};

pub(crate) use types::closest as closest_name;

use crate::ast::{self, SchemaAst};
use crate::config::Configuration;

/// The scalar types of the schema language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ScalarType {
    String,
    Boolean,
    Int,
    BigInt,
    Float,
    Decimal,
    DateTime,
    Json,
    Bytes,
}

impl ScalarType {
    pub(crate) const ALL: [ScalarType; 9] = [
        ScalarType::String,
        ScalarType::Boolean,
        ScalarType::Int,
        ScalarType::BigInt,
        ScalarType::Float,
        ScalarType::Decimal,
        ScalarType::DateTime,
        ScalarType::Json,
        ScalarType::Bytes,
    ];

    pub(crate) fn from_name(name: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|s| s.name() == name)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            ScalarType::String => "String",
            ScalarType::Boolean => "Boolean",
            ScalarType::Int => "Int",
            ScalarType::BigInt => "BigInt",
            ScalarType::Float => "Float",
            ScalarType::Decimal => "Decimal",
            ScalarType::DateTime => "DateTime",
            ScalarType::Json => "Json",
            ScalarType::Bytes => "Bytes",
        }
    }
}

/// What a field's type resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// A built-in scalar.
    Scalar(ScalarType),
    /// An enum, by index in [`Db::enums`].
    Enum(usize),
    /// `Unsupported("…")`: the database type as written.
    Unsupported(String),
    /// A relation to a model, by index in [`Db::models`].
    Relation(usize),
    /// A composite type (not supported on PostgreSQL).
    Composite(usize),
    /// The type could not be resolved (already reported).
    Unknown,
}

/// Whether a block is a table or a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModelKind {
    Model,
    View,
}

/// `Asc` or `Desc` in an index or key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sort {
    Asc,
    Desc,
}

/// An index operator class: a known Prisma name or `raw("…")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperatorClass {
    /// A Prisma operator class name (`JsonbPathOps`), mapped to its SQL name.
    Known { prisma: String, sql: &'static str },
    /// `raw("gin_trgm_ops")`.
    Raw(String),
}

impl OperatorClass {
    pub(crate) fn sql_name(&self) -> &str {
        match self {
            OperatorClass::Known { sql, .. } => sql,
            OperatorClass::Raw(raw) => raw,
        }
    }
}

/// One field of an index, key or unique constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexField {
    /// Index of the field in its model.
    pub(crate) field: usize,
    pub(crate) sort: Option<Sort>,
    pub(crate) length: Option<u32>,
    pub(crate) ops: Option<OperatorClass>,
    pub(crate) span: Span,
}

/// The access method of `@@index(type: …)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndexAlgorithm {
    BTree,
    Hash,
    Gist,
    Gin,
    SpGist,
    Brin,
}

/// What kind of index an attribute declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndexKind {
    Unique,
    Normal,
    Fulltext,
}

/// An `@unique`, `@@unique`, `@@index` or `@@fulltext`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexInfo<'a> {
    pub(crate) kind: IndexKind,
    pub(crate) fields: Vec<IndexField>,
    /// `map:` (or the legacy `name:` of `@@index`): the database name.
    pub(crate) map: Option<(&'a str, Span)>,
    /// `name:` of `@@unique`: the client name, not the database name.
    pub(crate) client_name: Option<&'a str>,
    pub(crate) algorithm: Option<(IndexAlgorithm, Span)>,
    pub(crate) clustered: Option<Span>,
    /// `where: raw("…")` of a partial index (the `partialIndexes` preview feature).
    pub(crate) predicate: Option<(&'a str, Span)>,
    /// The field that carries it, for `@unique`.
    pub(crate) source_field: Option<usize>,
    pub(crate) span: Span,
}

/// An `@id` or `@@id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PrimaryKeyInfo<'a> {
    pub(crate) fields: Vec<IndexField>,
    pub(crate) map: Option<(&'a str, Span)>,
    pub(crate) client_name: Option<&'a str>,
    pub(crate) clustered: Option<Span>,
    /// The field that carries it, for `@id`.
    pub(crate) source_field: Option<usize>,
    pub(crate) span: Span,
}

/// A value in a `@default(…)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DefaultValueKind {
    /// A string (already checked for the field type): String, DateTime, Json, Bytes, Decimal.
    String(String),
    /// A number as written.
    Number(String),
    Boolean(bool),
    /// An enum value, by its name in the schema.
    EnumValue(String),
    /// `[…]` of the above.
    List(Vec<DefaultValueKind>),
    Autoincrement,
    Now,
    /// `dbgenerated("…")`, or `dbgenerated()` (no database default).
    DbGenerated(Option<String>),
    /// `uuid()`, `cuid()`, `nanoid()`, `ulid()`: the client generates the value.
    ClientSide(&'static str),
}

/// A resolved `@default`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DefaultInfo<'a> {
    pub(crate) value: DefaultValueKind,
    pub(crate) map: Option<(&'a str, Span)>,
    pub(crate) span: Span,
}

/// A `@db.X(args)` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NativeTypeInfo {
    /// `VarChar`.
    pub(crate) name: String,
    /// The arguments as written (numbers or strings).
    pub(crate) args: Vec<String>,
    pub(crate) span: Span,
}

/// `onDelete` / `onUpdate` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub(crate) fn from_name(name: &str) -> Option<ReferentialAction> {
        Some(match name {
            "Cascade" => ReferentialAction::Cascade,
            "Restrict" => ReferentialAction::Restrict,
            "NoAction" => ReferentialAction::NoAction,
            "SetNull" => ReferentialAction::SetNull,
            "SetDefault" => ReferentialAction::SetDefault,
            _ => return None,
        })
    }
}

/// What a `@relation(…)` on a relation field says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RelationAttribute<'a> {
    pub(crate) name: Option<(&'a str, Span)>,
    /// `fields: [...]` as field indexes in the field's own model.
    pub(crate) fields: Option<Vec<usize>>,
    pub(crate) fields_span: Option<Span>,
    /// `references: [...]` as field indexes in the related model.
    pub(crate) references: Option<Vec<usize>>,
    pub(crate) references_span: Option<Span>,
    pub(crate) on_delete: Option<(ReferentialAction, Span)>,
    pub(crate) on_update: Option<(ReferentialAction, Span)>,
    pub(crate) map: Option<(&'a str, Span)>,
    pub(crate) span: Option<Span>,
}

/// A field with everything its attributes said.
#[derive(Debug, Clone)]
pub(crate) struct FieldInfo<'a> {
    pub(crate) ast: &'a ast::Field,
    pub(crate) kind: FieldKind,
    pub(crate) arity: ast::Arity,
    pub(crate) mapped_name: Option<(&'a str, Span)>,
    pub(crate) ignored: bool,
    pub(crate) updated_at: bool,
    pub(crate) default: Option<DefaultInfo<'a>>,
    pub(crate) native_type: Option<NativeTypeInfo>,
    pub(crate) relation: RelationAttribute<'a>,
}

impl<'a> FieldInfo<'a> {
    pub(crate) fn name(&self) -> &'a str {
        &self.ast.name.name
    }

    /// The column name: `@map` or the field name.
    pub(crate) fn database_name(&self) -> &'a str {
        self.mapped_name.map_or(self.name(), |(name, _)| name)
    }

    pub(crate) fn is_relation(&self) -> bool {
        matches!(self.kind, FieldKind::Relation(_))
    }

    pub(crate) fn is_required(&self) -> bool {
        self.arity == ast::Arity::Required
    }
}

/// A model or view with everything its attributes said.
#[derive(Debug, Clone)]
pub(crate) struct ModelInfo<'a> {
    pub(crate) ast: &'a ast::Model,
    pub(crate) kind: ModelKind,
    pub(crate) fields: Vec<FieldInfo<'a>>,
    pub(crate) mapped_name: Option<(&'a str, Span)>,
    pub(crate) schema: Option<(&'a str, Span)>,
    pub(crate) ignored: bool,
    pub(crate) primary_key: Option<PrimaryKeyInfo<'a>>,
    /// In Prisma's order: `@unique` fields, then `@@index`, then `@@unique`, then `@@fulltext`.
    pub(crate) indexes: Vec<IndexInfo<'a>>,
}

impl<'a> ModelInfo<'a> {
    pub(crate) fn name(&self) -> &'a str {
        &self.ast.name.name
    }

    /// The table name: `@@map` or the model name.
    pub(crate) fn database_name(&self) -> &'a str {
        self.mapped_name.map_or(self.name(), |(name, _)| name)
    }

    pub(crate) fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name() == name)
    }

    /// Field sets that identify a row: the primary key, then unique indexes.
    pub(crate) fn unique_criteria(&self) -> impl Iterator<Item = Vec<usize>> + '_ {
        self.primary_key
            .iter()
            .map(|pk| pk.fields.iter().map(|f| f.field).collect())
            .chain(
                self.indexes
                    .iter()
                    .filter(|i| i.kind == IndexKind::Unique)
                    .map(|i| i.fields.iter().map(|f| f.field).collect()),
            )
    }
}

/// One value of an enum.
#[derive(Debug, Clone)]
pub(crate) struct EnumValueInfo<'a> {
    pub(crate) ast: &'a ast::EnumValue,
    pub(crate) mapped_name: Option<(&'a str, Span)>,
}

impl<'a> EnumValueInfo<'a> {
    pub(crate) fn name(&self) -> &'a str {
        &self.ast.name.name
    }

    pub(crate) fn database_name(&self) -> &'a str {
        self.mapped_name.map_or(self.name(), |(name, _)| name)
    }
}

/// An enum with its attributes.
#[derive(Debug, Clone)]
pub(crate) struct EnumInfo<'a> {
    pub(crate) ast: &'a ast::Enum,
    pub(crate) values: Vec<EnumValueInfo<'a>>,
    pub(crate) mapped_name: Option<(&'a str, Span)>,
    pub(crate) schema: Option<(&'a str, Span)>,
}

impl<'a> EnumInfo<'a> {
    pub(crate) fn name(&self) -> &'a str {
        &self.ast.name.name
    }

    pub(crate) fn database_name(&self) -> &'a str {
        self.mapped_name.map_or(self.name(), |(name, _)| name)
    }
}

/// A relation field, addressed by model and field index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FieldRef {
    pub(crate) model: usize,
    pub(crate) field: usize,
}

/// A relation between two models, as Prisma infers it from the relation fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Relation {
    /// A foreign key on the referencing model (1:1 or 1:n).
    Inline {
        /// The field with `fields`/`references`: its model holds the foreign key.
        forward: FieldRef,
        /// The field on the other side, if declared.
        back: Option<FieldRef>,
        /// The model the foreign key points to.
        referenced_model: usize,
        one_to_one: bool,
    },
    /// An implicit many-to-many relation through a `_AToB` join table.
    ManyToMany {
        /// The relation name (`CategoryToPost` when not given).
        name: String,
        /// The field on model A (whose name sorts first), and the one on model B.
        field_a: FieldRef,
        field_b: FieldRef,
    },
}

/// The resolved schema: every declaration with what its attributes and relations say.
#[derive(Debug, Clone)]
pub(crate) struct Db<'a> {
    pub(crate) configuration: Configuration,
    pub(crate) models: Vec<ModelInfo<'a>>,
    pub(crate) enums: Vec<EnumInfo<'a>>,
    pub(crate) composite_types: Vec<&'a ast::Model>,
    pub(crate) relations: Vec<Relation>,
}

impl<'a> Db<'a> {
    pub(crate) fn field(&self, field: FieldRef) -> Option<&FieldInfo<'a>> {
        self.models.get(field.model)?.fields.get(field.field)
    }

    /// The datasource's name (`db`), which prefixes native type attributes.
    pub(crate) fn datasource_name(&self) -> Option<&str> {
        self.configuration.datasource().map(|d| d.name.as_str())
    }
}

/// Resolves names, types, attributes and relations. Never fails; problems go to
/// `diagnostics`.
pub(crate) fn resolve<'a>(
    ast: &'a SchemaAst,
    configuration: Configuration,
    diagnostics: &mut Diagnostics,
) -> Db<'a> {
    let declarations = names::collect(ast, diagnostics);
    let mut db = types::resolve_types(ast, declarations, configuration, diagnostics);
    attributes::resolve_attributes(&mut db, diagnostics);
    relations::resolve_relations(&mut db, diagnostics);
    db
}

/// Resolves names, types and attributes only, and says whether that went without error:
/// the state in which Prisma's formatter completes relations.
pub(crate) fn resolve_without_relations<'a>(
    ast: &'a SchemaAst,
    configuration: Configuration,
) -> (Db<'a>, bool) {
    let mut diagnostics = Diagnostics::new();
    let declarations = names::collect(ast, &mut diagnostics);
    let mut db = types::resolve_types(ast, declarations, configuration, &mut diagnostics);
    attributes::resolve_attributes(&mut db, &mut diagnostics);
    // A model without id is a later validation in Prisma, which does not stop completion.
    let blocked = diagnostics.errors().any(|d| d.code != "missing-id");
    (db, !blocked)
}
