//! `keypoints eval-extraction DIR`: precision, recall and F1 of the HTML extractor on the
//! Scrapinghub article-extraction benchmark, with that benchmark's own metric (4-word shingles,
//! per-page scores averaged).
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use keypoints::html::{self, eval};

/// Arguments of `eval-extraction`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The benchmark folder (`ground-truth.json`, `html/ID.html.gz`); default: the shared data.
    pub dir: Option<PathBuf>,
    /// Also list the N pages with the lowest F1.
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
    /// Write the extracted bodies as the benchmark's prediction JSON to this file.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

/// Runs `eval-extraction`.
pub fn run(args: Args) -> Result<()> {
    let dir = args.dir.unwrap_or_else(crate::pages::default_dir);
    let pages = crate::pages::load(&dir)?;
    let mut counts = Vec::with_capacity(pages.len());
    let mut preds = serde_json::Map::new();
    for p in &pages {
        let body = match html::decode(&p.html, None) {
            Ok(text) => html::extract(&text).text(),
            Err(_) => String::new(),
        };
        counts.push(eval::compare(&p.truth, &body));
        preds.insert(
            p.id.clone(),
            serde_json::json!({ "articleBody": body, "url": p.url }),
        );
    }
    let s = eval::aggregate(&counts);
    let mut out = std::io::stdout().lock();
    writeln!(out, "| pages | precision | recall | F1 |")?;
    writeln!(out, "|---|---|---|---|")?;
    writeln!(
        out,
        "| {} | {:.3} | {:.3} | {:.3} |",
        pages.len(),
        s.precision,
        s.recall,
        s.f1
    )?;
    if args.worst > 0 {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| counts[a].f1().total_cmp(&counts[b].f1()));
        writeln!(out, "\nlowest F1:")?;
        for &i in order.iter().take(args.worst) {
            let c = &counts[i];
            writeln!(
                out,
                "{:.3}  P={:.3} R={:.3}  {}  {}",
                c.f1(),
                c.precision(),
                c.recall(),
                &pages[i].id[..12.min(pages[i].id.len())],
                pages[i].url
            )?;
        }
    }
    if let Some(path) = args.predictions {
        std::fs::write(&path, serde_json::to_string_pretty(&preds)?)?;
    }
    Ok(())
}
