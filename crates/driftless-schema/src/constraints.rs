//! Table constraints: primary keys, unique constraints, foreign keys and checks.

use crate::QualifiedName;

/// `DEFERRABLE` / `INITIALLY DEFERRED` of a constraint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Deferral {
    /// `NOT DEFERRABLE` (the default).
    #[default]
    NotDeferrable,
    /// `DEFERRABLE INITIALLY IMMEDIATE`.
    DeferrableInitiallyImmediate,
    /// `DEFERRABLE INITIALLY DEFERRED`.
    DeferrableInitiallyDeferred,
}

/// The primary key of a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrimaryKey {
    /// Constraint name (also the name of its index): `User_pkey` by Prisma's convention.
    pub name: String,
    /// Key columns, in key order.
    pub columns: Vec<String>,
    /// Deferral.
    pub deferral: Deferral,
}

/// A `UNIQUE` constraint (distinct from a unique index, as PostgreSQL keeps them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UniqueConstraint {
    /// Constraint name (also the name of its index).
    pub name: String,
    /// Columns, in order.
    pub columns: Vec<String>,
    /// Deferral.
    pub deferral: Deferral,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15).
    pub nulls_not_distinct: bool,
}

/// `ON DELETE` / `ON UPDATE` action of a foreign key.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ForeignKeyAction {
    /// `NO ACTION` (PostgreSQL's default).
    #[default]
    NoAction,
    /// `RESTRICT`.
    Restrict,
    /// `CASCADE`.
    Cascade,
    /// `SET NULL`.
    SetNull,
    /// `SET DEFAULT`.
    SetDefault,
}

impl ForeignKeyAction {
    /// The SQL words: `NO ACTION`, `CASCADE`, …
    pub fn as_sql(self) -> &'static str {
        match self {
            ForeignKeyAction::NoAction => "NO ACTION",
            ForeignKeyAction::Restrict => "RESTRICT",
            ForeignKeyAction::Cascade => "CASCADE",
            ForeignKeyAction::SetNull => "SET NULL",
            ForeignKeyAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// A foreign key constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForeignKey {
    /// Constraint name: `Post_authorId_fkey` by Prisma's convention.
    pub name: String,
    /// Referencing columns, in order.
    pub columns: Vec<String>,
    /// The referenced table.
    pub referenced_table: QualifiedName,
    /// The referenced columns, in the same order.
    pub referenced_columns: Vec<String>,
    /// `ON DELETE`.
    pub on_delete: ForeignKeyAction,
    /// `ON UPDATE`.
    pub on_update: ForeignKeyAction,
    /// Deferral.
    pub deferral: Deferral,
    /// `MATCH FULL` (false means the default `MATCH SIMPLE`).
    pub match_full: bool,
    /// False when created `NOT VALID` and never validated.
    pub validated: bool,
}

/// A `CHECK` constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckConstraint {
    /// Constraint name.
    pub name: String,
    /// The boolean expression, canonical.
    pub expression: String,
    /// False when created `NOT VALID` and never validated.
    pub validated: bool,
    /// `NO INHERIT`.
    pub no_inherit: bool,
}
