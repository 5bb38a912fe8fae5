//! The Scrapinghub article-extraction benchmark as read by `eval-extraction` and `bench-html`:
//! `ground-truth.json` (`{ID: {articleBody, url}}`) and `html/ID.html.gz`, read in place.
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// One benchmark page.
pub struct Page {
    /// The page's ID (its file name without `.html.gz`).
    pub id: String,
    /// The page's URL.
    pub url: String,
    /// The true article body.
    pub truth: String,
    /// The page's bytes, decompressed.
    pub html: Vec<u8>,
}

/// The default data folder: `$KEYPOINTS_SHARED/data/extraction/scrapinghub`, else
/// `../shared/...` beside the workspace root.
pub fn default_dir() -> PathBuf {
    let shared = std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared")
                .to_path_buf()
        });
    shared.join("data/extraction/scrapinghub")
}

/// Reads every page of the benchmark in `dir`, sorted by ID.
pub fn load(dir: &Path) -> Result<Vec<Page>> {
    let gt_path = dir.join("ground-truth.json");
    let gt: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(&gt_path)
            .with_context(|| format!("cannot read {}", gt_path.display()))?,
    )
    .with_context(|| format!("{} is not the benchmark's JSON", gt_path.display()))?;
    let mut pages = Vec::with_capacity(gt.len());
    for (id, v) in gt {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(file)
            .take(64 * 1024 * 1024)
            .read_to_end(&mut html)
            .with_context(|| format!("cannot decompress {}", path.display()))?;
        pages.push(Page {
            id,
            url: v["url"].as_str().unwrap_or_default().to_string(),
            truth: v["articleBody"].as_str().unwrap_or_default().to_string(),
            html,
        });
    }
    if pages.is_empty() {
        bail!("{} lists no pages", gt_path.display());
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}
