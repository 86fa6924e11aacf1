//! `migrate status`: every state of the history, with its exit code and JSON.

use driftless_testkit::TestDb;

use crate::TestProject;

fn project_with_three() -> TestProject {
    let project = TestProject::new();
    project
        .migration("20240101000000_init", "CREATE TABLE a (id int);\n")
        .migration("20240102000000_second", "CREATE TABLE b (id int);\n")
        .migration("20240103000000_third", "CREATE TABLE c (id int);\n");
    project
}

fn insert_row(
    db: &TestDb,
    name: &str,
    checksum: &str,
    finished: bool,
    rolled_back: bool,
    steps: i32,
    logs: Option<&str>,
) {
    db.execute(&format!(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (gen_random_uuid()::text, '{checksum}', {}, '{name}', {}, {}, now(), {steps})",
        if finished { "now()" } else { "NULL" },
        logs.map_or("NULL".to_string(), |l| format!("'{l}'")),
        if rolled_back { "now()" } else { "NULL" },
    ));
}

#[test]
fn a_fresh_database_has_everything_pending() {
    let db = TestDb::new("status_fresh");
    let project = project_with_three();
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(10);
    assert!(
        run.stdout
            .contains("3 migrations found in prisma/migrations"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Following migrations have not yet been applied:\n20240101000000_init\n20240102000000_second\n20240103000000_third\n"), "{}", run.stdout);
    let json = project.run(&db, &["migrate", "status", "--json"]);
    json.expect(10);
    let json = json.json();
    assert_eq!(json["problems"], serde_json::json!(["pending-migrations"]));
    assert_eq!(json["historyTableExists"], false);
    assert_eq!(json["migrations"][0]["state"], "pending");
}

#[test]
fn an_up_to_date_database_exits_zero_in_prismas_words() {
    let db = TestDb::new("status_up_to_date");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(0);
    assert!(
        run.stdout.ends_with(
            "3 migrations found in prisma/migrations\n\nDatabase schema is up to date!\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        project.run(&db, &["migrate", "status", "--json"]).json()["inSync"],
        true
    );
}

#[test]
fn one_pending_migration_uses_prismas_singular() {
    let db = TestDb::new("status_one_pending");
    let project = TestProject::new();
    project.migration("1_init", "SELECT 1;");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.migration("2_next", "SELECT 2;");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(10);
    assert!(
        run.stdout
            .contains("Following migration have not yet been applied:\n2_next\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn failed_migrations_are_listed_with_their_error_and_the_resolve_commands() {
    let db = TestDb::new("status_failed");
    let project = project_with_three();
    project.migration(
        "20240102000000_second",
        "CREATE TABLE b (id int);\nSELECT * FROM does_not_exist;\n",
    );
    project.run(&db, &["migrate", "deploy"]).expect(7);
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(11);
    assert!(
        run.stderr
            .contains("Following migration have failed:\n20240102000000_second\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("relation \"does_not_exist\" does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing of it was applied"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("driftless migrate resolve --rolled-back \"20240102000000_second\""),
        "{}",
        run.stderr
    );
    // Nothing of it took effect: marking it applied would make the history lie, so the one
    // resolution offered is rolling it back.
    assert!(
        !run.stderr
            .contains("driftless migrate resolve --applied \"20240102000000_second\""),
        "{}",
        run.stderr
    );
    let json = project.run(&db, &["migrate", "status", "--json"]).json();
    assert_eq!(
        json["problems"],
        serde_json::json!(["failed-migrations", "pending-migrations"])
    );
    assert_eq!(json["migrations"][1]["state"], "failed");
}

#[test]
fn a_rolled_back_migration_is_pending_again() {
    let db = TestDb::new("status_rolled_back");
    let project = project_with_three();
    project.migration("20240102000000_second", "SELECT * FROM does_not_exist;\n");
    project.run(&db, &["migrate", "deploy"]).expect(7);
    project
        .run(
            &db,
            &[
                "migrate",
                "resolve",
                "--rolled-back",
                "20240102000000_second",
            ],
        )
        .expect(0);
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(10);
    assert!(
        run.stdout
            .contains("20240102000000_second (rolled back before)"),
        "{}",
        run.stdout
    );
    let json = project.run(&db, &["migrate", "status", "--json"]).json();
    assert_eq!(json["migrations"][1]["rolledBackRows"], 1);
}

#[test]
fn edited_migrations_fail_status_but_line_endings_do_not() {
    let db = TestDb::new("status_edited");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.migration("20240101000000_init", "CREATE TABLE a (id int);\r\n");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(0);
    assert!(
        run.stdout.contains("differ only in line endings"),
        "{}",
        run.stdout
    );
    project.migration("20240102000000_second", "CREATE TABLE b (id bigint);\n");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(12);
    assert!(
        run.stdout.contains(
            "Following migration was edited after it was applied:\n20240102000000_second"
        ),
        "{}",
        run.stdout
    );
    let json = project.run(&db, &["migrate", "status", "--json"]).json();
    assert_eq!(json["migrations"][1]["file"], "edited");
    assert_eq!(json["migrations"][0]["file"], "line-endings");
}

#[test]
fn rows_without_a_folder_are_orphans() {
    let db = TestDb::new("status_orphans");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    insert_row(
        &db,
        "20251111000001_add_meta_keywords_to_product",
        "abc",
        true,
        false,
        1,
        None,
    );
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(13);
    assert!(run.stdout.contains("recorded as applied in the database but not found locally in prisma/migrations:\n20251111000001_add_meta_keywords_to_product"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("The last common migration is: 20240103000000_third"),
        "{}",
        run.stdout
    );
}

#[test]
fn ghost_rows_are_listed_but_do_not_fail_status() {
    let db = TestDb::new("status_ghosts");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    db.execute("UPDATE _prisma_migrations SET applied_steps_count = 0 WHERE migration_name = '20240103000000_third'");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(0);
    assert!(
        run.stdout
            .contains("recorded as applied without having been run"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("20240103000000_third"),
        "{}",
        run.stdout
    );
    let json = project.run(&db, &["migrate", "status", "--json"]).json();
    assert_eq!(json["migrations"][2]["recordedWithoutRunning"], true);
}

#[test]
fn duplicate_rows_are_reported() {
    let db = TestDb::new("status_duplicates");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let checksum = db.scalar(
        "SELECT checksum FROM _prisma_migrations WHERE migration_name = '20240101000000_init'",
    );
    insert_row(&db, "20240101000000_init", &checksum, true, false, 1, None);
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(14);
    assert!(
        run.stdout.contains("20240101000000_init (2 rows)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_database_with_tables_and_no_history_is_not_managed() {
    let db = TestDb::new("status_not_managed");
    let project = project_with_three();
    db.execute("CREATE TABLE legacy (id int)");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(15);
    assert!(
        run.stderr
            .contains("The current database is not managed by Prisma Migrate."),
        "{}",
        run.stderr
    );
}

#[test]
fn out_of_order_pending_migrations_are_pointed_out() {
    let db = TestDb::new("status_out_of_order");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.migration("20240101500000_from_a_branch", "SELECT 1;\n");
    let run = project.run(&db, &["migrate", "status"]);
    run.expect(10);
    assert!(run.stdout.contains("20240101500000_from_a_branch (older than the latest applied migration `20240103000000_third`)"), "{}", run.stdout);
}

#[test]
fn several_problems_report_the_most_severe_exit_code() {
    let db = TestDb::new("status_precedence");
    let project = project_with_three();
    project.run(&db, &["migrate", "deploy"]).expect(0);
    insert_row(&db, "9_orphan", "x", true, false, 1, None);
    project.migration("20240104000000_fourth", "SELECT * FROM nope;\n");
    project.run(&db, &["migrate", "deploy"]).expect(7);
    project.migration("20240105000000_fifth", "SELECT 1;\n");
    let json = project.run(&db, &["migrate", "status", "--json"]);
    json.expect(11);
    assert_eq!(
        json.json()["problems"],
        serde_json::json!(["failed-migrations", "missing-locally", "pending-migrations"])
    );
}
