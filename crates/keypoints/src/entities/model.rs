//! A small linear model that types the names no strong rule types (no gazetteer, no organization
//! or place word): an averaged perceptron over features of the name (shape, suffixes, list
//! membership, the rules' guess, its own words) and of the words around its mentions. Four
//! classes: PER, LOC, ORG and "no entity". The weights are a language's `entity_model` list ("feature w_per w_loc
//! w_org w_none" a line), trained by `tools/entity_model/train.py` (see its header for the data
//! and the procedure); a language without the list keeps the rules alone.
//!
//! The same list holds the cut model (features named "J|...", weights of keep joined and cut):
//! for every gap inside a run of capitalized words, whether the name goes on or is cut there
//! ([`cut_features`], [`cut`]); without those weights the rules cut.
use std::fmt::Write as _;
use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::FixedState;

use super::lexicon::{self, Lexicon, STOP};
use super::{is_acronym, is_cap, lower, words};
use crate::digest::EntityType;

/// Hash of a feature's name -> weights of PER, LOC, ORG, none. Features are looked up by hash so
/// that scoring a name allocates no strings.
pub(crate) type Model = std::collections::HashMap<u64, [f32; 4], FixedState>;

/// The hash of a feature's name (fixed seed: the same in every run).
pub(crate) fn key(f: &str) -> u64 {
    FixedState::default().hash_one(f)
}

/// The features of a name: their hashes, and their names when collecting training examples.
#[derive(Default)]
pub(crate) struct Feats {
    buf: String,
    /// Hashes of the features (sorted and without repeats after [`features`]).
    pub hashes: Vec<u64>,
    /// The features' names, kept only when `Some` (sorted and without repeats after
    /// [`features`]).
    pub names: Option<Vec<String>>,
}

impl Feats {
    /// Empties the features, keeping names when `names` is true.
    pub fn reset(&mut self, names: bool) {
        self.hashes.clear();
        match (&mut self.names, names) {
            (Some(v), true) => v.clear(),
            (n, true) => *n = Some(Vec::new()),
            (n, false) => *n = None,
        }
    }

    /// Adds the feature made of `parts` one after the other (no formatting: the cut model's
    /// features are many).
    fn add_parts(&mut self, parts: &[&str]) {
        self.buf.clear();
        for p in parts {
            self.buf.push_str(p);
        }
        self.hashes.push(key(&self.buf));
        if let Some(n) = &mut self.names {
            n.push(self.buf.clone());
        }
    }

    /// Adds the feature written by `f`.
    fn add(&mut self, f: std::fmt::Arguments) {
        self.buf.clear();
        let _ = self.buf.write_fmt(f);
        self.hashes.push(key(&self.buf));
        if let Some(n) = &mut self.names {
            n.push(self.buf.clone());
        }
    }
}

/// Parses the `entity_model` lines; malformed lines are skipped.
pub(crate) fn parse(lines: &[String]) -> Model {
    let mut m = Model::default();
    for l in lines {
        let mut it = l.split_whitespace();
        let Some(f) = it.next() else { continue };
        let mut w = [0f32; 4];
        let mut ok = true;
        for x in &mut w {
            match it.next().and_then(|v| v.parse().ok()) {
                Some(v) => *x = v,
                None => ok = false,
            }
        }
        if ok {
            m.insert(key(f), w);
        }
    }
    m
}

/// What the rules know of a name.
pub(crate) struct Named<'a> {
    pub name: &'a str,
    pub nwords: usize,
    /// The type the rules would give (after context hints and defaults).
    pub rule: Option<EntityType>,
    /// The type the name's own evidence gave (weak evidence: a given name, a town...).
    pub given: Option<EntityType>,
    /// Context hints of the mentions: PER, LOC, ORG.
    pub votes: [u32; 3],
    /// Only at sentence starts, with nothing vouching for it.
    pub unvouched: bool,
    /// The rules' type comes from strong evidence (a title, an organization or place word).
    pub strong: bool,
    /// The first word is also written in lower case in the article (a common noun).
    pub low_seen: bool,
    /// For a one-word name, the rules' type (and strength) of a longer name of the article
    /// that holds it.
    pub part_of: Option<(Option<EntityType>, bool)>,
    /// The rules' types of the names next to its mentions in a list ("X, Y e Z"): bits of PER,
    /// LOC, ORG and untyped.
    pub coord: u8,
}

