//! One item to one output record: parse the item (JSON line, HTTP message, file), call
//! `keypoints::analyze`, and write the output line. Runs on the worker threads.
//!
//! An output line is one JSON object:
//! `{"id": ..., "seq": N, <fields passed through from the input>, "digest": {...}}`, or
//! `{"id": ..., "seq": N, <fields>, "error": "..."}` for a record that could not be analysed.
//! `seq` is the record's position among all records of the inputs (0-based); `--resume` uses it.
use std::io::Read;

use std::any::Any;

use keypoints::{Digest, InputKind, Options};
use serde_json::{Map, Value};

use crate::input::{Item, Payload};

/// Fields of an input JSON line that are not passed through to the output.
const CONSUMED: &[&str] = &["id", "seq", "text", "html", "digest", "error"];

/// What a sink's [`Preparer`](crate::sink::Preparer) made of a digest on a worker thread;
/// the sink takes it back with [`Extra::take`].
pub struct Extra(Option<Box<dyn Any + Send>>);

impl Extra {
    /// Wraps a value.
    pub fn new<T: Any + Send>(value: T) -> Extra {
        Extra(Some(Box::new(value)))
    }

    /// Takes the value out, if it is there and of type `T`.
    pub fn take<T: Any>(&mut self) -> Option<T> {
        match self.0.take()?.downcast::<T>() {
            Ok(v) => Some(*v),
            Err(other) => {
                self.0 = Some(other);
                None
            }
        }
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Extra(..)"
        } else {
            "Extra(-)"
        })
    }
}

/// What became of one item.
#[derive(Debug)]
pub enum Outcome {
    /// Analysed: the output line (with its newline) and the digest.
    Done {
        /// The record's id.
        id: String,
        /// The record's position among all records of the inputs.
        seq: u64,
        /// The output line, newline included; empty when no sink of the batch needs it
        /// ([`Sink::needs_lines`](crate::Sink::needs_lines)).
        line: Vec<u8>,
        /// The digest, for sinks that store it.
        digest: Box<Digest>,
        /// What the sink's preparer made of the digest on the worker, if it has one.
        extra: Option<Extra>,
    },
    /// Could not be analysed: the output line holds the error.
    Failed {
        /// The record's id.
        id: String,
        /// The record's position among all records of the inputs.
        seq: u64,
        /// The output line, newline included.
        line: Vec<u8>,
        /// What went wrong.
        error: String,
    },
    /// Not an article (a non-HTML or non-2xx HTTP response): no output line.
    Skipped,
}

/// Analyses one item. Never panics on bad input; a panic inside the analysis is caught by the
/// caller and turned into a failure. Without `with_line` the output line of an analysed record
/// is left empty (a sink that only stores digests does not need it). `analyzer` is the worker's
/// own, kept across records.
pub fn process(
    analyzer: &mut keypoints::Analyzer,
    item: Item,
    seq: u64,
    opts: &Options,
    with_line: bool,
) -> Outcome {
    let mut fields = Map::new();
    let mut id = Value::String(item.origin.clone());
    let parsed = prepare(item, &mut id, &mut fields, opts);
    match parsed {
        Prepared::Skip => Outcome::Skipped,
        Prepared::Fail(error) => fail(id, seq, &fields, error),
        Prepared::Analyze {
            text,
            opts: record_opts,
            url,
        } => match analyzer.analyze(&text, record_opts.as_ref().unwrap_or(opts)) {
            Ok(mut digest) => {
                if digest.meta.url.is_none() {
                    digest.meta.url = url;
                }
                let line = if with_line {
                    line(&id, seq, &fields, "digest", &digest)
                } else {
                    Vec::new()
                };
                Outcome::Done {
                    id: id_string(&id),
                    seq,
                    line,
                    digest: Box::new(digest),
                    extra: None,
                }
            }
            Err(e) => fail(id, seq, &fields, e.to_string()),
        },
    }
}

/// The failure record of an item whose analysis panicked.
pub fn panicked(origin: String, seq: u64, msg: &str) -> Outcome {
    fail(
        Value::String(origin),
        seq,
        &Map::new(),
        format!("internal error (please report it): {msg}"),
    )
}

fn fail(id: Value, seq: u64, fields: &Map<String, Value>, error: String) -> Outcome {
    let line = line(&id, seq, fields, "error", &error);
    Outcome::Failed {
        id: id_string(&id),
        seq,
        line,
        error,
    }
}

