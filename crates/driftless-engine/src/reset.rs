//! `migrate reset`: empty the managed schemas and apply every migration again.
//!
//! Every object of the managed schemas is dropped — tables, views, sequences, types,
//! functions, and extensions installed there — but the schemas themselves stay, with their
//! owner and privileges (dropping and recreating `public` would lose them). All drops run
//! in one transaction: the reset happens completely or not at all.

use driftless_db::{Connection, DbError, quote_ident};

/// What a reset removed.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetOutput {
    /// Objects dropped, as `kind schema.name`.
    pub dropped: Vec<String>,
}

/// The drops, computed from the catalog: extensions first (they own objects), then
/// everything else with `CASCADE`.
const OBJECTS_QUERY: &str = r"
SELECT 1 AS ord, 'EXTENSION' AS kind, NULL::text AS schema, e.extname AS name, NULL::text AS args
  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
 WHERE n.nspname = ANY($1)
UNION ALL
SELECT 2, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
       n.nspname, c.relname, NULL
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'i', 'a'))
UNION ALL
SELECT 3, CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' WHEN p.prokind = 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
       n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = ANY($1)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 4, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname, NULL
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = ANY($1) AND t.typtype IN ('e', 'c', 'd', 'r', 'm')
   AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = t.oid AND d.deptype IN ('e', 'i'))
ORDER BY 1, 3, 4";

/// Drops every object of `namespaces` in one transaction.
pub async fn empty_schemas(
    connection: &Connection,
    namespaces: &[String],
) -> Result<ResetOutput, DbError> {
    let (drops, output) = drop_statements(connection, namespaces).await?;
    let sql = format!("BEGIN;\n{drops}COMMIT;");
    if let Err(e) = connection
        .batch(&sql, "dropping the objects of the managed schemas")
        .await
    {
        let _ = connection.batch("ROLLBACK", "rolling back").await;
        return Err(e);
    }
    Ok(output)
}

/// The `DROP … CASCADE` statements that empty `namespaces` (one per line), and what they
/// drop, for a caller that runs them inside its own transaction.
pub async fn drop_statements(
    connection: &Connection,
    namespaces: &[String],
) -> Result<(String, ResetOutput), DbError> {
    let rows = connection
        .client()
        .query(OBJECTS_QUERY, &[&namespaces])
        .await
        .map_err(|e| connection.query_error(e, "listing the objects to drop"))?;
    let mut output = ResetOutput::default();
    let mut sql = String::new();
    for row in rows {
        let kind: String = row.get(1);
        let schema: Option<String> = row.get(2);
        let name: String = row.get(3);
        let args: Option<String> = row.get(4);
        let qualified = match &schema {
            Some(schema) => format!("{}.{}", quote_ident(schema), quote_ident(&name)),
            None => quote_ident(&name),
        };
        let target = match &args {
            Some(args) => format!("{qualified}({args})"),
            None => qualified,
        };
        // IF EXISTS: an earlier CASCADE may already have taken it.
        sql.push_str(&format!("DROP {kind} IF EXISTS {target} CASCADE;\n"));
        output.dropped.push(format!(
            "{} {}{}",
            kind.to_lowercase(),
            schema.map(|s| format!("{s}.")).unwrap_or_default(),
            name
        ));
    }
    Ok((sql, output))
}
