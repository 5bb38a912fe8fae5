//! Input readers: JSONL, WARC (plain or gzip, multi-member), folders of `.txt`/`.html` files,
//! single article files and stdin.
//!
//! Readers only cut the input into [`Item`]s (raw bytes of one record each) and never parse more
//! than they must: JSON lines and HTTP payloads are parsed by the workers, in parallel. Every read
//! is bounded: a line, a WARC header block or a record body larger than the limit is skipped in a
//! streaming way (never buffered whole) and reported as a failed item.
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use flate2::bufread::MultiGzDecoder;

/// Largest WARC header block we accept; real ones are under 2 KB.
const MAX_WARC_HEADER: usize = 256 * 1024;

/// What one item carries, before the worker parses it.
#[derive(Debug)]
pub enum Payload {
    /// One JSONL line: `{"id"?, "text"|"html", "url"?, "lang"?, ...}`.
    Json(Vec<u8>),
    /// A plain-text article file.
    Text(Vec<u8>),
    /// An HTML page (a file, or a WARC `resource` record).
    Html(Vec<u8>),
    /// An HTTP response message (status line, headers, body) from a WARC `response` record.
    Http(Vec<u8>),
    /// The record could not be read (too large, truncated, unreadable); the message says why.
    Failed(String),
}

/// One record of the input, as cut by a reader.
#[derive(Debug)]
pub struct Item {
    /// Where the record came from, used as its id when the record has none of its own:
    /// `file:line` for JSONL, the WARC-Record-ID, or the file path.
    pub origin: String,
    /// The URL of the record where the container gives one (WARC-Target-URI).
    pub url: Option<String>,
    /// The record's bytes.
    pub payload: Payload,
}

impl Item {
    /// Size of the payload in bytes, for the memory budget.
    pub fn size(&self) -> usize {
        match &self.payload {
            Payload::Json(b) | Payload::Text(b) | Payload::Html(b) | Payload::Http(b) => b.len(),
            Payload::Failed(m) => m.len(),
        }
    }
}

/// What the consumer of items answers: go on, or stop reading (the batch is being stopped).
pub type Keep = bool;

/// The kinds of input the batch reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Jsonl,
    Warc,
    Text,
    Html,
    /// Decide from the first bytes (stdin, unknown extensions).
    Sniff,
}

/// One input source named on the command line.
#[derive(Debug, Clone)]
enum Source {
    Stdin,
    File(PathBuf, Kind),
    Folder(PathBuf),
}

/// The inputs of a batch, checked up front: every path exists and has a kind we read.
#[derive(Debug)]
pub struct Inputs {
    sources: Vec<Source>,
    total: Option<u64>,
    limit: usize,
}

/// Counts the bytes read from the underlying file (compressed bytes for `.gz`), for progress.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "jsonl" | "ndjson" | "json" => Kind::Jsonl,
        "warc" | "arc" => Kind::Warc,
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        _ => Kind::Sniff,
    }
}

