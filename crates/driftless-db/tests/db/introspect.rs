//! Introspection reads every kind of object into the model, in canonical form.

use driftless_db::{ConnectOptions, Connection, History, introspect};
use driftless_schema::{
    ColumnType, DefaultValue, Deferral, ForeignKeyAction, IndexKey, IndexMethod, NullsOrder,
    QualifiedName, Schema, SortOrder, TypeRef, ViewKind,
};
use driftless_testkit::TestDb;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn read(db: &TestDb, namespaces: &[&str]) -> Schema {
    rt().block_on(async {
        let conn = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        let names: Vec<String> = namespaces.iter().map(|s| s.to_string()).collect();
        introspect(&conn, &names).await.unwrap()
    })
}

fn qn(name: &str) -> QualifiedName {
    QualifiedName::new("public", name)
}

const FEATURES: &str = r#"
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
ALTER TYPE "Role" ADD VALUE 'OWNER' BEFORE 'ADMIN';
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b text);
CREATE TABLE "User" (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) NOT NULL,
    role "Role" NOT NULL DEFAULT 'USER',
    tags TEXT[] NOT NULL DEFAULT '{}',
    created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    score NUMERIC(10, 2) DEFAULT 0,
    name TEXT COLLATE "C",
    lower_email TEXT GENERATED ALWAYS AS (lower(email)) STORED,
    amount positive_int,
    CONSTRAINT "User_email_key" UNIQUE (email),
    CONSTRAINT score_positive CHECK (score >= 0)
);
COMMENT ON TABLE "User" IS 'people';
COMMENT ON COLUMN "User".email IS 'where to write';
CREATE TABLE "Post" (
    id BIGINT GENERATED ALWAYS AS IDENTITY,
    "authorId" INTEGER,
    title TEXT NOT NULL,
    body JSONB,
    CONSTRAINT "Post_pkey" PRIMARY KEY (id),
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"(id)
        ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX "Post_title_key" ON "Post"(title);
CREATE INDEX post_title_trgm ON "Post" USING gin (title gin_trgm_ops);
CREATE INDEX post_partial ON "Post"("authorId" DESC NULLS LAST, lower(title)) INCLUDE (body) WHERE title <> '';
CREATE INDEX post_body ON "Post" USING gin (body jsonb_path_ops) WITH (fastupdate = off);
CREATE SEQUENCE counter START 10 INCREMENT 5 MAXVALUE 1000 CYCLE;
CREATE VIEW active_users AS SELECT id, email FROM "User" WHERE role <> 'USER';
CREATE MATERIALIZED VIEW post_counts AS SELECT "authorId", count(*) AS n FROM "Post" GROUP BY 1;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER post_touch BEFORE UPDATE ON "Post" FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SCHEMA other;
CREATE TABLE other.elsewhere (id int);
"#;

#[test]
fn every_kind_of_object_is_read() {
    let db = TestDb::new("introspect_every_kind");
    db.execute(FEATURES);
    let schema = read(&db, &["public"]);

    // Database-wide extensions, but not plpgsql; their own objects are not the user's.
    let names: Vec<&str> = schema.extensions.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["pg_trgm"]);
    assert!(
        schema.functions.iter().all(|f| f.name.name == "touch"),
        "extension functions leaked: {:?}",
        schema.functions.len()
    );

    let role = schema.enum_(&qn("Role")).unwrap();
    assert_eq!(role.values, ["USER", "OWNER", "ADMIN"]);
    let domain = &schema.domains[0];
    assert_eq!(domain.name, qn("positive_int"));
    assert!(domain.not_null);
    assert_eq!(domain.default, Some(DefaultValue::Literal("1".into())));
    assert_eq!(
        domain.checks,
        [("positive".to_string(), "value > 0".to_string())]
    );
    assert_eq!(schema.other_types[0].definition, "AS (a integer, b text)");

    let user = schema.table(&qn("User")).unwrap();
    let column = |name: &str| user.column(name).unwrap();
    assert_eq!(
        column("id").default,
        Some(DefaultValue::Sequence(qn("User_id_seq")))
    );
    assert_eq!(
        column("email").r#type,
        ColumnType::builtin("character varying(255)")
    );
    assert_eq!(column("email").comment.as_deref(), Some("where to write"));
    assert_eq!(column("role").r#type, ColumnType::user(qn("Role")));
    assert_eq!(
        column("role").default,
        Some(DefaultValue::Literal("USER".into()))
    );
    assert_eq!(
        column("tags").r#type,
        ColumnType::builtin("text").into_array()
    );
    assert_eq!(
        column("tags").default,
        Some(DefaultValue::Array(Vec::new()))
    );
    assert_eq!(
        column("created").r#type,
        ColumnType::builtin("timestamp(3) without time zone")
    );
    assert_eq!(column("created").default, Some(DefaultValue::Now));
    assert_eq!(column("score").r#type, ColumnType::builtin("numeric(10,2)"));
    assert_eq!(column("name").collation.as_deref(), Some("C"));
    assert!(column("name").nullable);
    let generated = column("lower_email").generated.as_ref().unwrap();
    assert!(generated.stored);
    assert_eq!(generated.expression, "lower(email)");
    assert_eq!(
        column("amount").r#type.base,
        TypeRef::User(qn("positive_int"))
    );
    assert_eq!(user.comment.as_deref(), Some("people"));
    assert_eq!(user.primary_key.as_ref().unwrap().name, "User_pkey");
    // A UNIQUE constraint stays a constraint…
    assert_eq!(user.unique_constraints[0].name, "User_email_key");
    assert!(user.indexes.is_empty());
    assert_eq!(user.checks[0].name, "score_positive");
    assert_eq!(user.checks[0].expression, "score >= 0");

    let post = schema.table(&qn("Post")).unwrap();
    let id = post.column("id").unwrap();
    assert!(id.identity.as_ref().unwrap().always);
    assert_eq!(id.default, None);
    let fk = &post.foreign_keys[0];
    assert_eq!(fk.referenced_table, qn("User"));
    assert_eq!(fk.referenced_columns, ["id"]);
    assert_eq!(fk.on_delete, ForeignKeyAction::SetNull);
    assert_eq!(fk.on_update, ForeignKeyAction::Cascade);
    assert_eq!(fk.deferral, Deferral::DeferrableInitiallyDeferred);
    // …and a unique index stays an index.
    let unique = post.index("Post_title_key").unwrap();
    assert!(unique.unique);
    let trgm = post.index("post_title_trgm").unwrap();
    assert_eq!(trgm.method, IndexMethod::Gin);
    assert_eq!(trgm.columns[0].opclass.as_deref(), Some("gin_trgm_ops"));
    let partial = post.index("post_partial").unwrap();
    assert_eq!(partial.columns[0].sort, SortOrder::Desc);
    assert_eq!(partial.columns[0].nulls, NullsOrder::Last);
    assert_eq!(
        partial.columns[1].key,
        IndexKey::Expression("lower(title)".into())
    );
    assert_eq!(partial.include, ["body"]);
    assert_eq!(partial.predicate.as_deref(), Some("title <> ''"));
    let body = post.index("post_body").unwrap();
    assert_eq!(body.columns[0].opclass.as_deref(), Some("jsonb_path_ops"));
    assert_eq!(body.storage, ["fastupdate=off"]);

    // Serial sequences are owned by their column; identity sequences are not listed.
    let sequences: Vec<&str> = schema
        .sequences
        .iter()
        .map(|s| s.name.name.as_str())
        .collect();
    assert_eq!(sequences, ["User_id_seq", "counter"]);
    let serial = schema.sequence(&qn("User_id_seq")).unwrap();
    assert_eq!(serial.owned_by, Some((qn("User"), "id".to_string())));
    assert_eq!(serial.max_value, i64::from(i32::MAX));
    let counter = schema.sequence(&qn("counter")).unwrap();
    assert_eq!(
        (counter.start, counter.increment, counter.max_value),
        (10, 5, 1000)
    );
    assert!(counter.cycle);

    assert_eq!(
        schema.view(&qn("active_users")).unwrap().kind,
        ViewKind::View
    );
    assert_eq!(
        schema.view(&qn("post_counts")).unwrap().kind,
        ViewKind::Materialized
    );
    let touch = &schema.functions[0];
    assert_eq!(
        (touch.returns.as_str(), touch.language.as_str()),
        ("trigger", "plpgsql")
    );
    assert_eq!(touch.body, " BEGIN RETURN NEW; END ");
    assert_eq!(schema.triggers[0].name, "post_touch");
    assert!(schema.triggers[0].enabled);

    // Only the managed namespace.
    assert!(schema.tables.iter().all(|t| t.name.schema == "public"));
    let both = read(&db, &["public", "other"]);
    assert!(
        both.table(&QualifiedName::new("other", "elsewhere"))
            .is_some()
    );
}

#[test]
fn the_history_table_is_never_part_of_the_schema() {
    let db = TestDb::new("introspect_no_history");
    rt().block_on(async {
        let conn = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .unwrap();
        History::new("public").ensure(&conn).await.unwrap();
        let schema = introspect(&conn, &["public".to_string()]).await.unwrap();
        assert!(schema.is_empty(), "{schema:?}");
    });
}

#[test]
fn reading_a_database_twice_gives_the_same_model() {
    let db = TestDb::new("introspect_twice");
    db.execute(FEATURES);
    assert_eq!(read(&db, &["public"]), read(&db, &["public"]));
}
