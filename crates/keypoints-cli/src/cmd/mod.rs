//! One module a subcommand.
pub mod bench_html;
pub mod eval_extraction;
pub mod extract;
pub mod summarize;