/// Article files of a folder, found recursively and sorted so that every run sees the same order
/// (resume depends on it).
fn folder_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))?;
        for entry in rd {
            let entry = entry.with_context(|| format!("cannot list {}", d.display()))?;
            let path = entry.path();
            let ft = entry.file_type()?;
            if ft.is_dir() {
                stack.push(path);
            } else if matches!(kind_of(&path), Kind::Text | Kind::Html) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

impl Inputs {
    /// Checks `paths` (files, folders, or `-` for stdin) and reads none of them yet. `limit` is the
    /// largest record, in bytes, that is read; larger ones become failed items.
    pub fn open(paths: &[String], limit: usize) -> Result<Inputs> {
        if paths.is_empty() {
            bail!("no input: give JSONL or WARC files, a folder, or - for stdin");
        }
        let mut sources = Vec::new();
        let mut total = Some(0u64);
        for p in paths {
            if p == "-" {
                if sources.iter().any(|s| matches!(s, Source::Stdin)) {
                    bail!("- (stdin) is given twice");
                }
                sources.push(Source::Stdin);
                total = None;
                continue;
            }
            let path = PathBuf::from(p);
            let meta = std::fs::metadata(&path).with_context(|| format!("cannot open {p}"))?;
            if meta.is_dir() {
                let files = folder_files(&path)?;
                if files.is_empty() {
                    bail!("{p} holds no .txt or .html files");
                }
                for f in &files {
                    let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
                    total = total.map(|t| t + size);
                }
                sources.push(Source::Folder(path));
            } else {
                total = total.map(|t| t + meta.len());
                sources.push(Source::File(path.clone(), kind_of(&path)));
            }
        }
        Ok(Inputs {
            sources,
            total,
            limit,
        })
    }

    /// Total size in bytes of the inputs when all are regular files (compressed size for `.gz`).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// Reads every input in order and hands each record to `emit`, which returns false to stop.
    /// Bytes read are added to `counter` as they go. An input that cannot be read becomes one
    /// failed item and the next input is read.
    pub fn read_all(
        &self,
        counter: &Arc<AtomicU64>,
        emit: &mut dyn FnMut(Item) -> Keep,
    ) -> Result<()> {
        for source in &self.sources {
            let keep = match source {
                Source::Stdin => {
                    let stdin = io::stdin().lock();
                    let r = Counting {
                        inner: stdin,
                        counter: counter.clone(),
                    };
                    self.read_stream(Box::new(r), "-", Kind::Sniff, emit)
                }
                Source::File(path, kind) => {
                    let name = path.display().to_string();
                    match File::open(path) {
                        Ok(f) => {
                            let r = Counting {
                                inner: f,
                                counter: counter.clone(),
                            };
                            self.read_stream(Box::new(r), &name, kind.clone(), emit)
                        }
                        Err(e) => emit(failed(&name, format!("cannot open {name}: {e}"))),
                    }
                }
                Source::Folder(dir) => {
                    let files = folder_files(dir)?;
                    let mut keep = true;
                    for f in files {
                        let name = f.display().to_string();
                        let name = name.strip_prefix("./").unwrap_or(&name).to_string();
                        let item = match File::open(&f) {
                            Ok(file) => {
                                let r = Counting {
                                    inner: file,
                                    counter: counter.clone(),
                                };
                                self.read_article(Box::new(r), &name, kind_of(&f))
                            }
                            Err(e) => failed(&name, format!("cannot open {name}: {e}")),
                        };
                        keep = emit(item);
                        if !keep {
                            break;
                        }
                    }
                    keep
                }
            };
            if !keep {
                break;
            }
        }
        Ok(())
    }

    /// Reads one stream of a known or sniffed kind; gzip is undone first (all members).
    fn read_stream(
        &self,
        raw: Box<dyn Read + '_>,
        name: &str,
        kind: Kind,
        emit: &mut dyn FnMut(Item) -> Keep,
    ) -> Keep {
        let mut r = BufReader::with_capacity(256 * 1024, raw);
        let gz = match r.fill_buf() {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => return emit(failed(name, format!("cannot read {name}: {e}"))),
        };
        let mut r: Box<dyn BufRead + '_> = if gz {
            Box::new(BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(r)))
        } else {
            Box::new(r)
        };
        let kind = if kind == Kind::Sniff {
            match r.fill_buf() {
                Ok(head) => sniff(head),
                Err(e) => return emit(failed(name, format!("cannot read {name}: {e}"))),
            }
        } else {
            kind
        };
        match kind {
            Kind::Jsonl => read_jsonl(&mut r, name, self.limit, emit),
            Kind::Warc => read_warc(&mut r, name, self.limit, emit),
            Kind::Text | Kind::Html => emit(self.read_article(Box::new(r), name, kind)),
            Kind::Sniff => emit(failed(
                name,
                format!("{name}: not JSONL, WARC, HTML or text as far as its first bytes tell"),
            )),
        }
    }

    /// Reads one article file (plain or gzip) whole, up to the limit.
    fn read_article(&self, raw: Box<dyn Read + '_>, name: &str, kind: Kind) -> Item {
        let mut r = BufReader::new(raw);
        let gz = matches!(r.fill_buf(), Ok(h) if h.starts_with(&[0x1f, 0x8b]));
        let r: Box<dyn Read> = if gz {
            Box::new(MultiGzDecoder::new(r))
        } else {
            Box::new(r)
        };
        let mut buf = Vec::new();
        match r.take(self.limit as u64 + 1).read_to_end(&mut buf) {
            Err(e) => failed(name, format!("cannot read {name}: {e}")),
            Ok(_) if buf.len() > self.limit => failed(
                name,
                format!(
                    "{name} is over the record limit of {} bytes: raise --max-record-bytes",
                    self.limit
                ),
            ),
            Ok(_) => Item {
                origin: name.to_string(),
                url: None,
                payload: if kind == Kind::Html {
                    Payload::Html(buf)
                } else {
                    Payload::Text(buf)
                },
            },
        }
    }
}

