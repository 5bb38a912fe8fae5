//! Durability: the real `keypoints serve` process is killed with SIGKILL while concurrent POSTs
//! store articles; after a restart on the same file, every article whose POST was answered 2xx
//! is there.
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Starts `keypoints serve` on an ephemeral port; returns the child and its base URL.
fn start(db: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keypoints"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("KEYPOINTS_LOG", "warn")
        .env_remove("KEYPOINTS_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start keypoints serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .expect("read stderr");
        if let Some(rest) = line.split("serving on ").nth(1) {
            break rest.split_whitespace().next().expect("url").to_string();
        }
    };
    // Keep draining stderr so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

fn article(worker: usize, n: usize) -> String {
    format!(
        "La giunta regionale numero {worker} ha approvato la delibera {n} sul trasporto pubblico dopo una lunga riunione.\n\n\
         Secondo l'assessore, le nuove corse della linea {n} entreranno in servizio entro la fine del mese prossimo.\n\n\
         I pendolari hanno accolto la notizia con favore, ma chiedono più controlli sulla puntualità dei treni."
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_loses_no_acknowledged_article() {
    let dir = std::env::temp_dir().join(format!("kp-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("kill.db");
    let (mut child, base) = start(&db);
    let client = reqwest::Client::new();
    let acked: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let (client, base, acked) = (client.clone(), base.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0..10_000 {
                if Instant::now() > deadline {
                    break;
                }
                let resp = client
                    .post(format!("{base}/v1/articles"))
                    .header("content-type", "text/plain")
                    .body(article(worker, n))
                    .send()
                    .await;
                let Ok(resp) = resp else { break };
                if !resp.status().is_success() {
                    continue;
                }
                let Ok(v) = resp.json::<serde_json::Value>().await else {
                    break;
                };
                if let Some(id) = v["id"].as_str() {
                    acked.lock().unwrap().push(id.to_string());
                }
            }
        }));
    }
    // Kill in the middle of the writes.
    let started = Instant::now();
    while acked.lock().unwrap().len() < 100 && started.elapsed() < Duration::from_secs(15) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().expect("SIGKILL the server");
    let _ = child.wait();
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 20,
        "only {} articles were stored before the kill",
        acked.len()
    );

    let (mut child, base) = start(&db);
    let mut missing = Vec::new();
    for id in &acked {
        let resp = client
            .get(format!("{base}/v1/articles/{id}"))
            .send()
            .await
            .expect("restarted server answers");
        if resp.status() != reqwest::StatusCode::OK {
            missing.push(id.clone());
        }
    }
    let health: serde_json::Value = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .expect("healthz")
        .json()
        .await
        .expect("json");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged articles lost: {missing:?}",
        missing.len(),
        acked.len()
    );
    assert!(health["articles"].as_u64().unwrap_or(0) >= acked.len() as u64);
    eprintln!(
        "{} acknowledged articles all present after SIGKILL",
        acked.len()
    );
}
