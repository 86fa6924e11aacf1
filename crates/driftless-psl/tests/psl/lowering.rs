//! One test per lowering convention: the model `lower` builds is what Prisma 7.10's
//! `migrate diff --from-empty` creates (each expectation was read off Prisma's SQL applied to
//! PostgreSQL 15).

use driftless_psl::{lower, parse_str};
use driftless_schema::{
    ColumnType, DefaultValue, ForeignKeyAction, IndexKey, IndexMethod, QualifiedName, Schema,
    SortOrder, TypeRef,
};

fn lower_ok(models: &str) -> Schema {
    let text = format!("datasource db {{\n  provider = \"postgresql\"\n}}\n\n{models}");
    lower_text_ok(&text)
}

fn lower_text_ok(text: &str) -> Schema {
    let parsed = parse_str("schema.prisma", text);
    let (schema, diagnostics) = lower(&parsed);
    assert!(
        !diagnostics.has_errors(),
        "{}",
        driftless_diagnostics::render_all(
            &diagnostics,
            &parsed.sources,
            driftless_diagnostics::Style::plain()
        )
    );
    schema
}

fn public(name: &str) -> QualifiedName {
    QualifiedName::new("public", name)
}

fn column_type(schema: &Schema, table: &str, column: &str) -> ColumnType {
    schema
        .table(&public(table))
        .and_then(|t| t.column(column))
        .map(|c| c.r#type.clone())
        .unwrap_or_else(|| panic!("no column {table}.{column}"))
}

#[test]
fn scalar_types_get_prismas_default_column_types() {
    let schema = lower_ok(
        "model A {\n  id Int @id\n  s String\n  b Boolean\n  big BigInt\n  f Float\n  d Decimal\n  t DateTime\n  j Json\n  by Bytes\n}\n",
    );
    for (column, expected) in [
        ("id", "integer"),
        ("s", "text"),
        ("b", "boolean"),
        ("big", "bigint"),
        ("f", "double precision"),
        ("d", "numeric(65,30)"),
        ("t", "timestamp(3) without time zone"),
        ("j", "jsonb"),
        ("by", "bytea"),
    ] {
        assert_eq!(
            column_type(&schema, "A", column),
            ColumnType::builtin(expected),
            "{column}"
        );
    }
}

#[test]
fn native_types_use_format_type_names_and_citext_is_a_user_type() {
    let schema = lower_ok(
        "model A {\n  id Int @id @db.SmallInt\n  v String @db.VarChar(255)\n  c String @db.Char\n  ts DateTime @db.Timestamptz(6)\n  t DateTime @db.Time\n  n Decimal @db.Decimal(10, 2)\n  ci String @db.Citext\n  tags String[] @db.VarChar(32)\n}\n",
    );
    assert_eq!(
        column_type(&schema, "A", "id"),
        ColumnType::builtin("smallint")
    );
    assert_eq!(
        column_type(&schema, "A", "v"),
        ColumnType::builtin("character varying(255)")
    );
    assert_eq!(
        column_type(&schema, "A", "c"),
        ColumnType::builtin("character(1)")
    );
    assert_eq!(
        column_type(&schema, "A", "ts"),
        ColumnType::builtin("timestamp(6) with time zone")
    );
    assert_eq!(
        column_type(&schema, "A", "t"),
        ColumnType::builtin("time without time zone")
    );
    assert_eq!(
        column_type(&schema, "A", "n"),
        ColumnType::builtin("numeric(10,2)")
    );
    assert_eq!(
        column_type(&schema, "A", "ci"),
        ColumnType::user(public("citext"))
    );
    assert_eq!(
        column_type(&schema, "A", "tags"),
        ColumnType::builtin("character varying(32)").into_array()
    );
}

#[test]
fn optional_and_list_fields_are_nullable() {
    let schema = lower_ok("model A {\n  id Int @id\n  o String?\n  l Int[]\n  r String\n}\n");
    let table = schema.table(&public("A")).unwrap();
    assert!(table.column("o").unwrap().nullable);
    assert!(
        table.column("l").unwrap().nullable,
        "Prisma creates list columns without NOT NULL"
    );
    assert!(!table.column("r").unwrap().nullable);
}

#[test]
fn map_renames_tables_and_columns_and_keeps_declaration_order() {
    let schema = lower_ok(
        "model Zed {\n  id Int @id @map(\"zed_id\")\n  b String @map(\"bee\")\n  a String\n  @@map(\"zeds\")\n}\n\nmodel Alpha {\n  id Int @id\n}\n",
    );
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.name.as_str()).collect();
    assert_eq!(names, ["zeds", "Alpha"]);
    let table = schema.table(&public("zeds")).unwrap();
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(columns, ["zed_id", "bee", "a"]);
    assert_eq!(table.primary_key.as_ref().unwrap().name, "zeds_pkey");
}

