//! A learned second opinion on the rules' quotes: two logistic regressions over features of a
//! found quote and the words around its cue. The first (`t`) is asked about every quote the
//! rules keep and drops those it gives a low probability of being an attribution (an object
//! verb used without one, a quoted title); the second (`n`) is asked about every attribution the
//! rules drop as nested inside another quote's content ("Smith said voters **support** the
//! plan") and keeps those it gives a high one.
//!
//! The weights are a language's `quote_model` list, one `t FEATURE WEIGHT` or `n FEATURE
//! WEIGHT` a line, plus `@t P` and `@n P`, the probability each model's answer must reach.
//! `tools/quote_model/train.py` trains them (see its header for the data and the procedure); a
//! language without the list keeps the rules alone.
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::ops::Range;

use foldhash::fast::FixedState;

use super::cues::{flag, fold, Cues};
use super::Raw;
use crate::digest::QuoteKind;
use crate::lang::{self, Language};
use crate::text::tokens::words;

/// The hasher of the weights' map: its keys are already hashes ([`key`]), taken as they are,
/// so a feature is hashed once.
#[derive(Debug, Default, Clone, Copy)]
struct Unhashed(u64);

impl Hasher for Unhashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by `u64` keys; a plain fold keeps it a hasher all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// The two models of a language.
#[derive(Debug, Default)]
pub(crate) struct Model {
    weights: HashMap<u64, f32, BuildHasherDefault<Unhashed>>,
    /// Logit thresholds of the top-level and the nested model.
    keep_top: f32,
    keep_nested: f32,
}

/// The hash of a feature: which model, its tag and its one or two values.
fn key(nested: bool, tag: &str, a: &str, b: &str) -> u64 {
    FixedState::default().hash_one((nested, tag, a, b))
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

impl Model {
    fn parse(lang: &'static Language) -> Option<Model> {
        let lines = lang.list("quote_model");
        if lines.is_empty() {
            return None;
        }
        let mut m = Model {
            keep_top: f32::NEG_INFINITY,
            keep_nested: f32::INFINITY,
            ..Model::default()
        };
        for l in lines {
            let Some((head, w)) = l.rsplit_once(' ') else {
                continue;
            };
            let Ok(w) = w.parse::<f32>() else { continue };
            match head {
                "@t" => m.keep_top = logit(w),
                "@n" => m.keep_nested = logit(w),
                _ => {
                    let nested = match head.get(..2) {
                        Some("t ") => false,
                        Some("n ") => true,
                        _ => continue,
                    };
                    let Some((tag, val)) = head[2..].split_once('=') else {
                        continue;
                    };
                    let (a, b) = val.split_once('|').unwrap_or((val, ""));
                    m.weights.insert(key(nested, tag, a, b), w);
                }
            }
        }
        Some(m)
    }

    /// The weight of a feature's hash (0 for a feature the model does not know).
    fn weight(&self, h: u64) -> f32 {
        self.weights.get(&h).copied().unwrap_or(0.0)
    }

    /// True when a quote the rules keep stays.
    pub fn keeps(&self, f: &Feats) -> bool {
        f.score >= self.keep_top
    }

    /// True when the nested model may keep a nested attribution (its threshold is below 1).
    pub fn vets_nested(&self) -> bool {
        self.keep_nested < logit(1.0)
    }

    /// True when a nested attribution is kept beside its outer quote.
    pub fn keeps_nested(&self, f: &Feats) -> bool {
        f.score >= self.keep_nested
    }
}

/// Whether the quote `i` of `out` (sorted by start) overlaps the one before it and the one after,
/// and whether it is longer than those it overlaps.
pub(crate) fn overlaps(out: &[Raw], i: usize) -> (bool, bool, bool) {
    let r = &out[i].content;
    let before = out[..i].last().filter(|p| p.content.end > r.start);
    let after = out.get(i + 1).filter(|n| n.content.start < r.end);
    let longest = before
        .iter()
        .chain(after.iter())
        .all(|o| o.content.len() < r.len());
    (before.is_some(), after.is_some(), longest)
}

/// The model of `lang`, parsed on first use; `None` when the language has no `quote_model`.
pub(crate) fn get(lang: &'static Language) -> Option<&'static Model> {
    static MODELS: lang::PerLanguage<Option<Model>> = lang::PerLanguage::new();
    MODELS.get(lang, Model::parse).as_ref()
}

/// The features of one quote: the model's score of them (the sum of their weights, each feature
/// hashed once and looked up as it is found), and their names when collecting training examples.
#[derive(Debug, Default)]
pub(crate) struct Feats<'m> {
    nested: bool,
    model: Option<&'m Model>,
    pub score: f32,
    pub names: Option<Vec<String>>,
}

impl Feats<'_> {
    fn add(&mut self, tag: &str, a: &str, b: &str) {
        if let Some(m) = self.model {
            self.score += m.weight(key(self.nested, tag, a, b));
        }
        if let Some(n) = &mut self.names {
            n.push(if b.is_empty() {
                format!("{tag}={a}")
            } else {
                format!("{tag}={a}|{b}")
            });
        }
    }
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
        QuoteKind::AccordingTo => "according",
    }
}

