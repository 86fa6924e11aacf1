//! The catalog queries of introspection: a fixed set, each covering every managed namespace
//! at once, so the number of round trips does not grow with the number of tables.
//!
//! Every query takes the managed namespaces as `$1 text[]`. Objects that belong to an
//! extension (`pg_depend.deptype = 'e'`) are left out: they are the extension's, not the
//! user's. The history table is never returned.

/// Resolves a type oid and modifier to: `format_type` text of the element type, the element
/// type's namespace and name, and whether the type is an array of it. Used as
/// `LEFT JOIN LATERAL (…) ty ON true`.
fn type_of(typid: &str, typmod: &str) -> String {
    format!(
        "LEFT JOIN LATERAL (
            SELECT format_type(et.oid, {typmod}) AS type_text, etn.nspname::text AS type_schema,
                   et.typname::text AS type_name, x.is_array
            FROM (SELECT CASE WHEN bt.typcategory = 'A' AND bt.typelem <> 0 AND bt.typlen = -1
                              THEN bt.typelem ELSE bt.oid END AS eoid,
                         (bt.typcategory = 'A' AND bt.typelem <> 0 AND bt.typlen = -1) AS is_array
                  FROM pg_type bt WHERE bt.oid = {typid}) x
            JOIN pg_type et ON et.oid = x.eoid
            JOIN pg_namespace etn ON etn.oid = et.typnamespace
        ) ty ON true"
    )
}

/// `NOT EXISTS` an extension membership of the object `oid` in catalog `catalog`.
fn not_extension_member(catalog: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '{catalog}'::regclass \
         AND dep.objid = {oid} AND dep.deptype = 'e')"
    )
}

/// The managed namespaces that exist.
pub(crate) fn namespaces() -> String {
    "SELECT n.nspname::text FROM pg_namespace n WHERE n.nspname = ANY($1) ORDER BY 1".to_string()
}

/// Installed extensions (database-wide), but `plpgsql`, which every database has.
pub(crate) fn extensions() -> String {
    "SELECT e.extname::text, n.nspname::text, e.extversion::text
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname <> 'plpgsql'
     ORDER BY e.extname"
        .to_string()
}

