//! Reading an attribute's arguments, with the checks every attribute shares.
//!
//! An [`Args`] hands out arguments by name (or position) and remembers which ones were
//! taken; [`Args::finish`] then reports the ones nobody asked for, so every attribute gets
//! "unknown argument" errors for free. Coercions report a wrong kind of value where it is.

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use crate::ast::{Argument, Attribute, Expression};

pub(super) struct Args<'a, 'd> {
    attribute: &'a Attribute,
    used: Vec<bool>,
    pub(super) diagnostics: &'d mut Diagnostics,
}

impl<'a, 'd> Args<'a, 'd> {
    pub(super) fn new(attribute: &'a Attribute, diagnostics: &'d mut Diagnostics) -> Self {
        let args = attribute.args();
        for (i, argument) in args.iter().enumerate() {
            let Some(name) = &argument.name else {
                continue;
            };
            let earlier = args[..i]
                .iter()
                .find(|a| a.name.as_ref().is_some_and(|n| n.name == name.name));
            if let Some(earlier) = earlier {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-argument",
                        format!(
                            "the argument `{}` is given twice to `{}`",
                            name.name,
                            display(attribute)
                        ),
                        argument.span,
                    )
                    .with_label(earlier.span, "first given here"),
                );
            }
        }
        Args {
            attribute,
            used: vec![false; args.len()],
            diagnostics,
        }
    }

    /// `@name` or `@@name`, for messages.
    pub(super) fn display(&self) -> String {
        display(self.attribute)
    }

    pub(super) fn span(&self) -> Span {
        self.attribute.span
    }

    pub(super) fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error(code, message, span));
    }

    /// The named argument `name`.
    pub(super) fn named(&mut self, name: &str) -> Option<&'a Argument> {
        let args = self.attribute.args();
        let index = args
            .iter()
            .position(|a| a.name.as_ref().is_some_and(|n| n.name == name))?;
        self.used[index] = true;
        Some(&args[index])
    }

    /// The first positional argument, or else the named argument `name` (attributes such as
    /// `@@index([a])` / `@@index(fields: [a])` accept both). Giving both is an error.
    pub(super) fn default_arg(&mut self, name: &str) -> Option<&'a Argument> {
        let args = self.attribute.args();
        let positional = args.iter().position(|a| a.name.is_none());
        let named = args
            .iter()
            .position(|a| a.name.as_ref().is_some_and(|n| n.name == name));
        match (positional, named) {
            (Some(p), Some(n)) => {
                self.used[p] = true;
                self.used[n] = true;
                self.error(
                    "duplicate-argument",
                    format!(
                        "`{}` got `{name}` both as its first argument and by name",
                        self.display()
                    ),
                    args[n].span,
                );
                Some(&args[p])
            }
            (Some(i), None) | (None, Some(i)) => {
                self.used[i] = true;
                Some(&args[i])
            }
            (None, None) => None,
        }
    }

    /// Reports the arguments nobody asked for.
    pub(super) fn finish(self) {
        let display = display(self.attribute);
        for (argument, used) in self.attribute.args().iter().zip(&self.used) {
            if *used {
                continue;
            }
            let message = match &argument.name {
                Some(name) => format!("`{display}` has no argument named `{}`", name.name),
                None => format!("`{display}` does not take this positional argument"),
            };
            self.diagnostics.push(Diagnostic::error(
                "unknown-argument",
                message,
                argument.span,
            ));
        }
    }

    /// The value of an argument, reporting `name:` without a value.
    pub(super) fn value(&mut self, argument: &'a Argument) -> Option<&'a Expression> {
        // The parser already reported a missing value.
        argument.value.as_ref()
    }

    pub(super) fn string(&mut self, argument: &'a Argument) -> Option<(&'a str, Span)> {
        let value = self.value(argument)?;
        match value {
            Expression::String(s) => Some((s.value.as_str(), s.span)),
            other => {
                self.wrong_kind(argument, "a string", other);
                None
            }
        }
    }

    /// A string argument that must not be empty (`map:`, `name:`).
    pub(super) fn non_empty_string(&mut self, argument: &'a Argument) -> Option<(&'a str, Span)> {
        let (value, span) = self.string(argument)?;
        if value.is_empty() {
            let name = argument.name.as_ref().map_or("name", |n| n.name.as_str());
            self.error(
                "empty-name",
                format!(
                    "the `{name}` argument of `{}` cannot be an empty string",
                    self.display()
                ),
                span,
            );
            return None;
        }
        Some((value, span))
    }

    pub(super) fn constant(&mut self, argument: &'a Argument) -> Option<(&'a str, Span)> {
        let value = self.value(argument)?;
        match value {
            Expression::Constant(c) => Some((c.name.as_str(), c.span)),
            other => {
                self.wrong_kind(argument, "a constant (a bare name)", other);
                None
            }
        }
    }

    pub(super) fn integer(&mut self, argument: &'a Argument) -> Option<(i64, Span)> {
        let value = self.value(argument)?;
        match value {
            Expression::Number(text, span) => match text.parse::<i64>() {
                Ok(n) => Some((n, *span)),
                Err(_) => {
                    self.wrong_kind(argument, "an integer", value);
                    None
                }
            },
            other => {
                self.wrong_kind(argument, "an integer", other);
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, argument: &'a Argument) -> Option<(bool, Span)> {
        let (value, span) = self.constant(argument)?;
        match value {
            "true" => Some((true, span)),
            "false" => Some((false, span)),
            _ => {
                self.error(
                    "invalid-argument",
                    format!("expected `true` or `false`, found `{value}`"),
                    span,
                );
                None
            }
        }
    }

    /// The items of an array; a single value counts as a one-item array (Prisma accepts
    /// `@@index(field)` for `@@index([field])`).
    pub(super) fn list(&mut self, argument: &'a Argument) -> Option<Vec<&'a Expression>> {
        let value = self.value(argument)?;
        Some(match value {
            Expression::Array(items, _) => items.iter().collect(),
            single => vec![single],
        })
    }

    fn wrong_kind(&mut self, argument: &'a Argument, expected: &str, found: &Expression) {
        let what = match &argument.name {
            Some(name) => format!("the `{}` argument of `{}`", name.name, self.display()),
            None => format!("the argument of `{}`", self.display()),
        };
        self.error(
            "invalid-argument",
            format!("{what} must be {expected}, found {}", found.describe()),
            found.span(),
        );
    }
}

pub(super) fn display(attribute: &Attribute) -> String {
    format!(
        "{}{}",
        if attribute.block { "@@" } else { "@" },
        attribute.name.name
    )
}
