//! Clean references: each history deployed once, without faults, with a template database
//! kept at every checkpoint (every `step` migrations) and its state read once. A fault case
//! starts from a copy of a checkpoint, and its result is compared with the reference at the
//! end of its window, so no case pays for deploying a whole history.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use driftless_testkit::{TestCluster, TestDb};

use crate::corpus::History;
use crate::run::{deploy, run};
use crate::state::{State, capture};

/// The references of one history on one cluster.
pub struct References {
    pub history: &'static History,
    pub cluster: &'static TestCluster,
    templates: BTreeMap<usize, TestDb>,
    states: Mutex<HashMap<usize, &'static State>>,
    /// Milliseconds each migration took in the clean deploy.
    pub durations: HashMap<String, f64>,
}

/// The references of `history` on `cluster`, built on first use.
pub fn references(history: &'static History, cluster: &'static TestCluster) -> &'static References {
    static CACHE: OnceLock<Mutex<HashMap<(String, u16), &'static References>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    let key = (history.name.to_string(), cluster.port);
    if let Some(refs) = cache.get(&key) {
        return refs;
    }
    let refs: &'static References = Box::leak(Box::new(build(history, cluster)));
    cache.insert(key, refs);
    refs
}

fn build(history: &'static History, cluster: &'static TestCluster) -> References {
    let n = history.migrations.len();
    let step = if n > 600 { 41 } else { 31 };
    let mut checkpoints: Vec<usize> = (0..n).step_by(step).collect();
    checkpoints.push(n);
    let builder = cluster.database(&format!("ref_{}_builder", history.name));
    let mut templates = BTreeMap::new();
    let mut durations = HashMap::new();
    let mut deploy_seconds = 0.0;
    for &c in &checkpoints {
        if c > 0 {
            let outcome = run(
                deploy(&history.project(c), &builder.url_string()),
                Duration::from_secs(300),
            );
            assert_eq!(
                outcome.code,
                Some(0),
                "clean deploy of {} up to {c} failed:\n{}",
                history.name,
                outcome.stderr
            );
            deploy_seconds += outcome.elapsed.as_secs_f64();
            for line in outcome.stderr.lines() {
                if let Some((name, ms)) = applied_line(line) {
                    durations.insert(name, ms);
                }
            }
        }
        let template =
            cluster.database_from(&format!("ref_{}_{c}", history.name), Some(&builder.name));
        templates.insert(c, template);
    }
    eprintln!(
        "faults: clean reference of {} ({n} migrations, checkpoints every {step}) deployed in {deploy_seconds:.1} s",
        history.name
    );
    References {
        history,
        cluster,
        templates,
        states: Mutex::new(HashMap::new()),
        durations,
    }
}

/// `  applied `name` in 12 ms` → (name, 12.0).
fn applied_line(line: &str) -> Option<(String, f64)> {
    let rest = line.trim_start().strip_prefix("applied `")?;
    let (name, rest) = rest.split_once("` in ")?;
    let ms = if let Some(ms) = rest.strip_suffix(" ms") {
        ms.trim().parse::<f64>().ok()?
    } else {
        rest.strip_suffix(" s")?.trim().parse::<f64>().ok()? * 1000.0
    };
    Some((name.to_string(), ms))
}

impl References {
    /// Every checkpoint, ascending (0 and the history's length included).
    pub fn checkpoints(&self) -> Vec<usize> {
        self.templates.keys().copied().collect()
    }

    /// The greatest checkpoint at or before `i`.
    pub fn checkpoint_before(&self, i: usize) -> usize {
        *self.templates.range(..=i).next_back().unwrap().0
    }

    /// The smallest checkpoint after `i` (the history's length at most).
    pub fn checkpoint_after(&self, i: usize) -> usize {
        self.templates
            .range(i + 1..)
            .next()
            .map_or(self.history.migrations.len(), |(c, _)| *c)
    }

    /// The template database at checkpoint `c` (copy it, never connect to it: a template
    /// with sessions cannot be copied).
    pub fn template(&self, c: usize) -> &str {
        &self.templates[&c].name
    }

    /// A fresh copy of checkpoint `c`.
    pub fn copy(&self, c: usize, label: &str) -> TestDb {
        self.cluster.database_from(label, Some(self.template(c)))
    }

    /// The clean state at checkpoint `c` (read from a copy, once).
    pub fn state(&self, c: usize) -> &'static State {
        if let Some(state) = self.states.lock().unwrap().get(&c) {
            return state;
        }
        let copy = self.copy(c, "ref_state");
        let state: &'static State = Box::leak(Box::new(capture(&copy.url)));
        drop(copy);
        self.states.lock().unwrap().insert(c, state);
        state
    }

    /// How long migration `i` took in the clean deploy, in milliseconds.
    pub fn duration_ms(&self, i: usize) -> f64 {
        self.durations
            .get(&self.history.migrations[i].name)
            .copied()
            .unwrap_or(5.0)
    }
}
