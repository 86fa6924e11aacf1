//! `@default(…)`: which values and functions fit which field types.
//!
//! A default must make sense for the field: a string for `String`, an integer in range for
//! `Int`, an RFC 3339 timestamp for `DateTime`, valid JSON for `Json`, base64 for `Bytes`, a
//! value of the enum for an enum, a list for a list. Functions have their own types:
//! `autoincrement()` for integers, `now()` for `DateTime`, `uuid()`/`cuid()`/`nanoid()`/
//! `ulid()` for strings, `dbgenerated("…")` for anything.

use driftless_diagnostics::{Diagnostic, Diagnostics, Span};

use super::arguments::Args;
use super::{Db, DefaultInfo, DefaultValueKind, FieldInfo, FieldKind, ScalarType};
use crate::ast::{self, Attribute, Expression, FunctionCall};

pub(super) fn resolve_default<'a>(
    db: &Db<'a>,
    field: &FieldInfo<'a>,
    attribute: &'a Attribute,
    diagnostics: &mut Diagnostics,
) -> Option<DefaultInfo<'a>> {
    let mut args = Args::new(attribute, diagnostics);
    let value = args.default_arg("value");
    let map = args.named("map").and_then(|a| args.non_empty_string(a));
    args.finish();
    let Some(value) = value.and_then(|a| a.value.as_ref()) else {
        if value.is_none() {
            diagnostics.push(Diagnostic::error(
                "missing-argument",
                "`@default` needs a value, as in `@default(0)` or `@default(now())`",
                attribute.span,
            ));
        }
        return None;
    };
    let mut checker = Checker {
        db,
        field,
        diagnostics,
    };
    let resolved = checker.value(value)?;
    Some(DefaultInfo {
        value: resolved,
        map,
        span: attribute.span,
    })
}

struct Checker<'c, 'a, 'd> {
    db: &'c Db<'a>,
    field: &'c FieldInfo<'a>,
    diagnostics: &'d mut Diagnostics,
}

