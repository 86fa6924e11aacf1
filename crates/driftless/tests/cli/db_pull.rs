//! `db pull`: the pulled schema of every feature schema's database is Prisma's (cached in
//! `testdata/schemas/*/pull.prisma`, known differences listed), and every pulled schema —
//! of the feature schemas and of every corpus history — validates, is formatted, and
//! describes its database exactly (`migrate diff --from-url … --to-schema … --exit-code`
//! is 0). Then re-introspection keeping names, `--print`, `--force` and the empty database.

use std::path::{Path, PathBuf};

use driftless_testkit::{TestDb, corpus_dir};

use crate::{Run, TestProject, driftless_command};

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/schemas")
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::from(driftless_command(dir, args).output().unwrap())
}

/// Cases where our pulled schema differs from Prisma's on purpose, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "16_default_lists",
        "a BigInt list default is a list literal, not dbgenerated(ARRAY[…])",
    ),
    (
        "18_default_dbgenerated",
        "dbgenerated text is the canonical expression, not PostgreSQL's stored text",
    ),
    (
        "41_multi_schema",
        "the datasource's schemas list is kept as written (Prisma sorts it)",
    ),
    (
        "42_postgresql_extensions",
        "the datasource's extensions list is kept as written (Prisma drops it with --force)",
    ),
    (
        "43_extensions_with_args",
        "the datasource's extensions list is kept as written (Prisma drops it with --force)",
    ),
    (
        "49_partial_index_preview",
        "a partial unique is written @@unique(where:) and predicates are canonical",
    ),
];

/// Cases whose re-introspection (with the case's own schema) must be Prisma's byte for
/// byte: kept model, field, enum and relation names, order, `@updatedAt`, client-side
/// defaults, compound key names.
const REPULL_SAME: &[&str] = &["09", "11", "19", "20", "25", "26", "27", "29", "37", "47"];

/// A fresh database holding what Prisma's SQL for a feature schema creates.
fn feature_database(case: &Path, name: &str) -> TestDb {
    let sql = fs_err::read_to_string(case.join("prisma.sql")).unwrap();
    let db = TestDb::new(&format!("pull_{}", &name[..2]));
    if sql.contains("CITEXT") && !sql.contains("EXTENSION IF NOT EXISTS \"citext\"") {
        db.execute("CREATE EXTENSION IF NOT EXISTS citext");
    }
    if sql.contains("gin_trgm_ops") && !sql.contains("\"pg_trgm\"") {
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    }
    db.execute(&sql);
    db
}

/// The checks every pulled schema must pass: it validates, `format` leaves it unchanged,
/// and it describes the database exactly.
fn check_pulled(label: &str, text: &str, url: &str) {
    check_pulled_allowing(label, text, url, false);
}

/// [`check_pulled`]; with `old_join_tables`, the only differences allowed are implicit
/// many-to-many tables of Prisma's old layout (a unique index on (A, B)), which the schema
/// language describes with a primary key (Prisma's own pull and diff do the same).
fn check_pulled_allowing(label: &str, text: &str, url: &str, old_join_tables: bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.prisma");
    fs_err::write(&path, text).unwrap();
    let validate = run_in(dir.path(), &["validate", "--schema", "schema.prisma"]);
    assert_eq!(
        validate.code, 0,
        "{label}: pulled schema does not validate:\n{}\n{text}",
        validate.stderr
    );
    let format = run_in(
        dir.path(),
        &["format", "--check", "--schema", "schema.prisma"],
    );
    assert_eq!(
        format.code, 0,
        "{label}: pulled schema is not formatted:\n{}",
        format.stdout
    );
    let diff = run_in(
        dir.path(),
        &[
            "migrate",
            "diff",
            "--from-url",
            url,
            "--to-schema",
            "schema.prisma",
            "--exit-code",
        ],
    );
    if old_join_tables && diff.code == 2 {
        let unexpected: Vec<&str> = diff
            .stdout
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .filter(|l| {
                !(l.starts_with("[*] Changed the `_")
                    || *l == "[+] Added primary key on columns (A, B)"
                    || *l == "[-] Removed unique index on columns (A, B)")
            })
            .collect();
        assert!(
            unexpected.is_empty(),
            "{label}: the pulled schema differs from its database:\n{}",
            diff.stdout
        );
        return;
    }
    assert_eq!(
        diff.code, 0,
        "{label}: the pulled schema differs from its database:\n{}\n{}\n{text}",
        diff.stdout, diff.stderr
    );
}

