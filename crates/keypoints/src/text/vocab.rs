//! What the language data says about each word spelling, remembered across articles.
//!
//! Tokenizing an article looks every word up: lower-casing, the stopword and abbreviation lists,
//! and for ranking the Snowball stemmer, which alone cost about a sixth of a digest. News
//! vocabulary is Zipfian, so after a few hundred articles almost every spelling has been seen; a
//! [`Vocab`] kept by the caller (one per thread, inside [`crate::Analyzer`]) answers those from one
//! hash lookup. This is spaCy's `Vocab`/`Lexeme` design.
//!
//! Ids stay per article: [`crate::text::tokens::Tokens`] numbers an article's forms and terms in
//! the order they first occur, exactly as it did without the cache, so a digest does not depend on
//! what was analysed before it. The cache is bounded: when it holds more than [`Vocab::limit`]
//! lexemes it is emptied before the next article (a crude but predictable bound; a news archive's
//! common words come back within a few articles).
use std::sync::Arc;

use rust_stemmers::Stemmer;

use crate::entities::lexicon::Lexicon;
use crate::lang::Language;
use crate::quotes::cues::Cues;
use crate::text::tokens::{Form, WordMap};

/// Default bound on the lexemes kept per language (about 150 bytes each, so some 15 MB): the
/// common vocabulary of a language's news fits well within it.
pub const DEFAULT_LIMIT: usize = 100_000;

/// A lower-cased word form and what the language data says about it.
#[derive(Debug, Clone)]
pub(crate) struct Lexeme {
    pub lower: Arc<str>,
    pub chars: usize,
    pub numeric: bool,
    pub stopword: bool,
    pub abbreviation: bool,
    /// Id of its stem in [`LangVocab::stems`], for content words (not stopwords, two characters
    /// or a number).
    pub stem: Option<u32>,
    /// The quote cue lists it is on ([`crate::quotes::cues::Cues::flags_of`]), kept here so
    /// that the quote stage does not look every form of every article up again.
    pub cues: u32,
    /// The article (epoch) that last used it and its form id there; kept beside the lexeme's
    /// data so that a word's first use in an article reads one place.
    pub mark: (u32, u32),
}

/// A spelling's entry: its lexeme, and the article (epoch) that last used it with its form id
/// there, so that a repeated word costs one lookup.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spelling {
    lexeme: u32,
    epoch: u32,
    form: u32,
    /// The spelling's case ([`case_of`]), a property of the spelling alone.
    case: (bool, bool),
    /// The entity lexicon's lists the spelling is on ([`names_of`]), also the spelling's alone.
    names: u8,
}

/// What [`LangVocab::form`] tells of a spelling.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Looked {
    /// The form id in the current article.
    pub form: u32,
    /// The spelling's case ([`case_of`]).
    pub case: (bool, bool),
    /// The entity lexicon's bits of the spelling ([`names_of`]).
    pub names: u8,
}

/// The cache of one language.
pub(crate) struct LangVocab {
    code: &'static str,
    /// The language's quote cues and entity lexicon, whose list bits lexemes and spellings keep.
    cues: &'static Cues,
    names: &'static Lexicon,
    stemmer: Option<Stemmer>,
    /// Spelling as written -> lexeme, for spellings of up to 15 bytes (nearly all), packed into
    /// the key: a lookup hashes and compares two words without following a pointer.
    short: WordMap<u128, Spelling>,
    /// Spelling as written -> lexeme, for longer spellings.
    spellings: WordMap<Box<str>, Spelling>,
    /// Lower-cased form -> lexeme.
    lowers: WordMap<Arc<str>, u32>,
    pub lexemes: Vec<Lexeme>,
    /// Stem -> stem id.
    stems: WordMap<Box<str>, u32>,
    /// For each stem, the article that last used it and its term id there.
    pub term_mark: Vec<(u32, u32)>,
    /// The current article's number.
    pub epoch: u32,
    buf: String,
}

impl LangVocab {
    fn new(lang: &'static Language) -> Self {
        LangVocab {
            code: lang.code(),
            cues: crate::quotes::cues::get(lang),
            names: crate::entities::lexicon::get(lang),
            stemmer: lang.stemmer(),
            short: WordMap::default(),
            spellings: WordMap::default(),
            lowers: WordMap::default(),
            lexemes: Vec::new(),
            stems: WordMap::default(),
            term_mark: Vec::new(),
            epoch: 0,
            buf: String::new(),
        }
    }

    fn clear(&mut self) {
        self.short.clear();
        self.spellings.clear();
        self.lowers.clear();
        self.lexemes.clear();
        self.stems.clear();
        self.term_mark.clear();
    }

