//! The `keypoints` command. Each subcommand lives in `cmd/` and only parses arguments, calls the
//! library and prints; all analysis is in the `keypoints` crate.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod io;

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
    /// Serve the HTTP API, the web page and the searchable article store.
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(args) => cmd::summarize::run(args),
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
