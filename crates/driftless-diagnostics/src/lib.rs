//! Source files, byte spans and diagnostics shared by every front end.
//!
//! The schema-language front end, the migration-file reader and the SQL script analyser all
//! report problems in user files. They do it the same way: a [`Diagnostic`] that points at a
//! [`Span`] of a [`SourceFile`], rendered by [`render`] with the file name, line, column, the
//! source line and a caret under the problem. Lines are computed only when rendering, and CR,
//! LF and CRLF all end a line, so files with Windows line endings point at the right place.

#![warn(missing_docs)]

use std::fmt::Write as _;

/// Index of a file inside a [`SourceMap`]; spans carry it so a diagnostic knows its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` in one source file.
///
/// Spans are byte offsets, never line numbers, so that they are cheap to carry on every node
/// and exact for non-ASCII text; [`SourceFile::line_col`] turns them into lines when needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// The file the span points into.
    pub file: FileId,
    /// First byte of the span.
    pub start: u32,
    /// One past the last byte of the span.
    pub end: u32,
}

impl Span {
    /// A span over `start..end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span that covers both `self` and `other` (same file assumed).
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The byte range, for slicing the source text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether the span covers `offset` (a zero-width span covers its own start).
    pub fn contains(self, offset: usize) -> bool {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        (self.start <= offset && offset < self.end) || (self.start == offset && self.end == offset)
    }
}

/// One file of user input: its display name (a path relative to where the user is) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Name shown in diagnostics, usually a path relative to the working directory.
    pub name: String,
    /// The complete text of the file.
    pub text: String,
}

impl SourceFile {
    /// A source file from its display name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    ///
    /// CR, LF and CRLF each end one line. An offset past the end is clamped to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let start = self.line_start(offset);
        let line = 1 + line_breaks_before(&self.text, start);
        let col = 1 + self.text[start..offset].chars().count();
        (line, col)
    }

    /// Byte offset where the line holding `offset` starts.
    fn line_start(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = offset.min(bytes.len());
        while i > 0 && bytes[i - 1] != b'\n' && bytes[i - 1] != b'\r' {
            i -= 1;
        }
        i
    }

    /// Byte offset where the line holding `offset` ends (before its line break).
    fn line_end(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = offset.min(bytes.len());
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        i
    }

    /// The text of the line that holds `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &str {
        let offset = clamp_to_char_boundary(&self.text, offset);
        &self.text[self.line_start(offset)..self.line_end(offset)]
    }
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn line_breaks_before(text: &str, end: usize) -> usize {
    let bytes = &text.as_bytes()[..end];
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                count += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// The files a set of diagnostics refers to, addressed by [`FileId`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        SourceMap::default()
    }

    /// Adds a file and returns the id that spans into it must carry.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file with this id, if it exists.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// All files with their ids, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    /// The text under a span, or `""` when the span does not fit its file.
    pub fn text(&self, span: Span) -> &str {
        self.get(span.file)
            .and_then(|f| f.text.get(span.range()))
            .unwrap_or("")
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the map holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// How bad a diagnostic is: errors stop the command, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used as it is.
    Error,
    /// The input can be used, but something in it is probably a mistake or is obsolete.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed in front of the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary place in the source that explains the main one ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say about it.
    pub message: String,
}

/// A problem found in user input, pointing at where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case code (or a Prisma `P…` code) that tests and tools can match on.
    pub code: &'static str,
    /// What is wrong, in one sentence, lowercase, without a trailing period.
    pub message: String,
    /// Where it is.
    pub span: Span,
    /// Other places worth showing.
    pub labels: Vec<Label>,
    /// What to do about it, when we know.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A list of diagnostics collected by a stage that never stops at the first problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all diagnostics of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// All diagnostics in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, then position, keeping the order of diagnostics at the same place.
    pub fn sort(&mut self) {
        self.items
            .sort_by_key(|d| (d.span.file, d.span.start, d.span.end));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Colours for [`render`]; [`Style::plain`] for tests and pipes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether to emit ANSI colour codes.
    pub color: bool,
}

