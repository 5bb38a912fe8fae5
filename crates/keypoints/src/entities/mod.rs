//! People, places and organizations, found by rules over capitalization and gazetteers.
//!
//! # How it works
//! 1. **Candidates**: runs of capitalized words in a sentence, joined across single spaces,
//!    hyphens and name particles ("Corea del Nord", "Università di Pisa", "Ludwig van
//!    Beethoven"). A leading stopword ("Il", "The") is dropped; a leading title ("President
//!    Obama") is dropped too and marks a person, unless the whole run is a known place ("San
//!    Francisco"). An elided article ("L’Ucraina") is not part of the name. Lower-case words
//!    from the language's lists count too: an institution (`org_nouns`: "il governo cinese") is
//!    an ORG, a place head (`loc_heads`: "provincia di Trapani", "piazza Navona") joins the name
//!    after it into a LOC. Lower-case `name_prefixes` open a person's name ("bin Laden", "don
//!    Zeno"); `not_names` ("Inoltre", "Secondo", months) are never a name alone and are dropped
//!    before one at a sentence start; `place_adjectives` join the place before them ("Italia
//!    settentrionale"); a capitalized article inside a sentence stays in the name ("La Stampa").
//!    **Cut model** (languages whose `entity_model` list has cut weights, Italian so far): every
//!    gap inside a run (two capitalized words, a particle between them) is kept or cut by a
//!    small averaged perceptron ([`model::cut_features`]: the connector, the words on both
//!    sides, the head, places and given names, the rules' verdict), which then replaces the
//!    rules' splits below except the seat's; runs also extend, for the model only, over a
//!    number ("Rai 1"), "&" and lower-case `name_connectors` ("Agenzia per la Protezione della
//!    Salute"), which it keeps or cuts. "da" before a place stays cut ("Kim da Mosca"); a
//!    bare hyphen is never cut ("Roma-Lido", "Port-au-Prince" with its lower-case middle).
//!    A name right after an `event_heads` noun (a storm, an award, a film, a ship: "l'uragano
//!    Katrina") is no entity, in any of its mentions; a name ending in an initial keeps its
//!    period ("Andrea C.").
//! 2. **Splitting**: a run that joins a place after a particle to something that is not an
//!    organization or place name ("Giornata della Liberazione della Corea") keeps the place alone;
//!    a head of `seat_heads` before "di" + a place names a seat ("Procura di Torino": ORG
//!    "Procura", LOC "Torino").
//! 3. **Typing**, strongest evidence first: the gazetteer (CLDR territory names in the article's
//!    language, subdivisions and towns of the countries that speak it, the world's large
//!    cities) gives LOC, so metonymy ("Mosca ha detto") stays LOC; a place head word, or a name
//!    of several words in `towns`, gives LOC; organization words at the head or tail
//!    ("Ministero", "S.p.A.", "Party") and all-capital acronyms give ORG; a title or role before
//!    the name ("il presidente russo Vladimir Putin"), a known given name as first word or a
//!    capitalized particle ("Di Pietro") gives PER.
//! 4. **Context hints** (`entity_cues`): a name still untyped takes the type hinted by the word
//!    before or after it ("a X" → LOC, "della X" → ORG, "X ha detto" → PER), by majority over
//!    all its mentions, so a name has one type in the article. Without a hint a name of
//!    several words is an ORG and a single word is left out.
//!    **Type model** (languages with an `entity_model` list, Italian so far): every name
//!    except places of the language's gazetteer and the world's cities (metonymy stays LOC) and
//!    lower-case institutions of the lists is typed by a small averaged perceptron ([`model`])
//!    over the rules' verdict, the name's shape and list membership and the words around all
//!    its mentions; it may also say "no entity". A world city named more often after an
//!    article (`team_articles`: "il Milan", "della Roma") than after a preposition of place
//!    (the LOC `entity_cues` before it: "a Roma") is a club (ORG); a country or city of the
//!    gazetteer named by most of its mentions in sentences that give a score ("l'Italia ha
//!    battuto la Francia 22-15"), not after a preposition of place, is a team (ORG).
//! 5. **Coreference**: a shorter mention whose words all occur in a longer person's name
//!    ("Kim" in "Kim Jong Un", "Putin") is that person; equal names are one entity; a one-word
//!    place that is the last word of a person's name of the article ("Clinton" after "Bill
//!    Clinton") is that person.
//! 6. A capitalized word at the start of a sentence (or after an opening quote) counts only when
//!    something else vouches for it: the gazetteer, a given name, the same word capitalized
//!    inside a sentence elsewhere, or a subject hint after it ("Berlusconi ha detto"); with a
//!    type model, the model judges it instead.
//!
//! The scan is linear in the text: one pass of an ASCII-fast tokenizer into a reused buffer,
//! list look-ups in fast-hashed sets, no allocation per word.
//!
//! Credits (`parts.credits`, e.g. "Reuters") are outside `text`; each becomes an ORG entity with
//! no mentions and salience 0 unless the text mentions it too.
//!
//! Salience is the number of mentions plus a bonus for a mention in the lead, scaled so that the
//! most salient entity has 1.
pub mod eval;
pub(crate) mod lexicon;
pub(crate) mod model;
mod nouns;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use foldhash::fast::FixedState;

use crate::analysis::Analysis;
use crate::digest::{Entity, EntityType, Span};
use crate::lang::Language;
use crate::text::tokens::{Tokens, Word};
use lexicon::{
    norm_apostrophe, Lexicon, CUE_AFTER, CUE_BEFORE, DATE, LONE, PARTICLE, SKIP, STOP, TITLE,
};

/// A mention of an entity, in bytes of the text it was found in.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index of the entity in [`Found::entities`].
    pub entity: usize,
}

/// The entities of a text and every mention, sorted by position.
#[derive(Debug, Default)]
pub struct Found {
    /// The entities, most salient first (mentions in characters for [`detect`], in bytes for
    /// the text given to other callers).
    pub entities: Vec<Entity>,
    /// Every mention in bytes, sorted by position.
    pub mentions: Vec<Mention>,
    /// With [`detect_in`]'s `collect`: every name the type model was asked about, its features
    /// and mentions (bytes), for training the model (see `tools/entity_model`).
    pub(crate) examples: Vec<(Vec<String>, Vec<Range<usize>>)>,
    /// With `collect`: every gap the cut model decides on (see [`model::cut_features`]), its
    /// features and the byte ranges of the words on its two sides.
    pub(crate) cut_examples: Vec<(Vec<String>, Range<usize>, Range<usize>)>,
}

impl Found {
    /// Mentions that start inside `r`.
    pub(crate) fn mentions_in(&self, r: &Range<usize>) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.range.start < r.start);
        let b = self.mentions.partition_point(|m| m.range.start < r.end);
        &self.mentions[a..b]
    }
}

/// Finds the entities of the analysed article.
pub fn find(a: &Analysis) -> Vec<Entity> {
    detect(a).entities
}

/// A candidate name before grouping.
#[derive(Debug, Clone)]
struct Cand<'t> {
    range: Range<usize>,
    /// The words of the name, as written (apostrophes normalized; borrowed from the text
    /// unless a typographic apostrophe had to be replaced).
    name: Cow<'t, str>,
    nwords: usize,
    kind: Option<EntityType>,
    /// True when the evidence for `kind` is the gazetteer or an organization word.
    strong: bool,
    /// Starts a sentence (or follows an opening quote): capitalization says nothing.
    initial: bool,
    /// For a name of unknown type, the type hinted by the word before or after it (the flag
    /// is true when the hint vouches for a sentence-initial name: "X ha detto").
    guess: Option<(EntityType, bool)>,
}

/// The learned cuts of the runs of a sentence (see [`model::cut_features`]).
struct Cuts<'m> {
    /// The model; cuts are learned only when it has cut weights.
    model: &'m model::Model,
    learned: bool,
    feats: model::Feats,
    /// `cut[k]`: the run is cut after word `k` of the sentence.
    cut: Vec<bool>,
    /// The last word of the runs already decided.
    done: Option<usize>,
    /// The optional joins of the run being extended (see [`optional_join`]): the word before
    /// and the word after.
    opt: Vec<(usize, usize)>,
    collect: bool,
    examples: Vec<(Vec<String>, Range<usize>, Range<usize>)>,
}

impl Cuts<'_> {
    /// True when runs are cut by the model, or its examples collected.
    fn active(&self) -> bool {
        self.learned || self.collect
    }

    /// Decides the gaps of the whole run `toks[i..=j]` (the features do not depend on other
    /// cuts), once a run.
    fn decide(&mut self, lex: &Lexicon, text: &str, toks: &[Word], i: usize, j: usize) {
        if self.cut.len() < toks.len() {
            self.cut.resize(toks.len(), false);
        }
        if !(self.learned || self.collect) || self.done.is_some_and(|d| i <= d) {
            return;
        }
        self.done = Some(j);
        let shared = lexicon::shared();
        let gap = |k: usize| &text[toks[k].end..toks[k + 1].start];
        let initial = i == 0 || gap(i - 1).contains(['.', '“', '"', ':', '«']);
        let mut conn = String::new();
        let mut o = 0;
        for a in i..j {
            conn.clear();
            while o < self.opt.len() && self.opt[o].0 < a {
                o += 1;
            }
            let optional = o < self.opt.len() && self.opt[o].0 == a;
            let b = if optional {
                // "#" a number, "&", or the connecting words ("per+la").
                let b = self.opt[o].1;
                if !is_cap(toks[b].text) {
                    conn.push('#');
                } else if b == a + 1 {
                    conn.push('&');
                } else {
                    for (k, w) in toks[a + 1..b].iter().enumerate() {
                        if k > 0 {
                            conn.push('+');
                        }
                        conn.push_str(lower(w.text).as_ref());
                    }
                }
                b
            } else if !is_cap(toks[a].text) {
                continue;
            } else if is_cap(toks[a + 1].text) && (gap(a) == " " || gap(a) == "-") {
                conn.push(if gap(a) == " " { '_' } else { '-' });
                a + 1
            } else if a + 2 <= j
                && !is_cap(toks[a + 1].text)
                && lex.particles.contains(toks[a + 1].text)
                && is_cap(toks[a + 2].text)
            {
                conn.push_str(toks[a + 1].text);
                a + 2
            } else {
                continue;
            };
            // The plain run around the gap: from the last optional join before it to the first
            // after it (the rules' run).
            let i = self
                .opt
                .iter()
                .rev()
                .map(|p| p.1)
                .find(|&x| x <= a)
                .unwrap_or(i);
            let j = self.opt.iter().map(|p| p.0).find(|&x| x >= b).unwrap_or(j);
            // The rules' verdict: a place after a particle behind no organization or place
            // ("Giornata della Liberazione della Corea"), a person's name after another name.
            let rule = if optional {
                true
            } else if b == a + 2 {
                toks[a + 1].text != "d"
                    && !lex.org_heads.contains(toks[i].text)
                    && !lex.loc_heads.contains(lower(toks[i].text).as_ref())
                    && !is_place(lex, span(text, &toks[i..=j]))
                    && is_place(lex, span(text, &toks[b..=j]))
            } else {
                b < j
                    && shared.given_names.contains(toks[b].text)
                    && !shared.given_names.contains(toks[a].text)
                    && !lex.titles.contains(lower(toks[a].text).as_ref())
            };
            // Words joined by a bare hyphen are one compound ("Roma-Lido", "Day-Lewis",
            // "Seyne-les-Alpes"): never cut inside it, the model is not asked.
            if gap(a) == "-" {
                self.cut[a] = false;
                continue;
            }
            // "da" before a place is "from" ("chiamato Kim da Mosca"; on KIND 8 times out of
            // 9): the rules cut there, the model is not asked.
            if b == a + 2
                && toks[a + 1].text.starts_with("da")
                && is_place(lex, span(text, &toks[b..=j]))
            {
                self.cut[a] = self.learned && rule;
                continue;
            }
            self.feats.reset(self.collect);
            model::cut_features(
                lex,
                text,
                toks,
                (i, a, b, j),
                &conn,
                initial,
                rule,
                &mut self.feats,
            );
            if self.collect {
                self.examples.push((
                    self.feats.names.clone().unwrap_or_default(),
                    toks[a].start..toks[a].end,
                    toks[b].start..toks[b].end,
                ));
            }
            if self.learned {
                self.cut[a] = model::cut(self.model, &self.feats.hashes, rule);
            } else if optional {
                self.cut[a] = true;
            }
        }
    }
}

