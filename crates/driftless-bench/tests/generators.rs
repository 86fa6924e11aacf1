//! The generators make what the benchmarks claim to measure: schemas that our front end and
//! the real Prisma accept and that build the database they describe, and histories that
//! apply cleanly in Prisma's layout.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use driftless_bench::stages::{creation_sql, diff_against_schema, front_end_str};
use driftless_bench::{SchemaVariant, generate_migrations, generate_schema, write_history};
use driftless_db::{ConnectOptions, Connection, introspect};
use driftless_diff::Change;
use driftless_sql::{ExecutionMode, analyze_script};
use driftless_testkit::{Oracle, TestDb};

/// Implicit many-to-many join tables in a schema of `n` models (one per `i % 8 == 5`).
fn join_tables(n: usize) -> usize {
    (0..n).filter(|i| i % 8 == 5 && *i >= 3).count()
}

#[test]
fn generated_schemas_validate_and_lower() {
    for n in [1, 10, 100, 1_000] {
        for variant in [SchemaVariant::Base, SchemaVariant::Changed] {
            let text = generate_schema(n, variant);
            let schema = front_end_str(&text).unwrap_or_else(|e| panic!("{n} {variant:?}: {e}"));
            assert_eq!(schema.tables.len(), n + join_tables(n), "{n} {variant:?}");
        }
    }
}

#[test]
fn generated_schemas_use_every_feature() {
    let text = generate_schema(100, SchemaVariant::Base);
    for needle in [
        "@default(autoincrement())",
        "@default(uuid())",
        "@default(cuid())",
        "@default(now())",
        "@default(dbgenerated(",
        "@default([])",
        "@db.Uuid",
        "@db.VarChar(",
        "@db.Decimal(12, 2)",
        "@db.Timestamptz(6)",
        "@db.JsonB",
        "@db.SmallInt",
        "@db.Date",
        "@updatedAt",
        "@unique",
        "@@unique(",
        "@@index(",
        "type: Hash",
        "sort: Desc",
        "@map(",
        "@@map(",
        "onDelete: Cascade",
        "onDelete: SetNull",
        "_tree\"",
        "_twin\"",
        "@relation(\"m",
        "enum Kind",
    ] {
        assert!(text.contains(needle), "no {needle}");
    }
}

#[test]
fn the_changed_version_differs_in_about_five_percent_of_the_models() {
    let base = front_end_str(&generate_schema(200, SchemaVariant::Base)).unwrap();
    let next = front_end_str(&generate_schema(200, SchemaVariant::Changed)).unwrap();
    let migration = diff_against_schema(&base, &next);
    let touched: std::collections::BTreeSet<String> = migration
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterTable { table, .. }
            | Change::CreateIndex { table, .. }
            | Change::DropIndex { table, .. } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(touched.len(), 10, "{touched:?}");
    assert!(diff_against_schema(&base, &base).is_empty());
}

#[test]
fn generated_schema_builds_the_database_it_describes() {
    let schema = front_end_str(&generate_schema(100, SchemaVariant::Base)).unwrap();
    let db = TestDb::new("bench_generated_schema");
    db.execute(&creation_sql(&schema));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let live = runtime.block_on(async {
        let connection = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        introspect(&connection, &["public".to_string()])
            .await
            .unwrap()
    });
    let migration = diff_against_schema(&live, &schema);
    assert!(migration.is_empty(), "{:#?}", migration.changes);
}

#[test]
fn generated_schema_is_accepted_by_prisma_with_the_same_sql() {
    let Some(oracle) = Oracle::find() else {
        eprintln!("skipped: prisma oracle not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let text = generate_schema(60, SchemaVariant::Base);
    fs_err::write(dir.path().join("schema.prisma"), &text).unwrap();
    let prisma = oracle.run(
        dir.path(),
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema",
            "schema.prisma",
            "--script",
        ],
        "",
    );
    assert_eq!(prisma.code, 0, "{}", prisma.stderr);
    let ours = creation_sql(&front_end_str(&text).unwrap());
    assert_eq!(ours, prisma.stdout);
}

#[test]
fn generated_histories_are_small_steps_in_prisma_layout() {
    let dir = tempfile::tempdir().unwrap();
    let history = write_history(dir.path(), 120).unwrap();
    assert_eq!(history.names.len(), 120);
    assert!(history.migrations.join("migration_lock.toml").is_file());
    let mut concurrent = 0;
    for file in history.files() {
        let sql = fs_err::read_to_string(&file).unwrap();
        let analysis = analyze_script(&sql, 150_000);
        assert!(analysis.parse_error.is_none(), "{}", file.display());
        match analysis.mode {
            ExecutionMode::StatementByStatement => concurrent += 1,
            ExecutionMode::Transaction => {}
            ExecutionMode::Script => panic!("{} is a script", file.display()),
        }
    }
    assert_eq!(concurrent, 2);
}

#[test]
fn generated_history_applies_cleanly() {
    let db = TestDb::new("bench_generated_history");
    for migration in generate_migrations(300) {
        db.execute(&migration.sql);
    }
    assert_eq!(
        db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        "60"
    );
}
