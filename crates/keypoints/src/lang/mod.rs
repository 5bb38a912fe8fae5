//! Languages: the registry of compiled-in language folders and language identification.
//!
//! Language knowledge is data. Each folder `lang/<code>/` holds plain `.txt` lists, one entry a
//! line, `#` starting a comment line. `language.txt` (`key = value` lines) names the language and
//! its Snowball stemmer; the other files (`stopwords`, `abbreviations`, `keypoint_headings`,
//! `credits`, `boilerplate`, `speech_verbs`, ...) are read by the stage that needs them through
//! [`Language::list`]. A missing file is an empty list, so a new language can start with stopwords
//! alone and gain the rest over time.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::error::{Error, Result};

mod detect;
pub use detect::{detect, trigrams, vote, Detection};

include!(concat!(env!("OUT_DIR"), "/lang_files.rs"));

/// One language's compiled-in data, parsed once on first use.
pub struct Language {
    code: &'static str,
    name: String,
    stemmer_name: Option<String>,
    capitalized_nouns: bool,
    day_first_dates: bool,
    whole_compounds: bool,
    lists: HashMap<&'static str, Vec<String>>,
    stopwords: WordSet,
    abbreviations: WordSet,
}

/// A set of words hashed with foldhash (seeded per set): lookups are a large share of the work.
pub(crate) type WordSet = HashSet<String, foldhash::fast::RandomState>;

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language")
            .field("code", &self.code)
            .finish()
    }
}

fn parse_list(contents: &str) -> Vec<String> {
    contents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

impl Language {
    fn parse(code: &'static str, files: &'static [(&'static str, &'static str)]) -> Self {
        let mut lists = HashMap::new();
        let mut name = code.to_string();
        let mut stemmer_name = None;
        let mut capitalized_nouns = false;
        let mut day_first_dates = false;
        let mut whole_compounds = false;
        for (stem, contents) in files {
            if *stem == "language" {
                for line in parse_list(contents) {
                    if let Some((k, v)) = line.split_once('=') {
                        match k.trim() {
                            "name" => name = v.trim().to_string(),
                            "stemmer" => stemmer_name = Some(v.trim().to_lowercase()),
                            "nouns" => capitalized_nouns = v.trim() == "capitalized",
                            "dates" => day_first_dates = v.trim() == "day-first",
                            "compounds" => whole_compounds = v.trim() == "whole",
                            _ => {}
                        }
                    }
                }
            } else {
                lists.insert(*stem, parse_list(contents));
            }
        }
        let lower_set = |key: &str| -> WordSet {
            lists
                .get(key)
                .map(|l: &Vec<String>| l.iter().map(|w| w.to_lowercase()).collect())
                .unwrap_or_default()
        };
        let stopwords = lower_set("stopwords");
        let abbreviations = lower_set("abbreviations");
        Language {
            code,
            name,
            stemmer_name,
            capitalized_nouns,
            day_first_dates,
            whole_compounds,
            lists,
            stopwords,
            abbreviations,
        }
    }

    /// ISO 639-1 code, the folder's name.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// English name of the language.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True where every noun is written with a capital (German: `nouns = capitalized` in
    /// `language.txt`), so a capital alone is no sign of a name.
    pub fn capitalizes_nouns(&self) -> bool {
        self.capitalized_nouns
    }

    /// True where numeric dates put the day first (`dates = day-first` in `language.txt`); where
    /// not, only a numeric date with a single reading is converted.
    pub fn day_first_dates(&self) -> bool {
        self.day_first_dates
    }

    /// True where a word joined by hyphens is one word that no name is cut out of (`compounds =
    /// whole` in `language.txt`: Italian "filo-russo", "Centro-nord", "Sentinel-2"), so a
    /// mention that would start or end inside it is dropped; elsewhere ("Manhattan-based",
    /// "anti-ISIS") such a mention stays.
    pub fn whole_compounds(&self) -> bool {
        self.whole_compounds
    }

    /// The entries of `lang/<code>/<name>.txt`, or an empty slice where the file is absent.
    pub fn list(&self, name: &str) -> &[String] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The entries of `lang/<code>/<name>.txt`, lower-cased, as a set: stages keep one per
    /// language in a [`PerLanguage`] cache.
    pub(crate) fn lowered_set(&self, name: &str) -> WordSet {
        self.list(name).iter().map(|w| w.to_lowercase()).collect()
    }

    /// True when `word` (any case) is a stopword.
    pub fn is_stopword(&self, word: &str) -> bool {
        if self.stopwords.contains(word) {
            return true;
        }
        word.chars().any(char::is_uppercase) && self.stopwords.contains(&word.to_lowercase())
    }

    /// True when `word` (without its final period, any case) is an abbreviation that a period
    /// does not end a sentence after.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.abbreviations.contains(&word.to_lowercase())
        } else {
            self.abbreviations.contains(word)
        }
    }

    /// The Snowball stemmer of the language, if it has one.
    pub fn stemmer(&self) -> Option<Stemmer> {
        self.stemmer_name
            .as_deref()
            .and_then(algorithm)
            .map(Stemmer::create)
    }
}

