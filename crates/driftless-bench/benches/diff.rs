//! The differ: a generated schema of N models against its next version (one model in
//! twenty edited, one enum value added), as `migrate diff --from-schema --to-schema`
//! computes it, plus rendering the result; and a model against itself (the common case of
//! a drift check that finds nothing).
//!
//! `cargo bench -p driftless-bench --bench diff`

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use driftless_bench::stages::{diff_against_schema, diff_exact, front_end_str, render};
use driftless_bench::{SchemaVariant, generate_schema};

fn bench_diff(c: &mut Criterion) {
    let pairs: Vec<_> = [10, 100, 1_000, 5_000]
        .into_iter()
        .map(|n| {
            let base = front_end_str(&generate_schema(n, SchemaVariant::Base)).unwrap();
            let next = front_end_str(&generate_schema(n, SchemaVariant::Changed)).unwrap();
            (n, base, next)
        })
        .collect();

    let mut group = c.benchmark_group("diff_5_percent_changed");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (n, base, next) in &pairs {
        let changes = diff_against_schema(base, next).changes.len();
        assert!(changes > 0, "no changes for {n}");
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &(base, next),
            |b, (x, y)| {
                b.iter(|| black_box(diff_against_schema(x, y)));
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("diff_and_render_5_percent_changed");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (n, base, next) in &pairs {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &(base, next),
            |b, (x, y)| {
                b.iter(|| {
                    let migration = diff_against_schema(x, y);
                    black_box(render(&migration, x, y))
                });
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("diff_identical");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (n, base, _) in &pairs {
        assert!(diff_exact(base, base).is_empty());
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), base, |b, x| {
            b.iter(|| black_box(diff_exact(x, x)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_diff);
criterion_main!(benches);
