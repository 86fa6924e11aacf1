//! `doctor`: diagnose the migration history against the folder and the live database, the
//! way the runbooks did by hand — rows that lie, migrations whose effect is (or is not) in
//! the database, partial failures, edits, orphans, drift — and repair it: every repair shown
//! first, backed up, run in one transaction, and proved by a second diagnosis before it
//! commits. `migrate baseline` is the same machinery for a database without history.

mod analyze;
mod baseline;
mod effects;
mod findings;
pub mod git;
pub mod keys;
mod repair;

pub use analyze::{DoctorOptions, REVIEW_DIR, diagnose};
pub use baseline::{BaselinePlan, plan_baseline};
pub use effects::Effect;
pub use findings::{Diagnosis, Finding, FindingKind, Repair, ReviewFile, Severity};
pub use repair::{FixOutput, apply_plan};