fn failed(origin: &str, msg: String) -> Item {
    Item {
        origin: origin.to_string(),
        url: None,
        payload: Payload::Failed(msg),
    }
}

/// The kind of a stream from its first bytes.
fn sniff(head: &[u8]) -> Kind {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        Kind::Warc
    } else if head.starts_with(b"{") {
        Kind::Jsonl
    } else if head.starts_with(b"<") {
        Kind::Html
    } else if head.is_empty() {
        Kind::Jsonl
    } else {
        Kind::Sniff
    }
}

/// The outcome of [`read_line_bounded`].
enum Line {
    /// End of input.
    Eof,
    /// A line (without its newline) of this many bytes, held in the buffer.
    Whole,
    /// A line longer than the limit: it was skipped; this many bytes in all.
    TooLong(u64),
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes: the rest of a longer
/// line is read and dropped, so that memory stays bounded whatever the input.
fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            if total == 0 {
                return Ok(Line::Eof);
            }
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        let content = if done { take - 1 } else { take };
        if buf.len() <= limit {
            let room = limit + 1 - buf.len();
            buf.extend_from_slice(&avail[..content.min(room)]);
        }
        total += content as u64;
        r.consume(take);
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        total -= 1;
    }
    if total > limit as u64 {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    Ok(Line::Whole)
}

/// JSONL: one item a non-blank line; the worker parses it.
fn read_jsonl<R: BufRead + ?Sized>(
    r: &mut R,
    name: &str,
    limit: usize,
    emit: &mut dyn FnMut(Item) -> Keep,
) -> Keep {
    let mut lineno = 0u64;
    loop {
        let mut buf = Vec::new();
        let line = match read_line_bounded(r, &mut buf, limit) {
            Ok(l) => l,
            Err(e) => {
                return emit(failed(
                    &format!("{name}:{}", lineno + 1),
                    format!("cannot read {name} after line {lineno}: {e}"),
                ))
            }
        };
        lineno += 1;
        let origin = format!("{name}:{lineno}");
        let item = match line {
            Line::Eof => return true,
            Line::TooLong(n) => failed(
                &origin,
                format!(
                    "the record is {n} bytes, over the limit of {limit}: raise --max-record-bytes"
                ),
            ),
            Line::Whole => {
                if buf.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                Item {
                    origin,
                    url: None,
                    payload: Payload::Json(buf),
                }
            }
        };
        if !emit(item) {
            return false;
        }
    }
}

/// The header fields of a WARC record that the batch uses.
#[derive(Default)]
struct WarcHeader {
    kind: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    content_type: String,
    length: Option<u64>,
}

