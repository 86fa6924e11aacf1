//! A local PostgreSQL cluster run from the system's PostgreSQL binaries: the development
//! database of `driftless dev`, and the throwaway clusters of the test suite.
//!
//! `initdb` and `postgres` refuse to run as root. When we are root, the server programs run
//! as the `postgres` system user (found in `/etc/passwd`) and the data folder is given to
//! that user, which is how a fresh Debian machine or a container works out of the box.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::url::DatabaseUrl;

/// Why a local cluster could not be created, started or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// No PostgreSQL server binaries were found.
    #[error(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found; install PostgreSQL (on Debian or Ubuntu: `apt-get install postgresql`) or point `PG_BIN` at the folder that holds them"
    )]
    BinariesNotFound,
    /// We are root and there is no `postgres` user to run the server as.
    #[error(
        "running as root, but there is no `postgres` user to run the PostgreSQL server as (PostgreSQL refuses to run as root); create one or run as another user"
    )]
    NoServerUser,
    /// A program failed.
    #[error("`{program}` failed: {output}")]
    CommandFailed {
        /// The program.
        program: String,
        /// What it printed.
        output: String,
    },
    /// File system trouble.
    #[error("cannot use `{}`: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The folder is not usable by the server user.
    #[error("the PostgreSQL server user cannot reach `{}`: {reason}", path.display())]
    NotAccessible {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ClusterError + '_ {
    move |source| ClusterError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder holding `initdb`, `pg_ctl` and `postgres`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgBinaries {
    dir: PathBuf,
}

impl PgBinaries {
    /// Finds the server binaries: `PG_BIN`, then `pg_config --bindir`, then the newest
    /// `/usr/lib/postgresql/<major>/bin`, then other usual places, then `PATH`.
    pub fn find() -> Result<PgBinaries, ClusterError> {
        let has_initdb = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
        if let Some(dir) = std::env::var_os("PG_BIN").map(PathBuf::from) {
            if has_initdb(&dir) {
                return Ok(PgBinaries { dir });
            }
        }
        if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
            let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if out.status.success() && has_initdb(&dir) {
                return Ok(PgBinaries { dir });
            }
        }
        let mut candidates = Vec::new();
        if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
            let mut majors: Vec<(u32, PathBuf)> = entries
                .flatten()
                .filter_map(|e| {
                    let major = e.file_name().to_str()?.parse::<u32>().ok()?;
                    Some((major, e.path().join("bin")))
                })
                .collect();
            majors.sort();
            candidates.extend(majors.into_iter().rev().map(|(_, p)| p));
        }
        candidates.push(PathBuf::from("/usr/local/pgsql/bin"));
        candidates.push(PathBuf::from("/opt/homebrew/bin"));
        if let Some(path) = std::env::var_os("PATH") {
            candidates.extend(std::env::split_paths(&path));
        }
        candidates
            .into_iter()
            .find(|dir| has_initdb(dir))
            .map(|dir| PgBinaries { dir })
            .ok_or(ClusterError::BinariesNotFound)
    }

    /// Path of one of the programs.
    pub fn program(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `postgres --version` output (`postgres (PostgreSQL) 15.18 …`).
    pub fn version(&self) -> Option<String> {
        let out = Command::new(self.program("postgres"))
            .arg("--version")
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

/// The user the server programs run as, when we are root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerUser {
    /// uid of `postgres`.
    pub uid: u32,
    /// gid of `postgres`.
    pub gid: u32,
}

impl ServerUser {
    /// `None` when we are not root (the server runs as us); the `postgres` user otherwise.
    pub fn for_current_process() -> Result<Option<ServerUser>, ClusterError> {
        if current_uid() != Some(0) {
            return Ok(None);
        }
        let passwd =
            std::fs::read_to_string("/etc/passwd").map_err(io_error(Path::new("/etc/passwd")))?;
        passwd
            .lines()
            .find_map(|line| {
                let fields: Vec<&str> = line.split(':').collect();
                (fields.len() > 3 && fields[0] == "postgres").then(|| {
                    Some(ServerUser {
                        uid: fields[2].parse().ok()?,
                        gid: fields[3].parse().ok()?,
                    })
                })?
            })
            .map(Some)
            .ok_or(ClusterError::NoServerUser)
    }

    /// Gives `path` to this user.
    pub fn own(&self, path: &Path) -> Result<(), ClusterError> {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).map_err(io_error(path))
    }
}

