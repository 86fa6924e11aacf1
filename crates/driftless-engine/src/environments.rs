//! Named environments: an optional `driftless.toml` in the project root (or beside the
//! schema) that says which databases a project has and which of them must be protected.
//!
//! ```toml
//! [environments.local]
//! url = env("DATABASE_URL")
//!
//! [environments.production]
//! url = env("PRODUCTION_DATABASE_URL")
//! protected = true
//! shadow_url = "postgresql://ci@shadow-host:5432/postgres"
//! ```
//!
//! `url` and `shadow_url` are a literal or `env("NAME")` (as in schema.prisma; the TOML form
//! `{ env = "NAME" }` works too). Unknown keys are errors: a misspelt `protected` must never
//! leave a production database unprotected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use driftless_db::DatabaseUrl;

use crate::env::EnvVars;
use crate::error::EngineError;

/// The file's name.
pub const FILE_NAME: &str = "driftless.toml";

/// Where a URL comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSource {
    /// Written in the file.
    Literal(String),
    /// `env("NAME")`: read from the environment (or `.env`).
    Env(String),
}

impl std::fmt::Display for UrlSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlSource::Literal(text) => f.write_str(&driftless_db::mask_url_text(text)),
            UrlSource::Env(name) => write!(f, "env(\"{name}\")"),
        }
    }
}

/// One `[environments.<name>]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    /// Its name (`production`).
    pub name: String,
    /// The database.
    pub url: UrlSource,
    /// `protected = true | false`; `None` when the file does not say (the host decides).
    pub protected: Option<bool>,
    /// The server where temporary (shadow) databases may be created for this environment.
    pub shadow_url: Option<UrlSource>,
}

impl Environment {
    /// The environment variable its URL comes from, if any.
    pub fn url_env(&self) -> Option<&str> {
        match &self.url {
            UrlSource::Env(name) => Some(name),
            UrlSource::Literal(_) => None,
        }
    }

    /// Its database URL; an unset variable is an error that names the file.
    pub fn resolve_url(&self, env: &EnvVars, file: &Path) -> Result<DatabaseUrl, EngineError> {
        resolve(&self.url, env, &self.name, "url", file)
    }

    /// Its shadow database URL, when one is configured.
    pub fn resolve_shadow_url(
        &self,
        env: &EnvVars,
        file: &Path,
    ) -> Result<Option<DatabaseUrl>, EngineError> {
        self.shadow_url
            .as_ref()
            .map(|source| resolve(source, env, &self.name, "shadow_url", file))
            .transpose()
    }
}

fn resolve(
    source: &UrlSource,
    env: &EnvVars,
    name: &str,
    key: &str,
    file: &Path,
) -> Result<DatabaseUrl, EngineError> {
    match source {
        UrlSource::Literal(url) => Ok(DatabaseUrl::parse(url)?),
        UrlSource::Env(var) => match env.get(var) {
            Some(url) => Ok(DatabaseUrl::parse(&url)?),
            None => Err(EngineError::EnvVarMissing {
                name: var.clone(),
                origin: format!(
                    "`{key} = env(\"{var}\")` of environment `{name}` in `{}`",
                    file.display()
                ),
            }),
        },
    }
}

/// The environments of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environments {
    /// The file they were read from.
    pub path: PathBuf,
    /// Every environment, by name.
    pub list: Vec<Environment>,
}

impl Environments {
    /// Finds and reads `driftless.toml`: in `root`, else in `schema_dir`. `None` when there
    /// is none.
    pub fn find(
        root: &Path,
        schema_dir: Option<&Path>,
    ) -> Result<Option<Environments>, EngineError> {
        let candidates =
            std::iter::once(root.join(FILE_NAME)).chain(schema_dir.map(|dir| dir.join(FILE_NAME)));
        for path in candidates {
            if path.is_file() {
                return Environments::read(&path).map(Some);
            }
        }
        Ok(None)
    }

    /// Reads a `driftless.toml`.
    pub fn read(path: &Path) -> Result<Environments, EngineError> {
        let text = fs_err::read_to_string(path).map_err(|e| EngineError::ConfigUnreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Environments::parse(&text, path)
    }

    /// Parses the text of a `driftless.toml` read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Environments, EngineError> {
        let unreadable = |reason: String| EngineError::ConfigUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        let rewritten = rewrite_env_calls(text);
        let file: FileToml = toml::from_str(&rewritten).map_err(|e| {
            let at = e
                .span()
                .map(|span| {
                    let (line, column) = line_column(&rewritten, span.start);
                    format!("line {line}, column {column}: ")
                })
                .unwrap_or_default();
            unreadable(format!("{at}{}", e.message().trim()))
        })?;
        let mut list = Vec::new();
        for (name, table) in file.environments {
            let url = match table.url {
                Some(url) => url.into_source(),
                None => {
                    return Err(unreadable(format!(
                        "environment `{name}` has no `url` (write `url = env(\"VARIABLE\")` or `url = \"postgresql://…\"`)"
                    )));
                }
            };
            if let UrlSource::Env(var) = &url {
                if var.trim().is_empty() {
                    return Err(unreadable(format!(
                        "environment `{name}`: `env(\"\")` names no variable"
                    )));
                }
            }
            list.push(Environment {
                name,
                url,
                protected: table.protected,
                shadow_url: table.shadow_url.map(UrlToml::into_source),
            });
        }
        Ok(Environments {
            path: path.to_path_buf(),
            list,
        })
    }

