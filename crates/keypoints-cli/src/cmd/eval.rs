//! `keypoints eval`: key points of every article of a summary set scored with ROUGE, beside Lead-3
//! and the systems the set carries. The scoring lives in `keypoints::eval`.
use std::io::Write;

use anyhow::{Context, Result};
use keypoints::eval::summaries::{self, Table, KEYPOINTS};
use keypoints::Options;

/// Arguments of `eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The summary set (JSON lines: id, lang, text, references, systems, title?).
    pub data: String,
    /// Also write the key points, `{"id","key_points":[...]}` a line, to this file.
    #[arg(long, value_name = "FILE")]
    pub write_predictions: Option<String>,
    /// Number of key points an article (default: 3 to 5, by the article's length).
    #[arg(short, long)]
    pub points: Option<usize>,
    /// Trim trailing attributions from key points.
    #[arg(long)]
    pub concise: bool,
    /// Print the table as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `eval`.
pub fn run(args: Args) -> Result<()> {
    let raw = std::fs::read_to_string(&args.data)
        .with_context(|| format!("cannot read {}", args.data))?;
    let records = summaries::parse_records(&raw).with_context(|| args.data.clone())?;
    let opts = Options {
        points: args.points,
        concise: args.concise,
        ..Options::default()
    };
    let preds: Vec<Vec<String>> = records
        .iter()
        .map(|r| summaries::predict(r, &opts))
        .collect();
    if let Some(path) = &args.write_predictions {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {path}"))?,
        );
        for (r, p) in records.iter().zip(&preds) {
            let line = serde_json::json!({"id": r.id, "key_points": p});
            writeln!(f, "{line}")?;
        }
        f.flush().with_context(|| format!("cannot write {path}"))?;
    }
    let table = summaries::evaluate(&records, Some(&preds));
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", to_json(&table))?;
    } else {
        print_table(&mut out, &table)?;
    }
    Ok(())
}

fn to_json(t: &Table) -> serde_json::Value {
    let rows: serde_json::Map<String, serde_json::Value> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                serde_json::json!({"rouge1": r.f1[0], "rouge2": r.f1[1], "rougeL": r.f1[2], "rougeLsum": r.f1[3]}),
            )
        })
        .collect();
    serde_json::json!({"docs": t.docs, "rows": rows})
}

fn print_table(out: &mut impl Write, t: &Table) -> Result<()> {
    writeln!(out, "{} documents", t.docs)?;
    writeln!(
        out,
        "{:<34} {:>6} {:>6} {:>6} {:>6}",
        "system", "R1", "R2", "RL", "RLsum"
    )?;
    for r in &t.rows {
        let mark = if r.name == KEYPOINTS { " <=" } else { "" };
        writeln!(
            out,
            "{:<34} {:6.2} {:6.2} {:6.2} {:6.2}{mark}",
            r.name, r.f1[0], r.f1[1], r.f1[2], r.f1[3]
        )?;
    }
    Ok(())
}
