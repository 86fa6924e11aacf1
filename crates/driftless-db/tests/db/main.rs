//! Integration tests of the database layer against a real PostgreSQL cluster.

mod history;
mod lock;