#[test]
fn feature_schemas_pull_as_prisma_does_and_round_trip() {
    let mut cases: Vec<PathBuf> = fs_err::read_dir(testdata())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("pull.prisma").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 50, "the cached Prisma outputs are missing");
    let (mut same, mut differ, mut repull_same) = (0, Vec::new(), 0);
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let db = feature_database(case, &name);
        let url = db.url_string();
        let schema = if case.join("schema").is_dir() {
            "schema"
        } else {
            "schema.prisma"
        };
        let pull = run_in(
            case,
            &[
                "db", "pull", "--print", "--force", "--schema", schema, "--url", &url,
            ],
        );
        pull.expect(0);
        assert!(
            !pull.stdout.contains("Datasource"),
            "{name}: stdout holds more than the schema"
        );
        check_pulled(&name, &pull.stdout, &url);
        let prisma = fs_err::read_to_string(case.join("pull.prisma")).unwrap();
        if prisma.trim_end() == pull.stdout.trim_end() {
            same += 1;
        } else {
            assert!(
                KNOWN_DIFFERENCES.iter().any(|(case, _)| *case == name),
                "{name}: pulled schema differs from Prisma's\n--- prisma\n{prisma}\n--- driftless\n{}",
                pull.stdout
            );
            differ.push(name.clone());
        }
        // Re-introspection with the case's own schema: keeps its names, and still
        // describes the database.
        let repull = run_in(
            case,
            &["db", "pull", "--print", "--schema", schema, "--url", &url],
        );
        repull.expect(0);
        if schema == "schema.prisma" {
            check_pulled(&format!("{name} (re-introspected)"), &repull.stdout, &url);
        }
        let prisma_repull = fs_err::read_to_string(case.join("repull.prisma")).unwrap_or_default();
        if prisma_repull.trim_end() == repull.stdout.trim_end() {
            repull_same += 1;
        } else {
            assert!(
                !REPULL_SAME.contains(&&name[..2]),
                "{name}: re-introspection differs from Prisma's\n--- prisma\n{prisma_repull}\n--- driftless\n{}",
                repull.stdout
            );
        }
    }
    eprintln!(
        "db pull: {same} of {} feature schemas byte for byte Prisma's (known differences: {}); re-introspection: {repull_same} byte for byte Prisma's",
        cases.len(),
        differ.join(", ")
    );
}

#[test]
fn every_corpus_database_pulls_and_round_trips() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    };
    let projects = crate::corpus_projects(&corpus)
        .into_iter()
        .filter(|p| p.join("migrations").is_dir());
    let mut report = Vec::new();
    for project in projects {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let schema = crate::corpus_schema_arg(&project);
        let db = TestDb::new(&format!("pull_corpus_{name}"));
        let url = db.url_string();
        run_in(
            &project,
            &["migrate", "deploy", "--schema", schema, "--url", &url],
        )
        .expect(0);
        let started = std::time::Instant::now();
        let pull = run_in(
            &project,
            &[
                "db", "pull", "--print", "--force", "--schema", schema, "--url", &url,
            ],
        );
        let elapsed = started.elapsed();
        pull.expect(0);
        check_pulled_allowing(&name, &pull.stdout, &url, true);
        // Re-introspection into a copy of the project's schema keeps most names.
        let copy = tempfile::tempdir().unwrap();
        copy_schema(&project, schema, copy.path());
        let repull = run_in(
            copy.path(),
            &["db", "pull", "--schema", schema, "--url", &url],
        );
        repull.expect(0);
        let diff = run_in(
            copy.path(),
            &[
                "migrate",
                "diff",
                "--from-url",
                &url,
                "--to-schema",
                schema,
                "--exit-code",
            ],
        );
        assert!(
            diff.code == 0
                || (diff.code == 2
                    && diff.stdout.lines().all(|l| {
                        let l = l.trim();
                        l.is_empty()
                            || l.starts_with("[*] Changed the `_")
                            || l == "[+] Added primary key on columns (A, B)"
                            || l == "[-] Removed unique index on columns (A, B)"
                    })),
            "{name}: the re-introspected schema differs from its database:\n{}\n{}",
            diff.stdout,
            diff.stderr
        );
        let models = pull.stdout.matches("\nmodel ").count();
        report.push(format!(
            "{name}: {models} models in {:.2} s; {}",
            elapsed.as_secs_f64(),
            repull.stdout.lines().last().unwrap_or_default()
        ));
    }
    eprintln!("corpus db pull (debug build):\n  {}", report.join("\n  "));
}

