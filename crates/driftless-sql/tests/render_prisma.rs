//! The renderer writes what Prisma writes: for every hand-written schema and schema pair in
//! `testdata/`, our `--from-empty` and schema-to-schema scripts are compared with Prisma's
//! (cached from the real Prisma 7.10.1 by `scripts/oracle-cache.sh`).

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use driftless_diff::{DiffMode, diff};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn lower(path: &Path) -> Schema {
    let files = driftless_psl::read_schema_files(path).unwrap();
    let parsed = driftless_psl::parse_schema(files);
    let (schema, diagnostics) = driftless_psl::lower(&parsed);
    assert!(
        !diagnostics.has_errors(),
        "{}: {diagnostics:?}",
        path.display()
    );
    schema
}

/// Cases where our text differs from Prisma's on purpose; the catalogs they produce are
/// the same (the catalog comparison tests check it) unless the reason says otherwise.
const DELIBERATE: &[(&str, &str)] = &[
    (
        "04_native_string_types",
        "`CHAR(1)`/`BIT(1)` for Prisma's `CHAR`/`BIT`: the same types",
    ),
    (
        "22_index_basic",
        "an explicit `ASC` is not written: it is the default",
    ),
    ("24_index_ops", "default operator classes are not written"),
    (
        "39_long_names_truncation",
        "a column name over 63 bytes is written truncated, as PostgreSQL stores it",
    ),
    (
        "45_unsupported",
        "`Unsupported(\"numeric(5,1)\")` is written `DECIMAL(5,1)`: the same type",
    ),
    (
        "09_drop_default",
        "Prisma writes `DROP SEQUENCE \"\";` (an error); we drop the column's sequence",
    ),
    (
        "33_add_and_remove_autoincrement",
        "the sequence of a column that stops autoincrementing is dropped",
    ),
];

/// Mismatches as (case, ours, Prisma's).
fn compare(cases: Vec<(String, String, String)>) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, ours, prisma) in cases {
        if ours != prisma && !DELIBERATE.iter().any(|(case, _)| *case == name) {
            failures.push(format!("=== {name}\n--- ours\n{ours}--- prisma\n{prisma}"));
        }
    }
    failures
}

#[test]
fn from_empty_scripts_match_prismas() {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(testdata().join("schemas")).unwrap() {
        let dir = entry.unwrap().path();
        let expected = dir.join("prisma.sql");
        if !expected.is_file() {
            continue;
        }
        let schema_path = if dir.join("schema").is_dir() {
            dir.join("schema")
        } else {
            dir.join("schema.prisma")
        };
        let next = lower(&schema_path);
        let previous = Schema::default();
        let migration = diff(Pair::new(&previous, &next), DiffMode::Exact);
        let ours = render_script(
            &migration,
            Pair::new(&previous, &next),
            &RenderOptions::default(),
        );
        cases.push((
            dir.file_name().unwrap().to_string_lossy().into_owned(),
            ours,
            std::fs::read_to_string(expected).unwrap(),
        ));
    }
    cases.sort();
    let total = cases.len();
    let deliberate = cases
        .iter()
        .filter(|(n, o, p)| o != p && DELIBERATE.iter().any(|(d, _)| d == n))
        .count();
    let failures = compare(cases);
    eprintln!(
        "{} of {total} from-empty scripts identical to Prisma's, {deliberate} differ on purpose",
        total - failures.len() - deliberate
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn schema_to_schema_scripts_match_prismas() {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(testdata().join("schema-pairs")).unwrap() {
        let dir = entry.unwrap().path();
        let expected = dir.join("prisma.sql");
        if !expected.is_file() {
            continue;
        }
        let previous = lower(&dir.join("v1.prisma"));
        let next = lower(&dir.join("v2.prisma"));
        let migration = diff(Pair::new(&previous, &next), DiffMode::Exact);
        let ours = render_script(
            &migration,
            Pair::new(&previous, &next),
            &RenderOptions::default(),
        );
        cases.push((
            dir.file_name().unwrap().to_string_lossy().into_owned(),
            ours,
            std::fs::read_to_string(expected).unwrap(),
        ));
    }
    cases.sort();
    let total = cases.len();
    let deliberate = cases
        .iter()
        .filter(|(n, o, p)| o != p && DELIBERATE.iter().any(|(d, _)| d == n))
        .count();
    let failures = compare(cases);
    eprintln!(
        "{} of {total} schema-to-schema scripts identical to Prisma's, {deliberate} differ on purpose",
        total - failures.len() - deliberate
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_schema_diffed_with_itself_is_empty() {
    for entry in std::fs::read_dir(testdata().join("schemas")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("prisma.sql").is_file() {
            continue;
        }
        let schema_path = if dir.join("schema").is_dir() {
            dir.join("schema")
        } else {
            dir.join("schema.prisma")
        };
        let schema = lower(&schema_path);
        let migration = diff(Pair::new(&schema, &schema), DiffMode::Exact);
        assert!(
            migration.is_empty(),
            "{}: {:?}",
            dir.display(),
            migration.changes
        );
    }
}

#[test]
fn a_diff_and_its_reverse_undo_each_other() {
    // Applying v1→v2 then v2→v1 in the model world: both directions are non-empty exactly
    // when the schemas differ.
    for entry in std::fs::read_dir(testdata().join("schema-pairs")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("v1.prisma").is_file() {
            continue;
        }
        let v1 = lower(&dir.join("v1.prisma"));
        let v2 = lower(&dir.join("v2.prisma"));
        let forward = diff(Pair::new(&v1, &v2), DiffMode::Exact);
        let backward = diff(Pair::new(&v2, &v1), DiffMode::Exact);
        assert_eq!(forward.is_empty(), backward.is_empty(), "{}", dir.display());
    }
}
