//! `keypoints bench`: speed of the full plain-text digest (`keypoints::analyze`) on one core.
//!
//! Two figures: articles a second over a summary set's texts (single thread, whole passes repeated
//! for at least the given time), and the time to analyse one large article made of the first 200
//! texts joined as paragraphs (about 1 MB of CNN/DailyMail). Build in release mode for meaningful
//! numbers: `cargo run --release -p keypoints-cli -- bench`.
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    let bytes: usize = texts.iter().map(|t| t.len()).sum();

    // Warm-up pass (language data is parsed on first use).
    for t in &texts {
        keypoints::analyze(t, &opts)?;
    }
    let min = Duration::from_secs_f64(args.seconds.max(0.0));
    let start = Instant::now();
    let mut passes = 0usize;
    while passes == 0 || start.elapsed() < min {
        for t in &texts {
            std::hint::black_box(keypoints::analyze(t, &opts)?);
        }
        passes += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let per_sec = (passes * texts.len()) as f64 / elapsed;
    let mb_per_sec = (passes * bytes) as f64 / elapsed / 1e6;

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
        let t0 = Instant::now();
        let d = keypoints::analyze(&joined, &opts)?;
        best = best.min(t0.elapsed().as_secs_f64());
        points = d.key_points.len();
    }

    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<44} {:>14}", "measure", "value")?;
    writeln!(
        out,
        "{:<44} {:>14}",
        "articles (cnndm-dev texts)",
        texts.len()
    )?;
    writeln!(
        out,
        "{:<44} {:>14.0}",
        "articles/s, one core (full digest)", per_sec
    )?;
    writeln!(out, "{:<44} {:>14.1}", "MB/s, one core", mb_per_sec)?;
    writeln!(
        out,
        "{:<44} {:>14}",
        "passes / seconds",
        format!("{passes} / {elapsed:.1}")
    )?;
    writeln!(
        out,
        "{:<44} {:>14.3}",
        format!(
            "large article: {} texts, {:.2} MB, s",
            args.join,
            joined.len() as f64 / 1e6
        ),
        best
    )?;
    writeln!(out, "{:<44} {:>14}", "large article: key points", points)?;
    if args.stages {
        stages(&texts, &opts, &mut out)?;
    }
    Ok(())
}

/// Runs the stages of `keypoints::analyze_blocks` one by one over `texts` and prints the mean
/// time of each, to show where a digest's time goes. The stage order and inputs are the library's.
fn stages(texts: &[&str], opts: &Options, out: &mut impl Write) -> Result<()> {
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
    for _ in 0..passes {
        for t in texts {
            let mut lap = Instant::now();
            let mut mark = |i: usize| {
                let now = Instant::now();
                total[i] += (now - lap).as_secs_f64();
                lap = now;
            };
            let blocks = structure::blocks_from_text(t);
            mark(0);
            let lang = keypoints::choose_language(&blocks, None, opts)?;
            mark(1);
            let parts = structure::parse(&blocks, lang);
            mark(2);
            let text = analysis::join_paragraphs(&parts);
            let a = analysis::Analysis::new(lang, &text, &parts);
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
            std::hint::black_box(keywords::extract(&a));
            mark(7);
            std::hint::black_box(flags::raise(&a));
            mark(8);
        }
    }
    let n = (passes * texts.len()) as f64;
    writeln!(out)?;
    writeln!(out, "{:<44} {:>14}", "stage", "us/article")?;
    for (name, t) in NAMES.iter().zip(total) {
        writeln!(out, "{:<44} {:>14.1}", name, t / n * 1e6)?;
    }
    writeln!(
        out,
        "{:<44} {:>14.1}",
        "sum",
        total.iter().sum::<f64>() / n * 1e6
    )?;
    Ok(())
}
