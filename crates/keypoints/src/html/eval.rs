//! The article-body metric of the Scrapinghub article-extraction benchmark, so that figures are
//! comparable with the published ones.
//!
//! As in that benchmark's `evaluate.py`: the text is split into word tokens (Python's `\w+`: runs
//! of letters, digits and `_`), consecutive 4-token shingles are counted (a text of fewer than 4
//! tokens is one shorter shingle), and true positives, false positives and false negatives are the
//! overlaps and differences of the two multisets, normalised by their sum so that every page
//! weighs the same. Precision is the mean over pages with `tp + fp > 0`, recall the mean over
//! pages with `tp + fn > 0`, and F1 the harmonic mean of those two means.
//!
//! One approximation: Rust's `char::is_alphanumeric` also counts the few combining marks with the
//! Unicode `Other_Alphabetic` property (vowel signs of Indic scripts), which Python's `\w` leaves
//! out; on Latin-script text the two agree.
use std::collections::HashMap;

/// Normalised true positives, false positives and false negatives of one page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Counts {
    /// Shingles found in both.
    pub tp: f64,
    /// Shingles predicted but not in the truth.
    pub fp: f64,
    /// Shingles of the truth that were missed.
    pub fn_: f64,
}

impl Counts {
    /// Precision of this page: 1 when both texts are empty.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall of this page: 1 when both texts are empty.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// F1 of this page alone.
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }
}

/// Word tokens as the benchmark sees them: maximal runs of letters, digits and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &[&'a str], n: usize) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(n) + 1;
    for i in 0..windows.max(1) {
        let end = (i + n).min(tokens.len());
        *counts.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Compares a predicted article body with the true one.
pub fn compare(truth: &str, predicted: &str) -> Counts {
    let (t, p) = (tokens(truth), tokens(predicted));
    let (ts, ps) = (shingles(&t, 4), shingles(&p, 4));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &tc) in &ts {
        let pc = ps.get(k).copied().unwrap_or(0);
        tp += tc.min(pc);
        fn_ += tc.saturating_sub(pc);
    }
    for (k, &pc) in &ps {
        let tc = ts.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Counts::default();
    }
    Counts {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Precision, recall and F1 over many pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Mean precision over pages with a prediction or a match.
    pub precision: f64,
    /// Mean recall over pages with a truth.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
}

/// Averages per-page counts the way the benchmark does.
pub fn aggregate(pages: &[Counts]) -> Scores {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0.0)
            .map(Counts::precision)
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0.0)
            .map(Counts::recall)
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("Perché l'Italia, 2024_bis: città!"),
            ["Perché", "l", "Italia", "2024_bis", "città"]
        );
    }

    #[test]
    fn identical_texts_score_one() {
        let c = compare("one two three four five", "one two three four five");
        assert_eq!(c.precision(), 1.0);
        assert_eq!(c.recall(), 1.0);
    }

    #[test]
    fn extra_text_lowers_precision_only() {
        // truth: 2 shingles; prediction: those 2 plus 2 more.
        let c = compare("a b c d e", "a b c d e f g");
        assert!((c.tp - 0.5).abs() < 1e-9 && (c.fp - 0.5).abs() < 1e-9 && c.fn_ == 0.0);
        assert_eq!(c.recall(), 1.0);
        assert!((c.precision() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(compare("a b", "a b").tp, 1.0);
        assert_eq!(compare("a b", "a c").tp, 0.0);
    }

    #[test]
    fn averaging_skips_empty_sides() {
        let pages = [compare("a b c d", "a b c d"), compare("a b c d", "")];
        let s = aggregate(&pages);
        // The empty prediction counts for recall (0) but not for precision.
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
    }
}
