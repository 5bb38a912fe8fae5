//! Measures the search design on the shared data (a benchmark, not a test):
//!
//! 1. Stemming quality for Italian, against the lemmas of the Universal Dependencies Italian dev
//!    set: over the distinct (form, lemma) pairs of nouns, verbs and adjectives, how many pairs of
//!    forms sharing a lemma get one index term (recall) and how many pairs sharing an index term
//!    share a lemma (precision), for FTS5's plain `unicode61` tokenizer, its built-in `porter`
//!    (English) stemmer, and the Snowball Italian stemmer the store pre-stems with.
//! 2. Index speed, size and query speed of the store on every article of the shared summary sets
//!    plus Italian Wikinews (KIND) sentences grouped into articles; analysis time is excluded.
//!
//! Run: `cargo run --release -p keypoints-server --example search_eval`
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use keypoints_server::search;
use keypoints_server::store::{SearchParams, Store};
use rusqlite::Connection;

fn shared() -> PathBuf {
    std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn pairs(n: usize) -> u64 {
    (n as u64) * (n as u64).saturating_sub(1) / 2
}

/// The index terms SQLite's tokenizer `tokenize` makes of each string, joined.
fn tokenize_all(items: &[String], tokenize: &str) -> rusqlite::Result<Vec<String>> {
    let c = Connection::open_in_memory()?;
    c.execute_batch(&format!(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{tokenize}');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');"
    ))?;
    {
        let mut ins = c.prepare("INSERT INTO t (rowid, x) VALUES (?1, ?2)")?;
        for (i, s) in items.iter().enumerate() {
            ins.execute(rusqlite::params![i as i64 + 1, s])?;
        }
    }
    let mut out = vec![String::new(); items.len()];
    let mut st = c.prepare("SELECT doc, term FROM v ORDER BY doc, offset")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (doc, term) = row?;
        let slot = &mut out[(doc - 1) as usize];
        if !slot.is_empty() {
            slot.push(' ');
        }
        slot.push_str(&term);
    }
    Ok(out)
}

fn stemming_quality() -> anyhow::Result<()> {
    let path = shared().join("data/sentences/it_isdt-ud-dev.conllu");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping stemming quality: {} not found", path.display());
        return Ok(());
    };
    let mut items: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        if !matches!(cols[3], "NOUN" | "VERB" | "ADJ") {
            continue;
        }
        let form = cols[1].to_lowercase();
        let lemma = cols[2].to_lowercase();
        if form.chars().all(char::is_alphabetic) && lemma.chars().all(char::is_alphabetic) {
            items.push((form, lemma));
        }
    }
    items.sort();
    items.dedup();
    let forms: Vec<String> = items.iter().map(|(f, _)| f.clone()).collect();
    let snowball: Vec<String> = forms.iter().map(|f| search::stem_text(f, "it")).collect();
    let methods: Vec<(&str, Vec<String>)> = vec![
        (
            "FTS5 unicode61 (no stemming)",
            tokenize_all(&forms, "unicode61 remove_diacritics 2")?,
        ),
        (
            "FTS5 porter (English stemmer)",
            tokenize_all(&forms, "porter unicode61 remove_diacritics 2")?,
        ),
        (
            "Snowball Italian, pre-stemmed (chosen)",
            tokenize_all(&snowball, "unicode61 remove_diacritics 2")?,
        ),
    ];
    let mut by_lemma: HashMap<&str, usize> = HashMap::new();
    for (_, l) in &items {
        *by_lemma.entry(l).or_default() += 1;
    }
    let gold: u64 = by_lemma.values().map(|&n| pairs(n)).sum();
    println!(
        "Italian stemming vs UD lemmas ({} distinct noun/verb/adjective forms, {} same-lemma pairs)\n",
        items.len(),
        gold
    );
    println!("| index terms | distinct terms | pair recall | pair precision | F1 |");
    println!("|---|---|---|---|---|");
    for (name, terms) in &methods {
        let mut by_term: HashMap<&str, usize> = HashMap::new();
        let mut by_both: HashMap<(&str, &str), usize> = HashMap::new();
        for (t, (_, l)) in terms.iter().zip(&items) {
            *by_term.entry(t).or_default() += 1;
            *by_both.entry((t, l)).or_default() += 1;
        }
        let same_term: u64 = by_term.values().map(|&n| pairs(n)).sum();
        let tp: u64 = by_both.values().map(|&n| pairs(n)).sum();
        let r = tp as f64 / gold.max(1) as f64;
        let p = tp as f64 / same_term.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} |",
            by_term.len(),
            r,
            p,
            f
        );
    }
    println!();
    Ok(())
}

