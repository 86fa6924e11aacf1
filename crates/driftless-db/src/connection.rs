//! Opening a connection from a [`DatabaseUrl`], with TLS as libpq and Prisma users expect.
//!
//! `sslmode`: `disable`; `prefer` (the default: TLS when the server offers it);
//! `require` (TLS, certificate not checked, as libpq and Prisma do); `verify-ca` and
//! `verify-full` (checked against `sslrootcert`, or Prisma's `sslcert`, or the bundled
//! Mozilla roots). Prisma's `sslaccept=strict` turns checking on for any mode. TLS is rustls
//! with the ring provider: no OpenSSL in the binary.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio_postgres::config::SslMode;
use tokio_postgres::{CancelToken, Client, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{DbError, ServerError};
use crate::url::{DatabaseUrl, Host, redact};

/// How to connect, beyond what the URL says.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// `application_name` reported to the server (visible in `pg_stat_activity`), unless
    /// the URL sets one.
    pub application_name: String,
    /// Folder that relative certificate paths in the URL are resolved against (Prisma
    /// resolves them against the folder of schema.prisma).
    pub base_dir: Option<PathBuf>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            application_name: "driftless".to_string(),
            base_dir: None,
        }
    }
}

#[derive(Clone)]
enum Tls {
    None,
    Rustls(MakeRustlsConnect),
}

/// An open connection to a PostgreSQL database.
pub struct Connection {
    client: Client,
    cancel: CancelToken,
    tls: Tls,
    url: DatabaseUrl,
    server_version_num: u32,
    server_version: String,
    backend_pid: i32,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Connection {
    /// Connects, sets the session up (search path for the managed schema) and reads the
    /// server version.
    pub async fn connect(
        url: &DatabaseUrl,
        options: &ConnectOptions,
    ) -> Result<Connection, DbError> {
        let host = url.host_display();
        let mut config = tokio_postgres::Config::new();
        match &url.host {
            Host::Tcp(h) => config.host(h),
            Host::Socket(dir) => config.host_path(dir),
        };
        config.port(url.port);
        config.user(default_user(url));
        if let Some(password) = url.password() {
            config.password(password);
        }
        config.dbname(&url.database);
        config.application_name(
            url.param("application_name")
                .unwrap_or(&options.application_name),
        );
        let timeout_seconds = url
            .param("connect_timeout")
            .and_then(|t| t.parse::<u64>().ok())
            .unwrap_or(5);
        if timeout_seconds > 0 {
            config.connect_timeout(Duration::from_secs(timeout_seconds));
        }
        config.keepalives(true);
        config.keepalives_idle(Duration::from_secs(30));

        let sslmode = url
            .param("sslmode")
            .unwrap_or("prefer")
            .to_ascii_lowercase();
        let tls = match (&url.host, sslmode.as_str()) {
            (Host::Socket(_), _) | (_, "disable") => {
                config.ssl_mode(SslMode::Disable);
                Tls::None
            }
            (_, mode) => {
                config.ssl_mode(if matches!(mode, "prefer" | "allow") {
                    SslMode::Prefer
                } else {
                    SslMode::Require
                });
                Tls::Rustls(tls_connector(url, options)?)
            }
        };

        let connected = match &tls {
            Tls::None => config.connect(NoTls).await.map(|(client, connection)| {
                let task = tokio::spawn(async move {
                    let _ = connection.await;
                });
                (client, task)
            }),
            Tls::Rustls(connector) => {
                config
                    .connect(connector.clone())
                    .await
                    .map(|(client, connection)| {
                        let task = tokio::spawn(async move {
                            let _ = connection.await;
                        });
                        (client, task)
                    })
            }
        };
        let (client, task) =
            connected.map_err(|e| classify_connect_error(&e, url, timeout_seconds))?;
        let cancel = client.cancel_token();
        // One round trip after the handshake: the session reset and the version read go in
        // one simple-protocol batch (an extended-protocol query would cost two).
        let batch = format!(
            "{}; SELECT current_setting('server_version_num'), current_setting('server_version'), pg_backend_pid()",
            reset_sql(&url.schema)
        );
        let messages = client.simple_query(&batch).await.map_err(|e| {
            DbError::from_query(
                e,
                "resetting the session and reading the server version",
                &host,
            )
        })?;
        let row = messages.iter().find_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(row) => Some(row),
            _ => None,
        });
        let text = |i: usize| row.and_then(|r| r.get(i)).unwrap_or_default().to_string();
        let connection = Connection {
            cancel,
            tls,
            url: url.clone(),
            server_version_num: text(0).parse().unwrap_or(0),
            server_version: text(1),
            backend_pid: text(2).parse().unwrap_or(0),
            client,
            task,
        };
        Ok(connection)
    }

    /// The driver's client, for queries.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The URL this connection was opened with.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// `server_version_num` (`150004` for 15.4).
    pub fn server_version_num(&self) -> u32 {
        self.server_version_num
    }

    /// `server_version` as the server prints it (`15.4 (Debian 15.4-1)`).
    pub fn server_version(&self) -> &str {
        &self.server_version
    }

    /// The backend process id of this session (to tell our own session from others).
    pub fn backend_pid(&self) -> i32 {
        self.backend_pid
    }

    /// `host:port` for messages.
    pub fn host(&self) -> String {
        self.url.host_display()
    }

    /// The SQL that brings a session back to its initial state: every setting reset, the
    /// role reset, and the search path set to the managed schema, as Prisma sets it.
    pub fn reset_session_sql(&self) -> String {
        reset_sql(&self.url.schema)
    }

    /// Resets every session setting a migration may have changed (`SET lock_timeout`,
    /// `SET search_path`, `SET ROLE`), so that it cannot leak into the next one.
    pub async fn reset_session(&self) -> Result<(), DbError> {
        self.batch(&self.reset_session_sql(), "resetting the session")
            .await
    }

    /// Runs one or more statements with the simple query protocol.
    pub async fn batch(&self, sql: &str, context: &str) -> Result<(), DbError> {
        self.client
            .batch_execute(sql)
            .await
            .map_err(|e| self.query_error(e, context))
    }

    /// Classifies a driver error from a query on this connection, with secrets removed.
    pub fn query_error(&self, error: tokio_postgres::Error, context: &str) -> DbError {
        let mut error = DbError::from_query(error, context, &self.host());
        if let DbError::Server { error: server, .. } = &mut error {
            server.message = redact(&server.message, &self.url);
        }
        error
    }

    /// Asks the server to cancel whatever this connection is running (Ctrl-C).
    pub async fn cancel(&self) {
        let _ = match &self.tls {
            Tls::None => self.cancel.cancel_query(NoTls).await,
            Tls::Rustls(connector) => self.cancel.cancel_query(connector.clone()).await,
        };
    }

    /// A token that cancels this connection's running query from another task.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            token: self.cancel.clone(),
            tls: self.tls.clone(),
        }
    }

    /// Whether the connection is closed.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

