//! Applying one migration, unit by unit (see [`crate::units`]), so that its history row
//! never says anything the database does not hold — whatever stops the run.
//!
//! - A transaction unit is pipelined: `BEGIN`, its statements, the history row's write and
//!   `COMMIT` are sent at once and run in order (one round trip), and the first error names
//!   its statement. The row's write is the row itself (inserted finished, for a migration of
//!   one unit), or its progress note: the note commits with the statements it counts.
//! - A statement that cannot run in a transaction runs alone, after a note saying it
//!   started; the catalog tells a later deploy whether it took effect ([`crate::resume`]).
//! - When the run stops — an error, a lost connection, Ctrl-C — the row says exactly what
//!   took effect. A lost connection or an error that goes away by itself (a lock or
//!   statement timeout, a deadlock) leaves the row resumable: the next `migrate deploy` goes
//!   on from there. Any other error is recorded as Prisma records it, and blocks deploys
//!   until it is resolved.

use std::time::Duration;

use driftless_db::{ConnectOptions, Connection, DbError, History};
use driftless_migrations::Migration;
use driftless_sql::{ExecutionMode, ScriptAnalysis};

use crate::deploy::{Outcome, char_position_to_offset};
use crate::error::EngineError;
use crate::interrupt::Interrupt;
use crate::progress::Progress;
use crate::resume::drop_invalid_leftover;
use crate::units::{Unit, UnitEnd};

/// The history row of the migration being applied.
pub(crate) struct RowRef {
    /// Its id.
    pub(crate) id: String,
    /// Whether it is in the table (committed) already.
    pub(crate) exists: bool,
}

/// Everything one migration's run needs.
pub(crate) struct Applier<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) connect: &'a ConnectOptions,
    pub(crate) history: &'a History,
    pub(crate) migration: &'a Migration,
    pub(crate) script: &'a str,
    pub(crate) analysis: &'a ScriptAnalysis,
    /// Statement texts with their byte offsets in the script (the whole script as one
    /// statement when PostgreSQL's grammar cannot read it).
    pub(crate) statements: Vec<(usize, &'a str)>,
    pub(crate) units: Vec<Unit>,
    pub(crate) row: RowRef,
    pub(crate) interrupt: &'a Interrupt,
}

/// Why running SQL stopped.
pub(crate) enum RunError {
    Failed(DbError),
    Interrupted,
}

/// What a slot of a pipeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Our `BEGIN`.
    Begin,
    /// A statement of the script.
    Statement(usize),
    /// The history row's write.
    Row,
    /// Our `COMMIT`.
    Commit,
}

/// Runs SQL, cancelling it on the server if the user interrupts.
pub(crate) async fn run(
    connection: &Connection,
    sql: &str,
    interrupt: &Interrupt,
) -> Result<(), RunError> {
    let query = connection.client().batch_execute(sql);
    tokio::pin!(query);
    tokio::select! {
        result = &mut query => result.map_err(|e| RunError::Failed(connection.query_error(e, "running the migration"))),
        () = interrupt.wait() => {
            connection.cancel().await;
            match query.await {
                Ok(()) => Err(RunError::Interrupted),
                Err(e) => {
                    let error = connection.query_error(e, "running the migration");
                    if error.is_query_canceled() { Err(RunError::Interrupted) } else { Err(RunError::Failed(error)) }
                }
            }
        }
    }
}

/// Retries a history write once if an interrupt's cancel request hit it.
pub(crate) async fn record<F, Fut>(
    connection: &Connection,
    what: &str,
    write: F,
) -> Result<(), EngineError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), tokio_postgres::Error>>,
{
    match write().await {
        Ok(()) => Ok(()),
        Err(e) => match connection.query_error(e, what) {
            error if error.is_query_canceled() => write()
                .await
                .map_err(|e| EngineError::Db(connection.query_error(e, what))),
            other => Err(other.into()),
        },
    }
}

/// Errors that go away by themselves: a later attempt may well succeed.
pub(crate) fn is_transient(error: &DbError, interrupted: bool) -> bool {
    match error.server_error().map(|e| e.code.as_str()) {
        // lock_not_available (lock_timeout), deadlock_detected, serialization_failure
        Some("55P03" | "40P01" | "40001") => true,
        // query_canceled: a statement_timeout, unless it is the cancel Ctrl-C sent
        Some("57014") => !interrupted,
        _ => false,
    }
}

