//! Metrics behind the `eval` commands.

// ROUGE and the summary-set evaluation (keypoints eval).
pub mod porter;
pub mod rouge;
pub mod sentences;
pub mod summaries;

/// The harmonic mean of precision `p` and recall `r` (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