/// Creates the database a URL names, through the server's maintenance database (`postgres`,
/// else `template1`), as Prisma's `migrate deploy` does when the database is missing.
pub async fn create_database(url: &DatabaseUrl, options: &ConnectOptions) -> Result<(), DbError> {
    let mut last = None;
    for maintenance in ["postgres", "template1"] {
        match Connection::connect(&url.with_database(maintenance), options).await {
            Ok(admin) => {
                let created = admin
                    .batch(
                        &format!("CREATE DATABASE {}", crate::quote_ident(&url.database)),
                        &format!("creating database `{}`", url.database),
                    )
                    .await;
                return match created {
                    // duplicate_database (or the catalog's unique index, when both checked at once):
                    // another process created it meanwhile (racing
                    // deploys); it exists, which is all we wanted.
                    Err(e)
                        if e.server_error()
                            .is_some_and(|s| s.code == "42P04" || s.code == "23505") =>
                    {
                        Ok(())
                    }
                    other => other,
                };
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(DbError::DatabaseMissing {
        database: url.database.clone(),
        host: url.host_display(),
    }))
}

/// Cancels the running query of a [`Connection`] from another task (a Ctrl-C handler).
#[derive(Clone)]
pub struct Canceller {
    token: CancelToken,
    tls: Tls,
}

impl Canceller {
    /// Sends the cancel request.
    pub async fn cancel(&self) {
        let _ = match &self.tls {
            Tls::None => self.token.cancel_query(NoTls).await,
            Tls::Rustls(connector) => self.token.cancel_query(connector.clone()).await,
        };
    }
}

fn default_user(url: &DatabaseUrl) -> String {
    url.user
        .clone()
        .or_else(|| std::env::var("PGUSER").ok())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "postgres".to_string())
}

fn classify_connect_error(
    error: &tokio_postgres::Error,
    url: &DatabaseUrl,
    timeout: u64,
) -> DbError {
    let host = url.host_display();
    if let Some(server) = ServerError::from_driver(error) {
        return match server.code.as_str() {
            "28P01" | "28000" => DbError::AuthenticationFailed {
                user: default_user(url),
                host,
                reason: redact(&server.message, url),
            },
            "3D000" => DbError::DatabaseMissing {
                database: url.database.clone(),
                host,
            },
            // The server is shutting down, starting up or recovering from a crash
            // (cannot_connect_now, admin_shutdown, crash_shutdown), or full: it cannot be
            // reached right now, which is what the user has to know (and the exit code).
            "57P01" | "57P02" | "57P03" | "53300" => DbError::Unreachable {
                host,
                reason: redact(&server.message, url),
            },
            _ => DbError::Other {
                context: format!("connecting to `{host}`"),
                reason: redact(&server.full_text(), url),
            },
        };
    }
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        let text = inner.to_string();
        if !reason.contains(&text) {
            reason = format!("{reason}: {text}");
        }
        source = inner.source();
    }
    let reason = redact(&reason, url);
    if reason.starts_with("timeout waiting for server") || reason.contains("timed out") {
        DbError::ConnectTimeout {
            host,
            seconds: timeout,
        }
    } else if reason.starts_with("error performing TLS handshake") || reason.contains("TLS") {
        DbError::Tls { host, reason }
    } else if reason.starts_with("authentication error") || reason.contains("password") {
        DbError::AuthenticationFailed {
            user: default_user(url),
            host,
            reason,
        }
    } else {
        DbError::Unreachable {
            host,
            reason: reason
                .trim_start_matches("error connecting to server: ")
                .to_string(),
        }
    }
}

