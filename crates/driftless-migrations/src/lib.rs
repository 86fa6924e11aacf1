//! The migrations folder on disk: migrations, checksums and the lock file. No database.
//!
//! This crate is what driftless knows about Prisma's file layout
//! (`migrations/<name>/migration.sql`, `migrations/migration_lock.toml`) and about the
//! checksum Prisma stores for each migration.

#![warn(missing_docs)]

mod checksum;
mod directory;
mod lockfile;
mod names;

pub use checksum::{ChecksumMatch, checksum, checksum_matches, compare_checksum};
pub use directory::{
    DirectoryError, DirectoryWarning, Migration, MigrationsDirectory, SCRIPT_NAME,
};
pub use lockfile::{LOCKFILE_NAME, Lockfile, LockfileState, lockfile_contents};
pub use names::{closest_names, migration_folder_name};
