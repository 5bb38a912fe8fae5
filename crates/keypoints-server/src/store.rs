//! The article store: one SQLite file in WAL mode.
//!
//! - `articles` holds each digest whole (JSON) beside the columns listings and filters need
//!   (language, title, URL, publication date, time stored).
//! - `article_entities` and `article_speakers` hold one row per entity and per quoted speaker of an
//!   article, with a normalized name, for the `entity=` and `speaker=` filters.
//! - `articles_fts` is a contentless FTS5 index of the pre-stemmed title and text (see
//!   [`crate::search`]); its rowid is the article's `seq`.
//!
//! Durability: `synchronous=FULL` with WAL means a transaction is on disk (fsynced into the WAL)
//! before `commit` returns, and the API answers 2xx only after that, so neither a killed process
//! nor a power cut loses an acknowledged article. Writes go through one connection behind a mutex
//! (SQLite has one writer anyway); reads use a small pool of their own connections, which WAL lets
//! run beside the writer.
//!
//! Migrations are a list of SQL scripts in code; `PRAGMA user_version` records how many ran.
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use keypoints::Digest;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest as _, Sha256};

use crate::search::{self, Query};

/// Schema migrations, in order; entry `i` brings `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, the filter tables and the stemmed full-text index.
    r#"
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        lang TEXT NOT NULL,
        title TEXT,
        url TEXT,
        published TEXT,
        digest TEXT NOT NULL
    );
    CREATE INDEX articles_created ON articles(created_at, seq);
    CREATE INDEX articles_lang ON articles(lang, created_at);
    CREATE TABLE article_entities (
        seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        type TEXT NOT NULL,
        salience REAL NOT NULL,
        PRIMARY KEY (seq, norm, type)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_norm ON article_entities(norm);
    CREATE TABLE article_speakers (
        seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (seq, norm)
    ) WITHOUT ROWID;
    CREATE INDEX article_speakers_norm ON article_speakers(norm);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
];

/// How many readers the pool keeps open.
const MAX_IDLE_READERS: usize = 8;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored digest could not be read back.
    #[error("stored digest: {0}")]
    Json(#[from] serde_json::Error),
    /// The database file is newer than this program.
    #[error("the database {path} has schema version {found}, newer than this program's {known}: upgrade keypoints")]
    TooNew {
        /// The file.
        path: String,
        /// Its version.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
}

type Result<T> = std::result::Result<T, StoreError>;

/// An article as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Stable id (derived from the content).
    pub id: String,
    /// Milliseconds since the Unix epoch when it was first stored.
    pub created_at: i64,
    /// The URL it was fetched from, if any.
    pub url: Option<String>,
    /// The digest.
    pub digest: Digest,
}

/// One search hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The article.
    pub article: Stored,
    /// Relevance (higher is better); 0 for listings without a query.
    pub score: f64,
}

/// Filters and paging of a search.
#[derive(Debug, Clone, Default)]
pub struct SearchParams {
    /// Parsed query, if any.
    pub query: Option<Query>,
    /// Language code.
    pub lang: Option<String>,
    /// Entity name (normalized).
    pub entity: Option<String>,
    /// Speaker name (normalized).
    pub speaker: Option<String>,
    /// Only articles stored at or after this time (ms since the epoch).
    pub since_ms: Option<i64>,
    /// Page size.
    pub limit: usize,
    /// Results to skip.
    pub offset: usize,
}

/// The SQLite store.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

/// An article made ready for storing by [`Store::prepare`].
pub struct PreparedArticle(Prepared);

impl PreparedArticle {
    /// The id the article will have.
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Bytes it holds (JSON and index text), to bound what a bulk loader buffers.
    pub fn size(&self) -> usize {
        self.0.digest_json.len() + self.0.title_stems.len() + self.0.body_stems.len()
    }
}

