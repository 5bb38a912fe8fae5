//! `keypoints summarize`: one article in, key points (bullets, Markdown) or the digest (JSON) out.
use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use keypoints::{Digest, EntityType, InputKind, Options};

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

/// The digest as a Markdown report: key points, the article's own box, quotes with their
/// speakers, entities by type, keywords and quality flags. Sections with nothing are left out.
fn write_markdown(out: &mut impl Write, d: &Digest) -> Result<()> {
    if let Some(t) = &d.title {
        writeln!(out, "# {t}\n")?;
    }
    writeln!(out, "## Key points\n")?;
    for kp in &d.key_points {
        writeln!(out, "- {}", kp.text)?;
    }
    if !d.structure.given_key_points.is_empty() {
        match d
            .structure
            .given_key_points_heading
            .as_deref()
            .map(|h| h.trim_end_matches(':').trim())
            .filter(|h| !h.is_empty())
        {
            Some(h) => writeln!(out, "\n## Key points given by the article (“{h}”)\n")?,
            None => writeln!(out, "\n## Key points given by the article\n")?,
        }
        for p in &d.structure.given_key_points {
            writeln!(out, "- {p}")?;
        }
    }
    if !d.quotes.is_empty() {
        writeln!(out, "\n## Quotes\n")?;
        for q in &d.quotes {
            let who = q
                .speaker
                .as_ref()
                .map_or("unknown speaker", |s| s.name.as_str());
            let cue = q.cue.trim();
            if cue.is_empty() {
                writeln!(out, "- **{who}**: {}", q.content)?;
            } else {
                writeln!(out, "- **{who}** ({cue}): {}", q.content)?;
            }
        }
    }
    if !d.entities.is_empty() {
        writeln!(out, "\n## Entities\n")?;
        for (kind, label) in [
            (EntityType::Person, "People"),
            (EntityType::Organization, "Organizations"),
            (EntityType::Location, "Places"),
        ] {
            let names: Vec<&str> = d
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.name.as_str())
                .collect();
            if !names.is_empty() {
                writeln!(out, "- {label}: {}", names.join(", "))?;
            }
        }
    }
    if !d.keywords.is_empty() {
        let words: Vec<&str> = d.keywords.iter().map(|k| k.text.as_str()).collect();
        writeln!(out, "\n## Keywords\n\n{}", words.join(", "))?;
    }
    if !d.flags.is_empty() {
        writeln!(out, "\n## Quality flags (score {:.2})\n", d.flag_score)?;
        for f in &d.flags {
            writeln!(out, "- {}: {}", f.kind.replace('_', " "), f.note)?;
        }
    }
    Ok(())
}
