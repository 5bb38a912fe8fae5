//! `keypoints bench-html [DIR]`: speed of HTML extraction, and of extraction plus the full
//! analysis, on the benchmark pages, on one core. A benchmark, not a test: run it on a release
//! build (`bench/html_vs_trafilatura.sh` does, and compares with trafilatura).
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use keypoints::{html, Options};

/// Arguments of `bench-html`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The benchmark folder (`ground-truth.json`, `html/ID.html.gz`); default: the shared data.
    pub dir: Option<PathBuf>,
    /// Passes over the pages (the best pass is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Print tab-separated lines (name, pages, wall seconds, CPU seconds) for scripts.
    #[arg(long)]
    pub tsv: bool,
}

/// CPU time of this thread in seconds, where the system tells it (Linux); wall time otherwise.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Wall and CPU seconds of `f`.
fn timed(mut f: impl FnMut()) -> (f64, f64) {
    let c0 = cpu_seconds();
    let t = Instant::now();
    f();
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (c0, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (wall, cpu)
}

/// Runs `bench-html`.
pub fn run(args: Args) -> Result<()> {
    let dir = args.dir.unwrap_or_else(crate::pages::default_dir);
    let pages = crate::pages::load(&dir)?;
    let mb = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    let opts = Options::default();
    let mut best_extract = (f64::MAX, f64::MAX);
    let mut best_full = (f64::MAX, f64::MAX);
    let mut failures = 0;
    for _ in 0..args.repeat.max(1) {
        let t = timed(|| {
            let mut blocks = 0;
            for p in &pages {
                if let Ok(text) = html::decode(&p.html, None) {
                    blocks += html::extract(&text).blocks.len();
                }
            }
            std::hint::black_box(blocks);
        });
        best_extract = (best_extract.0.min(t.0), best_extract.1.min(t.1));
        let t = timed(|| {
            failures = 0;
            for p in &pages {
                match keypoints::analyze_document(&p.html, Some("text/html"), &opts) {
                    Ok(d) => {
                        std::hint::black_box(d.key_points.len());
                    }
                    Err(_) => failures += 1,
                }
            }
        });
        best_full = (best_full.0.min(t.0), best_full.1.min(t.1));
    }
    let n = pages.len() as f64;
    let mut out = std::io::stdout().lock();
    let rows = [
        ("keypoints decode + extraction", best_extract),
        ("keypoints extraction + full analysis", best_full),
    ];
    if args.tsv {
        for (name, (wall, cpu)) in rows {
            writeln!(out, "{name}\t{}\t{wall:.3}\t{cpu:.3}", pages.len())?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "| stage (1 core) | pages | MB | wall s | CPU s | pages/s (CPU) | MB/s (CPU) |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for (name, (wall, cpu)) in rows {
        writeln!(
            out,
            "| {name} | {} | {mb:.1} | {wall:.3} | {cpu:.3} | {:.0} | {:.1} |",
            pages.len(),
            n / cpu,
            mb / cpu
        )?;
    }
    if failures > 0 {
        writeln!(out, "\n{failures} pages gave an error (no article text)")?;
    }
    Ok(())
}
