//! Figures per fault kind: injections, inconsistent histories, recoveries that needed more
//! than a plain re-run, the worst time to recover, and the exit codes seen. Printed at the
//! end of each test, appended as a JSON line to `DRIFTLESS_FAULT_REPORT` when set, and a
//! test fails when any case was inconsistent (naming the case and the command to repeat it).

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use crate::check::Recovery;

/// The result of one case.
#[derive(Debug, Default)]
pub struct CaseResult {
    /// What was done (window, target, moment).
    pub description: String,
    /// Whether the fault hit a running process (otherwise the case is a miss).
    pub fired: bool,
    /// How the faulted process exited (`None`: killed by us).
    pub exit: Option<i32>,
    /// Problems found: inconsistencies, a hang, an undocumented exit code.
    pub problems: Vec<String>,
    /// The fault left a migration part-way, and its row said exactly how far.
    pub partial: bool,
    pub recovery: Option<Recovery>,
}

/// The figures of one kind.
pub struct Tally {
    pub kind: &'static str,
    seed: u64,
    started: Instant,
    injections: usize,
    misses: usize,
    inconsistent: usize,
    partial: usize,
    resumed: usize,
    beyond_plain: usize,
    worst_recovery: f64,
    total_recovery: f64,
    recoveries: usize,
    exits: BTreeMap<String, usize>,
    failures: Vec<String>,
}

impl Tally {
    pub fn new(kind: &'static str, seed: u64, cases: usize) -> Tally {
        eprintln!(
            "faults/{kind}: {cases} case(s), seed {seed} (one case again: DRIFTLESS_FAULT_SEED={seed} DRIFTLESS_FAULT_CASE={kind}:<i> cargo test -p driftless --test faults {kind})"
        );
        Tally {
            kind,
            seed,
            started: Instant::now(),
            injections: 0,
            misses: 0,
            inconsistent: 0,
            partial: 0,
            resumed: 0,
            beyond_plain: 0,
            worst_recovery: 0.0,
            total_recovery: 0.0,
            recoveries: 0,
            exits: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    pub fn record(&mut self, case: usize, result: CaseResult) {
        if result.partial {
            self.partial += 1;
        }
        if result.fired {
            self.injections += 1;
        } else {
            self.misses += 1;
        }
        *self
            .exits
            .entry(result.exit.map_or("killed".to_string(), |c| c.to_string()))
            .or_default() += 1;
        let mut problems = result.problems;
        if let Some(recovery) = &result.recovery {
            self.recoveries += 1;
            self.total_recovery += recovery.seconds;
            self.worst_recovery = self.worst_recovery.max(recovery.seconds);
            if !recovery.plain {
                self.beyond_plain += 1;
            }
            if recovery.resumed {
                self.resumed += 1;
            }
            problems.extend(recovery.problems.iter().cloned());
        }
        if !problems.is_empty() {
            self.inconsistent += 1;
            let text = format!(
                "case {}:{case} ({}):\n  - {}",
                self.kind,
                result.description,
                problems.join("\n  - ")
            );
            eprintln!("faults/{}: INCONSISTENT {text}", self.kind);
            self.failures.push(text);
        } else if std::env::var_os("DRIFTLESS_FAULT_VERBOSE").is_some() {
            eprintln!(
                "faults/{}: case {case} ok ({}; exit {:?}; recovery {:?})",
                self.kind,
                result.description,
                result.exit,
                result.recovery.as_ref().map(|r| (&r.commands, r.seconds))
            );
        }
    }

    /// Prints the figures, writes the report line, and fails on any inconsistency.
    pub fn finish(self) {
        let seconds = self.started.elapsed().as_secs_f64();
        let line = format!(
            "{{\"kind\":\"{}\",\"seed\":{},\"injections\":{},\"misses\":{},\"inconsistent\":{},\"partWay\":{},\"resumed\":{},\"beyondPlainRerun\":{},\"worstRecoverySeconds\":{:.3},\"meanRecoverySeconds\":{:.3},\"exitCodes\":{{{}}},\"seconds\":{seconds:.1}}}",
            self.kind,
            self.seed,
            self.injections,
            self.misses,
            self.inconsistent,
            self.partial,
            self.resumed,
            self.beyond_plain,
            self.worst_recovery,
            if self.recoveries == 0 {
                0.0
            } else {
                self.total_recovery / self.recoveries as f64
            },
            self.exits
                .iter()
                .map(|(k, v)| format!("\"{k}\":{v}"))
                .collect::<Vec<_>>()
                .join(","),
        );
        eprintln!("faults/{}: {line}", self.kind);
        if let Some(path) = std::env::var_os("DRIFTLESS_FAULT_REPORT") {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap();
            writeln!(file, "{line}").unwrap();
        }
        assert!(
            self.failures.is_empty(),
            "{} inconsistent case(s) of kind {} (seed {}):\n{}",
            self.failures.len(),
            self.kind,
            self.seed,
            self.failures.join("\n")
        );
    }
}