/// An optional join after word `j` (only the cut model keeps it): a number after a capitalized
/// word ("Rai 1", "Movimento 5 Stelle"), "&" ("Visual Concepts & 2K Games") or up to two
/// `name_connectors` or particles before a capitalized word ("Agenzia per la Protezione",
/// "Teatro alla Scala"). Returns the word after the join.
fn optional_join(lex: &Lexicon, text: &str, toks: &[Word], j: usize) -> Option<usize> {
    let n = toks.len();
    if j + 1 >= n || !is_cap(toks[j].text) {
        return None;
    }
    let gap = |k: usize| &text[toks[k].end..toks[k + 1].start];
    let next = toks[j + 1].text;
    if gap(j) == " " && next.len() <= 4 && next.bytes().all(|b| b.is_ascii_digit()) {
        return Some(j + 1);
    }
    if gap(j) == " & " && is_cap(next) {
        return Some(j + 1);
    }
    let mut k = j + 1;
    while k < n && k <= j + 3 && (gap(k - 1) == " " || is_apostrophe(gap(k - 1))) {
        let w = toks[k].text;
        if is_cap(w) {
            return (k > j + 1).then_some(k);
        }
        if !lex.name_connectors.contains(w) && !lex.particles.contains(w) {
            return None;
        }
        k += 1;
    }
    None
}

/// The last word of the longest place of the gazetteer that starts at word `i` and has a
/// lower-case word inside ("Città del Messico", "San Piero a Sieve"; up to six words, over
/// spaces, hyphens and apostrophes). A town of `towns` counts only so, with a lower-case word
/// inside: alone its words are as often surnames.
fn gazetteer_run(lex: &Lexicon, text: &str, toks: &[Word], i: usize) -> Option<usize> {
    // Most runs open with no such place's first word: no names to build.
    if !lex
        .lower_place_heads
        .contains(toks[i].text.split(['\'', '’', '-']).next().unwrap_or(""))
    {
        return None;
    }
    let mut last = i;
    let mut lowered = false;
    let mut found = None;
    while last + 1 < toks.len() && last < i + 5 {
        let g = &text[toks[last].end..toks[last + 1].start];
        if !(g == " " || g == "-" || is_apostrophe(g) || is_apostrophe(g.trim_end())) {
            break;
        }
        last += 1;
        lowered |= !is_cap(toks[last].text);
        if lowered {
            let name = name_of(text, &toks[i..=last]);
            // "d' America" written with a space after the apostrophe.
            let name = if name.contains("' ") {
                Cow::Owned(name.replace("' ", "'"))
            } else {
                name
            };
            if lex.any_place.contains(name.as_ref()) || lex.towns.contains(name.as_ref()) {
                found = Some(last);
            }
        }
    }
    found
}

/// Elided articles and prepositions that end in an apostrophe before a name ("l’", "dell’").
const ELIDED: &[&str] = &[
    "l", "d", "un", "dell", "all", "dall", "nell", "sull", "coll", "quell", "c", "s", "n", "j",
    "m", "t", "qu", "lorsqu", "jusqu", "puisqu", "quest", "tutt",
];

fn is_cap(w: &str) -> bool {
    // Most words open with an ASCII letter: no need to decode a character.
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A Roman numeral of two letters or more ("XXI", "II"): a century or an ordinal, no acronym.
fn is_roman(w: &str) -> bool {
    w.len() >= 2
        && w.bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
}

fn is_apostrophe(gap: &str) -> bool {
    gap == "'" || gap == "’"
}

/// A word in lower case: borrowed when it already is (most words), on the stack when it is short
/// ASCII, so that looking a capitalized word up in a list allocates nothing.
pub(crate) enum Low<'a> {
    Borrowed(&'a str),
    Inline([u8; 32], usize),
    Owned(String),
}

impl AsRef<str> for Low<'_> {
    fn as_ref(&self) -> &str {
        match self {
            Low::Borrowed(s) => s,
            Low::Inline(b, n) => std::str::from_utf8(&b[..*n]).unwrap_or(""),
            Low::Owned(s) => s,
        }
    }
}

/// `w` in lower case (see [`Low`]).
pub(crate) fn lower(w: &str) -> Low<'_> {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return Low::Borrowed(w);
        }
        if w.len() <= 32 {
            let mut buf = [0u8; 32];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            return Low::Inline(buf, w.len());
        }
        return Low::Owned(w.to_ascii_lowercase());
    }
    if w.chars().any(char::is_uppercase) {
        Low::Owned(w.to_lowercase())
    } else {
        Low::Borrowed(w)
    }
}

/// The words (runs of letters and digits) of `text[range]`, with byte offsets into `text`, into
/// `out` (cleared first). Same words as [`crate::text::tokens::words`], with an ASCII fast path.
fn tokenize<'t>(text: &'t str, range: Range<usize>, out: &mut Vec<Word<'t>>) {
    out.clear();
    let Some(s) = text.get(range.clone()) else {
        return;
    };
    let b = s.as_bytes();
    // The class of the character at byte `i` and its length; `i` is always a char boundary.
    let class = |i: usize| -> (bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(ch) => (ch.is_alphanumeric(), ch.len_utf8()),
                None => (false, 1),
            }
        }
    };
    let n = b.len();
    let mut i = 0;
    loop {
        // Skip to the next word, then to its end.
        while i < n {
            let (alnum, len) = class(i);
            if alnum {
                break;
            }
            i += len;
        }
        if i >= n {
            break;
        }
        let st = i;
        while i < n {
            let (alnum, len) = class(i);
            if !alnum {
                break;
            }
            i += len;
        }
        out.push(Word {
            start: range.start + st,
            end: range.start + i,
            text: &s[st..i],
        });
    }
}

/// Finds the entities of the article with their mentions as byte ranges, which the quote stage
/// uses to name speakers.
pub fn detect(a: &Analysis) -> Found {
    detect_with(a, false, None)
}

/// [`detect`], also collecting the type model's examples when `collect` is true, with the type
/// model `model` instead of the language's when given (for cross-validation).
pub(crate) fn detect_with(a: &Analysis, collect: bool, model: Option<&model::Model>) -> Found {
    let mut found = detect_in_with(
        a.lang,
        a.text,
        &a.sentences,
        Some(&a.tokens),
        Some(&a.paragraphs),
        collect,
        model,
    );
    for credit in &a.parts.credits {
        let name = credit.trim();
        if name.is_empty() {
            continue;
        }
        match found.entities.iter_mut().find(|e| e.name == name) {
            Some(e) => e.kind = EntityType::Organization,
            None => found.entities.push(Entity {
                name: name.to_string(),
                kind: EntityType::Organization,
                mentions: Vec::new(),
                salience: 0.0,
            }),
        }
    }
    if let Some(d) = a.dateline() {
        dateline_place(&mut found, a.text, d, lexicon::get(a.lang));
    }
    // Char spans for the output.
    for e in &mut found.entities {
        for m in &mut e.mentions {
            let s = a.chars.span(m.start, m.end);
            *m = s;
        }
    }
    found
}

/// The place of a dateline ("ROMA (ANSA) -", "NEW YORK —", "Roma, 3 mar (ANSA) -") is a
/// location under its usual spelling, whatever the capitals made of it (an acronym, an
/// organization, nothing). Only there: elsewhere, words in capitals are as often a team or a
/// heading. Mentions are bytes here.
fn dateline_place(found: &mut Found, text: &str, dateline: Range<usize>, lex: &Lexicon) {
    let head = &text[dateline.clone()];
    let place = head[..head.find([',', '(', '-', '–', '—']).unwrap_or(head.len())].trim_end();
    if !place.chars().any(char::is_alphabetic) {
        return;
    }
    let name = title_case(&norm_apostrophe(place));
    if !is_place(lex, &name) {
        return;
    }
    let range = dateline.start..dateline.start + place.len();
    // An entity found only inside the place ("ROMA" as an organization) gives way.
    if let Some(i) = found.entities.iter().position(|e| {
        !e.mentions.is_empty()
            && e.mentions
                .iter()
                .all(|m| m.start >= range.start && m.end <= range.end)
    }) {
        found.entities.remove(i);
        found.mentions.retain(|m| m.entity != i);
        for m in &mut found.mentions {
            if m.entity > i {
                m.entity -= 1;
            }
        }
    }
    let span = Span {
        start: range.start,
        end: range.end,
    };
    let j = match found.entities.iter().position(|e| e.name == name) {
        Some(j) => {
            let e = &mut found.entities[j];
            e.kind = EntityType::Location;
            if !e.mentions.contains(&span) {
                e.mentions.push(span);
                e.mentions.sort_by_key(|m| m.start);
            }
            j
        }
        None => {
            found.entities.push(Entity {
                name,
                kind: EntityType::Location,
                mentions: vec![span],
                salience: 0.0,
            });
            found.entities.len() - 1
        }
    };
    if !found.mentions.iter().any(|m| m.range == range) {
        found.mentions.push(Mention { range, entity: j });
        found.mentions.sort_by_key(|m| m.range.start);
    }
}

/// Entities of `text` split in `sentences` (byte ranges). Mentions of the returned entities are
/// byte spans; `paragraphs`, when given, lets the lead raise salience.
pub(crate) fn detect_in(
    lang: &'static Language,
    text: &str,
    sentences: &[Range<usize>],
    paragraphs: Option<&[Range<usize>]>,
) -> Found {
    detect_in_with(lang, text, sentences, None, paragraphs, false, None)
}

/// [`detect_in`], also collecting the type model's examples when `collect` is true. `tokens`,
/// when given, are the words of `sentences` already found (the article's [`Analysis::tokens`]).
fn detect_in_with(
    lang: &'static Language,
    text: &str,
    sentences: &[Range<usize>],
    tokens: Option<&Tokens>,
    paragraphs: Option<&[Range<usize>]>,
    collect: bool,
    model: Option<&model::Model>,
) -> Found {
    let lex = lexicon::get(lang);
    let type_model = model.unwrap_or(&lex.type_model);
    let mut cands = Vec::new();
    // Names of storms and awards (see `event_heads`): none of their mentions is an entity.
    let mut events: Vec<Cow<str>> = Vec::new();
    let mut toks = Vec::new();
    // The lexicon's bits of each word of the sentence (`Lexicon::flags` of its lower case):
    // the analysis' tokens carry them, looked up once per spelling.
    let mut flags: Vec<u8> = Vec::new();
    // Lower-case words of the article (for the type model: "Stato" is also written "stato").
    let mut low_words: HashSet<&str, FixedState> = HashSet::default();
    let model = !type_model.is_empty();
    let mut cuts = Cuts {
        model: type_model,
        learned: model::has_cuts(type_model),
        feats: model::Feats::default(),
        cut: Vec::new(),
        done: None,
        opt: Vec::new(),
        collect,
        examples: Vec::new(),
    };
    let tokens = tokens.filter(|t| t.sentences.len() == sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        match tokens {
            Some(tk) => {
                toks.clear();
                toks.extend(tk.sentence(i).iter().map(|w| Word {
                    start: w.start,
                    end: w.end,
                    text: &text[w.start..w.end],
                }));
                flags.clear();
                flags.extend(tk.sentence(i).iter().map(|w| w.names));
            }
            None => {
                tokenize(text, s.clone(), &mut toks);
                flags.clear();
                flags.extend(toks.iter().map(|w| lex.flags(lower(w.text).as_ref())));
            }
        }
        cuts.cut.clear();
        cuts.done = None;
        candidates(lex, text, &toks, &flags, &mut cuts, &mut cands, &mut events);
        if model {
            low_words.extend(
                toks.iter()
                    .map(|w| w.text)
                    .filter(|w| w.len() >= 4 && w.starts_with(char::is_lowercase)),
            );
        }
    }
    if !events.is_empty() {
        cands.retain(|c| !events.contains(&c.name));
    }
    // A name that ends in an initial keeps its period ("Andrea C.", "Pier Luigi B."), and so
    // does one that ends in an abbreviation of `name_suffixes` ("Floyd Mayweather Jr.").
    for c in &mut cands {
        let r = c.range.clone();
        // An organization written with an exclamation mark ("Yahoo!") keeps it.
        if text[r.end..].starts_with('!') && {
            let mut full = String::with_capacity(c.name.len() + 1);
            full.push_str(&c.name);
            full.push('!');
            lex.organizations.contains(&full) || lexicon::shared().organizations.contains(&full)
        } {
            c.range.end += 1;
            c.name = norm_apostrophe(&text[c.range.clone()]);
            continue;
        }
        if c.nwords < 2 || !text[r.end..].starts_with('.') {
            continue;
        }
        let mut last = text[..r.end].chars().rev();
        let suffix = c
            .name
            .rsplit(' ')
            .next()
            .is_some_and(|w| lex.name_suffixes.contains(w));
        if suffix || (last.next().is_some_and(char::is_uppercase) && last.next() == Some(' ')) {
            c.range.end += 1;
            c.name = norm_apostrophe(&text[c.range.clone()]);
        }
    }
    let lead_end = paragraphs
        .and_then(|p| p.first())
        .map(|p| p.end)
        .unwrap_or(0);
    if lang.capitalizes_nouns() {
        nouns::keep_supported(lex, text, &mut cands);
    }
    let mut found = group(lex, text, cands, lead_end, &low_words, collect, type_model);
    found.cut_examples = cuts.examples;
    word_edges(text, lang.whole_compounds(), &mut found);
    found
}

