//! Destructive commands killed mid-way: `migrate reset --force`, `db push
//! --accept-data-loss` and `db push --force-reset`, killed with SIGKILL at a random moment.
//!
//! - `db push` must leave the old database or the new one, never a mix: its changes (and,
//!   with `--force-reset`, the emptying) run in one transaction. A re-run finishes it.
//! - `migrate reset` empties the managed schemas in one transaction (the old database, or
//!   an empty one), then deploys the whole history, which no single transaction can hold
//!   when the history has `CREATE INDEX CONCURRENTLY` files: after the emptying, the history
//!   must describe the database exactly (the deploy invariants), and a re-run of the reset
//!   (or a plain deploy) finishes it.
//!
//! `doctor --fix` killed mid-way has its own module, `doctor_fix.rs`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::check::{Window, check_after_fault, check_final, tail, wait_for_sessions};
use crate::corpus::{HISTORIES, history};
use crate::refs::{References, references};
use crate::report::CaseResult;
use crate::rng::Rng;
use crate::run::{Trigger, driftless, run, run_with_fault};
use crate::state::{State, capture, differences, rows};

const SHARE: f64 = 0.20;

/// A table of the old database that none of the new ones has.
const MARKER: &str =
    "CREATE TABLE public.fault_marker (id int); INSERT INTO public.fault_marker VALUES (1)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Destructive {
    Reset,
    PushAcceptDataLoss,
    PushForceReset,
}

impl Destructive {
    fn args(self) -> &'static [&'static str] {
        match self {
            Destructive::Reset => &["migrate", "reset", "--force", "--skip-seed"],
            Destructive::PushAcceptDataLoss => &["db", "push", "--accept-data-loss"],
            Destructive::PushForceReset => &["db", "push", "--force-reset"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Destructive::Reset => "migrate reset --force",
            Destructive::PushAcceptDataLoss => "db push --accept-data-loss",
            Destructive::PushForceReset => "db push --force-reset",
        }
    }
}

fn command(project: &std::path::Path, which: Destructive, url: &str) -> std::process::Command {
    let mut args: Vec<&str> = which.args().to_vec();
    args.extend(["--schema", "schema.prisma", "--url", url]);
    driftless(project, &args)
}

