//! A quick measurement of the in-memory replay: every corpus history replayed N times,
//! median and minimum printed per project, with how many migrations the replay is unsure
//! of. No criterion: `cargo run --release -p driftless-sql --example replay_bench [N]`.
//!
//! The corpus is found as the tests find it (`DRIFTLESS_CORPUS`, else the shared folder
//! next to the workspace).

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use driftless_schema::Schema;
use driftless_sql::replay::{ReplayOptions, replay_history};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DRIFTLESS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    dir.is_dir().then_some(dir)
}

/// Every `migrations/<name>/migration.sql`, in name order (as `migrate deploy` applies them).
fn history(project: &Path) -> Vec<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(project.join("migrations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("migration.sql").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(project.join("migrations").join(&name).join("migration.sql"))
                .unwrap();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(21);
    let Some(corpus) = corpus() else {
        eprintln!("corpus not found (set DRIFTLESS_CORPUS)");
        std::process::exit(1);
    };
    let mut projects: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("migrations").is_dir())
        .collect();
    projects.sort();
    println!(
        "{:<12} {:>10} {:>9} {:>12} {:>12} {:>8} {:>14}",
        "project", "migrations", "SQL KiB", "median ms", "min ms", "unsure", "with doubts"
    );
    for project in projects {
        let history = history(&project);
        let bytes: usize = history.iter().map(|(_, s)| s.len()).sum();
        let options = ReplayOptions::new("public");
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            let started = Instant::now();
            let replay = replay_history(
                Schema::default(),
                history.iter().map(|(n, s)| (n.as_str(), s.as_str())),
                &options,
            );
            times.push(started.elapsed());
            last = Some(replay);
        }
        times.sort();
        let replay = last.unwrap();
        let unsure = replay
            .migrations
            .iter()
            .filter(|m| m.has_open_doubts())
            .count();
        let with_doubts = replay.migrations.iter().filter(|m| !m.is_sure()).count();
        println!(
            "{:<12} {:>10} {:>9} {:>12.2} {:>12.2} {:>8} {:>14}",
            project.file_name().unwrap().to_string_lossy(),
            history.len(),
            bytes / 1024,
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
            unsure,
            with_doubts
        );
        for m in replay.migrations.iter().filter(|m| !m.is_sure()) {
            for d in &m.doubts {
                println!(
                    "    {} line {}: {:?}{} — {}",
                    m.name,
                    d.line,
                    d.kind,
                    d.resolved_by
                        .as_deref()
                        .map(|r| format!(" (resolved by {r})"))
                        .unwrap_or_default(),
                    d.reason
                );
            }
        }
    }
}
