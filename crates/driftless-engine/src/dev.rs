//! The project's local development database: a PostgreSQL cluster under `.driftless/dev/`,
//! run from the system's PostgreSQL binaries on a free loopback port.
//!
//! Commands use it when no database URL is configured at all, so that a newcomer can run
//! the main job with no server to install or configure. It never stands in for a URL that
//! is configured but unset (`url = env("DATABASE_URL")` with the variable missing): that is
//! an error, because silently migrating a local database instead of the real one is how
//! migrations "never reach production".

use std::path::{Path, PathBuf};

use driftless_db::cluster::{ClusterError, LocalCluster, PgBinaries, free_port};
use driftless_db::{ConnectOptions, Connection, DatabaseUrl, quote_ident};

use crate::error::EngineError;

/// The development database of one project.
#[derive(Debug, Clone)]
pub struct DevDatabase {
    state_dir: PathBuf,
    database: String,
}

/// What `driftless dev status` reports.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DevStatus {
    /// Whether the cluster has been created.
    pub created: bool,
    /// The port it listens on, when running.
    pub port: Option<u16>,
    /// The data folder.
    pub data_dir: PathBuf,
    /// The server log.
    pub log_file: PathBuf,
    /// The URL, when running.
    pub url: Option<String>,
    /// `postgres --version`.
    pub version: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct DevState {
    port: Option<u16>,
    data_dir: Option<PathBuf>,
}

impl DevDatabase {
    /// The development database of the project rooted at `root`; the database inside the
    /// cluster is named after the project.
    pub fn for_project(root: &Path, project_name: &str) -> DevDatabase {
        let mut database: String = project_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        database.truncate(63);
        if database.is_empty() {
            database = "app".to_string();
        }
        DevDatabase {
            state_dir: root.join(".driftless").join("dev"),
            database,
        }
    }

    fn state(&self) -> DevState {
        fs_err::read_to_string(self.state_dir.join("state.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn save_state(&self, state: &DevState) -> Result<(), ClusterError> {
        let io = |source: std::io::Error| ClusterError::Io {
            path: self.state_dir.clone(),
            source,
        };
        fs_err::create_dir_all(&self.state_dir).map_err(io)?;
        let gitignore = self
            .state_dir
            .parent()
            .unwrap_or(&self.state_dir)
            .join(".gitignore");
        if !gitignore.exists() {
            fs_err::write(
                &gitignore,
                "# Created by driftless: local state, never commit it.\n*\n",
            )
            .map_err(io)?;
        }
        let text = serde_json::to_string_pretty(state).unwrap_or_default();
        fs_err::write(self.state_dir.join("state.json"), text).map_err(io)
    }

    fn cluster(&self, data_dir: PathBuf) -> Result<LocalCluster, ClusterError> {
        let log = data_dir
            .parent()
            .unwrap_or(&self.state_dir)
            .join("postgres.log");
        LocalCluster::new(PgBinaries::find()?, data_dir, None, log)
    }

    fn default_data_dir(&self) -> PathBuf {
        self.state_dir.join("pgdata")
    }

    /// Where the data lives: recorded in the state, or the default under `.driftless/dev`.
    fn data_dir(&self) -> PathBuf {
        self.state()
            .data_dir
            .unwrap_or_else(|| self.default_data_dir())
    }

    /// The current state, without starting anything.
    pub fn status(&self) -> Result<DevStatus, ClusterError> {
        let cluster = self.cluster(self.data_dir())?;
        let running = cluster.running();
        Ok(DevStatus {
            created: cluster.is_initialized(),
            port: running.as_ref().map(|r| r.port),
            data_dir: cluster.data_dir().to_path_buf(),
            log_file: cluster.log_file().to_path_buf(),
            url: running.map(|r| cluster.url(r.port, &self.database).expose()),
            version: cluster.binaries().version(),
        })
    }

    /// Creates the cluster if needed, starts it if stopped, creates the project's database,
    /// and returns its URL and whether this call started the server.
    pub async fn ensure_running(&self) -> Result<(DatabaseUrl, bool), EngineError> {
        let mut state = self.state();
        let mut cluster = self.cluster(self.data_dir())?;
        if !cluster.is_initialized() {
            match cluster.init() {
                Ok(()) => {}
                Err(ClusterError::NotAccessible { .. }) => {
                    // The project folder is not reachable by the `postgres` user (a project
                    // under /root): keep the data in the system temp folder instead.
                    let fallback = std::env::temp_dir()
                        .join(format!("driftless-dev-{}", short_hash(&self.state_dir)))
                        .join("pgdata");
                    cluster = self.cluster(fallback.clone())?;
                    if !cluster.is_initialized() {
                        cluster.init()?;
                    }
                    state.data_dir = Some(fallback);
                }
                Err(e) => return Err(e.into()),
            }
        }
        let (port, started) = match cluster.running() {
            Some(running) => (running.port, false),
            None => {
                let mut port = state
                    .port
                    .filter(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
                    .map_or_else(free_port, Ok)?;
                let mut attempt = cluster.start(port);
                if attempt.is_err() {
                    port = free_port()?;
                    attempt = cluster.start(port);
                }
                attempt?;
                (port, true)
            }
        };
        state.port = Some(port);
        self.save_state(&state)?;
        let admin = cluster.url(port, "postgres");
        let connection = Connection::connect(&admin, &ConnectOptions::default()).await?;
        let exists = connection
            .client()
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
                &[&self.database],
            )
            .await
            .map_err(|e| connection.query_error(e, "looking for the development database"))?
            .get::<_, bool>(0);
        if !exists {
            connection
                .batch(
                    &format!("CREATE DATABASE {}", quote_ident(&self.database)),
                    "creating the development database",
                )
                .await?;
        }
        Ok((cluster.url(port, &self.database), started))
    }

    /// Stops the server; returns whether it was running.
    pub fn stop(&self) -> Result<bool, ClusterError> {
        let cluster = self.cluster(self.data_dir())?;
        if cluster.running().is_none() {
            return Ok(false);
        }
        cluster.stop(true)?;
        Ok(true)
    }

    /// The URL of the running database, if it runs.
    pub fn url(&self) -> Result<Option<DatabaseUrl>, ClusterError> {
        let cluster = self.cluster(self.data_dir())?;
        Ok(cluster
            .running()
            .map(|r| cluster.url(r.port, &self.database)))
    }

    /// The database name inside the cluster.
    pub fn database(&self) -> &str {
        &self.database
    }
}

fn short_hash(path: &Path) -> String {
    let digest = driftless_migrations::checksum(path.display().to_string().as_bytes());
    digest[..12].to_string()
}
