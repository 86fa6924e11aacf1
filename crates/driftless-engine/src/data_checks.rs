//! Turning a migration's warnings into facts about the data: how many rows a dropped table
//! holds, how many values a dropped column loses, how many duplicates a new unique index
//! would meet. Counts stop at [`COUNT_LIMIT`] so that a check never scans a huge table.

use driftless_db::{Connection, DbError, quote_ident};
use driftless_diff::{DataCheck, Warning, WarningKind};
use driftless_schema::QualifiedName;

/// Counts stop here ("more than 100,000").
pub const COUNT_LIMIT: i64 = 100_000;

/// A warning with what the database says about it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckedWarning {
    /// The warning.
    #[serde(flatten)]
    pub warning: Warning,
    /// The count its check found (capped at [`COUNT_LIMIT`] + 1), when it ran.
    pub count: Option<i64>,
}

impl CheckedWarning {
    /// Whether the data makes it matter: rows to lose, rows that make the step fail. A
    /// warning whose check did not run matters.
    pub fn matters(&self) -> bool {
        self.count != Some(0)
    }

    /// Whether the step will fail on the data as it is.
    pub fn blocks(&self) -> bool {
        self.warning.kind == WarningKind::Unexecutable && self.count.is_some_and(|c| c > 0)
    }

    /// The message with the count in words.
    pub fn describe(&self) -> String {
        let Some(count) = self.count else {
            return self.warning.message.clone();
        };
        let amount = if count > COUNT_LIMIT {
            format!("more than {}", group(COUNT_LIMIT))
        } else {
            group(count)
        };
        let fact = match &self.warning.check {
            Some(DataCheck::RowCount { .. }) => {
                format!("the table has {amount} row{}", plural(count))
            }
            Some(DataCheck::NonNullCount { .. }) => {
                format!("the column holds {amount} value{}", plural(count))
            }
            Some(DataCheck::NullCount { .. }) => {
                format!("the column has {amount} NULL value{}", plural(count))
            }
            Some(DataCheck::Duplicates { .. }) => {
                format!("{amount} value{} appear more than once", plural(count))
            }
            Some(DataCheck::EnumValueUsage { .. }) => {
                format!("{amount} row{} use these values", plural(count))
            }
            None => return self.warning.message.clone(),
        };
        format!("{} ({fact})", self.warning.message)
    }
}

fn plural(count: i64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn group(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn table_sql(name: &QualifiedName) -> String {
    format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name))
}

fn capped(inner: &str) -> String {
    format!(
        "SELECT count(*) FROM ({inner} LIMIT {}) AS capped",
        COUNT_LIMIT + 1
    )
}

/// The query of a check.
fn check_sql(check: &DataCheck) -> String {
    match check {
        DataCheck::RowCount { table } => capped(&format!("SELECT 1 FROM {}", table_sql(table))),
        DataCheck::NonNullCount { table, column } => capped(&format!(
            "SELECT 1 FROM {} WHERE {} IS NOT NULL",
            table_sql(table),
            quote_ident(column)
        )),
        DataCheck::NullCount { table, column } => capped(&format!(
            "SELECT 1 FROM {} WHERE {} IS NULL",
            table_sql(table),
            quote_ident(column)
        )),
        DataCheck::Duplicates { table, columns } => {
            let list = columns
                .iter()
                .map(|c| quote_ident(c))
                .collect::<Vec<_>>()
                .join(", ");
            let not_null = columns
                .iter()
                .map(|c| format!("{} IS NOT NULL", quote_ident(c)))
                .collect::<Vec<_>>()
                .join(" AND ");
            capped(&format!(
                "SELECT 1 FROM {} WHERE {} GROUP BY {list} HAVING count(*) > 1",
                table_sql(table),
                if not_null.is_empty() {
                    "true".to_string()
                } else {
                    not_null
                }
            ))
        }
        DataCheck::EnumValueUsage { values, columns } => {
            let list = values
                .iter()
                .map(|v| driftless_sql::quote_literal(v))
                .collect::<Vec<_>>()
                .join(", ");
            let parts: Vec<String> = columns
                .iter()
                .map(|(table, column, array)| {
                    if *array {
                        format!(
                            "SELECT 1 FROM {} WHERE {}::text[] && ARRAY[{list}]::text[]",
                            table_sql(table),
                            quote_ident(column)
                        )
                    } else {
                        format!(
                            "SELECT 1 FROM {} WHERE {}::text = ANY (ARRAY[{list}]::text[])",
                            table_sql(table),
                            quote_ident(column)
                        )
                    }
                })
                .collect();
            if parts.is_empty() {
                "SELECT 0::bigint".to_string()
            } else {
                capped(&parts.join(" UNION ALL "))
            }
        }
    }
}

/// Runs the check of every warning against the database. A check that fails (a table that
/// does not exist yet) leaves the count unknown.
pub async fn check_warnings(
    connection: &Connection,
    warnings: Vec<Warning>,
) -> Result<Vec<CheckedWarning>, DbError> {
    let mut out = Vec::with_capacity(warnings.len());
    for warning in warnings {
        let count = match &warning.check {
            Some(check) => connection
                .client()
                .query_one(&check_sql(check), &[])
                .await
                .ok()
                .map(|row| row.get::<_, i64>(0)),
            None => None,
        };
        out.push(CheckedWarning { warning, count });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_well() {
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(12), "12");
    }
}
