//! The structure stage: blocks of input (lines of plain text, or blocks found in HTML) become the
//! title, lead, given key points, body paragraphs, credits and boilerplate.
//!
//! Plain text is read line by line; a line that continues the previous one (the previous line ends
//! without sentence punctuation and this one starts in lower case) is joined to it, so hard-wrapped
//! text and one-paragraph-a-line text both come out right. The lists that recognise headings,
//! credits and boilerplate are the language folders' data; credits of every language are used
//! together, because a Reuters credit is a Reuters credit in any language.
//!
//! A wire dateline ("ROMA (ANSA) - ", "NEW YORK — ") may open the lead or, after a standfirst or a
//! box, one of the next paragraphs. It stays in the text, so that spans point at the article as
//! written; its agency becomes a credit, and later stages read its range ([`Dateline`]): key
//! points start after it, and the entity stage types its place.
//!
//! Header lines say who wrote the article and when: a byline ("di Marco Bellini", "By Jane Smith,
//! Reuters") and a date line ("12 ottobre 2026 - 18:42"), each on a line of its own, or both on
//! one. They are taken out of the text and reported ([`Parts::byline`], [`Parts::date`]). A byline
//! is an opening word from the language data and two to five capitalized words a name, so a
//! sentence that starts the same way ("Di Maio ha detto …") stays text; the first line is never
//! one (it is the headline's place).
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::{self, Language};
use crate::text::dates::{is_date_line, Months};

/// What a block of input is, as far as the source tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline (from HTML metadata or `<h1>`).
    Title,
    /// A heading inside the article.
    Heading,
    /// A paragraph.
    Paragraph,
    /// An item of a list (`<li>`, or a line starting with a bullet).
    ListItem,
    /// A block quote.
    Quote,
    /// A line of plain text whose role is unknown.
    Line,
}

/// One block of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the source says the block is.
    pub kind: BlockKind,
    /// Its text, without markup.
    pub text: String,
}

impl Block {
    /// A block of `kind` with `text`.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
        }
    }
}

/// The article's parts, before offsets into the final text are computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// The headline, if any.
    pub title: Option<String>,
    /// Heading of a key-points box, as written.
    pub given_heading: Option<String>,
    /// Items of the key-points box.
    pub given_key_points: Vec<String>,
    /// Paragraphs of the article (lead first).
    pub paragraphs: Vec<String>,
    /// Credit lines.
    pub credits: Vec<String>,
    /// Boilerplate lines.
    pub boilerplate: Vec<String>,
    /// The dateline that opens one of the first paragraphs ("ROMA (ANSA) -", "PARIS —"), if any.
    pub dateline: Option<Dateline>,
    /// The author's byline, as written on a line of its own ("di Marco Bellini"), if any.
    pub byline: Option<String>,
    /// The names the byline gives, in order.
    pub authors: Vec<String>,
    /// The first line that only states a date ("12 ottobre 2026 - 18:42"), as written.
    pub date: Option<String>,
}

/// A dateline: the place, date or agency a wire story opens with, before a dash. It stays in
/// the text (spans keep pointing at the article as written); key points start after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// Index of the paragraph it opens, in [`Parts::paragraphs`].
    pub paragraph: usize,
    /// Its length in bytes, the separator and the white space after it included.
    pub len: usize,
}

const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '►', '‣', '◦', '●', '■'];

/// Splits plain text into line blocks, joining lines that continue a hard-wrapped paragraph.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_blank = true;
    for raw in text.lines() {
        let line = normalize_space(raw);
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        // A byline under the headline ("di Marco Bellini") starts in lower case too.
        let second = blocks.len() == 1;
        if let Some(item) = strip_bullet(&line) {
            blocks.push(Block::new(BlockKind::ListItem, item));
        } else if let Some(last) = blocks
            .last_mut()
            .filter(|b| !prev_blank && b.kind == BlockKind::Line && continues(&b.text, &line))
            .filter(|_| !(second && Lexicon::get().header(&line).is_some()))
        {
            last.text.push(' ');
            last.text.push_str(&line);
        } else {
            blocks.push(Block::new(BlockKind::Line, line));
        }
        prev_blank = false;
    }
    blocks
}

