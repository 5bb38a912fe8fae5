//! ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum F1, computed as Google's rouge-score package computes
//! them, with the choices of the project's reference script (`shared/tools/rouge_reference.py`).
//!
//! - English uses rouge-score's default tokenizer: lower case, every run of characters outside
//!   `[a-z0-9]` becomes a space, and tokens longer than three characters are stemmed with NLTK's
//!   Porter stemmer ([`super::porter`]). Other languages use Unicode word tokens (`\w+` of the
//!   lower-cased text) without stemming, so "già" stays "già".
//! - ROUGE-N counts clipped n-gram matches; ROUGE-L is the longest common subsequence of the two
//!   token sequences; ROUGE-Lsum is the summary-level LCS over sentences (one a line), the union of
//!   each reference sentence's LCS with every candidate sentence, where a token is counted at most
//!   as many times as it occurs on either side (ROUGE 1.5.5's rule, as rouge-score does it).
//! - For Lsum, a summary given as a list (key points, Lead-3) has one sentence an item; a summary
//!   given as one string is split with the reference script's sentence rule ([`sentences`]).
//! - A document with several references takes the one with the best ROUGE-1 + ROUGE-2.
use std::collections::HashMap;

use super::porter;

/// How text becomes ROUGE tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokenizer {
    /// rouge-score's default tokenizer with Porter stemming (`use_stemmer=True`): English.
    Stemmed,
    /// Unicode `\w+` words, lower-cased, no stemming: every other language.
    Unicode,
}

impl Tokenizer {
    /// The tokenizer the reference script uses for a language code.
    pub fn for_lang(lang: &str) -> Self {
        if lang == "en" {
            Tokenizer::Stemmed
        } else {
            Tokenizer::Unicode
        }
    }

    /// The tokens of `text`.
    pub fn tokenize(self, text: &str) -> Vec<String> {
        let lower = text.to_lowercase();
        match self {
            Tokenizer::Stemmed => lower
                .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
                .filter(|t| !t.is_empty())
                .map(|t| {
                    if t.len() > 3 {
                        porter::stem(t)
                    } else {
                        t.to_string()
                    }
                })
                .collect(),
            Tokenizer::Unicode => lower
                .split(|c: char| !is_word_char(c))
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

/// Python's `\w` on text: letters, digits and the underscore.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Precision, recall and F1 of one ROUGE variant.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Matched units over the candidate's units.
    pub precision: f64,
    /// Matched units over the reference's units.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// The four ROUGE scores of one candidate against one reference.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Longest common subsequence over the whole text.
    pub rouge_l: Prf,
    /// Summary-level longest common subsequence over sentences (one a line).
    pub rouge_lsum: Prf,
}

impl Scores {
    /// The four F1 values: R1, R2, RL, RLsum.
    pub fn f1(&self) -> [f64; 4] {
        [
            self.rouge1.f1,
            self.rouge2.f1,
            self.rouge_l.f1,
            self.rouge_lsum.f1,
        ]
    }
}

/// A summary as the reference script receives it.
#[derive(Debug, Clone, Copy)]
pub enum Summary<'a> {
    /// One string, split into sentences with [`sentences`] for ROUGE-Lsum.
    Text(&'a str),
    /// A list of sentences or points, one a line for ROUGE-Lsum.
    Points(&'a [String]),
}

impl Summary<'_> {
    /// The summary as one string with one sentence a line.
    pub fn lines(&self) -> String {
        match self {
            Summary::Text(t) => sentences(t).join("\n"),
            Summary::Points(p) => p.join("\n"),
        }
    }
}

/// Scores `candidate` against `reference`; both hold one sentence a line (for ROUGE-Lsum).
pub fn score(reference: &str, candidate: &str, tok: Tokenizer) -> Scores {
    let r = tok.tokenize(reference);
    let c = tok.tokenize(candidate);
    let rs: Vec<Vec<String>> = reference
        .split('\n')
        .filter(|s| !s.is_empty())
        .map(|s| tok.tokenize(s))
        .collect();
    let cs: Vec<Vec<String>> = candidate
        .split('\n')
        .filter(|s| !s.is_empty())
        .map(|s| tok.tokenize(s))
        .collect();
    Scores {
        rouge1: rouge_n(&r, &c, 1),
        rouge2: rouge_n(&r, &c, 2),
        rouge_l: rouge_l(&r, &c),
        rouge_lsum: rouge_lsum(&rs, &cs),
    }
}

/// Scores `summary` against each reference and keeps the one with the best ROUGE-1 + ROUGE-2 F1
/// (the first on ties); no references gives zeros.
pub fn score_best(references: &[String], summary: Summary<'_>, tok: Tokenizer) -> Scores {
    let cand = summary.lines();
    let mut best: Option<Scores> = None;
    for r in references {
        let s = score(&Summary::Text(r).lines(), &cand, tok);
        let better = best.is_none_or(|b| s.rouge1.f1 + s.rouge2.f1 > b.rouge1.f1 + b.rouge2.f1);
        if better {
            best = Some(s);
        }
    }
    best.unwrap_or_default()
}

/// ROUGE-N from clipped n-gram counts.
pub fn rouge_n<T: AsRef<str>>(reference: &[T], candidate: &[T], n: usize) -> Prf {
    fn grams<T: AsRef<str>>(t: &[T], n: usize) -> HashMap<Vec<&str>, usize> {
        let mut m = HashMap::new();
        if n > 0 && t.len() >= n {
            for w in t.windows(n) {
                *m.entry(w.iter().map(AsRef::as_ref).collect()).or_insert(0) += 1;
            }
        }
        m
    }
    let rg = grams(reference, n);
    let cg = grams(candidate, n);
    let hits: usize = rg
        .iter()
        .map(|(g, &k)| k.min(cg.get(g).copied().unwrap_or(0)))
        .sum();
    let rn: usize = rg.values().sum();
    let cn: usize = cg.values().sum();
    Prf::new(
        hits as f64 / cn.max(1) as f64,
        hits as f64 / rn.max(1) as f64,
    )
}

/// The LCS dynamic-programming table, `(a.len()+1) x (b.len()+1)`, row-major.
fn lcs_table<T: PartialEq>(a: &[T], b: &[T]) -> Vec<u32> {
    let w = b.len() + 1;
    let mut t = vec![0u32; (a.len() + 1) * w];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            t[i * w + j] = if a[i - 1] == b[j - 1] {
                t[(i - 1) * w + j - 1] + 1
            } else {
                t[(i - 1) * w + j].max(t[i * w + j - 1])
            };
        }
    }
    t
}

