//! `keypoints summarize`: one article in, key points (bullets, Markdown) or the digest (JSON) out.
use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use keypoints::{Digest, InputKind, Options};

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One key point a line, as bullets.
    Text,
    /// The full digest as JSON.
    Json,
    /// Title, key points and quotes as Markdown.
    Markdown,
}

/// How to read the input.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Input {
    /// Decide from the content.
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
}

/// Arguments of `summarize`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The article: a file, - for stdin, or an http(s) URL.
    #[arg(value_name = "INPUT")]
    pub source: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub key_points: super::KeyPointArgs,
    /// Read the input as HTML or plain text instead of deciding from its content.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: Input,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: usize,
    #[command(flatten)]
    pub net: crate::source::NetArgs,
}

impl Args {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Result<Options> {
        Ok(Options {
            lang: self.key_points.lang.clone(),
            points: self.key_points.points,
            concise: self.key_points.concise,
            input: match self.input {
                Input::Auto => InputKind::Auto,
                Input::Text => InputKind::Text,
                Input::Html => InputKind::Html,
            },
            max_bytes: self.max_bytes,
            analyses: self.key_points.analyses()?,
        })
    }
}

/// Runs `summarize`.
pub fn run(args: Args) -> Result<()> {
    let loaded = crate::source::load(&args.source, args.max_bytes, &args.net)?;
    let mut digest = keypoints::analyze_document(
        &loaded.bytes,
        loaded.content_type.as_deref(),
        &args.options()?,
    )?;
    if digest.meta.url.is_none() {
        digest.meta.url = loaded.url;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &digest)?;
            writeln!(out)?;
        }
        Format::Text => {
            for kp in &digest.key_points {
                writeln!(out, "- {}", kp.text)?;
            }
        }
        Format::Markdown => write_markdown(&mut out, &digest)?,
    }
    Ok(())
}

fn write_markdown(out: &mut impl Write, d: &Digest) -> Result<()> {
    if let Some(t) = &d.title {
        writeln!(out, "# {t}\n")?;
    }
    writeln!(out, "## Key points\n")?;
    for kp in &d.key_points {
        writeln!(out, "- {}", kp.text)?;
    }
    if !d.quotes.is_empty() {
        writeln!(out, "\n## Quotes\n")?;
        for q in &d.quotes {
            let said = &q.content;
            let who = q
                .speaker
                .as_ref()
                .map(|s| s.name.as_str())
                .unwrap_or("(unknown)");
            writeln!(out, "- **{who}** ({}): {said}", q.cue)?;
        }
    }
    if !d.entities.is_empty() {
        writeln!(out, "\n## Entities\n")?;
        for e in &d.entities {
            writeln!(out, "- {} ({:?})", e.name, e.kind)?;
        }
    }
    Ok(())
}
