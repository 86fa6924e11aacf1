//! A generator of migration histories of any length, in Prisma's layout, for the benchmarks.
//!
//! Each migration is one small step of the kind a team ships every day, written as Prisma
//! writes it (step comments, quoting, `TIMESTAMP(3)`): create a table, add a column, add an
//! index, add a foreign key, add an enum value; one migration in fifty is a
//! `CREATE INDEX CONCURRENTLY` file of its own, which must run outside a transaction
//! (statement by statement). Every history applies cleanly to an empty database, in name
//! order, and the cost of applying it grows linearly with its length.
//!
//! ```text
//! <dir>/prisma/schema.prisma
//! <dir>/prisma/migrations/migration_lock.toml
//! <dir>/prisma/migrations/20210101000000_init/migration.sql
//! <dir>/prisma/migrations/20210101003700_add_column_1/migration.sql
//! …
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where a generated history was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedHistory {
    /// `<dir>/prisma/schema.prisma` (a datasource block only: the history is what matters).
    pub schema: PathBuf,
    /// `<dir>/prisma/migrations`.
    pub migrations: PathBuf,
    /// The migration folders' names, in order.
    pub names: Vec<String>,
}

impl GeneratedHistory {
    /// The `migration.sql` files, in order (what a `psql -f` session runs).
    pub fn files(&self) -> Vec<PathBuf> {
        self.names
            .iter()
            .map(|n| self.migrations.join(n).join("migration.sql"))
            .collect()
    }
}

/// One generated migration: its folder name and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedMigration {
    /// `20210101003700_add_column_1`.
    pub name: String,
    /// The script.
    pub sql: String,
}

/// The state of the database the history has built so far.
struct Builder {
    /// Tables created so far; each has `id`, `name`, `createdAt`.
    tables: usize,
    /// Values of the enum `Level`.
    enum_values: usize,
}

impl Builder {
    /// A table that exists, chosen from the step number so steps spread over all tables.
    fn some_table(&self, k: usize) -> usize {
        (k * 7919) % self.tables
    }
}

/// The `k`-th migration's timestamp prefix: 37 minutes apart from 2021-01-01 00:00:00 UTC.
fn timestamp(k: usize) -> String {
    let base = time::macros::datetime!(2021-01-01 00:00:00);
    let minutes = i64::try_from(k).unwrap_or(i64::MAX / 60 / 37) * 37;
    let t = base + time::Duration::minutes(minutes);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn create_table(sql: &mut String, t: usize) {
    let _ = write!(
        sql,
        "-- CreateTable\nCREATE TABLE \"T{t}\" (\n    \"id\" SERIAL NOT NULL,\n    \"name\" TEXT NOT NULL,\n    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT \"T{t}_pkey\" PRIMARY KEY (\"id\")\n);\n"
    );
}

/// The migrations of a history of `count` migrations (at least one).
pub fn generate_migrations(count: usize) -> Vec<GeneratedMigration> {
    let count = count.max(1);
    let mut state = Builder {
        tables: 1,
        enum_values: 2,
    };
    let mut out = Vec::with_capacity(count);
    let mut init = String::from("-- CreateEnum\nCREATE TYPE \"Level\" AS ENUM ('L0', 'L1');\n\n");
    create_table(&mut init, 0);
    out.push(GeneratedMigration {
        name: format!("{}_init", timestamp(0)),
        sql: init,
    });
    for k in 1..count {
        let mut sql = String::new();
        let label;
        if k % 50 == 49 {
            let t = state.some_table(k);
            let _ = write!(
                sql,
                "-- CreateIndex\nCREATE INDEX CONCURRENTLY \"T{t}_name_{k}_idx\" ON \"T{t}\"(\"name\");\n"
            );
            label = "concurrent_index";
        } else {
            match k % 5 {
                0 => {
                    create_table(&mut sql, state.tables);
                    state.tables += 1;
                    label = "create_table";
                }
                1 => {
                    let t = state.some_table(k);
                    let _ = write!(
                        sql,
                        "-- AlterTable\nALTER TABLE \"T{t}\" ADD COLUMN     \"c{k}\" INTEGER NOT NULL DEFAULT 0;\n"
                    );
                    label = "add_column";
                }
                2 => {
                    let t = state.some_table(k);
                    let _ = write!(
                        sql,
                        "-- CreateIndex\nCREATE INDEX \"T{t}_createdAt_{k}_idx\" ON \"T{t}\"(\"createdAt\");\n"
                    );
                    label = "add_index";
                }
                3 => {
                    let t = state.some_table(k);
                    let target = state.some_table(k + 1);
                    let _ = write!(
                        sql,
                        "-- AlterTable\nALTER TABLE \"T{t}\" ADD COLUMN     \"ref{k}\" INTEGER;\n\n-- AddForeignKey\nALTER TABLE \"T{t}\" ADD CONSTRAINT \"T{t}_ref{k}_fkey\" FOREIGN KEY (\"ref{k}\") REFERENCES \"T{target}\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n"
                    );
                    label = "add_foreign_key";
                }
                _ => {
                    let _ = write!(
                        sql,
                        "-- AlterEnum\nALTER TYPE \"Level\" ADD VALUE 'L{}';\n",
                        state.enum_values
                    );
                    state.enum_values += 1;
                    label = "add_enum_value";
                }
            }
        }
        out.push(GeneratedMigration {
            name: format!("{}_{label}_{k}", timestamp(k)),
            sql,
        });
    }
    out
}

/// Writes a history of `count` migrations under `dir` in Prisma's layout.
pub fn write_history(dir: &Path, count: usize) -> std::io::Result<GeneratedHistory> {
    let prisma = dir.join("prisma");
    let migrations = prisma.join("migrations");
    fs_err::create_dir_all(&migrations)?;
    let schema = prisma.join("schema.prisma");
    fs_err::write(&schema, "datasource db {\n  provider = \"postgresql\"\n}\n")?;
    fs_err::write(
        migrations.join("migration_lock.toml"),
        "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"postgresql\"\n",
    )?;
    let mut names = Vec::with_capacity(count);
    for migration in generate_migrations(count) {
        let folder = migrations.join(&migration.name);
        fs_err::create_dir_all(&folder)?;
        fs_err::write(folder.join("migration.sql"), &migration.sql)?;
        names.push(migration.name);
    }
    Ok(GeneratedHistory {
        schema,
        migrations,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_in_order_and_unique() {
        let migrations = generate_migrations(1_000);
        assert_eq!(migrations.len(), 1_000);
        for pair in migrations.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} {}",
                pair[0].name,
                pair[1].name
            );
        }
    }

    #[test]
    fn timestamps_are_prisma_prefixes() {
        assert_eq!(timestamp(0), "20210101000000");
        assert_eq!(timestamp(2), "20210101011400");
    }

    #[test]
    fn every_step_kind_occurs() {
        let migrations = generate_migrations(100);
        for kind in [
            "create_table",
            "add_column",
            "add_index",
            "add_foreign_key",
            "add_enum_value",
            "concurrent_index",
        ] {
            assert!(
                migrations.iter().any(|m| m.name.contains(kind)),
                "no {kind}"
            );
        }
    }
}