/// A bucket of a number of words.
fn bucket(n: usize) -> &'static str {
    match n {
        0..=2 => "0-2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        21..=40 => "21-40",
        _ => "41+",
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const QUOTE_MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '‘', '’', '\''];

/// The class of the word or mark right after a cue.
fn next_class<'t>(rest: &'t str, lex: &Cues) -> (&'static str, Option<&'t str>) {
    let t = rest.trim_start();
    let Some(c) = t.chars().next() else {
        return ("end", None);
    };
    if QUOTE_MARKS.contains(&c) {
        return ("quote", None);
    }
    match c {
        ',' => return ("comma", None),
        ':' => return ("colon", None),
        '.' | '?' | '!' | ';' => return ("end", None),
        _ => {}
    }
    let Some(w) = words(t).next().filter(|w| w.start == 0) else {
        return ("other", None);
    };
    let f = lex.flags_of(w.text);
    let class = if f & flag::COMPLEMENTIZER != 0 {
        "comp"
    } else if f & flag::SUBJECT != 0 {
        "subj"
    } else if f & flag::DETERMINER != 0 {
        "det"
    } else if f & flag::PREPOSITION != 0 {
        "prep"
    } else if w.text.starts_with(char::is_uppercase) {
        "cap"
    } else if w.text.starts_with(|c: char| c.is_ascii_digit()) {
        "digit"
    } else {
        "low"
    };
    (class, Some(w.text))
}

/// Where the cue of `r` is: before its content, after it, or not found near it.
fn cue_at(r: &Raw, text: &str) -> Option<(usize, bool)> {
    if r.cue.is_empty() {
        return None;
    }
    let a = floor(text, r.content.start.saturating_sub(400));
    // Most cues stand right before their content ("said: “"): then that is the last match (a
    // later one would lie in the spaces and quote marks between), found without a search.
    let near = text[a..r.content.start]
        .trim_end_matches(|c: char| c.is_whitespace() || QUOTE_MARKS.contains(&c));
    if near.ends_with(r.cue.as_str()) {
        return Some((a + near.len() - r.cue.len(), true));
    }
    if let Some(i) = text[a..r.content.start].rfind(r.cue.as_str()) {
        return Some((a + i, true));
    }
    let b = floor(text, r.content.end + 400);
    let from = floor(text, r.content.end);
    text[from..b]
        .find(r.cue.as_str())
        .map(|i| (from + i, false))
}

