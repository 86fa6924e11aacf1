//! `db push`: syncs the schema without history, refusing data loss and steps that cannot
//! run, all or nothing.

use driftless_testkit::TestDb;

use crate::{TestProject, table_exists};

const HEAD: &str =
    "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n";

fn schema(project: &TestProject, models: &str) {
    project.write("prisma/schema.prisma", &format!("{HEAD}{models}"));
}

#[test]
fn pushes_then_is_in_sync() {
    let db = TestDb::new("push_sync");
    let project = TestProject::new();
    schema(
        &project,
        "enum Role {\n  USER\n  ADMIN\n}\n\nmodel User {\n  id Int @id @default(autoincrement())\n  role Role @default(USER)\n  posts Post[]\n}\n\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n}\n",
    );
    let run = project.run(&db, &["db", "push"]);
    run.expect(0);
    assert!(run.stdout.contains("now in sync"), "{}", run.stdout);
    assert!(table_exists(&db, "User") && table_exists(&db, "Post"));
    let run = project.run(&db, &["db", "push"]);
    run.expect(0);
    assert!(run.stdout.contains("already in sync"), "{}", run.stdout);
    // A new enum value that a later step uses (the default) must be committed first.
    schema(
        &project,
        "enum Role {\n  USER\n  ADMIN\n  OWNER\n}\n\nmodel User {\n  id Int @id @default(autoincrement())\n  role Role @default(OWNER)\n  posts Post[]\n}\n\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n}\n",
    );
    project.run(&db, &["db", "push"]).expect(0);
    assert_eq!(
        db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"),
        "USER,ADMIN,OWNER"
    );
}

#[test]
fn new_enum_values_commit_with_the_rest_of_the_push() {
    let db = TestDb::new("push_enum_atomic");
    let project = TestProject::new();
    let models = |values: &str, post: &str| {
        format!(
            "enum Role {{\n{values}}}\n\nmodel User {{\n  id Int @id\n  role Role @default(USER)\n}}\n\nmodel Post {{\n  id Int @id\n{post}}}\n"
        )
    };
    schema(&project, &models("  USER\n  ADMIN\n", ""));
    project.run(&db, &["db", "push"]).expect(0);
    // The push adds an enum value nothing uses (another new enum merely has a value of the
    // same name, which once made it look used) and a column to a table another session
    // keeps locked: it times out, and the enum value goes with the rest.
    db.execute(&format!(
        "ALTER DATABASE \"{}\" SET lock_timeout = '200ms'",
        db.name
    ));
    let blocker = db.connect();
    blocker.execute("BEGIN; LOCK TABLE \"Post\" IN ACCESS EXCLUSIVE MODE");
    schema(
        &project,
        &format!(
            "{}\nenum Tier {{\n  VIP\n}}\n",
            models("  USER\n  ADMIN\n  VIP\n", "  title String?\n")
        ),
    );
    let run = project.run(&db, &["db", "push"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = '\"Role\"'::regtype"),
        "USER,ADMIN",
        "the enum value must not outlive the push that failed"
    );
    blocker.execute("ROLLBACK");
    project.run(&db, &["db", "push"]).expect(0);
    assert_eq!(
        db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = '\"Role\"'::regtype"),
        "USER,ADMIN,VIP"
    );
}

#[test]
fn data_loss_is_refused_unless_accepted() {
    let db = TestDb::new("push_data_loss");
    let project = TestProject::new();
    schema(
        &project,
        "model User {\n  id Int @id\n  email String\n}\n\nmodel Note {\n  id Int @id\n}\n",
    );
    project.run(&db, &["db", "push"]).expect(0);
    db.execute("INSERT INTO \"User\" VALUES (1, 'a@b')");
    // Dropping a column with data, and adding a table: all or nothing.
    schema(
        &project,
        "model User {\n  id Int @id\n}\n\nmodel Note {\n  id Int @id\n}\n\nmodel Extra {\n  id Int @id\n}\n",
    );
    let run = project.run(&db, &["db", "push"]);
    run.expect(6);
    assert!(
        run.stderr.contains("drop the column `email`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--accept-data-loss"), "{}", run.stderr);
    assert!(!table_exists(&db, "Extra"), "nothing may be applied");
    assert_eq!(db.scalar("SELECT email FROM \"User\""), "a@b");
    project
        .run(&db, &["db", "push", "--accept-data-loss"])
        .expect(0);
    assert!(table_exists(&db, "Extra"));
    assert_eq!(
        db.scalar("SELECT count(*) FROM information_schema.columns WHERE column_name = 'email'"),
        "0"
    );
}

#[test]
fn a_step_that_cannot_run_is_refused_even_with_accept_data_loss() {
    let db = TestDb::new("push_unexecutable");
    let project = TestProject::new();
    schema(&project, "model User {\n  id Int @id\n}\n");
    project.run(&db, &["db", "push"]).expect(0);
    db.execute("INSERT INTO \"User\" VALUES (1)");
    schema(&project, "model User {\n  id Int @id\n  age Int\n}\n");
    let run = project.run(&db, &["db", "push", "--accept-data-loss"]);
    run.expect(6);
    assert!(
        run.stderr.contains("Added the required column `age`"),
        "{}",
        run.stderr
    );
    // --force-reset starts from an empty database instead.
    project.run(&db, &["db", "push", "--force-reset"]).expect(0);
    assert_eq!(db.scalar("SELECT count(*) FROM \"User\""), "0");
    assert_eq!(
        db.scalar("SELECT count(*) FROM information_schema.columns WHERE column_name = 'age'"),
        "1"
    );
}