fn id_string(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes `{"id":..,"seq":..,<fields>,"<key>":<value>}\n`, keys in that order so that a person
/// reading the file sees the id first.
fn line(
    id: &Value,
    seq: u64,
    fields: &Map<String, Value>,
    key: &str,
    value: &impl serde::Serialize,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"{\"id\":");
    // Serializing plain JSON values and the library's types into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut out, id);
    out.extend_from_slice(format!(",\"seq\":{seq}").as_bytes());
    for (k, v) in fields {
        out.push(b',');
        let _ = serde_json::to_writer(&mut out, k);
        out.push(b':');
        let _ = serde_json::to_writer(&mut out, v);
    }
    out.push(b',');
    let _ = serde_json::to_writer(&mut out, key);
    out.push(b':');
    if serde_json::to_writer(&mut out, value).is_err() {
        out.extend_from_slice(b"null");
    }
    out.extend_from_slice(b"}\n");
    out
}

enum Prepared {
    Analyze {
        text: String,
        opts: Option<Options>,
        url: Option<String>,
    },
    Skip,
    Fail(String),
}

fn with_kind(opts: &Options, kind: InputKind) -> Options {
    Options {
        input: kind,
        ..opts.clone()
    }
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    keypoints::input::decode(bytes).map_err(|e| e.to_string())
}

fn prepare(
    item: Item,
    id: &mut Value,
    fields: &mut Map<String, Value>,
    opts: &Options,
) -> Prepared {
    let url = item.url.clone();
    if let Some(u) = &url {
        fields.insert("url".into(), Value::String(u.clone()));
    }
    match item.payload {
        Payload::Failed(msg) => Prepared::Fail(msg),
        Payload::Text(b) => match decode(&b) {
            Ok(text) => Prepared::Analyze {
                text,
                opts: Some(with_kind(opts, InputKind::Text)),
                url,
            },
            Err(e) => Prepared::Fail(e),
        },
        Payload::Html(b) => match decode(&b) {
            Ok(text) => Prepared::Analyze {
                text,
                opts: Some(with_kind(opts, InputKind::Html)),
                url,
            },
            Err(e) => Prepared::Fail(e),
        },
        Payload::Http(b) => match http_body(&b, opts.max_bytes) {
            Ok(Some(text)) => Prepared::Analyze {
                text,
                opts: Some(with_kind(opts, InputKind::Html)),
                url,
            },
            Ok(None) => Prepared::Skip,
            Err(e) => Prepared::Fail(e),
        },
        Payload::Json(b) => prepare_json(&b, id, fields, opts),
    }
}

fn prepare_json(
    bytes: &[u8],
    id: &mut Value,
    fields: &mut Map<String, Value>,
    opts: &Options,
) -> Prepared {
    let mut obj: Map<String, Value> = match serde_json::from_slice(bytes) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Prepared::Fail("the line is not a JSON object".into()),
        Err(e) => return Prepared::Fail(format!("the line is not valid JSON: {e}")),
    };
    let url = obj.get("url").and_then(Value::as_str).map(str::to_string);
    match obj.remove("id") {
        Some(v @ (Value::String(_) | Value::Number(_))) => *id = v,
        _ => {
            if let Some(u) = &url {
                *id = Value::String(u.clone());
            }
        }
    }
    let text = obj.remove("text");
    let html = obj.remove("html");
    let lang = obj.get("lang").and_then(Value::as_str).map(str::to_string);
    for (k, v) in obj {
        if !CONSUMED.contains(&k.as_str()) {
            fields.insert(k, v);
        }
    }
    let (text, kind) = match (html, text) {
        (Some(Value::String(h)), _) => (h, InputKind::Html),
        (_, Some(Value::String(t))) => (t, InputKind::Text),
        _ => return Prepared::Fail("the record has no \"text\" or \"html\" string".into()),
    };
    let mut record_opts = with_kind(opts, kind);
    // A record's own language wins over identification, where the library knows it; an unknown
    // code is ignored (identified instead) rather than failing the record.
    if opts.lang.is_none() {
        if let Some(code) = lang {
            let base = code.split(['-', '_']).next().unwrap_or(&code).to_string();
            if keypoints::lang::get(&base).is_ok() {
                record_opts.lang = Some(base);
            }
        }
    }
    Prepared::Analyze {
        text,
        opts: Some(record_opts),
        url,
    }
}

/// The HTML of an HTTP response message, decoded to text; `None` for responses that are not
/// articles (non-2xx status, non-HTML content type).
fn http_body(msg: &[u8], limit: usize) -> Result<Option<String>, String> {
    let (head, body) = match memchr::memmem::find(msg, b"\r\n\r\n") {
        Some(i) => (&msg[..i], &msg[i + 4..]),
        None => match memchr::memmem::find(msg, b"\n\n") {
            Some(i) => (&msg[..i], &msg[i + 2..]),
            None => return Err("the HTTP response has no end of headers".into()),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("the HTTP response has no status line")?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut encoding = String::new();
    let mut chunked = false;
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "content-encoding" => encoding = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            _ => {}
        }
    }
    if !content_type.is_empty() && !content_type.contains("html") {
        return Ok(None);
    }
    let dechunked;
    let body = if chunked {
        dechunked = dechunk(body)?;
        &dechunked[..]
    } else {
        body
    };
    let inflated;
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => {
            inflated = read_limited(flate2::read::MultiGzDecoder::new(body), limit)?;
            &inflated[..]
        }
        "deflate" => {
            inflated = read_limited(flate2::read::ZlibDecoder::new(body), limit)?;
            &inflated[..]
        }
        other => return Err(format!("unsupported HTTP content-encoding {other:?}")),
    };
    // The charset the server declared wins; otherwise the library's detection decides.
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']));
    if let Some(enc) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        if enc != encoding_rs::UTF_8 || std::str::from_utf8(body).is_ok() {
            let (text, _, _) = enc.decode(body);
            return Ok(Some(text.into_owned()));
        }
    }
    decode(body).map(Some)
}

