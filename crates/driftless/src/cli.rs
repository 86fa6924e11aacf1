//! The command line, mirroring Prisma's (`driftless migrate deploy` where Prisma users type
//! `npx prisma migrate deploy`), with both Prisma 5–7 spellings of every flag.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Prisma-compatible PostgreSQL schema migrations that make drift impossible to miss.
#[derive(Debug, Parser)]
#[command(
    name = "driftless",
    version,
    disable_version_flag = true,
    about = "Prisma-compatible PostgreSQL schema migrations that make drift impossible to miss and safe to repair",
    long_about = None,
    propagate_version = true,
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The Prisma schema: a `schema.prisma` file or a folder of `.prisma` files
    /// [default: `prisma/schema.prisma`, `schema.prisma`, `prisma/schema/`]
    #[arg(long, global = true, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// A Prisma config file (`prisma.config.ts`), read statically
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The database URL (overrides the schema, the config and `DATABASE_URL`)
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "DRIFTLESS_DATABASE_URL",
        hide_env_values = true
    )]
    pub url: Option<String>,
    /// Run as if started in this folder
    #[arg(long, global = true, value_name = "DIR")]
    pub cwd: Option<PathBuf>,
    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// Never color the output (also: the `NO_COLOR` environment variable)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Print the version
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    /// Obsolete Prisma flag, accepted and ignored
    #[arg(long, global = true, hide = true)]
    pub preview_feature: bool,
    /// Obsolete Prisma flag, accepted and ignored
    #[arg(long, global = true, hide = true)]
    pub early_access_feature: bool,
    /// Obsolete Prisma flag, accepted and ignored
    #[arg(long, global = true, hide = true)]
    pub experimental: bool,
    /// Prisma's flag to skip client generation: driftless never generates clients
    #[arg(long, global = true, hide = true)]
    pub skip_generate: bool,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate: apply, inspect and resolve migrations
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// The project's local development PostgreSQL (under `.driftless/`)
    #[command(subcommand)]
    Dev(DevCommand),
    /// Check the Prisma schema: every problem at once, with file, line and column
    Validate,
    /// Format the Prisma schema files as `prisma format` does
    Format(FormatArgs),
    /// Prisma's client generator: not driftless's job
    #[command(disable_help_flag = true)]
    Generate(ForeignArgs),
    /// Prisma Studio: not driftless's job
    #[command(disable_help_flag = true)]
    Studio(ForeignArgs),
    /// Print the version
    Version,
}

/// Arguments of commands that belong to the ORM: accepted, never a usage error.
#[derive(Debug, Args)]
pub struct ForeignArgs {
    /// Whatever was passed.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

/// `driftless migrate …`
#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Apply pending migrations (in name order, under Prisma's advisory lock)
    Deploy(DeployArgs),
    /// Compare the migrations folder with the database's migration history
    Status(StatusArgs),
    /// Record a failed migration as rolled back, or a migration as applied without running it
    Resolve(ResolveArgs),
}

/// `migrate deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Seconds to wait for the migration lock held by another deploy
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// `migrate status`.
#[derive(Debug, Args)]
pub struct StatusArgs {}

/// `migrate resolve`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("resolution").required(true).args(["applied", "rolled_back"])))]
pub struct ResolveArgs {
    /// Record this migration as applied without running it
    #[arg(long, value_name = "MIGRATION")]
    pub applied: Option<String>,
    /// Record this failed migration as rolled back
    #[arg(long, value_name = "MIGRATION")]
    pub rolled_back: Option<String>,
    /// Seconds to wait for the migration lock
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// `format`.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Change nothing; exit 2 when a file would change (for CI)
    #[arg(long)]
    pub check: bool,
}

/// `driftless dev …`
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Create (first time) and start the local development database
    Start,
    /// Stop it
    Stop,
    /// Say whether it runs, where, and its URL
    Status,
    /// Print its URL (for `export DATABASE_URL=$(driftless dev url)`)
    Url,
}