impl Applier<'_> {
    fn total(&self) -> usize {
        self.statements.len()
    }

    fn mode(&self) -> ExecutionMode {
        self.analysis.mode
    }

    fn progress(&self, done: usize, running: Option<usize>) -> Progress {
        Progress {
            done,
            total: self.total(),
            running,
            resumable: true,
        }
    }

    /// The row's write that commits with a unit: the finished row, or the progress note.
    fn row_write(&self, done: usize, finishes: bool) -> String {
        let name = &self.migration.name;
        let checksum = &self.migration.checksum;
        match (finishes, self.row.exists) {
            (true, true) => self.history.mark_finished_sql(&self.row.id),
            (true, false) => self
                .history
                .insert_finished_sql(&self.row.id, name, checksum),
            (false, exists) => {
                let note = self.progress(done, None).note(self.script, self.analysis);
                if exists {
                    self.history.set_logs_sql(&self.row.id, &note)
                } else {
                    self.history
                        .insert_running_sql(&self.row.id, name, checksum, &note)
                }
            }
        }
    }

    /// Applies the units from `from` on (0 for a fresh run; later when resuming).
    pub(crate) async fn run(&mut self, from: usize) -> Result<(), EngineError> {
        let mut done = self.units.get(from).map_or(self.total(), Unit::start);
        let mut finished = false;
        for index in from..self.units.len() {
            let last = index + 1 == self.units.len();
            match self.units[index].clone() {
                Unit::Transaction { range, opens, end } => {
                    let mut pipeline: Vec<(String, Slot)> = Vec::new();
                    if !opens {
                        pipeline.push(("BEGIN".to_string(), Slot::Begin));
                    }
                    let body_end = if end == UnitEnd::Commit {
                        range.end - 1
                    } else {
                        range.end
                    };
                    for i in range.start..body_end {
                        pipeline.push((self.statements[i].1.to_string(), Slot::Statement(i)));
                    }
                    let commits = end != UnitEnd::Rollback;
                    if commits {
                        pipeline.push((self.row_write(range.end, last), Slot::Row));
                        if end == UnitEnd::Commit {
                            let i = range.end - 1;
                            pipeline.push((self.statements[i].1.to_string(), Slot::Statement(i)));
                        } else {
                            pipeline.push(("COMMIT".to_string(), Slot::Commit));
                        }
                    }
                    if let Err((error, slot)) = self.pipelined(&pipeline).await {
                        let failing = match slot {
                            Slot::Statement(i) => Some(i),
                            // A deferred constraint checked at COMMIT: the migration's doing.
                            Slot::Commit => Some(range.end.saturating_sub(1)),
                            Slot::Begin | Slot::Row => None,
                        };
                        return Err(self.fail(error, failing, done, false).await);
                    }
                    if commits {
                        self.row.exists = true;
                        finished = last;
                    }
                    done = range.end;
                }
                Unit::Outside(i) => {
                    let note = self
                        .progress(done, Some(i))
                        .note(self.script, self.analysis);
                    let written = if self.row.exists {
                        self.history
                            .record_failure(self.connection.client(), &self.row.id, &note)
                            .await
                    } else {
                        self.history
                            .insert_failed(
                                self.connection.client(),
                                &self.row.id,
                                &self.migration.name,
                                &self.migration.checksum,
                                &note,
                            )
                            .await
                    };
                    if let Err(e) = written {
                        let error = self.connection.query_error(e, "recording progress");
                        return Err(self.fail(RunError::Failed(error), None, done, false).await);
                    }
                    self.row.exists = true;
                    if let Err(error) =
                        run(self.connection, self.statements[i].1, self.interrupt).await
                    {
                        return Err(self.fail(error, Some(i), done, true).await);
                    }
                    done = i + 1;
                }
            }
        }
        if !finished {
            let sql = if self.row.exists {
                self.history.mark_finished_sql(&self.row.id)
            } else {
                self.history.insert_finished_sql(
                    &self.row.id,
                    &self.migration.name,
                    &self.migration.checksum,
                )
            };
            if let Err(e) = self.connection.batch(&sql, "recording the migration").await {
                return Err(self.fail(RunError::Failed(e), None, done, false).await);
            }
        }
        Ok(())
    }

    /// Sends a pipeline and returns the first error with its slot.
    async fn pipelined(&self, pipeline: &[(String, Slot)]) -> Result<(), (RunError, Slot)> {
        let client = self.connection.client();
        let all = futures_util::future::join_all(
            pipeline.iter().map(|(sql, _)| client.batch_execute(sql)),
        );
        tokio::pin!(all);
        let (results, interrupted) = tokio::select! {
            results = &mut all => (results, false),
            () = self.interrupt.wait() => {
                self.connection.cancel().await;
                (all.await, true)
            }
        };
        let first = results
            .into_iter()
            .zip(pipeline.iter().map(|(_, slot)| *slot))
            .find_map(|(r, slot)| r.err().map(|e| (e, slot)));
        // Everything went through (even if a cancel came too late to stop it): applied.
        let Some((error, slot)) = first else {
            return Ok(());
        };
        let error = self.connection.query_error(error, "running the migration");
        if interrupted && !error.is_connection_lost() {
            Err((RunError::Interrupted, slot))
        } else {
            Err((RunError::Failed(error), slot))
        }
    }

    /// Turns a stop into the error to report, after leaving the history row exact.
    async fn fail(
        &self,
        error: RunError,
        failing: Option<usize>,
        done: usize,
        outside: bool,
    ) -> EngineError {
        let name = self.migration.name.clone();
        let lost = matches!(&error, RunError::Failed(e) if e.is_connection_lost());
        if !lost {
            let _ = self.connection.batch("ROLLBACK", "rolling back").await;
        }
        let running = if outside { failing } else { None };
        let error = match error {
            RunError::Interrupted => {
                return EngineError::Interrupted {
                    during: Some(name),
                    outcome: if self.row.exists {
                        format!(
                            "{}; its history row says so, and a new deploy goes on from there",
                            self.progress(done, running).describe()
                        )
                    } else {
                        "its transaction was rolled back: nothing of it was applied or recorded, and a new deploy will apply it".to_string()
                    },
                };
            }
            RunError::Failed(error) => error,
        };
        if lost {
            return EngineError::ConnectionLost {
                during: name,
                outcome: self.outcome_after_lost_connection().await,
                reason: error.to_string(),
            };
        }
        if error.is_query_canceled() && self.interrupt.is_triggered() {
            return EngineError::Interrupted {
                during: Some(name),
                outcome: format!(
                    "{}; a new deploy goes on from there",
                    self.progress(done, running).describe()
                ),
            };
        }
        let Some(failing) = failing else {
            // BEGIN or the history row failed: not the migration's fault.
            return error.into();
        };
        let cleaned = if outside {
            drop_invalid_leftover(self.connection, self.statements[failing].1)
                .await
                .unwrap_or(false)
        } else {
            false
        };
        let transient = is_transient(&error, self.interrupt.is_triggered());
        let outcome = if self.mode() == ExecutionMode::Transaction && !self.row.exists {
            Outcome::NothingApplied
        } else {
            Outcome::Partial {
                applied: done,
                total: self.total(),
            }
        };
        let mut failed = crate::deploy::failure(
            self.migration,
            self.script,
            self.mode(),
            crate::deploy::cause_of(&error),
            outcome,
        );
        let (start, text) = self.statements[failing];
        let position = error.server_error().and_then(|e| e.position);
        failed.exact_position = position.is_some();
        failed.error_offset =
            Some(position.map_or(start, |p| start + char_position_to_offset(text, p)));
        failed.failed_statement = Some(failing + 1);
        failed.retried_by_next_deploy = transient;
        let mut logs = failed.logs();
        if cleaned {
            logs.push_str("driftless: the invalid index the failed statement left was dropped.\n");
        }
        if transient {
            logs.push_str("driftless: this error goes away by itself; the next `driftless migrate deploy` retries the migration from where it stopped.\n");
        }
        let progress = Progress {
            done,
            total: self.total(),
            running: None,
            resumable: transient,
        };
        logs.push_str(&progress.marker());
        let written = if self.row.exists {
            record(self.connection, "recording the failed migration", || {
                self.history
                    .record_failure(self.connection.client(), &self.row.id, &logs)
            })
            .await
        } else {
            record(self.connection, "recording the failed migration", || {
                self.history.insert_failed(
                    self.connection.client(),
                    &self.row.id,
                    &self.migration.name,
                    &self.migration.checksum,
                    &logs,
                )
            })
            .await
        };
        if let Err(e) = written {
            return e;
        }
        failed.recorded = true;
        EngineError::MigrationFailed(Box::new(failed))
    }

    /// After the connection broke: reconnects (briefly) only to read what the history row
    /// says, for the message. The deploy stops either way: the new session would not hold
    /// the migration lock.
    async fn outcome_after_lost_connection(&self) -> String {
        let unreachable = "the server could not be reached again to read what was recorded; the history row says what took effect, and a new `driftless migrate deploy` goes on from there once the server is back".to_string();
        let connect = Connection::connect(self.connection.url(), self.connect);
        let Ok(Ok(fresh)) = tokio::time::timeout(Duration::from_secs(3), connect).await else {
            return unreachable;
        };
        let Ok(rows) = self.history.rows(fresh.client()).await else {
            return unreachable;
        };
        match rows.iter().find(|r| r.id == self.row.id) {
            Some(row) if row.finished_at.is_some() => {
                "it was applied and recorded just before the connection broke".to_string()
            }
            Some(row) => match row.logs.as_deref().and_then(Progress::parse) {
                Some(progress) => format!(
                    "{}; its history row says so, and a new `driftless migrate deploy` goes on from there",
                    progress.describe()
                ),
                None => "its history row is unfinished; `driftless migrate status` shows it".to_string(),
            },
            None => "nothing of it was applied or recorded (its transaction died with the connection); a new `driftless migrate deploy` applies it".to_string(),
        }
    }
}
