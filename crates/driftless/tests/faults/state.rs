//! What a database holds, as the invariant checker compares it: its catalog (read with
//! driftless's own introspection, every user schema), the number of rows of every table (a
//! data migration applied twice or half shows there), its invalid indexes (what an
//! interrupted `CREATE INDEX CONCURRENTLY` leaves), and its history rows.

use std::collections::{BTreeMap, BTreeSet};

use driftless_db::{ConnectOptions, Connection, DatabaseUrl, introspect};
use driftless_diff::DiffMode;
use driftless_schema::{Pair, Schema};

/// The comparable state of a database.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub catalog: Schema,
    /// `schema.table` → rows (the history table left out).
    pub counts: BTreeMap<String, i64>,
    /// `schema.index` of every index that is not valid.
    pub invalid_indexes: BTreeSet<String>,
}

/// One row of `_prisma_migrations`.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub finished: bool,
    pub rolled_back: bool,
    pub steps: i32,
    pub logs: Option<String>,
}

impl Row {
    /// Neither finished nor rolled back.
    pub fn unfinished(&self) -> bool {
        !self.finished && !self.rolled_back
    }

    /// Finished and not rolled back.
    pub fn applied(&self) -> bool {
        self.finished && !self.rolled_back
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn connect(url: &DatabaseUrl) -> Connection {
    let options = ConnectOptions {
        application_name: "fault-checker".into(),
        base_dir: None,
    };
    Connection::connect(url, &options)
        .await
        .unwrap_or_else(|e| panic!("the checker cannot connect: {e}"))
}

/// Reads the state of the database at `url`.
pub fn capture(url: &DatabaseUrl) -> State {
    runtime().block_on(async {
        let connection = connect(url).await;
        let namespaces: Vec<String> = connection
            .client()
            .query(
                "SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut catalog = introspect(&connection, &namespaces)
            .await
            .unwrap_or_else(|e| panic!("introspection failed: {e}"));
        catalog.sort();
        let tables: Vec<(String, String)> = connection
            .client()
            .query(
                "SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT LIKE 'pg\\_%' \
                   AND n.nspname <> 'information_schema' AND c.relname <> '_prisma_migrations' ORDER BY 1, 2",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mut counts = BTreeMap::new();
        for chunk in tables.chunks(200) {
            let sql = chunk
                .iter()
                .map(|(s, t)| {
                    format!(
                        "SELECT {}::text, count(*) FROM {}.{}",
                        driftless_sql::quote_literal(&format!("{s}.{t}")),
                        driftless_sql::quote_ident(s),
                        driftless_sql::quote_ident(t)
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            for row in connection.client().query(sql.as_str(), &[]).await.unwrap() {
                counts.insert(row.get::<_, String>(0), row.get::<_, i64>(1));
            }
        }
        let invalid_indexes = connection
            .client()
            .query(
                "SELECT n.nspname || '.' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect();
        State {
            catalog,
            counts,
            invalid_indexes,
        }
    })
}

/// The history rows (none when the table does not exist), oldest first.
pub fn rows(url: &DatabaseUrl) -> Vec<Row> {
    runtime().block_on(async {
        let connection = connect(url).await;
        let exists: bool = connection
            .client()
            .query_one(
                "SELECT to_regclass('public._prisma_migrations') IS NOT NULL",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if !exists {
            return Vec::new();
        }
        connection
            .client()
            .query(
                "SELECT migration_name::text, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, applied_steps_count, logs \
                 FROM public._prisma_migrations ORDER BY started_at, migration_name",
                &[],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| Row {
                name: r.get(0),
                finished: r.get(1),
                rolled_back: r.get(2),
                steps: r.get(3),
                logs: r.get(4),
            })
            .collect()
    })
}

/// The differences between two states, in words (empty: identical).
pub fn differences(expected: &State, found: &State) -> Vec<String> {
    let mut out = Vec::new();
    if expected.catalog != found.catalog {
        let changes = driftless_engine::diff::compare(
            Pair::new(&found.catalog, &expected.catalog),
            DiffMode::Exact,
        )
        .changes;
        if changes.is_empty() {
            out.push("the catalogs differ in something the differ does not see".to_string());
        }
        for change in changes.iter().take(8) {
            out.push(format!("catalog: to match, the database needs {change:?}"));
        }
        if changes.len() > 8 {
            out.push(format!("catalog: … {} more changes", changes.len() - 8));
        }
    }
    for (table, n) in &expected.counts {
        match found.counts.get(table) {
            Some(m) if m == n => {}
            Some(m) => out.push(format!("{table}: {m} rows, expected {n}")),
            None => {}
        }
    }
    if expected.invalid_indexes != found.invalid_indexes {
        out.push(format!(
            "invalid indexes: {:?}, expected {:?}",
            found.invalid_indexes, expected.invalid_indexes
        ));
    }
    out
}

/// Removes an index from a state (the one a statement was running on when the fault hit: it
/// may be there, absent or invalid, and the history row says so).
pub fn without_index(state: &State, schema: &str, name: &str) -> State {
    let mut state = state.clone();
    for table in &mut state.catalog.tables {
        if table.name.schema == schema {
            table.indexes.retain(|i| i.name != name);
        }
    }
    state.invalid_indexes.remove(&format!("{schema}.{name}"));
    state
}
