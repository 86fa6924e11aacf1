//! Reading catalog rows without panicking: a column that does not decode is an error that
//! names the column, not a crash.

use tokio_postgres::Row;
use tokio_postgres::types::FromSql;

use crate::DbError;

/// Column `index` of `row`, decoded.
pub(crate) fn get<'a, T: FromSql<'a>>(row: &'a Row, index: usize) -> Result<T, DbError> {
    row.try_get(index).map_err(|e| DbError::Other {
        context: format!(
            "reading column {index} of a catalog row ({})",
            row.columns().get(index).map_or("?", |c| c.name())
        ),
        reason: e.to_string(),
    })
}

/// A text column that may be NULL, with empty text counted as NULL.
pub(crate) fn text_opt(row: &Row, index: usize) -> Result<Option<String>, DbError> {
    Ok(get::<Option<String>>(row, index)?.filter(|s| !s.is_empty()))
}
