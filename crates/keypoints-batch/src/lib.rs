//! Batch runs of keypoints over archives: JSONL, WARC (Common Crawl's multi-member `.warc.gz`),
//! folders of `.txt`/`.html` files, or stdin, to JSONL digests or another [`Sink`].
//!
//! # Design
//! Three kinds of thread, joined by bounded channels:
//! 1. one **reader** ([`input`]) cuts the inputs into items (one JSON line, one WARC record, one
//!    file) and numbers them: `seq` is an item's position among all items of the inputs;
//! 2. **workers** (all cores by default) parse each item, call `keypoints::analyze` and build the
//!    output line ([`record`]); a panic in the analysis is caught and becomes a failed record;
//! 3. the calling thread **writes** outcomes to the [`Sink`], in input order (a reorder buffer
//!    keyed by dispatch number) or as they come with `ordered: false`.
//!
//! Memory is bounded whatever the input size: the reader takes a slot of a [`Budget`] (a number
//! of items and a number of payload bytes) before it dispatches an item, and the writer gives it
//! back once the item is written. The reorder buffer can therefore never hold more than the
//! budget, even when one slow record holds up the output.
//!
//! Resume ([`resume`]): the records already in the output are skipped by `seq`.
#![warn(missing_docs)]

pub mod input;
pub mod record;
pub mod resume;
pub mod sink;
#[cfg(feature = "store")]
pub mod store;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};

pub use input::Inputs;
pub use record::{Extra, Outcome};
pub use resume::Done;
pub use sink::{JsonlSink, Preparer, Sink, Tee};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Worker threads.
    pub jobs: usize,
    /// Write records in input order (otherwise as they finish).
    pub ordered: bool,
    /// Options passed to `keypoints::analyze` for every record.
    pub options: keypoints::Options,
    /// Items in flight (read, not yet written) at most.
    pub max_items: usize,
    /// Payload bytes in flight at most (one item larger than this still goes, alone).
    pub max_bytes: usize,
}

impl Config {
    /// All cores, ordered output, default analysis options.
    pub fn new(jobs: usize) -> Config {
        let jobs = jobs.max(1);
        Config {
            jobs,
            ordered: true,
            options: keypoints::Options::default(),
            max_items: 64 + jobs * 16,
            max_bytes: 96 * 1024 * 1024,
        }
    }
}

/// Counters of a batch, passed to the progress callback and returned at the end.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Records analysed and written.
    pub done: u64,
    /// Records written as errors.
    pub failed: u64,
    /// Records that are not articles (non-HTML or non-2xx WARC responses).
    pub skipped: u64,
    /// Records already in the output (resume).
    pub resumed: u64,
    /// Input bytes read so far (compressed bytes for `.gz`).
    pub bytes_read: u64,
    /// Total input bytes, when known.
    pub total_bytes: Option<u64>,
    /// Time since the start.
    pub elapsed: Duration,
}

/// A limit on what is in flight between the reader and the writer.
pub struct Budget {
    state: Mutex<(usize, usize, bool)>,
    cond: Condvar,
    max_items: usize,
    max_bytes: usize,
}

impl Budget {
    /// A budget of `max_items` items and `max_bytes` bytes.
    pub fn new(max_items: usize, max_bytes: usize) -> Budget {
        Budget {
            state: Mutex::new((0, 0, false)),
            cond: Condvar::new(),
            max_items: max_items.max(1),
            max_bytes,
        }
    }

