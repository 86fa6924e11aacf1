//! Diffs do what they say, on a real database: for every hand-written schema pair in
//! `testdata/schema-pairs` and for randomly generated pairs, a database built from v1 and
//! migrated with diff(v1 → v2) is catalog-identical to one built from v2 directly; our
//! v1 → v2 SQL and Prisma's (cached) give identical catalogs; and diff(v2 → v2) is empty.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use driftless_db::{ConnectOptions, Connection, introspect};
use driftless_diagnostics::Style;
use driftless_diff::DiffMode;
use driftless_engine::diff::compare;
use driftless_engine::schema_file::{lower_parsed, parse_schema_at};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};
use driftless_testkit::TestDb;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn lower_file(path: &Path) -> Schema {
    let parsed = parse_schema_at(path, path.parent().unwrap()).unwrap();
    lower_parsed(&parsed, "public", Style::plain())
        .unwrap()
        .schema
}

fn lower_text(dir: &Path, name: &str, text: &str) -> Schema {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    lower_file(&path)
}

/// The SQL that turns `from` into `to`.
fn sql(from: &Schema, to: &Schema) -> String {
    let migration = compare(Pair::new(from, to), DiffMode::Exact);
    render_script(&migration, Pair::new(from, to), &RenderOptions::default())
}

