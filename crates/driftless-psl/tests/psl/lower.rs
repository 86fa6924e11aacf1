//! Every corpus schema validates and lowers without errors.

use driftless_diagnostics::{Style, render_all};

use crate::support::{corpus_schemas, parse_ok};

#[test]
fn every_corpus_schema_lowers_without_errors() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    let mut failures = String::new();
    for (name, files) in schemas {
        let parsed = parse_ok(&name, files);
        let (schema, diagnostics) = driftless_psl::lower(&parsed);
        if diagnostics.has_errors() {
            failures.push_str(&format!(
                "== {name}\n{}",
                render_all(&diagnostics, &parsed.sources, Style::plain())
            ));
        }
        assert!(!schema.tables.is_empty(), "{name}: no tables");
    }
    assert!(failures.is_empty(), "{failures}");
}
