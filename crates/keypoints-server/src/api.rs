//! The HTTP handlers and the router.
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use keypoints::{Digest, InputKind, Options};
use serde::{Deserialize, Serialize};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::search::{self, Snippet};
use crate::store::{self, SearchParams};
use crate::AppState;

type Shared = Arc<AppState>;

/// Most key points a request may ask for.
const MAX_POINTS: usize = 50;
/// Largest page of search results.
const MAX_LIMIT: usize = 100;

/// The router with every route, the page and the middleware.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(crate::web::index))
        .route("/assets/app.js", get(crate::web::script))
        .route("/assets/app.css", get(crate::web::style))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(crate::openapi::spec))
        .route("/v1/analyze", axum::routing::post(analyze))
        .route("/v1/articles", get(search_articles).post(create_article))
        .route("/v1/articles/{id}", get(get_article).delete(delete_article))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), timeout))
        .layer(middleware::from_fn(json_errors))
        .layer(CatchPanicLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Answers 504 when a request runs past the configured timeout.
async fn timeout(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let limit = state.config.timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => ApiError::timeout(limit).into_response(),
    }
}

/// Turns the framework's own error answers (405, rejections, panics) into the JSON error shape.
async fn json_errors(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let code = match status {
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    };
    let message = if text.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("request failed")
            .to_string()
    } else {
        text
    };
    let mut out = ApiError::new(status, code, message).into_response();
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route: see /openapi.json")
}

/// Body of `GET /healthz`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `"ok"`.
    pub status: &'static str,
    /// Version of the program.
    pub version: &'static str,
    /// Articles in the store.
    pub articles: i64,
}

/// Liveness and readiness: the store answers.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "The service and its store work", body = Health),
              (status = 500, description = "The store fails", body = ErrorBody)))]
pub async fn healthz(State(state): State<Shared>) -> Result<Json<Health>, ApiError> {
    let articles = blocking(move || state.store.count().map_err(ApiError::internal)).await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        articles,
    }))
}

/// JSON body of `POST /v1/analyze` and `POST /v1/articles`: exactly one of `text`, `html`, `url`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The article as plain text.
    pub text: Option<String>,
    /// The article as an HTML page.
    pub html: Option<String>,
    /// A page to fetch (http or https; public addresses only unless the server allows private).
    pub url: Option<String>,
    /// Language code (it, en, ...); identified from the text when absent.
    pub lang: Option<String>,
    /// Number of key points (1 to 50); 3 to 5 by the article's length when absent.
    pub points: Option<usize>,
    /// Trim trailing attributions from key points.
    pub concise: Option<bool>,
}

/// Options given in the query string with a raw `text/plain` or `text/html` body.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawOptions {
    /// Language code (it, en, ...).
    pub lang: Option<String>,
    /// Number of key points (1 to 50).
    pub points: Option<usize>,
    /// Trim trailing attributions from key points.
    pub concise: Option<bool>,
}

/// Where the article comes from.
enum Source {
    Text(String, InputKind),
    Bytes(Vec<u8>, InputKind),
    Url(String),
}

/// An analysis request, read from the body.
struct Input {
    source: Source,
    lang: Option<String>,
    points: Option<usize>,
    concise: bool,
}

fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
}

/// Reads the body within the size limit: 413 past it.
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::too_large(limit));
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(b) => Ok(b.to_vec()),
        Err(err) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
            while let Some(e) = source {
                if e.is::<http_body_util::LengthLimitError>() {
                    return Err(ApiError::too_large(limit));
                }
                source = e.source();
            }
            Err(ApiError::bad_request(
                "bad_body",
                format!("could not read the request body: {err}"),
            ))
        }
    }
}

