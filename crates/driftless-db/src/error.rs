//! Errors of everything that talks to a database, classified by what the user can do about
//! them, with Prisma's error codes where Prisma has one.

use std::path::PathBuf;

/// An error the server reported for a statement: what PostgreSQL said, field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    /// SQLSTATE (`42P01`).
    pub code: String,
    /// Severity (`ERROR`, `FATAL`).
    pub severity: String,
    /// Primary message.
    pub message: String,
    /// `DETAIL`.
    pub detail: Option<String>,
    /// `HINT`.
    pub hint: Option<String>,
    /// 1-based character position in the query that failed, when the server gave one.
    pub position: Option<u32>,
    /// `CONTEXT` (for errors inside functions and DO blocks).
    pub context: Option<String>,
}

impl ServerError {
    /// Extracts the server's fields from a driver error, if it is a server error.
    pub fn from_driver(error: &tokio_postgres::Error) -> Option<ServerError> {
        let db = error.as_db_error()?;
        Some(ServerError {
            code: db.code().code().to_string(),
            severity: db.severity().to_string(),
            message: db.message().to_string(),
            detail: db.detail().map(str::to_string),
            hint: db.hint().map(str::to_string),
            position: match db.position() {
                Some(tokio_postgres::error::ErrorPosition::Original(p)) => Some(*p),
                _ => None,
            },
            context: db.where_().map(str::to_string),
        })
    }

    /// `ERROR: message` plus detail and hint lines, as psql prints it.
    pub fn full_text(&self) -> String {
        let mut out = format!("{}: {}", self.severity, self.message);
        if let Some(detail) = &self.detail {
            out.push_str(&format!("\nDETAIL: {detail}"));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\nHINT: {hint}"));
        }
        if let Some(context) = &self.context {
            out.push_str(&format!("\nCONTEXT: {context}"));
        }
        out
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// What went wrong talking to a database.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// The server could not be reached (refused, unknown host, network down).
    #[error("cannot reach the database server at `{host}`: {reason}")]
    Unreachable {
        /// `host:port`.
        host: String,
        /// What the network said.
        reason: String,
    },
    /// Connecting took longer than the connect timeout.
    #[error("timed out connecting to the database server at `{host}` after {seconds} s")]
    ConnectTimeout {
        /// `host:port`.
        host: String,
        /// The timeout.
        seconds: u64,
    },
    /// The server refused the credentials.
    #[error("authentication failed for user `{user}` on the database server at `{host}`")]
    AuthenticationFailed {
        /// The user.
        user: String,
        /// `host:port`.
        host: String,
        /// The server's message.
        reason: String,
    },
    /// The database named in the URL does not exist.
    #[error("database `{database}` does not exist on the database server at `{host}`")]
    DatabaseMissing {
        /// Database name.
        database: String,
        /// `host:port`.
        host: String,
    },
    /// TLS setup or handshake failed.
    #[error("TLS connection to `{host}` failed: {reason}")]
    Tls {
        /// `host:port`.
        host: String,
        /// Why.
        reason: String,
    },
    /// A certificate or key file named in the URL could not be used.
    #[error("cannot use `{}` from the database URL: {reason}", path.display())]
    CertificateFile {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The server rejected a statement.
    #[error("{context}: {error}")]
    Server {
        /// What we were doing.
        context: String,
        /// What the server said.
        error: Box<ServerError>,
    },
    /// The connection broke (server restarted, network cut, backend terminated).
    #[error("the connection to the database server at `{host}` was lost{}", reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default())]
    ConnectionLost {
        /// `host:port`.
        host: String,
        /// The server's last message, if any (`terminating connection due to administrator command`).
        reason: Option<String>,
    },
    /// The query was cancelled (Ctrl-C, or a timeout of ours).
    #[error("the statement was cancelled")]
    Cancelled,
    /// Anything else the driver reported.
    #[error("{context}: {reason}")]
    Other {
        /// What we were doing.
        context: String,
        /// The driver's message.
        reason: String,
    },
}

impl DbError {
    /// Prisma's error code for this situation, where Prisma has one.
    pub fn prisma_code(&self) -> Option<&'static str> {
        match self {
            DbError::AuthenticationFailed { .. } => Some("P1000"),
            DbError::Unreachable { .. } => Some("P1001"),
            DbError::ConnectTimeout { .. } => Some("P1002"),
            DbError::DatabaseMissing { .. } => Some("P1003"),
            DbError::Tls { .. } => Some("P1011"),
            _ => None,
        }
    }

    /// The server's error, when the server rejected a statement.
    pub fn server_error(&self) -> Option<&ServerError> {
        match self {
            DbError::Server { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether the server cancelled the statement (`query_canceled`: a cancel request, or
    /// `statement_timeout`).
    pub fn is_query_canceled(&self) -> bool {
        matches!(self, DbError::Cancelled) || self.server_error().is_some_and(|e| e.code == "57014")
    }

    /// Whether the connection is gone (so nothing more can be done on it).
    pub fn is_connection_lost(&self) -> bool {
        matches!(self, DbError::ConnectionLost { .. })
    }

    /// Classifies an error from a statement (not from connecting).
    pub fn from_query(error: tokio_postgres::Error, context: &str, host: &str) -> DbError {
        if let Some(server) = ServerError::from_driver(&error) {
            // 57P01 admin_shutdown / 57P02 crash_shutdown / 57P03 cannot_connect_now: the
            // backend is going away. (57014 query_canceled is either a cancel of ours or a
            // statement_timeout: only the caller knows which.)
            return match server.code.as_str() {
                "57P01" | "57P02" | "57P03" => DbError::ConnectionLost {
                    host: host.to_string(),
                    reason: Some(server.message),
                },
                _ => DbError::Server {
                    context: context.to_string(),
                    error: Box::new(server),
                },
            };
        }
        let text = error.to_string();
        if error.is_closed()
            || text.starts_with("error communicating with the server")
            || text.starts_with("connection closed")
        {
            return DbError::ConnectionLost {
                host: host.to_string(),
                reason: None,
            };
        }
        DbError::Other {
            context: context.to_string(),
            reason: text,
        }
    }
}
