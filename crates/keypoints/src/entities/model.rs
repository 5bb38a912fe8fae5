//! A small linear model that types the names no strong rule types (no gazetteer, no organization
//! or place word): an averaged perceptron over features of the name (shape, suffixes, list
//! membership, the rules' guess) and of the words around its mentions. Four classes: PER, LOC,
//! ORG and "no entity". The weights are a language's `entity_model` list ("feature w_per w_loc
//! w_org w_none" a line), trained by `tools/entity_model/train.py` (see its header for the data
//! and the procedure); a language without the list keeps the rules alone.
use std::ops::Range;

use super::lexicon::{self, Lexicon, Map, STOP};
use super::{is_acronym, is_cap, lower, words};
use crate::digest::EntityType;

/// Feature -> weights of PER, LOC, ORG, none.
pub(crate) type Model = Map<[f32; 4]>;

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
            m.insert(f.to_string(), w);
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
fn ctx_word(lex: &Lexicon, w: &str) -> String {
    let low = lower(w);
    if is_cap(w) && lex.flags(low.as_ref()) & STOP == 0 {
        "CAP".to_string()
    } else {
        low.as_ref().to_string()
    }
}

/// A gap as a feature value: its punctuation without spaces, "_" for a plain space.
fn gap_value(g: &str) -> String {
    let v: String = g.chars().filter(|c| !c.is_whitespace()).take(3).collect();
    if v.is_empty() {
        "_".to_string()
    } else {
        v.replace('’', "'")
    }
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
    out: &mut Vec<String>,
) {
    let shared = lexicon::shared();
    out.push("bias".into());
    out.push(format!("rule={}", tag(n.rule)));
    out.push(format!("given={}", tag(n.given)));
    for (k, t) in ["PER", "LOC", "ORG"].iter().enumerate() {
        if n.votes[k] > 0 {
            out.push(format!("vote={t}"));
        }
    }
    if n.unvouched {
        out.push("unv".into());
    }
    if n.strong {
        out.push(format!("strong={}", tag(n.given)));
    }
    if n.low_seen {
        out.push("lowseen".into());
    }
    if let Some((k, strong)) = n.part_of {
        out.push(format!("in={}{}", tag(k), if strong { "s" } else { "" }));
    }
    out.push(format!("nw={}", n.nwords.min(4)));
    let ws: Vec<&str> = words(n.name).collect();
    let (Some(&first), Some(&last)) = (ws.first(), ws.last()) else {
        return;
    };
    for w in &ws {
        if is_acronym(w) {
            out.push("acr".into());
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            out.push("dig".into());
        }
        if !is_cap(w) {
            out.push(format!("low={w}"));
        }
    }
    if ws.len() == 1 {
        let len = first.chars().count();
        out.push(format!(
            "len={}",
            [0, 3, 5, 8].iter().filter(|&&b| len > b).count()
        ));
    }
    if shared.given_names.contains(first) {
        out.push("gn1".into());
    }
    if ws.len() > 1 && shared.given_names.contains(last) {
        out.push("gnl".into());
    }
    if ws.len() > 1 && ws[1..].iter().all(|w| is_cap(w)) {
        out.push("allcap".into());
    }
    if lex.towns.contains(n.name) {
        out.push("town".into());
    }
    if lex.any_place.contains(n.name) {
        out.push("place".into());
    }
    if ws.len() > 1 && lex.any_place.contains(first) {
        out.push("fwplace".into());
    }
    if ws.len() > 1 && lex.any_place.contains(last) {
        out.push("lwplace".into());
    }
    if lex.org_heads.contains(first) {
        out.push("orgh".into());
    }
    if lex.org_tails.contains(last) {
        out.push("orgt".into());
    }
    let lf = lower(first);
    if lex.loc_heads.contains(lf.as_ref()) {
        out.push("loch".into());
    }
    if lex.titles.contains(lf.as_ref()) {
        out.push("title".into());
    }
    let low_last = lower(last);
    let chars: Vec<char> = low_last.as_ref().chars().collect();
    if chars.len() >= 4 {
        let s3: String = chars[chars.len() - 3..].iter().collect();
        let s2: String = chars[chars.len() - 2..].iter().collect();
        out.push(format!("s3={s3}"));
        out.push(format!("s2={s2}"));
    }
    if ws.len() > 1 {
        if lex.flags(lf.as_ref()) & STOP != 0 {
            out.push("fwstop".into());
        }
        let fc: Vec<char> = lf.as_ref().chars().collect();
        if fc.len() >= 4 {
            let f3: String = fc[fc.len() - 3..].iter().collect();
            out.push(format!("f3={f3}"));
        }
    }
    if n.name.contains('-') {
        out.push("hy".into());
    }
    if n.name.contains('\'') {
        out.push("ap".into());
    }
    let mut count = 0;
    for (r, initial) in mentions {
        count += 1;
        if initial {
            out.push("init".into());
        }
        let (g, w) = before(text, r.start);
        out.push(format!("pg={}", gap_value(g)));
        if !w.is_empty() && joins(g) {
            let p1 = ctx_word(lex, w);
            let start = r.start - g.len() - w.len();
            let (g2, w2) = before(text, start);
            if !w2.is_empty() && joins(g2) {
                out.push(format!("p2={}", ctx_word(lex, w2)));
                out.push(format!("p21={}_{p1}", ctx_word(lex, w2)));
            }
            out.push(format!("p1={p1}"));
        }
        let (g, w) = after(text, r.end);
        out.push(format!("ng={}", gap_value(g)));
        if !w.is_empty() && joins(g) {
            let n1 = ctx_word(lex, w);
            let end = r.end + g.len() + w.len();
            let (g2, w2) = after(text, end);
            if !w2.is_empty() && joins(g2) {
                out.push(format!("n2={}", ctx_word(lex, w2)));
            }
            out.push(format!("n1={n1}"));
        }
    }
    out.push(format!("nm={}", count.min(3)));
    out.sort_unstable();
    out.dedup();
}

/// The type the model gives to a name with `feats` (`None`: no entity).
pub(crate) fn classify(m: &Model, feats: &[String]) -> Option<EntityType> {
    let mut s = [0f32; 4];
    for f in feats {
        if let Some(w) = m.get(f.as_str()) {
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
