//! Reading a migration script the way PostgreSQL will: where each statement starts and ends,
//! and which statements decide how the script can be run.
//!
//! Statement boundaries come from PostgreSQL's own grammar (libpg_query), so dollar-quoted
//! bodies, strings holding `;` or `$`, and comments never split a statement. The analysis
//! picks an [`ExecutionMode`]: a script runs in one transaction together with its history
//! row whenever PostgreSQL allows it, and only falls back to running transaction by
//! transaction (the script manages its own transactions) or statement by statement (it holds statements that
//! PostgreSQL refuses inside a transaction block) when it must.

use std::ops::Range;

use pg_query::NodeEnum;
use pg_query::protobuf::{AlterTableType, DiscardMode, ObjectType};

/// How a migration script has to be executed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExecutionMode {
    /// Every statement may run inside a transaction block: the whole script runs in one
    /// transaction together with its history row, so it is applied and recorded, or leaves
    /// nothing behind.
    Transaction,
    /// The script has its own `BEGIN`/`COMMIT`: its transactions run as PostgreSQL runs the
    /// script sent whole (as Prisma sends it).
    Script,
    /// The script holds statements that cannot run in a transaction block
    /// (`CREATE INDEX CONCURRENTLY`, `VACUUM`, …): statements run one at a time, in order.
    StatementByStatement,
}

impl ExecutionMode {
    /// A short word for output: `transaction`, `script`, `statement-by-statement`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionMode::Transaction => "transaction",
            ExecutionMode::Script => "script",
            ExecutionMode::StatementByStatement => "statement-by-statement",
        }
    }
}

/// What a statement means for the way a script can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementRole {
    /// An ordinary statement.
    Regular,
    /// `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, …
    TransactionControl,
    /// A statement PostgreSQL refuses inside a transaction block; the text says which.
    NoTransaction(&'static str),
}

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Byte range in the script, without the terminating `;` and without leading comments.
    pub range: Range<usize>,
    /// How it constrains execution.
    pub role: StatementRole,
    /// Whether it changes a session setting that would outlive the migration
    /// (`SET lock_timeout = …` without `LOCAL`): the setting's name.
    pub session_setting: Option<String>,
}

/// The result of reading a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptAnalysis {
    /// Statements in order. Empty when the script has none, or could not be parsed.
    pub statements: Vec<Statement>,
    /// How to run it.
    pub mode: ExecutionMode,
    /// Why this mode, for output (`CREATE INDEX CONCURRENTLY at line 4`).
    pub reason: Option<String>,
    /// The parser's message when the script is not valid SQL for PostgreSQL's grammar. Such a
    /// script is sent whole and the server reports the error with its position.
    pub parse_error: Option<String>,
}

impl ScriptAnalysis {
    /// The text of statement `index` in `script`.
    pub fn statement_text<'a>(&self, script: &'a str, index: usize) -> &'a str {
        self.statements
            .get(index)
            .and_then(|s| script.get(s.range.clone()))
            .unwrap_or("")
    }
}

/// Reads `script` and decides how it must run on a server of version `server_version_num`
/// (`150004` for 15.4): `ALTER TYPE … ADD VALUE` may only run in a transaction block from
/// PostgreSQL 12 on.
pub fn analyze_script(script: &str, server_version_num: u32) -> ScriptAnalysis {
    let parsed = match pg_query::parse(script, pg_query::ParserOptions::DEFAULT) {
        Ok(parsed) => parsed,
        Err(error) => {
            return ScriptAnalysis {
                statements: Vec::new(),
                mode: ExecutionMode::Script,
                reason: Some("PostgreSQL's grammar cannot read it; sent whole".to_string()),
                parse_error: Some(parse_error_message(&error)),
            };
        }
    };
    let mut statements = Vec::with_capacity(parsed.protobuf.stmts.len());
    for raw in &parsed.protobuf.stmts {
        let start = usize::try_from(raw.stmt_location)
            .unwrap_or(0)
            .min(script.len());
        let end = if raw.stmt_len == 0 {
            script.len()
        } else {
            start
                .saturating_add(usize::try_from(raw.stmt_len).unwrap_or(0))
                .min(script.len())
        };
        let (start, end) = trim_range(script, start, end);
        let node = raw.stmt.as_ref().and_then(|n| n.node.as_ref());
        statements.push(Statement {
            range: start..end,
            role: node.map_or(StatementRole::Regular, |n| role_of(n, server_version_num)),
            session_setting: node.and_then(session_setting),
        });
    }
    let line_of = |offset: usize| 1 + script[..offset].matches('\n').count();
    let no_transaction = statements.iter().find_map(|s| match s.role {
        StatementRole::NoTransaction(what) => Some((what, s.range.start)),
        _ => None,
    });
    let transaction_control = statements
        .iter()
        .find(|s| s.role == StatementRole::TransactionControl);
    let (mode, reason) = if let Some((what, at)) = no_transaction {
        (
            ExecutionMode::StatementByStatement,
            Some(format!(
                "{what} at line {} cannot run in a transaction",
                line_of(at)
            )),
        )
    } else if let Some(statement) = transaction_control {
        (
            ExecutionMode::Script,
            Some(format!(
                "it manages its own transactions (line {})",
                line_of(statement.range.start)
            )),
        )
    } else {
        (ExecutionMode::Transaction, None)
    };
    ScriptAnalysis {
        statements,
        mode,
        reason,
        parse_error: None,
    }
}

