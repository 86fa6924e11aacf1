//! `migrate diff`: every source against every other, the script and summary outputs,
//! `--exit-code`, `-o`, and Prisma's old flag spellings.

use driftless_testkit::TestDb;

use crate::TestProject;

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  name  String?\n}\n";

const INIT: &str = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n    \"name\" TEXT,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n";

fn project() -> TestProject {
    let project = TestProject::new();
    project.write("prisma/schema.prisma", SCHEMA);
    project
}

#[test]
fn from_empty_to_schema_prints_prismas_script() {
    let db = TestDb::new("diff_from_empty");
    let project = project();
    let run = project.run(
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
    run.expect(0);
    // Byte for byte what Prisma 7 prints (its stdout ends with an empty line).
    assert_eq!(
        run.stdout,
        format!("-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS \"public\";\n\n{INIT}\n")
    );
    // The old spelling, and the summary instead of a script.
    let run = project.run(
        &db,
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema-datamodel",
            "prisma/schema.prisma",
        ],
    );
    run.expect(0);
    assert!(
        run.stdout.contains("[+] Added tables\n  - User\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn exit_code_says_whether_there_is_a_difference() {
    let db = TestDb::new("diff_exit_code");
    let project = project();
    let schema = "prisma/schema.prisma";
    project
        .run(
            &db,
            &[
                "migrate",
                "diff",
                "--from-empty",
                "--to-schema",
                schema,
                "--exit-code",
            ],
        )
        .expect(2);
    project
        .run(
            &db,
            &[
                "migrate",
                "diff",
                "--from-schema",
                schema,
                "--to-schema",
                schema,
                "--exit-code",
            ],
        )
        .expect(0);
    let run = project.run(
        &db,
        &[
            "migrate",
            "diff",
            "--from-schema",
            schema,
            "--to-schema",
            schema,
            "--script",
        ],
    );
    run.expect(0);
    assert_eq!(run.stdout, "-- This is an empty migration.\n\n");
}

#[test]
fn the_live_database_against_the_schema_and_the_history() {
    let db = TestDb::new("diff_live");
    let project = project();
    project.migration("1_init", INIT);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    let url = db.url_string();
    // The database matches both the schema and the history.
    for (from, to) in [
        (
            ["--from-url", url.as_str()],
            ["--to-schema", "prisma/schema.prisma"],
        ),
        (
            ["--from-config-datasource", ""],
            ["--to-migrations", "prisma/migrations"],
        ),
        (
            ["--from-migrations", "prisma/migrations"],
            ["--to-url", url.as_str()],
        ),
        (
            ["--from-schema-datasource", "prisma/schema.prisma"],
            ["--to-schema", "prisma/schema.prisma"],
        ),
    ] {
        let mut args = vec!["migrate", "diff"];
        args.extend(from.iter().filter(|a| !a.is_empty()));
        args.extend(to);
        args.push("--exit-code");
        project.run(&db, &args).expect(0);
    }
    // A change made by hand shows, as SQL that goes from the database to the history.
    db.execute(
        "ALTER TABLE \"User\" ADD COLUMN phone text; CREATE INDEX user_name ON \"User\"(name)",
    );
    let run = project.run(
        &db,
        &[
            "migrate",
            "diff",
            "--from-url",
            &url,
            "--to-migrations",
            "prisma/migrations",
            "--script",
        ],
    );
    run.expect(0);
    assert!(
        run.stdout.contains("DROP INDEX \"user_name\";"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("DROP COLUMN \"phone\""),
        "{}",
        run.stdout
    );
    // `-o` writes the file instead.
    let out = project.path().join("out.sql");
    project
        .run(
            &db,
            &[
                "migrate",
                "diff",
                "--from-migrations",
                "prisma/migrations",
                "--to-url",
                &url,
                "--script",
                "-o",
                out.to_str().unwrap(),
            ],
        )
        .expect(0);
    let written = std::fs::read_to_string(out).unwrap();
    assert!(
        written.contains("ADD COLUMN     \"phone\" TEXT"),
        "{written}"
    );
    assert!(written.contains("CREATE INDEX \"user_name\""), "{written}");
}

#[test]
fn a_missing_side_is_a_usage_error() {
    let db = TestDb::new("diff_usage");
    let project = project();
    let run = project.run(&db, &["migrate", "diff", "--from-empty", "--script"]);
    run.expect(64);
    let run = project.run(
        &db,
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--from-schema",
            "prisma/schema.prisma",
            "--to-empty",
        ],
    );
    assert!(run.code == 64 || run.code == 3, "{run:?}");
    let run = project.run(
        &db,
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-schema",
            "nope.prisma",
        ],
    );
    run.expect(3);
}

#[test]
fn migrations_replay_in_memory_without_any_database() {
    let project = project();
    project.migration("1_init", INIT);
    // No DATABASE_URL, no server at all: the in-memory replay is sure of this history.
    let unreachable = "postgresql://nobody@127.0.0.1:1/none";
    for method in ["auto", "memory"] {
        let run = project.run_with_env(
            &[
                "migrate",
                "diff",
                "--from-migrations",
                "prisma/migrations",
                "--to-schema",
                "prisma/schema.prisma",
                "--replay",
                method,
                "--exit-code",
            ],
            &[("DATABASE_URL", unreachable)],
        );
        run.expect(0);
        assert!(!run.stderr.contains("replayed"), "{}", run.stderr);
    }
    // `--replay shadow` needs the server, and says so when it cannot have it.
    let run = project.run_with_env(
        &[
            "migrate",
            "diff",
            "--from-migrations",
            "prisma/migrations",
            "--to-empty",
            "--replay",
            "shadow",
        ],
        &[("DATABASE_URL", unreachable)],
    );
    assert_ne!(run.code, 0, "{}", run.stderr);
    let run = project.run_with_env(
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-empty",
            "--replay",
            "bogus",
        ],
        &[("DATABASE_URL", unreachable)],
    );
    run.expect(64);
}

