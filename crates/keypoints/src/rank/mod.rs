//! Key points: sentence features, a centrality graph and redundancy-aware selection.
//!
//! Each sentence becomes a TF-IDF vector over stemmed, stopword-free terms
//! ([`crate::text::tokens::Form::term`]).
//! Centrality is LexRank's: PageRank over the cosine-similarity graph when the article has at most
//! [`GRAPH_LIMIT`] sentences, and beyond that the similarity to the document centroid (the graph's
//! weighted degree, computed in linear time), so a 1 MB input costs linear time.
//!
//! A sentence's score is a weighted sum of [`NF`] features ([`Feature`]): centrality, position,
//! overlap with the title, density of the article's most frequent terms, a length prior, and the
//! surface signs of [`features::Shape`] (captions, fragments, labels, pronoun openings, quotes).
//! Selection is maximal marginal relevance (MMR): the next point is the best score minus the
//! similarity to the points already chosen. The number of points adapts to the article (3 to 5):
//! points are added until they hold about [`Weights::budget`] words, the length of a typical
//! human summary. The weights in [`Weights::default`] were fitted on the development sets; see
//! there and `docs/evaluation.md`.
use crate::analysis::Analysis;
use crate::KeyPoint;

pub mod features;

pub use features::Shape;

/// Largest number of sentences for which the full similarity graph is built.
pub const GRAPH_LIMIT: usize = 300;

/// Number of features of a sentence.
pub const NF: usize = 18;

/// The features, in the order of [`Weights::features`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// LexRank centrality, scaled so the most central sentence has 1.
    Centrality = 0,
    /// 1 / (1 + i) for the i-th sentence.
    PositionInverse,
    /// max(0, 1 - i / 20): a slower, linear decay.
    PositionLinear,
    /// Share of the sentence's terms that occur in the title.
    Title,
    /// Share of the sentence's terms among the article's ten most frequent terms.
    Keywords,
    /// 1 for 12 to 35 words, less for shorter and longer sentences.
    Length,
    /// [`Shape::caption`].
    Caption,
    /// [`Shape::fragment`].
    Fragment,
    /// [`Shape::label`].
    Label,
    /// [`Shape::dependent`].
    Dependent,
    /// [`Shape::quote`].
    Quote,
    /// Words / 25: lets the score trade content for brevity.
    Words,
    /// 1 for sentences of more than 40 words.
    Long,
    /// 1 for the first sentence.
    First,
    /// 1 / sqrt(1 + i): a middle course between the two other position priors.
    PositionSqrt,
    /// [`Shape::capitals`]: share of capitalized words after the first (names).
    Capitals,
    /// 1 when the sentence holds a number.
    Numbers,
    /// Share of the sentence's terms that occur in the lead (the first sentence); 0 for the lead.
    Lead,
}

/// A sentence offered to the ranker.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Term ids of the sentence's content words.
    pub terms: Vec<u32>,
    /// Surface features.
    pub shape: Shape,
}

impl Candidate {
    /// Whether the sentence may be chosen at all: at least five words and not over 120 (a run-on
    /// of captions and text, or an unsplit block).
    pub fn eligible(&self) -> bool {
        (5..=120).contains(&self.shape.words)
    }
}

/// Weights of the score and the selection; see [`Weights::default`] for how they were chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// One weight a [`Feature`].
    pub features: [f64; NF],
    /// MMR trade-off: how much of the greatest cosine similarity to a chosen point is subtracted.
    pub redundancy: f64,
    /// With an adaptive count, points are added (3 to 5) until they hold this many words.
    pub budget: usize,
}

