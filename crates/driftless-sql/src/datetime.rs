//! Date and time constants in one spelling, so that a default written
//! `'2020-01-02T03:04:05Z'` (Prisma) equals the `'2020-01-02 03:04:05'::timestamp` PostgreSQL
//! stores for it.
//!
//! PostgreSQL reads a constant for the column's type: a `timestamp` ignores the offset, a
//! `timestamptz` is an instant (printed in the session's time zone), a `date` keeps the date
//! and a `time` the time of day. The canonical text follows the same rules, with instants in
//! UTC and fractional seconds without trailing zeros.

/// The canonical text of a date/time constant for a column of type `type_name`
/// (`format_type` spelling), or `None` when the text is not a plain date/time (`now`,
/// `infinity`, BC dates) or the type is not a date/time type.
pub(crate) fn normalize(text: &str, type_name: &str) -> Option<String> {
    let kind = if type_name.starts_with("timestamp") {
        if type_name.ends_with("with time zone") {
            Kind::TimestampTz
        } else {
            Kind::Timestamp
        }
    } else if type_name == "date" {
        Kind::Date
    } else if type_name.starts_with("time") && type_name.ends_with("without time zone") {
        Kind::Time
    } else {
        return None;
    };
    let parsed = parse(text.trim())?;
    Some(match kind {
        Kind::Date => format_date(parsed.days),
        Kind::Time => format_time(parsed.seconds, &parsed.fraction),
        Kind::Timestamp => format!(
            "{} {}",
            format_date(parsed.days),
            format_time(parsed.seconds, &parsed.fraction)
        ),
        Kind::TimestampTz => {
            let total = parsed.days * 86_400 + parsed.seconds - parsed.offset_seconds;
            let days = total.div_euclid(86_400);
            let seconds = total.rem_euclid(86_400);
            format!(
                "{} {}+00",
                format_date(days),
                format_time(seconds, &parsed.fraction)
            )
        }
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Timestamp,
    TimestampTz,
    Date,
    Time,
}

struct Parsed {
    /// Days since 1970-01-01.
    days: i64,
    /// Seconds since midnight.
    seconds: i64,
    /// Fractional digits, without trailing zeros.
    fraction: String,
    /// The written offset from UTC (0 when none).
    offset_seconds: i64,
}

fn number(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse(text: &str) -> Option<Parsed> {
    let time_only = match (text.find(':'), text.find('-')) {
        (Some(colon), Some(dash)) => colon < dash,
        (Some(_), None) => true,
        _ => false,
    };
    if time_only {
        // A time of day alone (`12:30:00`, `12:30:00-01`).
        return parse_time(0, text);
    }
    let (date, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], text[i + 1..].trim_start()),
        None => (text, ""),
    };
    let mut parts = date.split('-');
    let year = number(parts.next()?)?;
    let month = number(parts.next()?)?;
    let day = number(parts.next()?)?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if rest.is_empty() {
        return Some(Parsed {
            days,
            seconds: 0,
            fraction: String::new(),
            offset_seconds: 0,
        });
    }
    parse_time(days, rest)
}

/// The time of day, then an optional offset.
fn parse_time(days: i64, rest: &str) -> Option<Parsed> {
    let offset_at = rest.find(['Z', 'z', '+', '-']);
    let (time, offset) = match offset_at {
        Some(i) => (rest[..i].trim(), rest[i..].trim()),
        None => (rest.trim(), ""),
    };
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, fraction),
        None => (time, ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut units = clock.split(':');
    let hours = number(units.next()?)?;
    let minutes = number(units.next()?)?;
    let seconds = match units.next() {
        Some(s) => number(s)?,
        None => 0,
    };
    if units.next().is_some() || hours > 24 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some(Parsed {
        days,
        seconds: hours * 3600 + minutes * 60 + seconds,
        fraction: fraction.trim_end_matches('0').to_string(),
        offset_seconds: parse_offset(offset)?,
    })
}

fn parse_offset(text: &str) -> Option<i64> {
    if text.is_empty() || text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = &text[1..];
    let (hours, minutes) = match body.split_once(':') {
        Some((h, m)) => (number(h)?, number(m)?),
        None if body.len() == 4 => (number(&body[..2])?, number(&body[2..])?),
        None => (number(body)?, 0),
    };
    Some(sign * (hours * 3600 + minutes * 60))
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn format_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn format_time(seconds: i64, fraction: &str) -> String {
    let text = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if fraction.is_empty() {
        text
    } else {
        format!("{text}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn prismas_spelling_equals_postgresqls() {
        let ts = "timestamp(3) without time zone";
        let tz = "timestamp(6) with time zone";
        for (a, b, t) in [
            ("2020-01-02 03:04:05 +00:00", "2020-01-02 03:04:05", ts),
            ("2020-01-02T03:04:05.678Z", "2020-01-02 03:04:05.678", ts),
            ("2020-01-02 03:04:05 +02:00", "2020-01-02 03:04:05", ts),
            ("2021-06-01 00:00:00 +00:00", "2021-06-01 00:00:00+00", tz),
            ("2021-06-01 02:00:00+02", "2021-06-01 00:00:00+00", tz),
            ("2021-06-01 00:30:00-01:00", "2021-06-01 01:30:00+00", tz),
            ("2021-06-01 00:00:00 +00:00", "2021-06-01", "date"),
            (
                "1970-01-01 12:30:00 +00:00",
                "12:30:00",
                "time(0) without time zone",
            ),
        ] {
            assert_eq!(normalize(a, t), normalize(b, t), "{a} vs {b} as {t}");
        }
        assert_eq!(
            normalize("2000-02-29 23:30:00-01", tz).as_deref(),
            Some("2000-03-01 00:30:00+00")
        );
        assert_eq!(normalize("now", ts), None);
        assert_eq!(normalize("2020-13-01", "date"), None);
        assert_eq!(normalize("2020-01-01", "text"), None);
    }
}
