//! Every migration of the shared corpus is read by the script analyser without a parse error,
//! and the execution modes it picks are the ones the corpus README predicts.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use driftless_sql::{ExecutionMode, analyze_script};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DRIFTLESS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    dir.is_dir().then_some(dir)
}

#[test]
fn every_corpus_migration_parses_and_gets_a_mode() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let mut counts = std::collections::BTreeMap::new();
    let mut total = 0;
    for project in std::fs::read_dir(&corpus).unwrap() {
        let migrations = project.unwrap().path().join("migrations");
        if !migrations.is_dir() {
            continue;
        }
        for migration in std::fs::read_dir(&migrations).unwrap() {
            let script = migration.unwrap().path().join("migration.sql");
            let Ok(text) = std::fs::read_to_string(&script) else {
                continue;
            };
            let analysis = analyze_script(&text, 150_000);
            assert_eq!(analysis.parse_error, None, "{}", script.display());
            *counts.entry(analysis.mode).or_insert(0) += 1;
            total += 1;
        }
    }
    eprintln!("{total} migrations: {counts:?}");
    assert_eq!(total, 1844);
    assert!(counts[&ExecutionMode::StatementByStatement] >= 169);
}