    /// Waits for room for one item of `bytes`; false when the batch is stopping.
    pub fn acquire(&self, bytes: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if s.2 {
                return false;
            }
            let fits = s.0 == 0 || (s.0 < self.max_items && s.1 + bytes <= self.max_bytes);
            if fits {
                s.0 += 1;
                s.1 += bytes;
                return true;
            }
            s = self.cond.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Gives back the room of one item of `bytes`.
    pub fn release(&self, bytes: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 = s.0.saturating_sub(1);
        s.1 = s.1.saturating_sub(bytes);
        self.cond.notify_all();
    }

    /// Wakes every waiter and refuses further items.
    pub fn stop(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.2 = true;
        self.cond.notify_all();
    }
}

/// An item on its way to a worker: dispatch number (dense, for reordering), seq, the item.
struct Job {
    k: u64,
    seq: u64,
    size: usize,
    item: input::Item,
}

/// A worker's answer.
struct Finished {
    k: u64,
    size: usize,
    outcome: Outcome,
}

/// Runs a batch: reads `inputs`, skips the records in `done` (resume), analyses the rest on
/// `cfg.jobs` threads and writes them to `sink`. `progress` is called from time to time (and once
/// at the end) with the counters. Bad records are written as errors and counted; only a failure
/// of the sink (or of listing a folder) stops the batch with an error.
pub fn run(
    inputs: &Inputs,
    cfg: &Config,
    done: &Done,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(&Stats),
) -> Result<Stats> {
    let start = Instant::now();
    let counter = Arc::new(AtomicU64::new(0));
    let budget = Budget::new(cfg.max_items, cfg.max_bytes);
    let stop = AtomicBool::new(false);
    // Room for the whole budget of items in each channel: the budget bounds memory; a deeper
    // queue lets each thread run longer between switches (on one core, a switch an article
    // cost more than parsing it).
    let depth = cfg.max_items.max(cfg.jobs * 4);
    let (job_tx, job_rx) = crossbeam_channel::bounded::<Job>(depth);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Finished>(depth);
    let mut stats = Stats {
        total_bytes: inputs.total_bytes(),
        ..Stats::default()
    };

    std::thread::scope(|scope| -> Result<Stats> {
        let reader = {
            let counter = &counter;
            let budget = &budget;
            let stop = &stop;
            scope.spawn(move || -> Result<u64> {
                let mut seq = 0u64;
                let mut k = 0u64;
                let mut resumed = 0u64;
                let result = inputs.read_all(counter, &mut |item| {
                    let this = seq;
                    seq += 1;
                    if done.contains(this) {
                        resumed += 1;
                        return !stop.load(Ordering::Relaxed);
                    }
                    let size = item.size();
                    if !budget.acquire(size) {
                        return false;
                    }
                    let job = Job {
                        k,
                        seq: this,
                        size,
                        item,
                    };
                    k += 1;
                    job_tx.send(job).is_ok()
                });
                drop(job_tx);
                result.map(|_| resumed)
            })
        };
        let preparer = sink.preparer();
        let with_lines = sink.needs_lines();
        for _ in 0..cfg.jobs {
            let rx = job_rx.clone();
            let tx = out_tx.clone();
            let opts = &cfg.options;
            let preparer = preparer.clone();
            scope.spawn(move || {
                // Each worker keeps its own analyzer: word lookups are remembered across records.
                let mut analyzer = keypoints::Analyzer::new();
                for job in rx {
                    let origin = job.item.origin.clone();
                    let outcome = catch_unwind(AssertUnwindSafe(|| {
                        let mut out =
                            record::process(&mut analyzer, job.item, job.seq, opts, with_lines);
                        if let (Some(prepare), Outcome::Done { digest, extra, .. }) =
                            (&preparer, &mut out)
                        {
                            *extra = Some(prepare(digest));
                        }
                        out
                    }))
                    .unwrap_or_else(|panic| {
                        let msg = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "panic".to_string());
                        // A panic may have left the vocabulary half-updated: start afresh.
                        analyzer = keypoints::Analyzer::new();
                        record::panicked(origin, job.seq, &msg)
                    });
                    let msg = Finished {
                        k: job.k,
                        size: job.size,
                        outcome,
                    };
                    if tx.send(msg).is_err() {
                        break;
                    }
                }
            });
        }
        drop(job_rx);
        drop(out_tx);

        // The writer: this thread.
        let mut pending: BTreeMap<u64, Finished> = BTreeMap::new();
        let mut next_k = 0u64;
        let mut last_progress = Instant::now();
        let mut write_error = None;
        for msg in &out_rx {
            let ready: Vec<Finished> = if cfg.ordered {
                pending.insert(msg.k, msg);
                let mut v = Vec::new();
                while let Some(m) = pending.remove(&next_k) {
                    next_k += 1;
                    v.push(m);
                }
                v
            } else {
                vec![msg]
            };
            for mut m in ready {
                match &m.outcome {
                    Outcome::Done { .. } => stats.done += 1,
                    Outcome::Failed { .. } => stats.failed += 1,
                    Outcome::Skipped => stats.skipped += 1,
                }
                if let Err(e) = sink.write(&mut m.outcome) {
                    write_error = Some(e);
                    break;
                }
                budget.release(m.size);
            }
            if write_error.is_some() {
                break;
            }
            if last_progress.elapsed() >= Duration::from_millis(100) {
                last_progress = Instant::now();
                stats.bytes_read = counter.load(Ordering::Relaxed);
                stats.elapsed = start.elapsed();
                progress(&stats);
            }
        }
        if let Some(e) = write_error {
            // Stop the reader and the workers: they see closed channels or a stopped budget.
            stop.store(true, Ordering::Relaxed);
            budget.stop();
            drop(out_rx);
            let _ = reader.join();
            return Err(e);
        }
        let resumed = reader
            .join()
            .map_err(|_| anyhow!("the input reader crashed"))??;
        sink.finish()?;
        stats.resumed = resumed;
        stats.bytes_read = counter.load(Ordering::Relaxed);
        stats.elapsed = start.elapsed();
        progress(&stats);
        Ok(stats)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<String>);
    impl Sink for Collect {
        fn write(&mut self, o: &mut Outcome) -> Result<()> {
            if let Outcome::Done { line, .. } | Outcome::Failed { line, .. } = o {
                self.0.push(String::from_utf8(line.clone())?);
            }
            Ok(())
        }
        fn finish(&mut self) -> Result<()> {
            Ok(())
        }
    }

    struct Broken(usize);
    impl Sink for Broken {
        fn write(&mut self, _: &mut Outcome) -> Result<()> {
            self.0 += 1;
            if self.0 > 3 {
                anyhow::bail!("disk full");
            }
            Ok(())
        }
        fn finish(&mut self) -> Result<()> {
            Ok(())
        }
    }

    fn jsonl(n: usize) -> tempfile::NamedTempFile {
        use std::io::Write;
        let mut f = tempfile::Builder::new()
            .suffix(".jsonl")
            .tempfile()
            .unwrap();
        for i in 0..n {
            if i % 7 == 3 {
                writeln!(f, "{{\"id\":\"r{i}\",\"broken\"").unwrap();
            } else {
                let text = format!(
                    "Record {i} tells how the council met on Monday to vote on the budget. \
                     The members approved the plan after a long debate about schools. \
                     Spending on transport rises by {i} percent next year."
                );
                writeln!(
                    f,
                    "{}",
                    serde_json::json!({"id": format!("r{i}"), "text": text})
                )
                .unwrap();
            }
        }
        f
    }

    #[test]
    fn ordered_output_follows_input_and_counts_failures() {
        let f = jsonl(50);
        let inputs = Inputs::open(&[f.path().display().to_string()], 1 << 20).unwrap();
        let mut cfg = Config::new(3);
        cfg.max_items = 4;
        let mut sink = Collect(vec![]);
        let stats = run(&inputs, &cfg, &Done::new(), &mut sink, &mut |_| {}).unwrap();
        assert_eq!(stats.done + stats.failed, 50);
        assert_eq!(stats.failed, 7);
        for (i, line) in sink.0.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["seq"], i as u64);
            if i % 7 == 3 {
                assert!(v["id"].as_str().unwrap().ends_with(&format!(":{}", i + 1)));
                assert!(v["error"].is_string());
            } else {
                assert_eq!(v["id"], format!("r{i}"));
            }
        }
    }

    #[test]
    fn done_records_are_skipped_and_unordered_gets_all() {
        let f = jsonl(30);
        let inputs = Inputs::open(&[f.path().display().to_string()], 1 << 20).unwrap();
        let mut done = Done::new();
        for s in (0..30).step_by(2) {
            done.insert(s);
        }
        let mut cfg = Config::new(2);
        cfg.ordered = false;
        let mut sink = Collect(vec![]);
        let stats = run(&inputs, &cfg, &done, &mut sink, &mut |_| {}).unwrap();
        assert_eq!(stats.resumed, 15);
        let mut seqs: Vec<u64> = sink
            .0
            .iter()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        seqs.sort();
        assert_eq!(seqs, (1..30).step_by(2).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_the_batch() {
        let f = jsonl(200);
        let inputs = Inputs::open(&[f.path().display().to_string()], 1 << 20).unwrap();
        let err = run(
            &inputs,
            &Config::new(2),
            &Done::new(),
            &mut Broken(0),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("disk full"));
    }
}
