//! The `keypoints` command. Each subcommand lives in `cmd/` and only parses arguments, calls the
//! library and prints; all analysis is in the `keypoints` crate.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Extract the article text and metadata of a web page (file, stdin or URL).
    Extract(cmd::extract::Args),
    /// Score the HTML extractor on the Scrapinghub benchmark (precision, recall, F1).
    EvalExtraction(cmd::eval_extraction::Args),
    /// Speed of HTML extraction and full analysis on the benchmark pages (one core).
    BenchHtml(cmd::bench_html::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(args) => cmd::summarize::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::EvalExtraction(args) => cmd::eval_extraction::run(args),
        Command::BenchHtml(args) => cmd::bench_html::run(args),
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
