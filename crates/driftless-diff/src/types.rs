//! Whether PostgreSQL can change a column's type in place (`ALTER COLUMN … SET DATA TYPE`,
//! which needs an implicit or assignment cast), and whether doing so can lose data.

use driftless_schema::{ColumnType, TypeRef};

/// How a column type change can be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TypeChange {
    /// In place, without losing anything (widening).
    Safe,
    /// In place, but values may not fit (narrowing): a data-loss warning.
    Risky,
    /// Not in place: the column is dropped and added again.
    NotCastable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Integer(u8),
    Numeric,
    Float(u8),
    Text(Option<u32>),
    FixedChar,
    Timestamp,
    Date,
    Time,
    Json,
    Other,
}

fn family(name: &str) -> Family {
    let base = name.split('(').next().unwrap_or(name).trim();
    let length = || {
        name.split_once('(')
            .and_then(|(_, rest)| rest.trim_end_matches(')').split(',').next())
            .and_then(|n| n.trim().parse().ok())
    };
    match base {
        "smallint" => Family::Integer(2),
        "integer" => Family::Integer(4),
        "bigint" => Family::Integer(8),
        "numeric" => Family::Numeric,
        "real" => Family::Float(4),
        "double precision" => Family::Float(8),
        "text" => Family::Text(None),
        "character varying" => Family::Text(length()),
        "character" | "bpchar" => Family::FixedChar,
        "date" => Family::Date,
        _ if base.starts_with("timestamp") => Family::Timestamp,
        _ if base.starts_with("time") => Family::Time,
        "json" | "jsonb" => Family::Json,
        _ => Family::Other,
    }
}

/// How `from` can become `to`.
pub fn type_change(from: &ColumnType, to: &ColumnType) -> TypeChange {
    if from == to {
        return TypeChange::Safe;
    }
    if from.array != to.array {
        return TypeChange::NotCastable;
    }
    let (TypeRef::Builtin(from), TypeRef::Builtin(to)) = (&from.base, &to.base) else {
        return TypeChange::NotCastable;
    };
    use Family::*;
    match (family(from), family(to)) {
        (Integer(a), Integer(b)) => {
            if b >= a {
                TypeChange::Safe
            } else {
                TypeChange::Risky
            }
        }
        (Integer(_), Numeric | Float(8)) => TypeChange::Safe,
        (Integer(_), Float(_)) => TypeChange::Risky,
        (Numeric | Float(_), Integer(_)) => TypeChange::Risky,
        (Numeric | Float(_), Numeric | Float(_)) => TypeChange::Risky,
        (Text(_) | FixedChar, Text(None)) => TypeChange::Safe,
        (Text(Some(a)), Text(Some(b))) if b >= a => TypeChange::Safe,
        (Text(_) | FixedChar, Text(_) | FixedChar) => TypeChange::Risky,
        // Everything can be written as text.
        (Integer(_) | Numeric | Float(_) | Timestamp | Date | Time | Json, Text(None)) => {
            TypeChange::Safe
        }
        (Integer(_) | Numeric | Float(_) | Timestamp | Date | Time | Json, Text(_)) => {
            TypeChange::Risky
        }
        (Timestamp, Timestamp) => TypeChange::Safe,
        (Date, Timestamp) => TypeChange::Safe,
        (Timestamp, Date) => TypeChange::Risky,
        (Time, Time) => TypeChange::Safe,
        (Json, Json) => TypeChange::Safe,
        _ => TypeChange::NotCastable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> ColumnType {
        ColumnType::builtin(name)
    }

    #[test]
    fn casts_follow_postgresql() {
        assert_eq!(type_change(&t("integer"), &t("bigint")), TypeChange::Safe);
        assert_eq!(type_change(&t("bigint"), &t("integer")), TypeChange::Risky);
        assert_eq!(
            type_change(&t("text"), &t("character varying(100)")),
            TypeChange::Risky
        );
        assert_eq!(
            type_change(&t("character varying(10)"), &t("character varying(20)")),
            TypeChange::Safe
        );
        assert_eq!(
            type_change(&t("text"), &t("integer")),
            TypeChange::NotCastable
        );
        assert_eq!(
            type_change(&t("text"), &t("text").into_array()),
            TypeChange::NotCastable
        );
        assert_eq!(
            type_change(
                &t("timestamp(3) without time zone"),
                &t("timestamp(3) with time zone")
            ),
            TypeChange::Safe
        );
    }
}
