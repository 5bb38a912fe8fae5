//! Fetches one web page for keypoints, safely: public addresses only, bounded time and size.
//!
//! The `keypoints` library never touches the network; this crate is the one place that does, for
//! the CLI (`keypoints summarize URL`) and the HTTP service (call [`Fetcher::fetch`] inside
//! `tokio::task::spawn_blocking`, since the API is blocking).
//!
//! # Safety rules
//! A URL given by a user must not reach the machine's own services or its private network
//! (server-side request forgery). Every address is vetted with [`is_public`]:
//! - IP literals in the URL are checked before any connection;
//! - host names are resolved by this crate's own resolver, which drops every non-public address,
//!   so the connection goes to a vetted address (no second lookup that could answer differently);
//! - every redirect target is checked the same way, at most [`FetchOptions::max_redirects`] hops;
//! - proxies from the environment are ignored, since a proxy would resolve names itself.
//!
//! [`FetchOptions::allow_private`] lifts the rule (for tests and trusted intranets), and
//! [`FetchOptions::allow_addrs`] lets single addresses through.
//!
//! # Bounds
//! Connect and total timeouts; the body is streamed and reading stops just past
//! [`FetchOptions::max_bytes`]; gzip and brotli are decoded (the limit applies to decoded bytes).
#![warn(missing_docs)]

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect;
use reqwest::Url;

/// The User-Agent sent with every request.
pub const USER_AGENT: &str = concat!(
    "keypoints/",
    env!("CARGO_PKG_VERSION"),
    " (article reader; +https://crates.io/crates/keypoints)"
);

/// Options of a fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Longest wait for a TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Longest time for the whole exchange, body included.
    pub timeout: Duration,
    /// Largest body accepted, in bytes (after decompression).
    pub max_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// Let through loopback, private and other non-public addresses.
    pub allow_private: bool,
    /// Single addresses let through even when they are not public.
    pub allow_addrs: Vec<IpAddr>,
    /// The User-Agent header.
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 10,
            allow_private: false,
            allow_addrs: Vec::new(),
            user_agent: USER_AGENT.to_string(),
        }
    }
}

impl FetchOptions {
    fn permits(&self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip) || self.allow_addrs.contains(&canonical(ip))
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The body, decompressed, at most `max_bytes` long.
    pub body: Vec<u8>,
    /// The Content-Type header, if any (it may carry the charset).
    pub content_type: Option<String>,
    /// The URL after redirects.
    pub final_url: String,
    /// The HTTP status (always a success status).
    pub status: u16,
}

/// What can go wrong when fetching.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL does not parse or is not http(s).
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it is refused.
        reason: String,
    },
    /// The URL or a redirect leads to a non-public address.
    #[error("refused to fetch {url}: {reason} (use --allow-private to permit private addresses)")]
    Blocked {
        /// The URL refused.
        url: String,
        /// What address was found.
        reason: String,
    },
    /// The host name does not resolve.
    #[error("cannot resolve {host}: {reason}")]
    Resolve {
        /// The host name.
        host: String,
        /// The resolver's message.
        reason: String,
    },
    /// The server did not answer in time.
    #[error("{url} timed out after {secs} s")]
    Timeout {
        /// The URL.
        url: String,
        /// The timeout that expired, in seconds.
        secs: f64,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body is over the limit.
    #[error("{url} sent more than {limit} bytes: refused")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// More redirects than allowed.
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects {
        /// The URL first asked for.
        url: String,
        /// The limit.
        limit: usize,
    },
    /// Connection, TLS or protocol failure.
    #[error("cannot fetch {url}: {reason}")]
    Network {
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
    },
}

/// True for an address on the public internet: false for loopback, private (RFC 1918),
/// link-local, unique-local, CGNAT (100.64/10), multicast, unspecified, broadcast, documentation,
/// benchmarking and reserved ranges, in IPv4 and IPv6; IPv4 addresses embedded in IPv6
/// (mapped, compatible, NAT64, 6to4) are judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0                                   // "this network", unspecified
        || a == 10                             // private
        || a == 127                            // loopback
        || (a == 100 && (64..128).contains(&b)) // CGNAT
        || (a == 169 && b == 254)              // link-local
        || (a == 172 && (16..32).contains(&b)) // private
        || (a == 192 && b == 0 && c == 0)      // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2)      // documentation
        || (a == 192 && b == 88 && c == 99)    // 6to4 relay anycast
        || (a == 192 && b == 168)              // private
        || (a == 198 && (b == 18 || b == 19))  // benchmarking
        || (a == 198 && b == 51 && c == 100)   // documentation
        || (a == 203 && b == 0 && c == 113)    // documentation
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    if let Some(v4) = embedded_v4(ip) {
        return is_public_v4(v4);
    }
    // Only global unicast (2000::/3) is public, less its special blocks.
    if s[0] & 0xe000 != 0x2000 {
        return false;
    }
    // 2001:db8::/32 documentation; 2001::/23 IETF protocol assignments (Teredo, ORCHID);
    // 3fff::/20 documentation (RFC 9637).
    let special_2001 = s[0] == 0x2001 && (s[1] == 0x0db8 || s[1] < 0x0200);
    !(special_2001 || s[0] == 0x3fff)
}

