//! Metrics behind the `eval` commands.

// ROUGE and the summary-set evaluation (keypoints eval).
pub mod porter;
pub mod rouge;
pub mod sentences;
pub mod summaries;
