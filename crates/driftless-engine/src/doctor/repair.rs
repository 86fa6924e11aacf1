//! Running a repair plan: files first (restored migrations, catch-up and baseline
//! migrations, review scripts), then every change to `_prisma_migrations` in one
//! transaction under the migration lock. Before the transaction commits, the diagnosis runs
//! again on the same session and must find nothing left to repair; if it does, the
//! transaction is rolled back and the files are put back as they were.

use std::path::{Path, PathBuf};
use std::time::Duration;

use driftless_db::{Connection, DbError, History, new_row_id};
use driftless_migrations::{
    LOCKFILE_NAME, MigrationsDirectory, SCRIPT_NAME, checksum, lockfile_contents,
};

use super::analyze::{DoctorOptions, diagnose, under_root};
use super::findings::{Diagnosis, Repair};
use crate::error::EngineError;
use crate::project::Project;

/// What running the plan did.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixOutput {
    /// The repairs run.
    pub repaired: Vec<Repair>,
    /// Files written (relative to the project root where possible).
    pub files: Vec<PathBuf>,
    /// The diagnosis after the repairs (what is left for a person).
    pub after: Diagnosis,
}

enum Undo {
    Created(PathBuf),
    CreatedDir(PathBuf),
    Overwritten(PathBuf, Vec<u8>),
}

fn io(e: std::io::Error) -> EngineError {
    EngineError::Other(format!(
        "cannot write the repair's files: {e}; nothing was changed in the database"
    ))
}

fn undo_all(undo: Vec<Undo>) {
    for step in undo.into_iter().rev() {
        match step {
            Undo::Created(path) => {
                let _ = std::fs::remove_file(path);
            }
            Undo::CreatedDir(path) => {
                let _ = std::fs::remove_dir_all(path);
            }
            Undo::Overwritten(path, bytes) => {
                let _ = std::fs::write(path, bytes);
            }
        }
    }
}

fn create_dirs(path: &Path, undo: &mut Vec<Undo>) -> Result<(), EngineError> {
    let mut missing = Vec::new();
    let mut at = path.to_path_buf();
    while !at.exists() {
        missing.push(at.clone());
        match at.parent() {
            Some(parent) => at = parent.to_path_buf(),
            None => break,
        }
    }
    fs_err::create_dir_all(path).map_err(io)?;
    if let Some(top) = missing.last() {
        undo.push(Undo::CreatedDir(top.clone()));
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8], undo: &mut Vec<Undo>) -> Result<(), EngineError> {
    if let Some(parent) = path.parent() {
        create_dirs(parent, undo)?;
    }
    match std::fs::read(path) {
        Ok(old) => undo.push(Undo::Overwritten(path.to_path_buf(), old)),
        Err(_) => undo.push(Undo::Created(path.to_path_buf())),
    }
    fs_err::write(path, bytes).map_err(io)
}

