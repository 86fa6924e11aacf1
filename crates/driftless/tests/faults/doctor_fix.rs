//! `doctor --fix` killed mid-way. The history it repairs is rotten in every way of the
//! runbooks (rows recorded without running, some whose objects are there and some not,
//! pending migrations whose objects `db push` made, orphan rows, a duplicate, objects no
//! migration made), so its plan is long: backup, files, one transaction, the diagnosis
//! again, commit. After `SIGKILL` at a random moment:
//!
//! - the history is exactly the old one or exactly the repaired one (compared row by row
//!   on what identifies a row's meaning: name, state, steps, checksum), never a mix;
//! - when the killed run wrote its backup, `history restore` of it puts back exactly the
//!   old rows (every column);
//! - a plain re-run of `doctor --fix --yes`, then `migrate deploy`, leaves a healthy
//!   history: `doctor` exits 0 and `migrate status` exits 0.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use driftless_testkit::TestDb;

use crate::check::{Recovery, wait_for_sessions};
use crate::report::{CaseResult, Tally};
use crate::rng::{Rng, case_seed};
use crate::run::{driftless, run, run_with_fault};

const SHARE: f64 = 0.06;
const MIGRATIONS: usize = 160;

fn name(i: usize) -> String {
    format!("20250101{i:06}_t{i}")
}

fn script(i: usize) -> String {
    format!(
        "CREATE TABLE \"T{i}\" (\"id\" SERIAL NOT NULL, \"name\" TEXT, CONSTRAINT \"T{i}_pkey\" PRIMARY KEY (\"id\"));\nCREATE INDEX \"T{i}_name_idx\" ON \"T{i}\"(\"name\");\n"
    )
}

/// A project folder with the whole history.
fn write_project(dir: &Path) {
    let migrations = dir.join("prisma/migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    std::fs::write(
        dir.join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        migrations.join("migration_lock.toml"),
        "provider = \"postgresql\"\n",
    )
    .unwrap();
    for i in 0..MIGRATIONS {
        let folder = migrations.join(name(i));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("migration.sql"), script(i)).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The rotten database, built once: a template every case copies.
struct Scene {
    template: TestDb,
    project: PathBuf,
    /// The history before, by meaning.
    old: Vec<String>,
    /// The history after an unkilled `doctor --fix --yes`, by meaning.
    repaired: Vec<String>,
    /// How long an unkilled `doctor --fix --yes` takes.
    duration: Duration,
}

fn with_url(mut command: std::process::Command, db: &TestDb) -> std::process::Command {
    command.env("DATABASE_URL", db.url_string());
    command
}

/// The history by meaning: what a repair may change (ids and times aside), sorted; the
/// catch-up migration's timestamp is left out of its name.
fn meaning(db: &TestDb) -> Vec<String> {
    if db.scalar("SELECT to_regclass('public._prisma_migrations') IS NULL") == "t" {
        return vec!["<no history table>".to_string()];
    }
    let mut rows: Vec<String> = db
        .query("SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, applied_steps_count, checksum FROM _prisma_migrations")
        .into_iter()
        .map(|r| {
            let name = if r[0].ends_with("_driftless_catch_up") {
                "<catch-up>".to_string()
            } else {
                r[0].clone()
            };
            let checksum = if name == "<catch-up>" { "<catch-up>" } else { &r[4] };
            format!("{name} finished={} rolled_back={} steps={} {checksum}", r[1], r[2], r[3])
        })
        .collect();
    rows.sort();
    rows
}

fn all_rows(db: &TestDb) -> Vec<Vec<String>> {
    db.query("SELECT id, checksum, finished_at::text, migration_name, logs, rolled_back_at::text, started_at::text, applied_steps_count::text FROM _prisma_migrations ORDER BY id")
}

fn scene() -> &'static Scene {
    static SCENE: OnceLock<Scene> = OnceLock::new();
    SCENE.get_or_init(|| {
        let cluster = crate::shared_cluster();
        let root = tempfile::Builder::new()
            .prefix("driftless-faults-doctor-")
            .tempdir()
            .unwrap()
            .keep();
        let project = root.join("template");
        write_project(&project);
        let template = cluster.database("doctor_fault_template");
        // 0..100 deployed; 100..130 recorded without running after a `db push` made them;
        // 130..140 recorded without running, never made; 140..150 pending, pushed; the rest
        // pending. Three orphan rows, a duplicate, a table no migration makes.
        let first = root.join("first");
        write_project(&first);
        for i in 100..MIGRATIONS {
            std::fs::remove_dir_all(first.join("prisma/migrations").join(name(i))).unwrap();
        }
        let deployed = run(with_url(driftless(&first, &["migrate", "deploy"]), &template), Duration::from_secs(120));
        assert_eq!(deployed.code, Some(0), "{}", deployed.stderr);
        let mut sql = String::new();
        for i in (100..130).chain(140..150) {
            sql.push_str(&script(i));
        }
        template.execute(&sql);
        let mut rows = String::new();
        for i in 100..140 {
            rows.push_str(&format!(
                "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, finished_at, applied_steps_count) VALUES ('ghost-{i}', encode(sha256(convert_to($s${}$s$, 'UTF8')), 'hex'), '{}', '', now(), now(), 0);\n",
                script(i),
                name(i)
            ));
        }
        template.execute(&rows);
        template.execute("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('o1', 'aa', '20240901000000_lost_a', now(), now(), 1), ('o2', 'bb', '20240902000000_lost_b', now(), now(), 1), ('o3', 'cc', '20240903000000_lost_c', now(), now(), 1); INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) SELECT 'dup', checksum, migration_name, now(), now(), 1 FROM _prisma_migrations WHERE migration_name = '20250101000003_t3'; CREATE TABLE \"Pushed\" (id int); INSERT INTO \"T1\" (name) VALUES ('kept');");
        let old = meaning(&template);
        // An unkilled repair, on a copy, for the repaired history and the timing.
        let copy = cluster.database_from("doctor_fault_reference", Some(&template.name));
        let reference = root.join("reference");
        copy_dir(&project, &reference);
        let started = Instant::now();
        let fixed = run(
            with_url(driftless(&reference, &["doctor", "--fix", "--yes"]), &copy),
            Duration::from_secs(300),
        );
        let duration = started.elapsed();
        assert_eq!(fixed.code, Some(0), "{}\n{}", fixed.stdout, fixed.stderr);
        let repaired = meaning(&copy);
        assert_ne!(old, repaired);
        Scene {
            template,
            project,
            old,
            repaired,
            duration,
        }
    })
}

