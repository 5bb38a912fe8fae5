//! One module a subcommand.
pub mod bench;
pub mod eval;
pub mod eval_sentences;
pub mod summarize;
