//! A cache of in-memory replays, so that `migrate status` — run fifty times a day — does not
//! replay an unchanged history every time. An entry is keyed by everything the result
//! depends on: the driftless binary itself (its size and modification time: any rebuild
//! starts afresh), the replay options, the checkpoints, and each migration's name and
//! checksum, in order. Entries live in the project's `.driftless/cache/` (git-ignored);
//! a cache that cannot be read or written is simply not used.

use std::path::{Path, PathBuf};

use driftless_migrations::Migration;
use driftless_schema::Schema;
use driftless_sql::replay::MigrationReplay;
use sha2::{Digest, Sha256};

/// Histories shorter than this replay in a few milliseconds: not worth a file.
pub const MIN_MIGRATIONS: usize = 40;
/// Entries kept (the newest).
pub const KEEP: usize = 32;

/// Where the cache lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayCache {
    dir: PathBuf,
}

/// What a replay gave: the schemas at the checkpoints, each migration's account, and the
/// first doubt that still matters.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CachedReplay {
    /// The schema at each checkpoint.
    pub schemas: Vec<Schema>,
    /// Each migration's account.
    pub migrations: Vec<MigrationReplay>,
    /// The first doubt that still matters, as one sentence.
    pub doubt: Option<String>,
}

fn binary_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

impl ReplayCache {
    /// The cache of the project rooted at `root`.
    pub fn for_project(root: &Path) -> ReplayCache {
        ReplayCache {
            dir: root.join(".driftless").join("cache"),
        }
    }

    /// The key of a replay.
    pub fn key(
        &self,
        migrations: &[Migration],
        checkpoints: &[usize],
        options: &driftless_sql::replay::ReplayOptions,
    ) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"driftless replay cache 1\0");
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(b"\0");
        hasher.update(binary_identity().as_bytes());
        hasher.update(b"\0");
        hasher.update(options.default_schema.as_bytes());
        for namespace in &options.namespaces {
            hasher.update(b"\0ns\0");
            hasher.update(namespace.as_bytes());
        }
        for (name, version) in &options.extension_versions {
            hasher.update(b"\0ext\0");
            hasher.update(name.as_bytes());
            hasher.update(b"=");
            hasher.update(version.as_bytes());
        }
        for checkpoint in checkpoints {
            hasher.update(format!("\0at\0{checkpoint}").as_bytes());
        }
        for migration in migrations {
            hasher.update(b"\0m\0");
            hasher.update(migration.name.as_bytes());
            hasher.update(b"\0");
            hasher.update(migration.checksum.as_bytes());
        }
        format!("{:x}", hasher.finalize())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("replay-{key}.json"))
    }

    /// The cached replay of `key`, if there is one that can be read.
    pub fn get(&self, key: &str) -> Option<CachedReplay> {
        let text = std::fs::read(self.path(key)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Stores a replay (best effort: errors are ignored), keeping the newest [`KEEP`].
    pub fn put(&self, key: &str, replay: &CachedReplay) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        if let Some(parent) = self.dir.parent() {
            let gitignore = parent.join(".gitignore");
            if !gitignore.exists() {
                let _ = std::fs::write(
                    &gitignore,
                    "# Created by driftless: local state, never commit it.\n*\n",
                );
            }
        }
        let Ok(bytes) = serde_json::to_vec(replay) else {
            return;
        };
        let path = self.path(key);
        let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
        if std::fs::write(&temporary, bytes).is_ok() && std::fs::rename(&temporary, &path).is_err()
        {
            let _ = std::fs::remove_file(&temporary);
        }
        self.prune();
    }

    /// The key under which a database found in sync with a history is remembered: the
    /// replay's key (history, options, binary) and the database (host, port, name).
    pub fn verified_key(&self, replay_key: &str, database: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"driftless verified 1\0");
        hasher.update(replay_key.as_bytes());
        hasher.update(b"\0");
        hasher.update(database.as_bytes());
        format!("{:x}", hasher.finalize())
    }

    fn verified_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("verified-{key}.txt"))
    }

    /// Whether the database was found in sync with the history when its catalog had this
    /// fingerprint (see `driftless_db::fingerprint`).
    pub fn is_verified(&self, key: &str, fingerprint: &str) -> bool {
        std::fs::read_to_string(self.verified_path(key)).is_ok_and(|stored| stored == fingerprint)
    }

    /// Remembers that the database was in sync with the history at this fingerprint.
    pub fn put_verified(&self, key: &str, fingerprint: &str) {
        if std::fs::create_dir_all(&self.dir).is_ok() {
            let path = self.verified_path(key);
            let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
            if std::fs::write(&temporary, fingerprint).is_ok()
                && std::fs::rename(&temporary, &path).is_err()
            {
                let _ = std::fs::remove_file(&temporary);
            }
            self.prune();
        }
    }

    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("replay-") || name.starts_with("verified-")
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        files.sort();
        let excess = files.len().saturating_sub(KEEP);
        for (_, path) in files.into_iter().take(excess) {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use driftless_migrations::checksum;

    fn migration(name: &str, sql: &str) -> Migration {
        Migration {
            name: name.to_string(),
            dir: PathBuf::from(name),
            script: sql.as_bytes().to_vec(),
            checksum: checksum(sql.as_bytes()),
        }
    }

    #[test]
    fn keys_follow_every_input_and_entries_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = ReplayCache::for_project(tmp.path());
        let options = driftless_sql::replay::ReplayOptions::new("public");
        let a = [migration("1", "CREATE TABLE a (id int);")];
        let b = [migration("1", "CREATE TABLE b (id int);")];
        let key = cache.key(&a, &[1], &options);
        assert_ne!(key, cache.key(&b, &[1], &options));
        assert_ne!(key, cache.key(&a, &[0, 1], &options));
        assert_ne!(
            key,
            cache.key(
                &a,
                &[1],
                &driftless_sql::replay::ReplayOptions::new("other")
            )
        );
        let replay = CachedReplay {
            schemas: vec![Schema::default()],
            migrations: Vec::new(),
            doubt: Some("x".into()),
        };
        assert!(cache.get(&key).is_none());
        cache.put(&key, &replay);
        assert_eq!(cache.get(&key), Some(replay));
        assert!(tmp.path().join(".driftless/.gitignore").is_file());
        // A corrupt entry is no entry.
        std::fs::write(cache.path(&key), b"{not json").unwrap();
        assert!(cache.get(&key).is_none());
    }
}