impl Default for Weights {
    /// Fitted on the development sets only (cnndm-dev, mlsum-{de,es,fr}-dev) by coordinate ascent
    /// (`cargo run --release -p keypoints --example tune_rank`): each weight in turn over a grid of
    /// 30 values from -2 to 3, then the MMR weight and the word budget, repeated until no change
    /// improves the objective, mean ROUGE-1 + ROUGE-2 F1 on cnndm-dev plus 0.3 times that on each
    /// mlsum set, less a penalty under the quality bars. Result on cnndm-dev: R1 43.11, R2 20.20
    /// (Lead-3 42.01, 19.81). Weights the search left at 0 keep their feature for later fits.
    /// Read the signs with care: features overlap (three position priors, length and words), so a
    /// single weight is not an effect size; e.g. the first sentence's prior is
    /// 1.5 x 1 - 1.0 (First) = 0.5, as high as the third sentence's, and it is usually chosen.
    fn default() -> Self {
        Weights {
            features: [
                0.1, 1.5, 0.0, 0.2, 0.6, 0.02, 0.0, 0.0, 0.15, 0.1, -0.4, -0.05, -0.25, -1.0, 0.0,
                0.1, -0.02, -0.05,
            ],
            redundancy: 1.0,
            budget: 35,
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

/// Everything about an article's sentences that does not depend on the weights.
#[derive(Debug, Clone)]
pub struct Prepared {
    vecs: Vec<Vector>,
    /// The similarity graph when the article is small enough for it ([`GRAPH_LIMIT`]); else
    /// `None`, and redundancy control computes the pairs it needs.
    graph: Option<Graph>,
    features: Vec<[f64; NF]>,
    eligible: Vec<bool>,
    words: Vec<usize>,
}

impl Prepared {
    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.vecs.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.vecs.is_empty()
    }

    /// Cosine similarity of the TF-IDF vectors of sentences `i` and `j`, as redundancy control uses
    /// it (0 when either is out of range).
    pub fn similarity(&self, i: usize, j: usize) -> f64 {
        let n = self.vecs.len();
        if i >= n || j >= n {
            return 0.0;
        }
        match &self.graph {
            Some(g) if i != j => g.get(i.min(j), i.max(j)),
            // The graph leaves out the diagonal; the self-similarity is computed.
            _ => cosine(&self.vecs[i], &self.vecs[j]),
        }
    }

    /// The features of sentence `i`.
    pub fn features(&self, i: usize) -> &[f64; NF] {
        &self.features[i]
    }
}

/// One more than the largest term id of `cands`: term ids are small and dense (numbered per
/// article), so per-term tables are plain vectors.
fn term_bound(cands: &[Candidate]) -> usize {
    cands
        .iter()
        .flat_map(|c| c.terms.iter())
        .max()
        .map_or(0, |&t| t as usize + 1)
}

fn tfidf(cands: &[Candidate], bound: usize) -> Vec<Vector> {
    let n = cands.len() as f64;
    // Document frequency; `last` is the last sentence that counted a term.
    let mut df = vec![0u32; bound];
    let mut last = vec![usize::MAX; bound];
    for (i, c) in cands.iter().enumerate() {
        for &t in &c.terms {
            let t = t as usize;
            if last[t] != i {
                last[t] = i;
                df[t] += 1;
            }
        }
    }
    // One logarithm a document frequency (most terms occur in one or two sentences), not one a
    // term of each sentence.
    let mut ln_of_df = vec![f64::NAN; cands.len() + 1];
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| match ln_of_df.get_mut(d as usize) {
            Some(v) if !v.is_nan() => *v,
            Some(v) => {
                *v = ((1.0 + n) / (1.0 + d as f64)).ln().max(0.0);
                *v
            }
            None => ((1.0 + n) / (1.0 + d as f64)).ln().max(0.0),
        })
        .collect();
    let mut ts: Vec<u32> = Vec::new();
    cands
        .iter()
        .map(|c| {
            let mut v: Vector = Vec::with_capacity(c.terms.len());
            ts.clear();
            ts.extend_from_slice(&c.terms);
            ts.sort_unstable();
            for &t in &ts {
                match v.last_mut() {
                    Some(last) if last.0 == t => last.1 += 1.0,
                    _ => v.push((t, 1.0)),
                }
            }
            for (t, f) in &mut v {
                let idf = idf[*t as usize];
                *f = *f * idf + *f * 1e-3;
            }
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

/// The cosine-similarity graph of the sentences: the pairs above the diagonal with a non-zero
/// similarity (many pairs share no term), row by row. Row `i` holds the later sentences
/// `cols[rows[i]..rows[i + 1]]`, in order, and their similarities to `i` in `vals`.
#[derive(Debug, Clone)]
struct Graph {
    rows: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f64>,
}

impl Graph {
    /// The similarity of sentences `i` and `j`, for `i < j`.
    fn get(&self, i: usize, j: usize) -> f64 {
        let (Some(&from), Some(&to)) = (self.rows.get(i), self.rows.get(i + 1)) else {
            return 0.0;
        };
        let cols = &self.cols[from..to];
        match cols.binary_search(&(j as u32)) {
            Ok(k) => self.vals[from + k],
            Err(_) => 0.0,
        }
    }
}

/// The similarity graph of `vecs` ([`Graph`]).
///
/// Two sentences share few of their terms, so the dot products are summed from the terms'
/// postings (the sentences holding each term, in order) rather than over whole vectors. A pair's
/// products are added in the order of its shared terms, the order [`cosine`] adds them in, so
/// the similarities are bit for bit the same.
fn similarities(vecs: &[Vector], bound: usize) -> Graph {
    let n = vecs.len();
    // Postings by counting sort: `first[t]..first[t + 1]` are term t's (sentence, weight) pairs.
    let mut first = vec![0usize; bound + 1];
    for v in vecs {
        for &(t, _) in v {
            first[t as usize + 1] += 1;
        }
    }
    for t in 1..first.len() {
        first[t] += first[t - 1];
    }
    let mut next = first.clone();
    let mut postings = vec![(0u32, 0.0f64); first[bound]];
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings[next[t as usize]] = (i as u32, w);
            next[t as usize] += 1;
        }
    }
    // `seen[t]`: how many of term t's postings are of sentences before the current one (reused
    // from `next`), so that each pair is summed once, from its first sentence.
    let mut seen = next;
    seen.copy_from_slice(&first);
    // One row's sums, by later sentence; emptied again as the row is stored.
    let mut row = vec![0.0f64; n];
    let mut g = Graph {
        rows: Vec::with_capacity(n + 1),
        cols: Vec::new(),
        vals: Vec::new(),
    };
    g.rows.push(0);
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            let t = t as usize;
            // The current sentence's own posting, then the later sentences'.
            seen[t] += 1;
            for &(j, wj) in &postings[seen[t]..first[t + 1]] {
                row[j as usize] += w * wj;
            }
        }
        for (j, s) in row.iter_mut().enumerate().skip(i + 1) {
            if *s != 0.0 {
                g.cols.push(j as u32);
                g.vals.push(*s);
                *s = 0.0;
            }
        }
        g.rows.push(g.cols.len());
    }
    g
}

