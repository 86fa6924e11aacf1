//! Test support: a real PostgreSQL cluster per test process, one database per test, the
//! shared corpus, and the Prisma oracle. A dev-dependency only.
//!
//! The cluster is started from the system's PostgreSQL binaries on first use (initdb into a
//! temporary folder, a free loopback port, fsync off) and stopped by a small watchdog
//! process when the test process exits, even if it panics or is killed.

#![allow(clippy::unwrap_used, clippy::print_stderr, missing_docs)]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use driftless_db::DatabaseUrl;
use driftless_db::cluster::{LocalCluster, PgBinaries, free_port};

/// The cluster of this test process.
pub struct TestCluster {
    pub cluster: LocalCluster,
    pub port: u16,
    pub dir: PathBuf,
}

static CLUSTER: OnceLock<Result<TestCluster, String>> = OnceLock::new();

/// The cluster of this test process, started on first use. Panics with a clear message when
/// PostgreSQL binaries are missing: database tests cannot run without them.
pub fn cluster() -> &'static TestCluster {
    match CLUSTER.get_or_init(start_cluster) {
        Ok(cluster) => cluster,
        Err(message) => panic!("cannot start the test PostgreSQL cluster: {message}"),
    }
}

fn start_cluster() -> Result<TestCluster, String> {
    start_cluster_with(Vec::new(), |_| Ok(()))
}

