//! The in-memory replay on arbitrary migration scripts: no panic, whatever the SQL, and the
//! result is a schema the differ and the renderer can handle (diffing it against an empty
//! schema and rendering the SQL must not panic either). The input is split on a line `--
//! next migration` into several migrations, so that statements of one act on the objects of
//! another (renames, drops, enum values, foreign keys).

#![no_main]

use libfuzzer_sys::fuzz_target;

use driftless_diff::{DiffMode, diff};
use driftless_schema::{Pair, Schema};
use driftless_sql::render::{RenderOptions, render_script};
use driftless_sql::replay::{ReplayOptions, Replayer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut options = ReplayOptions::new("public");
    options.namespaces = vec!["public".to_string(), "other".to_string()];
    let mut replayer = Replayer::new(Schema::default(), options);
    for (i, script) in text.split("\n-- next migration\n").enumerate() {
        let account = replayer.apply(&format!("{i}_m"), script);
        assert!(account.skipped <= account.statements);
    }
    let replayed = replayer.finish();
    let mut schema = replayed.schema;
    driftless_sql::canonical::canonicalize_schema(&mut schema);
    let empty = Schema::default();
    let changes = diff(Pair::new(&empty, &schema), DiffMode::Exact);
    let _ = render_script(
        &changes,
        Pair::new(&empty, &schema),
        &RenderOptions {
            default_schema: "public".to_string(),
        },
    );
});
