//! One canonical form for SQL expressions, so that the same default, check or predicate is
//! equal to itself whichever source it came from.
//!
//! PostgreSQL rewrites what it stores (`DEFAULT 'a'` comes back as `'a'::text`,
//! `CHECK (price > 0)` as `CHECK ((price > (0)::numeric))`, `x IN ('a','b')` as
//! `x = ANY (ARRAY['a'::text, 'b'::text])`); Prisma writes `CURRENT_TIMESTAMP` where a
//! migration may say `now()`. Both sides go through [`canonical_expression`] (parse with
//! PostgreSQL's grammar, drop casts of constants, turn `IN` lists into `= ANY (ARRAY[…])`,
//! print again) or, for column defaults, [`canonical_default`], which also recognises
//! constants, `now()`, `nextval(…)` and arrays of constants. This is how Prisma's
//! best-known false drift (`dbgenerated` defaults that never converge) is avoided.

use driftless_schema::{ColumnType, DefaultValue, QualifiedName, TypeRef};
use pg_query::NodeEnum;
use pg_query::protobuf::{AExprKind, SqlValueFunctionOp, a_const};

use crate::types::{node_string, resolve_type_name};

/// Parses `SELECT <expr>` and hands out the expression node, mutably.
struct ParsedExpression {
    result: pg_query::protobuf::ParseResult,
}

impl ParsedExpression {
    fn parse(sql: &str) -> Option<ParsedExpression> {
        let result =
            pg_query::parse(&format!("SELECT {sql}"), pg_query::ParserOptions::DEFAULT).ok()?;
        let result = result.protobuf;
        let ok = result.stmts.len() == 1
            && matches!(
                result.stmts[0].stmt.as_ref().and_then(|s| s.node.as_ref()),
                Some(NodeEnum::SelectStmt(s)) if s.target_list.len() == 1 && s.from_clause.is_empty()
            );
        ok.then_some(ParsedExpression { result })
    }

    /// `SELECT <node>` built directly from an expression node of a parse tree (no
    /// printing and parsing again).
    fn from_node(node: &pg_query::Node) -> ParsedExpression {
        use pg_query::protobuf::{LimitOption, RawStmt, ResTarget, SelectStmt, SetOperation};
        let target = pg_query::Node {
            node: Some(NodeEnum::ResTarget(Box::new(ResTarget {
                val: Some(Box::new(node.clone())),
                ..ResTarget::default()
            }))),
        };
        let select = SelectStmt {
            target_list: vec![target],
            op: SetOperation::SetopNone as i32,
            limit_option: LimitOption::Default as i32,
            ..SelectStmt::default()
        };
        ParsedExpression {
            result: pg_query::protobuf::ParseResult {
                version: 0,
                stmts: vec![RawStmt {
                    stmt: Some(Box::new(pg_query::Node {
                        node: Some(NodeEnum::SelectStmt(Box::new(select))),
                    })),
                    stmt_location: 0,
                    stmt_len: 0,
                }],
            },
        }
    }

    fn expression_mut(&mut self) -> Option<&mut pg_query::Node> {
        let stmt = self.result.stmts.first_mut()?.stmt.as_mut()?;
        let Some(NodeEnum::SelectStmt(select)) = stmt.node.as_mut() else {
            return None;
        };
        let target = select.target_list.first_mut()?;
        let Some(NodeEnum::ResTarget(res)) = target.node.as_mut() else {
            return None;
        };
        res.val.as_deref_mut()
    }

    fn expression(&self) -> Option<&pg_query::Node> {
        let stmt = self.result.stmts.first()?.stmt.as_ref()?;
        let Some(NodeEnum::SelectStmt(select)) = stmt.node.as_ref() else {
            return None;
        };
        let Some(NodeEnum::ResTarget(res)) = select.target_list.first()?.node.as_ref() else {
            return None;
        };
        res.val.as_deref()
    }

    fn deparse(&self) -> Option<String> {
        let text = pg_query::deparse(&self.result, Default::default()).ok()?;
        text.strip_prefix("SELECT ").map(str::to_string)
    }
}

/// The canonical text of an expression (a check, an index predicate, a generation
/// expression). Text that does not parse as an expression is returned trimmed, unchanged.
pub fn canonical_expression(sql: &str) -> String {
    let Some(mut parsed) = ParsedExpression::parse(sql) else {
        return sql.trim().to_string();
    };
    if let Some(node) = parsed.expression_mut() {
        normalize(node);
    }
    parsed.deparse().unwrap_or_else(|| sql.trim().to_string())
}

