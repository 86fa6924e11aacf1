//! What the project's git history knows about a migration file: whether it was ever
//! committed (a row without a folder: deleted from disk, or never committed?), and the exact
//! version that ran (a file edited after it was applied: the original is the one whose
//! checksum the history row holds). Read with the `git` program; without git, or outside a
//! repository, every answer is "cannot tell".

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use driftless_migrations::checksum_matches;

/// A commit that touched a migration file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileCommit {
    /// The commit id (abbreviated to 12).
    pub commit: String,
    /// Its date (ISO 8601).
    pub date: String,
    /// Its subject line.
    pub subject: String,
    /// Whether the commit deleted the file.
    pub deleted: bool,
}

/// The version of a file that matches a checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundVersion {
    /// The commit holding it.
    pub commit: String,
    /// The file's bytes.
    pub script: Vec<u8>,
}

/// A git repository holding the project.
#[derive(Debug, Clone)]
pub struct Repository {
    root: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0");
    command
}

impl Repository {
    /// The repository holding `dir`, when there is one and `git` runs.
    pub fn discover(dir: &Path) -> Option<Repository> {
        let output = git(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let root = String::from_utf8(output.stdout).ok()?.trim().to_string();
        (!root.is_empty()).then(|| Repository {
            root: PathBuf::from(root),
        })
    }

    fn relative(&self, path: &Path) -> Option<String> {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        // The repository root may be reached through a symlink: compare canonical forms of
        // the deepest existing ancestor.
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let mut existing = absolute.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            rest.push(existing.file_name()?.to_os_string());
            existing = existing.parent()?.to_path_buf();
        }
        let mut canonical = existing.canonicalize().ok()?;
        for part in rest.into_iter().rev() {
            canonical.push(part);
        }
        let relative = canonical.strip_prefix(&root).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }

    /// The commits (on any branch) that touched `path`, newest first.
    pub fn history(&self, path: &Path) -> Vec<FileCommit> {
        let Some(relative) = self.relative(path) else {
            return Vec::new();
        };
        let Ok(output) = git(&self.root)
            .args([
                "log",
                "--all",
                "--format=%x1e%H%x1f%cI%x1f%s",
                "--name-status",
                "--",
                &relative,
            ])
            .output()
        else {
            return Vec::new();
        };
        if !output.status.success() {
            return Vec::new();
        }
        let text = String::from_utf8_lossy(&output.stdout);
        text.split('\u{1e}')
            .filter(|entry| !entry.trim().is_empty())
            .filter_map(|entry| {
                let mut lines = entry.lines();
                let header = lines.next()?;
                let mut fields = header.split('\u{1f}');
                let commit: String = fields.next()?.chars().take(12).collect();
                let date = fields.next().unwrap_or_default().to_string();
                let subject = fields.next().unwrap_or_default().to_string();
                let deleted = lines.any(|l| l.starts_with('D'));
                Some(FileCommit {
                    commit,
                    date,
                    subject,
                    deleted,
                })
            })
            .collect()
    }

    /// The version of `path` in the history whose checksum is `checksum` (Prisma's, so a
    /// line-ending-only difference matches too), looking at the newest 100 commits.
    pub fn version_with_checksum(&self, path: &Path, checksum: &str) -> Option<FoundVersion> {
        let relative = self.relative(path)?;
        for commit in self
            .history(path)
            .into_iter()
            .filter(|c| !c.deleted)
            .take(100)
        {
            let Ok(output) = git(&self.root)
                .args(["show", &format!("{}:{relative}", commit.commit)])
                .output()
            else {
                continue;
            };
            if output.status.success() && checksum_matches(checksum, &output.stdout) {
                return Some(FoundVersion {
                    commit: commit.commit,
                    script: output.stdout,
                });
            }
        }
        None
    }
}