/// Where a mention starts or ends inside a word, the word it cuts: `None` when both edges are
/// at word boundaries. A letter or digit beside the edge, or a period or hyphen between the
/// edge and one, is inside a word ("K. Rowling" of "J.K. Rowling", "Sentinel" of
/// "Sentinel-2B", "Repubblica" of "Repubblica.it"); an apostrophe is not (an elided article
/// before a name, "l'Ucraina"; an English possessive after it, "Obama's").
fn inside_word(text: &str, m: &Span) -> (bool, bool) {
    let mut before = text[..m.start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = text[m.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let joint = |c: Option<char>| c == Some('.') || c == Some('-');
    (
        alnum(b1) || (joint(b1) && alnum(b2)),
        alnum(a1) || (joint(a1) && alnum(a2)),
    )
}

/// A mention never starts or ends inside a word. It takes the rest of the word where that is
/// still a name: initials or an abbreviation written with periods ("J.K. Rowling",
/// "Washington D.C.", "Edil S.p.A."), an article of `_shared/hyphen_articles` joined by a
/// hyphen before it ("al-Qaeda"), a web domain after it ("Repubblica.it"). Where `drop`
/// (the language's `compounds = whole`) any other mention that cuts a word is dropped
/// ("Sentinel" of "Sentinel-2B", "Centro" of "Centro-nord", "Won" of "Won-soon"); elsewhere
/// it stays as it was ("Manhattan" of "Manhattan-based"). Mentions are bytes here.
fn word_edges(text: &str, drop: bool, found: &mut Found) {
    let mut changed = false;
    for e in &mut found.entities {
        let old_first = e.mentions.first().map(|m| &text[m.start..m.end]);
        let mut renamed = None;
        let mut keep = Vec::with_capacity(e.mentions.len());
        for m in &e.mentions {
            let (start_in, end_in) = inside_word(text, m);
            if !start_in && !end_in {
                keep.push(*m);
                continue;
            }
            changed = true;
            let mut n = *m;
            if start_in {
                n.start = word_start(text, n.start);
            }
            if end_in {
                n.end = word_end(text, n.end);
            }
            if inside_word(text, &n) == (false, false) {
                if renamed.is_none() && old_first == Some(&text[m.start..m.end]) {
                    renamed = Some(norm_apostrophe(&text[n.start..n.end]));
                }
                keep.push(n);
            } else if !drop {
                keep.push(*m);
            }
        }
        if let Some(name) = renamed {
            if old_first.is_some_and(|o| norm_apostrophe(o) == e.name) {
                e.name = name.into_owned();
            }
        }
        e.mentions = keep;
    }
    if !changed {
        return;
    }
    // Rebuild the mention list from the entities, without the entities left with none.
    let mut entities = Vec::with_capacity(found.entities.len());
    let mut mentions = Vec::with_capacity(found.mentions.len());
    for e in std::mem::take(&mut found.entities) {
        if e.mentions.is_empty() {
            continue;
        }
        let j = entities.len();
        mentions.extend(e.mentions.iter().map(|m| Mention {
            range: m.start..m.end,
            entity: j,
        }));
        entities.push(e);
    }
    mentions.sort_by_key(|m| (m.range.start, m.range.end));
    found.entities = entities;
    found.mentions = mentions;
}

/// The start of the name a mention starting at `start`, inside a word, belongs to: the whole
/// word when it is initials or an abbreviation with periods ("J.K."), or an article of
/// `_shared/hyphen_articles` and a hyphen ("al-"); `start` itself otherwise (the mention is
/// then dropped).
fn word_start(text: &str, start: usize) -> usize {
    let head = &text[..start];
    let from = head
        .rfind(|c: char| c.is_whitespace())
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &head[from..];
    if let Some(article) = word.strip_suffix('-') {
        if lexicon::shared().hyphen_articles.contains(article) {
            return from;
        }
        return start;
    }
    // Initials: letters, each group followed by a period ("J.", "U.S.", "S.B.").
    if word.ends_with('.')
        && word
            .split_terminator('.')
            .all(|g| (1..=3).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic))
    {
        return from;
    }
    start
}

/// The end of the name a mention ending at `end`, inside a word, belongs to: over groups of one
/// to three letters and a period ("D.C.", "S.p.A."), or a web domain (a period and two to four
/// lower-case letters: ".it", ".com"); `end` itself otherwise (the mention is then dropped).
fn word_end(text: &str, end: usize) -> usize {
    let mut e = end;
    let dotted = text[..end].ends_with('.');
    if dotted {
        // Groups of letters and a period right after the mention's own period.
        loop {
            let rest = &text[e..];
            let n = rest
                .char_indices()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map(|(i, c)| i + c.len_utf8());
            match n {
                Some(n)
                    if (1..=3).contains(&rest[..n].chars().count())
                        && rest[n..].starts_with('.') =>
                {
                    e += n + 1
                }
                _ => break,
            }
        }
        return e;
    }
    let rest = &text[end..];
    if let Some(dom) = rest.strip_prefix('.') {
        let n = dom
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_lowercase())
            .last()
            .map(|(i, _)| i + 1)
            .unwrap_or(0);
        if (2..=4).contains(&n) && !dom[n..].starts_with(|c: char| c.is_alphanumeric()) {
            return end + 1 + n;
        }
    }
    end
}

/// Extends `j` over up to two adjectives after an organization word ("Commissione europea",
/// "governo cinese").
fn take_adjectives(lex: &Lexicon, text: &str, toks: &[Word], j: usize) -> usize {
    let mut k = j;
    while k + 1 < toks.len() && k < j + 2 && &text[toks[k].end..toks[k + 1].start] == " " {
        let l = toks[k + 1].text;
        let adj = !is_cap(l)
            && l.chars().count() > 4
            && lex
                .adjective_suffixes
                .iter()
                .any(|s| l.ends_with(s.as_str()))
            && !lex.stop.contains(l);
        if !adj {
            break;
        }
        k += 1;
    }
    k
}

/// Extends `j` over a lower-case noun after a particle, and its adjectives, after an
/// organization word ("Consiglio di amministrazione", "Corte d'appello", "consiglio dei
/// ministri").
fn take_complement(lex: &Lexicon, text: &str, toks: &[Word], j: usize) -> usize {
    let gap = |k: usize| &text[toks[k].end..toks[k + 1].start];
    if j + 2 < toks.len()
        && (gap(j) == " " || is_apostrophe(gap(j)))
        && lex.particles.contains(toks[j + 1].text)
        && (gap(j + 1) == " " || is_apostrophe(gap(j + 1)))
        && toks[j + 2].text.chars().count() > 3
        && toks[j + 2].text.chars().all(char::is_lowercase)
        && !lex.stop.contains(toks[j + 2].text)
    {
        take_adjectives(lex, text, toks, j + 2)
    } else {
        j
    }
}