/// The effective uid of this process, read without `unsafe` from `/proc/self`.
fn current_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// A cluster: a data folder and how to reach the server once it runs.
#[derive(Debug, Clone)]
pub struct LocalCluster {
    binaries: PgBinaries,
    data_dir: PathBuf,
    socket_dir: Option<PathBuf>,
    log_file: PathBuf,
    server_user: Option<ServerUser>,
    /// Extra `-c name=value` settings (tests turn fsync off).
    pub settings: Vec<(String, String)>,
    /// A password for the `postgres` superuser: TCP connections then need it (SCRAM),
    /// Unix-socket connections stay trusted. `None`: everything is trusted.
    pub superuser_password: Option<String>,
}

/// What `postmaster.pid` says about a running server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningServer {
    /// Postmaster process id.
    pub pid: u32,
    /// TCP port.
    pub port: u16,
}

impl LocalCluster {
    /// A cluster in `data_dir`, logging to `log_file`, with its Unix socket in `socket_dir`
    /// (none: TCP on 127.0.0.1 only; socket paths are limited to about 100 bytes).
    pub fn new(
        binaries: PgBinaries,
        data_dir: PathBuf,
        socket_dir: Option<PathBuf>,
        log_file: PathBuf,
    ) -> Result<LocalCluster, ClusterError> {
        Ok(LocalCluster {
            binaries,
            data_dir,
            socket_dir,
            log_file,
            server_user: ServerUser::for_current_process()?,
            settings: Vec::new(),
            superuser_password: None,
        })
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The server log.
    pub fn log_file(&self) -> &Path {
        &self.log_file
    }

    /// The binaries used.
    pub fn binaries(&self) -> &PgBinaries {
        &self.binaries
    }

    /// Whether the data folder holds an initialised cluster.
    pub fn is_initialized(&self) -> bool {
        self.data_dir.join("PG_VERSION").is_file()
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(self.binaries.program(program));
        if let Some(user) = self.server_user {
            command.uid(user.uid).gid(user.gid);
        }
        command
            .env_remove("PGDATA")
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, mut command: Command, program: &str) -> Result<String, ClusterError> {
        let output = command.output().map_err(|source| ClusterError::Io {
            path: self.binaries.program(program),
            source,
        })?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        if output.status.success() {
            Ok(text)
        } else {
            Err(ClusterError::CommandFailed {
                program: program.to_string(),
                output: text.trim().to_string(),
            })
        }
    }

    /// Creates the data folder with `initdb` (trust authentication for local connections,
    /// UTF-8, C locale, superuser `postgres`).
    pub fn init(&self) -> Result<(), ClusterError> {
        for dir in [Some(&self.data_dir), self.socket_dir.as_ref()]
            .into_iter()
            .flatten()
        {
            fs_err::create_dir_all(dir).map_err(io_error(dir))?;
            if let Some(user) = self.server_user {
                user.own(dir)?;
            }
        }
        if let Some(parent) = self.log_file.parent() {
            fs_err::create_dir_all(parent).map_err(io_error(parent))?;
            if let Some(user) = self.server_user {
                user.own(parent)?;
            }
        }
        self.check_accessible()?;
        let mut command = self.command("initdb");
        command.arg("-D").arg(&self.data_dir).args([
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "-N",
        ]);
        let password_file = self.data_dir.with_extension("pwfile");
        match &self.superuser_password {
            Some(password) => {
                fs_err::write(&password_file, format!("{password}\n"))
                    .map_err(io_error(&password_file))?;
                if let Some(user) = self.server_user {
                    user.own(&password_file)?;
                }
                command
                    .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
                    .arg(format!("--pwfile={}", password_file.display()));
            }
            None => {
                command.arg("--auth=trust");
            }
        }
        let result = self.run(command, "initdb").map(drop);
        let _ = std::fs::remove_file(&password_file);
        result
    }

    /// Checks that the server user can reach the data folder (a project under `/root` is
    /// not reachable by `postgres`).
    fn check_accessible(&self) -> Result<(), ClusterError> {
        let Some(user) = self.server_user else {
            return Ok(());
        };
        use std::os::unix::fs::MetadataExt;
        let mut path = self.data_dir.as_path();
        while let Some(parent) = path.parent() {
            if let Ok(meta) = std::fs::metadata(parent) {
                let mode = meta.mode();
                let ok = mode & 0o001 != 0
                    || (meta.uid() == user.uid && mode & 0o100 != 0)
                    || (meta.gid() == user.gid && mode & 0o010 != 0);
                if !ok {
                    return Err(ClusterError::NotAccessible {
                        path: parent.to_path_buf(),
                        reason: "the folder is not searchable by the `postgres` user".to_string(),
                    });
                }
            }
            path = parent;
        }
        Ok(())
    }

    /// Starts the server on `port` (listening on 127.0.0.1 only) and waits until it accepts
    /// connections.
    pub fn start(&self, port: u16) -> Result<(), ClusterError> {
        let mut options = format!("-p {port} -c listen_addresses=127.0.0.1");
        match &self.socket_dir {
            Some(dir) => options.push_str(&format!(" -k \"{}\"", dir.display())),
            None => options.push_str(" -c unix_socket_directories=''"),
        }
        for (name, value) in &self.settings {
            options.push_str(&format!(" -c {name}={value}"));
        }
        let mut command = self.command("pg_ctl");
        command
            .arg("start")
            .arg("-w")
            .args(["-t", "60"])
            .arg("-D")
            .arg(&self.data_dir)
            .arg("-l")
            .arg(&self.log_file)
            .arg("-o")
            .arg(options)
            // pg_ctl's server keeps running after we exit: do not tie it to our stdio.
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        self.run(command, "pg_ctl start").map(drop)
    }

    /// Stops the server. `fast` disconnects clients; otherwise `immediate` (no checkpoint:
    /// for throwaway clusters).
    pub fn stop(&self, fast: bool) -> Result<(), ClusterError> {
        let mut command = self.command("pg_ctl");
        command
            .arg("stop")
            .arg("-w")
            .arg("-D")
            .arg(&self.data_dir)
            .args(["-m", if fast { "fast" } else { "immediate" }]);
        self.run(command, "pg_ctl stop").map(drop)
    }

    /// The running server, read from `postmaster.pid`, if its process is alive.
    pub fn running(&self) -> Option<RunningServer> {
        let text = std::fs::read_to_string(self.data_dir.join("postmaster.pid")).ok()?;
        let mut lines = text.lines();
        let pid: u32 = lines.next()?.trim().parse().ok()?;
        let port: u16 = lines.nth(2)?.trim().parse().ok()?;
        Path::new(&format!("/proc/{pid}"))
            .exists()
            .then_some(RunningServer { pid, port })
    }

    /// Waits until a TCP connection to the port succeeds (after `pg_ctl -w`, immediately).
    pub fn wait_ready(&self, port: u16, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// The URL of a database of the running server (superuser `postgres`).
    pub fn url(&self, port: u16, database: &str) -> DatabaseUrl {
        DatabaseUrl::tcp(
            "127.0.0.1",
            port,
            "postgres",
            self.superuser_password.as_deref(),
            database,
        )
    }

    /// The server user, when the server runs as another user than us.
    pub fn server_user(&self) -> Option<ServerUser> {
        self.server_user
    }
}

/// A TCP port on 127.0.0.1 that is free right now.
pub fn free_port() -> Result<u16, ClusterError> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(io_error(Path::new("127.0.0.1")))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(io_error(Path::new("127.0.0.1")))
}
