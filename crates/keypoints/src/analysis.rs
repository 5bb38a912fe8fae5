//! The intermediate document that the analysis stages (key points, quotes, entities, keywords,
//! flags) read: the final text with its paragraphs and sentences as byte ranges.
use std::ops::Range;

use crate::lang::Language;
use crate::structure::Parts;
use crate::text::tokens::Tokens;
use crate::text::vocab::Vocab;
use crate::text::CharMap;

/// The article after structure and sentence segmentation.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The article's language data.
    pub lang: &'static Language,
    /// The cleaned text all spans refer to.
    pub text: &'a str,
    /// The article's parts (title, box, credits, boilerplate).
    pub parts: &'a Parts,
    /// Paragraphs as byte ranges of `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences as byte ranges of `text`.
    pub sentences: Vec<Range<usize>>,
    /// For each sentence, the index of its paragraph.
    pub sentence_paragraph: Vec<usize>,
    /// Byte-to-character offset conversion for `text`.
    pub chars: CharMap,
    /// The words of every sentence and of the title, looked up once for all stages.
    pub tokens: Tokens,
}

impl<'a> Analysis<'a> {
    /// Builds the analysis of `parts`: joins the paragraphs into the text and splits sentences.
    /// `text` must be `parts.paragraphs` joined by a blank line (see [`join_paragraphs`]).
    pub fn new(lang: &'static Language, text: &'a str, parts: &'a Parts) -> Self {
        Analysis::with_vocab(&mut Vocab::default(), lang, text, parts)
    }

    /// As [`Analysis::new`], looking words up in `vocab`, which a caller analysing many articles
    /// keeps between them.
    pub fn with_vocab(
        vocab: &mut Vocab,
        lang: &'static Language,
        text: &'a str,
        parts: &'a Parts,
    ) -> Self {
        let mut paragraphs = Vec::with_capacity(parts.paragraphs.len());
        let mut at = 0;
        for p in &parts.paragraphs {
            paragraphs.push(at..at + p.len());
            at += p.len() + 2;
        }
        let mut sentences = Vec::new();
        let mut sentence_paragraph = Vec::new();
        for (pi, r) in paragraphs.iter().enumerate() {
            for s in crate::text::sentences::split(&text[r.clone()], lang) {
                sentences.push(r.start + s.start..r.start + s.end);
                sentence_paragraph.push(pi);
            }
        }
        let tokens = Tokens::with_vocab(vocab, lang, text, &sentences, parts.title.as_deref());
        Analysis {
            lang,
            text,
            parts,
            paragraphs,
            sentences,
            sentence_paragraph,
            chars: CharMap::new(text),
            tokens,
        }
    }

    /// The dateline ([`crate::structure::Dateline`]) as a byte range of `text`, if any.
    pub fn dateline(&self) -> Option<Range<usize>> {
        let d = self.parts.dateline?;
        let p = self.paragraphs.get(d.paragraph)?;
        (d.len < p.len()).then(|| p.start..p.start + d.len)
    }

    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &'a str {
        &self.text[self.sentences[i].clone()]
    }
}

/// The digest's text: paragraphs separated by a blank line.
pub fn join_paragraphs(parts: &Parts) -> String {
    parts.paragraphs.join("\n\n")
}

/// Runs `f` on the analysis of `paragraphs` in the language `code`, for the stages' unit tests.
#[cfg(test)]
pub(crate) fn with_analysis<R>(
    code: &str,
    paragraphs: &[&str],
    f: impl FnOnce(&Analysis) -> R,
) -> R {
    let lang = crate::lang::get(code).expect("a compiled-in language");
    let parts = Parts {
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        ..Parts::default()
    };
    let joined = join_paragraphs(&parts);
    f(&Analysis::new(lang, &joined, &parts))
}
