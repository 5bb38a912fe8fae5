//! Starts the real server (the same router and `axum::serve` as `keypoints serve`) on an
//! ephemeral port of 127.0.0.1 with a fresh store in a temporary folder.
#![allow(dead_code)]
use std::path::PathBuf;
use std::time::Duration;

use keypoints_server::Config;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    pub task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start(tune: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            addr: "127.0.0.1:0".parse().expect("addr"),
            db: dir.path().join("test.db"),
            timeout: Duration::from_secs(60),
            ..Config::default()
        };
        tune(&mut config);
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let state = keypoints_server::state(config).expect("state");
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(keypoints_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        TestServer {
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
            stop: Some(tx),
            task: Some(task),
            dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Asks for a graceful shutdown and waits for the server to end.
    pub async fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("server ran");
        }
    }
}

/// `<workspace>/../shared`, or `$KEYPOINTS_SHARED`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("KEYPOINTS_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// A short Italian news-like article built for the tests.
pub fn italian_article(topic: &str, n: usize) -> String {
    format!(
        "Il governo ha approvato ieri la nuova legge sul {topic}, dopo una lunga discussione in Parlamento durata tre giorni.\n\n\
         Secondo il ministro, la riforma del {topic} porterà benefici a migliaia di famiglie entro la fine dell'anno numero {n}.\n\n\
         Le opposizioni hanno criticato il provvedimento, sostenendo che i fondi stanziati non basteranno a coprire le spese previste.\n\n\
         I sindacati hanno annunciato una serie di incontri con le regioni per discutere l'applicazione delle nuove regole sul {topic}."
    )
}

/// A short English news-like article built for the tests.
pub fn english_article(topic: &str, n: usize) -> String {
    format!(
        "Voters went to the polls on Sunday in an election that analysts said would decide the future of {topic} policy.\n\n\
         The governing party promised to expand spending on {topic}, while the opposition called for lower taxes and fewer rules in year {n}.\n\n\
         Turnout was higher than in previous elections, officials said, with long queues reported in several cities.\n\n\
         Results are expected on Monday morning, when the electoral commission will publish the final count."
    )
}
