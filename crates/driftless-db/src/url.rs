//! PostgreSQL connection URLs as Prisma users write them, and their masked display.
//!
//! `postgresql://user:password@host:5432/db?schema=app&sslmode=require` plus Prisma's own
//! parameters (`schema`, `sslaccept`, `sslcert` as the server's CA, `host` for a Unix socket
//! directory, `connect_timeout`, `pgbouncer`). The password is kept out of every `Display`
//! and `Debug` output: [`DatabaseUrl::masked`] is what messages show.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use percent_encoding::percent_decode_str;

/// Where the server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A host name or IP address, reached over TCP.
    Tcp(String),
    /// A directory holding the server's Unix socket.
    Socket(PathBuf),
}

/// Why a URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The URL is for another kind of database.
    #[error(
        "`{scheme}://` URLs are not supported: driftless manages PostgreSQL databases (URLs starting with `postgresql://` or `postgres://`)"
    )]
    UnsupportedScheme {
        /// The scheme found.
        scheme: String,
    },
    /// The URL is malformed.
    #[error("the database URL `{masked}` is not valid: {reason}")]
    Malformed {
        /// The URL with its password masked.
        masked: String,
        /// What is wrong.
        reason: String,
    },
}

/// A parsed PostgreSQL URL. Its `Debug` and `Display` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    /// The user name, if given.
    pub user: Option<String>,
    password: Option<String>,
    /// The server.
    pub host: Host,
    /// TCP port (also names the socket file `.s.PGSQL.<port>`).
    pub port: u16,
    /// Database name.
    pub database: String,
    /// The PostgreSQL schema Prisma manages: `?schema=`, `public` by default.
    pub schema: String,
    /// Every query parameter, decoded.
    pub params: BTreeMap<String, String>,
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.masked())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl DatabaseUrl {
    /// Parses a URL.
    pub fn parse(url: &str) -> Result<DatabaseUrl, UrlError> {
        let url = url.trim();
        let malformed = |reason: &str| UrlError::Malformed {
            masked: mask_url_text(url),
            reason: reason.to_string(),
        };
        let Some((scheme, rest)) = url.split_once("://") else {
            if url.starts_with("file:") {
                return Err(UrlError::UnsupportedScheme {
                    scheme: "file".into(),
                });
            }
            return Err(malformed(
                "it should look like `postgresql://USER:PASSWORD@HOST:PORT/DATABASE`",
            ));
        };
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "postgresql" && scheme != "postgres" {
            return Err(UrlError::UnsupportedScheme { scheme });
        }
        let (before_query, query) = match rest.split_once('?') {
            Some((a, b)) => (a, Some(b)),
            None => (rest, None),
        };
        let before_query = before_query.split('#').next().unwrap_or("");
        // The authority ends at the first `/` after the last `@` (passwords sometimes hold an
        // unencoded `@` or `/`, which libpq rejects but users write anyway).
        let at = before_query.rfind('@');
        let path_start = before_query[at.map_or(0, |i| i + 1)..]
            .find('/')
            .map(|i| i + at.map_or(0, |i| i + 1));
        let (authority, path) = match path_start {
            Some(i) => (&before_query[..i], &before_query[i + 1..]),
            None => (before_query, ""),
        };
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let (user, password) = match userinfo {
            Some(info) => match info.split_once(':') {
                Some((u, p)) => (Some(decode(u)), Some(decode(p))),
                None => (Some(decode(info)), None),
            },
            None => (None, None),
        };
        let mut params = BTreeMap::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            params.insert(decode(k), decode(&v.replace('+', " ")));
        }
        let (host_text, port_text) = split_host_port(hostport);
        let host_text = decode(host_text);
        let host = if let Some(socket_dir) = params.get("host").filter(|h| h.starts_with('/')) {
            Host::Socket(PathBuf::from(socket_dir))
        } else if host_text.starts_with('/') {
            Host::Socket(PathBuf::from(host_text))
        } else if host_text.is_empty() {
            match params.get("host") {
                Some(h) => Host::Tcp(h.clone()),
                None => Host::Tcp("localhost".to_string()),
            }
        } else {
            Host::Tcp(host_text)
        };
        let port = match port_text.or_else(|| params.get("port").map(String::as_str)) {
            Some(p) if !p.is_empty() => p.parse::<u16>().map_err(|_| {
                malformed(&format!(
                    "the port `{p}` is not a number between 1 and 65535"
                ))
            })?,
            _ => 5432,
        };
        let database = decode(path.trim_end_matches('/'));
        let database = if database.is_empty() {
            params
                .get("dbname")
                .cloned()
                .unwrap_or_else(|| "postgres".to_string())
        } else {
            database
        };
        let schema = params
            .get("schema")
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| "public".to_string());
        Ok(DatabaseUrl {
            user: user.filter(|u| !u.is_empty()),
            password,
            host,
            port,
            database,
            schema,
            params,
        })
    }

    /// A URL for a TCP server (local clusters).
    pub fn tcp(
        host: &str,
        port: u16,
        user: &str,
        password: Option<&str>,
        database: &str,
    ) -> DatabaseUrl {
        DatabaseUrl {
            user: Some(user.to_string()),
            password: password.map(str::to_string),
            host: Host::Tcp(host.to_string()),
            port,
            database: database.to_string(),
            schema: "public".to_string(),
            params: BTreeMap::new(),
        }
    }

    /// The password, for the driver only.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The URL with the password replaced by `****`: safe to print.
    pub fn masked(&self) -> String {
        let mut out = String::from("postgresql://");
        if let Some(user) = &self.user {
            out.push_str(&encode(user));
            if self.password.is_some() {
                out.push_str(":****");
            }
            out.push('@');
        }
        match &self.host {
            Host::Tcp(h) if h.contains(':') => out.push_str(&format!("[{h}]:{}", self.port)),
            Host::Tcp(h) => out.push_str(&format!("{h}:{}", self.port)),
            Host::Socket(_) => out.push_str(&format!("localhost:{}", self.port)),
        }
        out.push('/');
        out.push_str(&encode(&self.database));
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| {
                let secret = k.contains("password") || k == "sslpassword";
                format!(
                    "{}={}",
                    encode(k),
                    if secret { "****".into() } else { encode(v) }
                )
            })
            .collect();
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params.join("&"));
        }
        out
    }

    /// `host:port` (or the socket path), as Prisma prints it after `at`.
    pub fn host_display(&self) -> String {
        match &self.host {
            Host::Tcp(h) if h.contains(':') => format!("[{h}]:{}", self.port),
            Host::Tcp(h) => format!("{h}:{}", self.port),
            Host::Socket(dir) => format!("{}/.s.PGSQL.{}", dir.display(), self.port),
        }
    }

    /// Whether the server is on this machine: a Unix socket or a loopback address.
    pub fn is_local(&self) -> bool {
        match &self.host {
            Host::Socket(_) => true,
            Host::Tcp(h) => {
                let h = h.to_ascii_lowercase();
                h == "localhost"
                    || h.ends_with(".localhost")
                    || h == "::1"
                    || h.parse::<std::net::Ipv4Addr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
        }
    }

    /// The same server and credentials, another database (for creating and dropping
    /// temporary databases through the maintenance database).
    #[must_use]
    pub fn with_database(&self, database: &str) -> DatabaseUrl {
        DatabaseUrl {
            database: database.to_string(),
            ..self.clone()
        }
    }

    /// The same URL managing another schema.
    #[must_use]
    pub fn with_schema(&self, schema: &str) -> DatabaseUrl {
        let mut url = self.clone();
        url.schema = schema.to_string();
        url.params.insert("schema".to_string(), schema.to_string());
        url
    }

    /// A query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// The full URL with its password, for handing to another program (a shadow database
    /// URL in an environment variable). Never print it.
    pub fn expose(&self) -> String {
        let mut out = String::from("postgresql://");
        if let Some(user) = &self.user {
            out.push_str(&encode(user));
            if let Some(p) = &self.password {
                out.push(':');
                out.push_str(&encode(p));
            }
            out.push('@');
        }
        match &self.host {
            Host::Tcp(h) if h.contains(':') => out.push_str(&format!("[{h}]:{}", self.port)),
            Host::Tcp(h) => out.push_str(&format!("{h}:{}", self.port)),
            Host::Socket(_) => out.push_str(&format!("localhost:{}", self.port)),
        }
        out.push('/');
        out.push_str(&encode(&self.database));
        let mut params: Vec<String> = self
            .params
            .iter()
            .filter(|(k, _)| k.as_str() != "host")
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        if let Host::Socket(dir) = &self.host {
            params.push(format!("host={}", encode(&dir.display().to_string())));
        }
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params.join("&"));
        }
        out
    }
}

