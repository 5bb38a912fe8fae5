//! API errors: every failure answers `{"error": {"code", "message"}}` with a fitting status, so a
//! client can branch on `code` and show `message` to a person.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// An error answer: the HTTP status, a stable machine-readable code and a message for people.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status of the answer.
    pub status: StatusCode,
    /// Stable code (`malformed_json`, `not_found`, ...).
    pub code: &'static str,
    /// What went wrong and what to do about it.
    pub message: String,
}

/// The JSON body of an error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// Code and message of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl ApiError {
    /// An error with the given status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400: the request is not valid.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404: no such resource.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500: a fault of the server, logged; the message is kept generic for the client.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {err}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal server error; see the server log",
        )
    }

    /// 413: the body is over the limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is over the limit of {limit} bytes"),
        )
    }

    /// 504: the request took longer than the configured timeout.
    pub fn timeout(limit: std::time::Duration) -> Self {
        Self::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "the request took longer than {} ms and was abandoned",
                limit.as_millis()
            ),
        )
    }
}

impl From<keypoints::Error> for ApiError {
    fn from(err: keypoints::Error) -> Self {
        use keypoints::Error as E;
        let (status, code) = match &err {
            E::Empty => (StatusCode::UNPROCESSABLE_ENTITY, "empty_input"),
            E::Binary(_) => (StatusCode::UNPROCESSABLE_ENTITY, "binary_input"),
            E::Encoding(_) => (StatusCode::UNPROCESSABLE_ENTITY, "encoding"),
            E::UnknownLanguage(..) => (StatusCode::BAD_REQUEST, "unknown_language"),
            E::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            E::Invalid(_) => (StatusCode::BAD_REQUEST, "invalid_option"),
            E::NoArticle => (StatusCode::UNPROCESSABLE_ENTITY, "no_article"),
        };
        ApiError::new(status, code, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}
