//! Finding a Prisma project's pieces the way Prisma does: the schema, the migrations folder,
//! `.env`, `prisma.config.ts`, `package.json`, and the database URL.
//!
//! Schema: `--schema`, then `prisma.config.ts`'s `schema`, then `package.json`'s
//! `"prisma": {"schema": …}`, then `prisma/schema.prisma`, `schema.prisma`, `prisma/schema/`.
//! Migrations: `prisma.config.ts`'s `migrations.path`, else `migrations/` beside the schema.
//! Database URL: `--url`, then the datasource's `directUrl` and `url` (Prisma Migrate uses
//! the direct URL when there is one), then `prisma.config.ts`'s datasource, then
//! `DATABASE_URL`, then the project's local development database. `--env NAME` (or
//! `DRIFTLESS_ENV`) takes the URL of an environment of `driftless.toml` instead.

use std::path::{Path, PathBuf};

use driftless_db::DatabaseUrl;
use driftless_psl::{ConfigValue, Configuration, Datasource, ParsedSchema};

use crate::config_file::PrismaConfig;
use crate::dev::DevDatabase;
use crate::env::EnvVars;
use crate::environments::{Environment, Environments, UrlSource};
use crate::error::EngineError;

/// What the user told us about where things are.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// The working directory (the project root).
    pub cwd: PathBuf,
    /// `--schema`.
    pub schema: Option<PathBuf>,
    /// `--config` (a `prisma.config.ts`).
    pub config: Option<PathBuf>,
    /// `--url`.
    pub url: Option<String>,
}

/// A discovered project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project root: the working directory.
    pub root: PathBuf,
    /// Environment with `.env` files loaded.
    pub env: EnvVars,
    /// `prisma.config.ts`, when there is one.
    pub config: Option<PrismaConfig>,
    /// The schema file or folder, when found.
    pub schema_path: Option<PathBuf>,
    /// The parsed schema, when found.
    pub schema: Option<ParsedSchema>,
    /// Its configuration blocks (empty without a schema).
    pub configuration: Configuration,
    /// The migrations folder (it may not exist yet).
    pub migrations_dir: PathBuf,
    /// The `--url` given.
    url_flag: Option<String>,
    /// `package.json`'s `prisma` section, when present.
    package_prisma: Option<serde_json::Value>,
    /// The environments of `driftless.toml`, when there is one.
    pub environments: Option<Environments>,
    /// The environment chosen with `--env` / `DRIFTLESS_ENV`.
    selected_environment: Option<String>,
}

/// Where the database URL came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlOrigin {
    /// `--url`.
    Flag,
    /// The schema's datasource block (`url` or `directUrl`), maybe through a variable.
    Schema {
        /// `url` or `directUrl`.
        key: &'static str,
        /// The environment variable, when `env("…")`.
        env: Option<String>,
    },
    /// `prisma.config.ts`.
    Config {
        /// The dotted key.
        key: &'static str,
        /// The environment variable, when read from one.
        env: Option<String>,
    },
    /// The `DATABASE_URL` environment variable, with nothing else configured.
    DatabaseUrlEnv,
    /// The project's local development database (`driftless dev`).
    DevDatabase {
        /// Whether this command had to start it.
        started: bool,
    },
    /// An environment of `driftless.toml`, chosen with `--env` or `DRIFTLESS_ENV`.
    Environment {
        /// The environment's name.
        name: String,
        /// The environment variable, when `env("…")`.
        env: Option<String>,
    },
}

impl std::fmt::Display for UrlOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlOrigin::Flag => f.write_str("--url"),
            UrlOrigin::Schema {
                key,
                env: Some(env),
            } => write!(f, "{key} = env(\"{env}\") in the schema"),
            UrlOrigin::Schema { key, env: None } => write!(f, "{key} in the schema"),
            UrlOrigin::Config {
                key,
                env: Some(env),
            } => write!(f, "{key} = env(\"{env}\") in the Prisma config"),
            UrlOrigin::Config { key, env: None } => write!(f, "{key} in the Prisma config"),
            UrlOrigin::DatabaseUrlEnv => f.write_str("DATABASE_URL"),
            UrlOrigin::DevDatabase { .. } => f.write_str("the local development database"),
            UrlOrigin::Environment {
                name,
                env: Some(env),
            } => write!(f, "environment `{name}` (url = env(\"{env}\"))"),
            UrlOrigin::Environment { name, env: None } => write!(f, "environment `{name}`"),
        }
    }
}

