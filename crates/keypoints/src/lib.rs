//! keypoints reads a news article (plain text or HTML) and returns a [`Digest`]: the clean text and
//! its parts, key points, quotes with speakers, entities, keywords and quality flags.
//!
//! # Pipeline
//! Data flows one way, one module a stage:
//! 1. [`input`]: bytes to text (encodings, binary detection);
//! 2. [`html`]: for web pages, the article's blocks and metadata;
//! 3. [`structure`]: blocks to title, lead, given key points, paragraphs, credits, boilerplate;
//! 4. [`text`]: sentences and word tokens; [`analysis::Analysis`] holds the result;
//! 5. analyses: [`rank`] (key points), [`quotes`], [`entities`], [`keywords`], [`flags`];
//! 6. [`digest`]: the output model with spans in Unicode characters.
//!
//! Language knowledge (stopwords, abbreviations, headings, credits, cue words) lives in
//! `lang/<code>/*.txt` and is compiled in; see [`lang`].
//!
//! The library is pure and synchronous: no I/O, no network, no printing, no global mutable state.
#![warn(missing_docs)]

pub mod analysis;
pub mod digest;
pub mod entities;
pub mod error;
pub mod eval;
pub mod flags;
pub mod html;
pub mod input;
pub mod keywords;
pub mod lang;
pub mod quotes;
pub mod rank;
pub mod structure;
pub mod text;

pub use digest::*;
pub use error::{Error, Result};

use analysis::Analysis;
use structure::Block;

/// How the input should be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Decide from the content.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
}

/// Options of [`analyze`].
#[derive(Debug, Clone)]
pub struct Options {
    /// The article's language (ISO 639-1); identified from the text when `None`.
    pub lang: Option<String>,
    /// Number of key points; adapts to the article (3 to 5) when `None`.
    pub points: Option<usize>,
    /// Trim trailing attributions from key points.
    pub concise: bool,
    /// How to read the input.
    pub input: InputKind,
    /// Inputs larger than this many bytes are refused with [`Error::TooLarge`].
    pub max_bytes: usize,
    /// Which analyses run besides structure, sentences and key points.
    pub analyses: Analyses,
}

/// The optional analyses of a digest. All run by default; a caller who only wants key points
/// (a summarizer over an archive) skips the others and pays for what it uses. A skipped
/// analysis leaves its list empty and is named in [`Digest::skipped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analyses {
    /// Quotes with their speakers (needs the entity stage, which then runs unseen).
    pub quotes: bool,
    /// People, places and organizations.
    pub entities: bool,
    /// Key phrases.
    pub keywords: bool,
    /// Quality flags and their score.
    pub flags: bool,
}

impl Default for Analyses {
    fn default() -> Self {
        Analyses::ALL
    }
}

impl Analyses {
    /// Every analysis.
    pub const ALL: Analyses = Analyses {
        quotes: true,
        entities: true,
        keywords: true,
        flags: true,
    };
    /// None besides key points.
    pub const NONE: Analyses = Analyses {
        quotes: false,
        entities: false,
        keywords: false,
        flags: false,
    };
    /// The names of the analyses, as in the digest's fields.
    pub const NAMES: [&'static str; 4] = ["quotes", "entities", "keywords", "flags"];

    /// Only the named analyses (names from [`Analyses::NAMES`]; `"key_points"` alone means
    /// none of them). An unknown name is an error that lists the known ones.
    pub fn only(names: &[&str]) -> Result<Analyses> {
        let mut a = Analyses::NONE;
        for n in names {
            match n.trim() {
                "quotes" => a.quotes = true,
                "entities" => a.entities = true,
                "keywords" => a.keywords = true,
                "flags" => a.flags = true,
                "key_points" | "key-points" => {}
                other => {
                    return Err(Error::Invalid(format!(
                        "unknown analysis {other:?}: use key_points, {}",
                        Analyses::NAMES.join(", ")
                    )))
                }
            }
        }
        Ok(a)
    }

    /// The names of the analyses that do not run.
    pub fn skipped(&self) -> Vec<String> {
        let on = [self.quotes, self.entities, self.keywords, self.flags];
        Analyses::NAMES
            .iter()
            .zip(on)
            .filter(|(_, on)| !on)
            .map(|(n, _)| n.to_string())
            .collect()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            points: None,
            concise: false,
            input: InputKind::Auto,
            max_bytes: 64 * 1024 * 1024,
            analyses: Analyses::ALL,
        }
    }
}