async fn read_input(
    headers: &HeaderMap,
    query: Result<Query<RawOptions>, QueryRejection>,
    body: Body,
    limit: usize,
) -> Result<Input, ApiError> {
    let mt = media_type(headers);
    let kind = match mt.as_deref() {
        Some("application/json") => None,
        Some("text/plain") => Some(InputKind::Text),
        Some("text/html") | Some("application/xhtml+xml") => Some(InputKind::Html),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!(
                    "content type {} is not accepted: send application/json ({{\"text\"|\"html\"|\"url\": ...}}), text/plain or text/html",
                    other.map(|o| format!("{o:?}")).unwrap_or_else(|| "(none)".into())
                ),
            ))
        }
    };
    let bytes = read_body(body, headers, limit).await?;
    match kind {
        Some(kind) => {
            let Query(opts) =
                query.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
            Ok(Input {
                source: Source::Bytes(bytes, kind),
                lang: opts.lang,
                points: opts.points,
                concise: opts.concise.unwrap_or(false),
            })
        }
        None => {
            let req: AnalyzeRequest = serde_json::from_slice(&bytes).map_err(|e| {
                ApiError::bad_request("malformed_json", format!("invalid JSON body: {e}"))
            })?;
            let given = [req.text.is_some(), req.html.is_some(), req.url.is_some()]
                .iter()
                .filter(|b| **b)
                .count();
            if given != 1 {
                return Err(ApiError::bad_request(
                    "invalid_request",
                    "give exactly one of \"text\", \"html\" or \"url\"",
                ));
            }
            let source = if let Some(t) = req.text {
                Source::Text(t, InputKind::Text)
            } else if let Some(h) = req.html {
                Source::Text(h, InputKind::Html)
            } else {
                Source::Url(req.url.unwrap_or_default())
            };
            Ok(Input {
                source,
                lang: req.lang,
                points: req.points,
                concise: req.concise.unwrap_or(false),
            })
        }
    }
}

/// Runs a blocking closure on the blocking pool.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
}

/// Validates the options, fetches a URL input, and analyses in a slot of the blocking pool.
/// Returns the digest and the URL it came from.
async fn run_analysis(state: &Shared, input: Input) -> Result<(Digest, Option<String>), ApiError> {
    if let Some(p) = input.points {
        if p == 0 || p > MAX_POINTS {
            return Err(ApiError::bad_request(
                "invalid_option",
                format!("points must be between 1 and {MAX_POINTS}"),
            ));
        }
    }
    if let Some(l) = &input.lang {
        keypoints::lang::get(l)?;
    }
    let (source, url) = match input.source {
        Source::Url(u) => {
            let fetched = crate::fetch::fetch(&u, &state.config).await?;
            (
                Source::Bytes(fetched.body, fetched.kind),
                Some(fetched.final_url),
            )
        }
        s => (s, None),
    };
    let opts = Options {
        lang: input.lang,
        points: input.points,
        concise: input.concise,
        input: InputKind::Auto,
        max_bytes: state.config.max_body,
        ..Options::default()
    };
    // A slot, or 503 when too many wait already.
    let permit = match state.analyses.clone().try_acquire_owned() {
        Ok(p) => p,
        Err(_) => {
            let waiting = state.waiting.fetch_add(1, Ordering::SeqCst);
            let _guard = WaitGuard(state.clone());
            if waiting >= state.config.max_queue {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "overloaded",
                    "too many analyses are waiting: retry later",
                ));
            }
            state
                .analyses
                .clone()
                .acquire_owned()
                .await
                .map_err(ApiError::internal)?
        }
    };
    let pool = state.clone();
    let digest = blocking(move || {
        // The slot is held until the work ends, even if the request was abandoned meanwhile.
        let _permit = permit;
        let d = pool.with_analyzer(|analyzer| match source {
            Source::Text(t, kind) => analyzer.analyze(
                &t,
                &Options {
                    input: kind,
                    ..opts
                },
            ),
            Source::Bytes(b, kind) => analyzer.analyze_bytes(
                &b,
                &Options {
                    input: kind,
                    ..opts
                },
            ),
            Source::Url(u) => Err(keypoints::Error::Invalid(format!("{u:?} was not fetched"))),
        });
        d.map_err(ApiError::from)
    })
    .await?;
    Ok((digest, url))
}

struct WaitGuard(Shared);

impl Drop for WaitGuard {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Analyses an article and answers its digest.
///
/// The body is JSON (`{"text"|"html"|"url", "lang"?, "points"?, "concise"?}`) or the article
/// itself as `text/plain` or `text/html`, with options in the query string.
#[utoipa::path(post, path = "/v1/analyze", tag = "analysis", params(RawOptions),
    request_body(content(
        (AnalyzeRequest = "application/json"),
        (String = "text/plain"),
        (String = "text/html"))),
    responses(
        (status = 200, description = "The digest: see the library's Digest (spans in Unicode characters of `text`)", body = Object),
        (status = 400, description = "Malformed JSON, bad option or unknown language", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody),
        (status = 415, description = "Unsupported content type", body = ErrorBody),
        (status = 422, description = "Empty, binary or undecodable input", body = ErrorBody),
        (status = 403, description = "The URL leads to a loopback or private address", body = ErrorBody),
        (status = 502, description = "The URL could not be fetched", body = ErrorBody),
        (status = 503, description = "Overloaded", body = ErrorBody),
        (status = 504, description = "Timed out", body = ErrorBody)))]
