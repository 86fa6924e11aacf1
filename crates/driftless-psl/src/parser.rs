//! Recursive-descent parser: tokens of one file → [`FileAst`], never failing.
//!
//! The schema language is line-oriented: a field, an enum value, a block attribute and a
//! configuration property each take one line (argument lists may span lines). So recovery is
//! simple and local: when a line makes no sense, report it, skip to the end of the line and
//! go on. A block left open is closed when the next line starts a new block. Every problem
//! becomes a diagnostic; the tree holds whatever could be understood.

use driftless_diagnostics::{Diagnostic, Diagnostics, FileId, Span};

use crate::ast::{
    Argument, ArgumentList, Arity, Attribute, Comment, ConfigBlock, ConfigProperty, Documentation,
    Enum, EnumValue, Expression, Field, FieldType, FileAst, FunctionCall, Ident, Model, StringLit,
    Top, TypeName,
};
use crate::lexer::{Token, TokenKind, tokenize, unescape};

/// Keywords that start a top-level block.
const BLOCK_KEYWORDS: &[&str] = &["model", "view", "type", "enum", "datasource", "generator"];

/// Parses one file. Problems go to `diagnostics`; the result holds what could be parsed.
pub(crate) fn parse_file(file: FileId, text: &str, diagnostics: &mut Diagnostics) -> FileAst {
    let tokens = tokenize(file, text);
    let comments = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Comment | TokenKind::DocComment))
        .map(|t| Comment {
            text: slice(text, t.span).to_string(),
            doc: t.kind == TokenKind::DocComment,
            span: t.span,
        })
        .collect::<Vec<Comment>>();
    for comment in &comments {
        let text = &comment.text;
        if text.starts_with("/*") && (text.len() < 4 || !text.ends_with("*/")) {
            diagnostics.push(Diagnostic::error(
                "unterminated-comment",
                "this block comment is never closed: `*/` is missing",
                Span::new(
                    file,
                    comment.span.start as usize,
                    comment.span.start as usize + 2,
                ),
            ));
        }
    }
    let mut parser = Parser {
        text,
        tokens,
        pos: 0,
        diagnostics,
        bracket_depth: 0,
        line_break_in_brackets: false,
    };
    let tops = parser.parse_tops();
    FileAst {
        file,
        tops,
        comments,
    }
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.range()).unwrap_or("")
}

struct Parser<'a, 'd> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    diagnostics: &'d mut Diagnostics,
    /// How many argument lists and arrays are open.
    bracket_depth: usize,
    /// Whether a line break was skipped inside the outermost open bracket.
    line_break_in_brackets: bool,
}

/// What a block body line turned out to be, so the caller knows whether to go on.
enum BodyEnd {
    /// The closing brace was consumed.
    Closed(Span),
    /// The block was never closed; parsing stopped before the next block or at the end.
    Unclosed(Span),
}

