//! One module per command; this one dispatches and holds what they share: finding the
//! project, connecting, and the Prisma-style datasource line.

mod check;
mod compare;
mod db;
mod db_pull;
mod db_push;
mod dev;
mod doctor;
mod drift;
mod env;
mod foreign;
mod format;
mod guarded;
mod history;
mod locks;
mod migrate_deploy;
mod migrate_dev;
mod migrate_diff;
mod migrate_reset;
mod migrate_resolve;
mod migrate_status;
mod validate;

use std::path::PathBuf;

use driftless_db::{ConnectOptions, Connection, DatabaseUrl};
use driftless_engine::EngineError;
use driftless_engine::guard::protection;
use driftless_engine::history::{HistoryOptions, ReplayMethod, ShadowServer, extension_versions};
use driftless_engine::interrupt::Interrupt;
use driftless_engine::project::{DatabaseTarget, Project, ProjectOptions, UrlOrigin};

use crate::cli::{Cli, Command, DbCommand, EnvCommand, HistoryCommand, MigrateCommand, ReplayArgs};
use crate::exit;
use crate::printer::{Paint, Printer};

/// What every command gets.
pub struct Context {
    /// Output.
    pub printer: Printer,
    /// Where the project is and what the user said about it.
    pub options: ProjectOptions,
    /// Set by Ctrl-C / SIGTERM.
    pub interrupt: Interrupt,
    /// `--env` / `DRIFTLESS_ENV`.
    pub environment: Option<String>,
    /// `--allow-protected`.
    pub allow_protected: bool,
}

/// Runs the parsed command and returns the exit code.
pub async fn run(cli: Cli, printer: Printer) -> u8 {
    let global = &cli.global;
    for (set, flag) in [
        (global.preview_feature, "--preview-feature"),
        (global.early_access_feature, "--early-access-feature"),
        (global.experimental, "--experimental"),
    ] {
        if set {
            printer.warn(&format!(
                "`{flag}` is an obsolete Prisma flag; it has no effect"
            ));
        }
    }
    if global.skip_generate {
        printer.warn("`--skip-generate` has no effect: driftless never generates clients");
    }
    let cwd = match &global.cwd {
        Some(dir) => dir.clone(),
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let context = Context {
        printer,
        options: ProjectOptions {
            cwd,
            schema: global.schema.clone(),
            config: global.config.clone(),
            url: global.url.clone(),
        },
        interrupt: Interrupt::new(),
        environment: global.environment.clone(),
        allow_protected: global.allow_protected,
    };
    spawn_signal_handler(context.interrupt.clone(), printer);
    let result = match cli.command {
        Command::Migrate(MigrateCommand::Deploy(args)) => {
            migrate_deploy::run(&context, &args).await
        }
        Command::Migrate(MigrateCommand::Status(args)) => {
            migrate_status::run(&context, &args).await
        }
        Command::Migrate(MigrateCommand::Diff(args)) => migrate_diff::run(&context, &args).await,
        Command::Migrate(MigrateCommand::Resolve(args)) => {
            migrate_resolve::run(&context, &args).await
        }
        Command::Migrate(MigrateCommand::Reset(args)) => migrate_reset::run(&context, &args).await,
        Command::Db(DbCommand::Execute(args)) => db::execute(&context, &args).await,
        Command::Db(DbCommand::Push(args)) => db_push::run(&context, &args).await,
        Command::Db(DbCommand::Pull(args)) => db_pull::run(&context, &args).await,
        Command::Migrate(MigrateCommand::Dev(args)) => migrate_dev::run(&context, &args).await,
        Command::Migrate(MigrateCommand::Baseline(args)) => doctor::baseline(&context, &args).await,
        Command::Doctor(args) => doctor::run(&context, &args).await,
        Command::Drift(args) => drift::run(&context, &args).await,
        Command::Db(DbCommand::Seed(args)) => db::seed(&context, &args).await,
        Command::Dev(command) => dev::run(&context, &command).await,
        Command::Validate => validate::run(&context).await,
        Command::Format(args) => format::run(&context, &args).await,
        Command::Env(EnvCommand::List) => env::list(&context).await,
        Command::Compare(args) => compare::run(&context, &args).await,
        Command::Check(args) => check::run(&context, &args).await,
        Command::Locks(args) => locks::run(&context, &args).await,
        Command::History(HistoryCommand::Show) => history::show(&context).await,
        Command::History(HistoryCommand::Backup) => history::backup(&context).await,
        Command::History(HistoryCommand::Restore(args)) => history::restore(&context, &args).await,
        Command::Generate(_) => Ok(foreign::run(&context, "generate")),
        Command::Studio(_) => Ok(foreign::run(&context, "studio")),
        Command::Version => {
            context
                .printer
                .out(&format!("driftless {}", env!("CARGO_PKG_VERSION")));
            Ok(exit::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            context.printer.error(
                &failure.error,
                failure.detail.as_deref(),
                &context.options.cwd,
            );
            exit::for_error(failure.error.class())
        }
    }
}

/// An error with an optional rendered detail (a source snippet, a lock report).
pub struct Failure {
    /// The error.
    pub error: EngineError,
    /// Printed under the message.
    pub detail: Option<String>,
}

impl<E: Into<EngineError>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure {
            error: error.into(),
            detail: None,
        }
    }
}

