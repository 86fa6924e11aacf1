//! Validation: everything that makes a schema unusable for PostgreSQL, reported at once.
//!
//! The staged resolution (`resolve`) checks the schema language itself; this adds the
//! configuration rules ([`config`]) and PostgreSQL's own rules ([`postgres`]). Name
//! collisions in the database (two tables, indexes or constraints with one name) are found
//! while lowering, where the database names are computed.

mod config;
pub(crate) mod postgres;

use driftless_diagnostics::Diagnostics;

use crate::ParsedSchema;
use crate::resolve::{self, Db};

/// Resolves and checks a parsed schema. Returns `None` (with the syntax errors) when the
/// schema did not parse: a partial tree would only produce follow-up noise.
pub(crate) fn run(parsed: &ParsedSchema) -> (Option<Db<'_>>, Diagnostics) {
    let mut diagnostics = parsed.diagnostics.clone();
    if parsed.diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let (configuration, config_diagnostics) = parsed.configuration_with_diagnostics();
    diagnostics.extend(config_diagnostics);
    config::check(&parsed.ast, &configuration, &mut diagnostics);
    let db = resolve::resolve(&parsed.ast, configuration, &mut diagnostics);
    postgres::check(&db, &mut diagnostics);
    (Some(db), diagnostics)
}
