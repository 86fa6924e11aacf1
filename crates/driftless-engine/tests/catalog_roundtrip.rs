//! The catalogs agree: for every hand-written feature schema in `testdata/schemas`,
//!
//! 1. the database that Prisma's own from-empty SQL builds introspects to a model that
//!    equals schema.prisma (no spurious migration when a team switches tools), and
//! 2. the database that *our* from-empty SQL builds is catalog-identical to Prisma's
//!    (introspected, compared exactly: types, defaults, keys, indexes, names).

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use driftless_db::{ConnectOptions, Connection, introspect};
use driftless_diagnostics::Style;
use driftless_diff::{DiffMode, Side};
use driftless_engine::diff::compare;
use driftless_engine::schema_file::load_schema;
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};
use driftless_testkit::TestDb;

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

struct Case {
    name: String,
    schema_path: PathBuf,
    prisma_sql: String,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(testdata().join("schemas")).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(prisma_sql) = std::fs::read_to_string(dir.join("prisma.sql")) else {
            continue;
        };
        let schema_path = if dir.join("schema").is_dir() {
            dir.join("schema")
        } else {
            dir.join("schema.prisma")
        };
        cases.push(Case {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            schema_path,
            prisma_sql,
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn lower(path: &Path) -> Schema {
    load_schema(path, path.parent().unwrap(), "public", Style::plain())
        .unwrap()
        .schema
}

/// Builds a database from `sql` and reads it back.
fn database_from(name: &str, sql: &str, namespaces: &[String]) -> Result<Schema, String> {
    let db = TestDb::new(name);
    rt().block_on(async {
        let conn = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        // The extensions the cases use without declaring them, as the oracle cache had them.
        let mut setup = String::new();
        for (needle, extension) in [("citext", "citext"), ("gin_trgm_ops", "pg_trgm")] {
            if sql.contains(needle) {
                setup.push_str(&format!("CREATE EXTENSION IF NOT EXISTS {extension};\n"));
            }
        }
        conn.batch(&format!("{setup}{sql}"), "building the case")
            .await
            .map_err(|e| e.to_string())?;
        introspect(&conn, namespaces)
            .await
            .map_err(|e| e.to_string())
    })
}

/// Cases that need an extension this PostgreSQL installation lacks (`vector`) are skipped,
/// and say so.
fn needs_missing_extension(case: &Case) -> bool {
    let missing = case.prisma_sql.contains("vector(")
        && TestDb::new("probe_vector")
            .scalar("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")
            == "0";
    if missing {
        eprintln!(
            "{}: skipped (the `vector` extension is not installed)",
            case.name
        );
    }
    missing
}

#[test]
fn prismas_sql_introspects_to_its_schema() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        if needs_missing_extension(&case) {
            continue;
        }
        let declared = lower(&case.schema_path);
        let live = match database_from(
            &format!("rt_{}", case.name),
            &case.prisma_sql,
            &declared.namespaces,
        ) {
            Ok(live) => live,
            Err(e) => {
                failures.push(format!("{}: Prisma's SQL did not run: {e}", case.name));
                continue;
            }
        };
        checked += 1;
        let migration = compare(
            Pair::new(&live, &declared),
            DiffMode::AgainstPrismaSchema {
                schema_side: Side::Next,
            },
        );
        if !migration.is_empty() {
            let sql = render_script(
                &migration,
                Pair::new(&live, &declared),
                &RenderOptions::default(),
            );
            failures.push(format!("=== {}\n{sql}", case.name));
        }
    }
    eprintln!("{checked} feature databases introspected back to their schema");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn our_sql_builds_the_same_catalog_as_prismas() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        if needs_missing_extension(&case) {
            continue;
        }
        let declared = lower(&case.schema_path);
        let empty = Schema::default();
        let migration = compare(Pair::new(&empty, &declared), DiffMode::Exact);
        let ours_sql = render_script(
            &migration,
            Pair::new(&empty, &declared),
            &RenderOptions::default(),
        );
        let theirs = database_from(
            &format!("theirs_{}", case.name),
            &case.prisma_sql,
            &declared.namespaces,
        );
        let ours = database_from(
            &format!("ours_{}", case.name),
            &ours_sql,
            &declared.namespaces,
        );
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                checked += 1;
                let difference = compare(Pair::new(&theirs, &ours), DiffMode::Exact);
                if !difference.is_empty() || ours != theirs {
                    failures.push(format!(
                        "=== {}: catalogs differ: {:?}",
                        case.name, difference.changes
                    ));
                }
            }
            (Err(e), _) => failures.push(format!("{}: our SQL failed: {e}\n{ours_sql}", case.name)),
            (_, Err(e)) => failures.push(format!("{}: Prisma's SQL failed: {e}", case.name)),
        }
    }
    eprintln!("{checked} feature schemas: our SQL and Prisma's build identical catalogs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
