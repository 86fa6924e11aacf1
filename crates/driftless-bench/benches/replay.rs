//! The in-memory replay of migration histories (issue 5): generated histories of M = 100,
//! 1,000 and 10,000 small migrations, and the whole trigger.dev history, replayed onto an
//! empty model without a database.
//!
//! `cargo bench -p driftless-bench --bench replay`

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use driftless_bench::generate_migrations;
use driftless_bench::stages::{corpus_dir, empty_schema};
use driftless_sql::replay::{ReplayOptions, replay_history};

fn histories() -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for m in [100, 1_000, 10_000] {
        out.push((
            format!("generated-{m}"),
            generate_migrations(m)
                .into_iter()
                .map(|g| (g.name, g.sql))
                .collect(),
        ));
    }
    if let Some(corpus) = corpus_dir() {
        let mut folders: Vec<_> = fs_err::read_dir(corpus.join("trigger.dev/migrations"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("migration.sql").is_file())
            .collect();
        folders.sort();
        let migrations = folders
            .iter()
            .map(|f| {
                (
                    f.file_name().unwrap().to_string_lossy().into_owned(),
                    fs_err::read_to_string(f.join("migration.sql")).unwrap(),
                )
            })
            .collect();
        out.push(("trigger.dev".to_string(), migrations));
    }
    out
}

fn bench_replay(c: &mut Criterion) {
    let options = ReplayOptions::new("public");
    let mut group = c.benchmark_group("replay_in_memory");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (name, migrations) in histories() {
        group.throughput(Throughput::Elements(migrations.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &migrations, |b, m| {
            b.iter(|| {
                black_box(replay_history(
                    empty_schema(),
                    m.iter().map(|(n, s)| (n.as_str(), s.as_str())),
                    &options,
                ))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_replay);
criterion_main!(benches);
