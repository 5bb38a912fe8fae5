//! Key points: sentence features, a centrality graph and redundancy-aware selection.
//!
//! Each body sentence becomes a TF-IDF vector over stemmed, stopword-free terms. Centrality is
//! LexRank's: PageRank over the cosine-similarity graph when the article has at most
//! [`GRAPH_LIMIT`] sentences, and the similarity to the document centroid (the graph's weighted
//! degree, computed in linear time) beyond that, so a 1 MB input costs linear time. The score
//! combines centrality, position, overlap with the title and lead, and length; selection is
//! maximal marginal relevance (MMR), which skips sentences too similar to those already chosen.
use std::collections::HashMap;

/// Largest number of sentences for which the full similarity graph is built.
pub const GRAPH_LIMIT: usize = 300;

/// A sentence offered to the ranker.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Term ids of the sentence's content words.
    pub terms: Vec<u32>,
    /// Number of words (all words, stopwords included).
    pub words: usize,
    /// Whether the sentence may be chosen at all (false for captions, bylines, fragments).
    pub eligible: bool,
}

/// Weights of the score; see [`Weights::default`] for how they were chosen.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Weight of LexRank centrality (normalized to 0..1).
    pub centrality: f64,
    /// Weight of the position prior.
    pub position: f64,
    /// Weight of overlap with the title and lead.
    pub title: f64,
    /// Weight of the length prior.
    pub length: f64,
    /// MMR trade-off: how much similarity to chosen sentences is subtracted.
    pub redundancy: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            centrality: 0.35,
            position: 0.45,
            title: 0.15,
            length: 0.05,
            redundancy: 0.5,
        }
    }
}

/// A chosen sentence with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// Index of the candidate.
    pub index: usize,
    /// Its score (before redundancy control).
    pub score: f64,
}

type Vector = Vec<(u32, f64)>;

fn tfidf(cands: &[Candidate]) -> Vec<Vector> {
    let n = cands.len() as f64;
    let mut df: HashMap<u32, u32> = HashMap::new();
    for c in cands {
        let mut seen: Vec<u32> = c.terms.clone();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    cands
        .iter()
        .map(|c| {
            let mut tf: HashMap<u32, f64> = HashMap::new();
            for &t in &c.terms {
                *tf.entry(t).or_default() += 1.0;
            }
            let mut v: Vector = tf
                .into_iter()
                .map(|(t, f)| {
                    (
                        t,
                        f * ((1.0 + n) / (1.0 + df[&t] as f64)).ln().max(0.0) + f * 1e-3,
                    )
                })
                .collect();
            v.sort_unstable_by_key(|&(t, _)| t);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            v
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn centrality(vecs: &[Vector]) -> Vec<f64> {
    let n = vecs.len();
    if n == 0 {
        return Vec::new();
    }
    let scores = if n <= GRAPH_LIMIT {
        // Continuous LexRank: PageRank over the cosine graph.
        let mut sim = vec![0.0f64; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                let s = cosine(&vecs[i], &vecs[j]);
                sim[i * n + j] = s;
                sim[j * n + i] = s;
            }
        }
        let out: Vec<f64> = (0..n)
            .map(|i| sim[i * n..(i + 1) * n].iter().sum())
            .collect();
        let d = 0.85;
        let mut r = vec![1.0 / n as f64; n];
        for _ in 0..30 {
            let mut next = vec![(1.0 - d) / n as f64; n];
            for j in 0..n {
                if out[j] <= 0.0 {
                    let share = d * r[j] / n as f64;
                    next.iter_mut().for_each(|x| *x += share);
                    continue;
                }
                let rj = d * r[j] / out[j];
                for i in 0..n {
                    next[i] += sim[j * n + i] * rj;
                }
            }
            let delta: f64 = next.iter().zip(&r).map(|(a, b)| (a - b).abs()).sum();
            r = next;
            if delta < 1e-6 {
                break;
            }
        }
        r
    } else {
        // Weighted degree in linear time: sum of cosines = v_i . (sum of all v) - v_i . v_i.
        let mut centroid: HashMap<u32, f64> = HashMap::new();
        for v in vecs {
            for &(t, w) in v {
                *centroid.entry(t).or_default() += w;
            }
        }
        vecs.iter()
            .map(|v| v.iter().map(|&(t, w)| w * centroid[&t] - w * w).sum())
            .collect()
    };
    let max = scores.iter().cloned().fold(0.0f64, f64::max);
    if max > 0.0 {
        scores.iter().map(|s| s / max).collect()
    } else {
        scores
    }
}

/// Ranks `cands` and chooses `k` of them with MMR. `reference` holds the term ids of the title and
/// lead. Returns the choices in article order.
pub fn choose(cands: &[Candidate], reference: &[u32], k: usize, w: &Weights) -> Vec<Choice> {
    let n = cands.len();
    if n == 0 || k == 0 {
        return Vec::new();
    }
    let vecs = tfidf(cands);
    let cent = centrality(&vecs);
    let mut ref_terms: Vec<u32> = reference.to_vec();
    ref_terms.sort_unstable();
    ref_terms.dedup();
    let scores: Vec<f64> = (0..n)
        .map(|i| {
            let c = &cands[i];
            let position = 1.0 / (1.0 + i as f64).sqrt();
            let overlap = if c.terms.is_empty() || ref_terms.is_empty() {
                0.0
            } else {
                let hits = c
                    .terms
                    .iter()
                    .filter(|t| ref_terms.binary_search(t).is_ok())
                    .count();
                hits as f64 / c.terms.len() as f64
            };
            // Sentences of 15 to 35 words carry the most news; shorter and longer ones less.
            let length = match c.words {
                0..=5 => 0.0,
                6..=14 => c.words as f64 / 15.0,
                15..=35 => 1.0,
                _ => (35.0 / c.words as f64).max(0.2),
            };
            w.centrality * cent[i] + w.position * position + w.title * overlap + w.length * length
        })
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    let mut open: Vec<usize> = (0..n).filter(|&i| cands[i].eligible).collect();
    if open.is_empty() {
        open = (0..n).collect();
    }
    while chosen.len() < k && !open.is_empty() {
        let (pos, _) = open
            .iter()
            .enumerate()
            .map(|(p, &i)| {
                let red = chosen
                    .iter()
                    .map(|&j| cosine(&vecs[i], &vecs[j]))
                    .fold(0.0, f64::max);
                (p, scores[i] - w.redundancy * red)
            })
            .fold(
                (0, f64::NEG_INFINITY),
                |best, x| if x.1 > best.1 { x } else { best },
            );
        chosen.push(open.remove(pos));
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|index| Choice {
            index,
            score: scores[index],
        })
        .collect()
}

/// The default number of key points for an article of `sentences` body sentences: 3 to 5.
pub fn default_count(sentences: usize) -> usize {
    match sentences {
        0..=12 => 3,
        13..=30 => 4,
        _ => 5,
    }
}
