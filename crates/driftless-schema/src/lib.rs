//! The schema model: what a database schema is, independent of where it came from.
//!
//! Every source of a schema produces a [`Schema`]: the Prisma schema language front end
//! (`driftless-psl`), live introspection (`driftless-db`), and the replay of migration files
//! (`driftless-sql`). The differ compares two of them and the renderer turns the difference
//! into SQL. Nothing in this crate does I/O or parses SQL; expressions (defaults, checks,
//! predicates, view bodies) are held as text in the canonical form that the sources agree on
//! (see `driftless_sql::canonical`), so comparing two models is comparing values.
//!
//! Objects are held in declaration order (the order a migration would create them), and
//! looked up by name: PostgreSQL identifies them by name, so do we.

#![warn(missing_docs)]

mod column;
mod constraints;
mod index;
mod lookup;
mod objects;
mod pair;
mod table;

pub use column::{Column, ColumnType, DefaultValue, Generated, Identity, TypeRef};
pub use constraints::{
    CheckConstraint, Deferral, ForeignKey, ForeignKeyAction, PrimaryKey, UniqueConstraint,
};
pub use index::{Index, IndexColumn, IndexKey, IndexMethod, NullsOrder, SortOrder};
pub use lookup::TableLookup;
pub use objects::{
    Domain, Enum, Extension, Function, OtherType, Sequence, Trigger, View, ViewKind,
};
pub use pair::Pair;
pub use table::Table;

/// The database family a schema is for. PostgreSQL first; the others come later through the
/// same model.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// PostgreSQL (and compatible servers).
    #[default]
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    Mysql,
}

/// A name inside a database schema (PostgreSQL namespace): `schema.name`.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct QualifiedName {
    /// The namespace (PostgreSQL schema) holding the object.
    pub schema: String,
    /// The object's own name.
    pub name: String,
}

impl QualifiedName {
    /// `schema.name`.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// A whole database schema: every object driftless knows how to compare.
///
/// `namespaces` lists the PostgreSQL schemas the model covers (the managed ones); objects of
/// other namespaces may still be referenced (a foreign key to `auth.users`) but are not part
/// of the comparison.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    /// The database family.
    pub dialect: Dialect,
    /// Managed namespaces (PostgreSQL schemas), in the order they were declared.
    pub namespaces: Vec<String>,
    /// Extensions installed in the database (`CREATE EXTENSION`).
    pub extensions: Vec<Extension>,
    /// Enum types.
    pub enums: Vec<Enum>,
    /// Domains.
    pub domains: Vec<Domain>,
    /// Other user-defined types (composite, range, base types), kept as opaque definitions.
    pub other_types: Vec<OtherType>,
    /// Sequences, including those owned by serial columns.
    pub sequences: Vec<Sequence>,
    /// Tables with their columns, keys, indexes and constraints.
    pub tables: Vec<Table>,
    /// Views and materialized views.
    pub views: Vec<View>,
    /// Functions and procedures, as opaque definitions.
    pub functions: Vec<Function>,
    /// Triggers, as opaque definitions.
    pub triggers: Vec<Trigger>,
}

impl Schema {
    /// An empty schema for `dialect` managing the given namespaces.
    pub fn new(dialect: Dialect, namespaces: Vec<String>) -> Self {
        Schema {
            dialect,
            namespaces,
            ..Schema::default()
        }
    }

    /// The table with this qualified name.
    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.iter().find(|t| &t.name == name)
    }

    /// The table with this qualified name, for changing it.
    pub fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| &t.name == name)
    }

    /// The enum with this qualified name.
    pub fn enum_(&self, name: &QualifiedName) -> Option<&Enum> {
        self.enums.iter().find(|e| &e.name == name)
    }

    /// The enum with this qualified name, for changing it.
    pub fn enum_mut(&mut self, name: &QualifiedName) -> Option<&mut Enum> {
        self.enums.iter_mut().find(|e| &e.name == name)
    }

    /// The sequence with this qualified name.
    pub fn sequence(&self, name: &QualifiedName) -> Option<&Sequence> {
        self.sequences.iter().find(|s| &s.name == name)
    }

    /// The view with this qualified name.
    pub fn view(&self, name: &QualifiedName) -> Option<&View> {
        self.views.iter().find(|v| &v.name == name)
    }

    /// Whether a namespace is managed by this model.
    pub fn manages(&self, namespace: &str) -> bool {
        self.namespaces.iter().any(|n| n == namespace)
    }

    /// Whether the schema holds no object at all (namespaces aside).
    pub fn is_empty(&self) -> bool {
        self.extensions.is_empty()
            && self.enums.is_empty()
            && self.domains.is_empty()
            && self.other_types.is_empty()
            && self.sequences.is_empty()
            && self.tables.is_empty()
            && self.views.is_empty()
            && self.functions.is_empty()
            && self.triggers.is_empty()
    }

    /// Every index of every table, with its table.
    pub fn indexes(&self) -> impl Iterator<Item = (&Table, &Index)> {
        self.tables
            .iter()
            .flat_map(|t| t.indexes.iter().map(move |i| (t, i)))
    }

    /// Every foreign key of every table, with its table.
    pub fn foreign_keys(&self) -> impl Iterator<Item = (&Table, &ForeignKey)> {
        self.tables
            .iter()
            .flat_map(|t| t.foreign_keys.iter().map(move |f| (t, f)))
    }

    /// Sorts every list by name, so that two models built in different orders compare equal
    /// when they hold the same objects. Column order and enum value order are kept: they
    /// are part of the schema.
    pub fn sort(&mut self) {
        self.namespaces.sort();
        self.namespaces.dedup();
        self.extensions.sort_by(|a, b| a.name.cmp(&b.name));
        self.enums.sort_by(|a, b| a.name.cmp(&b.name));
        self.domains.sort_by(|a, b| a.name.cmp(&b.name));
        self.other_types.sort_by(|a, b| a.name.cmp(&b.name));
        self.sequences.sort_by(|a, b| a.name.cmp(&b.name));
        self.views.sort_by(|a, b| a.name.cmp(&b.name));
        self.functions
            .sort_by(|a, b| (&a.name, &a.arguments).cmp(&(&b.name, &b.arguments)));
        self.triggers
            .sort_by(|a, b| (&a.table, &a.name).cmp(&(&b.table, &b.name)));
        self.tables.sort_by(|a, b| a.name.cmp(&b.name));
        for table in &mut self.tables {
            table.sort();
        }
    }
}
