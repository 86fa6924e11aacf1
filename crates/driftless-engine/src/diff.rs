//! `migrate diff`: any source of a schema against any other — nothing, schema.prisma, a live
//! database, or a migrations folder — as SQL or as a summary.

use std::path::{Path, PathBuf};

use driftless_db::{ConnectOptions, Connection, DatabaseUrl};
use driftless_diagnostics::Style;
use driftless_diff::{DiffMode, Migration, Side, diff};
use driftless_migrations::MigrationsDirectory;
use driftless_psl::ConfigValue;
use driftless_schema::{Dialect, Pair, Schema};

use crate::error::EngineError;
use crate::history::{HistoryOptions, ReplayMethod, ShadowServer, history_schema};
use crate::project::{Project, ProjectOptions};
use crate::schema_file::load_project_schema;

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffSource {
    /// Nothing (`--from-empty`).
    Empty,
    /// A Prisma schema file or folder (`--from-schema`, `--from-schema-datamodel`).
    Schema(PathBuf),
    /// A live database by URL (`--from-url`).
    Url(String),
    /// The live database the datasource of this schema points to
    /// (`--from-schema-datasource`).
    SchemaDatasource(PathBuf),
    /// The live database of the project's configuration (`--from-config-datasource`).
    ConfigDatasource,
    /// What this migrations folder produces (`--from-migrations`).
    Migrations(PathBuf),
}

impl DiffSource {
    fn is_schema(&self) -> bool {
        matches!(self, DiffSource::Schema(_))
    }
}

/// What to compare.
#[derive(Debug, Clone)]
pub struct DiffRequest {
    /// The state before.
    pub from: DiffSource,
    /// The state after.
    pub to: DiffSource,
    /// A server where a temporary database may be created to replay migrations
    /// (`--shadow-database-url`); else the project's database server.
    pub shadow_database_url: Option<String>,
    /// How a migrations folder is replayed (`--replay`).
    pub replay: ReplayMethod,
}

/// The result of a diff.
#[derive(Debug, Clone)]
pub struct DiffResult {
    /// The two schemas as their sources gave them (what SQL is rendered from).
    pub schemas: Pair<Schema>,
    /// The changes.
    pub migration: Migration,
    /// Objects of this schema are written unqualified.
    pub default_schema: String,
    /// Rendered warnings met on the way (schema warnings).
    pub warnings: Vec<String>,
}

/// Resolves both sides and compares them.
pub async fn migrate_diff(
    project: &Project,
    request: &DiffRequest,
    style: Style,
) -> Result<DiffResult, EngineError> {
    let default_schema = default_schema_for(project, request).await?;
    // Both sides at once: a replay computes on its own thread while a database is
    // introspected.
    let mut warnings = Vec::new();
    let mut next_warnings = Vec::new();
    let (previous, next) = tokio::join!(
        resolve(
            project,
            &request.from,
            request,
            &default_schema,
            style,
            &mut warnings,
        ),
        resolve(
            project,
            &request.to,
            request,
            &default_schema,
            style,
            &mut next_warnings,
        )
    );
    let (previous, next) = (previous?, next?);
    warnings.extend(next_warnings);
    let mode = match (request.from.is_schema(), request.to.is_schema()) {
        (true, false) => DiffMode::AgainstPrismaSchema {
            schema_side: Side::Previous,
        },
        (false, true) => DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
        _ => DiffMode::Exact,
    };
    let migration = compare(Pair::new(&previous, &next), mode);
    Ok(DiffResult {
        schemas: Pair::new(previous, next),
        migration,
        default_schema,
        warnings,
    })
}

/// Diffs canonical copies of two schemas (SQL is rendered from the originals).
pub fn compare(schemas: Pair<&Schema>, mode: DiffMode) -> Migration {
    let canonical = schemas.map(|s| {
        let mut copy = s.clone();
        driftless_sql::canonical::canonicalize_schema(&mut copy);
        copy
    });
    diff(canonical.as_ref(), mode)
}

/// The schema objects are written without qualification: the `?schema=` of the database
/// involved, else `public`.
async fn default_schema_for(
    project: &Project,
    request: &DiffRequest,
) -> Result<String, EngineError> {
    for source in [&request.from, &request.to] {
        match source {
            DiffSource::Url(url) => return Ok(DatabaseUrl::parse(url)?.schema),
            DiffSource::ConfigDatasource => return Ok(project.database_target().await?.url.schema),
            _ => {}
        }
    }
    Ok("public".to_string())
}