/// Reads a WARC header block (after the version line) up to the blank line.
fn read_warc_header<R: BufRead + ?Sized>(r: &mut R) -> io::Result<Result<WarcHeader, String>> {
    let mut h = WarcHeader::default();
    let mut size = 0usize;
    let mut buf = Vec::new();
    loop {
        match read_line_bounded(r, &mut buf, MAX_WARC_HEADER)? {
            Line::Eof => return Ok(Err("the file ends inside a record header".into())),
            Line::TooLong(_) => return Ok(Err("a header line is too long".into())),
            Line::Whole => {}
        }
        size += buf.len();
        if size > MAX_WARC_HEADER {
            return Ok(Err("the record header is too long".into()));
        }
        if buf.is_empty() {
            return Ok(Ok(h));
        }
        let line = String::from_utf8_lossy(&buf);
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "warc-type" => h.kind = value.to_ascii_lowercase(),
            "warc-record-id" => {
                h.record_id = Some(value.trim_matches(['<', '>']).to_string());
            }
            "warc-target-uri" => h.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
            "content-type" => h.content_type = value.to_ascii_lowercase(),
            "content-length" => h.length = value.parse().ok(),
            _ => {}
        }
    }
}

/// WARC: `response` records (HTTP messages) and HTML `resource` records become items; other
/// records (warcinfo, request, metadata, revisit) are passed over. A damaged stream becomes one
/// failed item and the rest of that input is dropped, since WARC cannot be resynchronised safely.
fn read_warc<R: BufRead + ?Sized>(
    r: &mut R,
    name: &str,
    limit: usize,
    emit: &mut dyn FnMut(Item) -> Keep,
) -> Keep {
    let mut index = 0u64;
    let mut line = Vec::new();
    loop {
        // Records are separated by blank lines; the next non-blank line is the version line.
        let l = match read_line_bounded(r, &mut line, 64) {
            Ok(l) => l,
            Err(e) => return emit(failed(name, format!("cannot read {name}: {e}"))),
        };
        match l {
            Line::Eof => return true,
            Line::Whole if line.is_empty() => continue,
            Line::Whole if line.starts_with(b"WARC/") => {}
            _ => {
                return emit(failed(
                    &format!("{name}#{}", index + 1),
                    format!(
                        "{name} is damaged after record {index}: expected a WARC/ version line"
                    ),
                ))
            }
        }
        index += 1;
        let origin_fallback = format!("{name}#{index}");
        let header = match read_warc_header(r) {
            Ok(Ok(h)) => h,
            Ok(Err(msg)) => {
                return emit(failed(
                    &origin_fallback,
                    format!("{name} is damaged at record {index}: {msg}"),
                ))
            }
            Err(e) => return emit(failed(&origin_fallback, format!("cannot read {name}: {e}"))),
        };
        let Some(length) = header.length else {
            return emit(failed(
                &origin_fallback,
                format!("{name} is damaged at record {index}: no Content-Length"),
            ));
        };
        let origin = header.record_id.clone().unwrap_or(origin_fallback);
        let wanted = match header.kind.as_str() {
            "response" => header.content_type.starts_with("application/http"),
            "resource" => header.content_type.contains("html"),
            _ => false,
        };
        let read_body = wanted && length <= limit as u64;
        let item = if !wanted {
            None
        } else if !read_body {
            Some(failed(
                &origin,
                format!("the record is {length} bytes, over the limit of {limit}: raise --max-record-bytes"),
            ))
        } else {
            let mut body = Vec::with_capacity(length as usize);
            match (&mut *r).take(length).read_to_end(&mut body) {
                Err(e) => return emit(failed(&origin, format!("cannot read {name}: {e}"))),
                Ok(n) if (n as u64) < length => {
                    return emit(failed(
                        &origin,
                        format!("{name} ends inside record {index} (truncated download?)"),
                    ))
                }
                Ok(_) => {}
            }
            Some(Item {
                origin,
                url: header.target_uri.clone(),
                payload: if header.kind == "response" {
                    Payload::Http(body)
                } else {
                    Payload::Html(body)
                },
            })
        };
        if !read_body {
            // Skip the body without keeping it.
            match io::copy(&mut (&mut *r).take(length), &mut io::sink()) {
                Ok(n) if n == length => {}
                Ok(_) => return true,
                Err(e) => return emit(failed(name, format!("cannot read {name}: {e}"))),
            }
        }
        if let Some(item) = item {
            if !emit(item) {
                return false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(data: &[u8], kind: Kind, limit: usize) -> Vec<Item> {
        let inputs = Inputs {
            sources: vec![],
            total: None,
            limit,
        };
        let mut items = Vec::new();
        inputs.read_stream(Box::new(data), "t", kind, &mut |i| {
            items.push(i);
            true
        });
        items
    }

    fn warc_record(kind: &str, ctype: &str, id: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: https://example.org/{id}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn bounded_lines_skip_long_ones_and_keep_going() {
        let data = b"short\nthis line is far too long\n\r\nlast";
        let mut r = &data[..];
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Whole
        ));
        assert_eq!(buf, b"short");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::TooLong(25)
        ));
        assert!(buf.is_empty());
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Whole
        ));
        assert_eq!(buf, b"");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Whole
        ));
        assert_eq!(buf, b"last");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Eof
        ));
    }

    #[test]
    fn jsonl_lines_become_items_with_their_line_numbers() {
        let items = collect(b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n", Kind::Sniff, 100);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].origin, "t:1");
        assert_eq!(items[1].origin, "t:3");
        let items = collect(b"{\"text\":\"aaaaaaaaaaaaaaaaaaa\"}\n{}\n", Kind::Jsonl, 10);
        assert!(matches!(items[0].payload, Payload::Failed(_)));
        assert!(matches!(items[1].payload, Payload::Json(_)));
    }

    #[test]
    fn multi_member_gzip_warc_yields_every_html_record() {
        // Common Crawl writes one gzip member per record.
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Hi</p></body></html>";
        let mut data = Vec::new();
        data.extend(gzip(&warc_record(
            "warcinfo",
            "application/warc-fields",
            "0",
            b"software: test\r\n",
        )));
        data.extend(gzip(&warc_record(
            "request",
            "application/http; msgtype=request",
            "1",
            b"GET / HTTP/1.1\r\n\r\n",
        )));
        data.extend(gzip(&warc_record(
            "response",
            "application/http; msgtype=response",
            "2",
            http,
        )));
        data.extend(gzip(&warc_record(
            "metadata",
            "application/warc-fields",
            "3",
            b"x: y\r\n",
        )));
        data.extend(gzip(&warc_record(
            "response",
            "application/http; msgtype=response",
            "4",
            http,
        )));
        let items = collect(&data, Kind::Warc, 1 << 20);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].origin, "urn:uuid:2");
        assert_eq!(items[1].origin, "urn:uuid:4");
        assert_eq!(items[1].url.as_deref(), Some("https://example.org/4"));
        match &items[0].payload {
            Payload::Http(b) => assert_eq!(b.as_slice(), &http[..]),
            other => panic!("unexpected {other:?}"),
        }
        // Sniffed from the content too.
        assert_eq!(collect(&data, Kind::Sniff, 1 << 20).len(), 2);
    }

    #[test]
    fn oversized_and_damaged_warc_records_are_failures() {
        let big = vec![b'x'; 5000];
        let mut data = warc_record("response", "application/http", "1", &big);
        data.extend(warc_record(
            "response",
            "application/http",
            "2",
            b"HTTP/1.1 200 OK\r\n\r\nhi",
        ));
        data.extend(b"garbage\r\n");
        let items = collect(&data, Kind::Warc, 1000);
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0].payload, Payload::Failed(m) if m.contains("over the limit")));
        assert!(matches!(items[1].payload, Payload::Http(_)));
        assert!(matches!(&items[2].payload, Payload::Failed(m) if m.contains("damaged")));
        // Truncated in the middle of a body.
        let cut = &warc_record("response", "application/http", "1", b"0123456789")[..120];
        let items = collect(cut, Kind::Warc, 1000);
        assert!(matches!(&items[0].payload, Payload::Failed(_)));
    }
}
