//! Scoring the entity stage against KIND-style data: one `token<TAB>TAG` a line (PER, LOC, ORG or
//! O; no B-/I- prefixes, so a gold entity is a maximal run of one tag), a blank line between
//! sentences.
//!
//! The text is rebuilt from the tokens (no space before closing punctuation, none after an
//! elided article such as "l'"). The file has no document boundaries, so sentences are grouped
//! into pseudo-articles of [`SENTENCES_PER_DOC`] sentences, each sentence a paragraph, and the
//! entity stage runs on each. Predicted mentions are mapped back to tokens; a mention whose
//! edges fall inside a token counts as a wrong prediction. Scores are exact-span micro P/R/F1,
//! per type and overall.
use std::collections::HashSet;
use std::ops::Range;

use crate::analysis::Analysis;
use crate::digest::EntityType;
use crate::lang::Language;
use crate::structure::Parts;

/// Sentences grouped into one pseudo-article.
pub const SENTENCES_PER_DOC: usize = 25;

/// One sentence: tokens and their tags (`None` for O).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// Tag of each token.
    pub tags: Vec<Option<EntityType>>,
}

/// Parses the token/tag file. Unknown tags count as O; malformed lines are skipped.
pub fn parse_kind(data: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in data.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let Some((tok, tag)) = line.rsplit_once('\t') else {
            continue;
        };
        let tag = tag.trim().trim_start_matches("B-").trim_start_matches("I-");
        cur.tokens.push(tok.to_string());
        cur.tags.push(match tag {
            "PER" => Some(EntityType::Person),
            "LOC" => Some(EntityType::Location),
            "ORG" => Some(EntityType::Organization),
            _ => None,
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// True/false positives and false negatives of one type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prf {
    /// Exact matches.
    pub tp: usize,
    /// Predicted, not in gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        div(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        div(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }
}

fn div(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type (PER, LOC, ORG) and overall.
#[derive(Debug, Clone)]
pub struct Scores {
    /// PER, LOC, ORG in that order.
    pub per_type: [(EntityType, Prf); 3],
    /// Micro average over the three types.
    pub overall: Prf,
    /// Sentences read.
    pub sentences: usize,
    /// Wrong and missed mentions (`FP`/`FN`, type, text), for error analysis.
    pub errors: Vec<(&'static str, EntityType, String)>,
    /// For each of `errors`, its sentence with the mention in double brackets.
    pub contexts: Vec<String>,
    /// Gold ORG mentions found at their exact span but typed LOC: mostly a country or city
    /// standing for its government or team, which the entity stage keeps LOC by design
    /// (metonymy), while KIND tags it ORG.
    pub org_as_loc: usize,
}

impl Scores {
    /// The scores as the Markdown table `keypoints eval-entities` prints, and with `errors` the
    /// wrong and missed mentions after it, one a line (`FP`/`FN`, type, text, sentence).
    pub fn report(&self, errors: bool) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "Entities: {} sentences, exact-span micro scores\n\
             | type | precision | recall | F1 | gold | predicted |\n|---|---|---|---|---|---|\n",
            self.sentences
        );
        let rows = self.per_type.iter().map(|(t, p)| {
            let name = match t {
                EntityType::Person => "PER",
                EntityType::Location => "LOC",
                EntityType::Organization => "ORG",
            };
            (name, p)
        });
        for (name, p) in rows.chain([("overall", &self.overall)]) {
            let _ = writeln!(
                out,
                "| {name} | {:.3} | {:.3} | {:.3} | {} | {} |",
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp + p.fn_,
                p.tp + p.fp
            );
        }
        let o = &self.overall;
        let right = o.tp + self.org_as_loc;
        let _ = writeln!(
            out,
            "\nGold ORG found at the exact span but typed LOC (a place standing for its \
             government or team is kept LOC by design): {}; counted right, overall F1 would be \
             {:.3}.",
            self.org_as_loc,
            2.0 * right as f64 / ((2 * o.tp + o.fp + o.fn_) as f64).max(1.0)
        );
        if errors {
            for (i, (what, t, text)) in self.errors.iter().enumerate() {
                let ctx = self.contexts.get(i).map_or("", String::as_str);
                let _ = writeln!(out, "{what}\t{t:?}\t{text}\t{ctx}");
            }
        }
        out
    }
}

fn no_space_before(tok: &str) -> bool {
    matches!(
        tok,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "»" | "”" | "%" | "..." | "…"
    )
}

fn no_space_after(tok: &str) -> bool {
    tok.ends_with('\'') || tok.ends_with('’') || matches!(tok, "(" | "[" | "{" | "«" | "“")
}

/// Part `k` of `m` (1-based) of the sentences, cut at pseudo-article boundaries: the first half
/// of the file is `part(s, 1, 2)`. Rules are tuned looking at errors of the first half only.
pub fn part(sentences: &[Sentence], k: usize, m: usize) -> &[Sentence] {
    if m == 0 || k == 0 || k > m {
        return &[];
    }
    let docs = sentences.len().div_ceil(SENTENCES_PER_DOC);
    let a = (docs * (k - 1) / m * SENTENCES_PER_DOC).min(sentences.len());
    let b = (docs * k / m * SENTENCES_PER_DOC).min(sentences.len());
    &sentences[a..b]
}

/// The parts named by `spec` ("K/M", or "K,L,.../M" for several parts of M joined in file
/// order; anything else is the whole file): the training side of a K-fold cross-validation is
/// every part but one. Parts are cut at pseudo-article boundaries, so joining them keeps every
/// pseudo-article whole.
pub fn parts(sentences: &[Sentence], spec: &str) -> Vec<Sentence> {
    let Some((ks, m)) = spec.split_once('/') else {
        return sentences.to_vec();
    };
    let m: usize = m.trim().parse().unwrap_or(1);
    let mut ks: Vec<usize> = ks
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    ks.sort_unstable();
    ks.dedup();
    ks.iter()
        .flat_map(|&k| part(sentences, k, m).iter().cloned())
        .collect()
}

/// Runs the entity stage over the sentences and scores it.
pub fn evaluate(sentences: &[Sentence], lang: &'static Language) -> Scores {
    evaluate_with(sentences, lang, None, None)
}

/// [`evaluate`] with the type model given as the text of an `entity_model` list instead of
/// the language's (for cross-validation: `tools/entity_model/train.py --cv`).
pub fn evaluate_with_model(sentences: &[Sentence], lang: &'static Language, model: &str) -> Scores {
    evaluate_with(sentences, lang, None, Some(&parse_model(model)))
}

fn parse_model(model: &str) -> super::model::Model {
    let lines: Vec<String> = model
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    super::model::parse(&lines)
}

/// The examples of the type model (see `entities::model`) in the sentences: for every name the
/// model was asked about, its gold class ("PER", "LOC", "ORG", or "O" when no gold entity
/// overlaps its mentions) and its features. Names whose mentions mostly overlap gold entities of
/// other spans are labelled "BND" (a wrong boundary; `tools/entity_model/train.py` leaves them
/// out unless told otherwise). For `tools/entity_model/train.py`.
///
/// Also the examples of the cut model (`model::cut_features`), labelled "JOIN" when the words on
/// both sides of the gap (and a particle between) belong to one gold entity, "CUT" when they do
/// not and one of them belongs to a gold entity (gaps between two words outside any are left
/// out). With `model` (the text of an `entity_model` list), that model is used instead of the
/// language's, so that the names depend only on the cut weights given.
pub fn type_examples(
    sentences: &[Sentence],
    lang: &'static Language,
    model: Option<&str>,
) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let m = model.map(parse_model);
    evaluate_with(sentences, lang, Some(&mut out), m.as_ref());
    out
}

fn evaluate_with(
    sentences: &[Sentence],
    lang: &'static Language,
    mut examples: Option<&mut Vec<(String, Vec<String>)>>,
    model: Option<&super::model::Model>,
) -> Scores {
    let types = [
        EntityType::Person,
        EntityType::Location,
        EntityType::Organization,
    ];
    let mut scores = Scores {
        per_type: types.map(|t| (t, Prf::default())),
        sentences: sentences.len(),
        overall: Prf::default(),
        errors: Vec::new(),
        contexts: Vec::new(),
        org_as_loc: 0,
    };
    for chunk in sentences.chunks(SENTENCES_PER_DOC) {
        // Rebuild the text; token char ranges in the joined text.
        let mut parts = Parts::default();
        let mut tok_ranges: Vec<Range<usize>> = Vec::new();
        let mut gold: HashSet<(usize, usize, EntityType)> = HashSet::new();
        let mut offset = 0usize; // chars of the joined text before this paragraph
        let mut base_tok = 0usize;
        // First token of each sentence.
        let mut sent_start: Vec<usize> = Vec::with_capacity(chunk.len());
        for s in chunk {
            sent_start.push(base_tok);
            let mut para = String::new();
            let mut pos = 0usize;
            for (i, t) in s.tokens.iter().enumerate() {
                if i > 0 && !no_space_before(t) && !no_space_after(&s.tokens[i - 1]) {
                    para.push(' ');
                    pos += 1;
                }
                let n = t.chars().count();
                tok_ranges.push(offset + pos..offset + pos + n);
                para.push_str(t);
                pos += n;
            }
            let mut i = 0;
            while i < s.tags.len() {
                if let Some(t) = s.tags[i] {
                    let mut j = i;
                    while j + 1 < s.tags.len() && s.tags[j + 1] == Some(t) {
                        j += 1;
                    }
                    gold.insert((base_tok + i, base_tok + j, t));
                    i = j + 1;
                } else {
                    i += 1;
                }
            }
            base_tok += s.tokens.len();
            offset += pos + 2;
            parts.paragraphs.push(para);
        }
        let text = crate::analysis::join_paragraphs(&parts);
        let a = Analysis::new(lang, &text, &parts);
        let found = super::detect_with(&a, examples.is_some(), model);
        if let Some(ex) = examples.as_deref_mut() {
            let tags: Vec<Option<EntityType>> =
                chunk.iter().flat_map(|s| s.tags.iter().copied()).collect();
            for (feats, ranges) in &found.examples {
                // Votes of the mentions: PER, LOC, ORG, O, and a span overlapping a gold entity
                // of another span (a wrong boundary: whatever its type, the mention is wrong).
                let mut votes = [0usize; 5];
                for r in ranges {
                    let sp = a.chars.span(r.start, r.end);
                    let s = tok_ranges.partition_point(|t| t.start < sp.start);
                    let e = tok_ranges.partition_point(|t| t.end < sp.end);
                    if s >= tok_ranges.len() || e >= tok_ranges.len() || e < s {
                        continue;
                    }
                    if tags[s..=e].iter().all(Option::is_none) {
                        votes[3] += 1;
                        continue;
                    }
                    let exact = tok_ranges[s].start == sp.start && tok_ranges[e].end == sp.end;
                    if let Some(t) = gold
                        .iter()
                        .find(|g| exact && g.0 == s && g.1 == e)
                        .map(|g| g.2)
                    {
                        votes[match t {
                            EntityType::Person => 0,
                            EntityType::Location => 1,
                            _ => 2,
                        }] += 1;
                    } else {
                        votes[4] += 1;
                    }
                }
                let best = (0..5).max_by_key(|&k| (votes[k], std::cmp::Reverse(k)));
                if let Some(k) = best.filter(|&k| votes[k] > 0) {
                    ex.push((
                        ["PER", "LOC", "ORG", "O", "BND"][k].to_string(),
                        feats.clone(),
                    ));
                }
            }
        }
        if let Some(ex) = examples.as_deref_mut() {
            let tags: Vec<Option<EntityType>> =
                chunk.iter().flat_map(|s| s.tags.iter().copied()).collect();
            // The gold token starting at byte `b` of the text.
            let token = |b: usize| {
                let sp = a.chars.span(b, b);
                let k = tok_ranges.partition_point(|t| t.start < sp.start);
                (k < tok_ranges.len() && tok_ranges[k].start == sp.start).then_some(k)
            };
            for (feats, ra, rb) in &found.cut_examples {
                let (Some(x), Some(y)) = (token(ra.start), token(rb.start)) else {
                    continue;
                };
                if y <= x || y >= tags.len() {
                    continue;
                }
                let label = match (tags[x], tags[y]) {
                    (None, None) => continue,
                    (Some(t), _) if tags[x..=y].iter().all(|g| *g == Some(t)) => "JOIN",
                    _ => "CUT",
                };
                ex.push((label.to_string(), feats.clone()));
            }
        }
        let toks_all: Vec<&str> = chunk
            .iter()
            .flat_map(|s| s.tokens.iter().map(String::as_str))
            .collect();
        // The sentence of token `a` with tokens `a..=b` in brackets (or `note` after it).
        let context = |a: usize, b: usize, note: Option<&str>| -> String {
            let k = sent_start.partition_point(|&st| st <= a).saturating_sub(1);
            let st = sent_start.get(k).copied().unwrap_or(0);
            let en = sent_start.get(k + 1).copied().unwrap_or(toks_all.len());
            let mut out = String::new();
            for (i, t) in toks_all.iter().enumerate().take(en).skip(st) {
                if i > st {
                    out.push(' ');
                }
                if note.is_none() && i == a {
                    out.push_str("[[");
                }
                out.push_str(t);
                if note.is_none() && i == b {
                    out.push_str("]]");
                }
            }
            if let Some(n) = note {
                out.push_str(" {{");
                out.push_str(n);
                out.push_str("}}");
            }
            out
        };
        let mut pred: HashSet<(usize, usize, EntityType)> = HashSet::new();
        let mut unaligned: Vec<EntityType> = Vec::new();
        for e in &found.entities {
            for m in &e.mentions {
                let s = tok_ranges.partition_point(|r| r.start < m.start);
                let e_idx = tok_ranges.partition_point(|r| r.end < m.end);
                let aligned = s < tok_ranges.len()
                    && e_idx < tok_ranges.len()
                    && tok_ranges[s].start == m.start
                    && tok_ranges[e_idx].end == m.end;
                if aligned {
                    pred.insert((s, e_idx, e.kind));
                } else {
                    unaligned.push(e.kind);
                    let t: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                    let si = s.min(tok_ranges.len().saturating_sub(1));
                    scores.contexts.push(context(si, si, Some(&t)));
                    scores.errors.push(("FP", e.kind, t));
                }
            }
        }
        let all: Vec<&str> = chunk
            .iter()
            .flat_map(|s| s.tokens.iter().map(String::as_str))
            .collect();
        let join = |a: usize, b: usize| -> String { all[a..=b].join(" ") };
        let mut errs: Vec<(usize, usize, &'static str, EntityType)> = pred
            .iter()
            .filter(|p| !gold.contains(p))
            .map(|p| (p.0, p.1, "FP", p.2))
            .chain(
                gold.iter()
                    .filter(|g| !pred.contains(g))
                    .map(|g| (g.0, g.1, "FN", g.2)),
            )
            .collect();
        errs.sort_by_key(|e| (e.0, e.1, e.2));
        for (a, b, what, t) in errs {
            scores.contexts.push(context(a, b, None));
            scores.errors.push((what, t, join(a, b)));
        }
        scores.org_as_loc += gold
            .iter()
            .filter(|g| {
                g.2 == EntityType::Organization && pred.contains(&(g.0, g.1, EntityType::Location))
            })
            .count();
        for (t, prf) in scores.per_type.iter_mut() {
            let tp = pred
                .iter()
                .filter(|p| p.2 == *t && gold.contains(p))
                .count();
            let np = pred.iter().filter(|p| p.2 == *t).count()
                + unaligned.iter().filter(|u| *u == t).count();
            let ng = gold.iter().filter(|g| g.2 == *t).count();
            prf.tp += tp;
            prf.fp += np - tp;
            prf.fn_ += ng - tp;
        }
    }
    for (_, p) in &scores.per_type {
        scores.overall.tp += p.tp;
        scores.overall.fp += p.fp;
        scores.overall.fn_ += p.fn_;
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_sample() {
        let data = "Il\tO\npresidente\tO\nMario\tPER\nRossi\tPER\nè\tO\na\tO\nPisa\tLOC\n.\tO\n";
        let s = parse_kind(data);
        assert_eq!(s.len(), 1);
        let sc = evaluate(&s, crate::lang::get("it").unwrap());
        assert_eq!(sc.overall.tp, 2, "{sc:?}");
        assert_eq!(sc.overall.fn_, 0);
        let report = sc.report(false);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines[0], "Entities: 1 sentences, exact-span micro scores");
        assert_eq!(lines[3], "| PER | 1.000 | 1.000 | 1.000 | 1 | 1 |");
        assert_eq!(lines[6], "| overall | 1.000 | 1.000 | 1.000 | 2 | 2 |");
        assert_eq!(lines.len(), 9);
        assert!(lines[8].ends_with(": 0; counted right, overall F1 would be 1.000."));
    }

    #[test]
    fn counts_a_government_named_by_its_country_apart() {
        // KIND tags "Francia" ORG here (the government); the stage keeps a country LOC.
        let data = "Ieri\tO\nla\tO\nFrancia\tORG\nha\tO\nprotestato\tO\ncon\tO\nMario\tPER\n\
                    Rossi\tPER\n.\tO\n";
        let sc = evaluate(&parse_kind(data), crate::lang::get("it").unwrap());
        assert_eq!((sc.overall.tp, sc.org_as_loc), (1, 1), "{sc:?}");
        assert!(sc
            .report(false)
            .ends_with(": 1; counted right, overall F1 would be 1.000.\n"));
    }

    #[test]
    fn a_given_model_replaces_the_compiled_in_one() {
        let data = "Il\tO\npresidente\tO\nMario\tPER\nRossi\tPER\nè\tO\na\tO\nPisa\tLOC\n.\tO\n";
        let s = parse_kind(data);
        let it = crate::lang::get("it").unwrap();
        // A model that always says "no entity" drops the person; the gazetteer's place stays.
        let none = evaluate_with_model(&s, it, "# only a bias\nbias 0 0 0 1\n");
        assert_eq!((none.overall.tp, none.overall.fn_), (1, 1), "{none:?}");
        // One that always says PER keeps both.
        let per = evaluate_with_model(&s, it, "bias 1 0 0 0\n");
        assert_eq!((per.overall.tp, per.overall.fn_), (2, 0), "{per:?}");
    }

    #[test]
    fn parts_cut_at_pseudo_articles_and_cover_the_file() {
        let one = Sentence {
            tokens: vec!["Roma".into()],
            tags: vec![Some(EntityType::Location)],
        };
        // 3 pseudo-articles and a bit: 3 * 25 + 7 sentences.
        let all = vec![one; 3 * SENTENCES_PER_DOC + 7];
        let a = part(&all, 1, 2);
        let b = part(&all, 2, 2);
        assert_eq!(a.len() + b.len(), all.len());
        assert_eq!(a.len() % SENTENCES_PER_DOC, 0);
        assert_eq!(a.len(), 2 * SENTENCES_PER_DOC);
        assert!(part(&all, 0, 2).is_empty() && part(&all, 3, 2).is_empty());
        assert_eq!(part(&all, 1, 1).len(), all.len());
    }

    #[test]
    fn several_parts_join_in_file_order() {
        let doc = |w: &str| Sentence {
            tokens: vec![w.into()],
            tags: vec![None],
        };
        // Five pseudo-articles, each its own word, so the join's order can be read.
        let all: Vec<Sentence> = (0..5 * SENTENCES_PER_DOC)
            .map(|i| doc(&(i / SENTENCES_PER_DOC).to_string()))
            .collect();
        let firsts = |s: &[Sentence]| -> Vec<String> {
            s.chunks(SENTENCES_PER_DOC)
                .map(|c| c[0].tokens[0].clone())
                .collect()
        };
        assert_eq!(firsts(&parts(&all, "4,1,3/5")), ["0", "2", "3"]);
        assert_eq!(parts(&all, "2/5").len(), SENTENCES_PER_DOC);
        assert_eq!(parts(&all, "").len(), all.len());
        assert!(parts(&all, "9/5").is_empty());
    }
}
