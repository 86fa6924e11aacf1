//! The replayer's state: the model of every namespace (not only the managed ones), the
//! session's search path, and what it has found out about each migration so far.

use std::collections::BTreeSet;

use driftless_schema::{QualifiedName, Schema};

use super::functions::TriggerSpec;
use super::{Doubt, DoubtKind, MigrationReplay, Replay, ReplayOptions};

/// An object a doubt is about: when it is dropped later, the doubt no longer matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ObjectKey {
    View(QualifiedName),
    Function(QualifiedName),
}

/// The statement being replayed, for doubts.
#[derive(Debug, Clone, Default)]
pub(super) struct Current {
    pub line: usize,
    pub statement: String,
}

/// Replays migrations one at a time onto a schema model.
///
/// Built with [`Replayer::new`], fed with [`Replayer::apply`]; [`Replayer::snapshot`]
/// gives the schema so far (so a caller can take the schema of the applied migrations and
/// go on with the pending ones), [`Replayer::finish`] the whole [`Replay`].
#[derive(Debug, Clone)]
pub struct Replayer {
    pub(super) schema: Schema,
    pub(super) existing: BTreeSet<String>,
    pub(super) options: ReplayOptions,
    pub(super) search_path: Vec<String>,
    pub(super) triggers: Vec<TriggerSpec>,
    pub(super) migrations: Vec<MigrationReplay>,
    pub(super) object_doubts: Vec<(usize, usize, ObjectKey)>,
    pub(super) current: Current,
    /// Inside an explicit `BEGIN` … (for `ROLLBACK`): whether a statement changed the
    /// model since.
    pub(super) in_transaction: Option<bool>,
    /// Temporary relations of the deploying session (`CREATE TEMP TABLE`): not part of
    /// the schema, but found first by unqualified names.
    pub(super) temporary: BTreeSet<String>,
}

impl Replayer {
    /// A replayer starting from `start` (an empty schema for a history from scratch).
    /// The namespaces of `start`, `public` and the default schema count as existing, as
    /// in a new database that `migrate deploy` prepared.
    pub fn new(start: Schema, options: ReplayOptions) -> Self {
        let mut existing: BTreeSet<String> = start.namespaces.iter().cloned().collect();
        existing.insert("public".to_string());
        existing.insert(options.default_schema.clone());
        let search_path = vec![options.default_schema.clone()];
        let mut schema = start;
        schema.namespaces.clear();
        let triggers = schema
            .triggers
            .iter()
            .map(TriggerSpec::opaque)
            .collect::<Vec<_>>();
        Replayer {
            schema,
            existing,
            options,
            search_path,
            triggers,
            migrations: Vec::new(),
            object_doubts: Vec::new(),
            current: Current::default(),
            in_transaction: None,
            temporary: BTreeSet::new(),
        }
    }

    /// The schema produced so far, restricted to the managed namespaces that exist and
    /// sorted, as introspection would read it.
    pub fn snapshot(&self) -> Schema {
        let managed: Vec<String> = self
            .options
            .namespaces
            .iter()
            .filter(|n| self.existing.contains(*n))
            .cloned()
            .collect();
        let keep = |name: &QualifiedName| managed.contains(&name.schema);
        let mut schema = self.schema.clone();
        schema.namespaces = managed.clone();
        schema.enums.retain(|e| keep(&e.name));
        schema.domains.retain(|d| keep(&d.name));
        schema.other_types.retain(|t| keep(&t.name));
        schema.sequences.retain(|s| keep(&s.name));
        schema
            .tables
            .retain(|t| keep(&t.name) && t.name.name != "_prisma_migrations");
        schema.views.retain(|v| keep(&v.name));
        schema.functions.retain(|f| keep(&f.name));
        schema.extensions.retain(|e| e.name != "plpgsql");
        schema.triggers = self
            .triggers
            .iter()
            .filter(|t| keep(&t.table))
            .map(|t| t.to_trigger(&self.search_path_for_output()))
            .collect();
        schema.sort();
        schema
    }

    /// The search path of an introspecting session (the default schema), which decides
    /// which names PostgreSQL prints qualified.
    fn search_path_for_output(&self) -> Vec<String> {
        vec![self.options.default_schema.clone()]
    }

    /// What was found about each migration applied so far.
    pub fn migrations(&self) -> &[MigrationReplay] {
        &self.migrations
    }

    /// The end result.
    pub fn finish(self) -> Replay {
        let schema = self.snapshot();
        Replay {
            schema,
            migrations: self.migrations,
        }
    }

    /// Records a doubt about the current statement.
    pub(super) fn doubt(&mut self, kind: DoubtKind, reason: impl Into<String>) {
        self.doubt_about(kind, reason, None);
    }

    /// Records a doubt that only concerns `object`.
    pub(super) fn doubt_about(
        &mut self,
        kind: DoubtKind,
        reason: impl Into<String>,
        object: Option<ObjectKey>,
    ) {
        let Some(migration) = self.migrations.last_mut() else {
            return;
        };
        migration.doubts.push(Doubt {
            line: self.current.line,
            statement: self.current.statement.clone(),
            kind,
            reason: reason.into(),
            resolved_by: None,
        });
        if let Some(object) = object {
            let m = self.migrations.len() - 1;
            let d = self.migrations[m].doubts.len() - 1;
            self.object_doubts.push((m, d, object));
        }
    }

    /// An error PostgreSQL would raise for the current statement.
    pub(super) fn fail(&mut self, reason: impl Into<String>) {
        let reason = format!("PostgreSQL would refuse this: {}", reason.into());
        self.doubt(DoubtKind::WouldFail, reason);
    }