pub async fn analyze(
    State(state): State<Shared>,
    query: Result<Query<RawOptions>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Digest>, ApiError> {
    let input = read_input(&headers, query, body, state.config.max_body).await?;
    let (digest, _) = run_analysis(&state, input).await?;
    Ok(Json(digest))
}

/// Checks the bearer token of a write request.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.config.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "the bearer token is wrong",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this endpoint needs an Authorization: Bearer <token> header",
        )),
    }
}

/// Compares without an early exit, so timing does not tell how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= (*x ^ b.get(i).copied().unwrap_or(0)) as usize;
    }
    diff == 0
}

/// A stored article.
#[derive(Serialize, ToSchema)]
pub struct ArticleBody {
    /// Stable id, derived from the article's title and text.
    pub id: String,
    /// When it was first stored (RFC 3339, UTC).
    pub created_at: String,
    /// The URL it was fetched from, if any.
    pub url: Option<String>,
    /// True when this request stored it; false when it was there already (`POST` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<bool>,
    /// The digest.
    #[schema(value_type = Object)]
    pub digest: Digest,
}

/// Analyses and stores an article; the same article always gets the same id.
#[utoipa::path(post, path = "/v1/articles", tag = "articles", params(RawOptions),
    request_body(content(
        (AnalyzeRequest = "application/json"),
        (String = "text/plain"),
        (String = "text/html"))),
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = ArticleBody),
        (status = 200, description = "Already stored: the same id", body = ArticleBody),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 401, description = "Token missing or wrong", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody),
        (status = 415, description = "Unsupported content type", body = ErrorBody),
        (status = 422, description = "Empty, binary or undecodable input", body = ErrorBody)))]
pub async fn create_article(
    State(state): State<Shared>,
    query: Result<Query<RawOptions>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<ArticleBody>), ApiError> {
    authorize(&state, &headers)?;
    let input = read_input(&headers, query, body, state.config.max_body).await?;
    let (digest, url) = run_analysis(&state, input).await?;
    let st = state.clone();
    let (id, created, digest, url) = blocking(move || {
        let (id, created) = st
            .store
            .insert(&digest, url.as_deref())
            .map_err(ApiError::internal)?;
        if created {
            return Ok((id, true, digest, url));
        }
        // Already there: answer what is stored, so the answer is the same every time.
        match st.store.get(&id).map_err(ApiError::internal)? {
            Some(s) => Ok((id, false, s.digest, s.url)),
            None => Ok((id, false, digest, url)),
        }
    })
    .await?;
    let created_at = blocking({
        let st = state.clone();
        let id = id.clone();
        move || {
            Ok(st
                .store
                .get(&id)
                .map_err(ApiError::internal)?
                .map(|s| s.created_at)
                .unwrap_or_else(store::now_ms))
        }
    })
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(ArticleBody {
            id,
            created_at: store::format_time(created_at),
            url,
            created: Some(created),
            digest,
        }),
    ))
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!("no article with id {id:?}")))
    }
}

/// A stored article by id.
#[utoipa::path(get, path = "/v1/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id")),
    responses((status = 200, description = "The article", body = ArticleBody),
              (status = 404, description = "No such article", body = ErrorBody)))]
pub async fn get_article(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<ArticleBody>, ApiError> {
    check_id(&id)?;
    let found = blocking({
        let id = id.clone();
        move || state.store.get(&id).map_err(ApiError::internal)
    })
    .await?;
    let s = found.ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}")))?;
    Ok(Json(ArticleBody {
        id: s.id,
        created_at: store::format_time(s.created_at),
        url: s.url,
        created: None,
        digest: s.digest,
    }))
}

/// Deletes a stored article.
#[utoipa::path(delete, path = "/v1/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id")),
    security((), ("bearer" = [])),
    responses((status = 204, description = "Deleted"),
              (status = 401, description = "Token missing or wrong", body = ErrorBody),
              (status = 404, description = "No such article", body = ErrorBody)))]