fn parse_error_message(error: &pg_query::Error) -> String {
    match error {
        pg_query::Error::Parse(message) => message.clone(),
        other => other.to_string(),
    }
}

/// Shrinks a statement range so it starts at its first token and ends before the `;`.
fn trim_range(script: &str, start: usize, end: usize) -> (usize, usize) {
    let text = &script[start..end];
    let trimmed_end = text.trim_end().trim_end_matches(';').trim_end();
    let leading = trimmed_end.len() - trimmed_end.trim_start().len();
    (start + leading, start + trimmed_end.len())
}

fn role_of(node: &NodeEnum, server_version_num: u32) -> StatementRole {
    match node {
        NodeEnum::TransactionStmt(_) => StatementRole::TransactionControl,
        NodeEnum::IndexStmt(s) if s.concurrent => {
            StatementRole::NoTransaction("CREATE INDEX CONCURRENTLY")
        }
        NodeEnum::DropStmt(s) if s.concurrent => {
            if s.remove_type == ObjectType::ObjectIndex as i32 {
                StatementRole::NoTransaction("DROP INDEX CONCURRENTLY")
            } else {
                StatementRole::NoTransaction("DROP … CONCURRENTLY")
            }
        }
        NodeEnum::ReindexStmt(s) if has_option(&s.params, "concurrently") => {
            StatementRole::NoTransaction("REINDEX CONCURRENTLY")
        }
        NodeEnum::VacuumStmt(s) if s.is_vacuumcmd => StatementRole::NoTransaction("VACUUM"),
        NodeEnum::ClusterStmt(s) if s.relation.is_none() => {
            StatementRole::NoTransaction("CLUSTER without a table")
        }
        NodeEnum::CreatedbStmt(_) => StatementRole::NoTransaction("CREATE DATABASE"),
        NodeEnum::DropdbStmt(_) => StatementRole::NoTransaction("DROP DATABASE"),
        NodeEnum::AlterSystemStmt(_) => StatementRole::NoTransaction("ALTER SYSTEM"),
        NodeEnum::CreateTableSpaceStmt(_) => StatementRole::NoTransaction("CREATE TABLESPACE"),
        NodeEnum::DropTableSpaceStmt(_) => StatementRole::NoTransaction("DROP TABLESPACE"),
        NodeEnum::CreateSubscriptionStmt(_) => StatementRole::NoTransaction("CREATE SUBSCRIPTION"),
        NodeEnum::DropSubscriptionStmt(_) => StatementRole::NoTransaction("DROP SUBSCRIPTION"),
        NodeEnum::DiscardStmt(s) if s.target == DiscardMode::DiscardAll as i32 => {
            StatementRole::NoTransaction("DISCARD ALL")
        }
        NodeEnum::AlterEnumStmt(s) if s.old_val.is_empty() && server_version_num < 120_000 => {
            StatementRole::NoTransaction("ALTER TYPE … ADD VALUE (before PostgreSQL 12)")
        }
        NodeEnum::AlterTableStmt(s) if detaches_concurrently(&s.cmds) => {
            StatementRole::NoTransaction("DETACH PARTITION CONCURRENTLY")
        }
        _ => StatementRole::Regular,
    }
}

fn has_option(params: &[pg_query::Node], name: &str) -> bool {
    params.iter().any(
        |p| matches!(&p.node, Some(NodeEnum::DefElem(d)) if d.defname.eq_ignore_ascii_case(name)),
    )
}

