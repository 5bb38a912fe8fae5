//! HTML to article: detection, encodings, main-text extraction and metadata.
//!
//! - [`decode`]: bytes to text with the page's encoding (BOM, HTTP charset, `<meta charset>`,
//!   detection);
//! - [`dom`]: a fast, forgiving parser into an arena tree (bounded depth, no recursion);
//! - [`content`]: the article's blocks (paragraphs, headings, list items, quotes) without
//!   navigation, comments, share bars, related stories and other boilerplate;
//! - [`meta`]: title, authors, date, site, canonical URL, language, description;
//! - [`eval`]: the Scrapinghub benchmark's metric, for `keypoints eval-extraction`.
//!
//! Design and measured figures: `docs/extraction.md`.
use crate::digest::Meta;
use crate::structure::{Block, BlockKind};

pub mod content;
pub mod decode;
pub mod dom;
pub mod eval;
pub mod meta;

pub use decode::decode;

/// What extraction found in a page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Metadata of the page.
    pub meta: Meta,
    /// The headline, where the page has one.
    pub title: Option<String>,
    /// Declared language of the page (`<html lang>`, meta tags), if any.
    pub language: Option<String>,
    /// The article's blocks, in reading order (the title first where known).
    pub blocks: Vec<Block>,
}

impl Extracted {
    /// The article's text without the title: one block a paragraph, separated by blank lines.
    pub fn text(&self) -> String {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Title)
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// True when `text` looks like an HTML document rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = crate::text::truncate_to_boundary(text.trim_start(), 2048).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}');
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || head.contains("<body")
        || head.contains("<head")
        || (head.starts_with('<')
            && [
                "<p>", "<p ", "<div", "<article", "<meta", "<title", "<br", "<h1", "<ul",
            ]
            .iter()
            .any(|t| head.contains(t)))
}

/// True when an HTTP Content-Type names an HTML (or XHTML) document.
pub fn is_html_content_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(mime.as_str(), "text/html" | "application/xhtml+xml")
}

/// Extracts the article and its metadata from an HTML page.
pub fn extract(html: &str) -> Extracted {
    let dom = dom::parse(html);
    let pm = meta::read(&dom);
    let mut blocks = content::blocks(&dom);
    // The headline leads; an `<h1>` inside the article repeating it is dropped by the structure
    // stage (only the first title counts).
    if let Some(t) = &pm.title {
        blocks.insert(0, Block::new(BlockKind::Title, t.clone()));
    }
    Extracted {
        meta: Meta {
            url: pm.url,
            site: pm.site,
            authors: pm.authors,
            date: pm.date,
            description: pm.description,
        },
        title: pm.title,
        language: pm.language,
        blocks,
    }
}
