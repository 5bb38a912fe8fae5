//! The quote stage's word lists of one language, compiled once into hash sets and first-word
//! indexes.
//!
//! Every list is the language folder's data (`speech_verbs`, `attribution_verbs`,
//! `raising_verbs`, `according_to`, ...), lower-cased. Phrases ("according to", "has also") are
//! indexed by the word a match is looked up from, so matching a token costs one hash lookup
//! instead of a scan of the list. A `OnceLock` per language is the whole cache.
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::lang::{self, Language};

type Set = HashSet<String, foldhash::fast::FixedState>;
type Index = HashMap<String, Vec<Vec<String>>, foldhash::fast::FixedState>;

/// Bits of [`Cues::flags`]: which lists a word is on.
pub(crate) mod flag {
    pub const SPEECH: u32 = 1;
    pub const ATTRIBUTION: u32 = 1 << 1;
    pub const RAISING: u32 = 1 << 2;
    pub const GERUND: u32 = 1 << 3;
    pub const AUX_LAST: u32 = 1 << 4;
    pub const ADVERB: u32 = 1 << 5;
    pub const COMPLEMENTIZER: u32 = 1 << 6;
    pub const SOURCE_FIRST: u32 = 1 << 7;
    pub const PRONOUN: u32 = 1 << 8;
    pub const LABEL: u32 = 1 << 9;
    pub const AGENT: u32 = 1 << 10;
    pub const PREPOSITION: u32 = 1 << 11;
    pub const CONJUNCTION: u32 = 1 << 12;
    pub const DETERMINER: u32 = 1 << 13;
    pub const SOURCE_NOUN: u32 = 1 << 14;
    pub const SOURCE_PREPOSITION: u32 = 1 << 15;
    pub const RELATIVE: u32 = 1 << 16;
    pub const SUBJECT: u32 = 1 << 17;
    pub const POLL: u32 = 1 << 18;
    pub const STANCE: u32 = 1 << 19;
    pub const STANCE_PREPOSITION: u32 = 1 << 20;
    pub const SUBORDINATOR: u32 = 1 << 21;
    /// A cue word only where the language has a learned model to vet its uses
    /// (`model_speech_verbs`, `model_attribution_verbs`).
    pub const MODEL: u32 = 1 << 22;
    /// The last word of a phrase that is a verb of saying only as a whole ("fatto sapere").
    pub const SPEECH_PHRASE: u32 = 1 << 23;
    /// The word before the last of such a phrase ("fatto", "point" of "point out"): a last
    /// word is looked up only after one.
    pub const PHRASE_INNER: u32 = 1 << 24;
    /// Any word that can start or make a cue on its own.
    pub const CUE: u32 =
        SPEECH | ATTRIBUTION | RAISING | GERUND | SOURCE_FIRST | LABEL | SOURCE_PREPOSITION;
    /// A cue word or the last word of a phrase that may close a cue ("out" of "point out",
    /// which is no cue word elsewhere: "The head of the union, Mary Brown, said").
    pub const CUE_OR_PHRASE: u32 = CUE | SPEECH_PHRASE;
}

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
    /// Phrases that are verbs of saying only as a whole ("fatto sapere", "fa sapere"),
    /// indexed by their last word, longest first.
    pub speech_phrases: Index,
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
    /// Particles that join the cue verb before them ("pointed out", "referring to").
    pub verb_particles: Set,
    /// Nouns of documents and surveys that are a source ("poll", "report", "statement").
    pub source_nouns: Set,
    /// Prepositions opening a source phrase at the start of a sentence ("In a new poll, …").
    pub source_prepositions: Set,
    /// Relative pronouns that stand for the mention before them ("Sanders, who said").
    pub relative_pronouns: Set,
    /// Pronouns in subject form that open a reported clause ("said on Twitter they would").
    pub subject_pronouns: Set,
    /// Surveys that are the source of a standing ("a lead in the polls").
    pub poll_nouns: Set,
    /// Nouns of a stance whose prepositional object is attributed ("attacks on Clinton").
    pub stance_nouns: Set,
    /// Prepositions joining a stance noun to its object ("of", "on").
    pub stance_prepositions: Set,
    /// One-word answers reported as the whole content ("said yes").
    pub answer_words: Set,
    /// Object pronouns before a verb of saying that stand for what was said, the subject
    /// coming after the verb ("Lo ha annunciato il sindaco").
    pub object_clitics: Set,
    /// Singular pronouns that are a whole source after a source preposition ("secondo lei").
    pub source_pronouns: Set,
    /// Plural ones ("secondo loro"): they stand for the sentence's subject.
    pub source_pronouns_plural: Set,
    /// Relative pronouns that stand for the mention before them only right after a comma and
    /// before the cue (", che ha spiegato"), being mostly complementizers elsewhere.
    pub comma_relatives: Set,
    /// Plural nouns that speak without an article after an inverted cue ("riferiscono fonti").
    pub bare_sources: Set,
    /// Words after a source preposition that open a phrase whose agent is the source
    /// ("secondo quanto riferito dai carabinieri").
    pub source_fillers: Set,
    /// Participles of asking that open a clause without a subject ("Asked by a reporter about
    /// the plan, …", "when asked in May if …").
    pub question_verbs: Set,
    /// Words that open what was asked after such a participle ("about", "if", "whether",
    /// "to", "what" …).
    pub question_words: Set,
    /// Conjunctions opening a subordinate clause before a bare participle ("when asked").
    pub subordinators: Set,
    /// Forms of "be" that make a passive of the cue verb after them ("was reported by").
    pub passive_auxiliaries: Set,
    /// Participles that raise in the passive before a to-infinitive ("is expected to vote").
    pub passive_raising: Set,
    /// Set phrases with a verb of saying that report nothing ("that said", "needless to
    /// say"), each as its lower-case words.
    pub speech_idioms: Vec<Vec<String>>,
    /// Determiners that stand alone as a subject ("Many believe", "they all vowed"): a verb
    /// form after one may be a verb.
    pub quantifiers: Set,
    /// Every listed word with the bits of the lists it is on: one lookup per token. Words of
    /// up to eight ASCII bytes are keyed by their bytes packed in an integer ([`pack`]).
    short: HashMap<u64, u32, foldhash::fast::FixedState>,
    /// For each lower-case ASCII first byte, the lengths (bits 1 to 8) of the short words:
    /// most words are ruled out here without hashing.
    short_lengths: [u32; 128],
    long: HashMap<String, u32, foldhash::fast::FixedState>,
}

