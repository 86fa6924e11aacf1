//! `format`: the canonical layout of a schema, byte for byte what `prisma format` writes.
//!
//! The rules, read off Prisma 7.10's output (`tests/format/*.prisma` pin them):
//! - top-level blocks are separated by one blank line (added after a block when missing,
//!   runs of blank lines collapse to one); leading and trailing blank lines go; the file
//!   ends with one line break; every line break becomes `\n`;
//! - inside a block, rows are aligned in columns (field name, type, attributes; key and
//!   `= value`; enum value and attributes), by byte width, with one space between columns
//!   and none after the last; a blank line starts a new alignment group; comment lines
//!   stay where they are without affecting the columns; a trailing comment follows its row
//!   after one space;
//! - field attributes are ordered `@id @unique @default @updatedAt @map @relation @ignore`,
//!   others (`@db.*`) last, keeping the written order among equals; block attributes move
//!   to the end of the block after one blank line, ordered the same way (`@@id`,
//!   `@@unique`, `@@index`, `@@map`, `@@ignore`, others), each with the comment lines
//!   written right above it;
//! - `/* … */` comments become `/**`, ` * line`, ` */`; a comment after a block's `{` on the
//!   same line is dropped, as Prisma drops it;
//! - arguments are written `name: value`, separated by `, `, without trailing commas.
//!
//! Prisma also adds missing relation fields and `@relation` arguments when it formats; the
//! `complete` module does that before this layout pass.

use driftless_diagnostics::{FileId, Span};

use crate::ParsedSchema;
use crate::ast::{Arity, Attribute, Comment, FileAst, Top, TypeName};

/// Formats every file of a parsed schema, completing half-declared relations first as
/// `prisma format` does (see the `complete` module). Files with syntax errors are returned
/// unchanged: there is no canonical layout for text that does not parse.
pub fn format(parsed: &ParsedSchema) -> Vec<(FileId, String)> {
    if !parsed.diagnostics.has_errors() {
        let completions =
            crate::complete::relation_completions(&parsed.ast, parsed.configuration());
        if !completions.is_empty() {
            if let Some(completed) = format_completed(parsed, &completions) {
                return completed;
            }
        }
    }
    parsed
        .ast
        .files
        .iter()
        .map(|file| {
            let text = parsed
                .sources
                .get(file.file)
                .map_or("", |f| f.text.as_str());
            let has_errors = parsed
                .diagnostics
                .errors()
                .any(|d| d.span.file == file.file);
            if has_errors {
                return (file.file, text.to_string());
            }
            (file.file, format_file(file, text))
        })
        .collect()
}

/// The files with the completions applied, laid out; `None` when the completed schema does
/// not validate. Prisma refuses to write such a result; we then only lay the files out
/// (completing again would only make it worse: formatting must be idempotent).
fn format_completed(
    parsed: &ParsedSchema,
    completions: &[crate::complete::Insertion],
) -> Option<Vec<(FileId, String)>> {
    let mut files = Vec::with_capacity(parsed.ast.files.len());
    for file in &parsed.ast.files {
        let source = parsed.sources.get(file.file)?;
        let insertions: Vec<&crate::complete::Insertion> =
            completions.iter().filter(|i| i.file == file.file).collect();
        let text = if insertions.is_empty() {
            source.text.clone()
        } else {
            crate::complete::apply(&source.text, &insertions)
        };
        files.push(driftless_diagnostics::SourceFile::new(
            source.name.clone(),
            text,
        ));
    }
    let reparsed = crate::parse_schema(files);
    if reparsed.has_errors() || crate::validate(&reparsed).has_errors() {
        return None;
    }
    let formatted = parsed
        .ast
        .files
        .iter()
        .zip(&reparsed.ast.files)
        .map(|(original, completed)| {
            let text = reparsed
                .sources
                .get(completed.file)
                .map_or("", |f| f.text.as_str());
            (original.file, format_file(completed, text))
        })
        .collect();
    Some(formatted)
}

