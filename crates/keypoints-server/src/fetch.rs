//! URL inputs. Fetching goes through the guarded fetcher of `keypoints-fetch`: http(s) only,
//! bounded time and size, every address (literal, resolved, redirected to) vetted, and no
//! loopback or private targets unless the server runs with `--allow-private`. Its client is
//! blocking, so it runs on the blocking pool.
use axum::http::StatusCode;
use keypoints::InputKind;
use keypoints_fetch::{FetchError, FetchOptions};

use crate::{ApiError, Config};

/// A fetched page.
pub struct Fetched {
    /// The body bytes.
    pub body: Vec<u8>,
    /// How to read them, from the content type.
    pub kind: InputKind,
    /// The URL after redirects.
    pub final_url: String,
}

/// The fetch options the server's settings ask for.
pub fn options(config: &Config) -> FetchOptions {
    FetchOptions {
        timeout: config.timeout,
        connect_timeout: config.timeout.min(FetchOptions::default().connect_timeout),
        max_bytes: config.max_body,
        allow_private: config.allow_private,
        ..FetchOptions::default()
    }
}

/// Fetches `url` for analysis.
pub async fn fetch(url: &str, config: &Config) -> Result<Fetched, ApiError> {
    let opts = options(config);
    let url = url.to_string();
    let fetched = tokio::task::spawn_blocking(move || keypoints_fetch::fetch(&url, &opts))
        .await
        .map_err(ApiError::internal)?
        .map_err(fetch_error)?;
    let media = fetched.content_type.as_deref().map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let kind = match media.as_deref() {
        Some("text/html") | Some("application/xhtml+xml") => InputKind::Html,
        Some("text/plain") => InputKind::Text,
        _ => InputKind::Auto,
    };
    Ok(Fetched {
        body: fetched.body,
        kind,
        final_url: fetched.final_url,
    })
}

fn fetch_error(err: FetchError) -> ApiError {
    let (status, code) = match &err {
        FetchError::InvalidUrl { .. } => (StatusCode::BAD_REQUEST, "invalid_url"),
        FetchError::Blocked { .. } => (StatusCode::FORBIDDEN, "forbidden_target"),
        FetchError::Timeout { .. } => (StatusCode::GATEWAY_TIMEOUT, "fetch_timeout"),
        FetchError::TooLarge { .. } => (StatusCode::BAD_GATEWAY, "fetch_too_large"),
        FetchError::Resolve { .. }
        | FetchError::Status { .. }
        | FetchError::TooManyRedirects { .. }
        | FetchError::Network { .. } => (StatusCode::BAD_GATEWAY, "fetch_failed"),
    };
    ApiError::new(status, code, err.to_string())
}
