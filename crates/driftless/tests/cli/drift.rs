//! The drift report names every kind of change made outside migrations: a column, table,
//! index, enum value, foreign key, default or check constraint, added, removed or changed.

use driftless_testkit::TestDb;

use crate::TestProject;

const BASE: &str = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, \"role\" \"Role\" NOT NULL DEFAULT 'USER', \"age\" INTEGER DEFAULT 0, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"), CONSTRAINT \"age_positive\" CHECK (age >= 0));\nCREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"author_id\" INTEGER NOT NULL, \"title\" TEXT, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\nCREATE INDEX \"Post_title_idx\" ON \"Post\"(\"title\");\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;\n";

/// (what is done by hand, the objects the report must name with how they differ)
const CASES: &[(&str, &[(&str, &str)])] = &[
    (
        "ALTER TABLE \"User\" ADD COLUMN \"bio\" TEXT",
        &[("column `User.bio`", "extra")],
    ),
    (
        "ALTER TABLE \"User\" DROP COLUMN \"email\"",
        &[("column `User.email`", "missing")],
    ),
    (
        "ALTER TABLE \"Post\" ALTER COLUMN \"title\" TYPE VARCHAR(10)",
        &[("column `Post.title`", "changed")],
    ),
    (
        "CREATE TABLE \"Extra\" (id int)",
        &[("table `Extra`", "extra")],
    ),
    ("DROP TABLE \"Post\"", &[("table `Post`", "missing")]),
    (
        "CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\")",
        &[("index `User_email_idx`", "extra")],
    ),
    (
        "DROP INDEX \"Post_title_idx\"",
        &[("index `Post_title_idx`", "missing")],
    ),
    (
        "DROP INDEX \"Post_title_idx\"; CREATE INDEX \"Post_title_idx\" ON \"Post\" USING hash (\"title\")",
        &[("index `Post_title_idx`", "")],
    ),
    (
        "ALTER TYPE \"Role\" ADD VALUE 'GUEST'",
        &[("value `GUEST` of enum `Role`", "extra")],
    ),
    (
        "ALTER TYPE \"Role\" RENAME TO \"Role_old\"; CREATE TYPE \"Role\" AS ENUM ('USER'); ALTER TABLE \"User\" ALTER COLUMN \"role\" DROP DEFAULT, ALTER COLUMN \"role\" TYPE \"Role\" USING (\"role\"::text::\"Role\"), ALTER COLUMN \"role\" SET DEFAULT 'USER'; DROP TYPE \"Role_old\"",
        &[("value `ADMIN` of enum `Role`", "missing")],
    ),
    (
        "ALTER TABLE \"User\" ADD CONSTRAINT \"User_self_fkey\" FOREIGN KEY (\"age\") REFERENCES \"User\"(\"id\")",
        &[("foreign key `User_self_fkey` of `User`", "extra")],
    ),
    (
        "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_author_id_fkey\"",
        &[("foreign key `Post_author_id_fkey` of `Post`", "missing")],
    ),
    (
        "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_author_id_fkey\", ADD CONSTRAINT \"Post_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"User\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE",
        &[("foreign key `Post_author_id_fkey` of `Post`", "")],
    ),
    (
        "ALTER TABLE \"Post\" ALTER COLUMN \"title\" SET DEFAULT 'untitled'",
        &[("column `Post.title`", "changed")],
    ),
    (
        "ALTER TABLE \"User\" ALTER COLUMN \"age\" DROP DEFAULT",
        &[("column `User.age`", "changed")],
    ),
    (
        "ALTER TABLE \"User\" ALTER COLUMN \"age\" SET DEFAULT 18",
        &[("column `User.age`", "changed")],
    ),
    (
        "ALTER TABLE \"Post\" ADD CONSTRAINT \"title_long\" CHECK (length(title) > 3)",
        &[("constraint `title_long` of `Post`", "extra")],
    ),
    (
        "ALTER TABLE \"User\" DROP CONSTRAINT \"age_positive\"",
        &[("constraint `age_positive` of `User`", "missing")],
    ),
    (
        "ALTER TABLE \"User\" DROP CONSTRAINT \"age_positive\", ADD CONSTRAINT \"age_positive\" CHECK (age > 0)",
        &[("constraint `age_positive` of `User`", "")],
    ),
];

