//! driftless-psl
