//! What a statement that runs outside a transaction block changes, so that a deploy that was
//! interrupted while it ran can tell from the catalog whether it took effect.
//!
//! A statement such as `CREATE INDEX CONCURRENTLY` commits on its own, in several steps, so
//! no history row can be written in the same transaction: after a crash, a cut connection
//! or a server restart, the row can only say that the statement *was running*. For the
//! statements migrations actually hold, the catalog answers the rest: the index is there and
//! valid (it took effect), absent (it did not), or there but invalid (an interrupted build,
//! to drop before running it again).

use pg_query::NodeEnum;
use pg_query::protobuf::ObjectType;

/// What an outside-transaction statement changes, as far as an interrupted run needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutsideTarget {
    /// `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON table …`: the index.
    CreateIndex {
        /// The table's schema as written (`None`: the session's search path decides).
        schema: Option<String>,
        /// The index name.
        name: String,
    },
    /// `DROP INDEX CONCURRENTLY [IF EXISTS] [schema.]name`: the index.
    DropIndex {
        /// The schema as written (`None`: the search path decides).
        schema: Option<String>,
        /// The index name.
        name: String,
    },
    /// Running it again does no harm and ends in the same state (`VACUUM`, `CLUSTER`,
    /// `DISCARD ALL`, `ALTER SYSTEM`).
    Repeatable,
    /// Anything else (an unnamed index, `REINDEX CONCURRENTLY`, `CREATE DATABASE`, …):
    /// whether it took effect cannot be read back generally.
    Unknown,
}

/// Reads one statement (its text alone) and says what it changes.
pub fn outside_target(statement: &str) -> OutsideTarget {
    let Ok(parsed) = pg_query::parse(statement, pg_query::ParserOptions::DEFAULT) else {
        return OutsideTarget::Unknown;
    };
    let [raw] = parsed.protobuf.stmts.as_slice() else {
        return OutsideTarget::Unknown;
    };
    let Some(node) = raw.stmt.as_ref().and_then(|n| n.node.as_ref()) else {
        return OutsideTarget::Unknown;
    };
    match node {
        NodeEnum::IndexStmt(s) if !s.idxname.is_empty() => OutsideTarget::CreateIndex {
            schema: s
                .relation
                .as_ref()
                .map(|r| r.schemaname.clone())
                .filter(|s| !s.is_empty()),
            name: s.idxname.clone(),
        },
        NodeEnum::DropStmt(s)
            if s.remove_type == ObjectType::ObjectIndex as i32 && s.objects.len() == 1 =>
        {
            let Some(NodeEnum::List(list)) = s.objects[0].node.as_ref() else {
                return OutsideTarget::Unknown;
            };
            let names: Vec<String> = list
                .items
                .iter()
                .filter_map(|item| match item.node.as_ref() {
                    Some(NodeEnum::String(s)) => Some(s.sval.clone()),
                    _ => None,
                })
                .collect();
            match names.as_slice() {
                [name] => OutsideTarget::DropIndex {
                    schema: None,
                    name: name.clone(),
                },
                [schema, name] => OutsideTarget::DropIndex {
                    schema: Some(schema.clone()),
                    name: name.clone(),
                },
                _ => OutsideTarget::Unknown,
            }
        }
        NodeEnum::VacuumStmt(_)
        | NodeEnum::ClusterStmt(_)
        | NodeEnum::DiscardStmt(_)
        | NodeEnum::AlterSystemStmt(_) => OutsideTarget::Repeatable,
        _ => OutsideTarget::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_index_statements_name_their_index() {
        assert_eq!(
            outside_target(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"A_b_key\" ON \"public\".\"A\"(\"b\")"
            ),
            OutsideTarget::CreateIndex {
                schema: Some("public".into()),
                name: "A_b_key".into()
            }
        );
        assert_eq!(
            outside_target("CREATE INDEX CONCURRENTLY a_idx ON a (x)"),
            OutsideTarget::CreateIndex {
                schema: None,
                name: "a_idx".into()
            }
        );
        assert_eq!(
            outside_target("DROP INDEX CONCURRENTLY IF EXISTS \"s\".\"A_b_idx\""),
            OutsideTarget::DropIndex {
                schema: Some("s".into()),
                name: "A_b_idx".into()
            }
        );
        assert_eq!(
            outside_target("CREATE INDEX CONCURRENTLY ON a (x)"),
            OutsideTarget::Unknown
        );
        assert_eq!(outside_target("VACUUM a"), OutsideTarget::Repeatable);
        assert_eq!(
            outside_target("REINDEX INDEX CONCURRENTLY a_idx"),
            OutsideTarget::Unknown
        );
    }
}
