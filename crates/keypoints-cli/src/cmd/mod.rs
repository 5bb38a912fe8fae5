//! One module a subcommand.
pub mod summarize;