fn detaches_concurrently(cmds: &[pg_query::Node]) -> bool {
    cmds.iter().any(|cmd| {
        let Some(NodeEnum::AlterTableCmd(cmd)) = &cmd.node else {
            return false;
        };
        cmd.subtype == AlterTableType::AtDetachPartition as i32
            && matches!(
                cmd.def.as_deref().and_then(|d| d.node.as_ref()),
                Some(NodeEnum::PartitionCmd(p)) if p.concurrent
            )
    })
}

fn session_setting(node: &NodeEnum) -> Option<String> {
    match node {
        NodeEnum::VariableSetStmt(s) if !s.is_local && !s.name.is_empty() => Some(s.name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(script: &str) -> Vec<&str> {
        let analysis = analyze_script(script, 150_000);
        (0..analysis.statements.len())
            .map(|i| analysis.statement_text(script, i))
            .collect()
    }

    #[test]
    fn plain_ddl_runs_in_a_transaction() {
        let script = "-- CreateTable\nCREATE TABLE \"A\" (id int);\n\n-- CreateIndex\nCREATE INDEX a ON \"A\"(id);\n";
        let analysis = analyze_script(script, 150_000);
        assert_eq!(analysis.mode, ExecutionMode::Transaction);
        assert_eq!(
            texts(script),
            ["CREATE TABLE \"A\" (id int)", "CREATE INDEX a ON \"A\"(id)"]
        );
    }

    #[test]
    fn dollar_quotes_strings_and_comments_do_not_split_statements() {
        let script = "DO $do$ BEGIN PERFORM 1; END $do$;\nINSERT INTO t VALUES ('a;b$$c', '$2b$10$x'); -- ; in a comment\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;";
        assert_eq!(
            texts(script),
            [
                "DO $do$ BEGIN PERFORM 1; END $do$",
                "INSERT INTO t VALUES ('a;b$$c', '$2b$10$x')",
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"
            ]
        );
        assert_eq!(
            analyze_script(script, 150_000).mode,
            ExecutionMode::Transaction
        );
    }

    #[test]
    fn concurrently_forces_statement_by_statement() {
        let script = "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY i ON a (id);";
        let analysis = analyze_script(script, 150_000);
        assert_eq!(analysis.mode, ExecutionMode::StatementByStatement);
        assert_eq!(
            analysis.reason.as_deref(),
            Some("CREATE INDEX CONCURRENTLY at line 2 cannot run in a transaction")
        );
        for script in [
            "DROP INDEX CONCURRENTLY i",
            "REINDEX (CONCURRENTLY) INDEX i",
            "REINDEX INDEX CONCURRENTLY i",
            "VACUUM a",
            "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
        ] {
            assert_eq!(
                analyze_script(script, 150_000).mode,
                ExecutionMode::StatementByStatement,
                "{script}"
            );
        }
    }

    #[test]
    fn own_transaction_control_sends_the_script_whole() {
        let script = "BEGIN;\nALTER TYPE \"E\" RENAME TO \"E_old\";\nCOMMIT;";
        let analysis = analyze_script(script, 150_000);
        assert_eq!(analysis.mode, ExecutionMode::Script);
        assert_eq!(
            analysis.statements[0].role,
            StatementRole::TransactionControl
        );
    }

    #[test]
    fn add_value_depends_on_the_server_version() {
        let script = "ALTER TYPE \"E\" ADD VALUE 'x'";
        assert_eq!(
            analyze_script(script, 150_000).mode,
            ExecutionMode::Transaction
        );
        assert_eq!(
            analyze_script(script, 110_000).mode,
            ExecutionMode::StatementByStatement
        );
    }

    #[test]
    fn session_settings_are_noticed() {
        let analysis = analyze_script(
            "SET lock_timeout = '5s'; SET LOCAL statement_timeout = 0;",
            150_000,
        );
        assert_eq!(
            analysis.statements[0].session_setting.as_deref(),
            Some("lock_timeout")
        );
        assert_eq!(analysis.statements[1].session_setting, None);
    }

    #[test]
    fn unparseable_scripts_are_sent_whole_with_the_parser_message() {
        let analysis = analyze_script("CREATE TABLE (;", 150_000);
        assert_eq!(analysis.mode, ExecutionMode::Script);
        assert!(analysis.parse_error.unwrap().contains("syntax error"));
    }

    #[test]
    fn empty_and_comment_only_scripts_have_no_statements() {
        for script in ["", "-- nothing\n", "/* a */ ;"] {
            let analysis = analyze_script(script, 150_000);
            assert_eq!(analysis.mode, ExecutionMode::Transaction, "{script}");
            assert!(
                analysis.statements.iter().all(|s| s.range.is_empty()),
                "{script}"
            );
        }
    }
}
