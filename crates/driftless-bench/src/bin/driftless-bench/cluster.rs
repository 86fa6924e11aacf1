//! The throwaway PostgreSQL cluster the whole-command benchmarks run against, and the
//! databases they create and drop on it.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use driftless_db::cluster::{LocalCluster, PgBinaries, free_port};
use driftless_db::{ConnectOptions, Connection, DatabaseUrl};

/// The superuser password of the bench cluster (TCP connections need one).
const PASSWORD: &str = "bench-pw-4k2";

/// A running cluster, stopped and removed when dropped.
pub(crate) struct BenchCluster {
    cluster: LocalCluster,
    port: u16,
    dir: PathBuf,
    runtime: tokio::runtime::Runtime,
}

impl BenchCluster {
    /// initdb into a temporary folder and start on a free loopback port. `durable` keeps
    /// PostgreSQL's defaults (fsync on); otherwise fsync and synchronous commit are off,
    /// as in the test suite, so disk noise from other work on the machine stays out.
    pub(crate) fn start(durable: bool) -> anyhow::Result<BenchCluster> {
        let binaries = PgBinaries::find()?;
        let dir = tempfile::Builder::new()
            .prefix("driftless-bench-")
            .tempdir()?
            .keep();
        let mut cluster = LocalCluster::new(
            binaries,
            dir.join("data"),
            Some(dir.join("sock")),
            dir.join("log/postgres.log"),
        )?;
        if let Some(user) = cluster.server_user() {
            user.own(&dir)?;
        }
        cluster.superuser_password = Some(PASSWORD.to_string());
        cluster.settings = vec![
            ("max_connections".into(), "100".into()),
            ("shared_buffers".into(), "128MB".into()),
        ];
        if !durable {
            cluster.settings.extend([
                ("fsync".into(), "off".into()),
                ("synchronous_commit".into(), "off".into()),
                ("full_page_writes".into(), "off".into()),
            ]);
        }
        cluster.init()?;
        let port = free_port()?;
        cluster.start(port)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(BenchCluster {
            cluster,
            port,
            dir,
            runtime,
        })
    }

    /// The URL of a database of the cluster.
    pub(crate) fn url(&self, database: &str) -> DatabaseUrl {
        self.cluster.url(self.port, database)
    }

    /// The URL as text (with the password: the tools need it).
    pub(crate) fn url_string(&self, database: &str) -> String {
        self.url(database).expose()
    }

    /// The server's version line.
    pub(crate) fn version(&self) -> String {
        self.cluster.binaries().version().unwrap_or_default()
    }

    /// Runs SQL in a database of the cluster.
    pub(crate) fn execute(&self, database: &str, sql: &str) -> anyhow::Result<()> {
        let url = self.url(database);
        self.runtime.block_on(async {
            let connection = Connection::connect(&url, &ConnectOptions::default()).await?;
            connection.batch(sql, "running bench SQL").await?;
            anyhow::Ok(())
        })
    }

    /// Creates an empty database (dropping one of the same name first).
    pub(crate) fn create_database(&self, name: &str) -> anyhow::Result<()> {
        self.drop_database(name)?;
        self.execute("postgres", &format!("CREATE DATABASE \"{name}\""))
            .with_context(|| format!("creating the database {name}"))
    }

    /// Drops a database.
    pub(crate) fn drop_database(&self, name: &str) -> anyhow::Result<()> {
        self.execute(
            "postgres",
            &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
        )
    }

    /// The cluster's folder (for the log in error messages).
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for BenchCluster {
    fn drop(&mut self) {
        let _ = self.cluster.stop(true);
        let _ = fs_err::remove_dir_all(&self.dir);
    }
}
