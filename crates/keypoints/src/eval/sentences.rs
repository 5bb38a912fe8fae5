//! Sentence-boundary evaluation against gold sentences.
//!
//! The gold comes from CoNLL-U files (Universal Dependencies): each `# text = ` line is one gold
//! sentence. The sentences of a file are joined with one space into a single text, the splitter
//! runs on it, and the two sets of *boundaries* are compared, where the boundaries of a
//! segmentation are the end offsets (bytes of the joined text) of every sentence except the last
//! (the end of the text is a boundary for free). A predicted boundary is correct when a gold
//! sentence ends at exactly the same offset. Precision is correct / predicted, recall is
//! correct / gold, F1 their harmonic mean; a file of one sentence has no boundaries and scores 1.
use std::ops::Range;

use crate::lang::Language;

/// The gold sentences of a CoNLL-U file: the trimmed, non-empty `# text = ` lines, in order.
pub fn gold_sentences(conllu: &str) -> Vec<&str> {
    conllu
        .lines()
        .filter_map(|l| l.strip_prefix("# text ="))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Sentences joined with one space, and the gold boundaries in the joined text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The sentences, one space between two.
    pub text: String,
    /// End offset (bytes) of every sentence but the last.
    pub boundaries: Vec<usize>,
}

/// Joins `sentences` with one space and records where each one but the last ends.
pub fn join(sentences: &[&str]) -> Joined {
    let mut text = String::with_capacity(sentences.iter().map(|s| s.len() + 1).sum());
    let mut boundaries = Vec::with_capacity(sentences.len().saturating_sub(1));
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            boundaries.push(text.len());
            text.push(' ');
        }
        text.push_str(s);
    }
    Joined { text, boundaries }
}

/// The boundaries of a segmentation: the end of every range but the last.
pub fn boundaries(sentences: &[Range<usize>]) -> Vec<usize> {
    let n = sentences.len().saturating_sub(1);
    sentences[..n].iter().map(|r| r.end).collect()
}

/// Boundary counts, summed over files for the overall figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold boundaries.
    pub gold: usize,
    /// Predicted boundaries.
    pub predicted: usize,
    /// Predicted boundaries that are gold boundaries.
    pub correct: usize,
}

impl Counts {
    /// Correct / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Correct / gold (1 when there is no gold boundary).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        crate::eval::f1(self.precision(), self.recall())
    }

    /// Adds the counts of another file.
    pub fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Compares two sorted lists of boundaries.
pub fn compare(gold: &[usize], predicted: &[usize]) -> Counts {
    let (missed, _) = differences(gold, predicted);
    Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        correct: gold.len() - missed.len(),
    }
}

/// Gold boundaries that were not predicted, and predicted ones that are not gold, both sorted
/// (each input must be sorted).
pub fn differences(gold: &[usize], predicted: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let (mut missed, mut spurious) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < gold.len() || j < predicted.len() {
        match (gold.get(i), predicted.get(j)) {
            (Some(g), Some(p)) if g == p => {
                i += 1;
                j += 1;
            }
            (Some(g), Some(p)) if g < p => {
                missed.push(*g);
                i += 1;
            }
            (Some(g), None) => {
                missed.push(*g);
                i += 1;
            }
            (_, Some(p)) => {
                spurious.push(*p);
                j += 1;
            }
            (None, None) => break,
        }
    }
    (missed, spurious)
}

/// The evaluation of one gold file.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Number of gold sentences.
    pub sentences: usize,
    /// Boundary counts.
    pub counts: Counts,
    /// The joined text the offsets refer to.
    pub text: String,
    /// Gold boundaries the splitter missed.
    pub missed: Vec<usize>,
    /// Boundaries the splitter put where the gold has none.
    pub spurious: Vec<usize>,
}