impl Checker<'_, '_, '_> {
    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.diagnostics
            .push(Diagnostic::error("invalid-default", message, span));
    }

    fn type_name(&self) -> String {
        let base = match &self.field.kind {
            FieldKind::Scalar(s) => s.name().to_string(),
            FieldKind::Enum(i) => self
                .db
                .enums
                .get(*i)
                .map_or("?".to_string(), |e| e.name().to_string()),
            FieldKind::Unsupported(t) => format!("Unsupported(\"{t}\")"),
            _ => "?".to_string(),
        };
        match self.field.arity {
            ast::Arity::List => format!("{base}[]"),
            ast::Arity::Optional => format!("{base}?"),
            ast::Arity::Required => base,
        }
    }

    fn value(&mut self, value: &Expression) -> Option<DefaultValueKind> {
        if let Expression::Function(call) = value {
            return self.function(call);
        }
        if matches!(self.field.kind, FieldKind::Unsupported(_)) {
            self.error(
                "an `Unsupported` field can only have `dbgenerated(\"…\")` as its default",
                value.span(),
            );
            return None;
        }
        if self.field.arity == ast::Arity::List {
            let Expression::Array(items, _) = value else {
                self.error(
                    format!(
                        "the field `{}` is a list (`{}`), so its default must be a list, as in `@default([])`",
                        self.field.name(),
                        self.type_name()
                    ),
                    value.span(),
                );
                return None;
            };
            let mut out = Vec::new();
            for item in items {
                out.push(self.single(item)?);
            }
            return Some(DefaultValueKind::List(out));
        }
        self.single(value)
    }

    /// A single (non-list) literal for the field's type.
    fn single(&mut self, value: &Expression) -> Option<DefaultValueKind> {
        let type_name = self.type_name();
        let mismatch = |expected: &str| {
            format!(
                "the default of `{}` must be {expected} because the field is `{type_name}`, found {}",
                self.field.name(),
                value.describe()
            )
        };
        match &self.field.kind {
            FieldKind::Enum(enum_index) => {
                let Expression::Constant(name) = value else {
                    let message = mismatch("one of the enum's values");
                    self.error(message, value.span());
                    return None;
                };
                let e = self.db.enums.get(*enum_index)?;
                if e.values.iter().any(|v| v.name() == name.name) {
                    Some(DefaultValueKind::EnumValue(name.name.clone()))
                } else {
                    let values: Vec<&str> = e.values.iter().map(|v| v.name()).collect();
                    self.error(
                        format!(
                            "`{}` is not a value of the enum `{}` (its values are {})",
                            name.name,
                            e.name(),
                            values
                                .iter()
                                .map(|v| format!("`{v}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        name.span,
                    );
                    None
                }
            }
            FieldKind::Scalar(scalar) => self.scalar(*scalar, value, &mismatch),
            _ => None,
        }
    }

    fn scalar(
        &mut self,
        scalar: ScalarType,
        value: &Expression,
        mismatch: &dyn Fn(&str) -> String,
    ) -> Option<DefaultValueKind> {
        match (scalar, value) {
            (ScalarType::String, Expression::String(s)) => {
                Some(DefaultValueKind::String(s.value.clone()))
            }
            (ScalarType::Boolean, Expression::Constant(c))
                if c.name == "true" || c.name == "false" =>
            {
                Some(DefaultValueKind::Boolean(c.name == "true"))
            }
            (ScalarType::Int | ScalarType::BigInt, Expression::Number(n, span)) => {
                let fits = match scalar {
                    ScalarType::Int => n.parse::<i32>().is_ok(),
                    _ => n.parse::<i64>().is_ok(),
                };
                if fits {
                    Some(DefaultValueKind::Number(n.clone()))
                } else if n.parse::<i128>().is_ok() {
                    self.error(
                        format!("`{n}` is out of range for `{}`", scalar.name()),
                        *span,
                    );
                    None
                } else {
                    let message = mismatch("an integer");
                    self.error(message, *span);
                    None
                }
            }
            (ScalarType::Float | ScalarType::Decimal, Expression::Number(n, _)) => {
                Some(DefaultValueKind::Number(n.clone()))
            }
            (ScalarType::Decimal, Expression::String(s)) if s.value.parse::<f64>().is_ok() => {
                Some(DefaultValueKind::Number(s.value.clone()))
            }
            (ScalarType::DateTime, Expression::String(s)) => {
                if parse_rfc3339(&s.value).is_some() {
                    Some(DefaultValueKind::String(s.value.clone()))
                } else {
                    self.error(
                        format!(
                            "`{}` is not an RFC 3339 date and time such as `2024-01-31T12:00:00Z`",
                            s.value
                        ),
                        s.span,
                    );
                    None
                }
            }
            (ScalarType::Json, Expression::String(s)) => {
                match serde_json::from_str::<serde_json::Value>(&s.value) {
                    Ok(_) => Some(DefaultValueKind::String(s.value.clone())),
                    Err(e) => {
                        self.error(format!("the default is not valid JSON: {e}"), s.span);
                        None
                    }
                }
            }
            (ScalarType::Bytes, Expression::String(s)) => {
                if decode_base64(&s.value).is_some() {
                    Some(DefaultValueKind::String(s.value.clone()))
                } else {
                    self.error("the default of a `Bytes` field must be base64", s.span);
                    None
                }
            }
            _ => {
                let expected = match scalar {
                    ScalarType::String => "a string",
                    ScalarType::Boolean => "`true` or `false`",
                    ScalarType::Int | ScalarType::BigInt => "an integer",
                    ScalarType::Float | ScalarType::Decimal => "a number",
                    ScalarType::DateTime => "a date-time string or `now()`",
                    ScalarType::Json => "a JSON string",
                    ScalarType::Bytes => "a base64 string",
                };
                let message = mismatch(expected);
                self.error(message, value.span());
                None
            }
        }
    }

    fn function(&mut self, call: &FunctionCall) -> Option<DefaultValueKind> {
        let name = call.name.name.as_str();
        let args = &call.arguments.arguments;
        let scalar = match &self.field.kind {
            FieldKind::Scalar(s) => Some(*s),
            _ => None,
        };
        let is_list = self.field.arity == ast::Arity::List;
        let type_name = self.type_name();
        match name {
            "dbgenerated" => match args.as_slice() {
                [] => Some(DefaultValueKind::DbGenerated(None)),
                [argument] if argument.name.is_none() => match argument.value.as_ref() {
                    Some(Expression::String(s)) if s.value.trim().is_empty() => {
                        self.error("`dbgenerated(\"\")` needs a SQL expression; write `dbgenerated()` for a default the database sets some other way", s.span);
                        None
                    }
                    Some(Expression::String(s)) => {
                        Some(DefaultValueKind::DbGenerated(Some(s.value.clone())))
                    }
                    _ => {
                        self.error(
                            "`dbgenerated` takes one string: the SQL expression",
                            call.span,
                        );
                        None
                    }
                },
                _ => {
                    self.error(
                        "`dbgenerated` takes one string: the SQL expression",
                        call.span,
                    );
                    None
                }
            },
            "autoincrement" => {
                self.no_arguments(call);
                if matches!(scalar, Some(ScalarType::Int | ScalarType::BigInt)) && !is_list {
                    Some(DefaultValueKind::Autoincrement)
                } else {
                    self.error(
                        format!("`autoincrement()` needs an `Int` or `BigInt` field, but `{}` is `{type_name}`", self.field.name()),
                        call.span,
                    );
                    None
                }
            }
            "now" => {
                self.no_arguments(call);
                if scalar == Some(ScalarType::DateTime) && !is_list {
                    Some(DefaultValueKind::Now)
                } else {
                    self.error(
                        format!(
                            "`now()` needs a `DateTime` field, but `{}` is `{type_name}`",
                            self.field.name()
                        ),
                        call.span,
                    );
                    None
                }
            }
            "uuid" | "cuid" | "nanoid" | "ulid" => {
                let allowed: &[&str] = match name {
                    "uuid" => &["4", "7"],
                    "cuid" => &["1", "2"],
                    "nanoid" => &[],
                    _ => &[],
                };
                match args.as_slice() {
                    [] => {}
                    [argument] if argument.name.is_none() => match argument.value.as_ref() {
                        Some(Expression::Number(n, span)) => {
                            let ok = if name == "nanoid" {
                                n.parse::<u8>().is_ok_and(|n| (2..=255).contains(&n))
                            } else {
                                allowed.contains(&n.as_str())
                            };
                            if !ok {
                                let expected = match name {
                                    "uuid" => "`4` or `7`",
                                    "cuid" => "`1` or `2`",
                                    "nanoid" => "a length from 2 to 255",
                                    _ => "no argument",
                                };
                                self.error(
                                    format!("`{name}()` takes {expected}, found `{n}`"),
                                    *span,
                                );
                            }
                        }
                        _ => self.error(format!("`{name}()` takes a number"), call.span),
                    },
                    _ => self.error(format!("`{name}()` takes at most one number"), call.span),
                }
                if name == "ulid" && !args.is_empty() {
                    self.error("`ulid()` takes no argument", call.span);
                }
                if scalar == Some(ScalarType::String) && !is_list {
                    Some(DefaultValueKind::ClientSide(match name {
                        "uuid" => "uuid",
                        "cuid" => "cuid",
                        "nanoid" => "nanoid",
                        _ => "ulid",
                    }))
                } else {
                    self.error(
                        format!(
                            "`{name}()` needs a `String` field, but `{}` is `{type_name}`",
                            self.field.name()
                        ),
                        call.span,
                    );
                    None
                }
            }
            "sequence" => {
                self.error(
                    "`sequence()` is for CockroachDB; on PostgreSQL use `autoincrement()`",
                    call.span,
                );
                None
            }
            "auto" => {
                self.error("`auto()` is for MongoDB; on PostgreSQL use `autoincrement()` or `dbgenerated(\"…\")`", call.span);
                None
            }
            other => {
                self.error(
                    format!("`{other}()` is not a default function: use `autoincrement()`, `now()`, `dbgenerated(\"…\")`, `uuid()`, `cuid()`, `nanoid()` or `ulid()`"),
                    call.name.span,
                );
                None
            }
        }
    }

    fn no_arguments(&mut self, call: &FunctionCall) {
        if !call.arguments.arguments.is_empty() {
            self.error(
                format!("`{}()` takes no arguments", call.name.name),
                call.arguments.span,
            );
        }
    }
}

/// A parsed RFC 3339 timestamp: date, time, nanoseconds and UTC offset in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    pub(crate) nanos: u32,
    pub(crate) offset_minutes: i32,
}

impl Timestamp {
    /// As Prisma writes a `DateTime` default in SQL: `2020-01-02 03:04:05.678 +00:00`.
    ///
    /// The fraction is left out when zero, else written with 3, 6 or 9 digits, whichever
    /// is the shortest exact form (the way Prisma's date library displays it; pinned by
    /// `testdata/schemas/14_default_boolean_datetime_bytes`).
    pub(crate) fn to_prisma_sql(self) -> String {
        let fraction = if self.nanos == 0 {
            String::new()
        } else if self.nanos % 1_000_000 == 0 {
            format!(".{:03}", self.nanos / 1_000_000)
        } else if self.nanos % 1_000 == 0 {
            format!(".{:06}", self.nanos / 1_000)
        } else {
            format!(".{:09}", self.nanos)
        };
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let offset = self.offset_minutes.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}{fraction} {sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            offset / 60,
            offset % 60
        )
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub(crate) fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    if !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    let hour = digits(11..13)?;
    let minute = digits(14..16)?;
    let second = digits(17..19)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let fraction = text.get(start..i)?;
        if fraction.is_empty() {
            return None;
        }
        let mut padded: String = fraction.chars().take(9).collect();
        while padded.len() < 9 {
            padded.push('0');
        }
        nanos = padded.parse().ok()?;
    }
    let offset_minutes = match bytes.get(i) {
        Some(b'Z' | b'z') if i + 1 == bytes.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == bytes.len() && bytes[i + 3] == b':' => {
            let hours = i32::try_from(digits(i + 1..i + 3)?).ok()?;
            let minutes = i32::try_from(digits(i + 4..i + 6)?).ok()?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(Timestamp {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_minutes,
    })
}

/// Decodes standard base64 (padding optional); `None` when it is not base64.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    let trimmed = text.trim_end_matches('=');
    if text.len() - trimmed.len() > 2 {
        return None;
    }
    for byte in trimmed.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_written_as_prisma_writes_them() {
        let cases = [
            ("2020-01-02T03:04:05Z", "2020-01-02 03:04:05 +00:00"),
            ("2020-01-02T03:04:05.678Z", "2020-01-02 03:04:05.678 +00:00"),
            ("2020-01-02T03:04:05+02:00", "2020-01-02 03:04:05 +02:00"),
            (
                "2020-01-02T03:04:05.5-05:30",
                "2020-01-02 03:04:05.500 -05:30",
            ),
            (
                "2020-01-02T03:04:05.123456Z",
                "2020-01-02 03:04:05.123456 +00:00",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_rfc3339(input)
                    .map(Timestamp::to_prisma_sql)
                    .as_deref(),
                Some(expected),
                "{input}"
            );
        }
    }

    #[test]
    fn malformed_timestamps_are_rejected() {
        for input in [
            "2020-01-02",
            "2020-13-02T03:04:05Z",
            "2020-02-30T00:00:00Z",
            "2020-01-02T03:04:05",
            "x",
        ] {
            assert_eq!(parse_rfc3339(input), None, "{input}");
        }
    }

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64("aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(decode_base64(""), Some(Vec::new()));
        assert_eq!(decode_base64("a b"), None);
    }
}
