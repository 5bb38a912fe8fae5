//! Key phrases, YAKE-style (Campos et al., "YAKE! Keyword extraction from single documents using
//! multiple local features", Information Sciences 2020), implemented from the paper's features.
//!
//! Each content word (not a stopword, not an abbreviation, two letters or more, not a number)
//! gets five statistics from this article alone: casing (how often it is capitalized inside a
//! sentence or written as an acronym), position (median index of the sentences holding it),
//! frequency (normalized by mean and deviation of all words' counts), relatedness to context
//! (how many different words stand around it: a word that goes with anything is stopword-like)
//! and spread (share of sentences holding it). They combine into
//! `S(w) = rel·pos / (case + freq/rel + sent/rel)`, lower is better.
//! Candidate phrases are 1 to 3 words inside a sentence, not crossing punctuation, neither
//! starting nor ending with a stopword; a phrase scores `Π S(w) / (tf · (1 + Σ S(w)))`.
//! Near duplicates (one phrase's content words inside a better one's) are dropped.
//!
//! The output score is `1 / (1 + S)`, so that higher is better as the digest promises.
use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::digest::Keyword;
use crate::text::tokens::words;

/// How many key phrases to return.
pub const MAX_KEYWORDS: usize = 10;
const MAX_NGRAM: usize = 3;

#[derive(Default, Clone)]
struct Stats {
    tf: f64,
    upper: f64,
    acronym: f64,
    sentences: Vec<usize>,
    left: HashMap<u32, u32>,
    right: HashMap<u32, u32>,
}