fn tag(t: Option<EntityType>) -> &'static str {
    match t {
        Some(EntityType::Person) => "PER",
        Some(EntityType::Location) => "LOC",
        Some(EntityType::Organization) => "ORG",
        _ => "NONE",
    }
}

/// The gap and the word before byte `pos` of `text` (the word empty at a paragraph or text start).
pub(crate) fn before(text: &str, pos: usize) -> (&str, &str) {
    let head = text.get(..pos).unwrap_or("");
    let mut g = head.len();
    for (i, c) in head.char_indices().rev().take(8) {
        if c.is_alphanumeric() {
            break;
        }
        g = i;
    }
    let gap = &head[g..];
    if gap.contains('\n') {
        return ("NL", "");
    }
    let mut w = g;
    for (i, c) in head[..g].char_indices().rev().take(30) {
        if !c.is_alphanumeric() {
            break;
        }
        w = i;
    }
    (gap, &head[w..g])
}

/// The gap and the word after byte `pos` of `text`.
fn after(text: &str, pos: usize) -> (&str, &str) {
    let tail = text.get(pos..).unwrap_or("");
    let mut g = tail.len();
    for (i, c) in tail.char_indices().take(8) {
        if c.is_alphanumeric() {
            g = i;
            break;
        }
    }
    let gap = &tail[..g];
    if gap.contains('\n') {
        return ("NL", "");
    }
    let rest = &tail[g..];
    let mut w = rest.len();
    for (i, c) in rest.char_indices().take(31) {
        if !c.is_alphanumeric() {
            w = i;
            break;
        }
    }
    (gap, &rest[..w.min(rest.len())])
}

/// A context word as a feature value: lower case, or "CAP" for a capitalized word that is no
/// stopword (another name).
fn ctx_word<'a>(lex: &Lexicon, w: &'a str) -> super::Low<'a> {
    let low = lower(w);
    if is_cap(w) && lex.flags(low.as_ref()) & STOP == 0 {
        super::Low::Borrowed("CAP")
    } else {
        low
    }
}

/// The shape of a word: "X" an acronym, "Xx" capitalized, "x" lower case, "d" with digits.
fn shape(w: &str) -> &'static str {
    if w.chars().any(|c| c.is_ascii_digit()) {
        "d"
    } else if is_acronym(w) {
        "X"
    } else if is_cap(w) {
        "Xx"
    } else {
        "x"
    }
}

/// A gap as a feature value: its punctuation without spaces, "_" for a plain space.
fn gap_value(g: &str) -> GapValue {
    let mut v = GapValue([0; 12], 0);
    for c in g.chars().filter(|c| !c.is_whitespace()).take(3) {
        let c = if c == '’' { '\'' } else { c };
        let n = c.len_utf8();
        if v.1 + n <= v.0.len() {
            c.encode_utf8(&mut v.0[v.1..]);
            v.1 += n;
        }
    }
    if v.1 == 0 {
        v.0[0] = b'_';
        v.1 = 1;
    }
    v
}

/// A gap's value on the stack (up to three characters).
struct GapValue([u8; 12], usize);

impl std::fmt::Display for GapValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::str::from_utf8(&self.0[..self.1]).unwrap_or("_"))
    }
}

/// The last `n` characters of a word of four characters or more.
fn suffix(w: &str, n: usize) -> Option<&str> {
    if w.chars().count() < 4 {
        return None;
    }
    w.char_indices().rev().nth(n - 1).map(|(i, _)| &w[i..])
}

fn joins(g: &str) -> bool {
    g == " " || g == "'" || g == "’"
}

