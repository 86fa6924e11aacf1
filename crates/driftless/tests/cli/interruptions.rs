//! Deploys that stop part-way — the process killed, the connection cut, a lock timeout, a
//! `CREATE INDEX CONCURRENTLY` that failed or was cut off — leave a history row that says
//! exactly what took effect, and the next `migrate deploy` goes on from there. (The
//! randomized version of these, on long real histories, is the `faults` test suite.)

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use driftless_testkit::TestDb;

use crate::{Run, TestProject, history, table_exists};

/// `SELECT pg_sleep(…)` that sleeps 30 s until the database setting `app.fast` is on.
const SLOW: &str =
    "SELECT pg_sleep(CASE WHEN current_setting('app.fast', true) = 'on' THEN 0 ELSE 30 END)";

fn spawn_deploy(project: &TestProject, db: &TestDb) -> Child {
    project
        .command(&["migrate", "deploy"])
        .env("DATABASE_URL", db.url_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until some session runs a query matching `pattern` (and `extra` holds), returns
/// its pid.
fn wait_for_query(db: &TestDb, pattern: &str, extra: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let rows = db.query(&format!(
            "SELECT pid FROM pg_stat_activity WHERE query LIKE '{pattern}' AND pid <> pg_backend_pid() {extra}"
        ));
        if let Some(row) = rows.first() {
            return row[0].clone();
        }
        assert!(Instant::now() < deadline, "no session ran {pattern}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn go_fast(db: &TestDb) {
    db.execute(&format!(
        "ALTER DATABASE \"{}\" SET app.fast = 'on'",
        db.name
    ));
}

#[test]
fn a_killed_script_is_resumed_by_the_next_deploy() {
    let db = TestDb::new("interrupt_killed_script");
    let project = TestProject::new();
    project.migration(
        "1_script",
        &format!("BEGIN;\nCREATE TABLE first (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE second (id int);\n{SLOW};\nCOMMIT;\n"),
    );
    let mut child = spawn_deploy(&project, &db);
    let pid = wait_for_query(&db, "%pg_sleep%", "");
    child.kill().unwrap();
    let _ = child.wait();
    // The backend sleeps on, holding the lock: what an operator ends, or the server notices.
    db.execute(&format!("SELECT pg_terminate_backend({pid})"));
    assert!(table_exists(&db, "first"));
    assert!(!table_exists(&db, "second"));
    let logs = db.scalar("SELECT logs FROM _prisma_migrations");
    assert!(logs.contains("3 of 7 statements took effect"), "{logs}");
    let status = project.run(&db, &["migrate", "status"]);
    status.expect(10);
    assert!(
        status
            .stderr
            .contains("`driftless migrate deploy` goes on from where it stopped"),
        "{}",
        status.stderr
    );
    assert!(
        status.stderr.contains("statements 1–3 of 7 took effect"),
        "{}",
        status.stderr
    );
    // Without the advisory lock, a cut-off run cannot be told from one still running.
    let unlocked = project.run_with_env(
        &["migrate", "deploy"],
        &[
            ("DATABASE_URL", &db.url_string()),
            ("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK", "1"),
        ],
    );
    unlocked.expect(6);
    assert!(
        unlocked.stderr.contains("error[P3009]"),
        "{}",
        unlocked.stderr
    );
    go_fast(&db);
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stderr.contains("Resuming migration `1_script`"),
        "{}",
        run.stderr
    );
    assert!(table_exists(&db, "second"));
    assert_eq!(history(&db), [("1_script".into(), true, false, 1, true)]);
    project.run(&db, &["migrate", "status"]).expect(0);
}

#[test]
fn a_cut_connection_exits_4_and_the_next_deploy_applies_the_migration() {
    let db = TestDb::new("interrupt_cut_connection");
    let project = TestProject::new();
    project
        .migration("1_ok", "CREATE TABLE ok (id int);\n")
        .migration("2_slow", &format!("CREATE TABLE slow (id int);\n{SLOW};\n"));
    let child = spawn_deploy(&project, &db);
    let pid = wait_for_query(&db, "%pg_sleep%", "");
    db.execute(&format!("SELECT pg_terminate_backend({pid})"));
    let run = Run::from(child.wait_with_output().unwrap());
    run.expect(4);
    assert!(
        run.stderr.contains(
            "error[P1017]: the connection to the database server was lost while applying `2_slow`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing of it was applied or recorded"),
        "{}",
        run.stderr
    );
    assert!(!table_exists(&db, "slow"));
    assert_eq!(history(&db).len(), 1);
    go_fast(&db);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    assert!(table_exists(&db, "slow"));
}

#[test]
fn a_lock_timeout_is_recorded_and_the_next_deploy_retries_it() {
    let db = TestDb::new("interrupt_lock_timeout");
    let project = TestProject::new();
    project.migration("1_table", "CREATE TABLE t (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.migration("2_alter", "ALTER TABLE t ADD COLUMN x int;\n");
    db.execute(&format!(
        "ALTER DATABASE \"{}\" SET lock_timeout = '200ms'",
        db.name
    ));
    let blocker = db.connect();
    blocker.execute("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(7);
    assert!(
        run.stderr
            .contains("canceling statement due to lock timeout"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("it retries the migration from where it stopped"),
        "{}",
        run.stderr
    );
    let logs = db.scalar("SELECT logs FROM _prisma_migrations WHERE migration_name = '2_alter'");
    assert!(logs.contains("Database error code: 55P03"), "{logs}");
    assert!(logs.contains("nothing of it was applied"), "{logs}");
    project.run(&db, &["migrate", "status"]).expect(10);
    blocker.execute("ROLLBACK");
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stderr.contains("Resuming migration `2_alter`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'x'"),
        "1"
    );
    assert_eq!(
        history(&db),
        [
            ("1_table".into(), true, false, 1, true),
            ("2_alter".into(), true, false, 1, true)
        ]
    );
}

#[test]
fn a_failed_unique_concurrent_index_leaves_no_invalid_index() {
    let db = TestDb::new("interrupt_failed_cic");
    let project = TestProject::new();
    project
        .migration(
            "1_table",
            "CREATE TABLE t (v int);\nINSERT INTO t VALUES (1), (1);\n",
        )
        .migration(
            "2_unique",
            "CREATE UNIQUE INDEX CONCURRENTLY t_v ON t (v);\n",
        );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(7);
    assert!(run.stderr.contains("23505"), "{}", run.stderr);
    assert_eq!(
        db.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
        "0"
    );
    let logs = db.scalar("SELECT logs FROM _prisma_migrations WHERE migration_name = '2_unique'");
    assert!(
        logs.contains("the invalid index the failed statement left was dropped"),
        "{logs}"
    );
    // A real error: it blocks, and the only sensible resolution is offered.
    let status = project.run(&db, &["migrate", "status"]);
    status.expect(11);
    assert!(
        status
            .stderr
            .contains("driftless migrate resolve --rolled-back \"2_unique\""),
        "{}",
        status.stderr
    );
    assert!(
        !status.stderr.contains("--applied \"2_unique\""),
        "{}",
        status.stderr
    );
    db.execute("DELETE FROM t WHERE ctid <> (SELECT min(ctid) FROM t)");
    project
        .run(&db, &["migrate", "resolve", "--rolled-back", "2_unique"])
        .expect(0);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    assert_eq!(
        db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass"),
        "t"
    );
}

#[test]
fn an_index_build_cut_off_half_way_is_dropped_and_built_again() {
    let db = TestDb::new("interrupt_cic_cut");
    let project = TestProject::new();
    project.migration("1_table", "CREATE TABLE t (v int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.migration("2_index", "CREATE INDEX CONCURRENTLY t_v ON t (v);\n");
    // An open transaction that wrote to the table: the build registers the index, then
    // waits for it.
    let writer = db.connect();
    writer.execute("BEGIN; INSERT INTO t VALUES (1)");
    let child = spawn_deploy(&project, &db);
    let pid = wait_for_query(
        &db,
        "CREATE INDEX CONCURRENTLY%",
        "AND wait_event_type = 'Lock'",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while db.scalar("SELECT count(*) FROM pg_class WHERE relname = 't_v'") == "0" {
        assert!(Instant::now() < deadline, "the index was never registered");
        std::thread::sleep(Duration::from_millis(20));
    }
    db.execute(&format!("SELECT pg_terminate_backend({pid})"));
    Run::from(child.wait_with_output().unwrap()).expect(4);
    writer.execute("COMMIT");
    assert_eq!(
        db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass"),
        "f"
    );
    let logs = db.scalar("SELECT logs FROM _prisma_migrations WHERE migration_name = '2_index'");
    assert!(logs.contains("statement 1 (line 1) was running"), "{logs}");
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stderr.contains("Resuming migration `2_index`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass"),
        "t"
    );
    assert_eq!(history(&db)[1], ("2_index".into(), true, false, 1, true));
}
