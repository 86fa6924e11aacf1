//! Turns the text of one schema file into tokens with byte spans.
//!
//! The lexer never fails: a character it does not know becomes an [`TokenKind::Unknown`]
//! token and an unterminated string becomes a string token flagged as such, so the parser
//! can report the problem where it is and keep going. Line breaks are tokens because the
//! schema language is line-oriented (one field per line); spaces and tabs are not.

use driftless_diagnostics::{FileId, Span};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A name: `model`, `User`, `db`, `VarChar`, `my-extension`.
    Ident,
    /// A number as written: `1`, `-2`, `3.5`, `1e10`.
    Number,
    /// A string literal, quotes included; `terminated` is false when the line ended first.
    String { terminated: bool },
    /// `@`.
    At,
    /// `@@`.
    AtAt,
    /// `{`.
    LBrace,
    /// `}`.
    RBrace,
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `[`.
    LBracket,
    /// `]`.
    RBracket,
    /// `,`.
    Comma,
    /// `:`.
    Colon,
    /// `=`.
    Equals,
    /// `?`.
    Question,
    /// `!`.
    Bang,
    /// `.`.
    Dot,
    /// A line break: LF, CR or CRLF.
    Newline,
    /// `/// …` up to the end of the line.
    DocComment,
    /// `// …` up to the end of the line (but not `///`), or a `/* … */` block comment.
    Comment,
    /// Any other character.
    Unknown,
    /// The end of the file.
    Eof,
}

/// One token: its kind and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub(crate) kind: TokenKind,
    /// Where it is.
    pub(crate) span: Span,
}

/// Splits `text` into tokens, ending with one [`TokenKind::Eof`].
pub(crate) fn tokenize(file: FileId, text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    // A byte-order mark is not part of the schema.
    if text.starts_with('\u{feff}') {
        i = '\u{feff}'.len_utf8();
    }
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let kind = match b {
            b' ' | b'\t' | b'\x0c' => {
                i += 1;
                continue;
            }
            b'\n' => {
                i += 1;
                TokenKind::Newline
            }
            b'\r' => {
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                TokenKind::Newline
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let doc = bytes.get(i + 2) == Some(&b'/');
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                if doc {
                    TokenKind::DocComment
                } else {
                    TokenKind::Comment
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
                TokenKind::Comment
            }
            b'"' => {
                i += 1;
                let mut terminated = false;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => {
                            // An escape never swallows a line break: the string is unterminated.
                            if matches!(bytes.get(i + 1), Some(b'\n' | b'\r') | None) {
                                i += 1;
                            } else {
                                i += 2;
                            }
                        }
                        b'"' => {
                            i += 1;
                            terminated = true;
                            break;
                        }
                        b'\n' | b'\r' => break,
                        _ => i += 1,
                    }
                }
                i = i.min(bytes.len());
                TokenKind::String { terminated }
            }
            b'@' => {
                if bytes.get(i + 1) == Some(&b'@') {
                    i += 2;
                    TokenKind::AtAt
                } else {
                    i += 1;
                    TokenKind::At
                }
            }
            b'{' => single(&mut i, TokenKind::LBrace),
            b'}' => single(&mut i, TokenKind::RBrace),
            b'(' => single(&mut i, TokenKind::LParen),
            b')' => single(&mut i, TokenKind::RParen),
            b'[' => single(&mut i, TokenKind::LBracket),
            b']' => single(&mut i, TokenKind::RBracket),
            b',' => single(&mut i, TokenKind::Comma),
            b':' => single(&mut i, TokenKind::Colon),
            b'=' => single(&mut i, TokenKind::Equals),
            b'?' => single(&mut i, TokenKind::Question),
            b'!' => single(&mut i, TokenKind::Bang),
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                single(&mut i, TokenKind::Dot)
            }
            b'0'..=b'9' | b'-' | b'.'
                if b != b'-'
                    || bytes
                        .get(i + 1)
                        .is_some_and(|c| c.is_ascii_digit() || *c == b'.') =>
            {
                i = number_end(bytes, i);
                TokenKind::Number
            }
            c if c.is_ascii_alphabetic() || c == b'_' || starts_unicode_letter(text, i) => {
                i = ident_end(text, i);
                TokenKind::Ident
            }
            _ => {
                // One whole character, so that spans stay on character boundaries.
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                i += len;
                TokenKind::Unknown
            }
        };
        tokens.push(Token {
            kind,
            span: Span::new(file, start, i),
        });
    }
    tokens.push(Token {
        kind: TokenKind::Eof,
        span: Span::new(file, bytes.len(), bytes.len()),
    });
    tokens
}