fn copy_schema(project: &Path, schema: &str, to: &Path) {
    let from = project.join(schema);
    if from.is_dir() {
        for entry in walk(&from) {
            if entry.extension().is_some_and(|e| e == "prisma") {
                let relative = entry.strip_prefix(project).unwrap();
                let target = to.join(relative);
                fs_err::create_dir_all(target.parent().unwrap()).unwrap();
                fs_err::copy(&entry, target).unwrap();
            }
        }
    } else {
        fs_err::copy(&from, to.join(schema)).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs_err::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "migrations") {
                out.extend(walk(&path));
            }
        } else {
            out.push(path);
        }
    }
    out
}

const HAND_MADE: &str = r#"
CREATE TYPE "account_state" AS ENUM ('active', 'on-hold');
CREATE TABLE "app_users" (
    "user_id" SERIAL PRIMARY KEY,
    "e-mail" VARCHAR(200) NOT NULL UNIQUE,
    "state" "account_state" NOT NULL DEFAULT 'active',
    "created" TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (length("e-mail") > 3)
);
CREATE TABLE "posts" (
    "id" BIGSERIAL PRIMARY KEY,
    "author" INTEGER NOT NULL REFERENCES "app_users"("user_id") ON DELETE CASCADE,
    "body" TEXT
);
CREATE INDEX "posts_lower_body" ON "posts" (lower("body"));
CREATE TABLE "audit_log" ("at" TIMESTAMP, "what" TEXT);
"#;

