//! Faults during `migrate deploy`: the process killed with SIGKILL, its connection cut with
//! `pg_terminate_backend`, the server stopped with an immediate shutdown and started again.
//!
//! Each case copies a checkpoint of a history, picks a target migration (a third of the
//! time one that runs statement by statement, a third one with its own transactions, a
//! third any), and injects the fault a random delay after driftless says it starts it
//! (sometimes a random delay after the process starts instead: connecting, locking, reading
//! the history). Then the checker and the recovery run.

use std::process::Child;
use std::time::Duration;

use driftless_sql::ExecutionMode;
use driftless_testkit::TestCluster;

use crate::check::{Window, check_after_fault, check_final, recover, wait_for_sessions};
use crate::corpus::{HISTORIES, history};
use crate::refs::{References, references};
use crate::report::{CaseResult, Tally};
use crate::rng::{Rng, case_seed};
use crate::run::{Trigger, deploy, run_with_fault};

/// The faults of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Kill,
    Terminate,
    Restart,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Kill => "kill",
            Kind::Terminate => "terminate",
            Kind::Restart => "restart",
        }
    }

    /// This kind's share of the run's fault points.
    fn share(self) -> f64 {
        match self {
            Kind::Kill => 0.30,
            Kind::Terminate => 0.25,
            Kind::Restart => 0.15,
        }
    }

    fn cluster(self) -> &'static TestCluster {
        match self {
            Kind::Restart => crate::restart_cluster(),
            _ => crate::shared_cluster(),
        }
    }
}

/// A planned case.
#[derive(Debug, Clone)]
pub struct Plan {
    pub window: Window,
    pub target: usize,
    pub trigger: Trigger,
    /// For restarts: how long the server stays down.
    pub down: Duration,
    /// A second fault, a quarter of the time: during the deploy that recovers from the first
    /// (a resume cut off in turn).
    pub second: Option<Trigger>,
}

/// Picks a case from its seed.
pub fn plan(rng: &mut Rng, refs: &'static References) -> Plan {
    let history = refs.history;
    let pool = match rng.below(3) {
        0 => history.in_mode(ExecutionMode::StatementByStatement),
        1 => history.in_mode(ExecutionMode::Script),
        _ => Vec::new(),
    };
    let target = if pool.is_empty() {
        rng.below(history.migrations.len())
    } else {
        *rng.pick(&pool)
    };
    let start = refs.checkpoint_before(target);
    let mut end = refs.checkpoint_after(target);
    if rng.below(2) == 0 {
        end = refs.checkpoint_after(end);
    }
    let trigger = if rng.below(10) == 0 {
        Trigger {
            line: None,
            delay: Duration::from_micros(rng.range(0, 120_000) as u64),
        }
    } else {
        let span = 1.3 * refs.duration_ms(target) + 1.5;
        Trigger {
            line: Some(format!(
                "Applying migration `{}`",
                history.migrations[target].name
            )),
            delay: Duration::from_secs_f64(rng.unit() * span / 1000.0),
        }
    };
    let down = Duration::from_millis(rng.range(0, 800) as u64);
    let window_ms: f64 = (start..end).map(|i| refs.duration_ms(i)).sum();
    let second = (rng.below(4) == 0).then(|| Trigger {
        line: None,
        delay: Duration::from_secs_f64(rng.unit() * (0.5 * window_ms + 60.0) / 1000.0),
    });
    Plan {
        window: Window { refs, start, end },
        target,
        trigger,
        down,
        second,
    }
}

