//! Prints the type model's training examples of a KIND-style file: one name a line, its gold
//! class, a tab, its features separated by spaces. Input of `tools/entity_model/train.py`.
//!
//! `cargo run --profile fast -p keypoints --example entity_features -- FILE [K/M [MODEL]]` (K may be a list, "1,3,4/5"; MODEL: an `entity_model` list used instead of the
//! compiled-in one; its cut weights decide the names whose types are printed). Cut examples are
//! printed as "JOIN" or "CUT" lines; names whose mentions overlap a gold entity of another span
//! as "BND" lines (left out of training unless `train.py` is told otherwise).
use keypoints::entities::eval::{parse_kind, parts, type_examples};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: entity_features FILE [K/M [MODEL]]");
        std::process::exit(2);
    };
    let Ok(data) = std::fs::read_to_string(file) else {
        eprintln!("cannot read {file}");
        std::process::exit(2);
    };
    let all = parse_kind(&data);
    let sents = &parts(&all, args.get(2).map_or("", String::as_str))[..];
    let Ok(lang) = keypoints::lang::get("it") else {
        std::process::exit(2);
    };
    let model = match args.get(3) {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(m) => Some(m),
            Err(_) => {
                eprintln!("cannot read {path}");
                std::process::exit(2);
            }
        },
        None => None,
    };
    for (label, feats) in type_examples(sents, lang, model.as_deref()) {
        println!("{label}\t{}", feats.join(" "));
    }
}