#[test]
fn autoincrement_makes_a_serial_sequence_owned_by_the_column() {
    let schema = lower_ok(
        "model A {\n  id Int @id @default(autoincrement())\n  big BigInt @default(autoincrement())\n  small Int @default(autoincrement()) @db.SmallInt\n}\n",
    );
    let table = schema.table(&public("A")).unwrap();
    assert_eq!(
        table.column("id").unwrap().default,
        Some(DefaultValue::Sequence(public("A_id_seq")))
    );
    let types: Vec<(&str, &str)> = schema
        .sequences
        .iter()
        .map(|s| (s.name.name.as_str(), s.data_type.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("A_id_seq", "integer"),
            ("A_big_seq", "bigint"),
            ("A_small_seq", "smallint")
        ]
    );
    assert_eq!(
        schema.sequences[0].owned_by,
        Some((public("A"), "id".to_string()))
    );
}

#[test]
fn defaults_become_literals_now_expressions_or_nothing() {
    let schema = lower_ok(
        "enum Role {\n  USER\n  ADMIN @map(\"admin\")\n}\n\nmodel A {\n  id String @id @default(cuid())\n  n Int @default(-42)\n  s String @default(\"it's\")\n  b Boolean @default(true)\n  at DateTime @default(now())\n  up DateTime @updatedAt\n  dt DateTime @default(\"2020-01-02T03:04:05.678Z\")\n  by Bytes @default(\"aGVsbG8=\")\n  r Role @default(ADMIN)\n  g String @default(dbgenerated(\"gen_random_uuid()\"))\n  none Int? @default(dbgenerated())\n  list Int[] @default([1, 2])\n  u String @default(uuid(7))\n}\n",
    );
    let table = schema.table(&public("A")).unwrap();
    let default = |c: &str| table.column(c).unwrap().default.clone();
    assert_eq!(default("id"), None);
    assert_eq!(default("n"), Some(DefaultValue::Literal("-42".into())));
    assert_eq!(default("s"), Some(DefaultValue::Literal("it's".into())));
    assert_eq!(default("b"), Some(DefaultValue::Literal("true".into())));
    assert_eq!(default("at"), Some(DefaultValue::Now));
    assert_eq!(default("up"), None);
    assert_eq!(
        default("dt"),
        Some(DefaultValue::Literal(
            "2020-01-02 03:04:05.678 +00:00".into()
        ))
    );
    assert_eq!(
        default("by"),
        Some(DefaultValue::Literal("\\x68656c6c6f".into()))
    );
    assert_eq!(default("r"), Some(DefaultValue::Literal("admin".into())));
    assert_eq!(
        default("g"),
        Some(DefaultValue::Expression("gen_random_uuid()".into()))
    );
    assert_eq!(default("none"), None);
    assert_eq!(
        default("list"),
        Some(DefaultValue::Array(vec![
            DefaultValue::Literal("1".into()),
            DefaultValue::Literal("2".into())
        ]))
    );
    assert_eq!(default("u"), None);
}

#[test]
fn enums_live_in_public_with_mapped_names_and_values() {
    let schema = lower_ok(
        "enum Status {\n  DRAFT\n  DONE @map(\"done\")\n  @@map(\"status\")\n}\n\nmodel A {\n  id Int @id\n  s Status\n}\n",
    );
    assert_eq!(schema.enums[0].name, public("status"));
    assert_eq!(schema.enums[0].values, ["DRAFT", "done"]);
    assert_eq!(
        column_type(&schema, "A", "s"),
        ColumnType::user(public("status"))
    );
}

