//! `check`, the pre-deploy gate: one exit code per blocking condition, 0 on a clean
//! database, GitHub annotations, and it never changes anything.

use driftless_testkit::TestDb;

use crate::{TestProject, history};

const INIT: &str = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"bio\" TEXT, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";

/// A deployed project with two users.
fn deployed(name: &str) -> (TestDb, TestProject) {
    let db = TestDb::new(name);
    let project = TestProject::new();
    project.migration("20240101000000_init", INIT);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    db.execute("INSERT INTO \"User\" (bio) VALUES ('a'), ('b')");
    (db, project)
}

#[test]
fn a_clean_database_passes_and_pending_migrations_are_listed() {
    let (db, project) = deployed("check_clean");
    let run = project.run(&db, &["check"]);
    run.expect(0);
    assert!(run.stdout.contains("Safe to deploy"), "{}", run.stdout);
    project.migration(
        "20240102000000_add_age",
        "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;\n",
    );
    let run = project.run(&db, &["check"]);
    run.expect(10);
    assert!(
        run.stdout.contains("20240102000000_add_age"),
        "{}",
        run.stdout
    );
    // Right before `migrate deploy`, pending migrations are the point.
    let run = project.run(&db, &["check", "--allow-pending"]);
    run.expect(0);
    assert!(run.stdout.contains("1 pending migration"), "{}", run.stdout);
    let json = project.run(&db, &["check", "--json"]);
    json.expect(10);
    let value = json.json();
    assert_eq!(value["problems"][0], "pending-migrations");
    assert_eq!(value["report"]["drift"]["status"], "in-sync");
    // Nothing was applied.
    assert_eq!(history(&db).len(), 1);
}

#[test]
fn each_blocking_condition_has_its_exit_code() {
    // Unexecutable: a required column without a default, on a table with rows.
    let (db, project) = deployed("check_unexecutable");
    project.migration(
        "20240102000000_required",
        "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n",
    );
    let run = project.run(&db, &["check", "--allow-pending"]);
    run.expect(17);
    assert!(run.stdout.contains("2 rows"), "{}", run.stdout);
    assert!(run.stdout.contains("migration.sql:1"), "{}", run.stdout);

    // Data loss: a column that holds values is dropped; allowed when reviewed.
    let (db, project) = deployed("check_data_loss");
    project.migration(
        "20240102000000_drop_bio",
        "ALTER TABLE \"User\" DROP COLUMN \"bio\";\n",
    );
    project.run(&db, &["check", "--allow-pending"]).expect(18);
    project
        .run(&db, &["check", "--allow-pending", "--allow-data-loss"])
        .expect(0);

    // Strong locks on a table with rows block with `--strict` only.
    let (db, project) = deployed("check_locking");
    project.migration(
        "20240102000000_index",
        "CREATE INDEX \"User_bio_idx\" ON \"User\"(\"bio\");\n",
    );
    project.run(&db, &["check", "--allow-pending"]).expect(0);
    let run = project.run(&db, &["check", "--allow-pending", "--strict"]);
    run.expect(20);
    assert!(run.stdout.contains("CONCURRENTLY"), "{}", run.stdout);

    // Drift: a table made by hand.
    let (db, project) = deployed("check_drift");
    db.execute("CREATE TABLE \"Pushed\" (id int)");
    let run = project.run(&db, &["check"]);
    run.expect(16);
    assert!(run.stdout.contains("Pushed"), "{}", run.stdout);
    project.run(&db, &["check", "--skip-drift"]).expect(0);

    // Edited after it ran.
    let (db, project) = deployed("check_edited");
    project.migration("20240101000000_init", &format!("{INIT}-- edited\n"));
    project.run(&db, &["check"]).expect(12);

    // A row for a folder that is not here.
    let (db, project) = deployed("check_orphan");
    db.execute("INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('o', 'abc', '20231231000000_hotfix', now(), 1)");
    project.run(&db, &["check"]).expect(13);

    // Recorded twice.
    let (db, project) = deployed("check_duplicate");
    db.execute("INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) SELECT 'dup', checksum, migration_name, now(), 1 FROM _prisma_migrations");
    project.run(&db, &["check"]).expect(14);

    // A failed migration.
    let (db, project) = deployed("check_failed");
    project.migration("20240102000000_broken", "SELEC 1;\n");
    project.run(&db, &["migrate", "deploy"]).expect(7);
    let run = project.run(&db, &["check"]);
    run.expect(11);
    assert!(
        run.stdout.contains("migrate resolve --rolled-back"),
        "{}",
        run.stdout
    );

    // Tables but no history.
    let db = TestDb::new("check_unmanaged");
    let project = TestProject::new();
    project.migration("20240101000000_init", INIT);
    db.execute("CREATE TABLE legacy (id int)");
    project.run(&db, &["check"]).expect(15);

    // The migration lock held by another session.
    let (db, project) = deployed("check_lock_held");
    let holder = db.connect();
    holder.execute("SELECT pg_advisory_lock(72707369)");
    let run = project.run(&db, &["check"]);
    run.expect(19);
    assert!(
        run.stdout.contains("migration lock is held"),
        "{}",
        run.stdout
    );
    drop(holder);
}

#[test]
fn github_annotations_point_at_the_statement() {
    let (db, project) = deployed("check_github");
    project.migration(
        "20240102000000_drop_bio",
        "-- drop it\n\nALTER TABLE \"User\" DROP COLUMN \"bio\";\n",
    );
    let run = project.run(&db, &["check", "--allow-pending", "--format", "github"]);
    run.expect(18);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        line.contains("file=prisma/migrations/20240102000000_drop_bio/migration.sql,line=3"),
        "{line}"
    );
    assert!(
        line.contains("title=driftless check%3A data loss"),
        "{line}"
    );
    let clean = deployed("check_github_clean");
    let run = clean.1.run(&clean.0, &["check", "--format", "github"]);
    run.expect(0);
    assert!(run.stdout.contains("::notice"), "{}", run.stdout);
}
