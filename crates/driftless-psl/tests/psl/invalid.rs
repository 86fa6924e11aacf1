//! Diagnostics for invalid schemas: each `tests/invalid/*.prisma` with a snapshot of what
//! `validate` prints (plain rendering), so wording and positions are reviewed like code.

use std::path::{Path, PathBuf};

use driftless_diagnostics::{Style, render_all};
use driftless_psl::{SourceFile, parse_schema, validate};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn invalid_schemas_report_every_problem_with_a_caret() {
    let paths = cases();
    assert!(paths.len() >= 20);
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = parse_schema(vec![SourceFile::new(format!("{name}.prisma"), text)]);
        let diagnostics = validate(&parsed);
        assert!(!diagnostics.is_empty(), "{name}: no diagnostics");
        if !name.ends_with("warnings") && !name.ends_with("warning") {
            assert!(diagnostics.has_errors(), "{name}: no errors");
        }
        let rendered = render_all(&diagnostics, &parsed.sources, Style::plain());
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}