/// LexRank centrality of `vecs`, scaled so that the greatest is 1; `graph` is their similarity
/// graph ([`similarities`]), or `None` beyond [`GRAPH_LIMIT`] sentences.
fn centrality(vecs: &[Vector], graph: Option<&Graph>, bound: usize) -> Vec<f64> {
    let n = vecs.len();
    if n == 0 {
        return Vec::new();
    }
    let scores = if let Some(g) = graph {
        // Continuous LexRank: PageRank over the cosine graph. Each iteration pushes every
        // sentence's rank to its neighbours. The graph is symmetric and many pairs share no
        // term, so only the pairs above the diagonal with a non-zero similarity are kept, and one
        // visit of a pair does the push both ways. Each sentence still receives its shares in
        // the order of the full matrix (from the earlier sentences as their rows are walked,
        // then from the later ones along its own row), and skipping a zero skips adding an exact
        // 0, so the ranks are bit for bit those of the full matrix.
        let (rows, cols, vals) = (&g.rows, &g.cols, &g.vals);
        // Each sentence's weighted degree, its row of the full matrix summed in order: the
        // earlier sentences' shares (their rows come first), then its own row. The zeros left
        // out would add nothing to a positive sum, and a row of zeros only has to stay <= 0.
        let mut out = vec![0.0f64; n];
        for i in 0..n {
            for (&j, &s) in cols[rows[i]..rows[i + 1]]
                .iter()
                .zip(&vals[rows[i]..rows[i + 1]])
            {
                out[i] += s;
                out[j as usize] += s;
            }
        }
        let d = 0.85;
        let mut r = vec![1.0 / n as f64; n];
        // For each sentence, its next rank being summed and its rank divided among its
        // neighbours (0 for one without any): side by side, as the pairs read both.
        let mut next = vec![(0.0f64, 0.0f64); n];
        for _ in 0..30 {
            let mut dangling = 0.0;
            for ((x, &o), &rj) in next.iter_mut().zip(&out).zip(&r) {
                x.0 = (1.0 - d) / n as f64;
                x.1 = if o <= 0.0 {
                    dangling += d * rj / n as f64;
                    0.0
                } else {
                    d * rj / o
                };
            }
            for i in 0..n {
                let (c, v) = (&cols[rows[i]..rows[i + 1]], &vals[rows[i]..rows[i + 1]]);
                let (mut own, share) = next[i];
                for (&j, s) in c.iter().zip(v) {
                    let other = &mut next[j as usize];
                    other.0 += s * share;
                    own += s * other.1;
                }
                next[i].0 = own;
            }
            let mut delta = 0.0;
            for (x, rj) in next.iter().zip(r.iter_mut()) {
                let v = x.0 + dangling;
                delta += (v - *rj).abs();
                *rj = v;
            }
            if delta < 1e-6 {
                break;
            }
        }
        r
    } else {
        // Weighted degree in linear time: sum of cosines = v_i . (sum of all v) - v_i . v_i.
        let mut centroid = vec![0.0f64; bound];
        for v in vecs {
            for &(t, w) in v {
                centroid[t as usize] += w;
            }
        }
        vecs.iter()
            .map(|v| {
                v.iter()
                    .map(|&(t, w)| w * centroid[t as usize] - w * w)
                    .sum()
            })
            .collect()
    };
    let max = scores.iter().cloned().fold(0.0f64, f64::max);
    if max > 0.0 {
        scores.iter().map(|s| s / max).collect()
    } else {
        scores
    }
}

