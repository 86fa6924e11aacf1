//! The units a migration script is applied in: runs of statements that commit together,
//! and statements that PostgreSQL refuses inside a transaction block, alone.
//!
//! The units reproduce how PostgreSQL runs the script when it is sent whole as one query
//! (as Prisma sends it): statements up to a `COMMIT` (or `ROLLBACK`) form one transaction,
//! whether the script opened it with `BEGIN` or not, and the statements after the last
//! `COMMIT` form one more. A script without transaction control and without such statements
//! is one unit: it runs in one transaction together with its history row. Because every
//! unit that commits carries the history row's progress note in the same transaction, the
//! row always says exactly which statements took effect.

use std::ops::Range;

use driftless_sql::{ScriptAnalysis, StatementRole};

/// One unit of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Statements that commit (or roll back) together.
    Transaction {
        /// The statements, the script's own `BEGIN` and `COMMIT`/`ROLLBACK` included.
        range: Range<usize>,
        /// The first statement is the script's `BEGIN` (we must not send ours first: its
        /// options, such as an isolation level, would be lost).
        opens: bool,
        /// How it ends.
        end: UnitEnd,
    },
    /// One statement that cannot run in a transaction block.
    Outside(usize),
}

/// How a transaction unit ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitEnd {
    /// With the script's `COMMIT` (the last statement of the range).
    Commit,
    /// With the script's `ROLLBACK` (the last statement of the range): nothing of it stays.
    Rollback,
    /// Without one: we commit it.
    Open,
}

impl Unit {
    /// The first statement.
    pub(crate) fn start(&self) -> usize {
        match self {
            Unit::Transaction { range, .. } => range.start,
            Unit::Outside(i) => *i,
        }
    }
}

/// What a transaction-control statement does to the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Control {
    Begin,
    Commit,
    Rollback,
    /// `SAVEPOINT`, `RELEASE`, `ROLLBACK TO`, `COMMIT PREPARED`, …: inside a transaction.
    Other,
}

/// Classifies a transaction-control statement by its words.
pub(crate) fn control_of(statement: &str) -> Control {
    let words: Vec<String> = statement
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches(';').to_ascii_uppercase())
        .collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    match word(0) {
        "BEGIN" | "START" => Control::Begin,
        "COMMIT" | "END" if word(1) != "PREPARED" => Control::Commit,
        "ROLLBACK" | "ABORT" => {
            if word(1) == "TO" || word(2) == "TO" || word(1) == "PREPARED" {
                Control::Other
            } else {
                Control::Rollback
            }
        }
        // The prepared transaction is not committed here: nothing of it stays for now.
        "PREPARE" => Control::Rollback,
        _ => Control::Other,
    }
}

/// Splits the analysed script into units.
pub(crate) fn units(script: &str, analysis: &ScriptAnalysis) -> Vec<Unit> {
    let mut units = Vec::new();
    // The open unit: its first statement, whether that is the script's BEGIN, and whether
    // a BEGIN of the script is in effect.
    let mut open: Option<(usize, bool)> = None;
    let mut explicit = false;
    let close = |units: &mut Vec<Unit>, open: &mut Option<(usize, bool)>, end: usize, how| {
        if let Some((start, opens)) = open.take() {
            units.push(Unit::Transaction {
                range: start..end,
                opens,
                end: how,
            });
        }
    };
    for (i, statement) in analysis.statements.iter().enumerate() {
        match statement.role {
            StatementRole::NoTransaction(_) if !explicit => {
                close(&mut units, &mut open, i, UnitEnd::Open);
                units.push(Unit::Outside(i));
            }
            StatementRole::TransactionControl => {
                let text = analysis.statement_text(script, i);
                match control_of(text) {
                    Control::Begin => {
                        if open.is_none() {
                            open = Some((i, true));
                        }
                        explicit = true;
                    }
                    Control::Commit => {
                        open.get_or_insert((i, false));
                        close(&mut units, &mut open, i + 1, UnitEnd::Commit);
                        explicit = false;
                    }
                    Control::Rollback => {
                        open.get_or_insert((i, false));
                        close(&mut units, &mut open, i + 1, UnitEnd::Rollback);
                        explicit = false;
                    }
                    Control::Other => {
                        open.get_or_insert((i, false));
                    }
                }
            }
            _ => {
                open.get_or_insert((i, false));
            }
        }
    }
    close(
        &mut units,
        &mut open,
        analysis.statements.len(),
        UnitEnd::Open,
    );
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use driftless_sql::analyze_script;

    fn split(script: &str) -> Vec<Unit> {
        units(script, &analyze_script(script, 150_000))
    }

    fn tx(range: Range<usize>, opens: bool, end: UnitEnd) -> Unit {
        Unit::Transaction { range, opens, end }
    }

    #[test]
    fn a_plain_script_is_one_transaction() {
        assert_eq!(
            split("CREATE TABLE a (i int); CREATE TABLE b (i int);"),
            [tx(0..2, false, UnitEnd::Open)]
        );
    }

    #[test]
    fn statements_before_a_begin_join_its_transaction_as_in_one_query() {
        assert_eq!(
            split(
                "UPDATE t SET a = 1; BEGIN; CREATE TYPE e AS ENUM ('x'); COMMIT; ALTER TABLE t DROP COLUMN b; ALTER TABLE t DROP COLUMN c;"
            ),
            [
                tx(0..4, false, UnitEnd::Commit),
                tx(4..6, false, UnitEnd::Open)
            ]
        );
        assert_eq!(
            split("BEGIN; SELECT 1; COMMIT; BEGIN; SELECT 2; ROLLBACK;"),
            [
                tx(0..3, true, UnitEnd::Commit),
                tx(3..6, true, UnitEnd::Rollback)
            ]
        );
    }

    #[test]
    fn concurrently_statements_run_alone() {
        assert_eq!(
            split(
                "CREATE TABLE a (i int); CREATE INDEX CONCURRENTLY a_i ON a (i); COMMENT ON TABLE a IS 'x'; DROP INDEX CONCURRENTLY a_i;"
            ),
            [
                tx(0..1, false, UnitEnd::Open),
                Unit::Outside(1),
                tx(2..3, false, UnitEnd::Open),
                Unit::Outside(3)
            ]
        );
    }

    #[test]
    fn savepoints_stay_inside_their_transaction() {
        assert_eq!(
            split("BEGIN; SAVEPOINT s; SELECT 1; ROLLBACK TO SAVEPOINT s; RELEASE s; COMMIT;"),
            [tx(0..6, true, UnitEnd::Commit)]
        );
        assert_eq!(control_of("rollback transaction to s"), Control::Other);
        assert_eq!(control_of("END"), Control::Commit);
        assert_eq!(control_of("ABORT"), Control::Rollback);
        assert_eq!(control_of("COMMIT PREPARED 'x'"), Control::Other);
    }
}
