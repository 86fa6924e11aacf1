//! driftless-db
