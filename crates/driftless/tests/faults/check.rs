//! The invariant checker and the recovery.
//!
//! After a fault, the history rows must describe the database exactly:
//! - the finished rows name a prefix of the history (deploy applies in order), each once;
//! - at most one row is unfinished, for the next migration, and it says how many of its
//!   statements took effect (and which one was running, for a statement that cannot run in a
//!   transaction);
//! - the database's state (catalog, row counts, invalid indexes) is exactly that of a clean
//!   deploy of that prefix plus those statements; the one statement that was running may
//!   have taken effect, or not, or left an invalid index behind.
//!
//! Then a plain `migrate deploy` — or, when it refuses, the single command `migrate status`
//! prints — must finish the job, ending in the state of a clean deploy of the whole window.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use driftless_sql::{OutsideTarget, outside_target};
use driftless_testkit::TestDb;

use crate::refs::References;
use crate::run::{deploy, driftless, run, split_command};
use crate::state::{State, capture, differences, rows, without_index};

/// A stretch of a history: the database starts as a copy of checkpoint `start`, and the
/// project holds the migrations up to `end` (a checkpoint too).
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub refs: &'static References,
    pub start: usize,
    pub end: usize,
}

impl std::fmt::Debug for References {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.history.name)
    }
}

impl Window {
    pub fn project(&self) -> std::path::PathBuf {
        self.refs.history.project(self.end)
    }

    pub fn describe(&self) -> String {
        format!(
            "{} migrations {}..{}",
            self.refs.history.name, self.start, self.end
        )
    }
}

/// What an unfinished row says about its migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    /// The migration (index in the history).
    pub migration: usize,
    /// Statements that took effect (the first `done`).
    pub done: usize,
    /// Statement (0-based) that was running outside a transaction, if the row says so.
    pub running: Option<usize>,
}

/// What the history says after a fault.
#[derive(Debug, Clone, Copy)]
pub struct Said {
    /// The unfinished row's account, if there is one.
    pub partial: Option<Partial>,
}

/// Reads "k of n statements took effect" (and its variants) and "statement r (line l) was
/// running" out of a row's logs. `None`: the row does not say.
pub fn parse_progress(logs: &str) -> Option<(usize, Option<usize>)> {
    fn leading_number(text: &str) -> Option<usize> {
        let digits: String = text
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }
    if logs.contains("took effect is unknown") {
        return None;
    }
    let running = logs.find(") was running").and_then(|at| {
        let before = &logs[..at];
        let start = before.rfind("statement ")? + "statement ".len();
        leading_number(&before[start..]).map(|n| n - 1)
    });
    let done = if logs.contains("nothing of it was applied") || logs.contains("none of its ") {
        0
    } else if let Some(at) = logs.find("statements 1–") {
        leading_number(&logs[at + "statements 1–".len()..])?
    } else if logs.contains("statement 1 of ") {
        1
    } else {
        let at = logs.find("took effect")?;
        let segment = logs[..at].rsplit(';').next()?;
        leading_number(segment)?
    };
    Some((done, running))
}