/// What a command returns: an exit code, or a failure to print.
pub type CommandResult = Result<u8, Failure>;

/// Ctrl-C and SIGTERM set the interrupt; a second one exits at once.
fn spawn_signal_handler(interrupt: Interrupt, printer: Printer) {
    tokio::spawn(async move {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        loop {
            let term = async {
                match terminate.as_mut() {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                () = term => {}
            }
            if interrupt.is_triggered() {
                printer.err("interrupted again: exiting now");
                #[allow(clippy::exit)]
                std::process::exit(i32::from(exit::INTERRUPTED));
            }
            printer.err("interrupting: cancelling the running statement (press Ctrl-C again to exit at once)…");
            interrupt.trigger();
        }
    });
}

/// Discovers the project, printing its warnings.
pub fn discover(context: &Context) -> Result<Project, Failure> {
    let mut project = Project::discover(&context.options)?;
    project.select_environment(context.environment.as_deref())?;
    for warning in &project.env.warnings {
        context.printer.warn(warning);
    }
    Ok(project)
}

/// Resolves the database, connects, and prints Prisma's datasource line.
pub async fn connect(
    context: &Context,
    project: &Project,
) -> Result<(Connection, DatabaseTarget), Failure> {
    connect_or_create(context, project, false).await
}

/// Like [`connect`]; with `create_missing`, a database that does not exist is created first
/// (what Prisma's `migrate deploy` does).
pub async fn connect_or_create(
    context: &Context,
    project: &Project,
    create_missing: bool,
) -> Result<(Connection, DatabaseTarget), Failure> {
    let target = project.database_target().await?;
    if let UrlOrigin::DevDatabase { started } = target.origin {
        context.printer.err(&format!(
            "{} no database URL is configured: using the local development database{} ({})",
            context.printer.err_paint(Paint::Cyan, "note:"),
            if started {
                ", which was started for this"
            } else {
                ""
            },
            target.url.masked()
        ));
    }
    let options = connect_options(project);
    let connection = match Connection::connect(&target.url, &options).await {
        Err(driftless_db::DbError::DatabaseMissing { .. }) if create_missing => {
            driftless_db::create_database(&target.url, &options).await?;
            context.printer.out(&datasource_line(project, &target));
            context.printer.out("");
            context.printer.out(&format!(
                "PostgreSQL database {} created at {}",
                target.url.database,
                target.url.host_display()
            ));
            context.printer.out("");
            let connection = Connection::connect(&target.url, &options).await?;
            return Ok((connection, target));
        }
        other => other?,
    };
    context.printer.out(&datasource_line(project, &target));
    context.printer.out("");
    Ok((connection, target))
}

/// Connection options for the project (relative certificate paths resolve against the
/// schema's folder, as in Prisma).
pub fn connect_options(project: &Project) -> ConnectOptions {
    ConnectOptions {
        base_dir: project.schema_path.as_ref().and_then(|p| {
            if p.is_dir() {
                Some(p.clone())
            } else {
                p.parent().map(|d| d.to_path_buf())
            }
        }),
        ..ConnectOptions::default()
    }
}

/// `Datasource "db": PostgreSQL database "app", schema "public" at "127.0.0.1:5432"`.
pub fn datasource_line(project: &Project, target: &DatabaseTarget) -> String {
    let environment = target
        .environment
        .as_ref()
        .map(|e| format!(" (environment \"{}\")", e.name))
        .unwrap_or_default();
    format!(
        "Datasource \"{}\": PostgreSQL database \"{}\", schema \"{}\" at \"{}\"{environment}",
        project.datasource_name(),
        target.url.database,
        target.url.schema,
        target.url.host_display()
    )
}

/// `N migrations found in prisma/migrations` (Prisma's wording).
pub fn migrations_found_line(project: &Project, count: usize) -> String {
    let dir = project.display(&project.migrations_dir);
    match count {
        0 => format!("No migration found in {dir}"),
        1 => format!("1 migration found in {dir}"),
        n => format!("{n} migrations found in {dir}"),
    }
}

/// Seconds (possibly fractional) from a flag, as a duration.
pub fn seconds(value: f64) -> std::time::Duration {
    std::time::Duration::from_secs_f64(if value.is_finite() && value > 0.0 {
        value
    } else {
        0.001
    })
}

/// Reads the migrations folder, printing its warnings.
pub fn read_migrations(
    context: &Context,
    project: &Project,
) -> Result<driftless_migrations::MigrationsDirectory, Failure> {
    let directory = driftless_migrations::MigrationsDirectory::read(&project.migrations_dir)?;
    if !context.printer.json {
        for warning in &directory.warnings {
            context.printer.warn(&warning.to_string());
        }
        if let driftless_migrations::LockfileState::Invalid(reason) = &directory.lockfile {
            context.printer.warn(&format!(
                "`{}` cannot be read ({reason}); the provider check is skipped",
                project.display(
                    &project
                        .migrations_dir
                        .join(driftless_migrations::LOCKFILE_NAME)
                )
            ));
        }
    }
    Ok(directory)
}

/// Whether the user asked to skip the advisory lock, as Prisma allows.
pub fn skip_lock(context: &Context, project: &Project) -> bool {
    let skip = project.env.flag("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK");
    if skip {
        context
            .printer
            .warn("`PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` is set: the migration lock is not taken, so two deploys at once could both apply a migration");
    }
    skip
}

/// The flags that make a printed follow-up command act on the same database: `--env NAME`
/// when one was chosen, and `--allow-protected` when the database is protected (the command
/// will still ask for consent).
pub fn target_flags(target: &DatabaseTarget) -> String {
    let mut flags = String::new();
    if let Some(environment) = target.environment.as_ref().filter(|e| e.selected) {
        flags.push_str(&format!(" --env {}", environment.name));
    }
    if driftless_engine::guard::protection(target).protected {
        flags.push_str(" --allow-protected");
    }
    flags
}

/// The namespaces a command manages: the datasource's `schemas = [...]`, else the URL's.
pub fn managed_namespaces(project: &Project, target: &DatabaseTarget) -> Vec<String> {
    match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![target.url.schema.clone()],
    }
}