fn read_limited(r: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the HTTP body: {e}"))?;
    if out.len() > limit {
        return Err(format!(
            "the decompressed page is over the limit of {limit} bytes"
        ));
    }
    Ok(out)
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(eol) = memchr::memmem::find(body, b"\r\n") else {
            // A body cut short: keep what we have.
            return Ok(out);
        };
        let size_text = String::from_utf8_lossy(&body[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| "bad chunk size in a chunked HTTP body".to_string())?;
        body = &body[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(payload: Payload) -> Item {
        Item {
            origin: "f:1".into(),
            url: None,
            payload,
        }
    }

    fn json(out: &Outcome) -> Value {
        match out {
            Outcome::Done { line, .. } | Outcome::Failed { line, .. } => {
                assert_eq!(line.last(), Some(&b'\n'));
                serde_json::from_slice(line).unwrap()
            }
            Outcome::Skipped => Value::Null,
        }
    }

    const ARTICLE: &str =
        "The city council approved the new budget on Monday after a long debate. \
        The plan raises spending on schools and public transport by ten percent. \
        Critics said the increase would force higher local taxes next year. \
        The mayor said the investment was overdue and would pay for itself.";

    #[test]
    fn json_line_keeps_id_and_passes_other_fields_through() {
        let line = serde_json::json!({"id": 7, "text": ARTICLE, "lang": "en", "source": "x"});
        let out = process(
            &mut keypoints::Analyzer::new(),
            item(Payload::Json(line.to_string().into_bytes())),
            3,
            &Options::default(),
            true,
        );
        let v = json(&out);
        assert_eq!(v["id"], 7);
        assert_eq!(v["seq"], 3);
        assert_eq!(v["source"], "x");
        assert!(v.get("text").is_none());
        assert_eq!(v["digest"]["language"], "en");
        assert!(!v["digest"]["key_points"].as_array().unwrap().is_empty());
    }

    #[test]
    fn id_comes_from_url_then_origin() {
        let line = serde_json::json!({"url": "https://x.org/a", "text": ARTICLE});
        let v = json(&process(
            &mut keypoints::Analyzer::new(),
            item(Payload::Json(line.to_string().into_bytes())),
            0,
            &Options::default(),
            true,
        ));
        assert_eq!(v["id"], "https://x.org/a");
        assert_eq!(v["digest"]["meta"]["url"], "https://x.org/a");
        let v = json(&process(
            &mut keypoints::Analyzer::new(),
            item(Payload::Text(ARTICLE.into())),
            0,
            &Options::default(),
            true,
        ));
        assert_eq!(v["id"], "f:1");
    }

    #[test]
    fn bad_records_become_error_lines() {
        for bad in [
            &b"not json"[..],
            b"[1,2]",
            b"{\"id\":\"a\"}",
            b"{\"text\":\"  \"}",
        ] {
            let v = json(&process(
                &mut keypoints::Analyzer::new(),
                item(Payload::Json(bad.to_vec())),
                1,
                &Options::default(),
                true,
            ));
            assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
            assert_eq!(v["seq"], 1);
        }
    }

    #[test]
    fn http_responses_are_filtered_and_decoded() {
        let page = format!("<html><body><p>{ARTICLE}</p></body></html>");
        let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        assert!(http_body(ok.as_bytes(), 1 << 20)
            .unwrap()
            .unwrap()
            .contains("budget"));
        let img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nxx";
        assert_eq!(http_body(img.as_bytes(), 1 << 20).unwrap(), None);
        let redirect = "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_body(redirect.as_bytes(), 1 << 20).unwrap(), None);
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        assert_eq!(
            http_body(chunked.as_bytes(), 1 << 20).unwrap().unwrap(),
            "hello world"
        );
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("città");
        let mut msg =
            b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n".to_vec();
        msg.extend_from_slice(&latin);
        assert_eq!(http_body(&msg, 1 << 20).unwrap().unwrap(), "città");
        assert!(http_body(b"garbage", 100).is_err());
    }
}
