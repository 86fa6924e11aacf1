//! Several deploys at once on one database: each migration is applied exactly once.

use driftless_testkit::TestDb;

use crate::{Run, TestProject, history};

fn race(db: &TestDb, project: &TestProject, deployers: usize) -> Vec<Run> {
    let children: Vec<_> = (0..deployers)
        .map(|_| {
            project
                .command(&["migrate", "deploy", "--lock-timeout", "60"])
                .env("DATABASE_URL", db.url_string())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| Run::from(c.wait_with_output().unwrap()))
        .collect()
}

#[test]
fn racing_deployers_apply_each_migration_exactly_once() {
    let db = TestDb::new("concurrency_race");
    let project = TestProject::new();
    project
        .migration("1_table", "CREATE TABLE counter (n int);\n")
        .migration(
            "2_slow",
            "INSERT INTO counter SELECT 1 FROM pg_sleep(0.3);\n",
        )
        .migration(
            "3_index",
            "CREATE INDEX CONCURRENTLY counter_n ON counter (n);\n",
        )
        .migration("4_more", "INSERT INTO counter VALUES (2);\n");
    for run in race(&db, &project, 4) {
        run.expect(0);
    }
    let rows = history(&db);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows.iter().all(|r| r.1 && r.3 == 1));
    assert_eq!(db.scalar("SELECT count(*) FROM counter"), "2");
}
