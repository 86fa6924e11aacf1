//! `migrate baseline`: adopt a database that has no migration history. Its live schema is
//! written as `migrations/0_init/migration.sql` and recorded as applied — after proving
//! that replaying the file rebuilds exactly this schema.

use driftless_db::{Connection, History, RowState};
use driftless_migrations::{Migration, MigrationsDirectory, checksum};
use driftless_schema::{Dialect, Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

use super::analyze::DoctorOptions;
use super::effects::{Model, changes};
use super::findings::Repair;
use crate::error::EngineError;

/// The plan of a baseline, and what was checked.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaselinePlan {
    /// The repairs to run.
    pub plan: Vec<Repair>,
    /// How many objects the baseline creates (tables, enums, …).
    pub objects: usize,
    /// A note about how the file was checked (an unsure replay).
    pub note: Option<String>,
}

/// Plans a baseline named `name`; `force` replaces a history that exists.
pub async fn plan_baseline(
    connection: &Connection,
    directory: &MigrationsDirectory,
    options: &DoctorOptions,
    name: &str,
    force: bool,
) -> Result<BaselinePlan, EngineError> {
    let refuse = |message: String| EngineError::NeedsConfirmation { message };
    if !directory.migrations.is_empty() {
        return Err(refuse(format!(
            "the migrations folder already holds {} migration{}: a baseline starts a history from nothing. To adopt a database that the existing migrations made, run `driftless doctor` (it records those whose objects are in the database); to start over, move the folder aside first (`git mv {dir} {dir}_old`)",
            directory.migrations.len(),
            if directory.migrations.len() == 1 {
                ""
            } else {
                "s"
            },
            dir = directory.path.display()
        )));
    }
    let history = History::new(connection.url().schema.clone());
    let mut plan = Vec::new();
    if history.exists(connection).await? {
        let rows = history
            .rows(connection.client())
            .await
            .map_err(|e| connection.query_error(e, "reading the history table"))?;
        let live_rows = rows
            .iter()
            .filter(|r| r.state() != RowState::RolledBack)
            .count();
        if live_rows > 0 {
            if !force {
                return Err(refuse(format!(
                    "the database already has a migration history ({live_rows} row{}): a baseline would replace it. Pass `--force` to replace it (it is backed up first and `driftless history restore` puts it back)",
                    if live_rows == 1 { "" } else { "s" }
                )));
            }
            plan.push(Repair::ClearHistory { rows: rows.len() });
        }
    }
    let live = driftless_db::introspect(connection, &options.history.namespaces).await?;
    let empty = Schema::new(Dialect::Postgres, Vec::new());
    let creation = changes(&empty, &live);
    if creation.is_empty() {
        return Err(refuse(
            "the database holds no objects in its managed schemas: there is nothing to baseline. Create the first migration with `driftless migrate dev --name init`".to_string(),
        ));
    }
    let script = render_script(
        &creation,
        Pair::new(&empty, &live),
        &RenderOptions {
            default_schema: connection.url().schema.clone(),
        },
    );
    let script = format!(
        "-- Baseline of database \"{}\" written by `driftless migrate baseline`: the schema it held when it was adopted.\n{script}",
        connection.url().database
    );
    // Prove it: the file replayed from nothing is this database.
    let mut model = Model::new(&options.history);
    let file = Migration {
        name: name.to_string(),
        dir: directory.path.join(name),
        checksum: checksum(script.as_bytes()),
        script: script.clone().into_bytes(),
    };
    let rebuilt = model.schema(std::slice::from_ref(&file)).await?;
    let left = changes(&rebuilt, &live);
    if !left.is_empty() {
        return Err(EngineError::Other(format!(
            "the baseline script would not rebuild this database exactly (left over: {}); nothing was written. This is a driftless bug: please report it with `driftless migrate diff --from-empty --to-config-datasource --script`",
            driftless_diff::summarize(&left, Pair::new(&rebuilt, &live)).trim()
        )));
    }
    plan.push(Repair::WriteMigration {
        migration: name.to_string(),
        script,
        purpose: "a baseline of the database".to_string(),
    });
    Ok(BaselinePlan {
        plan,
        objects: creation.changes.len(),
        note: model.note,
    })
}
