//! Errors of engine operations: each says what happened, carries Prisma's code where Prisma
//! has one, knows what to do next (hints), and belongs to a class that picks the exit code.

use std::path::PathBuf;

use driftless_db::cluster::ClusterError;
use driftless_db::{DbError, LockError, UrlError};
use driftless_migrations::DirectoryError;

use crate::config_file::DynamicValue;
use crate::deploy::MigrationFailure;

/// The kind of problem, which decides the exit code (see the binary's `exit.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorClass {
    /// Bad input: schema, config, migrations folder, URL.
    Input,
    /// The database could not be reached or refused us.
    Connection,
    /// The migration lock stayed held.
    LockTimeout,
    /// The command refused to act on the database as it is (unresolved failure, wrong
    /// provider, a name that is not in the state the command needs).
    Refused,
    /// A migration failed while being applied.
    MigrationFailed,
    /// The user interrupted the command.
    Interrupted,
    /// The command line does not make sense.
    Usage,
    /// The guard refused a destructive action (a protected database, or an AI agent,
    /// without the consent it needs).
    Guarded,
    /// `db pull`: the database holds nothing to write a schema from.
    Empty,
    /// Anything else.
    Other,
}

/// Why an engine operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// No schema file was found where Prisma looks.
    #[error("could not find a Prisma schema: looked for {}", looked.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", "))]
    SchemaNotFound {
        /// The places looked at.
        looked: Vec<PathBuf>,
    },
    /// The schema file or folder could not be read.
    #[error("cannot read the Prisma schema at `{}`: {reason}", path.display())]
    SchemaUnreadable {
        /// Where.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The schema has errors (rendered diagnostics follow).
    #[error("the Prisma schema has {count} error{}", if *count == 1 { "" } else { "s" })]
    SchemaInvalid {
        /// Number of errors.
        count: usize,
        /// The rendered diagnostics.
        rendered: String,
    },
    /// The migrations folder could not be read.
    #[error("cannot read the migrations folder: {0}")]
    Migrations(#[from] DirectoryError),
    /// A config file could not be read.
    #[error("cannot read `{}`: {reason}", path.display())]
    ConfigUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A value in `prisma.config.ts` is computed.
    #[error(transparent)]
    ConfigTooDynamic(#[from] DynamicValue),
    /// No database URL is configured and no local development database can be used.
    #[error("no database URL is configured")]
    NoDatabaseUrl {
        /// Why the local development database was not used either.
        dev_reason: Option<String>,
    },
    /// The URL names an environment variable that is not set.
    #[error("environment variable `{name}` is not set (the database URL comes from it: {origin})")]
    EnvVarMissing {
        /// Variable.
        name: String,
        /// Where it is referenced (`url = env(\"DATABASE_URL\") in prisma/schema.prisma`).
        origin: String,
    },
    /// The URL is not valid.
    #[error(transparent)]
    InvalidUrl(#[from] UrlError),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The migration lock was not obtained.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The local development database could not be used.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// `migration_lock.toml` names another provider (Prisma's P3019).
    #[error("the migrations in `{}` were written for `{provider}` (migration_lock.toml), but the database is PostgreSQL", dir.display())]
    ProviderMismatch {
        /// Migrations folder.
        dir: PathBuf,
        /// What the lock file says.
        provider: String,
    },
    /// Failed migrations block deploy (Prisma's P3009).
    #[error("migrate found failed migrations in the target database, new migrations will not be applied: {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))]
    FailedMigrationsBlock {
        /// The failed migrations, oldest first.
        names: Vec<String>,
    },
    /// The connection broke while a migration was being applied: the deploy stops (a new
    /// session would not hold the migration lock), and says what the history row records.
    #[error("the connection to the database server was lost while applying `{during}`: {reason}")]
    ConnectionLost {
        /// The migration being applied.
        during: String,
        /// What it left behind, in words.
        outcome: String,
        /// What the driver or server said.
        reason: String,
    },
    /// A migration's earlier run was cut off, and its history row does not let us go on
    /// from there safely.
    #[error("migration `{name}` was cut off by an earlier run and cannot be resumed: {reason}")]
    CannotResume {
        /// The migration.
        name: String,
        /// Why.
        reason: String,
    },
    /// A migration failed to apply (Prisma's P3018).
    #[error("migration `{}` failed to apply: {}", .0.name, .0.error_summary())]
    MigrationFailed(Box<MigrationFailure>),
    /// The user pressed Ctrl-C (or the process got SIGTERM).
    #[error("interrupted{}: {outcome}", during.as_ref().map(|d| format!(" while applying `{d}`")).unwrap_or_default())]
    Interrupted {
        /// The migration being applied, if any.
        during: Option<String>,
        /// What was left behind, in words.
        outcome: String,
    },
    /// `migrate resolve` names a migration that is not in the folder (P3017).
    #[error("migration `{name}` could not be found in `{}`", dir.display())]
    MigrationNotFound {
        /// The name given.
        name: String,
        /// The migrations folder.
        dir: PathBuf,
        /// Names the user probably meant.
        suggestions: Vec<String>,
    },
    /// `resolve --applied` on an applied migration (P3008).
    #[error("migration `{name}` is already recorded as applied in the database")]
    AlreadyApplied {
        /// Migration.
        name: String,
    },
    /// `resolve --rolled-back` on a migration that never ran (P3011).
    #[error(
        "migration `{name}` cannot be rolled back because it was never applied to the database"
    )]
    NeverApplied {
        /// Migration.
        name: String,
        /// Names the user probably meant.
        suggestions: Vec<String>,
    },
    /// `resolve --rolled-back` on a migration that did not fail (P3012).
    #[error(
        "migration `{name}` cannot be rolled back because it is not in a failed state ({state})"
    )]
    NotFailed {
        /// Migration.
        name: String,
        /// Its state in words.
        state: String,
    },
    /// A command needs a flag or a terminal to go on.
    #[error("{message}")]
    NeedsConfirmation {
        /// What is needed.
        message: String,
    },
    /// The database differs from what its applied migrations produce (`migrate dev`).
    #[error(
        "the database has drifted from its migration history: it holds changes that no applied migration made"
    )]
    Drift {
        /// Prisma-style summary of the differences (history → database).
        summary: String,
        /// The SQL that turns the history's schema into the database's.
        script: String,
    },
    /// Steps that cannot run on the data as it is.
    #[error("the changes cannot be applied to the data as it is")]
    Unexecutable {
        /// Each blocking step, with its count.
        steps: Vec<String>,
    },
    /// Steps that would lose data, without consent.
    #[error("the changes would lose data")]
    DataLoss {
        /// Each data-losing step, with its count.
        warnings: Vec<String>,
    },
    /// The command line does not say what to do (beyond what clap checks).
    #[error("{0}")]
    Usage(String),
    /// `--env NAME` names no environment of `driftless.toml` (or there is no such file).
    #[error("{}", unknown_environment(name, file.as_deref(), known))]
    UnknownEnvironment {
        /// The name given.
        name: String,
        /// The `driftless.toml` read, if any.
        file: Option<PathBuf>,
        /// The environments it declares.
        known: Vec<String>,
    },
    /// The guard refused a destructive action.
    #[error("{0}")]
    Guarded(Box<crate::guard::Refusal>),
    /// `db pull` found nothing to write (Prisma's P4001).
    #[error("{0}")]
    EmptyDatabase(driftless_psl::PullError),
    /// Running another program failed (a seed command).
    #[error("{0}")]
    Other(String),
}

