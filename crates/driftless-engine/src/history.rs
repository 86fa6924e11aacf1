//! The schema a migration history produces, computed in memory when the replay is sure of
//! itself and on a shadow (temporary) database otherwise, with the method used and why.
//!
//! Every command that needs "what the migrations produce" goes through here: `migrate
//! diff --from-migrations`, the drift checks of `migrate dev` and `check`. The in-memory
//! replay (`driftless_sql::replay`) needs no database rights and takes milliseconds; the
//! shadow database needs a server where databases may be created and takes seconds.

use std::collections::BTreeMap;

use driftless_db::shadow::{TemporaryDatabase, with_temporary_database};
use driftless_db::throwaway::ThrowawayCluster;

use crate::replay_cache::{CachedReplay, ReplayCache};
use driftless_db::{ConnectOptions, Connection, DatabaseUrl};
use driftless_migrations::{Migration, MigrationsDirectory};
use driftless_schema::Schema;
use driftless_sql::replay::{MigrationReplay, ReplayOptions, Replayer};

use crate::deploy::{DeployOptions, SilentReporter, migrate_deploy};
use crate::error::EngineError;
use crate::interrupt::Interrupt;

/// How to compute the schema of a history (`--replay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplayMethod {
    /// In memory, even when the replay is unsure.
    Memory,
    /// Always on a shadow database.
    Shadow,
    /// In memory when the replay is sure, else on a shadow database.
    #[default]
    Auto,
}

impl ReplayMethod {
    /// `memory`, `shadow`, `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplayMethod::Memory => "memory",
            ReplayMethod::Shadow => "shadow",
            ReplayMethod::Auto => "auto",
        }
    }
}

impl std::str::FromStr for ReplayMethod {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "memory" => Ok(ReplayMethod::Memory),
            "shadow" => Ok(ReplayMethod::Shadow),
            "auto" => Ok(ReplayMethod::Auto),
            other => Err(format!(
                "`{other}` is not a replay method: use memory, shadow or auto"
            )),
        }
    }
}

/// Where a shadow database may be created, or why there is none.
#[derive(Debug, Clone)]
pub enum ShadowServer {
    /// A server (and credentials) where a temporary database may be created.
    Available(DatabaseUrl),
    /// None: the reason, for messages.
    Unavailable(String),
}

/// What to replay and how.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// The method asked for.
    pub method: ReplayMethod,
    /// The schema each migration starts in (the URL's `?schema=`).
    pub default_schema: String,
    /// The managed namespaces.
    pub namespaces: Vec<String>,
    /// Where a shadow database may be created.
    pub shadow: ShadowServer,
    /// Connection options for the shadow database.
    pub connect: ConnectOptions,
    /// Default versions of extensions on the target server, when known.
    pub extension_versions: BTreeMap<String, String>,
    /// Ctrl-C: a shadow replay stops (and its temporary database is dropped).
    pub interrupt: Interrupt,
    /// Where in-memory replays are cached (`None`: not cached).
    pub cache: Option<ReplayCache>,
}

/// The method that was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UsedMethod {
    /// The in-memory replay.
    Memory,
    /// A temporary database.
    Shadow,
}

/// The schemas of a history at some checkpoints, and how they were obtained.
#[derive(Debug, Clone)]
pub struct HistorySchemas {
    /// One schema per checkpoint, in the order asked.
    pub schemas: Vec<Schema>,
    /// How they were computed.
    pub method: UsedMethod,
    /// Why the method is not a sure in-memory replay (the first open doubt, or that a
    /// shadow database was asked for); `None` when the replay was in memory and sure.
    pub reason: Option<String>,
    /// The in-memory replay's account of each migration, when it ran.
    pub migrations: Vec<MigrationReplay>,
}

/// The schema of a whole history.
#[derive(Debug, Clone)]
pub struct HistorySchema {
    /// The schema.
    pub schema: Schema,
    /// How it was computed.
    pub method: UsedMethod,
    /// Why it was not a sure in-memory replay.
    pub reason: Option<String>,
    /// The in-memory replay's account of each migration, when it ran.
    pub migrations: Vec<MigrationReplay>,
}

impl HistorySchemas {
    /// A line for stderr when the method is not a sure in-memory replay
    /// (`replayed on a shadow database: …`), else `None`.
    pub fn note(&self) -> Option<String> {
        note(self.method, self.reason.as_deref())
    }
}

impl HistorySchema {
    /// See [`HistorySchemas::note`].
    pub fn note(&self) -> Option<String> {
        note(self.method, self.reason.as_deref())
    }
}

fn note(method: UsedMethod, reason: Option<&str>) -> Option<String> {
    let reason = reason?;
    Some(match method {
        UsedMethod::Memory => format!("migrations replayed in memory, unsure: {reason}"),
        UsedMethod::Shadow => format!("migrations replayed on a shadow database: {reason}"),
    })
}

