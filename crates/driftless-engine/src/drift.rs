//! The three-way drift report: (a) the database against what its applied migrations
//! produce — objects made by `db push` or by hand, objects the history makes that the
//! database lacks, objects that differ —, (b) the migration history against schema.prisma —
//! schema changes that no migration holds yet —, and (c) pending and failed migrations.
//! Every object is named, with the SQL that reconciles it.
//!
//! The history's schema comes from the in-memory replay (a shadow database when the replay
//! is unsure and one is allowed: see [`crate::history`]). Between the history and
//! schema.prisma, the comparison sees only what the schema language can express, so objects
//! made by raw SQL in migrations (partial and expression indexes, checks, triggers,
//! functions, views, extensions) are never reported as drift there.

use driftless_db::Connection;
use driftless_diagnostics::Style;
use driftless_diff::{Change, DiffMode, Migration as Changes, Side, summarize};
use driftless_migrations::{Migration, MigrationsDirectory};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_change, render_script};

use crate::diff::compare;
use crate::doctor::keys::{Direction, change_effects};
use crate::error::EngineError;
use crate::history::{HistoryOptions, ReplayMethod, UsedMethod, history_schema, replay_options};
use crate::project::Project;
use crate::schema_file::load_project_schema;
use crate::status::{HistoryStatus, MigrationState, read_status};

/// How an object differs between the two sides of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Difference {
    /// On the second side only (in the database / in schema.prisma).
    Extra,
    /// On the first side only (made by the migrations).
    Missing,
    /// On both, not the same.
    Changed,
}

/// One object that differs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftItem {
    /// The object, in words (`column \`User.bio\``).
    pub object: String,
    /// How it differs.
    pub difference: Difference,
    /// What that means, in words.
    pub description: String,
    /// The SQL that brings the first side to the second for this object.
    pub sql: Vec<String>,
}

/// One comparison of the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum Section {
    /// Not compared, and why.
    NotChecked {
        /// Why.
        reason: String,
    },
    /// The two sides are the same.
    InSync,
    /// They differ.
    Drifted {
        /// Object by object.
        items: Vec<DriftItem>,
        /// Prisma-style summary.
        summary: String,
        /// The whole SQL from the first side to the second.
        script: String,
    },
}

impl Section {
    /// Whether it found drift.
    pub fn drifted(&self) -> bool {
        matches!(self, Section::Drifted { .. })
    }
}

/// The report.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriftReport {
    /// (a) The database against its applied migrations.
    pub database: Section,
    /// (b) All the migrations of the folder against schema.prisma.
    pub schema: Section,
    /// (c) Pending migrations.
    pub pending: Vec<String>,
    /// (c) Failed migrations.
    pub failed: Vec<String>,
    /// How the history was replayed, when worth saying.
    pub replay_note: Option<String>,
}

/// What to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriftScope {
    /// The database against its applied migrations.
    pub database: bool,
    /// The migrations against schema.prisma.
    pub schema: bool,
}

/// Splits `ALTER TABLE` changes into one change per column or constraint, so that each
/// object gets its own SQL.
fn one_per_object(changes: &Changes) -> Vec<Change> {
    changes
        .changes
        .iter()
        .flat_map(|change| match change {
            Change::AlterTable { table, changes } => changes
                .iter()
                .map(|c| Change::AlterTable {
                    table: table.clone(),
                    changes: vec![c.clone()],
                })
                .collect::<Vec<_>>(),
            other => vec![other.clone()],
        })
        .collect()
}

fn section(
    changes: &Changes,
    schemas: Pair<&Schema>,
    default_schema: &str,
    words: &dyn Fn(Difference) -> &'static str,
) -> Section {
    if changes.is_empty() {
        return Section::InSync;
    }
    let render = RenderOptions {
        default_schema: default_schema.to_string(),
    };
    let mut items = Vec::new();
    for change in one_per_object(changes) {
        let sql = render_change(&change, schemas, &render);
        for (key, direction) in change_effects(&change) {
            let difference = match direction {
                Direction::Created => Difference::Extra,
                Direction::Dropped => Difference::Missing,
                Direction::Modified => Difference::Changed,
            };
            items.push(DriftItem {
                object: key.to_string(),
                difference,
                description: format!("{key} {}", words(difference)),
                sql: sql.clone(),
            });
        }
    }
    Section::Drifted {
        items,
        summary: summarize(changes, schemas),
        script: render_script(changes, schemas, &render),
    }
}

fn applied_migrations(directory: &MigrationsDirectory, status: &HistoryStatus) -> Vec<Migration> {
    let applied: Vec<&str> = status
        .in_state(MigrationState::Applied)
        .map(|m| m.name.as_str())
        .collect();
    directory
        .migrations
        .iter()
        .filter(|m| applied.contains(&m.name.as_str()))
        .cloned()
        .collect()
}

/// Why the database cannot be compared with its history, if it cannot.
fn database_not_checkable(status: &HistoryStatus) -> Option<String> {
    if !status.history_table_exists {
        return Some(
            "the database has no migration history (`driftless doctor` tells how to adopt it)"
                .to_string(),
        );
    }
    if !status.failed_names().is_empty() {
        return Some("a migration failed and is not resolved, so the history does not say what the database should hold (`driftless doctor` tells what it left behind)".to_string());
    }
    if !status.orphans.is_empty() {
        return Some("the database records migrations that are not in the folder, so their effect cannot be replayed (`driftless doctor` tells what to do)".to_string());
    }
    if status.edited().next().is_some() {
        return Some("applied migrations were edited since they ran, so their files no longer say what ran (`driftless doctor` tells what to do)".to_string());
    }
    None
}

