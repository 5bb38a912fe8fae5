//! `keypoints extract`: the article text and metadata of a web page (file, stdin or URL), without
//! the analysis.
use std::io::Write;

use anyhow::{bail, Result};
use clap::ValueEnum;
use keypoints::html;

use crate::source::{self, NetArgs};

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// The title, a blank line, then the text.
    Text,
    /// `{title, authors, date, site, url, language, description, text}`.
    Json,
}

/// Arguments of `extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The page: a file, - for stdin, or an http(s) URL.
    pub source: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: Format,
    /// Refuse pages larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: usize,
    #[command(flatten)]
    pub net: NetArgs,
}

/// Runs `extract`.
pub fn run(args: Args) -> Result<()> {
    let loaded = source::load(&args.source, args.max_bytes, &args.net)?;
    let charset = loaded
        .content_type
        .as_deref()
        .and_then(html::decode::charset_param);
    let text = html::decode(&loaded.bytes, charset)?;
    if text.trim().is_empty() {
        bail!("{} is empty", args.source);
    }
    let page = html::extract(&text);
    let body = page.text();
    if body.is_empty() {
        bail!("no article text found in {}", args.source);
    }
    let url = page.meta.url.clone().or(loaded.url);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "title": page.title,
                "authors": page.meta.authors,
                "date": page.meta.date,
                "site": page.meta.site,
                "url": url,
                "language": page.language,
                "description": page.meta.description,
                "text": body,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        Format::Text => {
            if let Some(t) = &page.title {
                writeln!(out, "{t}\n")?;
            }
            writeln!(out, "{body}")?;
        }
    }
    Ok(())
}
