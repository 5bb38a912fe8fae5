//! Word tokens and the normalized terms that ranking and ROUGE compare.
//!
//! A word is a maximal run of alphanumeric characters; apostrophes, hyphens and other marks split
//! words, so "l’agenzia" gives "l" and "agenzia", and the article is a stopword. Terms are the
//! lower-cased, stemmed words that are not stopwords.
use std::collections::HashMap;
use std::ops::Range;

use crate::lang::Language;
use crate::text::vocab::{Article, LangVocab, Vocab};

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
    /// The entity lexicon's lists the word is on (its flags for the word lower-cased), looked
    /// up once per spelling by the [`Vocab`].
    pub names: u8,
}

/// A distinct lower-cased word form of the text, with what the language data says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The lower-cased word, as a byte range of [`Tokens::lowers`] (see [`Tokens::lower`]).
    pub lower: Range<usize>,
    /// Number of characters.
    pub chars: usize,
    /// Every character is numeric.
    pub numeric: bool,
    /// The language lists it as a stopword.
    pub stopword: bool,
    /// The language lists it as an abbreviation.
    pub abbreviation: bool,
    /// Its term id for ranking: forms with the same stem share one, numbered in the order the
    /// stems first occur in the text; `None` for stopwords and one-letter words that are not
    /// digits.
    pub term: Option<u32>,
    /// The quote cue lists the form is on (their flags, as the quote stage reads them).
    pub cues: u32,
}

/// Every word of a text, tokenized and looked up once so that the analysis stages share the work.
///
/// Each distinct spelling is looked up in the [`Vocab`] (lower-cased, the language's lists, the
/// stem) and each distinct lower-cased form gets an id in the order it first occurs; tokens carry
/// the form id, so stages compare integers.
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
    /// Number of distinct terms ([`Form::term`]).
    pub terms: usize,
    /// The lower-cased forms one after the other; each [`Form::lower`] is a range of it.
    pub lowers: String,
}

/// Builds [`Tokens`] for one text.
struct Tokenizer<'v> {
    lang: &'static Language,
    vocab: &'v mut LangVocab,
    article: Article,
}

impl Tokenizer<'_> {
    /// The token of the word at bytes `start..end` of `text`.
    fn token(&mut self, text: &str, start: usize, end: usize) -> Token {
        let l = self
            .vocab
            .form(self.lang, text, start, end, &mut self.article);
        Token {
            start,
            end,
            form: l.form,
            capitalized: l.case.0,
            all_caps: l.case.1,
            names: l.names,
        }
    }
}

impl Tokens {
    /// Tokenizes `text`, whose sentences are the byte ranges `sentences`, and the `title`, with a
    /// fresh vocabulary (see [`Tokens::with_vocab`] to reuse one across texts).
    pub fn new(
        lang: &'static Language,
        text: &str,
        sentences: &[Range<usize>],
        title: Option<&str>,
    ) -> Tokens {
        Tokens::with_vocab(&mut Vocab::default(), lang, text, sentences, title)
    }

