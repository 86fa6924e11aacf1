//! `migrate resolve` with Prisma's rules.

use driftless_testkit::TestDb;

use crate::{TestProject, history, table_exists};

fn failed_project(db: &TestDb) -> TestProject {
    let project = TestProject::new();
    project
        .migration(
            "20251022154500_add_password_reset_fields",
            "CREATE TABLE reset (id int);\n",
        )
        .migration(
            "20251112190309_create_faq_tables",
            "CREATE TYPE \"FAQStatus\" AS ENUM ('A');\nCREATE TYPE \"FAQStatus\" AS ENUM ('A');\n",
        );
    project.run(db, &["migrate", "deploy"]).expect(7);
    project
}

#[test]
fn rolled_back_marks_the_failed_row() {
    let db = TestDb::new("resolve_rolled_back");
    let project = failed_project(&db);
    let run = project.run(
        &db,
        &[
            "migrate",
            "resolve",
            "--rolled-back",
            "20251112190309_create_faq_tables",
        ],
    );
    run.expect(0);
    assert!(
        run.stdout
            .contains("Migration 20251112190309_create_faq_tables marked as rolled back."),
        "{}",
        run.stdout
    );
    assert_eq!(
        history(&db)[1],
        (
            "20251112190309_create_faq_tables".into(),
            false,
            true,
            0,
            false
        )
    );
    let rolled_back_at =
        db.scalar("SELECT rolled_back_at FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL");
    // Again: success without touching the row, as Prisma does.
    project
        .run(
            &db,
            &[
                "migrate",
                "resolve",
                "--rolled-back",
                "20251112190309_create_faq_tables",
            ],
        )
        .expect(0);
    assert_eq!(
        db.scalar("SELECT rolled_back_at FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL"),
        rolled_back_at
    );
}

#[test]
fn applied_records_a_new_row_like_prisma_and_closes_the_failure() {
    let db = TestDb::new("resolve_applied");
    let project = failed_project(&db);
    db.execute("CREATE TYPE \"FAQStatus\" AS ENUM ('A')");
    let run = project.run(
        &db,
        &[
            "migrate",
            "resolve",
            "--applied",
            "20251112190309_create_faq_tables",
        ],
    );
    run.expect(0);
    assert!(
        run.stdout
            .contains("Migration 20251112190309_create_faq_tables marked as applied."),
        "{}",
        run.stdout
    );
    let rows = db.query("SELECT finished_at = started_at, logs, applied_steps_count, rolled_back_at IS NOT NULL FROM _prisma_migrations WHERE migration_name = '20251112190309_create_faq_tables' ORDER BY started_at");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][3], "t", "the failed attempt is marked rolled back");
    assert_eq!(
        rows[1],
        vec![
            "t".to_string(),
            String::new(),
            "0".to_string(),
            "f".to_string()
        ]
    );
    project.run(&db, &["migrate", "status"]).expect(0);
    let again = project.run(
        &db,
        &[
            "migrate",
            "resolve",
            "--applied",
            "20251112190309_create_faq_tables",
        ],
    );
    again.expect(6);
    assert!(again.stderr.contains("error[P3008]: migration `20251112190309_create_faq_tables` is already recorded as applied"), "{}", again.stderr);
}

#[test]
fn resolving_a_pending_migration_as_applied_skips_it() {
    let db = TestDb::new("resolve_pending_applied");
    let project = TestProject::new();
    project.migration("1_from_db_push", "CREATE TABLE pushed (id int);\n");
    db.execute("CREATE TABLE pushed (id int)");
    project
        .run(&db, &["migrate", "resolve", "--applied", "1_from_db_push"])
        .expect(0);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    project.run(&db, &["migrate", "status"]).expect(0);
    assert_eq!(history(&db).len(), 1);
}

#[test]
fn unknown_names_get_suggestions() {
    let db = TestDb::new("resolve_suggestions");
    let project = failed_project(&db);
    let run = project.run(
        &db,
        &["migrate", "resolve", "--applied", "create_faq_tables"],
    );
    run.expect(3);
    assert!(
        run.stderr
            .contains("error[P3017]: migration `create_faq_tables` could not be found in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: did you mean `20251112190309_create_faq_tables`?"),
        "{}",
        run.stderr
    );
    let run = project.run(
        &db,
        &[
            "migrate",
            "resolve",
            "--rolled-back",
            "20251022154500_add_password_reset_field",
        ],
    );
    run.expect(6);
    assert!(run.stderr.contains("error[P3011]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("did you mean `20251022154500_add_password_reset_fields`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn rolled_back_on_an_applied_migration_is_refused() {
    let db = TestDb::new("resolve_not_failed");
    let project = failed_project(&db);
    let run = project.run(
        &db,
        &[
            "migrate",
            "resolve",
            "--rolled-back",
            "20251022154500_add_password_reset_fields",
        ],
    );
    run.expect(6);
    assert!(run.stderr.contains("error[P3012]: migration `20251022154500_add_password_reset_fields` cannot be rolled back because it is not in a failed state (it is applied)"), "{}", run.stderr);
    assert!(table_exists(&db, "reset"));
}

#[test]
fn a_pasted_folder_path_is_accepted() {
    let db = TestDb::new("resolve_path");
    let project = failed_project(&db);
    project
        .run(
            &db,
            &[
                "migrate",
                "resolve",
                "--rolled-back",
                "prisma/migrations/20251112190309_create_faq_tables/",
            ],
        )
        .expect(0);
}
