//! Statements that run code at migration time: data statements that call user functions,
//! and `DO` blocks. A `DO` block is read with PL/pgSQL's own parser: its unconditional
//! DDL is applied, conditions that only ask the catalogs whether an object exists
//! (`IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '…')`) are answered from
//! the model, and data statements are skipped; anything else that may change the schema
//! (DDL in a loop, `EXECUTE`, a condition on data) makes the migration unsure.

use pg_query::NodeEnum;
use pg_query::protobuf::{AExprKind, BoolExprType, DoStmt, SubLinkType};
use serde_json::Value;

use super::DoubtKind;
use super::dispatch::Effect;
use super::expressions::{called_functions, def_arg_text, strings};
use super::state::Replayer;

/// Keywords that make a function body able to change the schema.
const SCHEMA_CHANGING: &[&str] = &["create", "alter", "drop", "execute", "comment", "truncate"];

/// Whether a statement node only reads or writes data.
fn is_data_statement(node: &NodeEnum) -> bool {
    matches!(
        node,
        NodeEnum::SelectStmt(_)
            | NodeEnum::InsertStmt(_)
            | NodeEnum::UpdateStmt(_)
            | NodeEnum::DeleteStmt(_)
            | NodeEnum::MergeStmt(_)
    )
}

impl Replayer {
    /// A data statement: skipped, unless it calls a user function that may change the
    /// schema, or creates a table (`SELECT … INTO`).
    pub(super) fn data_statement(&mut self, node: &NodeEnum, text: &str) -> Effect {
        if let NodeEnum::SelectStmt(select) = node {
            if select.into_clause.is_some() {
                self.doubt(
                    DoubtKind::Unsupported,
                    "SELECT … INTO creates a table whose column types come from a query",
                );
                return Effect::Applied;
            }
        }
        self.check_calls(text);
        Effect::Skipped
    }

    /// A doubt for each user function `text` calls that may change the schema.
    fn check_calls(&mut self, text: &str) {
        for name in called_functions(text) {
            if name == "set_config" {
                self.doubt(
                    DoubtKind::Dynamic,
                    "set_config() at migration time may change the search path",
                );
                continue;
            }
            let mut visited = Vec::new();
            if !self.function_is_neutral(&name, &mut visited) {
                self.doubt(
                    DoubtKind::Dynamic,
                    format!(
                        "calls the user function {name}() at migration time, whose body may change the schema"
                    ),
                );
            }
        }
    }

    /// Whether calling the user functions named `name` cannot change the schema: SQL or
    /// PL/pgSQL bodies without DDL or dynamic SQL, calling only such functions. Names that
    /// are no user function (built-ins) are neutral.
    fn function_is_neutral(&self, name: &str, visited: &mut Vec<String>) -> bool {
        if visited.iter().any(|v| v == name) {
            return true;
        }
        visited.push(name.to_string());
        let bodies: Vec<(String, String)> = self
            .schema
            .functions
            .iter()
            .filter(|f| f.name.name == name)
            .map(|f| (f.language.clone(), f.body.clone()))
            .collect();
        for (language, body) in bodies {
            if language != "sql" && language != "plpgsql" {
                return false;
            }
            let Ok(scan) = pg_query::scan(&body) else {
                return false;
            };
            for token in &scan.tokens {
                let (Ok(start), Ok(end)) =
                    (usize::try_from(token.start), usize::try_from(token.end))
                else {
                    continue;
                };
                let word = body.get(start..end).unwrap_or("").to_ascii_lowercase();
                if SCHEMA_CHANGING.contains(&word.as_str()) {
                    return false;
                }
            }
            for called in called_functions(&body) {
                if called == "set_config" || !self.function_is_neutral(&called, visited) {
                    return false;
                }
            }
        }
        true
    }