    /// Starts a new article: marks from earlier articles no longer count.
    pub fn begin(&mut self, limit: usize) {
        if self.lexemes.len() > limit {
            self.clear();
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            // After 4 billion articles the marks could collide: start afresh.
            self.clear();
            self.epoch = 1;
        }
    }

    /// The form id, in the current article, of a word spelled `spelling`: the word's lexeme is
    /// looked up (created on first sight) and, on its first use in the article, a [`Form`] is
    /// added to `article` (its lower case appended to its `lowers`) with a term id counted in
    /// first-use order. A spelling is hashed once: its entry is updated in place. Returns the
    /// form id with what is remembered of the spelling ([`Looked`]). The spelling is
    /// `text[start..end]`; most are looked up from the bytes without slicing `text`.
    pub fn form(
        &mut self,
        lang: &Language,
        text: &str,
        start: usize,
        end: usize,
        article: &mut Article,
    ) -> Looked {
        let epoch = self.epoch;
        let key = pack_in(text.as_bytes(), start, end.saturating_sub(start));
        let spelling = || text.get(start..end).unwrap_or("");
        let found = match key {
            Some(k) => self.short.get_mut(&k),
            None => self.spellings.get_mut(spelling()),
        };
        if let Some(e) = found {
            if e.epoch != epoch {
                e.form = article_form(
                    &mut self.lexemes,
                    &mut self.term_mark,
                    epoch,
                    e.lexeme,
                    article,
                );
                e.epoch = epoch;
            }
            return Looked {
                form: e.form,
                case: e.case,
                names: e.names,
            };
        }
        let spelling = spelling();
        let l = self.lexeme_of(lang, spelling);
        let form = article_form(&mut self.lexemes, &mut self.term_mark, epoch, l, article);
        let case = case_of(spelling);
        let names = names_of(self.names, spelling);
        let entry = Spelling {
            lexeme: l,
            epoch,
            form,
            case,
            names,
        };
        match key {
            Some(k) => self.short.insert(k, entry),
            None => self.spellings.insert(spelling.into(), entry),
        };
        Looked { form, case, names }
    }

    /// The lexeme of a spelling not seen before, created if its lower case is new too.
    fn lexeme_of(&mut self, lang: &Language, spelling: &str) -> u32 {
        self.buf.clear();
        if spelling.is_ascii() {
            self.buf.push_str(spelling);
            self.buf.make_ascii_lowercase();
        } else {
            self.buf
                .extend(spelling.chars().flat_map(char::to_lowercase));
        }
        match self.lowers.get(self.buf.as_str()) {
            Some(&l) => l,
            None => {
                let l = self.lexemes.len() as u32;
                let lower: Arc<str> = Arc::from(self.buf.as_str());
                let chars = lower.chars().count();
                let numeric = lower.chars().all(char::is_numeric);
                let stopword = lang.is_stopword(&lower);
                let stem = (!stopword && (chars >= 2 || numeric)).then(|| self.stem_id(&lower));
                let cues = self.cues.flags_of(&lower);
                self.lexemes.push(Lexeme {
                    cues,
                    chars,
                    numeric,
                    stopword,
                    abbreviation: lang.is_abbreviation(&lower),
                    lower: lower.clone(),
                    stem,
                    mark: (0, 0),
                });
                self.lowers.insert(lower, l);
                l
            }
        }
    }

    fn stem_id(&mut self, lower: &str) -> u32 {
        let stem = match &self.stemmer {
            Some(s) => s.stem(lower),
            None => lower.into(),
        };
        let next = self.stems.len() as u32;
        match self.stems.get(stem.as_ref()) {
            Some(&id) => id,
            None => {
                self.stems.insert(stem.into(), next);
                self.term_mark.push((0, 0));
                next
            }
        }
    }
}

/// The forms of the article being tokenized.
#[derive(Debug, Default)]
pub(crate) struct Article {
    /// Its distinct forms, by id.
    pub forms: Vec<Form>,
    /// Their lower cases one after the other.
    pub lowers: String,
    /// Number of distinct terms so far.
    pub terms: u32,
}

