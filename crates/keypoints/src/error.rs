//! Typed errors of the library. Each message says what went wrong and what to do about it.
use thiserror::Error;

/// What can go wrong when analysing an article.
#[derive(Debug, Error)]
pub enum Error {
    /// The input holds no text at all.
    #[error("the input is empty or only white space: give an article's text or HTML")]
    Empty,
    /// The input looks like binary data, not text.
    #[error("the input looks like binary data ({0}), not an article: give text or HTML")]
    Binary(String),
    /// The bytes are not valid in any encoding we could detect.
    #[error("could not decode the input as text ({0}): convert it to UTF-8 first")]
    Encoding(String),
    /// A language code that no language folder provides.
    #[error("unknown language {0:?}: use one of {1}")]
    UnknownLanguage(String, String),
    /// The input is larger than the configured limit.
    #[error(
        "the input is {size} bytes, over the limit of {limit} bytes: split it or raise the limit"
    )]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// An HTML page in which no article text was found.
    #[error(
        "no article text found in the page: it may be an index, a login wall or a script-only page"
    )]
    NoArticle,
    /// An input option is invalid.
    #[error("invalid option: {0}")]
    Invalid(String),
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
