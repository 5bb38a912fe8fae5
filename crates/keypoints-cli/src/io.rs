//! Reading inputs: a file path or `-` for stdin, with a size bound so that a huge input is refused
//! before it is read whole.
use std::io::Read;

use anyhow::{bail, Context, Result};

/// Reads `path` (or stdin for `-`), refusing more than `limit` bytes.
pub fn read_input(path: &str, limit: usize) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            bail!("{path} is a folder: give an article file, or - for stdin");
        }
        Box::new(file)
    };
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {path}"))?;
    if buf.len() > limit {
        bail!("{path} is over the limit of {limit} bytes: split it, or raise --max-bytes");
    }
    Ok(buf)
}
