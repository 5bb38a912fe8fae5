//! The quote stage's word lists of one language, compiled once into hash sets and first-word
//! indexes.
//!
//! Every list is the language folder's data (`speech_verbs`, `attribution_verbs`,
//! `raising_verbs`, `according_to`, ...), lower-cased. Phrases ("according to", "has also") are
//! indexed by the word a match is looked up from, so matching a token costs one hash lookup
//! instead of a scan of the list. A `OnceLock` per language is the whole cache.
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lang::{self, Language};

type Set = HashSet<String, foldhash::fast::FixedState>;
type Index = HashMap<String, Vec<Vec<String>>, foldhash::fast::FixedState>;

/// Compiled cue lists of one language.
#[derive(Debug)]
pub(crate) struct Cues {
    /// Verbs of saying and thinking ("said", "ha detto"'s "detto").
    pub speech: Set,
    /// Other verbs that PolNeAR-style attribution covers: the content is their object
    /// ("called the plan a mistake", "a poll shows Clinton ahead", "endorsed Cruz").
    pub attribution: Set,
    /// Raising verbs whose subject and infinitive are the content ("Trump seemed to win").
    pub raising: Set,
    pub gerunds: Set,
    /// Auxiliaries indexed by their last word, longest first.
    pub auxiliaries: Index,
    pub cue_adverbs: Set,
    pub complementizers: Set,
    /// Source phrases ("according to") indexed by their first word, longest first.
    pub according_to: Index,
    pub pronouns: Set,
    pub label_verbs: Set,
    pub agent_markers: Set,
    pub prepositions: Set,
    /// Conjunctions that open a clause of their own ("and", "but").
    pub conjunctions: Set,
    /// Determiners: a verb form after one is a noun ("the states", "his plans").
    pub determiners: Set,
}

fn set(lang: &Language, name: &str) -> Set {
    lang.list(name).iter().map(|w| w.to_lowercase()).collect()
}

fn index(lang: &Language, name: &str, by_last: bool) -> Index {
    let mut ix = Index::default();
    for p in lang.list(name) {
        let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
        let key = if by_last { words.last() } else { words.first() };
        if let Some(k) = key {
            ix.entry(k.clone()).or_default().push(words.clone());
        }
    }
    for v in ix.values_mut() {
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    ix
}

impl Cues {
    fn parse(lang: &Language) -> Self {
        Cues {
            speech: set(lang, "speech_verbs"),
            attribution: set(lang, "attribution_verbs"),
            raising: set(lang, "raising_verbs"),
            gerunds: set(lang, "speech_gerunds"),
            auxiliaries: index(lang, "auxiliaries", true),
            cue_adverbs: set(lang, "cue_adverbs"),
            complementizers: set(lang, "complementizers"),
            according_to: index(lang, "according_to", false),
            pronouns: set(lang, "pronouns"),
            label_verbs: set(lang, "label_verbs"),
            agent_markers: set(lang, "agent_markers"),
            prepositions: set(lang, "prepositions"),
            conjunctions: set(lang, "conjunctions"),
            determiners: set(lang, "determiners"),
        }
    }
}

/// The cue lists of `lang`, compiled on first use.
pub(crate) fn get(lang: &'static Language) -> &'static Cues {
    static CELLS: OnceLock<Vec<(&'static str, OnceLock<Cues>)>> = OnceLock::new();
    let cells = CELLS.get_or_init(|| {
        lang::codes()
            .into_iter()
            .map(|c| (c, OnceLock::new()))
            .collect()
    });
    match cells.iter().find(|(c, _)| *c == lang.code()) {
        Some((_, cell)) => cell.get_or_init(|| Cues::parse(lang)),
        None => get(lang::fallback()),
    }
}

/// `w` in lower case, allocating only when it has a capital letter.
pub(crate) fn fold(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}
