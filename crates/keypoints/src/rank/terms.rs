//! Term ids for ranking: lower-cased, stemmed, stopword-free words, with a per-document cache so
//! that each distinct word form is lower-cased, looked up and stemmed once (stemming every token
//! anew was over half of the time of a whole digest).
use std::collections::HashMap;

use rust_stemmers::Stemmer;

use crate::lang::Language;
use crate::text::tokens::words;

/// foldhash's seeded hasher: several times faster than SipHash on short word keys (SipHash was a
/// tenth of the ranker's time) while keeping a per-map random seed against crafted collisions.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Maps word forms to term ids for one document.
pub struct Terms<'l> {
    lang: &'l Language,
    stemmer: Option<Stemmer>,
    /// Word form as written -> term id (`None` for stopwords and one-letter words).
    forms: FastMap<String, Option<u32>>,
    /// Stem -> term id.
    stems: FastMap<String, u32>,
    lower: String,
}

impl<'l> Terms<'l> {
    /// A fresh map for a document in `lang`.
    pub fn new(lang: &'l Language) -> Self {
        Terms {
            lang,
            stemmer: lang.stemmer(),
            forms: FastMap::default(),
            stems: FastMap::default(),
            lower: String::new(),
        }
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// True when no term has been seen.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// The term id of one word form.
    pub fn term(&mut self, word: &str) -> Option<u32> {
        if let Some(&t) = self.forms.get(word) {
            return t;
        }
        self.lower.clear();
        for c in word.chars() {
            self.lower.extend(c.to_lowercase());
        }
        let lower = self.lower.as_str();
        let keep = !self.lang.is_stopword(lower)
            && (lower.chars().nth(1).is_some() || lower.chars().all(char::is_numeric));
        let id = keep.then(|| {
            let stem = match &self.stemmer {
                Some(s) => s.stem(lower),
                None => lower.into(),
            };
            let next = self.stems.len() as u32;
            match self.stems.get(stem.as_ref()) {
                Some(&id) => id,
                None => {
                    self.stems.insert(stem.into_owned(), next);
                    next
                }
            }
        });
        self.forms.insert(word.to_string(), id);
        id
    }

    /// The term ids of the content words of `text`, in order.
    pub fn of(&mut self, text: &str) -> Vec<u32> {
        words(text).filter_map(|w| self.term(w.text)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_stem_same_id_and_stopwords_dropped() {
        let lang = crate::lang::get("en").unwrap();
        let mut t = Terms::new(lang);
        let a = t.of("The Presidents were meeting");
        let b = t.of("a president meets");
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
        assert_eq!(t.len(), 2);
    }
}