/// The database a command works on.
#[derive(Debug, Clone)]
pub struct DatabaseTarget {
    /// The URL (its password is never printed).
    pub url: DatabaseUrl,
    /// Where it came from.
    pub origin: UrlOrigin,
    /// The shadow database URL, when one is configured.
    pub shadow: Option<DatabaseUrl>,
    /// The environment of `driftless.toml` this database belongs to: the one chosen, or
    /// the one whose URL names the same server and database.
    pub environment: Option<TargetEnvironment>,
}

/// The environment a database belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetEnvironment {
    /// Its name.
    pub name: String,
    /// What its `protected` key says, if anything.
    pub protected: Option<bool>,
    /// Whether it was chosen with `--env` / `DRIFTLESS_ENV` (false: recognised by its URL).
    pub selected: bool,
}

impl DatabaseTarget {
    /// Whether this is the project's local development database.
    pub fn is_dev_database(&self) -> bool {
        matches!(self.origin, UrlOrigin::DevDatabase { .. })
    }
}

/// Whether two URLs name the same database on the same server.
pub fn same_database(a: &DatabaseUrl, b: &DatabaseUrl) -> bool {
    let host = |url: &DatabaseUrl| match &url.host {
        driftless_db::Host::Tcp(h) => h.to_ascii_lowercase(),
        driftless_db::Host::Socket(dir) => dir.display().to_string(),
    };
    host(a) == host(b) && a.port == b.port && a.database == b.database
}

impl Project {
    /// Finds the project's pieces. A missing schema is not an error here (some commands do
    /// not need one); [`Project::require_schema`] makes it one.
    pub fn discover(options: &ProjectOptions) -> Result<Project, EngineError> {
        let root = options.cwd.clone();
        let mut env = EnvVars::from_process();
        env.load_file(&root.join(".env"));

        let config_path = match &options.config {
            Some(path) => Some(root.join(path)),
            None => PrismaConfig::find(&root),
        };
        let config = match config_path {
            Some(path) => {
                Some(
                    PrismaConfig::read(&path).map_err(|e| EngineError::ConfigUnreadable {
                        path: path.clone(),
                        reason: e.to_string(),
                    })?,
                )
            }
            None => None,
        };
        let package_prisma = read_package_prisma(&root);

        let schema_path = if let Some(path) = &options.schema {
            let path = root.join(path);
            if !path.exists() {
                return Err(EngineError::SchemaNotFound { looked: vec![path] });
            }
            Some(path)
        } else if let Some(value) = match &config {
            Some(config) => config.string("schema", &env)?,
            None => None,
        } {
            let base = config
                .as_ref()
                .and_then(|c| c.path.parent())
                .unwrap_or(&root);
            let path = base.join(&value.value);
            if !path.exists() {
                return Err(EngineError::SchemaNotFound { looked: vec![path] });
            }
            Some(path)
        } else if let Some(schema) = package_prisma
            .as_ref()
            .and_then(|p| p.get("schema"))
            .and_then(|s| s.as_str())
        {
            let path = root.join(schema);
            if !path.exists() {
                return Err(EngineError::SchemaNotFound { looked: vec![path] });
            }
            Some(path)
        } else {
            ["prisma/schema.prisma", "schema.prisma", "prisma/schema"]
                .iter()
                .map(|p| root.join(p))
                .find(|p| p.is_file() || (p.is_dir() && has_prisma_files(p)))
        };

        let (schema, configuration) = match &schema_path {
            Some(path) => {
                let files = driftless_psl::read_schema_files(path).map_err(|e| {
                    EngineError::SchemaUnreadable {
                        path: path.clone(),
                        reason: e.to_string(),
                    }
                })?;
                let files = files
                    .into_iter()
                    .map(|mut f| {
                        f.name = display_path(&root, Path::new(&f.name));
                        f
                    })
                    .collect();
                let parsed = driftless_psl::parse_schema(files);
                let configuration = parsed.configuration();
                (Some(parsed), configuration)
            }
            None => (None, Configuration::default()),
        };
        if let Some(path) = &schema_path {
            let dir = if path.is_dir() {
                path.clone()
            } else {
                path.parent().unwrap_or(&root).to_path_buf()
            };
            env.load_file(&dir.join(".env"));
        }

        let migrations_dir = match config
            .as_ref()
            .map(|c| c.string("migrations.path", &env))
            .transpose()?
            .flatten()
        {
            Some(value) => {
                let base = config
                    .as_ref()
                    .and_then(|c| c.path.parent())
                    .unwrap_or(&root);
                base.join(value.value)
            }
            None => match &schema_path {
                Some(path) if path.is_dir() => {
                    if path.join("migrations").is_dir() {
                        path.join("migrations")
                    } else {
                        path.parent().unwrap_or(&root).join("migrations")
                    }
                }
                Some(path) => path.parent().unwrap_or(&root).join("migrations"),
                None => root.join("prisma/migrations"),
            },
        };

        let schema_dir = schema_path.as_ref().map(|path| {
            if path.is_dir() {
                path.clone()
            } else {
                path.parent().unwrap_or(&root).to_path_buf()
            }
        });
        let environments = Environments::find(&root, schema_dir.as_deref())?;

        Ok(Project {
            root,
            env,
            config,
            schema_path,
            schema,
            configuration,
            migrations_dir,
            url_flag: options.url.clone(),
            package_prisma,
            environments,
            selected_environment: None,
        })
    }

