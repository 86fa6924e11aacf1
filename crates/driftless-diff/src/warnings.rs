//! What a migration can do to data and to running applications: steps that lose data,
//! steps that cannot run on a table with rows, and steps that take strong locks on big
//! tables. Worded like Prisma's warnings where Prisma has them, with the check that turns
//! "could" into a number when a database is at hand ([`DataCheck`]).

use driftless_schema::{Column, Pair, QualifiedName, Schema, TableLookup, TypeRef};

use crate::Migration;
use crate::change::{Change, TableChange};
use crate::types::{TypeChange, type_change};

/// The kind of a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// Data would be lost (a dropped table or column, a narrowing cast, removed enum values).
    DataLoss,
    /// The step fails when the table has rows (a required column without default).
    Unexecutable,
    /// The step takes a strong lock, or rewrites the table, for its whole duration.
    Locking,
}

/// A query that tells whether a warning matters for the data in the database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DataCheck {
    /// Number of rows in the table.
    RowCount {
        /// The table.
        table: QualifiedName,
    },
    /// Number of rows where the column is not NULL.
    NonNullCount {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// Number of rows where the column is NULL.
    NullCount {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// Number of values that appear more than once in the columns.
    Duplicates {
        /// The table.
        table: QualifiedName,
        /// The columns.
        columns: Vec<String>,
    },
    /// Number of rows using one of the values in one of the columns.
    EnumValueUsage {
        /// The values.
        values: Vec<String>,
        /// The columns using the enum: table, column, whether it is an array.
        columns: Vec<(QualifiedName, String, bool)>,
    },
}

/// One warning.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// Its kind.
    pub kind: WarningKind,
    /// The message (Prisma's wording where Prisma has one).
    pub message: String,
    /// What to do instead, when there is a safer way.
    pub advice: Option<String>,
    /// The data check, when a database can tell whether it matters.
    pub check: Option<DataCheck>,
}

fn prisma_type_name(column: &Column) -> String {
    let base = match &column.r#type.base {
        TypeRef::User(name) => name.name.clone(),
        TypeRef::Builtin(name) => {
            let (base, modifiers) = match name.split_once('(') {
                Some((b, rest)) => (b.trim(), Some(rest.split(')').next().unwrap_or(""))),
                None => (name.as_str(), None),
            };
            let short = match base {
                "character varying" => "VarChar",
                "text" => "Text",
                "integer" => "Integer",
                "bigint" => "BigInt",
                "smallint" => "SmallInt",
                "numeric" => "Decimal",
                "double precision" => "DoublePrecision",
                "real" => "Real",
                "boolean" => "Boolean",
                "character" => "Char",
                "jsonb" => "JsonB",
                "json" => "Json",
                "uuid" => "Uuid",
                _ => base,
            };
            match modifiers {
                Some(m) => format!("{short}({m})"),
                None => short.to_string(),
            }
        }
    };
    if column.r#type.array {
        format!("{base}[]")
    } else {
        base
    }
}

