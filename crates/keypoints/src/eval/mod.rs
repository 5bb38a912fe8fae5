//! Metrics behind the `eval` commands.
pub mod sentences;
