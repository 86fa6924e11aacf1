//! `history show | backup | restore`: a restore puts back exactly what was saved.

use driftless_testkit::TestDb;

use crate::TestProject;

fn rows(db: &TestDb) -> Vec<Vec<String>> {
    db.query("SELECT id, checksum, finished_at::text, migration_name, logs, rolled_back_at::text, started_at::text, applied_steps_count::text FROM _prisma_migrations ORDER BY id")
}

fn only_backup(project: &TestProject) -> std::path::PathBuf {
    let mut dirs: Vec<_> = std::fs::read_dir(project.path().join(".driftless/backups"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs.pop().unwrap()
}

#[test]
fn restore_puts_back_exactly_what_was_saved() {
    let db = TestDb::new("history_restore");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.migration("2_broken", "SELEC 1;\n");
    project.run(&db, &["migrate", "deploy"]).expect(7);
    project
        .run(&db, &["migrate", "resolve", "--rolled-back", "2_broken"])
        .expect(0);
    project.migration("2_broken", "CREATE TABLE b (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let saved = rows(&db);
    assert_eq!(saved.len(), 3);

    let show = project.run(&db, &["history", "show"]);
    show.expect(0);
    assert!(show.stdout.contains("rolled back"), "{}", show.stdout);
    assert!(show.stdout.contains("syntax error"), "{}", show.stdout);
    let json = project.run(&db, &["history", "show", "--json"]);
    json.expect(0);
    assert_eq!(json.json()["rows"].as_array().unwrap().len(), 3);

    let backup = project.run(&db, &["history", "backup"]);
    backup.expect(0);
    assert!(backup.stdout.contains("3 rows"), "{}", backup.stdout);
    let dir = only_backup(&project);

    // Someone "repairs" the table by hand, as the runbooks did.
    db.execute("DELETE FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL; UPDATE _prisma_migrations SET applied_steps_count = 7, logs = 'x'");
    assert_ne!(rows(&db), saved);
    let restored = project.run(&db, &["history", "restore", dir.to_str().unwrap()]);
    restored.expect(0);
    assert_eq!(rows(&db), saved, "every column, to the microsecond");
    // The history it replaced was saved too: restoring that one undoes the restore.
    assert!(
        restored.stdout.contains("restore-history"),
        "{}",
        restored.stdout
    );
    let undo = only_backup(&project);
    project
        .run(&db, &["history", "restore", undo.to_str().unwrap()])
        .expect(0);
    assert_eq!(db.scalar("SELECT count(*) FROM _prisma_migrations"), "2");
    // The JSON file alone works too.
    project
        .run(
            &db,
            &[
                "history",
                "restore",
                dir.join("_prisma_migrations.json").to_str().unwrap(),
            ],
        )
        .expect(0);
    assert_eq!(rows(&db), saved);
    project.run(&db, &["migrate", "status"]).expect(0);
}

#[test]
fn restore_refuses_another_databases_backup_and_bad_files() {
    let db = TestDb::new("history_other_a");
    let other = TestDb::new("history_other_b");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.run(&db, &["history", "backup"]).expect(0);
    let dir = only_backup(&project);
    let refused = project.run(&other, &["history", "restore", dir.to_str().unwrap()]);
    refused.expect(6);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert!(!refused.stderr.contains("error[internal]"));
    project
        .run(
            &other,
            &["history", "restore", "--force", dir.to_str().unwrap()],
        )
        .expect(0);
    assert_eq!(other.scalar("SELECT count(*) FROM _prisma_migrations"), "1");
    // Not a backup: a clear error, nothing changed.
    project.write("junk.json", "{\"not\": \"rows\"}");
    let bad = project.run(&db, &["history", "restore", "junk.json"]);
    bad.expect(3);
    assert!(
        bad.stderr.contains("not a history backup"),
        "{}",
        bad.stderr
    );
    project.write("junk2.json", "[{\"id\": \"x\", \"checksum\": \"c\", \"migration_name\": \"m\", \"started_at\": \"2024-01-01T00:00:00Z\", \"evil\": 1}]");
    let bad = project.run(&db, &["history", "restore", "junk2.json"]);
    bad.expect(3);
    assert!(bad.stderr.contains("evil"), "{}", bad.stderr);
    assert_eq!(db.scalar("SELECT count(*) FROM _prisma_migrations"), "1");
}

#[test]
fn a_backup_without_history_restores_to_no_history() {
    let db = TestDb::new("history_none");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.run(&db, &["history", "backup"]).expect(0);
    let dir = only_backup(&project);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project
        .run(&db, &["history", "restore", dir.to_str().unwrap()])
        .expect(0);
    assert_eq!(
        db.scalar("SELECT to_regclass('public._prisma_migrations') IS NULL"),
        "t"
    );
}
