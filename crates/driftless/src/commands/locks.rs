//! `locks`: who holds or waits for the migration lock and for locks on the managed tables
//! (what the runbooks restarted the database to clear), and `--terminate PID` to end one
//! session — on a local database, after confirmation, never on a protected one.

use driftless_engine::EngineError;
use driftless_engine::guard::Action;
use driftless_engine::locks::{lock_report, session_of, terminate};

use super::guarded::authorize;
use super::{CommandResult, Context, connect, discover};
use crate::cli::LocksArgs;
use crate::exit;
use crate::printer::Paint;

fn one_line(query: Option<&str>) -> String {
    let text: String = query
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text
    }
}

/// Runs `locks`.
pub async fn run(context: &Context, args: &LocksArgs) -> CommandResult {
    let printer = &context.printer;
    let project = discover(context)?;
    let (connection, target) = connect(context, &project).await?;
    let namespaces = match project.datasource() {
        Some(d) if !d.schemas.is_empty() => d.schemas.clone(),
        _ => vec![target.url.schema.clone()],
    };
    if let Some(pid) = args.terminate {
        let Some(session) = session_of(&connection, pid).await? else {
            return Err(EngineError::Usage(format!(
                "no other session with pid {pid} is connected to database `{}`; `driftless locks` lists the sessions that hold locks",
                target.url.database
            ))
            .into());
        };
        printer.err(&format!(
            "session {pid}: {}{}, {}, {}",
            if session.application_name.is_empty() {
                "no application_name"
            } else {
                &session.application_name
            },
            session
                .user
                .as_ref()
                .map(|u| format!(", user {u}"))
                .unwrap_or_default(),
            session.state.as_deref().unwrap_or("unknown state"),
            one_line(session.query.as_deref())
        ));
        let authorized = authorize(context, &project, &target, Action::Terminate, None)?;
        let ended = terminate(&connection, pid).await?;
        if printer.json {
            printer.json_document(&serde_json::json!({
                "version": 1,
                "command": "locks --terminate",
                "pid": pid,
                "session": session,
                "terminated": ended,
                "authorization": authorized,
            }));
        } else if ended {
            printer.out(&format!(
                "Session {pid} was ended; its open transaction was rolled back."
            ));
        } else {
            printer.out(&format!(
                "The server did not end session {pid} (it may have ended already, or the role lacks the right to end it)."
            ));
        }
        return Ok(if ended { exit::SUCCESS } else { exit::FAILURE });
    }
    let report = lock_report(&connection, &namespaces).await?;
    if printer.json {
        printer.json_document(&serde_json::json!({
            "version": 1,
            "command": "locks",
            "migrationLock": report.migration_lock,
            "tableLocks": report.table_locks,
        }));
        return Ok(exit::SUCCESS);
    }
    if report.migration_lock.is_empty() {
        printer.out("Migration lock (pg_advisory_lock(72707369)): free");
    } else {
        printer.out("Migration lock (pg_advisory_lock(72707369)):");
        for holder in &report.migration_lock {
            let role = if holder.granted {
                printer.out_paint(Paint::Yellow, "holds")
            } else {
                "waits".to_string()
            };
            printer.out(&format!("  {role}  {holder}"));
        }
    }
    printer.out("");
    if report.table_locks.is_empty() {
        printer.out(&format!(
            "Table locks in {}: none held by other sessions",
            namespaces
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    } else {
        printer.out(&format!(
            "Table locks in {}:",
            namespaces
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for lock in &report.table_locks {
            let state = if lock.granted {
                "holds".to_string()
            } else {
                printer.out_paint(
                    Paint::Yellow,
                    &format!(
                        "waits (blocked by {})",
                        lock.blocked_by
                            .iter()
                            .map(|p| format!("pid {p}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            };
            printer.out(&format!(
                "  pid {:>7}  {state} {} on {}  ({}, {}) {}",
                lock.pid,
                lock.mode,
                lock.relation,
                if lock.application_name.is_empty() {
                    "no application_name"
                } else {
                    &lock.application_name
                },
                lock.state.as_deref().unwrap_or("unknown state"),
                one_line(lock.query.as_deref())
            ));
        }
    }
    let holders: Vec<i32> = report
        .migration_lock
        .iter()
        .filter(|h| h.granted)
        .map(|h| h.pid)
        .collect();
    if let Some(pid) = holders.first() {
        printer.out("");
        printer.hint(&format!(
            "if the session holding the migration lock is stuck (a deploy that died with its connection left open), end it with `driftless locks --terminate {pid}` (local databases) or `SELECT pg_terminate_backend({pid});` — never by restarting the database"
        ));
    }
    Ok(exit::SUCCESS)
}
