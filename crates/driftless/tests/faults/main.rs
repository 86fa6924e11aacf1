//! Fault injection: `migrate deploy` (and the destructive commands) killed, cut off,
//! restarted under and raced, on long real histories (trigger.dev's 820 migrations and
//! langfuse's 434), on PostgreSQL clusters the suite starts itself.
//!
//! After every fault an invariant checker compares the database with what its history says
//! (every finished migration fully applied, nothing applied that is not recorded, a
//! statement-by-statement migration's partial state recorded with which statements ran),
//! then recovers with a plain `migrate deploy` (or the one command `migrate status` prints)
//! and requires a catalog identical to a clean deploy.
//!
//! The run is bounded for CI; `DRIFTLESS_FAULTS=<n>` sets the number of fault points
//! (spread over the kinds), `DRIFTLESS_FAULT_SEED=<u64>` the seed (printed otherwise),
//! `DRIFTLESS_FAULT_CASE=<kind>:<i>` runs one case, and `DRIFTLESS_FAULT_REPORT=<file>` appends
//! the figures as JSON lines.

// A test harness exports nothing: `pub` means "visible to the other modules".
#![allow(unreachable_pub)]
#![allow(clippy::unwrap_used, clippy::print_stderr, clippy::print_stdout)]

mod check;
mod corpus;
mod deploy_faults;
mod destructive;
mod doctor_fix;
mod race;
mod refs;
mod regressions;
mod report;
mod rng;
mod run;
mod state;
mod timeouts;

use std::sync::OnceLock;

use driftless_testkit::{TestCluster, start_cluster_with};

/// Fault points when `DRIFTLESS_FAULTS` is not set (the CI run).
pub const CI_FAULTS: usize = 56;

/// How many fault points this run makes, in all.
pub fn total_faults() -> usize {
    std::env::var("DRIFTLESS_FAULTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_FAULTS)
}

/// Whether this is a long run (more than the CI bound).
pub fn long_run() -> bool {
    total_faults() > CI_FAULTS
}

/// The run's seed: `DRIFTLESS_FAULT_SEED`, or a fresh one (printed by every test).
pub fn seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| {
        std::env::var("DRIFTLESS_FAULT_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap();
                (now.as_nanos() as u64) ^ (u64::from(std::process::id()) << 32)
            })
    })
}

/// `DRIFTLESS_FAULT_CASE=<kind>:<i>`: only that case of that kind.
pub fn only_case(kind: &str) -> Option<Option<usize>> {
    let value = std::env::var("DRIFTLESS_FAULT_CASE").ok()?;
    let (k, i) = value.split_once(':')?;
    Some((k == kind).then(|| i.parse().ok()).flatten())
}

/// Runs the cases of one fault kind: `share` of the run's fault points (at least `min`),
/// each with its own seed derived from the run's, or only the one `DRIFTLESS_FAULT_CASE`
/// names; the tally fails the test on any inconsistent case.
pub fn run_kind(
    kind: &'static str,
    share: f64,
    min: usize,
    mut run_case: impl FnMut(usize, u64) -> report::CaseResult,
) {
    let only = only_case(kind);
    if matches!(only, Some(None)) {
        return;
    }
    let cases = ((total_faults() as f64) * share).round().max(min as f64) as usize;
    let base = rng::case_seed(seed(), kind, usize::MAX);
    let mut tally = report::Tally::new(kind, seed(), cases);
    for case in 0..cases {
        if only.is_some_and(|o| o != Some(case)) {
            continue;
        }
        tally.record(case, run_case(case, rng::case_seed(base, kind, case)));
    }
    tally.finish();
}

/// The cluster of the faults that leave the server running (the test kit's cluster of this
/// process).
pub fn shared_cluster() -> &'static TestCluster {
    driftless_testkit::cluster()
}

/// A cluster of the restart faults' own, which they stop and start: no other test uses it.
/// Commits are synchronous, as on a production server, so a commit the client saw survives
/// the crash.
pub fn restart_cluster() -> &'static TestCluster {
    static CLUSTER: OnceLock<TestCluster> = OnceLock::new();
    CLUSTER.get_or_init(|| {
        start_cluster_with(vec![("synchronous_commit".into(), "on".into())], |_| Ok(()))
            .unwrap_or_else(|e| {
                panic!("cannot start a PostgreSQL cluster for the restart faults: {e}")
            })
    })
}
