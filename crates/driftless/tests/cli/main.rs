//! Tests of the `driftless` binary against a real PostgreSQL cluster (started by the test
//! kit), one database per test.

#![allow(clippy::unwrap_used)]

mod check;
mod compare;
mod concurrency;
mod connection;
mod corpus;
mod db_pull;
mod db_push;
mod deploy;
mod dev;
mod discovery;
mod doctor;
mod drift;
mod errors;
mod guard;
mod history;
mod interruptions;
mod locks;
mod migrate_dev;
mod migrate_diff;
mod oracle;
mod reset;
mod resolve;
mod status;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use driftless_testkit::TestDb;

/// A throwaway Prisma project: `prisma/schema.prisma` and `prisma/migrations/`.
pub struct TestProject {
    pub dir: tempfile::TempDir,
}

#[allow(clippy::new_without_default)]
impl TestProject {
    pub fn new() -> TestProject {
        let dir = tempfile::tempdir().unwrap();
        let project = TestProject { dir };
        project.write(
            "prisma/schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
        );
        fs_err::create_dir_all(project.migrations()).unwrap();
        project
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn migrations(&self) -> PathBuf {
        self.path().join("prisma/migrations")
    }

    pub fn write(&self, relative: &str, content: &str) {
        let path = self.path().join(relative);
        fs_err::create_dir_all(path.parent().unwrap()).unwrap();
        fs_err::write(path, content).unwrap();
    }

    pub fn migration(&self, name: &str, sql: &str) -> &Self {
        self.write(&format!("prisma/migrations/{name}/migration.sql"), sql);
        self
    }

    /// Runs driftless in the project with `DATABASE_URL` pointing at `db`.
    pub fn run(&self, db: &TestDb, args: &[&str]) -> Run {
        self.run_with_env(args, &[("DATABASE_URL", &db.url_string())])
    }

    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command(args);
        for (k, v) in env {
            command.env(k, v);
        }
        Run::from(command.output().unwrap())
    }

    pub fn command(&self, args: &[&str]) -> Command {
        driftless_command(self.path(), args)
    }
}

/// The binary, in `dir`, with a clean environment for database settings.
pub fn driftless_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_driftless"));
    command
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .env_remove("DRIFTLESS_DATABASE_URL")
        .env_remove("DRIFTLESS_LOCK_TIMEOUT")
        .env_remove("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("DRIFTLESS_ENV")
        .env_remove(driftless_engine::guard::CONSENT_VAR)
        .env_remove(driftless_engine::guard::PRISMA_CONSENT_VAR);
    // Tests decide themselves whether they look like CI or an AI agent.
    for (variable, _) in driftless_engine::guard::AGENT_VARS {
        command.env_remove(variable);
    }
    for variable in driftless_engine::guard::CI_VARS {
        command.env_remove(variable);
    }
    command
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("error[internal]"),
            "driftless panicked:\n{}",
            self.stderr
        );
        assert!(
            !self.stdout.contains(driftless_testkit::PASSWORD)
                && !self.stderr.contains(driftless_testkit::PASSWORD),
            "the password was printed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// The corpus's project folders, sorted by name.
pub fn corpus_projects(corpus: &Path) -> Vec<std::path::PathBuf> {
    let mut projects: Vec<_> = fs_err::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    projects
}

/// The `--schema` argument of a corpus project: its schema folder (`schema/`, or the project
/// itself for a `models/` layout) or its `schema.prisma`.
pub fn corpus_schema_arg(project: &Path) -> &'static str {
    if project.join("schema").is_dir() {
        "schema"
    } else if project.join("models").is_dir() {
        "."
    } else {
        "schema.prisma"
    }
}

/// The history rows of `db` as `(name, finished, rolled back, steps, logs is null)`.
pub fn history(db: &TestDb) -> Vec<(String, bool, bool, i32, bool)> {
    db.query("SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, applied_steps_count, logs IS NULL FROM _prisma_migrations ORDER BY started_at, migration_name")
        .into_iter()
        .map(|r| (r[0].clone(), r[1] == "t", r[2] == "t", r[3].parse().unwrap(), r[4] == "t"))
        .collect()
}

/// Whether a table exists in `public`.
pub fn table_exists(db: &TestDb, table: &str) -> bool {
    db.scalar(&format!(
        "SELECT to_regclass('public.\"{table}\"') IS NOT NULL"
    )) == "t"
}
