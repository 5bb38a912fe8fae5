//! The `keypoints` command. Each subcommand lives in `cmd/` and only parses arguments, calls the
//! library and prints; all analysis is in the `keypoints` crate.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the analysis allocates many small, short-lived
/// strings and vectors, and mimalloc took about 18% less CPU time over the CNN/DM set in a
/// measurement (docs/batch.md), at the cost of a few more megabytes resident.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd;
mod io;
mod pages;
mod source;

/// Key points, quotes, entities and quality flags of news articles.
#[derive(Parser)]
#[command(name = "keypoints", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one article (file, or - for stdin) and print its key points or full digest.
    Summarize(cmd::summarize::Args),
    /// Score quotes and speakers against PolNeAR (brat standoff folder).
    EvalQuotes(cmd::eval_quotes::Args),
    /// Score entities against a KIND-style token/tag file.
    EvalEntities(cmd::eval_entities::Args),
    /// Score key points with ROUGE on a summary set, beside Lead-3 and the set's systems.
    Eval(cmd::eval::Args),
    /// Measure speed: articles a second on one core, and the time for one ~1 MB article.
    Bench(cmd::bench::Args),
    /// Score sentence splitting against the gold sentences of CoNLL-U files.
    EvalSentences(cmd::eval_sentences::Args),
    /// Analyse many articles (JSONL, WARC, folders, stdin) on all cores into JSONL digests.
    Batch(cmd::batch::Args),
    /// Extract the article text and metadata of a web page (file, stdin or URL).
    Extract(cmd::extract::Args),
    /// Score the HTML extractor on the Scrapinghub benchmark (precision, recall, F1).
    EvalExtraction(cmd::eval_extraction::Args),
    /// Speed of HTML extraction and full analysis on the benchmark pages (one core).
    BenchHtml(cmd::bench_html::Args),
    /// Serve the HTTP API, the web page and the searchable article store.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(args) => cmd::summarize::run(args),
        Command::EvalQuotes(args) => cmd::eval_quotes::run(args),
        Command::EvalEntities(args) => cmd::eval_entities::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::EvalSentences(args) => cmd::eval_sentences::run(args),
        Command::Batch(args) => cmd::batch::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::EvalExtraction(args) => cmd::eval_extraction::run(args),
        Command::BenchHtml(args) => cmd::bench_html::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the error and its causes, joined.
            let msg = err
                .chain()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            eprintln!("keypoints: {msg}");
            ExitCode::from(2)
        }
    }
}
