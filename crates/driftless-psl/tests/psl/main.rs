//! Integration tests of the schema-language front end (one test binary, one module per
//! concern).

// Tests may unwrap: a failure is a test failure (helpers here are outside `#[test]` fns).
#![allow(clippy::unwrap_used)]

mod corpus;
mod format;
mod fuzz;
mod invalid;
mod lower;
mod lowering;
mod support;
