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
    /// The environment of `driftless.toml` whose database to use
    #[arg(
        long = "env",
        global = true,
        value_name = "NAME",
        env = "DRIFTLESS_ENV",
        hide_env_values = true
    )]
    pub environment: Option<String>,
    /// Let a destructive command run on a protected database (consent is still asked)
    #[arg(long, global = true)]
    pub allow_protected: bool,
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
    /// Database commands: push, pull, run SQL, seed
    #[command(subcommand)]
    Db(DbCommand),
    /// The project's local development PostgreSQL (under `.driftless/`)
    #[command(subcommand)]
    Dev(DevCommand),
    /// Check the Prisma schema: every problem at once, with file, line and column
    Validate,
    /// Format the Prisma schema files as `prisma format` does
    Format(FormatArgs),
    /// The environments of `driftless.toml`
    #[command(subcommand)]
    Env(EnvCommand),
    /// Compare two databases: their migration histories side by side, then their schemas
    Compare(CompareArgs),
    /// The pre-deploy gate: fails when deploying now would fail, lose data or block
    Check(CheckArgs),
    /// Sessions holding or waiting for the migration lock and locks on the managed tables
    Locks(LocksArgs),
    /// Diagnose the migration history against the folder and the database, and repair it
    Doctor(DoctorArgs),
    /// The three-way drift report: database ↔ migration history ↔ schema.prisma
    Drift(DriftArgs),
    /// The migration history table: show it, back it up, restore a backup
    #[command(subcommand)]
    History(HistoryCommand),
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
    /// Compare two schemas from any sources and print the SQL or a summary
    Diff(Box<DiffArgs>),
    /// Empty the database's managed schemas and apply every migration again
    Reset(ResetArgs),
    /// Create a migration from the changes in the schema, and apply it
    Dev(DevArgs),
    /// Adopt a database without history: write its schema as `0_init` and record it applied
    Baseline(BaselineArgs),
}

/// `migrate dev`.
#[derive(Debug, Args)]
pub struct DevArgs {
    /// Name of the new migration
    #[arg(short, long)]
    pub name: Option<String>,
    /// Write the migration without applying it
    #[arg(long)]
    pub create_only: bool,
    /// Prisma's flag to skip seeding: driftless's `migrate dev` never seeds
    #[arg(long, hide = true)]
    pub skip_seed: bool,
    /// Seconds to wait for the migration lock
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// `driftless db …`
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Make the database match the schema without a migration (for prototypes)
    Push(PushArgs),
    /// Read the database and write its schema into schema.prisma (introspection)
    Pull(PullArgs),
    /// Run a SQL script against the database
    Execute(ExecuteArgs),
    /// Run the project's seed command
    Seed(SeedArgs),
}

/// `db push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// Apply even when data would be lost
    #[arg(long)]
    pub accept_data_loss: bool,
    /// Empty the managed schemas first
    #[arg(long)]
    pub force_reset: bool,
}

/// `db pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// Print the schema on stdout instead of writing the file
    #[arg(long)]
    pub print: bool,
    /// Ignore the models of the existing schema (its datasource and generators are kept)
    #[arg(long)]
    pub force: bool,
    /// Prisma's MongoDB option, accepted and ignored
    #[arg(long, hide = true, value_name = "N")]
    pub composite_type_depth: Option<i64>,
}

/// `db execute`.
#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// The script
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Read the script from standard input
    #[arg(long)]
    pub stdin: bool,
}

/// `db seed`.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Arguments passed to the seed command (after `--`)
    #[arg(last = true)]
    pub rest: Vec<String>,
}

/// `migrate reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Do not run the seed command afterwards
    #[arg(long)]
    pub skip_seed: bool,
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