/// Runs one case of `kind` with `seed`.
pub fn run_case(kind: Kind, case: usize, seed: u64) -> CaseResult {
    let mut rng = Rng::new(seed);
    let name = *rng.pick(&HISTORIES);
    let history = history(name).unwrap();
    let cluster = kind.cluster();
    let refs = references(history, cluster);
    let plan = plan(&mut rng, refs);
    let description = format!(
        "seed {seed}: {}, {} {} after {}",
        plan.window.describe(),
        kind.name(),
        match &plan.trigger.line {
            Some(_) => format!("at +{:.2} ms", plan.trigger.delay.as_secs_f64() * 1000.0),
            None => format!("{:.1} ms", plan.trigger.delay.as_secs_f64() * 1000.0),
        },
        match &plan.trigger.line {
            Some(_) => format!(
                "`{}` ({}) started",
                history.migrations[plan.target].name,
                history.migrations[plan.target].mode.as_str()
            ),
            None => "the process started".to_string(),
        }
    );
    let db = refs.copy(plan.window.start, &format!("fault_{}", kind.name()));
    let app = format!("fault_{}_{case}", kind.name());
    let url = format!("{}?application_name={app}", db.url_string());
    let project = plan.window.project();
    let killer = (kind == Kind::Terminate).then(|| db.connect());
    let mut fault = |child: &mut Child| match kind {
        Kind::Kill => {
            let _ = child.kill();
        }
        Kind::Terminate => {
            killer.as_ref().unwrap().execute(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{app}'"
            ));
        }
        Kind::Restart => {
            cluster.stop_immediately().unwrap();
            std::thread::sleep(plan.down);
            cluster.start_again().unwrap();
        }
    };
    let mut result = CaseResult {
        description,
        ..CaseResult::default()
    };
    if let Some(second) = &plan.second {
        result.description.push_str(&format!(
            ", then {} {:.1} ms into the recovering deploy",
            kind.name(),
            second.delay.as_secs_f64() * 1000.0
        ));
    }
    let mut resumed_early = false;
    for (round, trigger) in [Some(&plan.trigger), plan.second.as_ref()]
        .into_iter()
        .flatten()
        .enumerate()
    {
        let outcome = run_with_fault(
            deploy(&project, &url),
            Some(trigger),
            &mut fault,
            Duration::from_secs(60),
        );
        let when = if round == 0 {
            "after the fault"
        } else {
            "after the second fault"
        };
        if round == 0 {
            result.fired = outcome.fired;
            result.exit = outcome.code;
        }
        if outcome.hung {
            result.problems.push(format!(
                "{when}: driftless did not exit within 60 s (a hang)"
            ));
        }
        if outcome.fired && kind != Kind::Kill {
            match outcome.code {
                Some(0) => {}
                Some(4) if mentions_lost_connection(&outcome.stderr) => {}
                other => result.problems.push(format!(
                    "{when}: exit code {other:?} after a lost connection (documented: 4, with a message saying the connection was lost):\n{}",
                    crate::check::tail(&outcome.stderr)
                )),
            }
        }
        if !outcome.fired && outcome.code != Some(0) {
            result.problems.push(format!(
                "{when}: the deploy failed without a fault: {:?}\n{}",
                outcome.code,
                crate::check::tail(&outcome.stderr)
            ));
        }
        if let Err(e) = wait_for_sessions(&db, &app) {
            result.problems.push(e);
        }
        match check_after_fault(&plan.window, &db) {
            Ok(said) => {
                result.partial |= said
                    .partial
                    .is_some_and(|p| p.done > 0 || p.running.is_some());
            }
            Err(problems) => {
                result
                    .problems
                    .extend(problems.into_iter().map(|p| format!("{when}: {p}")));
                return result;
            }
        }
        if round > 0 && outcome.stderr.contains("Resuming migration") {
            resumed_early = true;
        }
        if !outcome.fired {
            break;
        }
    }
    drop(killer);
    let mut recovery = recover(&project, &db.url_string());
    recovery.resumed |= resumed_early;
    if recovery.problems.is_empty() {
        result.problems.extend(
            check_final(&plan.window, &db)
                .into_iter()
                .map(|p| format!("after recovery: {p}")),
        );
    }
    result.recovery = Some(recovery);
    result
}

/// The message says the server went away: the connection was lost, or (connecting while
/// it shut down or started up) it cannot be reached.
fn mentions_lost_connection(stderr: &str) -> bool {
    let text = stderr.to_lowercase();
    (text.contains("connection") && text.contains("lost"))
        || text.contains("cannot reach the database server")
}

/// Runs this kind's share of the run's fault points.
pub fn run_kind(kind: Kind) {
    if history(HISTORIES[0]).is_none() {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    }
    let only = crate::only_case(kind.name());
    if matches!(only, Some(None)) {
        return;
    }
    let cases = ((crate::total_faults() as f64) * kind.share())
        .round()
        .max(1.0) as usize;
    let seed = case_seed(crate::seed(), kind.name(), usize::MAX);
    let mut tally = Tally::new(kind.name(), crate::seed(), cases);
    for case in 0..cases {
        if only.is_some_and(|o| o != Some(case)) {
            continue;
        }
        tally.record(
            case,
            run_case(kind, case, case_seed(seed, kind.name(), case)),
        );
    }
    tally.finish();
}

#[test]
fn kill_9_at_random_moments() {
    run_kind(Kind::Kill);
}

#[test]
fn connection_cut_at_random_moments() {
    run_kind(Kind::Terminate);
}

#[test]
fn server_restarted_mid_deploy() {
    run_kind(Kind::Restart);
}
