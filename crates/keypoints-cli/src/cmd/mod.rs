//! One module a subcommand.
pub mod bench;
pub mod eval;
pub mod summarize;
