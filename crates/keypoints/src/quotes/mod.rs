//! Quotes and reported speech with their speakers.
//!
//! # How it works
//! Everything is driven by the language folder's cue lists (`speech_verbs`, `speech_gerunds`,
//! `auxiliaries`, `cue_adverbs`, `complementizers`, `according_to`, `pronouns`, `label_verbs`,
//! ...), so Italian, English, German, French and Spanish share one machinery. Per sentence:
//! 1. **Quote marks** are paired per paragraph (“…”, «…», „…“, "…", and ‘…’ only where the
//!    closing mark is not an apostrophe inside a word).
//! 2. **Verb cues**: a verb of saying with its auxiliary and adverbs ("ha anche detto",
//!    "has said"). Its content is, in order of preference: the quote or clause after a colon;
//!    the clause after a complementizer found within a few words ("ha detto al leader Kim che
//!    ...", "said that"); in English, the clause right after the verb ("said he would"); or,
//!    when the cue closes the sentence after a comma ("…, ha riferito l’agenzia.", "…, he said."),
//!    the clause before the comma. Content holding a quote is `mixed`, content that is a quote
//!    is `direct`, an inverted attribution without quote marks is `according_to`, the rest is
//!    `indirect`. The content stops before a later ", secondo X" or inverted attribution, and
//!    before a coordinated clause with a cue of its own ("…, and they rejected …"). A passive
//!    with nothing reported after it ("was first reported by the Herald") reports its subject.
//! 3. **Source cues** ("secondo", "according to", "laut", "selon", "según") name the source in
//!    the words that follow, up to the next punctuation; the content is the rest of the
//!    sentence on the other side of the comma.
//! 4. **Labels** ("descritta da Mosca come una “operazione militare speciale”") attribute the
//!    quote after them to the agent.
//! 5. Quote marks left over are `direct` quotes; a whole-sentence quote right after another
//!    quote inherits its speaker.
//!
//! # Speakers
//! The subject of a verb cue is looked for between the start of its clause and the cue: the last
//! entity mention there that does not follow a preposition ("a Kim" is not a subject), else a
//! pronoun, resolved to the most recent person mentioned in subject position, else the noun
//! phrase itself ("L’agenzia di stampa statale", "the poll"). An empty subject (Italian drops
//! it) is the last person who spoke or stood in subject position. Gerunds ("dicendo") take
//! the subject of the main clause. Names are canonical through the entity stage's coreference
//! ("Kim" is "Kim Jong Un"); the speaker's span is the mention in the sentence.
//!
//! Quotes inside the given key-points box are found too: their spans are in characters of that
//! box item, whose index is in [`Quote::given_key_point`].
pub(crate) mod cues;
pub mod eval;
mod model;
mod tidy;

use std::borrow::Cow;
use std::ops::Range;

use crate::analysis::Analysis;
use crate::digest::{EntityType, Quote, QuoteKind, Speaker};
use crate::entities::{self, Found};
use crate::lang::Language;
use crate::text::tokens::{words, Tokens, Word};
use crate::text::CharMap;
use cues::{flag, fold, low_eq, Cues};

/// Finds the quotes of the analysed article.
pub fn find(a: &Analysis) -> Vec<Quote> {
    let found = entities::detect(a);
    find_with(a, &found)
}

/// Finds the quotes of the analysed article given its entities (from [`entities::detect`]).
pub fn find_with(a: &Analysis, found: &Found) -> Vec<Quote> {
    // The sentence a dateline opens ("ROMA (ANSA) - ") is read from after it: the place is no
    // subject or speaker, and reported speech that opens the story starts after it.
    let sentences: std::borrow::Cow<[Range<usize>]> = match a.dateline() {
        Some(d) => a
            .sentences
            .iter()
            .map(|s| {
                if s.start <= d.start && d.end < s.end {
                    d.end..s.end
                } else {
                    s.clone()
                }
            })
            .collect(),
        None => std::borrow::Cow::Borrowed(&a.sentences[..]),
    };
    let raw = find_raw(a.lang, a.text, &sentences, Some(&a.tokens), found, None);
    let mut out: Vec<Quote> = raw
        .into_iter()
        .filter(|q| !q.content.is_empty())
        .map(|q| q.balanced(a.text).into_quote(&a.chars, None))
        .collect();
    for (i, item) in a.parts.given_key_points.iter().enumerate() {
        let sents = crate::text::sentences::split(item, a.lang);
        let local = entities::detect_in(a.lang, item, &sents, None);
        let chars = CharMap::new(item);
        for mut q in find_raw(a.lang, item, &sents, None, &local, Some(found))
            .into_iter()
            .filter(|q| !q.content.is_empty())
        {
            q.item = Some(i);
            out.push(q.balanced(item).into_quote(&chars, Some(i)));
        }
    }
    out
}

/// `content` widened over the closing (or opening) mark of a quoted part it opens (or closes),
/// so that a mixed quote reads `i due paesi “amplieranno … congiunti”`, not with one mark.
fn balanced(text: &str, content: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(content.clone()) else {
        return content;
    };
    // The marks' first bytes are found with memchr (most contents hold none).
    let (mut straight, mut low9) = (0usize, 0usize);
    let mut n = [0usize; 4]; // “ ” « »
    let b = s.as_bytes();
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, b) {
        match b[i] {
            b'"' => straight += 1,
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => n[0] += 1,
                Some(0x9D) => n[1] += 1,
                Some(0x9E) => low9 += 1,
                _ => {}
            },
            0xC2 => match b.get(i + 1) {
                Some(0xAB) => n[2] += 1,
                Some(0xBB) => n[3] += 1,
                _ => {}
            },
            _ => {}
        }
    }
    let (mut start, mut end) = (content.start, content.end);
    // „…“ (German) closes with the mark that opens “…” elsewhere.
    let pairs = if low9 > 0 {
        [('„', '“', low9, n[0]), ('«', '»', n[2], n[3])]
    } else {
        [('“', '”', n[0], n[1]), ('«', '»', n[2], n[3])]
    };
    for (open, close, opened, closed) in pairs {
        if opened > closed && text[end..].starts_with(close) {
            end += close.len_utf8();
        } else if closed > opened && text[..start].ends_with(open) {
            start -= open.len_utf8();
        }
    }
    if straight % 2 == 1 {
        if text[end..].starts_with('"') {
            end += 1;
        } else if text[..start].ends_with('"') {
            start -= 1;
        }
    }
    start..end
}

/// A quote in bytes, before conversion to the output model.
#[derive(Debug, Clone)]
struct Raw {
    content: Range<usize>,
    speaker: Option<(String, Range<usize>)>,
    cue: String,
    kind: QuoteKind,
    text: String,
    item: Option<usize>,
}

impl Raw {
    /// The quote with its content widened over the other mark of a quoted part it holds only
    /// one mark of ([`balanced`]), and without white space at its ends.
    fn balanced(mut self, text: &str) -> Raw {
        let mut r = balanced(text, self.content.clone());
        // No white space at the ends ("« Nous allons continuer »" holds " Nous … continuer ").
        if let Some(c) = text.get(r.clone()) {
            let lead = c.len() - c.trim_start().len();
            let trail = c.len() - c.trim_end().len();
            if lead + trail < c.len() {
                r = r.start + lead..r.end - trail;
            }
        }
        if r != self.content {
            self.text = text[r.clone()].to_string();
            self.content = r;
        }
        self
    }

    fn into_quote(self, chars: &CharMap, item: Option<usize>) -> Quote {
        Quote {
            text: chars.span(self.content.start, self.content.end),
            speaker: self.speaker.map(|(name, r)| {
                let s = chars.span(r.start, r.end);
                Speaker {
                    name,
                    start: s.start,
                    end: s.end,
                }
            }),
            cue: self.cue,
            kind: self.kind,
            content: self.text,
            given_key_point: item,
        }
    }
}

/// A quote mark (or a paragraph break, `PARAGRAPH`) with the characters around it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    c: char,
    prev: char,
    /// The next character, a space at the end of the text.
    next: char,
}

const PARAGRAPH: char = '\u{2029}';

/// The quote marks and paragraph breaks of `text`, found on their first byte.
fn marks(text: &str) -> Vec<Mark> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // True when the eight bytes of `x` hold byte `b` (the classic zero-byte test).
    let holds = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Skip eight plain ASCII bytes at a time.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut a = [0u8; 8];
            a.copy_from_slice(chunk);
            let x = u64::from_le_bytes(a);
            if x & HIGH == 0 && !holds(x, b'"') && !holds(x, b'\'') && !holds(x, b'\n') {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        // ASCII marks, a newline, or the first byte of “ ” ‘ ’ „ (E2) and « » (C2).
        if !matches!(b, b'"' | b'\'' | b'\n' | 0xE2 | 0xC2) {
            continue;
        }
        let i = i - 1;
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        let para = c == '\n' && bytes.get(i + 1) == Some(&b'\n');
        if !para && !matches!(c, '“' | '”' | '«' | '»' | '„' | '"' | '‘' | '’' | '\'') {
            continue;
        }
        out.push(Mark {
            pos: i,
            c: if para { PARAGRAPH } else { c },
            prev: text[..i].chars().next_back().unwrap_or(' '),
            next: text[i + c.len_utf8()..].chars().next().unwrap_or(' '),
        });
    }
    out
}

/// The index of the closing '' of a double-apostrophe quote whose content starts at mark
/// `from`: the last two of a run of apostrophes not followed by a letter, in the paragraph.
fn closing_pair(marks: &[Mark], from: usize) -> Option<usize> {
    let mut j = from;
    while j < marks.len() {
        let m = marks[j];
        if m.c == PARAGRAPH {
            return None;
        }
        if m.c == '\'' && m.next == '\'' {
            let mut e = j + 1;
            while e + 1 < marks.len() && marks[e].next == '\'' && marks[e + 1].c == '\'' {
                e += 1;
            }
            if !marks[e].next.is_alphanumeric() {
                return Some(e - 1);
            }
            j = e + 1;
            continue;
        }
        j += 1;
    }
    None
}

