//! Tables.

use crate::{
    CheckConstraint, Column, ForeignKey, Index, PrimaryKey, QualifiedName, UniqueConstraint,
};

/// A table with everything that belongs to it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// Qualified name.
    pub name: QualifiedName,
    /// Columns, in their physical order.
    pub columns: Vec<Column>,
    /// The primary key.
    pub primary_key: Option<PrimaryKey>,
    /// `UNIQUE` constraints.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// Indexes other than those backing the primary key and unique constraints.
    pub indexes: Vec<Index>,
    /// Foreign keys declared on this table.
    pub foreign_keys: Vec<ForeignKey>,
    /// `CHECK` constraints.
    pub checks: Vec<CheckConstraint>,
    /// `PARTITION BY …` of a partitioned table, canonical (`RANGE ("createdAt")`).
    pub partition_by: Option<String>,
    /// For a partition: its parent table and bound (`FOR VALUES FROM (…) TO (…)`).
    pub partition_of: Option<(QualifiedName, String)>,
    /// `COMMENT ON TABLE`.
    pub comment: Option<String>,
    /// Row-level security enabled.
    pub row_level_security: bool,
    /// `UNLOGGED`.
    pub unlogged: bool,
}

impl Table {
    /// An empty table.
    pub fn new(name: QualifiedName) -> Self {
        Table {
            name,
            ..Table::default()
        }
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column with this name, for changing it.
    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// The index with this name.
    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// The foreign key with this name.
    pub fn foreign_key(&self, name: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.name == name)
    }

    /// Whether a constraint (of any kind) has this name.
    pub fn has_constraint(&self, name: &str) -> bool {
        self.primary_key.as_ref().is_some_and(|p| p.name == name)
            || self.unique_constraints.iter().any(|u| u.name == name)
            || self.foreign_keys.iter().any(|f| f.name == name)
            || self.checks.iter().any(|c| c.name == name)
    }

    /// Sorts indexes and constraints by name (columns keep their order).
    pub fn sort(&mut self) {
        self.unique_constraints.sort_by(|a, b| a.name.cmp(&b.name));
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        self.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        self.checks.sort_by(|a, b| a.name.cmp(&b.name));
    }
}
