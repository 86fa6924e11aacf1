//! The results of the whole-command cases, as a Markdown table and as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use driftless_bench::stats::{Summary, seconds};

use crate::cases::Tool;

/// What one case measured.
pub(crate) struct CaseResult {
    id: String,
    title: String,
    migrations: Option<usize>,
    samples: BTreeMap<Tool, Vec<Duration>>,
    memory: BTreeMap<Tool, u64>,
    /// The machine's load average before and after.
    pub(crate) load: (f64, f64),
}

impl CaseResult {
    pub(crate) fn new(id: &str, title: &str, migrations: Option<usize>) -> CaseResult {
        CaseResult {
            id: id.to_string(),
            title: title.to_string(),
            migrations,
            samples: BTreeMap::new(),
            memory: BTreeMap::new(),
            load: (f64::NAN, f64::NAN),
        }
    }

    pub(crate) fn sample(&mut self, tool: Tool, elapsed: Duration) {
        self.samples.entry(tool).or_default().push(elapsed);
    }

    pub(crate) fn memory(&mut self, tool: Tool, kib: u64) {
        self.memory.insert(tool, kib);
    }

    fn summary(&self, tool: Tool) -> Option<Summary> {
        self.samples.get(&tool).and_then(|s| Summary::of(s))
    }

    fn ratio(&self, a: Tool, b: Tool) -> Option<f64> {
        let a = self.summary(a)?;
        let b = self.summary(b)?;
        (b.median > 0.0).then(|| a.median / b.median)
    }

    /// driftless's time beyond the floor, per migration.
    fn overhead_per_migration(&self) -> Option<f64> {
        let migrations = self.migrations? as f64;
        let ours = self.summary(Tool::Driftless)?;
        let floor = self.summary(Tool::Psql)?;
        Some((ours.median - floor.median) / migrations)
    }

    fn cell(&self, tool: Tool) -> String {
        self.summary(tool)
            .map_or_else(|| "—".to_string(), |s| s.display())
    }

    fn memory_cell(&self, tool: Tool) -> String {
        self.memory.get(&tool).map_or_else(
            || "—".to_string(),
            |kib| format!("{:.1} MB", *kib as f64 / 1024.0),
        )
    }

    /// One line for the progress log.
    pub(crate) fn one_line(&self) -> String {
        let mut line = String::new();
        for tool in [Tool::Driftless, Tool::Prisma, Tool::Psql] {
            if self.samples.contains_key(&tool) || self.memory.contains_key(&tool) {
                let _ = write!(
                    line,
                    "  {}: {} peak {};",
                    tool.label(),
                    self.cell(tool),
                    self.memory_cell(tool)
                );
            }
        }
        line
    }
}

/// Every case of a run.
pub(crate) struct Report {
    runs: usize,
    durable: bool,
    server: String,
    pub(crate) cases: Vec<CaseResult>,
}

fn ratio_cell(ratio: Option<f64>) -> String {
    match ratio {
        Some(r) if r < 0.1 => format!("{r:.4} (1/{:.0})", 1.0 / r),
        Some(r) if r < 1.0 => format!("{r:.3} (1/{:.1})", 1.0 / r),
        Some(r) => format!("{r:.2}"),
        None => "—".to_string(),
    }
}

impl Report {
    pub(crate) fn new(runs: usize, durable: bool, server: String) -> Report {
        Report {
            runs,
            durable,
            server,
            cases: Vec::new(),
        }
    }

    pub(crate) fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} timed runs per tool, alternating; median (min–max). {}; {}.\n",
            self.runs,
            self.server,
            if self.durable {
                "fsync on"
            } else {
                "fsync and synchronous_commit off"
            }
        );
        out.push_str("| case | driftless | Prisma | driftless / Prisma | floor (psql) | driftless / floor | overhead per migration | peak memory driftless | peak memory Prisma | load before→after |\n");
        out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for case in &self.cases {
            let overhead = case
                .overhead_per_migration()
                .map_or_else(|| "—".to_string(), seconds);
            let _ = writeln!(
                out,
                "| {} — {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1}→{:.1} |",
                case.id,
                case.title,
                case.cell(Tool::Driftless),
                case.cell(Tool::Prisma),
                ratio_cell(case.ratio(Tool::Driftless, Tool::Prisma)),
                case.cell(Tool::Psql),
                ratio_cell(case.ratio(Tool::Driftless, Tool::Psql)),
                overhead,
                case.memory_cell(Tool::Driftless),
                case.memory_cell(Tool::Prisma),
                case.load.0,
                case.load.1,
            );
        }
        out
    }

    pub(crate) fn json(&self) -> String {
        let cases: Vec<serde_json::Value> = self
            .cases
            .iter()
            .map(|case| {
                let samples: serde_json::Map<String, serde_json::Value> = case
                    .samples
                    .iter()
                    .map(|(tool, s)| {
                        (
                            tool.label().to_string(),
                            s.iter().map(Duration::as_secs_f64).collect(),
                        )
                    })
                    .collect();
                let memory: serde_json::Map<String, serde_json::Value> = case
                    .memory
                    .iter()
                    .map(|(tool, kib)| (tool.label().to_string(), (*kib).into()))
                    .collect();
                serde_json::json!({
                    "id": case.id,
                    "title": case.title,
                    "migrations": case.migrations,
                    "seconds": samples,
                    "peakMemoryKib": memory,
                    "loadBefore": case.load.0,
                    "loadAfter": case.load.1,
                })
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({
            "runs": self.runs,
            "durable": self.durable,
            "server": self.server,
            "cases": cases,
        }))
        .unwrap_or_default()
    }
}
