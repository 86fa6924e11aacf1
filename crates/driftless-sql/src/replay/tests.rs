//! Unit tests of the replay, one group per statement kind (no database needed; the
//! equivalence with introspection is tested on a real server in the engine's tests).

use driftless_schema::{
    ColumnType, DefaultValue, Deferral, ForeignKeyAction, IndexKey, IndexMethod, NullsOrder,
    QualifiedName, Schema, SortOrder, TypeRef,
};

use super::{DoubtKind, Replay, ReplayOptions, replay_history};

fn replay(scripts: &[&str]) -> Replay {
    let named: Vec<(String, &str)> = scripts
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("m{i}"), *s))
        .collect();
    replay_history(
        Schema::default(),
        named.iter().map(|(n, s)| (n.as_str(), *s)),
        &ReplayOptions::new("public"),
    )
}

fn sure(scripts: &[&str]) -> Schema {
    let result = replay(scripts);
    assert!(result.is_sure(), "{:?}", result.first_open_doubt());
    result.schema
}

fn q(name: &str) -> QualifiedName {
    QualifiedName::new("public", name)
}

#[test]
fn create_table_with_prisma_layout() {
    let schema = sure(&[r#"-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
"#]);
    let user = schema.table(&q("User")).unwrap();
    assert_eq!(user.columns.len(), 5);
    assert_eq!(
        user.columns[0].default,
        Some(DefaultValue::Sequence(q("User_id_seq")))
    );
    assert_eq!(user.columns[2].r#type, ColumnType::user(q("Role")));
    assert_eq!(
        user.columns[2].default,
        Some(DefaultValue::Literal("USER".into()))
    );
    assert_eq!(user.columns[3].default, Some(DefaultValue::Now));
    assert_eq!(
        user.columns[3].r#type,
        ColumnType::builtin("timestamp(3) without time zone")
    );
    assert_eq!(user.primary_key.as_ref().unwrap().columns, ["id"]);
    assert!(user.index("User_email_key").unwrap().unique);
    let sequence = schema.sequence(&q("User_id_seq")).unwrap();
    assert_eq!(sequence.data_type, "integer");
    assert_eq!(sequence.owned_by, Some((q("User"), "id".to_string())));
}

#[test]
fn unnamed_constraints_get_postgres_names() {
    let schema = sure(&[
        "CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE, n int CHECK (n > 0), CHECK (n < 10 AND code <> ''));\nCREATE TABLE b (id bigserial primary key, a_id int REFERENCES a ON DELETE CASCADE, UNIQUE (a_id, id));\nCREATE INDEX ON b (a_id);\nCREATE INDEX ON b (lower(a_id::text));",
    ]);
    let a = schema.table(&q("a")).unwrap();
    assert_eq!(a.primary_key.as_ref().unwrap().name, "a_pkey");
    assert_eq!(a.unique_constraints[0].name, "a_code_key");
    let checks: Vec<&str> = a.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(checks, ["a_check", "a_n_check"]);
    let b = schema.table(&q("b")).unwrap();
    assert_eq!(b.foreign_keys[0].name, "b_a_id_fkey");
    assert_eq!(b.foreign_keys[0].referenced_columns, ["id"]);
    assert_eq!(b.foreign_keys[0].on_delete, ForeignKeyAction::Cascade);
    assert_eq!(b.unique_constraints[0].name, "b_a_id_id_key");
    let indexes: Vec<&str> = b.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(indexes, ["b_a_id_idx", "b_lower_idx"]);
    assert!(schema.sequence(&q("b_id_seq")).is_some());
}

#[test]
fn alter_table_subcommands() {
    let schema = sure(&[
        "CREATE TABLE t (id int NOT NULL, a text, b varchar(10), CONSTRAINT t_pkey PRIMARY KEY (id));",
        "ALTER TABLE t ADD COLUMN c integer DEFAULT 0 NOT NULL, ALTER COLUMN a SET NOT NULL, ALTER COLUMN b TYPE text, ALTER COLUMN b SET DEFAULT 'x', DROP COLUMN IF EXISTS zzz;\nALTER TABLE t ADD CONSTRAINT t_c_check CHECK (c >= 0) NOT VALID;\nALTER TABLE IF EXISTS nothing ADD COLUMN x int;",
        "ALTER TABLE t ALTER COLUMN a DROP NOT NULL, ALTER COLUMN c DROP DEFAULT; ALTER TABLE t VALIDATE CONSTRAINT t_c_check; ALTER TABLE t ENABLE ROW LEVEL SECURITY;",
    ]);
    let t = schema.table(&q("t")).unwrap();
    assert!(t.column("a").unwrap().nullable);
    assert_eq!(t.column("b").unwrap().r#type, ColumnType::builtin("text"));
    assert_eq!(
        t.column("b").unwrap().default,
        Some(DefaultValue::Literal("x".into()))
    );
    assert_eq!(t.column("c").unwrap().default, None);
    assert!(!t.column("c").unwrap().nullable);
    assert!(t.checks[0].validated);
    assert!(t.row_level_security);
}

#[test]
fn foreign_keys_with_actions_deferral_and_not_valid() {
    let schema = sure(&[
        "CREATE TABLE p (id text PRIMARY KEY); CREATE TABLE c (id text, p_id text);",
        "ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID;",
    ]);
    let fk = &schema.table(&q("c")).unwrap().foreign_keys[0];
    assert_eq!(fk.on_delete, ForeignKeyAction::SetNull);
    assert_eq!(fk.on_update, ForeignKeyAction::Cascade);
    assert_eq!(fk.deferral, Deferral::DeferrableInitiallyDeferred);
    assert!(!fk.validated);
    let schema = sure(&[
        "CREATE TABLE p (id text PRIMARY KEY); CREATE TABLE c (id text, p_id text REFERENCES p);",
        "ALTER TABLE c DROP CONSTRAINT c_p_id_fkey; ALTER TABLE c DROP CONSTRAINT IF EXISTS nope;",
    ]);
    assert!(schema.table(&q("c")).unwrap().foreign_keys.is_empty());
}

#[test]
fn indexes_with_every_option() {
    let schema = sure(&[
        "CREATE TABLE t (id int, name text, data jsonb, created timestamp);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t USING gin (data jsonb_path_ops);\nCREATE UNIQUE INDEX t_b ON t (lower(name) text_pattern_ops DESC NULLS LAST, id) INCLUDE (created) WITH (fillfactor = 90) WHERE (created IS NULL);\nCREATE INDEX t_c ON t USING hash (name);\nCREATE INDEX t_d ON t (id NULLS FIRST, created DESC);\nCREATE INDEX t_e ON t USING btree (name text_ops);",
    ]);
    let t = schema.table(&q("t")).unwrap();
    let a = t.index("t_a").unwrap();
    assert_eq!(a.method, IndexMethod::Gin);
    assert_eq!(a.columns[0].opclass.as_deref(), Some("jsonb_path_ops"));
    let b = t.index("t_b").unwrap();
    assert!(b.unique);
    assert_eq!(b.columns[0].key, IndexKey::Expression("lower(name)".into()));
    assert_eq!(b.columns[0].sort, SortOrder::Desc);
    assert_eq!(b.columns[0].nulls, NullsOrder::Last);
    assert_eq!(b.include, ["created"]);
    assert_eq!(b.storage, ["fillfactor=90"]);
    assert_eq!(b.predicate.as_deref(), Some("created IS NULL"));
    assert_eq!(t.index("t_c").unwrap().method, IndexMethod::Hash);
    let d = t.index("t_d").unwrap();
    assert_eq!(d.columns[0].nulls, NullsOrder::First);
    assert_eq!(d.columns[1].nulls, NullsOrder::Default);
    assert_eq!(t.index("t_e").unwrap().columns[0].opclass, None);
    let schema = sure(&[
        "CREATE TABLE t (id int); CREATE INDEX i ON t (id);",
        "ALTER INDEX i RENAME TO j; DROP INDEX IF EXISTS nope; ALTER INDEX j SET (fillfactor = 70);",
    ]);
    let t = schema.table(&q("t")).unwrap();
    assert_eq!(t.index("j").unwrap().storage, ["fillfactor=70"]);
}

#[test]
fn enums_evolve_and_are_recreated_the_prisma_way() {
    let schema = sure(&[
        "CREATE TYPE \"S\" AS ENUM ('a', 'c'); CREATE TABLE t (s \"S\" NOT NULL DEFAULT 'a', l \"S\"[]);",
        "ALTER TYPE \"S\" ADD VALUE 'b' BEFORE 'c'; ALTER TYPE \"S\" ADD VALUE IF NOT EXISTS 'a'; ALTER TYPE \"S\" ADD VALUE 'd' AFTER 'c'; ALTER TYPE \"S\" RENAME VALUE 'd' TO 'e';",
        "BEGIN;\nCREATE TYPE \"S_new\" AS ENUM ('a', 'b');\nALTER TABLE t ALTER COLUMN s DROP DEFAULT;\nALTER TABLE t ALTER COLUMN s TYPE \"S_new\" USING (s::text::\"S_new\");\nALTER TABLE t ALTER COLUMN l TYPE \"S_new\"[] USING (l::text::\"S_new\"[]);\nALTER TYPE \"S\" RENAME TO \"S_old\";\nALTER TYPE \"S_new\" RENAME TO \"S\";\nDROP TYPE \"S_old\";\nALTER TABLE t ALTER COLUMN s SET DEFAULT 'a';\nCOMMIT;",
    ]);
    assert_eq!(schema.enums.len(), 1);
    assert_eq!(schema.enums[0].values, ["a", "b"]);
    let t = schema.table(&q("t")).unwrap();
    assert_eq!(t.columns[0].r#type, ColumnType::user(q("S")));
    assert_eq!(t.columns[1].r#type, ColumnType::user(q("S")).into_array());
    let two = sure(&[
        "CREATE TYPE e AS ENUM ('x'); ALTER TYPE e ADD VALUE 'y'; ALTER TYPE e ADD VALUE 'w' BEFORE 'x'; ALTER TYPE e RENAME VALUE 'y' TO 'z';",
    ]);
    assert_eq!(two.enums[0].values, ["w", "x", "z"]);
}

#[test]
fn renames_follow_every_reference() {
    let schema = sure(&[
        "CREATE TABLE a (id serial PRIMARY KEY, n int CHECK (n > 0)); CREATE TABLE b (id int, a_id int REFERENCES a(id)); CREATE INDEX b_a ON b (a_id) WHERE a_id > 0;",
        "ALTER TABLE a RENAME TO aa; ALTER TABLE aa RENAME COLUMN id TO key; ALTER TABLE b RENAME COLUMN a_id TO aa_id; ALTER TABLE aa RENAME CONSTRAINT a_pkey TO aa_pkey; ALTER TABLE b RENAME CONSTRAINT b_a_id_fkey TO b_aa_fkey;",
        "ALTER SEQUENCE a_id_seq RENAME TO aa_key_seq;",
    ]);
    let aa = schema.table(&q("aa")).unwrap();
    assert_eq!(aa.primary_key.as_ref().unwrap().name, "aa_pkey");
    assert_eq!(aa.primary_key.as_ref().unwrap().columns, ["key"]);
    assert_eq!(
        aa.columns[0].default,
        Some(DefaultValue::Sequence(q("aa_key_seq")))
    );
    let b = schema.table(&q("b")).unwrap();
    let fk = &b.foreign_keys[0];
    assert_eq!(fk.name, "b_aa_fkey");
    assert_eq!(fk.referenced_table, q("aa"));
    assert_eq!(fk.referenced_columns, ["key"]);
    assert_eq!(fk.columns, ["aa_id"]);
    assert_eq!(
        b.indexes[0].columns[0].key,
        IndexKey::Column("aa_id".into())
    );
    assert_eq!(b.indexes[0].predicate.as_deref(), Some("aa_id > 0"));
    assert_eq!(
        schema.sequence(&q("aa_key_seq")).unwrap().owned_by,
        Some((q("aa"), "key".to_string()))
    );
}

#[test]
fn drops_take_their_dependents_along() {
    let schema = sure(&[
        "CREATE TABLE a (id serial PRIMARY KEY, x int); CREATE TABLE b (id int, a_id int, CONSTRAINT b_fk FOREIGN KEY (a_id) REFERENCES a(id)); CREATE INDEX b_i ON b (a_id, id);",
        "ALTER TABLE b DROP COLUMN a_id;",
        "DROP TABLE a;",
    ]);
    let b = schema.table(&q("b")).unwrap();
    assert!(b.foreign_keys.is_empty());
    assert!(b.indexes.is_empty());
    assert!(schema.sequences.is_empty());
    assert!(schema.table(&q("a")).is_none());
    let cascade = sure(&[
        "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a);",
        "DROP TABLE a CASCADE; DROP TABLE IF EXISTS nothing;",
    ]);
    assert!(cascade.table(&q("b")).unwrap().foreign_keys.is_empty());
}

#[test]
fn errors_postgres_would_raise_make_the_replay_unsure() {
    for (scripts, needle) in [
        (
            vec!["CREATE TABLE a (id int);", "CREATE TABLE a (id int);"],
            "already exists",
        ),
        (vec!["DROP TABLE a;"], "does not exist"),
        (
            vec!["CREATE TABLE a (id int); ALTER TABLE a DROP COLUMN b;"],
            "does not exist",
        ),
        (
            vec![
                "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (x int REFERENCES a);",
                "DROP TABLE a;",
            ],
            "depend",
        ),
        (
            vec!["CREATE TYPE e AS ENUM ('a'); ALTER TYPE e ADD VALUE 'a';"],
            "already exists",
        ),
        (vec!["CREATE INDEX i ON nope (x);"], "does not exist"),
    ] {
        let result = replay(&scripts);
        assert!(!result.is_sure(), "{scripts:?}");
        let (_, doubt) = result.open_doubts().next().unwrap();
        assert_eq!(doubt.kind, DoubtKind::WouldFail);
        assert!(doubt.reason.contains(needle), "{}", doubt.reason);
    }
}

#[test]
fn temporary_tables_are_not_part_of_the_schema() {
    let result = replay(&[
        "CREATE TEMPORARY TABLE tmp AS SELECT 1 AS x;\nCREATE UNIQUE INDEX ON tmp (x);\nALTER TABLE tmp ADD COLUMN y int;\nDROP TABLE tmp;\nCREATE TEMP TABLE t2 (id int) ON COMMIT DROP;",
    ]);
    assert!(result.is_sure(), "{:?}", result.first_open_doubt());
    assert!(result.schema.tables.is_empty());
}

#[test]
fn data_statements_and_settings_are_skipped() {
    let result = replay(&[
        "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nUPDATE t SET id = 2;\nDELETE FROM t;\nSELECT count(*) FROM t;\nGRANT SELECT ON t TO public;\nANALYZE t;\nSET lock_timeout = '5s';\nVACUUM t;",
    ]);
    assert!(result.is_sure());
    assert_eq!(result.migrations[0].statements, 9);
    assert_eq!(result.migrations[0].skipped, 8);
}

#[test]
fn do_blocks_are_read_with_plpgsql() {
    // Data only: sure.
    let result = replay(&[
        "CREATE TABLE t (id int, v text);",
        "DO $$ DECLARE r RECORD; BEGIN FOR r IN SELECT id FROM t LOOP UPDATE t SET v = 'x' WHERE id = r.id; END LOOP; END $$;",
    ]);
    assert!(result.is_sure(), "{:?}", result.first_open_doubt());
    // Unconditional DDL is applied; catalog conditions are answered from the model.
    let schema = sure(&[
        "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int);",
        "DO $$ BEGIN ALTER TABLE c ADD COLUMN extra text; IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'c_p_fkey') THEN ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p_id) REFERENCES p(id); END IF; END $$;",
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE table_name = 'c' AND constraint_name = 'c_p_fkey') THEN ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p_id) REFERENCES p(id); END IF; END $$;",
    ]);
    let c = schema.table(&q("c")).unwrap();
    assert!(c.column("extra").is_some());
    assert_eq!(c.foreign_keys.len(), 1);
    // Dynamic SQL, or DDL under a condition on data: unsure.
    for block in [
        "DO $$ BEGIN EXECUTE 'CREATE TABLE x (id int)'; END $$;",
        "DO $$ BEGIN IF (SELECT count(*) FROM t) > 0 THEN ALTER TABLE t ADD COLUMN y int; END IF; END $$;",
    ] {
        let result = replay(&["CREATE TABLE t (id int);", block]);
        assert!(!result.is_sure(), "{block}");
        assert_eq!(
            result.open_doubts().next().unwrap().1.kind,
            DoubtKind::Dynamic
        );
    }
}

#[test]
fn functions_called_at_migration_time() {
    let neutral = replay(&[
        "CREATE TABLE t (id text);\nCREATE FUNCTION gen() RETURNS text AS $$ BEGIN RETURN md5(random()::text); END; $$ LANGUAGE plpgsql;\nINSERT INTO t SELECT gen();",
    ]);
    assert!(neutral.is_sure(), "{:?}", neutral.first_open_doubt());
    let ddl = replay(&[
        "CREATE FUNCTION make() RETURNS void AS $$ BEGIN EXECUTE 'CREATE TABLE x ()'; END; $$ LANGUAGE plpgsql;\nSELECT make();",
    ]);
    assert!(!ddl.is_sure());
}

#[test]
fn functions_and_triggers_print_like_the_catalog() {
    let schema = sure(&[
        "CREATE TABLE t (id int, request jsonb);\nCREATE OR REPLACE FUNCTION nanoid(size int DEFAULT 21, alphabet text DEFAULT 'abc')\nRETURNS text AS $$ BEGIN RETURN 'x'; END; $$ LANGUAGE plpgsql VOLATILE;\nCREATE FUNCTION sync() RETURNS TRIGGER AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql;\nCREATE TRIGGER trg BEFORE INSERT OR UPDATE OF request ON t FOR EACH ROW EXECUTE FUNCTION sync();",
    ]);
    let nanoid = schema
        .functions
        .iter()
        .find(|f| f.name.name == "nanoid")
        .unwrap();
    assert_eq!(nanoid.arguments, "size integer, alphabet text");
    assert_eq!(nanoid.returns, "text");
    assert_eq!(nanoid.language, "plpgsql");
    assert_eq!(nanoid.body, " BEGIN RETURN 'x'; END; ");
    assert_eq!(
        schema.triggers[0].definition,
        "CREATE TRIGGER trg BEFORE INSERT OR UPDATE OF request ON public.t FOR EACH ROW EXECUTE FUNCTION sync()"
    );
    let dropped = sure(&[
        "CREATE FUNCTION f(a int) RETURNS int AS 'select a' LANGUAGE sql; CREATE FUNCTION f(a text) RETURNS int AS 'select 1' LANGUAGE sql;",
        "DROP FUNCTION f(integer); DROP FUNCTION IF EXISTS g();",
    ]);
    assert_eq!(dropped.functions.len(), 1);
    assert_eq!(dropped.functions[0].arguments, "a text");
}

#[test]
fn views_are_unsure_until_dropped() {
    let result = replay(&[
        "CREATE TABLE t (id int);",
        "CREATE VIEW v AS SELECT id FROM t;",
        "CREATE OR REPLACE VIEW v AS SELECT id, 1 AS one FROM t;",
    ]);
    assert!(!result.is_sure());
    assert_eq!(
        result.open_doubts().next().unwrap().1.kind,
        DoubtKind::Approximate
    );
    let result = replay(&[
        "CREATE TABLE t (id int);",
        "CREATE VIEW v AS SELECT id FROM t;",
        "DROP VIEW v;",
    ]);
    assert!(result.is_sure());
    assert_eq!(
        result.migrations[1].doubts[0].resolved_by.as_deref(),
        Some("m2")
    );
}

#[test]
fn search_path_schemas_extensions_and_comments() {
    let mut options = ReplayOptions::new("public");
    options.namespaces = vec!["public".into(), "app".into()];
    options
        .extension_versions
        .insert("pgcrypto".into(), "1.3".into());
    let result = replay_history(
        Schema::default(),
        [(
            "m0",
            "CREATE SCHEMA IF NOT EXISTS app;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\nSET search_path TO app;\nCREATE TABLE t (id uuid DEFAULT gen_random_uuid());\nCOMMENT ON TABLE t IS 'hello';\nCOMMENT ON COLUMN app.t.id IS 'key';\nCREATE TABLE public.u (id int);\nCREATE SCHEMA other; CREATE TABLE other.x (id int);",
        )],
        &options,
    );
    assert!(result.is_sure(), "{:?}", result.first_open_doubt());
    let schema = result.schema;
    assert_eq!(schema.namespaces, ["app", "public"]);
    let t = schema.table(&QualifiedName::new("app", "t")).unwrap();
    assert_eq!(t.comment.as_deref(), Some("hello"));
    assert_eq!(t.columns[0].comment.as_deref(), Some("key"));
    assert!(schema.table(&q("u")).is_some());
    assert_eq!(schema.tables.len(), 2, "other.x is not managed");
    assert_eq!(schema.extensions[0].version.as_deref(), Some("1.3"));
    assert_eq!(schema.extensions[0].schema.as_deref(), Some("public"));
}

#[test]
fn sequences_identity_and_domains() {
    let schema = sure(&[
        "CREATE SEQUENCE s AS integer START 10 INCREMENT BY 5 CACHE 2;\nCREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY, n int DEFAULT nextval('s'));\nALTER SEQUENCE s OWNED BY t.n;\nALTER SEQUENCE s MAXVALUE 1000;\nCREATE DOMAIN pos AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0);",
    ]);
    let s = schema.sequence(&q("s")).unwrap();
    assert_eq!(
        (s.start, s.increment, s.cache, s.max_value, s.min_value),
        (10, 5, 2, 1000, 1)
    );
    assert_eq!(s.owned_by, Some((q("t"), "n".to_string())));
    let t = schema.table(&q("t")).unwrap();
    assert!(t.columns[0].identity.is_some());
    assert!(!t.columns[0].nullable);
    assert_eq!(t.columns[1].default, Some(DefaultValue::Sequence(q("s"))));
    assert_eq!(schema.domains[0].checks[0].0, "pos_check");
    assert_eq!(
        schema.domains[0].base.base,
        TypeRef::Builtin("integer".into())
    );
}

#[test]
fn nothing_panics_on_odd_input() {
    for script in [
        "",
        "-- only a comment",
        "CREATE TABLE (;",
        "ALTER TABLE ONLY x RENAME TO y;",
        "BEGIN; CREATE TABLE t (id int); ROLLBACK;",
        "DO $$ $$;",
        "DO LANGUAGE sql $$ select 1 $$;",
        "CREATE TABLE t (a int, a int);",
        "CREATE TABLE t (id int REFERENCES t);",
        "ALTER TABLE t ADD PRIMARY KEY (nope);",
        "CREATE TABLE p (x int) PARTITION BY RANGE (x); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10);",
        "DROP SCHEMA public CASCADE; CREATE TABLE t (id int);",
        "\u{feff}CREATE TABLE \"é\" (\"ü\" int);",
    ] {
        let _ = replay(&[script]);
    }
}
