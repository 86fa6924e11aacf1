//! `format` on arbitrary text: it must not panic, what it writes must parse, and formatting
//! what it wrote must change nothing (format(format(x)) == format(x)).

#![no_main]

use libfuzzer_sys::fuzz_target;

fn format_once(text: &str) -> Option<String> {
    let parsed = driftless_psl::parse_str("schema.prisma", text);
    if parsed.has_errors() {
        return None;
    }
    driftless_psl::format(&parsed).into_iter().next().map(|(_, t)| t)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(once) = format_once(text) else {
        return;
    };
    let Some(twice) = format_once(&once) else {
        panic!("the formatted text does not parse:\n{once}");
    };
    assert_eq!(once, twice, "format is not idempotent");
});
