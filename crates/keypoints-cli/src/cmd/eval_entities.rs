//! `keypoints eval-entities FILE`: exact-span micro P/R/F1 per type and overall of the entity
//! stage on a KIND-style token/tag file. The method is documented in `keypoints::entities::eval`.
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use keypoints::entities::eval::{evaluate, parse_kind, Prf};

/// Arguments of `eval-entities`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The token/tag file (e.g. ../shared/data/entities/kind-wikinews-train.tsv).
    pub file: PathBuf,
    /// Language of the text.
    #[arg(short, long, default_value = "it")]
    pub lang: String,
    /// Also print every wrong (FP) and missed (FN) mention, one a line, for error analysis.
    #[arg(long)]
    pub errors: bool,
}

/// Runs `eval-entities`.
pub fn run(args: Args) -> Result<()> {
    let lang = keypoints::lang::get(&args.lang)?;
    let data = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let sentences = parse_kind(&data);
    if sentences.is_empty() {
        bail!(
            "no sentences (token<TAB>tag lines) in {}",
            args.file.display()
        );
    }
    let s = evaluate(&sentences, lang);
    println!(
        "Entities: {} sentences, exact-span micro scores",
        s.sentences
    );
    println!("| type | precision | recall | F1 | gold | predicted |");
    println!("|---|---|---|---|---|---|");
    let row = |name: &str, p: &Prf| {
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {} | {} |",
            p.precision(),
            p.recall(),
            p.f1(),
            p.tp + p.fn_,
            p.tp + p.fp
        );
    };
    for (t, p) in &s.per_type {
        let name = serde_json::to_value(t)?.as_str().unwrap_or("?").to_string();
        row(&name, p);
    }
    row("overall", &s.overall);
    if args.errors {
        for (what, t, text) in &s.errors {
            println!("{what}\t{t:?}\t{text}");
        }
    }
    Ok(())
}
