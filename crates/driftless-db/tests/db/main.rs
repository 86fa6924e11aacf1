//! Integration tests of the database layer against a real PostgreSQL cluster.

#![allow(clippy::unwrap_used)]

mod history;
mod introspect;
mod lock;