/// The IPv4 address carried inside an IPv6 one: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d),
/// NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let low =
        |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if s[..5] == [0; 5] && (s[5] == 0xffff || s[5] == 0) {
        // ::/128 and ::1 fall in "compatible" with 0.0.0.0 and 0.0.0.1: not public, as wanted.
        return Some(low(s[6], s[7]));
    }
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0; 4] {
        return Some(low(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return Some(low(s[1], s[2]));
    }
    None
}

/// IPv4-mapped IPv6 addresses compare as their IPv4 address in the allow-list.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// Marker error raised by the resolver and the redirect policy, found again in reqwest's chain.
#[derive(Debug)]
struct Refusal {
    url: String,
    reason: String,
    kind: RefusalKind,
}

#[derive(Debug, PartialEq)]
enum RefusalKind {
    Blocked,
    Resolve,
    Redirects(usize),
    BadUrl,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

impl std::error::Error for Refusal {}

/// Resolves names itself and keeps only the addresses the options permit.
struct VettingResolver {
    opts: Arc<FetchOptions>,
}

impl Resolve for VettingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let opts = self.opts.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| {
                    Box::new(Refusal {
                        url: host.clone(),
                        reason: e.to_string(),
                        kind: RefusalKind::Resolve,
                    }) as Box<dyn std::error::Error + Send + Sync>
                })?
                .collect();
            let kept: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| opts.permits(a.ip()))
                .collect();
            if kept.is_empty() {
                let shown: Vec<String> = found.iter().map(|a| a.ip().to_string()).collect();
                return Err(Box::new(Refusal {
                    url: host,
                    reason: if shown.is_empty() {
                        "no address".to_string()
                    } else {
                        format!("it resolves to non-public {}", shown.join(", "))
                    },
                    kind: RefusalKind::Blocked,
                })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(kept.into_iter()) as Addrs)
        })
    }
}

/// Checks a URL before any connection: http(s) only, and an IP literal host must be permitted.
fn vet_url(url: &Url, opts: &FetchOptions) -> Result<(), Refusal> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal {
            url: url.to_string(),
            reason: format!("scheme {} is not http or https", url.scheme()),
            kind: RefusalKind::BadUrl,
        });
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        Some(url::Host::Domain(_)) => None,
        None => {
            return Err(Refusal {
                url: url.to_string(),
                reason: "no host".to_string(),
                kind: RefusalKind::BadUrl,
            })
        }
    };
    if let Some(ip) = ip.filter(|ip| !opts.permits(*ip)) {
        return Err(Refusal {
            url: url.to_string(),
            reason: format!("{ip} is not a public address"),
            kind: RefusalKind::Blocked,
        });
    }
    Ok(())
}

/// A reusable client with its options.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    opts: Arc<FetchOptions>,
}