#[test]
fn an_unsure_replay_falls_back_to_a_shadow_database_and_says_why() {
    let db = TestDb::new("diff_replay_fallback");
    let project = project();
    project.migration("1_init", INIT);
    project.migration(
        "2_dynamic",
        "DO $$ BEGIN EXECUTE 'ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT'; END $$;\n",
    );
    let args = [
        "migrate",
        "diff",
        "--from-empty",
        "--to-migrations",
        "prisma/migrations",
        "--script",
    ];
    let run = project.run(&db, &args);
    run.expect(0);
    assert!(
        run.stderr.contains("replayed on a shadow database")
            && run.stderr.contains("2_dynamic, line 1"),
        "{}",
        run.stderr
    );
    // The shadow database ran the dynamic SQL: the column is there.
    assert!(run.stdout.contains("\"nickname\" TEXT"), "{}", run.stdout);
    // Forced in memory: the column is unknown, and stderr says the replay is unsure.
    let mut memory = args.to_vec();
    memory.extend(["--replay", "memory"]);
    let run = project.run(&db, &memory);
    run.expect(0);
    assert!(run.stderr.contains("unsure"), "{}", run.stderr);
    assert!(!run.stdout.contains("nickname"), "{}", run.stdout);
}

#[test]
fn a_user_who_may_not_create_databases_gets_a_throwaway_local_cluster() {
    let db = TestDb::new("diff_replay_no_createdb");
    db.execute(&format!(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'no_createdb') THEN CREATE ROLE no_createdb LOGIN PASSWORD 'pw-nocreate' NOCREATEDB; END IF; END $$; GRANT ALL ON DATABASE \"{}\" TO no_createdb; GRANT ALL ON SCHEMA public TO no_createdb;",
        db.name
    ));
    let mut url = db.url.clone();
    url.user = Some("no_createdb".to_string());
    let url = url.expose().replace(
        &format!(":{}@", driftless_testkit::PASSWORD),
        ":pw-nocreate@",
    );
    let project = project();
    project.migration("1_init", INIT);
    project.migration(
        "2_dynamic",
        "DO $$ BEGIN EXECUTE 'ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT'; END $$;\n",
    );
    let run = project.run_with_env(
        &[
            "migrate",
            "diff",
            "--from-empty",
            "--to-migrations",
            "prisma/migrations",
            "--script",
        ],
        &[("DATABASE_URL", &url)],
    );
    run.expect(0);
    assert!(
        run.stderr.contains("throwaway local cluster")
            && run.stderr.contains("may not create databases"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("\"nickname\" TEXT"), "{}", run.stdout);
    assert!(!run.stderr.contains("pw-nocreate"), "{}", run.stderr);
}
