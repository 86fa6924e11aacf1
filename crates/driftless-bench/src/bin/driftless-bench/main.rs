//! `driftless-bench`: the generators on the command line, and the whole-command comparison
//! of driftless with the real Prisma and with `psql`.
//!
//! ```text
//! driftless-bench schema N [--changed]         print a generated schema of N models
//! driftless-bench history M DIR                write a generated history of M migrations
//! driftless-bench commands [--runs K] [--only CASE,…] [--driftless PATH] [--no-prisma]
//!                          [--json FILE]       start a cluster, measure, print a table
//! driftless-bench summary [DIR]                the criterion results as one table
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cases;
mod cluster;
mod criterion_summary;
mod measure;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use driftless_bench::{SchemaVariant, generate_schema, write_history};

#[derive(Debug, Parser)]
#[command(
    name = "driftless-bench",
    about = "Benchmarks of driftless against Prisma and psql"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a generated schema of N models.
    Schema {
        /// How many models.
        models: usize,
        /// The next version: one model in twenty changed.
        #[arg(long)]
        changed: bool,
    },
    /// Write a generated history of M migrations under DIR (prisma/migrations/…).
    History {
        /// How many migrations.
        migrations: usize,
        /// The project folder to write.
        dir: PathBuf,
    },
    /// Measure whole commands: driftless, the real Prisma and psql, alternating runs.
    Commands(cases::Options),
    /// Print the criterion results of `cargo bench` as one table, with growth exponents.
    Summary {
        /// criterion's output folder (default: target/criterion of this workspace).
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema { models, changed } => {
            let variant = if changed {
                SchemaVariant::Changed
            } else {
                SchemaVariant::Base
            };
            print!("{}", generate_schema(models, variant));
            Ok(())
        }
        Command::History { migrations, dir } => write_history(&dir, migrations)
            .map(|h| {
                println!("{} migrations in {}", h.names.len(), h.migrations.display());
            })
            .map_err(anyhow::Error::from),
        Command::Commands(options) => cases::run(&options),
        Command::Summary { dir } => {
            let dir = dir.unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion")
            });
            criterion_summary::summary(&dir).map(|table| print!("{table}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
