//! A throwaway PostgreSQL cluster on this machine: the last place a shadow database can be
//! made when the user may not create databases on their own server (hosted databases often
//! refuse `CREATE DATABASE`). Started from the system's PostgreSQL binaries in a temporary
//! folder, on a free loopback port, with durability off (nothing in it is kept), and
//! stopped and removed when dropped.

use std::path::PathBuf;

use crate::cluster::{ClusterError, LocalCluster, PgBinaries, free_port};
use crate::url::DatabaseUrl;

/// A running throwaway cluster.
#[derive(Debug)]
pub struct ThrowawayCluster {
    cluster: LocalCluster,
    dir: PathBuf,
    port: u16,
}

impl ThrowawayCluster {
    /// Initialises and starts a cluster (about a second).
    pub fn start() -> Result<ThrowawayCluster, ClusterError> {
        let binaries = PgBinaries::find()?;
        let dir = std::env::temp_dir().join(format!(
            "driftless-shadow-cluster-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let io = |source: std::io::Error| ClusterError::Io {
            path: dir.clone(),
            source,
        };
        fs_err::create_dir_all(&dir).map_err(io)?;
        let mut cluster = LocalCluster::new(
            binaries,
            dir.join("data"),
            Some(dir.join("sock")),
            dir.join("log/postgres.log"),
        )?;
        if let Some(user) = cluster.server_user() {
            user.own(&dir)?;
        }
        cluster.settings = vec![
            ("fsync".into(), "off".into()),
            ("synchronous_commit".into(), "off".into()),
            ("full_page_writes".into(), "off".into()),
        ];
        let started = (|| {
            cluster.init()?;
            let mut last = None;
            for _ in 0..3 {
                let port = free_port()?;
                match cluster.start(port) {
                    Ok(()) => return Ok(port),
                    Err(e) => last = Some(e),
                }
            }
            Err(last.unwrap_or(ClusterError::CommandFailed {
                program: "pg_ctl start".to_string(),
                output: "no free port".to_string(),
            }))
        })();
        match started {
            Ok(port) => Ok(ThrowawayCluster { cluster, dir, port }),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    /// The URL of its `postgres` database (trusted, loopback only).
    pub fn url(&self) -> DatabaseUrl {
        self.cluster.url(self.port, "postgres")
    }

    /// `postgres --version` of the binaries it runs.
    pub fn version(&self) -> Option<String> {
        self.cluster.binaries().version()
    }
}

impl Drop for ThrowawayCluster {
    fn drop(&mut self) {
        let _ = self.cluster.stop(false);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