/// Pairs of quote marks in `text`: the byte range inside the marks.
pub(crate) fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let ms = marks(text);
    let mut i = 0;
    while i < ms.len() {
        let m = ms[i];
        let (pos, c) = (m.pos, m.c);
        // Two apostrophes make a double mark (''…'', as some newspapers' feeds write it).
        if c == '\'' && m.next == '\'' {
            if m.prev.is_whitespace() || "([{—–-".contains(m.prev) {
                if let Some(j) = closing_pair(&ms, i + 2) {
                    let start = pos + 2;
                    if ms[j].pos > start {
                        out.push(start..ms[j].pos);
                    }
                    i = j + 2;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        // Texts typed with mixed marks close a “ with a " and a " with a ”.
        let closers: &[char] = match c {
            '“' => &['”', '“', '"'],
            '«' => &['»'],
            '„' => &['“', '”'],
            '"' => &['"', '”'],
            '‘' => &['’'],
            // A closing mark typed as the opening one (”…”, or ”…“ in careless copy): only
            // after a space or a line start and before a word.
            '”' if (m.prev.is_whitespace() || "([{—–-".contains(m.prev))
                && m.next.is_alphanumeric() =>
            {
                &['”', '“', '"']
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if (c == '‘' || c == '"') && !(m.prev.is_whitespace() || "([{—–-".contains(m.prev)) {
            // An opening mark follows a space, a line start or an opening bracket.
            i += 1;
            continue;
        }
        let start = pos + c.len_utf8();
        let mut j = i + 1;
        let mut close = None;
        while j < ms.len() {
            let d = ms[j];
            if d.c == PARAGRAPH {
                break; // quotes do not run across paragraphs here
            }
            // A “ closes a “ only where it looks like a closing mark (after a word, before
            // a space or punctuation), as in texts typed with one kind of mark.
            let looks_closing = match c {
                '“' => {
                    !matches!(d.c, '“' | '"')
                        || (d.pos > start && !d.prev.is_whitespace() && !d.next.is_alphanumeric())
                }
                '”' => !(d.prev.is_whitespace() && d.next.is_alphanumeric()),
                _ => true,
            };
            if closers.contains(&d.c) && looks_closing {
                if d.c == '’' && d.next.is_alphanumeric() {
                    j += 1;
                    continue; // an apostrophe inside a word
                }
                close = Some((d.pos, j));
                break;
            }
            j += 1;
        }
        match close {
            Some((p, j)) => {
                if p > start {
                    out.push(start..p);
                }
                i = j + 1;
            }
            None => {
                // A quote opening its paragraph and left open there goes on in the next
                // paragraph (the convention for quotes of several paragraphs): it covers the
                // rest of its own.
                let para_start = pos == 0 || m.prev == '\n';
                // So does one opening a sentence after another's end ("“A,” he said. “B …¶").
                let sentence_start = m.prev.is_whitespace()
                    && text[..pos]
                        .trim_end()
                        .ends_with(['.', '?', '!', '”', '"', '»']);
                if (para_start || sentence_start) && matches!(c, '“' | '"' | '«' | '„') {
                    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
                    let end = start + text[start..end].trim_end().len();
                    if end > start {
                        out.push(start..end);
                    }
                    // Skip the marks of this paragraph.
                    while i < ms.len() && ms[i].pos < end {
                        i += 1;
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

struct Ctx<'a> {
    lang: &'static Language,
    lex: &'static Cues,
    text: &'a str,
    found: &'a Found,
    /// The article's entities when `found` is of a box item.
    article: Option<&'a Found>,
    quotes: Vec<Range<usize>>,
    /// Last person in subject position or speaking.
    last_person: Option<Person<'a>>,
    /// The speaker of the last cue of the current sentence, for a second verb of the same
    /// subject ("she praised Garland and said …").
    sentence_speaker: Option<(String, Range<usize>)>,
    /// What "Lo ha detto il sindaco." reports: the content of the last quote of the previous
    /// sentence, or that whole sentence (bytes).
    prev_sentence: Option<Range<usize>>,
}

/// A person remembered for later pronouns: a mention (named when needed) or a name.
#[derive(Debug, Clone)]
enum Person<'a> {
    Mention(&'a entities::Mention),
    Name(String),
}

/// A word of a sentence with its lower-case form (borrowed when already lower case).
#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// The lists the word is on ([`cues::flag`]).
    flags: u32,
    /// The gap after the word breaks a clause ([`Ctx::breaks`]); false for a sentence's last
    /// word. Worked out once per word: the clause rules ask it about the same gaps many times.
    breaks: bool,
}

/// A cue found in a sentence: token range and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Verb,
    Gerund,
    Source,
    Label,
}

/// What a verb cue's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VerbClass {
    /// A verb of saying or thinking: a reported clause.
    Speech,
    /// Another attribution verb: its object ("called the plan a mistake").
    Attribution,
    /// A raising verb: its subject and infinitive ("Trump seemed to win").
    Raising,
}

#[derive(Debug, Clone)]
struct Cue {
    kind: CueKind,
    class: VerbClass,
    /// First and last token (inclusive) of the cue words.
    first: usize,
    last: usize,
    /// Token of the verb itself.
    verb: usize,
}

/// The quotes of `text`, whose sentences are `sentences`. `tokens`, when given, are the words of
/// those sentences already looked up (the article's [`Analysis::tokens`]); otherwise the words
/// are found here.
fn find_raw(
    lang: &'static Language,
    text: &str,
    sentences: &[Range<usize>],
    tokens: Option<&Tokens>,
    found: &Found,
    article: Option<&Found>,
) -> Vec<Raw> {
    let (mut out, nested) = find_all(lang, text, sentences, tokens, found, article);
    // The learned second opinion, where the language has one: it drops quotes the rules keep
    // and keeps nested attributions the rules drop.
    if let Some(m) = model::get(lang) {
        let lex = cues::get(lang);
        let headline_end = text.find('\n').unwrap_or(text.len());
        let mut kept: Vec<Raw> = nested
            .into_iter()
            .filter(|_| m.vets_nested())
            .filter(|(r, o)| {
                m.keeps_nested(&model::features(
                    r,
                    Some(&out[*o]),
                    (false, false, true),
                    text,
                    headline_end,
                    sentences,
                    lex,
                    Some(m),
                    false,
                ))
            })
            .map(|(r, _)| r)
            .collect();
        let keep: Vec<bool> = (0..out.len())
            .map(|i| {
                let ov = model::overlaps(&out, i);
                m.keeps(&model::features(
                    &out[i],
                    None,
                    ov,
                    text,
                    headline_end,
                    sentences,
                    lex,
                    Some(m),
                    false,
                ))
            })
            .collect();
        let mut keep = keep.into_iter();
        out.retain(|_| keep.next().unwrap_or(true));
        if !kept.is_empty() {
            out.append(&mut kept);
            out.sort_by_key(|r| (r.content.start, r.content.end));
        }
    }
    tidy::speakers(cues::get(lang), text, &mut out);
    out
}

/// A quote the rules found with what the learned model is asked about it, for training the
/// model (`tools/quote_model`).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The quote, in characters of the analysed text.
    pub quote: Quote,
    /// True for an attribution nested inside another quote's content (the rules drop those).
    pub nested: bool,
    /// The model's features of the quote.
    pub features: Vec<String>,
}

/// Every quote the rules find in the article's text (not the key-points box), kept or dropped as
/// nested, before the learned model decides, with its features.
pub fn candidates(a: &Analysis) -> Vec<Candidate> {
    let found = entities::detect(a);
    let lex = cues::get(a.lang);
    let (out, nested) = find_all(a.lang, a.text, &a.sentences, Some(&a.tokens), &found, None);
    let mut res = Vec::new();
    for (r, outer, ov) in out
        .iter()
        .enumerate()
        .map(|(i, r)| (r, None, model::overlaps(&out, i)))
        .chain(
            nested
                .iter()
                .map(|(r, o)| (r, out.get(*o), (false, false, true))),
        )
    {
        if r.content.is_empty() {
            continue;
        }
        let headline_end = a.text.find('\n').unwrap_or(a.text.len());
        let f = model::features(
            r,
            outer,
            ov,
            a.text,
            headline_end,
            &a.sentences,
            lex,
            None,
            true,
        );
        res.push(Candidate {
            quote: r.clone().into_quote(&a.chars, None),
            nested: outer.is_some(),
            features: f.names.unwrap_or_default(),
        });
    }
    res
}

/// The quotes the rules keep, and those they drop as nested, each with the index of its outer
/// quote among the kept ones.
#[allow(clippy::type_complexity)]
fn find_all(
    lang: &'static Language,
    text: &str,
    sentences: &[Range<usize>],
    tokens: Option<&Tokens>,
    found: &Found,
    article: Option<&Found>,
) -> (Vec<Raw>, Vec<(Raw, usize)>) {
    let mut cx = Ctx {
        lang,
        lex: cues::get(lang),
        text,
        found,
        article,
        quotes: quote_spans(text),
        last_person: None,
        sentence_speaker: None,
        prev_sentence: None,
    };
    let mut out: Vec<Raw> = Vec::new();
    let mut toks = Vec::new();
    let tokens = tokens.filter(|t| t.sentences.len() == sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        match tokens {
            Some(tk) => {
                toks.clear();
                // The list bits of each form were looked up with the language's cues when the
                // vocabulary first met it (`flags_of` of the lower case: it ignores case).
                // A sentence may start after its first words (a dateline's).
                toks.extend(
                    tk.sentence(i)
                        .iter()
                        .filter(|w| w.start >= s.start)
                        .map(|w| Tok {
                            start: w.start,
                            end: w.end,
                            text: &text[w.start..w.end],
                            flags: tk.form(w).cues,
                            breaks: false,
                        }),
                );
            }
            None => cx.words(s.clone(), &mut toks),
        }
        drop_designators(text, &mut toks);
        cx.mark_breaks(&mut toks);
        cx.sentence(s.clone(), &toks, &mut out);
    }
    extend_over_colons(&mut out, text, sentences, &cx);
    // Quote marks nobody claimed. A quote that goes on after its attribution ("“A,” he said.
    // “B.”", or "“A,” he said, “B.”") continues the quote before it in the paragraph.
    out.sort_by_key(|r| (r.content.start, r.content.end));
    let mut left = Vec::new();
    // The attributions between a quote and its continuation ("“A,” she said, adding that …
    // “B.”"): what is reported there is no part of the quote.
    let mut gaps: Vec<Range<usize>> = Vec::new();
    for q in &cx.quotes {
        let q = q.clone();
        if out
            .iter()
            .any(|r| r.content.start <= q.start && r.content.end >= q.end)
        {
            continue;
        }
        // A quote that opens inside a reported clause and runs on past its sentence ("Brooks
        // said the tone “was bad. They end up hurting themselves.”") ends that clause.
        if let Some(r) = out.iter_mut().find(|r| {
            r.item.is_none()
                && r.content.start < q.start
                && q.start <= r.content.end + 3
                && r.content.end < q.end
                && !text[r.content.start..q.start].contains('\n')
                // Not one opening the next sentence ("…, he said, referring to the
                // committee. "I'm sure …"): the clause ended before it.
                && !text
                    .get(r.content.end..q.start)
                    .is_some_and(|g| g.contains(['.', '?', '!']))
        }) {
            r.content.end = q.end;
            r.text = text[r.content.clone()].to_string();
            if r.kind == QuoteKind::Indirect || r.kind == QuoteKind::AccordingTo {
                r.kind = QuoteKind::Mixed;
            }
            continue;
        }
        // The latest attributed quote before it ("“A,” she said, adding that …. “B.”").
        let prev = out
            .iter_mut()
            .filter(|r| r.content.end <= q.start && r.item.is_none())
            .filter(|r| cx.ends_quote(r.content.end))
            .max_by_key(|r| r.content.end);
        let short = words(&text[q.clone()]).take(4).count() < 4;
        // A short quote goes on only as a sentence of its own (“No.”), not as a title.
        let sentence = text[q.clone()].trim_end().ends_with(['.', '?', '!']);
        if let Some(p) = prev.filter(|_| !short || sentence) {
            if cx.continues(p, &q) {
                if text[p.content.end..q.start].contains('\n') {
                    // In a paragraph of its own: a quote of the same speaker.
                    left.push(Raw {
                        content: q.clone(),
                        speaker: p.speaker.clone(),
                        cue: p.cue.clone(),
                        kind: QuoteKind::Direct,
                        text: text[q].to_string(),
                        item: None,
                    });
                } else {
                    gaps.push(p.content.end..q.start);
                    p.content.end = q.end;
                    p.text = text[p.content.clone()].to_string();
                }
                continue;
            }
        }
        // A quote signed at the end of its line ("“…” ― Sonya Herridge"), as under a photo
        // or in a collection of readers' answers.
        // A title in capitals (“How the Grinch Stole Christmas,”), not a speaker's words.
        let (mut all, mut caps) = (0, 0);
        for w in words(&text[q.clone()]).take(12) {
            all += 1;
            caps += usize::from(w.text.starts_with(char::is_uppercase));
        }
        let title = all <= 10 && caps * 10 >= all * 6;
        if short || title {
            continue; // scare quotes and titles
        }
        let (speaker, cue) = match cx.signature(q.clone()) {
            Some((name, range, dash)) => (Some((name, range)), dash.to_string()),
            None => (None, String::new()),
        };
        left.push(Raw {
            content: q.clone(),
            speaker,
            cue,
            kind: QuoteKind::Direct,
            text: text[q].to_string(),
            item: None,
        });
    }
    out.extend(left);
    out.sort_by_key(|r| (r.content.start, r.content.end));
    // Two cues of one content ("X is expected to vote, aides said"): the one with a speaker
    // stays.
    out.dedup_by(|b, a| {
        let same = a.content == b.content;
        if same && a.speaker.is_none() && b.speaker.is_some() {
            std::mem::swap(a, b);
        }
        same
    });
    split_coordinated(&mut out, text, cx.lex);
    let nested = drop_nested(&mut out, &gaps);
    (out, nested)
}

/// The length in bytes of the designator `g` opens with, if it does: a space and a short
/// parenthesis of capitalized letters after a name, a party and state ("Sen. Claire McCaskill
/// (D-Mo.) said", "Rep. John Mica (R-Fla.)") or a party ("Mario Rossi (Pd) ha detto"). It stands
/// between a speaker and the verb without breaking the clause.
fn designator_len(g: &str) -> Option<usize> {
    let inner = g.strip_prefix(" (")?;
    let close = inner.find(')')?;
    let d = &inner[..close];
    let ok = (1..=12).contains(&d.len())
        && d.starts_with(|c: char| c.is_ascii_uppercase())
        && d.bytes().filter(|&b| b == b' ').count() <= 1
        && d.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b' '));
    ok.then_some(2 + close + 1)
}

/// Takes out of a sentence's words those of a designator after a capitalized word
/// ([`designator_len`]): "McCaskill (D-Mo.) said" reads "McCaskill said".
fn drop_designators(text: &str, toks: &mut Vec<Tok>) {
    // Most sentences hold no parenthesis: one scan of their bytes.
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return;
    };
    if memchr::memchr(b'(', &text.as_bytes()[first.start..last.end]).is_none() {
        return;
    }
    let mut i = 0;
    while i + 1 < toks.len() {
        let a = toks[i].end;
        let n = match text.as_bytes().get(a..a + 2) {
            Some(b" (") if toks[i].text.starts_with(char::is_uppercase) => {
                designator_len(&text[a..])
            }
            _ => None,
        };
        if let Some(n) = n {
            let end = a + n;
            let k = toks[i + 1..].partition_point(|t| t.start < end);
            toks.drain(i + 1..i + 1 + k);
        }
        i += 1;
    }
}

/// A reported clause that ends with a colon where the sentence splitter broke the sentence
/// ("Iowa will prove what his supporters have long said: He is …", "said he is left with only
/// two options: Vote for …") goes on over what the colon announces, to the end of the next
/// sentence when it is in the same paragraph. `sentences` are sorted and disjoint.
fn extend_over_colons(out: &mut Vec<Raw>, text: &str, sentences: &[Range<usize>], cx: &Ctx) {
    for r in out.iter_mut() {
        if r.item.is_some() {
            continue;
        }
        let Some(c) = text.get(r.content.clone()) else {
            continue;
        };
        if !c.trim_end().ends_with(':') {
            continue;
        }
        // The sentence after the one the content ends in.
        let i = sentences.partition_point(|s| s.end < r.content.end);
        let Some(next) = sentences.get(i + 1) else {
            continue;
        };
        let Some(gap) = text.get(r.content.end..next.start) else {
            continue;
        };
        if gap.contains('\n') || !gap.trim().is_empty() {
            continue;
        }
        let Some(s) = text.get(next.clone()) else {
            continue;
        };
        if c == ":" {
            // A cue closing its sentence with a colon: the next sentence is all the content.
            r.content.start = next.start;
        }
        r.content.end = next.start + s.trim_end().len();
        r.text = text[r.content.clone()].to_string();
        r.kind = cx.kind_of(&r.content);
    }
    // A colon that found no sentence after it in its paragraph reports nothing.
    out.retain(|r| r.text != ":");
}

/// Ends a reported clause before a coordinated clause that holds an attribution of its own
/// ("said the role would be narrow, and they rejected any implication that …", "said her tone
/// was the problem, called her “third-rate” …"): the inner quote is kept, the outer one stops
/// at the comma (or semicolon) before the inner cue's clause. `out` is sorted by start.
fn split_coordinated(out: &mut [Raw], text: &str, lex: &Cues) {
    for i in 0..out.len() {
        let (head, tail) = out.split_at_mut(i + 1);
        let o = &mut head[i];
        if o.item.is_some() || !matches!(o.kind, QuoteKind::Indirect | QuoteKind::Mixed) {
            continue;
        }
        for r in tail.iter() {
            if r.content.start >= o.content.end {
                break;
            }
            if r.content.end > o.content.end
                || r.cue.is_empty()
                || r.cue == ":"
                || r.item.is_some()
                || r.kind == QuoteKind::AccordingTo
            {
                continue;
            }
            // The inner cue, right before its content and inside the outer content.
            let Some(before) = text.get(o.content.start..r.content.start) else {
                continue;
            };
            let Some(at) = before.rfind(r.cue.as_str()) else {
                continue;
            };
            // The last comma or semicolon before the cue, outside quote marks.
            let Some(b) = before[..at].rfind([',', ';']) else {
                continue;
            };
            let lead = &before[b + 1..at];
            if lead.contains(['“', '”', '"', '«', '»'])
                || before[..b].matches(['“', '”', '"']).count() % 2 == 1
            {
                continue;
            }
            // Between the comma and the cue: nothing (a second verb of the subject), or a
            // conjunction opening a short clause ("and they", "while Democrats").
            // Not a second complement clause of the outer verb ("noted that …, and that
            // Americans should worry …"): the inner cue is reported by the outer speaker.
            let mut ws = words(lead);
            let coordinated = match ws.next() {
                None => before.as_bytes().get(b) == Some(&b','),
                Some(w) => {
                    lex.flags_of(w.text) & flag::CONJUNCTION != 0
                        && words(lead)
                            .nth(1)
                            .is_none_or(|x| lex.flags_of(x.text) & flag::COMPLEMENTIZER == 0)
                        && ws.take(8).count() < 8
                }
            };
            if !coordinated {
                continue;
            }
            let end = o.content.start + before[..b].trim_end().len();
            if words(&text[o.content.start..end]).take(3).count() < 3 {
                continue;
            }
            o.content.end = end;
            o.text = text[o.content.clone()].to_string();
            break;
        }
    }
}

/// Drops the quotes whose content lies inside another quote's content: an attribution reported
/// inside someone's words ("Smith said voters support the plan") belongs to the outer quote.
/// Returns the dropped ones, each with the index in `out` of the innermost quote holding it.
///
/// Two exceptions: inside an `according_to` wrapper ("Putin said that ..., according to
/// Pyongyang"), which names the channel, an attribution with its own speaker is kept too; and
/// so is one inside `gaps`, the attribution sentences a quote was continued over ("“A,” she
/// said, adding that … “B.”": "adding" reports words of its own).
fn drop_nested(out: &mut Vec<Raw>, gaps: &[Range<usize>]) -> Vec<(Raw, usize)> {
    // Widest first among equal starts, so an enclosing quote is seen before what it holds.
    out.sort_by_key(|r| (r.content.start, std::cmp::Reverse(r.content.end)));
    // Farthest end of the quotes seen so far, and of those that are not `according_to`.
    let (mut max_end, mut max_end_own) = (0, 0);
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(out.len());
    for r in out.drain(..) {
        let inside = r.content.end <= max_end;
        let inside_own = r.content.end <= max_end_own;
        max_end = max_end.max(r.content.end);
        let own = r.kind != QuoteKind::AccordingTo;
        if own {
            max_end_own = max_end_own.max(r.content.end);
        }
        let kept_in_wrapper = inside && !inside_own && own && r.speaker.is_some();
        let in_gap = inside
            && gaps
                .iter()
                .any(|g| g.start <= r.content.start && r.content.end <= g.end);
        if !inside || kept_in_wrapper || in_gap {
            kept.push(r);
        } else {
            dropped.push(r);
        }
    }
    *out = kept;
    out.sort_by_key(|r| (r.content.start, r.content.end));
    // Each dropped quote with the innermost kept quote holding it.
    dropped
        .into_iter()
        .filter_map(|r| {
            let i = out.iter().rposition(|o| {
                o.content.start <= r.content.start && o.content.end >= r.content.end
            })?;
            Some((r, i))
        })
        .collect()
}

/// True when `t` can open the subject of a clause ("that the plan …", "that she …", "that
/// Trump …", "that 600,000 jobs …"), which tells a complementizer from a relative pronoun ("the
/// concerns that remain").
fn opens_subject(t: &Tok) -> bool {
    t.flags & (flag::SUBJECT | flag::DETERMINER) != 0
        || t.text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// True when the gap between two words holds an opening quote mark (“, «, „, " or '').
fn opens_quote(gap: &str) -> bool {
    gap.contains(['“', '«', '"', '„']) || gap.contains("''")
}

const CLAUSE_BREAKS: &[char] = &[',', ';', ':', '(', ')', '“', '”', '"', '«', '»', '—', '–'];
const CLOSING_MARKS: &[char] = &['”', '"', '»', '’', '\'', '“'];

impl<'a> Ctx<'a> {
    fn tok(&self, start: usize, end: usize) -> Tok<'a> {
        let text = &self.text[start..end];
        Tok {
            start,
            end,
            text,
            flags: self.lex.flags_of(text),
            breaks: false,
        }
    }

    fn gap(&self, toks: &[Tok], i: usize) -> &'a str {
        let (a, b) = (toks[i].end, toks[i + 1].start);
        // Most gaps are one space: returned without slicing the text.
        if b == a + 1 && self.text.as_bytes().get(a) == Some(&b' ') {
            " "
        } else {
            let g = &self.text[a..b];
            // A designator after a name was taken out of the words: the gap is what follows it.
            match designator_len(g) {
                Some(n) if n == g.len() => " ",
                Some(n) => &g[n..],
                None => g,
            }
        }
    }

    /// Byte where the content of a sentence ends: before final punctuation and spaces.
    fn content_end(&self, from: usize, to: usize) -> usize {
        let s = &self.text[from..to];
        let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || ".!?;…".contains(c));
        from + trimmed.len()
    }

    fn quote_at(&self, start: usize, within: usize) -> Option<Range<usize>> {
        self.quotes
            .iter()
            .find(|q| q.start >= start && q.start <= start + within)
            .cloned()
    }

    fn contains_quote(&self, r: &Range<usize>) -> bool {
        self.quotes
            .iter()
            .any(|q| q.start >= r.start && q.end <= r.end + 3 && q.start < r.end)
    }

    fn is_exact_quote(&self, r: &Range<usize>) -> bool {
        self.quotes
            .iter()
            .any(|q| q.start.abs_diff(r.start) <= 3 && q.end.abs_diff(r.end) <= 3)
    }

    /// True when a quote ends within three bytes of `end` (quotes are in text order and do
    /// not overlap, so their ends are sorted).
    fn ends_quote(&self, end: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.end + 3 < end);
        self.quotes.get(i).is_some_and(|q| q.end <= end + 3)
    }

    /// The quote that starts at byte `pos` when it is a title: up to six words, most of them
    /// capitalized (“State of the Union”, “Today”).
    fn quote_title_at(&self, pos: usize) -> Option<Range<usize>> {
        let i = self.quotes.partition_point(|q| q.start < pos);
        let q = self.quotes.get(i).filter(|q| q.start == pos)?;
        let (mut all, mut caps) = (0, 0);
        for w in words(&self.text[q.clone()]).take(7) {
            all += 1;
            caps += usize::from(w.text.starts_with(char::is_uppercase));
        }
        (all > 0 && all <= 6 && caps * 10 >= all * 6).then(|| q.clone())
    }

    /// True when byte `pos` lies inside a pair of quote marks.
    fn inside_quote(&self, pos: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.end <= pos);
        self.quotes.get(i).is_some_and(|q| q.start < pos)
    }

    /// True when quote `q`, left over, continues the quote `p` before it: the same paragraph,
    /// `p` ends at a closing mark, and only its attribution sentence lies between them.
    fn continues(&self, p: &Raw, q: &Range<usize>) -> bool {
        if p.speaker.is_none() && p.cue.is_empty() {
            return false;
        }
        if !self.ends_quote(p.content.end) {
            return false;
        }
        let Some(mut between) = self.text.get(p.content.end..q.start) else {
            return false;
        };
        // A paragraph that opens with a quote goes on with the speaker of the paragraph
        // before when that one ends with the attributed quote ("“A,” she said.¶“B.”").
        if let Some(nl) = between.find('\n') {
            let (head, tail) = between.split_at(nl);
            let opens = tail
                .chars()
                .all(|c| c.is_whitespace() || "“„«\"'‘".contains(c));
            if !opens || tail.matches('\n').count() > 2 {
                return false;
            }
            between = head;
        }
        let inner = between.trim_matches(|c: char| {
            c.is_whitespace() || CLOSING_MARKS.contains(&c) || "“„«,.;:!?…".contains(c)
        });
        between.len() < 400
            && !between.contains('\n')
            && !inner.contains(['“', '”', '"', '«', '»'])
            && self.sentence_breaks(inner) <= 1
    }

    /// The sentence ends in `s`: ". ", "? " or "! " not after an initial or an abbreviation
    /// ("Peter T. King", "Roanoke, Va., who").
    fn sentence_breaks(&self, s: &str) -> usize {
        let mut n = 0;
        for (i, _) in s.match_indices([' ']) {
            let before = &s[..i];
            let Some(p) = before.chars().next_back() else {
                continue;
            };
            if !matches!(p, '.' | '?' | '!') {
                continue;
            }
            if p == '.' {
                let word = before[..before.len() - 1]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if word.chars().count() < 2 || self.lang.is_abbreviation(word) {
                    continue;
                }
            }
            n += 1;
        }
        n
    }

    /// True when token `k` is the verb of a set phrase that reports nothing and stands as a
    /// clause of its own ("That said, the plan …", "…, so to speak, …"; not "a report that said
    /// the plan …").
    fn in_idiom(&self, toks: &[Tok], k: usize) -> bool {
        let w = fold(toks[k].text);
        self.lex.speech_idioms.iter().any(|p| {
            p.iter().enumerate().any(|(i, pw)| {
                let Some(s) = k.checked_sub(i) else {
                    return false;
                };
                let e = s + p.len();
                *pw == *w
                    && e <= toks.len()
                    && p.iter()
                        .enumerate()
                        .all(|(o, x)| low_eq(toks[s + o].text, x))
                    && (s..e - 1).all(|j| self.gap(toks, j).trim().is_empty())
                    && (s == 0 || self.breaks(toks, s - 1))
                    && (e == toks.len() || self.gap(toks, e - 1).contains([',', '.', ';']))
            })
        })
    }

    fn cues(&self, toks: &[Tok]) -> Vec<Cue> {
        let lex = self.lex;
        let mut cues = Vec::new();
        let n = toks.len();
        // A headline in title case ("Salma Hayek Described Her Experience").
        let title_case = || {
            let capitals = toks
                .iter()
                .filter(|t| t.text.starts_with(char::is_uppercase))
                .count();
            capitals * 10 >= n * 6
        };
        let mut k = 0;
        while k < n {
            let f = toks[k].flags;
            if f & flag::STANCE != 0
                && k + 2 < n
                && toks[k + 1].flags & flag::STANCE_PREPOSITION != 0
                && self.gap(toks, k).trim().is_empty()
                && !self.breaks(toks, k + 1)
                && !self.inside_quote(toks[k].start)
                && (toks[k + 1].flags & flag::COMPLEMENTIZER == 0 || opens_subject(&toks[k + 2]))
            {
                // "his attacks on Clinton": the preposition's object is the content.
                cues.push(Cue {
                    kind: CueKind::Verb,
                    class: VerbClass::Attribution,
                    first: k,
                    last: k + 1,
                    verb: k,
                });
                k += 2;
                continue;
            }
            if f & flag::CUE_OR_PHRASE == 0 {
                k += 1;
                continue;
            }
            if f & flag::SPEECH != 0 && self.in_idiom(toks, k) {
                k += 1;
                continue;
            }
            // "ha fatto sapere che", "point out": a phrase that says only as a whole, ending at
            // this word (looked for first: most such words, "to", "of", are nothing else).
            let phrase_start = if f & flag::SPEECH_PHRASE == 0
                || k == 0
                || toks[k - 1].flags & flag::PHRASE_INNER == 0
            {
                None
            } else {
                lex.speech_phrases.get(&*fold(toks[k].text)).and_then(|ps| {
                    ps.iter().find_map(|p| {
                        let len = p.len();
                        (len >= 2
                            && k + 1 >= len
                            && p.iter()
                                .enumerate()
                                .all(|(o, pw)| low_eq(toks[k + 1 - len + o].text, pw))
                            && (k + 1 - len..k).all(|i| self.gap(toks, i).trim().is_empty()))
                        .then_some(k + 1 - len)
                    })
                })
            };
            if f & flag::SPEECH_PHRASE != 0 && f & flag::CUE == 0 && phrase_start.is_none() {
                k += 1;
                continue;
            }
            // Source phrases ("secondo", "according to").
            let source_len = if f & flag::SOURCE_FIRST == 0 {
                None
            } else {
                lex.according_to.get(&*fold(toks[k].text))
            };
            let source_len = source_len.and_then(|ps| {
                ps.iter().find_map(|p| {
                    (k + p.len() <= n
                        && p.iter()
                            .enumerate()
                            .all(|(o, pw)| low_eq(toks[k + o].text, pw))
                        && (1..p.len()).all(|o| {
                            let g = self.gap(toks, k + o - 1).trim();
                            g.is_empty() || g == "'" || g == "’"
                        }))
                    .then_some(p.len())
                })
            });
            if let Some(len) = source_len {
                // "secondo" also means "second": a source follows it with no digit, and it
                // follows no article or preposition ("nel secondo semestre", "il secondo").
                let ordinal = k > 0
                    && toks[k - 1].flags & (flag::DETERMINER | flag::PREPOSITION) != 0
                    && !self.breaks(toks, k - 1);
                if k + len < n
                    && !ordinal
                    && !toks[k + len].text.chars().all(|c| c.is_ascii_digit())
                    && !self.inside_quote(toks[k].start)
                {
                    cues.push(Cue {
                        kind: CueKind::Source,
                        class: VerbClass::Speech,
                        first: k,
                        last: k + len - 1,
                        verb: k,
                    });
                    k += len;
                    continue;
                }
            }
            // "In a new Fox News poll released Thursday, …": a source phrase opening the
            // sentence (after at most a conjunction) that names a document or a survey.
            if f & flag::SOURCE_PREPOSITION != 0
                && (k == 0 || (k == 1 && toks[0].flags & flag::CONJUNCTION != 0))
            {
                // Not when the clause after it has a cue of its own ("In a statement, Smith
                // said …").
                // Only the clause right after the phrase counts ("In a poll, Cruz had a lead,
                // largely thanks to evangelical support" has none).
                let own_cue = |last: usize| {
                    let end = (last + 2..n)
                        .find(|&j| self.breaks(toks, j - 1))
                        .unwrap_or(n);
                    toks[last + 1..end].iter().enumerate().any(|(o, t)| {
                        t.flags & (flag::SPEECH | flag::ATTRIBUTION | flag::GERUND) != 0
                            && toks[last + o].flags & flag::DETERMINER == 0
                    })
                };
                if let Some(last) = self.source_phrase(toks, k).filter(|&l| !own_cue(l)) {
                    cues.push(Cue {
                        kind: CueKind::Source,
                        class: VerbClass::Speech,
                        first: k,
                        last: k,
                        verb: k,
                    });
                    k = last + 1;
                    continue;
                }
            }
            // "Trump has a decisive lead in the polls": a source phrase closing a clause that
            // has no cue of its own attributes that clause. The poll noun comes within eight
            // words ("in the latest NBC News/Wall Street Journal poll").
            if f & flag::SOURCE_PREPOSITION != 0
                && k >= 3
                && !self.inside_quote(toks[k].start)
                && !self.gap(toks, k - 1).contains(CLAUSE_BREAKS)
            {
                let cs = self.clause_start(toks, k);
                let noun = (k + 1..n.min(k + 9))
                    .take_while(|&j| !self.breaks(toks, j - 1))
                    .find(|&j| toks[j].flags & flag::POLL != 0);
                let cued = toks[cs..k]
                    .iter()
                    .any(|t| t.flags & (flag::CUE | flag::SOURCE_NOUN) != 0);
                if let (Some(_), false, true) = (noun, cued, k - cs >= 3) {
                    if cs == 0 {
                        cues.push(Cue {
                            kind: CueKind::Source,
                            class: VerbClass::Speech,
                            first: k,
                            last: k,
                            verb: k,
                        });
                        k += 1;
                        continue;
                    }
                }
            }
            let label = f & flag::LABEL != 0 && k + 2 < n && toks[k + 1].flags & flag::AGENT != 0;
            // A verb form after a determiner is a noun ("the states", "a group called",
            // "so-called"), and so is one capitalized inside a sentence ("United States").
            // Only right after it: "…, but I never trusted her,” said Smith" has a verb.
            // "Lo dice l'Istat": an article that opens the clause before a verb of saying is
            // its object pronoun.
            let clitic = k == 1 && self.clitic_object(toks, 0, 1);
            let noun = (k > 0
                && toks[k - 1].flags & flag::DETERMINER != 0
                && self.gap(toks, k - 1).trim().is_empty()
                && !self.quantifier_subject(toks, k)
                && !clitic)
                || (k > 0 && toks[k].text.starts_with(char::is_uppercase) && !title_case());
            let class = if phrase_start.is_some() {
                Some(VerbClass::Speech)
            } else if noun {
                None
            } else if f & flag::SPEECH != 0 {
                Some(VerbClass::Speech)
            } else if label {
                None
            } else if f & flag::ATTRIBUTION != 0 {
                (k > 0).then_some(VerbClass::Attribution)
            } else if f & flag::RAISING != 0 {
                Some(VerbClass::Raising)
            } else {
                None
            };
            // "The committee is expected to vote on Friday": a passive before a to-infinitive
            // raises like "seems" (the subject and the infinitive are the content).
            let class = if class == Some(VerbClass::Attribution)
                && lex.passive_raising.contains(&*fold(toks[k].text))
                && toks.get(k + 1).is_some_and(|t| low_eq(t.text, "to"))
                && self.gap(toks, k).trim().is_empty()
                && (1..=2).any(|o| {
                    k >= o
                        && lex.passive_auxiliaries.contains(&*fold(toks[k - o].text))
                        && (k - o + 1..k).all(|j| toks[j].flags & flag::ADVERB != 0)
                }) {
                Some(VerbClass::Raising)
            } else {
                class
            };
            if self.inside_quote(toks[k].start)
                && (class.is_some() || label || f & flag::GERUND != 0)
            {
                // The quoted speaker's own words ("“I think …”") are not attributions.
                k += 1;
                continue;
            }
            // "when asked whether …": a participle clause without a subject of its own, like
            // a gerund's.
            let sub = k > 0
                && toks[k - 1].flags & flag::SUBORDINATOR != 0
                && self.gap(toks, k - 1).trim().is_empty()
                && (k == 1 || self.breaks(toks, k - 2));
            if class == Some(VerbClass::Speech) && sub {
                cues.push(Cue {
                    kind: CueKind::Gerund,
                    class: VerbClass::Speech,
                    first: k - usize::from(sub),
                    last: k,
                    verb: k,
                });
            } else if f & flag::GERUND != 0 {
                cues.push(Cue {
                    kind: CueKind::Gerund,
                    class: VerbClass::Speech,
                    first: k,
                    last: k,
                    verb: k,
                });
            } else if let Some(class) = class {
                // Auxiliary and adverbs before the verb.
                let start = phrase_start.unwrap_or(k);
                let mut first = start;
                let mut b = start;
                // Not over a break ("…, probably sooner rather than later,” said Acton").
                while b > 0
                    && toks[b - 1].flags & flag::ADVERB != 0
                    && start - b < 3
                    && !self.breaks(toks, b - 1)
                {
                    b -= 1;
                }
                if b > 0 && toks[b - 1].flags & flag::AUX_LAST != 0 {
                    if let Some(ps) = lex.auxiliaries.get(&*fold(toks[b - 1].text)) {
                        for p in ps {
                            // Only words next to each other ("will,'' said" is none).
                            if b >= p.len()
                                && p.iter()
                                    .enumerate()
                                    .all(|(o, pw)| low_eq(toks[b - p.len() + o].text, pw))
                                && (b - p.len()..b).all(|i| self.gap(toks, i).trim().is_empty())
                            {
                                first = b - p.len();
                                break;
                            }
                        }
                    }
                }
                if first == start && b < start && self.lang.code() != "it" {
                    first = b; // "also said"
                }
                // "pointed out", "called for", "referring to": the particle belongs to the cue
                // (after a verb of saying only "out" and "for": "said to be", "agreed on").
                let mut last = k;
                let next = toks.get(k + 1).map_or("", |t| t.text);
                if k + 1 < n
                    && self.gap(toks, k).trim().is_empty()
                    && lex.verb_particles.contains(&*fold(next))
                    && (class != VerbClass::Speech
                        || low_eq(next, "out")
                        || low_eq(next, "for")
                        || (low_eq(next, "about")
                            && toks.get(k + 2).is_some_and(|t| {
                                !t.text.starts_with(|c: char| c.is_ascii_digit())
                            })))
                {
                    last = k + 1;
                }
                cues.push(Cue {
                    kind: CueKind::Verb,
                    class,
                    first,
                    last,
                    verb: k,
                });
            } else if label {
                cues.push(Cue {
                    kind: CueKind::Label,
                    class: VerbClass::Speech,
                    first: k,
                    last: k + 1,
                    verb: k,
                });
            }
            k += 1;
        }
        cues
    }

    /// True when a to-infinitive follows the verb of saying of cue `c` ("promised to build a
    /// wall", "vowed to win"; not "said to reporters", "told to the crowd", and never after
    /// "say").
    fn infinitive_after(&self, toks: &[Tok], c: &Cue) -> bool {
        toks.get(c.last + 1).is_some_and(|t| low_eq(t.text, "to"))
            && !["say", "said", "says"]
                .iter()
                .any(|w| low_eq(toks[c.verb].text, w))
            && toks.get(c.last + 2).is_some_and(|v| {
                v.flags & (flag::DETERMINER | flag::PREPOSITION | flag::PRONOUN) == 0
                    && v.text.starts_with(char::is_lowercase)
                    && (!v.text.ends_with('s') || v.text.ends_with("ss"))
                    && {
                        // "vowed to “bomb the hell” out of …": a quote may open the verb.
                        let g = self.gap(toks, c.last + 1);
                        !g.contains(CLAUSE_BREAKS)
                            || (opens_quote(g) && !g.contains([',', ';', ':', '(', ')']))
                    }
            })
    }

    /// True when the determiner before token `k` stands alone as its subject ("Many
    /// speculated that …", "Both think …", "they all vowed to …"; not "some states", "some
    /// support for …"): a past form is a verb, and so is another verb form that does not end
    /// in -s and has no preposition after it.
    fn quantifier_subject(&self, toks: &[Tok], k: usize) -> bool {
        if !self.lex.quantifiers.contains(&*fold(toks[k - 1].text)) {
            return false;
        }
        let w = toks[k].text;
        let past = w.len() > 3 && w.ends_with("ed");
        past || ((!w.ends_with('s') || w.ends_with("ss"))
            && toks
                .get(k + 1)
                .is_none_or(|t| t.flags & flag::PREPOSITION == 0))
    }

    /// The words of sentence `s` into `toks`, for a text without [`Tokens`].
    fn words(&self, s: Range<usize>, toks: &mut Vec<Tok<'a>>) {
        toks.clear();
        let text: &'a str = self.text;
        // Words are maximal runs of alphanumeric characters (as `text::tokens::words`), read
        // byte by byte with a fast path for ASCII.
        let bytes = text.as_bytes();
        let mut i = s.start;
        let mut start = None;
        while i < s.end {
            let b = bytes[i];
            let (alnum, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                match text.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                    None => (false, 1),
                }
            };
            match (alnum, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    toks.push(self.tok(st, i));
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
        if let Some(st) = start {
            toks.push(self.tok(st, s.end));
        }
    }

    /// Finds the quotes of sentence `s`, whose words are `toks`.
    fn sentence(&mut self, s: Range<usize>, toks: &[Tok<'a>], out: &mut Vec<Raw>) {
        if toks.is_empty() {
            return;
        }
        let cues = self.cues(toks);
        self.sentence_speaker = None;
        let sent_end = self.content_end(s.start, s.end);
        if let Some(r) = self.colon_label(toks, s.clone()) {
            out.push(r);
        }
        // A cue after a comma that closes the sentence ends the content of earlier cues.
        let cut_points: Vec<usize> = cues
            .iter()
            .filter_map(|c| {
                let cs = if c.kind == CueKind::Source {
                    c.first
                } else {
                    self.cue_clause_start(toks, c.first)
                };
                let after_comma = cs > 0 && self.attaches(toks, cs);
                (after_comma
                    && (c.kind == CueKind::Source
                        || (c.class == VerbClass::Speech && self.is_inverted(toks, c, sent_end))))
                .then(|| toks[cs - 1].end)
            })
            .collect();
        let before = out.len();
        for c in &cues {
            let mut limit = cut_points
                .iter()
                .copied()
                .find(|&p| p > toks[c.last].end)
                .unwrap_or(sent_end);
            if c.kind == CueKind::Gerund && c.first == 0 {
                // "Noting he majored in philosophy, Allen said …": the opening participle
                // clause ends at its comma.
                if let Some(k) = (c.last + 1..toks.len()).find(|&k| self.breaks(toks, k - 1)) {
                    if self.gap(toks, k - 1).contains(',') {
                        limit = limit.min(toks[k - 1].end);
                    }
                }
            }
            let raw = match c.kind {
                CueKind::Source => self.source_cue(toks, c, s.start, sent_end),
                CueKind::Label => self.label_cue(toks, c),
                CueKind::Verb | CueKind::Gerund => self.verb_cue(toks, c, s.start..sent_end, limit),
            };
            if let Some(r) = raw {
                if r.speaker.is_some() {
                    self.sentence_speaker = r.speaker.clone();
                }
                if r.content.end > r.content.start {
                    out.push(r);
                }
            }
        }
        if out.len() == before {
            if let Some(r) = self.colon_quote(toks, sent_end) {
                out.push(r);
            }
        }
        // Remember who is in subject position for later pronouns and dropped subjects.
        if let Some(m) = self.subject_mention(toks, 0, toks.len()) {
            if self.entity_kind(m) == Some(EntityType::Person) {
                self.last_person = Some(Person::Mention(m));
            }
        }
        // Only this sentence's own quotes: the list holds the whole article's.
        let own = out[before..]
            .iter()
            .rev()
            .map(|r| &r.content)
            .find(|r| r.start >= s.start && r.end <= sent_end);
        self.prev_sentence = Some(own.cloned().unwrap_or(s.start..sent_end));
    }

    /// "Il sindaco Matteo Lepore ha chiuso le scuole: «Meglio essere prudenti».": in a sentence
    /// with no cue, a quote after a colon that runs to the sentence's end is the words of the
    /// person who is the clause's only named subject (no other name outside a prepositional
    /// phrase stands before the colon).
    fn colon_quote(&mut self, toks: &[Tok], sent_end: usize) -> Option<Raw> {
        // Most sentences have no colon: one search of the sentence rules them out.
        let first = toks.first()?;
        if !self.text[first.start..sent_end.max(first.start)].contains(':') {
            return None;
        }
        let j = (2..toks.len()).find(|&j| self.gap(toks, j - 1).contains(':'))?;
        let g = self.gap(toks, j - 1);
        if !opens_quote(g) {
            return None;
        }
        let q = self.quote_at(toks[j - 1].end, g.len() + 1)?;
        if self.text[q.end..sent_end.max(q.end)]
            .chars()
            .any(char::is_alphanumeric)
        {
            return None;
        }
        let r = toks[0].start..toks[j - 1].end;
        let mut named = self.found.mentions_in(&r).iter().filter(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            !(ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0)
        });
        let m = named.next()?;
        let ti = toks.partition_point(|t| t.start < m.range.start);
        if named.next().is_some()
            || ti > 6
            || self.entity_kind(m) != Some(EntityType::Person)
            || self.inside_quote(toks[0].start)
        {
            return None;
        }
        let speaker = self.speaker_of_mention(m);
        Some(self.raw(q, Some(speaker), ":".to_string(), QuoteKind::Direct))
    }

    /// A paragraph opening with a name and a colon ("TRUMP: …", "Cruz: Trump would …", a
    /// transcript or a headline): the rest of the paragraph is the named speaker's. Inside a
    /// paragraph, a person's name and a colon before a quotation ("… al 90'. Inzaghi: «Abbiamo
    /// pagato un episodio»", a standfirst) give the quotation to the person.
    fn colon_label(&mut self, toks: &[Tok], sent: Range<usize>) -> Option<Raw> {
        let sent_start = sent.start;
        let para_start = sent_start == 0 || self.text[..sent_start].ends_with('\n');
        if toks[0].start > sent_start + 1 {
            return None;
        }
        if !para_start {
            return self.quoted_label(toks, sent);
        }
        // The first colon after one to eight words, with nothing else between them (but
        // initials' periods and possessive apostrophes).
        let j = (1..=toks.len().min(8)).find(|&j| {
            let after = &self.text[toks[j - 1].end..];
            after.starts_with(':') || (j < toks.len() && self.gap(toks, j - 1).contains(':'))
        })?;
        if !self.text[toks[j - 1].end..].starts_with(':')
            || (1..j).any(|i| {
                let g = self.gap(toks, i - 1).trim();
                !(g.is_empty() || g == "." || g == "'" || g == "’")
            })
        {
            return None;
        }
        let named = j <= 4
            && toks[..j]
                .iter()
                .all(|t| t.text.starts_with(char::is_uppercase));
        // A headline of one sentence ("Clinton camp: Trump’s rhetoric threatens security",
        // "Former AG Mukasey at RNC: …"): a name opens the words before the colon.
        let para_end = self.text[toks[j - 1].end..]
            .find('\n')
            .map_or(self.text.len(), |p| toks[j - 1].end + p);
        let headline = para_end - toks[0].start <= 160
            && toks[0].text.starts_with(char::is_uppercase)
            && self.sentence_breaks(self.text[toks[0].start..para_end].trim_end()) == 0;
        let r = toks[0].start..toks[j - 1].end;
        // "Il ministro Adolfo Urso ha commentato: «…»": a verb of saying before the colon is
        // the cue, and the cue stage reads it.
        let spoken = toks[..j].iter().any(|t| t.flags & flag::SPEECH != 0);
        if !named && headline && j > 0 && !spoken {
            if let Some(m) = self.found.mentions_in(&r).first().cloned() {
                if let Some(q) = self.after_colon(&m, r.end, para_end) {
                    return Some(q);
                }
            }
        }
        let shout = toks[..j]
            .iter()
            .any(|t| t.text.chars().count() > 1 && !t.text.chars().any(char::is_lowercase));
        let mention = self.found.mentions_in(&r).first().cloned();
        // "Poll: Trump ahead in Florida", "New report: …": a document or survey speaks.
        let source = toks[j - 1].flags & flag::SOURCE_NOUN != 0;
        if !(named || source) || (mention.is_none() && !shout && !source) {
            return None;
        }
        // The content: the rest of the paragraph (the colon may end a sentence of its own).
        let para_end = self.text[r.end..]
            .find("\n")
            .map_or(self.text.len(), |p| r.end + p);
        let rest = &self.text[r.end + 1..para_end];
        let start = r.end + 1 + (rest.len() - rest.trim_start().len());
        let end = self.content_end(start, para_end);
        if end <= start {
            return None;
        }
        let speaker = match mention {
            Some(m) => self.speaker_of_mention(&m),
            None => (self.text[r.clone()].to_string(), r.clone()),
        };
        let content = start..end;
        let kind = self.kind_of(&content);
        Some(self.raw(content, Some(speaker), ":".to_string(), kind))
    }

    /// Inside a paragraph: one to four capitalized words naming a person, a colon, and a
    /// quotation in marks that the sentence holds ("Inzaghi: «Abbiamo pagato un episodio»").
    fn quoted_label(&mut self, toks: &[Tok], sent: Range<usize>) -> Option<Raw> {
        let j = (1..=toks.len().min(4)).find(|&j| self.text[toks[j - 1].end..].starts_with(':'))?;
        let named = toks[..j]
            .iter()
            .all(|t| t.text.starts_with(char::is_uppercase))
            && (1..j).all(|i| self.gap(toks, i - 1).trim().is_empty());
        let colon = toks[j - 1].end;
        let quoted = self.text[colon + 1..sent.end]
            .trim_start()
            .starts_with(['«', '“', '"']);
        if !named || !quoted {
            return None;
        }
        let r = toks[0].start..colon;
        let m = self.found.mentions_in(&r).first().cloned()?;
        if m.range != r || self.entity_kind(&m) != Some(EntityType::Person) {
            return None;
        }
        self.after_colon(&m, colon, sent.end)
    }

    /// What follows the colon at byte `colon`, up to `limit`, as the words of mention `m`: at
    /// least three words, or nothing.
    fn after_colon(&mut self, m: &entities::Mention, colon: usize, limit: usize) -> Option<Raw> {
        let rest = &self.text[colon + 1..limit];
        let start = colon + 1 + (rest.len() - rest.trim_start().len());
        let end = self.content_end(start, limit);
        if words(&self.text[start..end]).take(3).count() < 3 {
            return None;
        }
        let speaker = self.speaker_of_mention(m);
        let content = start..end;
        let kind = self.kind_of(&content);
        Some(self.raw(content, Some(speaker), ":".to_string(), kind))
    }

    /// For a source preposition at token `k`: the last token of its phrase when a source noun
    /// comes within eight words and a comma closes the phrase within eight more.
    fn source_phrase(&self, toks: &[Tok], k: usize) -> Option<usize> {
        let n = toks.len();
        let mut noun = false;
        let mut j = k + 1;
        while j < n && j <= k + 16 {
            noun |= j <= k + 8 && toks[j].flags & flag::SOURCE_NOUN != 0;
            if j + 1 >= n {
                return None;
            }
            if self.breaks(toks, j) {
                let g = self.gap(toks, j);
                return (noun && g.contains(',') && !g.contains(['(', ')'])).then_some(j);
            }
            j += 1;
        }
        None
    }

    /// True when the gap after token `i` breaks a clause (a comma inside "1,000" or a colon inside
    /// "9:42" does not).
    /// what [`Ctx::mark_breaks`] stored in the token.
    fn breaks(&self, toks: &[Tok], i: usize) -> bool {
        toks[i].breaks
    }

    /// Sets [`Tok::breaks`] for the words of a sentence (see [`Ctx::gap_breaks`]).
    fn mark_breaks(&self, toks: &mut [Tok]) {
        let bytes = self.text.as_bytes();
        for i in 1..toks.len() {
            let (a, b) = (toks[i - 1].end, toks[i].start);
            // Most gaps are one space, which breaks nothing.
            let space = b == a + 1 && bytes.get(a) == Some(&b' ');
            toks[i - 1].breaks = !space && self.gap_breaks(toks, i - 1);
        }
    }

    /// True when the gap after token `i` breaks a clause (a comma inside "1,000" or a colon inside
    /// "9:42" does not).
    fn gap_breaks(&self, toks: &[Tok], i: usize) -> bool {
        let g = self.gap(toks, i);
        // Most gaps are one space: no need to search them.
        g != " "
            // Two apostrophes close or open a quote (''…'', as some feeds write it).
            && (g.contains(CLAUSE_BREAKS) || g.contains("''"))
            && !((g == "," || g == ":")
                && toks[i].text.bytes().all(|b| b.is_ascii_digit())
                && toks[i + 1].text.bytes().all(|b| b.is_ascii_digit()))
    }

    /// The token after the words that follow a cue up to the first clause break.
    fn phrase_end(&self, toks: &[Tok], from: usize, sent_end: usize) -> usize {
        let mut e = from;
        while e < toks.len() && toks[e].start < sent_end {
            if e > 0 && self.breaks(toks, e - 1) {
                break;
            }
            e += 1;
        }
        e
    }

    /// True when the cue closes its clause after a comma: only a short phrase follows it
    /// before the next break ("…, he said.", "“…,” said Smith, a veteran editor").
    fn is_inverted(&self, toks: &[Tok], c: &Cue, sent_end: usize) -> bool {
        if c.kind == CueKind::Gerund {
            return false; // ", adding, “…”" introduces what follows
        }
        let cs = self.cue_clause_start(toks, c.first);
        // A quote right before the sentence ("“Why me?” | Trump said."), or before the comma.
        let before = cs == 0 && self.quote_before(toks).is_some();
        if (cs == 0 && !before) || (cs > 0 && !self.attaches(toks, cs)) {
            return false;
        }
        // The words before the comma close a quote: the cue is its attribution.
        let g = if cs > 0 { self.gap(toks, cs - 1) } else { "" };
        let quoted = before || (g.contains(CLOSING_MARKS) && g.contains([',', '?', '!', '.', '…']));
        // "As the crowd cheered, Trump said, “…”": the cue opens the quote after it.
        if !quoted && c.last + 1 < toks.len() && opens_quote(self.gap(toks, c.last)) {
            return false;
        }
        let mut e = self.phrase_end(toks, c.last + 1, sent_end);
        // A title in quote marks is part of the phrase ("said during an interview on CNN’s
        // “State of the Union” Sunday.", "told NBC’s “Today” on Monday.").
        while e < toks.len() && toks[e].start < sent_end && opens_quote(self.gap(toks, e - 1)) {
            let Some(q) = self.quote_title_at(toks[e].start) else {
                break;
            };
            let k = e + toks[e..].partition_point(|t| t.start < q.end);
            e = if k < toks.len() && toks[k].start < sent_end {
                self.phrase_end(toks, k + 1, sent_end)
            } else {
                k
            };
        }
        let phrase = &toks[c.last + 1..e];
        // "“…,” Christie said when asked whether …": a participle clause after the cue is
        // none of its phrase.
        let phrase = (0..phrase.len())
            .find(|&i| {
                phrase[i].flags & flag::SUBORDINATOR != 0
                    && phrase
                        .get(i + 1)
                        .is_some_and(|t| t.flags & flag::SPEECH != 0)
            })
            .map_or(phrase, |i| &phrase[..i]);
        if phrase.iter().any(|t| t.flags & flag::COMPLEMENTIZER != 0) {
            return false;
        }
        if before && e < toks.len() && toks[e].start < sent_end {
            // "“…” He added, “…”": the cue has its own content after it.
            return false;
        }
        let first_low = phrase.first().map(|t| fold(t.text));
        let first = first_low.as_deref().unwrap_or("");
        let first_flags = phrase.first().map_or(0, |t| t.flags);
        if cs < c.first {
            // "…, he said." / "…, Calderón said in an interview with CNBC."
            // A verb that takes an object inverts only at the end of the sentence ("…, the
            // poll found."): "…, Trump won 45 percent support among voters" is no attribution.
            let speech = c.class == VerbClass::Speech;
            // "“…,” he claimed they had never met": a clause of its own follows the cue.
            // "“…,” one of the prosecutors said the two cases were different": "say" takes no
            // object, so a determiner and three words more after it open a clause ("said the
            // other day" or "said this week in …" do not).
            let say_clause = phrase.len() >= 4
                && first_flags & flag::DETERMINER != 0
                && ["say", "said", "says"].contains(&&*fold(toks[c.last].text))
                && !["other", "same", "following"]
                    .iter()
                    .chain(TIME_PHRASE)
                    .any(|w| low_eq(phrase[1].text, w));
            // "…, she said it “humanizes” her": the words after the cue run on into a quote
            // inside the sentence, so they are a clause, not a short phrase closing it ("said
            // in an interview with “Fox News Sunday.”" opens with a preposition).
            let into_quote = !phrase.is_empty()
                && e < toks.len()
                && toks[e].start < sent_end
                && first_flags & flag::PREPOSITION == 0
                && !TIME_WORDS.contains(&first)
                && {
                    let g = self.gap(toks, e - 1);
                    opens_quote(g) && !g.contains([',', ';', ':', '(', '—', '–'])
                };
            // "…, double the number who said the same of Mr. Trump": a cue right after a
            // relative pronoun is the relative clause's verb, no attribution of the words before.
            let relative = toks[c.first - 1].flags & flag::RELATIVE != 0;
            // "“…” He said Clinton would lose.", "“…” She says referees are biased": a word
            // that is no preposition, article or time, then within three words an auxiliary or
            // a modal: a clause with its own verb, not the cue's object ("told Smith he would"
            // and "asked Smith" take one).
            let verb_clause = speech
                && !matches!(
                    &*fold(toks[c.last].text),
                    "tell" | "told" | "tells" | "ask" | "asked" | "asks"
                )
                && first_flags & (flag::PREPOSITION | flag::DETERMINER) == 0
                && !TIME_WORDS.contains(&first)
                && phrase
                    .iter()
                    .take(4)
                    .skip(1)
                    .any(|t| t.flags & flag::AUX_LAST != 0 || MODALS.contains(&&*fold(t.text)));
            let clause_after = say_clause
                || verb_clause
                || into_quote
                || relative
                || (phrase.len() >= 3 && first_flags & flag::SUBJECT != 0)
                // "…, said Wednesday he agrees with …": another verb opens the clause (not a
                // name that is a verb too: "“…,” Hope Hicks said").
                || toks[cs..c.first].iter().any(|t| {
                    t.flags & (flag::SPEECH | flag::ATTRIBUTION) != 0
                        && !t.text.starts_with(char::is_uppercase)
                });
            // "On Saturday, Smith said …", "Later, in front of the club, Trump said: …": before
            // the comma stands an introductory phrase, no content.
            let opens_intro = |t: &Tok| {
                t.flags & (flag::PREPOSITION | flag::ADVERB) != 0
                    || TIME_WORDS.contains(&&*fold(t.text))
                    || low_eq(t.text, "last")
                    || (t.text.len() > 4 && t.text.ends_with("ly"))
            };
            // Every piece before the comma opens like an introductory phrase.
            let intro = !quoted
                && cs <= 12
                && (0..cs)
                    .filter(|&i| i == 0 || self.breaks(toks, i - 1))
                    .all(|i| opens_intro(&toks[i]));
            let opens = c.last + 1 < toks.len() && {
                let g = self.gap(toks, c.last);
                g.contains(':') || opens_quote(g)
            };
            // "…, Smith said no.": the answer is the content.
            let answer = phrase.len() == 1 && self.lex.answer_words.contains(first);
            let clause_after = clause_after || intro || answer || (!quoted && opens);
            // "…, he told the court in his filing.", "…, Ash Carter told a Senate panel
            // Wednesday.": a short object that ends the sentence, with no auxiliary or subject
            // pronoun of a clause ("…, he said the plan would fail").
            let ends = e >= toks.len() || toks[e].start >= sent_end;
            let object = speech
                && ends
                && phrase.len() <= 6
                && (first_flags & flag::DETERMINER != 0
                    || phrase
                        .first()
                        .is_some_and(|t| t.text.starts_with(char::is_uppercase)))
                && phrase.iter().all(|t| {
                    t.flags & (flag::AUX_LAST | flag::SUBJECT) == 0
                        && !MODALS.contains(&&*fold(t.text))
                });
            // "…, though there is still lingering Sanders support.": a verb of a subject
            // with an auxiliary of its own is a noun.
            let noun = !speech
                && toks[cs..c.first]
                    .iter()
                    .any(|t| t.flags & flag::AUX_LAST != 0);
            // "…, a partire dal comune validamente indicato dall'interessato": a phrase
            // opened by a preposition, naming no one, is no subject.
            let no_subject = c.first - cs >= 3
                && toks[cs].flags & flag::PREPOSITION != 0
                && toks[cs..c.first]
                    .iter()
                    .all(|t| t.flags & (flag::PRONOUN | flag::SUBJECT | flag::RELATIVE) == 0)
                && self
                    .found
                    .mentions_in(&(toks[cs].start..toks[c.first - 1].end))
                    .is_empty();
            c.first - cs <= 8
                && !clause_after
                && !noun
                && !no_subject
                && (quoted
                    || phrase.is_empty()
                    || TIME_WORDS.contains(&first)
                    || (speech
                        && first_flags & flag::PREPOSITION != 0
                        && !self.infinitive_after(toks, c))
                    || (speech && phrase.len() <= 2)
                    || object)
        } else if cs > 0
            && c.class == VerbClass::Speech
            && self.quoted_subject(toks, cs).is_some_and(|r| {
                // A name or a noun phrase, with no verb of its own ("“…,” Trump said,
                // referring to …", "“…,” when asked whether …" are none).
                let t = &toks[r.start];
                (t.text.starts_with(char::is_uppercase) || t.flags & flag::DETERMINER != 0)
                    && toks[r.clone()]
                        .iter()
                        .all(|t| t.flags & (flag::CUE | flag::CONJUNCTION) == 0)
            })
        {
            // "“…,” Jeff Weaver, the campaign manager, said in a statement."
            true
        } else if cs > 0
            && !quoted
            && c.class == VerbClass::Speech
            && c.kind == CueKind::Verb
            && (e >= toks.len() || toks[e].start >= sent_end)
            && (phrase.is_empty()
                || TIME_WORDS.contains(&first)
                || first_flags & flag::PREPOSITION != 0)
            && self.apposed_subject(toks, cs).is_some()
        {
            // "The plan will fail, John Smith, a spokesman for the city, said (Tuesday)."
            true
        } else {
            // "…, said Smith." / "…, ha riferito l’agenzia di stampa ufficiale del Nord.":
            // after a quote, a phrase up to the next break; otherwise a short one that ends the
            // sentence or an apposition ("said Smith, a veteran editor").
            let t0 = phrase.first().map_or("", |t| t.text);
            let closes =
                e >= toks.len() || toks[e].start >= sent_end || self.gap(toks, e - 1).trim() == ",";
            // "Brianne Stone, 29, of Huntsville, Ala., says her biggest concern …": after a
            // name and its apposition, a lower-case clause is what the name says.
            // So too after "Former candidate Bernie Sanders, who …, said Wednesday he …" and
            // "Gov. John Kasich of Ohio, a Republican …, said the …": the words before the first
            // comma end with a name (and its "of Place").
            let first_comma = (1..cs.min(10)).find(|&j| self.gap(toks, j - 1).contains(','));
            // Not a place in an introductory phrase ("In nearby Decatur, …").
            let intro = toks[0].flags & (flag::PREPOSITION | flag::ADVERB) != 0;
            let name_first = !intro
                && first_comma.is_some_and(|j| {
                    let capitals = toks[..j]
                        .iter()
                        .all(|t| t.text.starts_with(char::is_uppercase));
                    let r = toks[0].start..toks[j - 1].end;
                    let named = self.found.mentions_in(&r).iter().any(|m| {
                        self.text.get(m.range.end..r.end).is_some_and(|rest| {
                            let rest = rest.trim_start();
                            rest.is_empty()
                                || (rest.starts_with("of ")
                                    && words(&rest[3..])
                                        .all(|w| w.text.starts_with(char::is_uppercase)))
                        })
                    });
                    capitals || named
                })
                // "The chairman, John Doe, said the committee …": a name in apposition.
                || self.apposed_name(toks, cs).is_some();
            // "Mr. Coffman, who …, said Mr. Trump had disrespected …": after the capitalized
            // words, a lower-case word that is no preposition or article goes on as a clause
            // ("said Jeff Smith in an interview" does not).
            let clause = || {
                phrase
                    .iter()
                    .find(|t| !t.text.starts_with(char::is_uppercase))
                    .is_some_and(|t| {
                        t.text.starts_with(char::is_lowercase)
                            && t.flags
                                & (flag::PREPOSITION
                                    | flag::DETERMINER
                                    | flag::CONJUNCTION
                                    | flag::RELATIVE)
                                == 0
                            && !TIME_WORDS.contains(&&*fold(t.text))
                    })
            };
            let after_name = !quoted
                && name_first
                && (t0.starts_with(char::is_lowercase) || TIME_WORDS.contains(&first) || clause());
            // "“…,” said a longtime GOP data expert who has worked for …": after a quote, a
            // relative clause is part of the speaker's phrase, not counted in its length.
            let head = if quoted {
                phrase
                    .iter()
                    .position(|t| t.flags & flag::RELATIVE != 0)
                    .map_or(phrase.len(), |i| i.max(1))
            } else {
                phrase.len()
            };
            // "“…,” said one party activist": "one" before a noun opens a noun phrase.
            let one = quoted && first == "one" && phrase.len() >= 2;
            // "«…», ha aggiunto.": a dropped subject after a quote (Italian, Spanish).
            if quoted
                && phrase.is_empty()
                && closes
                && c.kind == CueKind::Verb
                && c.class == VerbClass::Speech
            {
                return true;
            }
            // Only a verb of saying inverts: after "…, applauding the deal" comes its object.
            !after_name
                && c.kind == CueKind::Verb
                && c.class == VerbClass::Speech
                && !phrase.is_empty()
                && head <= if quoted { 12 } else { 8 }
                && (quoted || closes)
                // A pronoun inverts only joined by a hyphen ("dit-elle", "a-t-il dit").
                && (first_flags & flag::PRONOUN == 0 || self.gap(toks, c.last) == "-")
                && !matches!(first, "it" | "they" | "we" | "i" | "you")
                && (t0.starts_with(char::is_uppercase)
                    || one
                    || self.lang.is_stopword(first)
                    || (closes && self.lex.bare_sources.contains(first))
                    || phrase
                        .iter()
                        .any(|t| t.text.starts_with(char::is_uppercase)))
        }
    }

    /// The quote that ends right before the sentence of `toks`, in the same paragraph, when
    /// only closing marks and spaces lie between ("“Why me?” Trump said." split in two).
    fn quote_before(&self, toks: &[Tok]) -> Option<Range<usize>> {
        let at = toks.first()?.start;
        let q = self.quotes.iter().rev().find(|q| q.end <= at)?;
        let between = self.text.get(q.end..at)?;
        if between.len() > 8
            || between.contains('\n')
            || !between
                .chars()
                .all(|c| c.is_whitespace() || CLOSING_MARKS.contains(&c) || c == ',')
        {
            return None;
        }
        // The quote is a sentence of its own ("“Why me?” | Trump said."), not the end of one
        // opened by other words ("He called it “a disaster.” | Many voters said …": the next
        // sentence's cue has a content of its own).
        let head = self.text.get(..q.start)?;
        let head = head
            .trim_end_matches(['“', '"', '«', '‘', '\'', '„'])
            .trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != PARAGRAPH);
        (!head.ends_with(|c: char| c.is_alphanumeric() || c == ',')).then(|| q.clone())
    }

    /// For a cue opening its clause at token `cs` after an apposition ("“…,” Jeff Weaver,
    /// the campaign manager, said"): the tokens of the subject between the quote and the
    /// apposition.
    fn quoted_subject(&self, toks: &[Tok], cs: usize) -> Option<Range<usize>> {
        // A comma right before a closing mark (",”"), not one before an opening mark (", “").
        let j = (1..cs).rev().take(24).find(|&j| {
            let g = self.gap(toks, j - 1);
            g.split_once(',')
                .is_some_and(|(_, rest)| rest.starts_with(CLOSING_MARKS))
        })?;
        let end = (j + 1..cs)
            .find(|&k| self.gap(toks, k - 1).contains(','))
            .unwrap_or(cs);
        Some(j..end)
    }

    /// With no quote before it, a name and its apposition between commas right before an
    /// inverted verb ("The plan will fail, John Smith, a spokesman for the city, said.", "…,
    /// John Smith, 45, said", "…, a spokesman for the city, John Smith, said"): the tokens of
    /// the name, or of the role and the name. The apposition opens with an article or a
    /// relative pronoun (or is a number, an age); the words before the two pieces are a clause
    /// of at least four words that opens with no preposition or adverb (not "In Ohio, John
    /// Smith, a farmer, said").
    fn apposed_subject(&self, toks: &[Tok], cs: usize) -> Option<Range<usize>> {
        if cs < 6 || toks[0].flags & (flag::PREPOSITION | flag::ADVERB | flag::SUBORDINATOR) != 0 {
            return None;
        }
        // The piece right before the cue and the one before it, each between commas.
        let piece = |end: usize| {
            let mut a = end - 1;
            while a > 0 && !self.breaks(toks, a - 1) {
                a -= 1;
            }
            (a > 0 && self.gap(toks, a - 1).trim() == ",").then_some(a)
        };
        let a = piece(cs)?;
        let j = piece(a)?;
        if j < 4 || toks[j..cs].iter().any(|t| t.flags & flag::CUE != 0) {
            return None;
        }
        // A person's name: up to five capitalized words, a person's mention at their end.
        let name = |from: usize, to: usize| {
            let r = toks[from].start..toks[to - 1].end;
            to - from <= 5
                && toks[from..to]
                    .iter()
                    .all(|t| t.text.starts_with(char::is_uppercase))
                && self.found.mentions_in(&r).iter().any(|m| {
                    m.range.end == r.end && self.entity_kind(m) == Some(EntityType::Person)
                })
        };
        // An apposition: up to twelve words opened by an article or a relative pronoun, or
        // a number.
        let apposition = |from: usize, to: usize| {
            to - from <= 12
                && (toks[from].flags & (flag::DETERMINER | flag::RELATIVE) != 0
                    || (to - from == 1 && toks[from].text.chars().all(|c| c.is_ascii_digit())))
        };
        if name(j, a) && apposition(a, cs) {
            Some(j..a)
        } else if name(a, cs) && apposition(j, a) && toks[j].flags & flag::RELATIVE == 0 {
            Some(j..cs)
        } else {
            None
        }
    }

    /// True when the clause starting at token `cs` hangs on what comes before it: after a
    /// comma ("…, he said") or right after a quote that closes with punctuation ("“Really?”
    /// she asked"; not a quoted word going on: "were “flooded” with messages of support").
    fn attaches(&self, toks: &[Tok], cs: usize) -> bool {
        let g = self.gap(toks, cs - 1);
        g.contains(',')
            || ((g.contains(['”', '»', '"']) || g.contains("''"))
                && g.contains(['?', '!', '.', '…']))
    }

    /// True when `t` is a gerund that opens an attribution of its own after a comma
    /// (", saying", ", applauding the deal"); other clauses (", and …", ", including …") go on.
    fn opens_participle(&self, t: &Tok) -> bool {
        t.flags & flag::GERUND != 0
            || (t.flags & flag::CUE != 0
                && self.lang.code() == "en"
                && t.text.len() > 5
                && t.text.ends_with("ing"))
    }

    /// True when the sentence goes on with a verb after an inverted speaker phrase ending at
    /// token `e` and a comma: the next phrase opens with an auxiliary or a modal ("…, said
    /// Rossi, would cost …"), possibly after one apposition or relative clause ("…, said Rossi,
    /// an economist, would …", "…, said Rossi, who knows him, does not …").
    fn goes_on_after_speaker(&self, toks: &[Tok], mut e: usize, sent_end: usize) -> bool {
        for _ in 0..2 {
            let Some(t) = toks.get(e) else {
                return false;
            };
            if e == 0 || t.start >= sent_end || !self.gap(toks, e - 1).contains(',') {
                return false;
            }
            let w = fold(t.text);
            if t.flags & flag::AUX_LAST != 0
                || MODALS.contains(&&*w)
                || self.lex.passive_auxiliaries.contains(&*w)
            {
                return true;
            }
            if t.flags & (flag::DETERMINER | flag::RELATIVE) == 0 {
                return false;
            }
            e = self.phrase_end(toks, e + 1, sent_end);
        }
        false
    }

    /// True when `w` starts a clause of its own after a comma ("and", "but", a gerund, "who").
    fn opens_clause(&self, t: &Tok) -> bool {
        t.flags & (flag::CONJUNCTION | flag::GERUND) != 0
            || (self.lang.code() == "en" && t.text.len() > 5 && t.text.ends_with("ing"))
    }

    /// The first token of the clause of a cue starting at token `first`: as
    /// [`Self::clause_start`], but a conjunction inside a short subject after a comma does not
    /// open the clause ("…, current and former officials said").
    fn cue_clause_start(&self, toks: &[Tok], first: usize) -> usize {
        let cs = self.clause_start(toks, first);
        if cs >= 2 && toks[cs - 1].flags & flag::CONJUNCTION != 0 && !self.breaks(toks, cs - 2) {
            let cs2 = self.clause_start(toks, cs - 1);
            if cs2 > 0 && cs2 + 3 >= cs - 1 && first - cs2 <= 6 && self.attaches(toks, cs2) {
                return cs2;
            }
        }
        cs
    }

    /// The first token of the clause that ends before token `end`.
    fn clause_start(&self, toks: &[Tok], end: usize) -> usize {
        let mut i = end;
        while i > 0 {
            // A comma between digits ("1,100") breaks no clause.
            if self.breaks(toks, i - 1) {
                break;
            }
            if toks[i - 1].flags & (flag::COMPLEMENTIZER | flag::CONJUNCTION) != 0 {
                break;
            }
            i -= 1;
        }
        i
    }

    /// Where a reported clause starting at token `from` ends: at `limit`, or earlier before a
    /// comma that opens another clause (", and he railed against …", ", applauding …").
    /// `speech`: the clause is reported by a verb of saying (see [`Self::opens_attribution`]).
    fn clause_end(&self, toks: &[Tok], from: usize, limit: usize, speech: bool) -> usize {
        let mut k = from + 1;
        while k < toks.len() && toks[k].start < limit {
            let g = self.gap(toks, k - 1);
            // A comma between digits ("roughly 1,100 names") is none.
            let comma = g.contains(',') && self.breaks(toks, k - 1);
            let then_that = toks
                .get(k + 1)
                .is_some_and(|t| t.flags & flag::COMPLEMENTIZER != 0);
            // ", 27 percent of those polled said …": a clause with a verb of saying of its own.
            let own_speech = comma
                && (k..toks.len().min(k + 8))
                    .take_while(|&j| j == k || !self.breaks(toks, j - 1))
                    .any(|j| {
                        toks[j].flags & flag::SPEECH != 0
                            && toks[j - 1].flags & flag::DETERMINER == 0
                            && !self.inside_quote(toks[j].start)
                    });
            // ", when asked whether …": a participle clause of its own.
            let subordinate = comma
                && toks[k].flags & flag::SUBORDINATOR != 0
                && toks.get(k + 1).is_some_and(|t| t.flags & flag::SPEECH != 0);
            if g.contains(';')
                || subordinate
                || (comma
                    && self.opens_participle(&toks[k])
                    && (!then_that || toks[k].flags & flag::GERUND != 0))
                || own_speech
                || self.opens_attribution(toks, k, speech)
            {
                return toks[k - 1].end.min(limit);
            }
            k += 1;
        }
        limit
    }

    /// True when the conjunction at token `k` opens an attribution of its own: its verb right
    /// after it ("and noted that", "but also added") or a verb of saying after a short subject
    /// ("and he said", "but Trump argued"). In a clause reported by a verb of saying (`speech`),
    /// a verb of another kind right after a conjunction with no comma before it goes on with the
    /// clause ("said the ministry requested his release and indicated that …": PolNeAR reads
    /// both as what was said).
    fn opens_attribution(&self, toks: &[Tok], k: usize, speech: bool) -> bool {
        if toks[k].flags & flag::CONJUNCTION == 0 {
            return false;
        }
        // "… and that …": a second complement clause of the same verb.
        if toks
            .get(k + 1)
            .is_some_and(|t| t.flags & flag::COMPLEMENTIZER != 0)
        {
            return false;
        }
        let verb = |t: &Tok| t.flags & (flag::SPEECH | flag::ATTRIBUTION) != 0;
        let mut j = k + 1;
        while j < toks.len() && j <= k + 3 && !self.breaks(toks, j - 1) {
            if toks[j].flags & flag::ADVERB != 0 {
                j += 1;
                continue;
            }
            if j == k + 1 {
                if verb(&toks[j])
                    && (!speech
                        || toks[j].flags & flag::SPEECH != 0
                        || (k > 0 && self.gap(toks, k - 1).contains(',')))
                {
                    return true;
                }
            } else if toks[j].flags & flag::SPEECH != 0 {
                return true;
            }
            j += 1;
        }
        false
    }

    fn entity_kind(&self, m: &entities::Mention) -> Option<EntityType> {
        self.found.entities.get(m.entity).map(|e| e.kind)
    }

    /// The canonical name of a mention, through the article's entities for a box item.
    fn entity_name(&self, m: &entities::Mention) -> String {
        let name = self
            .found
            .entities
            .get(m.entity)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| self.text[m.range.clone()].to_string());
        if let Some(article) = self.article {
            let ws: Vec<&str> = name.split(' ').collect();
            if let Some(e) = article.entities.iter().find(|e| {
                e.name == name
                    || (e.kind == EntityType::Person
                        && ws.iter().all(|w| e.name.split(' ').any(|x| x == *w)))
            }) {
                return e.name.clone();
            }
        }
        name
    }

    /// The last mention in tokens `from..to` that does not follow a preposition.
    fn subject_mention(
        &self,
        toks: &[Tok],
        from: usize,
        to: usize,
    ) -> Option<&'a entities::Mention> {
        if from >= to {
            return None;
        }
        let r = toks[from].start..toks[to - 1].end;
        let ms = self.found.mentions_in(&r);
        let mut best = None;
        for m in ms {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            let prep = ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0;
            if !prep {
                best = Some(m);
            }
        }
        best
    }

    /// The name signing a quote that fills its line (`content`, inside the marks): after the
    /// closing mark, a dash and a name that ends the line, alone or with a short description
    /// ("― Edwin G. Monroy", "— Jane Doe, 34, Texas"). Returns the speaker and the dash.
    fn signature(&self, content: Range<usize>) -> Option<(String, Range<usize>, char)> {
        let text = self.text;
        let end = content.end;
        let before = text.get(..content.start)?;
        let opening = before.chars().next_back()?;
        let line_start = before[..before.len() - opening.len_utf8()].trim_end_matches([' ', '\t']);
        if !(line_start.is_empty() || line_start.ends_with('\n')) {
            return None;
        }
        let rest = text.get(end..)?;
        let mark = rest.chars().next()?;
        if !matches!(mark, '”' | '"' | '»' | '“' | '’') {
            return None;
        }
        let after = &rest[mark.len_utf8()..];
        let line = &after[..after.find('\n').unwrap_or(after.len())];
        let t = line.trim_start_matches([' ', '\u{a0}']);
        let dash = t.chars().next()?;
        if !matches!(dash, '―' | '—' | '–') {
            return None;
        }
        let name_part = t[dash.len_utf8()..].trim_start_matches([' ', '\u{a0}']);
        let line_end = line.trim_end().trim_end_matches('.');
        // A signature is short: a name and a few words of description.
        if name_part.is_empty() || words(name_part).count() > 12 {
            return None;
        }
        let start = end + mark.len_utf8() + (line.len() - name_part.len());
        let stop = end + mark.len_utf8() + line_end.len();
        if stop <= start {
            return None;
        }
        if let Some(m) = self
            .found
            .mentions_in(&(start..start + 1))
            .first()
            .filter(|m| m.range.end <= stop)
        {
            if self.entity_kind(m) != Some(EntityType::Location) {
                return Some((self.entity_name(m), m.range.clone(), dash));
            }
        }
        // A name the entity stage did not take: the capitalized words that open the line.
        let mut name_end = start;
        for w in words(&text[start..stop]) {
            if !w.text.starts_with(char::is_uppercase) {
                break;
            }
            name_end = start + w.end;
            if text[name_end..stop].starts_with(',') {
                break;
            }
        }
        if name_end == start {
            return None;
        }
        Some((text[start..name_end].to_string(), start..name_end, dash))
    }

    fn speaker_of_mention(&mut self, m: &entities::Mention) -> (String, Range<usize>) {
        let name = self.entity_name(m);
        if self.entity_kind(m) == Some(EntityType::Person) {
            self.last_person = Some(Person::Name(name.clone()));
        }
        (name, m.range.clone())
    }

    /// The name of the last person in subject position or speaking.
    fn last_person(&self) -> Option<String> {
        match self.last_person.as_ref()? {
            Person::Name(n) => Some(n.clone()),
            Person::Mention(m) => Some(self.entity_name(m)),
        }
    }

    /// The speaker in tokens `from..to` (the subject region of a cue).
    fn subject(&mut self, toks: &[Tok], from: usize, to: usize) -> Option<(String, Range<usize>)> {
        // The pronoun nearest the cue, when no mention stands between them ("drew Trump's ire
        // after he told"); a relative pronoun names the mention before it ("Sanders, who said").
        let pronoun = (from..to)
            .rev()
            .find(|&i| toks[i].flags & (flag::PRONOUN | flag::RELATIVE) != 0);
        let mention = self.subject_mention(toks, from, to);
        let pronoun = pronoun.filter(|&i| mention.is_none_or(|m| m.range.end <= toks[i].start));
        if let Some(i) = pronoun {
            let t = &toks[i];
            let name = if t.flags & flag::RELATIVE != 0 {
                self.subject_mention(toks, i.saturating_sub(8), i)
                    .map(|m| self.entity_name(m))
                    .or_else(|| self.last_person())
            } else {
                self.sentence_person(toks, i).or_else(|| self.last_person())
            };
            let name = name.unwrap_or_else(|| t.text.to_string());
            return Some((name, t.start..t.end));
        }
        if let Some(m) = mention {
            return Some(self.speaker_of_mention(m));
        }
        if from < to && toks[to - 1].flags & flag::SUBORDINATOR != 0 {
            // "X did not respond when asked about …": the words before "when" are the main
            // clause's predicate, no speaker; the one asked is that clause's subject, if a
            // person is named there.
            if to < 2 {
                return None;
            }
            let r = toks[0].start..toks[to - 2].end;
            let m = self.found.mentions_in(&r).iter().find(|m| {
                let ti = toks.partition_point(|t| t.start < m.range.start);
                self.entity_kind(m) == Some(EntityType::Person)
                    && !(ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0)
            });
            if let Some(m) = m {
                return Some(self.speaker_of_mention(m));
            }
            // Else the noun phrase opening the sentence, up to its auxiliary ("The mayor did
            // not respond when asked"), opened by a determiner or a capital, unbroken.
            let aux = (1..(to - 1).min(7))
                .find(|&k| self.lex.auxiliaries.contains_key(&*fold(toks[k].text)))?;
            let opens = toks[0].flags & flag::DETERMINER != 0
                || toks[0].text.starts_with(char::is_uppercase);
            if !opens || (0..aux).any(|k| self.breaks(toks, k)) {
                return None;
            }
            let r = toks[0].start..toks[aux - 1].end;
            return Some((self.text[r.clone()].to_string(), r));
        }
        if from < to {
            // A noun phrase: up to eight words before the cue. An impersonal pronoun alone
            // (`impersonal_subjects`: "Si precisa che", "On estime que", "Man sagt, dass") is
            // no speaker; English "Some say" is (PolNeAR annotates such sources).
            let first = from.max(to.saturating_sub(8));
            if to - first == 1 {
                let w = toks[first].text.to_lowercase();
                if self.lang.list("impersonal_subjects").contains(&w) {
                    return None;
                }
            }
            // Not the auxiliaries and negation before the cue ("The treasurer did not
            // respond"): they belong to the verb.
            let mut end = to;
            while end > first
                && (self
                    .lex
                    .auxiliaries
                    .contains_key(&*fold(toks[end - 1].text))
                    || self
                        .lang
                        .list("negations")
                        .iter()
                        .any(|w| *w == *fold(toks[end - 1].text)))
            {
                end -= 1;
            }
            if end == first {
                return None;
            }
            let r = toks[first].start..toks[end - 1].end;
            let name = self.text[r.clone()].to_string();
            return Some((name, r));
        }
        None
    }

    /// For a cue whose clause opens at token `cs` right after a comma: the person named in an
    /// apposition closing the subject ("The president of the bank, Jane Smith, said",
    /// "La presidente della Bce, Christine Lagarde, ha detto"). The words between the two
    /// commas are exactly one person mention, and before them a noun phrase opens the sentence
    /// (an article or a capital; not an introductory phrase such as "In Rome,").
    fn apposed_name(&self, toks: &[Tok], cs: usize) -> Option<&'a entities::Mention> {
        if cs < 3 || !self.gap(toks, cs - 1).contains(',') {
            return None;
        }
        let mut j = cs - 1;
        while j > 0 && !self.breaks(toks, j - 1) {
            j -= 1;
        }
        if j < 2 || self.gap(toks, j - 1).trim() != "," || cs - j > 5 {
            return None;
        }
        let r = toks[j].start..toks[cs - 1].end;
        let m = self
            .found
            .mentions_in(&r)
            .iter()
            .find(|m| m.range == r && self.entity_kind(m) == Some(EntityType::Person))?;
        // The noun phrase before the apposition: a whole piece of the sentence, up to twelve
        // words, opened by an article or a capital and holding no verb cue of its own.
        let mut p = j - 1;
        while p > 0 && !self.breaks(toks, p - 1) {
            p -= 1;
        }
        let t = &toks[p];
        let opens = t.flags & flag::DETERMINER != 0
            || (t.text.starts_with(char::is_uppercase)
                && t.flags & (flag::PREPOSITION | flag::ADVERB | flag::CONJUNCTION) == 0);
        let plain = toks[p..j]
            .iter()
            .all(|t| t.flags & (flag::CUE | flag::PRONOUN | flag::SUBJECT) == 0);
        (p == 0 && j - p <= 12 && opens && plain).then_some(m)
    }

    /// The first person named in subject position in the sentence before token `i` (for a
    /// pronoun at `i`: "Senator Lee drew fire after he said").
    fn sentence_person(&self, toks: &[Tok], i: usize) -> Option<String> {
        if i == 0 {
            return None;
        }
        let r = toks[0].start..toks[i - 1].end;
        let m = self.found.mentions_in(&r).iter().find(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            self.entity_kind(m) == Some(EntityType::Person)
                && !(ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0)
        })?;
        Some(self.entity_name(m))
    }

    /// The first token after the introductory phrases of a clause starting at token `from`
    /// ("On Friday,", "By contrast,", "In an email,", "Meanwhile,", "Recalling that moment,"):
    /// phrases opened by a preposition, a conjunction, an adverb in -ly, a gerund or a time
    /// word, and closed by a comma within twelve words.
    fn after_intro(&self, toks: &[Tok], from: usize, to: usize) -> usize {
        let en = self.lang.code() == "en";
        let mut i = from;
        for _ in 0..3 {
            if i >= to {
                break;
            }
            let t = &toks[i];
            let low = fold(t.text);
            let intro = t.flags & (flag::PREPOSITION | flag::CONJUNCTION | flag::ADVERB) != 0
                || TIME_WORDS.contains(&&*low)
                || (en && low.len() > 4 && low.ends_with("ly"))
                || (en && low.len() > 5 && low.ends_with("ing"));
            if !intro {
                break;
            }
            let Some(k) = (i + 1..to.min(i + 12)).find(|&k| self.gap(toks, k - 1).contains(','))
            else {
                break;
            };
            i = k;
        }
        i
    }

    /// The subject of the main clause of a sentence whose tokens before `to` hold it: after a
    /// leading quote and introductory phrases, a mention within its first three words, a
    /// pronoun, or a short noun phrase ("The president", "Some candidates").
    fn main_subject(&mut self, toks: &[Tok], to: usize) -> Option<(String, Range<usize>)> {
        self.main_subject_from(toks, 0, to)
    }

    /// [`Self::main_subject`] of a clause starting at token `from`.
    fn main_subject_from(
        &mut self,
        toks: &[Tok],
        from: usize,
        to: usize,
    ) -> Option<(String, Range<usize>)> {
        let mut s0 = from;
        while s0 < to
            && self
                .quotes
                .iter()
                .any(|q| q.start <= toks[s0].start && toks[s0].start < q.end)
        {
            s0 += 1;
        }
        let s0 = self.after_intro(toks, s0, to);
        if s0 >= to {
            return None;
        }
        let head_end = toks[(s0 + 2).min(to - 1)].start;
        let r = toks[s0].start..toks[to - 1].end;
        let m = self.found.mentions_in(&r).iter().find(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            m.range.start <= head_end && !(ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0)
        });
        if let Some(m) = m {
            let m = m.clone();
            return Some(self.speaker_of_mention(&m));
        }
        let t = &toks[s0];
        if t.flags & flag::PRONOUN != 0 {
            let name = self.last_person().unwrap_or_else(|| t.text.to_string());
            return Some((name, t.start..t.end));
        }
        let det = t.flags & flag::DETERMINER != 0;
        if !det && !t.text.starts_with(char::is_uppercase) {
            return None;
        }
        if det {
            if let Some(m) = self.named_head(toks, s0, to) {
                return Some(self.speaker_of_mention(m));
            }
        }
        let mut e = s0 + 1 + usize::from(det);
        while e < to && e < s0 + 5 && toks[e].text.starts_with(char::is_uppercase) {
            e += 1;
        }
        let e = e.min(to);
        let r = toks[s0].start..toks[e - 1].end;
        Some((self.text[r.clone()].to_string(), r))
    }

    /// For a subject opened by an article at token `s0`: the person named at the end of its
    /// noun phrase ("Il ministro dell'Economia Giancarlo Giorgetti", "La portavoce della
    /// Commissione europea Anna Bianchi", "The party's leader John Doe"). After the head noun
    /// only prepositions, articles, capitalized words and other mentions may come before the
    /// name, with no break; a verb or an auxiliary ends the phrase ("Il ministro ha incontrato
    /// Mario Rossi" names no subject).
    fn named_head(&self, toks: &[Tok], s0: usize, to: usize) -> Option<&'a entities::Mention> {
        let end = to.min(s0 + 10);
        if s0 + 2 >= end || self.breaks(toks, s0) {
            return None;
        }
        let r = toks[s0].start..toks[end - 1].end;
        let ms = self.found.mentions_in(&r);
        let mut i = s0 + 2;
        while i < end {
            if self.breaks(toks, i - 1) {
                return None;
            }
            let t = &toks[i];
            if let Some(m) = ms.iter().find(|m| m.range.start == t.start) {
                if self.entity_kind(m) == Some(EntityType::Person) {
                    return Some(m);
                }
                // Over another mention ("della Commissione europea").
                i = toks.partition_point(|x| x.start < m.range.end);
                continue;
            }
            let fits = t.flags & (flag::PREPOSITION | flag::DETERMINER) != 0
                || (t.text.starts_with(char::is_uppercase) && t.flags & flag::CUE == 0);
            if !fits || t.flags & (flag::AUX_LAST | flag::PRONOUN | flag::SUBJECT) != 0 {
                return None;
            }
            i += 1;
        }
        None
    }

    /// The speaker at the start of tokens `from..to`: the first mention there that does not
    /// follow a preposition, else the words themselves (at most eight).
    fn subject_first(
        &mut self,
        toks: &[Tok],
        from: usize,
        to: usize,
    ) -> Option<(String, Range<usize>)> {
        if from >= to {
            return None;
        }
        let r = toks[from].start..toks[to - 1].end;
        let first = self.found.mentions_in(&r).iter().find(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            !(ti > 0 && toks[ti - 1].flags & flag::PREPOSITION != 0)
        });
        if let Some(m) = first {
            let m = m.clone();
            return Some(self.speaker_of_mention(&m));
        }
        let last = (from + 8).min(to);
        let r = toks[from].start..toks[last - 1].end;
        Some((self.text[r.clone()].to_string(), r))
    }

    /// After an inverted cue, the person named in an apposition to a role that names no one
    /// ("ha detto il presidente della Regione, Michele de Pascale, ai giornalisti", "said the
    /// president of the bank, Jane Smith."): tokens `from..stop` are the role, up to a comma;
    /// the person's mention follows it right away and ends at a clause break or the sentence's
    /// end (`to`). Not after a preposition ("said in a statement, ...").
    fn apposed_after(
        &self,
        toks: &[Tok],
        from: usize,
        stop: usize,
        to: usize,
    ) -> Option<&'a entities::Mention> {
        if stop >= to || toks[from].flags & flag::PREPOSITION != 0 {
            return None;
        }
        if self.gap(toks, stop - 1).trim() != "," {
            return None;
        }
        let role = toks[from].start..toks[stop - 1].end;
        let person = |m: &entities::Mention| self.entity_kind(m) == Some(EntityType::Person);
        if self.found.mentions_in(&role).iter().any(person) {
            return None;
        }
        let next = toks[stop].start..toks[to - 1].end;
        let m = self.found.mentions_in(&next).first()?;
        if m.range.start != toks[stop].start || !person(m) {
            return None;
        }
        let last = toks.partition_point(|t| t.start < m.range.end);
        let closed = last >= to || self.gap(toks, last - 1).contains([',', '.', ';', ')']);
        closed.then_some(m)
    }

    /// The speaker right after an inverted cue ("said Smith", "ha riferito l’agenzia ...").
    fn subject_after(
        &mut self,
        toks: &[Tok],
        from: usize,
        end: usize,
    ) -> Option<(String, Range<usize>)> {
        // An adverb between an inverted cue and its subject ("sagt dazu Albrecht Reusch") is
        // no part of the subject, nor the euphonic "t" of French inversion ("explique-t-elle").
        let mut from = from;
        if from > 0
            && from + 1 < toks.len()
            && toks[from].text == "t"
            && self.gap(toks, from - 1) == "-"
            && self.gap(toks, from) == "-"
        {
            from += 1;
        }
        while from + 1 < toks.len()
            && toks[from].flags & flag::ADVERB != 0
            && toks[from + 1].start < end
            && !self.gap(toks, from).contains(CLAUSE_BREAKS)
        {
            from += 1;
        }
        // A short phrase of time or place between the verb and its subject ("ha detto a fine
        // partita l'allenatore", "said in a statement the company"): the subject starts at the
        // determiner after it.
        if from + 3 < toks.len() && toks[from].flags & flag::PREPOSITION != 0 {
            let det = (from + 2..=from + 3).find(|&p| {
                toks[p].start < end
                    && toks[p].flags & flag::DETERMINER != 0
                    && toks[p - 1].flags & flag::PREPOSITION == 0
                    && (from..p).all(|k| !self.gap(toks, k).contains(CLAUSE_BREAKS))
            });
            if let Some(p) = det {
                from = p;
            }
        }
        let to = toks[from..]
            .iter()
            .position(|t| t.start >= end)
            .map(|p| from + p)
            .unwrap_or(toks.len());
        if from >= to {
            return None;
        }
        // Stop at the first clause break.
        let mut stop = from + 1;
        while stop < to && !self.gap(toks, stop - 1).contains(CLAUSE_BREAKS) {
            stop += 1;
        }
        let r = toks[from].start..toks[stop - 1].end;
        if let Some(m) = self.apposed_after(toks, from, stop, to) {
            return Some(self.speaker_of_mention(m));
        }
        if let Some(m) = self.found.mentions_in(&r).first() {
            if m.range.start == r.start && m.range.end == r.end {
                return Some(self.speaker_of_mention(m));
            }
            // "ha spiegato Lagarde in conferenza stampa", "said Smith on Tuesday": a phrase
            // after the name (a preposition or a time word) is no part of it.
            if m.range.start == r.start && m.range.end < r.end {
                let next = toks[from..stop].iter().find(|t| t.start >= m.range.end);
                let phrase = next.is_some_and(|t| {
                    t.flags & flag::PREPOSITION != 0 || TIME_WORDS.contains(&&*fold(t.text))
                });
                if phrase {
                    return Some(self.speaker_of_mention(m));
                }
            }
        }
        // A person named after a role ("ha detto l'assessore ai trasporti Giulia Ferrari
        // durante la presentazione", "said spokesman Ed Smith") is the speaker; not one after
        // a preposition ("a lawyer for John Doe") or after a role that follows one ("il
        // portavoce del ministro Mario Rossi"), nor in a phrase that opens with one ("añadió
        // en referencia al asesinato de Laura Luelmo").
        let titles = &entities::lexicon::get(self.lang).titles;
        let role_name = self.found.mentions_in(&r).iter().find(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            let before = |k: usize| toks[k].flags & (flag::PREPOSITION | flag::CONJUNCTION) != 0;
            self.entity_kind(m) == Some(EntityType::Person)
                && !before(from)
                && ti > from
                && !before(ti - 1)
                && !(ti >= from + 2
                    && titles.contains(fold(toks[ti - 1].text).as_ref())
                    && before(ti - 2))
        });
        if let Some(m) = role_name {
            return Some(self.speaker_of_mention(m));
        }
        // A pronoun alone, or before a phrase ("explique-t-elle devant le tribunal").
        if toks[from].flags & flag::PRONOUN != 0
            && (stop - from == 1 || toks[from + 1].flags & flag::PREPOSITION != 0)
        {
            let name = self
                .last_person()
                .unwrap_or_else(|| toks[from].text.to_string());
            return Some((name, toks[from].start..toks[from].end));
        }
        // A phrase opened by a preposition is no subject ("said of Mrs. Clinton's plan").
        if toks[from].flags & flag::PREPOSITION != 0 {
            return None;
        }
        // Strip an elided article's apostrophe left out of the words ("l’agenzia").
        let mut start = r.start;
        if from > 0 {
            let g = self.gap(toks, from - 1);
            if g == "’" || g == "'" {
                start = toks[from - 1].start;
            }
        }
        Some((self.text[start..r.end].to_string(), start..r.end))
    }

    fn raw(
        &self,
        content: Range<usize>,
        speaker: Option<(String, Range<usize>)>,
        cue: String,
        kind: QuoteKind,
    ) -> Raw {
        // An inverted range (a cue right after its own quote mark) is an empty quote, dropped later.
        let content = content.start..content.end.max(content.start);
        Raw {
            text: self.text[content.clone()].to_string(),
            content,
            speaker,
            cue,
            kind,
            item: None,
        }
    }

    /// The kind of a reported content span.
    /// "«Abbiamo ascoltato tutti» ha spiegato il sindaco.": a quote that opens the sentence
    /// and closes right before a verb of saying, with no comma, is its content when a short
    /// phrase with a capital or an article follows the verb (its subject) and ends the clause.
    fn opening_quote(&self, toks: &[Tok], c: &Cue, sent_start: usize) -> Option<Range<usize>> {
        if c.first == 0 || c.kind != CueKind::Verb || c.class != VerbClass::Speech {
            return None;
        }
        let g = self.gap(toks, c.first - 1);
        if !g.contains(CLOSING_MARKS) || g.contains([',', '.', '?', '!', ':', ';']) {
            return None;
        }
        let q = self
            .quotes
            .iter()
            .find(|q| q.end >= toks[c.first - 1].end && q.end <= toks[c.first].start)?;
        if q.start < sent_start
            || self.text[sent_start..q.start]
                .chars()
                .any(char::is_alphanumeric)
        {
            return None;
        }
        let subject = toks.get(c.last + 1)?;
        let opens = subject.text.starts_with(char::is_uppercase)
            || subject.flags & flag::DETERMINER != 0
            || self.lang.is_stopword(&fold(subject.text));
        let own = self.gap(toks, c.last).contains(':') || opens_quote(self.gap(toks, c.last));
        // "“American Skin” was written by Springsteen": a passive's subject is what it says.
        let passive = self.is_passive(toks, c);
        (opens
            && !own
            && !passive
            && subject.flags & (flag::COMPLEMENTIZER | flag::PREPOSITION) == 0)
            .then(|| q.clone())
    }

    /// True when a verb cue is a passive: a form of "be" before its participle ("was reported").
    fn is_passive(&self, toks: &[Tok], c: &Cue) -> bool {
        c.first < c.verb
            && c.kind == CueKind::Verb
            && self
                .lex
                .passive_auxiliaries
                .contains(&*fold(toks[c.first].text))
    }

    /// True when the words `from..to` before a cue are object pronouns only ("Lo ha detto").
    fn clitic_object(&self, toks: &[Tok], from: usize, to: usize) -> bool {
        from < to
            && toks[from..to]
                .iter()
                .all(|t| self.lex.object_clitics.contains(&*fold(t.text)))
    }

    fn kind_of(&self, content: &Range<usize>) -> QuoteKind {
        if self.is_exact_quote(content) {
            QuoteKind::Direct
        } else if self.contains_quote(content) {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }

    /// What was asked after a participle of asking that opens its clause with no subject of its
    /// own (`question_verbs`: "Asked by Matt Lauer whether …, she said", "when asked at the
    /// briefing about the vote, …"): from the first `question_words` word within twelve words
    /// (or right after the cue when a particle joined it: "Asked about …") to the comma that
    /// closes the participle clause, or to the end of the clause.
    fn asked_clause(&self, toks: &[Tok], c: &Cue, limit: usize) -> Option<Range<usize>> {
        let n = toks.len();
        if c.last + 1 >= n || c.last < c.verb {
            return None;
        }
        // Opening its sentence or clause ("Asked …", "When asked …", "…, when asked …").
        let opens = if c.first == c.verb {
            c.first == 0
        } else {
            c.first + 1 == c.verb
                && toks[c.first].flags & flag::SUBORDINATOR != 0
                && (c.first == 0 || self.breaks(toks, c.first - 1))
        };
        if !opens || !self.lex.question_verbs.contains(&*fold(toks[c.verb].text)) {
            return None;
        }
        let mut from = (c.last > c.verb).then_some(c.last + 1);
        let mut j = c.last + 1;
        while j < n && toks[j].start < limit && j <= c.last + 12 {
            if j > c.last + 1 && self.gap(toks, j - 1).contains(CLAUSE_BREAKS) {
                break;
            }
            if from.is_none() && self.lex.question_words.contains(&*fold(toks[j].text)) {
                from = Some(j);
            }
            j += 1;
        }
        let from = from?;
        // Right after the verb, the clause is read as any other ("Asked whether …"; it may
        // run past a comma: "Asked whether the plan, which …, would work").
        if from == c.last + 1 && c.last == c.verb {
            return None;
        }
        // The clause closes at a comma (or the end of its sentence), not inside the phrase.
        let closed =
            j >= n || toks[j].start >= limit || self.gap(toks, j - 1).trim_start().starts_with(',');
        if !closed || from >= j {
            return None;
        }
        Some(toks[from].start..toks[j - 1].end)
    }

    fn verb_cue(&mut self, toks: &[Tok], c: &Cue, sent: Range<usize>, limit: usize) -> Option<Raw> {
        let (sent_start, sent_end) = (sent.start, sent.end);
        let cue_text = self.text[toks[c.first].start..toks[c.last].end].to_string();
        let n = toks.len();
        let after = toks[c.last].end;
        if let Some(q) = self.opening_quote(toks, c, sent_start) {
            let speaker = self.subject_after(toks, c.last + 1, sent_end);
            return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
        }
        // Inverted: the cue closes its clause after a comma.
        if self.is_inverted(toks, c, sent_end) {
            let cs = self.cue_clause_start(toks, c.first);
            if cs == 0 {
                let q = self.quote_before(toks)?;
                let speaker = if c.first > 0 {
                    self.subject(toks, 0, c.first)
                } else {
                    self.subject_after(toks, c.last + 1, sent_end)
                };
                return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
            }
            let e = self.phrase_end(toks, c.last + 1, sent_end);
            let quoted = if cs == c.first {
                self.quoted_subject(toks, cs).or_else(|| {
                    let g = self.gap(toks, cs - 1);
                    if g.contains(CLOSING_MARKS) {
                        return None;
                    }
                    self.apposed_subject(toks, cs)
                })
            } else {
                None
            };
            let (speaker, cs) = if let Some(r) = quoted {
                (self.subject_first(toks, r.start, r.end), r.start)
            } else if cs < c.first && !self.clitic_object(toks, cs, c.first) {
                (self.subject(toks, cs, c.first), cs)
            } else {
                // With nothing after the cue, the subject was dropped: the last person.
                let after = self.subject_after(toks, c.last + 1, sent_end).or_else(|| {
                    self.last_person()
                        .map(|p| (p, toks[c.first].start..toks[c.last].end))
                });
                (after, cs)
            };
            let comma = toks[cs - 1].end;
            let mut start = sent_start;
            while start < comma && self.text[start..].starts_with(|ch: char| !ch.is_alphanumeric())
            {
                start += self.text[start..].chars().next().map_or(1, char::len_utf8);
            }
            // A parenthetical attribution ("The hashtag, Mr. Abboud said, accompanied …"):
            // the sentence goes on after it, and all of it is the content. For a verb of
            // saying also when a conjunction or a participle goes on ("…, he said, and …",
            // "…, they say, imposing …"; not a gerund of saying: ", adding that …" reports
            // words of its own), or a semicolon or colon ("…, Brafman noted; the government
            // had …").
            let quoted_before = self.gap(toks, cs - 1).contains(CLOSING_MARKS);
            if cs < c.first
                && !quoted_before
                && e < n
                && toks[e].start < sent_end
                && self.gap(toks, e - 1).contains([',', ';', ':'])
                && (!self.opens_clause(&toks[e])
                    || (c.class == VerbClass::Speech && toks[e].flags & flag::GERUND == 0))
            {
                let content = start..sent_end;
                let kind = if self.contains_quote(&content) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::AccordingTo
                };
                return Some(self.raw(content, speaker, cue_text, kind));
            }
            // The verb before its speaker in mid-sentence ("The new tax, said Anna Rossi, an
            // economist, would cost …", "And Trump, said Sunshine, who knows him, does not
            // forgive"): when the sentence goes on after the speaker (and an apposition or a
            // relative clause) with an auxiliary or a modal, all of it is the content. Only with a
            // name right after the verb as the speaker: not a time ("The deal, announced Friday,
            // would last …") or a participle's object ("Smith, asked about the plan, had said …").
            if cs == c.first
                && c.class == VerbClass::Speech
                && !quoted_before
                && speaker.as_ref().is_some_and(|(_, r)| {
                    toks.get(c.last + 1).is_some_and(|t| {
                        t.start == r.start && t.text.starts_with(char::is_uppercase)
                    }) && !TIME_WORDS.contains(&&*fold(self.text.get(r.clone()).unwrap_or("")))
                })
                && self.goes_on_after_speaker(toks, e, sent_end)
            {
                let content = start..sent_end;
                let kind = if self.contains_quote(&content) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::AccordingTo
                };
                return Some(self.raw(content, speaker, cue_text, kind));
            }
            // Content: from the sentence start (or the opening quote) to the comma.
            if let Some(q) = self
                .quotes
                .iter()
                .rev()
                .find(|q| q.end <= comma + 4 && q.end + 4 >= comma)
            {
                // "Gore tried …, and he “made a strategic mistake,” said Smith": words before
                // the quote in its sentence are reported too.
                let lead =
                    q.start > start && self.text[start..q.start].chars().any(char::is_alphanumeric);
                if !lead {
                    let content = q.clone();
                    return Some(self.raw(content, speaker, cue_text, QuoteKind::Direct));
                }
                // Up to the closing mark.
                let close = self.text[q.end..]
                    .chars()
                    .next()
                    .filter(|ch| CLOSING_MARKS.contains(ch))
                    .map_or(0, char::len_utf8);
                let content = start..(q.end + close).max(comma);
                return Some(self.raw(content, speaker, cue_text, QuoteKind::Mixed));
            }
            let content = start..comma;
            let kind = if self.contains_quote(&content) {
                QuoteKind::Mixed
            } else {
                QuoteKind::AccordingTo
            };
            return Some(self.raw(content, speaker, cue_text, kind));
        }
        let cs = self.clause_start(toks, c.first);
        // "Lo ha annunciato il sindaco.": what was said is the sentence before, and the
        // subject follows the verb.
        if cs == 0 && c.kind == CueKind::Verb && self.clitic_object(toks, cs, c.first) {
            let content = self.prev_sentence.clone()?;
            let speaker = self.subject_after(toks, c.last + 1, limit);
            let kind = self.kind_of(&content);
            return Some(self.raw(content, speaker, cue_text, kind));
        }
        if c.class == VerbClass::Raising {
            // "Mr. Clinton's style appears to resonate …": the clause is the content.
            if cs >= c.first || c.last + 1 >= n {
                return None;
            }
            let end = self.clause_end(toks, c.last + 1, limit, false);
            let content = toks[cs].start..end;
            let kind = self.kind_of(&content);
            return Some(self.raw(content, None, cue_text, kind));
        }
        let speaker = if c.kind == CueKind::Gerund {
            // The subject of the main clause ("Clinton reprimanded Trump, saying …"), after
            // an opening participle clause ("Noting that …, Allen said").
            let main = if c.first == 0 {
                (c.last + 1..n)
                    .find(|&k| self.breaks(toks, k - 1))
                    .filter(|&k| self.gap(toks, k - 1).contains(','))
                    .and_then(|k| self.main_subject_from(toks, k, n))
            } else {
                // The main subject; when that is no name, the speaker of a cue before it in the
                // sentence ("Il ministro Mario Rossi ha chiesto …, sostenendo che …").
                let main = self.main_subject(toks, c.first);
                let named = main
                    .as_ref()
                    .is_some_and(|(_, r)| self.found.mentions_in(r).iter().any(|m| m.range == *r));
                if named {
                    main
                } else {
                    self.sentence_speaker.clone().or(main)
                }
            };
            main.or_else(|| {
                self.last_person()
                    .map(|p| (p, toks[c.verb].start..toks[c.verb].start))
            })
        } else {
            // ", che ha spiegato che …": the relative stands for the speaker of the clause
            // before it or the name before the comma.
            let relative = c.first >= 2
                && self
                    .lex
                    .comma_relatives
                    .contains(&*fold(toks[c.first - 1].text))
                && self.gap(toks, c.first - 2).contains(',');
            let found = if relative {
                self.sentence_speaker.clone().or_else(|| {
                    self.subject_mention(toks, c.first.saturating_sub(10), c.first - 1)
                        .map(|m| self.speaker_of_mention(m))
                })
            } else {
                self.subject(toks, cs, c.first)
            };
            // An empty subject after an apposition ("Steve Smith, a veteran editor, said"),
            // or only a time phrase there ("Reince Priebus, the chairman, this week said"):
            // the subject opens the sentence, after its introductory phrases.
            let bare = cs < c.first
                && toks[cs..c.first]
                    .iter()
                    .all(|t| t.flags & flag::ADVERB != 0 || TIME_PHRASE.contains(&&*fold(t.text)));
            // A second verb of the subject ("A spokesman declined to comment but said …")
            // has it there too.
            let found = if found.is_none() || (bare && cs > 0) {
                let second = cs > 0 && toks[cs - 1].flags & flag::CONJUNCTION != 0;
                let apposed = if found.is_none() {
                    self.apposed_name(toks, cs)
                } else {
                    None
                };
                let opening = match self.sentence_speaker.clone() {
                    Some(sp) if second && found.is_none() => Some(sp),
                    _ if apposed.is_some() => apposed.map(|m| self.speaker_of_mention(m)),
                    _ => (cs > 0).then(|| self.main_subject(toks, cs)).flatten(),
                };
                opening.or(found)
            } else {
                found
            };
            found.or_else(|| {
                self.last_person()
                    .map(|p| (p, toks[c.first].start..toks[c.first].start))
            })
        };
        let speaker = speaker.map(|(name, r)| {
            if r.is_empty() {
                // A dropped subject: no span of its own; point at the cue.
                (name, toks[c.first].start..toks[c.last].end)
            } else {
                (name, r)
            }
        });
        // 0. "Asked by a reporter on Monday about the plan, Smith said …", "when asked in May
        // if he would …": what was asked, from the question word to the end of the participle
        // clause.
        if let Some(content) = self.asked_clause(toks, c, limit) {
            let kind = self.kind_of(&content);
            return Some(self.raw(content, speaker, cue_text, kind));
        }
        // 1. A colon or a quote right after the cue.
        let next_gap = if c.last + 1 < n {
            self.gap(toks, c.last)
        } else {
            ""
        };
        if next_gap.contains(':') || opens_quote(next_gap) {
            if let Some(q) = self.quote_at(after, next_gap.len() + 2) {
                // "says “the wind is at our backs” despite his loss": the clause goes on after
                // the quote, and all of it is the content.
                let on = toks.iter().position(|t| t.start >= q.end).filter(|&j| {
                    let g = &self.text[q.end..toks[j].start];
                    !next_gap.contains(':')
                        && toks[j].start < limit
                        && toks[j].text.starts_with(char::is_lowercase)
                        && !(toks[j].flags & flag::SUBORDINATOR != 0
                            && toks.get(j + 1).is_some_and(|t| t.flags & flag::SPEECH != 0))
                        && g.trim_matches(|ch: char| {
                            ch.is_whitespace() || CLOSING_MARKS.contains(&ch)
                        })
                        .is_empty()
                });
                if let Some(j) = on {
                    let open = self.text[..q.start]
                        .chars()
                        .next_back()
                        .map_or(0, char::len_utf8);
                    let content = q.start - open
                        ..self.clause_end(toks, j, limit, c.class == VerbClass::Speech);
                    return Some(self.raw(content, speaker, cue_text, QuoteKind::Mixed));
                }
                return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
            }
            if c.last + 1 < n && next_gap.contains(':') {
                let content = toks[c.last + 1].start..limit;
                let kind = if self.contains_quote(&content) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                return Some(self.raw(content, speaker, cue_text, kind));
            }
        }
        // "Trump said: The wall will be built.": the sentence splitter broke at the colon, so
        // the content is the next sentence; the colon stands for it until
        // `extend_over_colons` puts it there.
        // Only for a verb of saying of the main list with a subject before it ("Editor's note:"
        // is a label, "doubts about:" a noun).
        let says = c.class == VerbClass::Speech
            && c.kind == CueKind::Verb
            && c.first > 0
            && toks[c.verb].flags & flag::MODEL == 0;
        if says && c.last + 1 == n && self.text[after..].starts_with(':') {
            return Some(self.raw(after..after + 1, speaker, cue_text, QuoteKind::Indirect));
        }
        // 1b. A colon after a short phrase ("said in a statement: “…”").
        let e = self.phrase_end(toks, c.last + 1, sent_end);
        if e > c.last + 1
            && e - (c.last + 1) <= 8
            && self.text[toks[e - 1].end..].starts_with(':')
            && !toks[c.last + 1..e]
                .iter()
                .any(|t| t.flags & flag::COMPLEMENTIZER != 0)
        {
            if let Some(q) = self.quote_at(toks[e - 1].end, 4) {
                return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
            }
            if e < n && toks[e].start < limit {
                let content = toks[e].start..limit;
                let kind = self.kind_of(&content);
                return Some(self.raw(content, speaker, cue_text, kind));
            }
            // Only when the phrase is no clause of its own: one opened by a preposition ("said
            // in a statement:") or a short object of a verb other than "say" ("told
            // reporters:"; "said the plan had one flaw:" is the content).
            let phrase = toks[c.last + 1].flags & flag::PREPOSITION != 0
                || (e - (c.last + 1) <= 3
                    && !["say", "said", "says"].contains(&&*fold(toks[c.last].text)));
            if e == n && says && phrase {
                // "Trump told reporters: The wall …", the sentence broken at the colon.
                let colon = toks[e - 1].end;
                return Some(self.raw(colon..colon + 1, speaker, cue_text, QuoteKind::Indirect));
            }
        }
        // 1c. A quote after a short phrase and a comma ("said at a news conference, “…”").
        if e > c.last + 1 && e < n && e - (c.last + 1) <= 8 && !next_gap.contains(',') {
            let g = self.gap(toks, e - 1);
            if g.contains(',')
                && opens_quote(g)
                && !toks[c.last + 1..e]
                    .iter()
                    .any(|t| t.flags & (flag::COMPLEMENTIZER | flag::CUE) != 0)
            {
                if let Some(q) = self.quote_at(toks[e - 1].end, g.len() + 1) {
                    return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
                }
            }
        }
        // 1d. A quote as the object after a short phrase opened by a preposition, with no
        // comma ("ha chiesto alla Bce “più coraggio”, sostenendo …", "appealed to voters
        // “to stay home”."): the quote closes the clause.
        if e > c.last + 1
            && e < n
            && e - (c.last + 1) <= 4
            && !next_gap.contains(CLAUSE_BREAKS)
            && toks[c.last + 1].flags & flag::PREPOSITION != 0
            && !toks[c.last + 1..e]
                .iter()
                .any(|t| t.flags & (flag::COMPLEMENTIZER | flag::CUE) != 0)
        {
            let g = self.gap(toks, e - 1);
            if opens_quote(g) && !g.contains([',', ':']) {
                if let Some(q) = self.quote_at(toks[e - 1].end, g.len() + 1) {
                    let rest = self.text[q.end..]
                        .trim_start_matches(|ch: char| CLOSING_MARKS.contains(&ch))
                        .trim_start();
                    let closes = q.end >= limit
                        || rest.is_empty()
                        || rest.starts_with([',', '.', ';', '!', '?', '…']);
                    if closes {
                        return Some(self.raw(q, speaker, cue_text, QuoteKind::Direct));
                    }
                }
            }
        }
        // 2. A complementizer within a few words (right after a verb that takes an object:
        // "found virtually nothing that had not been reported" holds a relative clause).
        let reach = if c.class == VerbClass::Attribution {
            1
        } else {
            10
        };
        let mut k = c.last + 1;
        while k < n && k < c.last + 1 + reach && toks[k].start < limit {
            // "said he had heard that account", "said she agreed and that …": the reported
            // clause opened at its subject pronoun or before a conjunction already.
            let and_that = toks[k].flags & flag::CONJUNCTION != 0
                && toks
                    .get(k + 1)
                    .is_some_and(|t| t.flags & flag::COMPLEMENTIZER != 0);
            if toks[k].flags & flag::SUBJECT != 0 || (k > c.last + 1 && and_that) {
                break;
            }
            // "said the group could come back later with that request": away from the verb, a
            // "that" before no subject is a pronoun or a relative (English, where the clause
            // right after the verb is read below).
            // A subordinator right after it opens the clause ("concluded in that case that
            // while …").
            let pronoun = k > c.last + 1
                && self.lang.code() == "en"
                && toks.get(k + 1).is_some_and(|t| {
                    !opens_subject(t) && (t.flags & flag::SUBORDINATOR == 0 || k + 2 >= n)
                })
                // "reiterated to ABC News that, in retrospect, …": an opening phrase of the
                // clause between commas.
                && !(self.gap(toks, k).trim() == ","
                    && toks[k + 1].flags & (flag::PREPOSITION | flag::SUBORDINATOR) != 0);
            if toks[k].flags & flag::COMPLEMENTIZER != 0 && !pronoun {
                if k + 1 >= n {
                    break; // a pronoun ending the sentence ("to accomplish that")
                }
                let from = if self.lang.code() == "en" { k } else { k + 1 };
                let end = self.clause_end(toks, from, limit, c.class == VerbClass::Speech);
                let content = toks[from].start..end;
                let kind = self.kind_of(&content);
                return Some(self.raw(content, speaker, cue_text, kind));
            }
            if k > c.last && self.gap(toks, k - 1).contains([';', ':', '(']) {
                break;
            }
            // ", sostenendo che …", ", saying that …": a gerund after a comma has its own.
            // A participle after an article is an adjective ("said in a written statement that").
            if (toks[k].flags & flag::SPEECH != 0 && toks[k - 1].flags & flag::DETERMINER == 0)
                || (toks[k].flags & flag::GERUND != 0 && self.gap(toks, k - 1).contains(','))
                || (toks[k].flags & (flag::GERUND | flag::ATTRIBUTION) != 0 && k > c.last + 1)
            {
                break;
            }
            k += 1;
        }
        // 3. The clause or object right after the verb ("said he would", "called the plan a
        // mistake"): in English for verbs of saying, in every language for other verbs.
        let object = c.class == VerbClass::Attribution;
        if (object || self.lang.code() == "en")
            && c.last + 1 < n
            && !next_gap.contains([',', '.', ';'])
        {
            let mut t = &toks[c.last + 1];
            // "promised to build a wall", "vowed to win": a verb of saying other than "say"
            // takes a to-infinitive (not "said to reporters", "told to the crowd").
            let infinitive = !object && self.infinitive_after(toks, c);
            let mut prep = t.flags & flag::PREPOSITION != 0
                && !((object || infinitive) && low_eq(t.text, "to"));
            if prep && !object {
                // "said in a statement Thursday they pulled …": the clause opens at its subject
                // pronoun after the phrase.
                if let Some(j) = (c.last + 2..n.min(c.last + 10))
                    .take_while(|&j| !self.breaks(toks, j - 1))
                    .find(|&j| toks[j].flags & flag::SUBJECT != 0)
                {
                    t = &toks[j];
                    prep = false;
                }
            }
            // "said Wednesday he agrees": the day is no part of the clause.
            if !prep
                && std::ptr::eq(t, &toks[c.last + 1])
                && TIME_WORDS.contains(&&*fold(t.text))
                && toks
                    .get(c.last + 2)
                    .is_some_and(|x| x.flags & flag::SUBJECT != 0)
                && !self.breaks(toks, c.last + 1)
            {
                t = &toks[c.last + 2];
            }
            if !prep && t.start < limit {
                let from = toks
                    .iter()
                    .position(|x| x.start == t.start)
                    .unwrap_or(c.last + 1);
                let end = self.clause_end(toks, from, limit, c.class == VerbClass::Speech);
                let content = t.start..end;
                // "said yes", "said so": a one-word answer ending the sentence is content too,
                // and so is one the sentence goes on after with a comma or a semicolon ("46
                // percent said yes, compared with …"), unless it opens a clause ("said that,").
                let answer = (end >= limit
                    || (t.flags & flag::COMPLEMENTIZER == 0
                        && self.text[end..limit].trim_start().starts_with([',', ';'])))
                    && words(&self.text[content.clone()]).take(2).count() == 1
                    && self
                        .lex
                        .answer_words
                        .contains(&*fold(&self.text[content.clone()]));
                // "denies any wrongdoing", "explained its importance": a verb of saying other
                // than "say" and "tell" takes a short object too.
                let plain = ["say", "said", "says", "told", "tell", "tells"]
                    .iter()
                    .any(|w| low_eq(toks[c.verb].text, w));
                // "They said she could.": a pronoun and a modal closing the sentence.
                let modal = end >= limit
                    && t.flags & flag::SUBJECT != 0
                    && words(&self.text[content.clone()])
                        .nth(1)
                        .is_some_and(|w| MODALS.contains(&&*fold(w.text)));
                // "26 percent said the same (of Mr. Trump)".
                let same = plain
                    && low_eq(t.text, "the")
                    && toks
                        .get(from + 1)
                        .is_some_and(|x| low_eq(x.text, "same") && x.start < end);
                let min = if object || answer || same {
                    1
                } else if modal {
                    2
                } else if plain {
                    3
                } else {
                    2
                };
                if words(&self.text[content.clone()]).take(min).count() >= min {
                    let kind = if self.contains_quote(&content) {
                        QuoteKind::Mixed
                    } else {
                        QuoteKind::Indirect
                    };
                    return Some(self.raw(content, speaker, cue_text, kind));
                }
            }
        }
        // 4. "Rubio says, win or lose in Florida, he’s staying in the race": in English, a clause
        // after a comma right after a verb of saying that does not close the sentence.
        if self.lang.code() == "en"
            && c.class == VerbClass::Speech
            && c.kind == CueKind::Verb
            && c.last + 1 < n
            && next_gap.trim() == ","
            && toks[c.last + 1].start < limit
        {
            let t = &toks[c.last + 1];
            if t.flags & (flag::PREPOSITION | flag::CONJUNCTION | flag::ADVERB) == 0
                && !self.opens_clause(t)
            {
                let end = self.clause_end(toks, c.last + 1, limit, true);
                let content = t.start..end;
                if words(&self.text[content.clone()]).take(4).count() >= 4 {
                    // "To understand the real Dred Scott, Roberts said, one should visit this
                    // museum": after a phrase of four words or more, the attribution stands in
                    // the middle of what is reported, and the whole sentence is the content.
                    let cs = self.cue_clause_start(toks, c.first);
                    if cs >= 4
                        && c.first - cs <= 6
                        && self.gap(toks, cs - 1).trim() == ","
                        && !self.inside_quote(toks[0].start)
                    {
                        let content = toks[0].start..end;
                        let kind = if self.contains_quote(&content) {
                            QuoteKind::Mixed
                        } else {
                            QuoteKind::AccordingTo
                        };
                        return Some(self.raw(content, speaker, cue_text, kind));
                    }
                    let kind = self.kind_of(&content);
                    return Some(self.raw(content, speaker, cue_text, kind));
                }
            }
        }
        // 5. A passive with nothing reported after it ("News of the move was first reported by
        // the Miami Herald.", "Third-party candidates are mentioned"): its subject is the
        // content, and the agent after "by" the speaker.
        let passive = self.is_passive(toks, c);
        let cs = self.clause_start(toks, c.first);
        if passive && cs < c.first && c.first - cs <= 12 && !self.inside_quote(toks[cs].start) {
            let next = toks.get(c.last + 1).filter(|t| t.start < limit);
            let by = next.filter(|t| self.lex.agent_markers.contains(&*fold(t.text)));
            let free = match next {
                None => true,
                Some(t) => {
                    by.is_some()
                        || self.breaks(toks, c.last)
                        || TIME_WORDS.contains(&&*fold(t.text))
                }
            };
            if free {
                let speaker = by.and_then(|_| self.subject_after(toks, c.last + 2, limit));
                let content = toks[cs].start..toks[c.first - 1].end;
                let kind = self.kind_of(&content);
                return Some(self.raw(content, speaker, cue_text, kind));
            }
        }
        None
    }

    fn source_cue(
        &mut self,
        toks: &[Tok],
        c: &Cue,
        sent_start: usize,
        sent_end: usize,
    ) -> Option<Raw> {
        let n = toks.len();
        let cue_text = self.text[toks[c.first].start..toks[c.last].end].to_string();
        let from = c.last + 1;
        if from >= n {
            return None;
        }
        // The source: up to the next clause break.
        let mut stop = from + 1;
        while stop < n && !self.gap(toks, stop - 1).contains(CLAUSE_BREAKS) && stop - from < 10 {
            stop += 1;
        }
        if toks[from].start >= sent_end {
            return None;
        }
        // A pronoun ("secondo lei la legge …") or a name ("secondo Rossi il piano …") with no
        // comma after it is the whole source.
        let folded = fold(toks[from].text);
        let plural = self.lex.source_pronouns_plural.contains(&*folded);
        let pronoun = plural || self.lex.source_pronouns.contains(&*folded);
        if pronoun {
            stop = from + 1;
        } else if stop >= n || !self.gap(toks, stop - 1).contains(CLAUSE_BREAKS) {
            let r = toks[from].start..toks[from].end;
            if let Some(m) = self.found.mentions_in(&r).first() {
                let after = toks.partition_point(|t| t.start < m.range.end);
                if after > from && after < stop {
                    stop = after;
                }
            }
        }
        let src_end = toks[stop - 1].end.min(sent_end.max(toks[from].end));
        let speaker = if pronoun {
            let t = &toks[from];
            let name = if plural {
                self.main_subject(toks, c.first).map(|(name, _)| name)
            } else {
                self.sentence_person(toks, c.first)
                    .or_else(|| self.last_person())
            };
            Some((name.unwrap_or_else(|| t.text.to_string()), t.start..t.end))
        } else if self.lex.source_fillers.contains(&*folded) {
            // "secondo quanto ricostruito dai carabinieri": the agent is the source; "secondo
            // quanto emerso" names none.
            (from + 1..stop.min(from + 5))
                .find(|&k| self.lex.agent_markers.contains(&*fold(toks[k].text)))
                .and_then(|k| self.subject_after(toks, k + 1, src_end))
        } else {
            self.subject_after(toks, from, src_end)
        };
        let mut start = sent_start;
        // "Secondo X, …", and "…: secondo X, …" after a colon or a semicolon.
        let opens = c.first > 0 && self.gap(toks, c.first - 1).contains([':', ';']);
        let content = if c.first == 0
            || opens
            || (c.first > 0 && !self.gap(toks, c.first - 1).contains(',') && c.first <= 1)
        {
            // "Secondo X, content." / "According to X, content."
            if stop >= n {
                return None;
            }
            toks[stop].start..sent_end
        } else {
            while start < toks[c.first].start
                && self.text[start..].starts_with(|ch: char| !ch.is_alphanumeric())
            {
                start += self.text[start..].chars().next().map_or(1, char::len_utf8);
            }
            let comma = toks[c.first - 1].end;
            if stop < n
                && toks[stop].start < sent_end
                && c.first > 0
                && self.gap(toks, c.first - 1).contains(',')
                && self.gap(toks, stop - 1).contains(',')
            {
                // A parenthetical source in mid-sentence: the whole sentence is the content.
                start..sent_end
            } else {
                start..comma
            }
        };
        Some(self.raw(content, speaker, cue_text, QuoteKind::AccordingTo))
    }

    fn label_cue(&mut self, toks: &[Tok], c: &Cue) -> Option<Raw> {
        let n = toks.len();
        // "descritta da Mosca come una “…”": agent, then "come"/"as", then the quote.
        let agent = c.last + 1;
        let mut k = agent;
        while k < n
            && k < agent + 6
            && !["come", "as", "als", "comme", "como"]
                .iter()
                .any(|w| low_eq(toks[k].text, w))
        {
            k += 1;
        }
        if k >= n || k == agent {
            return None;
        }
        let q = self.quote_at(toks[k].end, 12)?;
        let speaker = self.subject_after(toks, agent, toks[k - 1].end);
        let cue = self.text[toks[c.first].start..toks[k].end].to_string();
        Some(self.raw(q, speaker, cue, QuoteKind::Direct))
    }
}

