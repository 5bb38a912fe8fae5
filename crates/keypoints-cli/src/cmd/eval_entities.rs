//! `keypoints eval-entities FILE`: exact-span micro P/R/F1 per type and overall of the entity
//! stage on a KIND-style token/tag file. The method is documented in `keypoints::entities::eval`.
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use keypoints::entities::eval::{evaluate, parse_kind, part};

/// Arguments of `eval-entities`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The token/tag file (e.g. ../shared/data/entities/kind-wikinews-train.tsv).
    pub file: PathBuf,
    /// Language of the text.
    #[arg(short, long, default_value = "it")]
    pub lang: String,
    /// Also print every wrong (FP) and missed (FN) mention, one a line with its sentence (the
    /// mention in `[[ ]]`), for error analysis.
    #[arg(long)]
    pub errors: bool,
    /// Score only part K of M of the file ("1/2" is the first half), cut at pseudo-article
    /// boundaries.
    #[arg(long, value_name = "K/M")]
    pub part: Option<String>,
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
    let sentences = match &args.part {
        None => &sentences[..],
        Some(p) => {
            let parsed = p
                .split_once('/')
                .and_then(|(k, m)| Some((k.trim().parse().ok()?, m.trim().parse().ok()?)));
            match parsed {
                Some((k, m)) if k >= 1 && k <= m => part(&sentences, k, m),
                _ => bail!("--part wants K/M with 1 <= K <= M, e.g. 1/2"),
            }
        }
    };
    let s = evaluate(sentences, lang);
    print!("{}", s.report(args.errors));
    Ok(())
}
