//! `keypoints eval-sentences`: sentence-boundary precision, recall and F1 against the gold
//! sentences of CoNLL-U files (see `keypoints::eval::sentences` for the metric).
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use keypoints::eval::sentences::{context, evaluate, Counts};

/// Arguments of `eval-sentences`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// CoNLL-U files (default: every `*.conllu` in `$KEYPOINTS_SHARED/data/sentences`, else
    /// `../shared/data/sentences`).
    pub files: Vec<PathBuf>,
    /// Language whose data the splitter uses.
    #[arg(short, long, default_value = "it")]
    pub lang: String,
    /// Also print up to this many missed and spurious boundaries per file, in context.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
}

/// Runs `eval-sentences`.
pub fn run(args: Args) -> Result<()> {
    let lang = keypoints::lang::get(&args.lang)?;
    let files = if args.files.is_empty() {
        default_files()?
    } else {
        args.files
    };
    // Read every file first, so that a bad path fails before any output.
    let mut inputs = Vec::with_capacity(files.len());
    for path in &files {
        let conllu = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        inputs.push((path, conllu));
    }
    println!(
        "{:<28} {:>9} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7}",
        "file", "sentences", "gold", "found", "correct", "precision", "recall", "F1"
    );
    let mut total = Counts::default();
    let mut sentences = 0;
    let mut details = Vec::new();
    for (path, conllu) in &inputs {
        let e = evaluate(conllu, lang);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        print_row(&name, e.sentences, &e.counts);
        total.add(&e.counts);
        sentences += e.sentences;
        if args.errors > 0 {
            let mut out = format!("\n{name}: missed {} gold boundaries\n", e.missed.len());
            for &at in e.missed.iter().take(args.errors) {
                out.push_str(&format!("  - {}\n", context(&e.text, at, 60)));
            }
            out.push_str(&format!(
                "{name}: {} spurious boundaries\n",
                e.spurious.len()
            ));
            for &at in e.spurious.iter().take(args.errors) {
                out.push_str(&format!("  + {}\n", context(&e.text, at, 60)));
            }
            details.push(out);
        }
    }
    if files.len() > 1 {
        print_row("overall", sentences, &total);
    }
    for d in details {
        print!("{d}");
    }
    Ok(())
}

fn print_row(name: &str, sentences: usize, c: &Counts) {
    println!(
        "{:<28} {:>9} {:>6} {:>6} {:>7} {:>9.4} {:>7.4} {:>7.4}",
        name,
        sentences,
        c.gold,
        c.predicted,
        c.correct,
        c.precision(),
        c.recall(),
        c.f1()
    );
}

/// The shared data folder: `$KEYPOINTS_SHARED`, else `../shared` from the current folder, else
/// `../shared` beside the workspace this binary was built from.
fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KEYPOINTS_SHARED") {
        return Some(PathBuf::from(dir));
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    [PathBuf::from("../shared"), built]
        .into_iter()
        .find(|p| p.is_dir())
}

fn default_files() -> Result<Vec<PathBuf>> {
    let Some(shared) = shared_dir() else {
        bail!("no CoNLL-U files given and no shared data folder found: set KEYPOINTS_SHARED or give files");
    };
    let dir = shared.join("data/sentences");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no .conllu files in {}", dir.display());
    }
    Ok(files)
}
