//! Where an article comes from: a file, stdin (`-`), or an http(s) URL fetched with
//! `keypoints-fetch` (public addresses only unless `--allow-private`).
use std::time::Duration;

use anyhow::Result;

/// Network options shared by the commands that accept a URL.
#[derive(clap::Args, Debug, Clone)]
pub struct NetArgs {
    /// Allow fetching from loopback, private and other non-public addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Give up on a URL after this many seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// A document read or fetched.
pub struct Loaded {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The HTTP Content-Type, for a URL.
    pub content_type: Option<String>,
    /// The final URL after redirects, for a URL.
    pub url: Option<String>,
}

/// True when `s` is an http(s) URL rather than a path.
pub fn is_url(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Reads a file or stdin, or fetches a URL, refusing more than `max_bytes`.
pub fn load(source: &str, max_bytes: usize, net: &NetArgs) -> Result<Loaded> {
    if !is_url(source) {
        return Ok(Loaded {
            bytes: crate::io::read_input(source, max_bytes)?,
            content_type: None,
            url: None,
        });
    }
    let opts = keypoints_fetch::FetchOptions {
        allow_private: net.allow_private,
        timeout: Duration::from_secs(net.timeout.max(1)),
        connect_timeout: Duration::from_secs(net.timeout.clamp(1, 10)),
        max_bytes: max_bytes.min(10 * 1024 * 1024),
        ..Default::default()
    };
    let f = keypoints_fetch::fetch(source.trim(), &opts)?;
    Ok(Loaded {
        bytes: f.body,
        content_type: f.content_type,
        url: Some(f.final_url),
    })
}