/// The schema `migrations` produce.
pub async fn history_schema(
    migrations: &[Migration],
    options: &HistoryOptions,
) -> Result<HistorySchema, EngineError> {
    let result = history_schemas(migrations, &[migrations.len()], options).await?;
    Ok(HistorySchema {
        schema: result.schemas.into_iter().next().unwrap_or_default(),
        method: result.method,
        reason: result.reason,
        migrations: result.migrations,
    })
}

/// The schemas of the first `n` migrations for each `n` of `checkpoints` (ascending),
/// computed in one pass (one replay, or one shadow database).
pub async fn history_schemas(
    migrations: &[Migration],
    checkpoints: &[usize],
    options: &HistoryOptions,
) -> Result<HistorySchemas, EngineError> {
    if options.method == ReplayMethod::Shadow {
        let server = match &options.shadow {
            ShadowServer::Available(url) => url.clone(),
            ShadowServer::Unavailable(why) => {
                return Err(EngineError::Other(format!(
                    "`--replay shadow` needs a server for a shadow database: {why}"
                )));
            }
        };
        let (schemas, place) = shadow_schemas(&server, migrations, checkpoints, options).await?;
        return Ok(HistorySchemas {
            schemas,
            method: UsedMethod::Shadow,
            reason: Some(match place {
                Some(place) => format!("`--replay shadow` was given; {place}"),
                None => "`--replay shadow` was given".to_string(),
            }),
            migrations: Vec::new(),
        });
    }
    let (schemas, accounts, doubt) = memory_schemas_beside(migrations, checkpoints, options).await;
    let Some(doubt) = doubt else {
        return Ok(HistorySchemas {
            schemas,
            method: UsedMethod::Memory,
            reason: None,
            migrations: accounts,
        });
    };
    match (&options.method, &options.shadow) {
        (ReplayMethod::Auto, ShadowServer::Available(server)) => {
            let (schemas, place) = shadow_schemas(server, migrations, checkpoints, options).await?;
            Ok(HistorySchemas {
                schemas,
                method: UsedMethod::Shadow,
                reason: Some(match place {
                    Some(place) => format!("the in-memory replay is unsure of {doubt}; {place}"),
                    None => format!("the in-memory replay is unsure of {doubt}"),
                }),
                migrations: accounts,
            })
        }
        (ReplayMethod::Auto, ShadowServer::Unavailable(why)) => Ok(HistorySchemas {
            schemas,
            method: UsedMethod::Memory,
            reason: Some(format!("{doubt}; no shadow database to check it ({why})")),
            migrations: accounts,
        }),
        _ => Ok(HistorySchemas {
            schemas,
            method: UsedMethod::Memory,
            reason: Some(doubt),
            migrations: accounts,
        }),
    }
}

/// The options of the in-memory replay for `options`.
pub fn replay_options(options: &HistoryOptions) -> ReplayOptions {
    let mut replay_options = ReplayOptions::new(options.default_schema.clone());
    replay_options.namespaces = options.namespaces.clone();
    replay_options.extension_versions = options.extension_versions.clone();
    replay_options
}

/// The in-memory replay: schemas at each checkpoint, each migration's account, and the
/// first doubt that still matters for any checkpoint.
/// [`memory_schemas`] on a thread of its own, so that whatever the caller is waiting for at
/// the same time (the introspection of the database it compares with, most often) proceeds
/// while the replay computes: a drift check costs the longer of the two, not their sum.
async fn memory_schemas_beside(
    migrations: &[Migration],
    checkpoints: &[usize],
    options: &HistoryOptions,
) -> (Vec<Schema>, Vec<MigrationReplay>, Option<String>) {
    let owned = (migrations.to_vec(), checkpoints.to_vec(), options.clone());
    let task = tokio::task::spawn_blocking(move || {
        let (migrations, checkpoints, options) = owned;
        memory_schemas(&migrations, &checkpoints, &options)
    });
    match task.await {
        Ok(result) => result,
        // The thread could not run (the runtime shutting down) or panicked: replay here,
        // where a panic reports as any other.
        Err(_) => memory_schemas(migrations, checkpoints, options),
    }
}

