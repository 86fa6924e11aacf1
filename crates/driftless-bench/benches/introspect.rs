//! Introspection of a live database, and its floor: the same catalog queries, pipelined the
//! same way on one connection, without assembling the model. Databases of N generated
//! models (N = 10 … 5,000, built once from our creation SQL) and the fully deployed
//! trigger.dev history, on a throwaway cluster started by the test kit.
//!
//! `cargo bench -p driftless-bench --bench introspect`

#![allow(clippy::unwrap_used, clippy::print_stderr, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use driftless_bench::stages::{corpus_dir, creation_sql, front_end_str};
use driftless_bench::{SchemaVariant, generate_schema};
use driftless_db::{ConnectOptions, Connection, catalog_queries, introspect};
use driftless_testkit::TestDb;
use tokio::runtime::Runtime;

/// A database built for the bench, with an open connection to it.
struct Target {
    name: String,
    tables: usize,
    /// Kept so the database lives as long as the bench.
    _db: TestDb,
    connection: Connection,
}

fn connect(runtime: &Runtime, db: &TestDb) -> Connection {
    runtime
        .block_on(Connection::connect(&db.url, &ConnectOptions::default()))
        .unwrap()
}

fn targets(runtime: &Runtime) -> Vec<Target> {
    let mut targets = Vec::new();
    for n in [10, 100, 1_000, 5_000] {
        let started = Instant::now();
        let schema = front_end_str(&generate_schema(n, SchemaVariant::Base)).unwrap();
        let db = TestDb::new(&format!("bench_introspect_{n}"));
        // In batches: one transaction creating every table of 5,000 models takes more
        // locks than a default server has room for (max_locks_per_transaction).
        let sql = creation_sql(&schema);
        let analysis = driftless_sql::analyze_script(&sql, 150_000);
        for batch in analysis.statements.chunks(2_000) {
            let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
                continue;
            };
            db.execute(&sql[first.range.start..last.range.end]);
        }
        eprintln!(
            "built the database of {n} models ({} tables) in {:.1} s",
            schema.tables.len(),
            started.elapsed().as_secs_f64()
        );
        targets.push(Target {
            name: format!("generated-{n}"),
            tables: schema.tables.len(),
            connection: connect(runtime, &db),
            _db: db,
        });
    }
    if let Some(corpus) = corpus_dir() {
        let started = Instant::now();
        let db = TestDb::new("bench_introspect_trigger");
        let migrations = corpus.join("trigger.dev/migrations");
        let mut folders: Vec<_> = fs_err::read_dir(&migrations)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("migration.sql").is_file())
            .collect();
        folders.sort();
        for folder in &folders {
            db.execute(&fs_err::read_to_string(folder.join("migration.sql")).unwrap());
        }
        let tables: usize = db
            .scalar(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')",
            )
            .parse()
            .unwrap();
        eprintln!(
            "deployed trigger.dev ({} migrations) in {:.1} s",
            folders.len(),
            started.elapsed().as_secs_f64()
        );
        targets.push(Target {
            name: "trigger.dev".to_string(),
            tables,
            connection: connect(runtime, &db),
            _db: db,
        });
    }
    targets
}

/// The floor: every catalog query of `introspect`, pipelined on the one connection, the
/// rows received and dropped.
async fn bare_queries(connection: &Connection, namespaces: &[String]) -> usize {
    let client = connection.client();
    let queries = catalog_queries(connection.server_version_num());
    let ns: Vec<String> = namespaces.to_vec();
    let runs = queries.iter().map(|(what, sql)| {
        let ns = &ns;
        async move {
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [ns];
            let params: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
                if *what == "extensions" { &[] } else { &params };
            client.query(sql.as_str(), params).await
        }
    });
    let results = futures_util::future::try_join_all(runs).await.unwrap();
    results.iter().map(Vec::len).sum()
}

fn bench_introspect(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let targets = targets(&runtime);
    let namespaces = vec!["public".to_string()];

    let mut group = c.benchmark_group("introspect");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    for target in &targets {
        let schema = runtime
            .block_on(introspect(&target.connection, &namespaces))
            .unwrap();
        assert_eq!(schema.tables.len(), target.tables, "{}", target.name);
        group.throughput(Throughput::Elements(target.tables as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&target.name),
            target,
            |b, target| {
                b.iter(|| {
                    black_box(
                        runtime
                            .block_on(introspect(&target.connection, &namespaces))
                            .unwrap(),
                    )
                });
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("introspect_floor_catalog_queries");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    for target in &targets {
        group.throughput(Throughput::Elements(target.tables as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&target.name),
            target,
            |b, target| {
                b.iter(|| {
                    black_box(runtime.block_on(bare_queries(&target.connection, &namespaces)))
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_introspect);
criterion_main!(benches);
