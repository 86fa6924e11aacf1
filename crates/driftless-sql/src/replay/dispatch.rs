//! One migration: parse it, and hand each statement to the module that knows its kind.
//! Statements that cannot change the schema are counted and skipped.

use pg_query::NodeEnum;
use pg_query::protobuf::{TransactionStmtKind, VariableSetKind};

use super::state::{Current, Replayer};
use super::{DoubtKind, MigrationReplay};

/// What a statement did to the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effect {
    /// It was applied (or found to be an error, with a doubt).
    Applied,
    /// It cannot change the schema.
    Skipped,
}

impl Replayer {
    /// Replays one migration; the returned record says whether the replay is sure of it.
    pub fn apply(&mut self, name: &str, script: &str) -> &MigrationReplay {
        self.migrations.push(MigrationReplay {
            name: name.to_string(),
            statements: 0,
            skipped: 0,
            doubts: Vec::new(),
        });
        // `migrate deploy` resets the session before every migration.
        self.search_path = vec![self.options.default_schema.clone()];
        self.in_transaction = None;
        match pg_query::parse(script, pg_query::ParserOptions::DEFAULT) {
            Ok(parsed) => {
                let mut line = 1;
                let mut counted_to = 0;
                for raw in &parsed.protobuf.stmts {
                    let start =
                        first_token(script, usize::try_from(raw.stmt_location).unwrap_or(0));
                    line += script
                        .get(counted_to..start)
                        .map_or(0, |s| s.matches('\n').count());
                    counted_to = start.max(counted_to);
                    let end = if raw.stmt_len == 0 {
                        script.len()
                    } else {
                        usize::try_from(raw.stmt_location)
                            .unwrap_or(0)
                            .saturating_add(usize::try_from(raw.stmt_len).unwrap_or(0))
                            .min(script.len())
                    };
                    let text = script.get(start..end.max(start)).unwrap_or("");
                    self.current = Current {
                        line,
                        statement: one_line(text),
                    };
                    let Some(node) = raw.stmt.as_ref().and_then(|n| n.node.as_ref()) else {
                        continue;
                    };
                    let effect = self.statement(node, text);
                    if let Some(m) = self.migrations.last_mut() {
                        m.statements += 1;
                        if effect == Effect::Skipped {
                            m.skipped += 1;
                        }
                    }
                    if effect == Effect::Applied {
                        self.changed();
                    }
                }
            }
            Err(error) => {
                self.current = Current {
                    line: 1,
                    statement: one_line(script),
                };
                let message = match error {
                    pg_query::Error::Parse(message) => message,
                    other => other.to_string(),
                };
                self.doubt(
                    DoubtKind::Unparsable,
                    format!("PostgreSQL's grammar cannot read the script: {message}"),
                );
            }
        }
        if self.in_transaction.is_some() {
            // An open transaction at the end of a script: PostgreSQL rolls it back when the
            // session ends, but `migrate deploy` keeps the session; committed either way
            // by the next statement of the history. Say so.
            self.doubt(
                DoubtKind::Unsupported,
                "the script leaves a transaction open (BEGIN without COMMIT)",
            );
        }
        let index = self.migrations.len() - 1;
        &self.migrations[index]
    }