/// The features of a name and its mentions (byte ranges, sentence-initial flag) into `out`,
/// sorted and without repeats.
pub(crate) fn features(
    lex: &Lexicon,
    text: &str,
    n: &Named,
    mentions: impl Iterator<Item = (Range<usize>, bool)>,
    out: &mut Feats,
) {
    let shared = lexicon::shared();
    out.add(format_args!("bias"));
    out.add(format_args!("rule={}", tag(n.rule)));
    out.add(format_args!("given={}", tag(n.given)));
    for (k, t) in ["PER", "LOC", "ORG"].iter().enumerate() {
        if n.votes[k] > 0 {
            out.add(format_args!("vote={t}"));
        }
    }
    if n.unvouched {
        out.add(format_args!("unv"));
    }
    if n.strong {
        out.add(format_args!("strong={}", tag(n.given)));
    }
    if n.low_seen {
        out.add(format_args!("lowseen"));
    }
    if let Some((k, strong)) = n.part_of {
        out.add(format_args!(
            "in={}{}",
            tag(k),
            if strong { "s" } else { "" }
        ));
    }
    for (k, t) in ["PER", "LOC", "ORG", "NONE"].iter().enumerate() {
        if n.coord & (1 << k) != 0 {
            out.add(format_args!("co={t}"));
        }
    }
    out.add(format_args!("nw={}", n.nwords.min(4)));
    let ws: Vec<&str> = words(n.name).collect();
    let (Some(&first), Some(&last)) = (ws.first(), ws.last()) else {
        return;
    };
    for w in &ws {
        if is_acronym(w) {
            out.add(format_args!("acr"));
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            out.add(format_args!("dig"));
        }
        if !is_cap(w) {
            out.add(format_args!("low={w}"));
        }
    }
    if ws.len() == 1 {
        let len = first.chars().count();
        out.add(format_args!(
            "len={}",
            [0, 3, 5, 8].iter().filter(|&&b| len > b).count()
        ));
    }
    if shared.given_names.contains(first) {
        out.add(format_args!("gn1"));
    }
    if ws.len() > 1 && shared.given_names.contains(last) {
        out.add(format_args!("gnl"));
    }
    if ws.len() > 1 && ws[1..].iter().all(|w| is_cap(w)) {
        out.add(format_args!("allcap"));
    }
    if shared.organizations.contains(n.name) || lex.organizations.contains(n.name) {
        out.add(format_args!("orgl"));
    }
    if lex.towns.contains(n.name) {
        out.add(format_args!("town"));
    }
    if lex.any_place.contains(n.name) {
        out.add(format_args!("place"));
    }
    if ws.len() > 1 && lex.any_place.contains(first) {
        out.add(format_args!("fwplace"));
    }
    if ws.len() > 1 && lex.any_place.contains(last) {
        out.add(format_args!("lwplace"));
    }
    if lex.org_heads.contains(first) {
        out.add(format_args!("orgh"));
    }
    if lex.org_tails.contains(last) {
        out.add(format_args!("orgt"));
    }
    let lf = lower(first);
    if lex.loc_heads.contains(lf.as_ref()) {
        out.add(format_args!("loch"));
    }
    if lex.titles.contains(lf.as_ref()) {
        out.add(format_args!("title"));
    }
    let low_last = lower(last);
    if let (Some(s3), Some(s2)) = (suffix(low_last.as_ref(), 3), suffix(low_last.as_ref(), 2)) {
        out.add(format_args!("s3={s3}"));
        out.add(format_args!("s2={s2}"));
    }
    if ws.len() > 1 {
        if lex.flags(lf.as_ref()) & STOP != 0 {
            out.add(format_args!("fwstop"));
        }
        if let Some(f3) = suffix(lf.as_ref(), 3) {
            out.add(format_args!("f3={f3}"));
        }
    }
    if n.name.contains('-') {
        out.add(format_args!("hy"));
    }
    // Character shapes: a capital inside a word ("PosteMobile", "eBay"), the last letter, the
    // last four letters.
    if ws
        .iter()
        .any(|w| w.chars().skip(1).any(char::is_uppercase) && !is_acronym(w))
    {
        out.add(format_args!("camel"));
    }
    if let Some(c) = low_last.as_ref().chars().last() {
        out.add(format_args!("s1={c}"));
    }
    if let Some(s4) = suffix(low_last.as_ref(), 4) {
        if low_last.as_ref().chars().count() > 5 {
            out.add(format_args!("s4={s4}"));
        }
    }
    // The name's shape, word by word (up to four words).
    {
        let mut sh = [""; 4];
        for (k, w) in ws.iter().take(4).enumerate() {
            sh[k] = shape(w);
        }
        out.add(format_args!(
            "shape={}_{}_{}_{}",
            sh[0], sh[1], sh[2], sh[3]
        ));
    }
    out.add(format_args!("rn={}{}", tag(n.rule), n.nwords.min(3)));
    for w in &ws {
        out.add(format_args!("w={}", lower(w).as_ref()));
    }
    if let Some(p3) = lf
        .as_ref()
        .char_indices()
        .nth(3)
        .map(|(i, _)| &lf.as_ref()[..i])
    {
        out.add(format_args!("p3={p3}"));
    }
    if n.name.contains('\'') {
        out.add(format_args!("ap"));
    }
    let mut count = 0;
    for (r, initial) in mentions {
        count += 1;
        if initial {
            out.add(format_args!("init"));
        }
        let (g, w) = before(text, r.start);
        out.add(format_args!("pg={}", gap_value(g)));
        if !w.is_empty() && joins(g) {
            let p1 = ctx_word(lex, w);
            let p1 = p1.as_ref();
            let start = r.start - g.len() - w.len();
            let (g2, w2) = before(text, start);
            if !w2.is_empty() && joins(g2) {
                let p2 = ctx_word(lex, w2);
                out.add(format_args!("p2={}", p2.as_ref()));
                out.add(format_args!("p21={}_{p1}", p2.as_ref()));
            }
            out.add(format_args!("p1={p1}"));
        }
        let (g, w) = after(text, r.end);
        out.add(format_args!("ng={}", gap_value(g)));
        if !w.is_empty() && joins(g) {
            let n1 = ctx_word(lex, w);
            let end = r.end + g.len() + w.len();
            let (g2, w2) = after(text, end);
            if !w2.is_empty() && joins(g2) {
                out.add(format_args!("n2={}", ctx_word(lex, w2).as_ref()));
            }
            out.add(format_args!("n1={}", n1.as_ref()));
        }
    }
    out.add(format_args!("nm={}", count.min(3)));
    out.hashes.sort_unstable();
    out.hashes.dedup();
    if let Some(n) = &mut out.names {
        n.sort_unstable();
        n.dedup();
    }
}