/// Bytes that can neither be nor start white space: ASCII after the space, and every byte of a
/// multi-byte character except the lead bytes of U+0080..U+00BF, U+1000..U+1FFF, U+2000..U+2FFF,
/// U+3000..U+3FFF and U+F000..U+FFFF, the blocks that hold white space (and the BOM).
const NOT_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 256 {
        t[b] = !matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef);
        b += 1;
    }
    t
};

/// True when the byte `a` at some position, followed by `b` and `c`, needs [`normalize_space`]'s
/// attention: a control or ASCII white-space character, a space that is not followed by a
/// printable ASCII character, or the start of a non-ASCII white-space character (U+0085, U+00A0,
/// U+1680, U+2000..U+200F, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF; a few more than
/// needed). Every other byte is copied as it is.
#[inline]
fn needs_look(a: u8, b: u8, c: u8) -> bool {
    (a < 0x20)
        | ((a == b' ') & ((b <= b' ') | (b >= 0x80)))
        | ((a == 0xc2) & ((b == 0x85) | (b == 0xa0)))
        | ((a == 0xe1) & (b == 0x9a))
        | ((a == 0xe2)
            & (((b == 0x80) & (((c & 0xf0) == 0x80) | (c == 0xa8) | (c == 0xa9) | (c == 0xaf)))
                | ((b == 0x81) & (c == 0x9f))))
        | ((a == 0xe3) & (b == 0x80) & (c == 0x80))
        | ((a == 0xef) & (b == 0xbb) & (c == 0xbf))
}

/// Bytes checked at a time by [`normalize_space`].
const BLOCK: usize = 32;

/// True when no byte of the first [`BLOCK`] of `w` (which holds two more, for the look-ahead)
/// [`needs_look`]. Without branches, so that the compiler vectorizes it.
#[inline]
fn plain_block(w: &[u8; BLOCK + 2]) -> bool {
    !(0..BLOCK).fold(false, |any, j| any | needs_look(w[j], w[j + 1], w[j + 2]))
}

/// `s` with runs of white space (and zero-width spaces, byte-order marks) turned into one space,
/// and none at either end.
fn normalize_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Runs of bytes that are not white space are copied whole; only bytes that may start white
    // space are looked at one by one (ASCII decided from the byte, other characters decoded).
    // Most blocks of text hold none of them: those are skipped whole (a plain space between two
    // words stays inside the run, as below).
    let mut run = 0usize;
    let mut i = 0usize;
    // Bytes before this offset are looked at one by one (a block that was not plain).
    let mut careful = 0usize;
    let flush = |out: &mut String, from: usize, to: usize| {
        if from < to {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[from..to]);
        }
    };
    while i < b.len() {
        let c = b[i];
        // A space that opens a run is dropped below, so no block starts with one.
        if i >= careful && (c != b' ' || i > run) {
            if let Some(Ok(w)) = b.get(i..i + BLOCK + 2).map(<&[u8; BLOCK + 2]>::try_from) {
                if plain_block(w) {
                    i += BLOCK;
                    continue;
                }
                careful = i + BLOCK;
            }
        }
        if NOT_SPACE[c as usize] {
            i += 1;
            continue;
        }
        let space_len = if c < 0x80 {
            usize::from(matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        } else {
            match s[i..].chars().next() {
                Some(ch) if ch.is_whitespace() || ch == '\u{feff}' || ch == '\u{200b}' => {
                    ch.len_utf8()
                }
                Some(ch) => {
                    i += ch.len_utf8();
                    continue;
                }
                None => break,
            }
        };
        if space_len == 0 {
            i += 1;
            continue;
        }
        // One plain space between two words stays inside the run, so that a clean line is
        // copied in one piece rather than word by word.
        if c == b' ' && i > run && b.get(i + 1).is_some_and(|&n| n > b' ' && n < 0x80) {
            i += 1;
            continue;
        }
        flush(&mut out, run, i);
        i += space_len;
        run = i;
    }
    flush(&mut out, run, b.len());
    out
}

fn strip_bullet(line: &str) -> Option<String> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) {
        let rest = chars.as_str();
        // "- item" with a space; "--" and "-5%" are not bullets.
        if rest.starts_with(' ')
            && rest
                .trim()
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || "\"“«'‘(".contains(c))
        {
            return Some(rest.trim().to_string());
        }
    }
    None
}