pub async fn delete_article(
    State(state): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    authorize(&state, &headers)?;
    check_id(&id)?;
    let deleted = blocking({
        let id = id.clone();
        move || state.store.delete(&id).map_err(ApiError::internal)
    })
    .await?;
    if deleted {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("no article with id {id:?}")))
    }
}

/// Query of `GET /v1/articles`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (all required; stemmed, so "governi" finds "governo"); "quoted phrases"
    /// match in order. Without it, the newest articles are listed.
    pub q: Option<String>,
    /// Only articles in this language.
    pub lang: Option<String>,
    /// Only articles mentioning this entity (full name, or its first or last word).
    pub entity: Option<String>,
    /// Only articles quoting this speaker (full name, or its first or last word).
    pub speaker: Option<String>,
    /// Only articles stored since this time: a date (2026-11-29), RFC 3339, or Unix seconds.
    pub since: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One search result.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Headline, if any.
    pub title: Option<String>,
    /// Language code.
    pub lang: String,
    /// When it was stored (RFC 3339, UTC).
    pub created_at: String,
    /// Source URL, if any.
    pub url: Option<String>,
    /// BM25 relevance (higher is better); 0 for listings without `q`.
    pub score: f64,
    /// The best-matching passage with the query words highlighted.
    pub snippet: Snippet,
    /// The article's key points.
    pub key_points: Vec<String>,
}

/// Body of `GET /v1/articles`.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    /// Results, best first (newest first without `q`).
    pub results: Vec<SearchHit>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Full-text search over stored articles, ranked, with highlighted snippets.
#[utoipa::path(get, path = "/v1/articles", tag = "articles", params(SearchQuery),
    responses((status = 200, description = "Results", body = SearchResults),
              (status = 400, description = "Bad parameter", body = ErrorBody)))]
pub async fn search_articles(
    State(state): State<Shared>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let Query(raw) = query.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
    if let Some(k) = raw.keys().find(|k| {
        !["q", "lang", "entity", "speaker", "since", "limit", "cursor"].contains(&k.as_str())
    }) {
        return Err(ApiError::bad_request(
            "bad_query",
            format!("unknown parameter {k:?}: use q, lang, entity, speaker, since, limit, cursor"),
        ));
    }
    let get = |k: &str| nonempty(raw.get(k).cloned());
    let lang = get("lang").map(|l| l.to_ascii_lowercase());
    if let Some(l) = &lang {
        keypoints::lang::get(l)?;
    }
    let limit = match get("limit") {
        None => 20,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_request(
                    "bad_query",
                    format!("limit must be a number from 1 to {MAX_LIMIT}"),
                ))
            }
        },
    };
    let offset = match get("cursor") {
        None => 0,
        Some(c) => c.parse::<usize>().map_err(|_| {
            ApiError::bad_request(
                "bad_query",
                "cursor must be a next_cursor of an earlier page",
            )
        })?,
    };
    let since_ms = match get("since") {
        None => None,
        Some(s) => Some(store::parse_time(&s).ok_or_else(|| {
            ApiError::bad_request(
                "bad_query",
                format!("since {s:?} is not a date (2026-11-29), an RFC 3339 time or Unix seconds"),
            )
        })?),
    };
    let query = get("q").map(|q| search::parse_query(&q, lang.as_deref()));
    let params = SearchParams {
        query: query.clone(),
        lang,
        entity: get("entity").map(|e| search::norm_name(&e)),
        speaker: get("speaker").map(|s| search::norm_name(&s)),
        since_ms,
        limit,
        offset,
    };
    let hits = blocking(move || state.store.search(&params).map_err(ApiError::internal)).await?;
    let more = hits.len() > limit;
    let empty = search::Query {
        fts: None,
        stems: Default::default(),
    };
    let q = query.unwrap_or(empty);
    let results = hits
        .into_iter()
        .take(limit)
        .map(|h| {
            let d = &h.article.digest;
            SearchHit {
                snippet: search::snippet(d, &q),
                id: h.article.id.clone(),
                title: d.title.clone(),
                lang: d.language.clone(),
                created_at: store::format_time(h.article.created_at),
                url: h.article.url.clone(),
                score: (h.score * 1000.0).round() / 1000.0,
                key_points: d.key_points.iter().map(|k| k.text.clone()).collect(),
            }
        })
        .collect();
    Ok(Json(SearchResults {
        results,
        next_cursor: more.then(|| (offset + limit).to_string()),
    }))
}
