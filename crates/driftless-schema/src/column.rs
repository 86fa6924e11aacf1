//! Columns, their types and their defaults.

use crate::QualifiedName;

/// The type of a column (or of a domain, or of a sequence).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase", tag = "kind", content = "name")]
pub enum TypeRef {
    /// A built-in type, spelled as PostgreSQL's `format_type()` spells it, with its modifiers
    /// and without array brackets: `integer`, `text`, `character varying(255)`,
    /// `timestamp(3) without time zone`, `numeric(65,30)`, `"char"`.
    Builtin(String),
    /// A user-defined type: an enum, a domain, a composite type, or a type that an extension
    /// installs (`citext`, `vector`).
    User(QualifiedName),
}

impl TypeRef {
    /// A built-in type from its canonical name.
    pub fn builtin(name: impl Into<String>) -> Self {
        TypeRef::Builtin(name.into())
    }
}

/// A column type: a base type, possibly as an array (PostgreSQL ignores array dimensions,
/// so `integer[][]` and `integer[]` are the same type).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ColumnType {
    /// The element type.
    pub base: TypeRef,
    /// Whether the column holds an array of `base`.
    pub array: bool,
}

impl ColumnType {
    /// A scalar built-in type.
    pub fn builtin(name: impl Into<String>) -> Self {
        ColumnType {
            base: TypeRef::builtin(name),
            array: false,
        }
    }

    /// A scalar user-defined type.
    pub fn user(name: QualifiedName) -> Self {
        ColumnType {
            base: TypeRef::User(name),
            array: false,
        }
    }

    /// The same type as an array.
    #[must_use]
    pub fn into_array(mut self) -> Self {
        self.array = true;
        self
    }
}

/// A column default, in a form that every source can produce identically.
///
/// PostgreSQL rewrites defaults when it stores them (`DEFAULT 'a'` on a `text` column comes
/// back as `'a'::text`), Prisma writes them its own way, and migration files any way they
/// like. The canonical form strips what does not change the value (casts of a constant to
/// the column's own type), so a default is equal to itself whatever the source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum DefaultValue {
    /// A constant, as its text value: `hello` for `'hello'`, `42`, `-1.5`, `true`, `{}`
    /// for `'{}'::jsonb`.
    Literal(String),
    /// An array constructor of constants (`ARRAY['a', 'b']`, or `'{a,b}'`).
    Array(Vec<DefaultValue>),
    /// The current transaction time: `now()`, `CURRENT_TIMESTAMP`, `transaction_timestamp()`.
    Now,
    /// `nextval('sequence')`: a serial column or an explicit sequence default.
    Sequence(QualifiedName),
    /// Anything else, as canonical SQL expression text (`gen_random_uuid()`).
    Expression(String),
}

/// An identity column (`GENERATED … AS IDENTITY`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// `ALWAYS` (true) or `BY DEFAULT` (false).
    pub always: bool,
}

/// A generated column (`GENERATED ALWAYS AS (expr) STORED`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Generated {
    /// The generation expression, canonical.
    pub expression: String,
    /// `STORED` (true) or `VIRTUAL` (PostgreSQL 18).
    pub stored: bool,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    /// The column name.
    pub name: String,
    /// Its type.
    pub r#type: ColumnType,
    /// Whether NULL is allowed (no `NOT NULL`).
    pub nullable: bool,
    /// The default, if any.
    pub default: Option<DefaultValue>,
    /// Identity, if the column is an identity column.
    pub identity: Option<Identity>,
    /// Generation expression, if the column is generated.
    pub generated: Option<Generated>,
    /// An explicit collation (`COLLATE "C"`), when it differs from the type's default.
    pub collation: Option<String>,
    /// `COMMENT ON COLUMN`.
    pub comment: Option<String>,
}

impl Column {
    /// A nullable column without default.
    pub fn new(name: impl Into<String>, r#type: ColumnType) -> Self {
        Column {
            name: name.into(),
            r#type,
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
        }
    }

    /// The same column with `NOT NULL`.
    #[must_use]
    pub fn not_null(mut self) -> Self {
        self.nullable = false;
        self
    }

    /// The same column with a default.
    #[must_use]
    pub fn with_default(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }
}