#[test]
fn every_kind_of_drift_is_named() {
    let project = TestProject::new();
    project.migration("20250101000000_init", BASE);
    // A database that matches its history: nothing to report.
    let clean = TestDb::new("drift_clean");
    project.run(&clean, &["migrate", "deploy"]).expect(0);
    let run = project.run(&clean, &["drift", "--json"]);
    let value = run.json();
    assert_eq!(
        value["report"]["database"]["status"], "in-sync",
        "{value:#}"
    );
    project.run(&clean, &["migrate", "status"]).expect(0);

    for (i, (sql, expected)) in CASES.iter().enumerate() {
        let db = TestDb::new(&format!("drift_case_{i}"));
        project.run(&db, &["migrate", "deploy"]).expect(0);
        // Found in sync first, so that the catalog fingerprint is remembered: a change
        // made afterwards must still be seen.
        project.run(&db, &["migrate", "status"]).expect(0);
        db.execute(sql);
        let run = project.run(&db, &["drift", "--json"]);
        run.expect(16);
        let value = run.json();
        let items = value["report"]["database"]["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{sql}: {value:#}"));
        for (object, difference) in *expected {
            let found = items.iter().any(|item| {
                item["object"] == *object
                    && (difference.is_empty() || item["difference"] == *difference)
            });
            assert!(
                found,
                "{sql}: `{object}` ({difference}) not named in {items:#?}"
            );
            // Every item carries the SQL that records it.
            assert!(
                items
                    .iter()
                    .all(|item| !item["sql"].as_array().unwrap().is_empty()),
                "{items:#?}"
            );
        }
        // `migrate status` says so too, with its own exit code.
        let status = project.run(&db, &["migrate", "status"]);
        status.expect(16);
        let first = expected[0].0;
        assert!(status.stdout.contains(first), "{sql}:\n{}", status.stdout);
        project
            .run(&db, &["migrate", "status", "--no-drift"])
            .expect(0);
    }
}

#[test]
fn schema_changes_without_a_migration_are_named() {
    let db = TestDb::new("drift_schema");
    let project = TestProject::new();
    project.write(
        "prisma/schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int     @id @default(autoincrement())\n  email String\n  phone String?\n}\n",
    );
    project.migration(
        "20250101000000_init",
        "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n-- Raw SQL the schema cannot express: never drift against schema.prisma.\nCREATE INDEX \"User_lower_email\" ON \"User\"(lower(\"email\"));\nALTER TABLE \"User\" ADD CONSTRAINT \"email_at\" CHECK (email LIKE '%@%');\n",
    );
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let run = project.run(&db, &["drift", "--json"]);
    run.expect(23);
    let value = run.json();
    let items = value["report"]["schema"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["object"], "column `User.phone`");
    assert_eq!(items[0]["difference"], "extra");
    assert_eq!(value["report"]["database"]["status"], "in-sync");
    let text = project.run(&db, &["drift"]);
    assert!(
        text.stdout.contains("migrate dev --name"),
        "{}",
        text.stdout
    );
    // Pending and failed migrations are the third part.
    project.migration(
        "20250102000000_phone",
        "ALTER TABLE \"User\" ADD COLUMN \"phone\" TEXT;\n",
    );
    let run = project.run(&db, &["drift", "--json"]);
    run.expect(10);
    assert_eq!(run.json()["report"]["pending"][0], "20250102000000_phone");
}

#[test]
fn replays_are_cached_per_history_and_never_stale() {
    let db = TestDb::new("drift_cache");
    let project = TestProject::new();
    for i in 0..45 {
        project.migration(
            &format!("2025010100{i:04}_t{i}"),
            &format!("CREATE TABLE \"T{i}\" (id int PRIMARY KEY);\n"),
        );
    }
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let cache = project.path().join(".driftless/cache");
    project.run(&db, &["migrate", "status"]).expect(0);
    let entries = || {
        std::fs::read_dir(&cache)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with("replay-"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(entries(), 1);
    project.run(&db, &["migrate", "status"]).expect(0);
    assert_eq!(entries(), 1, "the second run reads the entry");
    let verified = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("verified-"))
        .count();
    assert_eq!(
        verified, 1,
        "the database was found in sync once and remembered"
    );
    // The database is always read afresh: drift made after the entry is seen.
    db.execute("CREATE TABLE \"Pushed\" (id int)");
    project.run(&db, &["migrate", "status"]).expect(16);
    db.execute("DROP TABLE \"Pushed\"");
    // A changed history is another key: an edit of an applied file is seen, never a stale
    // replay.
    project.migration(
        "20250101000044_t44",
        "CREATE TABLE \"T44\" (id int PRIMARY KEY, x int);\n",
    );
    project.run(&db, &["migrate", "status"]).expect(12);
    let run = project.run_with_env(
        &["drift", "--json"],
        &[
            ("DATABASE_URL", &db.url_string()),
            ("DRIFTLESS_NO_CACHE", "1"),
        ],
    );
    assert_eq!(run.json()["report"]["database"]["status"], "not-checked");
}