    /// Routes one statement.
    pub(super) fn statement(&mut self, node: &NodeEnum, text: &str) -> Effect {
        match node {
            NodeEnum::CreateStmt(s) => self.create_table(s),
            NodeEnum::AlterTableStmt(s) => self.alter_table(s),
            NodeEnum::DropStmt(s) => self.drop(s),
            NodeEnum::RenameStmt(s) => self.rename(s),
            NodeEnum::AlterObjectSchemaStmt(s) => self.set_schema(s),
            NodeEnum::IndexStmt(s) => self.create_index(s),
            NodeEnum::CreateEnumStmt(s) => self.create_enum(s),
            NodeEnum::AlterEnumStmt(s) => self.alter_enum(s),
            NodeEnum::CreateDomainStmt(s) => self.create_domain(s),
            NodeEnum::AlterDomainStmt(s) => self.alter_domain(s),
            NodeEnum::CompositeTypeStmt(s) => self.create_composite_type(s),
            NodeEnum::CreateRangeStmt(_) | NodeEnum::DefineStmt(_) => {
                self.doubt(
                    DoubtKind::Unsupported,
                    "this kind of type, operator or aggregate definition is not followed",
                );
                Effect::Applied
            }
            NodeEnum::CreateSeqStmt(s) => self.create_sequence(s),
            NodeEnum::AlterSeqStmt(s) => self.alter_sequence(s),
            NodeEnum::ViewStmt(s) => self.create_view(s, text),
            NodeEnum::CreateTableAsStmt(s) => self.create_table_as(s, text),
            NodeEnum::RefreshMatViewStmt(_) => Effect::Skipped,
            NodeEnum::CreateFunctionStmt(s) => self.create_function(s),
            NodeEnum::AlterFunctionStmt(_) => Effect::Skipped,
            NodeEnum::CreateTrigStmt(s) => self.create_trigger(s),
            NodeEnum::CreateExtensionStmt(s) => self.create_extension(s),
            NodeEnum::AlterExtensionStmt(_) => {
                self.doubt(
                    DoubtKind::Unsupported,
                    "ALTER EXTENSION is not followed (its version)",
                );
                Effect::Applied
            }
            NodeEnum::CreateSchemaStmt(s) => self.create_schema(s),
            NodeEnum::CommentStmt(s) => self.comment(s),
            NodeEnum::VariableSetStmt(s) => {
                if s.name == "search_path" {
                    self.set_search_path(s);
                    Effect::Applied
                } else {
                    if s.kind == VariableSetKind::VarResetAll as i32 {
                        self.search_path = vec![self.options.default_schema.clone()];
                    }
                    Effect::Skipped
                }
            }
            NodeEnum::TransactionStmt(s) => {
                self.transaction(s.kind);
                Effect::Skipped
            }
            NodeEnum::DoStmt(s) => self.do_block(s),
            NodeEnum::CallStmt(_) => {
                self.doubt(
                    DoubtKind::Dynamic,
                    "CALL runs a procedure at migration time, which may change the schema",
                );
                Effect::Applied
            }
            NodeEnum::SelectStmt(_)
            | NodeEnum::InsertStmt(_)
            | NodeEnum::UpdateStmt(_)
            | NodeEnum::DeleteStmt(_)
            | NodeEnum::MergeStmt(_) => self.data_statement(node, text),
            NodeEnum::CreatePolicyStmt(_)
            | NodeEnum::AlterPolicyStmt(_)
            | NodeEnum::GrantStmt(_)
            | NodeEnum::GrantRoleStmt(_)
            | NodeEnum::AlterDefaultPrivilegesStmt(_)
            | NodeEnum::CreateRoleStmt(_)
            | NodeEnum::AlterRoleStmt(_)
            | NodeEnum::AlterRoleSetStmt(_)
            | NodeEnum::DropRoleStmt(_)
            | NodeEnum::AlterOwnerStmt(_)
            | NodeEnum::ReassignOwnedStmt(_)
            | NodeEnum::VacuumStmt(_)
            | NodeEnum::ClusterStmt(_)
            | NodeEnum::ReindexStmt(_)
            | NodeEnum::LockStmt(_)
            | NodeEnum::TruncateStmt(_)
            | NodeEnum::NotifyStmt(_)
            | NodeEnum::ListenStmt(_)
            | NodeEnum::UnlistenStmt(_)
            | NodeEnum::CheckPointStmt(_)
            | NodeEnum::DiscardStmt(_)
            | NodeEnum::VariableShowStmt(_)
            | NodeEnum::ExplainStmt(_)
            | NodeEnum::CopyStmt(_)
            | NodeEnum::ConstraintsSetStmt(_)
            | NodeEnum::AlterDatabaseSetStmt(_)
            | NodeEnum::AlterDatabaseStmt(_)
            | NodeEnum::AlterSystemStmt(_)
            | NodeEnum::SecLabelStmt(_)
            | NodeEnum::AlterStatsStmt(_)
            | NodeEnum::CreateStatsStmt(_)
            | NodeEnum::CreatePublicationStmt(_)
            | NodeEnum::AlterPublicationStmt(_)
            | NodeEnum::CreateSubscriptionStmt(_)
            | NodeEnum::AlterSubscriptionStmt(_)
            | NodeEnum::DropSubscriptionStmt(_)
            | NodeEnum::CreatedbStmt(_)
            | NodeEnum::DropdbStmt(_)
            | NodeEnum::CreateTableSpaceStmt(_)
            | NodeEnum::DropTableSpaceStmt(_)
            | NodeEnum::PrepareStmt(_)
            | NodeEnum::DeallocateStmt(_)
            | NodeEnum::DeclareCursorStmt(_)
            | NodeEnum::FetchStmt(_)
            | NodeEnum::ClosePortalStmt(_)
            | NodeEnum::LoadStmt(_) => Effect::Skipped,
            NodeEnum::ExecuteStmt(_) => {
                self.doubt(
                    DoubtKind::Dynamic,
                    "EXECUTE of a prepared statement: its effect is not known statically",
                );
                Effect::Applied
            }
            _ => {
                self.doubt(
                    DoubtKind::Unsupported,
                    "this kind of statement is not followed by the in-memory replay",
                );
                Effect::Applied
            }
        }
    }

