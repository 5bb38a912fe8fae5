//! Key phrases.
use crate::analysis::Analysis;
use crate::digest::Keyword;

/// Extracts key phrases of the analysed article.
pub fn extract(_a: &Analysis) -> Vec<Keyword> {
    Vec::new()
}
