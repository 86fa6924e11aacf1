//! Introspection: the live database, read into the schema model.
//!
//! A fixed set of catalog queries (see [`queries`]) covers every managed namespace at once
//! and runs pipelined on one connection, so reading 1,000 tables costs about what reading
//! ten does. The rows are then assembled into a [`Schema`] whose expressions are in the
//! canonical form every other source produces (`driftless_sql::canonical`), so the model
//! of a database compares equal to the model of the history or schema that made it.

mod assemble;
mod queries;
mod row;

use driftless_schema::Schema;

use crate::{Connection, DbError};

/// The catalog queries [`introspect`] runs, with what each reads, in its order. Every query
/// takes the managed namespaces as its one parameter (`text[]`), except `extensions`,
/// which takes none. It exists for the benchmarks: the bare queries' time is the floor of
/// introspection.
pub fn catalog_queries(server_version_num: u32) -> Vec<(&'static str, String)> {
    vec![
        ("extensions", queries::extensions()),
        ("types", queries::types()),
        ("sequences", queries::sequences()),
        ("tables", queries::tables()),
        ("columns", queries::columns()),
        ("constraints", queries::constraints(server_version_num)),
        ("indexes", queries::indexes(server_version_num)),
        ("views", queries::views()),
        ("functions", queries::functions()),
        ("triggers", queries::triggers(server_version_num)),
        ("schemas", queries::namespaces()),
    ]
}

/// Reads the schema of the live database, restricted to `namespaces` (PostgreSQL schemas;
/// extensions are read database-wide). The model's namespaces are those of `namespaces` that exist.
/// The history table `_prisma_migrations` and objects that belong to extensions are never
/// part of it.
pub async fn introspect(db: &Connection, namespaces: &[String]) -> Result<Schema, DbError> {
    let version = db.server_version_num();
    let client = db.client();
    let ns: Vec<String> = namespaces.to_vec();
    let run = |sql: String, what: &'static str| {
        let ns = &ns;
        async move {
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [ns];
            let params: &[&(dyn tokio_postgres::types::ToSql + Sync)] =
                if what == "extensions" { &[] } else { &params };
            let result = client.query(sql.as_str(), params).await;
            result.map_err(|e| db.query_error(e, &format!("reading the {what} of the database")))
        }
    };
    let (extensions, types, sequences, tables, columns, constraints, indexes, views) = tokio::try_join!(
        run(queries::extensions(), "extensions"),
        run(queries::types(), "types"),
        run(queries::sequences(), "sequences"),
        run(queries::tables(), "tables"),
        run(queries::columns(), "columns"),
        run(queries::constraints(version), "constraints"),
        run(queries::indexes(version), "indexes"),
        run(queries::views(), "views"),
    )?;
    let (functions, triggers, existing) = tokio::try_join!(
        run(queries::functions(), "functions"),
        run(queries::triggers(version), "triggers"),
        run(queries::namespaces(), "schemas"),
    )?;
    // Only the managed namespaces that exist: a missing one is created by a migration.
    let existing: Vec<String> = existing
        .iter()
        .filter_map(|row| row.try_get::<_, String>(0).ok())
        .collect();
    let namespaces: Vec<String> = namespaces
        .iter()
        .filter(|n| existing.contains(n))
        .cloned()
        .collect();
    let rows = assemble::CatalogRows {
        extensions,
        types,
        sequences,
        tables,
        columns,
        constraints,
        indexes,
        views,
        functions,
        triggers,
    };
    assemble::assemble(&namespaces, &rows)
}