/// An expression node of a parse tree printed as SQL, as written (not canonical).
pub fn deparse_expression(node: &pg_query::Node) -> Option<String> {
    ParsedExpression::from_node(node).deparse()
}

/// [`canonical_expression`] of an expression node of a parse tree.
pub fn canonical_expression_node(node: &pg_query::Node) -> String {
    let mut parsed = ParsedExpression::from_node(node);
    if let Some(node) = parsed.expression_mut() {
        normalize(node);
    }
    parsed.deparse().unwrap_or_default()
}

/// [`canonical_default`] of an expression node of a parse tree; `None` for a NULL
/// constant (PostgreSQL stores no default for `DEFAULT NULL`).
pub fn canonical_default_node(
    node: &pg_query::Node,
    column_type: &ColumnType,
    default_schema: &str,
) -> Option<DefaultValue> {
    fn null(node: &pg_query::Node) -> bool {
        match node.node.as_ref() {
            Some(NodeEnum::AConst(c)) => c.isnull,
            Some(NodeEnum::TypeCast(cast)) => cast.arg.as_deref().is_some_and(null),
            _ => false,
        }
    }
    if null(node) {
        return None;
    }
    if let Some(value) = default_of(node, column_type, default_schema) {
        return Some(array_literal_as_array(value, column_type));
    }
    Some(DefaultValue::Expression(canonical_expression_node(node)))
}

/// The canonical form of a column default written as SQL, for a column of `column_type`.
/// `default_schema` qualifies unqualified sequence names in `nextval(…)`.
pub fn canonical_default(
    sql: &str,
    column_type: &ColumnType,
    default_schema: &str,
) -> DefaultValue {
    let Some(mut parsed) = ParsedExpression::parse(sql) else {
        return DefaultValue::Expression(sql.trim().to_string());
    };
    if let Some(value) = parsed
        .expression()
        .and_then(|node| default_of(node, column_type, default_schema))
    {
        return array_literal_as_array(value, column_type);
    }
    if let Some(node) = parsed.expression_mut() {
        normalize(node);
    }
    DefaultValue::Expression(parsed.deparse().unwrap_or_else(|| sql.trim().to_string()))
}

/// `'{a,b}'` on an array column is the same default as `ARRAY['a', 'b']`: both become
/// [`DefaultValue::Array`].
fn array_literal_as_array(value: DefaultValue, column_type: &ColumnType) -> DefaultValue {
    let DefaultValue::Literal(text) = &value else {
        return value;
    };
    if !column_type.array {
        return value;
    }
    let element_type = ColumnType {
        base: column_type.base.clone(),
        array: false,
    };
    match parse_array_literal(text) {
        Some(elements) => DefaultValue::Array(
            elements
                .into_iter()
                .map(|e| match e {
                    Some(text) => DefaultValue::Literal(normalize_literal(text, &element_type)),
                    None => DefaultValue::Literal("NULL".to_string()),
                })
                .collect(),
        ),
        None => value,
    }
}

/// The elements of a one-dimensional array literal (`{a,"b c",NULL}`); `None` for anything
/// else (nested arrays, malformed text). Unquoted `NULL` is a null element.
fn parse_array_literal(text: &str) -> Option<Vec<Option<String>>> {
    let inner = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let mut elements = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut element = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next()? {
                    '\\' => element.push(chars.next()?),
                    '"' => break,
                    c => element.push(c),
                }
            }
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                if c == '{' || c == '}' || c == '"' {
                    return None;
                }
                element.push(c);
                chars.next();
            }
            element = element.trim().to_string();
        }
        if !quoted && element.eq_ignore_ascii_case("null") {
            elements.push(None);
        } else {
            elements.push(Some(element));
        }
        match chars.next() {
            None => return Some(elements),
            Some(',') => {}
            Some(_) => return None,
        }
    }
}