/// The name candidates of a sentence whose words are `toks`, with their lexicon bits `flags`
/// (`Lexicon::flags` of each word lower-cased).
fn candidates<'t>(
    lex: &Lexicon,
    text: &'t str,
    toks: &[Word],
    flags: &[u8],
    cuts: &mut Cuts,
    out: &mut Vec<Cand<'t>>,
    events: &mut Vec<Cow<'t, str>>,
) {
    let n = toks.len();
    let gap = |i: usize| &text[toks[i].end..toks[i + 1].start];
    let shared = lexicon::shared();
    // Lower-case institutions are looked for only in languages that list them.
    let institutions = !lex.org_nouns.is_empty()
        || !lex.org_phrases.is_empty()
        || !lex.org_nouns_qualified.is_empty();
    let mut i = 0;
    // Where a run was cut at a lost full stop: the next run starts a sentence there.
    let mut glued = usize::MAX;
    while i < n {
        // A lower-case word that opens a person's name ("bin Laden", "don Zeno").
        let prefixed = !is_cap(toks[i].text)
            && i + 1 < n
            && is_cap(toks[i + 1].text)
            && (gap(i) == " " || gap(i) == "-")
            && lex.name_prefixes.contains(toks[i].text)
            // Not before an article: "de La Stampa" names a newspaper, "de" is "of".
            && flags[i + 1] & (STOP | PARTICLE) != STOP;
        if !is_cap(toks[i].text) && !prefixed {
            // A service's number after a singular article ("il 118", "del 118").
            if i > 0
                && !lex.org_numbers.is_empty()
                && lex.org_numbers.contains(toks[i].text)
                && (gap(i - 1) == " " || is_apostrophe(gap(i - 1)))
                && lex.team_articles.contains(lower(toks[i - 1].text).as_ref())
            {
                out.push(sure(text, toks, i, i, EntityType::Organization));
                i += 1;
                continue;
            }
            // A place's administration ("la regione Lombardia"): the noun and the place.
            if i + 1 < n
                && gap(i) == " "
                && !lex.place_bodies.is_empty()
                && lex.place_bodies.contains(toks[i].text)
                && is_cap(toks[i + 1].text)
            {
                let mut k = i + 1;
                while k + 1 < n && (gap(k) == " " || gap(k) == "-") && is_cap(toks[k + 1].text) {
                    k += 1;
                }
                if is_place(lex, span(text, &toks[i + 1..=k])) {
                    out.push(sure(text, toks, i, k, EntityType::Organization));
                    i = k + 1;
                    continue;
                }
            }
            if !institutions {
                i += 1;
                continue;
            }
            // A lower-case institution ("il governo cinese", "la polizia locale", "vigili del
            // fuoco").
            let phrase = lex.org_phrases.get(toks[i].text).and_then(|ps| {
                ps.iter().find_map(|p| {
                    let ok = i + p.len() <= n
                        && p.iter().enumerate().all(|(k, w)| {
                            toks[i + k].text.eq_ignore_ascii_case(w)
                                && (k == 0 || {
                                    let g = gap(i + k - 1);
                                    g == " " || is_apostrophe(g)
                                })
                        });
                    ok.then(|| i + p.len() - 1)
                })
            });
            let single = !lex.org_nouns.is_empty()
                && lex.org_nouns.contains(toks[i].text)
                && !(i > 0 && gap(i - 1) == " " && {
                    // "pubblico ministero" is a prosecutor, "di governo" a qualifier ("crisi
                    // di governo"), "forze di polizia" police forces in general.
                    let mut phrase = lower(toks[i - 1].text).as_ref().to_string();
                    phrase.push(' ');
                    phrase.push_str(toks[i].text);
                    lex.not_institutions.contains(&phrase)
                        || (i > 1 && gap(i - 2) == " " && {
                            phrase.insert(0, ' ');
                            phrase.insert_str(0, lower(toks[i - 2].text).as_ref());
                            lex.not_institutions.contains(&phrase)
                        })
                });
            // "giunta comunale", "nazionale italiana", "forze armate israeliane": an
            // institution with its adjective only (the noun's last word, of one or two).
            let qualified = if single || phrase.is_some() || lex.org_nouns_qualified.is_empty() {
                None
            } else if lex.org_nouns_qualified.contains(toks[i].text) {
                Some(i)
            } else if i + 1 < n && gap(i) == " " && lex.org_qualified_firsts.contains(toks[i].text)
            {
                let mut two =
                    String::with_capacity(toks[i].text.len() + toks[i + 1].text.len() + 1);
                two.push_str(toks[i].text);
                two.push(' ');
                two.push_str(toks[i + 1].text);
                lex.org_nouns_qualified.contains(&two).then_some(i + 1)
            } else {
                None
            }
            .filter(|&q| take_adjectives(lex, text, toks, q) > q);
            if phrase.is_some() || single || qualified.is_some() {
                let mut j = take_adjectives(lex, text, toks, phrase.or(qualified).unwrap_or(i));
                // A lower-case complement ("consiglio di amministrazione").
                if lex.org_complements.contains(toks[i].text) {
                    j = take_complement(lex, text, toks, j);
                }
                out.push(sure(text, toks, i, j, EntityType::Organization));
                i = j + 1;
                continue;
            }
            i += 1;
            continue;
        }
        // Extend the run.
        let mut j = i;
        cuts.opt.clear();
        while j + 1 < n {
            let g = gap(j);
            let next = toks[j + 1].text;
            let joins = g == " "
                || g == "-"
                || (is_apostrophe(g)
                    && (!ELIDED.contains(&lower(toks[j].text).as_ref())
                        || (j > i && (toks[j].text.chars().count() == 1 || is_cap(toks[j].text)))))
                || (g == ". " && toks[j].text.chars().count() == 1);
            if joins && is_cap(next) {
                j += 1;
                continue;
            }
            // A lower-case word between two hyphens inside a compound name ("Port-au-Prince",
            // "Seyne-les-Alpes", "Saint-Jean-de-Luz").
            if g == "-"
                && j + 2 < n
                && next.chars().all(char::is_lowercase)
                && gap(j + 1) == "-"
                && is_cap(toks[j + 2].text)
            {
                j += 2;
                continue;
            }
            // A lower-case syllable after a hyphen inside a name ("Kim Jong-un", "Ban Ki-moon").
            if g == "-"
                && j > i
                && is_cap(toks[j].text)
                && next.chars().all(char::is_lowercase)
                && (j + 2 >= n || gap(j + 1) != "-")
            {
                j += 1;
                continue;
            }
            // A short lower-case article joined by a hyphen to a surname ("Bashar al-Assad",
            // "Abd el-Kader").
            if g == " "
                && j + 2 < n
                && next.chars().count() <= 3
                && next.chars().all(char::is_lowercase)
                && gap(j + 1) == "-"
                && is_cap(toks[j + 2].text)
            {
                j += 2;
                continue;
            }
            if (g == " " || g == "-")
                && j + 2 < n
                && !is_cap(next)
                && lex.particles.contains(next)
                && (gap(j + 1) == " " || gap(j + 1) == "-" || is_apostrophe(gap(j + 1)))
                && is_cap(toks[j + 2].text)
            {
                j += 2;
                continue;
            }
            if cuts.active() {
                if let Some(b) = optional_join(lex, text, toks, j) {
                    cuts.opt.push((j, b));
                    j = b;
                    continue;
                }
            }
            break;
        }
        // The cut model's cuts inside the run.
        if cuts.active() {
            cuts.decide(lex, text, toks, i, j);
            if let Some(k) = (i..j).find(|&k| cuts.cut[k]) {
                j = k;
            }
        }
        // A place of the gazetteer written with lower-case words inside ("Città del Messico",
        // "Gravina in Puglia", "Trinidad e Tobago", "Polinesia francese") is one name, whatever
        // the cuts: the longest such place from the run's first word.
        if let Some(m) = gazetteer_run(lex, text, toks, i) {
            j = j.max(m);
        }
        // "presidente del Consiglio Giorgia Meloni", "della Regione Michele de Pascale": a
        // given name and a surname after a public body's word are a person of their own.
        if let Some(k) = (i + 1..j).find(|&k| {
            gap(k - 1) == " "
                && lex.body_heads.contains(toks[k - 1].text)
                && shared.given_names.contains(toks[k].text)
                && !shared.given_names.contains(toks[k - 1].text)
        }) {
            j = k - 1;
        }
        // A capitalized function word or connective inside a run is a sentence that lost its
        // full stop (a caption run into the text: "Rhodri Giggs In January", "Tiger Woods His
        // round", "Disney World However"),
        // where the list of organizations is read (the cut model learns its own cuts).
        // One letter is an initial ("Franklin D. Roosevelt", "Frances O'Grady").
        if !cuts.learned {
            if let Some(k) = (i + 1..=j).find(|&k| {
                (flags[k] & (STOP | PARTICLE) == STOP || flags[k] & SKIP != 0)
                    && toks[k].text.len() > 1
                    && is_cap(toks[k].text)
                    && gap(k - 1) == " "
            }) {
                j = k - 1;
                glued = k;
                // Not ending on a lower-case particle ("Fellow of The Royal Society").
                while j > i && !is_cap(toks[j].text) {
                    j -= 1;
                }
            }
        }
        // "US President Selina Meyer", "District Judge Kevin Grey": a capitalized title inside
        // the run, then a given name, starts the person's own run; what came before loses the
        // titles it ends with. (A title that opens the run is the business of the loop below.)
        if let Some(k) = (i + 2..=j).find(|&k| {
            gap(k - 1) == " "
                && flags[k - 1] & TITLE != 0
                && shared.given_names.contains(toks[k].text)
        }) {
            j = k - 1;
            while j > i && flags[j] & TITLE != 0 && gap(j - 1) == " " {
                j -= 1;
            }
            // Words before a title are mostly its own ("Belgian Finance Minister", "Deputy
            // First Minister"): they stay only as a place ("New York Mayor") or one word, which
            // the rules below judge alone.
            if flags[j] & TITLE != 0 || (j > i && !is_place(lex, span(text, &toks[i..=j]))) {
                i = k;
                continue;
            }
        }
        // An organization word takes the adjectives after it ("Commissione europea"), also
        // after a capitalized article ("La Chiesa ortodossa" at a sentence start).
        let head_alone = j == i
            || (j == i + 1
                && (i == 0 || gap(i - 1).contains(['.', '“', '"', ':', '«']))
                && flags[i] & (STOP | PARTICLE) == STOP);
        if head_alone && lex.org_heads.contains(toks[j].text) {
            j = take_adjectives(lex, text, toks, j);
            // ... and a lower-case noun after a particle ("Consiglio di amministrazione",
            // "Organizzazione mondiale del commercio", "Corte d'appello").
            j = take_complement(lex, text, toks, j);
        } else if j > i
            && !lex.adjective_suffixes.is_empty()
            && lex.org_heads.contains(toks[i].text)
            && !is_acronym(toks[j].text)
        {
            // A longer organization name takes its adjectives too ("Partito Comunista
            // portoghese", "Camera dei Deputati italiana").
            j = take_adjectives(lex, text, toks, j);
        }
        // An adjective of direction after a place ("Italia settentrionale", "Lombardia
        // centro-orientale").
        if j + 1 < n
            && gap(j) == " "
            && lex.place_adjectives.contains(toks[j + 1].text)
            && is_place(lex, span(text, &toks[i..=j]))
        {
            j += 1;
            if j + 1 < n && gap(j) == "-" && lex.place_adjectives.contains(toks[j + 1].text) {
                j += 1;
            }
        }
        let run_end = j;
        let mut start = i;
        // Leading stopwords and titles are not part of the name.
        let mut titled = false;
        let mid_sentence = i > 0 && glued != i && !gap(i - 1).contains(['.', '“', '"', ':', '«']);
        // A known place keeps its first word ("San Francisco", "La Spezia"); so does an
        // organization known by its whole name where the list is read ("Le Monde", "El País"),
        // also once words before it are stripped ("Selon Le Monde").
        let known_org = |k: usize| {
            !cuts.learned
                && shared
                    .organizations
                    .contains(norm_apostrophe(span(text, &toks[k..=run_end])).as_ref())
        };
        let whole_place = run_end > i && is_place(lex, span(text, &toks[i..=run_end]));
        while start < run_end && !whole_place && !known_org(start) {
            let f = flags[start];
            if start == i
                && (prefixed || lex.name_prefixes.contains(lower(toks[start].text).as_ref()))
            {
                // "don Zeno", "Bin Laden": the prefix is part of the person's name.
                titled = true;
                break;
            }
            if f & STOP != 0 && f & PARTICLE == 0 && mid_sentence && start == i {
                break; // "La Stampa", "Al Qaeda": a capitalized article inside a sentence
            }
            if f & TITLE != 0 {
                // "Presidente della Repubblica" is an office, not a title before a name.
                titled = flags[start + 1] & PARTICLE == 0;
                start += 1;
            } else if f & PARTICLE != 0
                && start == i
                && (mid_sentence
                    || (toks[start].text.len() == 2
                        && !is_place(lex, span(text, &toks[start + 1..=run_end]))))
            {
                // "Di Pietro", "De Luca": a capitalized particle inside a sentence, or a
                // two-letter one before what is no place at its start ("Di Battista ha detto").
                break;
            } else if f & (STOP | PARTICLE | DATE) != 0 || (f & SKIP != 0 && !mid_sentence) {
                start += 1;
            } else {
                break;
            }
        }
        // The name of a storm or an award ("uragano Katrina", "Premio Strega") is no entity.
        if !lex.event_heads.is_empty()
            && ((start > 0
                && gap(start - 1) == " "
                && lex.event_heads.contains(toks[start - 1].text))
                || (start < run_end && lex.event_heads.contains(lower(toks[start].text).as_ref())))
        {
            // Its later mentions without the head are no entity either ("Katrina ha colpito").
            if start <= run_end {
                let first = if lex.event_heads.contains(lower(toks[start].text).as_ref()) {
                    start + 1
                } else {
                    start
                };
                if first <= run_end {
                    events.push(name_of(text, &toks[first..=run_end]));
                }
            }
            i = run_end + 1;
            continue;
        }
        // A province's code in parentheses after a town ("Rho (MI)"); after a person's name
        // it is a party ("Raffaella Paita (PD)").
        if start == run_end
            && start > 0
            && gap(start - 1).trim_start() == "("
            && is_cap(toks[start - 1].text)
            && !(start > 1
                && gap(start - 2) == " "
                && shared.given_names.contains(toks[start - 2].text))
            && text[toks[start].end..].starts_with(')')
            && lex.province_codes.contains(toks[start].text)
        {
            out.push(Cand {
                range: toks[start].start..toks[start].end,
                name: name_of(text, &toks[start..=start]),
                nwords: 1,
                kind: Some(EntityType::Location),
                strong: true,
                initial: false,
                guess: None,
            });
            i = run_end + 1;
            continue;
        }
        if start == run_end {
            let f = flags[start];
            // A word that is never a name alone stays none after a stripped title or
            // connective ("the General Election", "On Monday German officials").
            if (start == i && f & STOP != 0) || f & (SKIP | TITLE | LONE | DATE) != 0 {
                i = run_end + 1;
                continue;
            }
        }
        // A lower-case head word before the name makes a place ("provincia di Trapani",
        // "piazza Tienanmen").
        if start == i && i > 0 && gap(i - 1) == " " && !lex.loc_heads.is_empty() {
            let head = if lex.loc_heads.contains(toks[i - 1].text) {
                Some(i - 1)
            } else if i > 1
                && gap(i - 2) == " "
                && lex.particles.contains(toks[i - 1].text)
                && lex.loc_heads.contains(toks[i - 2].text)
                && !lex.seat_heads.contains(toks[i - 2].text)
                && !(i > 2 && gap(i - 3) == " " && !lex.not_place_heads.is_empty() && {
                    // "al largo di Malta" is offshore.
                    let mut idiom = lower(toks[i - 3].text).as_ref().to_string();
                    for w in [toks[i - 2].text, toks[i - 1].text] {
                        idiom.push(' ');
                        idiom.push_str(w);
                    }
                    lex.not_place_heads.contains(&idiom)
                })
            {
                Some(i - 2)
            } else {
                None
            };
            if let Some(h) = head {
                out.push(sure(text, toks, h, run_end, EntityType::Location));
                i = run_end + 1;
                continue;
            }
        }
        // Titles in lower case before the name ("il presidente russo Vladimir Putin").
        if !titled {
            // Only adjectives may stand between ("presidente russo"), not "presidente della".
            titled = (start.saturating_sub(3)..start).any(|k| {
                (k..start).all(|m| gap(m) == " ")
                    && flags[k] & TITLE != 0
                    && (k + 1..start).all(|m| {
                        let w = toks[m].text;
                        !is_cap(w) && lex.flags(w) & (STOP | PARTICLE) == 0
                    })
            });
        }
        // Also a title followed by a period ("Sen. Cruz", "Dr. Rossi").
        if !titled && start > 0 && gap(start - 1).starts_with('.') {
            titled = lex.titles.contains(lower(toks[start - 1].text).as_ref());
        }
        let initial = if start == 0 || glued == i {
            true
        } else {
            let g = gap(start - 1);
            (g.contains(['“', '"', '«', '„', ':', '(', '‘', '\n', '—', '–'])
                && !is_apostrophe(g.trim()))
                || (is_apostrophe(g)
                    && start == 1
                    && ELIDED.contains(&lower(toks[0].text).as_ref()))
        };
        // The words around the name, for a guess at the type of an unknown name.
        let before = if start == 0 {
            None
        } else {
            let g = gap(start - 1);
            if g.trim() == "," {
                Some(",")
            } else if (g == " " || is_apostrophe(g)) && flags[start - 1] & CUE_BEFORE != 0 {
                // Only a word of the cue lists is looked up there (its lexicon bit says so).
                Some(toks[start - 1].text)
            } else {
                None
            }
        };
        let after = (run_end + 1 < n && gap(run_end) == " " && flags[run_end + 1] & CUE_AFTER != 0)
            .then(|| toks[run_end + 1].text);
        let guess = after
            .and_then(|w| lex.cue_after.get(lower(w).as_ref()))
            .copied()
            .or_else(|| {
                before
                    .and_then(|w| lex.cue_before.get(lower(w).as_ref()))
                    .map(|&k| (k, false))
            });
        split_and_push(
            lex,
            shared,
            text,
            &toks[start..=run_end],
            titled,
            initial,
            guess,
            cuts.learned,
            out,
        );
        i = run_end + 1;
    }
}

