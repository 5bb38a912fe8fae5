//! One module a subcommand.
pub mod batch;
pub mod bench;
pub mod bench_html;
pub mod eval;
pub mod eval_entities;
pub mod eval_extraction;
pub mod eval_quotes;
pub mod eval_sentences;
pub mod extract;
pub mod summarize;