/// A sentence without its trailing attribution, from [`trim_attribution`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trimmed {
    /// Bytes of the sentence kept (the kept text is `sentence[..keep]`).
    pub keep: usize,
    /// The kept text as a reader sees it: a closing quote mark that stood after the comma is
    /// put back, and a final period added.
    pub text: String,
}

/// Words that can follow a verb of saying without being its subject ("said Wednesday").
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "ieri",
    "oggi",
    "stamattina",
    "stasera",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];

/// Words of a time phrase that can stand between a subject and its verb ("this past week").
const TIME_PHRASE: &[&str] = &[
    "this",
    "last",
    "past",
    "next",
    "week",
    "month",
    "year",
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "on",
    "in",
    "early",
    "late",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
];

const MODALS: &[&str] = &[
    "would", "could", "should", "might", "will", "can", "may", "must", "potrebbe", "dovrebbe",
];

/// Trims a trailing attribution from `sentence`: ", ha riferito l’agenzia di stampa ...",
/// ", he said", "..., officials said", ", secondo Pyongyang", ", according to a study". `None`
/// when the sentence has none. The tail after the last comma (at most ten words) must be a
/// source phrase, an inverted cue with its speaker ("said Smith"), or a short subject (no modal
/// verb) followed by a verb of saying; the tail must not open a reported clause.
pub fn trim_attribution(sentence: &str, lang: &'static Language) -> Option<Trimmed> {
    let lex = cues::get(lang);
    let toks: Vec<Word> = words(sentence).collect();
    let n = toks.len();
    if n < 6 {
        return None;
    }
    // The last comma with at most ten words after it.
    let first = (n.saturating_sub(10).max(1)..n)
        .rev()
        .find(|&f| sentence[toks[f - 1].end..toks[f].start].contains(','))?;
    if first < 5 {
        return None;
    }
    let tail: Vec<Cow<str>> = toks[first..].iter().map(|t| fold(t.text)).collect();
    if tail.iter().any(|w| lex.complementizers.contains(&**w)) {
        return None;
    }
    let is_source = lex.according_to.get(&*tail[0]).is_some_and(|ps| {
        ps.iter()
            .any(|p| tail.len() > p.len() && p.iter().zip(&tail).all(|(a, b)| a.as_str() == &**b))
    });
    let verb_at = tail.iter().position(|w| lex.speech.contains(&**w));
    let attribution = match verb_at {
        _ if is_source => true,
        // "said Smith", "ha riferito l’agenzia": the cue first, its speaker after.
        Some(0) => tail.len() >= 2 && !tail[1..].iter().all(|w| TIME_WORDS.contains(&&**w)),
        Some(p) => {
            let before = &tail[..p];
            p <= 4
                && !before.iter().any(|w| MODALS.contains(&&**w))
                && !before.iter().any(|w| w == "you" || w == "i")
        }
        None => false,
    };
    if !attribution {
        return None;
    }
    let keep = toks[first - 1].end;
    let gap = &sentence[keep..toks[first].start];
    let (before_comma, after_comma) = gap.split_once(',').unwrap_or((gap, ""));
    let mut text = sentence[..keep].to_string();
    text.push_str(before_comma.trim_end());
    let closing: String = after_comma
        .chars()
        .filter(|c| "”’'\"»".contains(*c))
        .collect();
    let keep = keep + before_comma.trim_end().len();
    if !text.ends_with(['.', '!', '?', '…']) {
        text.push('.');
    }
    text.push_str(&closing);
    Some(Trimmed { keep, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules' quotes, without the learned model's second opinion (the rules' own tests).
    fn quotes(code: &str, text: &str) -> Vec<Raw> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        let found = entities::detect_in(lang, text, &sents, None);
        find_all(lang, text, &sents, None, &found, None).0
    }

    /// The quotes with the learned model's second opinion where the language has one.
    fn quotes_vetted(code: &str, text: &str) -> Vec<Raw> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        let found = entities::detect_in(lang, text, &sents, None);
        find_raw(lang, text, &sents, None, &found, None)
    }

    #[test]
    fn the_model_vets_uses_of_verbs_that_attribute_only_sometimes() {
        // English has a model: a verb on the model's lists ("noted") is a cue where the model
        // finds the use likely to attribute, and a clear attribution of the rules stays.
        let t = "The report was released on Monday.\n\nSenator Jane Doe noted that the plan would \
                 cost jobs in the state, and she said voters would reject it.";
        let vetted = quotes_vetted("en", t);
        let got = spans(t, &vetted);
        assert!(
            got.iter()
                .any(|g| g.0.ends_with("the plan would cost jobs in the state")
                    && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|g| g.0 == "voters would reject it"),
            "{got:?}"
        );
        // With nested attributions left to the rules, the model only takes quotes away.
        for t in [
            t,
            "Senator Jane Doe renewed her attacks on the trade deal in Ohio.",
            "“We will win,” Senator Ann Ray told reporters. A poll shows Clinton ahead.",
        ] {
            let rules = spans(t, &quotes("en", t));
            for q in spans(t, &quotes_vetted("en", t)) {
                assert!(rules.contains(&q), "{q:?} not in {rules:?}");
            }
        }
        // Italian has no model: the rules alone.
        let t = "Il ministro ha detto che il piano è pronto.";
        assert_eq!(
            spans(t, &quotes_vetted("it", t)),
            spans(t, &quotes("it", t))
        );
    }

    #[test]
    fn the_articles_tokens_and_the_stages_own_words_give_the_same_quotes() {
        for (code, text) in [
            (
                "en",
                "“We will win,” Senator Ann Ray told reporters. He said the plan, according to \
                 aides, was “ready.” ÉCOLE officials declined to comment, the ministry said.",
            ),
            (
                "it",
                "Il presidente russo Vladimir Putin ha detto che i due paesi «amplieranno le \
                 relazioni», secondo Pyongyang. Egli ha detto. È così, ha affermato l’agenzia.",
            ),
        ] {
            let paragraphs: Vec<&str> = text.split(". ").collect();
            crate::analysis::with_analysis(code, &paragraphs, |a| {
                let found = entities::detect(a);
                let run = |tokens| find_raw(a.lang, a.text, &a.sentences, tokens, &found, None);
                let (with, own) = (run(Some(&a.tokens)), run(None));
                assert!(!with.is_empty(), "{code}");
                let key = |r: &Raw| (r.content.clone(), r.speaker.clone(), r.cue.clone(), r.kind);
                assert_eq!(
                    with.iter().map(key).collect::<Vec<_>>(),
                    own.iter().map(key).collect::<Vec<_>>(),
                    "{code}"
                );
            });
        }
    }

    #[test]
    fn quote_marks_skip_apostrophes() {
        let t = "L’agenzia ha detto: “tutto bene”. E ‘questo’ no, l’altro sì.";
        let q: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["tutto bene", "questo"]);
    }

    #[test]
    fn a_closing_mark_typed_to_open_opens() {
        let t = "Disse ”basta così” e se ne andò. “Va bene” rispose lui ”.\n”Fear. I am afraid.”";
        let q: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["basta così", "Va bene", "Fear. I am afraid."]);
    }

    #[test]
    fn a_quote_signed_at_the_end_of_its_line_has_that_speaker() {
        let q = quotes(
            "en",
            "Readers told us what they think of the debate.\n\
             “He can’t even answer a question without scaring people first.” ― Esther Tapia\n\
             ”Fear. I am truly afraid that he will win the election.” ― Edwin G. Monroy.\n\
             She said “the root of all evil is money.” ― a proverb.",
        );
        let signed: Vec<(&str, &str)> = q
            .iter()
            .filter(|q| q.cue == "―")
            .map(|q| (q.text.as_str(), q.speaker.as_ref().unwrap().0.as_str()))
            .collect();
        assert_eq!(
            signed,
            [
                (
                    "He can’t even answer a question without scaring people first.",
                    "Esther Tapia"
                ),
                (
                    "Fear. I am truly afraid that he will win the election.",
                    "Edwin G. Monroy"
                ),
            ],
            "{q:?}"
        );
    }

    #[test]
    fn designators_appositions_and_phrases_around_an_inverted_verb() {
        let q = quotes(
            "en",
            "“Mitt Romney was prepared, and he was qualified,” Sen. Claire McCaskill (D-Mo.) \
             said. “He was a worthy foe.”\n\n\
             ''It has the virtue of being fiscally responsible,'' Leonard E. Burman, director \
             of the Tax Policy Center and a professor at the Maxwell School, said of Mrs. \
             Clinton's plan.\n\n\
             \"It will threaten its neighbors at some point, probably sooner rather than later,\" \
             said James Acton, a physicist.",
        );
        let got: Vec<(&str, &str, Option<&str>)> = q
            .iter()
            .map(|q| {
                let s = q.speaker.as_ref().map(|s| s.0.as_str());
                (
                    q.text.split(['”', '\'', '"']).next().unwrap(),
                    q.cue.as_str(),
                    s,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Mitt Romney was prepared, and he was qualified,",
                    "said",
                    Some("Claire McCaskill")
                ),
                (
                    "It has the virtue of being fiscally responsible,",
                    "said",
                    Some("Leonard E. Burman")
                ),
                (
                    "It will threaten its neighbors at some point, probably sooner rather than later,",
                    "said",
                    Some("James Acton")
                ),
            ],
            "{q:?}"
        );
    }

    #[test]
    fn marks_dashes_and_parentheses_at_the_edges_keep_spans_inside_the_text() {
        for t in [
            "”",
            "” ―",
            "“a” ―",
            "“Yes, it is.” ― ",
            "”Word",
            "Smith (D-Mo.)",
            "(D-Mo.) said.",
            "Smith (",
            "Smith (D-Mo.",
            "X (Y) said “ok, fine, good.” ― Z.",
            "A.\n”B c d e.” ―\n",
            "“One two three four,” ― (D-Mo.) said",
        ] {
            for code in ["en", "it"] {
                for q in quotes(code, t).iter().chain(&quotes_vetted(code, t)) {
                    assert!(
                        q.content.start <= q.content.end && q.content.end <= t.len(),
                        "{t}"
                    );
                    if let Some((_, r)) = &q.speaker {
                        assert!(r.start <= r.end && r.end <= t.len(), "{t}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_title_in_quote_marks_after_an_inverted_verb_is_part_of_its_phrase() {
        let t = "“I was sitting in a house in Florida, with a bad earpiece,” Trump told NBC’s \
                 “Today” on Monday.";
        let q = quotes("en", t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.starts_with("I was sitting"), "{q:?}");
        assert_eq!(q[0].speaker.as_ref().unwrap().0, "Trump");
        // A quoted word in lower case still opens a clause ("said it “humanizes” her").
        let t = "“It is new,” she said it “humanizes” her.";
        assert!(quotes("en", t).iter().any(|q| q.text.contains("humanizes")));
    }

    #[test]
    fn designator_len_reads_parties_and_states_only() {
        assert_eq!(designator_len(" (D-Mo.) said"), Some(8));
        assert_eq!(designator_len(" (R-N.Y.), who"), Some(9));
        assert_eq!(designator_len(" (Pd) ha"), Some(5));
        assert_eq!(designator_len(" (see the chart below) said"), None);
        assert_eq!(designator_len(" (and) said"), None);
        assert_eq!(designator_len(" (D-Mo."), None);
    }

    #[test]
    fn italian_indirect_with_dropped_and_pronoun_subjects() {
        let q = quotes(
            "it",
            "Il presidente Mario Rossi ha detto ai giornalisti che la crisi è finita. \
             Ha poi aggiunto che il governo resterà in carica.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].speaker.as_ref().unwrap().0, "Mario Rossi");
        assert_eq!(q[0].kind, QuoteKind::Indirect);
        assert!(q[0].text.starts_with("la crisi"));
        assert_eq!(q[1].speaker.as_ref().unwrap().0, "Mario Rossi");
    }

    #[test]
    fn english_inverted_and_according_to() {
        let q = quotes(
            "en",
            "The economy grew by 3 percent last year, according to the central bank. \
             “We will not stop now,” said John Smith. Prices will rise, he said.",
        );
        let kinds: Vec<_> = q
            .iter()
            .map(|r| (r.kind, r.speaker.as_ref().map(|s| s.0.as_str())))
            .collect();
        assert!(
            kinds.contains(&(QuoteKind::AccordingTo, Some("the central bank"))),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(QuoteKind::Direct, Some("John Smith"))),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(QuoteKind::AccordingTo, Some("John Smith"))),
            "{kinds:?}"
        );
    }

    #[test]
    fn german_french_spanish_share_the_machinery() {
        for (code, text, speaker) in [
            (
                "de",
                "Die Kanzlerin Angela Merkel erklärte, dass die Krise vorbei sei.",
                "Angela Merkel",
            ),
            (
                "fr",
                "Le président Emmanuel Macron a déclaré que la crise était terminée.",
                "Emmanuel Macron",
            ),
            (
                "es",
                "El presidente Pedro Sánchez dijo que la crisis había terminado.",
                "Pedro Sánchez",
            ),
        ] {
            let q = quotes(code, text);
            assert_eq!(q.len(), 1, "{code}: {q:?}");
            assert_eq!(q[0].kind, QuoteKind::Indirect, "{code}");
            assert_eq!(q[0].speaker.as_ref().unwrap().0, speaker, "{code}");
        }
        let q = quotes("fr", "La croissance a ralenti, selon l'Insee.");
        assert_eq!(q[0].kind, QuoteKind::AccordingTo, "{q:?}");
    }

    #[test]
    fn trims_trailing_attribution() {
        let it = crate::lang::get("it").unwrap();
        let s = "Putin ha affermato che relazioni più strette sarebbero utili, ha riferito l’agenzia di stampa ufficiale.";
        let t = trim_attribution(s, it).unwrap();
        assert_eq!(
            t.text,
            "Putin ha affermato che relazioni più strette sarebbero utili."
        );
        assert_eq!(
            &s[..t.keep],
            "Putin ha affermato che relazioni più strette sarebbero utili"
        );
        let en = crate::lang::get("en").unwrap();
        let s = "The company will cut two thousand jobs next year, a spokesman said.";
        assert_eq!(
            trim_attribution(s, en).unwrap().text,
            "The company will cut two thousand jobs next year."
        );
        let s = "'This started and ended in the city today,' an FBI source told WUSA.";
        assert_eq!(
            trim_attribution(s, en).unwrap().text,
            "'This started and ended in the city today.'"
        );
        for s in [
            "He said that the company will cut jobs.",
            "'It was hard over the years,' Julia, who is on the cover, explained.",
            "If you saw that, you would think a reporter would know better.",
        ] {
            assert_eq!(trim_attribution(s, en), None, "{s}");
        }
    }

    fn spans<'t>(text: &'t str, q: &[Raw]) -> Vec<(&'t str, Option<String>)> {
        q.iter()
            .map(|r| {
                (
                    &text[r.content.clone()],
                    r.speaker.as_ref().map(|s| s.0.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn a_clause_broken_at_a_colon_goes_on_over_what_it_announces() {
        // Session 10 (sentences of our own). The sentence splitter breaks at a colon before a
        // capital; a reported clause ending there takes in the sentence the colon announces.
        for (t, want) in [
            (
                "Smith said the plan had one flaw: It cost far too much. Others disagreed.",
                "the plan had one flaw: It cost far too much.",
            ),
            (
                "Jane Doe said she is left with two options: Vote for Smith or stay home.",
                "she is left with two options: Vote for Smith or stay home.",
            ),
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(got.iter().any(|g| g.0 == want), "{t}: {got:?}");
        }
        // A verb of saying closing its sentence with a colon: the next sentence is the content.
        for t in [
            "Trump said: The wall will be built and Mexico will pay for it.",
            "Trump told reporters: The wall will be built and Mexico will pay for it.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(
                got.iter()
                    .any(|g| g.0 == "The wall will be built and Mexico will pay for it."),
                "{t}: {got:?}"
            );
        }
        // Not across a paragraph, and not after a label ("Editor's note:").
        for t in [
            "Trump said:\n\nThe wall will be built and Mexico will pay for it.",
            "Editor's note: The story was updated on Friday.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(
                got.iter().all(|g| !g.0.starts_with("The ") && g.0 != ":"),
                "{t}: {got:?}"
            );
        }
    }

    #[test]
    fn a_quote_closing_its_sentence_mid_clause_is_no_content_of_the_next_cue() {
        // Session 9 (sentences of our own). A quote opened after other words that closes its
        // sentence is no quote of the next sentence's cue: that cue has a content of its own.
        for t in [
            "He called the plan “a disaster.” Many voters said the plan had failed.",
            "The mayor said the bridge was “unsafe.” Jane Doe said the council would vote again.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(
                got.iter()
                    .any(|g| g.0.ends_with("would vote again")
                        || g.0.ends_with("the plan had failed")),
                "{t}: {got:?}"
            );
        }
        // A quote that is a sentence of its own still is ("“Why me?” | Trump said.").
        let t = "“We will win the state.” Jane Doe said.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "We will win the state."),
            "{got:?}"
        );
        // "Say" takes no object: a determiner and a clause after it are what was said.
        let t = "“It was a mistake,” one of the prosecutors said the two cases were different.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "the two cases were different"),
            "{got:?}"
        );
        // The words after the cue run on into a quote: a clause, no inversion.
        for (t, want) in [
            (
                "Jane Doe is not worried about the losses — in fact, she said it “humanizes” her.",
                "it “humanizes” her",
            ),
            (
                "The governor backed the bill, hours after Smith said he was “encouraged” by it.",
                "he was “encouraged” by it",
            ),
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(got.iter().any(|g| g.0 == want), "{t}: {got:?}");
        }
        // A relative clause's verb, "the same", a comma between digits.
        for (t, want) in [
            (
                "Most voters said the mayor did well, twice the number who said the same of Smith.",
                "the same of Smith",
            ),
            (
                "Last month, 26 percent of voters said the same.",
                "the same",
            ),
            (
                "The paper also reported that roughly 1,100 donor names were not disclosed.",
                "that roughly 1,100 donor names were not disclosed",
            ),
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(got.iter().any(|g| g.0 == want), "{t}: {got:?}");
        }
        let t = "Jim Smith has a decisive lead in the latest Fox News national poll.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "Jim Smith has a decisive lead"),
            "{got:?}"
        );
        // A name that is a verb too ("Hope") is no verb of its own before the cue.
        let t = "“He will have his day in court,” Hope Hicks said in the statement.";
        let q = quotes("en", t);
        let got = spans(t, &q);
        assert!(
            got.iter()
                .any(|g| g.0 == "He will have his day in court," && g.1.is_some()),
            "{got:?}"
        );
        // After a quote, "said" and its speaker: "one" opens a noun phrase, a relative clause
        // does not count in the phrase's length, two apostrophes close the quote.
        for (t, speaker) in [
            (
                "“I do not want a fight,” said one party activist.",
                "one party activist",
            ),
            (
                "“It is going to be hard to do in a quick turnaround,” said a longtime data \
                 expert who has worked for one of the rival campaigns in the last two years.",
                "data expert",
            ),
            (
                "''Do you want the company looking at every post?'' said Jane Doe, a professor.",
                "Jane Doe",
            ),
        ] {
            let q = quotes("en", t);
            assert!(
                q.iter().any(|r| r.cue == "said"
                    && r.speaker.as_ref().is_some_and(|s| s.0.contains(speaker))
                    && !t[r.content.clone()].contains(speaker)),
                "{t}: {:?}",
                spans(t, &q)
            );
        }
        let t = "“It was a mistake,” Jane Doe said the other day.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "It was a mistake,"), "{got:?}");
    }

    #[test]
    fn reported_clauses_after_quantifiers_days_and_opening_phrases() {
        // Session 8 shapes (sentences of our own): each gives the content shown.
        for (t, want) in [
            (
                "Party leaders said on Thursday that it is up to the governor.",
                "that it is up to the governor",
            ),
            (
                "The agency said on Friday that there were no survivors.",
                "that there were no survivors",
            ),
            (
                "The court concluded in that case that while the rules were broken, the harm \
                 was small.",
                "that while the rules were broken, the harm was small",
            ),
            (
                "The mayor reiterated to reporters that, in hindsight, the plan was a mistake.",
                "that, in hindsight, the plan was a mistake",
            ),
            (
                "Many speculated that the senator would not run again.",
                "that the senator would not run again",
            ),
            (
                "Both think the mayor advanced this agenda.",
                "the mayor advanced this agenda",
            ),
            (
                "They all vowed to carry their campaigns on.",
                "to carry their campaigns on",
            ),
            (
                "The governor vowed to “bomb the hell” out of the group.",
                "to “bomb the hell” out of the group",
            ),
            (
                "The case was weak, particularly after the court agreed to take a second look \
                 at it.",
                "to take a second look at it",
            ),
            (
                "She has vowed to win back the trust of voters, while acknowledging that this \
                 will be hard.",
                "to win back the trust of voters",
            ),
            (
                "The senator did not respond to a request for comment.",
                "a request for comment",
            ),
            (
                "Her advisers are quick to point out that she has won twice.",
                "that she has won twice",
            ),
            (
                "The governor warned of a long fight over the budget.",
                "a long fight over the budget",
            ),
            (
                "The crowd was asked again. They said she could.",
                "she could",
            ),
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(got.iter().any(|g| g.0 == want), "{t}: {got:?}");
        }
        // Determiners before a noun stay determiners; a pronoun "that" stays a pronoun.
        for t in [
            "Some states passed the law.",
            "There was some support for the plan in the city.",
            "The group said it would come back later with that request.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(
                got.iter().all(|g| !g.0.starts_with("passed")
                    && !g.0.starts_with("for the plan")
                    && !g.0.starts_with("that request")),
                "{t}: {got:?}"
            );
        }
        // A participle clause after an inverted cue is none of its phrase.
        let t = "“You bet I would,” Christie said when asked whether he would close the border.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter()
                .any(|g| g.0 == "You bet I would," && g.1.as_deref() == Some("Christie")),
            "{got:?}"
        );
    }

    #[test]
    fn double_apostrophes_pair_and_a_quote_goes_on_after_its_attribution() {
        let t = "''We are refugees,'' Ms. Alawee said. ''We are not terrorists.''";
        let q: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["We are refugees,", "We are not terrorists."]);
        let q = quotes("en", t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.ends_with("We are not terrorists."), "{q:?}");
        assert_eq!(q[0].speaker.as_ref().unwrap().0, "Alawee");
    }

    #[test]
    fn an_attribution_between_a_quote_and_its_continuation_is_kept() {
        // The quote goes on over its attribution sentence; what the gerund or the relative
        // clause there reports is no part of it, and is a quote of its own.
        let t =
            "“We will win this,” Jane Doe said, adding that the vote was close. “We are not done.”";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0.starts_with("We will win this")
                && g.0.ends_with("We are not done.")
                && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|g| g.0 == "that the vote was close" && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        let t = "“It is a good plan,” said Tom Roe, who noted that taxes would rise. “We need it.”";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "that taxes would rise"),
            "{got:?}"
        );
        assert!(got.iter().any(|g| g.0.ends_with("We need it.")), "{got:?}");
    }

    #[test]
    fn parenthetical_attribution_takes_the_whole_sentence() {
        let t = "Many of the closures, he said, have involved public courses.";
        let q = quotes("en", t);
        assert_eq!(spans(t, &q), [(&t[..t.len() - 1], Some("he".to_string()))]);
        // A verb of saying between two clauses: the one after it is reported too, after a
        // conjunction, a participle, a semicolon or a colon (session 11).
        for t in [
            "The bridge will stay closed, the mayor said, and the buses will run all night.",
            "The vote was close, officials said, but the result will stand.",
            "The plant will shut in May, the company said, putting 200 jobs at risk.",
            "The talks had failed, she said; both sides went home.",
        ] {
            let q = quotes("en", t);
            assert_eq!(spans(t, &q)[0].0, &t[..t.len() - 1], "{t}");
        }
        // After an opening phrase of four words or more, a verb of saying between commas
        // stands inside what it reports (session 13).
        let t = "To understand the real Dred Scott, Chief Justice Roberts said, one should visit \
                 this museum.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(&t[..t.len() - 1], Some("Roberts".to_string()))]
        );
        // A colon between digits breaks no clause.
        let t = "He said he first heard gunfire about 9:42 p.m. and called the police.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q)[0],
            (
                "he first heard gunfire about 9:42 p.m. and called the police",
                Some("He".to_string())
            )
        );
        // A participle after an article is an adjective, not a verb of saying.
        let t = "Jill Martin said in a written statement that the claims had no substance.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "that the claims had no substance",
                Some("Jill Martin".to_string())
            )]
        );
        // Not before a gerund of saying, which reports words of its own.
        let t = "The plan will work, the mayor said, adding that the city had the money.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "The plan will work", "{got:?}");
        assert!(
            got.iter().any(|g| g.0 == "that the city had the money"),
            "{got:?}"
        );
    }

    #[test]
    fn a_verb_before_its_speaker_in_mid_sentence_takes_the_whole_sentence() {
        // The sentence goes on after the speaker with an auxiliary or a modal, also past an
        // apposition or a relative clause (session 11, second round).
        for (t, who) in [
            (
                "The new tax, said Anna Rossi, would cost the region thousands of jobs.",
                "Anna Rossi",
            ),
            (
                "The old bridge, said Tom Baker, an engineer at the port, was never safe.",
                "Tom Baker",
            ),
            (
                "And the mayor, says Linda Park, who knows him well, does not forgive.",
                "Linda Park",
            ),
        ] {
            let q = quotes("en", t);
            let got = spans(t, &q);
            assert_eq!(got[0].0, &t[..t.len() - 1], "{t}");
            assert_eq!(got[0].1.as_deref(), Some(who), "{t}");
        }
        // Closing the sentence, the speaker and the apposition are no content; nor is a time
        // after a participle a speaker ("announced Friday").
        for (t, content) in [
            (
                "The new tax will cost jobs, said Anna Rossi, an economist at the bank.",
                "The new tax will cost jobs",
            ),
            (
                "The tentative deal, announced Friday, would last four years.",
                "The tentative deal",
            ),
            (
                "The row began after Mr. Smith, asked about the deaths of workers under Mr. \
                 Brown, had said he saw no problem.",
                "The row began after Mr. Smith",
            ),
        ] {
            let got = spans(t, &quotes("en", t));
            assert_eq!(got[0].0, content, "{got:?}");
        }
    }

    #[test]
    fn a_name_and_its_apposition_before_an_inverted_verb_are_the_speaker() {
        // Session 12, third round: with no quote marks, "…, NAME, APPOSITION, said." gave no
        // quote, and "said Tuesday." took the day for the speaker.
        for t in [
            "The new bridge will open in May, Laura Finch, a spokeswoman for the county, said.",
            "The new bridge will open in May, Laura Finch, a spokeswoman for the county, said \
             Tuesday.",
            "The new bridge will open in May, Laura Finch, a spokeswoman for the county, said in \
             a statement.",
            "The new bridge will open in May, Laura Finch, who runs the county office, said.",
            "The new bridge will open in May, Laura Finch, 52, said.",
            "The new bridge will open in May, the county spokeswoman, Laura Finch, said on \
             Monday.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(got[0].0, "The new bridge will open in May", "{t}");
            assert_eq!(got[0].1.as_deref(), Some("Laura Finch"), "{t}");
        }
        // An introductory phrase before the name is no content.
        for t in [
            "In the valley, Laura Finch, a farmer for thirty years, said.",
            "In the valley, the county spokeswoman, Laura Finch, said.",
        ] {
            let got = spans(t, &quotes("en", t));
            assert!(got.iter().all(|g| g.0 != "In the valley"), "{got:?}");
        }
    }

    #[test]
    fn a_clause_after_a_quote_and_its_cue_is_what_the_cue_reports() {
        // After a quote, "He said" + a name + a modal opens a clause of its own: not the
        // quote's attribution with "Clinton" as its object.
        let t = "“It is simply not true.” He said Clinton would not raise taxes on farms.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.contains(&("Clinton would not raise taxes on farms", Some("He".into()))),
            "{got:?}"
        );
        let t = "“We will win.” She says voters are tired of the old parties.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter()
                .any(|g| g.0 == "voters are tired of the old parties"),
            "{got:?}"
        );
        // A short phrase after the cue still closes it ("said Tuesday").
        let t = "“It is simply not true,” Smith said Tuesday.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got, [("It is simply not true,", Some("Smith".into()))]);
    }

    #[test]
    fn a_quote_opening_the_next_sentence_does_not_extend_a_reported_clause() {
        let t = "“We need more buses,” Ms. Reyes said, referring to the transit board. \"I am \
                 sure they will listen this time.\"";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "the transit board"), "{got:?}");
        // A quote opening inside the clause still extends it.
        let t = "Brooks said the tone “was bad. They end up hurting themselves.”";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter()
                .any(|g| g.0.starts_with("the tone") && g.0.ends_with("themselves.")),
            "{got:?}"
        );
    }

    #[test]
    fn a_passive_expected_before_an_infinitive_raises() {
        let t = "The city council is expected to approve the budget on Monday.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "The city council is expected to approve the budget on Monday",
                None
            )]
        );
        // With an inverted cue of its own, the speaker stays.
        let t = "The board is widely expected to vote on Friday, two members said.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "The board is widely expected to vote on Friday",
                Some("two members".into())
            )]
        );
    }

    #[test]
    fn a_verb_of_another_kind_after_and_goes_on_with_what_was_said() {
        // The clause reported by "said" runs over "and ordered": the council did both.
        let t =
            "The mayor said the council approved the budget and ordered new buses for the city.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(
                |g| g.0 == "the council approved the budget and ordered new buses for the city"
            ),
            "{got:?}"
        );
        // A verb of saying after "and" still opens an attribution of its own.
        let t = "The mayor said the council approved the budget and added that buses would come.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "the council approved the budget"),
            "{got:?}"
        );
        // Outside a verb of saying, the second verb is an attribution of its own.
        let t =
            "The mayor praised the council for the budget and criticized the state for its cuts.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "the state for its cuts"),
            "{got:?}"
        );
    }

    #[test]
    fn set_phrases_with_a_verb_of_saying_report_nothing() {
        for t in [
            "That said, the new plan cannot pass the senate this year.",
            "Needless to say, the new plan cannot pass the senate this year.",
            "Having said that, the new plan cannot pass the senate this year.",
            "If she narrows the gap to, say, single digits, the new plan could still pass.",
        ] {
            assert!(quotes("en", t).is_empty(), "{t}: {:?}", quotes("en", t));
        }
        // "they say" between commas still reports.
        let t = "The new plan will fail, they say, and nobody will notice.";
        assert!(!quotes("en", t).is_empty());
        // Not a relative clause: "a memo that said" reports.
        let t = "Officials released a memo. A memo that said the plan would fail was leaked.";
        assert!(!quotes("en", t).is_empty());
    }

    #[test]
    fn a_one_word_answer_may_be_followed_by_a_comma() {
        let t =
            "Asked whether the plan was legal, 46 percent of voters said yes, compared with 23 \
                 percent who said no.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "yes"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "no"), "{got:?}");
        // "said that," opens a clause: no answer.
        let t = "The minister said that, in her view, the budget was sound.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().all(|g| g.0 != "that"), "{got:?}");
    }

    #[test]
    fn verbs_beyond_saying_attribute_their_object() {
        let t =
            "Senator Hillary Clinton called the agreement a historic step, applauding the deal.";
        let q = quotes("en", t);
        assert!(
            spans(t, &q).contains(&(
                "the agreement a historic step",
                Some("Hillary Clinton".to_string())
            )),
            "{q:?}"
        );
        let t = "The race seemed to be hers to lose.";
        let q = quotes("en", t);
        assert_eq!(spans(t, &q), [("The race seemed to be hers to lose", None)]);
        // Nouns are no cues: after a determiner or capitalized inside a sentence.
        let t = "The states and the United States agreed on the plans for the show.";
        assert!(quotes("en", t).is_empty());
    }

    #[test]
    fn an_attribution_inside_reported_words_belongs_to_the_outer_quote() {
        let t = "Senator John Smith said most voters support the plan in the state.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "most voters support the plan in the state",
                Some("John Smith".to_string())
            )]
        );
        // A relative clause after the object of a verb is no reported clause.
        let t = "The inquiry found nothing about the deal that had not been reported before.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "nothing about the deal that had not been reported before",
                Some("The inquiry".to_string())
            )]
        );
    }

    #[test]
    fn gerund_takes_the_main_subject_and_intro_phrases_are_no_subjects() {
        let t = "Senator Jane Doe sternly rebuked Governor Tom Lee, saying that the plan would \
                 fail.";
        let q = quotes("en", t);
        // "rebuked" attributes its object too; the gerund's clause is a quote of its own.
        assert_eq!(
            spans(t, &q),
            [
                ("Governor Tom Lee", Some("Jane Doe".to_string())),
                ("that the plan would fail", Some("Jane Doe".to_string()))
            ]
        );
        let t = "On Friday, Senator Jane Doe, a veteran of the committee, told reporters that \
                 the plan would fail.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("that the plan would fail", Some("Jane Doe".to_string()))]
        );
    }

    #[test]
    fn english_reported_clauses_after_commas_phrases_and_names() {
        let cases = [
            (
                "Marco Rubio says, win or lose in the Florida primary, he is staying in the race.",
                "win or lose in the Florida primary, he is staying in the race",
                "Marco Rubio",
            ),
            (
                "Jane Stone, 29, of Huntsville, Ala., says her biggest concern is global warming.",
                "her biggest concern is global warming",
                "Jane Stone",
            ),
            (
                "Mr. Tom Reed, in a brief interview on Saturday, said his plane was a great aircraft.",
                "his plane was a great aircraft",
                "Tom Reed",
            ),
            (
                "The Acme Group said in a statement Thursday night they pulled the listing.",
                "they pulled the listing",
                "Acme Group",
            ),
            (
                "On Saturday, Senator Jane Doe said the plan would fail.",
                "the plan would fail",
                "Jane Doe",
            ),
            (
                "Later, in front of the club, Jim Smith said: “We will win the state.”",
                "We will win the state.",
                "Jim Smith",
            ),
            (
                "Senator Jane Doe promised to build a new bridge over the river.",
                "to build a new bridge over the river",
                "Jane Doe",
            ),
            (
                "“I was going to vote for him, but I never trusted her,” said Robert Stone.",
                "I was going to vote for him, but I never trusted her,",
                "Robert Stone",
            ),
        ];
        for (t, content, speaker) in cases {
            let q = quotes("en", t);
            let got = spans(t, &q);
            assert_eq!(got.len(), 1, "{t}: {got:?}");
            assert_eq!(got[0].0, content, "{t}");
            let sp = q[0].speaker.as_ref().map(|s| &t[s.1.clone()]);
            assert!(sp.is_some_and(|s| s.contains(speaker)), "{t}: {sp:?}");
        }
        // A quote before a comma, then a clause of its own after the cue.
        let t = "Although he admitted that they had “been friends for years,” he claimed they had \
                 never met in person.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "they had never met in person"),
            "{got:?}"
        );
        // A name with an apposition before the verb, a day after it, and a second verb of
        // saying whose clause ends with the pronoun "that".
        let t = "Former candidate Bernie Sanders, who on Tuesday endorsed Clinton, said Wednesday \
                 he agrees with the remarks.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.contains(&("he agrees with the remarks", Some("Bernie Sanders".into()))),
            "{got:?}"
        );
        let t = "He says the response was slow and says he introduced a bill to do that.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "he introduced a bill to do that"),
            "{got:?}"
        );
        // A participle after the attribution of a quote is no inverted cue of its own.
        let t = "“I am a unifier,” Trump said, referring to Barack Obama.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "Barack Obama"), "{got:?}");
        let t = "Asked whether he would run again, Smith said no.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "no"), "{got:?}");
        // A quoted word going on in the clause is no attribution's quote.
        let t = "Jacobs said that the email boxes were “flooded” with messages of support.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got[0].0, "that the email boxes were “flooded” with messages of support",
            "{got:?}"
        );
        // A standing in the polls, and a second clause with its own verb of saying.
        let t = "Jim Smith has a decisive lead in the polls ahead of the primary.";
        assert_eq!(
            spans(t, &quotes("en", t))[0].0,
            "Jim Smith has a decisive lead"
        );
        let t = "Most voters said they are undecided, 27 percent of the voters said they could \
                 change their minds.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "they are undecided", "{got:?}");
        assert_eq!(got[1].0, "they could change their minds", "{got:?}");
    }

    #[test]
    fn stance_nouns_headline_colons_and_quotes_over_paragraphs() {
        let t = "Senator Jane Doe renewed her attacks on the trade deal in Ohio.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "the trade deal in Ohio"),
            "{got:?}"
        );
        let t = "Clinton camp: Trump’s rhetoric threatens national security";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Trump’s rhetoric threatens national security");
        // A quote of two paragraphs: the first is left open, and no cue inside it counts.
        let t = "Doe said:\n\n“We know the plan says nothing about jobs in the state.\n\n\
                 “And we will not vote for it.”";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().all(|g| !g.0.starts_with("nothing")), "{got:?}");
        assert!(
            got.iter()
                .any(|g| g.0 == "We know the plan says nothing about jobs in the state."),
            "{got:?}"
        );
    }

    #[test]
    fn a_live_blog_label_is_no_speaker() {
        // "The Latest:" heads wire live blogs: no name, so no label; a cue inside the headline
        // still attributes its own content. Read as `eval-quotes` reads a document (every line a
        // paragraph, the headline included).
        let lang = crate::lang::get("en").unwrap();
        let t = "The Latest: Jones wins the county vote in a landslide.\n\nDOVER (AP) — The \
                 Latest on the county vote (all times local):\n\nJones won easily.";
        let got = eval::predict(t, lang);
        assert!(got.iter().all(|q| q.cue != ":"), "{got:?}");
        let t = "The Latest: Mayor says the bridge will reopen in May.\n\nDOVER (AP) — The \
                 Latest on the bridge (all times local):\n\nThe bridge is closed.";
        let got = eval::predict(t, lang);
        assert!(got.iter().all(|q| q.cue != ":"), "{got:?}");
        assert!(got.iter().any(|q| q.cue == "says"), "{got:?}");
    }

    #[test]
    fn a_cue_before_a_comma_and_a_quote_opens_it() {
        let t = "As the crowd cheered, Mr. Tom Lee said, ''I watched him. And I learned.''";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("I watched him. And I learned.", Some("Tom Lee".to_string()))]
        );
        let t = "Tom Lee said at a news conference, “We will not stop now.”";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("We will not stop now.", Some("Tom Lee".to_string()))]
        );
        // Mixed marks: a “ closed by a ".
        let t = "“We will win,\" he said.";
        let spans: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["We will win,"]);
    }

    #[test]
    fn inverted_cues_after_a_coordinated_subject_and_an_initial() {
        let t = "The plan will fail, current and former officials said.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "The plan will fail",
                Some("current and former officials".to_string())
            )]
        );
        let t = "''We will win,'' said Peter T. King of New York, who backs the plan. \
                 ''There is no doubt.''";
        let q = quotes("en", t);
        assert!(q[0].text.ends_with("There is no doubt."), "{q:?}");
        // What the relative clause between the two quotes reports is its own (session 11).
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].text, "the plan", "{q:?}");
    }

    #[test]
    fn documents_and_surveys_as_sources() {
        let t = "In a new national poll released Thursday, the senator leads by four points.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "the senator leads by four points",
                Some("a new national poll released Thursday".to_string())
            )]
        );
        let t = "Poll: Governor ahead in Florida";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("Governor ahead in Florida", Some("Poll".to_string()))]
        );
        // A verb that takes an object is no inverted cue before more words.
        let t = "In the end, the senator won 45 percent support among voters.";
        assert!(quotes("en", t).is_empty(), "{:?}", quotes("en", t));
    }

    #[test]
    fn reported_clause_stops_before_a_new_attribution() {
        let t = "Senator Jane Doe said that she was focused on the platform and noted that the \
                 race was over.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [
                (
                    "that she was focused on the platform",
                    Some("Jane Doe".to_string())
                ),
                ("that the race was over", Some("Jane Doe".to_string()))
            ]
        );
        // A paragraph that opens with a quote is the previous speaker's.
        let t = "“We will win,” Jane Doe said.\n\n“And we will win again in the fall.”";
        let q = quotes("en", t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].speaker.as_ref().unwrap().0, "Jane Doe");
    }

    #[test]
    fn second_verbs_opening_participles_and_long_quotes_keep_their_speaker() {
        let t = "A spokesman for the firm declined to comment but said that nothing was wrong.";
        let q = quotes("en", t);
        let who: Vec<_> = q
            .iter()
            .map(|r| r.speaker.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(who, ["A spokesman for the firm"; 2], "{q:?}");
        let t = "Noting that he studied law, Senator Tom Lee said the ruling was wrong.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [
                ("that he studied law", Some("Tom Lee".to_string())),
                ("the ruling was wrong", Some("Tom Lee".to_string()))
            ]
        );
        // A quote opened inside a reported clause runs on past its sentence.
        let t = "Tom Lee said the tone “was set early. They all lost.” The end.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "the tone “was set early. They all lost.",
                Some("Tom Lee".to_string())
            )]
        );
        // "In a statement, X said": the cue of the clause names the source.
        let t = "In a statement, Senator Tom Lee said the ruling was wrong.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("the ruling was wrong", Some("Tom Lee".to_string()))]
        );
    }

    #[test]
    fn nearest_pronoun_and_relative_pronoun_speakers() {
        let t = "Senator Tom Lee drew the ire of Jane Doe after he told reporters that the \
                 deal was dead.";
        let q = quotes("en", t);
        let sp = q[0].speaker.as_ref().unwrap();
        assert_eq!(
            (sp.0.as_str(), &t[sp.1.clone()]),
            ("Tom Lee", "he"),
            "{q:?}"
        );
        let t = "The plan was backed by Senator Tom Lee, who said it would pass.";
        let q = quotes("en", t);
        let said = q.iter().find(|r| r.cue == "said").unwrap();
        let sp = said.speaker.as_ref().unwrap();
        assert_eq!(
            (sp.0.as_str(), &t[sp.1.clone()]),
            ("Tom Lee", "who"),
            "{q:?}"
        );
    }

    #[test]
    fn no_cue_inside_quote_marks() {
        let t = "“I think we will win, and I know it,” said John Smith.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "I think we will win, and I know it,",
                Some("John Smith".to_string())
            )]
        );
    }

    #[test]
    fn quote_after_an_apposition_and_a_headline_colon() {
        let t = "“We will win,” Jeff Weaver, the campaign manager, said in a statement.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [("We will win,", Some("Jeff Weaver".to_string()))]
        );
        let t = "Paul Ryan: The decision defies explanation.";
        let q = quotes("en", t);
        assert_eq!(
            spans(t, &q),
            [(
                "The decision defies explanation",
                Some("Paul Ryan".to_string())
            )]
        );
    }

    #[test]
    fn a_reported_clause_opens_at_its_subject_not_at_a_later_that() {
        let t = "Jane Doe said he had heard that account before.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "he had heard that account before", "{got:?}");
        let t = "Jane Doe said she accepted the apology and that she wanted to move on.";
        let got = spans(t, &quotes("en", t));
        assert!(got[0].0.starts_with("she accepted the apology"), "{got:?}");
        let t = "Jane Doe said the group could come back later with that request.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got[0].0, "the group could come back later with that request",
            "{got:?}"
        );
        // A phrase before the complementizer still leads to it.
        let t = "Jane Doe said in a long interview that the plan had failed.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "that the plan had failed", "{got:?}");
        let t = "Mario Rossi ha detto ai giornalisti e ai sindaci che la crisi è finita.";
        let got = spans(t, &quotes("it", t));
        assert_eq!(got[0].0, "la crisi è finita", "{got:?}");
    }

    #[test]
    fn an_inverted_cue_after_a_quote_inside_its_sentence_takes_the_sentence() {
        let t = "Gore tried to distance himself, and in doing so he \"made a strategic \
                 mistake,\" said Jane Doe, a historian.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "Gore tried to distance himself, and in doing so he \"made a strategic mistake,\"",
                Some("Jane Doe".to_string())
            )]
        );
        // A quote that opens the sentence stays a direct quote.
        let t = "\"We made a strategic mistake,\" said Jane Doe.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "We made a strategic mistake,", "{got:?}");
    }

    #[test]
    fn a_clause_after_a_named_subject_and_its_apposition_is_reported() {
        let t = "Tom Coffman, who represents a swing district, said Mr. Trump had \
                 disrespected the troops.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "Mr. Trump had disrespected the troops",
                Some("Tom Coffman".to_string())
            )]
        );
        // An inverted cue with a name and a phrase after it stays inverted.
        let t = "In nearby Decatur, the steel plant is hanging on, said Tom Lee in an interview.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].0.contains("the steel plant is hanging on"),
            "{got:?}"
        );
        assert!(got[0]
            .1
            .as_deref()
            .is_some_and(|s| s.starts_with("Tom Lee")));
    }

    #[test]
    fn a_quote_left_open_after_an_attribution_goes_on_to_the_paragraph_end() {
        let t = "“We will win,” Jane Doe said. “We have the votes and the money to do it\n\n\
                 The vote is on Tuesday.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0.starts_with("We will win")
                && g.0.ends_with("the money to do it")
                && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        let t = "«Vinceremo», ha detto Mario Rossi. «Abbiamo i voti e i soldi per farlo\n\n\
                 Si vota martedì.";
        let got = spans(t, &quotes("it", t));
        assert!(
            got.iter()
                .any(|g| g.0.starts_with("Vinceremo") && g.0.ends_with("soldi per farlo")),
            "{got:?}"
        );
    }

    #[test]
    fn a_coordinated_clause_with_its_own_cue_ends_the_reported_clause() {
        let t = "Aides said the role would be narrow, and they rejected any suggestion that \
                 the senator would step aside.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "the role would be narrow"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|g| g.0.starts_with("any suggestion that the senator")),
            "{got:?}"
        );
        let t = "Mario Rossi ha detto che la crisi è finita, mentre il sindaco di Roma Luca \
                 Bianchi ha sostenuto che servono nuovi fondi.";
        let got = spans(t, &quotes("it", t));
        assert!(got.iter().any(|g| g.0 == "la crisi è finita"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "servono nuovi fondi"), "{got:?}");
        // A second that-clause of the same verb is no clause of its own (session 11).
        let t = "Jane Doe pointed out that she had won twice, and that polls show she remains \
                 the favourite.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got[0].0, "that she had won twice, and that polls show she remains the favourite",
            "{got:?}"
        );
        assert_eq!(got.len(), 1, "{got:?}");
        let t =
            "Tom Roe said he would present a plan within a month and that he thinks it would pass.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "he would present a plan within a month and that he thinks it would pass",
                Some("Tom Roe".to_string())
            )]
        );
    }

    #[test]
    fn stance_words_before_a_that_clause_attribute_it() {
        let t = "Governor John Kasich is confident that the campaign will go on.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0.contains("the campaign will go on")
                && g.1.as_deref() == Some("John Kasich")),
            "{got:?}"
        );
        // A relative "that" is no complementizer.
        let t = "The worries that remain are small ones.";
        assert!(quotes("en", t).is_empty(), "{:?}", quotes("en", t));
        let t = "Il ministro Mario Rossi è convinto che il governo durerà fino al 2027.";
        let got = spans(t, &quotes("it", t));
        assert!(
            got.iter().any(|g| g.0.contains("il governo durerà")
                && g.1.as_deref() == Some("Mario Rossi")),
            "{got:?}"
        );
        let t = "Mario Rossi ha rinnovato le sue critiche al governo di Roma.";
        let got = spans(t, &quotes("it", t));
        assert!(
            got.iter().any(|g| g.0.contains("governo di Roma")),
            "{got:?}"
        );
    }

    #[test]
    fn an_inverted_verb_of_saying_may_name_whom_it_was_told() {
        let t = "Michigan was only doing what forty states already do, he told the court in \
                 his filing.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].0,
            "Michigan was only doing what forty states already do"
        );
        // A clause after the verb is still its content.
        let t = "After the vote, Jane Doe said the plan would fail.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got[0].0, "the plan would fail", "{got:?}");
        // A noun at the end of a later clause ("support") is no inverted cue.
        let t = "Jane Doe said she sees teachers lining up behind Clinton, though there is \
                 still lingering Sanders support.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [(
                "she sees teachers lining up behind Clinton, though there is still lingering \
                 Sanders support",
                Some("Jane Doe".to_string())
            )]
        );
    }

    #[test]
    fn a_bare_participle_after_when_is_the_main_subjects() {
        let t = "Jane Doe had said, “We’ll see,” when asked whether she would run again.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter()
                .any(|g| g.0 == "We’ll see," && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|g| g.0 == "whether she would run again"
                && g.1.as_deref() == Some("Jane Doe")),
            "{got:?}"
        );
        let t = "When asked by a reporter whether the plan would work, Jane Doe laughed.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(
            got,
            [("whether the plan would work", Some("Jane Doe".to_string()))]
        );
        let t = "Quando interpellato dai giornalisti se il governo durerà, Mario Rossi ha sorriso.";
        let got = spans(t, &quotes("it", t));
        assert!(
            got.iter()
                .any(|g| g.0.contains("il governo durerà") && g.1.as_deref() == Some("Mario Rossi")),
            "{got:?}"
        );
    }

    #[test]
    fn what_was_asked_runs_from_the_question_word_past_an_agent_or_a_time() {
        let t = "Asked by a reporter on Monday about the new tax, Jane Doe said the plan was fair.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().any(|g| g.0 == "about the new tax"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "the plan was fair"), "{got:?}");
        let t = "When asked at the briefing if the bridge would reopen, the mayor shook his head.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter().any(|g| g.0 == "if the bridge would reopen"),
            "{got:?}"
        );
        // Right after the verb the clause runs on as before, past a comma inside it.
        let t = "Asked whether the plan, which the council wrote, would work, Jane Doe smiled.";
        let got = spans(t, &quotes("en", t));
        assert!(
            got.iter()
                .any(|g| g.0.contains("whether the plan, which") && g.0.contains("would work")),
            "{got:?}"
        );
        let t = "Interpellato ieri dai cronisti sul rimpasto, il ministro Mario Rossi ha detto che non ci sarà.";
        let got = spans(t, &quotes("it", t));
        assert!(got.iter().any(|g| g.0 == "sul rimpasto"), "{got:?}");
        assert!(got.iter().any(|g| g.0.contains("non ci sarà")), "{got:?}");
    }

    #[test]
    fn a_passive_cue_reports_its_subject() {
        let t = "News of the move was first reported by the Miami Herald.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "News of the move");
        assert!(got[0]
            .1
            .as_deref()
            .is_some_and(|s| s.contains("Miami Herald")));
        // What follows the verb is still the content when there is some.
        let t = "It was announced on Monday that the plant would close.";
        let got = spans(t, &quotes("en", t));
        assert!(got.iter().all(|g| g.0 != "It"), "{got:?}");
        let t = "Il nome del candidato è stato riferito dall’agenzia Ansa.";
        let got = spans(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Il nome del candidato");
        assert!(
            got[0].1.as_deref().is_some_and(|s| s.contains("Ansa")),
            "{got:?}"
        );
    }

    #[test]
    fn a_verb_of_saying_other_than_say_takes_a_short_object() {
        let t = "The Clinton campaign denies any wrongdoing.";
        let got = spans(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "any wrongdoing");
        // "said" needs a clause.
        let t = "Jane Doe said it twice.";
        assert!(quotes("en", t).is_empty());
    }
}

