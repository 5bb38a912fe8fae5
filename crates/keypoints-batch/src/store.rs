//! Digests straight into the SQLite store of `keypoints serve` (feature `store`).
//!
//! [`StoreSink`] inserts every analysed record through the store's own insert
//! ([`keypoints_server::store::Batch::insert`]), so the articles are exactly what
//! `POST /v1/articles` would have stored: same content-derived id, same columns, same stemmed
//! full-text index. The stemming and JSON serialization run on the batch's worker threads (the
//! sink's [`Preparer`]); the writing thread only runs SQL.
//!
//! Writes are batched: records gather in a buffer that is committed as one transaction when it
//! holds 1,000 records or 4 MiB, or a second after the last commit, whichever comes first.
//!
//! # Bookkeeping and resume
//! Beside the service's tables the sink keeps two of its own (created on first use; the service
//! ignores them):
//!
//! - `batch_runs(run, inputs, started_at, finished_at)`: one row per set of inputs, `inputs`
//!   being the JSON list of their canonical paths in the order given;
//! - `batch_records(run, seq, record_id, article_id, error)`: one row per input record of a run
//!   (skipped non-article WARC responses excepted), with the record's own id (JSONL `id`, WARC
//!   record id, file path), the id of the stored article, or the error that kept it out.
//!
//! A record's `batch_records` row is written in the same transaction as its article, so after a
//! crash (kill -9, power cut) the store holds both or neither. `--resume` reads the run's `seq`s
//! from `batch_records` and skips them, like the JSONL resume skips the lines of its file: every
//! input record ends up in `batch_records` exactly once. Articles are stored once per content
//! (the service's rule): two records with the same title and text are one article, and a record
//! whose article is already in the store (from an earlier batch or the API) points to it.
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use keypoints_server::rusqlite::{params, OptionalExtension};
use keypoints_server::store::{now_ms, PreparedArticle, Store};

use crate::record::{Extra, Outcome};
use crate::resume::Done;
use crate::sink::{Preparer, Sink};

