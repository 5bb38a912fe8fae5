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
//!    `indirect`. The content stops before a later ", secondo X" or inverted attribution.
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
pub mod eval;

use std::ops::Range;

use crate::analysis::Analysis;
use crate::digest::{EntityType, Quote, QuoteKind, Speaker};
use crate::entities::lexicon::{self, Lexicon};
use crate::entities::{self, Found};
use crate::lang::Language;
use crate::text::tokens::{words, Word};
use crate::text::CharMap;

/// Finds the quotes of the analysed article.
pub fn find(a: &Analysis) -> Vec<Quote> {
    let found = entities::detect(a);
    find_with(a, &found)
}

/// Finds the quotes of the analysed article given its entities (from [`entities::detect`]).
pub fn find_with(a: &Analysis, found: &Found) -> Vec<Quote> {
    let raw = find_raw(a.lang, a.text, &a.sentences, found, None);
    let mut out: Vec<Quote> = raw
        .into_iter()
        .filter(|q| !q.content.is_empty())
        .map(|q| q.into_quote(&a.chars, None))
        .collect();
    for (i, item) in a.parts.given_key_points.iter().enumerate() {
        let sents = crate::text::sentences::split(item, a.lang);
        let local = entities::detect_in(a.lang, item, &sents, None);
        let chars = CharMap::new(item);
        for mut q in find_raw(a.lang, item, &sents, &local, Some(found))
            .into_iter()
            .filter(|q| !q.content.is_empty())
        {
            q.item = Some(i);
            out.push(q.into_quote(&chars, Some(i)));
        }
    }
    out
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

/// Pairs of quote marks in `text`: the byte range inside the marks.
pub(crate) fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let closers: &[char] = match c {
            '“' => &['”', '“'],
            '«' => &['»'],
            '„' => &['“', '”'],
            '"' => &['"'],
            '‘' => &['’'],
            _ => {
                i += 1;
                continue;
            }
        };
        if c == '‘' || c == '"' {
            // An opening mark follows a space, a line start or an opening bracket.
            let prev = if i == 0 { ' ' } else { chars[i - 1].1 };
            if !(prev.is_whitespace() || "([{—–-".contains(prev)) {
                i += 1;
                continue;
            }
        }
        let mut j = i + 1;
        let mut close = None;
        while j < chars.len() {
            let (p, d) = chars[j];
            if d == '\n' && j + 1 < chars.len() && chars[j + 1].1 == '\n' {
                break; // quotes do not run across paragraphs here
            }
            if closers.contains(&d) && !(c == '“' && d == '“' && j == i + 1) {
                let next = chars.get(j + 1).map(|x| x.1).unwrap_or(' ');
                if d == '’' && next.is_alphanumeric() {
                    j += 1;
                    continue; // an apostrophe inside a word
                }
                close = Some((p, j));
                break;
            }
            j += 1;
        }
        match close {
            Some((p, j)) => {
                let start = pos + c.len_utf8();
                if p > start {
                    out.push(start..p);
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

struct Ctx<'a> {
    lang: &'static Language,
    lex: &'static Lexicon,
    text: &'a str,
    found: &'a Found,
    /// The article's entities when `found` is of a box item.
    article: Option<&'a Found>,
    quotes: Vec<Range<usize>>,
    /// Last person in subject position or speaking: (name, end byte).
    last_person: Option<String>,
}

/// A cue found in a sentence: token range and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Verb,
    Gerund,
    Source,
    Label,
}

#[derive(Debug, Clone)]
struct Cue {
    kind: CueKind,
    /// First and last token (inclusive) of the cue words.
    first: usize,
    last: usize,
    /// Token of the verb itself.
    verb: usize,
}

fn find_raw(
    lang: &'static Language,
    text: &str,
    sentences: &[Range<usize>],
    found: &Found,
    article: Option<&Found>,
) -> Vec<Raw> {
    let mut cx = Ctx {
        lang,
        lex: lexicon::get(lang),
        text,
        found,
        article,
        quotes: quote_spans(text),
        last_person: None,
    };
    let mut out: Vec<Raw> = Vec::new();
    for s in sentences {
        cx.sentence(s.clone(), &mut out);
    }
    // Quote marks nobody claimed. A quote that goes on after its attribution ("“A,” he said.
    // “B.”", or "“A,” he said, “B.”") continues the direct quote before it in the paragraph.
    out.sort_by_key(|r| (r.content.start, r.content.end));
    for q in cx.quotes.clone() {
        if out
            .iter()
            .any(|r| r.content.start <= q.start && r.content.end >= q.end)
        {
            continue;
        }
        let prev = out
            .iter_mut()
            .filter(|r| r.content.end <= q.start && r.item.is_none())
            .max_by_key(|r| r.content.end);
        if let Some(p) = prev {
            let between = &text[p.content.end..q.start];
            if p.kind == QuoteKind::Direct && between.len() < 80 && !between.contains("\n") {
                p.content.end = q.end;
                p.text = text[p.content.clone()].to_string();
                continue;
            }
        }
        if words(&text[q.clone()]).count() < 4 {
            continue; // scare quotes
        }
        out.push(Raw {
            content: q.clone(),
            speaker: None,
            cue: String::new(),
            kind: QuoteKind::Direct,
            text: text[q].to_string(),
            item: None,
        });
        out.sort_by_key(|r| (r.content.start, r.content.end));
    }
    out.sort_by_key(|r| (r.content.start, r.content.end));
    out.dedup_by(|b, a| a.content == b.content);
    out
}

const CLAUSE_BREAKS: &[char] = &[',', ';', ':', '(', ')', '“', '”', '"', '«', '»', '—', '–'];

fn lower(w: &str) -> String {
    w.to_lowercase()
}

impl<'a> Ctx<'a> {
    fn gap(&self, toks: &[Word], i: usize) -> &'a str {
        &self.text[toks[i].end..toks[i + 1].start]
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

    fn cues(&self, toks: &[Word]) -> Vec<Cue> {
        let lex = self.lex;
        let mut cues = Vec::new();
        let n = toks.len();
        let mut k = 0;
        while k < n {
            let w = lower(toks[k].text);
            // Source phrases ("secondo", "according to").
            if let Some(len) = lex.according_to.iter().find_map(|p| {
                (k + p.len() <= n
                    && p.iter()
                        .enumerate()
                        .all(|(o, pw)| lower(toks[k + o].text) == *pw)
                    && (1..p.len()).all(|o| {
                        let g = self.gap(toks, k + o - 1).trim();
                        g.is_empty() || g == "'" || g == "’"
                    }))
                .then_some(p.len())
            }) {
                // "secondo" also means "second": a source follows it with no digit.
                if k + len < n && !toks[k + len].text.chars().all(|c| c.is_ascii_digit()) {
                    cues.push(Cue {
                        kind: CueKind::Source,
                        first: k,
                        last: k + len - 1,
                        verb: k,
                    });
                    k += len;
                    continue;
                }
            }
            if lex.gerunds.contains(&w) {
                cues.push(Cue {
                    kind: CueKind::Gerund,
                    first: k,
                    last: k,
                    verb: k,
                });
            } else if lex.speech_verbs.contains(&w) {
                // Auxiliary and adverbs before the verb.
                let mut first = k;
                let mut b = k;
                while b > 0 && lex.cue_adverbs.contains(&lower(toks[b - 1].text)) && k - b < 3 {
                    b -= 1;
                }
                for p in &lex.auxiliaries {
                    if b >= p.len()
                        && p.iter()
                            .enumerate()
                            .all(|(o, pw)| lower(toks[b - p.len() + o].text) == *pw)
                    {
                        first = b - p.len();
                        break;
                    }
                }
                if first == k && b < k && self.lang.code() != "it" {
                    first = b; // "also said"
                }
                // "pointed out" and similar particles belong to the cue.
                let mut last = k;
                if w == "pointed" && k + 1 < n && lower(toks[k + 1].text) == "out" {
                    last = k + 1;
                }
                cues.push(Cue {
                    kind: CueKind::Verb,
                    first,
                    last,
                    verb: k,
                });
            } else if lex.label_verbs.contains(&w)
                && k + 2 < n
                && lex.agent_markers.contains(&lower(toks[k + 1].text))
            {
                cues.push(Cue {
                    kind: CueKind::Label,
                    first: k,
                    last: k + 1,
                    verb: k,
                });
            }
            k += 1;
        }
        cues
    }

    fn sentence(&mut self, s: Range<usize>, out: &mut Vec<Raw>) {
        let toks: Vec<Word> = words(&self.text[s.clone()])
            .map(|w| Word {
                start: w.start + s.start,
                end: w.end + s.start,
                text: w.text,
            })
            .collect();
        if toks.is_empty() {
            return;
        }
        let cues = self.cues(&toks);
        let sent_end = self.content_end(s.start, s.end);
        // A cue after a comma that closes the sentence ends the content of earlier cues.
        let cut_points: Vec<usize> = cues
            .iter()
            .filter_map(|c| {
                let cs = if c.kind == CueKind::Source {
                    c.first
                } else {
                    self.clause_start(&toks, c.first)
                };
                let after_comma = cs > 0 && self.gap(&toks, cs - 1).contains(',');
                (after_comma && (c.kind == CueKind::Source || self.is_inverted(&toks, c, sent_end)))
                    .then(|| toks[cs - 1].end)
            })
            .collect();
        for c in &cues {
            let limit = cut_points
                .iter()
                .copied()
                .find(|&p| p > toks[c.last].end)
                .unwrap_or(sent_end);
            let raw = match c.kind {
                CueKind::Source => self.source_cue(&toks, c, s.start, sent_end),
                CueKind::Label => self.label_cue(&toks, c),
                CueKind::Verb | CueKind::Gerund => {
                    self.verb_cue(&toks, c, s.start..sent_end, limit)
                }
            };
            if let Some(r) = raw {
                if r.content.end > r.content.start {
                    out.push(r);
                }
            }
        }
        // Remember who is in subject position for later pronouns and dropped subjects.
        if let Some(m) = self.subject_mention(&toks, 0, toks.len()) {
            if self.entity_kind(m) == Some(EntityType::Person) {
                self.last_person = Some(self.entity_name(m));
            }
        }
    }

    /// True when the cue closes the sentence: only a short noun phrase follows it.
    fn is_inverted(&self, toks: &[Word], c: &Cue, sent_end: usize) -> bool {
        let cs = self.clause_start(toks, c.first);
        if cs == 0 || !self.gap(toks, cs - 1).contains(',') {
            return false;
        }
        let tail: Vec<&Word> = toks[c.last + 1..]
            .iter()
            .take_while(|t| t.start < sent_end)
            .collect();
        if tail
            .iter()
            .any(|t| self.lex.complementizers.contains(&lower(t.text)))
        {
            return false;
        }
        let first = tail.first().map(|t| lower(t.text)).unwrap_or_default();
        if cs < c.first {
            // "…, he said." / "…, Calderón said in an interview with CNBC."
            c.first - cs <= 8
                && (tail.is_empty()
                    || self.lex.prepositions.contains(&first)
                    || TIME_WORDS.contains(&first.as_str())
                    || tail.len() <= 2)
        } else {
            // "…, said Smith." / "…, ha riferito l’agenzia di stampa ufficiale del Nord."
            let t0 = tail.first().map(|t| t.text).unwrap_or("");
            !tail.is_empty()
                && tail.len() <= 16
                && !self.lex.pronouns.contains(&first)
                && !matches!(first.as_str(), "it" | "they" | "we" | "i" | "you")
                && (t0.starts_with(char::is_uppercase) || self.lang.is_stopword(&first))
        }
    }

    /// The first token of the clause that ends before token `end`.
    fn clause_start(&self, toks: &[Word], end: usize) -> usize {
        let mut i = end;
        while i > 0 {
            let g = self.gap(toks, i - 1);
            if g.contains(CLAUSE_BREAKS) {
                break;
            }
            let w = lower(toks[i - 1].text);
            if self.lex.complementizers.contains(&w)
                || matches!(
                    w.as_str(),
                    "and" | "but" | "e" | "ma" | "und" | "aber" | "et" | "mais" | "y" | "pero"
                )
            {
                break;
            }
            i -= 1;
        }
        i
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
        toks: &[Word],
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
            let prep = ti > 0 && self.lex.prepositions.contains(&lower(toks[ti - 1].text));
            if !prep {
                best = Some(m);
            }
        }
        best
    }

    fn speaker_of_mention(&mut self, m: &entities::Mention) -> (String, Range<usize>) {
        let name = self.entity_name(m);
        if self.entity_kind(m) == Some(EntityType::Person) {
            self.last_person = Some(name.clone());
        }
        (name, m.range.clone())
    }

    /// The speaker in tokens `from..to` (the subject region of a cue).
    fn subject(&mut self, toks: &[Word], from: usize, to: usize) -> Option<(String, Range<usize>)> {
        if let Some(m) = self.subject_mention(toks, from, to) {
            return Some(self.speaker_of_mention(m));
        }
        // A pronoun.
        for t in toks[from..to].iter().rev() {
            let w = lower(t.text);
            if self.lex.pronouns.contains(&w) {
                let name = self
                    .last_person
                    .clone()
                    .unwrap_or_else(|| t.text.to_string());
                return Some((name, t.start..t.end));
            }
        }
        if from < to {
            // A noun phrase: up to eight words before the cue.
            let first = from.max(to.saturating_sub(8));
            let r = toks[first].start..toks[to - 1].end;
            let name = self.text[r.clone()].to_string();
            return Some((name, r));
        }
        None
    }

    /// The speaker at the start of tokens `from..to`: the first mention there that does not
    /// follow a preposition, else the words themselves (at most eight).
    fn subject_first(
        &mut self,
        toks: &[Word],
        from: usize,
        to: usize,
    ) -> Option<(String, Range<usize>)> {
        if from >= to {
            return None;
        }
        let r = toks[from].start..toks[to - 1].end;
        let first = self.found.mentions_in(&r).iter().find(|m| {
            let ti = toks.partition_point(|t| t.start < m.range.start);
            !(ti > 0 && self.lex.prepositions.contains(&lower(toks[ti - 1].text)))
        });
        if let Some(m) = first {
            let m = m.clone();
            return Some(self.speaker_of_mention(&m));
        }
        let last = (from + 8).min(to);
        let r = toks[from].start..toks[last - 1].end;
        Some((self.text[r.clone()].to_string(), r))
    }

    /// The speaker right after an inverted cue ("said Smith", "ha riferito l’agenzia ...").
    fn subject_after(
        &mut self,
        toks: &[Word],
        from: usize,
        end: usize,
    ) -> Option<(String, Range<usize>)> {
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
        if let Some(m) = self.found.mentions_in(&r).first() {
            if m.range.start == r.start && m.range.end == r.end {
                return Some(self.speaker_of_mention(m));
            }
        }
        if stop - from == 1 && self.lex.pronouns.contains(&lower(toks[from].text)) {
            let name = self
                .last_person
                .clone()
                .unwrap_or_else(|| toks[from].text.to_string());
            return Some((name, r));
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

    fn verb_cue(
        &mut self,
        toks: &[Word],
        c: &Cue,
        sent: Range<usize>,
        limit: usize,
    ) -> Option<Raw> {
        let (sent_start, sent_end) = (sent.start, sent.end);
        let cue_text = self.text[toks[c.first].start..toks[c.last].end].to_string();
        let n = toks.len();
        let after = toks[c.last].end;
        // Inverted: the cue closes the sentence after a comma.
        if self.is_inverted(toks, c, sent_end) {
            let cs = self.clause_start(toks, c.first);
            let speaker = if cs < c.first {
                self.subject(toks, cs, c.first)
            } else {
                self.subject_after(toks, c.last + 1, sent_end)
            };
            // Content: from the sentence start (or the opening quote) to the comma.
            let comma = toks[cs - 1].end;
            let mut start = sent_start;
            if let Some(q) = self
                .quotes
                .iter()
                .rev()
                .find(|q| q.end <= comma + 4 && q.end + 4 >= comma)
            {
                let content = q.clone();
                return Some(self.raw(content, speaker, cue_text, QuoteKind::Direct));
            }
            while start < comma && self.text[start..].starts_with(|ch: char| !ch.is_alphanumeric())
            {
                start += self.text[start..].chars().next().map_or(1, char::len_utf8);
            }
            let content = start..comma;
            let kind = if self.contains_quote(&content) {
                QuoteKind::Mixed
            } else {
                QuoteKind::AccordingTo
            };
            return Some(self.raw(content, speaker, cue_text, kind));
        }
        let speaker = if c.kind == CueKind::Gerund {
            self.subject_mention(toks, 0, c.first)
                .cloned()
                .map(|m| self.speaker_of_mention(&m))
                .or_else(|| {
                    self.last_person
                        .clone()
                        .map(|p| (p, toks[c.verb].start..toks[c.verb].start))
                })
        } else {
            let cs = self.clause_start(toks, c.first);
            let found = self.subject(toks, cs, c.first);
            // An empty subject after an apposition ("Steve Smith, a veteran editor, said"):
            // the subject opens the sentence.
            let found = found.or_else(|| {
                (cs > 0)
                    .then(|| {
                        let end = (1..=cs)
                            .find(|&k| self.gap(toks, k - 1).contains(','))
                            .unwrap_or(cs);
                        self.subject_first(toks, 0, end)
                    })
                    .flatten()
            });
            found.or_else(|| {
                self.last_person
                    .clone()
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
        // 1. A colon or a quote right after the cue.
        let next_gap = if c.last + 1 < n {
            self.gap(toks, c.last)
        } else {
            ""
        };
        if next_gap.contains(':') || next_gap.contains(['“', '«', '"', '„']) {
            if let Some(q) = self.quote_at(after, next_gap.len() + 2) {
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
        // 2. A complementizer within a few words.
        let mut k = c.last + 1;
        while k < n && k <= c.last + 10 && toks[k].start < limit {
            let w = lower(toks[k].text);
            if self.lex.complementizers.contains(&w) {
                if k + 1 >= n {
                    return None;
                }
                let start = if self.lang.code() == "en" {
                    toks[k].start
                } else {
                    toks[k + 1].start
                };
                let content = start..limit;
                let kind = if self.is_exact_quote(&content) {
                    QuoteKind::Direct
                } else if self.contains_quote(&content) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                return Some(self.raw(content, speaker, cue_text, kind));
            }
            if k > c.last && self.gap(toks, k - 1).contains([';', ':', '(']) {
                break;
            }
            if self.lex.speech_verbs.contains(&w) {
                break;
            }
            k += 1;
        }
        // 3. English: the clause right after the verb ("said he would").
        if self.lang.code() == "en" && c.last + 1 < n && !next_gap.contains([',', '.', ';']) {
            let w = lower(toks[c.last + 1].text);
            if !self.lex.prepositions.contains(&w) && toks[c.last + 1].start < limit {
                let content = toks[c.last + 1].start..limit;
                if words(&self.text[content.clone()]).count() >= 3 {
                    let kind = if self.contains_quote(&content) {
                        QuoteKind::Mixed
                    } else {
                        QuoteKind::Indirect
                    };
                    return Some(self.raw(content, speaker, cue_text, kind));
                }
            }
        }
        None
    }

    fn source_cue(
        &mut self,
        toks: &[Word],
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
        let src_end = toks[stop - 1].end.min(sent_end.max(toks[from].end));
        let speaker = self.subject_after(toks, from, src_end);
        let mut start = sent_start;
        let content = if c.first == 0
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

    fn label_cue(&mut self, toks: &[Word], c: &Cue) -> Option<Raw> {
        let n = toks.len();
        // "descritta da Mosca come una “…”": agent, then "come"/"as", then the quote.
        let agent = c.last + 1;
        let mut k = agent;
        while k < n
            && k < agent + 6
            && !matches!(
                lower(toks[k].text).as_str(),
                "come" | "as" | "als" | "comme" | "como"
            )
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

const MODALS: &[&str] = &[
    "would", "could", "should", "might", "will", "can", "may", "must", "potrebbe", "dovrebbe",
];

/// Trims a trailing attribution from `sentence`: ", ha riferito l’agenzia di stampa ...",
/// ", he said", "..., officials said", ", secondo Pyongyang", ", according to a study". `None`
/// when the sentence has none. The tail after the last comma (at most ten words) must be a
/// source phrase, an inverted cue with its speaker ("said Smith"), or a short subject (no modal
/// verb) followed by a verb of saying; the tail must not open a reported clause.
pub fn trim_attribution(sentence: &str, lang: &'static Language) -> Option<Trimmed> {
    let lex = lexicon::get(lang);
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
    let tail: Vec<String> = toks[first..].iter().map(|t| lower(t.text)).collect();
    if tail.iter().any(|w| lex.complementizers.contains(w)) {
        return None;
    }
    let is_source = lex
        .according_to
        .iter()
        .any(|p| tail.len() > p.len() && tail[..p.len()] == p[..]);
    let verb_at = tail.iter().position(|w| lex.speech_verbs.contains(w));
    let attribution = match verb_at {
        _ if is_source => true,
        // "said Smith", "ha riferito l’agenzia": the cue first, its speaker after.
        Some(0) => tail.len() >= 2 && !tail[1..].iter().all(|w| TIME_WORDS.contains(&w.as_str())),
        Some(p) => {
            let before = &tail[..p];
            p <= 4
                && !before.iter().any(|w| MODALS.contains(&w.as_str()))
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

    fn quotes(code: &str, text: &str) -> Vec<Raw> {
        let lang = crate::lang::get(code).unwrap();
        let sents = crate::text::sentences::split(text, lang);
        let found = entities::detect_in(lang, text, &sents, None);
        find_raw(lang, text, &sents, &found, None)
    }

    #[test]
    fn quote_marks_skip_apostrophes() {
        let t = "L’agenzia ha detto: “tutto bene”. E ‘questo’ no, l’altro sì.";
        let q: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["tutto bene", "questo"]);
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
}