/// Analyses an article given as text (plain or HTML). To analyse many articles, keep an
/// [`Analyzer`]: it remembers word lookups between them and is several times faster.
pub fn analyze(text: &str, opts: &Options) -> Result<Digest> {
    Analyzer::new().analyze(text, opts)
}

/// Analyses an article given as bytes in any common encoding.
pub fn analyze_bytes(bytes: &[u8], opts: &Options) -> Result<Digest> {
    Analyzer::new().analyze_bytes(bytes, opts)
}

/// Analyses a document as fetched: `content_type` is the HTTP Content-Type, whose type decides
/// HTML or text (unless [`Options::input`] says) and whose charset decodes an HTML page.
pub fn analyze_document(
    bytes: &[u8],
    content_type: Option<&str>,
    opts: &Options,
) -> Result<Digest> {
    Analyzer::new().analyze_document(bytes, content_type, opts)
}

/// Analyses an article already split into blocks (by the HTML extractor or another source).
pub fn analyze_blocks(
    blocks: &[Block],
    meta: Meta,
    declared_lang: Option<&str>,
    opts: &Options,
) -> Result<Digest> {
    Analyzer::new().analyze_blocks(blocks, meta, declared_lang, opts)
}

/// Analyses articles one after another, remembering what the language data says about each word
/// spelling ([`text::vocab::Vocab`], bounded) so that later articles skip those lookups. Digests
/// do not depend on what was analysed before: an `Analyzer` gives exactly what [`analyze`] gives.
/// Keep one per thread.
#[derive(Debug, Default)]
pub struct Analyzer {
    vocab: text::vocab::Vocab,
}

impl Analyzer {
    /// An analyzer with an empty vocabulary of the default bound.
    pub fn new() -> Self {
        Analyzer::default()
    }

    /// An analyzer whose vocabulary keeps at most `limit` word forms per language.
    pub fn with_vocab_limit(limit: usize) -> Self {
        Analyzer {
            vocab: text::vocab::Vocab::with_limit(limit),
        }
    }

    /// The word knowledge kept so far.
    pub fn vocab(&mut self) -> &mut text::vocab::Vocab {
        &mut self.vocab
    }

    /// Analyses an article given as text (plain or HTML).
    pub fn analyze(&mut self, text: &str, opts: &Options) -> Result<Digest> {
        if text.len() > opts.max_bytes {
            return Err(Error::TooLarge {
                size: text.len(),
                limit: opts.max_bytes,
            });
        }
        if text.trim().is_empty() {
            return Err(Error::Empty);
        }
        let is_html = match opts.input {
            InputKind::Html => true,
            InputKind::Text => false,
            InputKind::Auto => html::looks_like_html(text),
        };
        if is_html {
            self.analyze_html(text, opts)
        } else {
            let blocks = structure::blocks_from_text(text);
            self.analyze_blocks(&blocks, Meta::default(), None, opts)
        }
    }

    /// Extracts the article from an HTML page and analyses it.
    fn analyze_html(&mut self, page: &str, opts: &Options) -> Result<Digest> {
        let page = html::extract(page);
        if page
            .blocks
            .iter()
            .all(|b| b.kind == structure::BlockKind::Title)
        {
            return Err(Error::NoArticle);
        }
        self.analyze_blocks(&page.blocks, page.meta, page.language.as_deref(), opts)
    }

    /// Analyses an article given as bytes in any common encoding.
    pub fn analyze_bytes(&mut self, bytes: &[u8], opts: &Options) -> Result<Digest> {
        self.analyze_document(bytes, None, opts)
    }

    /// Analyses a document as fetched: `content_type` is the HTTP Content-Type, whose type decides
    /// HTML or text (unless [`Options::input`] says) and whose charset decodes an HTML page.
    pub fn analyze_document(
        &mut self,
        bytes: &[u8],
        content_type: Option<&str>,
        opts: &Options,
    ) -> Result<Digest> {
        if bytes.len() > opts.max_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: opts.max_bytes,
            });
        }
        if is_html_bytes(bytes, content_type, opts.input) {
            let charset = content_type.and_then(html::decode::charset_param);
            let text = html::decode(bytes, charset)?;
            if text.trim().is_empty() {
                return Err(Error::Empty);
            }
            self.analyze_html(&text, opts)
        } else {
            let text = input::decode(bytes)?;
            let opts = Options {
                input: InputKind::Text,
                ..opts.clone()
            };
            self.analyze(&text, &opts)
        }
    }
}

