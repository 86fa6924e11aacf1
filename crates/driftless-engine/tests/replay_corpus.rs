//! The decisive test of the in-memory replay: for every project of the shared corpus, the
//! schema that the replay computes from the migration history is identical to what
//! introspection reads from a real database where the same history was deployed (both in
//! canonical form). Prefixes of the largest history are checked the same way, so an error
//! that a later migration happens to hide is still found.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use driftless_db::{ConnectOptions, Connection, introspect};
use driftless_diff::{DiffMode, summarize};
use driftless_engine::deploy::{DeployOptions, SilentReporter, migrate_deploy};
use driftless_engine::diff::compare;
use driftless_engine::interrupt::Interrupt;
use driftless_migrations::MigrationsDirectory;
use driftless_schema::{Pair, Schema};
use driftless_sql::canonical::canonicalize_schema;
use driftless_sql::replay::{ReplayOptions, Replayer};
use driftless_testkit::{TestDb, corpus_dir};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn projects() -> Vec<PathBuf> {
    let Some(corpus) = corpus_dir() else {
        return Vec::new();
    };
    let mut projects: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("migrations").is_dir())
        .collect();
    projects.sort();
    projects
}

fn canonical(schema: &Schema) -> Schema {
    let mut copy = schema.clone();
    canonicalize_schema(&mut copy);
    copy.sort();
    copy
}

/// A precise account of the first differences: the differ's summary and SQL, then the
/// first differing objects side by side.
fn explain(replayed: &Schema, introspected: &Schema) -> String {
    let mut out = String::new();
    let changes = compare(Pair::new(replayed, introspected), DiffMode::Exact);
    out.push_str(&format!(
        "differ (replay -> database): {}\n",
        summarize(&changes, Pair::new(replayed, introspected))
    ));
    let (a, b) = (canonical(replayed), canonical(introspected));
    let mut shown = 0;
    macro_rules! by_name {
        ($field:ident, $key:expr) => {
            let left: BTreeMap<String, String> = a
                .$field
                .iter()
                .map(|x| ($key(x), format!("{x:#?}")))
                .collect();
            let right: BTreeMap<String, String> = b
                .$field
                .iter()
                .map(|x| ($key(x), format!("{x:#?}")))
                .collect();
            for key in left
                .keys()
                .chain(right.keys())
                .collect::<std::collections::BTreeSet<_>>()
            {
                if left.get(key) != right.get(key) && shown < 4 {
                    shown += 1;
                    out.push_str(&format!(
                        "--- {} {key}\nreplay:   {}\ndatabase: {}\n",
                        stringify!($field),
                        left.get(key).map_or("(missing)", String::as_str),
                        right.get(key).map_or("(missing)", String::as_str),
                    ));
                }
            }
        };
    }
    by_name!(tables, |t: &driftless_schema::Table| t.name.to_string());
    by_name!(enums, |e: &driftless_schema::Enum| e.name.to_string());
    by_name!(sequences, |s: &driftless_schema::Sequence| s
        .name
        .to_string());
    by_name!(functions, |f: &driftless_schema::Function| format!(
        "{}({})",
        f.name, f.arguments
    ));
    by_name!(triggers, |t: &driftless_schema::Trigger| format!(
        "{}.{}",
        t.table, t.name
    ));
    by_name!(views, |v: &driftless_schema::View| v.name.to_string());
    by_name!(extensions, |e: &driftless_schema::Extension| e.name.clone());
    by_name!(domains, |d: &driftless_schema::Domain| d.name.to_string());
    by_name!(other_types, |o: &driftless_schema::OtherType| o
        .name
        .to_string());
    if a.namespaces != b.namespaces {
        out.push_str(&format!(
            "namespaces: {:?} vs {:?}\n",
            a.namespaces, b.namespaces
        ));
    }
    out
}

