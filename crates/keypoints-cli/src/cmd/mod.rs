//! One module a subcommand.
pub mod eval_sentences;
pub mod summarize;
