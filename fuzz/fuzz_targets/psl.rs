//! The Prisma schema front end on arbitrary text: parse, read the configuration, validate
//! and lower; when the schema is valid, the creation SQL is computed and rendered too.
//! Nothing may panic.

#![no_main]

use driftless_diff::{DiffMode, Side, diff};
use driftless_schema::{Dialect, Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = driftless_psl::parse_str("schema.prisma", text);
    let _ = parsed.configuration_with_diagnostics();
    let (schema, diagnostics) = driftless_psl::lower(&parsed);
    // Rendering diagnostics walks the spans: they must point into the text.
    let _ = driftless_diagnostics::render_all(
        &diagnostics,
        &parsed.sources,
        driftless_diagnostics::Style::plain(),
    );
    if diagnostics.has_errors() {
        return;
    }
    let empty = Schema::new(Dialect::Postgres, Vec::new());
    let mut canonical = schema.clone();
    driftless_sql::canonical::canonicalize_schema(&mut canonical);
    let migration = diff(
        Pair::new(&empty, &canonical),
        DiffMode::AgainstPrismaSchema {
            schema_side: Side::Next,
        },
    );
    let _ = render_script(&migration, Pair::new(&empty, &schema), &RenderOptions::default());
});