    fn transaction(&mut self, kind: i32) {
        let is = |k: TransactionStmtKind| kind == k as i32;
        if is(TransactionStmtKind::TransStmtBegin) || is(TransactionStmtKind::TransStmtStart) {
            self.in_transaction = Some(false);
        } else if is(TransactionStmtKind::TransStmtCommit)
            || is(TransactionStmtKind::TransStmtCommitPrepared)
            || is(TransactionStmtKind::TransStmtPrepare)
        {
            self.in_transaction = None;
        } else if is(TransactionStmtKind::TransStmtRollback)
            || is(TransactionStmtKind::TransStmtRollbackTo)
            || is(TransactionStmtKind::TransStmtRollbackPrepared)
        {
            let changed = self.in_transaction.unwrap_or(true);
            if changed {
                self.doubt(
                    DoubtKind::Unsupported,
                    "ROLLBACK undoes statements that the replay has applied",
                );
            }
            if !is(TransactionStmtKind::TransStmtRollbackTo) {
                self.in_transaction = None;
            }
        }
    }
}

/// The offset of the first token at or after `from` (skipping blanks and comments).
fn first_token(script: &str, from: usize) -> usize {
    let bytes = script.as_bytes();
    let mut i = from.min(bytes.len());
    loop {
        while i < bytes.len() && (bytes[i] as char).is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'-') && bytes.get(i + 1) == Some(&b'-') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes.get(i) == Some(&b'/') && bytes.get(i + 1) == Some(&b'*') {
            let mut depth = 0usize;
            while i < bytes.len() {
                if bytes.get(i) == Some(&b'/') && bytes.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if bytes.get(i) == Some(&b'*') && bytes.get(i + 1) == Some(&b'/') {
                    depth = depth.saturating_sub(1);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else {
            break;
        }
    }
    while i < script.len() && !script.is_char_boundary(i) {
        i += 1;
    }
    i.min(script.len())
}

/// A statement on one line, shortened for messages.
pub(super) fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let joined = joined.trim_end_matches(';').to_string();
    if joined.chars().count() > 100 {
        let cut: String = joined.chars().take(97).collect();
        format!("{cut}…")
    } else {
        joined
    }
}