#[test]
fn unique_attributes_become_unique_indexes_with_prisma_names() {
    let schema = lower_ok(
        "model U {\n  id Int @id\n  email String @unique\n  a Int\n  b Int\n  c Int\n  @@index([c])\n  @@unique([a, b])\n  @@unique([b, c], name: \"client\", map: \"bc\")\n}\n",
    );
    let table = schema.table(&public("U")).unwrap();
    assert!(
        table.unique_constraints.is_empty(),
        "Prisma creates unique indexes, not constraints"
    );
    let names: Vec<(&str, bool)> = table
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.unique))
        .collect();
    // Prisma's order: field-level uniques, then @@index, then @@unique.
    assert_eq!(
        names,
        [
            ("U_email_key", true),
            ("U_c_idx", false),
            ("U_a_b_key", true),
            ("bc", true)
        ]
    );
}

#[test]
fn index_arguments_set_method_sort_and_operator_classes() {
    let schema = lower_ok(
        "model I {\n  id Int @id\n  a Int\n  j Json\n  t String\n  n Int\n  @@index([a(sort: Desc)], name: \"legacy_name\")\n  @@index([j(ops: JsonbPathOps)], type: Gin)\n  @@index([t(ops: raw(\"gin_trgm_ops\"))], type: Gin, map: \"trgm\")\n  @@index([n(ops: Int4MinMaxOps)], type: Brin)\n}\n",
    );
    let table = schema.table(&public("I")).unwrap();
    let legacy = table.index("legacy_name").unwrap();
    assert_eq!(legacy.columns[0].sort, SortOrder::Desc);
    let gin = table.index("I_j_idx").unwrap();
    assert_eq!(gin.method, IndexMethod::Gin);
    assert_eq!(gin.columns[0].opclass.as_deref(), Some("jsonb_path_ops"));
    assert_eq!(
        table.index("trgm").unwrap().columns[0].opclass.as_deref(),
        Some("gin_trgm_ops")
    );
    let brin = table.index("I_n_idx").unwrap();
    assert_eq!(brin.method, IndexMethod::Brin);
    assert_eq!(
        brin.columns[0].opclass, None,
        "int4_minmax_ops is BRIN's default for integer"
    );
}

#[test]
fn foreign_keys_use_prismas_names_and_default_actions() {
    let schema = lower_ok(
        "model User {\n  id Int @id\n  posts Post[]\n  drafts Post[] @relation(\"drafts\")\n}\n\nmodel Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [id])\n  editorId Int?\n  editor User? @relation(\"drafts\", fields: [editorId], references: [id], onUpdate: NoAction, map: \"editor_fk\")\n}\n",
    );
    let post = schema.table(&public("Post")).unwrap();
    let author = post.foreign_key("Post_authorId_fkey").unwrap();
    assert_eq!(author.referenced_table, public("User"));
    assert_eq!(
        author.on_delete,
        ForeignKeyAction::Restrict,
        "required relations restrict"
    );
    assert_eq!(author.on_update, ForeignKeyAction::Cascade);
    let editor = post.foreign_key("editor_fk").unwrap();
    assert_eq!(
        editor.on_delete,
        ForeignKeyAction::SetNull,
        "optional relations set null"
    );
    assert_eq!(editor.on_update, ForeignKeyAction::NoAction);
}

