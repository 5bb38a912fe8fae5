//! Prints the quote model's training data of a PolNeAR folder, one JSON object a document:
//! its gold quotes (content and source spans) and every quote the rules find before the model
//! decides (content and speaker spans, nested or not, features). Input of
//! `tools/quote_model/train.py`.
//!
//! `cargo run --profile fast -p keypoints --example quote_features -- DIR > FILE.jsonl`
use std::collections::BTreeMap;

use keypoints::quotes::eval::{candidates, parse_brat};

fn spans(r: &[std::ops::Range<usize>]) -> String {
    let v: Vec<String> = r
        .iter()
        .map(|r| format!("[{},{}]", r.start, r.end))
        .collect();
    format!("[{}]", v.join(","))
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: quote_features DIR");
        std::process::exit(2);
    };
    let Ok(lang) = keypoints::lang::get("en") else {
        std::process::exit(2);
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("cannot read {dir}");
        std::process::exit(2);
    };
    // NAME -> annotation files; the first by name is used, as `eval-quotes` does.
    let mut docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".ann") {
            if let Some((doc, _)) = stem.rsplit_once('_') {
                docs.entry(doc.to_string()).or_default().push(name.clone());
            }
        }
    }
    for (doc, mut anns) in docs {
        anns.sort();
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(format!("{dir}/{doc}.txt")),
            std::fs::read_to_string(format!("{dir}/{}", anns[0])),
        ) else {
            continue;
        };
        let gold: Vec<String> = parse_brat(&ann)
            .iter()
            .map(|g| format!("[{},{}]", spans(&g.content), spans(&g.source)))
            .collect();
        let cands: Vec<String> = candidates(&text, lang)
            .iter()
            .map(|(p, nested, f)| {
                let fs: Vec<String> = f.iter().map(|x| json_str(x)).collect();
                format!(
                    "[[{},{}],{},{},[{}]]",
                    p.content.start,
                    p.content.end,
                    p.speaker
                        .as_ref()
                        .map_or("null".to_string(), |s| format!("[{},{}]", s.start, s.end)),
                    nested,
                    fs.join(",")
                )
            })
            .collect();
        println!(
            "{{\"doc\":{},\"gold\":[{}],\"cands\":[{}]}}",
            json_str(&doc),
            gold.join(","),
            cands.join(",")
        );
    }
}
