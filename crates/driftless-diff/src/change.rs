//! The steps a migration is made of: verb + object, named like the SQL and like Prisma's
//! `-- CreateTable` headers. A change names its objects; the renderer finds them in the
//! previous schema (for drops) or the next one (for creates).

use driftless_schema::QualifiedName;

/// One step of a migration, in the order the differ sorts them (see [`Change::rank`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Change {
    /// `CREATE SCHEMA IF NOT EXISTS`.
    CreateSchema {
        /// The namespace.
        name: String,
    },
    /// `CREATE EXTENSION`.
    CreateExtension {
        /// Extension name.
        name: String,
    },
    /// `DROP EXTENSION`.
    DropExtension {
        /// Extension name.
        name: String,
    },
    /// `DROP VIEW` / `DROP MATERIALIZED VIEW` (before the tables it reads change).
    DropView {
        /// The view.
        name: QualifiedName,
    },
    /// `DROP TRIGGER`.
    DropTrigger {
        /// The table.
        table: QualifiedName,
        /// The trigger.
        name: String,
    },
    /// `CREATE TYPE … AS ENUM`.
    CreateEnum {
        /// The enum.
        name: QualifiedName,
    },
    /// Values added to and removed from an enum (removal recreates the type).
    AlterEnum {
        /// The enum.
        name: QualifiedName,
        /// New values, in the next schema's order.
        added: Vec<String>,
        /// Values that are gone.
        removed: Vec<String>,
    },
    /// `CREATE SEQUENCE` (sequences not owned by a serial column).
    CreateSequence {
        /// The sequence.
        name: QualifiedName,
    },
    /// `DROP FOREIGN KEY`, before what it depends on changes.
    DropForeignKey {
        /// The table holding it.
        table: QualifiedName,
        /// Constraint name.
        name: String,
    },
    /// `DROP INDEX`.
    DropIndex {
        /// The table.
        table: QualifiedName,
        /// Index name.
        name: String,
    },
    /// Changes inside one table, rendered as one `ALTER TABLE`.
    AlterTable {
        /// The table.
        table: QualifiedName,
        /// What changes, in order.
        changes: Vec<TableChange>,
    },
    /// `DROP TABLE`.
    DropTable {
        /// The table.
        name: QualifiedName,
    },
    /// `CREATE TABLE` with its columns and primary key.
    CreateTable {
        /// The table.
        name: QualifiedName,
    },
    /// `CREATE [UNIQUE] INDEX`.
    CreateIndex {
        /// The table.
        table: QualifiedName,
        /// Index name.
        name: String,
    },
    /// `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, after everything it depends on.
    AddForeignKey {
        /// The table holding it.
        table: QualifiedName,
        /// Constraint name.
        name: String,
    },
    /// `ALTER INDEX … RENAME TO` (same definition, new name).
    RenameIndex {
        /// The table.
        table: QualifiedName,
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// `DROP TYPE` of an enum.
    DropEnum {
        /// The enum.
        name: QualifiedName,
    },
    /// `DROP SEQUENCE` (sequences not owned by a dropped column).
    DropSequence {
        /// The sequence.
        name: QualifiedName,
    },
    /// `CREATE OR REPLACE FUNCTION` (new or changed).
    CreateFunction {
        /// The function.
        name: QualifiedName,
        /// Its argument types (overloads differ here).
        arguments: String,
        /// Its result type or kind changes, which `OR REPLACE` cannot do: drop it first.
        drop_first: bool,
    },
    /// `DROP FUNCTION`.
    DropFunction {
        /// The function.
        name: QualifiedName,
        /// Its argument types.
        arguments: String,
    },
    /// `CREATE VIEW` / `CREATE MATERIALIZED VIEW`.
    CreateView {
        /// The view.
        name: QualifiedName,
    },
    /// `CREATE TRIGGER`.
    CreateTrigger {
        /// The table.
        table: QualifiedName,
        /// The trigger.
        name: String,
    },
}

