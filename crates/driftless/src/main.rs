//! The `driftless` binary: parse the command line, run the command, map the outcome to an
//! exit code. Everything else lives in the library crates.

// A binary exports nothing: `pub` here means "visible to the other modules".
#![allow(unreachable_pub)]

mod cli;
mod commands;
mod exit;
mod printer;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::printer::Printer;

fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = match error.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    exit::SUCCESS
                }
                _ => exit::USAGE,
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let printer = Printer::new(cli.global.json, cli.global.no_color);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            printer.err(&format!("error: cannot start the async runtime: {error}"));
            return ExitCode::from(exit::FAILURE);
        }
    };
    let code = runtime.block_on(commands::run(cli, printer));
    ExitCode::from(code)
}

/// A panic is a bug: say so, with the version, and exit with 101 (as Prisma's engine does).
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "error[internal]: driftless {} crashed{location}: {message}\n\nThis is a bug in driftless, not in your project. If it happened while applying migrations, `driftless migrate status` shows what was recorded. Please report it with the command you ran.",
                env!("CARGO_PKG_VERSION")
            );
        }
        std::process::exit(i32::from(exit::INTERNAL));
    }));
}