impl<'a> Parser<'a, '_> {
    // ----- token access -------------------------------------------------------------------

    fn peek(&self) -> Token {
        self.nth(0)
    }

    fn nth(&self, n: usize) -> Token {
        let last = self.tokens.len().saturating_sub(1);
        self.tokens
            .get((self.pos + n).min(last))
            .copied()
            .unwrap_or(Token {
                kind: TokenKind::Eof,
                span: Span::default(),
            })
    }

    fn kind(&self) -> TokenKind {
        self.peek().kind
    }

    fn at(&self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    fn bump(&mut self) -> Token {
        let token = self.peek();
        if token.kind != TokenKind::Eof {
            self.pos += 1;
        }
        token
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        if self.at(kind) {
            Some(self.bump())
        } else {
            None
        }
    }

    fn text_of(&self, token: Token) -> &'a str {
        slice(self.text, token.span)
    }

    fn ident(&self, token: Token) -> Ident {
        Ident {
            name: self.text_of(token).to_string(),
            span: token.span,
        }
    }

    /// The span of the previous token (the last one consumed).
    fn previous_span(&self) -> Span {
        if self.pos == 0 {
            return self.peek().span;
        }
        self.tokens
            .get(self.pos - 1)
            .map_or(self.peek().span, |t| t.span)
    }

    fn describe(&self, token: Token) -> String {
        match token.kind {
            TokenKind::Eof => "the end of the file".to_string(),
            TokenKind::Newline => "the end of the line".to_string(),
            TokenKind::String { .. } => "a string".to_string(),
            TokenKind::Number => format!("number `{}`", self.text_of(token)),
            TokenKind::Comment | TokenKind::DocComment => "a comment".to_string(),
            _ => format!("`{}`", self.text_of(token)),
        }
    }

    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }

    fn unexpected(&mut self, expected: &str) {
        let token = self.peek();
        let message = format!("unexpected {}, expected {expected}", self.describe(token));
        self.error("unexpected-token", message, token.span);
    }

    /// Skips to the end of the line (consuming the line break), stopping before a `}`.
    fn skip_line(&mut self) {
        loop {
            match self.kind() {
                TokenKind::Eof | TokenKind::RBrace => return,
                TokenKind::Newline => {
                    self.bump();
                    return;
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Whether the current line starts a new top-level block: `keyword Name {`.
    fn at_block_start(&self) -> bool {
        let first = self.peek();
        first.kind == TokenKind::Ident
            && BLOCK_KEYWORDS.contains(&self.text_of(first))
            && self.nth(1).kind == TokenKind::Ident
            && self.nth(2).kind == TokenKind::LBrace
    }

    /// Consumes the rest of a line that should be empty, apart from a trailing comment.
    /// Returns the trailing comment.
    fn end_of_line(&mut self, what: &str) -> Option<Comment> {
        let mut comment = None;
        if matches!(self.kind(), TokenKind::Comment | TokenKind::DocComment) {
            let token = self.bump();
            comment = Some(Comment {
                text: self.text_of(token).to_string(),
                doc: token.kind == TokenKind::DocComment,
                span: token.span,
            });
        }
        match self.kind() {
            TokenKind::Newline => {
                self.bump();
            }
            TokenKind::Eof | TokenKind::RBrace => {}
            _ => {
                self.unexpected(what);
                self.skip_line();
            }
        }
        comment
    }

    /// Takes consecutive `///` lines; a blank line or other content in between ends them.
    fn take_docs(&mut self, docs: &mut Vec<Token>) -> Option<Documentation> {
        if docs.is_empty() {
            return None;
        }
        let first = docs[0].span;
        let last = docs[docs.len() - 1].span;
        let text = docs
            .iter()
            .map(|t| {
                let line = self.text_of(*t);
                let line = line.strip_prefix("///").unwrap_or(line);
                line.strip_prefix(' ')
                    .unwrap_or(line)
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        docs.clear();
        Some(Documentation {
            text,
            span: first.to(last),
        })
    }

    // ----- top level ----------------------------------------------------------------------

    fn parse_tops(&mut self) -> Vec<Top> {
        let mut tops = Vec::new();
        let mut docs: Vec<Token> = Vec::new();
        let mut blank = false;
        loop {
            let token = self.peek();
            match token.kind {
                TokenKind::Eof => break,
                TokenKind::Newline => {
                    self.bump();
                    if blank {
                        docs.clear();
                    }
                    blank = true;
                    continue;
                }
                TokenKind::DocComment => {
                    self.bump();
                    docs.push(token);
                }
                TokenKind::Comment => {
                    self.bump();
                    docs.clear();
                }
                TokenKind::Ident if BLOCK_KEYWORDS.contains(&self.text_of(token)) => {
                    let documentation = self.take_docs(&mut docs);
                    if let Some(top) = self.parse_block(documentation) {
                        tops.push(top);
                    }
                }
                TokenKind::RBrace => {
                    self.bump();
                    self.error(
                        "unexpected-token",
                        "unexpected `}` outside of any block",
                        token.span,
                    );
                    docs.clear();
                }
                _ => {
                    self.unexpected(
                        "a `model`, `enum`, `view`, `type`, `datasource` or `generator` block",
                    );
                    self.skip_stray_line();
                    docs.clear();
                }
            }
            blank = false;
        }
        tops
    }

    /// Skips a line that is not a declaration; when it opens a brace, skips the whole
    /// braced block so that its lines are not reported one by one.
    fn skip_stray_line(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.kind() {
                TokenKind::Eof => return,
                TokenKind::LBrace => depth += 1,
                TokenKind::RBrace if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        self.bump();
                        return;
                    }
                }
                TokenKind::Newline if depth == 0 => {
                    self.bump();
                    return;
                }
                _ if depth > 0 && self.at_block_start() => return,
                _ => {}
            }
            self.bump();
        }
    }

    fn parse_block(&mut self, documentation: Option<Documentation>) -> Option<Top> {
        let keyword = self.bump();
        let keyword_text = self.text_of(keyword);
        let name = match self.kind() {
            TokenKind::Ident => {
                let token = self.bump();
                self.ident(token)
            }
            _ => {
                self.error(
                    "missing-name",
                    format!("`{keyword_text}` must be followed by a name"),
                    keyword.span,
                );
                Ident {
                    name: String::new(),
                    span: keyword.span,
                }
            }
        };
        if keyword_text == "type" && self.at(TokenKind::Equals) {
            self.error(
                "type-alias",
                "type aliases (`type Name = …`) are no longer part of the Prisma schema language",
                keyword.span.to(self.peek().span),
            );
            self.skip_line();
            return None;
        }
        let Some(open) = self.eat(TokenKind::LBrace) else {
            self.unexpected(&format!("`{{` to open the `{keyword_text}` block"));
            self.skip_stray_line();
            return None;
        };
        let body_start = open.span.end as usize;
        let top = match keyword_text {
            "enum" => {
                let (values, attributes, end) = self.parse_enum_body();
                let (span, body_span) = self.block_spans(keyword.span, body_start, &end);
                Top::Enum(Enum {
                    name,
                    values,
                    attributes,
                    documentation,
                    span,
                    keyword_span: keyword.span,
                    body_span,
                })
            }
            "datasource" | "generator" => {
                let (properties, end) = self.parse_config_body();
                let (span, body_span) = self.block_spans(keyword.span, body_start, &end);
                let block = ConfigBlock {
                    name,
                    properties,
                    documentation,
                    span,
                    keyword_span: keyword.span,
                    body_span,
                };
                if keyword_text == "datasource" {
                    Top::Datasource(block)
                } else {
                    Top::Generator(block)
                }
            }
            _ => {
                let (fields, attributes, end) = self.parse_model_body();
                let (span, body_span) = self.block_spans(keyword.span, body_start, &end);
                let model = Model {
                    name,
                    fields,
                    attributes,
                    documentation,
                    span,
                    keyword_span: keyword.span,
                    body_span,
                };
                match keyword_text {
                    "view" => Top::View(model),
                    "type" => Top::CompositeType(model),
                    _ => Top::Model(model),
                }
            }
        };
        Some(top)
    }

    fn block_spans(&mut self, keyword: Span, body_start: usize, end: &BodyEnd) -> (Span, Span) {
        match end {
            BodyEnd::Closed(close) => (
                keyword.to(*close),
                Span::new(keyword.file, body_start, close.start as usize),
            ),
            BodyEnd::Unclosed(last) => {
                self.error(
                    "unclosed-block",
                    "this block is never closed: `}` is missing",
                    keyword,
                );
                (
                    keyword.to(*last),
                    Span::new(
                        keyword.file,
                        body_start,
                        (last.end as usize).max(body_start),
                    ),
                )
            }
        }
    }

    /// Handles what every block body line may start with. Returns `Some` when the body
    /// ends here, `None` when the caller should look at the current token itself.
    fn body_common(&mut self, docs: &mut Vec<Token>, blank: &mut bool) -> Option<Option<BodyEnd>> {
        let token = self.peek();
        match token.kind {
            TokenKind::RBrace => {
                self.bump();
                Some(Some(BodyEnd::Closed(token.span)))
            }
            TokenKind::Eof => Some(Some(BodyEnd::Unclosed(self.previous_span()))),
            TokenKind::Newline => {
                self.bump();
                if *blank {
                    docs.clear();
                }
                *blank = true;
                Some(None)
            }
            TokenKind::DocComment => {
                self.bump();
                docs.push(token);
                *blank = false;
                Some(None)
            }
            TokenKind::Comment => {
                self.bump();
                docs.clear();
                *blank = false;
                Some(None)
            }
            _ if self.at_block_start() => Some(Some(BodyEnd::Unclosed(self.previous_span()))),
            _ => {
                *blank = false;
                None
            }
        }
    }

    // ----- models, views, composite types --------------------------------------------------

    fn parse_model_body(&mut self) -> (Vec<Field>, Vec<Attribute>, BodyEnd) {
        let mut fields = Vec::new();
        let mut attributes = Vec::new();
        let mut docs = Vec::new();
        let mut blank = false;
        loop {
            if let Some(end) = self.body_common(&mut docs, &mut blank) {
                match end {
                    Some(end) => {
                        fields.shrink_to_fit();
                        attributes.shrink_to_fit();
                        return (fields, attributes, end);
                    }
                    None => continue,
                }
            }
            match self.kind() {
                TokenKind::AtAt => {
                    docs.clear();
                    if let Some(attribute) = self.parse_attribute() {
                        attributes.push(attribute);
                    }
                    self.end_of_line("the end of the line after a block attribute");
                }
                TokenKind::At => {
                    let start = self.peek().span;
                    let attribute = self.parse_attribute();
                    let span = attribute.map_or(start, |a| a.span);
                    self.error(
                        "attribute-without-field",
                        "a field attribute (`@…`) must follow a field on the same line; block attributes start with `@@`",
                        span,
                    );
                    self.skip_line();
                    docs.clear();
                }
                TokenKind::Ident => {
                    let documentation = self.take_docs(&mut docs);
                    if let Some(field) = self.parse_field(documentation) {
                        fields.push(field);
                    }
                }
                _ => {
                    self.unexpected("a field, a block attribute (`@@…`) or `}`");
                    self.skip_line();
                    docs.clear();
                }
            }
        }
    }

    fn parse_field(&mut self, documentation: Option<Documentation>) -> Option<Field> {
        let name_token = self.bump();
        let name = self.ident(name_token);
        let field_type = match self.kind() {
            TokenKind::Ident => Some(self.parse_field_type()),
            TokenKind::Newline
            | TokenKind::Eof
            | TokenKind::RBrace
            | TokenKind::Comment
            | TokenKind::DocComment
            | TokenKind::At => {
                self.error(
                    "missing-type",
                    format!("field `{}` has no type", name.name),
                    name.span,
                );
                None
            }
            TokenKind::Equals => {
                self.error(
                    "unexpected-token",
                    format!(
                        "unexpected `=` after `{}`: fields are written `name Type`, without `=`",
                        name.name
                    ),
                    self.peek().span,
                );
                self.skip_line();
                return None;
            }
            _ => {
                self.unexpected(&format!("a type for field `{}`", name.name));
                self.skip_line();
                return None;
            }
        };
        let mut attributes = Vec::new();
        while matches!(self.kind(), TokenKind::At | TokenKind::AtAt) {
            let is_block = self.at(TokenKind::AtAt);
            let Some(attribute) = self.parse_attribute() else {
                break;
            };
            if is_block {
                self.error(
                    "block-attribute-on-field",
                    format!(
                        "`@@{}` is a block attribute: put it on its own line, or use `@{}` for a field attribute",
                        attribute.name.name, attribute.name.name
                    ),
                    attribute.span,
                );
            }
            attributes.push(attribute);
        }
        let end = attributes
            .last()
            .map(|a| a.span)
            .or(field_type.as_ref().map(|t| t.span))
            .unwrap_or(name.span);
        let span = name.span.to(end);
        let trailing_comment = self.end_of_line("an attribute (`@…`) or the end of the line");
        attributes.shrink_to_fit();
        Some(Field {
            name,
            field_type,
            attributes,
            documentation,
            trailing_comment,
            span,
        })
    }

    fn parse_field_type(&mut self) -> FieldType {
        let first = self.bump();
        let mut name_ident = self.ident(first);
        // Dotted type names are not valid, but parse them so the error names the whole type.
        while self.at(TokenKind::Dot) && self.nth(1).kind == TokenKind::Ident {
            self.bump();
            let part = self.bump();
            name_ident.name.push('.');
            name_ident.name.push_str(self.text_of(part));
            name_ident.span = name_ident.span.to(part.span);
        }
        let mut span = name_ident.span;
        let name = if name_ident.name == "Unsupported" && self.at(TokenKind::LParen) {
            let open = self.bump();
            let literal = match self.kind() {
                TokenKind::String { .. } => {
                    let token = self.bump();
                    Some(self.string_lit(token))
                }
                _ => {
                    self.unexpected(
                        "a string with the database type, as in `Unsupported(\"circle\")`",
                    );
                    None
                }
            };
            if let Some(close) = self.eat(TokenKind::RParen) {
                span = span.to(close.span);
            } else {
                self.error(
                    "unclosed-parenthesis",
                    "`(` is never closed: `)` is missing",
                    open.span,
                );
            }
            match literal {
                Some(literal) => TypeName::Unsupported(literal),
                None => TypeName::Named(name_ident),
            }
        } else {
            TypeName::Named(name_ident)
        };
        let name_span = span;
        let mut arity = Arity::Required;
        let mut both_markers = false;
        loop {
            match self.kind() {
                TokenKind::Question => {
                    let token = self.bump();
                    span = span.to(token.span);
                    if arity != Arity::Required {
                        both_markers = true;
                    } else {
                        arity = Arity::Optional;
                    }
                }
                TokenKind::LBracket if self.nth(1).kind == TokenKind::RBracket => {
                    self.bump();
                    let close = self.bump();
                    span = span.to(close.span);
                    if arity != Arity::Required {
                        both_markers = true;
                    }
                    arity = Arity::List;
                }
                TokenKind::Bang => {
                    let token = self.bump();
                    span = span.to(token.span);
                    self.error(
                        "unexpected-token",
                        "`!` is not a type marker: fields are required unless marked `?`",
                        token.span,
                    );
                }
                _ => break,
            }
        }
        if both_markers {
            self.error(
                "optional-list",
                "a field cannot be both a list and optional: use `Type[]` (lists are never null in Prisma) or `Type?`",
                span,
            );
        }
        FieldType {
            name,
            arity,
            both_markers,
            name_span,
            span,
        }
    }

    /// Parses `@name(args)` or `@@name(args)`; the current token is `@` or `@@`.
    fn parse_attribute(&mut self) -> Option<Attribute> {
        let at = self.bump();
        let block = at.kind == TokenKind::AtAt;
        if !self.at(TokenKind::Ident) {
            self.unexpected("an attribute name after `@`");
            return None;
        }
        let first = self.bump();
        let mut name = self.ident(first);
        while self.at(TokenKind::Dot) {
            let dot = self.bump();
            if self.at(TokenKind::Ident) {
                let part = self.bump();
                name.name.push('.');
                name.name.push_str(self.text_of(part));
                name.span = name.span.to(part.span);
            } else {
                self.error(
                    "unexpected-token",
                    format!("`{}.` must be followed by a name", name.name),
                    dot.span,
                );
                break;
            }
        }
        let mut span = at.span.to(name.span);
        let arguments = if self.at(TokenKind::LParen) {
            let list = self.parse_argument_list();
            span = span.to(list.span);
            Some(list)
        } else {
            None
        };
        Some(Attribute {
            name,
            arguments,
            block,
            span,
        })
    }

    // ----- arguments and expressions -------------------------------------------------------

    /// Skips line breaks and comments inside brackets. Returns the position of the first
    /// line break skipped, so that a caller that gives up can resume on that line.
    fn skip_trivia_in_brackets(&mut self) -> Option<usize> {
        let mut first_newline = None;
        while matches!(
            self.kind(),
            TokenKind::Newline | TokenKind::Comment | TokenKind::DocComment
        ) {
            if self.at(TokenKind::Newline) {
                self.line_break_in_brackets = true;
                if first_newline.is_none() {
                    first_newline = Some(self.pos);
                }
            }
            self.bump();
        }
        first_newline
    }

    /// Opens a bracket.
    fn enter_brackets(&mut self) {
        self.bracket_depth += 1;
        if self.bracket_depth == 1 {
            self.line_break_in_brackets = false;
        }
    }

    /// Closes a bracket spanning `span`; warns when the outermost one spans lines, which
    /// Prisma cannot read.
    fn leave_brackets(&mut self, span: Span, closed: bool) {
        self.bracket_depth = self.bracket_depth.saturating_sub(1);
        if self.bracket_depth == 0 && self.line_break_in_brackets && closed {
            self.diagnostics.push(
                Diagnostic::warning(
                    "multi-line-arguments",
                    "Prisma cannot read arguments or lists that span several lines; driftless accepts them",
                    span,
                )
                .with_help("`driftless format` writes them on one line"),
            );
        }
        if self.bracket_depth == 0 {
            self.line_break_in_brackets = false;
        }
    }

    /// Parses `( … )`; the current token is `(`.
    fn parse_argument_list(&mut self) -> ArgumentList {
        self.enter_brackets();
        let (list, closed) = self.parse_argument_list_inner();
        self.leave_brackets(list.span, closed);
        list
    }

    /// The list, and whether its `)` was found.
    fn parse_argument_list_inner(&mut self) -> (ArgumentList, bool) {
        let open = self.bump();
        let mut arguments = Vec::new();
        let mut trailing_comma = false;
        let end;
        let mut closed = false;
        loop {
            let newline = self.skip_trivia_in_brackets();
            if let Some(close) = self.eat(TokenKind::RParen) {
                end = close.span;
                closed = true;
                break;
            }
            if !self.can_start_argument() {
                self.unclosed(open.span, newline);
                end = self.previous_span();
                break;
            }
            trailing_comma = false;
            arguments.push(self.parse_argument());
            let newline = self.skip_trivia_in_brackets();
            if self.eat(TokenKind::Comma).is_some() {
                trailing_comma = true;
                continue;
            }
            if let Some(close) = self.eat(TokenKind::RParen) {
                end = close.span;
                closed = true;
                break;
            }
            if self.can_start_argument() && newline.is_none() {
                self.unexpected("`,` or `)`");
                continue;
            }
            self.unclosed(open.span, newline);
            end = self.previous_span();
            break;
        }
        // Most lists hold one or two arguments: without this, each keeps room for four,
        // which was most of the syntax tree's memory on large schemas.
        arguments.shrink_to_fit();
        (
            ArgumentList {
                arguments,
                trailing_comma,
                span: open.span.to(end),
            },
            closed,
        )
    }

    /// Reports a bracket that is never closed and rewinds to the first line break skipped,
    /// so the next line is parsed as what it is.
    fn unclosed(&mut self, open: Span, newline: Option<usize>) {
        let found = self.peek();
        let message = format!(
            "`{}` is never closed: found {} where `,` or the closing bracket was expected",
            slice(self.text, open),
            self.describe(found)
        );
        self.error("unclosed-parenthesis", message, open);
        if let Some(pos) = newline {
            self.pos = pos;
        }
    }

    fn can_start_argument(&self) -> bool {
        matches!(
            self.kind(),
            TokenKind::Ident
                | TokenKind::String { .. }
                | TokenKind::Number
                | TokenKind::LBracket
                | TokenKind::Colon
        )
    }

    fn parse_argument(&mut self) -> Argument {
        let start = self.peek().span;
        let name = if self.at(TokenKind::Ident) && self.nth(1).kind == TokenKind::Colon {
            let token = self.bump();
            self.bump();
            Some(self.ident(token))
        } else if self.at(TokenKind::Colon) {
            let colon = self.bump();
            self.error(
                "unexpected-token",
                "`:` must follow an argument name",
                colon.span,
            );
            None
        } else {
            None
        };
        self.skip_trivia_in_brackets();
        let value = if self.can_start_value() {
            self.parse_expression()
        } else {
            let what = match &name {
                Some(n) => format!("a value for argument `{}`", n.name),
                None => "a value".to_string(),
            };
            self.unexpected(&what);
            None
        };
        let end = value
            .as_ref()
            .map_or(self.previous_span(), Expression::span);
        Argument {
            name,
            value,
            span: start.to(end),
        }
    }

    fn can_start_value(&self) -> bool {
        matches!(
            self.kind(),
            TokenKind::Ident | TokenKind::String { .. } | TokenKind::Number | TokenKind::LBracket
        )
    }

    fn string_lit(&mut self, token: Token) -> StringLit {
        let raw = self.text_of(token);
        if token.kind == (TokenKind::String { terminated: false }) {
            self.error(
                "unterminated-string",
                "this string is never closed: `\"` is missing before the end of the line",
                token.span,
            );
        }
        let (value, bad) = unescape(raw);
        for range in bad {
            let start = token.span.start as usize + range.start;
            let span = Span::new(
                token.span.file,
                start,
                token.span.start as usize + range.end,
            );
            self.error(
                "unknown-escape",
                format!(
                    "unknown escape sequence `{}` in a string",
                    slice(self.text, span)
                ),
                span,
            );
        }
        StringLit {
            value,
            raw: raw.to_string(),
            span: token.span,
        }
    }

    /// Parses a value; the current token can start one.
    fn parse_expression(&mut self) -> Option<Expression> {
        let token = self.peek();
        match token.kind {
            TokenKind::String { .. } => {
                self.bump();
                Some(Expression::String(self.string_lit(token)))
            }
            TokenKind::Number => {
                self.bump();
                let text = self.text_of(token);
                if text.contains(['e', 'E']) {
                    self.error(
                        "invalid-number",
                        format!(
                            "`{text}`: numbers in a schema are written without an exponent (Prisma cannot read `e` notation)"
                        ),
                        token.span,
                    );
                }
                Some(Expression::Number(text.to_string(), token.span))
            }
            TokenKind::LBracket => Some(self.parse_array()),
            TokenKind::Ident => {
                self.bump();
                let mut path = self.ident(token);
                while self.at(TokenKind::Dot) && self.nth(1).kind == TokenKind::Ident {
                    self.bump();
                    let part = self.bump();
                    path.name.push('.');
                    path.name.push_str(self.text_of(part));
                    path.span = path.span.to(part.span);
                }
                if self.at(TokenKind::LParen) {
                    let arguments = self.parse_argument_list();
                    let span = path.span.to(arguments.span);
                    Some(Expression::Function(FunctionCall {
                        name: path,
                        arguments,
                        span,
                    }))
                } else {
                    Some(Expression::Constant(path))
                }
            }
            _ => {
                self.unexpected("a value");
                None
            }
        }
    }

    fn parse_array(&mut self) -> Expression {
        self.enter_brackets();
        let (array, closed) = self.parse_array_inner();
        self.leave_brackets(array.span(), closed);
        array
    }

    /// The array, and whether its `]` was found.
    fn parse_array_inner(&mut self) -> (Expression, bool) {
        let open = self.bump();
        let mut items = Vec::new();
        let end;
        let mut closed = false;
        loop {
            let newline = self.skip_trivia_in_brackets();
            if let Some(close) = self.eat(TokenKind::RBracket) {
                end = close.span;
                closed = true;
                break;
            }
            if !self.can_start_value() {
                self.unclosed(open.span, newline);
                end = self.previous_span();
                break;
            }
            if let Some(item) = self.parse_expression() {
                items.push(item);
            }
            let newline = self.skip_trivia_in_brackets();
            if self.eat(TokenKind::Comma).is_some() {
                continue;
            }
            if let Some(close) = self.eat(TokenKind::RBracket) {
                end = close.span;
                closed = true;
                break;
            }
            if self.can_start_value() && newline.is_none() {
                self.unexpected("`,` or `]`");
                continue;
            }
            self.unclosed(open.span, newline);
            end = self.previous_span();
            break;
        }
        items.shrink_to_fit();
        (Expression::Array(items, open.span.to(end)), closed)
    }

    // ----- enums ---------------------------------------------------------------------------

    fn parse_enum_body(&mut self) -> (Vec<EnumValue>, Vec<Attribute>, BodyEnd) {
        let mut values = Vec::new();
        let mut attributes = Vec::new();
        let mut docs = Vec::new();
        let mut blank = false;
        loop {
            if let Some(end) = self.body_common(&mut docs, &mut blank) {
                match end {
                    Some(end) => return (values, attributes, end),
                    None => continue,
                }
            }
            match self.kind() {
                TokenKind::AtAt => {
                    docs.clear();
                    if let Some(attribute) = self.parse_attribute() {
                        attributes.push(attribute);
                    }
                    self.end_of_line("the end of the line after a block attribute");
                }
                TokenKind::Ident => {
                    let documentation = self.take_docs(&mut docs);
                    let token = self.bump();
                    let name = self.ident(token);
                    let mut value_attributes = Vec::new();
                    while self.at(TokenKind::At) {
                        match self.parse_attribute() {
                            Some(a) => value_attributes.push(a),
                            None => break,
                        }
                    }
                    let span = name
                        .span
                        .to(value_attributes.last().map_or(name.span, |a| a.span));
                    let trailing_comment = self.end_of_line(
                        "an attribute (`@…`) or the end of the line after an enum value",
                    );
                    values.push(EnumValue {
                        name,
                        attributes: value_attributes,
                        documentation,
                        trailing_comment,
                        span,
                    });
                }
                _ => {
                    self.unexpected("an enum value, a block attribute (`@@…`) or `}`");
                    self.skip_line();
                    docs.clear();
                }
            }
        }
    }

    // ----- datasource and generator ----------------------------------------------------------

    fn parse_config_body(&mut self) -> (Vec<ConfigProperty>, BodyEnd) {
        let mut properties = Vec::new();
        let mut docs = Vec::new();
        let mut blank = false;
        loop {
            if let Some(end) = self.body_common(&mut docs, &mut blank) {
                match end {
                    Some(end) => return (properties, end),
                    None => continue,
                }
            }
            docs.clear();
            if !self.at(TokenKind::Ident) {
                self.unexpected("a property (`name = value`) or `}`");
                self.skip_line();
                continue;
            }
            let token = self.bump();
            let name = self.ident(token);
            if self.eat(TokenKind::Equals).is_none() {
                self.unexpected(&format!("`=` after `{}`", name.name));
                self.skip_line();
                continue;
            }
            let value = if self.can_start_value() {
                self.parse_expression()
            } else {
                self.unexpected(&format!("a value for `{}`", name.name));
                None
            };
            let span = name
                .span
                .to(value.as_ref().map_or(name.span, Expression::span));
            let trailing_comment = self.end_of_line("the end of the line after a property");
            properties.push(ConfigProperty {
                name,
                value,
                trailing_comment,
                span,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (FileAst, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let ast = parse_file(FileId(0), text, &mut diagnostics);
        (ast, diagnostics)
    }

    fn codes(diagnostics: &Diagnostics) -> Vec<&'static str> {
        diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn parses_a_model_with_fields_types_and_attributes() {
        let (ast, diagnostics) = parse(
            "/// Users.\nmodel User {\n  id    Int     @id @default(autoincrement())\n  name  String? @db.VarChar(255)\n  tags  String[]\n  posts Post[]\n\n  @@map(\"users\")\n}\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Top::Model(model) = &ast.tops[0] else {
            panic!("not a model")
        };
        assert_eq!(model.name.name, "User");
        assert_eq!(
            model.documentation.as_ref().map(|d| d.text.as_str()),
            Some("Users.")
        );
        assert_eq!(model.fields.len(), 4);
        assert_eq!(model.fields[1].arity(), Arity::Optional);
        assert_eq!(model.fields[2].arity(), Arity::List);
        assert_eq!(model.fields[1].attributes[0].name.name, "db.VarChar");
        assert_eq!(
            model.attributes[0]
                .positional()
                .and_then(|a| a.value.as_ref())
                .and_then(Expression::as_str),
            Some("users")
        );
    }

    #[test]
    fn parses_named_arguments_arrays_and_nested_calls() {
        let (ast, diagnostics) = parse(
            "model A {\n  id Int @id\n  t  String\n  @@index([t(ops: raw(\"gin_trgm_ops\"))], type: Gin)\n  @@unique(fields: [id, t], map: \"x\")\n}\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Top::Model(model) = &ast.tops[0] else {
            panic!("not a model")
        };
        let index = &model.attributes[0];
        let fields = index
            .positional()
            .and_then(|a| a.value.as_ref())
            .and_then(Expression::as_array)
            .unwrap();
        let call = fields[0].as_function().unwrap();
        assert_eq!(call.name.name, "t");
        assert_eq!(
            index
                .named("type")
                .and_then(|a| a.value.as_ref())
                .and_then(Expression::as_constant),
            Some("Gin")
        );
    }

    #[test]
    fn parses_config_blocks_and_enums() {
        let (ast, diagnostics) = parse(
            "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\") // pooled\n  extensions = [pgcrypto, citext(schema: \"public\")]\n}\n\nenum Role {\n  USER\n  ADMIN @map(\"admin\")\n  @@map(\"role\")\n}\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(matches!(&ast.tops[0], Top::Datasource(c) if c.properties.len() == 3));
        let Top::Enum(e) = &ast.tops[1] else {
            panic!("not an enum")
        };
        assert_eq!(e.values.len(), 2);
        assert_eq!(e.attributes.len(), 1);
        assert_eq!(ast.comments.len(), 1);
    }

    #[test]
    fn argument_lists_may_span_lines_with_a_warning() {
        let (_, diagnostics) = parse(
            "model A {\n  id Int @id\n  @@index([\n    id, // first\n    id\n  ], map: \"x\")\n}\n",
        );
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        assert_eq!(codes(&diagnostics), vec!["multi-line-arguments"]);
    }

    #[test]
    fn unsupported_types_and_markers() {
        let (ast, diagnostics) =
            parse("model A {\n  p Unsupported(\"circle\")?\n  id Int @id\n}\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Top::Model(model) = &ast.tops[0] else {
            panic!("not a model")
        };
        let ty = model.fields[0].field_type.as_ref().unwrap();
        assert!(matches!(&ty.name, TypeName::Unsupported(s) if s.value == "circle"));
        assert_eq!(ty.arity, Arity::Optional);
    }

    #[test]
    fn reports_several_errors_and_keeps_going() {
        let (ast, diagnostics) = parse(
            "model A {\n  id Int @id\n  name\n  x = 1\n  @default(1)\n  ok String\n}\n\nbogus\n\nmodel B {\n  id Int @id\n}\n",
        );
        assert_eq!(
            codes(&diagnostics),
            vec![
                "missing-type",
                "unexpected-token",
                "attribute-without-field",
                "unexpected-token"
            ]
        );
        assert_eq!(ast.tops.len(), 2);
        let Top::Model(a) = &ast.tops[0] else {
            panic!("not a model")
        };
        assert_eq!(a.fields.len(), 3);
    }

    #[test]
    fn an_unclosed_block_ends_at_the_next_block() {
        let (ast, diagnostics) = parse("model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n");
        assert_eq!(codes(&diagnostics), vec!["unclosed-block"]);
        assert_eq!(ast.tops.len(), 2);
    }

    #[test]
    fn an_unclosed_parenthesis_does_not_swallow_the_next_field() {
        let (ast, diagnostics) = parse("model A {\n  id Int @id @default(1\n  b String\n}\n");
        assert_eq!(codes(&diagnostics), vec!["unclosed-parenthesis"]);
        let Top::Model(a) = &ast.tops[0] else {
            panic!("not a model")
        };
        assert_eq!(a.fields.len(), 2);
    }

    #[test]
    fn unterminated_strings_are_reported() {
        let (_, diagnostics) = parse("model A {\n  id String @id @default(\"abc)\n}\n");
        assert!(codes(&diagnostics).contains(&"unterminated-string"));
    }

    #[test]
    fn doc_comments_attach_to_fields_and_trailing_comments_are_kept() {
        let (ast, _) =
            parse("model A {\n  /// the key\n  /// second line\n  id Int @id // trailing\n}\n");
        let Top::Model(a) = &ast.tops[0] else {
            panic!("not a model")
        };
        let field = &a.fields[0];
        assert_eq!(
            field.documentation.as_ref().map(|d| d.text.as_str()),
            Some("the key\nsecond line")
        );
        assert_eq!(
            field.trailing_comment.as_ref().map(|c| c.text.as_str()),
            Some("// trailing")
        );
    }

    #[test]
    fn views_and_composite_types_are_parsed_like_models() {
        let (ast, diagnostics) =
            parse("view V {\n  id Int @unique\n}\ntype Address {\n  street String\n}\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(matches!(ast.tops[0], Top::View(_)));
        assert!(matches!(ast.tops[1], Top::CompositeType(_)));
    }

    #[test]
    fn spans_point_at_the_source_text() {
        let text = "model User {\n  email String @unique\n}\n";
        let (ast, _) = parse(text);
        let Top::Model(m) = &ast.tops[0] else {
            panic!("not a model")
        };
        let field = &m.fields[0];
        assert_eq!(&text[field.name.span.range()], "email");
        assert_eq!(&text[field.span.range()], "email String @unique");
        assert_eq!(&text[m.span.range()], text.trim_end());
    }
}