#[cfg(test)]
mod italian_speaker_tests {
    use super::*;

    fn quotes(code: &str, text: &str) -> Vec<Raw> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        let found = entities::detect_in(lang, text, &sents, None);
        find_all(lang, text, &sents, None, &found, None).0
    }

    /// (content, speaker, cue) of each quote.
    fn triples<'t>(text: &'t str, q: &[Raw]) -> Vec<(&'t str, Option<String>, String)> {
        q.iter()
            .map(|r| {
                (
                    &text[r.content.clone()],
                    r.speaker.as_ref().map(|s| s.0.clone()),
                    r.cue.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn an_impersonal_subject_is_no_speaker() {
        for (code, t) in [
            (
                "it",
                "Il comune ha chiuso la strada. Si precisa che la chiusura durerà due giorni.",
            ),
            (
                "fr",
                "La mairie a fermé la route. On estime que la fermeture durera deux jours.",
            ),
        ] {
            let got = triples(t, &quotes(code, t));
            assert!(!got.is_empty(), "{code}: {got:?}");
            assert!(got.iter().all(|q| q.1.is_none()), "{code}: {got:?}");
        }
    }

    #[test]
    fn a_name_in_apposition_after_the_subject_is_the_speaker() {
        let t = "Il governatore della Banca d'Italia, Fabio Panetta, ha detto martedì a Roma che \
                 la crescita rallenterà nel secondo semestre.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].0, "la crescita rallenterà nel secondo semestre",
            "{got:?}"
        );
        assert_eq!(got[0].1.as_deref(), Some("Fabio Panetta"), "{got:?}");
        // The same in English, where the cue is not taken for an inverted one.
        let t = "The head of the teachers' union, Mary Brown, said the strike would go on until \
                 the end of the month.";
        let got = triples(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].0, "the strike would go on until the end of the month",
            "{got:?}"
        );
        assert_eq!(got[0].1.as_deref(), Some("Mary Brown"), "{got:?}");
        // An introductory phrase is no subject with an apposition: the name before the cue is.
        let t = "A Milano, ieri sera, Paolo Neri ha detto che il teatro riaprirà.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Paolo Neri"), "{got:?}");
    }

    #[test]
    fn a_phrase_after_the_name_of_an_inverted_cue_is_no_part_of_the_speaker() {
        let t = "La sindaca Anna Ferri ha visitato il cantiere del nuovo ponte. «Finiremo i \
                 lavori entro l'autunno», ha assicurato Ferri ai cronisti, aggiungendo che i \
                 costi non aumenteranno.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "Finiremo i lavori entro l'autunno", "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Anna Ferri"), "{got:?}");
        assert_eq!(got[1].0, "i costi non aumenteranno", "{got:?}");
        assert_eq!(got[1].1.as_deref(), Some("Anna Ferri"), "{got:?}");
        let t = "“We will not back down,” said Karen Bass on Tuesday.";
        let got = triples(t, &quotes("en", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Karen Bass"), "{got:?}");
    }

    #[test]
    fn a_quoted_object_after_a_short_phrase_and_a_gerund_after_it() {
        let t = "Il segretario del sindacato Luca Bianchi ha chiesto all'azienda «un passo \
                 indietro», spiegando che i lavoratori non accetteranno nuovi tagli.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "un passo indietro", "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Luca Bianchi"), "{got:?}");
        assert_eq!(
            got[1].0, "i lavoratori non accetteranno nuovi tagli",
            "{got:?}"
        );
        assert_eq!(got[1].1.as_deref(), Some("Luca Bianchi"), "{got:?}");
        assert_eq!(got[1].2, "spiegando", "{got:?}");
        // A quoted word inside a clause that goes on is no object of its own.
        let t = "Luca Bianchi ha detto ai delegati che il piano è «inaccettabile» per tutti.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "il piano è «inaccettabile» per tutti", "{got:?}");
    }

    #[test]
    fn ordinals_and_prepositional_phrases_before_a_participle_are_no_attributions() {
        // "secondo" after an article or a preposition is "second", no source; a participle
        // after a comma and a phrase opened by a preposition is no inverted cue.
        let t = "Il bando sarà pubblicato nel secondo semestre dell'anno, a partire dal modulo \
                 già indicato dall'ufficio tecnico.";
        let got = triples(t, &quotes("it", t));
        assert!(got.is_empty(), "{got:?}");
        // A source "secondo" stays one.
        let t = "Secondo il sindacato, i posti a rischio sono duecento.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "i posti a rischio sono duecento", "{got:?}");
    }

    #[test]
    fn a_gerund_takes_the_name_closing_the_subject_noun_phrase() {
        let t = "La portavoce della Commissione europea Anna Bianchi è intervenuta in serata, \
                 spiegando che la procedura resta aperta.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "la procedura resta aperta", "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Anna Bianchi"), "{got:?}");
        // A name after the verb is its object, not the subject.
        let t = "Il ministro ha incontrato Mario Rossi, spiegando che la trattativa è chiusa.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_ne!(got[0].1.as_deref(), Some("Mario Rossi"), "{got:?}");
    }

    #[test]
    fn far_sapere_is_a_verb_of_saying_and_sapere_alone_is_not() {
        let t = "La società di gestione ha fatto sapere che la piscina riaprirà a settembre. \
                 L'assessore fa sapere che i lavori sono finiti. I genitori vogliono sapere che \
                 cosa succederà ai corsi.";
        let got = triples(t, &quotes("it", t));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "la piscina riaprirà a settembre", "{got:?}");
        assert_eq!(got[0].2, "ha fatto sapere", "{got:?}");
        assert_eq!(got[1].0, "i lavori sono finiti", "{got:?}");
        assert_eq!(got[1].2, "fa sapere", "{got:?}");
    }
}