/// Starts a cluster of its own (not the shared one) with extra settings; `prepare` runs on
/// the cluster's folder after `initdb` (to put certificates there).
pub fn start_cluster_with(
    extra_settings: Vec<(String, String)>,
    prepare: impl FnOnce(&std::path::Path) -> Result<(), String>,
) -> Result<TestCluster, String> {
    let binaries = PgBinaries::find().map_err(|e| e.to_string())?;
    let dir = tempfile::Builder::new()
        .prefix("driftless-test-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    let mut cluster = LocalCluster::new(
        binaries,
        dir.join("data"),
        Some(dir.join("sock")),
        dir.join("log/postgres.log"),
    )
    .map_err(|e| e.to_string())?;
    if let Some(user) = cluster.server_user() {
        user.own(&dir).map_err(|e| e.to_string())?;
    }
    cluster.superuser_password = Some(PASSWORD.to_string());
    cluster.settings = vec![
        ("fsync".into(), "off".into()),
        ("synchronous_commit".into(), "off".into()),
        ("full_page_writes".into(), "off".into()),
        ("max_connections".into(), "300".into()),
        ("shared_buffers".into(), "32MB".into()),
    ];
    cluster.settings.extend(extra_settings);
    cluster.init().map_err(|e| e.to_string())?;
    prepare(&dir)?;
    let mut last_error = String::new();
    for _ in 0..5 {
        let port = free_port().map_err(|e| e.to_string())?;
        match cluster.start(port) {
            Ok(()) => {
                spawn_watchdog(&cluster, &dir);
                return Ok(TestCluster { cluster, port, dir });
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(last_error)
}

/// Stops the cluster and removes its folder once this process is gone.
fn spawn_watchdog(cluster: &LocalCluster, dir: &std::path::Path) {
    use std::os::unix::process::CommandExt;
    let script = format!(
        "while [ -d /proc/{pid} ]; do sleep 0.5; done; '{pg_ctl}' stop -D '{data}' -m immediate >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        pg_ctl = cluster.binaries().program("pg_ctl").display(),
        data = cluster.data_dir().display(),
        dir = dir.display(),
    );
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(user) = cluster.server_user() {
        command.uid(user.uid).gid(user.gid);
    }
    command.process_group(0);
    let _ = command.spawn();
}

impl TestCluster {
    /// A fresh, empty database on this cluster, named after the test.
    pub fn database(&self, test_name: &str) -> TestDb {
        self.database_from(test_name, None)
    }

    /// A fresh database on this cluster: a copy of `template` (which nobody may be connected
    /// to), or an empty one.
    pub fn database_from(&self, test_name: &str, template: Option<&str>) -> TestDb {
        let name = unique_name(test_name);
        let from = template
            .map(|t| format!(" TEMPLATE \"{t}\""))
            .unwrap_or_default();
        self.admin(&format!("CREATE DATABASE \"{name}\"{from}"));
        TestDb {
            url: self.cluster.url(self.port, &name),
            name,
            port: self.port,
        }
    }

    /// Runs SQL in this cluster's `postgres` database.
    pub fn admin(&self, sql: &str) {
        let client = SyncClient::connect(&format!(
            "host=127.0.0.1 port={} user=postgres password={PASSWORD} dbname=postgres",
            self.port
        ));
        client
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`): every
    /// session is cut, nothing is checkpointed. Only for a cluster of one's own
    /// ([`start_cluster_with`]), never the shared one.
    pub fn stop_immediately(&self) -> Result<(), String> {
        self.cluster.stop(false).map_err(|e| e.to_string())
    }

    /// Starts the server again on its port after [`TestCluster::stop_immediately`] (crash
    /// recovery runs first).
    pub fn start_again(&self) -> Result<(), String> {
        self.cluster.start(self.port).map_err(|e| e.to_string())
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name(test_name: &str) -> String {
    let mut name: String = test_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    name.truncate(40);
    format!("{name}_{}", COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// The test cluster's superuser password (TCP connections need it; tests check that it is
/// never printed).
pub const PASSWORD: &str = "tEst-pw-7q9z";

/// A database of its own for one test, dropped at the end of the test.
pub struct TestDb {
    pub name: String,
    pub url: DatabaseUrl,
    /// The port of the cluster it lives on.
    pub port: u16,
}

impl TestDb {
    /// Creates a fresh, empty database named after the test, on the shared cluster.
    pub fn new(test_name: &str) -> TestDb {
        cluster().database(test_name)
    }

    /// The URL as text, for `--url` and `DATABASE_URL`.
    pub fn url_string(&self) -> String {
        self.url.expose()
    }

    /// The URL with `?schema=`.
    pub fn url_with_schema(&self, schema: &str) -> String {
        self.url.with_schema(schema).expose()
    }

    /// Runs SQL in this database.
    pub fn execute(&self, sql: &str) {
        self.client()
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }

    /// Runs a query and returns every value of every row as text (NULL as `NULL`).
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        let rows = self
            .client()
            .simple_query(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        rows.into_iter()
            .filter_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(r) => Some(
                    (0..r.len())
                        .map(|i| r.get(i).unwrap_or("NULL").to_string())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    /// The first column of the first row.
    pub fn scalar(&self, sql: &str) -> String {
        self.query(sql)
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next())
            .unwrap_or_else(|| panic!("no row from {sql}"))
    }

    /// A connection of its own that stays open (to hold a lock, or a transaction).
    pub fn connect(&self) -> TestConnection {
        TestConnection {
            client: self.client(),
        }
    }

    fn client(&self) -> SyncClient {
        SyncClient::connect(&format!(
            "host=127.0.0.1 port={} user=postgres password={PASSWORD} dbname={}",
            self.port, self.name
        ))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            admin_on(
                self.port,
                &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
            );
        }
    }
}

/// An open connection for a test.
pub struct TestConnection {
    client: SyncClient,
}

impl TestConnection {
    /// Runs SQL.
    pub fn execute(&self, sql: &str) {
        self.client
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }

    /// Runs SQL and returns the first column of the first row.
    pub fn scalar(&self, sql: &str) -> String {
        let rows = self
            .client
            .simple_query(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        rows.into_iter()
            .find_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(r) => {
                    Some(r.get(0).unwrap_or("NULL").to_string())
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no row from {sql}"))
    }
}

/// A connection driven by its own small runtime, for synchronous test code.
struct SyncClient {
    client: tokio_postgres::Client,
    runtime: tokio::runtime::Runtime,
}

impl SyncClient {
    fn connect(config: &str) -> SyncClient {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let client = runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(config, tokio_postgres::NoTls)
                .await
                .unwrap();
            tokio::spawn(async move {
                let _ = connection.await;
            });
            client
        });
        SyncClient { client, runtime }
    }

    fn batch_execute(&self, sql: &str) -> Result<(), tokio_postgres::Error> {
        self.runtime.block_on(self.client.batch_execute(sql))
    }

    fn simple_query(
        &self,
        sql: &str,
    ) -> Result<Vec<tokio_postgres::SimpleQueryMessage>, tokio_postgres::Error> {
        self.runtime.block_on(self.client.simple_query(sql))
    }
}

fn admin_on(port: u16, sql: &str) {
    let client = SyncClient::connect(&format!(
        "host=127.0.0.1 port={port} user=postgres password={PASSWORD} dbname=postgres"
    ));
    client
        .batch_execute(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
}

/// A cluster that accepts TLS with a certificate for `localhost` signed by a test CA
/// (`ca.crt` in its folder). `None`, with the reason, when `openssl` is missing.
pub fn start_tls_cluster() -> Result<TestCluster, String> {
    start_cluster_with(
        vec![
            ("ssl".into(), "on".into()),
            ("ssl_cert_file".into(), "server.crt".into()),
            ("ssl_key_file".into(), "server.key".into()),
        ],
        |dir| {
            let data = dir.join("data");
            let openssl = |args: &[&str]| -> Result<(), String> {
                let out = std::process::Command::new("openssl")
                    .args(args)
                    .current_dir(dir)
                    .output()
                    .map_err(|e| format!("openssl: {e}"))?;
                if out.status.success() {
                    Ok(())
                } else {
                    Err(String::from_utf8_lossy(&out.stderr).into_owned())
                }
            };
            openssl(&[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "2",
                "-subj",
                "/CN=driftless test CA",
            ])?;
            openssl(&[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ])?;
            std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n")
                .map_err(|e| e.to_string())?;
            openssl(&[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                "2",
                "-extfile",
                "san.ext",
            ])?;
            for file in ["server.crt", "server.key"] {
                std::fs::copy(dir.join(file), data.join(file)).map_err(|e| e.to_string())?;
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(data.join(file), std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| e.to_string())?;
                if let Some(user) = driftless_db::cluster::ServerUser::for_current_process()
                    .map_err(|e| e.to_string())?
                {
                    user.own(&data.join(file)).map_err(|e| e.to_string())?;
                }
            }
            Ok(())
        },
    )
}

/// The shared corpus of real Prisma projects, when present (`DRIFTLESS_CORPUS` overrides).
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DRIFTLESS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    dir.is_dir().then_some(dir)
}

/// The real Prisma CLI, run through `shared/tools/prisma-oracle/oracle.sh`.
pub struct Oracle {
    script: PathBuf,
}

/// What the oracle printed and returned.
#[derive(Debug)]
pub struct OracleRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Oracle {
    /// The oracle, when it is installed (`PRISMA_ORACLE_DIR`, default `/tmp/prisma-oracle`).
    pub fn find() -> Option<Oracle> {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/tools/prisma-oracle/oracle.sh");
        let dir = std::env::var_os("PRISMA_ORACLE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/tmp/prisma-oracle"));
        (script.is_file() && dir.join("node_modules/prisma/build/index.js").is_file())
            .then_some(Oracle { script })
    }

    /// Runs `prisma <args>` in `dir` with `DATABASE_URL` set.
    pub fn run(&self, dir: &std::path::Path, args: &[&str], database_url: &str) -> OracleRun {
        let output = std::process::Command::new("bash")
            .arg(&self.script)
            .args(args)
            .current_dir(dir)
            .env("DATABASE_URL", database_url)
            .output()
            .unwrap();
        OracleRun {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}
