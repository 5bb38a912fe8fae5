//! The web page in a real browser: Debian's headless Chromium driven through chromedriver over
//! WebDriver (plain HTTP + JSON). It pastes the seed article, submits, checks that the key points
//! are listed and highlighted in the article, searches the store, checks that an article's markup
//! shows as text and never runs, and saves screenshots under `target/screenshots/`.
//!
//! Skips with a message when chromium or chromedriver is absent (CI installs both through
//! `.ci/setup.d/20-chromium.sh`).
mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use common::{shared_dir, TestServer};
use serde_json::{json, Value};

fn find_exe(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

struct Driver {
    child: Child,
    base: String,
    session: String,
    http: reqwest::Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    async fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Driver {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("addr").port()
        };
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = http.get(format!("{base}/status")).send().await {
                if r.status().is_success() {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--window-size=1100,3000", "--lang=it-IT",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let mut driver = Driver {
            child,
            base,
            session: String::new(),
            http,
        };
        let v = driver.call("POST", "/session", Some(caps)).await;
        driver.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        driver
    }

    /// One WebDriver command; returns its `value`.
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{}", self.base, path);
        let req = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body.unwrap_or(json!({}))),
        };
        let resp = req.send().await.expect("webdriver answers");
        let status = resp.status();
        let v: Value = resp.json().await.expect("webdriver json");
        assert!(status.is_success(), "webdriver {path}: {status} {v}");
        v["value"].clone()
    }

    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{}", self.session, path), body)
            .await
    }

    async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).await;
    }

    async fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    async fn click(&self, css: &str) {
        let el = self
            .cmd(
                "POST",
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string();
        self.cmd("POST", &format!("/element/{id}/click"), None)
            .await;
    }

    /// Polls `script` until it returns true.
    async fn wait_for(&self, script: &str, what: &str) {
        let started = Instant::now();
        loop {
            if self.js(script, json!([])).await == json!(true) {
                return;
            }
            let status = self
                .js(
                    "return document.getElementById('status').textContent",
                    json!([]),
                )
                .await;
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what} (status: {status})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, path: &Path) {
        let b64 = self.cmd("GET", "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().expect("base64 screenshot"))
            .expect("decode screenshot");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, png).expect("write screenshot");
        eprintln!("screenshot: {}", path.display());
    }

    async fn quit(&self) {
        self.call("DELETE", &format!("/session/{}", self.session), None)
            .await;
    }
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("screenshots")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_page_in_headless_chromium() {
    let Some(chromium) = find_exe(
        "CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    ) else {
        eprintln!("skipping: chromium not found (apt-get install chromium chromium-driver)");
        return;
    };
    let Some(chromedriver) = find_exe("CHROMEDRIVER", &["/usr/bin/chromedriver"]) else {
        eprintln!("skipping: chromedriver not found (apt-get install chromium-driver)");
        return;
    };
    let seed_path = shared_dir().join("data/seed/seed-it.txt");
    let Ok(seed) = std::fs::read_to_string(&seed_path) else {
        eprintln!("skipping: {} not found", seed_path.display());
        return;
    };
    let mut server = TestServer::start(|_| {}).await;
    // Something to search for: the seed and an English article in the store.
    for text in [seed.clone(), common::english_article("health", 1)] {
        let r = server
            .client
            .post(server.url("/v1/articles"))
            .header("content-type", "text/plain")
            .body(text)
            .send()
            .await
            .expect("store");
        assert!(r.status().is_success());
    }
    let profile = tempfile::tempdir().expect("profile dir");
    let d = Driver::start(&chromium, &chromedriver, profile.path()).await;

    d.goto(&server.url("/")).await;
    // The Italian interface, for the Italian seed.
    d.js(
        "localStorage.setItem('kp-ui', 'it'); location.reload(); return true;",
        json!([]),
    )
    .await;
    d.wait_for(
        "return document.readyState === 'complete' && document.documentElement.lang === 'it'",
        "the page",
    )
    .await;
    // Paste the seed and submit with the button.
    d.js(
        "const t = document.getElementById('article-input'); t.value = arguments[0]; \
         t.dispatchEvent(new Event('input')); return true;",
        json!([seed]),
    )
    .await;
    d.click("#analyze-btn").await;
    d.wait_for(
        "return document.querySelectorAll('#keypoints li').length > 0",
        "key points",
    )
    .await;
    // Every key point is listed and highlighted in the article with exactly its text.
    let check = d
        .js(
            "const items = [...document.querySelectorAll('#keypoints li')].map(li => li.textContent); \
             const marks = {}; \
             for (const m of document.querySelectorAll('#article mark.kp')) { \
               marks[m.dataset.kp] = (marks[m.dataset.kp] || '') + m.textContent; } \
             return {items, marks, paragraphs: document.querySelectorAll('#article p').length};",
            json!([]),
        )
        .await;
    let items: Vec<String> = check["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect();
    assert!(!items.is_empty());
    for (i, item) in items.iter().enumerate() {
        let marked = check["marks"][i.to_string()].as_str().unwrap_or("");
        assert_eq!(marked, item, "key point {i} is not highlighted as itself");
        assert!(seed.contains(item.trim_end_matches(" .")) || seed.contains(item.as_str()));
    }
    assert!(check["paragraphs"].as_u64().unwrap_or(0) >= 2);

    // Search the store from the page.
    d.js(
        "document.getElementById('search-input').value = 'relazioni bilaterali'; return true;",
        json!([]),
    )
    .await;
    d.click("#search-form button[type=submit]").await;
    d.wait_for(
        "return document.querySelectorAll('#search-results li .snippet mark').length > 0",
        "search results",
    )
    .await;
    let marked = d
        .js(
            "return [...document.querySelectorAll('#search-results .snippet mark')].map(m => m.textContent.toLowerCase());",
            json!([]),
        )
        .await;
    let marked: Vec<&str> = marked
        .as_array()
        .expect("marks")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        marked
            .iter()
            .all(|m| m.starts_with("relazion") || m.starts_with("bilateral")),
        "{marked:?}"
    );

    let dir = screenshot_dir();
    d.screenshot(&dir.join("web-page.png")).await;
    // A phone-sized view of the same page.
    d.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 1400})),
    )
    .await;
    d.js(
        "window.scrollTo(0, document.getElementById('result').offsetTop); return true;",
        json!([]),
    )
    .await;
    d.screenshot(&dir.join("web-page-phone.png")).await;

    // An article carrying markup: shown as text, never run.
    let hostile = "Il sindaco ha scritto <script>window.__pwned = 1</script> nel suo messaggio di ieri sera ai cittadini della città.\n\n\
                   Poi ha aggiunto <img src=x onerror=\"window.__pwned = 2\"> e un link <a href=\"javascript:alert(1)\">qui</a> alla fine del testo pubblicato.\n\n\
                   Il consiglio comunale discuterà la proposta la prossima settimana, secondo quanto riferito dagli uffici del comune.";
    d.js(
        "document.getElementById('article-input').value = arguments[0]; return true;",
        json!([hostile]),
    )
    .await;
    d.click("#analyze-btn").await;
    d.wait_for(
        "return document.getElementById('article').textContent.includes('onerror')",
        "the hostile article",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let v = d
        .js(
            "const a = document.getElementById('article'); \
             return {pwned: window.__pwned === undefined ? null : window.__pwned, \
                     elements: a.querySelectorAll('script, img, a').length, \
                     page: document.querySelectorAll('img').length, text: a.textContent};",
            json!([]),
        )
        .await;
    assert!(v["pwned"].is_null(), "article markup ran: {v}");
    assert_eq!(v["elements"], 0, "article markup became elements: {v}");
    assert_eq!(v["page"], 0, "{v}");
    let text = v["text"].as_str().unwrap_or("");
    assert!(
        text.contains("<script>window.__pwned = 1</script>"),
        "{text}"
    );
    assert!(
        text.contains("<img src=x onerror=\"window.__pwned = 2\">"),
        "{text}"
    );

    d.quit().await;
    drop(d);
    server.shutdown().await;
}