fn corpus() -> Vec<String> {
    let mut docs = Vec::new();
    let sums = shared().join("data/summaries");
    for name in [
        "cnndm-dev.jsonl",
        "mlsum-de-dev.jsonl",
        "mlsum-es-dev.jsonl",
        "mlsum-fr-dev.jsonl",
    ] {
        if let Ok(t) = std::fs::read_to_string(sums.join(name)) {
            for line in t.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(s) = v["text"].as_str() {
                        docs.push(s.to_string());
                    }
                }
            }
        }
    }
    // KIND: Italian Wikinews, one token a line; 25 sentences make an article.
    if let Ok(t) = std::fs::read_to_string(shared().join("data/entities/kind-wikinews-train.tsv")) {
        let mut sentences: Vec<String> = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        for line in t.lines() {
            match line.split('\t').next() {
                Some(tok) if !line.trim().is_empty() => cur.push(tok),
                _ => {
                    if !cur.is_empty() {
                        sentences.push(cur.join(" "));
                        cur.clear();
                    }
                }
            }
        }
        for chunk in sentences.chunks(25) {
            docs.push(chunk.join("\n\n"));
        }
    }
    docs
}

fn index_and_query() -> anyhow::Result<()> {
    let docs = corpus();
    if docs.is_empty() {
        eprintln!("skipping index speed: no shared data");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("eval.db");
    let store = Store::open(&db)?;
    let digests: Vec<keypoints::Digest> = docs
        .iter()
        .filter_map(|d| keypoints::analyze(d, &keypoints::Options::default()).ok())
        .collect();
    let bytes: usize = digests.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    for d in &digests {
        store.insert(d, None)?;
    }
    let index_secs = t.elapsed().as_secs_f64();
    // Queries: every 97th word of length >= 5 of the texts (deterministic), one and two words.
    let words: Vec<String> = digests
        .iter()
        .flat_map(|d| {
            keypoints::text::tokens::words(&d.text)
                .map(|w| w.text.to_lowercase())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() >= 5)
        .step_by(97)
        .take(400)
        .collect();
    let mut lat = Vec::new();
    let mut found = 0usize;
    for (i, w) in words.iter().enumerate() {
        let q = if i % 2 == 0 {
            w.clone()
        } else {
            format!("{w} {}", words[(i * 7) % words.len()])
        };
        let t = Instant::now();
        let parsed = search::parse_query(&q, None);
        let hits = store.search(&SearchParams {
            query: Some(parsed.clone()),
            limit: 10,
            ..Default::default()
        })?;
        for h in hits.iter().take(10) {
            let _ = search::snippet(&h.article.digest, &parsed);
        }
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(!hits.is_empty());
    }
    // Closing the last connection checkpoints the WAL into the main file.
    drop(store);
    let size = std::fs::metadata(&db)?.len();
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "Store on {} articles ({:.1} MB of text; SQLite WAL, synchronous=FULL, one transaction an article)\n",
        digests.len(),
        bytes as f64 / 1e6
    );
    println!("| articles | index time | articles/s | file size | size / text | queries | with hits | query p50 | query p99 |");
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {:.2} s | {:.0} | {:.1} MB | {:.2}x | {} | {} | {:.2} ms | {:.2} ms |",
        digests.len(),
        index_secs,
        digests.len() as f64 / index_secs,
        size as f64 / 1e6,
        size as f64 / bytes as f64,
        lat.len(),
        found,
        pct(0.5),
        pct(0.99)
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    stemming_quality()?;
    index_and_query()?;
    Ok(())
}
