//! Where output records go. [`JsonlSink`] writes the output lines to a file or stdout;
//! [`Tee`] hands every record to several sinks; the `store` feature adds
//! [`StoreSink`](crate::store::StoreSink), which writes digests into the service's SQLite store.
//!
//! Lines are gathered in a buffer and written in pieces that end on a line boundary; the sink
//! remembers how many bytes of the file are known good. When a write fails (a full disk, a closed
//! pipe) the file is cut back to that length, so no half-written line is left behind, and the
//! error stops the batch. The buffer is also written at least once a second, so that a killed
//! batch loses little work.
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::record::{Extra, Outcome};
use crate::resume::Done;

/// Work a sink wants done for every analysed record on the worker threads, in parallel, rather
/// than on the one thread that writes (a store's stemming and serializing, say). What it returns
/// reaches the sink as the record's [`Extra`].
pub type Preparer = Arc<dyn Fn(&keypoints::Digest) -> Extra + Send + Sync>;

/// A destination for the records of a batch, written by one thread in output order.
pub trait Sink {
    /// Takes one record (a sink may take its [`Extra`] out). An error stops the batch.
    fn write(&mut self, outcome: &mut Outcome) -> Result<()>;
    /// Writes out whatever is buffered; called once at the end.
    fn finish(&mut self) -> Result<()>;
    /// Work to run on the workers for every analysed record; none by default.
    fn preparer(&self) -> Option<Preparer> {
        None
    }
    /// Whether the sink uses the output line of an analysed record (building it costs a JSON
    /// serialization of the digest); true by default.
    fn needs_lines(&self) -> bool {
        true
    }
}

/// Several sinks fed the same records, in the order given. Only one of them may have a
/// [`Preparer`] (the first that has one is run).
pub struct Tee<'a>(pub Vec<&'a mut dyn Sink>);

impl Sink for Tee<'_> {
    fn write(&mut self, outcome: &mut Outcome) -> Result<()> {
        for s in &mut self.0 {
            s.write(outcome)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        for s in &mut self.0 {
            s.finish()?;
        }
        Ok(())
    }

    fn preparer(&self) -> Option<Preparer> {
        self.0.iter().find_map(|s| s.preparer())
    }

    fn needs_lines(&self) -> bool {
        self.0.iter().any(|s| s.needs_lines())
    }
}

/// Buffer size at which lines are written out.
const FLUSH_BYTES: usize = 256 * 1024;
/// Longest time a complete line waits in the buffer.
const FLUSH_EVERY: Duration = Duration::from_secs(1);

enum Target {
    File(File, PathBuf),
    Stdout(std::io::Stdout),
}

/// Writes output lines to a file (created, truncated, or appended to on resume) or to stdout.
pub struct JsonlSink {
    target: Target,
    buf: Vec<u8>,
    committed: u64,
    last_flush: Instant,
    skip: Done,
}

impl JsonlSink {
    /// A sink writing to `path`, or stdout for `-`. With `append`, lines go after the file's
    /// current end (resume); otherwise the file is truncated.
    pub fn open(path: &str, append: bool) -> Result<JsonlSink> {
        let target = if path == "-" {
            Target::Stdout(std::io::stdout())
        } else {
            let p = Path::new(path);
            let file = OpenOptions::new()
                .create(true)
                .write(true)
                .append(append)
                .truncate(!append)
                .open(p)
                .with_context(|| format!("cannot write {path}"))?;
            Target::File(file, p.to_path_buf())
        };
        let committed = match &target {
            Target::File(f, _) => f.metadata().map(|m| m.len()).unwrap_or(0),
            Target::Stdout(_) => 0,
        };
        Ok(JsonlSink {
            target,
            buf: Vec::with_capacity(FLUSH_BYTES * 2),
            committed,
            last_flush: Instant::now(),
            skip: Done::new(),
        })
    }

    /// Records (by `seq`) that are in the file already and must not be written again: on a
    /// resume into the file and a store together, the batch redoes the records that only one
    /// of them holds.
    pub fn skip(&mut self, done: Done) {
        self.skip = done;
    }

    fn flush_buf(&mut self) -> Result<()> {
        self.last_flush = Instant::now();
        if self.buf.is_empty() {
            return Ok(());
        }
        let result = match &mut self.target {
            Target::File(f, _) => f.write_all(&self.buf),
            Target::Stdout(s) => {
                let mut lock = s.lock();
                lock.write_all(&self.buf).and_then(|_| lock.flush())
            }
        };
        match result {
            Ok(()) => {
                self.committed += self.buf.len() as u64;
                self.buf.clear();
                Ok(())
            }
            Err(e) => {
                let what = match &mut self.target {
                    Target::File(f, path) => {
                        // Take back the part of the buffer that did get written.
                        let _ = f.set_len(self.committed);
                        path.display().to_string()
                    }
                    Target::Stdout(_) => "standard output".to_string(),
                };
                Err(e).with_context(|| {
                    format!(
                        "cannot write to {what} (stopped; the output ends after the last complete record)"
                    )
                })
            }
        }
    }
}

impl Sink for JsonlSink {
    fn write(&mut self, outcome: &mut Outcome) -> Result<()> {
        match outcome {
            Outcome::Done { line, seq, .. } | Outcome::Failed { line, seq, .. } => {
                if !self.skip.contains(*seq) {
                    self.buf.extend_from_slice(line)
                }
            }
            Outcome::Skipped => {}
        }
        if self.buf.len() >= FLUSH_BYTES || self.last_flush.elapsed() >= FLUSH_EVERY {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(text: &str) -> Outcome {
        Outcome::Failed {
            id: "x".into(),
            seq: 0,
            line: format!("{text}\n").into_bytes(),
            error: "e".into(),
        }
    }

    #[test]
    fn appends_on_resume_and_truncates_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("o.jsonl");
        let ps = p.to_str().unwrap();
        std::fs::write(&p, "old\n").unwrap();
        let mut s = JsonlSink::open(ps, true).unwrap();
        s.write(&mut done("new")).unwrap();
        s.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old\nnew\n");
        let mut s = JsonlSink::open(ps, false).unwrap();
        s.write(&mut done("only")).unwrap();
        s.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "only\n");
    }

    #[test]
    fn full_disk_is_an_error() {
        if !Path::new("/dev/full").exists() {
            eprintln!("skipping: /dev/full not found");
            return;
        }
        let mut s = JsonlSink::open("/dev/full", false).unwrap();
        s.write(&mut done("x")).unwrap();
        let err = s.finish().unwrap_err();
        assert!(format!("{err:#}").contains("/dev/full"), "{err:#}");
    }
}
