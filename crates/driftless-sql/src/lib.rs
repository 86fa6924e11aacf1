//! driftless-sql