/// Computes the weight-independent features of `cands`; `title` holds the title's term ids.
pub fn prepare(cands: &[Candidate], title: &[u32]) -> Prepared {
    let bound = term_bound(cands);
    let vecs = tfidf(cands, bound);
    let graph = (vecs.len() <= GRAPH_LIMIT).then(|| similarities(&vecs, bound));
    let cent = centrality(&vecs, graph.as_ref(), bound);
    // Which terms are in the title, among the top terms and in the lead: one bit each.
    const TITLE: u8 = 1;
    const TOP: u8 = 2;
    const LEAD: u8 = 4;
    let title_bound = title.iter().max().map_or(0, |&t| t as usize + 1);
    let mut member = vec![0u8; bound.max(title_bound)];
    for &t in title {
        member[t as usize] |= TITLE;
    }
    for &t in cands.first().map_or(&[][..], |c| &c.terms[..]) {
        member[t as usize] |= LEAD;
    }
    let mut freq = vec![0usize; bound];
    for c in cands {
        for &t in &c.terms {
            freq[t as usize] += 1;
        }
    }
    let mut top: Vec<(u32, usize)> = (0..bound as u32)
        .zip(freq)
        .filter(|&(_, f)| f > 1)
        .collect();
    // The ten most frequent (ties to the earlier term): selected, then only those sorted.
    let by_freq = |a: &(u32, usize), b: &(u32, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if top.len() > 10 {
        top.select_nth_unstable_by(9, by_freq);
        top.truncate(10);
    }
    for &(t, _) in &top {
        member[t as usize] |= TOP;
    }
    // The shares of each sentence's terms in the title, among the top terms and in the lead.
    let shares = |terms: &[u32]| -> [f64; 3] {
        if terms.is_empty() {
            return [0.0; 3];
        }
        let mut hits = [0usize; 3];
        for &t in terms {
            let m = member[t as usize];
            hits[0] += usize::from(m & TITLE != 0);
            hits[1] += usize::from(m & TOP != 0);
            hits[2] += usize::from(m & LEAD != 0);
        }
        hits.map(|h| h as f64 / terms.len() as f64)
    };
    let features = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let s = &c.shape;
            let length = match s.words {
                0..=5 => 0.0,
                6..=11 => s.words as f64 / 12.0,
                12..=35 => 1.0,
                _ => 35.0 / s.words as f64,
            };
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            let [title, top, lead] = shares(&c.terms);
            [
                cent[i],
                1.0 / (1.0 + i as f64),
                (1.0 - i as f64 / 20.0).max(0.0),
                title,
                top,
                length,
                flag(s.caption),
                flag(s.fragment),
                flag(s.label),
                flag(s.dependent),
                flag(s.quote),
                s.words as f64 / 25.0,
                flag(s.words > 40),
                flag(i == 0),
                1.0 / (1.0 + i as f64).sqrt(),
                s.capitals,
                flag(s.numbers),
                if i == 0 { 0.0 } else { lead },
            ]
        })
        .collect();
    Prepared {
        vecs,
        graph,
        features,
        eligible: cands.iter().map(Candidate::eligible).collect(),
        words: cands.iter().map(|c| c.shape.words).collect(),
    }
}