/// Enums, domains, composite and range types of the managed namespaces.
///
/// Columns: namespace, name, kind (`e`/`d`/`c`/`r`), enum labels, domain NOT NULL, domain
/// default, base type (4 columns), domain check names, domain check expressions,
/// composite/range definition.
pub(crate) fn types() -> String {
    format!(
        "SELECT n.nspname::text, t.typname::text, t.typtype::text,
            CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                 WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END,
            t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
            ty.type_text, ty.type_schema, ty.type_name, ty.is_array,
            ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid
                  AND c.contype = 'c' ORDER BY c.conname),
            ARRAY(SELECT pg_get_expr(c.conbin, 0) FROM pg_constraint c WHERE c.contypid = t.oid
                  AND c.contype = 'c' ORDER BY c.conname),
            CASE t.typtype
              WHEN 'c' THEN 'AS (' || (SELECT string_agg(quote_ident(a.attname) || ' '
                    || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0
                    AND NOT a.attisdropped) || ')'
              WHEN 'r' THEN (SELECT 'AS RANGE (subtype = ' || format_type(r.rngsubtype, NULL) || ')'
                    FROM pg_range r WHERE r.rngtypid = t.oid)
            END
         FROM pg_type t
         JOIN pg_namespace n ON n.oid = t.typnamespace
         {base}
         WHERE n.nspname = ANY($1)
           AND (t.typtype IN ('e', 'd', 'r')
                OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
           AND {member}
         ORDER BY n.nspname, t.typname",
        base = type_of("t.typbasetype", "t.typtypmod"),
        member = not_extension_member("pg_type", "t.oid"),
    )
}

/// Sequences of the managed namespaces but identity columns' own.
///
/// Columns: namespace, name, data type, start, increment, min, max, cache, cycle, owning
/// table namespace, owning table, owning column.
pub(crate) fn sequences() -> String {
    format!(
        "SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL),
            s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
            own.nspname, own.relname, own.attname
         FROM pg_sequence s
         JOIN pg_class c ON c.oid = s.seqrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN LATERAL (
            SELECT dn.nspname::text, dc.relname::text, da.attname::text, d.deptype
            FROM pg_depend d
            JOIN pg_class dc ON dc.oid = d.refobjid
            JOIN pg_namespace dn ON dn.oid = dc.relnamespace
            JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            LIMIT 1
         ) own ON true
         WHERE n.nspname = ANY($1)
           AND own.deptype IS DISTINCT FROM 'i'
           AND {member}
         ORDER BY n.nspname, c.relname",
        member = not_extension_member("pg_class", "c.oid"),
    )
}

/// The filter for user relations of the managed namespaces.
fn user_relations(kinds: &str) -> String {
    format!(
        "n.nspname = ANY($1) AND c.relkind IN ({kinds})
         AND NOT (c.relname = '_prisma_migrations' AND c.relkind IN ('r', 'p'))
         AND {}",
        not_extension_member("pg_class", "c.oid")
    )
}

/// Tables (plain and partitioned).
///
/// Columns: oid, namespace, name, unlogged, row level security, comment, partition key,
/// parent namespace, parent name, partition bound.
pub(crate) fn tables() -> String {
    format!(
        "SELECT c.oid, n.nspname::text, c.relname::text, c.relpersistence = 'u', c.relrowsecurity,
            obj_description(c.oid, 'pg_class'),
            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
            pn.nspname::text, p.relname::text,
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
         LEFT JOIN pg_class p ON p.oid = i.inhparent
         LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
         WHERE {filter}
         ORDER BY n.nspname, c.relname",
        filter = user_relations("'r', 'p'"),
    )
}

/// Columns of those tables, in physical order.
///
/// Columns: table oid, name, type (4 columns), type modifier, nullable, default, identity,
/// generated, collation (when not the type's), comment.
pub(crate) fn columns() -> String {
    format!(
        "SELECT a.attrelid, a.attname::text,
            ty.type_text, ty.type_schema, ty.type_name, ty.is_array, a.atttypmod,
            NOT a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text,
            a.attgenerated::text,
            CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END,
            col_description(a.attrelid, a.attnum)
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
         LEFT JOIN pg_collation co ON co.oid = a.attcollation
         {ty}
         WHERE a.attnum > 0 AND NOT a.attisdropped AND {filter}
         ORDER BY a.attrelid, a.attnum",
        ty = type_of("a.atttypid", "a.atttypmod"),
        filter = user_relations("'r', 'p'"),
    )
}

/// Primary keys, unique, foreign key and check constraints (not those a partition inherits).
///
/// Columns: table oid, name, kind, columns, referenced namespace, referenced table,
/// referenced columns, on update, on delete, match type, deferrable, deferred, validated,
/// no inherit, check expression, nulls not distinct.
pub(crate) fn constraints(server_version: u32) -> String {
    let nulls_not_distinct = if server_version >= 150_000 {
        "COALESCE(ix.indnullsnotdistinct, false)"
    } else {
        "false"
    };
    format!(
        "SELECT con.conrelid, con.conname::text, con.contype::text,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                  ORDER BY k.ord),
            fn.nspname::text, fc.relname::text,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                  ORDER BY k.ord),
            con.confupdtype::text, con.confdeltype::text, con.confmatchtype::text,
            con.condeferrable, con.condeferred, con.convalidated, con.connoinherit,
            CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
            {nulls_not_distinct}
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_class fc ON fc.oid = con.confrelid
         LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
         LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')
         WHERE con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0
           AND {filter}
         ORDER BY con.conrelid, con.conname",
        filter = user_relations("'r', 'p'"),
    )
}

