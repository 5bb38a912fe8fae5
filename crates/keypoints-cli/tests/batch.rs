//! End-to-end tests of `keypoints batch` through the built binary: exactly-once output after
//! repeated kill -9 and --resume, bad records, full disk, stdin to stdout.
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_keypoints");

/// A small deterministic generator, so the test needs no extra crate; the seed is printed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "council",
    "budget",
    "minister",
    "schools",
    "transport",
    "river",
    "storm",
    "court",
    "police",
    "election",
    "hospital",
    "company",
    "workers",
    "prices",
    "energy",
    "museum",
    "festival",
    "players",
    "coach",
    "village",
    "bridge",
    "report",
    "plan",
    "government",
    "city",
];

fn article(rng: &mut Lcg, i: usize) -> String {
    let mut out = String::new();
    for s in 0..(4 + rng.below(6)) {
        let mut sentence = format!("Report {i} part {s}: the");
        for _ in 0..(6 + rng.below(10)) {
            sentence.push(' ');
            sentence.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
        sentence.push_str(" said on Monday. ");
        out.push_str(&sentence);
        if s % 3 == 2 {
            out.push_str("\n\n");
        }
    }
    out
}

fn write_input(path: &Path, n: usize, rng: &mut Lcg) -> Vec<String> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("a{i}");
        if i % 97 == 13 {
            // A bad record: counted and written as an error, never fatal.
            writeln!(f, "{{\"id\": \"{id}\", \"text\": 12}}").unwrap();
        } else {
            let rec = serde_json::json!({"id": id, "text": article(rng, i), "extra": i});
            writeln!(f, "{rec}").unwrap();
        }
        ids.push(id);
    }
    ids
}

fn records(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "output ends mid-line"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn killed_batches_resume_to_exactly_once() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    eprintln!("seed {seed}");
    let mut rng = Lcg(seed);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    let ids = write_input(&input, 1200, &mut Lcg(7));

    // A reference run, uninterrupted.
    let reference = dir.path().join("ref.jsonl");
    let st = Command::new(BIN)
        .args(["batch", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&reference)
        .status()
        .unwrap();
    assert!(st.success());
    let reference = records(&reference);
    assert_eq!(reference.len(), ids.len());

    let mut kills = 0;
    let mut partial_seen = 0;
    for round in 0..8 {
        let mut cmd = Command::new(BIN);
        cmd.args(["batch", "-q", "--resume"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .stderr(Stdio::null());
        if round % 2 == 1 {
            cmd.arg("--unordered");
        }
        let before = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
        let mut child = cmd.spawn().unwrap();
        // Kill at a random point once some new output is there (or after a while regardless).
        let grow = 1 + rng.below(250_000);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline
            && std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0) < before + grow
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(rng.below(60)));
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success());
                break;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
                let len = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
                if len > before {
                    partial_seen += 1;
                }
            }
        }
    }
    // Finish.
    let st = Command::new(BIN)
        .args(["batch", "-q", "--resume"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .unwrap();
    assert!(st.success());
    eprintln!("{kills} kills, {partial_seen} after new output was written");
    assert!(
        partial_seen > 0,
        "no kill happened after output was written"
    );
    assert!(kills > 0, "the batch finished before it could be killed");

    let got = records(&output);
    let mut count: HashMap<String, usize> = HashMap::new();
    for r in &got {
        *count
            .entry(r["id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for id in &ids {
        assert_eq!(count.get(id), Some(&1), "{id} must appear exactly once");
    }
    assert_eq!(got.len(), ids.len());
    // Same content as the uninterrupted run.
    let by_id: HashMap<&str, &serde_json::Value> = reference
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    for r in &got {
        assert_eq!(&r, by_id.get(r["id"].as_str().unwrap()).unwrap());
    }
}

#[test]
fn bad_records_are_error_lines_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let good = serde_json::json!({"id": "g", "text": article(&mut Lcg(1), 0)});
    std::fs::write(
        &input,
        format!(
            "{good}\nnot json\n{{\"id\": \"x\"}}\n{{\"id\": \"big\", \"text\": \"{}\"}}\n",
            "a".repeat(5000)
        ),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["batch", "--max-record-bytes", "1000", "-o", "-"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0]["digest"]["key_points"].is_array());
    for l in &lines[1..] {
        assert!(l["error"].as_str().is_some_and(|e| !e.is_empty()), "{l}");
    }
    assert_eq!(lines[2]["id"], "x");
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("1 done, 3 failed"), "{summary}");
}

#[test]
fn full_disk_stops_with_an_error() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipping: /dev/full not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_input(&input, 50, &mut Lcg(3));
    let out = Command::new(BIN)
        .args(["batch", "-o", "/dev/full"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("No space left") || err.contains("os error 28"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn stdin_to_stdout_is_a_map_step() {
    let mut input = Vec::new();
    for i in 0..20 {
        let rec = serde_json::json!({"id": i, "text": article(&mut Lcg(i), i as usize)});
        input.extend(format!("{rec}\n").into_bytes());
    }
    let mut child = Command::new(BIN)
        .args(["batch", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let ids: Vec<u64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (0..20).collect::<Vec<_>>());
    // Resume into stdout makes no sense and is refused.
    let out = Command::new(BIN)
        .args(["batch", "--resume", "-", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
