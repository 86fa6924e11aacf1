//! The drift between each corpus project's migration history and its own schema.prisma,
//! computed without a database (the history replayed in memory): it is exactly what the
//! real Prisma reports for a database built from that history (its cached output, minus
//! Prisma's own false positives), and the known drift of the corpus is named — trigger.dev's
//! 30 foreign keys dropped by its history but declared by its schema and two `updatedAt`
//! columns with a database default the schema lacks, umami's index that no migration
//! creates.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use driftless_diagnostics::Style;
use driftless_diff::{Change, DiffMode, Side, TableChange};
use driftless_engine::diff::compare;
use driftless_engine::history::{HistoryOptions, ReplayMethod, ShadowServer, history_schema};
use driftless_engine::schema_file::load_schema;
use driftless_migrations::MigrationsDirectory;
use driftless_schema::Pair;
use driftless_sql::render::{RenderOptions, render_script};
use driftless_testkit::corpus_dir;

/// Statements Prisma prints for a database that matches the schema: it re-creates indexes
/// whose operator class or sort order it does not read back.
const PRISMA_FALSE_POSITIVES: &[&str] = &[
    "\"SecretStore_key_idx\"",
    "\"TaskRun_runtimeEnvironmentId_createdAt_idx\"",
];

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

fn schema_path(project: &Path) -> PathBuf {
    if project.join("schema").is_dir() {
        project.join("schema")
    } else if project.join("models").is_dir() {
        project.to_path_buf()
    } else {
        project.join("schema.prisma")
    }
}

#[test]
fn history_against_schema_is_what_prisma_reports_and_names_the_known_drift() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipped: the corpus is not here (set DRIFTLESS_CORPUS)");
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut projects: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("migrations").is_dir())
        .collect();
    projects.sort();
    assert!(projects.len() >= 8, "{projects:?}");
    let mut report = Vec::new();
    for project in projects {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let directory = MigrationsDirectory::read(&project.join("migrations")).unwrap();
        let target = load_schema(
            &schema_path(&project),
            &project,
            "public",
            Style { color: false },
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .schema;
        let namespaces = if target.namespaces.is_empty() {
            vec!["public".to_string()]
        } else {
            target.namespaces.clone()
        };
        let options = HistoryOptions {
            method: ReplayMethod::Memory,
            default_schema: "public".to_string(),
            namespaces,
            shadow: ShadowServer::Unavailable("a test without a database".to_string()),
            connect: Default::default(),
            extension_versions: Default::default(),
            interrupt: driftless_engine::interrupt::Interrupt::new(),
            cache: None,
        };
        let started = std::time::Instant::now();
        let history = runtime
            .block_on(history_schema(&directory.migrations, &options))
            .unwrap();
        let elapsed = started.elapsed();
        let changes = compare(
            Pair::new(&history.schema, &target),
            DiffMode::AgainstPrismaSchema {
                schema_side: Side::Next,
            },
        );
        let script = render_script(
            &changes,
            Pair::new(&history.schema, &target),
            &RenderOptions {
                default_schema: "public".to_string(),
            },
        );
        let oracle = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/corpus-oracle")
            .join(&name)
            .join("history-to-schema.sql");
        let expected = fs_err::read_to_string(&oracle).unwrap();
        let theirs: Vec<String> = statements(&expected)
            .into_iter()
            .filter(|s| !s.starts_with("This is an empty migration"))
            .filter(|s| !PRISMA_FALSE_POSITIVES.iter().any(|p| s.contains(p)))
            .collect();
        let ours: Vec<String> = statements(&script)
            .into_iter()
            .filter(|s| !s.starts_with("This is an empty migration"))
            .collect();
        assert_eq!(ours, theirs, "{name}: history vs schema.prisma");

        let foreign_keys = changes
            .changes
            .iter()
            .filter(|c| matches!(c, Change::AddForeignKey { .. }))
            .count();
        let defaults = changes
            .changes
            .iter()
            .flat_map(|c| match c {
                Change::AlterTable { changes, .. } => changes.clone(),
                _ => Vec::new(),
            })
            .filter(|c| matches!(c, TableChange::AlterColumn { changes, .. } if changes.default))
            .count();
        let indexes = changes
            .changes
            .iter()
            .filter(|c| matches!(c, Change::CreateIndex { .. }))
            .count();
        match name.as_str() {
            "trigger.dev" => {
                assert_eq!(foreign_keys, 30, "{name}: {script}");
                assert_eq!(defaults, 2, "{name}: {script}");
            }
            "umami" => {
                assert_eq!(indexes, 1, "{name}: {script}");
                assert!(script.contains("session_replay_visit_id_idx"), "{script}");
            }
            _ => {}
        }
        report.push(format!(
            "{name}: {} migrations replayed in memory in {:.1} ms, {} change{} between history and schema.prisma",
            directory.migrations.len(),
            elapsed.as_secs_f64() * 1000.0,
            changes.changes.len(),
            if changes.changes.len() == 1 { "" } else { "s" }
        ));
    }
    eprintln!("{}", report.join("\n"));
}