fn latest_backup(project: &Path) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(project.join(".driftless/backups"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("_prisma_migrations.json").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn run_case(case: usize, seed: u64) -> CaseResult {
    let scene = scene();
    let mut rng = Rng::new(seed);
    let cluster = crate::shared_cluster();
    let db = cluster.database_from(&format!("doctor_fault_{case}"), Some(&scene.template.name));
    let before = all_rows(&db);
    let dir = tempfile::Builder::new()
        .prefix("driftless-faults-doctor-case-")
        .tempdir()
        .unwrap();
    let project = dir.path().join("project");
    copy_dir(&scene.project, &project);
    // Half the kills anywhere in the run; half in the repair itself, timed from the line
    // that says where the backup went (files, the transaction, the diagnosis inside it, the
    // commit and what follows it come after it and take about half the run).
    let whole = scene.duration.as_secs_f64();
    let (line, delay) = if rng.below(2) == 0 {
        (None, Duration::from_secs_f64(whole * rng.unit() * 0.95))
    } else {
        (
            Some("backup:".to_string()),
            Duration::from_secs_f64(whole * rng.unit() * 0.6),
        )
    };
    let mut result = CaseResult {
        description: format!(
            "seed {seed}: doctor --fix --yes on {MIGRATIONS} migrations, SIGKILL {} ms after {} (an unkilled run takes {} ms)",
            delay.as_millis(),
            if line.is_some() {
                "the backup line"
            } else {
                "the start"
            },
            scene.duration.as_millis()
        ),
        ..CaseResult::default()
    };
    let trigger = crate::run::Trigger { line, delay };
    let outcome = run_with_fault(
        with_url(driftless(&project, &["doctor", "--fix", "--yes"]), &db),
        Some(&trigger),
        &mut |child| {
            let _ = child.kill();
        },
        Duration::from_secs(300),
    );
    result.fired = outcome.fired;
    result.exit = outcome.code;
    if outcome.hung {
        result.problems.push("doctor --fix hung".to_string());
        return result;
    }
    if let Err(e) = wait_for_sessions(&db, "driftless") {
        result.problems.push(e);
        return result;
    }
    let now = meaning(&db);
    let state = if now == scene.old {
        "old"
    } else if now == scene.repaired {
        "repaired"
    } else {
        result.problems.push(format!(
            "the history is neither the old one nor the repaired one:\n    now: {now:?}\n    old: {:?}\n    repaired: {:?}",
            scene.old, scene.repaired
        ));
        return result;
    };
    result.description.push_str(&format!("; history {state}"));
    let started = Instant::now();
    let mut commands = Vec::new();
    // The backup written before the change restores the old rows exactly.
    if let Some(backup) = latest_backup(&project) {
        let path = backup.to_string_lossy().into_owned();
        let restore = run(
            with_url(driftless(&project, &["history", "restore", &path]), &db),
            Duration::from_secs(60),
        );
        commands.push("history restore".to_string());
        if restore.code != Some(0) {
            result.problems.push(format!(
                "history restore exited {:?}: {}",
                restore.code, restore.stderr
            ));
        } else if all_rows(&db) != before {
            result
                .problems
                .push("history restore did not put back exactly the old rows".to_string());
        }
    }
    // A plain re-run finishes the job.
    let mut plain = true;
    for (args, wanted) in [
        (&["doctor", "--fix", "--yes"][..], 0),
        (&["migrate", "deploy"][..], 0),
        (&["doctor"][..], 0),
        (&["migrate", "status"][..], 0),
    ] {
        commands.push(args.join(" "));
        let done = run(
            with_url(driftless(&project, args), &db),
            Duration::from_secs(300),
        );
        if done.code != Some(wanted) {
            plain = false;
            result.problems.push(format!(
                "`{}` after the fault exited {:?} (wanted {wanted}):\n{}\n{}",
                args.join(" "),
                done.code,
                tail(&done.stdout),
                tail(&done.stderr)
            ));
            break;
        }
    }
    if db.scalar("SELECT name FROM \"T1\"") != "kept" {
        result.problems.push("a user row changed".to_string());
    }
    result.recovery = Some(Recovery {
        plain,
        resumed: false,
        commands,
        seconds: started.elapsed().as_secs_f64(),
        problems: Vec::new(),
    });
    result
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
}

#[test]
fn doctor_fix_killed_mid_way() {
    let only = crate::only_case("doctor-fix");
    if matches!(only, Some(None)) {
        return;
    }
    let cases = ((crate::total_faults() as f64) * SHARE).round().max(3.0) as usize;
    let seed = case_seed(crate::seed(), "doctor-fix", usize::MAX);
    let mut tally = Tally::new("doctor-fix", crate::seed(), cases);
    for case in 0..cases {
        if only.is_some_and(|o| o != Some(case)) {
            continue;
        }
        tally.record(case, run_case(case, case_seed(seed, "doctor-fix", case)));
    }
    tally.finish();
}