/// Writes the files of the plan; returns what to undo and the files written.
fn write_files(
    project: &Project,
    directory: &MigrationsDirectory,
    plan: &[Repair],
) -> Result<(Vec<Undo>, Vec<PathBuf>), EngineError> {
    let mut undo = Vec::new();
    let mut written = Vec::new();
    let result = (|| {
        for repair in plan {
            match repair {
                Repair::RestoreFile {
                    migration,
                    script,
                    kept_as,
                    ..
                } => {
                    let path = directory.path.join(migration).join(SCRIPT_NAME);
                    if let (Some(kept), Ok(current)) = (kept_as, std::fs::read(&path)) {
                        let kept = under_root(&project.root, kept);
                        write_file(&kept, &current, &mut undo)?;
                        written.push(kept);
                    }
                    write_file(&path, script, &mut undo)?;
                    written.push(path);
                }
                Repair::WriteMigration {
                    migration, script, ..
                } => {
                    let dir = directory.path.join(migration);
                    if dir.exists() {
                        return Err(EngineError::Other(format!(
                            "`{}` exists already: nothing was changed",
                            project.display(&dir)
                        )));
                    }
                    create_dirs(&dir, &mut undo)?;
                    let path = dir.join(SCRIPT_NAME);
                    write_file(&path, script.as_bytes(), &mut undo)?;
                    written.push(path);
                    let lockfile = directory.path.join(LOCKFILE_NAME);
                    if !lockfile.exists() {
                        write_file(
                            &lockfile,
                            lockfile_contents("postgresql").as_bytes(),
                            &mut undo,
                        )?;
                        written.push(lockfile);
                    }
                }
                Repair::WriteLockfile => {
                    let lockfile = directory.path.join(LOCKFILE_NAME);
                    if !lockfile.exists() {
                        write_file(
                            &lockfile,
                            lockfile_contents("postgresql").as_bytes(),
                            &mut undo,
                        )?;
                        written.push(lockfile);
                    }
                }
                Repair::WriteReviewFiles { files, .. } => {
                    for file in files {
                        let path = under_root(&project.root, &file.path);
                        write_file(&path, file.text.as_bytes(), &mut undo)?;
                        written.push(path);
                    }
                }
                Repair::MarkApplied { .. }
                | Repair::MarkRolledBack { .. }
                | Repair::DeleteRows { .. }
                | Repair::RecordChecksum { .. }
                | Repair::ClearHistory { .. } => {}
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok((undo, written)),
        Err(e) => {
            undo_all(undo);
            Err(e)
        }
    }
}

async fn run_sql(
    connection: &Connection,
    history: &History,
    plan: &[Repair],
) -> Result<(), DbError> {
    let table = history.table();
    let client = connection.client();
    let fail = |e: tokio_postgres::Error, what: &str| connection.query_error(e, what);
    connection
        .batch(&history.create_table_sql(), "creating the history table")
        .await?;
    for repair in plan {
        match repair {
            Repair::MarkApplied {
                migration,
                checksum,
                failed_rows,
                insert,
            } => {
                history
                    .mark_rolled_back(client, failed_rows)
                    .await
                    .map_err(|e| fail(e, "marking failed attempts rolled back"))?;
                if *insert {
                    history
                        .insert_resolved_applied(client, &new_row_id(), migration, checksum)
                        .await
                        .map_err(|e| fail(e, "recording a migration as applied"))?;
                }
            }
            Repair::MarkRolledBack { rows, .. } => {
                history
                    .mark_rolled_back(client, rows)
                    .await
                    .map_err(|e| fail(e, "marking rows rolled back"))?;
            }
            Repair::DeleteRows { rows, .. } => {
                client
                    .execute(&format!("DELETE FROM {table} WHERE id = ANY($1)"), &[rows])
                    .await
                    .map_err(|e| fail(e, "deleting history rows"))?;
            }
            Repair::RecordChecksum { rows, checksum, .. } => {
                client
                    .execute(
                        &format!("UPDATE {table} SET checksum = $2 WHERE id = ANY($1)"),
                        &[rows, checksum],
                    )
                    .await
                    .map_err(|e| fail(e, "recording checksums"))?;
            }
            Repair::WriteMigration {
                migration, script, ..
            } => {
                history
                    .insert_resolved_applied(
                        client,
                        &new_row_id(),
                        migration,
                        &checksum(script.as_bytes()),
                    )
                    .await
                    .map_err(|e| fail(e, "recording the new migration as applied"))?;
            }
            Repair::ClearHistory { .. } => {
                client
                    .execute(&format!("DELETE FROM {table}"), &[])
                    .await
                    .map_err(|e| fail(e, "emptying the history table"))?;
            }
            Repair::RestoreFile { .. }
            | Repair::WriteLockfile
            | Repair::WriteReviewFiles { .. } => {}
        }
    }
    Ok(())
}

/// Runs `plan` and proves it: see the module documentation.
pub async fn apply_plan(
    project: &Project,
    connection: &Connection,
    directory: &MigrationsDirectory,
    plan: &[Repair],
    options: &DoctorOptions,
    lock_timeout: Duration,
    skip_lock: bool,
) -> Result<FixOutput, EngineError> {
    let history = History::new(connection.url().schema.clone());
    if !skip_lock {
        driftless_db::lock(connection, lock_timeout).await?;
    }
    let (undo, written) = match write_files(project, directory, plan) {
        Ok(done) => done,
        Err(e) => {
            release(connection, skip_lock).await;
            return Err(e);
        }
    };
    let outcome = async {
        connection.batch("BEGIN", "starting a transaction").await?;
        run_sql(connection, &history, plan).await?;
        // Prove it before committing: the same diagnosis, on this session (which sees the
        // uncommitted rows) and the files as they are now.
        let directory = MigrationsDirectory::read(&directory.path)?;
        let after = diagnose(project, connection, &directory, options).await?;
        let left: Vec<String> = after
            .plan
            .iter()
            .filter(|r| !matches!(r, Repair::WriteReviewFiles { .. }))
            .map(Repair::describe)
            .collect();
        if !left.is_empty() {
            return Err(EngineError::Other(format!(
                "the repairs did not leave the history healthy — the diagnosis after them still plans: {}. Nothing was changed (the transaction was rolled back and the files put back); please report this with the output of `driftless doctor --json`",
                left.join("; ")
            )));
        }
        connection.batch("COMMIT", "committing the repairs").await?;
        Ok::<_, EngineError>(after)
    }
    .await;
    match outcome {
        Ok(after) => {
            release(connection, skip_lock).await;
            Ok(FixOutput {
                repaired: plan.to_vec(),
                files: written
                    .into_iter()
                    .map(|p| {
                        p.strip_prefix(&project.root)
                            .map(Path::to_path_buf)
                            .unwrap_or(p)
                    })
                    .collect(),
                after,
            })
        }
        Err(e) => {
            let _ = connection.batch("ROLLBACK", "rolling back").await;
            undo_all(undo);
            release(connection, skip_lock).await;
            Err(e)
        }
    }
}

async fn release(connection: &Connection, skip_lock: bool) {
    if !skip_lock {
        let _ = driftless_db::unlock(connection).await;
    }
}
