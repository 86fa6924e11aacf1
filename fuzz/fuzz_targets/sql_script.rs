//! The migration script analyser on arbitrary text: no panic, and every statement range
//! lies inside the script, on character boundaries, in order.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else {
        return;
    };
    for version in [110_000, 150_000] {
        let analysis = driftless_sql::analyze_script(script, version);
        let mut previous_end = 0;
        for (i, statement) in analysis.statements.iter().enumerate() {
            let range = statement.range.clone();
            assert!(range.start <= range.end && range.end <= script.len(), "{range:?}");
            assert!(script.is_char_boundary(range.start) && script.is_char_boundary(range.end));
            assert!(range.start >= previous_end, "statements overlap");
            previous_end = range.end;
            let _ = analysis.statement_text(script, i);
        }
    }
});
