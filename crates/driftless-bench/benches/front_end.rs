//! The schema front end and the renderer: parse + validate + lower a schema, and render its
//! creation SQL (`migrate diff --from-empty --script`), for the largest corpus schema
//! (trigger.dev) and for generated schemas of 10 to 5,000 models.
//!
//! `cargo bench -p driftless-bench --bench front_end`

#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use driftless_bench::stages::{corpus_dir, corpus_schema_files, creation_sql, front_end};
use driftless_bench::{SchemaVariant, generate_schema};
use driftless_psl::SourceFile;

/// The schemas measured: the largest corpus schema, then the generated sizes.
fn inputs() -> Vec<(String, Vec<SourceFile>)> {
    let mut inputs = Vec::new();
    if let Some(corpus) = corpus_dir() {
        inputs.push((
            "trigger.dev".to_string(),
            corpus_schema_files(&corpus.join("trigger.dev")).unwrap(),
        ));
    }
    for n in [10, 100, 1_000, 5_000] {
        inputs.push((
            format!("generated-{n}"),
            vec![SourceFile::new(
                "schema.prisma",
                generate_schema(n, SchemaVariant::Base),
            )],
        ));
    }
    inputs
}

fn bench_front_end(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("parse_validate_lower");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (name, files) in &inputs {
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), files, |b, files| {
            b.iter_batched(
                || files.clone(),
                |files| black_box(front_end(files).unwrap()),
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();

    let mut group = c.benchmark_group("render_creation_sql");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (name, files) in &inputs {
        let schema = front_end(files.clone()).unwrap();
        group.throughput(Throughput::Elements(schema.tables.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &schema, |b, schema| {
            b.iter(|| black_box(creation_sql(schema)));
        });
    }
    group.finish();

    // The whole in-process path of `migrate diff --from-empty --to-schema --script`.
    let mut group = c.benchmark_group("schema_to_sql");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for (name, files) in &inputs {
        group.bench_with_input(BenchmarkId::from_parameter(name), files, |b, files| {
            b.iter_batched(
                || files.clone(),
                |files| black_box(creation_sql(&front_end(files).unwrap())),
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, bench_front_end);
criterion_main!(benches);
