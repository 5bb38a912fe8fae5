//! One module a subcommand.
pub mod batch;
pub mod summarize;
