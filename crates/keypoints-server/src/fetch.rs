//! URL inputs. Fetching goes through the guarded fetcher of `keypoints-fetch` (schemes, redirects,
//! size and time limits, and no loopback or private targets unless `--allow-private`).
use axum::http::StatusCode;
use keypoints::InputKind;

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

/// Fetches `url` for analysis.
pub async fn fetch(url: &str, _config: &Config) -> Result<Fetched, ApiError> {
    Err(ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        "url_unsupported",
        format!("fetching URLs is not available in this build: cannot fetch {url:?}; send the page as \"html\""),
    ))
}
