//! `keypoints batch`: many articles (JSONL, WARC, folders, stdin) to JSONL digests, on all cores,
//! resumable. The work is done by the `keypoints-batch` crate; this module parses arguments,
//! draws the progress bar and prints the summary.
use std::io::IsTerminal;
use std::time::Duration;

use anyhow::{bail, Result};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use keypoints_batch::{Config, Done, Inputs, JsonlSink, Stats};

/// Arguments of `batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Inputs: .jsonl files (one {"id"?, "text"|"html", "url"?, "lang"?} a line), .warc or
    /// .warc.gz files, folders of .txt/.html files, or - for stdin (JSONL or WARC, gzip or not).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Where the JSONL digests go: a file, or - for stdout.
    #[arg(short, long, default_value = "-")]
    pub output: String,
    /// Carry on after an interrupted run: keep the records already in the output file and do
    /// the others. Give the same inputs in the same order.
    #[arg(long)]
    pub resume: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Write records as they finish instead of in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Records larger than this many bytes are reported as errors without being read whole.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_record_bytes: usize,
    #[command(flatten)]
    pub key_points: super::KeyPointArgs,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `batch`.
pub fn run(args: Args) -> Result<()> {
    if args.resume && args.output == "-" {
        bail!("--resume needs an output file (-o FILE): standard output cannot be resumed");
    }
    if let Some(code) = &args.key_points.lang {
        keypoints::lang::get(code)?;
    }
    let inputs = Inputs::open(&args.inputs, args.max_record_bytes)?;
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let mut cfg = Config::new(jobs);
    cfg.ordered = !args.unordered;
    cfg.options = keypoints::Options {
        lang: args.key_points.lang.clone(),
        points: args.key_points.points,
        concise: args.key_points.concise,
        max_bytes: args.max_record_bytes,
        ..keypoints::Options::default()
    };
    let done = if args.resume {
        keypoints_batch::resume::scan_output(std::path::Path::new(&args.output))?
    } else {
        Done::new()
    };
    let mut sink = JsonlSink::open(&args.output, args.resume)?;

    let bar = progress_bar(&inputs, args.quiet);
    let mut update = |s: &Stats| {
        if let Some(bar) = &bar {
            bar.set_position(s.bytes_read);
            let secs = s.elapsed.as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} done, {} failed, {:.0} articles/s",
                s.done,
                s.failed,
                (s.done + s.failed) as f64 / secs
            ));
        }
    };
    let result = keypoints_batch::run(&inputs, &cfg, &done, &mut sink, &mut update);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let stats = result?;
    if !args.quiet {
        eprintln!("{}", summary(&stats));
    }
    Ok(())
}

/// The progress bar, on a terminal only.
fn progress_bar(inputs: &Inputs, quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match inputs.total_bytes() {
        Some(total) => {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}  {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        }
        None => {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {bytes} read, {bytes_per_sec}  {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

/// The final line: counts, time, rates.
fn summary(s: &Stats) -> String {
    let secs = s.elapsed.as_secs_f64();
    let rate = (s.done + s.failed) as f64 / secs.max(1e-3);
    let mut line = format!(
        "keypoints batch: {} done, {} failed, {} skipped",
        s.done, s.failed, s.skipped
    );
    if s.resumed > 0 {
        line.push_str(&format!(", {} already in the output", s.resumed));
    }
    line.push_str(&format!(
        " in {secs:.1} s ({rate:.1} articles/s, {}/s)",
        HumanBytes((s.bytes_read as f64 / secs.max(1e-3)) as u64)
    ));
    line
}
