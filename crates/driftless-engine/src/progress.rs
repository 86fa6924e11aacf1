//! The progress a migration applied in several steps keeps in its history row, so that the
//! row tells exactly what took effect whenever the run stops — the process killed, the
//! connection cut, the server restarted, a lock timeout — and a new deploy can pick it up
//! there instead of leaving a human to guess.
//!
//! The note is written in `logs` of the unfinished row, inside the same transaction as the
//! statements it counts (so it is never ahead of or behind them), or, for a statement that
//! cannot run in a transaction, just before that statement starts (so the row says it was
//! running, and the catalog decides whether it took effect). It ends with one
//! machine-readable line:
//!
//! ```text
//! driftless-progress: done=3 total=5 running=4 resumable
//! ```

use driftless_sql::ScriptAnalysis;

use crate::deploy::line_col;

const MARKER: &str = "driftless-progress:";

/// Where a migration applied in steps stands, as its history row records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The first `done` statements took effect (every one of them is committed).
    pub done: usize,
    /// Statements in the script.
    pub total: usize,
    /// A statement that runs outside a transaction had started (0-based; it is always
    /// statement `done`): whether it took effect is for the catalog to say.
    pub running: Option<usize>,
    /// Whether a new deploy may go on from here: the run was cut off, or stopped on an error
    /// that goes away by itself (a lock or statement timeout, a deadlock). False when a
    /// statement failed for a reason someone has to look at.
    pub resumable: bool,
}

impl Progress {
    /// The machine-readable last line.
    pub fn marker(&self) -> String {
        let mut line = format!("{MARKER} done={} total={}", self.done, self.total);
        if let Some(running) = self.running {
            line.push_str(&format!(" running={}", running + 1));
        }
        if self.resumable {
            line.push_str(" resumable");
        }
        line
    }

    /// Reads the marker line out of a row's `logs`.
    pub fn parse(logs: &str) -> Option<Progress> {
        let line = logs.lines().rev().find(|l| l.starts_with(MARKER))?;
        let mut progress = Progress {
            done: 0,
            total: 0,
            running: None,
            resumable: false,
        };
        let (mut has_done, mut has_total) = (false, false);
        for word in line[MARKER.len()..].split_whitespace() {
            match word.split_once('=') {
                Some(("done", n)) => {
                    progress.done = n.parse().ok()?;
                    has_done = true;
                }
                Some(("total", n)) => {
                    progress.total = n.parse().ok()?;
                    has_total = true;
                }
                Some(("running", n)) => {
                    progress.running = Some(n.parse::<usize>().ok()?.checked_sub(1)?);
                }
                None if word == "resumable" => progress.resumable = true,
                _ => {}
            }
        }
        (has_done && has_total && progress.done <= progress.total).then_some(progress)
    }

    /// The note kept in `logs` while the migration runs: what took effect, in words, then
    /// the marker.
    pub fn note(&self, script: &str, analysis: &ScriptAnalysis) -> String {
        let mut note = format!(
            "driftless: applying this migration in steps; {} of {} statement{} took effect",
            self.done,
            self.total,
            if self.total == 1 { "" } else { "s" }
        );
        if let Some(index) = self.running {
            let line = analysis
                .statements
                .get(index)
                .map_or(0, |s| line_col(script, s.range.start).0);
            note.push_str(&format!(
                "; statement {} (line {line}) was running",
                index + 1
            ));
        }
        note.push_str(
            ". If this row stays unfinished, the run was cut off: `driftless migrate deploy` goes on from here.\n",
        );
        note.push_str(&self.marker());
        note
    }

    /// What took effect, in words.
    pub fn describe(&self) -> String {
        let mut text = match self.done {
            0 => format!(
                "none of its {} statement{} took effect",
                self.total,
                if self.total == 1 { "" } else { "s" }
            ),
            1 => format!("statement 1 of {} took effect", self.total),
            n => format!("statements 1–{n} of {} took effect", self.total),
        };
        if let Some(running) = self.running {
            text.push_str(&format!(
                ", and statement {} (which cannot run in a transaction) had started",
                running + 1
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_round_trips() {
        for progress in [
            Progress {
                done: 3,
                total: 5,
                running: Some(3),
                resumable: true,
            },
            Progress {
                done: 0,
                total: 1,
                running: None,
                resumable: false,
            },
        ] {
            let logs = format!("some text\n{}", progress.marker());
            assert_eq!(Progress::parse(&logs), Some(progress));
        }
        assert_eq!(Progress::parse("driftless-progress: done=6 total=5"), None);
        assert_eq!(Progress::parse("no marker"), None);
    }
}
