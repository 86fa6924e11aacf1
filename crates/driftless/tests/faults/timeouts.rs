//! A lock timeout or a statement timeout hitting a migration: another session holds
//! `ACCESS EXCLUSIVE` locks on tables the window's migrations touch, and the database's
//! `lock_timeout` (or `statement_timeout`) is short. The first migration that needs one of
//! those tables must fail with the server's message, be recorded as failed with that
//! message, and leave nothing partial (for a statement-by-statement migration: exactly the
//! statements its row says took effect). Once the lock is gone, a plain `migrate deploy`
//! retries it.

use std::time::Duration;

use driftless_testkit::TestDb;

use crate::check::{Window, check_after_fault, check_final, recover, tail};
use crate::corpus::{HISTORIES, history};
use crate::refs::references;
use crate::report::CaseResult;
use crate::rng::Rng;
use crate::run::{deploy, run};
use crate::state::rows;

const SHARE: f64 = 0.10;

/// Tables of the checkpoint that the window's scripts name, as `"schema"."table"`.
fn touched_tables(window: &Window) -> Vec<String> {
    let refs = window.refs;
    let scripts: Vec<String> = refs.history.migrations[window.start..window.end]
        .iter()
        .map(|m| m.statements.join(";\n"))
        .collect();
    refs.state(window.start)
        .catalog
        .tables
        .iter()
        .filter(|t| {
            let quoted = format!("\"{}\"", t.name.name);
            scripts.iter().any(|s| s.contains(&quoted))
        })
        .map(|t| format!("\"{}\".\"{}\"", t.name.schema, t.name.name))
        .collect()
}

pub fn run_case(case: usize, seed: u64) -> CaseResult {
    let mut rng = Rng::new(seed);
    let name = *rng.pick(&HISTORIES);
    let refs = references(history(name).unwrap(), crate::shared_cluster());
    let checkpoints = refs.checkpoints();
    // Not the first checkpoint (no tables yet) nor the last (nothing to apply).
    let start = checkpoints[rng.range(1, checkpoints.len() - 1)];
    let window = Window {
        refs,
        start,
        end: refs.checkpoint_after(start),
    };
    let statement_timeout = rng.below(2) == 0;
    let mut tables = touched_tables(&window);
    let mut description = format!(
        "seed {seed}: {}, {} while another session locks ",
        window.describe(),
        if statement_timeout {
            "statement_timeout 300ms"
        } else {
            "lock_timeout 200ms"
        }
    );
    if tables.is_empty() {
        return CaseResult {
            description: description + "nothing (no table of the window exists yet)",
            fired: false,
            exit: Some(0),
            ..CaseResult::default()
        };
    }
    let mut locked = Vec::new();
    for _ in 0..rng.range(1, 4).min(tables.len()) {
        locked.push(tables.remove(rng.below(tables.len())));
    }
    description.push_str(&locked.join(", "));
    let db = refs.copy(window.start, "fault_timeout");
    let setting = if statement_timeout {
        "statement_timeout = '300ms'"
    } else {
        "lock_timeout = '200ms'"
    };
    db.execute(&format!("ALTER DATABASE \"{}\" SET {setting}", db.name));
    let blocker = db.connect();
    blocker.execute(&format!(
        "BEGIN; LOCK TABLE {} IN ACCESS EXCLUSIVE MODE",
        locked.join(", ")
    ));
    let project = window.project();
    let outcome = run(deploy(&project, &db.url_string()), Duration::from_secs(180));
    blocker.execute("ROLLBACK");
    drop(blocker);
    db.execute(&format!(
        "ALTER DATABASE \"{}\" RESET statement_timeout; ALTER DATABASE \"{}\" RESET lock_timeout",
        db.name, db.name
    ));
    let mut result = CaseResult {
        description,
        exit: outcome.code,
        ..CaseResult::default()
    };
    if outcome.hung {
        result
            .problems
            .push("driftless did not exit within 180 s".to_string());
        return result;
    }
    let message = if statement_timeout {
        "canceling statement due to statement timeout"
    } else {
        "canceling statement due to lock timeout"
    };
    match outcome.code {
        Some(0) => {
            // No migration needed those tables after all.
            return result;
        }
        Some(7) if outcome.stderr.contains(message) => result.fired = true,
        other => {
            result.problems.push(format!(
                "exit code {other:?} (expected 7 with the server's message `{message}`):\n{}",
                tail(&outcome.stderr)
            ));
            return result;
        }
    }
    let code = if statement_timeout { "57014" } else { "55P03" };
    let recorded = rows(&db.url)
        .into_iter()
        .find(|r| r.unfinished())
        .and_then(|r| r.logs);
    match recorded {
        Some(logs) if logs.contains(code) && logs.contains(message) => {}
        other => result.problems.push(format!(
            "the failure is not recorded with the server's message: {other:?}"
        )),
    }
    check(&window, &db, &mut result);
    let _ = case;
    result
}

fn check(window: &Window, db: &TestDb, result: &mut CaseResult) {
    match check_after_fault(window, db) {
        Ok(said) => {
            result.partial = said
                .partial
                .is_some_and(|p| p.done > 0 || p.running.is_some());
        }
        Err(problems) => {
            result.problems.extend(
                problems
                    .into_iter()
                    .map(|p| format!("after the timeout: {p}")),
            );
            return;
        }
    }
    let recovery = recover(&window.project(), &db.url_string());
    if recovery.problems.is_empty() {
        result.problems.extend(
            check_final(window, db)
                .into_iter()
                .map(|p| format!("after recovery: {p}")),
        );
    }
    result.recovery = Some(recovery);
}

#[test]
fn timeouts_hitting_a_migration() {
    if history(HISTORIES[0]).is_none() {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    }
    crate::run_kind("timeout", SHARE, 1, run_case);
}