/// The lower-cased bytes of an ASCII word of one to eight bytes, packed in an integer.
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut k = 0u64;
    for (i, &x) in b.iter().enumerate() {
        if !x.is_ascii() {
            return None;
        }
        k |= u64::from(x.to_ascii_lowercase()) << (8 * i);
    }
    Some(k)
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
        let mut c = Cues {
            speech: set(lang, "speech_verbs"),
            attribution: set(lang, "attribution_verbs"),
            raising: set(lang, "raising_verbs"),
            gerunds: set(lang, "speech_gerunds"),
            speech_phrases: index(lang, "speech_phrases", true),
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
            verb_particles: set(lang, "verb_particles"),
            source_nouns: set(lang, "source_nouns"),
            source_prepositions: set(lang, "source_prepositions"),
            relative_pronouns: set(lang, "relative_pronouns"),
            subject_pronouns: set(lang, "subject_pronouns"),
            poll_nouns: set(lang, "poll_nouns"),
            stance_nouns: set(lang, "stance_nouns"),
            stance_prepositions: set(lang, "stance_prepositions"),
            answer_words: set(lang, "answer_words"),
            object_clitics: set(lang, "object_clitics"),
            source_pronouns: set(lang, "source_pronouns"),
            source_pronouns_plural: set(lang, "source_pronouns_plural"),
            comma_relatives: set(lang, "comma_relatives"),
            bare_sources: set(lang, "bare_sources"),
            source_fillers: set(lang, "source_fillers"),
            question_verbs: set(lang, "question_verbs"),
            question_words: set(lang, "question_words"),
            subordinators: set(lang, "subordinators"),
            passive_auxiliaries: set(lang, "passive_auxiliaries"),
            passive_raising: set(lang, "passive_raising"),
            speech_idioms: lang
                .list("speech_idioms")
                .iter()
                .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            quantifiers: set(lang, "quantifiers"),
            short: HashMap::default(),
            short_lengths: [0; 128],
            long: HashMap::default(),
        };
        let mut flags: HashMap<String, u32, foldhash::fast::FixedState> = HashMap::default();
        // Verbs that are cues only in some of their uses join the lists where a learned model
        // vets each use (quotes/model.rs).
        if !lang.list("quote_model").is_empty() {
            for name in [
                "model_speech_verbs",
                "model_attribution_verbs",
                "model_stance_nouns",
            ] {
                for w in set(lang, name) {
                    let target = match name {
                        "model_speech_verbs" => &mut c.speech,
                        "model_attribution_verbs" => &mut c.attribution,
                        _ => &mut c.stance_nouns,
                    };
                    if target.insert(w.clone()) {
                        *flags.entry(w).or_default() |= flag::MODEL;
                    }
                }
            }
        }
        for (words, bit) in [
            (&c.speech, flag::SPEECH),
            (&c.attribution, flag::ATTRIBUTION),
            (&c.raising, flag::RAISING),
            (&c.gerunds, flag::GERUND),
            (&c.cue_adverbs, flag::ADVERB),
            (&c.complementizers, flag::COMPLEMENTIZER),
            (&c.pronouns, flag::PRONOUN),
            (&c.label_verbs, flag::LABEL),
            (&c.agent_markers, flag::AGENT),
            (&c.prepositions, flag::PREPOSITION),
            (&c.conjunctions, flag::CONJUNCTION),
            (&c.determiners, flag::DETERMINER),
            (&c.source_nouns, flag::SOURCE_NOUN),
            (&c.source_prepositions, flag::SOURCE_PREPOSITION),
            (&c.relative_pronouns, flag::RELATIVE),
            (&c.subject_pronouns, flag::SUBJECT),
            (&c.poll_nouns, flag::POLL),
            (&c.stance_nouns, flag::STANCE),
            (&c.stance_prepositions, flag::STANCE_PREPOSITION),
            (&c.subordinators, flag::SUBORDINATOR),
        ] {
            for w in words {
                *flags.entry(w.clone()).or_default() |= bit;
            }
        }
        for (ix, bit) in [
            (&c.auxiliaries, flag::AUX_LAST),
            (&c.according_to, flag::SOURCE_FIRST),
            (&c.speech_phrases, flag::SPEECH_PHRASE),
        ] {
            for k in ix.keys() {
                *flags.entry(k.clone()).or_default() |= bit;
            }
        }
        for ps in c.speech_phrases.values() {
            for p in ps {
                if let Some(w) = p.len().checked_sub(2).and_then(|i| p.get(i)) {
                    *flags.entry(w.clone()).or_default() |= flag::PHRASE_INNER;
                }
            }
        }
        for (w, f) in flags {
            match pack(&w) {
                Some(k) => {
                    c.short_lengths[(k & 0x7f) as usize] |= 1 << w.len();
                    c.short.insert(k, f);
                }
                None => {
                    c.long.insert(w, f);
                }
            }
        }
        c
    }

    /// The list bits of word `w` as written (any case), without allocating for ASCII words.
    pub fn flags_of(&self, w: &str) -> u32 {
        if let Some(k) = pack(w) {
            if self.short_lengths[(k & 0x7f) as usize] & (1 << w.len()) == 0 {
                return 0;
            }
            return self.short.get(&k).copied().unwrap_or(0);
        }
        if self.long.is_empty() {
            return 0;
        }
        self.long.get(&*fold(w)).copied().unwrap_or(0)
    }
}

/// True when `w` (as written) is `lower` (a lower-case list word).
pub(crate) fn low_eq(w: &str, lower: &str) -> bool {
    w == lower || w.eq_ignore_ascii_case(lower) || (!w.is_ascii() && w.to_lowercase() == lower)
}

/// The cue lists of `lang`, compiled on first use.
pub(crate) fn get(lang: &'static Language) -> &'static Cues {
    static CUES: lang::PerLanguage<Cues> = lang::PerLanguage::new();
    CUES.get(lang, Cues::parse)
}

/// `w` in lower case, allocating only when it has a capital letter.
pub(crate) fn fold(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}
