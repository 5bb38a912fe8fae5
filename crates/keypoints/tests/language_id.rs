//! Language identification on the shared data: every article of the summary sets, their first
//! twelve words, and the single sentences of the Italian UD sets. Prints the accuracy of the
//! stopword vote, of whatlang alone and of the two combined (`lang::detect`), and holds the
//! combination to the figures in `docs/language.md`. Skips with a message where the data is absent.
use std::path::{Path, PathBuf};

use keypoints::lang;

fn shared() -> PathBuf {
    std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// (set name, expected code, texts)
fn sets() -> Option<Vec<(String, &'static str, Vec<String>)>> {
    let root = shared().join("data");
    let mut out = Vec::new();
    for (file, code) in [
        ("cnndm-dev.jsonl", "en"),
        ("mlsum-de-dev.jsonl", "de"),
        ("mlsum-es-dev.jsonl", "es"),
        ("mlsum-fr-dev.jsonl", "fr"),
    ] {
        let path = root.join("summaries").join(file);
        let Ok(raw) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return None;
        };
        let recs = keypoints::eval::summaries::parse_records(&raw).unwrap();
        let texts: Vec<String> = recs.iter().map(|r| r.text.clone()).collect();
        let heads: Vec<String> = texts
            .iter()
            .map(|t| t.split_whitespace().take(12).collect::<Vec<_>>().join(" "))
            .collect();
        out.push((format!("{file} articles"), code, texts));
        out.push((format!("{file} first 12 words"), code, heads));
    }
    let mut ud = Vec::new();
    for file in ["it_isdt-ud-dev.conllu", "it_vit-ud-dev.conllu"] {
        let path = root.join("sentences").join(file);
        let Ok(raw) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return None;
        };
        ud.extend(
            raw.lines()
                .filter_map(|l| l.strip_prefix("# text = "))
                .map(str::to_string),
        );
    }
    out.push(("Italian UD sentences".to_string(), "it", ud));
    Some(out)
}

#[test]
fn identification_accuracy() {
    let Some(sets) = sets() else { return };
    eprintln!(
        "{:<34} {:>6} {:>8} {:>8} {:>9} {:>9}",
        "set", "texts", "voted", "vote ok", "whatlang", "combined"
    );
    for (name, code, texts) in &sets {
        let n = texts.len() as f64;
        let mut voted = 0;
        let mut vote_ok = 0;
        let mut wl = 0;
        let mut comb = 0;
        for t in texts {
            if let Some(c) = lang::vote(t) {
                voted += 1;
                vote_ok += usize::from(c == *code);
            }
            wl += usize::from(lang::trigrams(t).code == Some(*code));
            comb += usize::from(lang::detect(t).code == Some(*code));
        }
        eprintln!(
            "{:<34} {:>6} {:>7.1}% {:>7.1}% {:>8.1}% {:>8.1}%",
            name,
            texts.len(),
            100.0 * voted as f64 / n,
            100.0 * vote_ok as f64 / voted.max(1) as f64,
            100.0 * wl as f64 / n,
            100.0 * comb as f64 / n
        );
        // Whole articles: always right. Short texts: no worse than whatlang alone, less a margin
        // of one text in fifty for the sets of fifteen.
        let comb = comb as f64 / n;
        let wl = wl as f64 / n;
        if name.ends_with("articles") {
            assert_eq!(comb, 1.0, "{name}");
        } else {
            assert!(
                comb >= wl - 0.07,
                "{name}: combined {comb:.3} < whatlang {wl:.3}"
            );
        }
    }
}
