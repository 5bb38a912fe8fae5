//! Bad input through the real binary: each case ends in a one-line error and exit code 2, or in a
//! correct best-effort digest; never a panic.
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn keypoints(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keypoints"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start keypoints");
    let mut pipe = child.stdin.take().unwrap();
    // A refused input closes the pipe early: a write error then is expected, not a failure.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn assert_one_line_error(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("keypoints: "), "{err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn empty_input_is_a_clear_error() {
    assert_one_line_error(&keypoints(&["summarize", "-"], b""), "empty");
}

#[test]
fn whitespace_only_is_a_clear_error() {
    assert_one_line_error(&keypoints(&["summarize", "-"], b"  \n\t\r\n  \n"), "empty");
}

#[test]
fn binary_data_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    assert_one_line_error(&keypoints(&["summarize", "-"], &png), "PNG");
    let mut random: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    random[0] = 1;
    assert_one_line_error(&keypoints(&["summarize", "-"], &random), "binary");
}

#[test]
fn windows_1252_text_is_decoded() {
    let text = "La città è già in festa: perché il sindaco ha detto che la piazza sarà riaperta.\n\
                Il comitato ha spiegato che i lavori sono finiti in anticipo rispetto al previsto.\n\
                Per la festa sono attese più di diecimila persone da tutta la regione.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let out = keypoints(&["summarize", "--format", "json", "-"], &bytes);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["language"], "it");
    assert!(d["text"].as_str().unwrap().contains("città è già in festa"));
}

#[test]
fn missing_file_and_folder_are_clear_errors() {
    assert_one_line_error(
        &keypoints(&["summarize", "/no/such/article.txt"], b""),
        "cannot open",
    );
    let dir = tempfile::tempdir().unwrap();
    assert_one_line_error(
        &keypoints(&["summarize", dir.path().to_str().unwrap()], b""),
        "folder",
    );
}

#[test]
fn unknown_language_is_a_clear_error() {
    assert_one_line_error(
        &keypoints(&["summarize", "--lang", "xx", "-"], b"Una frase qualsiasi."),
        "unknown language",
    );
}

#[test]
fn a_100_mb_input_is_refused_before_it_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let para =
        "Il consiglio comunale ha approvato il bilancio dopo una lunga discussione.\n".repeat(1000);
    while f.get_ref().metadata().unwrap().len() < 100 * 1024 * 1024 {
        f.write_all(para.as_bytes()).unwrap();
        f.flush().unwrap();
    }
    drop(f);
    assert_one_line_error(
        &keypoints(&["summarize", path.to_str().unwrap()], b""),
        "over the limit",
    );
}

#[test]
fn a_single_1_mb_line_gives_a_digest() {
    let sentence =
        "Il governo ha approvato oggi una nuova legge sul clima dopo mesi di trattative. ";
    let line = sentence.repeat(1024 * 1024 / sentence.len() + 1);
    let out = keypoints(
        &["summarize", "--format", "json", "--lang", "it", "-"],
        line.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!d["key_points"].as_array().unwrap().is_empty());
    assert!(d["sentences"].as_array().unwrap().len() > 10_000);
}

#[test]
fn the_example_article_gives_its_box_and_key_points() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articolo.txt");
    let out = keypoints(&["summarize", "--format", "json", path], b"");
    assert!(out.status.success());
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["schema_version"], 1);
    assert_eq!(d["language"], "it");
    assert_eq!(
        d["structure"]["given_key_points"].as_array().unwrap().len(),
        3
    );
    assert_eq!(d["structure"]["credits"][0], "ANSA");
    let n = d["key_points"].as_array().unwrap().len();
    assert!((3..=5).contains(&n), "{n} key points");
    let three = keypoints(&["summarize", "--points", "2", path], b"");
    assert_eq!(String::from_utf8_lossy(&three.stdout).lines().count(), 2);
}
