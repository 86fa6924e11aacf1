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
