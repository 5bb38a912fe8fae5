//! Agreement of the Rust ROUGE with Google's rouge-score, through the project's reference script
//! (`shared/tools/rouge_reference.py`) run on the shared summary sets with our key points as
//! predictions. Skips with a message when python3, rouge-score or the shared data are missing.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use keypoints::eval::{porter, summaries};

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    p.join("tools/rouge_reference.py").exists().then_some(p)
}

fn python_ok() -> bool {
    Command::new("python3")
        .args(["-c", "import rouge_score, nltk"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the reference script on `records` (written to a temporary set) with our predictions and
/// compares every row.
fn check_set(shared: &Path, name: &str, records: &[summaries::Record]) {
    let preds: Vec<Vec<String>> = records
        .iter()
        .map(|r| summaries::predict(r, &keypoints::Options::default()))
        .collect();
    let ours = summaries::evaluate(records, Some(&preds));
    let dir = std::env::temp_dir().join(format!("kp-rouge-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data_path = dir.join("data.jsonl");
    let pred_path = dir.join("pred.jsonl");
    // The subset is written back from the original lines' fields that the script reads.
    let mut data = std::fs::File::create(&data_path).unwrap();
    let mut pred = std::fs::File::create(&pred_path).unwrap();
    for (r, p) in records.iter().zip(&preds) {
        let systems: serde_json::Map<String, serde_json::Value> = r
            .systems
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let line = serde_json::json!({"id": r.id, "lang": r.lang, "text": r.text,
            "references": r.references, "systems": systems});
        writeln!(data, "{line}").unwrap();
        writeln!(pred, "{}", serde_json::json!({"id": r.id, "key_points": p})).unwrap();
    }
    drop((data, pred));
    let out = Command::new("python3")
        .arg(shared.join("tools/rouge_reference.py"))
        .args([&data_path, &pred_path])
        .args(["--json", "--name", summaries::KEYPOINTS])
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "reference script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON from the script");
    let rows = v["rows"].as_object().expect("rows");
    assert_eq!(rows.len(), ours.rows.len(), "{name}: same systems");
    for row in &ours.rows {
        let theirs = &rows[&row.name];
        for (k, key) in ["rouge1", "rouge2", "rougeL", "rougeLsum"]
            .iter()
            .enumerate()
        {
            let t = theirs[key].as_f64().expect("number");
            assert!(
                (t - row.f1[k]).abs() <= 0.05,
                "{name}/{}/{key}: ours {:.4}, rouge-score {:.4}",
                row.name,
                row.f1[k],
                t
            );
        }
    }
}

#[test]
fn rouge_agrees_with_rouge_score() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/tools/rouge_reference.py not found");
        return;
    };
    if !python_ok() {
        eprintln!("skipping: python3 with rouge_score and nltk not found");
        return;
    }
    // English with Porter stemming (a third of cnndm-dev keeps the test to seconds), and French with
    // the Unicode tokenizer.
    for (file, take) in [("cnndm-dev.jsonl", 40), ("mlsum-fr-dev.jsonl", 15)] {
        let path = shared.join("data/summaries").join(file);
        let Ok(raw) = std::fs::read_to_string(&path) else {
            eprintln!("skipping {file}: not found");
            continue;
        };
        let mut recs = summaries::parse_records(&raw).unwrap();
        recs.truncate(take);
        check_set(&shared, file, &recs);
    }
}

#[test]
fn porter_agrees_with_nltk_on_a_vocabulary() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    if !python_ok() {
        eprintln!("skipping: python3 with nltk not found");
        return;
    }
    let Ok(raw) = std::fs::read_to_string(shared.join("data/summaries/cnndm-dev.jsonl")) else {
        eprintln!("skipping: cnndm-dev.jsonl not found");
        return;
    };
    let mut words: Vec<String> = Vec::new();
    for r in summaries::parse_records(&raw).unwrap() {
        for s in std::iter::once(r.text).chain(r.references) {
            for w in s
                .to_lowercase()
                .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
            {
                if w.len() > 2 {
                    words.push(w.to_string());
                }
            }
        }
    }
    words.sort();
    words.dedup();
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import sys\nfrom nltk.stem import porter\ns=porter.PorterStemmer()\nfor l in sys.stdin: print(s.stem(l.strip()))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = words.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let theirs: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(theirs.len(), words.len());
    let wrong: Vec<String> = words
        .iter()
        .zip(&theirs)
        .filter(|(w, t)| porter::stem(w) != **t)
        .map(|(w, t)| format!("{w}: ours {}, nltk {t}", porter::stem(w)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} differ: {:?}",
        wrong.len(),
        words.len(),
        &wrong[..wrong.len().min(20)]
    );
}
