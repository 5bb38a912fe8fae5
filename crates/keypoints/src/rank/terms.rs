//! Term ids for ranking: lower-cased, stemmed, stopword-free words. The analysis has already
//! lower-cased each distinct spelling and looked it up in the stopword list
//! ([`crate::text::tokens::Tokens`]); here each distinct form is stemmed once, on first use, and
//! forms with the same stem share an id, so vectors compare integers, not strings.
use rust_stemmers::Stemmer;

use crate::lang::Language;
use crate::text::tokens::{Form, WordMap};

/// Maps the forms of one document to term ids.
pub struct Terms {
    stemmer: Option<Stemmer>,
    /// Form id -> term id: `None` not yet computed, `Some(None)` not a term.
    by_form: Vec<Option<Option<u32>>>,
    /// Stem -> term id.
    stems: WordMap<String, u32>,
}

impl Terms {
    /// A fresh map for a document in `lang` with `forms` distinct forms.
    pub fn new(lang: &Language, forms: usize) -> Self {
        Terms {
            stemmer: lang.stemmer(),
            by_form: vec![None; forms],
            stems: WordMap::default(),
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

    /// The term id of form `id` of `forms`, or `None` for stopwords and one-letter non-digit words.
    pub fn term(&mut self, forms: &[Form], id: u32) -> Option<u32> {
        let i = id as usize;
        if let Some(Some(t)) = self.by_form.get(i) {
            return *t;
        }
        let f = forms.get(i)?;
        let keep = !f.stopword && (f.chars >= 2 || f.numeric);
        let t = keep.then(|| {
            let stem = match &self.stemmer {
                Some(s) => s.stem(&f.lower),
                None => f.lower.as_str().into(),
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
        if let Some(slot) = self.by_form.get_mut(i) {
            *slot = Some(t);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::Tokens;

    #[test]
    fn same_stem_same_id_and_stopwords_dropped() {
        let lang = crate::lang::get("en").unwrap();
        let text = "The Presidents were meeting. A president meets.";
        let tk = Tokens::new(lang, text, &[0..28, 29..text.len()], None);
        let mut t = Terms::new(lang, tk.forms.len());
        let mut of = |i: usize| -> Vec<u32> {
            tk.sentence(i)
                .iter()
                .filter_map(|w| t.term(&tk.forms, w.form))
                .collect()
        };
        let a = of(0);
        let b = of(1);
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
        assert_eq!(t.len(), 2);
    }
}
