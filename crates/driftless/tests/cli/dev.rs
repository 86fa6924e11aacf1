//! `driftless dev`: the local development database, and commands falling back to it when
//! no database URL is configured.

use crate::{Run, driftless_command};

/// Stops the project's development database even when the test fails.
struct StopOnDrop<'a>(&'a std::path::Path);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let _ = driftless_command(self.0, &["dev", "stop"]).output();
    }
}

#[test]
fn commands_use_the_development_database_when_no_url_is_configured() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/blog");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(&source)
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let project = dir.path().join("blog");
    let _stop = StopOnDrop(&project);

    let run = Run::from(
        driftless_command(&project, &["dev", "status"])
            .output()
            .unwrap(),
    );
    run.expect(1);
    assert!(run.stdout.contains("not created"), "{}", run.stdout);

    let run = Run::from(
        driftless_command(&project, &["migrate", "deploy"])
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert!(run.stderr.contains("no database URL is configured: using the local development database, which was started for this"), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("All migrations have been successfully applied."),
        "{}",
        run.stdout
    );
    assert!(project.join(".driftless/.gitignore").is_file());

    let url = Run::from(
        driftless_command(&project, &["dev", "url"])
            .output()
            .unwrap(),
    );
    url.expect(0);
    assert!(
        url.stdout.starts_with("postgresql://postgres@127.0.0.1:"),
        "{}",
        url.stdout
    );
    assert!(url.stdout.trim_end().ends_with("/blog"), "{}", url.stdout);

    let run = Run::from(
        driftless_command(&project, &["migrate", "status"])
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert!(
        run.stderr
            .contains("using the local development database ("),
        "{}",
        run.stderr
    );

    let run = Run::from(
        driftless_command(&project, &["dev", "status", "--json"])
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert_eq!(run.json()["status"]["created"], true);

    Run::from(
        driftless_command(&project, &["dev", "stop"])
            .output()
            .unwrap(),
    )
    .expect(0);
    let run = Run::from(
        driftless_command(&project, &["dev", "status"])
            .output()
            .unwrap(),
    );
    run.expect(1);
    assert!(run.stdout.contains("stopped"), "{}", run.stdout);

    // Started again, it keeps its data and its port.
    let start = Run::from(
        driftless_command(&project, &["dev", "start"])
            .output()
            .unwrap(),
    );
    start.expect(0);
    assert_eq!(start.stdout, url.stdout);
    Run::from(
        driftless_command(&project, &["migrate", "status"])
            .output()
            .unwrap(),
    )
    .expect(0);
}

#[test]
fn a_configured_but_unset_url_never_falls_back_to_the_development_database() {
    let dir = tempfile::tempdir().unwrap();
    fs_err::create_dir_all(dir.path().join("prisma")).unwrap();
    fs_err::write(
        dir.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"PROD_DATABASE_URL\")\n}\n",
    )
    .unwrap();
    let run = Run::from(
        driftless_command(dir.path(), &["migrate", "deploy"])
            .output()
            .unwrap(),
    );
    run.expect(3);
    assert!(
        run.stderr
            .contains("environment variable `PROD_DATABASE_URL` is not set"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join(".driftless").exists());
}