/// Splits the joined gold sentences of `conllu` with `lang`'s data and scores the boundaries.
pub fn evaluate(conllu: &str, lang: &Language) -> Evaluation {
    let gold = gold_sentences(conllu);
    let joined = join(&gold);
    let predicted = boundaries(&crate::text::sentences::split(&joined.text, lang));
    let counts = compare(&joined.boundaries, &predicted);
    let (missed, spurious) = differences(&joined.boundaries, &predicted);
    Evaluation {
        sentences: gold.len(),
        counts,
        text: joined.text,
        missed,
        spurious,
    }
}

/// Up to `width` bytes of `text` either side of `offset`, with `|` at the offset, on one line.
pub fn context(text: &str, offset: usize, width: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let at = floor(offset);
    let from = floor(at.saturating_sub(width));
    let to = floor(at + width);
    format!("{}|{}", &text[from..at], &text[at..to]).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# sent_id = 1\n# text = Uno due.\n1\tUno\n\n# text = Tre: quattro\n\
                          1\tTre\n\n# text =   \n# text = Cinque.\n";

    #[test]
    fn reads_the_text_lines() {
        assert_eq!(
            gold_sentences(CONLLU),
            ["Uno due.", "Tre: quattro", "Cinque."]
        );
    }

    #[test]
    fn joins_and_records_boundaries() {
        let j = join(&["Uno due.", "Tre.", "Cinque."]);
        assert_eq!(j.text, "Uno due. Tre. Cinque.");
        assert_eq!(j.boundaries, [8, 13]);
        assert_eq!(join(&[]).boundaries, Vec::<usize>::new());
    }

    #[test]
    fn boundaries_drop_the_last_end() {
        assert_eq!(boundaries(&[0..8, 9..13, 14..21]), [8, 13]);
        assert!(boundaries(&[]).is_empty());
    }

    #[test]
    fn scores_precision_recall_f1() {
        let c = compare(&[8, 13, 30], &[8, 20, 30, 40]);
        assert_eq!(
            c,
            Counts {
                gold: 3,
                predicted: 4,
                correct: 2
            }
        );
        assert!((c.precision() - 0.5).abs() < 1e-12);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(
            differences(&[8, 13, 30], &[8, 20, 30, 40]),
            (vec![13], vec![20, 40])
        );
        let none = compare(&[], &[]);
        assert_eq!(none.f1(), 1.0);
        assert_eq!(compare(&[5], &[]).f1(), 0.0);
    }

    #[test]
    fn evaluates_a_small_file() {
        let lang = crate::lang::get("it").unwrap();
        let e = evaluate(CONLLU, lang);
        assert_eq!(e.sentences, 3);
        // "Uno due. Tre: quattro Cinque.": the colon before a lower-case word and the sentence
        // without a final mark are not found.
        assert_eq!(e.counts.gold, 2);
        assert_eq!(e.counts.correct, 1);
        assert_eq!(e.missed, [21]);
        assert_eq!(context(&e.text, 8, 4), "due.| Tre");
    }

    /// The shared data folder: `$KEYPOINTS_SHARED`, else `../shared` beside the workspace root.
    fn shared() -> std::path::PathBuf {
        std::env::var_os("KEYPOINTS_SHARED")
            .map(Into::into)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
            })
    }

    #[test]
    fn universal_dependencies_italian_f1_is_at_least_0_98() {
        let lang = crate::lang::get("it").unwrap();
        for name in ["it_isdt-ud-dev.conllu", "it_vit-ud-dev.conllu"] {
            let path = shared().join("data/sentences").join(name);
            let Ok(conllu) = std::fs::read_to_string(&path) else {
                eprintln!("skipping: {} not found", path.display());
                continue;
            };
            let e = evaluate(&conllu, lang);
            assert!(e.counts.gold > 500, "{name}: too few gold boundaries");
            let f1 = e.counts.f1();
            assert!(
                f1 >= 0.98,
                "{name}: F1 {f1:.4} < 0.98 ({:?}); missed: {:?}",
                e.counts,
                e.missed
                    .iter()
                    .take(5)
                    .map(|&at| context(&e.text, at, 30))
                    .collect::<Vec<_>>()
            );
        }
    }
}
