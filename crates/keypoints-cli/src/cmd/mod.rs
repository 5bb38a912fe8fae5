//! One module a subcommand.
pub mod serve;
pub mod summarize;