/// What an unkilled `db push` makes of checkpoint `c`, and how long it took (once each);
/// `None` when it cannot push there even without a fault (the differ's limits, such as a
/// column type change under a view, are not this suite's subject).
fn pushed(
    refs: &'static References,
    c: usize,
    which: Destructive,
) -> Option<(&'static State, Duration)> {
    type Cache = HashMap<(String, usize, Destructive), Option<(&'static State, Duration)>>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let key = (refs.history.name.to_string(), c, which);
    if let Some(hit) = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .get(&key)
    {
        return *hit;
    }
    let db = refs.copy(c, "pushed");
    db.execute(MARKER);
    let outcome = run(
        command(&refs.history.project(c), which, &db.url_string()),
        Duration::from_secs(120),
    );
    let value = if outcome.code == Some(0) {
        let state: &'static State = Box::leak(Box::new(capture(&db.url)));
        Some((state, outcome.elapsed))
    } else {
        eprintln!(
            "faults/destructive: {} on {} at {c} fails without a fault, not used: {}",
            which.name(),
            refs.history.name,
            tail(&outcome.stderr)
        );
        None
    };
    CACHE.get().unwrap().lock().unwrap().insert(key, value);
    value
}

/// How long an unkilled reset of the first `end` migrations takes (measured once each).
fn reset_duration(refs: &'static References, end: usize) -> Duration {
    static CACHE: OnceLock<Mutex<HashMap<(String, usize), Duration>>> = OnceLock::new();
    let key = (refs.history.name.to_string(), end);
    if let Some(hit) = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .get(&key)
    {
        return *hit;
    }
    let db = refs.copy(end, "reset_timing");
    let outcome = run(
        command(
            &refs.history.project(end),
            Destructive::Reset,
            &db.url_string(),
        ),
        Duration::from_secs(120),
    );
    assert_eq!(outcome.code, Some(0), "reset: {}", outcome.stderr);
    CACHE
        .get()
        .unwrap()
        .lock()
        .unwrap()
        .insert(key, outcome.elapsed);
    outcome.elapsed
}

pub fn run_case(case: usize, seed: u64) -> CaseResult {
    let mut rng = Rng::new(seed);
    let which = *rng.pick(&[
        Destructive::Reset,
        Destructive::PushAcceptDataLoss,
        Destructive::PushForceReset,
    ]);
    let name = *rng.pick(&HISTORIES);
    let refs = references(history(name).unwrap(), crate::shared_cluster());
    let checkpoints = refs.checkpoints();
    let end = if which == Destructive::Reset {
        // Short histories: a reset replays everything.
        checkpoints[rng.range(1, 4)]
    } else {
        let mut candidates: Vec<usize> = checkpoints[1..].to_vec();
        loop {
            let c = candidates.remove(rng.below(candidates.len()));
            if pushed(refs, c, which).is_some() || candidates.is_empty() {
                break c;
            }
        }
    };
    let db = refs.copy(end, "fault_destructive");
    db.execute(MARKER);
    let old = capture(&db.url);
    let old_rows = rows(&db.url).len();
    let project = refs.history.project(end);
    let estimate_ms = match which {
        Destructive::Reset => reset_duration(refs, end).as_secs_f64() * 1000.0 * 0.95,
        _ => match pushed(refs, end, which) {
            Some((_, took)) => took.as_secs_f64() * 1000.0 * 0.95,
            None => {
                return CaseResult {
                    description: format!("{} on {name}: no checkpoint to push", which.name()),
                    exit: Some(0),
                    ..CaseResult::default()
                };
            }
        },
    };
    let trigger = Trigger {
        line: None,
        delay: Duration::from_secs_f64(rng.unit() * estimate_ms / 1000.0),
    };
    let app = format!("fault_destructive_{case}");
    let url = format!("{}?application_name={app}", db.url_string());
    let outcome = run_with_fault(
        command(&project, which, &url),
        Some(&trigger),
        &mut |child| {
            let _ = child.kill();
        },
        Duration::from_secs(120),
    );
    let mut result = CaseResult {
        description: format!(
            "seed {seed}: {} on {} at {end}, killed {:.1} ms after the start",
            which.name(),
            refs.history.name,
            trigger.delay.as_secs_f64() * 1000.0
        ),
        fired: outcome.fired,
        exit: outcome.code,
        ..CaseResult::default()
    };
    if !outcome.fired && outcome.code != Some(0) {
        result.problems.push(format!(
            "it failed without a fault ({:?}): {}",
            outcome.code,
            tail(&outcome.stderr)
        ));
        return result;
    }
    if let Err(e) = wait_for_sessions(&db, &app) {
        result.problems.push(e);
    }
    let found = capture(&db.url);
    let window = Window {
        refs,
        start: 0,
        end,
    };
    match which {
        Destructive::Reset => {
            if found.counts.contains_key("public.fault_marker") {
                let problems = differences(&old, &found);
                if !problems.is_empty() || rows(&db.url).len() != old_rows {
                    result.problems.push(format!(
                        "the old database is not intact, yet the reset's emptying did not commit: {problems:?}"
                    ));
                }
            } else {
                match check_after_fault(&window, &db) {
                    Ok(said) => {
                        result.partial = said
                            .partial
                            .is_some_and(|p| p.done > 0 || p.running.is_some());
                    }
                    Err(problems) => result
                        .problems
                        .extend(problems.into_iter().map(|p| format!("after the kill: {p}"))),
                }
            }
        }
        _ => {
            let new = pushed(refs, end, which).unwrap().0;
            let from_old = differences(&old, &found);
            let from_new = differences(new, &found);
            if !from_old.is_empty() && !from_new.is_empty() {
                result.problems.push(format!(
                    "a mix of the old and the new database: against the old, {from_old:?}; against the new, {from_new:?}"
                ));
            }
        }
    }
    if !result.problems.is_empty() {
        return result;
    }
    // Recovery: the same command again.
    let started = std::time::Instant::now();
    let again = run(
        command(&project, which, &db.url_string()),
        Duration::from_secs(120),
    );
    let mut recovery = crate::check::Recovery {
        plain: true,
        resumed: false,
        commands: vec![which.name().to_string()],
        seconds: started.elapsed().as_secs_f64(),
        problems: Vec::new(),
    };
    if again.code != Some(0) {
        recovery.problems.push(format!(
            "re-running {} exited {:?}: {}",
            which.name(),
            again.code,
            tail(&again.stderr)
        ));
    } else {
        let problems = match which {
            Destructive::Reset => check_final(&window, &db),
            _ => differences(pushed(refs, end, which).unwrap().0, &capture(&db.url)),
        };
        result.problems.extend(
            problems
                .into_iter()
                .map(|p| format!("after the re-run: {p}")),
        );
    }
    result.recovery = Some(recovery);
    result
}

#[test]
fn destructive_commands_killed_mid_way() {
    if history(HISTORIES[0]).is_none() {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    }
    crate::run_kind("destructive", SHARE, 1, run_case);
}
