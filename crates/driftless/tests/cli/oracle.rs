//! Prisma and driftless on the same database: each accepts what the other wrote.
//! Runs when the Prisma oracle (shared/tools/prisma-oracle) is installed.

use driftless_testkit::{Oracle, TestDb};

use crate::{Run, driftless_command};

fn example_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/blog/prisma");
    copy_dir(&source, &dir.path().join("prisma"));
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    fs_err::create_dir_all(to).unwrap();
    for entry in fs_err::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs_err::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn prisma_accepts_a_history_written_by_driftless() {
    let Some(oracle) = Oracle::find() else {
        eprintln!("skipped: prisma oracle not installed (see shared/tools/prisma-oracle)");
        return;
    };
    let db = TestDb::new("oracle_driftless_first");
    let project = example_project();
    let url = db.url_string();
    Run::from(
        driftless_command(project.path(), &["migrate", "deploy"])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap(),
    )
    .expect(0);
    let prisma = oracle.run(
        project.path(),
        &["migrate", "status", "--schema", "prisma/schema.prisma"],
        &url,
    );
    assert_eq!(prisma.code, 0, "{prisma:?}");
    assert!(
        prisma.stdout.contains("Database schema is up to date!"),
        "{prisma:?}"
    );
    let prisma = oracle.run(
        project.path(),
        &["migrate", "deploy", "--schema", "prisma/schema.prisma"],
        &url,
    );
    assert!(
        prisma.stdout.contains("No pending migrations to apply."),
        "{prisma:?}"
    );
}

#[test]
fn driftless_accepts_a_history_written_by_prisma() {
    let Some(oracle) = Oracle::find() else {
        eprintln!("skipped: prisma oracle not installed (see shared/tools/prisma-oracle)");
        return;
    };
    let db = TestDb::new("oracle_prisma_first");
    let project = example_project();
    let url = db.url_string();
    let prisma = oracle.run(
        project.path(),
        &["migrate", "deploy", "--schema", "prisma/schema.prisma"],
        &url,
    );
    assert_eq!(prisma.code, 0, "{prisma:?}");
    let run = Run::from(
        driftless_command(project.path(), &["migrate", "status"])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap(),
    );
    run.expect(0);
    let run = Run::from(
        driftless_command(project.path(), &["migrate", "deploy"])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap(),
    );
    run.expect(0);
    assert!(
        run.stdout.contains("No pending migrations to apply."),
        "{}",
        run.stdout
    );
}

#[test]
fn prisma_sees_driftless_failures_and_resolutions() {
    let Some(oracle) = Oracle::find() else {
        eprintln!("skipped: prisma oracle not installed (see shared/tools/prisma-oracle)");
        return;
    };
    let db = TestDb::new("oracle_failure");
    let project = example_project();
    let broken = project
        .path()
        .join("prisma/migrations/20250301000000_broken");
    fs_err::create_dir_all(&broken).unwrap();
    fs_err::write(
        broken.join("migration.sql"),
        "ALTER TABLE \"Nope\" ADD COLUMN x int;\n",
    )
    .unwrap();
    let url = db.url_string();
    Run::from(
        driftless_command(project.path(), &["migrate", "deploy"])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap(),
    )
    .expect(7);
    let prisma = oracle.run(
        project.path(),
        &["migrate", "status", "--schema", "prisma/schema.prisma"],
        &url,
    );
    assert_eq!(prisma.code, 1, "{prisma:?}");
    assert!(
        prisma
            .stderr
            .contains("Following migration have failed:\n20250301000000_broken"),
        "{prisma:?}"
    );
    Run::from(
        driftless_command(
            project.path(),
            &[
                "migrate",
                "resolve",
                "--rolled-back",
                "20250301000000_broken",
            ],
        )
        .env("DATABASE_URL", &url)
        .output()
        .unwrap(),
    )
    .expect(0);
    let prisma = oracle.run(
        project.path(),
        &["migrate", "status", "--schema", "prisma/schema.prisma"],
        &url,
    );
    assert!(
        prisma
            .stdout
            .contains("Following migration have not yet been applied:\n20250301000000_broken"),
        "{prisma:?}"
    );
}
