//! Bad input and broken databases: a clear message, a distinct exit code, nothing half
//! written, no panic, no password.

use std::time::{Duration, Instant};

use driftless_testkit::{PASSWORD, TestDb, cluster};

use crate::{TestProject, history, table_exists};

#[test]
fn an_invalid_url_is_an_input_error() {
    let project = TestProject::new();
    let run = project.run_with_env(
        &["migrate", "status"],
        &[("DATABASE_URL", "postgresql://u:secretpw@host:99999/db")],
    );
    run.expect(3);
    assert!(run.stderr.contains("error[P1013]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the port `99999` is not a number between 1 and 65535"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("secretpw"), "{}", run.stderr);
    let run = project.run_with_env(
        &["migrate", "status"],
        &[("DATABASE_URL", "mysql://u:p@h/db")],
    );
    run.expect(3);
    assert!(
        run.stderr.contains("`mysql://` URLs are not supported"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unreachable_server_is_a_connection_error() {
    let project = TestProject::new();
    let port = driftless_db::cluster::free_port().unwrap();
    let url = format!("postgresql://postgres:{PASSWORD}@127.0.0.1:{port}/db");
    let run = project.run_with_env(&["migrate", "deploy"], &[("DATABASE_URL", &url)]);
    run.expect(4);
    assert!(
        run.stderr.contains(&format!(
            "error[P1001]: cannot reach the database server at `127.0.0.1:{port}`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: check that the server is running"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failed_login_is_a_connection_error_without_the_password() {
    let project = TestProject::new();
    let url = format!(
        "postgresql://postgres:wrong-{PASSWORD}@127.0.0.1:{}/postgres",
        cluster().port
    );
    let run = project.run_with_env(&["migrate", "status"], &[("DATABASE_URL", &url)]);
    run.expect(4);
    assert!(
        run.stderr
            .contains("error[P1000]: authentication failed for user `postgres`"),
        "{}",
        run.stderr
    );
}

#[test]
fn deploy_creates_a_missing_database_as_prisma_does() {
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    let url = format!(
        "postgresql://postgres:{PASSWORD}@127.0.0.1:{}/created_by_deploy",
        cluster().port
    );
    let run = project.run_with_env(&["migrate", "deploy"], &[("DATABASE_URL", &url)]);
    run.expect(0);
    assert!(
        run.stdout
            .contains("PostgreSQL database created_by_deploy created at 127.0.0.1:"),
        "{}",
        run.stdout
    );
    project
        .run_with_env(&["migrate", "status"], &[("DATABASE_URL", &url)])
        .expect(0);
}

#[test]
fn a_missing_database_says_how_to_create_it() {
    let project = TestProject::new();
    let url = format!(
        "postgresql://postgres:{PASSWORD}@127.0.0.1:{}/no_such_db",
        cluster().port
    );
    let run = project.run_with_env(&["migrate", "status"], &[("DATABASE_URL", &url)]);
    run.expect(4);
    assert!(
        run.stderr
            .contains("error[P1003]: database `no_such_db` does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("CREATE DATABASE \"no_such_db\";"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unset_url_variable_is_named() {
    let project = TestProject::new();
    let run = project.run_with_env(&["migrate", "status"], &[]);
    run.expect(3);
    assert!(
        run.stderr
            .contains("environment variable `DATABASE_URL` is not set"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`url = env(\"DATABASE_URL\")` in `prisma/schema.prisma`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unreadable_migration_is_an_input_error() {
    let db = TestDb::new("errors_unreadable");
    let project = TestProject::new();
    // A directory where the script should be: unreadable even for root.
    fs_err::create_dir_all(project.migrations().join("1_broken/migration.sql")).unwrap();
    let run = project.run(&db, &["migrate", "deploy"]);
    run.expect(3);
    assert!(
        run.stderr
            .contains("cannot read the migrations folder: cannot read"),
        "{}",
        run.stderr
    );
    assert!(!table_exists(&db, "_prisma_migrations"));
    let project = TestProject::new();
    fs_err::remove_dir_all(project.migrations()).unwrap();
    project.write("prisma/migrations", "not a folder");
    project.run(&db, &["migrate", "status"]).expect(3);
}

#[test]
fn a_missing_schema_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::Run::from(
        crate::driftless_command(dir.path(), &["migrate", "status"])
            .output()
            .unwrap(),
    );
    run.expect(3);
    assert!(
        run.stderr.contains("could not find a Prisma schema"),
        "{}",
        run.stderr
    );
}

#[test]
fn ctrl_c_during_a_migration_cancels_it_and_writes_nothing() {
    let db = TestDb::new("errors_ctrl_c");
    let project = TestProject::new();
    project
        .migration("1_fast", "CREATE TABLE fast (id int);\n")
        .migration(
            "2_slow",
            "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n",
        );
    let child = project
        .command(&["migrate", "deploy"])
        .env("DATABASE_URL", db.url_string())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while db.scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()") == "0" {
        assert!(Instant::now() < deadline, "the slow migration never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let started = Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    let run = crate::Run::from(output);
    run.expect(130);
    assert!(
        run.stderr.contains("interrupted while applying `2_slow`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing of it was applied or recorded"),
        "{}",
        run.stderr
    );
    assert!(table_exists(&db, "fast"));
    assert!(!table_exists(&db, "slow"));
    assert_eq!(history(&db).len(), 1);
    project.run(&db, &["migrate", "status"]).expect(10);
}

#[test]
fn generate_and_studio_point_at_the_orm() {
    let project = TestProject::new();
    for command in ["generate", "studio"] {
        let run = project.run_with_env(&[command, "--watch"], &[]);
        run.expect(6);
        assert!(
            run.stderr
                .contains("driftless manages schemas and migrations, not clients"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("npx prisma {command}")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn obsolete_flags_are_accepted_with_a_warning_and_usage_errors_exit_64() {
    let db = TestDb::new("errors_flags");
    let project = TestProject::new();
    let run = project.run(&db, &["migrate", "deploy", "--preview-feature"]);
    run.expect(0);
    assert!(
        run.stderr
            .contains("warning: `--preview-feature` is an obsolete Prisma flag"),
        "{}",
        run.stderr
    );
    project
        .run(&db, &["migrate", "deploy", "--no-such-flag"])
        .expect(64);
    project.run(&db, &["migrate", "resolve"]).expect(64);
}
