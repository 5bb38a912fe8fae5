//! One module a subcommand.
pub mod batch;
pub mod bench;
pub mod bench_html;
pub mod eval;
pub mod eval_entities;
pub mod eval_extraction;
pub mod eval_quotes;
pub mod eval_sentences;
pub mod extract;
pub mod serve;
pub mod summarize;

/// The key-point options that every analysing command shares.
#[derive(clap::Args, Debug, Clone)]
pub struct KeyPointArgs {
    /// Number of key points (default: 3 to 5, by the article's length).
    #[arg(short, long)]
    pub points: Option<usize>,
    /// Language code (it, en, de, ...); otherwise a batch record's "lang", else identified.
    #[arg(short, long)]
    pub lang: Option<String>,
    /// Trim trailing attributions from key points.
    #[arg(long)]
    pub concise: bool,
    /// Run only these analyses besides key points (comma-separated: quotes, entities, keywords,
    /// flags; "key_points" alone for none of them). Default: all.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub only: Option<Vec<String>>,
}

impl KeyPointArgs {
    /// The analyses asked for with `--only`, all of them without it.
    pub fn analyses(&self) -> anyhow::Result<keypoints::Analyses> {
        match &self.only {
            None => Ok(keypoints::Analyses::ALL),
            Some(names) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                Ok(keypoints::Analyses::only(&names)?)
            }
        }
    }
}
