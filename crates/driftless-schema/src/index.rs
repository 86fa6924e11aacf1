//! Indexes, with everything PostgreSQL lets an index say.

/// The access method of an index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndexMethod {
    /// `btree` (the default).
    #[default]
    BTree,
    /// `hash`.
    Hash,
    /// `gist`.
    Gist,
    /// `gin`.
    Gin,
    /// `spgist`.
    SpGist,
    /// `brin`.
    Brin,
    /// Another access method installed by an extension (`ivfflat`, `hnsw`, `bloom`).
    Other(String),
}

impl IndexMethod {
    /// The method from its catalog name (`pg_am.amname`).
    pub fn from_name(name: &str) -> Self {
        match name.to_ascii_lowercase().as_str() {
            "btree" => IndexMethod::BTree,
            "hash" => IndexMethod::Hash,
            "gist" => IndexMethod::Gist,
            "gin" => IndexMethod::Gin,
            "spgist" => IndexMethod::SpGist,
            "brin" => IndexMethod::Brin,
            other => IndexMethod::Other(other.to_string()),
        }
    }

    /// The catalog name, as written after `USING`.
    pub fn as_str(&self) -> &str {
        match self {
            IndexMethod::BTree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gist => "gist",
            IndexMethod::Gin => "gin",
            IndexMethod::SpGist => "spgist",
            IndexMethod::Brin => "brin",
            IndexMethod::Other(name) => name,
        }
    }
}

/// Sort direction of an index key.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// `ASC` (the default).
    #[default]
    Asc,
    /// `DESC`.
    Desc,
}

/// Where NULLs sort in an index key.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum NullsOrder {
    /// The default for the sort direction (`NULLS LAST` for ASC, `NULLS FIRST` for DESC).
    #[default]
    Default,
    /// `NULLS FIRST` where it is not the default.
    First,
    /// `NULLS LAST` where it is not the default.
    Last,
}

/// What an index key indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum IndexKey {
    /// A column, by name.
    Column(String),
    /// An expression, canonical (`lower(email)`).
    Expression(String),
}

/// One key of an index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexColumn {
    /// The column or expression.
    pub key: IndexKey,
    /// Direction.
    pub sort: SortOrder,
    /// NULLs placement.
    pub nulls: NullsOrder,
    /// An operator class other than the type's default (`gin_trgm_ops`, `jsonb_path_ops`).
    pub opclass: Option<String>,
    /// An explicit collation.
    pub collation: Option<String>,
}

impl IndexColumn {
    /// A plain ascending key on a column.
    pub fn column(name: impl Into<String>) -> Self {
        IndexColumn {
            key: IndexKey::Column(name.into()),
            sort: SortOrder::Asc,
            nulls: NullsOrder::Default,
            opclass: None,
            collation: None,
        }
    }
}

/// An index that is not the index of a primary key or unique constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    /// Index name (indexes live in the table's namespace).
    pub name: String,
    /// `UNIQUE`.
    pub unique: bool,
    /// Access method.
    pub method: IndexMethod,
    /// Keys, in order.
    pub columns: Vec<IndexColumn>,
    /// `INCLUDE (...)` columns.
    pub include: Vec<String>,
    /// `WHERE` predicate of a partial index, canonical.
    pub predicate: Option<String>,
    /// `NULLS NOT DISTINCT`.
    pub nulls_not_distinct: bool,
    /// Storage parameters (`WITH (fillfactor = 90)`), as `name=value`, sorted.
    pub storage: Vec<String>,
    /// False for an index left invalid by a failed `CREATE INDEX CONCURRENTLY`.
    pub valid: bool,
}

impl Index {
    /// A valid btree index on plain columns.
    pub fn on_columns(name: impl Into<String>, unique: bool, columns: &[&str]) -> Self {
        Index {
            name: name.into(),
            unique,
            method: IndexMethod::BTree,
            columns: columns.iter().map(|c| IndexColumn::column(*c)).collect(),
            include: Vec::new(),
            predicate: None,
            nulls_not_distinct: false,
            storage: Vec::new(),
            valid: true,
        }
    }

    /// Names of the plain columns among the keys (expressions skipped).
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().filter_map(|c| match &c.key {
            IndexKey::Column(name) => Some(name.as_str()),
            IndexKey::Expression(_) => None,
        })
    }
}