/// ROUGE-L over whole token sequences.
pub fn rouge_l<T: PartialEq>(reference: &[T], candidate: &[T]) -> Prf {
    if reference.is_empty() || candidate.is_empty() {
        return Prf::default();
    }
    let t = lcs_table(reference, candidate);
    let lcs = t[t.len() - 1] as f64;
    Prf::new(lcs / candidate.len() as f64, lcs / reference.len() as f64)
}

/// Indices into `a` of one longest common subsequence with `b`, chosen by the same backtracking
/// as rouge-score (ties move left in `b` only when that keeps a strictly longer prefix).
fn lcs_indices<T: PartialEq>(a: &[T], b: &[T]) -> Vec<usize> {
    let t = lcs_table(a, b);
    let w = b.len() + 1;
    let (mut i, mut j) = (a.len(), b.len());
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            out.push(i - 1);
            i -= 1;
            j -= 1;
        } else if t[i * w + j - 1] > t[(i - 1) * w + j] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out.reverse();
    out
}

/// Summary-level ROUGE-L (ROUGE-Lsum) over sentences of tokens.
pub fn rouge_lsum<T: AsRef<str>>(reference: &[Vec<T>], candidate: &[Vec<T>]) -> Prf {
    let m: usize = reference.iter().map(Vec::len).sum();
    let n: usize = candidate.iter().map(Vec::len).sum();
    if reference.is_empty() || candidate.is_empty() || m == 0 || n == 0 {
        return Prf::default();
    }
    let mut count_r: HashMap<&str, usize> = HashMap::new();
    let mut count_c: HashMap<&str, usize> = HashMap::new();
    for s in reference {
        for t in s {
            *count_r.entry(t.as_ref()).or_insert(0) += 1;
        }
    }
    for s in candidate {
        for t in s {
            *count_c.entry(t.as_ref()).or_insert(0) += 1;
        }
    }
    let mut hits = 0usize;
    for r in reference {
        let rr: Vec<&str> = r.iter().map(AsRef::as_ref).collect();
        let mut union: Vec<usize> = Vec::new();
        for c in candidate {
            let cc: Vec<&str> = c.iter().map(AsRef::as_ref).collect();
            union.extend(lcs_indices(&rr, &cc));
        }
        union.sort_unstable();
        union.dedup();
        for i in union {
            let t = rr[i];
            let (Some(kc), Some(kr)) = (count_c.get_mut(t), count_r.get_mut(t)) else {
                continue;
            };
            if *kc > 0 && *kr > 0 {
                hits += 1;
                *kc -= 1;
                *kr -= 1;
            }
        }
    }
    Prf::new(hits as f64 / n as f64, hits as f64 / m as f64)
}