fn tls_connector(
    url: &DatabaseUrl,
    options: &ConnectOptions,
) -> Result<MakeRustlsConnect, DbError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let sslmode = url
        .param("sslmode")
        .unwrap_or("prefer")
        .to_ascii_lowercase();
    let strict = url.param("sslaccept") == Some("strict");
    let resolve = |p: &str| -> PathBuf {
        let path = Path::new(p);
        match (&options.base_dir, path.is_relative()) {
            (Some(base), true) => base.join(path),
            _ => path.to_path_buf(),
        }
    };
    // libpq: `sslcert` + `sslkey` are a client certificate. Prisma: `sslcert` alone is the
    // server's CA certificate. Tell them apart by the presence of `sslkey`.
    let client_identity = match (url.param("sslcert"), url.param("sslkey")) {
        (Some(cert), Some(key)) => Some((resolve(cert), resolve(key))),
        _ => None,
    };
    let root_file = url
        .param("sslrootcert")
        .or(if client_identity.is_none() {
            url.param("sslcert")
        } else {
            None
        })
        .map(resolve);
    if url.param("sslidentity").is_some() {
        return Err(DbError::CertificateFile {
            path: resolve(url.param("sslidentity").unwrap_or_default()),
            reason: "PKCS#12 client identities (`sslidentity`) are not supported; convert it to PEM and pass `sslcert` and `sslkey`".to_string(),
        });
    }
    let verify = strict || matches!(sslmode.as_str(), "verify-ca" | "verify-full");
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| DbError::Tls {
            host: url.host_display(),
            reason: e.to_string(),
        })?;
    let builder = if verify {
        let mut roots = rustls::RootCertStore::empty();
        match &root_file {
            Some(path) => {
                for cert in read_certs(path)? {
                    roots.add(cert).map_err(|e| DbError::CertificateFile {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?;
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .build()
        .map_err(|e| DbError::Tls {
            host: url.host_display(),
            reason: e.to_string(),
        })?;
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Verifier {
                provider: provider.clone(),
                webpki: Some(webpki),
                check_name: sslmode == "verify-full" || (strict && sslmode != "verify-ca"),
            }))
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Verifier {
                provider: provider.clone(),
                webpki: None,
                check_name: false,
            }))
    };
    let config = match client_identity {
        Some((cert, key)) => {
            let certs = read_certs(&cert)?;
            let key_der =
                PrivateKeyDer::from_pem_file(&key).map_err(|e| DbError::CertificateFile {
                    path: key.clone(),
                    reason: e.to_string(),
                })?;
            builder
                .with_client_auth_cert(certs, key_der)
                .map_err(|e| DbError::CertificateFile {
                    path: cert,
                    reason: e.to_string(),
                })?
        }
        None => builder.with_no_client_auth(),
    };
    Ok(MakeRustlsConnect::new(config))
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, DbError> {
    let error = |reason: String| DbError::CertificateFile {
        path: path.to_path_buf(),
        reason,
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| error(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| error(e.to_string()))?;
    if certs.is_empty() {
        return Err(error("it holds no PEM certificate".to_string()));
    }
    Ok(certs)
}

/// Checks server certificates as the URL asks: not at all (`require`, as libpq), the chain
/// only (`verify-ca`), or the chain and the host name (`verify-full`).
#[derive(Debug)]
struct Verifier {
    provider: Arc<CryptoProvider>,
    webpki: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    check_name: bool,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(webpki) = &self.webpki else {
            return Ok(ServerCertVerified::assertion());
        };
        match webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The session reset for a managed schema (see [`Connection::reset_session_sql`]).
fn reset_sql(schema: &str) -> String {
    format!(
        "RESET ALL; RESET ROLE; SET search_path TO {}",
        crate::quote_ident(schema)
    )
}