impl Style {
    /// No colours: what tests snapshot and what a pipe receives.
    pub fn plain() -> Self {
        Style { color: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders one diagnostic as text:
///
/// ```text
/// error[unknown-type]: type `Strin` is neither a built-in type nor a model or enum
///   --> prisma/schema.prisma:7:9
///    |
///  7 |   name  Strin
///    |         ^^^^^ unknown type
///    |
///    = help: did you mean `String`?
/// ```
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, style: Style) -> String {
    let mut out = String::new();
    let head_color = match diagnostic.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    let head = format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code);
    let _ = writeln!(
        out,
        "{}{} {}",
        style.paint(head_color, &head),
        style.paint("1", ":"),
        style.paint("1", &diagnostic.message)
    );
    let Some(file) = sources.get(diagnostic.span.file) else {
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        return out;
    };
    let (line, col) = file.line_col(diagnostic.span.start as usize);
    let mut places = vec![(diagnostic.span, String::new(), true)];
    for label in &diagnostic.labels {
        places.push((label.span, label.message.clone(), false));
    }
    let width = places
        .iter()
        .filter_map(|(span, _, _)| {
            sources
                .get(span.file)
                .map(|f| f.line_col(span.start as usize).0)
        })
        .max()
        .unwrap_or(line)
        .to_string()
        .len();
    let pad = " ".repeat(width);
    let _ = writeln!(
        out,
        "{pad} {} {}:{line}:{col}",
        style.paint("1;34", "-->"),
        file.name
    );
    for (span, message, primary) in places {
        let Some(file) = sources.get(span.file) else {
            continue;
        };
        let start = span.start as usize;
        let (line, col) = file.line_col(start);
        let text = file.line_text(start);
        let line_end_col = text.chars().count() + 1;
        let end_col = if span.end > span.start {
            let (end_line, end_col) = file.line_col(span.end as usize);
            if end_line == line {
                end_col
            } else {
                line_end_col
            }
        } else {
            col + 1
        };
        let carets = if primary { "^" } else { "-" }.repeat(end_col.saturating_sub(col).max(1));
        let marker = if message.is_empty() {
            carets
        } else {
            format!("{carets} {message}")
        };
        let bar = style.paint("1;34", "|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            style.paint("1;34", &format!("{line:>width$}")),
            text.replace('\t', " ")
        );
        let color = if primary { head_color } else { "1;34" };
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(col - 1),
            style.paint(color, &marker)
        );
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} {}", style.paint("1;34", "|"));
        let _ = writeln!(out, "{pad} = {}: {help}", style.paint("1", "help"));
    }
    out
}

/// Renders every diagnostic, separated by blank lines.
pub fn render_all(diagnostics: &Diagnostics, sources: &SourceMap, style: Style) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&render(d, sources, style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_cr_lf_and_crlf_as_one_line_break_each() {
        let file = SourceFile::new("a", "one\r\ntwo\rthree\nfour");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(5), (2, 1));
        assert_eq!(file.line_col(9), (3, 1));
        assert_eq!(file.line_col(15), (4, 1));
        assert_eq!(file.line_text(16), "four");
        assert_eq!(file.line_col(100), (4, 5));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a", "ümlaut x");
        assert_eq!(file.line_col(8), (1, 8));
    }

    #[test]
    fn render_points_at_the_span() {
        let mut sources = SourceMap::new();
        let id = sources.add(SourceFile::new(
            "schema.prisma",
            "model A {\n  id Int @id\n  b Strin\n}\n",
        ));
        let start = 27;
        let d = Diagnostic::error(
            "unknown-type",
            "type `Strin` is not known",
            Span::new(id, start, start + 5),
        )
        .with_help("did you mean `String`?");
        let text = render(&d, &sources, Style::plain());
        assert_eq!(
            text,
            "error[unknown-type]: type `Strin` is not known\n  --> schema.prisma:3:5\n  |\n3 |   b Strin\n  |     ^^^^^\n  |\n  = help: did you mean `String`?\n"
        );
    }
}
