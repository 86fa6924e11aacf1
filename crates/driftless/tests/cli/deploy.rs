//! `migrate deploy`: the three execution modes, what a failure leaves behind in each, and
//! the lock.

use driftless_testkit::TestDb;

use crate::{TestProject, history, table_exists};

#[test]
fn a_failing_migration_leaves_nothing_behind_and_blocks_the_next_deploy() {
    let db = TestDb::new("deploy_atomic");
    let project = TestProject::new();
    project
        .migration("1_ok", "CREATE TABLE ok (id int);\n")
        .migration("2_bad", "CREATE TABLE half (id int);\nINSERT INTO ok VALUES (1);\nALTER TABLE missing ADD COLUMN x int;\n")
        .migration("3_later", "CREATE TABLE later (id int);\n");
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(7);
    assert!(run.stderr.contains("error[P3018]: migration `2_bad` failed to apply: relation \"missing\" does not exist (42P01)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> prisma/migrations/2_bad/migration.sql:3:1\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "3 | ALTER TABLE missing ADD COLUMN x int;\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: fix `prisma/migrations/2_bad/migration.sql`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing of it was applied"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Applied before the failure: `1_ok`"),
        "{}",
        run.stderr
    );
    assert!(
        !table_exists(&db, "half"),
        "the failed migration's first statement must be rolled back"
    );
    assert_eq!(db.scalar("SELECT count(*) FROM ok"), "0");
    assert!(!table_exists(&db, "later"));
    let rows = history(&db);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], ("1_ok".into(), true, false, 1, true));
    assert_eq!(rows[1], ("2_bad".into(), false, false, 0, false));
    let logs = db.scalar("SELECT logs FROM _prisma_migrations WHERE migration_name = '2_bad'");
    assert!(logs.contains("Database error code: 42P01"), "{logs}");
    assert!(logs.contains("Position: line 3, column 1"), "{logs}");

    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(6);
    assert!(run.stderr.contains("error[P3009]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("driftless migrate resolve --rolled-back \"2_bad\""),
        "{}",
        run.stderr
    );

    project.migration("2_bad", "CREATE TABLE half (id int);\n");
    project
        .run(&db, &["migrate", "resolve", "--rolled-back", "2_bad"])
        .expect(0);
    project.run(&db, &["migrate", "deploy"]).expect(0);
    assert!(table_exists(&db, "half") && table_exists(&db, "later"));
    project.run(&db, &["migrate", "status"]).expect(0);
}

#[test]
fn concurrently_statements_run_statement_by_statement_even_when_mixed() {
    let db = TestDb::new("deploy_concurrently");
    let project = TestProject::new();
    project
        .migration("1_table", "CREATE TABLE t (id int, v text);\n")
        .migration("2_only_cic", "-- CreateIndex\nCREATE INDEX CONCURRENTLY \"t_v_idx\" ON \"t\"(\"v\");\n")
        .migration(
            "3_mixed",
            "ALTER TABLE t ADD COLUMN w int;\nCREATE INDEX CONCURRENTLY t_w_idx ON t (w);\nCOMMENT ON COLUMN t.w IS 'x; y';\n",
        );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(run.stderr.contains("Applying migration `2_only_cic` (statement by statement: CREATE INDEX CONCURRENTLY at line 2 cannot run in a transaction)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Applying migration `1_table` (in a transaction)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 't'"),
        "2"
    );
    assert_eq!(
        db.scalar("SELECT col_description('t'::regclass, 3)"),
        "x; y"
    );
    assert!(
        history(&db).iter().all(|r| r.1 && r.3 == 1 && r.4),
        "{:?}",
        history(&db)
    );
}

#[test]
fn a_statement_by_statement_failure_records_which_statements_took_effect() {
    let db = TestDb::new("deploy_partial");
    let project = TestProject::new();
    project.migration(
        "1_mixed",
        "CREATE TABLE one (id int);\nCREATE TABLE two (id int);\nCREATE INDEX CONCURRENTLY one_idx ON one (id);\nCREATE TABLE three (id int);\nCREATE INDEX CONCURRENTLY bad_idx ON nowhere (id);\n",
    );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(7);
    assert!(
        run.stderr
            .contains("statements 1–4 of 5 took effect, the rest did not"),
        "{}",
        run.stderr
    );
    assert!(table_exists(&db, "one") && table_exists(&db, "two") && table_exists(&db, "three"));
    let logs = db.scalar("SELECT logs FROM _prisma_migrations");
    assert!(logs.contains("statements 1–4 of 5 took effect"), "{logs}");
    assert!(!history(&db)[0].1, "the row stays unfinished");
    let status = project.run(&db, &["migrate", "status"]);
    status.expect(11);
    assert!(
        status.stderr.contains("statements 1–4 of 5 took effect"),
        "{}",
        status.stderr
    );
}

#[test]
fn scripts_with_their_own_transactions_run_transaction_by_transaction() {
    let db = TestDb::new("deploy_script");
    let project = TestProject::new();
    project
        .migration("1_enum", "CREATE TYPE \"Color\" AS ENUM ('RED', 'GREEN', 'BLUE');\nCREATE TABLE paint (c \"Color\");\n")
        .migration(
            "2_remove_value",
            "BEGIN;\nCREATE TYPE \"Color_new\" AS ENUM ('RED', 'GREEN');\nALTER TABLE \"paint\" ALTER COLUMN \"c\" TYPE \"Color_new\" USING (\"c\"::text::\"Color_new\");\nALTER TYPE \"Color\" RENAME TO \"Color_old\";\nALTER TYPE \"Color_new\" RENAME TO \"Color\";\nDROP TYPE \"Color_old\";\nCOMMIT;\n",
        );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stderr
            .contains("`2_remove_value` (transaction by transaction: it manages its own transactions (line 1))"),
        "{}",
        run.stderr
    );
    assert_eq!(
        db.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"),
        "RED,GREEN"
    );
    assert_eq!(
        history(&db)[1],
        ("2_remove_value".into(), true, false, 1, true)
    );
}