    pub(super) fn do_block(&mut self, s: &DoStmt) -> Effect {
        let mut language = "plpgsql".to_string();
        let mut body = None;
        for arg in &s.args {
            if let Some(NodeEnum::DefElem(d)) = arg.node.as_ref() {
                match d.defname.as_str() {
                    "language" => {
                        language = def_arg_text(d.arg.as_deref())
                            .unwrap_or_default()
                            .to_lowercase();
                    }
                    "as" => body = def_arg_text(d.arg.as_deref()),
                    _ => {}
                }
            }
        }
        let Some(body) = body.filter(|_| language == "plpgsql") else {
            self.doubt(
                DoubtKind::Dynamic,
                "a DO block in a language other than PL/pgSQL: its effect is not known statically",
            );
            return Effect::Applied;
        };
        let mut tag = "$driftless$".to_string();
        while body.contains(&tag) {
            tag.insert(1, 'x');
        }
        let wrapped = format!(
            "CREATE FUNCTION pg_temp.driftless_do() RETURNS void LANGUAGE plpgsql AS {tag}{body}{tag}"
        );
        let parsed = match pg_query::parse_plpgsql(&wrapped) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.doubt(
                    DoubtKind::Dynamic,
                    format!("a DO block that PL/pgSQL's parser cannot read: {e}"),
                );
                return Effect::Applied;
            }
        };
        let block = parsed
            .get(0)
            .and_then(|f| f.get("PLpgSQL_function"))
            .and_then(|f| f.get("action"));
        match block {
            Some(block) => self.plpgsql_statement(block, false),
            None => self.doubt(DoubtKind::Dynamic, "a DO block that could not be read"),
        }
        Effect::Applied
    }

    /// Interprets one PL/pgSQL statement. `conditional`: it may or may not run (inside a
    /// loop, an undecided condition, or a block with an exception handler).
    fn plpgsql_statement(&mut self, statement: &Value, conditional: bool) {
        let Some((kind, body)) = statement.as_object().and_then(|o| o.iter().next()) else {
            return;
        };
        let query_of = |v: &Value| {
            v.get("PLpgSQL_expr")
                .and_then(|e| e.get("query"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
        match kind.as_str() {
            "PLpgSQL_stmt_block" => {
                let handled = body.get("exceptions").is_some();
                for s in list(body.get("body")) {
                    self.plpgsql_statement(&s, conditional || handled);
                }
            }
            "PLpgSQL_stmt_execsql" => {
                if let Some(query) = body.get("sqlstmt").and_then(query_of) {
                    self.plpgsql_sql(&query, conditional);
                }
            }
            "PLpgSQL_stmt_if" => {
                let mut branches: Vec<(Option<String>, Vec<Value>)> = vec![(
                    body.get("cond").and_then(query_of),
                    list(body.get("then_body")),
                )];
                for elsif in list(body.get("elsif_list")) {
                    let e = elsif.get("PLpgSQL_if_elsif").unwrap_or(&elsif);
                    branches.push((e.get("cond").and_then(query_of), list(e.get("stmts"))));
                }
                branches.push((None, list(body.get("else_body"))));
                let mut undecided = conditional;
                for (condition, statements) in branches {
                    let taken = match &condition {
                        None => Some(true),
                        Some(c) if !undecided => self.catalog_condition(c),
                        Some(_) => None,
                    };
                    if let Some(c) = &condition {
                        self.check_calls(c);
                    }
                    match taken {
                        Some(true) => {
                            for s in &statements {
                                self.plpgsql_statement(s, undecided);
                            }
                            if !undecided {
                                break;
                            }
                        }
                        Some(false) => {}
                        None => {
                            for s in &statements {
                                self.plpgsql_statement(s, true);
                            }
                            undecided = true;
                        }
                    }
                }
            }
            "PLpgSQL_stmt_loop"
            | "PLpgSQL_stmt_while"
            | "PLpgSQL_stmt_fori"
            | "PLpgSQL_stmt_fors"
            | "PLpgSQL_stmt_forc"
            | "PLpgSQL_stmt_foreach_a"
            | "PLpgSQL_stmt_case" => {
                for key in ["query", "cond", "expr", "lower", "upper", "t_expr"] {
                    if let Some(q) = body.get(key).and_then(query_of) {
                        self.check_calls(&q);
                    }
                }
                for s in list(body.get("body")) {
                    self.plpgsql_statement(&s, true);
                }
                for when in list(body.get("case_when_list")) {
                    let w = when.get("PLpgSQL_case_when").unwrap_or(&when);
                    for s in list(w.get("stmts")) {
                        self.plpgsql_statement(&s, true);
                    }
                }
                for s in list(body.get("else_stmts")) {
                    self.plpgsql_statement(&s, true);
                }
            }
            "PLpgSQL_stmt_dynexecute" | "PLpgSQL_stmt_dynfors" => self.doubt(
                DoubtKind::Dynamic,
                "a DO block runs dynamic SQL (EXECUTE): its effect is not known statically",
            ),
            "PLpgSQL_stmt_call" => self.doubt(
                DoubtKind::Dynamic,
                "a DO block calls a procedure, which may change the schema",
            ),
            "PLpgSQL_stmt_commit" | "PLpgSQL_stmt_rollback" => self.doubt(
                DoubtKind::Dynamic,
                "a DO block commits or rolls back on its own",
            ),
            _ => {
                // PERFORM, assignments, RETURN, RAISE, …: only their expressions matter.
                for key in ["expr", "cond", "query"] {
                    if let Some(q) = body.get(key).and_then(query_of) {
                        self.check_calls(&q);
                    }
                }
            }
        }
    }

    /// One SQL statement of a `DO` block.
    fn plpgsql_sql(&mut self, query: &str, conditional: bool) {
        let Ok(parsed) = pg_query::parse(query, pg_query::ParserOptions::DEFAULT) else {
            self.doubt(
                DoubtKind::Dynamic,
                "a statement of a DO block that PostgreSQL's grammar cannot read alone",
            );
            return;
        };
        for raw in &parsed.protobuf.stmts {
            let Some(node) = raw.stmt.as_ref().and_then(|n| n.node.as_ref()) else {
                continue;
            };
            if is_data_statement(node) {
                self.check_calls(query);
            } else if conditional {
                self.doubt(
                    DoubtKind::Dynamic,
                    "a DO block changes the schema inside a loop, a condition on data, or a block that catches errors",
                );
            } else {
                let _ = self.statement(node, query);
            }
        }
    }

    /// Answers `[NOT] EXISTS (SELECT … FROM <catalog> WHERE col = 'x' AND …)` from the
    /// model; `None` for any other condition.
    fn catalog_condition(&self, condition: &str) -> Option<bool> {
        let parsed = pg_query::parse(
            &format!("SELECT {condition}"),
            pg_query::ParserOptions::DEFAULT,
        )
        .ok()?;
        let stmt = parsed
            .protobuf
            .stmts
            .first()?
            .stmt
            .as_ref()?
            .node
            .as_ref()?;
        let NodeEnum::SelectStmt(select) = stmt else {
            return None;
        };
        let NodeEnum::ResTarget(target) = select.target_list.first()?.node.as_ref()? else {
            return None;
        };
        let mut node = target.val.as_deref()?;
        let mut negated = false;
        if let Some(NodeEnum::BoolExpr(b)) = node.node.as_ref() {
            if b.boolop == BoolExprType::NotExpr as i32 && b.args.len() == 1 {
                negated = true;
                node = &b.args[0];
            }
        }
        let NodeEnum::SubLink(link) = node.node.as_ref()? else {
            return None;
        };
        if link.sub_link_type != SubLinkType::ExistsSublink as i32 {
            return None;
        }
        let NodeEnum::SelectStmt(sub) = link.subselect.as_deref()?.node.as_ref()? else {
            return None;
        };
        if sub.from_clause.len() != 1 {
            return None;
        }
        let NodeEnum::RangeVar(relation) = sub.from_clause[0].node.as_ref()? else {
            return None;
        };
        let mut filters = Vec::new();
        collect_equalities(sub.where_clause.as_deref()?, &mut filters)?;
        let exists = self.catalog_has(&relation.schemaname, &relation.relname, &filters)?;
        Some(exists != negated)
    }

    /// Whether the catalog `relation` has a row matching every (column, value).
    fn catalog_has(
        &self,
        schema: &str,
        relation: &str,
        filters: &[(String, String)],
    ) -> Option<bool> {
        let get = |name: &str| {
            filters
                .iter()
                .find(|(c, _)| c == name)
                .map(|(_, v)| v.as_str())
        };
        let known = |allowed: &[&str]| filters.iter().all(|(c, _)| allowed.contains(&c.as_str()));
        let matches = |wanted: Option<&str>, actual: &str| wanted.is_none_or(|w| w == actual);
        let tables = &self.schema.tables;
        match (schema, relation) {
            ("" | "pg_catalog", "pg_constraint") => {
                if !known(&["conname"]) {
                    return None;
                }
                let name = get("conname")?;
                Some(tables.iter().any(|t| t.has_constraint(name)))
            }
            ("information_schema", "table_constraints") => {
                if !known(&[
                    "constraint_name",
                    "table_name",
                    "table_schema",
                    "constraint_schema",
                    "constraint_type",
                ]) {
                    return None;
                }
                Some(tables.iter().any(|t| {
                    matches(get("table_name"), &t.name.name)
                        && matches(get("table_schema"), &t.name.schema)
                        && matches(get("constraint_schema"), &t.name.schema)
                        && constraint_rows(t).iter().any(|(name, kind)| {
                            matches(get("constraint_name"), name)
                                && matches(get("constraint_type"), kind)
                        })
                }))
            }
            ("information_schema", "tables") | ("" | "pg_catalog", "pg_tables") => {
                if !known(&["table_name", "table_schema", "tablename", "schemaname"]) {
                    return None;
                }
                let name = get("table_name").or(get("tablename"));
                let namespace = get("table_schema").or(get("schemaname"));
                let views =
                    relation == "tables"
                        && self.schema.views.iter().any(|v| {
                            matches(name, &v.name.name) && matches(namespace, &v.name.schema)
                        });
                Some(
                    views
                        || tables.iter().any(|t| {
                            matches(name, &t.name.name) && matches(namespace, &t.name.schema)
                        }),
                )
            }
            ("information_schema", "columns") => {
                if !known(&["table_name", "table_schema", "column_name"]) {
                    return None;
                }
                Some(tables.iter().any(|t| {
                    matches(get("table_name"), &t.name.name)
                        && matches(get("table_schema"), &t.name.schema)
                        && t.columns
                            .iter()
                            .any(|c| matches(get("column_name"), &c.name))
                }))
            }
            ("" | "pg_catalog", "pg_indexes") => {
                if !known(&["indexname", "tablename", "schemaname"]) {
                    return None;
                }
                Some(tables.iter().any(|t| {
                    matches(get("tablename"), &t.name.name)
                        && matches(get("schemaname"), &t.name.schema)
                        && (t.indexes.iter().any(|i| matches(get("indexname"), &i.name))
                            || t.primary_key
                                .iter()
                                .any(|p| matches(get("indexname"), &p.name))
                            || t.unique_constraints
                                .iter()
                                .any(|u| matches(get("indexname"), &u.name)))
                }))
            }
            ("" | "pg_catalog", "pg_type") => {
                if !known(&["typname"]) {
                    return None;
                }
                let name = get("typname")?;
                Some(
                    self.schema.enums.iter().any(|e| e.name.name == name)
                        || self.schema.domains.iter().any(|d| d.name.name == name)
                        || self.schema.other_types.iter().any(|o| o.name.name == name)
                        || tables.iter().any(|t| t.name.name == name),
                )
            }
            ("" | "pg_catalog", "pg_extension") => {
                if !known(&["extname"]) {
                    return None;
                }
                let name = get("extname")?;
                Some(self.schema.extensions.iter().any(|e| e.name == name))
            }
            ("" | "pg_catalog", "pg_namespace") => {
                if !known(&["nspname"]) {
                    return None;
                }
                Some(self.namespace_exists(get("nspname")?))
            }
            _ => None,
        }
    }
}

/// The constraints of a table as `information_schema.table_constraints` lists them.
fn constraint_rows(t: &driftless_schema::Table) -> Vec<(String, &'static str)> {
    let mut rows = Vec::new();
    if let Some(pk) = &t.primary_key {
        rows.push((pk.name.clone(), "PRIMARY KEY"));
    }
    for u in &t.unique_constraints {
        rows.push((u.name.clone(), "UNIQUE"));
    }
    for f in &t.foreign_keys {
        rows.push((f.name.clone(), "FOREIGN KEY"));
    }
    for c in &t.checks {
        rows.push((c.name.clone(), "CHECK"));
    }
    rows
}

/// `a = 'x' AND b = 'y'` as [(a, x), (b, y)]; `None` for anything else.
fn collect_equalities(node: &pg_query::Node, out: &mut Vec<(String, String)>) -> Option<()> {
    match node.node.as_ref()? {
        NodeEnum::BoolExpr(b) if b.boolop == BoolExprType::AndExpr as i32 => {
            for arg in &b.args {
                collect_equalities(arg, out)?;
            }
            Some(())
        }
        NodeEnum::AExpr(e) if e.kind == AExprKind::AexprOp as i32 && strings(&e.name) == ["="] => {
            let column = |n: &pg_query::Node| match n.node.as_ref() {
                Some(NodeEnum::ColumnRef(c)) => strings(&c.fields).last().map(|s| s.to_string()),
                _ => None,
            };
            let value = |n: &pg_query::Node| -> Option<String> {
                match n.node.as_ref()? {
                    NodeEnum::TypeCast(cast) => {
                        super::expressions::string_constant(cast.arg.as_deref()?)
                            .map(str::to_string)
                    }
                    _ => super::expressions::string_constant(n).map(str::to_string),
                }
            };
            let (l, r) = (e.lexpr.as_deref()?, e.rexpr.as_deref()?);
            let (c, v) = match (column(l), value(r)) {
                (Some(c), Some(v)) => (c, v),
                _ => (column(r)?, value(l)?),
            };
            out.push((c, v));
            Some(())
        }
        _ => None,
    }
}
