//! Benchmarks of driftless: generators of schemas and migration histories of any size, the
//! in-process stages the criterion benches measure, and the statistics of the whole-command
//! comparison with the real Prisma (`src/bin/driftless-bench.rs`). See `BENCHMARKS.md` at
//! the repository root for how to run them and the figures.

#![warn(missing_docs)]

pub mod history_gen;
pub mod schema_gen;
pub mod stages;
pub mod stats;

pub use history_gen::{GeneratedHistory, GeneratedMigration, generate_migrations, write_history};
pub use schema_gen::{SchemaVariant, generate_schema};
