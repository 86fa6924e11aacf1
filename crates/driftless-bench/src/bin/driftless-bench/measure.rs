//! Running one command: its wall time, or its peak memory.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

/// One command line to run, with where and how, and the exit codes that count as success.
#[derive(Debug, Clone)]
pub(crate) struct Invocation {
    pub(crate) program: OsString,
    pub(crate) args: Vec<OsString>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) cwd: PathBuf,
    pub(crate) expect: Vec<i32>,
}

impl Invocation {
    pub(crate) fn new(program: impl Into<OsString>, cwd: impl Into<PathBuf>) -> Invocation {
        Invocation {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            cwd: cwd.into(),
            expect: vec![0],
        }
    }

    pub(crate) fn arg(mut self, arg: impl Into<OsString>) -> Invocation {
        self.args.push(arg.into());
        self
    }

    pub(crate) fn args<I, S>(mut self, args: I) -> Invocation
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub(crate) fn env(mut self, key: &str, value: impl Into<String>) -> Invocation {
        self.env.push((key.to_string(), value.into()));
        self
    }

    fn command(&self, wrapper: Option<&[OsString]>) -> Command {
        let mut command = match wrapper {
            Some(wrapper) => {
                let mut c = Command::new(&wrapper[0]);
                c.args(&wrapper[1..]).arg(&self.program);
                c
            }
            None => Command::new(&self.program),
        };
        command
            .args(&self.args)
            .current_dir(&self.cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            command.env(k, v);
        }
        command
    }

    /// A short form for error messages.
    fn describe(&self) -> String {
        let mut s = self.program.to_string_lossy().into_owned();
        for a in self.args.iter().take(8) {
            s.push(' ');
            s.push_str(&a.to_string_lossy());
        }
        if self.args.len() > 8 {
            s.push_str(" …");
        }
        s
    }

    fn check(&self, output: &std::process::Output) -> anyhow::Result<()> {
        let code = output.status.code().unwrap_or(-1);
        if !self.expect.contains(&code) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let stdout = String::from_utf8_lossy(&output.stdout);
            let tail = |s: &str| {
                s.chars()
                    .rev()
                    .take(1500)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            };
            bail!(
                "`{}` exited {code} (expected {:?})\n--- stdout (end)\n{}\n--- stderr (end)\n{}",
                self.describe(),
                self.expect,
                tail(&stdout),
                tail(&stderr)
            );
        }
        Ok(())
    }

    /// Runs it once; the wall time from spawn to exit.
    pub(crate) fn time(&self) -> anyhow::Result<Duration> {
        let mut command = self.command(None);
        let started = Instant::now();
        let output = command
            .output()
            .with_context(|| format!("running {}", self.describe()))?;
        let elapsed = started.elapsed();
        self.check(&output)?;
        Ok(elapsed)
    }

    /// Runs it once under `/usr/bin/time`; the peak resident memory in KiB of the largest
    /// process of the command (the kernel's `ru_maxrss` over it and its children).
    pub(crate) fn peak_memory_kib(&self) -> anyhow::Result<u64> {
        let report = tempfile::NamedTempFile::new()?;
        let wrapper: Vec<OsString> = vec![
            "/usr/bin/time".into(),
            "-f".into(),
            "%M".into(),
            "-o".into(),
            report.path().as_os_str().to_owned(),
        ];
        let output = self
            .command(Some(&wrapper))
            .output()
            .with_context(|| format!("running {} under /usr/bin/time", self.describe()))?;
        self.check(&output)?;
        let text = fs_err::read_to_string(report.path())?;
        text.lines()
            .filter_map(|l| l.trim().parse::<u64>().ok())
            .next_back()
            .with_context(|| format!("no peak memory in `{text}`"))
    }
}
