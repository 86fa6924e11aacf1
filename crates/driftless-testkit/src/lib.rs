//! driftless-testkit
