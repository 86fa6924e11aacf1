//! Racing deployers: 2, 4, 8 and 16 `migrate deploy` processes started together on one
//! database with the whole trigger.dev history (and, in long runs, more rounds on random
//! windows of both histories, and on a database that does not exist yet). Every migration
//! must be applied exactly once, by one process; the others wait for the lock (within the
//! default lock timeout) and find nothing left, or exit 5 with the lock-holder report;
//! nothing is recorded twice, and the database ends identical to a clean deploy.

use std::process::Stdio;
use std::time::Instant;

use crate::check::{Window, check_final, tail};
use crate::corpus::{HISTORIES, history};
use crate::refs::references;
use crate::report::{CaseResult, Tally};
use crate::rng::{Rng, case_seed};
use crate::run::{Outcome, deploy};

/// Starts `n` deployers at once and waits for all of them.
fn race(project: &std::path::Path, url: &str, n: usize) -> Vec<Outcome> {
    let started = Instant::now();
    let children: Vec<_> = (0..n)
        .map(|_| {
            deploy(project, url)
                .arg("--json")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            Outcome {
                code: output.status.code(),
                stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
                fired: true,
                hung: false,
                elapsed: started.elapsed(),
            }
        })
        .collect()
}

fn round(description: String, window: Window, n: usize, missing_database: bool) -> CaseResult {
    let refs = window.refs;
    let db = refs.copy(window.start, "fault_race");
    let url = if missing_database {
        // A database name that does not exist yet: every deployer tries to create it.
        let name = format!("{}_created", db.name);
        (
            db.url_string()
                .replace(&format!("/{}", db.name), &format!("/{name}")),
            name,
        )
    } else {
        (db.url_string(), String::new())
    };
    let (url, created) = url;
    let project = window.project();
    let outcomes = race(&project, &url, n);
    let mut result = CaseResult {
        description,
        fired: true,
        exit: outcomes.iter().map(|o| o.code).max().flatten(),
        ..CaseResult::default()
    };
    let mut applied: Vec<String> = Vec::new();
    for outcome in &outcomes {
        match outcome.code {
            Some(0) => {
                let json: serde_json::Value = match serde_json::from_str(&outcome.stdout) {
                    Ok(json) => json,
                    Err(e) => {
                        result
                            .problems
                            .push(format!("not JSON ({e}): {}", outcome.stdout));
                        continue;
                    }
                };
                for m in json["applied"].as_array().into_iter().flatten() {
                    applied.push(m["name"].as_str().unwrap_or_default().to_string());
                }
            }
            Some(5)
                if outcome.stderr.contains("timed out after")
                    && outcome.stderr.contains("held by another session") => {}
            other => result.problems.push(format!(
                "a deployer exited {other:?}:\n{}",
                tail(&outcome.stderr)
            )),
        }
    }
    let expected = window.end - window.start;
    let mut unique = applied.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != applied.len() {
        result.problems.push(format!(
            "{} migrations were applied by more than one deployer",
            applied.len() - unique.len()
        ));
    }
    if applied.len() != expected && result.problems.is_empty() {
        result.problems.push(format!(
            "the deployers applied {} migrations in all, the window has {expected}",
            applied.len()
        ));
    }
    if missing_database {
        let created_db = driftless_testkit::TestDb {
            url: driftless_db::DatabaseUrl::parse(&url).unwrap(),
            name: created,
            port: refs.cluster.port,
        };
        result.problems.extend(check_final(&window, &created_db));
    } else {
        result.problems.extend(check_final(&window, &db));
    }
    result
}

#[test]
fn racing_deployers() {
    let Some(trigger) = history(HISTORIES[0]) else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let only = crate::only_case("race");
    if matches!(only, Some(None)) {
        return;
    }
    let cluster = crate::shared_cluster();
    let refs = references(trigger, cluster);
    let whole = Window {
        refs,
        start: 0,
        end: trigger.migrations.len(),
    };
    let extra = if crate::long_run() {
        crate::total_faults() / 50
    } else {
        1
    };
    let seed = case_seed(crate::seed(), "race", usize::MAX);
    let mut tally = Tally::new("race", crate::seed(), 4 + extra);
    let mut case = 0;
    for n in [2, 4, 8, 16] {
        if only.is_none_or(|o| o == Some(case)) {
            let started = Instant::now();
            let mut result = round(
                format!("{n} deployers, the whole trigger.dev history"),
                whole,
                n,
                false,
            );
            result
                .description
                .push_str(&format!(" ({:.1} s)", started.elapsed().as_secs_f64()));
            tally.record(case, result);
        }
        case += 1;
    }
    for i in 0..extra {
        if only.is_some_and(|o| o != Some(case)) {
            case += 1;
            continue;
        }
        let case_seed = case_seed(seed, "race", case);
        let mut rng = Rng::new(case_seed);
        let name = HISTORIES[rng.below(HISTORIES.len())];
        let history = history(name).unwrap();
        let refs = references(history, cluster);
        let checkpoints = refs.checkpoints();
        let start = checkpoints[rng.below(checkpoints.len() - 1)];
        let mut end = refs.checkpoint_after(start);
        for _ in 0..rng.below(4) {
            end = refs.checkpoint_after(end);
        }
        let n = rng.range(2, 17);
        // The first extra round races on a database that does not exist yet.
        let missing = i == 0;
        let window = Window {
            refs,
            start: if missing { 0 } else { start },
            end,
        };
        let result = round(
            format!(
                "seed {case_seed}: {n} deployers, {}{}",
                window.describe(),
                if missing {
                    ", on a database they must create"
                } else {
                    ""
                }
            ),
            window,
            n,
            missing,
        );
        tally.record(case, result);
        case += 1;
    }
    tally.finish();
}
