//! End to end on real pages: the Scrapinghub benchmark pages are packed into a Common Crawl-style
//! `.warc.gz` (one gzip member a record, with warcinfo and request records between responses),
//! and the batch must return one digest per page, with the WARC ids and URLs, equal to analysing
//! the page directly. Skips when the shared data is absent.
use std::io::Write;
use std::path::PathBuf;

use keypoints_batch::{Config, Done, Inputs, Outcome, Sink};

fn shared() -> PathBuf {
    std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn member(out: &mut Vec<u8>, headers: &str, body: &[u8]) {
    let mut rec = format!(
        "WARC/1.1\r\n{headers}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    rec.extend_from_slice(body);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&rec).unwrap();
    out.extend(gz.finish().unwrap());
}

struct Collect(Vec<(String, Vec<u8>, keypoints::Digest)>);
impl Sink for Collect {
    fn write(&mut self, o: &mut Outcome) -> anyhow::Result<()> {
        match o {
            Outcome::Done {
                id, line, digest, ..
            } => self.0.push((id.clone(), line.clone(), (**digest).clone())),
            Outcome::Failed { id, error, .. } => panic!("{id} failed: {error}"),
            Outcome::Skipped => {}
        }
        Ok(())
    }
    fn finish(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

#[test]
fn common_crawl_style_warc_of_real_pages() {
    let dir = shared().join("data/extraction/scrapinghub/html");
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    // The smallest pages keep the test quick in debug builds.
    names.sort_by_key(|p| {
        (
            std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            p.clone(),
        )
    });
    names.truncate(8);
    let mut warc = Vec::new();
    member(
        &mut warc,
        "WARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\n",
        b"software: keypoints test\r\n",
    );
    let mut pages = Vec::new();
    for (i, p) in names.iter().enumerate() {
        let mut html = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(p).unwrap()),
            &mut html,
        )
        .unwrap();
        let url = format!("https://example.org/page/{i}");
        member(
            &mut warc,
            &format!("WARC-Type: request\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=request\r\n"),
            format!("GET /page/{i} HTTP/1.1\r\nHost: example.org\r\n\r\n").as_bytes(),
        );
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n".to_vec();
        http.extend_from_slice(&html);
        member(
            &mut warc,
            &format!("WARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i:08}-0000-0000-0000-000000000000>\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"),
            &http,
        );
        pages.push((url, html));
    }
    // A non-article response: counted as skipped.
    member(
        &mut warc,
        "WARC-Type: response\r\nWARC-Target-URI: https://example.org/logo.png\r\nContent-Type: application/http; msgtype=response\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
    );
    let tmp = tempfile::Builder::new()
        .suffix(".warc.gz")
        .tempfile()
        .unwrap();
    std::fs::write(tmp.path(), &warc).unwrap();

    let inputs = Inputs::open(&[tmp.path().display().to_string()], 64 << 20).unwrap();
    let mut sink = Collect(Vec::new());
    let stats = keypoints_batch::run(
        &inputs,
        &Config::new(2),
        &Done::new(),
        &mut sink,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(stats.done as usize, pages.len());
    assert_eq!(stats.skipped, 1);
    assert_eq!(stats.bytes_read, warc.len() as u64);
    for (i, ((id, line, digest), (url, html))) in sink.0.iter().zip(&pages).enumerate() {
        assert_eq!(id, &format!("urn:uuid:{i:08}-0000-0000-0000-000000000000"));
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        assert_eq!(v["url"], url.as_str());
        assert_eq!(v["seq"], i);
        let opts = keypoints::Options {
            input: keypoints::InputKind::Html,
            ..Default::default()
        };
        let mut direct = keypoints::analyze(std::str::from_utf8(html).unwrap(), &opts).unwrap();
        if direct.meta.url.is_none() {
            direct.meta.url = Some(url.clone());
        }
        assert_eq!(digest, &direct, "page {i} differs from a direct analysis");
    }
}