/// The form id in the current article (`epoch`) of lexeme `l`: its first use
/// adds a [`Form`] to `article` and, for a content word new to the article, a term id.
fn article_form(
    lexemes: &mut [Lexeme],
    term_mark: &mut [(u32, u32)],
    epoch: u32,
    l: u32,
    article: &mut Article,
) -> u32 {
    let lx = &mut lexemes[l as usize];
    if lx.mark.0 == epoch {
        return lx.mark.1;
    }
    let f = article.forms.len() as u32;
    let term = lx.stem.map(|s| match term_mark[s as usize] {
        (e, t) if e == epoch => t,
        _ => {
            let t = article.terms;
            article.terms += 1;
            term_mark[s as usize] = (epoch, t);
            t
        }
    });
    // The lower case, copied from the lexeme.
    let lowers = &mut article.lowers;
    let at = lowers.len();
    lowers.push_str(&lx.lower);
    article.forms.push(Form {
        lower: at..lowers.len(),
        chars: lx.chars,
        numeric: lx.numeric,
        stopword: lx.stopword,
        abbreviation: lx.abbreviation,
        term,
        cues: lx.cues,
    });
    lx.mark = (epoch, f);
    f
}

/// The entity lexicon's bits of a spelling ([`Lexicon::flags`] of the spelling lower-cased as
/// the entity stage does it, which can differ from the lexeme's lower case: "Σ" at a word's end).
pub(crate) fn names_of(names: &Lexicon, spelling: &str) -> u8 {
    names.flags(crate::entities::lower(spelling).as_ref())
}

/// (first character upper case, two or more characters all upper case)
pub(crate) fn case_of(word: &str) -> (bool, bool) {
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

/// [`pack`] of the spelling of `len` bytes that `text` holds at `start`: read with one 16-byte
/// load of `text` where the bytes after the spelling are at hand (and masked off), as they are
/// for nearly every word of a text.
#[inline]
fn pack_in(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    // MASK[n] keeps the first n bytes and puts n in the last one.
    const MASK: [(u128, u128); 16] = {
        let mut m = [(0, 0); 16];
        let mut n = 0;
        while n < 16 {
            m[n] = ((1u128 << (8 * n)) - 1, (n as u128) << 120);
            n += 1;
        }
        m
    };
    match text.get(start..start + 16).map(<[u8; 16]>::try_from) {
        Some(Ok(w)) => {
            let (keep, tag) = MASK[len];
            Some(u128::from_le_bytes(w) & keep | tag)
        }
        _ => pack(text.get(start..start + len)?),
    }
}

/// A spelling of at most 15 bytes as one integer: its bytes, then zeros, with its length in the
/// last byte (so that no two spellings share a key).
fn pack(b: &[u8]) -> Option<u128> {
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8;
    Some(u128::from_le_bytes(k))
}

/// Word knowledge kept across articles; see the module documentation. Not shared between
/// threads: keep one per worker.
pub struct Vocab {
    langs: Vec<LangVocab>,
    limit: usize,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::with_limit(DEFAULT_LIMIT)
    }
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocab")
            .field("lexemes", &self.len())
            .field("limit", &self.limit)
            .finish()
    }
}

impl Vocab {
    /// An empty vocabulary that keeps at most `limit` lexemes per language between articles.
    pub fn with_limit(limit: usize) -> Self {
        Vocab {
            langs: Vec::new(),
            limit,
        }
    }

    /// The bound on lexemes per language.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Number of lexemes held, over all languages.
    pub fn len(&self) -> usize {
        self.langs.iter().map(|l| l.lexemes.len()).sum()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cache of `lang`, ready for a new article.
    pub(crate) fn begin(&mut self, lang: &'static Language) -> &mut LangVocab {
        let i = match self.langs.iter().position(|l| l.code == lang.code()) {
            Some(i) => i,
            None => {
                self.langs.push(LangVocab::new(lang));
                self.langs.len() - 1
            }
        };
        let v = &mut self.langs[i];
        v.begin(self.limit);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_spellings_hold_their_bytes_and_length() {
        let text = "aé€bcdefghijklmnopqrstuvwxyz0123";
        for from in 0..text.len() {
            for to in from..=text.len() {
                let Some(s) = text.get(from..to) else {
                    continue;
                };
                assert_eq!(pack_in(text.as_bytes(), from, s.len()), pack(s.as_bytes()));
                // The spelling at the very end of the text: no 16 bytes to load.
                let head = &text.as_bytes()[..to];
                assert_eq!(pack_in(head, from, s.len()), pack(s.as_bytes()));
                match pack(s.as_bytes()) {
                    Some(k) => {
                        let k = k.to_le_bytes();
                        assert_eq!(usize::from(k[15]), s.len(), "{s:?}");
                        assert_eq!(&k[..s.len()], s.as_bytes(), "{s:?}");
                        assert!(k[s.len()..15].iter().all(|&b| b == 0), "{s:?}");
                    }
                    None => assert!(s.len() > 15, "{s:?}"),
                }
            }
        }
    }
}
