//! Exit codes: one table, one meaning per code, documented in the README.

use driftless_engine::ErrorClass;

/// Everything is fine (or in sync).
pub const SUCCESS: u8 = 0;
/// An unexpected error.
pub const FAILURE: u8 = 1;
/// A check found a difference: `migrate diff --exit-code` (Prisma's value), `format --check`.
pub const DIFFERENCE: u8 = 2;
/// Bad input: schema, config, migrations folder, missing or invalid URL.
pub const INPUT: u8 = 3;
/// The database could not be reached (unreachable, login failed, missing database, TLS).
pub const CONNECTION: u8 = 4;
/// The migration lock stayed held by another session.
pub const LOCK_TIMEOUT: u8 = 5;
/// The command refused to act (unresolved failed migration, wrong provider, a migration
/// not in the state the command needs, confirmation needed).
pub const REFUSED: u8 = 6;
/// A migration failed while being applied.
pub const MIGRATION_FAILED: u8 = 7;
/// The guard refused a destructive action: a protected database (or an AI agent on a
/// local one) without the consent it needs.
pub const GUARD_REFUSED: u8 = 8;
/// `migrate status`: migrations are pending.
pub const STATUS_PENDING: u8 = 10;
/// `migrate status`: a migration failed and is not resolved.
pub const STATUS_FAILED: u8 = 11;
/// `migrate status`: an applied migration was edited since.
pub const STATUS_EDITED: u8 = 12;
/// `migrate status`: the database records migrations that are not in the folder.
pub const STATUS_MISSING_LOCALLY: u8 = 13;
/// `migrate status`: a migration is recorded more than once.
pub const STATUS_DUPLICATES: u8 = 14;
/// `migrate status`: the database has tables but no migration history.
pub const STATUS_NOT_MANAGED: u8 = 15;
/// The database differs from what its applied migrations produce (`check`, `migrate
/// status`).
pub const DRIFT: u8 = 16;
/// `check`: a pending migration has a step that cannot run on the data.
pub const CHECK_UNEXECUTABLE: u8 = 17;
/// `check`: a pending migration would lose data.
pub const CHECK_DATA_LOSS: u8 = 18;
/// `check`: another session holds the migration lock.
pub const CHECK_LOCK_HELD: u8 = 19;
/// `check --strict`: a pending migration takes a strong lock on a table with rows.
pub const CHECK_LOCKING: u8 = 20;
/// `drift`: schema.prisma has changes that no migration holds yet.
pub const SCHEMA_DRIFT: u8 = 23;
/// `doctor`: problems were found (run `doctor --fix`, or see what it says to do).
pub const DOCTOR_FINDINGS: u8 = 21;
/// `doctor --fix`: repaired what could be repaired; something is left for a person.
pub const DOCTOR_MANUAL: u8 = 22;
/// `db pull`: the database has no table and no enum to write a schema from (P4001).
pub const EMPTY_DATABASE: u8 = 24;
/// Command-line usage error.
pub const USAGE: u8 = 64;
/// A bug: driftless panicked.
pub const INTERNAL: u8 = 101;
/// Interrupted (Ctrl-C, SIGTERM).
pub const INTERRUPTED: u8 = 130;

/// The exit code of an engine error.
pub fn for_error(class: ErrorClass) -> u8 {
    match class {
        ErrorClass::Input => INPUT,
        ErrorClass::Connection => CONNECTION,
        ErrorClass::LockTimeout => LOCK_TIMEOUT,
        ErrorClass::Refused => REFUSED,
        ErrorClass::MigrationFailed => MIGRATION_FAILED,
        ErrorClass::Interrupted => INTERRUPTED,
        ErrorClass::Usage => USAGE,
        ErrorClass::Guarded => GUARD_REFUSED,
        ErrorClass::Empty => EMPTY_DATABASE,
        ErrorClass::Other => FAILURE,
    }
}