impl Fetcher {
    /// Builds a client for `opts`.
    pub fn new(opts: FetchOptions) -> Result<Self, FetchError> {
        let opts = Arc::new(opts);
        let policy_opts = opts.clone();
        let policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > policy_opts.max_redirects {
                let first = attempt
                    .previous()
                    .first()
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                return attempt.error(Refusal {
                    url: first,
                    reason: String::new(),
                    kind: RefusalKind::Redirects(policy_opts.max_redirects),
                });
            }
            match vet_url(attempt.url(), &policy_opts) {
                Ok(()) => attempt.follow(),
                Err(r) => attempt.error(r),
            }
        });
        let client = reqwest::blocking::Client::builder()
            .user_agent(opts.user_agent.clone())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(policy)
            .no_proxy()
            .dns_resolver(Arc::new(VettingResolver { opts: opts.clone() }))
            .build()
            .map_err(|e| FetchError::Network {
                url: String::new(),
                reason: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(Fetcher { client, opts })
    }

    /// Fetches `url`: see the crate docs for the rules.
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        vet_url(&parsed, &self.opts).map_err(|r| refusal_error(r, url, &self.opts))?;
        let resp = self
            .client
            .get(parsed.clone())
            .header(
                reqwest::header::ACCEPT,
                "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            )
            .send()
            .map_err(|e| self.classify(e, url))?;
        let final_url = resp.url().to_string();
        let status = resp.status();
        if !status.is_success() {
            return Err(FetchError::Status {
                url: final_url,
                status: status.as_u16(),
            });
        }
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let limit = self.opts.max_bytes;
        // A declared length over the limit is refused before reading (when not compressed, the
        // decoded length equals it; compressed bodies are checked while reading).
        if resp.content_length().is_some_and(|n| n > limit as u64)
            && resp
                .headers()
                .get(reqwest::header::CONTENT_ENCODING)
                .is_none()
        {
            return Err(FetchError::TooLarge {
                url: final_url,
                limit,
            });
        }
        let mut body = Vec::new();
        resp.take(limit as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut
                    || error_chain(&e).any(|s| s.contains("timed out"));
                if timed_out {
                    FetchError::Timeout {
                        url: final_url.clone(),
                        secs: self.opts.timeout.as_secs_f64(),
                    }
                } else {
                    FetchError::Network {
                        url: final_url.clone(),
                        reason: format!("reading the body failed: {e}"),
                    }
                }
            })?;
        if body.len() > limit {
            return Err(FetchError::TooLarge {
                url: final_url,
                limit,
            });
        }
        Ok(Fetched {
            body,
            content_type,
            final_url,
            status: status.as_u16(),
        })
    }

    fn classify(&self, e: reqwest::Error, url: &str) -> FetchError {
        // Our own refusals travel inside reqwest's error; find them first.
        let mut src: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(s) = src {
            if let Some(r) = s.downcast_ref::<Refusal>() {
                return refusal_error(
                    Refusal {
                        url: r.url.clone(),
                        reason: r.reason.clone(),
                        kind: match r.kind {
                            RefusalKind::Blocked => RefusalKind::Blocked,
                            RefusalKind::Resolve => RefusalKind::Resolve,
                            RefusalKind::Redirects(n) => RefusalKind::Redirects(n),
                            RefusalKind::BadUrl => RefusalKind::BadUrl,
                        },
                    },
                    url,
                    &self.opts,
                );
            }
            src = s.source();
        }
        if e.is_timeout() {
            let connect = e.is_connect();
            return FetchError::Timeout {
                url: url.to_string(),
                secs: if connect {
                    self.opts.connect_timeout.as_secs_f64()
                } else {
                    self.opts.timeout.as_secs_f64()
                },
            };
        }
        let reason = error_chain(&e).collect::<Vec<_>>().join(": ");
        FetchError::Network {
            url: url.to_string(),
            reason,
        }
    }
}

fn refusal_error(r: Refusal, url: &str, opts: &FetchOptions) -> FetchError {
    match r.kind {
        RefusalKind::Blocked => FetchError::Blocked {
            url: r.url,
            reason: r.reason,
        },
        RefusalKind::Resolve => FetchError::Resolve {
            host: r.url,
            reason: r.reason,
        },
        RefusalKind::Redirects(limit) => FetchError::TooManyRedirects {
            url: url.to_string(),
            limit: limit.min(opts.max_redirects),
        },
        RefusalKind::BadUrl => FetchError::InvalidUrl {
            url: r.url,
            reason: r.reason,
        },
    }
}

/// The messages of an error and its sources, deduplicated.
fn error_chain<'a>(e: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = String> + 'a {
    let mut seen: Vec<String> = Vec::new();
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    std::iter::from_fn(move || loop {
        let s = src?;
        src = s.source();
        let m = s.to_string();
        if !seen.iter().any(|p| p.contains(&m)) {
            seen.push(m.clone());
            return Some(m);
        }
    })
}

/// Fetches `url` with `opts` (builds a client for this one call; keep a [`Fetcher`] to reuse one).
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, FetchError> {
    Fetcher::new(opts.clone())?.fetch(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn public_and_private_addresses() {
        for p in [
            "8.8.8.8",
            "1.1.1.1",
            "151.101.1.1",
            "2a00:1450:4001:80b::200e",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip(p)), "{p} should be public");
        }
        for p in [
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "fec0::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "2001:db8::1",
            "2001::1",
        ] {
            assert!(!is_public(ip(p)), "{p} should not be public");
        }
    }

    #[test]
    fn literal_private_urls_are_refused_before_connecting() {
        let opts = FetchOptions::default();
        for u in [
            "http://127.0.0.1/",
            "http://[::1]/",
            "http://[::ffff:7f00:1]/",
            "http://0x7f.1/",
            "http://2130706433/",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            match fetch(u, &opts) {
                Err(FetchError::Blocked { .. }) => {}
                other => panic!("{u}: expected Blocked, got {other:?}"),
            }
        }
        assert!(matches!(
            fetch("file:///etc/passwd", &opts),
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            fetch("not a url", &opts),
            Err(FetchError::InvalidUrl { .. })
        ));
    }
}