/// The type the model gives to a name with `feats` (`None`: no entity).
pub(crate) fn classify(m: &Model, feats: &[u64]) -> Option<EntityType> {
    let mut s = [0f32; 4];
    for f in feats {
        if let Some(w) = m.get(f) {
            for k in 0..4 {
                s[k] += w[k];
            }
        }
    }
    let mut best = 0;
    for k in 1..4 {
        if s[k] > s[best] {
            best = k;
        }
    }
    match best {
        0 => Some(EntityType::Person),
        1 => Some(EntityType::Location),
        2 => Some(EntityType::Organization),
        _ => None,
    }
}

/// The feature that marks a model with cut weights (see [`cut_features`]).
const CUT_BIAS: &str = "J|bias";

/// True when the model also holds the weights of the cut model.
pub(crate) fn has_cuts(m: &Model) -> bool {
    m.contains_key(&key(CUT_BIAS))
}

/// The features of a gap inside a run of capitalized words `toks[i..=j]`: between the word
/// `a` and the word `b`, over the connector `conn` ("_" a space, "-", a particle, "#" a number,
/// "&", connecting words: "Università | di Bologna", "Stati Uniti | Barack Obama"). `rule` is the rules' verdict (true: they would cut there). Their
/// weights are the first two of the model's (keep the words joined, cut), under names starting
/// with "J|"; the features depend only on the whole run, not on other cuts.
#[allow(clippy::too_many_arguments)]
pub(crate) fn cut_features(
    lex: &Lexicon,
    text: &str,
    toks: &[super::Word],
    (i, a, b, j): (usize, usize, usize, usize),
    conn: &str,
    initial: bool,
    rule: bool,
    out: &mut Feats,
) {
    let shared = lexicon::shared();
    let wa = lower(toks[a].text);
    let wb = lower(toks[b].text);
    // The head: the first word of the run that is no article ("Il Ministero").
    let h = if a > i && lex.flags(lower(toks[i].text).as_ref()) & STOP != 0 {
        i + 1
    } else {
        i
    };
    let head = lower(toks[h].text);
    let span = |x: usize, y: usize| &text[toks[x].start..toks[y].end];
    let place_b = super::is_place(lex, span(b, j));
    let place_a = super::is_place(lex, span(h, a));
    let org_head = lex.org_heads.contains(toks[h].text);
    let loc_head = lex.loc_heads.contains(head.as_ref());
    let given_b = shared.given_names.contains(toks[b].text);
    let given_a = shared.given_names.contains(toks[a].text);
    let tf = |x: bool| if x { "true" } else { "false" };
    let digits = ["0", "1", "2", "3", "4"];
    let (rule, initial) = (tf(rule), tf(initial));
    let (place_a, place_b, given_a, given_b) = (tf(place_a), tf(place_b), tf(given_a), tf(given_b));
    let (wa, wb, head) = (wa.as_ref(), wb.as_ref(), head.as_ref());
    out.add_parts(&[CUT_BIAS]);
    out.add_parts(&["J|c=", conn]);
    out.add_parts(&["J|r=", rule]);
    out.add_parts(&["J|c=", conn, "|r=", rule]);
    out.add_parts(&["J|a=", wa]);
    out.add_parts(&["J|b=", wb]);
    out.add_parts(&["J|c=", conn, "|b=", wb]);
    out.add_parts(&["J|ab=", wa, "|", wb]);
    out.add_parts(&["J|h=", head]);
    out.add_parts(&["J|h=", head, "|c=", conn]);
    if let Some(s) = suffix(wa, 3) {
        out.add_parts(&["J|as=", s]);
    }
    if let Some(s) = suffix(wb, 3) {
        out.add_parts(&["J|bs=", s]);
    }
    out.add_parts(&["J|c=", conn, "|pb=", place_b, "|pa=", place_a]);
    let pb1 = tf(super::is_place(lex, toks[b].text));
    out.add_parts(&["J|c=", conn, "|pb1=", pb1]);
    let (oh, lh) = (tf(org_head), tf(loc_head));
    out.add_parts(&["J|c=", conn, "|oh=", oh, "|lh=", lh]);
    out.add_parts(&["J|sh=", tf(lex.seat_heads.contains(toks[h].text))]);
    out.add_parts(&["J|c=", conn, "|ga=", given_a, "|gb=", given_b]);
    out.add_parts(&["J|pb=", place_b, "|ga=", given_a]);
    out.add_parts(&["J|c=", conn, "|pb=", place_b, "|ga=", given_a]);
    let gh = tf(shared.given_names.contains(toks[h].text));
    out.add_parts(&["J|gh=", gh, "|gb=", given_b]);
    out.add_parts(&["J|ta=", tf(lex.flags(wa) & super::lexicon::TITLE != 0)]);
    let left = digits[(a - h + 1).min(4)];
    let right = digits[(j - b + 1).min(4)];
    out.add_parts(&["J|c=", conn, "|n=", left, "/", right]);
    let (sa, sb) = (shape(toks[a].text), shape(toks[b].text));
    out.add_parts(&["J|c=", conn, "|s=", sa, sb]);
    out.add_parts(&["J|first=", tf(a == i), "|init=", initial]);
    out.add_parts(&["J|tail=", tf(lex.org_tails.contains(toks[j].text))]);
    out.hashes.sort_unstable();
    out.hashes.dedup();
    if let Some(n) = &mut out.names {
        n.sort_unstable();
        n.dedup();
    }
}

/// True when the cut model says to cut a run at the gap with `feats` (a tie keeps the rules'
/// verdict `rule`).
pub(crate) fn cut(m: &Model, feats: &[u64], rule: bool) -> bool {
    let (mut join, mut cut) = (0f32, 0f32);
    for f in feats {
        if let Some(w) = m.get(f) {
            join += w[0];
            cut += w[1];
        }
    }
    if cut == join {
        rule
    } else {
        cut > join
    }
}