/// An in-memory replay that is unsure, where the method was left to driftless (`auto`):
/// its result is not reported as drift.
fn unsure(history: &HistoryOptions, method: UsedMethod, has_reason: bool) -> bool {
    history.method == ReplayMethod::Auto && method == UsedMethod::Memory && has_reason
}

/// The database against its applied migrations. A database already found in sync with
/// this very history, whose catalog has not changed since (same fingerprint), is in sync
/// without a replay or an introspection.
async fn database_section(
    connection: &Connection,
    applied: &[Migration],
    history: &HistoryOptions,
    fingerprint: Option<&str>,
) -> Result<(Section, Option<String>), EngineError> {
    let verified = match &history.cache {
        Some(cache) => {
            let fingerprint = match fingerprint {
                Some(known) => known.to_string(),
                None => {
                    driftless_db::fingerprint::catalog_fingerprint(connection, &history.namespaces)
                        .await?
                }
            };
            let replay_key = cache.key(applied, &[applied.len()], &replay_options(history));
            let url = connection.url();
            let key = cache.verified_key(
                &replay_key,
                &format!("{}/{}/{}", url.host_display(), url.database, url.schema),
            );
            if cache.is_verified(&key, &fingerprint) {
                return Ok((Section::InSync, None));
            }
            Some((cache, key, fingerprint))
        }
        None => None,
    };
    // The replay runs on a thread of its own while the database is introspected.
    let (replayed, live) = tokio::join!(
        history_schema(applied, history),
        driftless_db::introspect(connection, &history.namespaces)
    );
    let replayed = replayed?;
    let note = replayed.note();
    if unsure(history, replayed.method, replayed.reason.is_some()) {
        return Ok((
            Section::NotChecked {
                reason: replayed.reason.unwrap_or_default(),
            },
            note,
        ));
    }
    let live = live?;
    let changes = compare(Pair::new(&replayed.schema, &live), DiffMode::Exact);
    if changes.is_empty() {
        if let Some((cache, key, fingerprint)) = verified {
            cache.put_verified(&key, &fingerprint);
        }
    }
    let section = section(
        &changes,
        Pair::new(&replayed.schema, &live),
        &connection.url().schema,
        &|d| match d {
            Difference::Extra => {
                "is in the database but no migration makes it (`db push`, or SQL run by hand)"
            }
            Difference::Missing => "is made by the applied migrations but is not in the database",
            Difference::Changed => "differs from what the applied migrations make",
        },
    );
    Ok((section, note))
}

/// Builds the report.
pub async fn drift_report(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    history: &HistoryOptions,
    scope: DriftScope,
    style: Style,
) -> Result<DriftReport, EngineError> {
    let (status, _has_tables) = read_status(connection, directory).await?;
    let known = Known {
        status: &status,
        fingerprint: None,
    };
    drift_report_from(project, connection, directory, known, history, scope, style).await
}

/// What a caller has already read from the database (`migrate status` reads it anyway, and
/// reads the catalog fingerprint at the same time, in one wait).
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    /// The history compared with the folder.
    pub status: &'a HistoryStatus,
    /// The catalog fingerprint of the managed namespaces, read on this connection.
    pub fingerprint: Option<&'a str>,
}

/// [`drift_report`] from a history already read.
pub async fn drift_report_from(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    known: Known<'_>,
    history: &HistoryOptions,
    scope: DriftScope,
    style: Style,
) -> Result<DriftReport, EngineError> {
    let status = known.status;
    let default_schema = connection.url().schema.clone();
    let mut replay_note = None;
    let mut note = |result_note: Option<String>| {
        if replay_note.is_none() {
            replay_note = result_note;
        }
    };

    let database = if !scope.database {
        Section::NotChecked {
            reason: "not asked for".to_string(),
        }
    } else if let Some(reason) = database_not_checkable(status) {
        Section::NotChecked { reason }
    } else {
        let (section, database_note) = database_section(
            connection,
            &applied_migrations(directory, status),
            history,
            known.fingerprint,
        )
        .await?;
        note(database_note);
        section
    };

    let schema = match (&project.schema_path, scope.schema) {
        (_, false) => Section::NotChecked {
            reason: "not asked for".to_string(),
        },
        (None, true) => Section::NotChecked {
            reason: "no schema.prisma was found".to_string(),
        },
        (Some(path), true) => {
            let target = load_project_schema(project, path, &default_schema, style)?.schema;
            let replayed = history_schema(&directory.migrations, history).await?;
            note(replayed.note());
            if unsure(history, replayed.method, replayed.reason.is_some()) {
                Section::NotChecked {
                    reason: replayed.reason.unwrap_or_default(),
                }
            } else {
                let changes = compare(
                    Pair::new(&replayed.schema, &target),
                    DiffMode::AgainstPrismaSchema {
                        schema_side: Side::Next,
                    },
                );
                section(
                    &changes,
                    Pair::new(&replayed.schema, &target),
                    &default_schema,
                    &|d| match d {
                        Difference::Extra => "is in schema.prisma but no migration makes it",
                        Difference::Missing => {
                            "is made by the migrations but is not in schema.prisma"
                        }
                        Difference::Changed => "differs between the migrations and schema.prisma",
                    },
                )
            }
        }
    };

    Ok(DriftReport {
        database,
        schema,
        pending: status.pending().into_iter().map(str::to_string).collect(),
        failed: status.failed_names(),
        replay_note,
    })
}
