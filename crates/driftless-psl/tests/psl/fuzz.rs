//! Fuzz-style robustness: truncated and mutated corpus schemas never make the front end
//! (parser, validation, lowering) panic, and every diagnostic points inside its file on character boundaries.
//!
//! This is deterministic (a fixed-seed generator), so a failure reproduces; the real fuzzer
//! lives in `fuzz/` for longer runs.

use driftless_psl::{ParsedSchema, SourceFile, parse_schema};

use crate::support::corpus_schemas;

/// A small deterministic pseudo-random generator (xorshift64*), so tests need no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Mutants per input: the default keeps the suite fast; `PSL_FUZZ_SCALE=50` runs 50 times
/// as many for a longer hunt.
fn iterations(default: usize) -> usize {
    let scale = std::env::var("PSL_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(1);
    default * scale
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@",
    "@@",
    "\"",
    "\\",
    ",",
    ":",
    "=",
    "?",
    "!",
    ".",
    "\n",
    "\r",
    "//",
    "///",
    "model ",
    "enum ",
    "type ",
    "view ",
    "datasource ",
    "generator ",
    "é",
    "-",
    "1.5",
    "@relation(",
    "@default(",
    "Unsupported(\"",
    "@@index([",
    "[]?",
    "env(",
    "\u{feff}",
    "\t",
];

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = floor_boundary(&out, rng.below(out.len() + 1));
        match rng.below(4) {
            0 => {
                let end = floor_boundary(&out, at + rng.below(40));
                out.replace_range(at..end, "");
            }
            1 => out.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
            2 => {
                let end = floor_boundary(&out, at + rng.below(200));
                let copy = out[at..end].to_string();
                let to = floor_boundary(&out, rng.below(out.len() + 1));
                out.insert_str(to, &copy);
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn check(parsed: &ParsedSchema) {
    for diagnostic in parsed.diagnostics.iter() {
        let file = parsed
            .sources
            .get(diagnostic.span.file)
            .expect("diagnostics point into a known file");
        let range = diagnostic.span.range();
        assert!(
            range.start <= range.end && range.end <= file.text.len(),
            "{diagnostic:?}"
        );
        assert!(
            file.text.is_char_boundary(range.start) && file.text.is_char_boundary(range.end),
            "{diagnostic:?}"
        );
        let _ = driftless_diagnostics::render(
            diagnostic,
            &parsed.sources,
            driftless_diagnostics::Style::plain(),
        );
    }
    let _ = parsed.configuration();
    let (_, diagnostics) = driftless_psl::lower(parsed);
    for diagnostic in diagnostics.iter() {
        let _ = driftless_diagnostics::render(
            diagnostic,
            &parsed.sources,
            driftless_diagnostics::Style::plain(),
        );
    }
}

#[test]
fn truncated_corpus_schemas_never_panic() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    for (_, files) in schemas {
        for file in files {
            let text = &file.text;
            let step = (text.len() / 60).max(1);
            let mut at = 0;
            while at < text.len() {
                let cut = floor_boundary(text, at);
                let parsed = parse_schema(vec![SourceFile::new(&file.name, &text[..cut])]);
                check(&parsed);
                at += step;
            }
        }
    }
}

#[test]
fn mutated_corpus_schemas_never_panic() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    let mut rng = Rng(0x05EE_D0FD_21F7);
    for (_, files) in schemas {
        for file in files {
            for _ in 0..iterations(40) {
                let mutated = mutate(&file.text, &mut rng);
                let parsed = parse_schema(vec![SourceFile::new(&file.name, mutated)]);
                check(&parsed);
            }
        }
    }
}

#[test]
fn hostile_inputs_never_panic() {
    let inputs = [
        "",
        "{",
        "}",
        "model",
        "model {",
        "model A",
        "model A {",
        "model A {\n id",
        "@@",
        "@",
        "\"",
        "\\",
        "model A {\n  a Int @default(\n",
        "model A {\n  a Int @default([[[[[\n}",
        "datasource db {\n url = env(\n}",
        "enum E {\n A @map(\"\n}",
        "type X = String",
        "model A {\n  a Unsupported(\n}",
        "model A {\n  a B[\n}",
        "model A {\n  a B?[]\n}",
        "\u{feff}model A {}",
        "model A {\r\n  id Int @id\r}",
        "model A { id Int @id }",
        "model A {\n  @@index([a(sort: ]\n}",
        "///\n///",
        "model A {\n  a Int @db.\n}",
    ];
    for input in inputs {
        check(&parse_schema(vec![SourceFile::new("s.prisma", input)]));
    }
}

/// Line-level mutations keep the syntax valid more often, so they reach validation and
/// lowering: dropping, duplicating or moving lines, and swapping words between lines.
fn mutate_lines(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(rng.below(lines.len() + 1), copy);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            _ => {
                if words.is_empty() {
                    continue;
                }
                let line_words: Vec<&str> = lines[i]
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|w| !w.is_empty())
                    .collect();
                if line_words.is_empty() {
                    continue;
                }
                let from = line_words[rng.below(line_words.len())].to_string();
                let to = &words[rng.below(words.len())];
                lines[i] = lines[i].replacen(&from, to, 1);
            }
        }
    }
    lines.join("\n")
}

#[test]
fn semantically_mutated_corpus_schemas_never_panic() {
    let Some(schemas) = corpus_schemas() else {
        eprintln!("skipped: corpus not found");
        return;
    };
    let mut rng = Rng(0x0BAD_5EED_1234_5678);
    let mut reached_validation = 0;
    for (_, files) in schemas {
        for _ in 0..iterations(30) {
            let mutated: Vec<SourceFile> = files
                .iter()
                .map(|f| SourceFile::new(&f.name, mutate_lines(&f.text, &mut rng)))
                .collect();
            let parsed = parse_schema(mutated);
            if !parsed.diagnostics.has_errors() {
                reached_validation += 1;
            }
            check(&parsed);
        }
    }
    assert!(
        reached_validation > 50,
        "only {reached_validation} mutants parsed"
    );
}