fn split_host_port(hostport: &str) -> (&str, Option<&str>) {
    if let Some(rest) = hostport.strip_prefix('[') {
        // [ipv6]:port
        if let Some((h, after)) = rest.split_once(']') {
            return (h, after.strip_prefix(':'));
        }
    }
    match hostport.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h, Some(p)),
        _ => (hostport, None),
    }
}

fn encode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

/// Masks the password in any URL-looking text, for messages about URLs that do not parse.
pub fn mask_url_text(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_string();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    let authority_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return text.to_string();
    };
    let userinfo = &authority[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:****{}",
            &text[..authority_start],
            &userinfo[..colon],
            &text[authority_start + at..]
        ),
        None => text.to_string(),
    }
}

/// Replaces every occurrence of a password in `text` by `****`: the last line of defence for
/// messages that come from elsewhere (a driver error that echoes a connection string).
pub fn redact(text: &str, url: &DatabaseUrl) -> String {
    let mut out = mask_url_text(text);
    if let Some(password) = url.password().filter(|p| p.len() >= 3) {
        out = out.replace(password, "****");
        let encoded = encode(password);
        if encoded != password {
            out = out.replace(&encoded, "****");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prisma_urls() {
        let url = DatabaseUrl::parse(
            "postgresql://johndoe:p%40ss@db.example.com:6543/mydb?schema=app&sslmode=require",
        )
        .unwrap();
        assert_eq!(url.user.as_deref(), Some("johndoe"));
        assert_eq!(url.password(), Some("p@ss"));
        assert_eq!(url.host, Host::Tcp("db.example.com".into()));
        assert_eq!(url.port, 6543);
        assert_eq!(url.database, "mydb");
        assert_eq!(url.schema, "app");
        assert_eq!(url.param("sslmode"), Some("require"));
        assert!(!url.is_local());
        assert_eq!(
            url.masked(),
            "postgresql://johndoe:****@db.example.com:6543/mydb?schema=app&sslmode=require"
        );
        assert!(!format!("{url:?}{url}").contains("p@ss"));
    }

    #[test]
    fn defaults_and_sockets() {
        let url = DatabaseUrl::parse("postgres://localhost").unwrap();
        assert_eq!(
            (url.port, url.database.as_str(), url.schema.as_str()),
            (5432, "postgres", "public")
        );
        assert!(url.is_local());
        let url =
            DatabaseUrl::parse("postgresql://u@localhost/db?host=/var/run/postgresql").unwrap();
        assert_eq!(url.host, Host::Socket("/var/run/postgresql".into()));
        let url = DatabaseUrl::parse("postgresql://u@%2Ftmp%2Fpg:5433/db").unwrap();
        assert_eq!(url.host, Host::Socket("/tmp/pg".into()));
        assert_eq!(url.port, 5433);
        let url = DatabaseUrl::parse("postgresql://u:p@[::1]:5433/db").unwrap();
        assert_eq!(url.host, Host::Tcp("::1".into()));
        assert!(url.is_local());
    }

    #[test]
    fn passwords_with_at_signs_and_slashes() {
        let url = DatabaseUrl::parse("postgresql://u:a@b/c@host:1/db").unwrap();
        assert_eq!(url.password(), Some("a@b/c"));
        assert_eq!(url.host, Host::Tcp("host".into()));
        assert_eq!(url.database, "db");
    }

    #[test]
    fn errors_never_show_the_password() {
        let err = DatabaseUrl::parse("postgresql://u:secret@host:99999/db").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("99999"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        assert!(matches!(
            DatabaseUrl::parse("mysql://u:p@h/db"),
            Err(UrlError::UnsupportedScheme { .. })
        ));
        assert!(DatabaseUrl::parse("not a url").is_err());
    }

    #[test]
    fn redact_catches_echoed_passwords() {
        let url = DatabaseUrl::parse("postgresql://u:hunter22@h/db").unwrap();
        assert_eq!(
            redact("failed for postgresql://u:hunter22@h/db and hunter22", &url),
            "failed for postgresql://u:****@h/db and ****"
        );
    }

    #[test]
    fn expose_round_trips() {
        let text = "postgresql://u:p%40ss@h:1/db?schema=x";
        let url = DatabaseUrl::parse(text).unwrap();
        assert_eq!(DatabaseUrl::parse(&url.expose()).unwrap(), url);
    }
}