impl Change {
    /// Position of the step kind in a migration: Prisma's order for the kinds Prisma has
    /// (schemas, extensions, enums, foreign-key drops, index drops, table changes, table
    /// drops, table creations, index creations, foreign keys, renames, enum drops), with the
    /// objects Prisma does not know placed where their dependencies allow.
    pub fn rank(&self) -> u8 {
        match self {
            Change::CreateSchema { .. } => 0,
            Change::CreateExtension { .. } => 1,
            Change::DropTrigger { .. } => 2,
            Change::DropView { .. } => 3,
            Change::DropForeignKey { .. } => 4,
            Change::DropIndex { .. } => 5,
            Change::CreateEnum { .. } => 6,
            Change::AlterEnum { .. } => 7,
            Change::CreateSequence { .. } => 8,
            // Before the tables, whose defaults and checks may call them.
            Change::CreateFunction { .. } => 9,
            Change::AlterTable { .. } => 10,
            Change::DropTable { .. } => 11,
            Change::CreateTable { .. } => 12,
            Change::CreateIndex { .. } => 13,
            Change::AddForeignKey { .. } => 14,
            Change::RenameIndex { .. } => 15,
            Change::DropEnum { .. } => 16,
            Change::DropSequence { .. } => 17,
            Change::DropFunction { .. } => 18,
            Change::CreateView { .. } => 19,
            Change::CreateTrigger { .. } => 20,
            Change::DropExtension { .. } => 21,
        }
    }

    /// Prisma's step comment (`CreateTable`).
    pub fn step_name(&self) -> &'static str {
        match self {
            Change::CreateSchema { .. } => "CreateSchema",
            Change::CreateExtension { .. } => "CreateExtension",
            Change::DropExtension { .. } => "DropExtension",
            Change::DropView { .. } => "DropView",
            Change::DropTrigger { .. } => "DropTrigger",
            Change::CreateEnum { .. } => "CreateEnum",
            Change::AlterEnum { .. } => "AlterEnum",
            Change::CreateSequence { .. } => "CreateSequence",
            Change::DropForeignKey { .. } => "DropForeignKey",
            Change::DropIndex { .. } => "DropIndex",
            Change::AlterTable { .. } => "AlterTable",
            Change::DropTable { .. } => "DropTable",
            Change::CreateTable { .. } => "CreateTable",
            Change::CreateIndex { .. } => "CreateIndex",
            Change::AddForeignKey { .. } => "AddForeignKey",
            Change::RenameIndex { .. } => "RenameIndex",
            Change::DropEnum { .. } => "DropEnum",
            Change::DropSequence { .. } => "DropSequence",
            Change::CreateFunction { .. } => "CreateFunction",
            Change::DropFunction { .. } => "DropFunction",
            Change::CreateView { .. } => "CreateView",
            Change::CreateTrigger { .. } => "CreateTrigger",
        }
    }
}

/// One change inside a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TableChange {
    /// Drop the primary key constraint.
    DropPrimaryKey {
        /// Its name.
        name: String,
    },
    /// Drop a `UNIQUE` or `CHECK` constraint.
    DropConstraint {
        /// Its name.
        name: String,
    },
    /// Drop a column.
    DropColumn {
        /// Column name.
        name: String,
    },
    /// Add a column.
    AddColumn {
        /// Column name.
        name: String,
    },
    /// The column cannot be changed in place (its type cannot be cast): drop it and add it
    /// again. Loses its data.
    DropAndRecreateColumn {
        /// Column name.
        name: String,
    },
    /// Change a column in place.
    AlterColumn {
        /// Column name.
        name: String,
        /// What changes.
        changes: ColumnChanges,
    },
    /// Add the primary key.
    AddPrimaryKey,
    /// Add a `UNIQUE` constraint.
    AddUniqueConstraint {
        /// Its name.
        name: String,
    },
    /// Add a `CHECK` constraint.
    AddCheck {
        /// Its name.
        name: String,
    },
}

/// What changes in a column altered in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnChanges {
    /// The type changes (and can be cast).
    pub r#type: bool,
    /// `NULL` / `NOT NULL` changes.
    pub nullability: bool,
    /// The default changes.
    pub default: bool,
    /// It becomes, or stops being, autoincrementing (a serial sequence).
    pub autoincrement: bool,
    /// Identity changes.
    pub identity: bool,
}

impl ColumnChanges {
    /// Whether anything changes.
    pub fn any(&self) -> bool {
        self.r#type || self.nullability || self.default || self.autoincrement || self.identity
    }
}
