//! Scores the entity stage on part K of M of a KIND-style file with a type model read from a
//! file instead of the compiled-in one: the held-out half of a cross-validation fold
//! (`tools/entity_model/train.py --cv` runs it). Prints the same table as
//! `keypoints eval-entities`, and with `--errors` the wrong and missed mentions.
//!
//! `cargo run --profile fast -p keypoints --example entity_eval -- FILE K/M MODEL [--errors]` (K may be a list,
//! "1,3,4/5": those parts joined)
use keypoints::entities::eval::{evaluate_with_model, parse_kind, parts};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(km), Some(model)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: entity_eval FILE K/M MODEL [--errors]");
        std::process::exit(2);
    };
    let (Ok(data), Ok(model)) = (
        std::fs::read_to_string(file),
        std::fs::read_to_string(model),
    ) else {
        eprintln!("cannot read {file} or the model");
        std::process::exit(2);
    };
    let all = parse_kind(&data);
    let sents = &parts(&all, km)[..];
    let Ok(lang) = keypoints::lang::get("it") else {
        std::process::exit(2);
    };
    let s = evaluate_with_model(sents, lang, &model);
    print!("{}", s.report(args.iter().any(|a| a == "--errors")));
}