fn continues(prev: &str, next: &str) -> bool {
    let ends_open = !prev.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', '…', ')']);
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && starts_lower
}

/// Lower-cased text without a final colon, for comparing headings and credits.
fn key(s: &str) -> String {
    s.trim()
        .trim_end_matches([':', '.', ' '])
        .trim_start_matches(['(', '©', ' '])
        .trim_end_matches(')')
        .to_lowercase()
        .replace('’', "'")
}

/// Headings, credits and boilerplate of every language folder together: boxes, credits and
/// boilerplate in another language than the article's are common in wire copy and on
/// multilingual sites. Built once, then only read.
struct Lexicon {
    headings: HashSet<String>,
    credits: HashSet<String>,
    boilerplate: Vec<String>,
    /// Length in characters of the longest boilerplate phrase.
    boilerplate_chars: usize,
    bio_words: HashSet<String>,
    /// Words opening a byline, lower case, longest first ("a cura di" before "di").
    byline_prefixes: Vec<String>,
    /// Words joining the names of a byline ("e", "and", "und").
    byline_joiners: HashSet<String>,
    /// Lower-case words inside names ("di", "van", "de").
    name_particles: HashSet<String>,
    /// Month names of every language, for date lines.
    months: Months,
}

/// What a header line (a byline, a date line, or both) holds.
#[derive(Debug, Default, PartialEq)]
struct Header {
    /// The byline part as written, when there is one.
    byline: Option<String>,
    authors: Vec<String>,
    /// Agencies named in the byline ("By Jane Smith, Reuters").
    credits: Vec<String>,
    /// The date part as written, when there is one.
    date: Option<String>,
}