/// Runs the scripts in order on a fresh database and reads it back.
fn build(name: &str, scripts: &[&str], namespaces: &[String]) -> Result<Schema, String> {
    let db = TestDb::new(name);
    rt().block_on(async {
        let conn = Connection::connect(&db.url, &ConnectOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        for (i, script) in scripts.iter().enumerate() {
            conn.batch(script, &format!("script {i}"))
                .await
                .map_err(|e| format!("{e}\n{script}"))?;
        }
        introspect(&conn, namespaces)
            .await
            .map_err(|e| e.to_string())
    })
}

fn namespaces(a: &Schema, b: &Schema) -> Vec<String> {
    let mut all: Vec<String> = a.namespaces.iter().chain(&b.namespaces).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// Checks one pair; returns a failure description.
fn check_pair(name: &str, v1: &Schema, v2: &Schema, prisma_sql: Option<&str>) -> Vec<String> {
    let mut failures = Vec::new();
    let empty = Schema::default();
    let create_v1 = sql(&empty, v1);
    let create_v2 = sql(&empty, v2);
    let step = sql(v1, v2);
    let spaces = namespaces(v1, v2);
    let direct = build(&format!("{name}_direct"), &[&create_v2], &spaces);
    let migrated = build(&format!("{name}_migrated"), &[&create_v1, &step], &spaces);
    match (&direct, &migrated) {
        (Ok(direct), Ok(migrated)) => {
            let difference = compare(Pair::new(migrated, direct), DiffMode::Exact);
            if !difference.is_empty() {
                failures.push(format!(
                    "{name}: v1 + diff(v1 → v2) is not v2: {:?}\n{step}",
                    difference.changes
                ));
            }
        }
        (Err(e), _) | (_, Err(e)) => failures.push(format!("{name}: {e}")),
    }
    if let (Some(prisma_sql), Ok(migrated)) = (prisma_sql, &migrated) {
        match build(
            &format!("{name}_prisma"),
            &[&create_v1, prisma_sql],
            &spaces,
        ) {
            Ok(theirs) => {
                let difference = compare(Pair::new(&theirs, migrated), DiffMode::Exact);
                if !difference.is_empty() {
                    failures.push(format!(
                        "{name}: our step and Prisma's build different catalogs: {:?}",
                        difference.changes
                    ));
                }
            }
            Err(e) => eprintln!("{name}: Prisma's step does not run on v1 ({e}); not compared"),
        }
    }
    if !compare(Pair::new(v2, v2), DiffMode::Exact).is_empty() {
        failures.push(format!("{name}: diff(v2 → v2) is not empty"));
    }
    failures
}

#[test]
fn hand_written_pairs_migrate_to_their_target_and_match_prismas_catalogs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/schema-pairs");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let v1 = lower_file(&case.join("v1.prisma"));
        let v2 = lower_file(&case.join("v2.prisma"));
        let prisma = std::fs::read_to_string(case.join("prisma.sql")).ok();
        failures.extend(check_pair(
            &format!("pair_{name}"),
            &v1,
            &v2,
            prisma.as_deref(),
        ));
    }
    eprintln!("{} schema pairs checked", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const TYPES: &[(&str, &[&str])] = &[
    (
        "String",
        &["", "@default(\"x\")", "@db.VarChar(20)", "@db.Text"],
    ),
    ("Int", &["", "@default(0)", "@db.SmallInt"]),
    ("BigInt", &["", "@default(7)"]),
    ("Boolean", &["", "@default(false)"]),
    (
        "DateTime",
        &["", "@default(now())", "@db.Timestamptz(3)", "@db.Date"],
    ),
    ("Float", &["", "@default(1.5)"]),
    ("Decimal", &["", "@db.Decimal(10, 2)"]),
    ("Json", &["", "@default(\"{}\")"]),
    ("Mood", &["", "@default(HAPPY)"]),
];

/// A random schema: models with scalar fields, some optional, some lists, defaults, native
/// types, indexes, unique constraints and relations.
fn random_schema(random: &mut Random, models: usize) -> String {
    let mut text = String::from(
        "datasource db {\n  provider = \"postgresql\"\n}\n\nenum Mood {\n  HAPPY\n  SAD\n",
    );
    if random.chance(50) {
        text.push_str("  MEH\n");
    }
    text.push_str("}\n\n");
    let mut relations: Vec<(usize, usize)> = Vec::new();
    for m in 1..models {
        if random.chance(60) {
            relations.push((m, random.below(m)));
        }
    }
    for m in 0..models {
        text.push_str(&format!(
            "model M{m} {{\n  id Int @id @default(autoincrement())\n"
        ));
        let fields = 1 + random.below(5);
        let mut scalar_fields = Vec::new();
        for f in 0..fields {
            if random.chance(25) {
                continue;
            }
            let (ty, attributes) = TYPES[random.below(TYPES.len())];
            let attribute = attributes[random.below(attributes.len())];
            let list = ty != "Json" && attribute.is_empty() && random.chance(15);
            let modifier = if list {
                "[]"
            } else if random.chance(40) {
                "?"
            } else {
                ""
            };
            text.push_str(&format!("  f{f} {ty}{modifier} {attribute}\n"));
            if !list && ty != "Json" {
                scalar_fields.push(format!("f{f}"));
            }
        }
        for (child, parent) in &relations {
            if *child == m {
                let optional = if random.chance(50) { "?" } else { "" };
                let action = ["", ", onDelete: Cascade", ", onDelete: SetNull"][random.below(3)];
                let action = if optional.is_empty() && action.contains("SetNull") {
                    ""
                } else {
                    action
                };
                text.push_str(&format!(
                    "  p{parent}Id Int{optional}\n  p{parent} M{parent}{optional} @relation(fields: [p{parent}Id], references: [id]{action})\n"
                ));
            }
            if *parent == m {
                text.push_str(&format!("  c{child} M{child}[]\n"));
            }
        }
        if !scalar_fields.is_empty() && random.chance(50) {
            let field = &scalar_fields[random.below(scalar_fields.len())];
            let kind = if random.chance(50) {
                "@@index"
            } else {
                "@@unique"
            };
            text.push_str(&format!("  {kind}([{field}])\n"));
        }
        text.push_str("}\n\n");
    }
    text
}

#[test]
fn random_pairs_migrate_to_their_target() {
    let seeds: u64 = std::env::var("DRIFTLESS_PAIR_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for seed in 1..=seeds {
        let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let models = 2 + random.below(5);
        let v1_text = random_schema(&mut random, models);
        let v2_text = random_schema(&mut random, models);
        let v1 = lower_text(dir.path(), "v1.prisma", &v1_text);
        let v2 = lower_text(dir.path(), "v2.prisma", &v2_text);
        let found = check_pair(&format!("rand_{seed}"), &v1, &v2, None);
        if !found.is_empty() {
            failures.push(format!(
                "seed {seed}:\n--- v1\n{v1_text}\n--- v2\n{v2_text}\n{}",
                found.join("\n")
            ));
        }
    }
    eprintln!("{seeds} random schema pairs checked (DRIFTLESS_PAIR_SEEDS=N for more)");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
