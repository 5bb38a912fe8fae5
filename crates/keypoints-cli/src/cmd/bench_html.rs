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
}

/// Runs `bench-html`.
pub fn run(args: Args) -> Result<()> {
    let dir = args.dir.unwrap_or_else(crate::pages::default_dir);
    let pages = crate::pages::load(&dir)?;
    let mb = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    let opts = Options::default();
    let mut best_extract = f64::MAX;
    let mut best_full = f64::MAX;
    let mut failures = 0;
    for _ in 0..args.repeat.max(1) {
        let t = Instant::now();
        let mut chars = 0;
        for p in &pages {
            if let Ok(text) = html::decode(&p.html, None) {
                chars += html::extract(&text).blocks.len();
            }
        }
        std::hint::black_box(chars);
        best_extract = best_extract.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        failures = 0;
        for p in &pages {
            match keypoints::analyze_document(&p.html, Some("text/html"), &opts) {
                Ok(d) => {
                    std::hint::black_box(d.key_points.len());
                }
                Err(_) => failures += 1,
            }
        }
        best_full = best_full.min(t.elapsed().as_secs_f64());
    }
    let n = pages.len() as f64;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "| stage (1 core) | pages | MB | seconds | pages/s | MB/s |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for (name, secs) in [
        ("decode + extraction", best_extract),
        ("extraction + full analysis", best_full),
    ] {
        writeln!(
            out,
            "| {name} | {} | {mb:.1} | {secs:.3} | {:.0} | {:.1} |",
            pages.len(),
            n / secs,
            mb / secs
        )?;
    }
    if failures > 0 {
        writeln!(out, "\n{failures} pages gave an error (no article text)")?;
    }
    Ok(())
}
