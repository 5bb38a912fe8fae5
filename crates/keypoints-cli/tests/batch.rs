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

// ---------------------------------------------------------------------------------------------
// --store: digests into the SQLite store of `keypoints serve`.

use keypoints_server::rusqlite::{Connection, OpenFlags};
use keypoints_server::Store;

/// Rows of `batch_records` (all runs), read without creating the file (a reader does not block
/// the batch's writes); 0 while the batch has not created it.
fn stored_records(db: &Path) -> i64 {
    let Ok(c) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM batch_records", [], |r| r.get(0))
        .unwrap_or(0)
}

/// `(seq, record_id, article_id, error)` of every `batch_records` row, by seq.
type RecordRow = (i64, String, Option<String>, Option<String>);
fn record_rows(db: &Path) -> Vec<RecordRow> {
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT seq, record_id, article_id, error FROM batch_records ORDER BY seq")
        .unwrap();
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

#[test]
fn killed_store_batches_resume_to_exactly_once() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    eprintln!("seed {seed}");
    let mut rng = Lcg(seed);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let db = dir.path().join("news.db");
    let output = dir.path().join("out.jsonl");
    // Several times the store's commit size (1,000 records or a second), so that a run is still
    // going when the store first grows, however fast the machine analyses (1,200 records were
    // sometimes all done by then once the analysis got faster).
    let ids = write_input(&input, 5000, &mut Lcg(11));

    // A reference run, uninterrupted, into its own store and file.
    let ref_db = dir.path().join("ref.db");
    let ref_out = dir.path().join("ref.jsonl");
    let st = Command::new(BIN)
        .args(["batch", "-q", "--store"])
        .arg(&ref_db)
        .arg(&input)
        .arg("-o")
        .arg(&ref_out)
        .status()
        .unwrap();
    assert!(st.success());
    let reference = record_rows(&ref_db);
    assert_eq!(reference.len(), ids.len());

    // Rounds alternate between the store alone and the store with a JSONL file, ordered and
    // unordered; each is killed once the store has grown by a random number of records.
    let mut kills = 0;
    let mut partial_seen = 0;
    for round in 0..8 {
        let mut cmd = Command::new(BIN);
        cmd.args(["batch", "-q", "--resume", "--store"])
            .arg(&db)
            .arg(&input)
            .stderr(Stdio::null());
        if round % 2 == 1 {
            cmd.arg("-o").arg(&output);
        }
        if round % 4 >= 2 {
            cmd.arg("--unordered");
        }
        let before = stored_records(&db);
        let mut child = cmd.spawn().unwrap();
        let grow = 1 + rng.below(300) as i64;
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::time::Instant::now() < deadline
            && stored_records(&db) < before + grow
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(rng.below(300)));
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success());
                break;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
                if stored_records(&db) > before {
                    partial_seen += 1;
                }
            }
        }
    }
    let out = Command::new(BIN)
        .args(["batch", "--resume", "--store"])
        .arg(&db)
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    assert!(out.status.success());
    eprintln!(
        "{kills} kills, {partial_seen} after new records were stored; last run: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    assert!(kills > 0, "the batch finished before it could be killed");
    assert!(
        partial_seen > 0,
        "no kill happened after records were stored"
    );

    // The store: one row per input record, the same as the uninterrupted run, and each article
    // once with the same digest.
    let got = record_rows(&db);
    assert_eq!(got, reference);
    for (seq, (s, record_id, _, error)) in got.iter().enumerate() {
        assert_eq!(*s, seq as i64);
        assert_eq!(record_id, &ids[seq]);
        assert_eq!(error.is_some(), seq % 97 == 13, "{record_id}");
    }
    let (store, ref_store) = (Store::open(&db).unwrap(), Store::open(&ref_db).unwrap());
    let bad = ids.iter().enumerate().filter(|(i, _)| i % 97 == 13).count();
    assert_eq!(store.count().unwrap() as usize, ids.len() - bad);
    for (_, record_id, article, _) in &got {
        let Some(article) = article else { continue };
        let a = store.get(article).unwrap().expect("the article is stored");
        let b = ref_store.get(article).unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(&a.digest).unwrap(),
            serde_json::to_value(&b.digest).unwrap(),
            "{record_id}"
        );
    }

    // The JSONL file, written in some of the rounds: every record exactly once as well.
    let lines = records(&output);
    let mut count: HashMap<String, usize> = HashMap::new();
    for r in &lines {
        *count
            .entry(r["id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for id in &ids {
        assert_eq!(count.get(id), Some(&1), "{id} must appear once in the file");
    }
    let by_id: HashMap<String, serde_json::Value> = records(&ref_out)
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect();
    for r in &lines {
        assert_eq!(Some(r), by_id.get(r["id"].as_str().unwrap()));
    }
}

/// A WARC response record (HTTP message inside), uncompressed.
fn warc_response(id: &str, url: &str, http: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
}

/// Starts `keypoints serve` on an ephemeral port; returns the child and its base URL.
fn serve(db: &Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("KEYPOINTS_LOG", "warn")
        .env_remove("KEYPOINTS_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(rest) = line.split("serving on ").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_and_a_warc_batched_into_the_store_are_found_by_serve() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir_all(folder.join("2026")).unwrap();
    std::fs::write(
        folder.join("2026/lighthouse.html"),
        "<html><head><title>Old lighthouse reopens to visitors</title></head><body>\
         <article><h1>Old lighthouse reopens to visitors</h1>\
         <p>The old lighthouse on the northern cape reopened to visitors on Saturday after \
         three years of restoration work.</p>\
         <p>The keepers' cottage now houses a small museum about shipwrecks along the coast, \
         and guides lead tours to the lantern room twice a day.</p>\
         <p>Tickets are sold at the harbour office, and the proceeds pay for the upkeep of \
         the tower.</p></article></body></html>",
    )
    .unwrap();
    std::fs::write(
        folder.join("orchard.txt"),
        "Farmers in the valley began the apple harvest a week early this year.\n\n\
         A warm spring and a dry summer ripened the orchards sooner than usual, growers said.\n\n\
         Cider makers expect a strong season and have hired extra pickers for October.",
    )
    .unwrap();
    std::fs::write(
        folder.join("ferry.htm"),
        "<html><body><h1>Night ferry service returns</h1>\
         <p>The night ferry between the two islands returns next month after a long pause.</p>\
         <p>Operators said the crossing will run three times a week during the winter.</p>\
         <p>Residents had campaigned for the service since the old vessel was retired.</p>\
         </body></html>",
    )
    .unwrap();
    // A bad record: not text. Counted and recorded, never fatal.
    std::fs::write(
        folder.join("broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3],
    )
    .unwrap();
    let page = "<html><body><h1>Glacier measurements show record melt</h1>\
         <p>Scientists measuring the alpine glacier found it lost more ice this summer than in \
         any year since records began.</p>\
         <p>The team drilled stakes into the ice in spring and measured them again in \
         September.</p><p>They warned that smaller glaciers nearby could vanish within decades.</p>\
         </body></html>";
    let mut warc = warc_response(
        "0001",
        "https://news.example.org/glacier",
        &format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}"),
    );
    warc.push_str(&warc_response(
        "0002",
        "https://news.example.org/missing",
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\ngone",
    ));
    let warc_path = dir.path().join("crawl.warc");
    std::fs::write(&warc_path, warc).unwrap();

    let db = dir.path().join("news.db");
    let out = Command::new(BIN)
        .args(["batch", "--store"])
        .arg(&db)
        .arg(&folder)
        .arg(&warc_path)
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{summary}");
    assert!(out.stdout.is_empty(), "--store alone writes no JSONL");
    assert!(summary.contains("4 done, 1 failed, 1 skipped"), "{summary}");
    assert!(summary.contains("4 new"), "{summary}");

    // Through the store API.
    let rows = record_rows(&db);
    assert_eq!(rows.len(), 5, "{rows:?}");
    let failed: Vec<_> = rows.iter().filter(|r| r.3.is_some()).collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].1.ends_with("broken.txt"), "{failed:?}");
    let warc_row = rows
        .iter()
        .find(|r| r.1 == "urn:uuid:0001")
        .expect("the WARC record keeps its id");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count().unwrap(), 4);
    let glacier = store
        .get(warc_row.2.as_deref().unwrap())
        .unwrap()
        .expect("stored");
    assert_eq!(
        glacier.digest.meta.url.as_deref(),
        Some("https://news.example.org/glacier")
    );
    let search = |q: &str| {
        let params = keypoints_server::store::SearchParams {
            query: Some(keypoints_server::search::parse_query(q, None)),
            limit: 10,
            ..Default::default()
        };
        store
            .search(&params)
            .unwrap()
            .into_iter()
            .map(|h| h.article.digest.text)
            .collect::<Vec<_>>()
    };
    let hits = search("lighthouse restoration");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].contains("northern cape"));
    // Stemmed: "harvests" finds "harvest".
    let hits = search("apple harvests");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].contains("orchards"));
    drop(store);

    // Through a real `keypoints serve` on the same file.
    let (mut child, base) = serve(&db);
    let client = reqwest::Client::new();
    let get = |q: &str| {
        let client = client.clone();
        let url = format!("{base}/v1/articles");
        let q = q.to_string();
        async move {
            let resp = client.get(url).query(&[("q", q)]).send().await.unwrap();
            assert!(resp.status().is_success());
            resp.json::<serde_json::Value>().await.unwrap()
        }
    };
    let ferry = get("ferry islands").await;
    let glacier = get("glacier melt").await;
    let none = get("volcano").await;
    let listing: serde_json::Value = client
        .get(format!("{base}/v1/articles?limit=100"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let results = |v: &serde_json::Value| v["results"].as_array().unwrap().clone();
    assert_eq!(results(&ferry).len(), 1, "{ferry}");
    assert_eq!(
        results(&ferry)[0]["title"],
        "Night ferry service returns",
        "{ferry}"
    );
    assert_eq!(results(&glacier).len(), 1, "{glacier}");
    assert_eq!(
        results(&glacier)[0]["url"],
        "https://news.example.org/glacier"
    );
    assert!(results(&none).is_empty(), "{none}");
    assert_eq!(results(&listing).len(), 4, "{listing}");
}

#[test]
fn a_store_that_cannot_be_used_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_input(&input, 5, &mut Lcg(5));
    let not_db = dir.path().join("notes.db");
    std::fs::write(
        &not_db,
        "these are notes, not a database, and there is enough of them",
    )
    .unwrap();
    let missing_dir = dir.path().join("no/such/dir/news.db");
    for db in [&not_db, &missing_dir, &dir.path().to_path_buf()] {
        let out = Command::new(BIN)
            .args(["batch", "--store"])
            .arg(db)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("keypoints: cannot open the store"), "{err}");
        assert!(out.stdout.is_empty());
    }

    // A store another process keeps locked for writing: the batch waits for it (10 s, the
    // store's busy timeout), then gives up with one line.
    let db = dir.path().join("locked.db");
    drop(Store::open(&db).unwrap());
    let lock = Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE; CREATE TABLE hold (x);")
        .unwrap();
    let out = Command::new(BIN)
        .args(["batch", "--store"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    drop(lock);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("keypoints: cannot write to the store") && err.contains("locked"),
        "{err}"
    );
}
