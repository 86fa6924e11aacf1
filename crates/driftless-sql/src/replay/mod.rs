//! The in-memory replay of a migration history: each `migration.sql` is read with
//! PostgreSQL's own grammar and its statements are applied to the schema model, so that
//! "the schema the history produces" is known in milliseconds, without a shadow database.
//!
//! The result is meant to equal what introspection reads from a database where the same
//! migrations ran (after `canonical::canonicalize_schema` on both). Where the replay cannot
//! know the effect of a statement statically (a `DO` block with conditional DDL, dynamic SQL,
//! a function called at migration time that may change the schema, a view whose stored
//! definition is PostgreSQL's own rewriting) or where PostgreSQL would have raised an error
//! (creating a table that exists), the migration is marked *unsure* with a [`Doubt`] that
//! says where and why; the replay still goes on as best it can. Callers fall back to a
//! shadow database when [`Replay::is_sure`] is false.
//!
//! ```text
//! Replayer::new(start, options) ─ apply(name, script) … ─ snapshot() / finish()
//! ```

mod alter_table;
mod columns;
mod constraints;
mod dispatch;
mod do_blocks;
mod expressions;
mod functions;
mod indexes;
mod names;
mod namespaces;
mod objects;
mod sequences;
mod state;
mod tables;
mod types;
mod views;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use driftless_schema::Schema;

pub use state::Replayer;

/// What the replay needs to know besides the scripts.
#[derive(Debug, Clone)]
pub struct ReplayOptions {
    /// The schema every migration starts in: the search path that `migrate deploy` sets
    /// before each migration (the URL's `?schema=`, `public` by default).
    pub default_schema: String,
    /// The managed namespaces: the result holds the objects of these (those that exist),
    /// as introspection of the same namespaces would.
    pub namespaces: Vec<String>,
    /// Default versions of extensions on the target server (`pg_available_extensions`),
    /// when known: `CREATE EXTENSION` without `VERSION` installs that one. Unknown
    /// versions stay `None` (the differ compares extensions by name).
    pub extension_versions: BTreeMap<String, String>,
}

impl ReplayOptions {
    /// Options for a history deployed into `default_schema`, managing only that schema.
    pub fn new(default_schema: impl Into<String>) -> Self {
        let default_schema = default_schema.into();
        ReplayOptions {
            namespaces: vec![default_schema.clone()],
            default_schema,
            extension_versions: BTreeMap::new(),
        }
    }
}

/// Why a replay is unsure of a statement's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoubtKind {
    /// The effect depends on what runs at migration time (a `DO` block, `EXECUTE`, a user
    /// function that may change the schema).
    Dynamic,
    /// A statement that can change the schema in a way the model does not follow.
    Unsupported,
    /// PostgreSQL would have refused the statement (the object exists, or does not).
    WouldFail,
    /// PostgreSQL stores the object in a rewritten form (a view's query) that the replay
    /// cannot reproduce statically.
    Approximate,
    /// The script is not valid SQL for PostgreSQL's grammar.
    Unparsable,
}

/// One reason a migration's replay is unsure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Doubt {
    /// The statement's first line in the migration file (1-based).
    pub line: usize,
    /// The statement, on one line and shortened.
    pub statement: String,
    /// What kind of doubt.
    pub kind: DoubtKind,
    /// Why, for people.
    pub reason: String,
    /// When the doubt only concerns one object that a later migration dropped (or
    /// replaced in a way the replay is sure of): that migration's name. A resolved doubt
    /// no longer makes the end result unsure.
    pub resolved_by: Option<String>,
}

/// The replay of one migration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationReplay {
    /// The migration's name (its folder).
    pub name: String,
    /// How many statements it has.
    pub statements: usize,
    /// How many of them cannot change the schema and were skipped (`INSERT`, `GRANT`, …).
    pub skipped: usize,
    /// Why the replay is unsure of it, if it is.
    pub doubts: Vec<Doubt>,
}

impl MigrationReplay {
    /// Whether the replay is sure of this migration's effect.
    pub fn is_sure(&self) -> bool {
        self.doubts.is_empty()
    }

    /// Whether some doubt about it still matters for the end result.
    pub fn has_open_doubts(&self) -> bool {
        self.doubts.iter().any(|d| d.resolved_by.is_none())
    }
}

/// The result of replaying a history.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The schema the history produces, restricted to the managed namespaces that exist,
    /// sorted like introspection's model.
    pub schema: Schema,
    /// Each migration, in the order applied.
    pub migrations: Vec<MigrationReplay>,
}

impl Replay {
    /// Whether the end result is known for certain: no migration has a doubt that a later
    /// one did not resolve.
    pub fn is_sure(&self) -> bool {
        !self.migrations.iter().any(MigrationReplay::has_open_doubts)
    }

    /// Every doubt that still matters, with its migration's name, in order.
    pub fn open_doubts(&self) -> impl Iterator<Item = (&str, &Doubt)> {
        self.migrations.iter().flat_map(|m| {
            m.doubts
                .iter()
                .filter(|d| d.resolved_by.is_none())
                .map(move |d| (m.name.as_str(), d))
        })
    }

    /// The first open doubt as one sentence (`20240101_x line 4: a DO block …`), for
    /// messages that say why the replay fell back to a shadow database.
    pub fn first_open_doubt(&self) -> Option<String> {
        self.open_doubts().next().map(|(name, doubt)| {
            format!(
                "{name}, line {}: {} (`{}`)",
                doubt.line, doubt.reason, doubt.statement
            )
        })
    }
}

/// Replays `migrations` (name, script) in order onto `start`.
pub fn replay_history<'a>(
    start: Schema,
    migrations: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &ReplayOptions,
) -> Replay {
    let mut replayer = Replayer::new(start, options.clone());
    for (name, script) in migrations {
        replayer.apply(name, script);
    }
    replayer.finish()
}