fn span<'t>(text: &'t str, toks: &[Word]) -> &'t str {
    match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => &text[f.start..l.end],
        _ => "",
    }
}

/// A name over words `i..=j` whose type a rule is sure of (an institution, a public body's
/// seat, a place after its head), inside a sentence.
fn sure<'t>(text: &'t str, toks: &[Word], i: usize, j: usize, kind: EntityType) -> Cand<'t> {
    Cand {
        range: toks[i].start..toks[j].end,
        name: name_of(text, &toks[i..=j]),
        nwords: j - i + 1,
        kind: Some(kind),
        strong: true,
        initial: false,
        guess: None,
    }
}

fn name_of<'t>(text: &'t str, toks: &[Word]) -> Cow<'t, str> {
    norm_apostrophe(span(text, toks))
}

fn is_place(lex: &Lexicon, name: &str) -> bool {
    lex.any_place.contains(norm_apostrophe(name).as_ref())
}

/// `toks` cut before word `k` into two names, each split and pushed on its own; the second half
/// starts no sentence, and `second_titled` says whether a title or role stands before it.
#[allow(clippy::too_many_arguments)]
fn push_halves<'t>(
    lex: &Lexicon,
    shared: &lexicon::Shared,
    text: &'t str,
    toks: &[Word],
    k: usize,
    titled: bool,
    initial: bool,
    second_titled: bool,
    learned: bool,
    out: &mut Vec<Cand<'t>>,
) {
    split_and_push(
        lex,
        shared,
        text,
        &toks[..k],
        titled,
        initial,
        None,
        learned,
        out,
    );
    split_and_push(
        lex,
        shared,
        text,
        &toks[k..],
        second_titled,
        false,
        None,
        learned,
        out,
    );
}

#[allow(clippy::too_many_arguments)]
fn split_and_push<'t>(
    lex: &Lexicon,
    shared: &lexicon::Shared,
    text: &'t str,
    toks: &[Word],
    titled: bool,
    initial: bool,
    guess: Option<(EntityType, bool)>,
    learned: bool,
    out: &mut Vec<Cand<'t>>,
) {
    if toks.is_empty() {
        return;
    }
    let whole = span(text, toks);
    let place = is_place(lex, whole)
        || (toks.len() >= 2
            && lex.place_adjectives.contains(toks[toks.len() - 1].text)
            && is_place(lex, span(text, &toks[..toks.len() - 1]))
            || (toks.len() >= 3
                && lex.place_adjectives.contains(toks[toks.len() - 2].text)
                && lex.place_adjectives.contains(toks[toks.len() - 1].text)
                && is_place(lex, span(text, &toks[..toks.len() - 2]))));
    // "Procura di Torino", "Ospedale di Esine": the seat is a place of its own.
    if toks.len() >= 3
        && !place
        && lex.seat_heads.contains(toks[0].text)
        && lex.particles.contains(toks[1].text)
        && is_place(lex, span(text, &toks[2..]))
    {
        if lex.org_heads.contains(toks[0].text) {
            out.push(Cand {
                range: toks[0].start..toks[0].end,
                name: name_of(text, &toks[..1]),
                nwords: 1,
                kind: Some(EntityType::Organization),
                strong: true,
                initial,
                guess: None,
            });
        }
        out.push(Cand {
            range: toks[2].start..toks[toks.len() - 1].end,
            name: name_of(text, &toks[2..]),
            nwords: toks.len() - 2,
            kind: Some(EntityType::Location),
            strong: true,
            initial: false,
            guess: None,
        });
        return;
    }
    // A place's head word ("Provincia di Trento") keeps the name whole, as an organization's.
    let org_head = lex.org_heads.contains(toks[0].text)
        || (toks.len() >= 2 && lex.loc_heads.contains(lower(toks[0].text).as_ref()));
    // A place before a person's name ("degli Stati Uniti Barack Obama"), which starts with a
    // given name ("London Stock Exchange" is one name).
    if toks.len() >= 3 && !place && !org_head && !learned {
        for k in (1..toks.len() - 1).rev() {
            if is_cap(toks[k].text)
                && is_cap(toks[k - 1].text)
                && toks.len() - k >= 2
                && shared.given_names.contains(toks[k].text)
                && is_place(lex, span(text, &toks[..k]))
            {
                push_halves(
                    lex, shared, text, toks, k, titled, initial, titled, learned, out,
                );
                return;
            }
        }
    }
    // A person's full name after another name ("sindaco di Milano Letizia Moratti",
    // "Presidente della Repubblica Giorgio Napolitano"): two names.
    if toks.len() >= 3 && !place && !learned {
        for k in 1..toks.len() - 1 {
            let prev = toks[k - 1].text;
            if shared.given_names.contains(toks[k].text)
                && is_cap(toks[k + 1].text)
                && is_cap(prev)
                && !shared.given_names.contains(prev)
                && !lex.titles.contains(lower(prev).as_ref())
            {
                push_halves(
                    lex, shared, text, toks, k, titled, initial, true, learned, out,
                );
                return;
            }
        }
    }
    if !org_head && !place && !learned {
        // A place after a particle, behind something that is not an organization name; not
        // after an elided "d'", which joins a name ("Fratelli d'Italia", "Corno d'Africa":
        // on the first half of KIND 23 times out of 23).
        for k in (1..toks.len().saturating_sub(1)).rev() {
            let w = toks[k].text;
            if !is_cap(w)
                && w != "d"
                && lex.particles.contains(w)
                && is_place(lex, span(text, &toks[k + 1..]))
            {
                split_and_push(
                    lex,
                    shared,
                    text,
                    &toks[..k],
                    titled,
                    initial,
                    None,
                    learned,
                    out,
                );
                out.push(Cand {
                    range: toks[k + 1].start..toks[toks.len() - 1].end,
                    nwords: toks.len() - k - 1,
                    name: name_of(text, &toks[k + 1..]),
                    kind: Some(EntityType::Location),
                    strong: true,
                    initial: false,
                    guess: None,
                });
                return;
            }
        }
    }
    let first = toks[0].text;
    let last = toks[toks.len() - 1].text;
    let name = norm_apostrophe(whole);
    let (kind, strong) = if place && !titled {
        if initial && toks.len() == 1 && !lex.places.contains(name.as_ref()) {
            // "Solo", "Natale": a foreign town's name at a sentence start is too often a word.
            out.push(Cand {
                range: toks[0].start..toks[0].end,
                name,
                nwords: 1,
                kind: None,
                strong: false,
                initial,
                guess: None,
            });
            return;
        }
        (Some(EntityType::Location), true)
    } else if toks.len() >= 2
        && (lex.loc_heads.contains(lower(first).as_ref())
            || (!titled && lex.towns.contains(name.as_ref()))
            || (!titled
                && lex.loc_tails.contains(last)
                // "Chris Lane", "Lauren Hill": a given name and one such word is a person.
                && !(toks.len() == 2 && shared.given_names.contains(first))))
    {
        // "Piazza Navona", "Brembate di Sopra", "Hyde Road".
        (Some(EntityType::Location), true)
    } else if org_head
        || (toks.len() >= 2 && lex.org_tails.contains(last))
        || lex.organizations.contains(name.as_ref())
        || shared.organizations.contains(name.as_ref())
    {
        (Some(EntityType::Organization), true)
    } else if titled {
        (Some(EntityType::Person), true)
    } else if toks.len() == 1 && is_acronym(first) && !is_roman(first) {
        (Some(EntityType::Organization), false)
    } else if shared.given_names.contains(first) && (toks.len() >= 2 || !initial) {
        (Some(EntityType::Person), false)
    } else if toks.len() >= 2 && lex.particles.contains(lower(first).as_ref()) {
        // "Di Pietro", "De Gasperi": a surname.
        (Some(EntityType::Person), false)
    } else if toks.len() == 1
        && !initial
        && lex.towns.contains(name.as_ref())
        && !guess.is_some_and(|g| g.0 == EntityType::Person && g.1)
    {
        // A town inside a sentence ("partito da Iseo"), unless it is the subject of a verb
        // ("Marino ha detto"), where it is more likely a surname.
        (Some(EntityType::Location), false)
    } else {
        (None, false)
    };
    out.push(Cand {
        range: toks[0].start..toks[toks.len() - 1].end,
        name,
        nwords: toks.len(),
        kind,
        strong,
        initial,
        guess: if kind.is_none() { guess } else { None },
    });
}

/// True when the sentence around byte range `r` of `text` gives a score: two numbers of one or
/// two digits joined by a hyphen ("3-0", "22 - 15"), not a year or a longer range; or, without
/// one, holds a word of `sport` (a match, a goal, a final: list `sport_words`).
fn scored_sentence(text: &str, r: &Range<usize>, sport: &lexicon::Set) -> bool {
    let ends = |c: char| matches!(c, '\n' | '.' | '!' | '?' | ';');
    let mut a = r.start.saturating_sub(300);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (r.end + 300).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let head = &text[a..r.start];
    let a = head.rfind(ends).map_or(a, |k| a + k + 1);
    let tail = &text[r.end..b];
    let b = tail.find(ends).map_or(b, |k| r.end + k);
    let s = text.as_bytes().get(a..b).unwrap_or(&[]);
    let digits = |k: usize, step: isize| {
        let mut n = 0;
        let mut i = k as isize;
        while i >= 0 && (i as usize) < s.len() && s[i as usize].is_ascii_digit() {
            n += 1;
            i += step;
        }
        (n, i)
    };
    for (k, &c) in s.iter().enumerate() {
        if c != b'-' {
            continue;
        }
        // Digits right before and after, or over one space each side ("22 - 15").
        let (l, r) = if k > 0 && k + 1 < s.len() && s[k - 1] == b' ' && s[k + 1] == b' ' {
            (k.saturating_sub(2), k + 2)
        } else {
            (k.wrapping_sub(1), k + 1)
        };
        if l >= s.len() || r >= s.len() {
            continue;
        }
        let (nl, il) = digits(l, -1);
        let (nr, ir) = digits(r, 1);
        let bounded =
            |i: isize| i < 0 || i as usize >= s.len() || !s[i as usize].is_ascii_alphanumeric();
        if (1..=2).contains(&nl) && (1..=2).contains(&nr) && bounded(il) && bounded(ir) {
            return true;
        }
    }
    !sport.is_empty()
        && text.get(a..b).is_some_and(|s| {
            s.split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && sport.contains(lower(w).as_ref()))
        })
}

/// "NEW YORK" as "New York", "L'AQUILA" as "L'Aquila": each word's first letter kept, the rest
/// lower-cased.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '\'');
    }
    out
}

/// The words of a name (split at spaces and hyphens).
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '-']).filter(|w| !w.is_empty())
}