/// Every warning of a migration.
pub fn warnings(migration: &Migration, schemas: Pair<&Schema>) -> Vec<Warning> {
    // Tables by name: a search per change was quadratic over a whole schema.
    let lookup = schemas.map(TableLookup::new);
    let mut out = Vec::new();
    for change in &migration.changes {
        match change {
            Change::DropTable { name } => out.push(Warning {
                kind: WarningKind::DataLoss,
                message: format!(
                    "You are about to drop the `{}` table. If the table is not empty, all the data it contains will be lost.",
                    name.name
                ),
                advice: None,
                check: Some(DataCheck::RowCount { table: name.clone() }),
            }),
            Change::AlterEnum { name, removed, .. } if !removed.is_empty() => {
                let columns: Vec<(QualifiedName, String, bool)> = schemas
                    .previous
                    .tables
                    .iter()
                    .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
                    .filter(|(_, c)| c.r#type.base == TypeRef::User(name.clone()))
                    .map(|(t, c)| (t.name.clone(), c.name.clone(), c.r#type.array))
                    .collect();
                out.push(Warning {
                    kind: WarningKind::DataLoss,
                    message: format!(
                        "The values [{}] on the enum `{}` will be removed. If these variants are still used in the database, this will fail.",
                        removed.join(","),
                        name.name
                    ),
                    advice: None,
                    check: Some(DataCheck::EnumValueUsage {
                        values: removed.clone(),
                        columns,
                    }),
                });
            }
            Change::AlterTable { table, changes } => {
                table_warnings(table, changes, lookup.as_ref(), &mut out)
            }
            Change::CreateIndex { table, name } => {
                let index = lookup.next.get(table).and_then(|t| t.index(name));
                let existed = lookup.previous.get(table).is_some();
                if let Some(index) = index.filter(|_| existed) {
                    if index.unique {
                        let columns: Vec<String> = index.column_names().map(str::to_string).collect();
                        out.push(Warning {
                            kind: WarningKind::Unexecutable,
                            message: format!(
                                "A unique constraint covering the columns `[{}]` on the table `{}` will be added. If there are existing duplicate values, this will fail.",
                                columns.join(","),
                                table.name
                            ),
                            advice: None,
                            check: Some(DataCheck::Duplicates {
                                table: table.clone(),
                                columns,
                            }),
                        });
                    }
                    out.push(Warning {
                        kind: WarningKind::Locking,
                        message: format!(
                            "Creating the index `{name}` locks `{}` against writes (SHARE lock) until the index is built.",
                            table.name
                        ),
                        advice: Some(format!(
                            "on a big table, create it in a migration of its own with `CREATE {}INDEX CONCURRENTLY` (driftless runs such a migration outside a transaction)",
                            if index.unique { "UNIQUE " } else { "" }
                        )),
                        check: Some(DataCheck::RowCount { table: table.clone() }),
                    });
                }
            }
            Change::AddForeignKey { table, name } if lookup.previous.get(table).is_some() => {
                out.push(Warning {
                    kind: WarningKind::Locking,
                    message: format!(
                        "Adding the foreign key `{name}` checks every row of `{}` while holding a SHARE ROW EXCLUSIVE lock on it and on the referenced table.",
                        table.name
                    ),
                    advice: Some(
                        "on a big table, add it `NOT VALID` and run `VALIDATE CONSTRAINT` in a later migration".to_string(),
                    ),
                    check: Some(DataCheck::RowCount { table: table.clone() }),
                });
            }
            _ => {}
        }
    }
    out
}

fn table_warnings(
    table: &QualifiedName,
    changes: &[TableChange],
    lookup: Pair<&TableLookup<'_>>,
    out: &mut Vec<Warning>,
) {
    let tables = lookup.map(|l| l.get(table));
    for change in changes {
        match change {
            TableChange::DropColumn { name } => out.push(Warning {
                kind: WarningKind::DataLoss,
                message: format!(
                    "You are about to drop the column `{name}` on the `{}` table. All the data in the column will be lost.",
                    table.name
                ),
                advice: None,
                check: Some(DataCheck::NonNullCount {
                    table: table.clone(),
                    column: name.clone(),
                }),
            }),
            TableChange::AddColumn { name } => {
                let Some(column) = tables.next.and_then(|t| t.column(name)) else {
                    continue;
                };
                if !column.nullable && column.default.is_none() && column.identity.is_none() && column.generated.is_none() {
                    out.push(Warning {
                        kind: WarningKind::Unexecutable,
                        message: format!(
                            "Added the required column `{name}` to the `{}` table without a default value. This is not possible if the table is not empty.",
                            table.name
                        ),
                        advice: Some("add it as optional, fill it, then make it required; or give it a default".to_string()),
                        check: Some(DataCheck::RowCount { table: table.clone() }),
                    });
                }
            }
            TableChange::DropAndRecreateColumn { name } => {
                let columns = tables.map(|t| t.and_then(|t| t.column(name)));
                let required = columns.next.is_some_and(|c| !c.nullable && c.default.is_none());
                out.push(Warning {
                    kind: if required { WarningKind::Unexecutable } else { WarningKind::DataLoss },
                    message: if required {
                        format!(
                            "Changed the type of `{name}` on the `{}` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.",
                            table.name
                        )
                    } else {
                        format!(
                            "The `{name}` column on the `{}` table would be dropped and recreated. This will lead to data loss if there is data in the column.",
                            table.name
                        )
                    },
                    advice: Some(format!(
                        "to keep the data, write the change by hand: `ALTER TABLE … ALTER COLUMN \"{name}\" TYPE … USING …`"
                    )),
                    check: Some(DataCheck::NonNullCount {
                        table: table.clone(),
                        column: name.clone(),
                    }),
                });
            }
            TableChange::AlterColumn { name, changes } => {
                let columns = tables.map(|t| t.and_then(|t| t.column(name)));
                let (Some(previous), Some(next)) = (columns.previous, columns.next) else {
                    continue;
                };
                if changes.r#type {
                    if type_change(&previous.r#type, &next.r#type) == TypeChange::Risky {
                        out.push(Warning {
                            kind: WarningKind::DataLoss,
                            message: format!(
                                "You are about to alter the column `{name}` on the `{}` table. The data in that column could be lost. The data in that column will be cast from `{}` to `{}`.",
                                table.name,
                                prisma_type_name(previous),
                                prisma_type_name(next)
                            ),
                            advice: None,
                            check: Some(DataCheck::NonNullCount {
                                table: table.clone(),
                                column: name.clone(),
                            }),
                        });
                    }
                    out.push(Warning {
                        kind: WarningKind::Locking,
                        message: format!(
                            "Changing the type of `{name}` may rewrite the whole `{}` table under an ACCESS EXCLUSIVE lock (no reads or writes until it is done).",
                            table.name
                        ),
                        advice: Some("on a big table, add a new column, backfill it in batches, then switch".to_string()),
                        check: Some(DataCheck::RowCount { table: table.clone() }),
                    });
                }
                if changes.nullability && !next.nullable {
                    out.push(Warning {
                        kind: WarningKind::Unexecutable,
                        message: format!(
                            "Made the column `{name}` on table `{}` required. This step will fail if there are existing NULL values in that column.",
                            table.name
                        ),
                        advice: Some("fill the NULLs first (`UPDATE … SET … WHERE … IS NULL`)".to_string()),
                        check: Some(DataCheck::NullCount {
                            table: table.clone(),
                            column: name.clone(),
                        }),
                    });
                }
            }
            TableChange::DropPrimaryKey { .. }
                if changes.iter().any(|c| matches!(c, TableChange::AddPrimaryKey)) =>
            {
                out.push(Warning {
                    kind: WarningKind::DataLoss,
                    message: format!(
                        "The primary key for the `{}` table will be changed. If it partially fails, the table could be left without primary key constraint.",
                        table.name
                    ),
                    advice: None,
                    check: Some(DataCheck::RowCount {
                        table: table.clone(),
                    }),
                });
            }
            TableChange::AddPrimaryKey | TableChange::DropPrimaryKey { .. } => {}
            TableChange::AddUniqueConstraint { name } => {
                let columns = tables
                    .next
                    .and_then(|t| t.unique_constraints.iter().find(|u| &u.name == name))
                    .map(|u| u.columns.clone())
                    .unwrap_or_default();
                out.push(Warning {
                    kind: WarningKind::Unexecutable,
                    message: format!(
                        "A unique constraint covering the columns `[{}]` on the table `{}` will be added. If there are existing duplicate values, this will fail.",
                        columns.join(","),
                        table.name
                    ),
                    advice: None,
                    check: Some(DataCheck::Duplicates {
                        table: table.clone(),
                        columns,
                    }),
                });
            }
            _ => {}
        }
    }
}
