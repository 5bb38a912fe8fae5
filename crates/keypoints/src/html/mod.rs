//! HTML to article: detection, main-text extraction and metadata.
use crate::digest::Meta;
use crate::structure::Block;

/// What extraction found in a page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Metadata of the page.
    pub meta: Meta,
    /// Detected language of the page (`<html lang>`, meta tags), if declared.
    pub language: Option<String>,
    /// The article's blocks, in reading order (the title first where known).
    pub blocks: Vec<Block>,
}

/// True when `text` looks like an HTML document rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = crate::text::truncate_to_boundary(text.trim_start(), 2048).to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
        || (head.starts_with('<') && (head.contains("<p>") || head.contains("<div")))
}

/// Extracts the article from an HTML page.
pub fn extract(html: &str) -> Extracted {
    // Placeholder until the extractor lands: strip tags, one block per line.
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    Extracted {
        blocks: crate::structure::blocks_from_text(&out),
        ..Default::default()
    }
}
