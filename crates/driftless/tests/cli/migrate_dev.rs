//! `migrate dev`: creates the migration from the schema change and applies it; refuses on
//! drift; holds back what cannot run or would lose data.

use driftless_testkit::TestDb;

use crate::{TestProject, history, table_exists};

const HEAD: &str =
    "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n";

fn schema(project: &TestProject, models: &str) {
    project.write("prisma/schema.prisma", &format!("{HEAD}{models}"));
}

fn migration_folders(project: &TestProject) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.migrations())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "migration_lock.toml")
        .collect();
    names.sort();
    names
}

#[test]
fn creates_and_applies_then_is_in_sync() {
    let db = TestDb::new("dev_creates");
    let project = TestProject::new();
    schema(
        &project,
        "model User {\n  id Int @id @default(autoincrement())\n  email String @unique\n}\n",
    );
    let run = project.run(&db, &["migrate", "dev", "--name", "init"]);
    run.expect(0);
    assert!(
        run.stdout.contains("have been created and applied"),
        "{}",
        run.stdout
    );
    let folders = migration_folders(&project);
    assert_eq!(folders.len(), 1);
    assert!(folders[0].ends_with("_init") && folders[0].len() == "20250101000000_init".len());
    let sql = std::fs::read_to_string(project.migrations().join(&folders[0]).join("migration.sql"))
        .unwrap();
    assert!(
        sql.starts_with("-- CreateTable\nCREATE TABLE \"User\""),
        "{sql}"
    );
    assert!(sql.ends_with(";\n"), "{sql:?}");
    let lock = std::fs::read_to_string(project.migrations().join("migration_lock.toml")).unwrap();
    assert!(lock.contains("provider = \"postgresql\""), "{lock}");
    assert!(table_exists(&db, "User"));
    assert_eq!(history(&db).len(), 1);
    let run = project.run(&db, &["migrate", "dev", "--name", "again"]);
    run.expect(0);
    assert!(run.stdout.contains("Already in sync"), "{}", run.stdout);
    assert_eq!(migration_folders(&project).len(), 1);
    // Deploy elsewhere of what dev wrote gives the same database.
    let other = TestDb::new("dev_creates_other");
    project.run(&other, &["migrate", "deploy"]).expect(0);
    project
        .run(
            &other,
            &[
                "migrate",
                "diff",
                "--from-url",
                &other.url_string(),
                "--to-url",
                &db.url_string(),
                "--exit-code",
            ],
        )
        .expect(0);
}

#[test]
fn create_only_writes_without_applying() {
    let db = TestDb::new("dev_create_only");
    let project = TestProject::new();
    schema(&project, "model A {\n  id Int @id\n}\n");
    project
        .run(&db, &["migrate", "dev", "--name", "a", "--create-only"])
        .expect(0);
    assert_eq!(migration_folders(&project).len(), 1);
    assert!(!table_exists(&db, "A"));
    // The next run applies the pending migration and needs no new one.
    let run = project.run(&db, &["migrate", "dev", "--name", "b"]);
    run.expect(0);
    assert!(table_exists(&db, "A"));
    assert_eq!(migration_folders(&project).len(), 1);
}