/// Waits until no session named `application_name` is left on the database (a killed
/// client's backend finishes its statement first).
pub fn wait_for_sessions(db: &TestDb, application_name: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n = db.scalar(&format!(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application_name}'"
        ));
        if n == "0" {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "{n} session(s) of the faulted run still there after 60 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Checks the history against the database right after a fault.
pub fn check_after_fault(window: &Window, db: &TestDb) -> Result<Said, Vec<String>> {
    let history = window.refs.history;
    let names = &history.migrations[..window.end];
    let rows = rows(&db.url);
    let mut problems = Vec::new();
    let mut applied: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unfinished = Vec::new();
    for row in &rows {
        if history.position(&row.name).is_none_or(|i| i >= window.end) {
            problems.push(format!(
                "row for `{}`, which is not in the window",
                row.name
            ));
        }
        if row.applied() {
            *applied.entry(row.name.as_str()).or_default() += 1;
        } else if row.unfinished() {
            unfinished.push(row);
        }
    }
    for (name, n) in &applied {
        if *n > 1 {
            problems.push(format!("`{name}` is recorded as applied {n} times"));
        }
    }
    let prefix = names
        .iter()
        .take_while(|m| applied.contains_key(m.name.as_str()))
        .count();
    if applied.len() != prefix {
        problems.push(format!(
            "the applied migrations are not a prefix of the history: {} applied, the first {prefix} in order",
            applied.len()
        ));
    }
    if prefix < window.start {
        problems.push(format!(
            "only {prefix} migrations applied, the copy started with {}",
            window.start
        ));
    }
    let mut partial = None;
    match unfinished.as_slice() {
        [] => {}
        [row] => {
            if history.position(&row.name) != Some(prefix) {
                problems.push(format!(
                    "the unfinished row is for `{}`, not for the next migration",
                    row.name
                ));
            } else {
                match row.logs.as_deref().and_then(parse_progress) {
                    Some((done, running)) => {
                        partial = Some(Partial {
                            migration: prefix,
                            done,
                            running,
                        });
                    }
                    None => problems.push(format!(
                        "the unfinished row of `{}` does not say what took effect: {:?}",
                        row.name, row.logs
                    )),
                }
            }
        }
        more => problems.push(format!("{} unfinished rows", more.len())),
    }
    if unfinished
        .iter()
        .any(|u| applied.contains_key(u.name.as_str()))
    {
        problems.push("a migration is both applied and unfinished".to_string());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let found = capture(&db.url);
    let problems = compare_with_expected(window, prefix, partial, &found);
    if problems.is_empty() {
        Ok(Said { partial })
    } else {
        Err(problems)
    }
}

fn compare_with_expected(
    window: &Window,
    applied: usize,
    partial: Option<Partial>,
    found: &State,
) -> Vec<String> {
    let history = window.refs.history;
    let done = partial.map_or(0, |p| p.done);
    let expected = expected_state(window, applied, done);
    let Some(running) = partial.and_then(|p| p.running) else {
        return differences(&expected, found);
    };
    let mig = &history.migrations[applied];
    if running != done {
        return vec![format!(
            "`{}`: the row says statement {} was running after {done} took effect",
            mig.name,
            running + 1
        )];
    }
    match outside_target(&mig.statements[running]) {
        OutsideTarget::CreateIndex { schema, name } | OutsideTarget::DropIndex { schema, name } => {
            let schema = schema.unwrap_or_else(|| "public".to_string());
            differences(
                &without_index(&expected, &schema, &name),
                &without_index(found, &schema, &name),
            )
        }
        _ => {
            let without = differences(&expected, found);
            if without.is_empty() {
                return without;
            }
            let with = expected_state(window, applied, done + 1);
            let problems = differences(&with, found);
            if problems.is_empty() {
                problems
            } else {
                without
            }
        }
    }
}

/// The state of a clean deploy of the first `applied` migrations plus the first `done`
/// statements of the next one.
pub fn expected_state(window: &Window, applied: usize, done: usize) -> State {
    let refs = window.refs;
    if done == 0 && refs.checkpoints().contains(&applied) {
        return refs.state(applied).clone();
    }
    let start = refs.checkpoint_before(applied);
    let db = refs.copy(start, "expected");
    if applied > start {
        let outcome = run(
            deploy(&refs.history.project(applied), &db.url_string()),
            Duration::from_secs(300),
        );
        assert_eq!(outcome.code, Some(0), "expected state: {}", outcome.stderr);
    }
    if done > 0 {
        let connection = db.connect();
        for statement in &refs.history.migrations[applied].statements[..done] {
            connection.execute(statement);
        }
    }
    let state = capture(&db.url);
    drop(db);
    state
}

/// How the database was brought back.
#[derive(Debug, Default)]
pub struct Recovery {
    /// A plain re-run of `migrate deploy` was enough.
    pub plain: bool,
    /// The re-run went on with a migration the fault had left part-way.
    pub resumed: bool,
    /// The commands run, in order.
    pub commands: Vec<String>,
    pub seconds: f64,
    pub problems: Vec<String>,
}

/// Re-runs `migrate deploy`; when it refuses, runs the one `migrate resolve` command
/// `migrate status` prints, then deploys again.
pub fn recover(project: &Path, url: &str) -> Recovery {
    let started = Instant::now();
    let mut recovery = Recovery::default();
    let limit = Duration::from_secs(120);
    recovery.commands.push("migrate deploy".into());
    let first = run(deploy(project, url), limit);
    recovery.resumed = first.stderr.contains("Resuming migration");
    if first.code == Some(0) {
        recovery.plain = true;
        recovery.seconds = started.elapsed().as_secs_f64();
        return recovery;
    }
    let status = run(
        driftless(
            project,
            &[
                "migrate",
                "status",
                "--schema",
                "schema.prisma",
                "--url",
                url,
            ],
        ),
        limit,
    );
    let offered: Vec<&str> = status
        .stderr
        .lines()
        .chain(status.stdout.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("driftless migrate resolve "))
        .collect();
    if offered.len() != 1 {
        recovery.problems.push(format!(
            "a re-run of deploy exited {:?} and status offers {} resolve commands, not one:\n--- deploy\n{}\n--- status\n{}{}",
            first.code,
            offered.len(),
            tail(&first.stderr),
            status.stdout,
            status.stderr
        ));
        recovery.seconds = started.elapsed().as_secs_f64();
        return recovery;
    }
    let mut args: Vec<String> = split_command(offered[0]).into_iter().skip(1).collect();
    recovery.commands.push(args.join(" "));
    args.extend(["--schema", "schema.prisma", "--url", url].map(String::from));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let resolve = run(driftless(project, &refs), limit);
    if resolve.code != Some(0) {
        recovery.problems.push(format!(
            "`{}` exited {:?}: {}",
            offered[0],
            resolve.code,
            tail(&resolve.stderr)
        ));
    } else {
        recovery.commands.push("migrate deploy".into());
        let again = run(deploy(project, url), limit);
        if again.code != Some(0) {
            recovery.problems.push(format!(
                "deploy after `{}` exited {:?}: {}",
                offered[0],
                again.code,
                tail(&again.stderr)
            ));
        }
    }
    recovery.seconds = started.elapsed().as_secs_f64();
    recovery
}

/// After recovery: the whole window applied once each, nothing unfinished, the state of a
/// clean deploy, and `migrate status` content.
pub fn check_final(window: &Window, db: &TestDb) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = rows(&db.url);
    for mig in &window.refs.history.migrations[..window.end] {
        let n = rows
            .iter()
            .filter(|r| r.name == mig.name && r.applied())
            .count();
        if n != 1 {
            problems.push(format!("`{}` is recorded as applied {n} times", mig.name));
        }
        if rows
            .iter()
            .any(|r| r.name == mig.name && r.applied() && r.steps != 1)
        {
            problems.push(format!(
                "`{}` is recorded as applied without having run (0 steps)",
                mig.name
            ));
        }
    }
    if let Some(row) = rows.iter().find(|r| r.unfinished()) {
        problems.push(format!("`{}` is still unfinished", row.name));
    }
    let found = capture(&db.url);
    problems.extend(differences(window.refs.state(window.end), &found));
    let project = window.project();
    let status = run(
        driftless(
            &project,
            &[
                "migrate",
                "status",
                "--schema",
                "schema.prisma",
                "--url",
                &db.url_string(),
            ],
        ),
        Duration::from_secs(60),
    );
    if status.code != Some(0) {
        problems.push(format!(
            "status after recovery exited {:?}: {}",
            status.code,
            tail(&status.stderr)
        ));
    }
    problems
}

/// The last lines of an output.
pub fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(25)..].join("\n")
}