    /// The environment of this name.
    pub fn get(&self, name: &str) -> Option<&Environment> {
        self.list.iter().find(|e| e.name == name)
    }

    /// The environment of this name, or an error listing the ones there are.
    pub fn require(&self, name: &str) -> Result<&Environment, EngineError> {
        self.get(name)
            .ok_or_else(|| EngineError::UnknownEnvironment {
                name: name.to_string(),
                file: Some(self.path.clone()),
                known: self.list.iter().map(|e| e.name.clone()).collect(),
            })
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    environments: BTreeMap<String, EnvironmentToml>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvironmentToml {
    url: Option<UrlToml>,
    protected: Option<bool>,
    shadow_url: Option<UrlToml>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum UrlToml {
    Literal(String),
    Env { env: String },
}

impl UrlToml {
    fn into_source(self) -> UrlSource {
        match self {
            UrlToml::Literal(text) => UrlSource::Literal(text),
            UrlToml::Env { env } => UrlSource::Env(env),
        }
    }
}

/// Rewrites `key = env("NAME")` (schema.prisma's form, not TOML) into the inline table
/// `key = { env = "NAME" }`, outside strings and comments, keeping every line in place.
fn rewrite_env_calls(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_multiline: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if let Some(delimiter) = in_multiline {
            if line.matches(delimiter).count() % 2 == 1 {
                in_multiline = None;
            }
            out.push_str(line);
            continue;
        }
        for delimiter in ["\"\"\"", "'''"] {
            if line.matches(delimiter).count() % 2 == 1 {
                in_multiline = Some(delimiter);
            }
        }
        out.push_str(&rewrite_line(line));
    }
    out
}

fn rewrite_line(line: &str) -> String {
    let Some(eq) = first_unquoted_equals(line) else {
        return line.to_string();
    };
    let (before, after) = line.split_at(eq + 1);
    let value = after.trim_start();
    let Some(rest) = value.strip_prefix("env") else {
        return line.to_string();
    };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix('(') else {
        return line.to_string();
    };
    let rest = rest.trim_start();
    let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return line.to_string();
    };
    let Some(end) = rest[1..].find(quote) else {
        return line.to_string();
    };
    let name = &rest[1..1 + end];
    let Some(tail) = rest[1 + end + 1..].trim_start().strip_prefix(')') else {
        return line.to_string();
    };
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!("{before} {{ env = \"{name}\" }}{tail}")
}

/// The first `=` outside quotes, unless a comment starts before it.
fn first_unquoted_equals(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '#' => return None,
                '=' => return Some(i),
                _ => {}
            },
        }
    }
    None
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Environments, EngineError> {
        Environments::parse(text, Path::new("driftless.toml"))
    }

    #[test]
    fn reads_env_calls_literals_and_inline_tables() {
        let envs = parse(
            "# environments\n[environments.local]\nurl = env(\"DATABASE_URL\") # the usual one\n\n[environments.production]\nurl = { env = \"PROD_URL\" }\nprotected = true\nshadow_url = 'postgresql://u:p@shadow/postgres'\n\n[environments.staging]\nurl = \"postgresql://u:secret@staging.example.com/app\"\nprotected = false\n",
        )
        .unwrap();
        assert_eq!(envs.list.len(), 3);
        let local = envs.get("local").unwrap();
        assert_eq!(local.url, UrlSource::Env("DATABASE_URL".into()));
        assert_eq!(local.protected, None);
        let production = envs.get("production").unwrap();
        assert_eq!(production.url, UrlSource::Env("PROD_URL".into()));
        assert_eq!(production.protected, Some(true));
        assert!(production.shadow_url.is_some());
        let staging = envs.get("staging").unwrap();
        assert_eq!(staging.protected, Some(false));
        assert_eq!(
            staging.url.to_string(),
            "postgresql://u:****@staging.example.com/app"
        );
    }

    #[test]
    fn misspelt_keys_and_missing_urls_are_errors() {
        let err = parse("[environments.production]\nurl = env(\"X\")\nprotect = true\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("protect"), "{err}");
        let err = parse("[environments.production]\nprotected = true\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("has no `url`"), "{err}");
        let err = parse("[environment.production]\nurl = \"postgresql://h/db\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("environment"), "{err}");
        let err = parse("[environments.production]\nurl = env(\"X\")\nprotected = \"yes\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn env_calls_inside_strings_and_comments_are_left_alone() {
        assert_eq!(
            rewrite_line("a = \"env(\\\"X\\\")\"\n"),
            "a = \"env(\\\"X\\\")\"\n"
        );
        assert_eq!(rewrite_line("# a = env(\"X\")\n"), "# a = env(\"X\")\n");
        assert_eq!(
            rewrite_line("url = env( 'X' ) # c\n"),
            "url = { env = \"X\" } # c\n"
        );
    }

    #[test]
    fn unset_variables_name_the_environment() {
        let envs = parse("[environments.prod]\nurl = env(\"NOT_SET_ANYWHERE\")\n").unwrap();
        let err = envs
            .get("prod")
            .unwrap()
            .resolve_url(&EnvVars::fixed(&[]), Path::new("driftless.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("NOT_SET_ANYWHERE"), "{err}");
        assert!(err.contains("environment `prod`"), "{err}");
    }
}