#[test]
fn pull_writes_the_schema_and_re_introspection_keeps_names() {
    let db = TestDb::new("pull_keep_names");
    db.execute(HAND_MADE);
    let project = TestProject::new();
    project.write(
        "prisma/schema.prisma",
        "// The project's database.\ndatasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\ngenerator client {\n  provider = \"prisma-client-js\"\n}\n",
    );
    let first = project.run(&db, &["db", "pull"]);
    first.expect(0);
    assert!(
        first.stdout.contains("Introspected 3 models and 1 enum"),
        "{}",
        first.stdout
    );
    let written = fs_err::read_to_string(project.path().join("prisma/schema.prisma")).unwrap();
    assert!(
        written.starts_with("// The project's database.\ndatasource db {"),
        "{written}"
    );
    assert!(
        written.contains("url      = env(\"DATABASE_URL\")"),
        "{written}"
    );
    assert!(written.contains("generator client {"), "{written}");
    assert!(written.contains("model app_users {"), "{written}");
    assert!(
        written.contains("e_mail  String        @unique @map(\"e-mail\") @db.VarChar(200)"),
        "{written}"
    );
    assert!(written.contains("on_hold @map(\"on-hold\")"), "{written}");
    assert!(written.contains("check constraints"), "{written}");
    assert!(written.contains("expression index"), "{written}");
    assert!(written.contains("@@ignore"), "{written}");
    assert!(written.contains("onDelete: Cascade"), "{written}");
    // No temporary file is left beside it.
    let leftovers: Vec<_> = fs_err::read_dir(project.path().join("prisma"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The user renames models, fields, an enum and relation fields with @map/@@map;
    // pulling again keeps every one of those names.
    let renamed = r#"// The project's database.
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

generator client {
  provider = "prisma-client-js"
}

model User {
  id      Int          @id @default(autoincrement()) @map("user_id")
  email   String       @unique @map("e-mail") @db.VarChar(200)
  state   AccountState @default(active)
  created DateTime     @default(now()) @db.Timestamptz(6)
  posts   Post[]

  @@map("app_users")
}

model Post {
  id       BigInt  @id @default(autoincrement())
  authorId Int     @map("author")
  body     String?
  writer   User    @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)

  @@map("posts")
}

enum AccountState {
  active
  onHold @map("on-hold")

  @@map("account_state")
}
"#;
    project.write("prisma/schema.prisma", renamed);
    project.run(&db, &["validate"]).expect(0);
    let second = project.run(&db, &["db", "pull", "--print"]);
    second.expect(0);
    for kept in [
        "model User {",
        "@@map(\"app_users\")",
        "id      Int          @id @default(autoincrement()) @map(\"user_id\")",
        "email   String       @unique @map(\"e-mail\") @db.VarChar(200)",
        "posts   Post[]",
        "model Post {",
        "authorId Int     @map(\"author\")",
        "writer   User    @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)",
        "enum AccountState {",
        "onHold @map(\"on-hold\")",
        "@@map(\"account_state\")",
    ] {
        assert!(
            second.stdout.contains(kept),
            "{kept} not kept:\n{}",
            second.stdout
        );
    }
    // The previous schema's order: User, Post, then the new model.
    let user = second.stdout.find("model User {").unwrap();
    let post = second.stdout.find("model Post {").unwrap();
    let audit = second.stdout.find("model audit_log {").unwrap();
    assert!(user < post && post < audit, "{}", second.stdout);
    // --print wrote nothing.
    let on_disk = fs_err::read_to_string(project.path().join("prisma/schema.prisma")).unwrap();
    assert_eq!(on_disk, renamed);
    // --force ignores the names, and keeps the datasource.
    let forced = project.run(&db, &["db", "pull", "--print", "--force"]);
    forced.expect(0);
    assert!(
        forced.stdout.contains("model app_users {"),
        "{}",
        forced.stdout
    );
    assert!(
        forced.stdout.contains("url      = env(\"DATABASE_URL\")"),
        "{}",
        forced.stdout
    );
    // The re-introspected schema still describes the database, and writing it works.
    check_pulled("kept names", &second.stdout, &db.url_string());
    let third = project.run(&db, &["db", "pull"]);
    third.expect(0);
    assert!(
        third.stdout.contains("kept from the existing schema"),
        "{}",
        third.stdout
    );
    let on_disk = fs_err::read_to_string(project.path().join("prisma/schema.prisma")).unwrap();
    assert_eq!(on_disk, second.stdout);
}

#[test]
fn an_empty_database_is_refused_with_its_own_exit_code() {
    let db = TestDb::new("pull_empty");
    let project = TestProject::new();
    let run = project.run(&db, &["db", "pull"]);
    run.expect(24);
    assert!(run.stderr.contains("P4001"), "{}", run.stderr);
    assert!(run.stderr.contains("empty"), "{}", run.stderr);
    // The schema file is untouched.
    let schema = fs_err::read_to_string(project.path().join("prisma/schema.prisma")).unwrap();
    assert!(!schema.contains("model"), "{schema}");
}

#[test]
fn pull_without_a_schema_writes_one_from_the_url() {
    let db = TestDb::new("pull_no_schema");
    db.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)");
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["db", "pull", "--url", &db.url_string()]);
    run.expect(0);
    let written = fs_err::read_to_string(dir.path().join("prisma/schema.prisma")).unwrap();
    assert!(
        written.contains("datasource db {\n  provider = \"postgresql\"\n}"),
        "{written}"
    );
    assert!(
        written.contains("model t {\n  id   Int     @id\n  name String?\n}"),
        "{written}"
    );
}