fn memory_schemas(
    migrations: &[Migration],
    checkpoints: &[usize],
    options: &HistoryOptions,
) -> (Vec<Schema>, Vec<MigrationReplay>, Option<String>) {
    let replay_options = replay_options(options);
    let cache = options
        .cache
        .as_ref()
        .filter(|_| migrations.len() >= crate::replay_cache::MIN_MIGRATIONS);
    let key = cache.map(|c| c.key(migrations, checkpoints, &replay_options));
    if let (Some(cache), Some(key)) = (cache, &key) {
        if let Some(hit) = cache.get(key) {
            if hit.schemas.len() == checkpoints.len() {
                return (hit.schemas, hit.migrations, hit.doubt);
            }
        }
    }
    let mut replayer = Replayer::new(Schema::default(), replay_options);
    let mut schemas = Vec::with_capacity(checkpoints.len());
    let mut done = 0;
    let mut doubt = None;
    for &stop in checkpoints {
        let stop = stop.min(migrations.len()).max(done);
        for migration in &migrations[done..stop] {
            replayer.apply(&migration.name, &String::from_utf8_lossy(&migration.script));
        }
        done = stop;
        schemas.push(replayer.snapshot());
        if doubt.is_none() {
            doubt = replayer.migrations().iter().find_map(|m| {
                m.doubts.iter().find(|d| d.resolved_by.is_none()).map(|d| {
                    format!(
                        "{}, line {}: {} (`{}`)",
                        m.name, d.line, d.reason, d.statement
                    )
                })
            });
        }
    }
    let accounts = replayer.migrations().to_vec();
    if let (Some(cache), Some(key)) = (cache, &key) {
        let entry = CachedReplay {
            schemas,
            migrations: accounts,
            doubt,
        };
        cache.put(key, &entry);
        return (entry.schemas, entry.migrations, entry.doubt);
    }
    (schemas, accounts, doubt)
}

/// Deploys the history to a temporary database on `server`, reading the schema at each
/// checkpoint. When the user may not create databases there, a throwaway cluster on this
/// machine stands in (and the second value says so).
async fn shadow_schemas(
    server: &DatabaseUrl,
    migrations: &[Migration],
    checkpoints: &[usize],
    options: &HistoryOptions,
) -> Result<(Vec<Schema>, Option<String>), EngineError> {
    let connect = &options.connect;
    match TemporaryDatabase::create(server, connect).await {
        Ok(database) => {
            let result = deploy_and_read(&database.url, migrations, checkpoints, options).await;
            let dropped = database.drop_database(connect).await;
            match (result, dropped) {
                (Ok(schemas), Ok(())) => Ok((schemas, None)),
                (Ok(_), Err(e)) => Err(e.into()),
                (Err(e), _) => Err(e),
            }
        }
        Err(e) if e.server_error().is_some_and(|s| s.code == "42501") => {
            let why = format!(
                "`{}` may not create databases on `{}`",
                server.user.as_deref().unwrap_or("the user"),
                server.host_display()
            );
            let cluster = ThrowawayCluster::start().map_err(|cluster_error| {
                EngineError::Other(format!(
                    "the history must be replayed on a shadow database, but {why}, and no throwaway PostgreSQL cluster could be started on this machine ({cluster_error}). Give a server where a database may be created with `--shadow-database-url` (or `shadowDatabaseUrl`)"
                ))
            })?;
            let url = cluster.url();
            let local_connect = ConnectOptions::default();
            let schemas = with_temporary_database(&url, &local_connect, |url| async move {
                deploy_and_read(&url, migrations, checkpoints, options).await
            })
            .await?;
            let version = cluster
                .version()
                .unwrap_or_else(|| "PostgreSQL".to_string());
            drop(cluster);
            Ok((
                schemas,
                Some(format!(
                    "on a throwaway local cluster ({version}) because {why}"
                )),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn deploy_and_read(
    url: &DatabaseUrl,
    migrations: &[Migration],
    checkpoints: &[usize],
    options: &HistoryOptions,
) -> Result<Vec<Schema>, EngineError> {
    let connect = &options.connect;
    let namespaces = &options.namespaces;
    let mut shadow = Connection::connect(url, connect).await?;
    let deploy = DeployOptions {
        connect: connect.clone(),
        ..DeployOptions::default()
    };
    let mut schemas = Vec::with_capacity(checkpoints.len());
    for &stop in checkpoints {
        let stop = stop.min(migrations.len());
        let prefix = MigrationsDirectory {
            path: std::path::PathBuf::new(),
            exists: true,
            migrations: migrations[..stop].to_vec(),
            lockfile: driftless_migrations::LockfileState::Missing,
            warnings: Vec::new(),
        };
        migrate_deploy(
            &mut shadow,
            &prefix,
            &deploy,
            &SilentReporter,
            &options.interrupt,
        )
        .await?;
        schemas.push(driftless_db::introspect(&shadow, namespaces).await?);
    }
    Ok(schemas)
}

/// Default versions of the extensions the server offers (`CREATE EXTENSION` without a
/// version installs these), for the in-memory replay; empty when they cannot be read.
pub async fn extension_versions(connection: &Connection) -> BTreeMap<String, String> {
    let rows = connection
        .client()
        .query(
            "SELECT name::text, default_version::text FROM pg_available_extensions WHERE default_version IS NOT NULL",
            &[],
        )
        .await;
    match rows {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| Some((r.try_get(0).ok()?, r.try_get(1).ok()?)))
            .collect(),
        Err(_) => BTreeMap::new(),
    }
}