#[test]
fn a_step_that_cannot_run_on_the_data_is_written_but_held_back() {
    let db = TestDb::new("dev_unexecutable");
    let project = TestProject::new();
    schema(&project, "model User {\n  id Int @id\n}\n");
    project
        .run(&db, &["migrate", "dev", "--name", "init"])
        .expect(0);
    db.execute("INSERT INTO \"User\" VALUES (1)");
    schema(&project, "model User {\n  id Int @id\n  phone String\n}\n");
    let run = project.run(&db, &["migrate", "dev", "--name", "phone"]);
    run.expect(6);
    assert!(
        run.stderr.contains("Added the required column `phone`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("the table has 1 row"), "{}", run.stderr);
    let folders = migration_folders(&project);
    assert_eq!(folders.len(), 2);
    let sql = std::fs::read_to_string(project.migrations().join(&folders[1]).join("migration.sql"))
        .unwrap();
    assert!(sql.starts_with("/*\n  Warnings:\n"), "{sql}");
    assert_eq!(history(&db).len(), 1, "nothing was applied");
    assert_eq!(
        db.scalar("SELECT count(*) FROM information_schema.columns WHERE column_name = 'phone'"),
        "0"
    );
}

#[test]
fn drift_is_refused_and_nothing_changes() {
    let db = TestDb::new("dev_drift");
    let project = TestProject::new();
    schema(&project, "model User {\n  id Int @id\n}\n");
    project
        .run(&db, &["migrate", "dev", "--name", "init"])
        .expect(0);
    db.execute("CREATE TABLE by_hand (id int); INSERT INTO \"User\" VALUES (7)");
    schema(&project, "model User {\n  id Int @id\n  name String?\n}\n");
    let run = project.run(&db, &["migrate", "dev", "--name", "name"]);
    run.expect(6);
    assert!(run.stderr.contains("drifted"), "{}", run.stderr);
    assert!(run.stderr.contains("by_hand"), "{}", run.stderr);
    assert!(run.stderr.contains("never reset"), "{}", run.stderr);
    assert_eq!(migration_folders(&project).len(), 1);
    assert!(table_exists(&db, "by_hand"));
    assert_eq!(db.scalar("SELECT count(*) FROM \"User\""), "1");
}

#[test]
fn without_a_name_and_without_a_terminal_it_asks_for_one() {
    let db = TestDb::new("dev_no_name");
    let project = TestProject::new();
    schema(&project, "model A {\n  id Int @id\n}\n");
    let run = project.run(&db, &["migrate", "dev"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    assert!(migration_folders(&project).is_empty());
}

/// Cases where our `migrate dev` file differs from Prisma's on purpose.
const DEV_DELIBERATE: &[(&str, &str)] = &[
    (
        "09_drop_default",
        "`DROP SEQUENCE IF EXISTS`: the sequence may be gone already (it was owned by the column)",
    ),
    (
        "33_add_and_remove_autoincrement",
        "`DROP SEQUENCE IF EXISTS`, as above",
    ),
];

/// For every schema pair that Prisma's `migrate dev --create-only` turned into a file (cached
/// in `testdata/schema-pairs/*/migrate-dev.sql`), ours writes the same file.
#[test]
fn dev_files_match_prismas() {
    let root =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/schema-pairs");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let (mut same, mut failures, mut deliberate) = (0, Vec::new(), 0);
    for case in cases {
        let Ok(expected) = std::fs::read_to_string(case.join("migrate-dev.sql")) else {
            continue;
        };
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let db = TestDb::new(&format!("devpair_{name}"));
        let project = TestProject::new();
        let v1 = std::fs::read_to_string(case.join("v1.prisma")).unwrap();
        let v2 = std::fs::read_to_string(case.join("v2.prisma")).unwrap();
        project.write("prisma/schema.prisma", &v1);
        let init = project.run(
            &db,
            &[
                "migrate",
                "diff",
                "--from-empty",
                "--to-schema",
                "prisma/schema.prisma",
                "--script",
            ],
        );
        init.expect(0);
        project.migration("00000000000000_init", &init.stdout);
        project.run(&db, &["migrate", "deploy"]).expect(0);
        project.write("prisma/schema.prisma", &v2);
        let run = project.run(&db, &["migrate", "dev", "--create-only", "--name", "step"]);
        let folder = migration_folders(&project)
            .into_iter()
            .find(|f| f.ends_with("_step"));
        let Some(folder) = folder else {
            failures.push(format!(
                "=== {name}: no file (exit {})\n{}",
                run.code, run.stderr
            ));
            continue;
        };
        let ours = std::fs::read_to_string(project.migrations().join(folder).join("migration.sql"))
            .unwrap();
        if ours == expected {
            same += 1;
        } else if DEV_DELIBERATE.iter().any(|(n, _)| *n == name) {
            deliberate += 1;
        } else {
            failures.push(format!(
                "=== {name}\n--- ours\n{ours}\n--- prisma\n{expected}"
            ));
        }
    }
    eprintln!("migrate dev files: {same} identical to Prisma's, {deliberate} differ on purpose");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