impl Lexicon {
    fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut lx = Lexicon {
                headings: HashSet::new(),
                credits: HashSet::new(),
                boilerplate: Vec::new(),
                boilerplate_chars: 0,
                bio_words: HashSet::new(),
                byline_prefixes: Vec::new(),
                byline_joiners: HashSet::new(),
                name_particles: HashSet::new(),
                months: Months::default(),
            };
            for l in lang::codes().into_iter().filter_map(|c| lang::get(c).ok()) {
                lx.headings
                    .extend(l.list("keypoint_headings").iter().map(|s| key(s)));
                lx.credits.extend(l.list("credits").iter().map(|s| key(s)));
                lx.boilerplate.extend(
                    l.list("boilerplate")
                        .iter()
                        .map(|s| s.to_lowercase().replace('’', "'")),
                );
                lx.bio_words
                    .extend(l.list("bio_words").iter().map(|s| s.to_lowercase()));
                lx.byline_prefixes
                    .extend(l.list("byline_prefixes").iter().map(|s| s.to_lowercase()));
                lx.byline_joiners
                    .extend(l.list("byline_joiners").iter().map(|s| s.to_lowercase()));
                lx.name_particles
                    .extend(l.list("name_particles").iter().map(|s| s.to_lowercase()));
                lx.months.add_lines(l.list("months"));
            }
            lx.byline_prefixes
                .sort_by_key(|p| std::cmp::Reverse(p.len()));
            lx.byline_prefixes.dedup();
            lx.boilerplate.sort();
            lx.boilerplate.dedup();
            lx.boilerplate_chars = lx
                .boilerplate
                .iter()
                .map(|b| b.chars().count())
                .max()
                .unwrap_or(0);
            lx
        })
    }

    fn is_heading(&self, line: &str) -> bool {
        line.chars().count() <= 60 && self.headings.contains(&key(line))
    }

    fn is_credit(&self, line: &str) -> bool {
        if line.chars().count() > 80 {
            return false;
        }
        let k = key(line);
        let k = k
            .strip_prefix("fonte:")
            .or_else(|| k.strip_prefix("source:"))
            .or_else(|| k.strip_prefix("quelle:"))
            .or_else(|| k.strip_prefix("fuente:"))
            .map(str::trim)
            .unwrap_or(&k);
        // "Reuters", "ANSA/AFP", "(dpa/AFP)".
        k.split(['/', ',', '-', '&'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|p| self.credits.contains(p))
            && !k.is_empty()
    }

    fn is_boilerplate(&self, line: &str) -> bool {
        // Counted up to 26: only short lines can be boilerplate, and paragraphs are long.
        let words = line.split_whitespace().take(26).count();
        if words <= 25 {
            // Only a prefix as long as the longest phrase matters: lower-casing never shortens
            // a character sequence, so the prefix's lower case starts the line's.
            // "(Reporting by …; Editing by …)": a trailer in parentheses reads as one without.
            let line = line.strip_prefix('(').unwrap_or(line);
            let head: String = line.chars().take(self.boilerplate_chars.max(3)).collect();
            let lower = head.to_lowercase().replace('’', "'");
            if self
                .boilerplate
                .iter()
                .any(|b| lower.starts_with(b.as_str()))
            {
                return true;
            }
            if words <= 12 && (lower.starts_with('©') || lower.starts_with("(c)")) {
                return true;
            }
        }
        self.is_stock_bio(line)
    }

    /// A stock author bio: three or more very short verbless fragments, at least one of them
    /// naming a bio noun ("Nerd televisivo. Ninja di Twitter. Evangelista della birra.").
    fn is_stock_bio(&self, line: &str) -> bool {
        let inner = line.trim_matches(|c: char| "\"“”«»'‘’ ".contains(c));
        let mut frags: Vec<&str> = Vec::new();
        for f in inner
            .split(['.', '!'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            // A fragment of more than five words: not a bio; stop before reading the rest.
            if f.split_whitespace().nth(5).is_some() {
                return false;
            }
            frags.push(f);
        }
        if frags.len() < 3 {
            return false;
        }
        let hits = frags
            .iter()
            .filter(|f| {
                crate::text::tokens::words(f)
                    .any(|w| self.bio_words.iter().any(|b| b == &w.text.to_lowercase()))
            })
            .count();
        hits * 2 >= frags.len()
    }
}

impl Lexicon {
    /// The names of a byline without its opening word ("Marco Bellini e Anna Rossi"), and the
    /// agencies it credits: each name two to five words, capitalized or name particles; a
    /// one-word part must be a credit ("By Jane Smith, Reuters").
    fn byline_names(&self, rest: &str) -> Option<(Vec<String>, Vec<String>)> {
        let mut names: Vec<String> = Vec::new();
        let mut credits = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        let mut close = |current: &mut Vec<&str>| -> bool {
            let name = current.join(" ");
            current.clear();
            match name.split_whitespace().count() {
                0 => true,
                1 if self.is_credit(&name) => {
                    credits.push(name);
                    true
                }
                2..=5 => {
                    names.push(name);
                    true
                }
                _ => false,
            }
        };
        for raw in rest.split_whitespace() {
            let (word, comma) = match raw.strip_suffix(',') {
                Some(w) => (w, true),
                None => (raw, false),
            };
            let lower = word.to_lowercase();
            if word == "&" || word == "/" || self.byline_joiners.contains(&lower) {
                if current.is_empty() || !close(&mut current) {
                    return None;
                }
                continue;
            }
            let capitalized = word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || "'’.-".contains(c));
            let particle = self.name_particles.contains(&lower) && !current.is_empty();
            if !capitalized && !particle {
                return None;
            }
            current.push(word);
            if comma && !close(&mut current) {
                return None;
            }
        }
        if !close(&mut current) || names.is_empty() || names.len() > 4 {
            return None;
        }
        Some((names, credits))
    }

    /// A byline, a date line, or a byline and a date after a separator ("di Marco Bellini -
    /// 12 ottobre 2026"): a short line that only says who wrote the article and when.
    fn header(&self, line: &str) -> Option<Header> {
        if line.split_whitespace().nth(16).is_some() {
            return None;
        }
        let date_only = || {
            is_date_line(line, &self.months).then(|| Header {
                date: Some(line.to_string()),
                ..Header::default()
            })
        };
        if line.ends_with(['.', '!', '?', ':', ';']) {
            return date_only();
        }
        // The byline, then what a separator leaves for the date.
        let (by, date) = [" | ", " - ", " – ", " — ", " · "]
            .iter()
            .filter_map(|sep| line.find(sep).map(|i| (i, sep.len())))
            .min()
            .map_or((line, None), |(i, n)| {
                (&line[..i], Some(line[i + n..].trim()))
            });
        if date.is_some_and(|d| !is_date_line(d, &self.months)) {
            return date_only();
        }
        // The opening words compared word by word: lower-casing may change byte lengths.
        let words: Vec<&str> = by.split_whitespace().collect();
        let Some(rest) = self.byline_prefixes.iter().find_map(|p| {
            let n = p.split_whitespace().count();
            (words.len() > n
                && words
                    .iter()
                    .zip(p.split_whitespace())
                    .all(|(w, p)| w.to_lowercase() == p))
            .then(|| words[n..].join(" "))
        }) else {
            return date_only();
        };
        let Some((authors, credits)) = self.byline_names(&rest) else {
            return date_only();
        };
        Some(Header {
            byline: Some(by.trim().to_string()),
            authors,
            credits,
            date: date.map(str::to_string),
        })
    }
}

