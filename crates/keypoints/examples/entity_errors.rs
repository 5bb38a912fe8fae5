//! Prints every wrong (FP) and missed (FN) entity mention of the KIND-style file with its
//! sentence, for error analysis: `TAB`-separated `FP|FN`, type, mention, sentence (the mention in
//! `[[ ]]`).
//!
//! `cargo run --profile fast -p keypoints --example entity_errors -- FILE [K/M]`
use keypoints::entities::eval::{evaluate, parse_kind, part};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: entity_errors FILE [K/M]");
        std::process::exit(2);
    };
    let Ok(data) = std::fs::read_to_string(file) else {
        eprintln!("cannot read {file}");
        std::process::exit(2);
    };
    let all = parse_kind(&data);
    let sents = match args.get(2).and_then(|p| p.split_once('/')) {
        Some((k, m)) => part(&all, k.parse().unwrap_or(1), m.parse().unwrap_or(1)),
        None => &all[..],
    };
    let Ok(lang) = keypoints::lang::get("it") else {
        std::process::exit(2);
    };
    let s = evaluate(sents, lang);
    for ((what, t, text), ctx) in s.errors.iter().zip(&s.contexts) {
        println!("{what}\t{t:?}\t{text}\t{ctx}");
    }
}
