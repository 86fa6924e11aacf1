//! Integration tests of the schema-language front end (one test binary, one module per
//! concern).

mod corpus;
mod fuzz;
mod lower;
mod lowering;
mod support;
