//! `db push`: make the database match schema.prisma without a migration — for prototypes —
//! refusing to lose data unless told, and saying when the database now differs from the
//! migration history (the first cause of drift in the runbooks).

use driftless_db::Connection;
use driftless_diagnostics::Style;
use driftless_diff::{Change, DiffMode, Side, WarningKind, warnings};
use driftless_schema::Pair;
use driftless_sql::render::{RenderOptions, render_change};

use crate::data_checks::{CheckedWarning, check_warnings};
use crate::diff::compare;
use crate::error::EngineError;
use crate::project::Project;
use crate::reset::empty_schemas;
use crate::schema_file::load_schema;

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

/// Runs `db push`.
pub async fn db_push(
    project: &Project,
    connection: &Connection,
    options: PushOptions,
    style: Style,
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
    let target = load_schema(&path, &project.root, &url.schema, style)?.schema;
    let reset = if options.force_reset {
        empty_schemas(connection, &namespaces).await?.dropped
    } else {
        Vec::new()
    };
    let live = driftless_db::introspect(connection, &namespaces).await?;
    let migration = compare(
        Pair::new(&live, &target),
        DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
    );
    let checked =
        check_warnings(connection, warnings(&migration, Pair::new(&live, &target))).await?;
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
    if !losing.is_empty() && !options.accept_data_loss {
        return Err(EngineError::DataLoss { warnings: losing });
    }
    let render = RenderOptions {
        default_schema: url.schema.clone(),
    };
    let schemas = Pair::new(&live, &target);
    // New enum values cannot be used in the transaction that adds them: add them first.
    let (early, rest): (Vec<&Change>, Vec<&Change>) = migration
        .changes
        .iter()
        .partition(|c| matches!(c, Change::AlterEnum { removed, .. } if removed.is_empty()));
    for change in early {
        for statement in render_change(change, schemas, &render) {
            connection.batch(&statement, "adding enum values").await?;
        }
    }
    let mut script = String::from("BEGIN;\n");
    for change in rest {
        for statement in render_change(change, schemas, &render) {
            // An enum rewrite carries its own BEGIN/COMMIT; inside ours they are not needed.
            if statement == "BEGIN;" || statement == "COMMIT;" {
                continue;
            }
            script.push_str(&statement);
            script.push('\n');
        }
    }
    script.push_str("COMMIT;");
    if let Err(e) = connection.batch(&script, "applying the changes").await {
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        return Err(e.into());
    }
    Ok(PushOutput {
        steps: migration.changes,
        warnings: checked,
        reset,
    })
}
