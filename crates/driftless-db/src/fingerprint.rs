//! A fingerprint of the catalog rows that describe the managed namespaces: every row's
//! identity and the transaction that wrote it (`xmin`). Any DDL writes new catalog rows (or
//! deletes some), so the fingerprint changes with any change introspection could see; it
//! costs a few milliseconds because it reads raw catalog columns only, with none of the
//! deparsing functions (`pg_get_expr`, `pg_get_indexdef`, …) that make introspection cost
//! what it does. `migrate status` uses it to skip re-reading a database it has already
//! found in sync with the same history.

use crate::{Connection, DbError};

/// The query: one text per catalog row, hashed in a stable order.
const FINGERPRINT_QUERY: &str = r"
WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1)),
     rel AS (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns)),
     typ AS (SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns)),
     rows AS (
       SELECT 'n' || n.oid || ':' || n.xmin AS r FROM pg_catalog.pg_namespace n WHERE n.oid IN (SELECT oid FROM ns)
       UNION ALL SELECT 'c' || c.oid || ':' || c.xmin FROM pg_catalog.pg_class c WHERE c.oid IN (SELECT oid FROM rel)
       UNION ALL SELECT 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin FROM pg_catalog.pg_attribute a WHERE a.attrelid IN (SELECT oid FROM rel) AND a.attnum > 0
       UNION ALL SELECT 'd' || d.oid || ':' || d.xmin FROM pg_catalog.pg_attrdef d WHERE d.adrelid IN (SELECT oid FROM rel)
       UNION ALL SELECT 'k' || k.oid || ':' || k.xmin FROM pg_catalog.pg_constraint k WHERE k.connamespace IN (SELECT oid FROM ns) OR k.conrelid IN (SELECT oid FROM rel)
       UNION ALL SELECT 'i' || i.indexrelid || ':' || i.xmin FROM pg_catalog.pg_index i WHERE i.indrelid IN (SELECT oid FROM rel)
       UNION ALL SELECT 's' || s.seqrelid || ':' || s.xmin FROM pg_catalog.pg_sequence s WHERE s.seqrelid IN (SELECT oid FROM rel)
       UNION ALL SELECT 't' || t.oid || ':' || t.xmin FROM pg_catalog.pg_type t WHERE t.oid IN (SELECT oid FROM typ)
       UNION ALL SELECT 'e' || e.oid || ':' || e.xmin FROM pg_catalog.pg_enum e WHERE e.enumtypid IN (SELECT oid FROM typ)
       UNION ALL SELECT 'p' || p.oid || ':' || p.xmin FROM pg_catalog.pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns)
       UNION ALL SELECT 'g' || g.oid || ':' || g.xmin FROM pg_catalog.pg_trigger g WHERE g.tgrelid IN (SELECT oid FROM rel)
       UNION ALL SELECT 'w' || w.oid || ':' || w.xmin FROM pg_catalog.pg_rewrite w WHERE w.ev_class IN (SELECT oid FROM rel)
       UNION ALL SELECT 'x' || x.oid || ':' || x.xmin FROM pg_catalog.pg_extension x
       UNION ALL SELECT 'o' || o.classoid || '.' || o.objoid || '.' || o.objsubid || ':' || o.xmin FROM pg_catalog.pg_description o
         WHERE o.objoid IN (SELECT oid FROM rel) OR o.objoid IN (SELECT oid FROM typ) OR o.objoid IN (SELECT oid FROM ns)
            OR o.objoid IN (SELECT oid FROM pg_catalog.pg_proc WHERE pronamespace IN (SELECT oid FROM ns))
       UNION ALL SELECT 'y' || y.classid || '.' || y.objid || '.' || y.objsubid || '>' || y.refobjid || '.' || y.refobjsubid || y.deptype::text
         FROM pg_catalog.pg_depend y WHERE y.classid = 'pg_catalog.pg_class'::regclass AND y.objid IN (SELECT oid FROM rel) AND y.deptype IN ('a', 'i')
     )
SELECT (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())::text
       || '/' || count(*) || '/' || coalesce(md5(string_agg(r, ',' ORDER BY r)), '')
FROM rows";

/// The fingerprint of the catalog of `namespaces` (and of the database-wide extensions),
/// prefixed with the database's own oid (a database dropped and created again under the same
/// name is another database).
pub async fn catalog_fingerprint(
    db: &Connection,
    namespaces: &[String],
) -> Result<String, DbError> {
    let namespaces: Vec<String> = namespaces.to_vec();
    let row = db
        .client()
        .query_one(FINGERPRINT_QUERY, &[&namespaces])
        .await
        .map_err(|e| db.query_error(e, "reading the catalog's fingerprint"))?;
    Ok(row.get(0))
}