async fn resolve(
    project: &Project,
    source: &DiffSource,
    request: &DiffRequest,
    default_schema: &str,
    style: Style,
    warnings: &mut Vec<String>,
) -> Result<Schema, EngineError> {
    match source {
        DiffSource::Empty => Ok(Schema::new(Dialect::Postgres, Vec::new())),
        DiffSource::Schema(path) => {
            let loaded =
                load_project_schema(project, &project.root.join(path), default_schema, style)?;
            warnings.extend(loaded.warnings);
            Ok(loaded.schema)
        }
        DiffSource::Url(url) => introspect_url(&DatabaseUrl::parse(url)?, project).await,
        DiffSource::ConfigDatasource => {
            let target = project.database_target().await?;
            introspect_url(&target.url, project).await
        }
        DiffSource::SchemaDatasource(path) => {
            let other = Project::discover(&ProjectOptions {
                cwd: project.root.clone(),
                schema: Some(path.clone()),
                config: None,
                url: None,
            })?;
            let url = datasource_url(&other, path)?;
            introspect_url(&url, &other).await
        }
        DiffSource::Migrations(dir) => {
            replay_history(
                project,
                &project.root.join(dir),
                request,
                default_schema,
                warnings,
            )
            .await
        }
    }
}

/// The URL of a schema's own datasource block (direct URL first, as Prisma Migrate).
fn datasource_url(project: &Project, path: &Path) -> Result<DatabaseUrl, EngineError> {
    let datasource = project
        .datasource()
        .ok_or(EngineError::NoDatabaseUrl { dev_reason: None })?;
    for (key, value) in [
        ("directUrl", &datasource.direct_url),
        ("url", &datasource.url),
    ] {
        match value {
            Some(ConfigValue::Literal(url)) => return Ok(DatabaseUrl::parse(url)?),
            Some(ConfigValue::Env(name)) => match project.env.get(name) {
                Some(url) => return Ok(DatabaseUrl::parse(&url)?),
                None if key == "directUrl" => {}
                None => {
                    return Err(EngineError::EnvVarMissing {
                        name: name.clone(),
                        origin: format!("`url = env(\"{name}\")` in `{}`", path.display()),
                    });
                }
            },
            None => {}
        }
    }
    Err(EngineError::NoDatabaseUrl { dev_reason: None })
}

/// The namespaces a database comparison covers: the schema's `schemas = [...]`, else the
/// URL's schema.
fn namespaces(project: &Project, url: &DatabaseUrl) -> Vec<String> {
    match project.datasource() {
        Some(datasource) if !datasource.schemas.is_empty() => datasource.schemas.clone(),
        _ => vec![url.schema.clone()],
    }
}

async fn introspect_url(url: &DatabaseUrl, project: &Project) -> Result<Schema, EngineError> {
    let connection = Connection::connect(url, &ConnectOptions::default()).await?;
    Ok(driftless_db::introspect(&connection, &namespaces(project, url)).await?)
}

/// What the migrations folder produces: in memory when the replay is sure of itself, else
/// on a temporary database (see [`crate::history`]). How it was computed goes to
/// `warnings` when it was not a sure in-memory replay.
async fn replay_history(
    project: &Project,
    dir: &Path,
    request: &DiffRequest,
    default_schema: &str,
    warnings: &mut Vec<String>,
) -> Result<Schema, EngineError> {
    let directory = MigrationsDirectory::read(dir)?;
    crate::status::check_provider(&directory)?;
    let server = match &request.shadow_database_url {
        Some(url) => DatabaseUrl::parse(url).map_err(EngineError::from),
        None => match project.shadow_url() {
            Ok(Some(url)) => Ok(url),
            Ok(None) => project.database_target().await.map(|t| t.url),
            Err(e) => Err(e),
        },
    };
    let (shadow, names) = match server {
        Ok(url) => {
            let names = namespaces(project, &url);
            (ShadowServer::Available(url), names)
        }
        Err(e) => (
            ShadowServer::Unavailable(e.to_string()),
            match project.datasource() {
                Some(datasource) if !datasource.schemas.is_empty() => datasource.schemas.clone(),
                _ => vec![default_schema.to_string()],
            },
        ),
    };
    let options = HistoryOptions {
        method: request.replay,
        default_schema: default_schema.to_string(),
        namespaces: names,
        shadow,
        connect: ConnectOptions::default(),
        extension_versions: Default::default(),
        interrupt: crate::interrupt::Interrupt::new(),
        cache: None,
    };
    let result = history_schema(&directory.migrations, &options).await?;
    if let Some(note) = result.note() {
        warnings.push(note);
    }
    Ok(result.schema)
}
