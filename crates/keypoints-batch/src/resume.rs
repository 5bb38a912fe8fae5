//! Resuming a batch after a crash.
//!
//! The output file is the only state: every line carries the record's `seq` (its position among
//! all records of the inputs). On resume the file is read once, a trailing partial line (the
//! process died mid-write) is cut off, and the `seq` of every complete line goes into a bit set;
//! the pipeline then skips those records. Since lines are written whole and in one piece of the
//! file, a record is either complete in the output or not there at all: each input record ends up
//! in the output exactly once, however often the batch is killed. The inputs must be the same,
//! in the same order, as in the first run.
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{bail, Context, Result};

/// The set of `seq` numbers already in the output: one bit a record.
#[derive(Debug, Default, Clone)]
pub struct Done {
    bits: Vec<u64>,
    count: u64,
}

impl Done {
    /// An empty set.
    pub fn new() -> Done {
        Done::default()
    }

    /// Adds `seq`; returns false when it was there already.
    pub fn insert(&mut self, seq: u64) -> bool {
        let (w, b) = ((seq / 64) as usize, seq % 64);
        if w >= self.bits.len() {
            self.bits.resize(w + 1, 0);
        }
        let had = self.bits[w] & (1 << b) != 0;
        self.bits[w] |= 1 << b;
        if !had {
            self.count += 1;
        }
        !had
    }

    /// True when `seq` is in the set.
    pub fn contains(&self, seq: u64) -> bool {
        let (w, b) = ((seq / 64) as usize, seq % 64);
        self.bits.get(w).is_some_and(|x| x & (1 << b) != 0)
    }

    /// How many records are in the set.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// True when no record is in the set.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The records in both sets: what a batch writing to two outputs can skip.
    pub fn intersection(&self, other: &Done) -> Done {
        let bits: Vec<u64> = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| a & b)
            .collect();
        let count = bits.iter().map(|w| u64::from(w.count_ones())).sum();
        Done { bits, count }
    }
}

#[derive(serde::Deserialize)]
struct SeqOnly {
    seq: u64,
}

/// Reads the output of an interrupted batch at `path`, cuts off a trailing partial line and
/// returns the records it holds. A missing file is an empty set. A complete line that is not a
/// batch record is an error: the file was not written by `keypoints batch`, and appending to it
/// would mix outputs.
pub fn scan_output(path: &Path) -> Result<Done> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Done::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    let mut r = BufReader::with_capacity(1 << 20, file);
    let mut done = Done::new();
    let mut good_end: u64 = 0;
    let mut line = Vec::new();
    let mut lineno = 0u64;
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        lineno += 1;
        if line.last() != Some(&b'\n') {
            // The partial line of a write that was cut short.
            break;
        }
        match serde_json::from_slice::<SeqOnly>(&line) {
            Ok(rec) => {
                done.insert(rec.seq);
            }
            Err(_) => bail!(
                "{} line {lineno} is not a keypoints batch record: resume only into a file that `keypoints batch` wrote",
                path.display()
            ),
        }
        good_end += n as u64;
    }
    drop(r);
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {} to resume", path.display()))?;
    if file.metadata()?.len() > good_end {
        file.set_len(good_end)
            .with_context(|| format!("cannot cut the partial last line of {}", path.display()))?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitset_counts_distinct() {
        let mut d = Done::new();
        assert!(d.insert(5));
        assert!(!d.insert(5));
        assert!(d.insert(1000));
        assert!(d.contains(5) && d.contains(1000) && !d.contains(6));
        assert_eq!(d.len(), 2);
        let mut e = Done::new();
        e.insert(5);
        e.insert(7);
        let both = d.intersection(&e);
        assert!(both.contains(5) && !both.contains(7) && !both.contains(1000));
        assert_eq!(both.len(), 1);
        assert_eq!(e.intersection(&d).len(), 1);
    }

    #[test]
    fn partial_last_line_is_cut_and_seqs_collected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"a\",\"seq\":0,\"digest\":{}}\n{\"id\":\"b\",\"seq\":2,\"error\":\"x\"}\n{\"id\":\"c\",\"se",
        )
        .unwrap();
        let d = scan_output(&p).unwrap();
        assert_eq!(d.len(), 2);
        assert!(d.contains(0) && d.contains(2) && !d.contains(1));
        let left = std::fs::read_to_string(&p).unwrap();
        assert!(left.ends_with("\"error\":\"x\"}\n"));
        // Missing file: nothing done.
        assert!(scan_output(&dir.path().join("none")).unwrap().is_empty());
        // A foreign file is refused.
        std::fs::write(&p, "hello\n").unwrap();
        assert!(scan_output(&p).is_err());
    }
}
