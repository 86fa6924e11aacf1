//! `doctor`: diagnose the migration history against the folder and the live database, the
//! way the runbooks did by hand, and repair it safely.

pub mod git;
pub mod keys;