/// The sink's own tables, beside the service's.
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS batch_runs (
    run INTEGER PRIMARY KEY,
    inputs TEXT NOT NULL UNIQUE,
    started_at INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE TABLE IF NOT EXISTS batch_records (
    run INTEGER NOT NULL REFERENCES batch_runs(run),
    seq INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    article_id TEXT,
    error TEXT,
    PRIMARY KEY (run, seq)
) WITHOUT ROWID;
"#;

/// A transaction is committed at this many records...
const COMMIT_RECORDS: usize = 1000;
/// ...or this many bytes of prepared articles...
const COMMIT_BYTES: usize = 4 << 20;
/// ...or this long after the last commit.
const COMMIT_EVERY: Duration = Duration::from_secs(1);

/// What [`Store::prepare`] made of a digest on a worker.
type Prepared = std::result::Result<PreparedArticle, String>;

enum Pending {
    Article {
        seq: u64,
        id: String,
        article: Box<PreparedArticle>,
    },
    Failed {
        seq: u64,
        id: String,
        error: String,
    },
}

/// Counters of what a [`StoreSink`] wrote.
#[derive(Debug, Clone, Default)]
pub struct StoreStats {
    /// Articles that were not in the store before.
    pub new: u64,
    /// Records whose article was in the store already (same title and text).
    pub existing: u64,
    /// Records kept out by an error, recorded in `batch_records.error`.
    pub errors: u64,
    /// Transactions committed.
    pub commits: u64,
    /// Time spent in the transactions (SQL and commit), on the writing thread.
    pub write_time: Duration,
}

/// Writes digests into the store of `keypoints serve` (see the module documentation).
pub struct StoreSink {
    store: Store,
    name: String,
    run: i64,
    buf: Vec<Pending>,
    buf_bytes: usize,
    last_commit: Instant,
    stats: StoreStats,
}

/// The key of a run: the inputs as a JSON list of canonical paths (`-` for stdin), so that the
/// same files given as `./a.jsonl` or `a.jsonl` are the same run.
pub fn run_key(inputs: &[String]) -> String {
    let paths: Vec<String> = inputs
        .iter()
        .map(|p| {
            if p == "-" {
                return p.clone();
            }
            std::fs::canonicalize(p)
                .map(|c| c.display().to_string())
                .unwrap_or_else(|_| p.clone())
        })
        .collect();
    serde_json::to_string(&paths).unwrap_or_default()
}

impl StoreSink {
    /// Opens (creating if needed) the store at `path` for a run over `inputs`. With `resume`,
    /// returns the records of that run the store already holds; otherwise the run's records are
    /// forgotten (its articles stay) and it starts again.
    pub fn open(path: &Path, inputs: &[String], resume: bool) -> Result<(StoreSink, Done)> {
        let name = path.display().to_string();
        // The store's errors are shown with their own message only: their causes repeat it.
        let store = Store::open(path).map_err(|e| anyhow!("cannot open the store {name}: {e}"))?;
        let key = run_key(inputs);
        let (run, seqs) = store
            .write_batch(|b| {
                let c = b.sql();
                c.execute_batch(SCHEMA)?;
                let run: Option<i64> = c
                    .query_row(
                        "SELECT run FROM batch_runs WHERE inputs = ?1",
                        [&key],
                        |r| r.get(0),
                    )
                    .optional()?;
                let run = match run {
                    Some(run) => run,
                    None => {
                        c.execute(
                            "INSERT INTO batch_runs (inputs, started_at) VALUES (?1, ?2)",
                            params![key, now_ms()],
                        )?;
                        c.last_insert_rowid()
                    }
                };
                let mut seqs = Vec::new();
                if resume {
                    let mut st = c.prepare("SELECT seq FROM batch_records WHERE run = ?1")?;
                    let rows = st.query_map([run], |r| r.get::<_, i64>(0))?;
                    for seq in rows {
                        seqs.push(seq?);
                    }
                } else {
                    c.execute("DELETE FROM batch_records WHERE run = ?1", [run])?;
                    c.execute(
                        "UPDATE batch_runs SET started_at = ?2, finished_at = NULL WHERE run = ?1",
                        params![run, now_ms()],
                    )?;
                }
                Ok((run, seqs))
            })
            .map_err(|e| anyhow!("cannot write to the store {name}: {e}"))?;
        let mut done = Done::new();
        for seq in seqs {
            done.insert(seq.max(0) as u64);
        }
        Ok((
            StoreSink {
                store,
                name,
                run,
                buf: Vec::new(),
                buf_bytes: 0,
                last_commit: Instant::now(),
                stats: StoreStats::default(),
            },
            done,
        ))
    }

    /// What was written so far.
    pub fn stats(&self) -> &StoreStats {
        &self.stats
    }

    /// Commits the buffered records in one transaction.
    fn commit(&mut self) -> Result<()> {
        self.last_commit = Instant::now();
        if self.buf.is_empty() {
            return Ok(());
        }
        let start = Instant::now();
        let run = self.run;
        let pending = &self.buf;
        let (new, existing, errors) = self
            .store
            .write_batch(|b| {
                let (mut new, mut existing, mut errors) = (0u64, 0u64, 0u64);
                for p in pending {
                    let (seq, id, article_id, error) = match p {
                        Pending::Article { seq, id, article } => {
                            let (aid, is_new) = b.insert(article)?;
                            if is_new {
                                new += 1;
                            } else {
                                existing += 1;
                            }
                            (seq, id, Some(aid), None)
                        }
                        Pending::Failed { seq, id, error } => {
                            errors += 1;
                            (seq, id, None, Some(error))
                        }
                    };
                    b.sql()
                        .prepare_cached(
                            "INSERT OR REPLACE INTO batch_records (run, seq, record_id, article_id, error)
                             VALUES (?1, ?2, ?3, ?4, ?5)",
                        )?
                        .execute(params![run, *seq as i64, id, article_id, error])?;
                }
                Ok((new, existing, errors))
            })
            .map_err(|e| {
                anyhow!(
                    "cannot write to the store {} (stopped; it holds every record up to the last commit, and --resume carries on from there): {e}",
                    self.name
                )
            })?;
        self.buf.clear();
        self.buf_bytes = 0;
        self.stats.new += new;
        self.stats.existing += existing;
        self.stats.errors += errors;
        self.stats.commits += 1;
        self.stats.write_time += start.elapsed();
        Ok(())
    }
}

impl Sink for StoreSink {
    fn write(&mut self, outcome: &mut Outcome) -> Result<()> {
        match outcome {
            Outcome::Done {
                id,
                seq,
                digest,
                extra,
                ..
            } => {
                let prepared = extra
                    .as_mut()
                    .and_then(|e| e.take::<Prepared>())
                    .unwrap_or_else(|| Store::prepare(digest, None).map_err(|e| e.to_string()));
                match prepared {
                    Ok(article) => {
                        self.buf_bytes += article.size();
                        self.buf.push(Pending::Article {
                            seq: *seq,
                            id: id.clone(),
                            article: Box::new(article),
                        });
                    }
                    Err(e) => self.buf.push(Pending::Failed {
                        seq: *seq,
                        id: id.clone(),
                        error: format!("cannot store the digest: {e}"),
                    }),
                }
            }
            Outcome::Failed { id, seq, error, .. } => self.buf.push(Pending::Failed {
                seq: *seq,
                id: id.clone(),
                error: error.clone(),
            }),
            Outcome::Skipped => {}
        }
        if self.buf.len() >= COMMIT_RECORDS
            || self.buf_bytes >= COMMIT_BYTES
            || self.last_commit.elapsed() >= COMMIT_EVERY
        {
            self.commit()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.commit()?;
        let run = self.run;
        self.store
            .write_batch(|b| {
                b.sql().execute(
                    "UPDATE batch_runs SET finished_at = ?2 WHERE run = ?1",
                    params![run, now_ms()],
                )?;
                Ok(())
            })
            .map_err(|e| anyhow!("cannot write to the store {}: {e}", self.name))
    }

    fn preparer(&self) -> Option<Preparer> {
        Some(Arc::new(|d: &keypoints::Digest| {
            Extra::new::<Prepared>(Store::prepare(d, None).map_err(|e| e.to_string()))
        }))
    }

    fn needs_lines(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{run, Config, Inputs};
    use keypoints_server::rusqlite::Connection;

    fn jsonl(dir: &Path) -> String {
        let mut text = String::new();
        for i in 0..40 {
            if i % 10 == 4 {
                text.push_str(&format!("{{\"id\":\"r{i}\",\"text\":null}}\n"));
            } else {
                // r7 repeats r6's article: one article, two records.
                let n = if i == 7 { 6 } else { i };
                let body = format!(
                    "The harbour authority of town {n} opened a new ferry terminal on Tuesday. \
                     Officials said the terminal would handle {n} thousand passengers a year. \
                     Local shops expect more visitors once the summer timetable starts."
                );
                text.push_str(
                    &serde_json::json!({"id": format!("r{i}"), "text": body}).to_string(),
                );
                text.push('\n');
            }
        }
        let p = dir.join("in.jsonl");
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }

    fn rows(db: &Path) -> Vec<(i64, String, Option<String>, Option<String>)> {
        let c = Connection::open(db).unwrap();
        let mut st = c
            .prepare("SELECT seq, record_id, article_id, error FROM batch_records ORDER BY seq")
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap();
        rows.map(|r| r.unwrap()).collect()
    }

    #[test]
    fn records_and_articles_go_in_once_and_resume_reads_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let input = vec![jsonl(dir.path())];
        let db = dir.path().join("s.db");
        let inputs = Inputs::open(&input, 1 << 20).unwrap();
        let (mut sink, done) = StoreSink::open(&db, &input, true).unwrap();
        assert!(done.is_empty());
        let stats = run(&inputs, &Config::new(2), &done, &mut sink, &mut |_| {}).unwrap();
        assert_eq!((stats.done, stats.failed), (36, 4));
        assert_eq!(
            (sink.stats().new, sink.stats().existing, sink.stats().errors),
            (35, 1, 4)
        );
        drop(sink);

        let store = Store::open(&db).unwrap();
        assert_eq!(store.count().unwrap(), 35);
        let rows = rows(&db);
        assert_eq!(rows.len(), 40);
        for (i, (seq, id, article, error)) in rows.iter().enumerate() {
            assert_eq!((*seq, id.as_str()), (i as i64, format!("r{i}").as_str()));
            assert_eq!(error.is_some(), i % 10 == 4, "{id}");
            assert_eq!(article.is_some(), i % 10 != 4, "{id}");
        }
        assert_eq!(rows[6].2, rows[7].2);
        let first = store.get(rows[0].2.as_deref().unwrap()).unwrap().unwrap();
        assert!(first.digest.text.contains("harbour authority of town 0"));

        // Resume: everything is there. A new run (no resume) forgets the records, keeps articles.
        let (_, done) = StoreSink::open(&db, &input, true).unwrap();
        assert_eq!(done.len(), 40);
        let (sink, done) = StoreSink::open(&db, &input, false).unwrap();
        assert!(done.is_empty());
        drop(sink);
        assert!(super::tests::rows(&db).is_empty());
        assert_eq!(store.count().unwrap(), 35);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, "not a database, just some text that is long enough").unwrap();
        let err = StoreSink::open(&db, &["-".to_string()], false)
            .err()
            .unwrap()
            .to_string();
        assert!(err.starts_with("cannot open the store"), "{err}");
    }
}