/// Indexes that do not back a primary key, unique or exclusion constraint, and are not a
/// partition's copy of its parent's index.
///
/// Columns: table oid, name, unique, method, number of key columns, key column names (NULL
/// for expressions), key texts, key options, non-default operator classes, key collations
/// (when not the column's), predicate, valid, storage options, nulls not distinct.
pub(crate) fn indexes(server_version: u32) -> String {
    let nulls_not_distinct = if server_version >= 150_000 {
        "ix.indnullsnotdistinct"
    } else {
        "false"
    };
    format!(
        "SELECT ix.indrelid, ic.relname::text, ix.indisunique, am.amname::text, ix.indnkeyatts,
            ARRAY(SELECT a.attname::text FROM generate_series(1, ix.indnatts::int) k
                  LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]
                  ORDER BY k),
            ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                  FROM generate_series(1, ix.indnatts::int) k ORDER BY k),
            ix.indoption::int2[],
            ARRAY(SELECT CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname::text END
                  FROM generate_series(1, ix.indnkeyatts::int) k
                  JOIN pg_opclass opc ON opc.oid = ix.indclass[k - 1] ORDER BY k),
            ARRAY(SELECT CASE WHEN ix.indcollation[k - 1] = 0
                               OR ix.indcollation[k - 1] = COALESCE(a.attcollation, ix.indcollation[k - 1])
                              THEN NULL ELSE co.collname::text END
                  FROM generate_series(1, ix.indnkeyatts::int) k
                  LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]
                  LEFT JOIN pg_collation co ON co.oid = ix.indcollation[k - 1]
                  ORDER BY k),
            pg_get_expr(ix.indpred, ix.indrelid), ix.indisvalid,
            COALESCE(ic.reloptions, '{{}}')::text[], {nulls_not_distinct}
         FROM pg_index ix
         JOIN pg_class ic ON ic.oid = ix.indexrelid
         JOIN pg_class c ON c.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_am am ON am.oid = ic.relam
         WHERE NOT ic.relispartition
           AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = ix.indexrelid
                           AND x.conrelid = ix.indrelid AND x.contype IN ('p', 'u', 'x'))
           AND {filter}
         ORDER BY ix.indrelid, ic.relname",
        filter = user_relations("'r', 'p'"),
    )
}

/// Views and materialized views.
///
/// Columns: namespace, name, materialized, definition.
pub(crate) fn views() -> String {
    format!(
        "SELECT n.nspname::text, c.relname::text, c.relkind = 'm', pg_get_viewdef(c.oid)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {filter}
         ORDER BY n.nspname, c.relname",
        filter = user_relations("'v', 'm'"),
    )
}

/// Functions and procedures (not aggregates or window functions).
///
/// Columns: namespace, name, identity arguments, result, language, body, procedure.
pub(crate) fn functions() -> String {
    format!(
        "SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),
            CASE WHEN p.prokind = 'p' THEN '' ELSE pg_get_function_result(p.oid) END,
            l.lanname::text, COALESCE(p.prosrc, ''), p.prokind = 'p'
         FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
         JOIN pg_language l ON l.oid = p.prolang
         WHERE n.nspname = ANY($1) AND p.prokind IN ('f', 'p')
           AND {member}
         ORDER BY n.nspname, p.proname, 3",
        member = not_extension_member("pg_proc", "p.oid"),
    )
}

/// Triggers written by users (not the internal ones behind foreign keys, nor a partition's
/// copy of its parent's).
///
/// Columns: table namespace, table, name, definition, enabled.
pub(crate) fn triggers(server_version: u32) -> String {
    let not_cloned = if server_version >= 130_000 {
        "AND t.tgparentid = 0"
    } else {
        ""
    };
    format!(
        "SELECT n.nspname::text, c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid),
            t.tgenabled <> 'D'
         FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE NOT t.tgisinternal {not_cloned}
           AND {filter}
         ORDER BY n.nspname, c.relname, t.tgname",
        filter = user_relations("'r', 'p', 'v', 'm'"),
    )
}
