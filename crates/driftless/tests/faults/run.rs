//! Running the driftless binary with a fault injected at a chosen moment: when a line
//! appears on its stderr (`Applying migration `…``) plus a delay, or a delay after it
//! started. The run is bounded: a process that does not exit in time is a hang, and is
//! killed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// When to inject the fault.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// A stderr line holding this text starts the delay; `None`: the process start does.
    pub line: Option<String>,
    /// How long after that.
    pub delay: Duration,
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// Exit code (`None`: killed by a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Whether the fault was injected while the process still ran.
    pub fired: bool,
    /// Whether it had to be killed after the timeout.
    pub hung: bool,
    /// Wall time.
    pub elapsed: Duration,
}

/// The binary in `dir` with `args`, its environment cleared of database settings.
pub fn driftless(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_driftless"));
    command
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .env_remove("DIRECT_URL")
        .env_remove("DRIFTLESS_DATABASE_URL")
        .env_remove("DRIFTLESS_LOCK_TIMEOUT")
        .env_remove("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK")
        .env_remove("CLICOLOR_FORCE")
        // A CI job, not an agent's session: the guard's consent rules are tested elsewhere.
        .env_remove("DRIFTLESS_AGENT")
        .env_remove("CLAUDECODE")
        .env_remove("CLAUDE_CODE_ENTRYPOINT")
        .env_remove("CURSOR_AGENT")
        .env_remove("AI_AGENT")
        .env_remove("AGENT")
        .stdin(Stdio::null());
    command
}

/// Runs `command`; when `trigger` fires and the process still runs, calls `fault` (which
/// may kill it, cut its connection or stop the server). Waits at most `timeout` for it to
/// exit after that.
pub fn run_with_fault(
    mut command: Command,
    trigger: Option<&Trigger>,
    fault: &mut dyn FnMut(&mut Child),
    timeout: Duration,
) -> Outcome {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (lines_tx, lines_rx) = mpsc::channel::<String>();
    let err_reader = std::thread::spawn(move || {
        let mut all = String::new();
        let mut reader = BufReader::new(stderr);
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            let _ = lines_tx.send(line.clone());
            all.push_str(&line);
            line.clear();
        }
        all
    });
    let out_reader = std::thread::spawn(move || {
        let mut all = String::new();
        let _ = stdout.read_to_string(&mut all);
        all
    });
    let mut fired = false;
    if let Some(trigger) = trigger {
        let seen = match &trigger.line {
            None => true,
            Some(text) => loop {
                match lines_rx.recv_timeout(timeout) {
                    Ok(line) if line.contains(text.as_str()) => break true,
                    Ok(_) => continue,
                    Err(_) => break false,
                }
            },
        };
        if seen {
            if !trigger.delay.is_zero() {
                std::thread::sleep(trigger.delay);
            }
            if child.try_wait().unwrap().is_none() {
                fault(&mut child);
                fired = true;
            }
        }
    }
    let deadline = Instant::now() + timeout;
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            hung = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        code: status.code(),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        fired,
        hung,
        elapsed: started.elapsed(),
    }
}

/// Runs `command` to the end (bounded by `timeout`).
pub fn run(command: Command, timeout: Duration) -> Outcome {
    run_with_fault(command, None, &mut |_| {}, timeout)
}

/// `migrate deploy` of `project` against `url`.
pub fn deploy(project: &Path, url: &str) -> Command {
    driftless(
        project,
        &[
            "migrate",
            "deploy",
            "--schema",
            "schema.prisma",
            "--url",
            url,
        ],
    )
}

/// Splits a command line printed by driftless (`driftless migrate resolve --rolled-back
/// "name"`) into its arguments.
pub fn split_command(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    args.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        args.push(current);
    }
    args
}