fn algorithm(name: &str) -> Option<Algorithm> {
    Some(match name {
        "arabic" => Algorithm::Arabic,
        "danish" => Algorithm::Danish,
        "dutch" => Algorithm::Dutch,
        "english" => Algorithm::English,
        "finnish" => Algorithm::Finnish,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "greek" => Algorithm::Greek,
        "hungarian" => Algorithm::Hungarian,
        "italian" => Algorithm::Italian,
        "norwegian" => Algorithm::Norwegian,
        "portuguese" => Algorithm::Portuguese,
        "romanian" => Algorithm::Romanian,
        "russian" => Algorithm::Russian,
        "spanish" => Algorithm::Spanish,
        "swedish" => Algorithm::Swedish,
        "tamil" => Algorithm::Tamil,
        "turkish" => Algorithm::Turkish,
        _ => return None,
    })
}

fn registry() -> &'static [OnceLock<Language>] {
    static CELLS: OnceLock<Vec<OnceLock<Language>>> = OnceLock::new();
    CELLS.get_or_init(|| LANG_FILES.iter().map(|_| OnceLock::new()).collect())
}

/// Codes of every compiled-in language, sorted.
pub fn codes() -> Vec<&'static str> {
    LANG_FILES.iter().map(|(c, _)| *c).collect()
}

/// The language with ISO 639-1 code `code`, parsed on first use.
pub fn get(code: &str) -> Result<&'static Language> {
    let code = code.trim().to_ascii_lowercase();
    let idx = LANG_FILES
        .iter()
        .position(|(c, _)| *c == code)
        .ok_or_else(|| Error::UnknownLanguage(code.clone(), codes().join(", ")))?;
    let (c, files) = LANG_FILES[idx];
    Ok(registry()[idx].get_or_init(|| Language::parse(c, files)))
}

/// Data derived from each language's lists by a stage (compiled cue sets, gazetteers), built on
/// first use and kept for the life of the process: immutable once made, so no global mutable state
/// is visible to callers.
pub struct PerLanguage<T> {
    cells: OnceLock<Vec<(&'static str, OnceLock<T>)>>,
}

impl<T> PerLanguage<T> {
    /// An empty cache, for a `static`.
    pub const fn new() -> Self {
        PerLanguage {
            cells: OnceLock::new(),
        }
    }

    /// The value for `lang`, made by `init` on first use; a language outside the registry gets
    /// the fallback's (English) value.
    pub fn get(&self, lang: &'static Language, init: fn(&'static Language) -> T) -> &T {
        let cells = self
            .cells
            .get_or_init(|| codes().into_iter().map(|c| (c, OnceLock::new())).collect());
        match cells.iter().find(|(c, _)| *c == lang.code()) {
            Some((_, cell)) => cell.get_or_init(|| init(lang)),
            // Every language comes from the registry; English data is the neutral fallback.
            None => self.get(fallback(), init),
        }
    }
}

impl<T> Default for PerLanguage<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A language-neutral fallback (English data) for text whose language we do not cover.
pub fn fallback() -> &'static Language {
    get("en").expect("the English folder is compiled in")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_loads_with_stopwords_and_stemmer() {
        assert!(codes().len() >= 7);
        for code in codes() {
            let lang = get(code).unwrap();
            assert!(
                !lang.list("stopwords").is_empty(),
                "{code} has no stopwords"
            );
            let stemmer = lang.stemmer();
            assert!(stemmer.is_some(), "{code} names no known stemmer");
        }
    }

    #[test]
    fn unknown_language_is_a_clear_error() {
        let err = get("xx").unwrap_err().to_string();
        assert!(
            err.contains("unknown language") && err.contains("it"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod every_language {
    /// Every folder found by the build gives key points through the whole pipeline.
    #[test]
    fn every_language_folder_gives_key_points() {
        let text = "Alpha beta gamma delta epsilon zeta eta theta.\nIota kappa lambda alpha beta my nu xi.\n\
                    Omikron pi rho sigma alpha beta tau ypsilon.\nPhi chi psi omega alpha beta gamma delta.";
        for code in super::codes() {
            let opts = crate::Options {
                lang: Some(code.to_string()),
                ..Default::default()
            };
            let d = crate::analyze(text, &opts).unwrap();
            assert_eq!(d.language, code);
            assert!(!d.key_points.is_empty(), "{code}");
        }
    }
}
