//! Every migration history of the shared corpus deploys onto an empty database, and status
//! then says it is up to date.

use std::time::Instant;

use driftless_testkit::{TestDb, corpus_dir};

use crate::{Run, driftless_command};

#[test]
fn every_corpus_history_deploys_cleanly() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let mut report = Vec::new();
    let mut projects: Vec<_> = fs_err::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    for project in projects {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let schema = if project.join("schema").is_dir() {
            "schema"
        } else {
            "schema.prisma"
        };
        let db = TestDb::new(&format!("corpus_{name}"));
        let url = db.url_string();
        let started = Instant::now();
        let run = Run::from(
            driftless_command(
                &project,
                &["migrate", "deploy", "--schema", schema, "--url", &url],
            )
            .output()
            .unwrap(),
        );
        let elapsed = started.elapsed();
        run.expect(0);
        let status = Run::from(
            driftless_command(
                &project,
                &["migrate", "status", "--schema", schema, "--url", &url],
            )
            .output()
            .unwrap(),
        );
        status.expect(0);
        let applied =
            db.scalar("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL");
        report.push(format!(
            "{name}: {applied} migrations in {:.2} s",
            elapsed.as_secs_f64()
        ));
    }
    eprintln!(
        "corpus deploy times (debug build):\n  {}",
        report.join("\n  ")
    );
}
