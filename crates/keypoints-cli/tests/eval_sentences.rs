//! `keypoints eval-sentences` through the real binary: the table, the error listing, and one-line
//! errors for bad arguments.
use std::process::{Command, Output};

fn keypoints(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_keypoints"))
        .args(args)
        .output()
        .expect("start keypoints")
}

#[test]
fn scores_a_small_gold_file() {
    let dir = std::env::temp_dir().join(format!("kp-eval-sentences-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tiny.conllu");
    // Three gold sentences; the second has no final mark, so its boundary cannot be found.
    std::fs::write(
        &path,
        "# text = Mr. Smith came home.\n1\tMr.\n\n# text = No stop here\n\n# text = He slept.\n",
    )
    .unwrap();
    let out = keypoints(&[
        "eval-sentences",
        "--lang",
        "en",
        "--errors",
        "5",
        path.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = stdout
        .lines()
        .find(|l| l.starts_with("tiny.conllu"))
        .expect("a row for the file");
    let cols: Vec<&str> = row.split_whitespace().collect();
    // sentences, gold, found, correct, precision, recall, F1
    assert_eq!(
        &cols[1..8],
        ["3", "2", "1", "1", "1.0000", "0.5000", "0.6667"]
    );
    assert!(stdout.contains("missed 1 gold boundaries"), "{stdout}");
    assert!(stdout.contains("No stop here| He slept."), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_arguments_are_one_line_errors() {
    for (args, needle) in [
        (
            vec!["eval-sentences", "/no/such/file.conllu"],
            "cannot read",
        ),
        (
            vec!["eval-sentences", "--lang", "xx", "/x.conllu"],
            "unknown language",
        ),
    ] {
        let out = keypoints(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
        assert!(out.stdout.is_empty(), "no table before the error");
    }
}
