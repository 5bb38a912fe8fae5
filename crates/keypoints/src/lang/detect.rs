//! Language identification: a stopword vote, with whatlang (trigram profiles) where the vote is
//! not clear.
//!
//! Function words are the most frequent words of a language and few of them are shared, so on a
//! news article the language whose stopword list covers most of the first hundred words is almost
//! always right, and counting costs one hash lookup a word (a few microseconds an article where
//! whatlang's trigram scoring of 1 KB took about 100). Short or mixed texts, and languages whose
//! lists overlap heavily (Danish and Norwegian), leave no clear winner; then whatlang decides.
//! `docs/language.md` has the measurements.
//!
//! whatlang was chosen over lingua on the shared data (see `docs/language.md`): both identify
//! every whole article of the summary sets; on single Italian UD sentences lingua is better (98.5%
//! against 95.6%), but it is about 20 times slower and carries large models. Articles are long
//! enough for whatlang, and only the languages with a folder are candidates, which makes it both
//! faster and more accurate among them.
use std::collections::HashMap;
use std::sync::OnceLock;

use whatlang::{Detector, Lang};

use crate::text::tokens::words;

/// The outcome of identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code of a compiled-in language, or `None` when the text's language is not one.
    pub code: Option<&'static str>,
    /// Confidence, 0..1: 1 for a clear stopword vote, else whatlang's.
    pub confidence: f64,
}

/// How much text identification looks at: trigram statistics settle long before this, and a
/// bounded prefix keeps a 100 MB input from costing more than a small one.
const SAMPLE_BYTES: usize = 1024;

/// whatlang's languages that have a folder here.
fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let allow: Vec<Lang> = Lang::all()
            .iter()
            .copied()
            .filter(|l| iso639_1(*l).is_some_and(|c| super::get(c).is_ok()))
            .collect();
        Detector::with_allowlist(allow)
    })
}

/// Words of the text that take part in the stopword vote.
const VOTE_WORDS: usize = 100;
/// The vote is accepted when the winner has at least this many stopwords ...
const VOTE_MIN: usize = 8;
/// ... and at least this many times the runner-up's count.
const VOTE_RATIO: f64 = 1.5;

/// Every compiled-in language's stopwords, each with the set of languages (a bit each) that list it.
struct Votes {
    codes: Vec<&'static str>,
    /// Stopwords of up to eight ASCII bytes, packed into an integer ([`pack`]): nearly all of
    /// them, looked up without building or hashing a string.
    short: HashMap<u64, u64, foldhash::fast::FixedState>,
    /// The others.
    words: HashMap<String, u64, foldhash::fast::FixedState>,
}

/// A word of one to eight ASCII bytes, lower-cased, as an integer (words hold no zero byte, so
/// the padding keeps lengths apart).
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 8 || !b.is_ascii() {
        return None;
    }
    Some(b.iter().enumerate().fold(0, |k, (i, &x)| {
        k | (u64::from(x.to_ascii_lowercase()) << (8 * i))
    }))
}

fn votes() -> &'static Votes {
    static VOTES: OnceLock<Votes> = OnceLock::new();
    VOTES.get_or_init(|| {
        let codes: Vec<&'static str> = super::codes().into_iter().take(64).collect();
        let mut short: HashMap<u64, u64, foldhash::fast::FixedState> = HashMap::default();
        let mut words: HashMap<String, u64, foldhash::fast::FixedState> = HashMap::default();
        for (bit, code) in codes.iter().enumerate() {
            let Ok(lang) = super::get(code) else { continue };
            for w in lang.list("stopwords") {
                let w = w.to_lowercase();
                match pack(&w) {
                    Some(k) => *short.entry(k).or_default() |= 1 << bit,
                    None => *words.entry(w).or_default() |= 1 << bit,
                }
            }
        }
        Votes {
            codes,
            short,
            words,
        }
    })
}

/// The stopword vote over the first [`VOTE_WORDS`] words: the winner when it is clear.
pub fn vote(text: &str) -> Option<&'static str> {
    let v = votes();
    let mut counts = [0usize; 64];
    let mut lower = String::new();
    for w in words(text).take(VOTE_WORDS) {
        let found = match pack(w.text) {
            Some(k) => v.short.get(&k),
            None => {
                lower.clear();
                if w.text.is_ascii() {
                    lower.push_str(w.text);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(w.text.chars().flat_map(char::to_lowercase));
                }
                // Some capitals lower-case to ASCII (the Kelvin sign to "k").
                match pack(&lower) {
                    Some(k) => v.short.get(&k),
                    None => v.words.get(lower.as_str()),
                }
            }
        };
        if let Some(&mask) = found {
            let mut m = mask;
            while m != 0 {
                counts[m.trailing_zeros() as usize] += 1;
                m &= m - 1;
            }
        }
    }
    let (mut best, mut second) = ((0usize, 0usize), 0usize);
    for (i, &c) in counts.iter().enumerate().take(v.codes.len()) {
        if c > best.1 {
            second = best.1;
            best = (i, c);
        } else if c > second {
            second = c;
        }
    }
    (best.1 >= VOTE_MIN && best.1 as f64 >= VOTE_RATIO * second as f64).then(|| v.codes[best.0])
}

/// Identifies the language of `text` among the compiled-in languages: the stopword vote where it
/// is clear, else whatlang.
pub fn detect(text: &str) -> Detection {
    if let Some(code) = vote(text) {
        return Detection {
            code: Some(code),
            confidence: 1.0,
        };
    }
    trigrams(text)
}

/// whatlang's identification of the first [`SAMPLE_BYTES`] of `text` among our languages.
pub fn trigrams(text: &str) -> Detection {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let Some(info) = detector().detect(sample) else {
        return Detection {
            code: None,
            confidence: 0.0,
        };
    };
    Detection {
        code: iso639_1(info.lang()).filter(|c| super::get(c).is_ok()),
        confidence: info.confidence(),
    }
}

fn iso639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Ita => "it",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Rus => "ru",
        Lang::Ell => "el",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Tam => "ta",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Cat => "ca",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Ukr => "uk",
        Lang::Bul => "bg",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_main_languages() {
        let cases = [
            ("it", "Il presidente ha detto che il governo approverà la legge entro la fine del mese."),
            ("en", "The president said that the government would pass the law by the end of the month."),
            ("de", "Der Präsident sagte, dass die Regierung das Gesetz bis Ende des Monats verabschieden werde."),
            ("fr", "Le président a déclaré que le gouvernement adopterait la loi avant la fin du mois."),
            ("es", "El presidente dijo que el gobierno aprobaría la ley antes de que termine el mes."),
        ];
        for (code, text) in cases {
            assert_eq!(detect(text).code, Some(code), "{text}");
        }
    }

    #[test]
    fn packed_words_ignore_case_and_keep_lengths_apart() {
        assert_eq!(pack("The"), pack("the"));
        assert_ne!(pack("the"), pack("thee"));
        assert_eq!(pack(""), None);
        assert_eq!(pack("città"), None);
        assert_eq!(pack("somewhere"), None);
        // Stopwords in capitals count; a word with the Kelvin sign (whose lower case is ASCII
        // "k") takes the lower-casing path and is looked up among the packed words.
        let shouted = "THE PRESIDENT SAID THAT THE GOVERNMENT WOULD PASS THE LAW BY THE END OF \
                       THE MONTH AND THAT IT WAS \u{212a}EEN TO DO IT FOR ALL OF THEM.";
        assert_eq!(pack(&"\u{212a}EEN".to_lowercase()), pack("keen"));
        assert_eq!(vote(shouted), Some("en"));
    }
}
