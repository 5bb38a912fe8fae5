//! Word tokens and the normalized terms that ranking and ROUGE compare.
//!
//! A word is a maximal run of alphanumeric characters; apostrophes, hyphens and other marks split
//! words, so "l’agenzia" gives "l" and "agenzia", and the article is a stopword. Terms are the
//! lower-cased, stemmed words that are not stopwords.
use std::collections::HashMap;
use std::ops::Range;

use crate::lang::Language;

/// foldhash's seeded hasher for maps keyed by words: several times faster than SipHash on short
/// keys, with a per-map random seed against crafted collisions.
pub type WordMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// One word of the analysed text, with the id of its lower-cased form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the word's lower-cased form in [`Tokens::forms`].
    pub form: u32,
    /// The first character is upper case.
    pub capitalized: bool,
    /// Two characters or more, all upper case (an acronym or a shouted word).
    pub all_caps: bool,
}

/// A distinct lower-cased word form of the text, with what the language data says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The lower-cased word.
    pub lower: String,
    /// Number of characters.
    pub chars: usize,
    /// Every character is numeric.
    pub numeric: bool,
    /// The language lists it as a stopword.
    pub stopword: bool,
    /// The language lists it as an abbreviation.
    pub abbreviation: bool,
}

/// Every word of a text, tokenized and looked up once so that the analysis stages share the work.
///
/// Each distinct spelling is lower-cased once and each distinct lower-cased form is looked up in
/// the language's lists once; tokens carry a form id, so stages compare integers.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// The words in text order.
    pub tokens: Vec<Token>,
    /// For each sentence, the range of its tokens in [`Tokens::tokens`].
    pub sentences: Vec<Range<usize>>,
    /// The distinct lower-cased forms, by id.
    pub forms: Vec<Form>,
    /// The title's words; offsets are bytes of the title.
    pub title: Vec<Token>,
}

/// Builds [`Tokens`] for one text.
struct Tokenizer<'t> {
    lang: &'t Language,
    spellings: WordMap<&'t str, u32>,
    lowers: WordMap<String, u32>,
    forms: Vec<Form>,
    buf: String,
}

impl<'t> Tokenizer<'t> {
    fn token(&mut self, text: &'t str, w: Word<'t>) -> Token {
        let (capitalized, all_caps) = case_of(w.text);
        let form = match self.spellings.get(w.text) {
            Some(&f) => f,
            None => {
                self.buf.clear();
                if w.text.is_ascii() {
                    self.buf.push_str(w.text);
                    self.buf.make_ascii_lowercase();
                } else {
                    self.buf.extend(w.text.chars().flat_map(char::to_lowercase));
                }
                let f = match self.lowers.get(self.buf.as_str()) {
                    Some(&f) => f,
                    None => {
                        let f = self.forms.len() as u32;
                        let lower = self.buf.clone();
                        self.forms.push(Form {
                            chars: lower.chars().count(),
                            numeric: lower.chars().all(char::is_numeric),
                            stopword: self.lang.is_stopword(&lower),
                            abbreviation: self.lang.is_abbreviation(&lower),
                            lower: lower.clone(),
                        });
                        self.lowers.insert(lower, f);
                        f
                    }
                };
                self.spellings.insert(&text[w.start..w.end], f);
                f
            }
        };
        Token {
            start: w.start,
            end: w.end,
            form,
            capitalized,
            all_caps,
        }
    }
}

/// (first character upper case, two or more characters all upper case)
fn case_of(word: &str) -> (bool, bool) {
    if word.is_ascii() {
        let b = word.as_bytes();
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        (
            cap,
            cap && b.len() >= 2 && b.iter().all(u8::is_ascii_uppercase),
        )
    } else {
        let mut cs = word.chars();
        let cap = cs.next().is_some_and(char::is_uppercase);
        (
            cap,
            cap && word.chars().nth(1).is_some() && cs.all(char::is_uppercase),
        )
    }
}

impl Tokens {
    /// Tokenizes `text`, whose sentences are the byte ranges `sentences`, and the `title`.
    pub fn new(
        lang: &Language,
        text: &str,
        sentences: &[Range<usize>],
        title: Option<&str>,
    ) -> Tokens {
        let mut t = Tokenizer {
            lang,
            spellings: WordMap::default(),
            lowers: WordMap::default(),
            forms: Vec::new(),
            buf: String::new(),
        };
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut ranges = Vec::with_capacity(sentences.len());
        for r in sentences {
            let first = tokens.len();
            for w in words(&text[r.clone()]) {
                let w = Word {
                    start: r.start + w.start,
                    end: r.start + w.end,
                    text: w.text,
                };
                tokens.push(t.token(text, w));
            }
            ranges.push(first..tokens.len());
        }
        // The title is another string: its spellings must not enter the map of `text`'s slices.
        let mut title_tokens = Vec::new();
        if let Some(title) = title {
            let mut tt = Tokenizer {
                lang,
                spellings: WordMap::default(),
                lowers: t.lowers,
                forms: t.forms,
                buf: t.buf,
            };
            title_tokens = words(title).map(|w| tt.token(title, w)).collect();
            t.forms = tt.forms;
        }
        Tokens {
            tokens,
            sentences: ranges,
            forms: t.forms,
            title: title_tokens,
        }
    }

    /// The tokens of sentence `i`.
    pub fn sentence(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].clone()]
    }

    /// The form of a token.
    pub fn form(&self, t: &Token) -> &Form {
        &self.forms[t.form as usize]
    }
}

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
}
