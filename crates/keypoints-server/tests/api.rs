//! Integration tests of every endpoint and error of the API, against the real server on an
//! ephemeral port.
mod common;

use std::time::Duration;

use common::{english_article, italian_article, shared_dir, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn body(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let v = resp.json::<Value>().await.unwrap_or(Value::Null);
    (status, v)
}

fn error_code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("(no error code)")
}

/// The characters `[start, end)` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[tokio::test]
async fn healthz_and_openapi() {
    let mut s = TestServer::start(|_| {}).await;
    let (st, v) = body(s.client.get(s.url("/healthz")).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["articles"], 0);

    let (st, v) = body(s.client.get(s.url("/openapi.json")).send().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert!(v["openapi"].as_str().unwrap_or("").starts_with("3."));
    for path in [
        "/v1/analyze",
        "/v1/articles",
        "/v1/articles/{id}",
        "/healthz",
    ] {
        assert!(v["paths"][path].is_object(), "openapi lacks {path}");
    }
    assert!(v["components"]["schemas"]["AnalyzeRequest"].is_object());
    assert!(v["components"]["securitySchemes"]["bearer"].is_object());
    s.shutdown().await;
}

#[tokio::test]
async fn analyze_json_text_and_raw_bodies() {
    let mut s = TestServer::start(|_| {}).await;
    let article = italian_article("lavoro", 1);
    // JSON with text.
    let (st, d) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .json(&json!({"text": article, "points": 2}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{d}");
    assert_eq!(d["language"], "it");
    let kps = d["key_points"].as_array().expect("key points");
    assert_eq!(kps.len(), 2);
    let text = d["text"].as_str().expect("text");
    for kp in kps {
        let (a, b) = (kp["start"].as_u64().unwrap(), kp["end"].as_u64().unwrap());
        assert_eq!(
            chars(text, a as usize, b as usize),
            kp["text"].as_str().unwrap()
        );
    }
    // Raw text/plain with options in the query string.
    let (st, d2) = body(
        s.client
            .post(s.url("/v1/analyze?lang=it&points=3"))
            .header("content-type", "text/plain; charset=utf-8")
            .body(article.clone())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(d2["key_points"].as_array().unwrap().len(), 3);
    assert_eq!(d2["text"], d["text"]);
    // Raw HTML, and HTML in JSON.
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><title>Election day</title></head><body><article><h1>Election day</h1>{}</article></body></html>",
        english_article("health", 1)
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    for req in [
        s.client
            .post(s.url("/v1/analyze"))
            .header("content-type", "text/html")
            .body(html.clone()),
        s.client
            .post(s.url("/v1/analyze"))
            .json(&json!({ "html": html })),
    ] {
        let (st, d) = body(req.send().await.unwrap()).await;
        assert_eq!(st, StatusCode::OK, "{d}");
        assert_eq!(d["language"], "en");
        assert!(d["text"]
            .as_str()
            .unwrap()
            .contains("Voters went to the polls"));
        assert!(!d["text"].as_str().unwrap().contains("<p>"));
    }
    // The seed article, when the shared data is there.
    let seed = shared_dir().join("data/seed/seed-it.txt");
    match std::fs::read(&seed) {
        Ok(bytes) => {
            let (st, d) = body(
                s.client
                    .post(s.url("/v1/analyze"))
                    .header("content-type", "text/plain")
                    .body(bytes)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(st, StatusCode::OK);
            assert_eq!(d["language"], "it");
            assert!(!d["key_points"].as_array().unwrap().is_empty());
        }
        Err(_) => eprintln!("skipping the seed part: {} not found", seed.display()),
    }
    s.shutdown().await;
}

#[tokio::test]
async fn request_errors() {
    let mut s = TestServer::start(|c| c.max_body = 20_000).await;
    let post = |ct: Option<&str>, b: Vec<u8>| {
        let mut r = s.client.post(s.url("/v1/analyze")).body(b);
        if let Some(ct) = ct {
            r = r.header("content-type", ct);
        }
        r.send()
    };
    // 415: a form body, and no content type at all.
    let (st, v) = body(
        post(Some("application/x-www-form-urlencoded"), b"a=b".to_vec())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error_code(&v), "unsupported_media_type");
    let (st, _) = body(post(None, b"hello".to_vec()).await.unwrap()).await;
    assert_eq!(st, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // 400 with the parser's message.
    let (st, v) = body(
        post(Some("application/json"), b"{\"text\": ".to_vec())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&v), "malformed_json");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("EOF while parsing") && msg.contains("line 1 column 9"),
        "{msg}"
    );
    // Unknown field, both text and html, none of them.
    for bad in [
        json!({"txt": "x"}),
        json!({"text": "a", "html": "b"}),
        json!({"lang": "it"}),
    ] {
        let (st, v) = body(
            post(Some("application/json"), bad.to_string().into_bytes())
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{bad}: {v}");
    }
    // Options.
    let (st, v) = body(
        post(
            Some("application/json"),
            json!({"text": "Una frase.", "lang": "xx"})
                .to_string()
                .into_bytes(),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::BAD_REQUEST, "unknown_language")
    );
    let (st, v) = body(
        post(
            Some("application/json"),
            json!({"text": "Una frase.", "points": 0})
                .to_string()
                .into_bytes(),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::BAD_REQUEST, "invalid_option")
    );
    // 422: nothing to analyse.
    let (st, v) = body(post(Some("text/plain"), b"   \n ".to_vec()).await.unwrap()).await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "empty_input")
    );
    // 413: over the limit, with a declared length and chunked.
    let big = "parola ".repeat(5_000).into_bytes();
    let (st, v) = body(post(Some("text/plain"), big.clone()).await.unwrap()).await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    let stream = futures_stream(big);
    let resp = s
        .client
        .post(s.url("/v1/analyze"))
        .header("content-type", "text/plain")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // 404 and 405 answer JSON too.
    let (st, v) = body(s.client.get(s.url("/nope")).send().await.unwrap()).await;
    assert_eq!((st, error_code(&v)), (StatusCode::NOT_FOUND, "not_found"));
    let (st, v) = body(s.client.put(s.url("/v1/analyze")).send().await.unwrap()).await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    // Bad search parameters.
    for q in [
        "limit=0",
        "limit=abc",
        "since=yesterday",
        "cursor=x",
        "lang=xx",
        "color=red",
    ] {
        let (st, v) = body(
            s.client
                .get(s.url(&format!("/v1/articles?{q}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{q}: {v}");
    }
    s.shutdown().await;
}

/// A body sent in chunks without a Content-Length.
fn futures_stream(
    bytes: Vec<u8>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(4096).map(|c| Ok(c.to_vec())).collect();
    ChunkStream(chunks.into_iter())
}

struct ChunkStream(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);

impl futures_core::Stream for ChunkStream {
    type Item = Result<Vec<u8>, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn articles_store_get_delete_idempotent() {
    let mut s = TestServer::start(|_| {}).await;
    let article = italian_article("fisco", 7);
    let post = || {
        s.client
            .post(s.url("/v1/articles"))
            .header("content-type", "text/plain")
            .body(article.clone())
            .send()
    };
    let (st, a) = body(post().await.unwrap()).await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    let id = a["id"].as_str().expect("id").to_string();
    assert_eq!(a["created"], true);
    assert!(a["digest"]["key_points"].is_array());
    // The same article again: the same id, 200.
    let (st, b) = body(post().await.unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(b["id"], id.as_str());
    assert_eq!(b["created"], false);
    assert_eq!(b["digest"], a["digest"]);
    // The same article as JSON: the same id.
    let (st, c) = body(
        s.client
            .post(s.url("/v1/articles"))
            .json(&json!({"text": article}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((st, c["id"].as_str()), (StatusCode::OK, Some(id.as_str())));

    let (st, g) = body(
        s.client
            .get(s.url(&format!("/v1/articles/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(g["digest"], a["digest"]);
    assert_eq!(g["created_at"], a["created_at"]);
    let (_, h) = body(s.client.get(s.url("/healthz")).send().await.unwrap()).await;
    assert_eq!(h["articles"], 1);

    let resp = s
        .client
        .delete(s.url(&format!("/v1/articles/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let (st, v) = body(
        s.client
            .get(s.url(&format!("/v1/articles/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((st, error_code(&v)), (StatusCode::NOT_FOUND, "not_found"));
    let (st, _) = body(
        s.client
            .delete(s.url(&format!("/v1/articles/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = body(
        s.client
            .get(s.url("/v1/articles/not-an-id"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // Gone from search too.
    let (_, r) = body(
        s.client
            .get(s.url("/v1/articles?q=fisco"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r["results"].as_array().unwrap().len(), 0);
    s.shutdown().await;
}

#[tokio::test]
async fn token_guards_writes_only() {
    let mut s = TestServer::start(|c| c.token = Some("s3cret".into())).await;
    let article = english_article("transport", 3);
    let post = |auth: Option<&str>| {
        let mut r = s
            .client
            .post(s.url("/v1/articles"))
            .header("content-type", "text/plain")
            .body(article.clone());
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        r.send()
    };
    let (st, v) = body(post(None).await.unwrap()).await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::UNAUTHORIZED, "unauthorized")
    );
    let (st, _) = body(post(Some("Bearer wrong")).await.unwrap()).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, a) = body(post(Some("Bearer s3cret")).await.unwrap()).await;
    assert_eq!(st, StatusCode::CREATED);
    let id = a["id"].as_str().unwrap().to_string();
    // Reads and analysis stay open.
    let (st, _) = body(
        s.client
            .get(s.url(&format!("/v1/articles/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .header("content-type", "text/plain")
            .body(article.clone())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    // Deleting needs the token.
    let resp = s
        .client
        .delete(s.url(&format!("/v1/articles/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = s
        .client
        .delete(s.url(&format!("/v1/articles/{id}")))
        .bearer_auth("s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    s.shutdown().await;
}

async fn store(s: &TestServer, text: &str) -> Value {
    let (st, v) = body(
        s.client
            .post(s.url("/v1/articles"))
            .header("content-type", "text/plain")
            .body(text.to_string())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    v
}

async fn search(s: &TestServer, q: &str) -> Value {
    let (st, v) = body(
        s.client
            .get(s.url(&format!("/v1/articles?{q}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{q}: {v}");
    v
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| r["id"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn search_stems_ranks_filters_and_pages() {
    let mut s = TestServer::start(|_| {}).await;
    let it_lavoro = store(&s, &italian_article("lavoro", 1)).await;
    let it_fisco = store(&s, &italian_article("fisco", 2)).await;
    let en_health = store(&s, &english_article("health", 3)).await;
    let en_trade = store(&s, &english_article("trade", 4)).await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();

    // Italian stemming: "governi" and "riforme" find "governo" and "riforma".
    let r = search(&s, "q=governi%20riforme&lang=it").await;
    let got = ids(&r);
    assert_eq!(got.len(), 2, "{r}");
    assert!(got.contains(&id(&it_lavoro)) && got.contains(&id(&it_fisco)));
    // English stemming without a language filter: "elections" finds "election".
    let r = search(&s, "q=elections").await;
    let got = ids(&r);
    assert!(
        got.contains(&id(&en_health)) && got.contains(&id(&en_trade)),
        "{r}"
    );
    assert!(!got.contains(&id(&it_lavoro)));
    // Ranking: the article about the word ranks first.
    let r = search(&s, "q=lavoro").await;
    assert_eq!(ids(&r).first(), Some(&id(&it_lavoro)), "{r}");
    // Snippet highlights cover query words in the snippet text.
    let hit = &r["results"][0];
    let snip = hit["snippet"]["text"].as_str().unwrap();
    let hl = hit["snippet"]["highlights"].as_array().unwrap();
    assert!(!hl.is_empty(), "{hit}");
    for h in hl {
        let w = chars(
            snip,
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(w.to_lowercase(), "lavoro", "{snip}");
    }
    // A phrase in order matches; out of order does not.
    assert_eq!(
        ids(&search(&s, "q=%22polls%20on%20Sunday%22").await).len(),
        2
    );
    assert_eq!(ids(&search(&s, "q=%22Sunday%20polls%22").await).len(), 0);
    // No hit.
    assert!(ids(&search(&s, "q=zanzibar").await).is_empty());
    // Language filter and listing without a query: newest first.
    let r = search(&s, "lang=en").await;
    assert_eq!(ids(&r), vec![id(&en_trade), id(&en_health)]);
    // Paging with the cursor covers everything once.
    let p1 = search(&s, "limit=3").await;
    assert_eq!(ids(&p1).len(), 3);
    let cursor = p1["next_cursor"].as_str().expect("a next page").to_string();
    let p2 = search(&s, &format!("limit=3&cursor={cursor}")).await;
    assert_eq!(ids(&p2).len(), 1);
    assert!(p2["next_cursor"].is_null());
    let mut all = ids(&p1);
    all.extend(ids(&p2));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 4);
    // since: a future time excludes everything, a past one nothing.
    assert!(ids(&search(&s, "since=2999-01-01").await).is_empty());
    assert_eq!(
        ids(&search(&s, "since=2000-01-01T00:00:00Z").await).len(),
        4
    );
    s.shutdown().await;
}

#[tokio::test]
async fn search_filters_by_entity_and_speaker_from_the_digest() {
    let mut s = TestServer::start(|_| {}).await;
    let seed = shared_dir().join("data/seed/seed-it.txt");
    let text = match std::fs::read_to_string(&seed) {
        Ok(t) => t,
        Err(_) => {
            eprintln!("skipping: {} not found", seed.display());
            return;
        }
    };
    let stored = store(&s, &text).await;
    let other = store(&s, &english_article("energy", 9)).await;
    let id = stored["id"].as_str().unwrap().to_string();
    // Whatever the digest names, the filters find this article by it, and not the other one.
    let entities = stored["digest"]["entities"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for e in &entities {
        let name = e["name"].as_str().unwrap();
        let q: String = url_encode(name);
        let got = ids(&search(&s, &format!("entity={q}")).await);
        assert!(got.contains(&id), "entity {name}");
        assert!(!got.contains(&other["id"].as_str().unwrap().to_string()));
    }
    let speakers: Vec<String> = stored["digest"]["quotes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|q| q["speaker"]["name"].as_str().map(str::to_string))
        .collect();
    for name in &speakers {
        let got = ids(&search(&s, &format!("speaker={}", url_encode(name))).await);
        assert!(got.contains(&id), "speaker {name}");
    }
    if entities.is_empty() && speakers.is_empty() {
        eprintln!(
            "note: the digest has no entities or speakers yet; only the negative filter is checked"
        );
    }
    assert!(ids(&search(&s, "entity=Nessuno%20Mai").await).is_empty());
    assert!(ids(&search(&s, "speaker=Nessuno%20Mai").await).is_empty());
    s.shutdown().await;
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn timeout_answers_504() {
    let mut s = TestServer::start(|c| c.timeout = Duration::from_millis(1)).await;
    let article = italian_article("lavoro", 1).repeat(200);
    let (st, v) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .header("content-type", "text/plain")
            .body(article)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::GATEWAY_TIMEOUT, "timeout")
    );
    s.shutdown().await;
}

#[tokio::test]
async fn overload_answers_503() {
    let mut s = TestServer::start(|c| {
        c.max_concurrent = 1;
        c.max_queue = 0;
    })
    .await;
    let article = italian_article("lavoro", 1).repeat(150);
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let req = s
            .client
            .post(s.url("/v1/analyze"))
            .header("content-type", "text/plain")
            .body(article.clone());
        tasks.push(tokio::spawn(
            async move { req.send().await.map(|r| r.status()) },
        ));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().unwrap());
    }
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let mut s = TestServer::start(|_| {}).await;
    let article = italian_article("lavoro", 1).repeat(100);
    let req = s
        .client
        .post(s.url("/v1/articles"))
        .header("content-type", "text/plain")
        .body(article);
    let inflight = tokio::spawn(async move { req.send().await });
    // Let the request reach the server, then ask it to stop.
    tokio::time::sleep(Duration::from_millis(100)).await;
    s.shutdown().await;
    let resp = inflight.await.unwrap().expect("answered, not dropped");
    assert_eq!(resp.status(), StatusCode::CREATED);
    // New connections are refused once it has stopped.
    assert!(s.client.get(s.url("/healthz")).send().await.is_err());
}

#[tokio::test]
async fn web_page_and_assets() {
    let mut s = TestServer::start(|_| {}).await;
    let resp = s.client.get(s.url("/")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("script-src 'self'"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("/assets/app.js") && html.contains("analyze-form"));
    for (path, ct) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let resp = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(ct));
    }
    // The script never puts data into the page as HTML.
    let js = s
        .client
        .get(s.url("/assets/app.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !js.contains("innerHTML")
            && !js.contains("insertAdjacentHTML")
            && !js.contains("document.write")
    );
    s.shutdown().await;
}

/// A local site serving one article page, for URL inputs.
async fn article_site() -> (String, tokio::task::JoinHandle<()>) {
    use axum::response::Html;
    let page = format!(
        "<!doctype html><html lang=\"it\"><head><title>Riforma del lavoro</title></head><body>\
         <nav>Home | Politica | Esteri</nav><article><h1>Riforma del lavoro</h1>{}</article>\
         <footer>Riproduzione riservata</footer></body></html>",
        italian_article("lavoro", 5)
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    let app = axum::Router::new().route(
        "/article",
        axum::routing::get(move || {
            let page = page.clone();
            async move { Html(page) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/article"), task)
}

#[tokio::test]
async fn url_inputs_are_guarded() {
    let (url, site) = article_site().await;
    // Default: loopback targets are refused.
    let mut s = TestServer::start(|_| {}).await;
    let (st, v) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .json(&json!({ "url": url }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::FORBIDDEN, "forbidden_target"),
        "{v}"
    );
    for bad in ["ftp://example.org/x", "not a url", "file:///etc/passwd"] {
        let (st, v) = body(
            s.client
                .post(s.url("/v1/analyze"))
                .json(&json!({ "url": bad }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (st, error_code(&v)),
            (StatusCode::BAD_REQUEST, "invalid_url"),
            "{bad}: {v}"
        );
    }
    s.shutdown().await;
    // With allow_private the page is fetched, analysed and stored with its URL.
    let mut s = TestServer::start(|c| c.allow_private = true).await;
    let (st, d) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .json(&json!({ "url": url }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{d}");
    assert_eq!(d["language"], "it");
    assert!(d["text"]
        .as_str()
        .unwrap()
        .contains("Il governo ha approvato"));
    let (st, a) = body(
        s.client
            .post(s.url("/v1/articles"))
            .json(&json!({ "url": url }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{a}");
    assert_eq!(a["url"], url.as_str());
    let (st, v) = body(
        s.client
            .post(s.url("/v1/analyze"))
            .json(&json!({ "url": url.replace("/article", "/missing") }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (st, error_code(&v)),
        (StatusCode::BAD_GATEWAY, "fetch_failed"),
        "{v}"
    );
    s.shutdown().await;
    site.abort();
}
