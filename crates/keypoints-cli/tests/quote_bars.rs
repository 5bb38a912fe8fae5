//! The quote bars of the "who said what" issue, through the real binary on the shared PolNeAR
//! development set: content F1 >= 0.80 and speaker accuracy >= 0.85 (`keypoints eval-quotes`).
//! Skips with a message when the shared data is missing.
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// The numbers of a line, in order ("PolNeAR quotes: 84 documents, 2192 gold, …").
fn numbers(line: &str) -> Vec<f64> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|w| w.trim_matches('.').parse().ok())
        .collect()
}

#[test]
fn polnear_dev_meets_the_quote_bars() {
    let dir = shared().join("data/quotes/polnear/dev");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_keypoints"))
        .args(["eval-quotes", dir.to_str().unwrap()])
        .output()
        .expect("start keypoints");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = stdout
        .lines()
        .find(|l| l.starts_with("PolNeAR quotes:"))
        .map(numbers)
        .expect("a summary line");
    let [_, gold, predicted, matched] = counts[..] else {
        panic!("unexpected summary: {counts:?}");
    };
    let f1 = 2.0 * matched / (gold + predicted);
    let speakers = stdout
        .lines()
        .find(|l| l.starts_with("| speaker accuracy"))
        .map(numbers)
        .expect("a speaker line");
    // "| speaker accuracy | 0.882 (1387 of 1573 matched …)": the counts, not the rounded share.
    let [_, right, with_source] = speakers[..] else {
        panic!("unexpected speaker line: {speakers:?}");
    };
    eprintln!(
        "PolNeAR dev: F1 {f1:.4} ({matched} of {predicted} predicted, {gold} gold), speakers {right} of {with_source}"
    );
    assert!(f1 >= 0.80, "quote F1 {f1:.4} < 0.80");
    assert!(
        right / with_source >= 0.85,
        "speaker accuracy {:.4} < 0.85",
        right / with_source
    );
}