impl EngineError {
    /// Prisma's error code for this situation, or our own kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::SchemaNotFound { .. } => "schema-not-found",
            EngineError::SchemaUnreadable { .. } => "schema-unreadable",
            EngineError::SchemaInvalid { .. } => "P1012",
            EngineError::Migrations(_) => "migrations-unreadable",
            EngineError::ConfigUnreadable { .. } => "config-unreadable",
            EngineError::ConfigTooDynamic(_) => "config-too-dynamic",
            EngineError::NoDatabaseUrl { .. } => "no-database-url",
            EngineError::EnvVarMissing { .. } => "P1012",
            EngineError::InvalidUrl(_) => "P1013",
            EngineError::EmptyDatabase(_) => "P4001",
            EngineError::Db(e) => e.prisma_code().unwrap_or("database-error"),
            EngineError::Lock(LockError::Timeout { .. }) => "P1002",
            EngineError::Lock(LockError::Db(e)) => e.prisma_code().unwrap_or("database-error"),
            EngineError::Lock(_) => "lock-error",
            EngineError::Cluster(_) => "dev-database",
            EngineError::ProviderMismatch { .. } => "P3019",
            EngineError::FailedMigrationsBlock { .. } => "P3009",
            EngineError::MigrationFailed(_) => "P3018",
            EngineError::ConnectionLost { .. } => "P1017",
            EngineError::CannotResume { .. } => "cannot-resume",
            EngineError::Interrupted { .. } => "interrupted",
            EngineError::MigrationNotFound { .. } => "P3017",
            EngineError::AlreadyApplied { .. } => "P3008",
            EngineError::NeverApplied { .. } => "P3011",
            EngineError::NotFailed { .. } => "P3012",
            EngineError::NeedsConfirmation { .. } => "needs-confirmation",
            EngineError::Usage(_) => "usage",
            EngineError::UnknownEnvironment { .. } => "unknown-environment",
            EngineError::Guarded(_) => "guard-refused",
            EngineError::Drift { .. } => "drift-detected",
            EngineError::Unexecutable { .. } => "unexecutable-steps",
            EngineError::DataLoss { .. } => "data-loss",
            EngineError::Other(_) => "error",
        }
    }

    /// The class that picks the exit code.
    pub fn class(&self) -> ErrorClass {
        match self {
            EngineError::SchemaNotFound { .. }
            | EngineError::SchemaUnreadable { .. }
            | EngineError::SchemaInvalid { .. }
            | EngineError::Migrations(_)
            | EngineError::ConfigUnreadable { .. }
            | EngineError::ConfigTooDynamic(_)
            | EngineError::NoDatabaseUrl { .. }
            | EngineError::EnvVarMissing { .. }
            | EngineError::InvalidUrl(_)
            | EngineError::MigrationNotFound { .. }
            | EngineError::UnknownEnvironment { .. } => ErrorClass::Input,
            EngineError::Guarded(_) => ErrorClass::Guarded,
            EngineError::Db(e) | EngineError::Lock(LockError::Db(e)) => match e {
                DbError::Server { .. } | DbError::Other { .. } => ErrorClass::Other,
                DbError::Cancelled => ErrorClass::Interrupted,
                _ => ErrorClass::Connection,
            },
            EngineError::Lock(_) => ErrorClass::LockTimeout,
            EngineError::Cluster(_) => ErrorClass::Connection,
            EngineError::ProviderMismatch { .. }
            | EngineError::FailedMigrationsBlock { .. }
            | EngineError::AlreadyApplied { .. }
            | EngineError::NeverApplied { .. }
            | EngineError::NotFailed { .. }
            | EngineError::NeedsConfirmation { .. } => ErrorClass::Refused,
            EngineError::MigrationFailed(_) => ErrorClass::MigrationFailed,
            EngineError::ConnectionLost { .. } => ErrorClass::Connection,
            EngineError::CannotResume { .. } => ErrorClass::Refused,
            EngineError::Interrupted { .. } => ErrorClass::Interrupted,
            EngineError::Usage(_) => ErrorClass::Usage,
            EngineError::Drift { .. }
            | EngineError::Unexecutable { .. }
            | EngineError::DataLoss { .. } => ErrorClass::Refused,
            EngineError::EmptyDatabase(_) => ErrorClass::Empty,
            EngineError::Other(_) => ErrorClass::Other,
        }
    }

    /// What to do next, one hint per line.
    pub fn hints(&self) -> Vec<String> {
        match self {
            EngineError::EmptyDatabase(_) => vec![
                "create the tables first (`driftless migrate deploy`, `driftless db push`, or your own SQL), or point the URL at the database and `?schema=` that hold them".into(),
            ],
            EngineError::SchemaNotFound { .. } => vec![
                "pass the schema with `--schema path/to/schema.prisma` (a file or a folder of `.prisma` files)".into(),
            ],
            EngineError::NoDatabaseUrl { dev_reason } => {
                let mut hints = vec![
                    "set `DATABASE_URL` (in the environment or in `.env`), add `url = env(\"DATABASE_URL\")` to the datasource block, or pass `--url postgresql://…`".into(),
                ];
                match dev_reason {
                    Some(reason) => hints.push(format!("a local development database could not be used: {reason}")),
                    None => hints.push("or run `driftless dev start` to get a local development database for this project".into()),
                }
                hints
            }
            EngineError::EnvVarMissing { name, .. } => vec![format!(
                "set `{name}` in the environment or in the project's `.env`, or pass `--url`"
            )],
            EngineError::ConfigTooDynamic(_) => vec![
                "pass the value with `--url` (or `--schema`), or set `DATABASE_URL`".into(),
            ],
            EngineError::Db(e) | EngineError::Lock(LockError::Db(e)) => db_hints(e),
            EngineError::Lock(LockError::Timeout { holders, .. }) => {
                let mut hints = Vec::new();
                if holders.is_empty() {
                    hints.push("the holder went away while we looked; run the command again".into());
                } else {
                    hints.push(format!(
                        "another migration command is probably running; wait for it, or if {} is stuck, end it with `SELECT pg_terminate_backend({});`",
                        if holders.len() == 1 { "that session" } else { "the first session" },
                        holders[0].pid
                    ));
                }
                hints.push("wait longer with `--lock-timeout <seconds>`".into());
                hints
            }
            EngineError::ProviderMismatch { .. } => vec![
                "point driftless at the migrations written for PostgreSQL, or at the right database".into(),
            ],
            EngineError::FailedMigrationsBlock { names } => {
                let mut hints = vec![
                    "inspect what each failed migration left behind with `driftless migrate status`".into(),
                ];
                for name in names {
                    hints.push(format!(
                        "if you rolled `{name}` back by hand (or it left nothing behind): `driftless migrate resolve --rolled-back \"{name}\"`, then deploy again"
                    ));
                    hints.push(format!(
                        "if you completed `{name}` by hand: `driftless migrate resolve --applied \"{name}\"`"
                    ));
                }
                hints
            }
            EngineError::MigrationFailed(failure) => failure.hints(),
            EngineError::ConnectionLost { outcome, .. } => vec![
                format!("what it left: {outcome}"),
                "run `driftless migrate deploy` again once the server is reachable: it goes on from what the history records".into(),
            ],
            EngineError::CannotResume { name, .. } => vec![
                format!("look at what `{name}` left in the database (`driftless migrate status` shows its history row)"),
                format!("if you completed it by hand: `driftless migrate resolve --applied \"{name}\"`; if you undid what it did: `driftless migrate resolve --rolled-back \"{name}\"`, then deploy again"),
            ],
            EngineError::MigrationNotFound { suggestions, .. }
            | EngineError::NeverApplied { suggestions, .. }
                if !suggestions.is_empty() =>
            {
                suggestions
                    .iter()
                    .map(|s| format!("did you mean `{s}`?"))
                    .collect()
            }
            EngineError::AlreadyApplied { .. } => vec![
                "nothing to do; `driftless migrate status` shows the history".into(),
            ],
            EngineError::NotFailed { .. } => vec![
                "only a failed migration can be marked rolled back; `driftless migrate status` shows each migration's state".into(),
            ],
            EngineError::Drift { .. } => vec![
                "nothing was changed; never reset a database to fix this".into(),
                "to keep these changes, record them as a migration: `driftless migrate diff --from-migrations <dir> --to-config-datasource --script > migrations/<timestamp>_catch_up/migration.sql`, then `driftless migrate resolve --applied <timestamp>_catch_up`".into(),
                "to drop them instead, undo them by hand (the SQL above shows them)".into(),
            ],
            EngineError::Unexecutable { steps } => {
                let mut hints: Vec<String> = steps.iter().map(|s| format!("- {s}")).collect();
                hints.push("give new required columns a default, fill NULLs and duplicates first, or `--force-reset` a throwaway database".into());
                hints
            }
            EngineError::DataLoss { warnings } => {
                let mut hints: Vec<String> = warnings.iter().map(|s| format!("- {s}")).collect();
                hints.push("pass `--accept-data-loss` to apply them anyway".into());
                hints
            }
            EngineError::Cluster(_) => vec![
                "set `DATABASE_URL` to use a database you already have".into(),
            ],
            EngineError::UnknownEnvironment { name, known, .. } => {
                let close: Vec<&String> = known
                    .iter()
                    .filter(|k| strsim::levenshtein(k, name) <= 2 || k.starts_with(name.as_str()))
                    .collect();
                match close.first() {
                    Some(k) => vec![format!("did you mean `--env {k}`?")],
                    None if known.is_empty() => vec![
                        "declare it in `driftless.toml` as `[environments.<name>]` with `url = env(\"VARIABLE\")` (and `protected = true` for databases that matter)".into(),
                    ],
                    None => vec!["`driftless env list` shows the environments".into()],
                }
            }
            _ => Vec::new(),
        }
    }
}