#[test]
fn implicit_many_to_many_relations_get_a_join_table() {
    let schema = lower_ok(
        "model Post {\n  id Int @id\n  categories Category[]\n}\n\nmodel Category {\n  id String @id @db.Uuid\n  posts Post[]\n}\n",
    );
    let join = schema.table(&public("_CategoryToPost")).unwrap();
    assert_eq!(join.columns[0].name, "A");
    assert_eq!(
        join.columns[0].r#type,
        ColumnType::builtin("uuid"),
        "A is Category, first by name"
    );
    assert_eq!(join.columns[1].r#type, ColumnType::builtin("integer"));
    assert_eq!(
        join.primary_key.as_ref().unwrap().name,
        "_CategoryToPost_AB_pkey"
    );
    assert_eq!(join.indexes[0].name, "_CategoryToPost_B_index");
    assert_eq!(join.indexes[0].columns[0].key, IndexKey::Column("B".into()));
    let fks: Vec<(&str, &str, ForeignKeyAction)> = join
        .foreign_keys
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.referenced_table.name.as_str(),
                f.on_delete,
            )
        })
        .collect();
    assert_eq!(
        fks,
        [
            (
                "_CategoryToPost_A_fkey",
                "Category",
                ForeignKeyAction::Cascade
            ),
            ("_CategoryToPost_B_fkey", "Post", ForeignKeyAction::Cascade)
        ]
    );
}

#[test]
fn relation_mode_prisma_creates_no_foreign_keys() {
    let schema = lower_text_ok(
        "datasource db {\n  provider = \"postgresql\"\n  relationMode = \"prisma\"\n}\n\nmodel User {\n  id Int @id\n  posts Post[]\n  tags Tag[]\n}\n\nmodel Post {\n  id Int @id\n  userId Int\n  user User @relation(fields: [userId], references: [id])\n  @@index([userId])\n}\n\nmodel Tag {\n  id Int @id\n  users User[]\n}\n",
    );
    assert_eq!(schema.foreign_keys().count(), 0);
    assert!(
        schema.table(&public("_TagToUser")).is_some(),
        "the join table stays"
    );
}

#[test]
fn long_names_are_cut_to_63_bytes() {
    let long_table = "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting";
    let schema = lower_ok(&format!(
        "model {long_table} {{\n  id Int @id\n  anotherExtremelyLongFieldNameForUniqueness String @unique\n}}\n"
    ));
    let table = schema.table(&public(long_table)).unwrap();
    assert_eq!(
        table.indexes[0].name,
        "ThisIsAnExtremelyLongModelNameThatGoesOnAndOnForTesting_ano_key"
    );
}

#[test]
fn multi_schema_models_and_enums_use_their_schema() {
    let schema = lower_text_ok(
        "datasource db {\n  provider = \"postgresql\"\n  schemas = [\"public\", \"other\"]\n}\n\nenum Kind {\n  A\n  @@schema(\"other\")\n}\n\nmodel User {\n  id Int @id\n  kind Kind\n  @@schema(\"other\")\n}\n",
    );
    assert_eq!(schema.namespaces, ["public", "other"]);
    let other = QualifiedName::new("other", "User");
    assert!(schema.table(&other).is_some());
    assert_eq!(
        schema
            .table(&other)
            .unwrap()
            .column("kind")
            .unwrap()
            .r#type
            .base,
        TypeRef::User(QualifiedName::new("other", "Kind"))
    );
}

#[test]
fn extensions_views_ignored_models_and_partial_indexes() {
    let schema = lower_text_ok(
        "generator client {\n  provider = \"prisma-client\"\n  previewFeatures = [\"postgresqlExtensions\", \"views\", \"partialIndexes\"]\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  extensions = [pgcrypto, uuid_ossp(map: \"uuid-ossp\", schema: \"ext\")]\n}\n\nmodel A {\n  id Int @id\n  active Boolean\n  @@index([active], where: raw(\"active\"))\n}\n\nmodel Hidden {\n  id Int @id\n  @@ignore\n}\n\nview V {\n  id Int @unique\n}\n",
    );
    let extensions: Vec<(&str, Option<&str>)> = schema
        .extensions
        .iter()
        .map(|e| (e.name.as_str(), e.schema.as_deref()))
        .collect();
    assert_eq!(extensions, [("pgcrypto", None), ("uuid-ossp", Some("ext"))]);
    assert!(
        schema.table(&public("Hidden")).is_some(),
        "ignored models still have tables"
    );
    assert_eq!(schema.views.len(), 1);
    assert_eq!(schema.views[0].definition, None);
    assert!(schema.table(&public("V")).is_none());
    assert_eq!(
        schema.table(&public("A")).unwrap().indexes[0]
            .predicate
            .as_deref(),
        Some("active")
    );
}