/// HTML or not: the option, else the Content-Type, else the first bytes.
fn is_html_bytes(bytes: &[u8], content_type: Option<&str>, kind: InputKind) -> bool {
    match kind {
        InputKind::Html => return true,
        InputKind::Text => return false,
        InputKind::Auto => {}
    }
    if let Some(ct) = content_type {
        if html::is_html_content_type(ct) {
            return true;
        }
        if ct
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("text/plain")
        {
            return false;
        }
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let head = &bytes[bom..bytes.len().min(bom + 4096)];
        return html::looks_like_html(&enc.decode_without_bom_handling(head).0);
    }
    html::looks_like_html(&String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]))
}

/// Picks the language: the option, else identification, else the declared one, else English data.
pub fn choose_language(
    blocks: &[Block],
    declared: Option<&str>,
    opts: &Options,
) -> Result<&'static lang::Language> {
    if let Some(code) = &opts.lang {
        return lang::get(code);
    }
    let mut sample = String::new();
    for b in blocks {
        if sample.len() > 4096 {
            break;
        }
        sample.push_str(&b.text);
        sample.push('\n');
    }
    let found = lang::detect(&sample);
    if let Some(code) = found.code.filter(|_| found.confidence > 0.2) {
        return lang::get(code);
    }
    if let Some(code) =
        declared.and_then(|d| lang::get(d.split(['-', '_']).next().unwrap_or(d)).ok())
    {
        return Ok(code);
    }
    Ok(found
        .code
        .and_then(|c| lang::get(c).ok())
        .unwrap_or_else(lang::fallback))
}

impl Analyzer {
    /// Analyses an article already split into blocks (by the HTML extractor or another source).
    pub fn analyze_blocks(
        &mut self,
        blocks: &[Block],
        meta: Meta,
        declared_lang: Option<&str>,
        opts: &Options,
    ) -> Result<Digest> {
        let lang = choose_language(blocks, declared_lang, opts)?;
        let parts = structure::parse(blocks, lang);
        let text = analysis::join_paragraphs(&parts);
        let a = Analysis::with_vocab(&mut self.vocab, lang, &text, &parts);
        let key_points = key_points(&a, opts);
        let on = opts.analyses;
        // Keywords read the entity mentions too, so that a key phrase never cuts a name.
        let (quotes, entities, names) = if on.quotes || on.entities || on.keywords {
            let found = entities::detect(&a);
            let names: Vec<std::ops::Range<usize>> =
                found.mentions.iter().map(|m| m.range.clone()).collect();
            let quotes = if on.quotes {
                quotes::find_with(&a, &found)
            } else {
                Vec::new()
            };
            let entities = if on.entities {
                found.entities
            } else {
                Vec::new()
            };
            (quotes, entities, names)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let keywords = if on.keywords {
            keywords::extract(&a, &names)
        } else {
            Vec::new()
        };
        let (flags, flag_score) = if on.flags {
            flags::raise(&a)
        } else {
            (Vec::new(), 0.0)
        };
        // What the page's metadata leaves out, the article's own header lines may say.
        let mut meta = meta;
        if meta.authors.is_empty() {
            meta.authors = parts.authors.clone();
        }
        if meta.date.is_none() {
            meta.date = parts
                .date
                .as_deref()
                .and_then(|d| structure::parse_date(d, lang));
        }
        let structure = Structure {
            lead: a.paragraphs.first().map(|r| a.chars.span(r.start, r.end)),
            given_key_points_heading: parts.given_heading.clone(),
            given_key_points: parts.given_key_points.clone(),
            paragraphs: a
                .paragraphs
                .iter()
                .map(|r| a.chars.span(r.start, r.end))
                .collect(),
            credits: parts.credits.clone(),
            boilerplate: parts.boilerplate.clone(),
            dateline: a.dateline().map(|r| a.chars.span(r.start, r.end)),
            byline: parts.byline.clone(),
            date_line: parts.date.clone(),
        };
        let sentences = a
            .sentences
            .iter()
            .map(|r| a.chars.span(r.start, r.end))
            .collect();
        Ok(Digest {
            schema_version: SCHEMA_VERSION,
            language: lang.code().to_string(),
            title: parts.title.clone(),
            structure,
            sentences,
            key_points,
            quotes,
            entities,
            keywords,
            flags,
            flag_score,
            meta,
            skipped: on.skipped(),
            text: text.clone(),
        })
    }
}

fn key_points(a: &Analysis, opts: &Options) -> Vec<KeyPoint> {
    rank::key_points(a, opts.points, opts.concise, &rank::Weights::default())
}