#[test]
fn a_script_failing_after_its_commit_keeps_what_was_committed() {
    let db = TestDb::new("deploy_script_partial");
    let project = TestProject::new();
    project.migration(
        "1_script",
        "BEGIN;\nCREATE TABLE committed (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE lost (id int);\nSELECT * FROM nowhere;\nCOMMIT;\n",
    );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(7);
    assert!(table_exists(&db, "committed"));
    assert!(!table_exists(&db, "lost"));
    assert!(
        run.stderr.contains("statements 1–3 of 7 took effect"),
        "{}",
        run.stderr
    );
}

#[test]
fn dollar_quotes_do_blocks_and_data_migrations_run() {
    let db = TestDb::new("deploy_plpgsql");
    let project = TestProject::new();
    project.migration(
        "1_functions",
        "CREATE TABLE users (id serial PRIMARY KEY, password text);\nCREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.password := 'x;y';\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\nDO $do$ BEGIN PERFORM 1; END $do$;\nINSERT INTO users (password) VALUES ('$2b$10$abc;def'); -- a ; in a comment\n",
    );
    project.run(&db, &["migrate", "deploy"]).expect(0);
    assert_eq!(db.scalar("SELECT password FROM users"), "$2b$10$abc;def");
}

#[test]
fn session_settings_do_not_leak_into_the_next_migration() {
    let db = TestDb::new("deploy_settings");
    let project = TestProject::new();
    project
        .migration("1_set", "SET lock_timeout = '1s';\nSET search_path TO pg_catalog;\nCREATE TABLE public.a (id int);\n")
        .migration("2_check", "CREATE TABLE settings AS SELECT current_setting('lock_timeout') AS lock_timeout, current_setting('search_path') AS search_path;\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    assert_eq!(
        db.query("SELECT lock_timeout, search_path FROM public.settings"),
        vec![vec!["0".to_string(), "public".to_string()]]
    );
}

#[test]
fn the_schema_url_parameter_places_history_and_objects() {
    let db = TestDb::new("deploy_schema_param");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE thing (id int);\n");
    let url = db.url_with_schema("tenant_a");
    let run = project.run_with_env(&["migrate", "deploy"], &[("DATABASE_URL", &url)]);
    run.expect(0);
    assert!(run.stdout.contains("schema \"tenant_a\""), "{}", run.stdout);
    assert_eq!(
        db.scalar("SELECT count(*) FROM tenant_a._prisma_migrations"),
        "1"
    );
    assert_eq!(
        db.scalar("SELECT to_regclass('tenant_a.thing') IS NOT NULL"),
        "t"
    );
    project
        .run_with_env(&["migrate", "status"], &[("DATABASE_URL", &url)])
        .expect(0);
    project.run(&db, &["migrate", "status"]).expect(10);
}

#[test]
fn deploy_with_nothing_pending_says_so_and_json_lists_what_was_applied() {
    let db = TestDb::new("deploy_json");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    let run = project.run(&db, &["migrate", "deploy", "--json"]);
    run.expect(0);
    let json = run.json();
    assert_eq!(json["applied"][0]["name"], "1_init");
    assert_eq!(json["applied"][0]["mode"], "transaction");
    assert_eq!(json["historyTableCreated"], true);
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stdout.contains("No pending migrations to apply."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_held_lock_times_out_naming_the_holder() {
    let db = TestDb::new("deploy_lock_timeout");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    let holder = db.connect();
    holder.execute("SET application_name = 'stuck-deploy'; SELECT pg_advisory_lock(72707369)");
    let pid = holder.scalar("SELECT pg_backend_pid()");
    let started = std::time::Instant::now();
    let run = project.run(&db, &["migrate", "deploy", "--lock-timeout", "0.5"]);
    run.expect(5);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(
        run.stderr
            .contains("error[P1002]: timed out after 0.5 s waiting for the migration lock"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("holds  pid {pid} (stuck-deploy")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("SELECT pg_terminate_backend({pid});")),
        "{}",
        run.stderr
    );
    assert!(!table_exists(&db, "a"));
    holder.execute("SELECT pg_advisory_unlock(72707369)");
    project.run(&db, &["migrate", "deploy"]).expect(0);
}

#[test]
fn a_provider_mismatch_is_refused() {
    let db = TestDb::new("deploy_provider");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.write(
        "prisma/migrations/migration_lock.toml",
        "provider = \"mysql\"\n",
    );
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(6);
    assert!(run.stderr.contains("error[P3019]"), "{}", run.stderr);
    assert!(!table_exists(&db, "a"));
}

#[test]
fn odd_folders_are_warned_about_not_fatal() {
    let db = TestDb::new("deploy_odd_folders");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.write("prisma/migrations/README.md", "notes");
    project.write("prisma/migrations/2_no_script/notes.txt", "x");
    fs_err::create_dir_all(project.migrations().join("3_empty")).unwrap();
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(0);
    assert!(
        run.stderr
            .contains("warning: `README.md` in the migrations folder is not a migration"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: migration folder `2_no_script` has no `migration.sql`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: migration folder `3_empty` is empty"),
        "{}",
        run.stderr
    );
}