fn db_hints(error: &DbError) -> Vec<String> {
    match error {
        DbError::Unreachable { .. } | DbError::ConnectTimeout { .. } => vec![
            "check that the server is running and that the host and port in the URL are right (and that a firewall lets you through)".into(),
        ],
        DbError::AuthenticationFailed { .. } => vec![
            "check the user name and password in the URL (special characters in the password must be percent-encoded)".into(),
        ],
        DbError::DatabaseMissing { database, .. } => vec![format!(
            "create it with `CREATE DATABASE \"{database}\";`, or fix the database name in the URL"
        )],
        DbError::Tls { .. } => vec![
            "check `sslmode` in the URL (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`) and `sslrootcert`".into(),
        ],
        DbError::ConnectionLost { .. } => vec![
            "run the command again once the server is back; `driftless migrate status` shows what was recorded".into(),
        ],
        _ => Vec::new(),
    }
}

fn unknown_environment(name: &str, file: Option<&std::path::Path>, known: &[String]) -> String {
    match file {
        None => format!(
            "environment `{name}` is unknown: the project has no `driftless.toml` to declare environments in"
        ),
        Some(file) if known.is_empty() => format!(
            "environment `{name}` is unknown: `{}` declares no environments",
            file.display()
        ),
        Some(file) => format!(
            "environment `{name}` is unknown: `{}` declares {}",
            file.display(),
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
