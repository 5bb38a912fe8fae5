//! The output model: a [`Digest`] of one article, serializable to the JSON documented in the README.
//!
//! Every span is a [`Span`] in Unicode characters (code points) of [`Digest::text`], end exclusive,
//! so that `text[start:end]` in Python (or `Array.from(text).slice(start, end)` in JavaScript) gives
//! the piece. Field names are a contract: add fields freely, rename them only with a new
//! [`SCHEMA_VERSION`].
use serde::{Deserialize, Serialize};

/// The version of the JSON layout of [`Digest`]; raised on every incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A half-open range `[start, end)` in Unicode characters of the digest's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character, counted from 0.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Everything keypoints found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// [`SCHEMA_VERSION`] at the time the digest was made.
    pub schema_version: u32,
    /// ISO 639-1 code of the article's language (`"it"`, `"en"`, ...).
    pub language: String,
    /// The headline, where the input has one; not part of `text`.
    pub title: Option<String>,
    /// The cleaned article: lead and body paragraphs separated by a blank line. All spans refer to it.
    pub text: String,
    /// The parts of the article.
    pub structure: Structure,
    /// Sentences of `text`, in order.
    pub sentences: Vec<Span>,
    /// The key points computed from the body, in article order.
    pub key_points: Vec<KeyPoint>,
    /// Quotes and reported speech with their speakers.
    pub quotes: Vec<Quote>,
    /// People, places and organizations, most salient first.
    pub entities: Vec<Entity>,
    /// Key phrases, best first.
    pub keywords: Vec<Keyword>,
    /// Signals of machine-translated or content-farm text.
    pub flags: Vec<Flag>,
    /// 0..1 summary of the flags: 0 is clean, 1 is many strong signals.
    pub flag_score: f64,
    /// Metadata of the page or record the article came from.
    pub meta: Meta,
    /// Analyses that were not run ([`crate::Options::analyses`]): `quotes`, `entities`,
    /// `keywords`, `flags`. Their lists are empty because they were not asked for, not because
    /// the article has none. Absent from the JSON when every analysis ran.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
}

/// The parts of the article found by the structure stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// The lead (first paragraph), if any.
    pub lead: Option<Span>,
    /// The heading of a key-points box in the input ("i punti principali:"), if any.
    pub given_key_points_heading: Option<String>,
    /// The items of a key-points box in the input; taken out of `text`.
    pub given_key_points: Vec<String>,
    /// Every paragraph of `text`, the lead included.
    pub paragraphs: Vec<Span>,
    /// Agency or source credit lines ("Reuters", "ANSA"); taken out of `text`.
    pub credits: Vec<String>,
    /// Boilerplate lines (stock bios, "Leggi anche", "Riproduzione riservata"); taken out of `text`.
    pub boilerplate: Vec<String>,
    /// The dateline that opens the story ("ROMA (ANSA) - "), if any: it stays in `text`, and a
    /// key point made of its sentence starts after it.
    #[serde(default)]
    pub dateline: Option<Span>,
    /// The author's byline as written on a line of its own ("di Marco Bellini"), kept out of
    /// `text`; the names it gives are in `meta.authors`.
    #[serde(default)]
    pub byline: Option<String>,
    /// A line that only states when the article was published ("12 ottobre 2026 - 18:42"), as
    /// written and kept out of `text`; `meta.date` has it as ISO 8601 where it could be read.
    #[serde(default)]
    pub date_line: Option<String>,
}

/// One computed key point: a sentence of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPoint {
    /// The key point as a reader sees it (trimmed when `concise` is on).
    pub text: String,
    /// Index into [`Digest::sentences`].
    pub sentence: usize,
    /// Start of the text in [`Digest::text`], in characters.
    pub start: usize,
    /// End of the text in [`Digest::text`], in characters (exclusive).
    pub end: usize,
    /// The ranking score, higher is more important.
    pub score: f64,
}

/// Kinds of quote or attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words inside quote marks.
    Direct,
    /// Reported speech that carries a quoted part.
    Mixed,
    /// Reported speech without quote marks.
    Indirect,
    /// A source named with "secondo", "according to" and the like.
    AccordingTo,
}

/// A speaker of a quote, resolved to a name where possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Canonical name ("Kim Jong Un" for a mention "Kim" or "egli").
    pub name: String,
    /// Start of the mention in `text`.
    pub start: usize,
    /// End of the mention in `text` (exclusive).
    pub end: usize,
}

/// A quote or attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted or reported content.
    pub text: Span,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The cue words ("ha detto", "according to").
    pub cue: String,
    /// What kind of quote it is.
    pub kind: QuoteKind,
    /// The content as text (the piece `text` points at), for readers of the JSON.
    #[serde(default)]
    pub content: String,
    /// When the quote is in the given key-points box rather than in `text`: the index of the box
    /// item, and `text` and `speaker` spans are in characters of that item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_key_point: Option<usize>,
}

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// A place.
    #[serde(rename = "LOC")]
    Location,
    /// An organization.
    #[serde(rename = "ORG")]
    Organization,
}

/// A person, place or organization with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical (longest) name.
    pub name: String,
    /// Type of entity.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Every mention in `text`.
    pub mentions: Vec<Span>,
    /// 0..1, how central the entity is to the article.
    pub salience: f64,
}

/// A key phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The phrase as it appears in the text.
    pub text: String,
    /// Relevance, higher is better.
    pub score: f64,
}

/// A quality signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// Machine-readable kind (`orphan_attribution`, `space_before_punctuation`, ...).
    pub kind: String,
    /// Start in `text`, or null when the signal is outside `text` (for example in boilerplate).
    pub start: Option<usize>,
    /// End in `text` (exclusive), or null.
    pub end: Option<usize>,
    /// What was found, for a person to read.
    pub note: String,
}

/// Metadata of the source page or record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Canonical URL.
    pub url: Option<String>,
    /// Site or publisher name.
    pub site: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// Description or standfirst.
    pub description: Option<String>,
}
