//! Evaluation on summary sets: key points of each article scored with ROUGE beside Lead-3 and the
//! systems the set carries, as the reference script (`shared/tools/rouge_reference.py`) does.
//!
//! A set is JSON lines, `{"id", "lang", "text", "references": [...], "systems": {name: text},
//! "title"?}`. Each article is analysed in its record's language; a record's title becomes the
//! title block, so the ranker can use it as it would a page's headline. Rows average F1 over the
//! documents (x100) and are sorted by ROUGE-1, best first, ties in order of first appearance.
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::rouge::{self, Summary, Tokenizer};
use crate::structure::{Block, BlockKind};
use crate::{Error, Meta, Options, Result};

/// One article of a summary set.
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    /// The record's id.
    pub id: String,
    /// Language code of the article (default "en").
    #[serde(default = "english")]
    pub lang: String,
    /// The article's text.
    pub text: String,
    /// Human summaries; the best one by ROUGE-1 + ROUGE-2 counts.
    pub references: Vec<String>,
    /// Outputs of published systems, in the file's order.
    #[serde(default, deserialize_with = "ordered_map")]
    pub systems: Vec<(String, String)>,
    /// The headline, when the set has one.
    #[serde(default)]
    pub title: Option<String>,
}

fn english() -> String {
    "en".to_string()
}

/// Reads a JSON object of strings keeping its order (serde_json's map would sort the keys).
fn ordered_map<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<(String, String)>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of strings")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut m: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = m.next_entry::<String, String>()? {
                out.push((k, v));
            }
            Ok(out)
        }
        fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(V)
}

/// Parses a summary set (JSON lines; blank lines are skipped).
pub fn parse_records(jsonl: &str) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line)
            .map_err(|e| Error::Invalid(format!("line {} of the summary set: {e}", i + 1)))?;
        out.push(r);
    }
    Ok(out)
}

/// The key points of one record's article as plain strings; an article the library refuses
/// (empty text) gives no points.
pub fn predict(record: &Record, opts: &Options) -> Vec<String> {
    let mut opts = opts.clone();
    opts.lang = Some(record.lang.clone());
    let mut blocks = Vec::new();
    if let Some(t) = record.title.as_deref().filter(|t| !t.trim().is_empty()) {
        blocks.push(Block::new(BlockKind::Title, t.trim()));
    }
    blocks.extend(crate::structure::blocks_from_text(&record.text));
    match crate::analyze_blocks(&blocks, Meta::default(), Some(&record.lang), &opts) {
        Ok(d) => d.key_points.into_iter().map(|k| k.text).collect(),
        Err(_) => Vec::new(),
    }
}

/// One row of the table: a system and its mean F1 values x100.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The system's name (`keypoints`, `lead-3`, or a name from the set).
    pub name: String,
    /// Mean ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum F1, x100.
    pub f1: [f64; 4],
}

/// The evaluation table of a summary set.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Number of documents.
    pub docs: usize,
    /// Rows sorted by ROUGE-1, best first.
    pub rows: Vec<Row>,
}

impl Table {
    /// The row of `name`, if any.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// The name of the project's row.
pub const KEYPOINTS: &str = "keypoints";

/// Scores `predictions` (one list of points a record, in order; `None` to leave the row out)
/// beside Lead-3 and the set's systems. Systems missing from some records are left out, as the
/// reference script does.
pub fn evaluate(records: &[Record], predictions: Option<&[Vec<String>]>) -> Table {
    let mut rows: Vec<(String, Vec<[f64; 4]>)> = Vec::new();
    fn add(rows: &mut Vec<(String, Vec<[f64; 4]>)>, name: &str, s: [f64; 4]) {
        match rows.iter_mut().find(|r| r.0 == name) {
            Some(r) => r.1.push(s),
            None => rows.push((name.to_string(), vec![s])),
        }
    }
    for (i, rec) in records.iter().enumerate() {
        let tok = Tokenizer::for_lang(&rec.lang);
        let lead = rouge::lead3(&rec.text);
        add(
            &mut rows,
            "lead-3",
            rouge::score_best(&rec.references, Summary::Points(&lead), tok).f1(),
        );
        for (name, out) in &rec.systems {
            add(
                &mut rows,
                name,
                rouge::score_best(&rec.references, Summary::Text(out), tok).f1(),
            );
        }
        if let Some(p) = predictions {
            let pts = p.get(i).map(Vec::as_slice).unwrap_or(&[]);
            add(
                &mut rows,
                KEYPOINTS,
                rouge::score_best(&rec.references, Summary::Points(pts), tok).f1(),
            );
        }
    }
    let docs = records.len();
    let mut out: Vec<Row> = rows
        .into_iter()
        .filter(|(_, s)| s.len() == docs && docs > 0)
        .map(|(name, s)| {
            let mut f1 = [0.0; 4];
            for x in &s {
                for k in 0..4 {
                    f1[k] += x[k];
                }
            }
            f1.iter_mut().for_each(|v| *v = 100.0 * *v / docs as f64);
            Row { name, f1 }
        })
        .collect();
    out.sort_by(|a, b| b.f1[0].total_cmp(&a.f1[0]));
    Table { docs, rows: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_scores_a_small_set() {
        let data = r#"{"id":"a","lang":"en","text":"Police arrested two men on Monday. The men were charged with theft. A court will hear the case in May. Nothing else happened.","references":["Two men were arrested and charged with theft."],"systems":{"zeta":"Nothing else happened.","alpha":"Police arrested two men."}}"#;
        let recs = parse_records(data).unwrap();
        assert_eq!(recs[0].systems[0].0, "zeta");
        let preds = vec![predict(&recs[0], &Options::default())];
        assert!(!preds[0].is_empty());
        let t = evaluate(&recs, Some(&preds));
        assert_eq!(t.docs, 1);
        assert_eq!(t.rows.len(), 4);
        assert!(t.row("alpha").unwrap().f1[0] > t.row("zeta").unwrap().f1[0]);
        assert!(t.rows.windows(2).all(|w| w[0].f1[0] >= w[1].f1[0]));
        assert!(parse_records("{\"id\":1}").is_err());
    }
}
