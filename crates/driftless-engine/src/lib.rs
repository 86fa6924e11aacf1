//! driftless-engine
