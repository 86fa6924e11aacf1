//! `db push`: make the database match schema.prisma without a migration — for prototypes —
//! refusing to lose data unless told, and saying when the database now differs from the
//! migration history (the first cause of drift in the runbooks).

use driftless_db::Connection;
use driftless_diagnostics::Style;
use driftless_diff::{Change, DiffMode, Side, WarningKind, warnings};
use driftless_schema::Pair;
use driftless_sql::render::{RenderOptions, Renderer};

use crate::data_checks::{CheckedWarning, check_warnings};
use crate::diff::compare;
use crate::error::EngineError;
use crate::guard::Action;
use crate::project::Project;
use crate::reset::drop_statements;
use crate::schema_file::load_project_schema;

/// Options of `db push`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PushOptions {
    /// `--accept-data-loss`.
    pub accept_data_loss: bool,
    /// `--force-reset`: empty the managed schemas first.
    pub force_reset: bool,
}

/// What `db push` did.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOutput {
    /// Steps applied (empty: already in sync).
    pub steps: Vec<Change>,
    /// Warnings, checked against the data.
    pub warnings: Vec<CheckedWarning>,
    /// Objects dropped by `--force-reset`.
    pub reset: Vec<String>,
}

/// Runs `db push`. `guard` is asked before anything destructive happens — before the
/// reset of `--force-reset`, and before changes that lose data with `--accept-data-loss`
/// — and stops the command when it returns an error. With `--force-reset` the reset and
/// the push run in one transaction: the database ends as it was or as the schema says.
pub async fn db_push(
    project: &Project,
    connection: &Connection,
    options: PushOptions,
    style: Style,
    guard: &dyn Fn(Action) -> Result<(), EngineError>,
) -> Result<PushOutput, EngineError> {
    let url = connection.url().clone();
    let namespaces = match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![url.schema.clone()],
    };
    let path = project
        .schema_path
        .clone()
        .ok_or_else(|| EngineError::SchemaNotFound { looked: Vec::new() })?;
    let target = load_project_schema(project, &path, &url.schema, style)?.schema;
    let mut script = String::from("BEGIN;\n");
    let reset = if options.force_reset {
        guard(Action::ForceReset)?;
        let (drops, output) = drop_statements(connection, &namespaces).await?;
        // The drops run now, inside the transaction the push commits: the plan below reads
        // the emptied schemas on the same session.
        if let Err(e) = connection
            .batch(
                &format!("BEGIN;\n{drops}"),
                "dropping the objects of the managed schemas",
            )
            .await
        {
            let _ = connection.batch("ROLLBACK", "rolling back").await;
            return Err(e.into());
        }
        script.clear();
        output.dropped
    } else {
        Vec::new()
    };
    let result = plan_and_apply(
        connection,
        &namespaces,
        &target,
        &url.schema,
        options,
        guard,
        script,
    )
    .await;
    match result {
        Ok((steps, warnings)) => Ok(PushOutput {
            steps,
            warnings,
            reset,
        }),
        Err(e) => {
            if options.force_reset {
                let _ = connection.batch("ROLLBACK", "rolling back").await;
            }
            Err(e)
        }
    }
}

/// Reads the live schema, plans the changes, checks them against the data, asks the guard
/// about data loss, and applies them; `script` is the start of the applying batch (`BEGIN;`
/// unless a transaction is already open).
async fn plan_and_apply(
    connection: &Connection,
    namespaces: &[String],
    target: &driftless_schema::Schema,
    default_schema: &str,
    options: PushOptions,
    guard: &dyn Fn(Action) -> Result<(), EngineError>,
    script: String,
) -> Result<(Vec<Change>, Vec<CheckedWarning>), EngineError> {
    let live = driftless_db::introspect(connection, namespaces).await?;
    let migration = compare(
        Pair::new(&live, target),
        DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
    );
    let checked =
        check_warnings(connection, warnings(&migration, Pair::new(&live, target))).await?;
    let blocking: Vec<String> = checked
        .iter()
        .filter(|w| w.blocks())
        .map(CheckedWarning::describe)
        .collect();
    if !blocking.is_empty() {
        return Err(EngineError::Unexecutable { steps: blocking });
    }
    let losing: Vec<String> = checked
        .iter()
        .filter(|w| w.warning.kind == WarningKind::DataLoss && w.matters())
        .map(CheckedWarning::describe)
        .collect();
    if !losing.is_empty() {
        if !options.accept_data_loss {
            return Err(EngineError::DataLoss { warnings: losing });
        }
        guard(Action::AcceptDataLoss)?;
    }
    let render = RenderOptions {
        default_schema: default_schema.to_string(),
    };
    let schemas = Pair::new(&live, target);
    let renderer = Renderer::new(schemas, &render);
    // New enum values go in the push's transaction too (PostgreSQL 12 allows adding them
    // there). Only when a later step uses one does PostgreSQL refuse that (55P04: a value
    // cannot be used in the transaction that adds it): then the values are added first, in
    // their own commits, and the rest follows. (After a reset there are no enums to extend.)
    let (early, rest): (Vec<&Change>, Vec<&Change>) = migration.changes.iter().partition(|c| {
        !options.force_reset && matches!(c, Change::AlterEnum { removed, .. } if removed.is_empty())
    });
    let early_sql: Vec<String> = early
        .iter()
        .flat_map(|c| renderer.render_change(c))
        .collect();
    let rest_sql: Vec<String> = rest
        .iter()
        .flat_map(|c| renderer.render_change(c))
        // An enum rewrite carries its own BEGIN/COMMIT; inside ours they are not needed.
        .filter(|s| s != "BEGIN;" && s != "COMMIT;")
        .collect();
    let body = |statements: &[&String]| {
        let mut text = script.clone();
        for statement in statements {
            text.push_str(statement);
            text.push('\n');
        }
        text.push_str("COMMIT;");
        text
    };
    let together: Vec<&String> = early_sql.iter().chain(rest_sql.iter()).collect();
    // Before PostgreSQL 12 no enum value may be added in a transaction block at all.
    let old_server = connection.server_version_num() < 120_000;
    if early_sql.is_empty() || !old_server {
        let Err(error) = connection
            .batch(&body(&together), "applying the changes")
            .await
        else {
            return Ok((migration.changes, checked));
        };
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        let unsafe_use = error.server_error().is_some_and(|e| e.code == "55P04");
        if early_sql.is_empty() || !unsafe_use {
            return Err(error.into());
        }
    }
    for statement in &early_sql {
        connection.batch(statement, "adding enum values").await?;
    }
    let rest: Vec<&String> = rest_sql.iter().collect();
    if let Err(e) = connection.batch(&body(&rest), "applying the changes").await {
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        return Err(e.into());
    }
    Ok((migration.changes, checked))
}