async fn extension_versions(connection: &Connection) -> BTreeMap<String, String> {
    connection
        .client()
        .query(
            "SELECT name::text, default_version::text FROM pg_available_extensions WHERE default_version IS NOT NULL",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// Replays `project`'s history, stopping at each of `checkpoints` (numbers of migrations),
/// and compares each stop with the deployed database. Returns the failures.
fn check_project(project: &std::path::Path, checkpoints: &[usize]) -> Vec<String> {
    let name = project.file_name().unwrap().to_string_lossy().into_owned();
    let directory = MigrationsDirectory::read(&project.join("migrations")).unwrap();
    let db = TestDb::new(&format!("replay_{name}"));
    let namespaces = vec!["public".to_string()];
    let mut failures = Vec::new();
    rt().block_on(async {
        let mut connection = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        let mut options = ReplayOptions::new("public");
        options.extension_versions = extension_versions(&connection).await;
        let mut replayer = Replayer::new(Schema::default(), options);
        let mut done = 0;
        for &stop in checkpoints {
            let stop = stop.min(directory.migrations.len());
            for migration in &directory.migrations[done..stop] {
                replayer.apply(&migration.name, &String::from_utf8_lossy(&migration.script));
            }
            done = stop;
            let prefix = MigrationsDirectory {
                migrations: directory.migrations[..stop].to_vec(),
                ..directory.clone()
            };
            migrate_deploy(
                &mut connection,
                &prefix,
                &DeployOptions::default(),
                &SilentReporter,
                &Interrupt::new(),
            )
            .await
            .unwrap();
            let introspected = introspect(&connection, &namespaces).await.unwrap();
            let replayed = replayer.snapshot();
            let unsure: Vec<String> = replayer
                .migrations()
                .iter()
                .filter(|m| m.has_open_doubts())
                .flat_map(|m| m.doubts.iter().map(move |d| format!("{} line {}: {}", m.name, d.line, d.reason)))
                .collect();
            // While a view exists the replay knows it only approximately (and says so):
            // then everything but the views' definitions must agree.
            let only_views = !unsure.is_empty()
                && replayer.migrations().iter().all(|m| {
                    m.doubts
                        .iter()
                        .filter(|d| d.resolved_by.is_none())
                        .all(|d| d.kind == driftless_sql::replay::DoubtKind::Approximate)
                });
            let (mut replayed, mut introspected) = (replayed, introspected);
            if only_views {
                for view in replayed.views.iter_mut().chain(introspected.views.iter_mut()) {
                    view.definition = None;
                }
            }
            if canonical(&replayed) != canonical(&introspected) {
                failures.push(format!(
                    "{name} after {stop} migrations: the replay differs from the database (open doubts: {})\n{}",
                    unsure.len(),
                    explain(&replayed, &introspected)
                ));
                // Later checkpoints would repeat the same difference.
                break;
            }
        }
        let open: Vec<String> = replayer
            .migrations()
            .iter()
            .filter(|m| m.has_open_doubts())
            .map(|m| {
                format!(
                    "{} ({})",
                    m.name,
                    m.doubts
                        .iter()
                        .filter(|d| d.resolved_by.is_none())
                        .map(|d| format!("line {}: {}", d.line, d.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })
            .collect();
        let end = replayer.snapshot();
        assert!(!end.tables.is_empty(), "{name}: the replay produced no table");
        eprintln!(
            "{name}: {} migrations replayed ({} tables, {} indexes, {} enums), {} unsure at the end{}",
            done,
            end.tables.len(),
            end.indexes().count(),
            end.enums.len(),
            open.len(),
            if open.is_empty() {
                String::new()
            } else {
                format!(":\n    {}", open.join("\n    "))
            }
        );
    });
    failures
}

#[test]
fn every_corpus_history_replays_to_what_the_database_holds() {
    let projects = projects();
    if projects.is_empty() {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    }
    let mut failures = Vec::new();
    for project in projects {
        failures.extend(check_project(&project, &[usize::MAX]));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn prefixes_of_the_largest_history_replay_exactly() {
    let Some(project) = projects()
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "trigger.dev"))
    else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let checkpoints: Vec<usize> = (1..=17).map(|i| i * 50).collect();
    let failures = check_project(&project, &checkpoints);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn prefixes_of_the_view_history_replay_exactly_or_say_why_not() {
    // langfuse creates, rewrites and drops views: in between, the replay must be unsure.
    let Some(project) = projects()
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "langfuse"))
    else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let checkpoints: Vec<usize> = (1..=9).map(|i| i * 50).collect();
    let failures = check_project(&project, &checkpoints);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