/// Whether a non-ASCII letter starts at `i` (Prisma accepts `Ünïcödé` as a name).
fn starts_unicode_letter(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| !c.is_ascii() && c.is_alphabetic())
}

/// End of a name starting at `start`: letters, digits, `_` and `-`.
fn ident_end(text: &str, start: usize) -> usize {
    let mut end = start;
    for (offset, c) in text[start..].char_indices() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            end = start + offset + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn single(i: &mut usize, kind: TokenKind) -> TokenKind {
    *i += 1;
    kind
}

/// End of a number starting at `start`: sign, digits, fraction, exponent.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    i
}

/// The value of a string literal's text (quotes included), with escapes resolved.
///
/// Also returns the byte ranges (relative to the literal, quotes included) of escapes it
/// did not understand; those are kept as written.
pub(crate) fn unescape(raw: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let offset = usize::from(raw.starts_with('"'));
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let mut out = String::with_capacity(inner.len());
    let mut bad = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((escape_at, escape)) = chars.next() else {
            bad.push(offset + at..offset + at + 1);
            out.push('\\');
            continue;
        };
        let escape_end = escape_at + escape.len_utf8();
        match escape {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            '\'' => out.push('\''),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'u' => {
                let mut hex = String::new();
                let mut end = escape_end;
                while hex.len() < 4 {
                    match chars.peek() {
                        Some((i, h)) if h.is_ascii_hexdigit() => {
                            hex.push(*h);
                            end = i + 1;
                            chars.next();
                        }
                        _ => break,
                    }
                }
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 4 => out.push(ch),
                    _ => {
                        bad.push(offset + at..offset + end);
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            other => {
                bad.push(offset + at..offset + escape_end);
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(FileId(0), text)
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn a_field_line_becomes_names_attributes_and_a_newline() {
        use TokenKind::*;
        assert_eq!(
            kinds("  id Int @id @default(autoincrement())\n"),
            vec![
                Ident, Ident, At, Ident, At, Ident, LParen, Ident, LParen, RParen, RParen, Newline,
                Eof
            ]
        );
    }

    #[test]
    fn comments_and_doc_comments_run_to_the_end_of_the_line() {
        use TokenKind::*;
        assert_eq!(
            kinds("// a\r\n/// b\rx"),
            vec![Comment, Newline, DocComment, Newline, Ident, Eof]
        );
    }

    #[test]
    fn block_comments_may_span_lines() {
        use TokenKind::*;
        assert_eq!(
            kinds("/* a\n * b */ x /* open"),
            vec![Comment, Ident, Comment, Eof]
        );
    }

    #[test]
    fn negative_and_decimal_numbers_are_one_token() {
        use TokenKind::*;
        assert_eq!(kinds("-1 2.5 1e3"), vec![Number, Number, Number, Eof]);
    }

    #[test]
    fn an_unterminated_string_stops_at_the_line_end() {
        let tokens = tokenize(FileId(0), "\"abc\nx");
        assert_eq!(tokens[0].kind, TokenKind::String { terminated: false });
        assert_eq!(tokens[0].span.range(), 0..4);
        assert_eq!(tokens[1].kind, TokenKind::Newline);
    }

    #[test]
    fn escaped_quotes_do_not_end_a_string() {
        let tokens = tokenize(FileId(0), r#""a\"b" x"#);
        assert_eq!(tokens[0].kind, TokenKind::String { terminated: true });
        assert_eq!(tokens[0].span.range(), 0..6);
    }

    #[test]
    fn unescape_resolves_common_escapes_and_reports_unknown_ones() {
        assert_eq!(
            unescape(r#""a\"b\\c\n""#),
            ("a\"b\\c\n".to_string(), vec![])
        );
        assert_eq!(unescape(r#""\u00e9""#).0, "é");
        let (value, bad) = unescape(r#""\q""#);
        assert_eq!(value, "\\q");
        assert_eq!(bad.first(), Some(&(1..3)));
        assert_eq!(unescape(r#""\é""#).1.first(), Some(&(1..4)));
    }

    #[test]
    fn non_ascii_symbols_are_single_unknown_tokens() {
        let tokens = tokenize(FileId(0), "€");
        assert_eq!(tokens[0].kind, TokenKind::Unknown);
        assert_eq!(tokens[0].span.range(), 0..3);
    }

    #[test]
    fn non_ascii_letters_make_names() {
        let tokens = tokenize(FileId(0), "Ünïcödé ñame");
        assert_eq!(tokens[0].kind, TokenKind::Ident);
        assert_eq!(tokens[0].span.range(), 0.."Ünïcödé".len());
        assert_eq!(tokens[1].kind, TokenKind::Ident);
    }
}
