//! `keypoints bench`: speed of the full plain-text digest (`keypoints::analyze`) on one core.
//!
//! Two figures: articles a second over a summary set's texts (single thread, whole passes repeated
//! for at least the given time; the full digest and key points alone, each with one analyzer kept
//! across articles as a batch worker keeps it, and with a fresh one per article), and the time to analyse one large article made of the first 200
//! texts joined as paragraphs (about 1 MB of CNN/DailyMail). Build in release mode for meaningful
//! numbers: `cargo run --release -p keypoints-cli -- bench`.
//!
//! Times are the CPU time of the benchmarking thread (on Linux), so that the figures hold on a
//! machine busy with other work; `--wall` uses wall-clock time instead. Other work still slows a
//! thread's CPU time (shared caches, a hyper-threaded sibling), so each throughput row also gives
//! the rate of its median and of its fastest pass.
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use keypoints::eval::summaries;
use keypoints::Options;

/// Arguments of `bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The summary set whose texts are analysed (default: the shared cnndm-dev.jsonl).
    #[arg(long)]
    pub data: Option<String>,
    /// Minimum seconds of repeated passes for the throughput figure.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Number of texts joined into the large article.
    #[arg(long, default_value_t = 200)]
    pub join: usize,
    /// Also print the time of each stage of the pipeline, in microseconds an article.
    #[arg(long)]
    pub stages: bool,
    /// Measure wall-clock time instead of the thread's CPU time.
    #[arg(long)]
    pub wall: bool,
}

/// A point in time: the thread's CPU time, or the wall clock.
#[derive(Clone, Copy)]
struct Clock {
    wall: bool,
    origin: Instant,
}

impl Clock {
    /// Seconds since an arbitrary origin.
    fn now(&self) -> f64 {
        if !self.wall {
            if let Some(t) = thread_cpu_seconds() {
                return t;
            }
        }
        self.origin.elapsed().as_secs_f64()
    }
}

/// CPU time consumed by the calling thread, where the platform offers it.
#[cfg(target_os = "linux")]
fn thread_cpu_seconds() -> Option<f64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes to it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then_some(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_seconds() -> Option<f64> {
    None
}

/// The shared data folder: `$KEYPOINTS_SHARED`, else `../shared` from the working directory or
/// from the workspace this binary was built in.
fn default_data() -> Option<PathBuf> {
    let rel = "data/summaries/cnndm-dev.jsonl";
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(s) = std::env::var_os("KEYPOINTS_SHARED") {
        roots.push(PathBuf::from(s));
    }
    roots.push(PathBuf::from("../shared"));
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    roots.into_iter().map(|r| r.join(rel)).find(|p| p.exists())
}

/// Runs `bench`.
pub fn run(args: Args) -> Result<()> {
    let path = match &args.data {
        Some(p) => PathBuf::from(p),
        None => default_data().context(
            "no --data given and ../shared/data/summaries/cnndm-dev.jsonl not found (set KEYPOINTS_SHARED)",
        )?,
    };
    let raw = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let records = summaries::parse_records(&raw)?;
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r.text.as_str())
        .filter(|t| !t.trim().is_empty())
        .collect();
    if texts.is_empty() {
        bail!("{} holds no article texts", path.display());
    }
    let opts = Options::default();
    let only_key_points = Options {
        analyses: keypoints::Analyses::NONE,
        ..Options::default()
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let clock = Clock {
        wall: args.wall,
        origin: Instant::now(),
    };
    // Warm-up pass (language data is parsed on first use).
    for t in &texts {
        keypoints::analyze(t, &opts)?;
    }
    // One pass with an analyzer whose vocabulary starts empty: what the first articles of a
    // batch cost.
    let first = {
        let mut analyzer = keypoints::Analyzer::new();
        let t0 = clock.now();
        for t in &texts {
            std::hint::black_box(analyzer.analyze(t, &opts)?);
        }
        texts.len() as f64 / (clock.now() - t0)
    };
    let min = args.seconds.max(0.0);
    let full = throughput(&texts, &opts, Vocabulary::Kept, clock, min)?;
    let full_cold = throughput(&texts, &opts, Vocabulary::Fresh, clock, min)?;
    let kp = throughput(&texts, &only_key_points, Vocabulary::Kept, clock, min)?;
    let kp_cold = throughput(&texts, &only_key_points, Vocabulary::Fresh, clock, min)?;
    let per_sec = full.all;
    let mb_per_sec = per_sec * bytes as f64 / texts.len() as f64 / 1e6;

    let joined: String = texts
        .iter()
        .cycle()
        .take(args.join.max(1))
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut best = f64::INFINITY;
    let mut points = 0;
    for _ in 0..3 {
        let t0 = clock.now();
        let d = keypoints::analyze(&joined, &opts)?;
        best = best.min(clock.now() - t0);
        points = d.key_points.len();
    }

    let mut out = std::io::stdout().lock();
    let unit = if args.wall {
        "articles/s"
    } else {
        "articles/CPU-s"
    };
    writeln!(
        out,
        "{:<52} {:>14} {:>12} {:>12}",
        "measure", "value", "median pass", "best pass"
    )?;
    writeln!(
        out,
        "{:<52} {:>14}",
        "articles (cnndm-dev texts)",
        texts.len()
    )?;
    let rows = [
        ("full digest", full),
        ("full digest, fresh vocabulary each", full_cold),
        ("key points only", kp),
        ("key points only, fresh vocabulary each", kp_cold),
    ];
    for (name, r) in rows {
        writeln!(
            out,
            "{:<52} {:>14.0} {:>12.0} {:>12.0}",
            format!(
                "{unit}, one core, {name} ({} passes, {:.1} s)",
                r.passes, r.secs
            ),
            r.all,
            r.median,
            r.best
        )?;
    }
    writeln!(
        out,
        "{:<52} {:>14.0}",
        format!("{unit}, one core, full digest, first pass"),
        first
    )?;
    writeln!(
        out,
        "{:<52} {:>14.1}",
        "MB/s, one core, full digest", mb_per_sec
    )?;
    writeln!(
        out,
        "{:<52} {:>14.3}",
        format!(
            "large article: {} texts, {:.2} MB, s",
            args.join,
            joined.len() as f64 / 1e6
        ),
        best
    )?;
    writeln!(out, "{:<52} {:>14}", "large article: key points", points)?;
    if args.stages {
        stages(&texts, &opts, clock, &mut out)?;
    }
    Ok(())
}

/// Whether the passes share one analyzer (as a batch worker does) or make a fresh one per article
/// (as [`keypoints::analyze`] does).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Vocabulary {
    Kept,
    Fresh,
}

