//! The seeds that found inconsistencies, kept as regression cases (each runs the same plan:
//! history, window, target migration and delay; the exact moment still depends on timing).
//! Every one failed before the engine fix named next to it, and RELIABILITY.md describes the
//! fixes.

use crate::deploy_faults::{Kind, run_case};
use crate::report::Tally;

/// `(kind, seed, what it found)`.
const CASES: &[(&str, u64, &str)] = &[
    (
        "kill",
        18_081_094_875_136_816_413,
        "a script with its own BEGIN/COMMIT left a row saying only `running`: what took effect was unknown (fix 1)",
    ),
    (
        "kill",
        4_761_638_742_931_413_313,
        "a killed CREATE INDEX CONCURRENTLY file left a failed row that needed a human to choose a resolution (fix 2)",
    ),
    (
        "terminate",
        5_334_845_866_994_480_205,
        "a cut connection between the row's insert and its first note left a row with no logs (fix 1)",
    ),
    (
        "terminate",
        8_321_999_939_294_568_069,
        "a cut connection in a transaction migration exited 7 (migration failed) instead of 4 (fix 3)",
    ),
    (
        "restart",
        2_318_550_125_608_568_448,
        "a server restart during DROP INDEX CONCURRENTLY needed a human to resolve the row (fix 2)",
    ),
    (
        "restart",
        8_014_066_529_671_245_401,
        "a server restart inside a script's own transaction left a row that did not say what took effect (fix 1)",
    ),
    (
        "restart",
        366_045_974_383_804_747,
        "connecting while the server shut down exited 1 (`database-error`) instead of 4 (fix 4)",
    ),
    (
        "restart",
        6_357_669_770_277_513_774,
        "a restart during the deploy resuming a cut-off CONCURRENTLY file: connecting while the server shut down (the harness read its `cannot reach` message too narrowly; kept as a double-fault case)",
    ),
    (
        "destructive",
        10_438_594_460_981_658_829,
        "db push --force-reset killed after its emptying committed left an empty database, neither old nor new (fix 6)",
    ),
    (
        "destructive",
        4_509_865_146_734_422_727,
        "db push --accept-data-loss killed after its enum values committed on their own: a new value looked used because another new enum had a value of that name (fix 7)",
    ),
];

#[test]
fn regression_seeds() {
    if crate::corpus::history(crate::corpus::HISTORIES[0]).is_none() {
        eprintln!("skipped: corpus not found (set DRIFTLESS_CORPUS)");
        return;
    }
    if crate::only_case("regression").is_some_and(|c| c.is_none()) {
        return;
    }
    let mut tally = Tally::new("regression", crate::seed(), CASES.len());
    for (i, (kind, seed, found)) in CASES.iter().enumerate() {
        let mut result = match *kind {
            "kill" => run_case(Kind::Kill, 1000 + i, *seed),
            "terminate" => run_case(Kind::Terminate, 1000 + i, *seed),
            "restart" => run_case(Kind::Restart, 1000 + i, *seed),
            "destructive" => crate::destructive::run_case(1000 + i, *seed),
            _ => crate::timeouts::run_case(1000 + i, *seed),
        };
        result.description = format!("{kind} seed {seed}, which found: {found}");
        tally.record(i, result);
    }
    tally.finish();
}