    /// The doubts about `object` no longer matter: it was dropped or replaced.
    pub(super) fn resolve(&mut self, object: &ObjectKey) {
        let Some(name) = self.migrations.last().map(|m| m.name.clone()) else {
            return;
        };
        let current = self.migrations.len() - 1;
        let mut i = 0;
        while i < self.object_doubts.len() {
            let (m, d, key) = &self.object_doubts[i];
            // A doubt raised by this very statement stays open.
            let same_statement =
                *m == current && self.migrations[*m].doubts[*d].line == self.current.line;
            if key == object && !same_statement {
                let (m, d) = (*m, *d);
                self.migrations[m].doubts[d].resolved_by = Some(name.clone());
                self.object_doubts.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// Marks that the model changed (for `ROLLBACK`).
    pub(super) fn changed(&mut self) {
        if let Some(changed) = &mut self.in_transaction {
            *changed = true;
        }
    }

    /// Whether `schema.name` names a temporary relation of the session.
    pub(super) fn is_temporary(&self, schema: Option<&str>, name: &str) -> bool {
        matches!(schema, None | Some("") | Some("pg_temp")) && self.temporary.contains(name)
    }

    /// Whether a namespace exists.
    pub(super) fn namespace_exists(&self, name: &str) -> bool {
        self.existing.contains(name)
    }

    /// The namespaces of the search path that exist, in order.
    pub(super) fn path(&self) -> Vec<String> {
        self.search_path
            .iter()
            .filter(|n| self.existing.contains(*n))
            .cloned()
            .collect()
    }

    /// Where an object named with `schema` (or without) is created; a doubt when the
    /// search path names no existing schema.
    pub(super) fn creation_schema(&mut self, schema: Option<&str>) -> Option<String> {
        match schema {
            Some(s) if !s.is_empty() => {
                if self.namespace_exists(s) {
                    Some(s.to_string())
                } else {
                    self.fail(format!("schema \"{s}\" does not exist"));
                    None
                }
            }
            _ => match self.path().into_iter().next() {
                Some(s) => Some(s),
                None => {
                    self.fail("no schema has been selected to create in");
                    None
                }
            },
        }
    }

    /// The index of the table `schema.name` (searching the path when unqualified).
    pub(super) fn table_index(&self, schema: Option<&str>, name: &str) -> Option<usize> {
        match schema {
            Some(s) if !s.is_empty() => self
                .schema
                .tables
                .iter()
                .position(|t| t.name.schema == s && t.name.name == name),
            _ => self.path().iter().find_map(|s| {
                self.schema
                    .tables
                    .iter()
                    .position(|t| &t.name.schema == s && t.name.name == name)
            }),
        }
    }

    /// Resolves an object name in one of the lists of the model by the search path.
    pub(super) fn resolve_in<'a, T>(
        &self,
        list: &'a [T],
        name_of: impl Fn(&T) -> &QualifiedName,
        schema: Option<&str>,
        name: &str,
    ) -> Option<(usize, &'a T)> {
        let find = |s: &str| {
            list.iter()
                .enumerate()
                .find(|(_, item)| name_of(item).schema == s && name_of(item).name == name)
        };
        match schema {
            Some(s) if !s.is_empty() => find(s),
            _ => self.path().iter().find_map(|s| find(s)),
        }
    }

    /// Whether a relation (table, index, sequence, view) of this name exists in the
    /// namespace: relation names share one namespace in PostgreSQL.
    pub(super) fn relation_exists(&self, schema: &str, name: &str) -> bool {
        let q = |n: &QualifiedName| n.schema == schema && n.name == name;
        self.schema.tables.iter().any(|t| {
            q(&t.name)
                || (t.name.schema == schema
                    && (t.indexes.iter().any(|i| i.name == name)
                        || t.primary_key.as_ref().is_some_and(|p| p.name == name)
                        || t.unique_constraints.iter().any(|u| u.name == name)))
        }) || self.schema.sequences.iter().any(|s| q(&s.name))
            || self.schema.views.iter().any(|v| q(&v.name))
            || self
                .schema
                .other_types
                .iter()
                .any(|t| q(&t.name) && t.definition.starts_with("AS ("))
    }

    /// Whether a type (enum, domain, other type) of this name exists in the namespace;
    /// tables, views and sequences also have a row type of their name.
    pub(super) fn type_exists(&self, schema: &str, name: &str) -> bool {
        let q = |n: &QualifiedName| n.schema == schema && n.name == name;
        self.schema.enums.iter().any(|e| q(&e.name))
            || self.schema.domains.iter().any(|d| q(&d.name))
            || self.schema.other_types.iter().any(|t| q(&t.name))
            || self.schema.tables.iter().any(|t| q(&t.name))
            || self.schema.views.iter().any(|v| q(&v.name))
            || self.schema.sequences.iter().any(|s| q(&s.name))
    }

    /// Whether a constraint of this name exists on any table of the namespace (for
    /// choosing names as PostgreSQL does).
    pub(super) fn constraint_exists_in(&self, schema: &str, name: &str) -> bool {
        self.schema
            .tables
            .iter()
            .filter(|t| t.name.schema == schema)
            .any(|t| t.has_constraint(name))
            || self
                .schema
                .domains
                .iter()
                .filter(|d| d.name.schema == schema)
                .any(|d| d.checks.iter().any(|(n, _)| n == name))
    }
}
