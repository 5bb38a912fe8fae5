//! Full-text search support: the stemmed index text of an article, the FTS5 query built from what a
//! person types, and highlighted snippets.
//!
//! SQLite's FTS5 ships only an English (Porter) stemmer, so the index does not stem by itself:
//! every article is indexed as a pre-stemmed column, its words lowered and cut with the Snowball
//! stemmer of the article's language (`keypoints::lang::get(code)?.stemmer()`, the same stemmer
//! the library ranks with). The query is stemmed the same way: with the stemmer of the `lang`
//! filter when given, else with the Italian and the English stemmer, the variants OR-ed, so
//! "governi" finds "governo" and "elections" finds "election". Tokens are alphanumeric runs
//! (the library's word splitter), so a query can never inject FTS5 syntax.
//!
//! Snippets are cut from the stored digest text (not from the stemmed column) around the sentence
//! that matches most query terms, and returned as plain text plus highlight spans in Unicode
//! characters: the client marks them up itself, so no HTML ever travels in a search answer.
use std::collections::HashSet;

use keypoints::text::tokens::words;
use keypoints::{Digest, Span};
use rust_stemmers::Stemmer;

/// Languages whose stemmers a query without a `lang` filter is expanded with.
pub const QUERY_LANGS: &[&str] = &["it", "en"];

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

fn stemmer_of(code: &str) -> Option<Stemmer> {
    keypoints::lang::get(code).ok().and_then(|l| l.stemmer())
}

/// The index text of `text`: its words, lowered and stemmed with the stemmer of `lang`, joined by
/// spaces in their order (so phrase queries still work).
pub fn stem_text(text: &str, lang: &str) -> String {
    let stemmer = stemmer_of(lang);
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        let lower = w.text.to_lowercase();
        if !out.is_empty() {
            out.push(' ');
        }
        match &stemmer {
            Some(s) => out.push_str(&s.stem(&lower)),
            None => out.push_str(&lower),
        }
    }
    out
}

/// A parsed search query.
#[derive(Debug, Clone)]
pub struct Query {
    /// The FTS5 MATCH expression, or `None` when the query has no word at all.
    pub fts: Option<String>,
    /// Every stem a document word may have to count as a hit (for snippets).
    pub stems: HashSet<String>,
}

struct Expander {
    stemmers: Vec<(&'static keypoints::lang::Language, Option<Stemmer>)>,
}

impl Expander {
    fn new(lang: Option<&str>) -> Self {
        let codes: Vec<&str> = match lang {
            Some(l) => vec![l],
            None => QUERY_LANGS.to_vec(),
        };
        let stemmers = codes
            .into_iter()
            .filter_map(|c| keypoints::lang::get(c).ok())
            .map(|l| (l, l.stemmer()))
            .collect();
        Expander { stemmers }
    }

