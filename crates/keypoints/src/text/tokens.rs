//! Word tokens and the normalized terms that ranking and ROUGE compare.
//!
//! A word is a maximal run of alphanumeric characters; apostrophes, hyphens and other marks split
//! words, so "l’agenzia" gives "l" and "agenzia", and the article is a stopword. Terms are the
//! lower-cased, stemmed words that are not stopwords.
use std::collections::HashMap;

use rust_stemmers::Stemmer;

use crate::lang::Language;

/// A word of the text as a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The word as written.
    pub text: &'a str,
}

/// Iterates over the words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = iter.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphanumeric() {
                iter.next();
            } else {
                end = i;
                break;
            }
        }
        Some(Word {
            start,
            end,
            text: &text[start..end],
        })
    })
}

/// Maps words to stemmed term ids for one document, so vectors compare integers, not strings.
pub struct Vocabulary<'l> {
    lang: &'l Language,
    stemmer: Option<Stemmer>,
    ids: HashMap<String, u32>,
}

impl<'l> Vocabulary<'l> {
    /// A fresh vocabulary for a document in `lang`.
    pub fn new(lang: &'l Language) -> Self {
        Vocabulary {
            lang,
            stemmer: lang.stemmer(),
            ids: HashMap::new(),
        }
    }

    /// Number of distinct terms seen.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no term has been seen.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The term id of `word`, or `None` for stopwords and one-letter non-digit words.
    pub fn term(&mut self, word: &str) -> Option<u32> {
        let lower = word.to_lowercase();
        if self.lang.is_stopword(&lower) {
            return None;
        }
        if lower.chars().count() < 2 && !lower.chars().all(|c| c.is_numeric()) {
            return None;
        }
        let stem = match &self.stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower,
        };
        let next = self.ids.len() as u32;
        Some(*self.ids.entry(stem).or_insert(next))
    }

    /// The term ids of every content word of `text`, in order.
    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        words(text).filter_map(|w| self.term(w.text)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_apostrophes_and_keep_accents() {
        let w: Vec<_> = words("l’agenzia già, nord-est 2019")
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["l", "agenzia", "già", "nord", "est", "2019"]);
    }

    #[test]
    fn terms_drop_stopwords_and_stem() {
        let lang = crate::lang::get("it").unwrap();
        let mut v = Vocabulary::new(lang);
        let a = v.terms("le relazioni tra i paesi");
        let b = v.terms("la relazione del paese");
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
    }
}