    /// Chooses an environment of `driftless.toml` (`--env`, `DRIFTLESS_ENV`): its URL is the
    /// database of every command. An unknown name, a project without `driftless.toml`, or
    /// `--url` given too, are errors.
    pub fn select_environment(&mut self, name: Option<&str>) -> Result<(), EngineError> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(());
        };
        let Some(environments) = &self.environments else {
            return Err(EngineError::UnknownEnvironment {
                name: name.to_string(),
                file: None,
                known: Vec::new(),
            });
        };
        environments.require(name)?;
        if self.url_flag.is_some() {
            return Err(EngineError::Usage(format!(
                "both `--url` (or `DRIFTLESS_DATABASE_URL`) and `--env {name}` (or `DRIFTLESS_ENV`) name a database; give only one"
            )));
        }
        self.selected_environment = Some(name.to_string());
        Ok(())
    }

    /// The environment chosen with `--env` / `DRIFTLESS_ENV`.
    pub fn selected_environment(&self) -> Option<&Environment> {
        let name = self.selected_environment.as_deref()?;
        self.environments.as_ref()?.get(name)
    }

    /// The environment whose URL names the same database as `url` (a URL that cannot be
    /// resolved, such as an unset variable, matches nothing).
    pub fn environment_of(&self, url: &DatabaseUrl) -> Option<&Environment> {
        let environments = self.environments.as_ref()?;
        environments.list.iter().find(|environment| {
            environment
                .resolve_url(&self.env, &environments.path)
                .is_ok_and(|candidate| same_database(&candidate, url))
        })
    }

    /// The target of an environment, by name.
    pub fn environment_target(&self, name: &str) -> Result<DatabaseTarget, EngineError> {
        let environments =
            self.environments
                .as_ref()
                .ok_or_else(|| EngineError::UnknownEnvironment {
                    name: name.to_string(),
                    file: None,
                    known: Vec::new(),
                })?;
        let environment = environments.require(name)?;
        let url = environment.resolve_url(&self.env, &environments.path)?;
        let shadow = match environment.resolve_shadow_url(&self.env, &environments.path)? {
            Some(shadow) => Some(shadow),
            None => self.shadow_url_of_project()?,
        };
        Ok(DatabaseTarget {
            url,
            origin: UrlOrigin::Environment {
                name: environment.name.clone(),
                env: match &environment.url {
                    UrlSource::Env(var) => Some(var.clone()),
                    UrlSource::Literal(_) => None,
                },
            },
            shadow,
            environment: Some(TargetEnvironment {
                name: environment.name.clone(),
                protected: environment.protected,
                selected: true,
            }),
        })
    }

    /// A target for a URL given directly (`compare A B`, `--url`), recognising its
    /// environment.
    pub fn url_target(&self, url: DatabaseUrl, origin: UrlOrigin) -> DatabaseTarget {
        let environment = self.environment_of(&url).map(|e| TargetEnvironment {
            name: e.name.clone(),
            protected: e.protected,
            selected: false,
        });
        DatabaseTarget {
            url,
            origin,
            shadow: None,
            environment,
        }
    }

    /// The parsed schema, or the error that says where we looked.
    pub fn require_schema(&self) -> Result<&ParsedSchema, EngineError> {
        self.schema
            .as_ref()
            .ok_or_else(|| EngineError::SchemaNotFound {
                looked: ["prisma/schema.prisma", "schema.prisma", "prisma/schema"]
                    .iter()
                    .map(PathBuf::from)
                    .collect(),
            })
    }

    /// The datasource block, if the schema has one.
    pub fn datasource(&self) -> Option<&Datasource> {
        self.configuration.datasource()
    }

    /// The datasource name for output (`db`).
    pub fn datasource_name(&self) -> &str {
        self.datasource().map_or("db", |d| d.name.as_str())
    }

    /// A path for messages: relative to the project root when inside it.
    pub fn display(&self, path: &Path) -> String {
        display_path(&self.root, path)
    }

    /// The seed command: `prisma.config.ts`'s `migrations.seed`, else `package.json`'s
    /// `prisma.seed`.
    pub fn seed_command(&self) -> Result<Option<String>, EngineError> {
        if let Some(config) = &self.config {
            if let Some(seed) = config.string("migrations.seed", &self.env)? {
                return Ok(Some(seed.value));
            }
        }
        Ok(self
            .package_prisma
            .as_ref()
            .and_then(|p| p.get("seed"))
            .and_then(|s| s.as_str())
            .map(str::to_string))
    }

    /// Resolves the database URL (see the module documentation for the order), starting
    /// the local development database when nothing else is configured.
    pub async fn database_target(&self) -> Result<DatabaseTarget, EngineError> {
        if let Some(name) = &self.selected_environment {
            self.check_provider()?;
            return self.environment_target(name);
        }
        let mut target = self.configured_target().await?;
        if !target.is_dev_database() {
            target.environment = self.environment_of(&target.url).map(|e| TargetEnvironment {
                name: e.name.clone(),
                protected: e.protected,
                selected: false,
            });
        }
        Ok(target)
    }

    fn check_provider(&self) -> Result<(), EngineError> {
        if let Some(provider) = self.datasource().and_then(|d| d.provider.as_deref()) {
            if !matches!(provider, "postgresql" | "postgres") {
                return Err(EngineError::Other(format!(
                    "the datasource's provider is `{provider}`; driftless manages PostgreSQL databases only for now"
                )));
            }
        }
        Ok(())
    }

    /// The URL as configured without environments (see the module documentation).
    async fn configured_target(&self) -> Result<DatabaseTarget, EngineError> {
        self.check_provider()?;
        let shadow = self.shadow_url()?;
        if let Some(url) = &self.url_flag {
            return Ok(DatabaseTarget {
                url: DatabaseUrl::parse(url)?,
                origin: UrlOrigin::Flag,
                shadow,
                environment: None,
            });
        }
        let schema_name = self
            .schema_path
            .as_ref()
            .map_or_else(|| "the schema".to_string(), |p| self.display(p));
        if let Some(datasource) = self.datasource() {
            for (key, value) in [
                ("directUrl", &datasource.direct_url),
                ("url", &datasource.url),
            ] {
                match value {
                    Some(ConfigValue::Literal(url)) => {
                        return Ok(DatabaseTarget {
                            url: DatabaseUrl::parse(url)?,
                            origin: UrlOrigin::Schema { key, env: None },
                            shadow,
                            environment: None,
                        });
                    }
                    Some(ConfigValue::Env(name)) => match self.env.get(name) {
                        Some(url) => {
                            return Ok(DatabaseTarget {
                                url: DatabaseUrl::parse(&url)?,
                                origin: UrlOrigin::Schema {
                                    key,
                                    env: Some(name.clone()),
                                },
                                shadow,
                                environment: None,
                            });
                        }
                        // An unset directUrl variable falls back to url, as in Prisma.
                        None if key == "directUrl" => {}
                        None => {
                            return Err(EngineError::EnvVarMissing {
                                name: name.clone(),
                                origin: format!("`{key} = env(\"{name}\")` in `{schema_name}`"),
                            });
                        }
                    },
                    None => {}
                }
            }
        }
        if let Some(config) = &self.config {
            for key in ["datasource.directUrl", "datasource.url"] {
                if let Some(value) = config.string(key, &self.env)? {
                    if value.value.is_empty() {
                        if key == "datasource.directUrl" {
                            continue;
                        }
                        return Err(EngineError::EnvVarMissing {
                            name: value.env_name.clone().unwrap_or_default(),
                            origin: format!("`{key}` in `{}`", self.display(&config.path)),
                        });
                    }
                    return Ok(DatabaseTarget {
                        url: DatabaseUrl::parse(&value.value)?,
                        origin: UrlOrigin::Config {
                            key: if key.ends_with("directUrl") {
                                "directUrl"
                            } else {
                                "url"
                            },
                            env: value.env_name,
                        },
                        shadow,
                        environment: None,
                    });
                }
            }
        }
        if let Some(url) = self.env.get("DATABASE_URL") {
            return Ok(DatabaseTarget {
                url: DatabaseUrl::parse(&url)?,
                origin: UrlOrigin::DatabaseUrlEnv,
                shadow,
                environment: None,
            });
        }
        let dev = DevDatabase::for_project(&self.root, &self.project_name());
        match dev.ensure_running().await {
            Ok((url, started)) => Ok(DatabaseTarget {
                url,
                origin: UrlOrigin::DevDatabase { started },
                shadow,
                environment: None,
            }),
            Err(e) => Err(EngineError::NoDatabaseUrl {
                dev_reason: Some(e.to_string()),
            }),
        }
    }

    /// The shadow database URL: the chosen environment's `shadow_url`, else the
    /// datasource's `shadowDatabaseUrl`, else the config's.
    pub fn shadow_url(&self) -> Result<Option<DatabaseUrl>, EngineError> {
        if let (Some(environment), Some(environments)) =
            (self.selected_environment(), self.environments.as_ref())
        {
            if let Some(url) = environment.resolve_shadow_url(&self.env, &environments.path)? {
                return Ok(Some(url));
            }
        }
        self.shadow_url_of_project()
    }

    fn shadow_url_of_project(&self) -> Result<Option<DatabaseUrl>, EngineError> {
        if let Some(datasource) = self.datasource() {
            match &datasource.shadow_database_url {
                Some(ConfigValue::Literal(url)) => return Ok(Some(DatabaseUrl::parse(url)?)),
                Some(ConfigValue::Env(name)) => {
                    if let Some(url) = self.env.get(name) {
                        return Ok(Some(DatabaseUrl::parse(&url)?));
                    }
                }
                None => {}
            }
        }
        if let Some(config) = &self.config {
            if let Some(value) = config.string("datasource.shadowDatabaseUrl", &self.env)? {
                if !value.value.is_empty() {
                    return Ok(Some(DatabaseUrl::parse(&value.value)?));
                }
            }
        }
        Ok(None)
    }

    /// A name for the project: `package.json`'s `name`, else the folder's name.
    pub fn project_name(&self) -> String {
        let from_package = fs_err::read_to_string(self.root.join("package.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string));
        from_package
            .or_else(|| {
                self.root
                    .canonicalize()
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            })
            .unwrap_or_else(|| "app".to_string())
    }
}

fn read_package_prisma(root: &Path) -> Option<serde_json::Value> {
    let text = fs_err::read_to_string(root.join("package.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("prisma").cloned()
}

fn has_prisma_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "prisma"))
    })
}

/// `path` relative to `root` when it is inside it, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let path = path.strip_prefix(root).unwrap_or(path);
    let text = path.display().to_string();
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}
