//! Environment variables as Prisma sees them: the process environment plus `.env` files.
//!
//! Prisma (up to version 6) loads `.env` from the project root and from the folder of the
//! schema; variables already set in the real environment win. We do the same, but never
//! modify our own process environment: lookups go through [`EnvVars`], and child processes
//! (the seed command) receive the merged set explicitly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The process environment plus the variables loaded from `.env` files.
#[derive(Debug, Clone, Default)]
pub struct EnvVars {
    loaded: BTreeMap<String, String>,
    /// `.env` files that were read, in order.
    pub files: Vec<PathBuf>,
    /// Problems met while reading them (a malformed line), as messages.
    pub warnings: Vec<String>,
    process: Option<BTreeMap<String, String>>,
}

impl EnvVars {
    /// The process environment alone.
    pub fn from_process() -> EnvVars {
        EnvVars::default()
    }

    /// A fixed set of variables and no process environment (for tests).
    pub fn fixed(vars: &[(&str, &str)]) -> EnvVars {
        EnvVars {
            process: Some(
                vars.iter()
                    .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                    .collect(),
            ),
            ..EnvVars::default()
        }
    }

    /// Loads a `.env` file if it exists. Variables already defined (in the environment or an
    /// earlier file) keep their value.
    pub fn load_file(&mut self, path: &Path) {
        if !path.is_file() || self.files.iter().any(|f| f == path) {
            return;
        }
        let iter = match dotenvy::from_path_iter(path) {
            Ok(iter) => iter,
            Err(e) => {
                self.warnings
                    .push(format!("cannot read `{}`: {e}", path.display()));
                return;
            }
        };
        self.files.push(path.to_path_buf());
        for item in iter {
            match item {
                Ok((key, value)) => {
                    if self.get(&key).is_none() {
                        self.loaded.insert(key, value);
                    }
                }
                Err(e) => self.warnings.push(format!(
                    "`{}` has a line that cannot be read: {e}",
                    path.display()
                )),
            }
        }
    }

    /// A variable's value: the real environment first, then `.env` files.
    pub fn get(&self, name: &str) -> Option<String> {
        let from_process = match &self.process {
            Some(vars) => vars.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        from_process
            .or_else(|| self.loaded.get(name).cloned())
            .filter(|v| !v.is_empty())
    }

    /// Whether a variable is set to a value that means yes (`1`, `true`, `yes`).
    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"))
    }

    /// The variables loaded from files, for handing to child processes.
    pub fn loaded(&self) -> impl Iterator<Item = (&String, &String)> {
        self.loaded.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_environment_wins_over_dotenv_and_first_file_wins() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a.env");
        let b = tmp.path().join("b.env");
        fs_err::write(&a, "URL=from-a\nONLY_A=1\n# comment\nQUOTED=\"x y\"\n").unwrap();
        fs_err::write(&b, "URL=from-b\nONLY_B=${ONLY_A}2\n").unwrap();
        let mut env = EnvVars::fixed(&[("URL", "real")]);
        env.load_file(&a);
        env.load_file(&b);
        assert_eq!(env.get("URL").as_deref(), Some("real"));
        assert_eq!(env.get("ONLY_A").as_deref(), Some("1"));
        assert_eq!(env.get("QUOTED").as_deref(), Some("x y"));
        assert_eq!(env.files.len(), 2);
        assert_eq!(env.get("MISSING"), None);
    }
}
