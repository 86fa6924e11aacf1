//! Every migration history of the shared corpus deploys onto an empty database, and status
//! then says it is up to date.

use std::time::Instant;

use driftless_testkit::{TestDb, corpus_dir};

use crate::{Run, driftless_command};

/// Statements Prisma prints for a database that matches the schema: it re-creates indexes
/// whose operator class or sort order it does not read back.
const PRISMA_FALSE_POSITIVES: &[&str] = &[
    "\"SecretStore_key_idx\"",
    "\"TaskRun_runtimeEnvironmentId_createdAt_idx\"",
];

/// The statements of a script, comments dropped, sorted (Prisma orders some steps
/// differently; the set is what must agree).
fn statements(script: &str) -> Vec<String> {
    let text: String = script
        .lines()
        .filter(|l| !l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut all: Vec<String> = text
        .split(";\n")
        .map(|s| s.trim().trim_end_matches(';').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    all.sort();
    all
}

#[test]
fn every_corpus_history_deploys_cleanly() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let mut report = Vec::new();
    for project in crate::corpus_projects(&corpus) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let schema = crate::corpus_schema_arg(&project);
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
        // No phantom changes: the deployed database against the project's own schema gives
        // the changes Prisma gives (cached), minus Prisma's own false positives.
        let diff = Run::from(
            driftless_command(
                &project,
                &[
                    "migrate",
                    "diff",
                    "--schema",
                    schema,
                    "--from-url",
                    &url,
                    "--to-schema",
                    schema,
                    "--script",
                ],
            )
            .output()
            .unwrap(),
        );
        diff.expect(0);
        let oracle = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/corpus-oracle")
            .join(&name)
            .join("history-to-schema.sql");
        if let Ok(expected) = fs_err::read_to_string(&oracle) {
            let ours = statements(&diff.stdout);
            let theirs: Vec<String> = statements(&expected)
                .into_iter()
                .filter(|s| !PRISMA_FALSE_POSITIVES.iter().any(|p| s.contains(p)))
                .collect();
            assert_eq!(ours, theirs, "{name}: live database vs schema.prisma");
        }
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
