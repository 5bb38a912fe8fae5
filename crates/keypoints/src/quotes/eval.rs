//! Scoring the quote stage against PolNeAR (brat standoff attribution annotations).
//!
//! # The mapping
//! PolNeAR annotates every attribution: a `Content` span (possibly discontinuous, `start end;start
//! end`), a `Cue` and usually a `Source`, joined by an `E` line. One gold quote is one `E` line
//! with a `Content`; its `Source` (when present) is the gold speaker. `Discard`/`Discuss` spans
//! are ignored. Offsets are in characters of `NAME.txt`.
//!
//! The document is analysed as it is (every non-empty line a paragraph, the headline included,
//! because PolNeAR annotates headlines too), and predicted spans are mapped back to the file's
//! characters. A predicted quote matches a gold one when their overlap covers at least half of
//! the gold content; matching is one-to-one, best overlap first. PolNeAR's content takes in the
//! quote marks around a direct quote, so a predicted span with a mark right before and right
//! after it is widened over them. Speaker accuracy is measured
//! on matched pairs whose gold quote has a Source: right when the predicted speaker span
//! overlaps the gold Source span.
use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::Analysis;
use crate::lang::Language;
use crate::structure::Parts;

/// One gold attribution.
#[derive(Debug, Clone, Default)]
pub struct GoldQuote {
    /// Content fragments in characters of the file.
    pub content: Vec<Range<usize>>,
    /// Source fragments, empty when the annotation has none.
    pub source: Vec<Range<usize>>,
    /// Cue fragments.
    pub cue: Vec<Range<usize>>,
}

/// Parses a brat `.ann` file into its attributions. Lines it does not understand are skipped.
pub fn parse_brat(ann: &str) -> Vec<GoldQuote> {
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(def)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let mut parts = def.splitn(2, ' ');
            let label = parts.next().unwrap_or("");
            let ranges = parts
                .next()
                .unwrap_or("")
                .split(';')
                .filter_map(|r| {
                    let mut it = r.split_whitespace();
                    let a = it.next()?.parse::<usize>().ok()?;
                    let b = it.next()?.parse::<usize>().ok()?;
                    (b > a).then_some(a..b)
                })
                .collect();
            spans.insert(id, (label, ranges));
        } else if id.starts_with('E') {
            events.push(def);
        }
    }
    let mut out = Vec::new();
    for def in events {
        let mut g = GoldQuote::default();
        for arg in def.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else {
                continue;
            };
            let Some((_, ranges)) = spans.get(tid) else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Content" => g.content.extend(ranges.iter().cloned()),
                "Source" => g.source.extend(ranges.iter().cloned()),
                "Cue" => g.cue.extend(ranges.iter().cloned()),
                _ => {}
            }
        }
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    out
}

/// Quote marks that open or close a direct quote.
const QUOTE_MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '‘', '’', '\''];

/// A predicted quote in characters of the original file.
#[derive(Debug, Clone)]
pub struct Predicted {
    /// Content span.
    pub content: Range<usize>,
    /// Speaker mention span, if any.
    pub speaker: Option<Range<usize>>,
    /// The cue words ("said", "according to"), empty for a quote without one.
    pub cue: String,
}

/// Runs the quote stage over `text` as it is and returns its quotes in characters of `text`.
pub fn predict(text: &str, lang: &'static Language) -> Vec<Predicted> {
    with_analysis(text, lang, |a, widen| {
        crate::quotes::find(a)
            .into_iter()
            .filter(|q| q.given_key_point.is_none())
            .map(|q| widen(&q))
            .collect()
    })
    .unwrap_or_default()
}

/// Every quote the rules find in `text` before the learned model decides (see
/// [`crate::quotes::candidates`]): the quote in characters of `text`, true when it is nested in
/// another quote's content, and its features. For `tools/quote_model`.
pub fn candidates(text: &str, lang: &'static Language) -> Vec<(Predicted, bool, Vec<String>)> {
    with_analysis(text, lang, |a, widen| {
        crate::quotes::candidates(a)
            .into_iter()
            .map(|c| (widen(&c.quote), c.nested, c.features))
            .collect()
    })
    .unwrap_or_default()
}

