//! Everything that talks to a live database: connections, the history table, the migration
//! lock, and local clusters. The only crate with a database driver.

#![warn(missing_docs)]

pub mod cluster;
mod connection;
mod error;
pub mod fingerprint;
mod history;
mod introspect;
mod lock;
pub mod shadow;
pub mod throwaway;
mod url;

pub use connection::{Canceller, ConnectOptions, Connection, create_database};
pub use driftless_sql::quote_ident;
pub use error::{DbError, ServerError};
pub use history::{HISTORY_TABLE, History, HistoryRow, RowState, new_row_id};
pub use introspect::{catalog_queries, introspect};
pub use lock::{ADVISORY_LOCK_KEY, LockError, LockHolder, lock, lock_holders, try_lock, unlock};
pub use url::{DatabaseUrl, Host, UrlError, mask_url_text, redact};

/// Formats a timestamp as `2025-01-31 12:34:56 UTC`, for messages.
pub fn format_timestamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
