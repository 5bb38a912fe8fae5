//! `keypoints eval-quotes DIR`: precision, recall and F1 of quote content spans and speaker
//! accuracy against PolNeAR (brat standoff, `NAME.txt` + `NAME_ANNOTATOR.ann`). The matching rules
//! are documented in `keypoints::quotes::eval`.
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use keypoints::quotes::eval::{parse_brat, predict, score_detailed, Counts};

/// Arguments of `eval-quotes`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PolNeAR folder (e.g. ../shared/data/quotes/polnear/dev).
    pub dir: PathBuf,
    /// Language of the documents.
    #[arg(short, long, default_value = "en")]
    pub lang: String,
    /// Use this annotator's file where a document has several (default: the first by name).
    #[arg(long)]
    pub annotator: Option<String>,
    /// Print one line per document.
    #[arg(long)]
    pub per_doc: bool,
    /// Print missed gold quotes (`FN`, with their cue) and unmatched predictions (`FP`).
    #[arg(long)]
    pub errors: bool,
}

/// Runs `eval-quotes`.
pub fn run(args: Args) -> Result<()> {
    let lang = keypoints::lang::get(&args.lang)?;
    let entries = std::fs::read_dir(&args.dir)
        .with_context(|| format!("cannot read folder {}", args.dir.display()))?;
    // NAME -> (txt, [ann files])
    let mut docs: BTreeMap<String, (Option<PathBuf>, Vec<PathBuf>)> = BTreeMap::new();
    let mut anns = Vec::new();
    for e in entries {
        let p = e?.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(stem) = name.strip_suffix(".txt") {
            docs.entry(stem.to_string()).or_default().0 = Some(p);
        } else if name.ends_with(".ann") {
            anns.push(p);
        }
    }
    for p in anns {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.trim_end_matches(".ann");
        if let Some((doc, _)) = stem.rsplit_once('_') {
            if let Some(d) = docs.get_mut(doc) {
                d.1.push(p.clone());
            }
        }
    }
    let mut total = Counts::default();
    let mut ndocs = 0;
    for (name, (txt, mut anns)) in docs {
        let Some(txt) = txt else { continue };
        anns.sort();
        let ann = match &args.annotator {
            Some(a) => anns
                .iter()
                .find(|p| p.to_string_lossy().ends_with(&format!("_{a}.ann")))
                .or(anns.first()),
            None => anns.first(),
        };
        let Some(ann) = ann else { continue };
        let text = std::fs::read_to_string(&txt)
            .with_context(|| format!("cannot read {}", txt.display()))?;
        let gold = parse_brat(
            &std::fs::read_to_string(ann)
                .with_context(|| format!("cannot read {}", ann.display()))?,
        );
        let pred = predict(&text, lang);
        let (c, gmatched, pairs) = score_detailed(&gold, &pred);
        if args.errors {
            let piece = |r: &std::ops::Range<usize>| -> String {
                text.chars()
                    .skip(r.start)
                    .take(r.len())
                    .collect::<String>()
                    .replace('\n', " ")
            };
            for (g, m) in gold.iter().zip(&gmatched) {
                if !m {
                    let cue: Vec<String> = g.cue.iter().map(piece).collect();
                    let content: String =
                        g.content.iter().map(piece).collect::<Vec<_>>().join(" … ");
                    // The prediction overlapping it most, when one does (a boundary miss).
                    let glen: usize = g.content.iter().map(|r| r.len()).sum();
                    let best = pred
                        .iter()
                        .map(|p| (overlap(&g.content, &p.content), p))
                        .filter(|(ov, _)| *ov > 0)
                        .max_by_key(|(ov, _)| *ov);
                    let near = match best {
                        Some((ov, p)) => format!(
                            "\t~{:.2}\t{}",
                            ov as f64 / glen.max(1) as f64,
                            piece(&p.content)
                        ),
                        None => String::new(),
                    };
                    println!("FN\t{}\t{}{}", cue.join(" ").to_lowercase(), content, near);
                }
            }
            let mut pmatched = vec![false; pred.len()];
            for &(gi, pi) in &pairs {
                pmatched[pi] = true;
                println!("TP\t{}", pred[pi].cue.to_lowercase());
                let g = &gold[gi];
                if let (Some(src), Some(sp)) = (g.source.first(), &pred[pi].speaker) {
                    if !g
                        .source
                        .iter()
                        .any(|r| r.start < sp.end && sp.start < r.end)
                    {
                        println!(
                            "SPK\t{}\t{}\t{}",
                            piece(src),
                            piece(sp),
                            piece(&pred[pi].content)
                        );
                    }
                } else if !g.source.is_empty() {
                    println!(
                        "SPK\t{}\t(none)\t{}",
                        piece(&g.source[0]),
                        piece(&pred[pi].content)
                    );
                }
            }
            for (p, m) in pred.iter().zip(&pmatched) {
                if !m {
                    let near = gold
                        .iter()
                        .filter_map(|g| {
                            let glen: usize = g.content.iter().map(|r| r.len()).sum();
                            let ov = overlap(&g.content, &p.content);
                            (ov > 0).then(|| (ov as f64 / glen.max(1) as f64, g))
                        })
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(r, g)| {
                            let t: Vec<String> = g.content.iter().map(piece).collect();
                            format!("\t~{r:.2}\t{}", t.join(" … "))
                        })
                        .unwrap_or_default();
                    println!(
                        "FP\t{}\t{}{}",
                        p.cue.to_lowercase(),
                        piece(&p.content),
                        near
                    );
                }
            }
        }
        if args.per_doc {
            println!(
                "{name}\tgold {}\tpred {}\tmatched {}\tspeaker {}/{}",
                c.gold, c.predicted, c.matched, c.speaker_right, c.with_source
            );
        }
        total.add(&c);
        ndocs += 1;
    }
    if ndocs == 0 {
        bail!(
            "no PolNeAR documents (NAME.txt with NAME_ANNOTATOR.ann) in {}",
            args.dir.display()
        );
    }
    println!(
        "PolNeAR quotes: {} documents, {} gold, {} predicted, {} matched",
        ndocs, total.gold, total.predicted, total.matched
    );
    println!("| metric | value |");
    println!("|---|---|");
    println!("| precision | {:.3} |", total.precision());
    println!("| recall | {:.3} |", total.recall());
    println!("| F1 | {:.3} |", total.f1());
    println!(
        "| speaker accuracy | {:.3} ({} of {} matched with a gold source) |",
        total.speaker_accuracy(),
        total.speaker_right,
        total.with_source
    );
    Ok(())
}

/// Bytes of the gold content pieces `gold` that the predicted span `p` covers.
fn overlap(gold: &[std::ops::Range<usize>], p: &std::ops::Range<usize>) -> usize {
    gold.iter()
        .map(|r| r.end.min(p.end).saturating_sub(r.start.max(p.start)))
        .sum()
}
