//! All output goes through here: results on stdout (as Prisma prints them, or one JSON
//! document with `--json`), talk on stderr (progress, warnings, errors, hints), colours only
//! on a terminal and never with `NO_COLOR`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

use driftless_engine::EngineError;

/// Where and how to print.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    /// `--json`: stdout holds one JSON document and nothing else.
    pub json: bool,
    color_out: bool,
    color_err: bool,
}

/// Colours used for roles (as uv: green success, red error, yellow warning, cyan hints).
#[derive(Debug, Clone, Copy)]
pub enum Paint {
    /// Success.
    Green,
    /// Errors.
    Red,
    /// Warnings.
    Yellow,
    /// Hints, paths, names.
    Cyan,
    /// Secondary text.
    Dim,
}

impl Printer {
    /// A printer for this process's streams.
    pub fn new(json: bool, no_color: bool) -> Printer {
        let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
        let disabled = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Printer {
            json,
            color_out: !disabled && (forced || std::io::stdout().is_terminal()),
            color_err: !disabled && (forced || std::io::stderr().is_terminal()),
        }
    }

    fn paint(enabled: bool, paint: Paint, text: &str) -> String {
        if !enabled {
            return text.to_string();
        }
        let code = match paint {
            Paint::Green => "32",
            Paint::Red => "1;31",
            Paint::Yellow => "33",
            Paint::Cyan => "36",
            Paint::Dim => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    /// Colours text meant for stdout.
    pub fn out_paint(&self, paint: Paint, text: &str) -> String {
        Printer::paint(self.color_out, paint, text)
    }

    /// Colours text meant for stderr.
    pub fn err_paint(&self, paint: Paint, text: &str) -> String {
        Printer::paint(self.color_err, paint, text)
    }

    /// Whether stderr gets colours (for the diagnostics renderer).
    pub fn err_color(&self) -> bool {
        self.color_err
    }

    /// A line of result on stdout (suppressed in JSON mode).
    pub fn out(&self, text: &str) {
        if !self.json {
            write_line(&mut std::io::stdout(), text);
        }
    }

    /// Text on stdout exactly as given (SQL scripts, summaries), unless in JSON mode.
    pub fn out_raw(&self, text: &str) {
        if !self.json {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }

    /// A line of talk on stderr.
    pub fn err(&self, text: &str) {
        write_line(&mut std::io::stderr(), text);
    }

    /// A warning on stderr.
    pub fn warn(&self, text: &str) {
        self.err(&format!(
            "{}: {text}",
            self.err_paint(Paint::Yellow, "warning")
        ));
    }

    /// A hint on stderr.
    pub fn hint(&self, text: &str) {
        self.err(&format!("{}: {text}", self.err_paint(Paint::Cyan, "hint")));
    }

    /// The JSON document on stdout.
    pub fn json_document(&self, value: &serde_json::Value) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
        write_line(&mut std::io::stdout(), &text);
    }

    /// An error with its code, then its hints. In JSON mode, also the JSON error document.
    /// Paths under `root` (the project) are shown relative to it.
    pub fn error(&self, error: &EngineError, detail: Option<&str>, root: &std::path::Path) {
        let prefix = format!("{}/", root.display());
        let relative = |text: String| {
            if prefix.len() > 1 {
                text.replace(&prefix, "")
            } else {
                text
            }
        };
        if self.json {
            self.json_document(&serde_json::json!({
                "version": 1,
                "error": {
                    "code": error.code(),
                    "class": error.class(),
                    "message": relative(error.to_string()),
                    "detail": detail,
                    "hints": error.hints().into_iter().map(relative).collect::<Vec<_>>(),
                }
            }));
        }
        self.err(&format!(
            "{}: {}",
            self.err_paint(Paint::Red, &format!("error[{}]", error.code())),
            relative(error.to_string())
        ));
        if let Some(detail) = detail {
            self.err("");
            self.err(detail.trim_end());
        }
        let hints = error.hints();
        if !hints.is_empty() {
            self.err("");
            for hint in hints {
                self.hint(&relative(hint));
            }
        }
    }
}

fn write_line(stream: &mut dyn Write, text: &str) {
    // A closed pipe (`driftless … | head`) is not an error worth a panic.
    let _ = writeln!(stream, "{text}");
}
