//! `migrate reset` and `db execute`.

use driftless_testkit::TestDb;

use crate::{TestProject, history, table_exists};

#[test]
fn reset_needs_force_without_a_terminal_then_rebuilds_from_history() {
    let db = TestDb::new("reset_force");
    let project = TestProject::new();
    project.migration("1_init", "CREATE TABLE a (id int);\n");
    project.run(&db, &["migrate", "deploy"]).expect(0);
    db.execute(
        "INSERT INTO a VALUES (1); CREATE TABLE by_hand (id int); CREATE TYPE mood AS ENUM ('ok')",
    );
    let run = project.run(&db, &["migrate", "reset"]);
    run.expect(6);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(
        table_exists(&db, "by_hand"),
        "nothing may change without consent"
    );
    let run = project.run(&db, &["migrate", "reset", "--force"]);
    run.expect(0);
    assert!(
        run.stdout.contains("Database reset successful"),
        "{}",
        run.stdout
    );
    assert!(!table_exists(&db, "by_hand"));
    assert_eq!(
        db.scalar("SELECT count(*) FROM pg_type WHERE typname = 'mood'"),
        "0"
    );
    assert_eq!(db.scalar("SELECT count(*) FROM a"), "0");
    assert_eq!(history(&db).len(), 1);
}

#[test]
fn execute_runs_a_file_or_stdin_as_one_script() {
    let db = TestDb::new("execute_script");
    let project = TestProject::new();
    project.write(
        "fill.sql",
        "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n",
    );
    let run = project.run(&db, &["db", "execute", "--file", "fill.sql"]);
    run.expect(0);
    assert!(
        run.stdout.contains("Script executed successfully."),
        "{}",
        run.stdout
    );
    assert_eq!(db.scalar("SELECT count(*) FROM t"), "2");
    let mut command = project.command(&["db", "execute", "--stdin", "--url", &db.url_string()]);
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"INSERT INTO t VALUES (3);")
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(db.scalar("SELECT count(*) FROM t"), "3");
    // An error names the server's message and exits 1.
    project.write("bad.sql", "SELEC 1;\n");
    let run = project.run(&db, &["db", "execute", "--file", "bad.sql"]);
    run.expect(1);
    assert!(
        run.stderr.contains("syntax error at or near \"SELEC\""),
        "{}",
        run.stderr
    );
    let run = project.run(&db, &["db", "execute", "--file", "missing.sql"]);
    assert_ne!(run.code, 0);
}
