//! `locks`: the holder of the migration lock and of table locks, and `--terminate`.

use driftless_testkit::TestDb;

use crate::TestProject;

#[test]
fn lock_holders_are_listed_and_ended_only_with_consent() {
    let db = TestDb::new("locks_list");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE t (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let holder = db.connect();
    holder.execute("SET application_name = 'stuck-deploy'; SELECT pg_advisory_lock(72707369); BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
    let pid = holder.scalar("SELECT pg_backend_pid()");

    let run = project.run(&db, &["locks"]);
    run.expect(0);
    assert!(run.stdout.contains(&format!("pid {pid}")), "{}", run.stdout);
    assert!(run.stdout.contains("stuck-deploy"), "{}", run.stdout);
    assert!(
        run.stdout.contains("AccessExclusiveLock on public.t"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!("locks --terminate {pid}")),
        "{}",
        run.stderr
    );
    let json = project.run(&db, &["locks", "--json"]);
    json.expect(0);
    let value = json.json();
    assert_eq!(value["migrationLock"][0]["pid"].to_string(), pid);
    assert_eq!(value["migrationLock"][0]["granted"], true);

    // Without a terminal, ending a session needs explicit consent.
    let refused = project.run(&db, &["locks", "--terminate", &pid]);
    refused.expect(8);
    assert!(
        refused
            .stderr
            .contains(&format!("DRIFTLESS_CONSENT=terminate:{}", db.name)),
        "{}",
        refused.stderr
    );
    assert_eq!(holder.scalar("SELECT 1"), "1", "the session is still there");
    // An unknown pid is a usage error.
    project.run(&db, &["locks", "--terminate", "1"]).expect(64);
    // Never on a protected database, whatever the consent.
    project.write(
        "driftless.toml",
        "[environments.production]\nurl = env(\"DATABASE_URL\")\nprotected = true\n",
    );
    let consent = format!("terminate:{}", db.name);
    let url = db.url_string();
    let refused = project.run_with_env(
        &["locks", "--terminate", &pid, "--allow-protected"],
        &[("DATABASE_URL", &url), ("DRIFTLESS_CONSENT", &consent)],
    );
    refused.expect(8);
    assert!(
        refused.stderr.contains("never ends sessions"),
        "{}",
        refused.stderr
    );
    std::fs::remove_file(project.path().join("driftless.toml")).unwrap();
    // With consent, on a local database, it ends the session and frees the lock.
    let ended = project.run_with_env(
        &["locks", "--terminate", &pid],
        &[("DATABASE_URL", &url), ("DRIFTLESS_CONSENT", &consent)],
    );
    ended.expect(0);
    assert!(ended.stdout.contains("was ended"), "{}", ended.stdout);
    let after = project.run(&db, &["locks", "--json"]);
    assert_eq!(after.json()["migrationLock"], serde_json::json!([]));
    project.run(&db, &["migrate", "deploy"]).expect(0);
}