/// How the history is replayed for this database.
///
/// A shadow database is made on `--shadow-database-url`, else the environment's
/// `shadow_url` or the datasource's `shadowDatabaseUrl`; with `implicit_shadow`, also on the
/// database's own server when it is not protected.
pub async fn history_options(
    project: &Project,
    connection: &Connection,
    target: &DatabaseTarget,
    replay: &ReplayArgs,
    implicit_shadow: bool,
    interrupt: &Interrupt,
) -> Result<HistoryOptions, EngineError> {
    let method: ReplayMethod = replay.replay.parse().map_err(EngineError::Usage)?;
    let shadow = match (&replay.shadow_database_url, &target.shadow) {
        (Some(url), _) => ShadowServer::Available(DatabaseUrl::parse(url)?),
        (None, Some(url)) => ShadowServer::Available(url.clone()),
        (None, None) if implicit_shadow && !protection(target).protected => {
            ShadowServer::Available(target.url.clone())
        }
        (None, None) if implicit_shadow => ShadowServer::Unavailable(
            "the database is protected and no shadow database server is configured (`--shadow-database-url`, `shadow_url` in driftless.toml, or `shadowDatabaseUrl`)".to_string(),
        ),
        (None, None) => ShadowServer::Unavailable(
            "no shadow database server is configured (`--shadow-database-url`, `shadow_url` in driftless.toml, or `shadowDatabaseUrl`)".to_string(),
        ),
    };
    let namespaces = managed_namespaces(project, target);
    Ok(HistoryOptions {
        method,
        default_schema: target.url.schema.clone(),
        namespaces,
        shadow,
        connect: connect_options(project),
        extension_versions: extension_versions(connection).await,
        interrupt: interrupt.clone(),
        cache: (!project.env.flag("DRIFTLESS_NO_CACHE"))
            .then(|| driftless_engine::replay_cache::ReplayCache::for_project(&project.root)),
    })
}
