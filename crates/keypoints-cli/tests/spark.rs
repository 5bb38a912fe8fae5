//! The Spark example (examples/spark/keypoints_job.py) in Spark local mode over the CNN/DM dev
//! articles: every id comes back once, with the same key points as a direct `keypoints batch`.
//! Skips with a message when python3 with pyspark, java or the shared data is missing.
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_keypoints");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
}

fn works(cmd: &mut Command) -> bool {
    cmd.output().map(|o| o.status.success()).unwrap_or(false)
}

fn key_points(jsonl: &str) -> HashMap<String, serde_json::Value> {
    let mut out = HashMap::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("digest lines are JSON");
        let id = v["id"].as_str().expect("string ids").to_string();
        let kps = v["digest"]["key_points"].clone();
        assert!(kps.is_array(), "{id} has no digest: {}", v["error"]);
        assert!(
            out.insert(id.clone(), kps).is_none(),
            "{id} came back twice"
        );
    }
    out
}

#[test]
fn spark_pipe_matches_direct_run() {
    let data = shared().join("data/summaries/cnndm-dev.jsonl");
    if !data.exists() {
        eprintln!("skipping: {} not found", data.display());
        return;
    }
    if !works(Command::new("java").arg("-version")) {
        eprintln!("skipping: java not found (the Spark test needs Java 17+)");
        return;
    }
    if !works(Command::new("python3").args(["-c", "import pyspark"])) {
        eprintln!("skipping: pyspark not found (pip install pyspark)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("digests");
    let job = root().join("examples/spark/keypoints_job.py");
    let run = Command::new("python3")
        .arg(&job)
        .args(["--master", "local[2]", "--partitions", "3", "--binary", BIN])
        .arg(&data)
        .arg(&out_dir)
        // Spark binds to loopback only.
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "spark job failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut spark_out = String::new();
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("part-")
        {
            spark_out.push_str(&std::fs::read_to_string(&p).unwrap());
            spark_out.push('\n');
        }
    }
    let direct = Command::new(BIN)
        .args(["batch", "-q", "-o", "-"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(direct.status.success());
    let direct = key_points(&String::from_utf8(direct.stdout).unwrap());
    let spark = key_points(&spark_out);
    assert_eq!(direct.len(), 122);
    assert_eq!(spark.len(), direct.len(), "every id comes back once");
    for (id, kps) in &direct {
        assert_eq!(spark.get(id), Some(kps), "{id}: key points differ");
    }
}