/// The date a date line names, as ISO 8601 ([`crate::text::dates::parse`]), with the month names
/// of every language; numeric dates as `lang` writes them ([`Language::day_first_dates`]).
pub fn parse_date(line: &str, lang: &Language) -> Option<String> {
    crate::text::dates::parse(line, &Lexicon::get().months, lang.day_first_dates())
}

/// Sorts blocks into the article's parts.
pub fn parse(blocks: &[Block], _lang: &Language) -> Parts {
    let lx = Lexicon::get();
    let mut parts = Parts::default();
    let mut in_box = false;
    let mut seen_body = false;
    let n = blocks.len();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text.trim();
        if text.is_empty() {
            continue;
        }
        match b.kind {
            BlockKind::Title => {
                if parts.title.is_none() {
                    parts.title = Some(text.to_string());
                }
                continue;
            }
            BlockKind::ListItem if in_box => {
                parts.given_key_points.push(text.to_string());
                continue;
            }
            _ => {}
        }
        in_box = false;
        if parts.given_heading.is_none()
            && matches!(
                b.kind,
                BlockKind::Line | BlockKind::Heading | BlockKind::Paragraph
            )
            && lx.is_heading(text)
        {
            let next_is_list = blocks
                .get(i + 1)
                .is_some_and(|nb| nb.kind == BlockKind::ListItem);
            if next_is_list {
                parts.given_heading = Some(text.to_string());
                in_box = true;
                continue;
            }
        }
        if lx.is_credit(text) {
            // "(AGI)", "© Reuters": the agency's name is the credit.
            let name = text
                .trim_start_matches(['(', '©', ' '])
                .trim_end_matches([')', '.', ' ']);
            let name = if name.is_empty() { text } else { name };
            parts.credits.push(name.to_string());
            continue;
        }
        if lx.is_boilerplate(text) {
            parts.boilerplate.push(text.to_string());
            continue;
        }
        // Bylines and date lines: before the body, or short lines anywhere that say nothing else.
        if matches!(b.kind, BlockKind::Line | BlockKind::Paragraph) {
            // The first line is the headline's place, even when it reads like a byline.
            if let Some(h) = lx.header(text).filter(|_| i > 0) {
                let new_byline = h.byline.is_some() && parts.byline.is_none();
                let new_date = h.date.is_some() && parts.date.is_none();
                if new_byline {
                    parts.byline = h.byline;
                    parts.authors = h.authors;
                    for c in h.credits {
                        if !parts.credits.contains(&c) {
                            parts.credits.push(c);
                        }
                    }
                }
                if new_date {
                    parts.date = h.date;
                }
                if !new_byline && !new_date {
                    // A second byline or date (an update line): kept, as boilerplate.
                    parts.boilerplate.push(text.to_string());
                }
                continue;
            }
        }
        if b.kind == BlockKind::Line
            && !seen_body
            && parts.title.is_none()
            && i + 1 < n
            && looks_like_title(text)
        {
            parts.title = Some(text.to_string());
            continue;
        }
        // Datelines open the lead or, after a standfirst or a box, one of the next paragraphs.
        if parts.dateline.is_none() && parts.paragraphs.len() < 3 {
            if let Some((len, agency)) = dateline(text, lx) {
                parts.dateline = Some(Dateline {
                    paragraph: parts.paragraphs.len(),
                    len,
                });
                if let Some(agency) = agency {
                    if !parts.credits.contains(&agency) {
                        parts.credits.push(agency);
                    }
                }
            }
        }
        seen_body = true;
        parts.paragraphs.push(text.to_string());
    }
    parts
}