/// Formats one parsed file (without syntax errors).
pub(crate) fn format_file(file: &FileAst, text: &str) -> String {
    let lines = LineIndex::new(text);
    let mut items: Vec<TopItem<'_>> = Vec::new();
    for top in &file.tops {
        items.push(TopItem::Block(top));
    }
    for comment in &file.comments {
        if !file.tops.iter().any(|t| contains(t.span(), comment.span)) {
            items.push(TopItem::Comment(comment));
        }
    }
    items.sort_by_key(TopItem::start);

    let mut out = String::new();
    let mut previous_end: Option<usize> = None;
    let mut previous_was_block = false;
    for item in &items {
        if let Some(end) = previous_end {
            let blank = lines.blank_line_between(end, item.start());
            if blank || previous_was_block {
                out.push('\n');
            }
        }
        match item {
            TopItem::Block(top) => format_block(top, file, text, &lines, &mut out),
            TopItem::Comment(comment) => {
                for line in comment_lines(comment) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
        previous_end = Some(item.end());
        previous_was_block = matches!(item, TopItem::Block(_));
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

enum TopItem<'a> {
    Block(&'a Top),
    Comment(&'a Comment),
}

impl TopItem<'_> {
    fn start(&self) -> usize {
        match self {
            TopItem::Block(top) => top.span().start as usize,
            TopItem::Comment(comment) => comment.span.start as usize,
        }
    }

    fn end(&self) -> usize {
        match self {
            TopItem::Block(top) => top.span().end as usize,
            TopItem::Comment(comment) => comment.span.end as usize,
        }
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The lines a comment is written as, without indentation.
fn comment_lines(comment: &Comment) -> Vec<String> {
    let text = comment.text.as_str();
    let Some(inner) = text.strip_prefix("/*") else {
        return vec![text.to_string()];
    };
    let inner = inner.strip_suffix("*/").unwrap_or(inner);
    let mut out = vec!["/**".to_string()];
    for line in inner.split(['\n', '\r']) {
        let line = line.trim();
        let line = line.strip_prefix('*').map_or(line, str::trim_start);
        if !line.is_empty() {
            out.push(format!(" * {line}"));
        }
    }
    out.push(" */".to_string());
    out
}

/// Byte offsets of line starts, to tell which items share a line and where blank lines are.
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Whether a whitespace-only line lies strictly between the line of `end` and the line
    /// of `start`.
    fn blank_line_between(&self, end: usize, start: usize) -> bool {
        let first = self.line_of(end.saturating_sub(1)) + 1;
        let last = self.line_of(start);
        (first..last).any(|line| self.line_text(line).trim().is_empty())
    }

    fn line_text(&self, line: usize) -> &'t str {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }
}

/// Rows of a block, aligned in columns as Prisma's table layout does.
#[derive(Default)]
struct Table {
    rows: Vec<(Vec<String>, String)>,
}

impl Table {
    fn row(&mut self, columns: Vec<String>, suffix: String) {
        self.rows.push((columns, suffix));
    }

    fn blank(&mut self) {
        self.rows.push((Vec::new(), String::new()));
    }

    fn render(&mut self, indent: &str, out: &mut String) {
        let mut widths: Vec<usize> = Vec::new();
        for (columns, _) in &mut self.rows {
            while columns.last().is_some_and(String::is_empty) {
                columns.pop();
            }
            for (i, column) in columns.iter().enumerate() {
                if widths.len() <= i {
                    widths.push(0);
                }
                widths[i] = widths[i].max(column.len());
            }
        }
        for (columns, suffix) in self.rows.drain(..) {
            let mut line = String::new();
            for (i, column) in columns.iter().enumerate() {
                line.push_str(column);
                if i + 1 < columns.len() {
                    line.push_str(&" ".repeat(widths[i] - column.len() + 1));
                }
            }
            if !suffix.is_empty() {
                if !columns.is_empty() {
                    line.push(' ');
                }
                line.push_str(&suffix);
            }
            if !line.is_empty() {
                out.push_str(indent);
                out.push_str(&line);
            }
            out.push('\n');
        }
    }
}

/// One thing in a block body, in source order.
enum BodyItem<'a> {
    /// A row of the table (field, enum value, property), with its end offset.
    Row(Vec<String>, Span),
    Attribute(&'a Attribute),
    Comment(&'a Comment),
}

impl BodyItem<'_> {
    fn span(&self) -> Span {
        match self {
            BodyItem::Row(_, span) => *span,
            BodyItem::Attribute(a) => a.span,
            BodyItem::Comment(c) => c.span,
        }
    }
}

fn format_block(top: &Top, file: &FileAst, text: &str, lines: &LineIndex<'_>, out: &mut String) {
    let (body_span, rows): (Span, Vec<BodyItem<'_>>) = match top {
        Top::Model(m) | Top::View(m) | Top::CompositeType(m) => {
            let mut items: Vec<BodyItem<'_>> = m
                .fields
                .iter()
                .map(|field| {
                    let mut attributes: Vec<&Attribute> = field.attributes.iter().collect();
                    attributes.sort_by_key(|a| attribute_rank(&a.name.name));
                    let attributes: Vec<String> =
                        attributes.iter().map(|a| a.to_string()).collect();
                    let field_type = field.field_type.as_ref().map_or(String::new(), |t| {
                        let name = match &t.name {
                            TypeName::Named(ident) => ident.name.clone(),
                            // Prisma keeps `Unsupported(…)` exactly as written.
                            TypeName::Unsupported(literal) => {
                                text.get(t.name_span.range()).map_or_else(
                                    || format!("Unsupported({})", literal.raw),
                                    str::to_string,
                                )
                            }
                        };
                        let marker = match (t.arity, t.both_markers) {
                            (Arity::List, true) => "[]?",
                            (Arity::List, false) => "[]",
                            (Arity::Optional, _) => "?",
                            (Arity::Required, _) => "",
                        };
                        format!("{name}{marker}")
                    });
                    BodyItem::Row(
                        vec![field.name.name.clone(), field_type, attributes.join(" ")],
                        field.span,
                    )
                })
                .collect();
            items.extend(m.attributes.iter().map(BodyItem::Attribute));
            (m.body_span, items)
        }
        Top::Enum(e) => {
            let mut items: Vec<BodyItem<'_>> = e
                .values
                .iter()
                .map(|value| {
                    let mut attributes: Vec<&Attribute> = value.attributes.iter().collect();
                    attributes.sort_by_key(|a| attribute_rank(&a.name.name));
                    let attributes: Vec<String> =
                        attributes.iter().map(|a| a.to_string()).collect();
                    BodyItem::Row(
                        vec![value.name.name.clone(), attributes.join(" ")],
                        value.span,
                    )
                })
                .collect();
            items.extend(e.attributes.iter().map(BodyItem::Attribute));
            (e.body_span, items)
        }
        Top::Datasource(c) | Top::Generator(c) => {
            let items = c
                .properties
                .iter()
                .map(|property| {
                    let value = property
                        .value
                        .as_ref()
                        .map_or(String::new(), |v| format!("= {v}"));
                    BodyItem::Row(vec![property.name.name.clone(), value], property.span)
                })
                .collect();
            (c.body_span, items)
        }
    };
    out.push_str(top.keyword());
    out.push(' ');
    out.push_str(&top.name().name);
    out.push_str(" {\n");

    // Comments of the body: those on the line of `{` are dropped (as Prisma drops them);
    // those on the line where a row or attribute ends are trailing comments.
    let open_line = lines.line_of(body_span.start as usize);
    let mut items = rows;
    let mut trailing: Vec<(usize, &Comment)> = Vec::new();
    for comment in &file.comments {
        if !contains(body_span, comment.span) {
            continue;
        }
        let line = lines.line_of(comment.span.start as usize);
        if line == open_line {
            continue;
        }
        let owner = items.iter().position(|item| {
            !matches!(item, BodyItem::Comment(_))
                && lines.line_of(item.span().end as usize) == line
                && item.span().end <= comment.span.start
        });
        match owner {
            Some(index) => trailing.push((index, comment)),
            None => items.push(BodyItem::Comment(comment)),
        }
    }
    // Trailing comments are indexed by item position before sorting; attach them first.
    let mut suffixes: Vec<String> = vec![String::new(); items.len()];
    for (index, comment) in trailing {
        suffixes[index] = comment.text.clone();
    }
    let mut ordered: Vec<(BodyItem<'_>, String)> = items.into_iter().zip(suffixes).collect();
    ordered.sort_by_key(|(item, _)| item.span().start);

    let indent = "  ";
    let mut table = Table::default();
    let mut attributes: Vec<(Vec<&Comment>, &Attribute, String)> = Vec::new();
    let mut previous_end: Option<usize> = None;
    let mut index = 0;
    while index < ordered.len() {
        let start = ordered[index].0.span().start as usize;
        let blank_before = previous_end.is_some_and(|end| lines.blank_line_between(end, start));
        match &ordered[index].0 {
            BodyItem::Comment(_) => {
                // A run of comment lines without blank lines between them.
                let mut run: Vec<&Comment> = Vec::new();
                let mut end = start;
                while let Some((BodyItem::Comment(comment), _)) = ordered.get(index) {
                    if !run.is_empty() && lines.blank_line_between(end, comment.span.start as usize)
                    {
                        break;
                    }
                    run.push(comment);
                    end = comment.span.end as usize;
                    index += 1;
                }
                let next_is_attribute =
                    matches!(ordered.get(index), Some((BodyItem::Attribute(_), _)))
                        && ordered.get(index).is_some_and(|(item, _)| {
                            !lines.blank_line_between(end, item.span().start as usize)
                        });
                if next_is_attribute {
                    if let Some((BodyItem::Attribute(attribute), suffix)) = ordered.get(index) {
                        attributes.push((run, attribute, suffix.clone()));
                        previous_end = Some(attribute.span.end as usize);
                        index += 1;
                    }
                    continue;
                }
                if blank_before {
                    table.render(indent, out);
                    table.blank();
                }
                for comment in run {
                    for line in comment_lines(comment) {
                        table.row(Vec::new(), line);
                    }
                }
                previous_end = Some(end);
                continue;
            }
            BodyItem::Attribute(attribute) => {
                attributes.push((Vec::new(), attribute, ordered[index].1.clone()));
            }
            BodyItem::Row(columns, _) => {
                if blank_before {
                    table.render(indent, out);
                    table.blank();
                }
                table.row(columns.clone(), ordered[index].1.clone());
            }
        }
        previous_end = Some(ordered[index].0.span().end as usize);
        index += 1;
    }
    table.render(indent, out);
    if !attributes.is_empty() {
        table.blank();
        attributes.sort_by_key(|(_, attribute, _)| attribute_rank(&attribute.name.name));
        for (comments, attribute, suffix) in attributes {
            for comment in comments {
                for line in comment_lines(comment) {
                    table.row(Vec::new(), line);
                }
            }
            table.row(vec![attribute.to_string()], suffix);
        }
        table.render(indent, out);
    }
    out.push_str("}\n");
}

/// Prisma's order of attributes on a line (and of block attributes in a block).
fn attribute_rank(name: &str) -> usize {
    const ORDER: &[&str] = &[
        "id",
        "unique",
        "default",
        "updatedAt",
        "index",
        "fulltext",
        "map",
        "relation",
        "ignore",
    ];
    ORDER.iter().position(|n| *n == name).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        let parsed = crate::parse_str("schema.prisma", text);
        assert!(!parsed.diagnostics.has_errors(), "{:?}", parsed.diagnostics);
        format(&parsed).remove(0).1
    }

    #[test]
    fn fields_are_aligned_and_attributes_ordered() {
        assert_eq!(
            fmt(
                "model A {\n  id Int @default(autoincrement()) @id\n  name String? @map(\"n\") @unique\n}\n"
            ),
            "model A {\n  id   Int     @id @default(autoincrement())\n  name String? @unique @map(\"n\")\n}\n"
        );
    }

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        assert_eq!(
            fmt(
                "\n\nmodel A {\n  id Int @id\n}\nmodel B {\n  id Int @id\n}\n\n\n\nenum E {\n  X\n}\n\n"
            ),
            "model A {\n  id Int @id\n}\n\nmodel B {\n  id Int @id\n}\n\nenum E {\n  X\n}\n"
        );
    }

    #[test]
    fn block_attributes_move_to_the_end_after_a_blank_line() {
        assert_eq!(
            fmt("model A {\n  @@map(\"a\")\n  id Int\n  // about the key\n  @@id([id])\n}\n"),
            "model A {\n  id Int\n\n  // about the key\n  @@id([id])\n  @@map(\"a\")\n}\n"
        );
    }

    #[test]
    fn trailing_comments_follow_their_row_and_do_not_align() {
        assert_eq!(
            fmt("model A {\n  id Int @id // key\n  longer String\n}\n"),
            "model A {\n  id     Int    @id // key\n  longer String\n}\n"
        );
    }

    #[test]
    fn config_blocks_align_their_equals_signs() {
        assert_eq!(
            fmt(
                "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n  relationMode=\"prisma\"\n}\n"
            ),
            "datasource db {\n  provider     = \"postgresql\"\n  url          = env(\"X\")\n  relationMode = \"prisma\"\n}\n"
        );
    }

    #[test]
    fn block_comments_are_rewritten_in_the_canonical_form() {
        assert_eq!(
            fmt("/* top\n   comment */\nmodel A {\n  id Int @id\n}\n"),
            "/**\n * top\n * comment\n */\nmodel A {\n  id Int @id\n}\n"
        );
    }

    /// Found by the `psl_format` fuzz target: completing two relations of a model to itself
    /// added unnamed back-relation fields that made the relation ambiguous, and the next
    /// format completed them again. A completion whose result does not validate is not
    /// applied (Prisma refuses to write it), so formatting is idempotent.
    #[test]
    fn completions_that_do_not_validate_are_not_applied() {
        let input = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Employee {\n  id          Int        @id\n  managerId   Int?\n  manager     Employee?  @relation(\"Management\", fields: [managerId], references: [id])\n  reports     Employee[] @relation(\"Management\")\n  mentorId    Int?       @unique\n  mentor      Employee?  @relation(\"M@@unique\", fields: [mentorId], references: [id])\n  mentee      Employee?  @relation(\"Mentoring\")\n}\n";
        let once = fmt(input);
        assert!(!once.contains("employees"), "{once}");
        assert_eq!(fmt(&once), once);
    }
}