/// The features of `r`, a quote of `text` (whose sentences are `sentences`); `outer` is the
/// quote it is nested in, for the nested model; `overlaps` is what [`overlaps`] tells of it among
/// the quotes the rules keep; `headline_end` is where the text's first paragraph ends. `model`
/// scores them; `names` keeps the features' names.
#[allow(clippy::too_many_arguments)]
pub(crate) fn features<'m>(
    r: &Raw,
    outer: Option<&Raw>,
    overlaps: (bool, bool, bool),
    text: &str,
    headline_end: usize,
    sentences: &[Range<usize>],
    lex: &Cues,
    model: Option<&'m Model>,
    names: bool,
) -> Feats<'m> {
    let mut f = Feats {
        nested: outer.is_some(),
        model,
        score: 0.0,
        names: names.then(Vec::new),
    };
    let kind = kind_name(r.kind);
    f.add("b", "", "");
    f.add("k", kind, "");
    let ov = match overlaps {
        (false, false, _) => "none",
        (true, false, _) => "prev",
        (false, true, _) => "next",
        (true, true, _) => "both",
    };
    f.add("ov", ov, "");
    f.add("ovk", ov, kind);
    if ov != "none" {
        f.add("ovl", ov, if overlaps.2 { "longest" } else { "shorter" });
    }
    let cue = fold(&r.cue);
    let cue: &str = if cue.is_empty() { "_" } else { &cue };
    let last = cue.rsplit(' ').next().unwrap_or(cue);
    f.add("c", cue, "");
    f.add("cl", last, "");
    let content = text.get(r.content.clone()).unwrap_or("");
    // Words counted as spaces over the first bytes: cheap, and enough for the buckets.
    let n = content.bytes().take(400).filter(|&b| b == b' ').count() + 1;
    f.add("len", bucket(n), "");
    // The speaker.
    let sp = match &r.speaker {
        None => "none",
        Some((_, s)) => {
            let w = text.get(s.clone()).unwrap_or("");
            if lex.pronouns.contains(&*fold(w)) {
                "pron"
            } else if w.starts_with(char::is_uppercase) {
                "cap"
            } else {
                "low"
            }
        }
    };
    f.add("sp", sp, "");
    // The cue's place and the words around it.
    match cue_at(r, text) {
        None => f.add("pos", "none", ""),
        Some((at, before)) => {
            let pos = if before { "before" } else { "after" };
            f.add("pos", pos, "");
            f.add("cpos", last, pos);
            let head = &text[floor(text, at.saturating_sub(40))..at];
            let gap_end = head.trim_end();
            if let Some(w) = words(head).last() {
                if w.end == gap_end.len() {
                    f.add("pw", &fold(w.text), "");
                }
            }
            let tail = &text[floor(text, at + r.cue.len())..floor(text, at + r.cue.len() + 80)];
            let (class, w) = next_class(tail, lex);
            f.add("nc", class, "");
            f.add("cnc", last, class);
            if let Some(w) = w {
                let w = fold(w);
                f.add("nw", &w, "");
                f.add("cnw", last, &w);
            }
        }
    }
    // The content's shape.
    let before = text[..r.content.start].chars().next_back();
    let after = text[r.content.end..].chars().next();
    if before.is_some_and(|c| QUOTE_MARKS.contains(&c))
        && after.is_some_and(|c| QUOTE_MARKS.contains(&c))
    {
        f.add("qq", "", "");
    }
    let si = sentences
        .partition_point(|s| s.end <= r.content.start)
        .min(sentences.len().saturating_sub(1));
    if let Some(s) = sentences.get(si) {
        let lead = text.get(s.start..r.content.start).unwrap_or("");
        let lead = lead.trim_matches(|c: char| c.is_whitespace() || QUOTE_MARKS.contains(&c));
        f.add("ss", if lead.is_empty() { "y" } else { "n" }, "");
        let rest = text
            .get(r.content.end..s.end.max(r.content.end))
            .unwrap_or("");
        let rest = rest.trim_matches(|c: char| {
            c.is_whitespace() || QUOTE_MARKS.contains(&c) || ".?!,".contains(c)
        });
        f.add("se", if rest.is_empty() { "y" } else { "n" }, "");
        if s.start < headline_end {
            f.add("hl", "", "");
        }
    }
    // A nested quote: its outer quote.
    if let Some(o) = outer {
        let ocue = fold(&o.cue);
        let ol = ocue.rsplit(' ').next().unwrap_or("_");
        let ol = if ol.is_empty() { "_" } else { ol };
        f.add("ocl", ol, "");
        f.add("ok", kind_name(o.kind), "");
        f.add("oc", ol, last);
        let olen = o.content.len().max(1);
        let share = r.content.len() * 10 / olen;
        f.add(
            "share",
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"][share.min(10)],
            "",
        );
        let lead = text.get(o.content.start..r.content.start).unwrap_or("");
        f.add("olead", bucket(words(lead).take(41).count()), "");
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str, content: &str, cue: &str) -> Raw {
        let start = text.find(content).unwrap();
        Raw {
            content: start..start + content.len(),
            speaker: None,
            cue: cue.to_string(),
            kind: QuoteKind::Indirect,
            text: content.to_string(),
            item: None,
        }
    }

    #[test]
    fn a_score_is_the_sum_of_the_listed_weights_of_the_named_features() {
        let lang = lang::get("en").unwrap();
        let m = get(lang).expect("English has a quote model");
        let lex = super::super::cues::get(lang);
        // The weights as the list writes them, by feature name.
        let listed: HashMap<&str, f32> = lang
            .list("quote_model")
            .iter()
            .filter_map(|l| {
                let (head, w) = l.rsplit_once(' ')?;
                Some((head.strip_prefix("t ")?, w.parse().ok()?))
            })
            .collect();
        let text = "The report was out.\nSenator Jane Doe said that the plan would cost jobs.";
        let r = raw(text, "the plan would cost jobs", "said");
        let sentences = [0..19, 20..text.len()];
        let f = features(
            &r,
            None,
            (false, false, true),
            text,
            19,
            &sentences,
            lex,
            Some(m),
            true,
        );
        let names = f.names.as_ref().unwrap();
        assert!(names.iter().any(|n| n == "c=said"), "{names:?}");
        assert!(names.iter().any(|n| n == "pos=before"), "{names:?}");
        let sum: f32 = names.iter().filter_map(|n| listed.get(n.as_str())).sum();
        assert!(sum != 0.0);
        assert!((f.score - sum).abs() < 1e-4, "{} vs {sum}", f.score);
    }

    #[test]
    fn a_cue_right_before_its_content_is_the_last_match_before_it() {
        // The suffix test and the search agree: the later "said" is the cue.
        let text = "He said it, and she said: “We will win.”";
        let r = raw(text, "We will win.", "said");
        let at = text.rfind("said").unwrap();
        assert_eq!(cue_at(&r, text), Some((at, true)));
        // Not right before it: the search finds the cue before a phrase.
        let text = "She said on Monday that the plan is ready.";
        let r = raw(text, "the plan is ready", "said");
        assert_eq!(cue_at(&r, text), Some((4, true)));
        // After it.
        let text = "The plan is ready, she said.";
        let r = raw(text, "The plan is ready", "said");
        assert_eq!(cue_at(&r, text), Some((23, false)));
    }
}