/// The dateline that opens `par`: its length in bytes and the agency it credits, if any.
/// Two forms: a credited one, "ROMA, 3 mar (Reuters) - …", "(CNN) -- …", "MADRID (EFE).- …",
/// and a place in capitals with an optional date, "MILANO – …", "NEW YORK, 12 marzo — …".
fn dateline(par: &str, lx: &Lexicon) -> Option<(usize, Option<String>)> {
    let head = crate::text::truncate_to_boundary(par, 120);
    if let Some(open) = head.find('(') {
        if let Some(close) = head[open..].find(')').map(|c| open + c) {
            let inner = head[open + 1..close].trim();
            let before = &head[..open];
            let rest = head[close + 1..].trim_start_matches([' ', '.']);
            if place_and_date(before, false) && lx.is_credit(inner) {
                if let Some(sep) = separator(rest) {
                    let len = head.len() - rest.len() + sep;
                    return Some((len, Some(inner.to_string())));
                }
            }
        }
    }
    // A place in capitals: the dash must follow within a few words.
    let (at, sep) = [" - ", " – ", " — ", " -- ", " —", " –"]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, *d)))
        .min()?;
    let rest = &head[at + sep.len()..];
    if !place_and_date(&head[..at], true) || rest.trim().is_empty() {
        return None;
    }
    let len = at + sep.len() + (rest.len() - rest.trim_start().len());
    Some((len, None))
}

/// A dateline's head before its agency or dash: a place of up to four words, in capitals when
/// `capitals` (else each word capitalized), then optionally a comma and a short date with a
/// digit ("MILANO, 3 marzo"). Empty is a head too when no capitals are asked for ("(CNN) --").
fn place_and_date(head: &str, capitals: bool) -> bool {
    let (place, date) = head.split_once(',').unwrap_or((head, ""));
    let words = place.split_whitespace().count();
    if words == 0 {
        return !capitals && date.is_empty();
    }
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let place_ok = letters >= if capitals { 3 } else { 2 }
        && words <= 4
        && if capitals {
            place
                .chars()
                .all(|c| c.is_uppercase() || " '’.-".contains(c))
        } else {
            place
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        };
    let date_ok = date.is_empty()
        || (date.split_whitespace().count() <= 4 && date.chars().any(|c| c.is_ascii_digit()));
    place_ok && date_ok
}

/// The length of a dateline's separator ("-", "--", "–", "—", ":", ".-") and the white space after
/// it at the start of `s`, when white space and text follow.
fn separator(s: &str) -> Option<usize> {
    let mark = ["--", "-", "–", "—", ":"]
        .iter()
        .find(|m| s.starts_with(*m))?
        .len();
    let after = &s[mark..];
    let text = after.trim_start();
    (text.len() < after.len() && !text.is_empty()).then_some(s.len() - text.len())
}

