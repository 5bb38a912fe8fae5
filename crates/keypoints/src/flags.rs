//! Quality flags: signals of machine-translated or content-farm text.
use crate::analysis::Analysis;
use crate::digest::Flag;

/// Raises the flags of the analysed article and returns them with a 0..1 summary score.
pub fn raise(_a: &Analysis) -> (Vec<Flag>, f64) {
    (Vec::new(), 0.0)
}