/// Recognises the default kinds that have their own variant.
fn default_of(
    node: &pg_query::Node,
    column_type: &ColumnType,
    schema: &str,
) -> Option<DefaultValue> {
    match node.node.as_ref()? {
        NodeEnum::TypeCast(cast) => {
            // Casts of a constant (or of an array of constants) do not change the default's
            // meaning for the column: `'a'::text`, `'A'::"Role"`, `'{}'::jsonb`.
            let inner = cast.arg.as_deref()?;
            let inner_value = default_of(inner, column_type, schema)?;
            match inner_value {
                DefaultValue::Literal(_) | DefaultValue::Array(_) => Some(inner_value),
                _ => None,
            }
        }
        NodeEnum::AConst(constant) => {
            Some(DefaultValue::Literal(literal_text(constant, column_type)?))
        }
        NodeEnum::AExpr(expr)
            if expr.kind == AExprKind::AexprOp as i32
                && expr.lexpr.is_none()
                && expr.name.iter().filter_map(node_string).eq(["-"]) =>
        {
            let inner = expr.rexpr.as_deref()?;
            let DefaultValue::Literal(text) = default_of(inner, column_type, schema)? else {
                return None;
            };
            text.parse::<f64>().ok()?;
            Some(DefaultValue::Literal(format!("-{text}")))
        }
        NodeEnum::AArrayExpr(array) => {
            let element_type = ColumnType {
                base: column_type.base.clone(),
                array: false,
            };
            let elements = array
                .elements
                .iter()
                .map(|e| default_of(e, &element_type, schema))
                .collect::<Option<Vec<_>>>()?;
            Some(DefaultValue::Array(elements))
        }
        NodeEnum::SqlvalueFunction(f)
            if f.op == SqlValueFunctionOp::SvfopCurrentTimestamp as i32 =>
        {
            Some(DefaultValue::Now)
        }
        NodeEnum::FuncCall(call) => {
            let name: Vec<&str> = call.funcname.iter().filter_map(node_string).collect();
            let name = match name.as_slice() {
                ["pg_catalog", n] | [n] => *n,
                _ => return None,
            };
            match (name, call.args.as_slice()) {
                ("now" | "transaction_timestamp", []) => Some(DefaultValue::Now),
                ("nextval", [arg]) => {
                    let text = constant_text(arg)?;
                    Some(DefaultValue::Sequence(parse_regclass(&text, schema)?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The text of a constant, looking through casts.
fn constant_text(node: &pg_query::Node) -> Option<String> {
    match node.node.as_ref()? {
        NodeEnum::AConst(c) => match &c.val {
            Some(a_const::Val::Sval(s)) => Some(s.sval.clone()),
            _ => None,
        },
        NodeEnum::TypeCast(cast) => constant_text(cast.arg.as_deref()?),
        _ => None,
    }
}

fn literal_text(constant: &pg_query::protobuf::AConst, column_type: &ColumnType) -> Option<String> {
    if constant.isnull {
        return Some("NULL".to_string());
    }
    let text = match constant.val.as_ref()? {
        a_const::Val::Ival(i) => i.ival.to_string(),
        a_const::Val::Fval(f) => f.fval.clone(),
        a_const::Val::Boolval(b) => b.boolval.to_string(),
        a_const::Val::Sval(s) => s.sval.clone(),
        a_const::Val::Bsval(b) => b.bsval.clone(),
    };
    Some(normalize_literal(text, column_type))
}

/// Spellings PostgreSQL stores as one value: booleans, and numbers written as strings.
fn normalize_literal(text: String, column_type: &ColumnType) -> String {
    let TypeRef::Builtin(name) = &column_type.base else {
        return text;
    };
    if column_type.array {
        return text;
    }
    match name.as_str() {
        "boolean" => match text.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => "true".to_string(),
            "f" | "false" | "n" | "no" | "off" | "0" => "false".to_string(),
            _ => text,
        },
        "smallint" | "integer" | "bigint" => {
            text.trim().parse::<i64>().map_or(text, |n| n.to_string())
        }
        other => crate::datetime::normalize(&text, other).unwrap_or(text),
    }
}

/// Reads a `regclass` literal (`"User_id_seq"`, `public.user_id_seq`, `User_id_seq`):
/// quoted parts keep their case, unquoted ones are folded to lowercase.
pub fn parse_regclass(text: &str, default_schema: &str) -> Option<QualifiedName> {
    let mut parts = Vec::new();
    let mut chars = text.trim().chars().peekable();
    let mut current = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(c) = chars.next() {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            current.push('"');
                        } else {
                            break;
                        }
                    } else {
                        current.push(c);
                    }
                }
            }
            '.' => parts.push(std::mem::take(&mut current)),
            c => current.extend(c.to_lowercase()),
        }
    }
    parts.push(current);
    match parts.as_slice() {
        [name] if !name.is_empty() => Some(QualifiedName::new(default_schema, name.clone())),
        [schema, name] if !name.is_empty() => {
            Some(QualifiedName::new(schema.clone(), name.clone()))
        }
        _ => None,
    }
}

/// Rewrites an expression tree into its canonical shape, in place.
fn normalize(node: &mut pg_query::Node) {
    let Some(inner) = node.node.as_mut() else {
        return;
    };
    // Casts of constants go: PostgreSQL adds them when it stores an expression.
    if let NodeEnum::TypeCast(cast) = inner {
        let textish = cast.type_name.as_ref().is_some_and(|t| {
            matches!(
                t.names.iter().filter_map(node_string).next_back(),
                Some("text" | "varchar" | "bpchar" | "name")
            )
        });
        if let Some(arg) = cast.arg.as_deref_mut() {
            normalize(arg);
            // …and so do the casts to text it adds to `varchar` columns in comparisons.
            let textish_column = textish && matches!(arg.node, Some(NodeEnum::ColumnRef(_)));
            if is_constant(arg) || textish_column {
                let arg = std::mem::take(arg);
                *node = arg;
                return;
            }
        }
        return;
    }
    match inner {
        NodeEnum::AExpr(expr) => {
            // `LIKE` / `ILIKE` (and their `NOT`) are stored as the operators they stand for
            // (`~~`, `~~*`, `!~~`, `!~~*`), which the parser keeps as the expression's name.
            if expr.kind == AExprKind::AexprLike as i32 || expr.kind == AExprKind::AexprIlike as i32
            {
                expr.kind = AExprKind::AexprOp as i32;
            }
            if expr.kind == AExprKind::AexprIn as i32 {
                // `x IN (a, b)` is stored as `x = ANY (ARRAY[a, b])`; `NOT IN` as `<> ALL`.
                if let Some(NodeEnum::List(list)) =
                    expr.rexpr.as_deref_mut().and_then(|r| r.node.as_mut())
                {
                    let elements = std::mem::take(&mut list.items);
                    let negated = expr.name.iter().filter_map(node_string).eq(["<>"]);
                    expr.kind = if negated {
                        AExprKind::AexprOpAll as i32
                    } else {
                        AExprKind::AexprOpAny as i32
                    };
                    expr.rexpr = Some(Box::new(pg_query::Node {
                        node: Some(NodeEnum::AArrayExpr(pg_query::protobuf::AArrayExpr {
                            elements,
                            list_start: 0,
                            list_end: 0,
                            location: 0,
                        })),
                    }));
                }
            }
            for child in [expr.lexpr.as_deref_mut(), expr.rexpr.as_deref_mut()]
                .into_iter()
                .flatten()
            {
                normalize(child);
            }
        }
        NodeEnum::BoolExpr(expr) => expr.args.iter_mut().for_each(normalize),
        NodeEnum::FuncCall(call) => call.args.iter_mut().for_each(normalize),
        NodeEnum::AArrayExpr(array) => array.elements.iter_mut().for_each(normalize),
        NodeEnum::NullTest(test) => {
            if let Some(arg) = test.arg.as_deref_mut() {
                normalize(arg);
            }
        }
        NodeEnum::CoalesceExpr(expr) => expr.args.iter_mut().for_each(normalize),
        NodeEnum::MinMaxExpr(expr) => expr.args.iter_mut().for_each(normalize),
        NodeEnum::RowExpr(expr) => expr.args.iter_mut().for_each(normalize),
        NodeEnum::List(list) => list.items.iter_mut().for_each(normalize),
        NodeEnum::CaseExpr(expr) => {
            if let Some(arg) = expr.arg.as_deref_mut() {
                normalize(arg);
            }
            expr.args.iter_mut().for_each(normalize);
            if let Some(default) = expr.defresult.as_deref_mut() {
                normalize(default);
            }
        }
        NodeEnum::CaseWhen(when) => {
            for child in [when.expr.as_deref_mut(), when.result.as_deref_mut()]
                .into_iter()
                .flatten()
            {
                normalize(child);
            }
        }
        NodeEnum::BooleanTest(test) => {
            if let Some(arg) = test.arg.as_deref_mut() {
                normalize(arg);
            }
        }
        _ => {}
    }
}

fn is_constant(node: &pg_query::Node) -> bool {
    match node.node.as_ref() {
        Some(NodeEnum::AConst(_)) => true,
        Some(NodeEnum::AArrayExpr(array)) => array.elements.iter().all(is_constant),
        _ => false,
    }
}

/// Puts every expression of a model in canonical form: column and domain defaults, checks,
/// index predicates and expression keys, generation expressions. Idempotent.
///
/// Comparisons run on canonical copies; SQL is rendered from the original model, so that
/// a `dbgenerated("now()")` is still written `now()`.
pub fn canonicalize_schema(schema: &mut driftless_schema::Schema) {
    for table in &mut schema.tables {
        let table_schema = table.name.schema.clone();
        for column in &mut table.columns {
            canonical_column_type(&mut column.r#type);
            if let Some(DefaultValue::Expression(text)) = &column.default {
                column.default = if is_null_constant(text) {
                    // PostgreSQL stores no default for `DEFAULT NULL` (cast or not).
                    None
                } else {
                    Some(canonical_default(text, &column.r#type, &table_schema))
                };
            }
            if let Some(default) = &mut column.default {
                normalize_literals(default, &column.r#type);
            }
            if let Some(generated) = &mut column.generated {
                generated.expression = canonical_expression(&generated.expression);
            }
        }
        for check in &mut table.checks {
            check.expression = canonical_expression(&check.expression);
        }
        for index in &mut table.indexes {
            if let Some(predicate) = &mut index.predicate {
                *predicate = canonical_expression(predicate);
            }
            for key in &mut index.columns {
                if let driftless_schema::IndexKey::Expression(expression) = &mut key.key {
                    *expression = canonical_expression(expression);
                }
            }
        }
    }
    for domain in &mut schema.domains {
        if let Some(DefaultValue::Expression(text)) = &domain.default {
            domain.default = Some(canonical_default(text, &domain.base, &domain.name.schema));
        }
        for (_, check) in &mut domain.checks {
            *check = canonical_expression(check);
        }
    }
}

/// A time type without a precision is the same type as one of precision 6, PostgreSQL's
/// default (`timestamp` stores microseconds either way), but `format_type` spells them
/// differently; Prisma reads both as precision 6 (`db pull` writes `@db.Timestamp(6)` for a
/// `timestamp` column). The canonical spelling is the one without the precision.
fn canonical_column_type(column_type: &mut ColumnType) {
    if let TypeRef::Builtin(name) = &mut column_type.base {
        for (with, without) in [
            (
                "timestamp(6) without time zone",
                "timestamp without time zone",
            ),
            ("timestamp(6) with time zone", "timestamp with time zone"),
            ("time(6) without time zone", "time without time zone"),
            ("time(6) with time zone", "time with time zone"),
        ] {
            if name == with {
                *name = without.to_string();
            }
        }
    }
}

/// Whether a default expression is a NULL constant, possibly cast (`NULL::text`).
fn is_null_constant(sql: &str) -> bool {
    fn null(node: &pg_query::Node) -> bool {
        match node.node.as_ref() {
            Some(NodeEnum::AConst(c)) => c.isnull,
            Some(NodeEnum::TypeCast(cast)) => cast.arg.as_deref().is_some_and(null),
            _ => false,
        }
    }
    ParsedExpression::parse(sql)
        .as_ref()
        .and_then(ParsedExpression::expression)
        .is_some_and(null)
}

/// Literal defaults in their canonical spelling for the column type (sources that build
/// literals directly, such as the schema language, do not go through
/// [`canonical_default`]).
fn normalize_literals(default: &mut DefaultValue, column_type: &ColumnType) {
    let element_type = ColumnType {
        base: column_type.base.clone(),
        array: false,
    };
    match default {
        DefaultValue::Literal(text) => {
            *text = normalize_literal(std::mem::take(text), column_type);
        }
        DefaultValue::Array(elements) => {
            for element in elements {
                normalize_literals(element, &element_type);
            }
        }
        _ => {}
    }
}

/// Resolves the type of a cast, for callers that need it.
pub fn cast_type(sql: &str, default_schema: &str) -> Option<ColumnType> {
    let parsed = ParsedExpression::parse(sql)?;
    match parsed.expression()?.node.as_ref()? {
        NodeEnum::TypeCast(cast) => resolve_type_name(cast.type_name.as_ref()?, default_schema)
            .ok()
            .map(|r| r.r#type),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_type() -> ColumnType {
        ColumnType::builtin("text")
    }

    #[test]
    fn array_literals_equal_array_constructors() {
        let text_array = ColumnType::builtin("text").into_array();
        let int_array = ColumnType::builtin("integer").into_array();
        for (a, b, t) in [
            ("'{}'::text[]", "ARRAY[]::TEXT[]", &text_array),
            ("'{a,\"b c\"}'::text[]", "ARRAY['a', 'b c']", &text_array),
            ("'{1, 2}'::integer[]", "ARRAY[1,2]", &int_array),
        ] {
            assert_eq!(
                canonical_default(a, t, "public"),
                canonical_default(b, t, "public"),
                "{a} vs {b}"
            );
        }
        assert_eq!(
            canonical_default("'{{1}}'", &int_array, "public"),
            DefaultValue::Literal("{{1}}".to_string())
        );
    }

    #[test]
    fn stored_and_written_defaults_agree() {
        let pairs = [
            ("'a'::text", "'a'", text_type()),
            (
                "'A'::\"Role\"",
                "'A'",
                ColumnType::user(QualifiedName::new("public", "Role")),
            ),
            ("'{}'::jsonb", "'{}'", ColumnType::builtin("jsonb")),
            ("true", "'t'", ColumnType::builtin("boolean")),
            ("'-1'::integer", "-1", ColumnType::builtin("integer")),
            ("0", "'0'", ColumnType::builtin("integer")),
            (
                "CURRENT_TIMESTAMP",
                "now()",
                ColumnType::builtin("timestamp(3) without time zone"),
            ),
            (
                "nextval('\"User_id_seq\"'::regclass)",
                "nextval('\"User_id_seq\"')",
                ColumnType::builtin("integer"),
            ),
            (
                "ARRAY['a'::text, 'b'::text]",
                "ARRAY['a', 'b']::TEXT[]",
                text_type().into_array(),
            ),
            (
                "gen_random_uuid()",
                "gen_random_uuid()",
                ColumnType::builtin("uuid"),
            ),
            (
                "(now() + '1 day'::interval)",
                "now() + interval '1 day'",
                ColumnType::builtin("timestamp with time zone"),
            ),
        ];
        for (stored, written, r#type) in pairs {
            assert_eq!(
                canonical_default(stored, &r#type, "public"),
                canonical_default(written, &r#type, "public"),
                "{stored} vs {written}"
            );
        }
        assert_eq!(
            canonical_default("'a'::text", &text_type(), "public"),
            DefaultValue::Literal("a".into())
        );
        assert_eq!(
            canonical_default(
                "nextval('public.\"User_id_seq\"'::regclass)",
                &text_type(),
                "x"
            ),
            DefaultValue::Sequence(QualifiedName::new("public", "User_id_seq"))
        );
        assert_eq!(
            canonical_default("nextval('user_ID_seq')", &text_type(), "app"),
            DefaultValue::Sequence(QualifiedName::new("app", "user_id_seq"))
        );
        assert_eq!(
            canonical_default("now()", &text_type(), "public"),
            DefaultValue::Now
        );
        assert_eq!(
            canonical_default("gen_random_uuid()", &text_type(), "public"),
            DefaultValue::Expression("gen_random_uuid()".into())
        );
    }

    #[test]
    fn stored_and_written_checks_agree() {
        for (stored, written) in [
            ("(price > (0)::numeric)", "price > 0"),
            (
                "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
                "status IN ('a', 'b')",
            ),
            (
                "((id = 1) AND (name IS NOT NULL))",
                "id = 1 and name is not null",
            ),
            ("(\"deletedAt\" IS NULL)", "\"deletedAt\" is null"),
            ("(email ~~ '%@%'::text)", "email LIKE '%@%'"),
            ("(email !~~* 'x%'::text)", "email NOT ILIKE 'x%'"),
        ] {
            assert_eq!(
                canonical_expression(stored),
                canonical_expression(written),
                "{stored} vs {written}"
            );
        }
    }
}