    /// Tokenizes `text`, whose sentences are the byte ranges `sentences`, and the `title`,
    /// looking spellings up in `vocab` (which learns the new ones).
    pub fn with_vocab(
        vocab: &mut Vocab,
        lang: &'static Language,
        text: &str,
        sentences: &[Range<usize>],
        title: Option<&str>,
    ) -> Tokens {
        let mut t = Tokenizer {
            lang,
            vocab: vocab.begin(lang),
            // Sized from news text (a word every 5.7 bytes on cnndm-dev, 5.1 in the densest
            // article; about half the words distinct) so that the vectors rarely grow.
            article: Article {
                lowers: String::with_capacity(text.len() / 2),
                forms: Vec::with_capacity(text.len() / 10 + 16),
                ..Article::default()
            },
        };
        let mut tokens = Vec::with_capacity(text.len() / 5 + 16);
        let mut ranges = Vec::with_capacity(sentences.len());
        for r in sentences {
            let first = tokens.len();
            for (start, end) in word_bounds(&text[r.clone()]) {
                tokens.push(t.token(text, r.start + start, r.start + end));
            }
            ranges.push(first..tokens.len());
        }
        let title = match title {
            Some(title) => word_bounds(title)
                .map(|(start, end)| t.token(title, start, end))
                .collect(),
            None => Vec::new(),
        };
        Tokens {
            tokens,
            sentences: ranges,
            forms: t.article.forms,
            title,
            terms: t.article.terms as usize,
            lowers: t.article.lowers,
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

    /// The lower-cased word of form `f`.
    pub fn lower(&self, f: &Form) -> &str {
        self.lowers.get(f.lower.clone()).unwrap_or("")
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

/// Byte classes for [`words`]: 0 an ASCII non-word byte, 1 an ASCII letter or digit, 2 a byte
/// of a multi-byte character (decoded to decide).
const CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() as u8;
        b += 1;
    }
    t
};

/// Whether the character at byte `at` of `text` is alphanumeric, and its length in bytes.
#[inline]
fn wide_class(text: &str, at: usize) -> (bool, usize) {
    match text.get(at..).and_then(|t| t.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// The top bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Byte `b` in every byte of a word.
const fn every(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The top bit set in each byte of `x` (eight bytes, little-endian) that is an ASCII letter or
/// digit. Each byte's seven low bits plus `0x80 - lo` reach the top bit exactly when they are at
/// least `lo`, and never carry into the next byte.
#[inline]
fn ascii_alnum(x: u64) -> u64 {
    let low = x & !HIGH;
    let digit = (low + every(0x80 - b'0')) & !(low + every(0x80 - b'9' - 1));
    // Upper-case letters become lower-case ones; no other byte lands in `a..=z`.
    let folded = low | every(0x20);
    let letter = (folded + every(0x80 - b'a')) & !(folded + every(0x80 - b'z' - 1));
    (digit | letter) & !x & HIGH
}

/// Iterates over the words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    word_bounds(text).map(|(start, end)| Word {
        start,
        end,
        text: &text[start..end],
    })
}

/// The byte ranges of the words of `text` ([`words`] without slicing the text, for the tokenizer,
/// which reads most words as bytes).
fn word_bounds(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut next = 0usize;
    std::iter::from_fn(move || {
        // A local copy of the position, which the compiler keeps in a register.
        let mut i = next;
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                next = i;
                return None;
            };
            match CLASS[b as usize] {
                0 => i += 1,
                1 => break i,
                _ => match wide_class(text, i) {
                    (true, _) => break i,
                    (false, len) => i += len,
                },
            }
        };
        // The length of the character that ended the word (none at the end of the text): it is
        // no word character, so the next word is looked for after it.
        let mut after = 0;
        loop {
            // Eight bytes at a time while they are ASCII letters and digits, then the first other
            // byte is looked at as before.
            if let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                let stop = !ascii_alnum(u64::from_le_bytes(*block)) & HIGH;
                if stop == 0 {
                    i += 8;
                    continue;
                }
                i += (stop.trailing_zeros() / 8) as usize;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            match CLASS[b as usize] {
                0 => {
                    after = 1;
                    break;
                }
                1 => i += 1,
                _ => match wide_class(text, i) {
                    (true, len) => i += len,
                    (false, len) => {
                        after = len;
                        break;
                    }
                },
            }
        }
        next = i + after;
        Some((start, i))
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

    #[test]
    fn words_agree_with_a_char_by_char_split() {
        let texts = [
            "",
            "   ",
            "Il presidente – già in carica – disse: «Sì, 3,5%». Ελλάδα! 東京 x²",
            "l’agenzia d'Italia\u{feff}fine\u{200b}qui ok_ok 1.000",
            "Internationalization and counterrevolutionaries: Zz09@[`{/:AZaz09, naïveté2024x",
            "abcdefgh€ijklmnopqrstuvwxyzé ABCDEFGHIJ\u{a0}KLMNOPQRSTUV—0123456789012",
        ];
        for t in texts {
            let got: Vec<(usize, usize)> = words(t).map(|w| (w.start, w.end)).collect();
            let mut want = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices() {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        want.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                want.push((s, t.len()));
            }
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn eight_bytes_tested_as_the_byte_table_says() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut block = *b"aZ09zA9q";
                block[at] = b;
                let want = block
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_ascii_alphanumeric())
                    .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                assert_eq!(ascii_alnum(u64::from_le_bytes(block)), want, "{b} at {at}");
            }
        }
    }

    #[test]
    fn same_stem_same_term_and_stopwords_dropped() {
        let lang = crate::lang::get("en").unwrap();
        let text = "The Presidents were meeting. A president meets.";
        let tk = Tokens::new(lang, text, &[0..28, 29..text.len()], None);
        let of = |i: usize| -> Vec<u32> {
            tk.sentence(i)
                .iter()
                .filter_map(|w| tk.form(w).term)
                .collect()
        };
        assert_eq!(of(0), [0, 1]);
        assert_eq!(of(1), [0, 1]);
        assert_eq!(tk.terms, 2);
    }

    #[test]
    fn a_shared_vocab_gives_the_same_tokens_as_a_fresh_one() {
        let lang = crate::lang::get("it").unwrap();
        let texts = [
            "Il presidente ha parlato. I presidenti parlano di pace.",
            "La pace è lontana, ha detto il Presidente.",
            "Nuove parole: sanzioni, missili e pace.",
        ];
        let mut vocab = Vocab::with_limit(8);
        for round in 0..3 {
            for t in texts {
                let s: Vec<Range<usize>> = std::iter::once(0..t.len()).collect();
                let fresh = Tokens::new(lang, t, &s, Some("Titolo di pace"));
                let shared = Tokens::with_vocab(&mut vocab, lang, t, &s, Some("Titolo di pace"));
                assert_eq!(fresh.tokens, shared.tokens, "round {round}");
                assert_eq!(fresh.forms, shared.forms, "round {round}");
                assert_eq!(fresh.title, shared.title, "round {round}");
            }
        }
        // The bound held: the cache was emptied when it outgrew its limit.
        assert!(vocab.len() <= 8 + 20);
    }
}