/// Analyses `text` as it is (every non-empty line a paragraph) and runs `f` on the analysis with
/// a function that turns a quote into a [`Predicted`] in characters of `text`.
fn with_analysis<R>(
    text: &str,
    lang: &'static Language,
    f: impl FnOnce(&Analysis, &dyn Fn(&crate::digest::Quote) -> Predicted) -> R,
) -> Option<R> {
    // Every non-empty line is a paragraph; remember where each starts in the file (chars).
    let mut parts = Parts::default();
    let mut orig_starts = Vec::new();
    let mut char_pos = 0usize;
    for line in text.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            parts.paragraphs.push(line.to_string());
            orig_starts.push(char_pos);
        }
        char_pos += n + 1;
    }
    if parts.paragraphs.is_empty() {
        return None;
    }
    let joined = crate::analysis::join_paragraphs(&parts);
    let a = Analysis::new(lang, &joined, &parts);
    // Joined-text char start of each paragraph.
    let mut joined_starts = Vec::new();
    let mut at = 0;
    for p in &parts.paragraphs {
        joined_starts.push(at);
        at += p.chars().count() + 2;
    }
    let map = |c: usize| -> usize {
        let i = joined_starts.partition_point(|&s| s <= c).saturating_sub(1);
        orig_starts[i] + (c - joined_starts[i])
    };
    // PolNeAR's content spans take in the quote marks around a direct quote; ours stop inside
    // them, so a span is widened over a mark right before and one right after it.
    let chars: Vec<char> = text.chars().collect();
    let is_mark = |c: Option<&char>| c.is_some_and(|c| QUOTE_MARKS.contains(c));
    let widen = |r: Range<usize>| -> Range<usize> {
        let before = r.start.checked_sub(1).filter(|&b| is_mark(chars.get(b)));
        match (before, is_mark(chars.get(r.end))) {
            (Some(b), true) => b..r.end + 1,
            _ => r,
        }
    };
    let convert = |q: &crate::digest::Quote| Predicted {
        content: widen(map(q.text.start)..map(q.text.end)),
        speaker: q.speaker.as_ref().map(|s| map(s.start)..map(s.end)),
        cue: q.cue.clone(),
    };
    Some(f(&a, &convert))
}

/// Counts of one or more documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Gold quotes.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Matched pairs whose gold quote names a source.
    pub with_source: usize,
    /// Of those, pairs whose predicted speaker overlaps the gold source.
    pub speaker_right: usize,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.with_source += o.with_source;
        self.speaker_right += o.speaker_right;
    }

    /// Precision of content spans.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Recall of content spans.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// F1 of content spans.
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }

    /// Speaker accuracy on matched quotes with a gold source.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.with_source)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores predictions against gold quotes of one document.
pub fn score(gold: &[GoldQuote], pred: &[Predicted]) -> Counts {
    score_detailed(gold, pred).0
}

/// Like [`score`], also telling which gold quotes and which predictions were matched.
/// The third item lists the matched (gold, prediction) index pairs.
#[allow(clippy::type_complexity)]
pub fn score_detailed(
    gold: &[GoldQuote],
    pred: &[Predicted],
) -> (Counts, Vec<bool>, Vec<(usize, usize)>) {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let glen: usize = g.content.iter().map(|r| r.len()).sum();
        for (pi, p) in pred.iter().enumerate() {
            let ov: usize = g.content.iter().map(|r| overlap(r, &p.content)).sum();
            if glen > 0 && ov * 2 >= glen {
                pairs.push((ov, gi, pi));
            }
        }
    }
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut gused = vec![false; gold.len()];
    let mut pused = vec![false; pred.len()];
    let mut c = Counts {
        gold: gold.len(),
        predicted: pred.len(),
        ..Counts::default()
    };
    let mut matched = Vec::new();
    for (_, gi, pi) in pairs {
        if gused[gi] || pused[pi] {
            continue;
        }
        gused[gi] = true;
        pused[pi] = true;
        matched.push((gi, pi));
        c.matched += 1;
        let g = &gold[gi];
        if !g.source.is_empty() {
            c.with_source += 1;
            if let Some(s) = &pred[pi].speaker {
                if g.source.iter().any(|r| overlap(r, s) > 0) {
                    c.speaker_right += 1;
                }
            }
        }
    }
    (c, gused, matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_scores_a_small_document() {
        let text = "Clinton beats Trump by 4 points, according to the poll.";
        let ann = "T1\tContent 0 31\tClinton beats Trump by 4 points\n\
                   T2\tCue 33 45\taccording to\nT3\tSource 46 54\tthe poll\n\
                   T4\tAttribution 33 45\taccording to\n\
                   E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n";
        let gold = parse_brat(ann);
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].source, vec![46..54]);
        let pred = predict(text, crate::lang::get("en").unwrap());
        let c = score(&gold, &pred);
        assert_eq!((c.matched, c.speaker_right), (1, 1), "{pred:?}");
    }
}