/// One write transaction of [`Store::write_batch`].
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl Batch<'_> {
    /// Stores an article unless one with the same id is there; returns its id and whether it was
    /// new.
    pub fn insert(&mut self, a: &PreparedArticle) -> Result<(String, bool)> {
        let p = &a.0;
        let tx = &self.tx;
        let exists: Option<i64> = tx
            .query_row("SELECT seq FROM articles WHERE id = ?1", [&p.id], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Ok((p.id.clone(), false));
        }
        tx.prepare_cached(
            "INSERT INTO articles (id, created_at, lang, title, url, published, digest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            p.id,
            now_ms(),
            p.lang,
            p.title,
            p.url,
            p.published,
            p.digest_json
        ])?;
        let seq = tx.last_insert_rowid();
        let mut st = tx.prepare_cached(
            "INSERT INTO article_entities (seq, name, norm, type, salience) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (name, norm, kind, sal) in &p.entities {
            st.execute(params![seq, name, norm, kind, sal])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO article_speakers (seq, name, norm, quotes) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (name, norm, n) in &p.speakers {
            st.execute(params![seq, name, norm, n])?;
        }
        tx.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
            .execute(params![seq, p.title_stems, p.body_stems])?;
        Ok((p.id.clone(), true))
    }

    /// The transaction, for a bulk loader's own bookkeeping tables beside the articles (they are
    /// committed or rolled back together with them).
    pub fn sql(&self) -> &rusqlite::Connection {
        &self.tx
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The id of an article: the first 16 hex digits of the SHA-256 of its title and clean text, so
/// the same article (as text or as HTML, fetched or pasted) always gets the same id.
pub fn article_id(d: &Digest) -> String {
    let mut h = Sha256::new();
    h.update(d.title.as_deref().unwrap_or("").as_bytes());
    h.update([0u8]);
    h.update(d.text.as_bytes());
    let out = h.finalize();
    out.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn open_conn(path: &Path) -> Result<Connection> {
    const BUSY: std::time::Duration = std::time::Duration::from_secs(10);
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY)?;
    // Turning a new database to WAL needs it to itself, and SQLite answers "busy" at once rather
    // than waiting when another connection is doing the same: wait here, as long as the busy
    // timeout would.
    let start = std::time::Instant::now();
    loop {
        match conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        ) {
            Ok(()) => return Ok(conn),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && start.elapsed() < BUSY =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// What an insert needs, computed outside the write lock.
struct Prepared {
    id: String,
    lang: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    digest_json: String,
    title_stems: String,
    body_stems: String,
    entities: Vec<(String, String, String, f64)>,
    speakers: Vec<(String, String, i64)>,
}

fn prepare(d: &Digest, url: Option<&str>) -> Result<Prepared> {
    let mut entities: Vec<(String, String, String, f64)> = Vec::new();
    for e in &d.entities {
        let kind = serde_json::to_value(e.kind)?
            .as_str()
            .unwrap_or("")
            .to_string();
        let norm = search::norm_name(&e.name);
        if norm.is_empty() || entities.iter().any(|x| x.1 == norm && x.2 == kind) {
            continue;
        }
        entities.push((e.name.clone(), norm, kind, e.salience));
    }
    let mut speakers: Vec<(String, String, i64)> = Vec::new();
    for q in &d.quotes {
        if let Some(s) = &q.speaker {
            let norm = search::norm_name(&s.name);
            if norm.is_empty() {
                continue;
            }
            match speakers.iter_mut().find(|x| x.1 == norm) {
                Some(x) => x.2 += 1,
                None => speakers.push((s.name.clone(), norm, 1)),
            }
        }
    }
    Ok(Prepared {
        id: article_id(d),
        lang: d.language.clone(),
        title: d.title.clone(),
        url: url.map(str::to_string).or_else(|| d.meta.url.clone()),
        published: d.meta.date.clone(),
        digest_json: serde_json::to_string(d)?,
        title_stems: search::stem_text(d.title.as_deref().unwrap_or(""), &d.language),
        body_stems: search::stem_text(&d.text, &d.language),
        entities,
        speakers,
    })
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let mut writer = open_conn(path)?;
        migrate(&mut writer, path)?;
        Ok(Store {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    fn with_reader<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = match self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            Some(c) => c,
            None => open_conn(&self.path)?,
        };
        let out = f(&conn);
        let mut pool = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < MAX_IDLE_READERS {
            pool.push(conn);
        }
        out
    }

    /// Stores an article unless one with the same id is there; returns its id and whether it was
    /// new. Returns only once the write is durable.
    pub fn insert(&self, d: &Digest, url: Option<&str>) -> Result<(String, bool)> {
        let p = prepare(d, url)?;
        self.write_batch(|b| b.insert(&PreparedArticle(p)))
    }

    /// Makes an article ready for [`Batch::insert`]: its id, stemmed index text and JSON. This is
    /// the CPU part of an insert; it takes no lock, so bulk loaders run it on their own threads.
    pub fn prepare(d: &Digest, url: Option<&str>) -> Result<PreparedArticle> {
        Ok(PreparedArticle(prepare(d, url)?))
    }

    /// Runs `f` in one write transaction, committed (durably) when `f` returns `Ok` and rolled
    /// back otherwise: many articles for the price of one commit, for bulk loads.
    pub fn write_batch<T>(&self, f: impl FnOnce(&mut Batch<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut batch = Batch { tx };
        let out = f(&mut batch)?;
        batch.tx.commit()?;
        Ok(out)
    }

    /// The article with this id.
    pub fn get(&self, id: &str) -> Result<Option<Stored>> {
        self.with_reader(|c| {
            let row = c
                .query_row(
                    "SELECT id, created_at, url, digest FROM articles WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    },
                )
                .optional()?;
            row.map(|(id, created_at, url, json)| {
                Ok(Stored {
                    id,
                    created_at,
                    url,
                    digest: serde_json::from_str(&json)?,
                })
            })
            .transpose()
        })
    }

    /// Deletes the article with this id; returns whether there was one.
    pub fn delete(&self, id: &str) -> Result<bool> {
        let mut conn = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq: Option<i64> = tx
            .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(seq) = seq else {
            return Ok(false);
        };
        tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [seq])?;
        tx.execute("DELETE FROM articles WHERE seq = ?1", [seq])?;
        tx.commit()?;
        Ok(true)
    }

    /// Number of stored articles.
    pub fn count(&self) -> Result<i64> {
        self.with_reader(|c| Ok(c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?))
    }

    /// Searches (ranked by BM25, title weighted 3x) or lists (newest first) stored articles.
    /// Returns up to `limit + 1` hits so that the caller knows whether a next page exists.
    pub fn search(&self, p: &SearchParams) -> Result<Vec<Hit>> {
        let fts = p.query.as_ref().and_then(|q| q.fts.clone());
        let filters = "(?2 IS NULL OR a.lang = ?2)
             AND (?3 IS NULL OR a.created_at >= ?3)
             AND (?4 IS NULL OR EXISTS (SELECT 1 FROM article_entities e WHERE e.seq = a.seq
                   AND (e.norm = ?4 OR e.norm LIKE '% ' || ?7 ESCAPE '\\' OR e.norm LIKE ?7 || ' %' ESCAPE '\\')))
             AND (?5 IS NULL OR EXISTS (SELECT 1 FROM article_speakers s WHERE s.seq = a.seq
                   AND (s.norm = ?5 OR s.norm LIKE '% ' || ?8 ESCAPE '\\' OR s.norm LIKE ?8 || ' %' ESCAPE '\\')))";
        let sql = if fts.is_some() {
            format!(
                "SELECT a.id, a.created_at, a.url, a.digest, -bm25(articles_fts, 3.0, 1.0) AS score
                 FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 AND {filters}
                 ORDER BY bm25(articles_fts, 3.0, 1.0), a.seq DESC LIMIT ?6 OFFSET ?9"
            )
        } else {
            format!(
                "SELECT a.id, a.created_at, a.url, a.digest, 0.0 AS score
                 FROM articles a
                 WHERE ?1 IS NULL AND {filters}
                 ORDER BY a.created_at DESC, a.seq DESC LIMIT ?6 OFFSET ?9"
            )
        };
        let like = |s: &Option<String>| {
            s.as_ref().map(|s| {
                s.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            })
        };
        let entity_like = like(&p.entity);
        let speaker_like = like(&p.speaker);
        self.with_reader(|c| {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(
                params![
                    fts,
                    p.lang,
                    p.since_ms,
                    p.entity,
                    p.speaker,
                    (p.limit + 1) as i64,
                    entity_like,
                    speaker_like,
                    p.offset as i64
                ],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, f64>(4)?,
                    ))
                },
            )?;
            let mut out = Vec::new();
            for row in rows {
                let (id, created_at, url, json, score) = row?;
                out.push(Hit {
                    article: Stored {
                        id,
                        created_at,
                        url,
                        digest: serde_json::from_str(&json)?,
                    },
                    score,
                });
            }
            Ok(out)
        })
    }

    /// Runs a cheap query to show the database answers.
    pub fn ping(&self) -> Result<()> {
        self.with_reader(|c| Ok(c.query_row("SELECT 1", [], |_| Ok(()))?))
    }
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    let too_new = |found: i64| StoreError::TooNew {
        path: path.display().to_string(),
        found,
        known,
    };
    // Up to date: no write lock needed.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > known {
        return Err(too_new(version));
    }
    if version == known {
        return Ok(());
    }
    // Each step reads the version again under an exclusive lock, so that two processes opening
    // one new store at once do not both run a migration: the second finds it done.
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > known {
            return Err(too_new(version));
        }
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// Formats milliseconds since the epoch as RFC 3339 UTC (`2026-11-29T13:45:00Z`).
pub fn format_time(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Parses `since=`: a date (`2026-11-29`), an RFC 3339 time (`2026-11-29T13:45:00Z`,
/// `...+01:00`) or Unix seconds; returns milliseconds since the epoch.
pub fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok()?.checked_mul(1000);
    }
    let num = |t: &str| -> Option<i64> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let y = num(dp.next()?)?;
    let m = num(dp.next()?)?;
    let d = num(dp.next()?)?;
    if dp.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0)
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, o) = t.split_at(i);
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let (oh, om) = o[1..].split_once(':').unwrap_or((&o[1..], "0"));
            (c, sign * (num(oh)? * 3600 + num(om)? * 60))
        } else {
            (t, 0)
        };
        let clock = clock.split('.').next().unwrap_or(clock);
        let mut cp = clock.split(':');
        let h = num(cp.next()?)?;
        let mi = num(cp.next().unwrap_or("0"))?;
        let se = num(cp.next().unwrap_or("0"))?;
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        secs += h * 3600 + mi * 60 + se - offset;
    }
    secs.checked_mul(1000)
}

// Howard Hinnant's civil-calendar algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_opened_at_once_migrate_once() {
        let dir = std::env::temp_dir().join(format!("kp-migrate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("news.db");
        let opened: Vec<bool> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| Store::open(&path).is_ok()))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(false))
                .collect()
        });
        assert_eq!(opened, vec![true; 4]);
        let conn = Connection::open(&path).expect("opens");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn times_round_trip() {
        let ms = parse_time("2026-11-29T13:45:10Z").expect("parses");
        assert_eq!(format_time(ms), "2026-11-29T13:45:10Z");
        assert_eq!(parse_time("2026-11-29"), parse_time("2026-11-29T00:00:00Z"));
        assert_eq!(
            parse_time("2026-11-29T14:45:10+01:00"),
            parse_time("2026-11-29T13:45:10Z")
        );
        assert_eq!(parse_time("1700000000"), Some(1_700_000_000_000));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-13-01"), None);
    }
}
