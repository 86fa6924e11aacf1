//! `driftless-bench summary`: the criterion results of `cargo bench` as one Markdown table,
//! with the growth exponent between successive sizes (1.0 is linear).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;
use driftless_bench::stats::seconds;

/// One benchmark's point estimates, in seconds.
struct Estimate {
    median: f64,
    lower: f64,
    upper: f64,
}

fn read_estimate(dir: &Path) -> anyhow::Result<Estimate> {
    let path = dir.join("new/estimates.json");
    let text = fs_err::read_to_string(&path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
    let ns = |key: &str, field: &str| -> f64 {
        let v = &value[key];
        let v = if field.is_empty() {
            &v["point_estimate"]
        } else {
            &v["confidence_interval"][field]
        };
        v.as_f64().unwrap_or(f64::NAN) / 1e9
    };
    Ok(Estimate {
        median: ns("median", ""),
        lower: ns("median", "lower_bound"),
        upper: ns("median", "upper_bound"),
    })
}

/// The size in a benchmark id such as `generated-1000` or `1000`.
fn size_of(id: &str) -> Option<f64> {
    id.rsplit('-').next()?.parse().ok()
}

/// The Markdown table of every group under `dir` (criterion's output folder).
pub(crate) fn summary(dir: &Path) -> anyhow::Result<String> {
    let mut groups: BTreeMap<String, Vec<(String, Estimate)>> = BTreeMap::new();
    for group in fs_err::read_dir(dir)? {
        let group = group?.path();
        if !group.is_dir() || group.file_name().is_some_and(|n| n == "report") {
            continue;
        }
        let group_name = group
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for bench in fs_err::read_dir(&group)? {
            let bench = bench?.path();
            if !bench.join("new/estimates.json").is_file() {
                continue;
            }
            let id = bench
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            groups
                .entry(group_name.clone())
                .or_default()
                .push((id, read_estimate(&bench)?));
        }
    }
    let mut out = String::from(
        "| stage | input | median (95% CI) | per model / table | growth exponent from the previous size |\n|---|---|---:|---:|---:|\n",
    );
    for (group, mut benches) in groups {
        benches.sort_by(|a, b| {
            let key = |id: &str| size_of(id).unwrap_or(-1.0);
            key(&a.0).total_cmp(&key(&b.0)).then(a.0.cmp(&b.0))
        });
        let mut previous: Option<(f64, f64)> = None;
        for (id, estimate) in &benches {
            let size = size_of(id);
            let per = size.map_or_else(
                || "—".to_string(),
                |n| format!("{:.1} µs", estimate.median / n * 1e6),
            );
            let exponent = match (previous, size) {
                (Some((n0, t0)), Some(n1)) if n1 > n0 => {
                    format!("{:.2}", (estimate.median / t0).ln() / (n1 / n0).ln())
                }
                _ => "—".to_string(),
            };
            let _ = writeln!(
                out,
                "| {group} | {id} | {} ({}–{}) | {per} | {exponent} |",
                seconds(estimate.median),
                seconds(estimate.lower),
                seconds(estimate.upper)
            );
            if let Some(n) = size {
                previous = Some((n, estimate.median));
            }
        }
    }
    Ok(out)
}
