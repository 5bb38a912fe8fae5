//! `keypoints batch`: many articles (JSONL, WARC, folders, stdin) to JSONL digests and/or the
//! service's SQLite store, on all cores, resumable. The work is done by the `keypoints-batch`
//! crate; this module parses arguments, draws the progress bar and prints the summary.
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Result};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use keypoints_batch::store::{StoreSink, StoreStats};
use keypoints_batch::{Config, Done, Inputs, JsonlSink, Sink, Stats, Tee};

/// Arguments of `batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Inputs: .jsonl files (one {"id"?, "text"|"html", "url"?, "lang"?} a line), .warc or
    /// .warc.gz files, folders of .txt/.html files, or - for stdin (JSONL or WARC, gzip or not).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Where the JSONL digests go: a file, or - for stdout (the default when there is no
    /// --store).
    #[arg(short, long)]
    pub output: Option<String>,
    /// Also (or, without -o, only) store the digests in this SQLite file, the store of
    /// `keypoints serve --db` (created if absent).
    #[arg(long, value_name = "DB")]
    pub store: Option<PathBuf>,
    /// Carry on after an interrupted run: keep the records already in the output file and the
    /// store and do the others. Give the same inputs in the same order.
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
    let output = match (&args.output, &args.store) {
        (Some(o), _) => Some(o.clone()),
        (None, Some(_)) => None,
        (None, None) => Some("-".to_string()),
    };
    if args.resume && output.as_deref() == Some("-") {
        bail!(
            "--resume needs an output file (-o FILE) or a store (--store DB): standard output cannot be resumed"
        );
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
        analyses: args.key_points.analyses()?,
        ..keypoints::Options::default()
    };
    // The store first: a store that cannot be opened stops the batch before anything is written.
    let mut store = match &args.store {
        Some(path) => Some(StoreSink::open(path, &args.inputs, args.resume)?),
        None => None,
    };
    let mut jsonl = match &output {
        Some(o) => {
            let done = if args.resume {
                keypoints_batch::resume::scan_output(std::path::Path::new(o))?
            } else {
                Done::new()
            };
            Some((JsonlSink::open(o, args.resume)?, done))
        }
        None => None,
    };
    // Records both outputs hold are skipped; a record only one holds is done again, and the
    // output that has it already does not write it twice (the file skips it, the store's rows
    // are keyed by record).
    let done = match (&jsonl, &store) {
        (Some((_, a)), Some((_, b))) => a.intersection(b),
        (Some((_, a)), None) => a.clone(),
        (None, Some((_, b))) => b.clone(),
        (None, None) => Done::new(),
    };
    let mut parts: Vec<&mut dyn Sink> = Vec::new();
    if let Some((sink, file_done)) = &mut jsonl {
        sink.skip(std::mem::take(file_done));
        parts.push(sink);
    }
    if let Some((sink, _)) = &mut store {
        parts.push(sink);
    }
    let mut sink = Tee(parts);

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
    drop(sink);
    let stats = result?;
    if !args.quiet {
        let stored = store.as_ref().map(|(s, _)| s.stats());
        eprintln!("{}", summary(&stats, args.store.as_ref().zip(stored)));
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

/// The final line: counts, time, rates, and what went into the store.
fn summary(s: &Stats, store: Option<(&PathBuf, &StoreStats)>) -> String {
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
    if let Some((path, st)) = store {
        line.push_str(&format!(
            "; store {}: {} new, {} already there, {} errors recorded, {} commits, {:.2} s writing",
            path.display(),
            st.new,
            st.existing,
            st.errors,
            st.commits,
            st.write_time.as_secs_f64()
        ));
    }
    line
}