/// Throughput over repeated passes: articles a second over all of them, and the rates of the
/// median and the fastest pass. On a shared machine other work slows some passes down (it takes
/// caches and, on a hyper-threaded core, the core's pipeline); the median pass shows the typical
/// rate and the fastest the rate with the least interference.
struct Rate {
    all: f64,
    median: f64,
    best: f64,
    passes: usize,
    secs: f64,
}

/// Articles a second over whole passes of `texts` repeated for at least `min` seconds (after one
/// unmeasured pass).
fn throughput(
    texts: &[&str],
    opts: &Options,
    vocabulary: Vocabulary,
    clock: Clock,
    min: f64,
) -> Result<Rate> {
    let mut analyzer = keypoints::Analyzer::new();
    let pass = |analyzer: &mut keypoints::Analyzer| -> Result<()> {
        for t in texts {
            let d = match vocabulary {
                Vocabulary::Kept => analyzer.analyze(t, opts)?,
                Vocabulary::Fresh => keypoints::analyze(t, opts)?,
            };
            std::hint::black_box(d);
        }
        Ok(())
    };
    pass(&mut analyzer)?;
    let start = clock.now();
    let mut times: Vec<f64> = Vec::new();
    while times.is_empty() || clock.now() - start < min {
        let t0 = clock.now();
        pass(&mut analyzer)?;
        times.push(clock.now() - t0);
    }
    let secs = clock.now() - start;
    let n = texts.len() as f64;
    times.sort_by(f64::total_cmp);
    Ok(Rate {
        all: times.len() as f64 * n / secs,
        median: n / times[times.len() / 2],
        best: n / times[0],
        passes: times.len(),
        secs,
    })
}

/// Runs the stages of `keypoints::analyze_blocks` one by one over `texts` and prints the mean
/// time of each, to show where a digest's time goes. The stage order and inputs are the library's.
fn stages(texts: &[&str], opts: &Options, clock: Clock, out: &mut impl Write) -> Result<()> {
    use keypoints::{analysis, entities, flags, keywords, quotes, rank, structure};
    const NAMES: [&str; 9] = [
        "blocks (plain text)",
        "language",
        "structure",
        "sentences (Analysis)",
        "key points",
        "entities",
        "quotes",
        "keywords",
        "flags",
    ];
    let mut total = [0f64; NAMES.len()];
    let passes = 5;
    let mut vocab = keypoints::text::vocab::Vocab::default();
    for _ in 0..passes {
        for t in texts {
            let mut lap = clock.now();
            let mut mark = |i: usize| {
                let now = clock.now();
                total[i] += now - lap;
                lap = now;
            };
            let blocks = structure::blocks_from_text(t);
            mark(0);
            let lang = keypoints::choose_language(&blocks, None, opts)?;
            mark(1);
            let parts = structure::parse(&blocks, lang);
            mark(2);
            let text = analysis::join_paragraphs(&parts);
            let a = analysis::Analysis::with_vocab(&mut vocab, lang, &text, &parts);
            mark(3);
            std::hint::black_box(rank::key_points(
                &a,
                opts.points,
                opts.concise,
                &rank::Weights::default(),
            ));
            mark(4);
            let found = entities::detect(&a);
            mark(5);
            std::hint::black_box(quotes::find_with(&a, &found));
            mark(6);
            let names: Vec<_> = found.mentions.iter().map(|m| m.range.clone()).collect();
            std::hint::black_box(keywords::extract(&a, &names));
            mark(7);
            std::hint::black_box(flags::raise(&a));
            mark(8);
        }
    }
    let n = (passes * texts.len()) as f64;
    writeln!(out)?;
    writeln!(out, "{:<52} {:>14}", "stage", "us/article")?;
    for (name, t) in NAMES.iter().zip(total) {
        writeln!(out, "{:<52} {:>14.1}", name, t / n * 1e6)?;
    }
    writeln!(
        out,
        "{:<52} {:>14.1}",
        "sum",
        total.iter().sum::<f64>() / n * 1e6
    )?;
    Ok(())
}