/// Extracts key phrases of the analysed article.
pub fn extract(a: &Analysis) -> Vec<Keyword> {
    let lang = a.lang;
    // Word ids by lower-cased form; `None` marks stopwords and other non-content tokens.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut stats: Vec<Stats> = Vec::new();
    let mut is_content: Vec<bool> = Vec::new();
    // Per sentence: chunks of consecutive words (split at punctuation), as (id, byte range).
    let mut chunks: Vec<Vec<(u32, usize, usize)>> = Vec::new();
    for (si, r) in a.sentences.iter().enumerate() {
        let s = &a.text[r.clone()];
        let mut chunk: Vec<(u32, usize, usize)> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for (wi, w) in words(s).enumerate() {
            if let Some(pe) = prev_end {
                let gap = &s[pe..w.start];
                let breaks = gap
                    .chars()
                    .any(|c| !c.is_whitespace() && c != '-' && c != '’' && c != '\'');
                if breaks && !chunk.is_empty() {
                    chunks.push(std::mem::take(&mut chunk));
                }
            }
            prev_end = Some(w.end);
            let lower = w.text.to_lowercase();
            let next = ids.len() as u32;
            let id = *ids.entry(lower).or_insert(next);
            if id as usize == stats.len() {
                let l = w.text.to_lowercase();
                let content = l.chars().count() >= 2
                    && !l.chars().all(|c| c.is_numeric())
                    && !lang.is_stopword(&l)
                    && !lang.is_abbreviation(&l);
                stats.push(Stats::default());
                is_content.push(content);
            }
            let st = &mut stats[id as usize];
            st.tf += 1.0;
            if w.text.chars().count() >= 2 && w.text.chars().all(|c| c.is_uppercase()) {
                st.acronym += 1.0;
            } else if wi > 0 && w.text.chars().next().is_some_and(char::is_uppercase) {
                st.upper += 1.0;
            }
            if st.sentences.last() != Some(&si) {
                st.sentences.push(si);
            }
            chunk.push((id, r.start + w.start, r.start + w.end));
        }
        if !chunk.is_empty() {
            chunks.push(chunk);
        }
    }
    // Co-occurrence with the neighbouring content words (window 1 each side) inside a chunk.
    for ch in &chunks {
        for i in 0..ch.len() {
            let id = ch[i].0;
            if !is_content[id as usize] {
                continue;
            }
            if i > 0 {
                *stats[id as usize].left.entry(ch[i - 1].0).or_default() += 1;
            }
            if i + 1 < ch.len() {
                *stats[id as usize].right.entry(ch[i + 1].0).or_default() += 1;
            }
        }
    }
    let content_tfs: Vec<f64> = stats
        .iter()
        .zip(&is_content)
        .filter(|(_, c)| **c)
        .map(|(s, _)| s.tf)
        .collect();
    if content_tfs.is_empty() {
        return Vec::new();
    }
    let n = content_tfs.len() as f64;
    let mean = content_tfs.iter().sum::<f64>() / n;
    let std = (content_tfs.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    let max_tf = content_tfs.iter().cloned().fold(0.0, f64::max);
    let nsent = a.sentences.len().max(1) as f64;
    let score: Vec<f64> = stats
        .iter()
        .map(|s| {
            let case = s.upper.max(s.acronym) / (1.0 + s.tf.ln());
            let median = s.sentences.get(s.sentences.len() / 2).copied().unwrap_or(0) as f64;
            let pos = (3.0 + median).ln().ln();
            let freq = s.tf / (mean + std);
            let spread = |m: &HashMap<u32, u32>| {
                let total: u32 = m.values().sum();
                if total == 0 {
                    0.0
                } else {
                    m.len() as f64 / total as f64
                }
            };
            let rel = 1.0 + (spread(&s.left) + spread(&s.right)) * s.tf / max_tf;
            let sent = s.sentences.len() as f64 / nsent;
            rel * pos / (case + freq / rel + sent / rel)
        })
        .collect();
    // Candidate phrases.
    struct Cand {
        score_sum: f64,
        score_prod: f64,
        tf: f64,
        text: (usize, usize),
        content: Vec<u32>,
    }
    let mut cands: HashMap<Vec<u32>, Cand> = HashMap::new();
    for ch in &chunks {
        for i in 0..ch.len() {
            if !is_content[ch[i].0 as usize] {
                continue;
            }
            for len in 1..=MAX_NGRAM {
                let j = i + len;
                if j > ch.len() {
                    break;
                }
                if !is_content[ch[j - 1].0 as usize] {
                    continue;
                }
                // A phrase neither cuts a name nor mixes a name with common words
                // ("russo Vladimir Putin"): capitalized content words are all or none.
                let cap = |k: usize| {
                    a.text[ch[k].1..ch[k].2]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                };
                if (i > 0 && cap(i) && cap(i - 1)) || (j < ch.len() && cap(j - 1) && cap(j)) {
                    continue;
                }
                let caps = (i..j)
                    .filter(|&k| is_content[ch[k].0 as usize] && cap(k))
                    .count();
                let contents = (i..j).filter(|&k| is_content[ch[k].0 as usize]).count();
                if caps != 0 && caps != contents {
                    continue;
                }
                let key: Vec<u32> = ch[i..j].iter().map(|t| t.0).collect();
                let e = cands.entry(key).or_insert_with(|| {
                    let content: Vec<u32> = ch[i..j]
                        .iter()
                        .map(|t| t.0)
                        .filter(|&id| is_content[id as usize])
                        .collect();
                    let (mut sum, mut prod) = (0.0, 1.0);
                    for &id in &content {
                        sum += score[id as usize];
                        prod *= score[id as usize];
                    }
                    Cand {
                        score_sum: sum,
                        score_prod: prod,
                        tf: 0.0,
                        text: (ch[i].1, ch[j - 1].2),
                        content,
                    }
                });
                e.tf += 1.0;
            }
        }
    }
    let mut ranked: Vec<(f64, Cand)> = cands
        .into_values()
        .map(|c| (c.score_prod / (c.tf * (1.0 + c.score_sum)), c))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.text.0.cmp(&b.1.text.0)));
    let mut out: Vec<Keyword> = Vec::new();
    let mut chosen: Vec<Vec<u32>> = Vec::new();
    for (s, c) in ranked {
        if out.len() >= MAX_KEYWORDS {
            break;
        }
        let dup = chosen.iter().any(|k| {
            c.content.iter().all(|w| k.contains(w)) || k.iter().all(|w| c.content.contains(w))
        });
        if dup {
            continue;
        }
        chosen.push(c.content.clone());
        out.push(Keyword {
            text: a.text[c.text.0..c.text.1].to_string(),
            score: (1.0 / (1.0 + s) * 10000.0).round() / 10000.0,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn keywords_are_content_phrases_in_the_text() {
        let text = "Il governo italiano ha approvato la riforma delle pensioni. La riforma delle \
                    pensioni entra in vigore a gennaio. I sindacati contestano la riforma delle \
                    pensioni e chiedono un incontro con il governo.";
        let d = analyze(text, &Options::default()).unwrap();
        assert!(!d.keywords.is_empty());
        assert!(
            d.keywords.iter().any(|k| k.text.contains("riforma")),
            "{:?}",
            d.keywords
        );
        for k in &d.keywords {
            assert!(d.text.contains(&k.text));
            let first = k.text.split_whitespace().next().unwrap().to_lowercase();
            assert!(
                !crate::lang::get("it").unwrap().is_stopword(&first),
                "{k:?}"
            );
        }
    }
}
