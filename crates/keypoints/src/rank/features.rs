//! Surface features of one sentence that say whether it can stand alone as a key point: its
//! length, and signs of a photo caption, byline or page furniture, of a fragment, of a sentence
//! that leans on the previous one (it opens with a pronoun or connective), or of a quotation.
//!
//! The word lists are language data: `lang/<code>/caption_markers.txt` (phrases, matched
//! case-insensitively anywhere in the sentence) and `lang/<code>/dependent_starts.txt` (first
//! words). A language without them simply gets no signal from them.
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::lang::{self, Language, WordSet};
use crate::text::tokens::{words, Token, Tokens};

/// A language's lower-cased caption markers, searched for in lower-cased sentences: with
/// aho-corasick's SIMD multi-pattern searcher (Teddy) where the CPU has it, which checks a
/// sentence in a fraction of the steps an automaton takes byte by byte (the markers are rare, so
/// few candidates need verifying), else with an automaton. Built once a language.
struct Markers {
    simd: Option<aho_corasick::packed::Searcher>,
    automaton: AhoCorasick,
}

impl Markers {
    /// True when lower-cased `s` holds a marker.
    fn in_lowered(&self, s: &str) -> bool {
        match &self.simd {
            Some(t) => t.find(s).is_some(),
            None => self.automaton.is_match(s),
        }
    }
}

/// True when `lang` has caption markers (else sentences need no lower-cased copy for them).
pub fn has_caption_markers(lang: &'static Language) -> bool {
    caption_markers(lang).is_some()
}

fn caption_markers(lang: &'static Language) -> Option<&'static Markers> {
    static MARKERS: lang::PerLanguage<Option<Markers>> = lang::PerLanguage::new();
    MARKERS
        .get(lang, |l| {
            let markers: Vec<String> = l
                .list("caption_markers")
                .iter()
                .map(|m| m.to_lowercase())
                .filter(|m| !m.is_empty())
                .collect();
            if markers.is_empty() {
                return None;
            }
            let automaton = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&markers)
                .ok()?;
            let simd = aho_corasick::packed::Config::new()
                .builder()
                .extend(&markers)
                .build();
            Some(Markers { simd, automaton })
        })
        .as_ref()
}

/// Byte offsets of each ": " in `s`.
fn colon_spaces(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    memchr::memchr_iter(b':', b).filter(move |&i| b.get(i + 1) == Some(&b' '))
}

/// The language's lower-cased `dependent_starts` as a set, built once.
fn dependent_starts(lang: &'static Language) -> &'static WordSet {
    static STARTS: lang::PerLanguage<WordSet> = lang::PerLanguage::new();
    STARTS.get(lang, |l| l.lowered_set("dependent_starts"))
}

/// The lists of a language that shapes read, looked up once for all the sentences of an article.
#[derive(Clone, Copy)]
pub(crate) struct Lists {
    markers: Option<&'static Markers>,
    starts: &'static WordSet,
}

impl Lists {
    /// The lists of `lang`.
    pub(crate) fn of(lang: &'static Language) -> Self {
        Lists {
            markers: caption_markers(lang),
            starts: dependent_starts(lang),
        }
    }

    /// True when the language has caption markers (else sentences need no lower-cased copy).
    pub(crate) fn has_caption_markers(&self) -> bool {
        self.markers.is_some()
    }

    /// The caption markers in `lowered`, a lower-cased text, as the byte ranges of a
    /// left-to-right search (leftmost first, none overlapping), for [`marker_within`]: one search
    /// of the text instead of one a sentence. `None` without the SIMD searcher.
    pub(crate) fn markers_in(&self, lowered: &str) -> Option<Vec<Range<usize>>> {
        let simd = self.markers?.simd.as_ref()?;
        Some(
            simd.find_iter(lowered)
                .map(|m| m.start()..m.end())
                .collect(),
        )
    }
}

/// Whether bytes `u..v` of a text hold a caption marker, told from `found`, the markers of the
/// whole text ([`Lists::markers_in`]); `None` when a marker found crosses `u` or `v`, as it
/// might hide one inside (`u..v` must then be searched alone). A marker inside that was not found
/// overlaps one found that starts before it: inside too, or crossing `u`.
fn marker_within(found: &[Range<usize>], u: usize, v: usize) -> Option<bool> {
    let k = found.partition_point(|m| m.end <= u);
    match found.get(k) {
        None => Some(false),
        Some(m) if m.start >= v => Some(false),
        Some(m) if m.start >= u && m.end <= v => Some(true),
        Some(_) => None,
    }
}

/// What the surface of a sentence says about it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Shape {
    /// Number of words.
    pub words: usize,
    /// It holds a caption or page-furniture marker ("Scroll down for video", "(pictured)").
    pub caption: bool,
    /// It does not end with sentence punctuation: a caption, heading or cut-off text.
    pub fragment: bool,
    /// It opens with a short label and a colon ("Guilty: Former teacher ..."), a caption style.
    pub label: bool,
    /// It opens with a pronoun or connective that points back ("He", "But", "However").
    pub dependent: bool,
    /// It opens with a quotation or introduces one ("He said: '...'").
    pub quote: bool,
    /// Share of the words after the first that start with a capital letter (names, places).
    pub capitals: f64,
    /// It holds a digit (figures, dates, ages).
    pub numbers: bool,
}

