//! SQL text ↔ schema model, for PostgreSQL: reading migration scripts with PostgreSQL's own
//! grammar, and (in later modules) rendering changes to SQL and replaying scripts in memory.

#![warn(missing_docs)]

pub mod canonical;
mod datetime;
mod outside;
mod quote;
pub mod render;
pub mod replay;
mod script;
pub mod types;

pub use outside::{OutsideTarget, outside_target};
pub(crate) use quote::quote_ident_minimal;
pub use quote::{quote_ident, quote_literal, quote_qualified};

pub use script::{ExecutionMode, ScriptAnalysis, Statement, StatementRole, analyze_script};
