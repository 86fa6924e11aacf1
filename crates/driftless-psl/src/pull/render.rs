//! The pulled blocks as text: the configuration blocks of the previous schema as they are
//! written (or a plain datasource without one), then models, then enums, laid out by the
//! canonical formatter so that `format` leaves the result unchanged.

use crate::ParsedSchema;
use crate::ast::Top;

use super::enums::EnumBlock;
use super::models::{FieldLine, ModelBlock};

/// The lines of one field (a commented-out one as a comment).
fn field_lines(field: &FieldLine, out: &mut Vec<String>) {
    for doc in &field.docs {
        out.push(format!("  /// {doc}"));
    }
    let mut line = format!("{} {}", field.name, field.type_text);
    for attribute in &field.attributes {
        line.push(' ');
        line.push_str(attribute);
    }
    if field.commented_out {
        out.push(format!("  // {line}"));
    } else {
        out.push(format!("  {line}"));
    }
}

/// The lines of one model block.
pub(crate) fn model_lines(model: &ModelBlock) -> Vec<String> {
    let mut out: Vec<String> = model.docs.iter().map(|d| format!("/// {d}")).collect();
    out.push(format!("model {} {{", model.name));
    for field in model.fields.iter().chain(&model.relation_fields) {
        field_lines(field, &mut out);
    }
    if !model.block_attributes.is_empty() {
        out.push(String::new());
        for attribute in &model.block_attributes {
            out.push(format!("  {attribute}"));
        }
    }
    out.push("}".to_string());
    out
}

/// The configuration blocks of one file of the previous schema, as written, with the
/// comment lines right above each.
fn configuration_text(parsed: &ParsedSchema, file: &crate::ast::FileAst) -> String {
    let mut out = String::new();
    let Some(source) = parsed.sources.get(file.file) else {
        return out;
    };
    for top in &file.tops {
        if !matches!(top, Top::Datasource(_) | Top::Generator(_)) {
            continue;
        }
        let span = top.span();
        let start = leading_comment_start(file, &source.text, span.start as usize);
        if let Some(text) = source.text.get(start..span.end as usize) {
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    out
}

/// A datasource block for a schema written from nothing.
fn default_datasource(namespaces: &[String]) -> String {
    let mut out = String::from("datasource db {\n  provider = \"postgresql\"\n");
    if !namespaces.is_empty() {
        let list: Vec<String> = namespaces
            .iter()
            .map(|n| super::naming::string_literal(n))
            .collect();
        out.push_str(&format!("  schemas  = [{}]\n", list.join(", ")));
    }
    out.push_str("}\n\n");
    out
}

/// Walks up a run of comment lines that end right above `start`.
fn leading_comment_start(file: &crate::ast::FileAst, text: &str, mut start: usize) -> usize {
    loop {
        let previous = file.comments.iter().find(|c| {
            let (from, to) = (c.span.start as usize, c.span.end as usize);
            to <= start
                && from < start
                && text.get(to..start).is_some_and(|gap| {
                    gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
                })
        });
        match previous {
            Some(comment) => start = comment.span.start as usize,
            None => return start,
        }
    }
}

/// One file of the pulled schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulledFile {
    /// The file's name: that of the previous schema's file, `schema.prisma` without one.
    pub name: String,
    /// Its text, formatted.
    pub text: String,
}

/// The schema's files, formatted. With a previous schema, each model and enum goes to the
/// file that declared it (new ones to the file of the datasource) and each file keeps its
/// configuration blocks; without one, one file with a datasource block.
pub(crate) fn render(
    previous: Option<&ParsedSchema>,
    models: &[ModelBlock],
    enums: &[EnumBlock],
    files_of: &dyn Fn(&str) -> Option<String>,
    multi_schema: bool,
    namespaces: &[String],
) -> Vec<PulledFile> {
    let mut files: Vec<(String, String)> = Vec::new();
    match previous {
        Some(parsed) if !parsed.ast.files.is_empty() => {
            for file in &parsed.ast.files {
                let name = parsed
                    .sources
                    .get(file.file)
                    .map_or_else(|| "schema.prisma".to_string(), |f| f.name.clone());
                files.push((name, configuration_text(parsed, file)));
            }
            if parsed.ast.datasources().next().is_none() {
                files[0].1.insert_str(0, &default_datasource(&[]));
            }
        }
        _ => {
            let listed: Vec<String> = if multi_schema {
                namespaces.to_vec()
            } else {
                Vec::new()
            };
            files.push(("schema.prisma".to_string(), default_datasource(&listed)));
        }
    }
    let home = previous
        .and_then(|parsed| {
            let id = parsed.ast.datasources().next()?.span.file;
            parsed.sources.get(id).map(|f| f.name.clone())
        })
        .and_then(|name| files.iter().position(|(n, _)| *n == name))
        .unwrap_or(0);
    let target = |name: &str, files: &[(String, String)]| {
        files_of(name)
            .and_then(|file| files.iter().position(|(n, _)| *n == file))
            .unwrap_or(home)
    };
    for model in models.iter().filter(|m| !m.join_table) {
        let index = target(&model.name, &files);
        files[index].1.push_str(&model_lines(model).join("\n"));
        files[index].1.push_str("\n\n");
    }
    for e in enums {
        let index = target(&e.name, &files);
        files[index].1.push_str(&e.lines(multi_schema).join("\n"));
        files[index].1.push_str("\n\n");
    }
    files
        .into_iter()
        .map(|(name, text)| PulledFile {
            text: format_text(&name, &text),
            name,
        })
        .collect()
}

fn format_text(name: &str, text: &str) -> String {
    let parsed = crate::parse_str(name, text);
    if parsed.has_errors() {
        // Never the case for what we write; the text unformatted is still the schema.
        return text.trim_end().to_string() + "\n";
    }
    crate::format(&parsed)
        .into_iter()
        .next()
        .map_or_else(|| text.to_string(), |(_, formatted)| formatted)
}