    /// The stems of one lowered word under every query language, and whether it is a stopword in
    /// any of them (dropping it only widens the match).
    fn variants(&self, lower: &str) -> (Vec<String>, bool) {
        let mut out: Vec<String> = Vec::new();
        let mut stop = false;
        for (lang, stemmer) in &self.stemmers {
            stop |= lang.is_stopword(lower);
            let s = match stemmer {
                Some(s) => s.stem(lower).into_owned(),
                None => lower.to_string(),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        if out.is_empty() {
            out.push(lower.to_string());
        }
        (out, stop)
    }
}

/// Parses what a person typed: bare words (all required) and "quoted phrases".
pub fn parse_query(q: &str, lang: Option<&str>) -> Query {
    let exp = Expander::new(lang);
    let mut stems = HashSet::new();
    // Split into phrases (inside double quotes) and bare words.
    let mut groups: Vec<(bool, Vec<String>)> = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        let in_quotes = i % 2 == 1;
        let ws: Vec<String> = words(part).map(|w| w.text.to_lowercase()).collect();
        if ws.is_empty() {
            continue;
        }
        if in_quotes {
            groups.push((true, ws));
        } else {
            for w in ws {
                groups.push((false, vec![w]));
            }
        }
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut stop_clauses: Vec<String> = Vec::new();
    for (phrase, ws) in &groups {
        if *phrase {
            // One phrase per query language, OR-ed.
            let mut alts: Vec<String> = Vec::new();
            for li in 0..exp.stemmers.len().max(1) {
                let toks: Vec<String> = ws
                    .iter()
                    .map(|w| {
                        let (v, _) = exp.variants(w);
                        v.get(li).cloned().unwrap_or_else(|| v[0].clone())
                    })
                    .collect();
                let alt = format!("\"{}\"", toks.join(" "));
                if !alts.contains(&alt) {
                    alts.push(alt);
                }
            }
            for w in ws {
                stems.extend(exp.variants(w).0);
            }
            clauses.push(format!("({})", alts.join(" OR ")));
        } else {
            let (v, stop) = exp.variants(&ws[0]);
            let clause = format!(
                "({})",
                v.iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            );
            if stop {
                stop_clauses.push(clause);
            } else {
                stems.extend(v);
                clauses.push(clause);
            }
        }
    }
    // A query made only of stopwords still searches for them.
    if clauses.is_empty() && !stop_clauses.is_empty() {
        for (phrase, ws) in &groups {
            if !*phrase {
                stems.extend(exp.variants(&ws[0]).0);
            }
        }
        clauses = stop_clauses;
    }
    let fts = if clauses.is_empty() {
        None
    } else {
        Some(clauses.join(" AND "))
    };
    Query { fts, stems }
}

/// A piece of text with highlighted ranges, both in Unicode characters of `text`.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Snippet {
    /// The snippet as plain text.
    pub text: String,
    /// Ranges of `text` to highlight, in Unicode characters, end exclusive.
    #[schema(value_type = Vec<Object>)]
    pub highlights: Vec<Span>,
}

/// A snippet of the digest around the sentence with the most distinct query hits (the lead when
/// nothing matches, as for a listing without a query).
pub fn snippet(d: &Digest, q: &Query) -> Snippet {
    let stemmer = stemmer_of(&d.language);
    let chars: Vec<char> = d.text.chars().collect();
    let char_of_byte = |text: &str, b: usize| text[..b].chars().count();
    // Hits in the whole text as char spans, with their stems.
    let mut hits: Vec<(Span, String)> = Vec::new();
    if !q.stems.is_empty() {
        for w in words(&d.text) {
            let lower = w.text.to_lowercase();
            let stem = match &stemmer {
                Some(s) => s.stem(&lower).into_owned(),
                None => lower.clone(),
            };
            if q.stems.contains(&stem) || q.stems.contains(&lower) {
                let start = char_of_byte(&d.text, w.start);
                let end = start + w.text.chars().count();
                hits.push((Span::new(start, end), stem));
            }
        }
    }
    // Windows: the digest's sentences, or the whole text when it has none.
    let windows: Vec<Span> = if d.sentences.is_empty() {
        vec![Span::new(0, chars.len())]
    } else {
        d.sentences.clone()
    };
    let mut best = windows[0];
    let mut best_score = 0usize;
    for w in &windows {
        let distinct: HashSet<&str> = hits
            .iter()
            .filter(|(s, _)| s.start >= w.start && s.end <= w.end)
            .map(|(_, st)| st.as_str())
            .collect();
        if distinct.len() > best_score {
            best_score = distinct.len();
            best = *w;
        }
    }
    let mut start = best.start.min(chars.len());
    let mut end = best.end.min(chars.len()).max(start);
    if end - start > SNIPPET_CHARS {
        // Centre the cut on the first hit inside the window.
        let first = hits
            .iter()
            .find(|(s, _)| s.start >= start && s.end <= end)
            .map(|(s, _)| s.start)
            .unwrap_or(start);
        start = first.saturating_sub(SNIPPET_CHARS / 3).max(start);
        end = (start + SNIPPET_CHARS).min(end);
    }
    let mut text: String = chars[start..end].iter().collect();
    let mut offset = 0usize;
    if start > best.start {
        text.insert(0, '…');
        offset = 1;
    }
    if end < best.end {
        text.push('…');
    }
    let highlights = hits
        .iter()
        .filter(|(s, _)| s.start >= start && s.end <= end)
        .map(|(s, _)| Span::new(s.start - start + offset, s.end - start + offset))
        .collect();
    Snippet { text, highlights }
}

/// Lower-cases and collapses white space, the form entity and speaker names are matched in.
pub fn norm_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_italian_plurals_together() {
        let a = stem_text("I governi europei", "it");
        let q = parse_query("governo", Some("it"));
        let fts = q.fts.expect("a query");
        let stem = fts.trim_matches(|c| c == '(' || c == ')' || c == '"');
        assert!(a.split(' ').any(|t| t == stem), "{a} vs {fts}");
    }

    #[test]
    fn query_is_quoted_and_stopwords_dropped() {
        let q = parse_query("la guerra\" OR x", None);
        let fts = q.fts.expect("a query");
        assert!(!fts.contains("\"la\""), "{fts}");
        assert!(fts.contains("\"guerr\""), "{fts}");
        // The quote opened a phrase: its words are one phrase clause, never bare syntax.
        assert!(fts.contains("\"or x\""), "{fts}");
    }

    #[test]
    fn only_stopwords_still_search() {
        let q = parse_query("the", Some("en"));
        assert_eq!(q.fts.as_deref(), Some("(\"the\")"));
        assert!(parse_query("  ,;  ", None).fts.is_none());
    }
}