/// A first line that reads as a headline: short, with no sentence-final period.
fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=20).contains(&words)
        && line.chars().count() <= 160
        && !line.ends_with(['.', ',', ';', ':'])
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“«‘'".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Parts {
        parse(&blocks_from_text(text), lang::get("it").unwrap())
    }

    #[test]
    fn normalize_space_agrees_with_a_split_on_white_space() {
        for t in [
            "",
            " \t ",
            "  uno  due\ttre\u{a0}quattro\u{200b}cinque\u{feff} sei\u{0b}sette\u{2003}già  ",
            "«Sì» – ok…\r",
            "a\u{85}b \u{3000} c\u{1c}d\u{2028}e\u{200c}f",
            "x",
            "\u{feff}\u{feff}",
            "one clean line, single spaces only",
            " a b ",
            "a \u{a0}b c \td e\u{200b} f g \u{1c}",
            "a  b c",
        ] {
            let want: Vec<&str> = t
                .split(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(normalize_space(t), want.join(" "), "{t:?}");
        }
    }

    #[test]
    fn long_lines_agree_with_a_split_on_white_space() {
        // Every white-space character of Unicode, and the marks that share their lead bytes,
        // at every offset of a block, with clean text around.
        let mut odd: Vec<String> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
            .map(String::from)
            .collect();
        for s in [
            "  ", " “", "“ ", "’", "«Sì»", "\u{200c}", "\u{202a}", "\t", " \u{a0} ",
        ] {
            odd.push(s.to_string());
        }
        let clean = "Il presidente già in carica disse: Sì, ok. Poi partì per Roma e Milano.";
        for o in &odd {
            for at in (0..BLOCK + 8).filter(|&at| clean.is_char_boundary(at)) {
                for t in [
                    format!("{}{o}{}", &clean[..at], &clean[at..]),
                    format!("{o}{}{o}", &clean[at..]),
                    format!("{clean}{o}{}", &clean[..at]),
                ] {
                    let want: Vec<&str> = t
                        .split(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
                        .filter(|w| !w.is_empty())
                        .collect();
                    assert_eq!(normalize_space(&t), want.join(" "), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn every_white_space_character_starts_with_a_byte_looked_at() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(!NOT_SPACE[lead as usize], "{c:?}");
            }
        }
    }

    #[test]
    fn finds_box_credit_and_bio() {
        let p = parse_text(
            "Il governo ha approvato la manovra.\nIn breve:\n- primo punto\n- secondo punto\nIl testo prosegue qui.\nANSA\n“Fanatico del caffè. Esperto di musica. Pioniere della rete.”",
        );
        assert_eq!(p.title, None);
        assert_eq!(p.given_heading.as_deref(), Some("In breve:"));
        assert_eq!(p.given_key_points, ["primo punto", "secondo punto"]);
        assert_eq!(p.paragraphs.len(), 2);
        assert_eq!(p.credits, ["ANSA"]);
        assert_eq!(p.boilerplate.len(), 1);
    }

    #[test]
    fn bylines_of_several_forms() {
        let lx = Lexicon::get();
        let authors = |line: &str| lx.header(line).map(|h| h.authors);
        assert_eq!(
            authors("di Marco Bellini"),
            Some(vec!["Marco Bellini".into()])
        );
        assert_eq!(
            authors("a cura di Anna Maria De Luca e Paolo Rossi"),
            Some(vec!["Anna Maria De Luca".into(), "Paolo Rossi".into()])
        );
        assert_eq!(
            authors("By Jane Smith, Tom Lee and Ana García"),
            Some(vec![
                "Jane Smith".into(),
                "Tom Lee".into(),
                "Ana García".into()
            ])
        );
        assert_eq!(
            authors("Von Jan van der Berg"),
            Some(vec!["Jan van der Berg".into()])
        );
        let h = lx.header("By Jane Smith, Reuters").expect("a byline");
        assert_eq!(
            (h.authors, h.credits),
            (vec!["Jane Smith".into()], vec!["Reuters".into()])
        );
        let h = lx
            .header("di Marco Bellini - 12 ottobre 2026, 18:42")
            .expect("a byline with a date");
        assert_eq!(h.byline.as_deref(), Some("di Marco Bellini"));
        assert_eq!(h.date.as_deref(), Some("12 ottobre 2026, 18:42"));
        // Sentences and phrases that open with the same words are not bylines.
        for line in [
            "di Maio ha detto che il governo andrà avanti",
            "Di Maio e Conte",
            "By the numbers",
            "di Marco Bellini.",
            "By Jane Smith - the reporter who broke the story",
            "Par ailleurs, la ville de Lyon",
            "di",
        ] {
            assert_eq!(lx.header(line), None, "{line}");
        }
    }

    #[test]
    fn byline_and_date_under_the_headline() {
        let p = parse_text(
            "Alluvione in Romagna\ndi Marco Bellini\n12 ottobre 2026 - 18:42\n\
             Oltre duemila sfollati tra Faenza e Lugo.\nIl fiume è esondato nella notte.",
        );
        assert_eq!(p.title.as_deref(), Some("Alluvione in Romagna"));
        assert_eq!(p.byline.as_deref(), Some("di Marco Bellini"));
        assert_eq!(p.authors, ["Marco Bellini"]);
        assert_eq!(p.date.as_deref(), Some("12 ottobre 2026 - 18:42"));
        assert_eq!(
            p.paragraphs,
            [
                "Oltre duemila sfollati tra Faenza e Lugo.",
                "Il fiume è esondato nella notte."
            ]
        );
        // A second date line (an update) is kept as boilerplate, not lost.
        let p =
            parse_text("Titolo della notizia\n3 marzo 2026\nAggiornato il 4 marzo 2026\nIl testo.");
        assert_eq!(p.date.as_deref(), Some("3 marzo 2026"));
        assert_eq!(p.boilerplate, ["Aggiornato il 4 marzo 2026"]);
    }

    #[test]
    fn title_and_wrapped_lines() {
        let p = parse_text("Piove su Roma\n\nLa pioggia è caduta per tutta\nla notte sulla capitale.\n\nLeggi anche: il meteo di domani");
        assert_eq!(p.title.as_deref(), Some("Piove su Roma"));
        assert_eq!(
            p.paragraphs,
            ["La pioggia è caduta per tutta la notte sulla capitale."]
        );
        assert_eq!(p.boilerplate.len(), 1);
    }

    #[test]
    fn dateline_credit_is_reported() {
        let p = parse_text("MILANO, 3 marzo (Reuters) - La Borsa ha chiuso in rialzo.");
        assert_eq!(p.credits, ["Reuters"]);
        assert_eq!(p.paragraphs.len(), 1);
        assert_eq!(
            p.dateline,
            Some(Dateline {
                paragraph: 0,
                len: "MILANO, 3 marzo (Reuters) - ".len()
            })
        );
    }

    fn dateline_of(par: &str) -> Option<(usize, Option<String>)> {
        dateline(par, Lexicon::get())
    }

    #[test]
    fn datelines_of_several_forms() {
        for (par, head, agency) in [
            (
                "ROMA (ANSA) - Il governo ha varato il decreto.",
                "ROMA (ANSA) - ",
                Some("ANSA"),
            ),
            ("(CNN) -- A storm hit the coast.", "(CNN) -- ", Some("CNN")),
            (
                "MADRID, 3 mar (EFE).- El Gobierno aprobó la ley.",
                "MADRID, 3 mar (EFE).- ",
                Some("EFE"),
            ),
            (
                "BERLIN (dpa) – Die Regierung hat beschlossen.",
                "BERLIN (dpa) – ",
                Some("dpa"),
            ),
            ("NEW YORK — The markets closed higher.", "NEW YORK — ", None),
            (
                "MILANO, 12 marzo – La Borsa chiude in rialzo.",
                "MILANO, 12 marzo – ",
                None,
            ),
            (
                "L'AQUILA - Scossa di terremoto nella notte.",
                "L'AQUILA - ",
                None,
            ),
        ] {
            assert_eq!(
                dateline_of(par),
                Some((head.len(), agency.map(String::from))),
                "{par}"
            );
        }
    }

    #[test]
    fn no_dateline_in_ordinary_openings() {
        for par in [
            "Il governo (ANSA lo ha confermato) - dice - ha varato il decreto.",
            "Roma - Il governo ha varato il decreto.",
            "La NATO - dice il ministro - resta unita.",
            "UE - Cina, il vertice slitta.",
            "ROMA (ANSA) -",
            "Il ministro ha parlato (Reuters) - poi è partito.",
            "Nel 2020 - 2021 la crescita è stata forte.",
        ] {
            assert_eq!(dateline_of(par), None, "{par}");
        }
    }

    #[test]
    fn a_dateline_after_a_standfirst_and_a_box() {
        let p = parse_text("Il governo vara la manovra e la manda alla Camera.\nIn breve:\n- primo punto\n- secondo punto\nROMA (ANSA) - Il ministro ha difeso il testo.\nIl voto è atteso a dicembre.");
        assert_eq!(p.credits, ["ANSA"]);
        assert_eq!(
            p.dateline,
            Some(Dateline {
                paragraph: 1,
                len: "ROMA (ANSA) - ".len()
            })
        );
    }

    #[test]
    fn a_credit_line_in_parentheses_is_the_agency() {
        let p = parse_text("Il governo ha approvato la manovra.\n(AGI)");
        assert_eq!(p.credits, ["AGI"]);
        let p = parse_text("Il governo ha approvato la manovra.\n© Reuters");
        assert_eq!(p.credits, ["Reuters"]);
    }

    #[test]
    fn a_dash_in_a_number_is_not_a_bullet() {
        let p = parse_text("Il titolo scende.\n-5% in borsa oggi.");
        assert!(p.given_key_points.is_empty());
        assert_eq!(p.paragraphs.len(), 2);
    }
}
