//! Benchmark of the front end: `cargo run --release -p driftless-psl --example bench -- PATH...`
//! times parse, validate (resolution and checks), lower and format for each schema file or
//! folder, best of several runs. Generate a 1,000-model schema with
//! `shared/tools/prisma-oracle/gen_schema.py 1000`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    match last {
        Some(value) => (best, value),
        None => (best, f()),
    }
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: bench PATH...");
        return ExitCode::from(2);
    }
    println!("| schema | bytes | tables | parse | validate+lower | format | total |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for path in paths {
        let files = match driftless_psl::read_schema_files(Path::new(&path)) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        };
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        let runs = 10;
        let (parse, parsed) = best_of(runs, || driftless_psl::parse_schema(files.clone()));
        let (lower, (schema, diagnostics)) = best_of(runs, || driftless_psl::lower(&parsed));
        if diagnostics.has_errors() {
            eprintln!("{path}: the schema has errors");
        }
        let (format, _) = best_of(runs, || driftless_psl::format(&parsed));
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {path} | {bytes} | {} | {} | {} | {} | {} |",
            schema.tables.len(),
            ms(parse),
            ms(lower),
            ms(format),
            ms(parse + lower + format)
        );
    }
    ExitCode::SUCCESS
}
