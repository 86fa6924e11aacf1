//! The long histories the faults are injected into, read once, and throwaway projects that
//! hold a prefix of them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use driftless_sql::{ExecutionMode, analyze_script};

/// One migration of a history, as the suite needs to know it.
#[derive(Debug)]
pub struct Mig {
    pub name: String,
    pub mode: ExecutionMode,
    /// Statement texts, in order (PostgreSQL's grammar splits them).
    pub statements: Vec<String>,
}

/// A corpus project's history.
#[derive(Debug)]
pub struct History {
    pub name: &'static str,
    pub source: PathBuf,
    pub migrations: Vec<Mig>,
    projects: Mutex<HashMap<usize, PathBuf>>,
    root: tempfile::TempDir,
}

/// The histories the suite uses, when the corpus is present.
pub const HISTORIES: [&str; 2] = ["trigger.dev", "langfuse"];

/// The history of a corpus project, read once per process (`None`: no corpus here).
pub fn history(name: &'static str) -> Option<&'static History> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static History>>> = OnceLock::new();
    let corpus = driftless_testkit::corpus_dir()?;
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some(history) = cache.get(name) {
        return Some(history);
    }
    let source = corpus.join(name);
    let mut names: Vec<String> = fs_err::read_dir(source.join("migrations"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("migration.sql").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let migrations = names
        .into_iter()
        .map(|name| {
            let bytes =
                fs_err::read(source.join("migrations").join(&name).join("migration.sql")).unwrap();
            let script = String::from_utf8_lossy(&bytes).into_owned();
            let analysis = analyze_script(&script, 150_000);
            Mig {
                name,
                mode: analysis.mode,
                statements: (0..analysis.statements.len())
                    .map(|i| analysis.statement_text(&script, i).to_string())
                    .collect(),
            }
        })
        .collect();
    let history: &'static History = Box::leak(Box::new(History {
        name,
        source,
        migrations,
        projects: Mutex::new(HashMap::new()),
        root: tempfile::Builder::new()
            .prefix("driftless-faults-")
            .tempdir()
            .unwrap(),
    }));
    cache.insert(name, history);
    Some(history)
}

impl History {
    /// A project holding the project's schema.prisma and the first `upto` migrations
    /// (made once per prefix).
    pub fn project(&self, upto: usize) -> PathBuf {
        let mut projects = self.projects.lock().unwrap();
        if let Some(dir) = projects.get(&upto) {
            return dir.clone();
        }
        let dir = self.root.path().join(format!("upto-{upto}"));
        let migrations = dir.join("migrations");
        fs_err::create_dir_all(&migrations).unwrap();
        fs_err::copy(self.source.join("schema.prisma"), dir.join("schema.prisma")).unwrap();
        let lock = self.source.join("migrations/migration_lock.toml");
        if lock.is_file() {
            fs_err::copy(&lock, migrations.join("migration_lock.toml")).unwrap();
        }
        for mig in &self.migrations[..upto] {
            let to = migrations.join(&mig.name);
            fs_err::create_dir_all(&to).unwrap();
            fs_err::copy(
                self.source
                    .join("migrations")
                    .join(&mig.name)
                    .join("migration.sql"),
                to.join("migration.sql"),
            )
            .unwrap();
        }
        projects.insert(upto, dir.clone());
        dir
    }

    /// Indexes of the migrations that run in `mode`.
    pub fn in_mode(&self, mode: ExecutionMode) -> Vec<usize> {
        (0..self.migrations.len())
            .filter(|&i| self.migrations[i].mode == mode)
            .collect()
    }

    /// Position of a migration by name.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.migrations.iter().position(|m| m.name == name)
    }
}