/// `migrate diff`: one `--from-…` and one `--to-…` source.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Start from nothing
    #[arg(long)]
    pub from_empty: bool,
    /// End with nothing
    #[arg(long)]
    pub to_empty: bool,
    /// Start from a Prisma schema file or folder
    #[arg(long, visible_alias = "from-schema-datamodel", value_name = "PATH")]
    pub from_schema: Option<PathBuf>,
    /// End with a Prisma schema file or folder
    #[arg(long, visible_alias = "to-schema-datamodel", value_name = "PATH")]
    pub to_schema: Option<PathBuf>,
    /// Start from the live database at this URL
    #[arg(long, value_name = "URL")]
    pub from_url: Option<String>,
    /// End with the live database at this URL
    #[arg(long, value_name = "URL")]
    pub to_url: Option<String>,
    /// Start from the live database this schema's datasource points to
    #[arg(long, value_name = "PATH")]
    pub from_schema_datasource: Option<PathBuf>,
    /// End with the live database this schema's datasource points to
    #[arg(long, value_name = "PATH")]
    pub to_schema_datasource: Option<PathBuf>,
    /// Start from the project's configured database (Prisma 7)
    #[arg(long)]
    pub from_config_datasource: bool,
    /// End with the project's configured database (Prisma 7)
    #[arg(long)]
    pub to_config_datasource: bool,
    /// Start from what this migrations folder produces
    #[arg(long, value_name = "DIR")]
    pub from_migrations: Option<PathBuf>,
    /// End with what this migrations folder produces
    #[arg(long, value_name = "DIR")]
    pub to_migrations: Option<PathBuf>,
    /// A server where a temporary database may be created to replay migrations
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
    /// How a migrations folder is replayed: in memory, on a shadow database, or in memory
    /// when the replay is sure of itself (auto)
    #[arg(long, value_name = "METHOD", default_value = "auto", value_parser = ["memory", "shadow", "auto"])]
    pub replay: String,
    /// Print SQL instead of a summary
    #[arg(long)]
    pub script: bool,
    /// Exit 2 when there is a difference (0 when none, 1 on error)
    #[arg(long)]
    pub exit_code: bool,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `migrate status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Do not compare the database with what its applied migrations produce
    #[arg(long, visible_alias = "skip-drift")]
    pub no_drift: bool,
    /// How to replay the history for the drift check
    #[command(flatten)]
    pub replay: ReplayArgs,
}

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

/// `driftless env …`
#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// List the environments, their (masked) URLs and whether they are protected
    List,
}

/// `compare A B`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first database: an environment of `driftless.toml` or a URL
    #[arg(value_name = "A")]
    pub a: String,
    /// The second database: an environment of `driftless.toml` or a URL
    #[arg(value_name = "B")]
    pub b: String,
    /// Also print the SQL that turns A's schema into B's
    #[arg(long)]
    pub script: bool,
}

/// `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Pending migrations are expected (the gate runs right before `migrate deploy`)
    #[arg(long)]
    pub allow_pending: bool,
    /// Data-loss steps in pending migrations were reviewed and are wanted
    #[arg(long)]
    pub allow_data_loss: bool,
    /// Steps that take strong locks on tables with rows fail the check too
    #[arg(long)]
    pub strict: bool,
    /// Skip the drift check
    #[arg(long)]
    pub skip_drift: bool,
    /// Output format: `text`, or `github` (GitHub Actions annotations)
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// For people.
    Text,
    /// `::error` / `::warning` workflow commands for GitHub Actions.
    Github,
}

/// `locks`.
#[derive(Debug, Args)]
pub struct LocksArgs {
    /// End this session (`pg_terminate_backend`): local databases only, after confirmation
    #[arg(long, value_name = "PID")]
    pub terminate: Option<i32>,
}

/// `driftless history …`
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Print every row of `_prisma_migrations`
    Show,
    /// Save the history (and a schema-only dump) under `.driftless/backups/`
    Backup,
    /// Replace the history with a saved one (a backup folder or its `_prisma_migrations.json`)
    Restore(RestoreArgs),
}

/// `history restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup folder, or its `_prisma_migrations.json`
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Restore even though the backup was taken from another database
    #[arg(long)]
    pub force: bool,
    /// Seconds to wait for the migration lock
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// How the history's schemas are computed, and where a shadow database may be made.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// `memory`, `shadow` or `auto` (in memory when the replay is sure, else a shadow database)
    #[arg(long, value_name = "METHOD", default_value = "auto")]
    pub replay: String,
    /// A server where a temporary (shadow) database may be created to replay migrations
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
}

/// `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Run the repairs (after showing them, a backup, and your confirmation)
    #[arg(long)]
    pub fix: bool,
    /// Do not ask for confirmation (CI, scripts)
    #[arg(short, long)]
    pub yes: bool,
    /// Record the checksums of edited migrations when the database matches the edited file
    #[arg(long)]
    pub accept_edits: bool,
    /// How to replay the history
    #[command(flatten)]
    pub replay: ReplayArgs,
    /// Seconds to wait for the migration lock
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// `migrate baseline`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The baseline migration's folder name
    #[arg(long, default_value = "0_init")]
    pub name: String,
    /// Replace a migration history that exists (it is backed up first)
    #[arg(long)]
    pub force: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
    /// How to replay the history
    #[command(flatten)]
    pub replay: ReplayArgs,
    /// Seconds to wait for the migration lock
    #[arg(
        long,
        value_name = "SECONDS",
        env = "DRIFTLESS_LOCK_TIMEOUT",
        default_value = "10"
    )]
    pub lock_timeout: f64,
}

/// `drift`.
#[derive(Debug, Args)]
pub struct DriftArgs {
    /// Also print the SQL of each comparison
    #[arg(long)]
    pub script: bool,
    /// How to replay the history
    #[command(flatten)]
    pub replay: ReplayArgs,
}