/// The shape of `sentence` in `lang`.
pub fn shape(sentence: &str, lang: &'static Language) -> Shape {
    let s = sentence.trim();
    let mut ws = words(s);
    let first = ws.next();
    let mut count = usize::from(first.is_some());
    let mut caps = 0usize;
    for w in ws {
        count += 1;
        if w.text.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    let first = first.map(|w| w.text.to_lowercase());
    let lowered = s.is_ascii().then(|| s.to_ascii_lowercase());
    shape_from(
        s,
        lowered.as_deref(),
        None,
        count,
        caps,
        first.as_deref(),
        &Lists::of(lang),
    )
}

/// The shape of a sentence of an analysed text, from its tokens (of `tk`): the same as [`shape`]
/// without tokenizing again. `lowered` is the sentence with its ASCII letters lower-cased (the
/// same bytes otherwise), cut from a copy of the whole text made once an article.
pub fn shape_of(
    sentence: &str,
    lowered: &str,
    tokens: &[Token],
    tk: &Tokens,
    lang: &'static Language,
) -> Shape {
    shape_with(sentence, lowered, tokens, tk, &Lists::of(lang), None)
}

/// [`shape_of`] with the language's lists at hand; with `found`, the caption markers of the
/// whole lower-cased text ([`Lists::markers_in`]) and the sentence's offset in it.
pub(crate) fn shape_with(
    sentence: &str,
    lowered: &str,
    tokens: &[Token],
    tk: &Tokens,
    lists: &Lists,
    found: Option<(&[Range<usize>], usize)>,
) -> Shape {
    let caps = tokens.iter().skip(1).filter(|t| t.capitalized).count();
    let first = tokens.first().map(|t| tk.lower(tk.form(t)));
    let s = sentence.trim_start();
    let from = sentence.len() - s.len();
    let s = s.trim_end();
    // ASCII lower-casing keeps every byte offset, so the trimmed sentence's bytes are found at
    // the same place in the lower-cased copy. That copy is the sentence's full lower case too
    // when no other character would change: each is lower case already or no letter (curly
    // quotes, dashes, "è").
    let lowered = (lowered.len() == sentence.len() && ascii_lowering_suffices(s))
        .then(|| &lowered[from..from + s.len()]);
    let caption = match (lowered, found) {
        (Some(_), Some((found, at))) => marker_within(found, at + from, at + from + s.len()),
        _ => None,
    };
    shape_from(s, lowered, caption, tokens.len(), caps, first, lists)
}

/// True when lower-casing `s` changes ASCII letters only. Only the characters beyond ASCII are
/// decoded.
fn ascii_lowering_suffices(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let b = s.as_bytes();
    let mut at = 0;
    while let Some(p) = b[at..].iter().position(|&x| x >= 0x80) {
        let Some(c) = s.get(at + p..).and_then(|t| t.chars().next()) else {
            return false;
        };
        if c.is_alphabetic() && !c.is_lowercase() {
            return false;
        }
        at += p + c.len_utf8();
    }
    true
}

/// The shape of trimmed sentence `s` of `count` words, `caps` of them after the first
/// capitalized, whose first word lower-cased is `first`; `lowered` is `s` lower-cased when that
/// is at hand (else it is made here), and `caption` whether it holds a caption marker when that
/// is known already.
fn shape_from(
    s: &str,
    lowered: Option<&str>,
    caption: Option<bool>,
    count: usize,
    caps: usize,
    first: Option<&str>,
    lists: &Lists,
) -> Shape {
    let capitals = if count > 1 {
        caps as f64 / (count - 1) as f64
    } else {
        0.0
    };
    // No early exit: the whole-sentence loop vectorizes, and most sentences have no digit.
    let numbers = s.bytes().fold(false, |d, b| d | b.is_ascii_digit());
    let caption = caption.unwrap_or_else(|| {
        lists.markers.is_some_and(|m| match lowered {
            Some(l) => m.in_lowered(l),
            None => m.in_lowered(&s.to_lowercase()),
        })
    });
    let end = s.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    let fragment = !end.ends_with(['.', '!', '?', '…']);
    let dependent = first.is_some_and(|f| lists.starts.contains(f));
    let opens_quote = s.starts_with(['"', '\'', '“', '‘', '«', '„']);
    // The end of a quotation that began in an earlier sentence: a closing mark after the final
    // punctuation and no opening mark anywhere before it.
    let closes_quote = s.ends_with(['"', '\'', '”', '’', '»'])
        && end.ends_with(['.', '!', '?', '…'])
        && !s[..end.len()].contains(['"', '“', '«', '„'])
        && !s[..end.len()].contains(" '")
        && !s[..end.len()].contains(" ‘");
    // ": " followed by an opening quotation mark.
    let quote = opens_quote
        || closes_quote
        || colon_spaces(s).any(|at| s[at + 2..].starts_with(['\'', '"', '“', '‘', '«', '„']));
    // A label: a colon within the first five words, followed by a capital letter (not a quote).
    let label = colon_spaces(s).next().is_some_and(|at| {
        let head = &s[..at];
        let n = words(head).count();
        (1..=5).contains(&n)
            && !head.contains(['.', ',', '"', '“'])
            && s[at + 2..].chars().next().is_some_and(char::is_uppercase)
    });
    Shape {
        words: count,
        caption,
        fragment,
        label,
        dependent,
        quote,
        capitals,
        numbers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lowering_suffices_only_without_other_capitals() {
        for (s, ok) in [
            ("Scroll down for video", true),
            ("“Già fatto,” ha detto — è così.", true),
            ("Città di Forlì: l’11%", true),
            ("È così", false),
            ("ÉCOLE", false),
            ("Ǆemal", false),
        ] {
            assert_eq!(ascii_lowering_suffices(s), ok, "{s}");
            if ok {
                assert_eq!(s.to_ascii_lowercase(), s.to_lowercase(), "{s}");
            }
        }
    }

    #[test]
    fn markers_found_in_the_whole_text_tell_each_piece() {
        let patterns = ["ab", "bc", "abc", "b a", "cab"];
        let Some(searcher) = aho_corasick::packed::Config::new()
            .builder()
            .extend(patterns)
            .build()
        else {
            return; // No packed searcher on this target: the pieces are searched alone.
        };
        // Texts over a small alphabet, from a fixed linear congruential sequence.
        let mut x = 12345u64;
        for _ in 0..300 {
            let len = 1 + (x >> 33) as usize % 40;
            let text: String = (0..len)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ['a', 'b', 'c', ' '][(x >> 62) as usize]
                })
                .collect();
            let found: Vec<Range<usize>> = searcher
                .find_iter(&text)
                .map(|m| m.start()..m.end())
                .collect();
            for u in 0..=len {
                for v in u..=len {
                    let alone = searcher.find(&text[u..v]).is_some();
                    if let Some(told) = marker_within(&found, u, v) {
                        assert_eq!(told, alone, "{text:?} {u}..{v}");
                    }
                }
            }
        }
    }

    #[test]
    fn shapes_of_english_sentences() {
        let en = crate::lang::get("en").unwrap();
        let s = shape("Police arrested two men on Monday.", en);
        assert_eq!(s.words, 6);
        assert!(!s.caption && !s.fragment && !s.label && !s.dependent && !s.quote);
        let c = shape(
            "Scroll down for video Guilty: Former teacher Brianne Altice, 35, pictured in court",
            en,
        );
        assert!(c.caption && c.fragment);
        assert!(shape("Guilty: Former teacher Brianne Altice was sentenced.", en).label);
        assert!(shape("He said: 'We are ready to pay on April 9.'", en).quote);
        assert!(shape("However, the plan failed.", en).dependent);
        assert!(shape("We are ready to pay on April 9.'", en).quote);
        assert!(!shape("He called it 'a disgrace.'", en).quote);
    }
}