/// Splits a summary or article into sentences exactly as the reference script does: after `.`, `!`
/// or `?`, optional closing quotes or brackets and white space, when the next word (after optional
/// opening quotes) starts with a capital letter (A-Z, À-Ö, Ø-Þ) or a digit. Text that is already
/// tokenized (at least two " . ") is split after each " ." / " !" / " ?" followed by a space.
pub fn sentences(text: &str) -> Vec<String> {
    let text = text.trim();
    let parts: Vec<&str> = if text.matches(" . ").count() >= 2 {
        split_tokenized(text)
    } else {
        split_plain(text)
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn split_tokenized(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 2..b.len() {
        if b[i] == b' ' && matches!(b[i - 1], b'.' | b'!' | b'?') && b[i - 2] == b' ' {
            out.push(&text[start..i]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out
}

fn split_plain(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let closer = |c: char| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')');
    let opener = |c: char| matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(');
    let capital = |c: char| {
        c.is_ascii_uppercase()
            || c.is_ascii_digit()
            || ('À'..='Ö').contains(&c)
            || ('Ø'..='Þ').contains(&c)
    };
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut k = 1usize;
    while k < chars.len() {
        if !matches!(chars[k - 1].1, '.' | '!' | '?') {
            k += 1;
            continue;
        }
        // The separator: closers, then at least one white-space character.
        let mut j = k;
        while j < chars.len() && closer(chars[j].1) {
            j += 1;
        }
        let ws = j;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == ws {
            k += 1;
            continue;
        }
        let mut q = j;
        while q < chars.len() && opener(chars[q].1) {
            q += 1;
        }
        if q < chars.len() && capital(chars[q].1) {
            out.push(&text[start..byte(k)]);
            start = byte(j);
            k = j + 1;
        } else {
            k += 1;
        }
    }
    out.push(&text[start..]);
    out
}

/// The reference script's Lead-3: the first three sentences of the text by [`sentences`].
pub fn lead3(text: &str) -> Vec<String> {
    let mut s = sentences(text);
    s.truncate(3);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f1(reference: &str, candidate: &str) -> [f64; 4] {
        score(reference, candidate, Tokenizer::Stemmed).f1()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokenizer_matches_rouge_score() {
        let t = Tokenizer::Stemmed
            .tokenize("The U.S. president's dogs were RUNNING, fast-ish; già 2019!");
        assert_eq!(
            t,
            ["the", "u", "s", "presid", "s", "dog", "were", "run", "fast", "ish", "gi", "2019"]
        );
        let u = Tokenizer::Unicode.tokenize("L'Italia già — Über_alles 3,5");
        assert_eq!(u, ["l", "italia", "già", "über_alles", "3", "5"]);
    }

    #[test]
    fn known_values() {
        // rouge-score's own example: 'The quick brown fox jumps over the lazy dog' against
        // 'The quick brown dog jumps on the log.' (target first).
        let s = f1(
            "The quick brown fox jumps over the lazy dog",
            "The quick brown dog jumps on the log.",
        );
        // Values printed by rouge-score 0.1.2 (RougeScorer(..., use_stemmer=True)).
        assert!(close(s[0], 0.7058823529411765));
        assert!(close(s[1], 0.26666666666666666));
        assert!(close(s[2], 0.5882352941176471));
        assert!(close(s[3], s[2]));
        assert_eq!(f1("a b c", ""), [0.0; 4]);
        assert_eq!(f1("", "a b c"), [0.0; 4]);
        let same = f1(
            "police arrested two men.\nThey were charged.",
            "police arrested two men.\nThey were charged.",
        );
        assert!(same.iter().all(|&x| close(x, 1.0)));
    }

    #[test]
    fn lsum_counts_union_once() {
        // ROUGE 1.5.5's example: reference sentence w1..w5, candidates "w1 w2 w6 w7 w8" and
        // "w1 w3 w8 w9 w5": union LCS is w1 w2 w3 w5, 4 hits over 5 reference tokens.
        let r = vec![vec!["w1", "w2", "w3", "w4", "w5"]];
        let c = vec![
            vec!["w1", "w2", "w6", "w7", "w8"],
            vec!["w1", "w3", "w8", "w9", "w5"],
        ];
        let p = rouge_lsum(&r, &c);
        assert!(close(p.recall, 4.0 / 5.0));
        assert!(close(p.precision, 4.0 / 10.0));
    }

    #[test]
    fn sentences_like_the_reference_script() {
        assert_eq!(
            sentences("He left.  \"She stayed.\" (Then) 3 more. lower case. Über alles! Done"),
            [
                "He left.",
                "\"She stayed.",
                "(Then) 3 more. lower case.",
                "Über alles!",
                "Done"
            ]
        );
        assert_eq!(
            sentences("a b . c d . e f ! g"),
            ["a b .", "c d .", "e f !", "g"]
        );
        assert_eq!(lead3("A. B. C. D."), ["A.", "B.", "C."]);
    }

    #[test]
    fn best_reference_by_r1_plus_r2() {
        let refs = vec![
            "cats sit on mats".to_string(),
            "dogs run in parks".to_string(),
        ];
        let pts = vec!["dogs run in the park".to_string()];
        let s = score_best(&refs, Summary::Points(&pts), Tokenizer::Stemmed);
        assert!(s.rouge1.f1 > 0.5);
    }
}