/// Groups candidates into entities (coreference of short forms) and types them.
fn group(
    lex: &Lexicon,
    text: &str,
    cands: Vec<Cand>,
    lead_end: usize,
    low_words: &HashSet<&str, FixedState>,
    collect: bool,
    type_model: &model::Model,
) -> Found {
    // Names seen capitalized inside a sentence vouch for the same word at a sentence start.
    let mut inside: HashSet<&str, FixedState> =
        HashSet::with_capacity_and_hasher(cands.len(), FixedState::default());
    inside.extend(cands.iter().filter(|c| !c.initial).map(|c| c.name.as_ref()));
    let mut order: Vec<usize> = (0..cands.len()).collect();
    // Long names first, so that short forms find them.
    order.sort_unstable_by_key(|&i| (std::cmp::Reverse(cands[i].nwords), cands[i].range.start));
    struct Group<'c> {
        name: &'c str,
        nwords: usize,
        kind: Option<EntityType>,
        strong: bool,
        /// Context guesses of the members: PER, LOC, ORG.
        votes: [u32; 3],
        /// A sentence-initial name nothing vouches for.
        unvouched: bool,
    }
    fn vote(votes: &mut [u32; 3], g: Option<(EntityType, bool)>) {
        match g.map(|g| g.0) {
            Some(EntityType::Person) => votes[0] += 1,
            Some(EntityType::Location) => votes[1] += 1,
            Some(EntityType::Organization) => votes[2] += 1,
            _ => {}
        }
    }
    let mut groups: Vec<Group> = Vec::with_capacity(cands.len());
    let mut by_name: HashMap<&str, usize, FixedState> =
        HashMap::with_capacity_and_hasher(cands.len(), FixedState::default());
    // Word -> groups whose name holds it, so that short forms are found without a scan: the
    // first link of a list per word, the links in one vector (group, next link).
    let mut by_word: HashMap<&str, usize, FixedState> =
        HashMap::with_capacity_and_hasher(cands.len() * 2, FixedState::default());
    let mut links: Vec<(usize, usize)> = Vec::with_capacity(cands.len() * 2);
    const END: usize = usize::MAX;
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    for &ci in &order {
        let c = &cands[ci];
        if let Some(&g) = by_name.get(c.name.as_ref()) {
            assigned[ci] = Some(g);
            let gr = &mut groups[g];
            vote(&mut gr.votes, c.guess);
            if c.kind.is_some() && (gr.kind.is_none() || (c.strong && !gr.strong)) {
                gr.kind = c.kind;
                gr.strong = c.strong;
            }
            continue;
        }
        // Short form of a person already seen (not an organization by its own words: "Guardia di
        // Finanza" is no short form of "Comando Generale della Guardia di Finanza").
        // A one-word place that is the surname of a person of the article ("Clinton" after
        // "Bill Clinton", "Monti" after "Mario Monti") is that person too.
        let surname = c.kind == Some(EntityType::Location) && c.nwords == 1;
        if !c.strong || c.kind == Some(EntityType::Person) || surname {
            let ncw = words(&c.name).count();
            let mut found = None;
            let mut link = words(&c.name)
                .next()
                .and_then(|w0| by_word.get(w0))
                .copied()
                .unwrap_or(END);
            while link != END {
                let (gi, next) = links[link];
                let g = &groups[gi];
                if g.kind != Some(EntityType::Location)
                    && g.kind != Some(EntityType::Organization)
                    && g.nwords > ncw
                    // An untyped name with lower-case words ("Comando della Guardia") is
                    // no person's.
                    && (g.kind.is_some() || words(g.name).all(|w| !w.starts_with(char::is_lowercase)))
                    && words(&c.name).all(|w| words(g.name).any(|gw| gw == w))
                    && (!surname
                        || ((g.kind == Some(EntityType::Person)
                            // Not typed yet, but opened by one of the language's rarer given
                            // names, which will make it a person ("Hillary Clinton").
                            || (g.kind.is_none()
                                && words(g.name).next().is_some_and(|f| lex.given_local.contains(f))))
                            && words(g.name).last() == Some(c.name.as_ref())))
                {
                    found = Some(gi);
                    break;
                }
                link = next;
            }
            if let Some(g) = found {
                assigned[ci] = Some(g);
                if groups[g].kind.is_none() {
                    groups[g].kind = Some(EntityType::Person);
                }
                continue;
            }
        }
        // A name at a sentence start nothing vouches for; a guess from the word after it
        // ("Berlusconi ha detto") is enough.
        // With a type model, the model judges it (it is kept out of the short-form index).
        let unvouched = c.initial
            && c.kind.is_none()
            && !inside.contains(c.name.as_ref())
            && !c.guess.is_some_and(|g| g.1);
        if unvouched && type_model.is_empty() {
            continue;
        }
        let g = groups.len();
        by_name.insert(c.name.as_ref(), g);
        for w in words(&c.name).filter(|_| !unvouched) {
            // Lists are newest first; a name repeating a word adds it once.
            let head = by_word.get(w).copied().unwrap_or(END);
            if head != END && links[head].0 == g {
                continue;
            }
            links.push((g, head));
            by_word.insert(w, links.len() - 1);
        }
        let mut votes = [0; 3];
        vote(&mut votes, c.guess);
        groups.push(Group {
            name: c.name.as_ref(),
            nwords: c.nwords,
            kind: c.kind,
            strong: c.strong,
            votes,
            unvouched,
        });
        assigned[ci] = Some(g);
    }
    // Members of each group, in text order (candidates are in text order).
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (ci, g) in assigned.iter().enumerate() {
        if let Some(g) = g {
            members[*g].push(ci);
        }
    }
    for m in &mut members {
        m.sort_by_key(|&ci| cands[ci].range.start);
    }
    // Type the unknown by the context guesses of all its mentions (one type per name in the
    // article); with none, a multiword name is most often an organization (measured on KIND:
    // ORG 0.594 overall F1 against PER 0.585) and a single word is left out.
    let mut keep: Vec<Option<usize>> = vec![None; groups.len()];
    let mut entities = Vec::new();
    let mut feats = model::Feats::default();
    let mut examples = Vec::new();
    let shared = lexicon::shared();
    for (gi, g) in groups.iter().enumerate() {
        let best = (0..3).max_by_key(|&k| (g.votes[k], std::cmp::Reverse(k)));
        let guessed = best.filter(|&k| g.votes[k] > 0).map(|k| {
            [
                EntityType::Person,
                EntityType::Location,
                EntityType::Organization,
            ][k]
        });
        let spans = &members[gi];
        let rule = match (g.kind, guessed) {
            (Some(k), _) => Some(k),
            (None, Some(k)) => Some(k),
            // Where the language lists its rarer given names, one of them opening the name
            // says person ("Miley Cyrus", "Callum McManaman").
            (None, None) if g.nwords >= 2 && !g.unvouched => Some(
                if g.name
                    .split(' ')
                    .next()
                    .is_some_and(|f| lex.given_local.contains(f))
                {
                    EntityType::Person
                } else {
                    EntityType::Organization
                },
            ),
            (None, None) => None,
        };
        // A city named with an article is a club ("il Milan", "la Roma"), unless the article
        // belongs to the city's name ("il Cairo").
        let club = g.strong
            && g.kind == Some(EntityType::Location)
            && g.nwords == 1
            && !lex.team_articles.is_empty()
            && shared.cities.contains(g.name)
            && !["Il ", "La ", "Lo ", "L'", "Le ", "El "].iter().any(|a| {
                let mut full = String::with_capacity(a.len() + g.name.len());
                full.push_str(a);
                full.push_str(g.name);
                lex.places.contains(&full) || shared.cities.contains(&full)
            })
            && {
                // More mentions after an article than after a preposition of place ("a
                // Milano", "in", "di"); mentions after neither ("Atalanta-Milan", a headline)
                // do not count.
                let (mut art, mut loc) = (0, 0);
                for &m in spans {
                    let (gap, w) = model::before(text, cands[m].range.start);
                    if gap != " " {
                        continue;
                    }
                    let w = lower(w);
                    if lex.team_articles.contains(w.as_ref()) {
                        art += 1;
                    } else if lex.cue_before.get(w.as_ref()) == Some(&EntityType::Location) {
                        loc += 1;
                    }
                }
                art > loc
            };
        // Places of the gazetteer keep their type (metonymy stays LOC: "Mosca ha detto").
        let gazetteer = g.strong
            && g.kind == Some(EntityType::Location)
            && (lex.places.contains(g.name)
                || shared.cities.contains(g.name)
                || lex.province_codes.contains(g.name)
                || g.name
                    .rsplit_once(' ')
                    .is_some_and(|(a, b)| lex.place_adjectives.contains(b) && is_place(lex, a)));
        // ...but a country or city named in sentences that give a score ("battuta dall'Italia
        // 3-0", "contro la Francia per 22-15") by most of its mentions is a team (ORG), as a
        // club is: not after a preposition of place ("a Roma", "in Francia").
        let club = club
            || (gazetteer && !lex.team_articles.is_empty() && {
                let mut team = 0;
                for &m in spans {
                    let r = &cands[m].range;
                    let (gap, w) = model::before(text, r.start);
                    let place = gap == " "
                        && lex.cue_before.get(lower(w).as_ref()) == Some(&EntityType::Location);
                    if !place && scored_sentence(text, r, &lex.sport_words) {
                        team += 1;
                    }
                }
                2 * team > spans.len()
            });
        // A lower-case institution of the lists ("vigili del fuoco", "regione Toscana") or a
        // service's number ("il 118") is typed by them.
        let institution = g.strong
            && g.name
                .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        let kind = if club {
            Some(EntityType::Organization)
        } else if !gazetteer && !institution && !type_model.is_empty() {
            feats.reset(collect);
            model::features(
                lex,
                text,
                &model::Named {
                    name: g.name,
                    nwords: g.nwords,
                    rule,
                    given: g.kind,
                    votes: g.votes,
                    unvouched: g.unvouched,
                    strong: g.strong,
                    low_seen: words(g.name)
                        .next()
                        .is_some_and(|w| low_words.contains(lower(w).as_ref())),
                    coord: {
                        // Names next to its mentions in a list ("Obama, Clinton e Edwards").
                        let mut bits = 0u8;
                        for &m in spans {
                            let r = &cands[m].range;
                            let prev = m.checked_sub(1).map(|p| &cands[p]);
                            let next = cands.get(m + 1);
                            for (c, between) in [
                                (prev, prev.and_then(|p| text.get(p.range.end..r.start))),
                                (next, next.and_then(|x| text.get(r.end..x.range.start))),
                            ] {
                                let (Some(c), Some(b)) = (c, between) else {
                                    continue;
                                };
                                if matches!(b.trim(), "," | "e" | "ed" | "o") {
                                    bits |= match c.kind {
                                        Some(EntityType::Person) => 1,
                                        Some(EntityType::Location) => 2,
                                        Some(EntityType::Organization) => 4,
                                        _ => 8,
                                    };
                                }
                            }
                        }
                        bits
                    },
                    part_of: {
                        // A longer name of the article holding this one-word name.
                        let mut link = if g.nwords == 1 {
                            by_word.get(g.name).copied().unwrap_or(END)
                        } else {
                            END
                        };
                        let mut found = None;
                        while link != END {
                            let (gj, next) = links[link];
                            if gj != gi && groups[gj].nwords > 1 {
                                found = Some((groups[gj].kind, groups[gj].strong));
                                break;
                            }
                            link = next;
                        }
                        found
                    },
                },
                spans
                    .iter()
                    .map(|&m| (cands[m].range.clone(), cands[m].initial)),
                &mut feats,
            );
            if collect {
                examples.push((
                    feats.names.clone().unwrap_or_default(),
                    spans.iter().map(|&m| cands[m].range.clone()).collect(),
                ));
            }
            model::classify(type_model, &feats.hashes)
        } else {
            rule
        };
        let Some(kind) = kind else {
            continue;
        };
        let lead = spans.iter().any(|&m| cands[m].range.start < lead_end);
        let weight = spans.len() as f64 + if lead { 1.0 } else { 0.0 };
        keep[gi] = Some(entities.len());
        entities.push(Entity {
            name: g.name.to_string(),
            kind,
            mentions: spans
                .iter()
                .map(|&m| crate::Span::new(cands[m].range.start, cands[m].range.end))
                .collect(),
            salience: weight,
        });
    }
    let max = entities
        .iter()
        .map(|e| e.salience)
        .fold(0.0f64, f64::max)
        .max(1.0);
    for e in &mut entities {
        e.salience = (e.salience / max * 1000.0).round() / 1000.0;
    }
    // Most salient first; the mention index follows the sort.
    let mut idx: Vec<usize> = (0..entities.len()).collect();
    idx.sort_by(|&a, &b| {
        entities[b].salience.total_cmp(&entities[a].salience).then(
            entities[a].mentions[0]
                .start
                .cmp(&entities[b].mentions[0].start),
        )
    });
    let mut rank = vec![0; entities.len()];
    for (r, &i) in idx.iter().enumerate() {
        rank[i] = r;
    }
    let mut mentions: Vec<Mention> = Vec::new();
    for (ci, g) in assigned.iter().enumerate() {
        if let Some(e) = g.and_then(|g| keep[g]) {
            mentions.push(Mention {
                range: cands[ci].range.clone(),
                entity: rank[e],
            });
        }
    }
    mentions.sort_by_key(|m| (m.range.start, m.range.end));
    let mut sorted: Vec<Entity> = Vec::with_capacity(entities.len());
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    for &i in &idx {
        if let Some(e) = slots[i].take() {
            sorted.push(e);
        }
    }
    Found {
        entities: sorted,
        mentions,
        examples,
        cut_examples: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(code: &str, text: &str) -> Vec<(String, EntityType)> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        detect_in(lang, text, &sents, None)
            .entities
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    /// The names and the text of every mention of `text`.
    fn mention_texts(code: &str, text: &str) -> Vec<(String, String)> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        let found = detect_in(lang, text, &sents, None);
        found
            .mentions
            .iter()
            .map(|m| {
                (
                    found.entities[m.entity].name.clone(),
                    text[m.range.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn mentions_never_cut_a_word() {
        // Initials, abbreviations with periods, an article joined by a hyphen and a web domain
        // are taken whole.
        let m = mention_texts(
            "it",
            "Il libro di J.K. Rowling esce oggi. Il sindaco di Washington D.C. ha parlato \
             con i giornalisti. Un messaggio di al-Qaeda è apparso ieri. Lo riporta il sito \
             Mediaset.it nel pomeriggio.",
        );
        let texts: Vec<&str> = m.iter().map(|(_, t)| t.as_str()).collect();
        for want in ["J.K. Rowling", "Washington D.C.", "al-Qaeda", "Mediaset.it"] {
            assert!(texts.contains(&want), "{want} in {texts:?}");
        }
        assert!(
            !texts.iter().any(|t| *t == "K. Rowling" || *t == "Qaeda"),
            "{texts:?}"
        );
        // In Italian a name cut out of a hyphenated word is no mention ("Centro-nord",
        // "Sentinel-2B", a prefix such as "ex-").
        let m = mention_texts(
            "it",
            "I prezzi sono più alti al Centro-nord che al Sud. Il satellite Sentinel-2B è \
             partito ieri. L'ex-Juventus Marco Bianchi ha firmato.",
        );
        for (_, t) in &m {
            assert!(
                !["Centro", "Sentinel", "Juventus"].contains(&t.as_str()),
                "{t} in {m:?}"
            );
        }
        // English keeps a name before a hyphenated suffix ("Switzerland-based").
        let m = mention_texts(
            "en",
            "The pills, made by the Switzerland-based firm Roche, are sold in Switzerland.",
        );
        assert!(
            m.iter().filter(|(_, t)| t == "Switzerland").count() == 2,
            "{m:?}"
        );
    }

    #[test]
    fn the_articles_tokens_and_the_stages_own_words_give_the_same_entities() {
        for (code, text) in [
            (
                "it",
                "Il presidente russo Vladimir Putin ha scritto a Kim Jong-un. La Commissione \
                 europea e l’ONU a Bruxelles. È la Corte d’appello di Milano.",
            ),
            (
                "en",
                "Senator Ann Ray met Bashar al-Assad in Damascus. The London Stock Exchange \
                 fell; ÉCOLE staff said so.",
            ),
        ] {
            let paragraphs: Vec<&str> = text.split(". ").collect();
            crate::analysis::with_analysis(code, &paragraphs, |a| {
                let run = |tokens| {
                    let f = detect_in_with(a.lang, a.text, &a.sentences, tokens, None, false, None);
                    let names: Vec<_> = f.entities.into_iter().map(|e| (e.name, e.kind)).collect();
                    let spans: Vec<_> = f.mentions.into_iter().map(|m| m.range).collect();
                    (names, spans)
                };
                let with = run(Some(&a.tokens));
                assert!(with.0.len() >= 4, "{code}: {:?}", with.0);
                assert_eq!(with, run(None), "{code}");
            });
        }
    }

    #[test]
    fn emergency_numbers_and_regional_administrations_are_organizations() {
        let e = ents(
            "it",
            "Una donna è caduta dalle scale e i vicini hanno chiamato il 118. I sanitari del \
             118 l’hanno portata in ospedale, mentre la regione Toscana ha stanziato 2 milioni \
             per la sanità. Alle elezioni hanno votato 118 consiglieri.",
        );
        assert_eq!(
            e.iter()
                .filter(|(n, k)| n == "118" && *k == EntityType::Organization)
                .count(),
            1,
            "{e:?}"
        );
        assert!(
            e.contains(&("regione Toscana".into(), EntityType::Organization)),
            "{e:?}"
        );
        assert!(!e.iter().any(|(n, _)| n == "Toscana"), "{e:?}");
        // Without a place after it, "regione" names nothing; a count is no service.
        let e = ents(
            "it",
            "La regione Marco Bianchi è un nome inventato. Sono arrivati 118 tifosi.",
        );
        assert!(!e.iter().any(|(n, _)| n.starts_with("regione")), "{e:?}");
        assert!(!e.iter().any(|(n, _)| n == "118"), "{e:?}");
    }

    #[test]
    fn places_with_lower_case_words_inside_are_one_name() {
        let e = ents(
            "it",
            "Il volo partito da Città del Messico è atterrato vicino a Gravina in Puglia, dove \
             la squadra di Trinidad e Tobago ha incontrato alcuni turisti arrivati dalla \
             Polinesia francese e da San Piero a Sieve.",
        );
        for n in [
            "Città del Messico",
            "Gravina in Puglia",
            "Trinidad e Tobago",
            "Polinesia francese",
            "San Piero a Sieve",
        ] {
            assert!(
                e.contains(&(n.to_string(), EntityType::Location)),
                "{n}: {e:?}"
            );
        }
        for n in ["Messico", "Puglia", "Tobago", "Polinesia", "Sieve"] {
            assert!(!e.iter().any(|(x, _)| x == n), "{n}: {e:?}");
        }
    }

    #[test]
    fn titles_places_and_short_forms() {
        let e = ents(
            "it",
            "Il presidente russo Vladimir Putin ha scritto al leader nordcoreano Kim Jong Un. \
             Putin ha poi chiamato Kim da Mosca. L’Ucraina e la Corea del Nord.",
        );
        assert!(
            e.contains(&("Vladimir Putin".into(), EntityType::Person)),
            "{e:?}"
        );
        assert!(
            e.contains(&("Kim Jong Un".into(), EntityType::Person)),
            "{e:?}"
        );
        assert!(e.contains(&("Mosca".into(), EntityType::Location)), "{e:?}");
        assert!(
            e.contains(&("Ucraina".into(), EntityType::Location)),
            "{e:?}"
        );
        assert!(
            e.contains(&("Corea del Nord".into(), EntityType::Location)),
            "{e:?}"
        );
        assert!(!e.iter().any(|(n, _)| n == "Putin" || n == "Kim"), "{e:?}");
    }

    #[test]
    fn place_split_from_event_name() {
        let e = ents(
            "it",
            "Un messaggio per la Giornata della Liberazione della Corea.",
        );
        assert!(e.contains(&("Corea".into(), EntityType::Location)), "{e:?}");
    }

    #[test]
    fn organizations_by_cue_words() {
        let e = ents(
            "en",
            "He met officials of the Democratic Party and the Ministry of Defense in Paris.",
        );
        assert!(
            e.contains(&("Democratic Party".into(), EntityType::Organization)),
            "{e:?}"
        );
        assert!(
            e.contains(&("Ministry of Defense".into(), EntityType::Organization)),
            "{e:?}"
        );
        assert!(e.contains(&("Paris".into(), EntityType::Location)), "{e:?}");
    }

    #[test]
    fn fast_tokenizer_matches_words() {
        for t in [
            "L’Ucraina, la Corea del Nord e São Paulo: 3,5% — «Mosca».",
            "Ünïcödé wörds ñ 東京 and ASCII-words; end",
            "",
            "  ",
            "x",
        ] {
            let mut out = Vec::new();
            tokenize(t, 0..t.len(), &mut out);
            let a: Vec<(usize, usize)> = out.iter().map(|w| (w.start, w.end)).collect();
            let b: Vec<(usize, usize)> = crate::text::tokens::words(t)
                .map(|w| (w.start, w.end))
                .collect();
            assert_eq!(a, b, "{t}");
        }
    }

    #[test]
    fn institutions_with_complements_and_adjectives() {
        let e = ents(
            "it",
            "Il consiglio di amministrazione si è riunito ieri. Il ministero del tesoro ha \
             risposto al pubblico ministero. La polizia spagnola ha arrestato due uomini. Il \
             Partito Comunista portoghese ha votato contro. Lo ha scritto Domenico Quirico de \
             La Stampa. Il treno fra Dalston e Stratford è fermo. La giunta comunale ha \
             approvato il bilancio. La giunta di ieri è stata lunga. Il virus HIV è noto. L'uragano \
             Katrina ha vinto il premio Strega.",
        );
        for (name, kind) in [
            ("consiglio di amministrazione", EntityType::Organization),
            ("ministero del tesoro", EntityType::Organization),
            ("polizia spagnola", EntityType::Organization),
            ("Partito Comunista portoghese", EntityType::Organization),
            ("Domenico Quirico", EntityType::Person),
            ("giunta comunale", EntityType::Organization),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        // "pubblico ministero" is a prosecutor; "giunta" alone is mostly a common noun; "HIV"
        // names a virus, "Katrina" a storm, "Strega" an award; "de" before an article is "of";
        // "fra" before a place is "between".
        assert!(
            !e.iter()
                .any(|(n, _)| ["ministero", "giunta", "HIV", "Katrina", "Strega"]
                    .contains(&n.as_str())
                    || n.starts_with("de ")
                    || n.starts_with("fra ")),
            "{e:?}"
        );
        assert!(e.iter().any(|(n, _)| n == "La Stampa"), "{e:?}");
        // "al largo di" is offshore: the place is the name after it.
        let e = ents(
            "it",
            "Il peschereccio è affondato al largo di Città del Capo. Abito in piazza \
             Garibaldi a Pisa.",
        );
        assert!(
            e.contains(&("Città del Capo".into(), EntityType::Location)),
            "{e:?}"
        );
        assert!(!e.iter().any(|(n, _)| n.starts_with("largo")), "{e:?}");
        assert!(
            e.contains(&("piazza Garibaldi".into(), EntityType::Location)),
            "{e:?}"
        );
        // An embassy, the armed forces, the secret services: institutions with an adjective
        // only ("forze armate" of two words).
        let e = ents(
            "it",
            "L'ambasciata olandese ha diffuso una nota. Il portavoce dell'ambasciata ha \
             confermato. Le forze armate turche sono entrate nel villaggio. Lo sanno le forze \
             armate di tutto il mondo. I servizi segreti sapevano tutto.",
        );
        for name in ["ambasciata olandese", "forze armate turche"] {
            assert!(
                e.contains(&(name.into(), EntityType::Organization)),
                "{name}: {e:?}"
            );
        }
        assert!(
            !e.iter()
                .any(|(n, _)| ["ambasciata", "forze armate", "servizi segreti"]
                    .contains(&n.as_str())),
            "{e:?}"
        );
    }

    #[test]
    fn institutions_place_heads_and_context() {
        let e = ents(
            "it",
            "Il governo cinese ha protestato. La polizia è arrivata in provincia di Trapani e in \
             piazza Navona. Il sindaco di San Francisco è arrivato a Pollica. Fuser ha detto \
             che tornerà a Roccasecca con Fuser.",
        );
        for (name, kind) in [
            ("governo cinese", EntityType::Organization),
            ("polizia", EntityType::Organization),
            ("provincia di Trapani", EntityType::Location),
            ("piazza Navona", EntityType::Location),
            ("San Francisco", EntityType::Location),
            ("Pollica", EntityType::Location),
            ("Roccasecca", EntityType::Location),
            ("Fuser", EntityType::Person),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        assert!(
            !e.iter().any(|(n, _)| n == "Trapani" || n == "Francisco"),
            "{e:?}"
        );
    }

    #[test]
    fn name_prefixes_articles_and_seats() {
        let e = ents(
            "it",
            "Il quotidiano La Stampa scrive che la Procura di Torino ha sentito don Mario \
             Bianchi e Marcello Dell'Utri. Secondo Giulio Verdi la lettera di Osama bin Laden \
             era falsa. Il leader Kim Jong-un ha parlato. I vigili del fuoco sono arrivati \
             alla stazione di Roccasecca. Piove nell'Italia settentrionale e a Torino.",
        );
        for (name, kind) in [
            ("La Stampa", EntityType::Organization),
            ("Procura", EntityType::Organization),
            ("Torino", EntityType::Location),
            ("don Mario Bianchi", EntityType::Person),
            ("Marcello Dell'Utri", EntityType::Person),
            ("Giulio Verdi", EntityType::Person),
            ("Osama bin Laden", EntityType::Person),
            ("Kim Jong-un", EntityType::Person),
            ("vigili del fuoco", EntityType::Organization),
            ("Roccasecca", EntityType::Location),
            ("Italia settentrionale", EntityType::Location),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        assert!(
            !e.iter()
                .any(|(n, _)| n.starts_with("Secondo") || n.contains("stazione")),
            "{e:?}"
        );
    }

    #[test]
    fn clubs_province_codes_surnames_and_heads() {
        let e = ents(
            "it",
            "Il Milan ha battuto la Roma ieri sera a Milano. Un incidente a Rho (MI) ha fermato \
             il traffico. Bill Clinton ha parlato a lungo e Clinton ha poi lasciato gli USA. \
             La Provincia di Imperia ha scritto al presidente siriano Bashar al-Assad. Papa \
             Paolo VI visitò la Basilica di San Lorenzo.",
        );
        for (name, kind) in [
            ("Milan", EntityType::Organization),
            ("Roma", EntityType::Organization),
            ("Milano", EntityType::Location),
            ("MI", EntityType::Location),
            ("Bill Clinton", EntityType::Person),
            ("USA", EntityType::Location),
            ("Provincia di Imperia", EntityType::Location),
            ("Bashar al-Assad", EntityType::Person),
            ("Paolo VI", EntityType::Person),
            ("Basilica di San Lorenzo", EntityType::Location),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        // After a person's name the code is a party's.
        let e = ents(
            "it",
            "Ha vinto la candidata Raffaella Paita (PD) ieri sera.",
        );
        assert!(!e.contains(&("PD".into(), EntityType::Location)), "{e:?}");
        // "Clinton" is Bill Clinton's surname, no town of its own.
        assert!(!e.iter().any(|(n, _)| n == "Clinton"), "{e:?}");
    }

    #[test]
    fn adjectives_of_institutions_and_place_heads() {
        let e = ents(
            "it",
            "La Chiesa ortodossa ha condannato il crollo del ponte Morandi. Il governo russo \
             ha chiuso la strada statale Salaria e la regione resta isolata. Ha parlato Fratelli d'Italia. Il titolo \
             è quotato alla London Stock Exchange. Piove in Scozia e in Gran Bretagna.",
        );
        for (name, kind) in [
            ("Chiesa ortodossa", EntityType::Organization),
            ("ponte Morandi", EntityType::Location),
            ("governo russo", EntityType::Organization),
            ("statale Salaria", EntityType::Location),
            ("Fratelli d'Italia", EntityType::Organization),
            ("Scozia", EntityType::Location),
            ("Gran Bretagna", EntityType::Location),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        // A place before a name that starts with no given name is part of it.
        assert!(e.iter().any(|(n, _)| n == "London Stock Exchange"), "{e:?}");
    }

    #[test]
    fn national_teams_in_scores_and_name_suffixes() {
        // A country named in the sentences of a score is a team; the country of a sentence
        // with no score stays a place, and so does a mention after a preposition of place.
        let e = ents(
            "it",
            "La Francia ha battuto l'Italia 22-15 a Parigi. Poi la Francia ha perso 3-0 in \
             Germania. La Spagna ha firmato l'accordo con il Portogallo. Floyd Mayweather Jr. \
             ha vinto ancora.",
        );
        for (name, kind) in [
            ("Francia", EntityType::Organization),
            ("Italia", EntityType::Organization),
            ("Parigi", EntityType::Location),
            ("Germania", EntityType::Location),
            ("Spagna", EntityType::Location),
            ("Portogallo", EntityType::Location),
            ("Floyd Mayweather Jr.", EntityType::Person),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        // A year or a range of years is no score.
        assert!(!scored_sentence(
            "Nel 2010-2011 la Francia",
            &(14..21),
            &lexicon::Set::default()
        ));
        assert!(scored_sentence(
            "La Francia vince 3 - 0",
            &(3..10),
            &lexicon::Set::default()
        ));
        // A sentence about a match without a score, by a word of `sport_words`.
        let sport: lexicon::Set = ["torneo".to_string()].into_iter().collect();
        assert!(scored_sentence(
            "Il Brasile vince il torneo.",
            &(3..10),
            &sport
        ));
        assert!(!scored_sentence(
            "Il Brasile vince le elezioni.",
            &(3..10),
            &sport
        ));
        let e = ents(
            "it",
            "Il Brasile ha vinto il torneo di pallavolo battendo la Polonia in semifinale. \
             Intanto il governo del Cile ha protestato con l'Argentina.",
        );
        for (name, kind) in [
            ("Brasile", EntityType::Organization),
            ("Polonia", EntityType::Organization),
            ("Cile", EntityType::Location),
            ("Argentina", EntityType::Location),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
    }

    #[test]
    fn compounds_works_initials_and_clubs() {
        let e = ents(
            "it",
            "Il volo per Port-au-Prince è partito ieri dalla stazione Roma-Lido. L'uragano \
             Katrina ha colpito la costa. Poi Katrina si è indebolita. Il film Titanic torna \
             al cinema. Lo ha detto Andrea C. ai giornalisti. Gli Usa hanno risposto. Dida non \
             giocherà contro il Milan. Milan: sconfitta a Milano.",
        );
        for (name, kind) in [
            ("Port-au-Prince", EntityType::Location),
            ("Usa", EntityType::Location),
            ("Milan", EntityType::Organization),
        ] {
            assert!(e.contains(&(name.into(), kind)), "{name}: {e:?}");
        }
        // A bare hyphen is never cut; a storm's or a film's name is none in any mention; an
        // initial keeps its period.
        assert!(
            !e.iter().any(
                |(n, _)| ["Lido", "Prince", "Katrina", "Titanic", "Andrea C"].contains(&n.as_str())
            ),
            "{e:?}"
        );
        assert!(e.iter().any(|(n, _)| n == "Andrea C."), "{e:?}");
    }

    #[test]
    fn the_pontiff_is_a_title() {
        // "Pontefice" alone names no organization; before a name it marks a person.
        let e = ents(
            "it",
            "Le condizioni del Pontefice sono stabili, dice il bollettino. Ieri il pontefice \
             Francesco ha ricevuto i vescovi.",
        );
        assert!(!e.iter().any(|(n, _)| n.contains("Pontefice")), "{e:?}");
        assert!(
            e.contains(&("Francesco".to_string(), EntityType::Person)),
            "{e:?}"
        );
    }

    #[test]
    fn institutions_that_qualify_a_noun_are_none() {
        // "di governo" after a noun, "forze di polizia": no institution.
        let e = ents(
            "it",
            "La crisi di governo è stata aperta ieri sera. Le forze di polizia sono arrivate \
             in piazza poco dopo.",
        );
        assert!(
            !e.iter()
                .any(|(n, _)| n.contains("governo") || n.contains("polizia")),
            "{e:?}"
        );
        // The same nouns as the subject stay institutions.
        let e = ents(
            "it",
            "Il governo ha approvato il decreto ieri sera. La polizia è arrivata poco dopo.",
        );
        for n in ["governo", "polizia"] {
            assert!(
                e.contains(&(n.to_string(), EntityType::Organization)),
                "{n}: {e:?}"
            );
        }
    }

    #[test]
    fn listed_organizations_without_a_cue_are_organizations() {
        // Unions, associations and companies named bare, at a sentence start or after a verb;
        // "Yahoo!" keeps its mark.
        let e = ents(
            "it",
            "La Fiom e la Cgil hanno proclamato uno sciopero di otto ore a Monfalcone. Il \
             portale Yahoo! ha ripreso la notizia, mentre Legambiente ha chiesto chiarimenti. \
             Amnesty ha denunciato gli arresti.",
        );
        for n in ["Fiom", "Cgil", "Yahoo!", "Legambiente", "Amnesty"] {
            assert!(
                e.contains(&(n.to_string(), EntityType::Organization)),
                "{n}: {e:?}"
            );
        }
        assert!(
            e.contains(&("Monfalcone".to_string(), EntityType::Location)),
            "{e:?}"
        );
    }

    #[test]
    fn listed_organizations_are_a_feature_of_the_type_model() {
        // Names of the organization lists (the language's and the shared one) carry the
        // feature "orgl"; a name of no list does not.
        let lang = crate::lang::get("it").unwrap();
        let text = "Lo sciopero generale è stato proclamato dalla Cgil per venerdì. \
                    Anche Legambiente e la Juventus hanno aderito, ha detto Marco Ferraresi.";
        let sents = crate::text::sentences::split(text, lang);
        let found = detect_in_with(lang, text, &sents, None, None, true, None);
        let feats = |name: &str| {
            found
                .examples
                .iter()
                .find(|(_, spans)| spans.iter().any(|r| &text[r.clone()] == name))
                .map(|(f, _)| f.clone())
                .unwrap_or_default()
        };
        for name in ["Cgil", "Legambiente", "Juventus"] {
            assert!(
                feats(name).iter().any(|f| f == "orgl"),
                "{name}: {:?}",
                feats(name)
            );
        }
        let person = feats("Marco Ferraresi");
        assert!(
            !person.is_empty() && !person.iter().any(|f| f == "orgl"),
            "{person:?}"
        );
    }

    #[test]
    fn type_model_parses_and_scores() {
        let lines: Vec<String> = [
            "# comment",
            "bias 0 0 0 1",
            "gn1 2 0 0 0",
            "bad line",
            "x 1 2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = model::parse(&lines);
        assert_eq!(m.len(), 2, "{m:?}");
        let f = |v: &[&str]| v.iter().map(|s| model::key(s)).collect::<Vec<_>>();
        assert_eq!(model::classify(&m, &f(&["bias"])), None);
        assert_eq!(
            model::classify(&m, &f(&["bias", "gn1", "unknown"])),
            Some(EntityType::Person)
        );
        // The Italian model is compiled in and not empty, with cut weights.
        let it = lexicon::get(crate::lang::get("it").unwrap());
        assert!(it.type_model.len() > 100);
        assert!(model::has_cuts(&it.type_model));
    }

    #[test]
    fn the_cut_model_joins_and_cuts_runs() {
        let lang = crate::lang::get("it").unwrap();
        let names = |model: &str, text: &str| -> Vec<String> {
            let lines: Vec<String> = model.lines().map(String::from).collect();
            let m = model::parse(&lines);
            let sents = crate::text::sentences::split(text, lang);
            let mut v: Vec<String> =
                detect_in_with(lang, text, &sents, None, None, false, Some(&m))
                    .entities
                    .into_iter()
                    .map(|e| e.name)
                    .collect();
            v.sort();
            v
        };
        let text = "Lo ha detto la Agenzia per la Protezione della Salute di Londra. \
                    Poi ha parlato Rai 1.";
        // Every name an organization; a model that joins everywhere, one that cuts everywhere.
        let join = names("bias 0 0 1 0\nJ|bias 1 0 0 0\n", text);
        assert!(
            join.contains(&"Agenzia per la Protezione della Salute di Londra".to_string()),
            "{join:?}"
        );
        assert!(join.contains(&"Rai 1".to_string()), "{join:?}");
        let cut = names("bias 0 0 1 0\nJ|bias 0 1 0 0\n", text);
        for n in ["Agenzia", "Protezione", "Salute", "Londra", "Rai"] {
            assert!(cut.contains(&n.to_string()), "{cut:?}");
        }
        // "da" before a place is not asked: "Kim da Mosca" is cut whatever the model says.
        let kim = names(
            "bias 1 0 0 0\nJ|bias 1 0 0 0\n",
            "Ha chiamato Kim da Mosca.",
        );
        assert!(!kim.iter().any(|n| n.contains(" da ")), "{kim:?}");
        // Without cut weights the rules decide, as before: no optional joins.
        let rules = names("bias 0 0 1 0\n", text);
        assert!(
            !rules.iter().any(|n| n.contains(" per ") || n == "Rai 1"),
            "{rules:?}"
        );
    }
}
