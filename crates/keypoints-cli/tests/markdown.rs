//! The Markdown report of the example article through the real binary: every section a reader
//! expects, and quotes with their speakers.
use std::process::Command;

#[test]
fn markdown_report_of_the_example_article() {
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articolo.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_keypoints"))
        .args(["summarize", "--format", "markdown", article])
        .output()
        .expect("run keypoints");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).expect("UTF-8 output");
    for heading in [
        "# Trento, la funivia del Monte Bondone riapre dopo due anni di lavori",
        "## Key points\n",
        "## Key points given by the article (“Punti chiave”)",
        "## Quotes",
        "## Entities",
        "## Keywords",
    ] {
        assert!(md.contains(heading), "no {heading:?} in:\n{md}");
    }
    assert!(md.contains("- **Giulia Ferrari** (ha detto): "), "{md}");
    assert!(
        md.contains("- La funivia riapre sabato dopo due anni di cantiere"),
        "{md}"
    );
    assert!(
        md.contains("- People: ") && md.contains("Marco Bellini"),
        "{md}"
    );
    assert!(!md.contains("()"), "an empty cue is left out:\n{md}");
    // Three to five key points, each a line of its own.
    let points = md
        .split("## Key points\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .map_or(0, |s| s.lines().filter(|l| l.starts_with("- ")).count());
    assert!((3..=5).contains(&points), "{points} key points:\n{md}");
}