/// How many points to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Exactly this many (fewer when the article has fewer sentences).
    Exactly(usize),
    /// 3 to 5, adding points until they hold [`Weights::budget`] words.
    Auto,
}

/// Scores the prepared sentences and chooses points with MMR. Returns them in article order.
pub fn select(p: &Prepared, count: Count, w: &Weights) -> Vec<Choice> {
    let n = p.len();
    let (min, max) = match count {
        Count::Exactly(k) => (k, k),
        Count::Auto => (3, 5),
    };
    if n == 0 || max == 0 {
        return Vec::new();
    }
    let scores: Vec<f64> = p
        .features
        .iter()
        .map(|f| f.iter().zip(&w.features).map(|(a, b)| a * b).sum())
        .collect();
    let mut open: Vec<usize> = (0..n).filter(|&i| p.eligible[i]).collect();
    if open.is_empty() {
        open = (0..n).collect();
    }
    let mut chosen: Vec<usize> = Vec::new();
    // Greatest similarity of each open sentence to the chosen ones, updated as points are added.
    let mut red = vec![0.0f64; n];
    let mut words = 0usize;
    while chosen.len() < max && !open.is_empty() {
        if chosen.len() >= min && words >= w.budget {
            break;
        }
        let mut best = (0usize, f64::NEG_INFINITY);
        for (pos, &i) in open.iter().enumerate() {
            let v = scores[i] - w.redundancy * red[i];
            if v > best.1 {
                best = (pos, v);
            }
        }
        let pick = open.remove(best.0);
        words += p.words[pick];
        chosen.push(pick);
        for &i in &open {
            red[i] = red[i].max(p.similarity(i, pick));
        }
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

/// The candidates of an article's sentences and the title's terms.
pub fn candidates(a: &Analysis) -> (Vec<Candidate>, Vec<u32>) {
    let tk = &a.tokens;
    let term = |t: &crate::text::tokens::Token| tk.forms[t.form as usize].term;
    // One lower-cased copy of the text for the caption markers of all sentences (none when the
    // language has no markers: `shape_of` then has nothing to look for).
    let lists = features::Lists::of(a.lang);
    let lowered = if lists.has_caption_markers() {
        a.text.to_ascii_lowercase()
    } else {
        String::new()
    };
    let found = lists.markers_in(&lowered);
    let cands = (0..a.sentences.len())
        .map(|i| Candidate {
            terms: {
                let words = tk.sentence(i);
                let mut terms = Vec::with_capacity(words.len());
                terms.extend(words.iter().filter_map(term));
                terms
            },
            shape: features::shape_with(
                a.sentence(i),
                lowered.get(a.sentences[i].clone()).unwrap_or(""),
                tk.sentence(i),
                tk,
                &lists,
                found.as_deref().map(|f| (f, a.sentences[i].start)),
            ),
        })
        .collect();
    let title = tk.title.iter().filter_map(term).collect();
    (cands, title)
}

/// The key points of an analysed article: `points` of them, or 3 to 5 when `None`; with `concise`,
/// trailing attributions are cut ([`crate::quotes::trim_attribution`], the quote stage's
/// knowledge of cues) and the span covers what is kept. A point never includes the dateline.
pub fn key_points(
    a: &Analysis,
    points: Option<usize>,
    concise: bool,
    w: &Weights,
) -> Vec<KeyPoint> {
    let (cands, title) = candidates(a);
    let prepared = prepare(&cands, &title);
    let count = points.map_or(Count::Auto, Count::Exactly);
    select(&prepared, count, w)
        .into_iter()
        .map(|c| {
            let mut r = a.sentences[c.index].clone();
            // A point never opens with the wire's dateline ("ROMA (ANSA) - ").
            if let Some(d) = a.dateline().filter(|d| d.start == r.start && d.end < r.end) {
                r.start = d.end;
            }
            let sentence = &a.text[r.clone()];
            let (end, text) =
                match concise.then(|| crate::quotes::trim_attribution(sentence, a.lang)) {
                    Some(Some(t)) => (r.start + t.keep, t.text),
                    _ => (r.end, sentence.to_string()),
                };
            let span = a.chars.span(r.start, end);
            KeyPoint {
                text,
                sentence: c.index,
                start: span.start,
                end: span.end,
                score: (c.score * 1000.0).round() / 1000.0,
            }
        })
        .collect()
}

/// The default number of key points for an article of `sentences` sentences when no word budget
/// applies: 3 to 5.
pub fn default_count(sentences: usize) -> usize {
    match sentences {
        0..=12 => 3,
        13..=30 => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(terms: &[u32], words: usize) -> Candidate {
        Candidate {
            terms: terms.to_vec(),
            shape: Shape {
                words,
                ..Shape::default()
            },
        }
    }

    #[test]
    fn mmr_skips_a_repeat() {
        let cands = vec![
            cand(&[1, 2, 3], 20),
            cand(&[1, 2, 3], 20),
            cand(&[4, 5, 6], 20),
            cand(&[7, 8], 20),
        ];
        let p = prepare(&cands, &[]);
        let w = Weights {
            features: [
                0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                0.0, 0.0,
            ],
            redundancy: 5.0,
            budget: 0,
        };
        let got: Vec<usize> = select(&p, Count::Exactly(2), &w)
            .iter()
            .map(|c| c.index)
            .collect();
        assert_eq!(got, [0, 2]);
    }

    #[test]
    fn similarity_of_prepared_sentences() {
        let cands = vec![
            cand(&[1, 2, 3], 20),
            cand(&[1, 2, 3], 20),
            cand(&[4, 5], 20),
        ];
        let p = prepare(&cands, &[]);
        assert!((p.similarity(0, 1) - 1.0).abs() < 1e-9);
        assert_eq!(p.similarity(0, 2), 0.0);
        assert_eq!(p.similarity(0, 9), 0.0);
    }

    #[test]
    fn auto_count_stays_within_three_to_five() {
        let cands: Vec<Candidate> = (0..20).map(|i| cand(&[i, i + 100], 10)).collect();
        let p = prepare(&cands, &[]);
        let mut w = Weights {
            budget: 0,
            ..Weights::default()
        };
        assert_eq!(select(&p, Count::Auto, &w).len(), 3);
        w.budget = 1000;
        assert_eq!(select(&p, Count::Auto, &w).len(), 5);
        assert!(select(&p, Count::Exactly(0), &w).is_empty());
    }
}
