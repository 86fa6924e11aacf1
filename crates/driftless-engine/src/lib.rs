//! The operations of driftless, independent of the command line: each takes a project and
//! a database and returns a value describing what it found or did. The binary prints.

#![warn(missing_docs)]

mod apply;
pub mod backup;
pub mod check;
pub mod compare;
pub mod config_file;
pub mod data_checks;
pub mod deploy;
pub mod dev;
pub mod diff;
pub mod doctor;
pub mod drift;
pub mod env;
pub mod environments;
mod error;
pub mod guard;
pub mod hazards;
pub mod history;
pub mod history_restore;
pub mod interrupt;
pub mod locks;
pub mod migrate_dev;
pub mod progress;
pub mod project;
pub mod pull;
pub mod push;
pub mod replay_cache;
pub mod reset;
pub mod resolve;
mod resume;
pub mod schema_file;
pub mod seed;
pub mod status;
mod units;

pub use error::{EngineError, ErrorClass};
