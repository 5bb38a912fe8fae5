//! Fetching from a tiny HTTP server on the loopback interface: success, refusal of private
//! addresses, redirects, error statuses, timeouts and the body limit.
use std::io::{Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use keypoints_fetch::{fetch, FetchError, FetchOptions};

/// Serves forever on `addr` (a fresh port); `route` answers each path. Returns the base URL.
fn serve(ip: &str, route: fn(&str, &str) -> Response) -> Option<String> {
    let listener = TcpListener::bind((ip, 0)).ok()?;
    let port = listener.local_addr().ok()?.port();
    let base = format!("http://{ip}:{port}");
    let b = base.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let b = b.clone();
            thread::spawn(move || handle(stream, &b, route));
        }
    });
    Some(base)
}

enum Response {
    Status(u16, &'static str, Vec<(String, String)>, Vec<u8>),
    /// Sleeps, then answers.
    Slow(Duration),
    /// Streams `n` bytes without a Content-Length.
    Endless(usize),
}

fn handle(mut s: TcpStream, base: &str, route: fn(&str, &str) -> Response) {
    let mut buf = [0u8; 4096];
    let mut req = Vec::new();
    while !req.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&req);
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    match route(&path, base) {
        Response::Status(code, reason, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {code} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
        Response::Slow(d) => {
            thread::sleep(d);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
        Response::Endless(n) => {
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < n {
                if s.write_all(&chunk).is_err() {
                    return;
                }
                sent += chunk.len();
            }
        }
    }
}

fn ok(body: &str, ctype: &str) -> Response {
    Response::Status(
        200,
        "OK",
        vec![("Content-Type".into(), ctype.into())],
        body.as_bytes().to_vec(),
    )
}

fn redirect(to: String) -> Response {
    Response::Status(302, "Found", vec![("Location".into(), to)], Vec::new())
}

fn routes(path: &str, base: &str) -> Response {
    match path {
        "/page" => ok(
            "<html><body><p>Ciao</p></body></html>",
            "text/html; charset=ISO-8859-1",
        ),
        "/hop" => redirect(format!("{base}/page")),
        "/loop" => redirect(format!("{base}/loop")),
        // The second server listens on 127.0.0.2 with the same routes.
        "/to-other-loopback" => match OTHER.get().cloned().flatten() {
            Some(other) => redirect(format!("{other}/page")),
            None => Response::Status(404, "Not Found", vec![], Vec::new()),
        },
        "/to-v6-loopback" => redirect("http://[::1]:1/page".to_string()),
        "/to-metadata" => redirect("http://169.254.169.254/latest/".to_string()),
        "/missing" => Response::Status(404, "Not Found", vec![], b"no".to_vec()),
        "/broken" => Response::Status(500, "Internal Server Error", vec![], b"oops".to_vec()),
        "/slow" => Response::Slow(Duration::from_secs(5)),
        "/big" => Response::Status(200, "OK", vec![], vec![b'x'; 300_000]),
        "/endless" => Response::Endless(50 * 1024 * 1024),
        _ => Response::Status(404, "Not Found", vec![], Vec::new()),
    }
}

/// A second server on another loopback address, the target of `/to-other-loopback`.
static OTHER: OnceLock<Option<String>> = OnceLock::new();

fn server() -> String {
    serve("127.0.0.1", routes).expect("bind 127.0.0.1")
}

fn private() -> FetchOptions {
    FetchOptions {
        allow_private: true,
        ..Default::default()
    }
}

#[test]
fn fetches_with_allow_private() {
    let base = server();
    let f = fetch(&format!("{base}/page"), &private()).unwrap();
    assert_eq!(f.status, 200);
    assert_eq!(f.body, b"<html><body><p>Ciao</p></body></html>");
    // The Content-Type comes through whole: the library reads its charset when it decodes.
    let ct = f.content_type.as_deref().unwrap_or_default();
    assert_eq!(
        keypoints::html::decode::charset_param(ct),
        Some("ISO-8859-1")
    );
    assert!(f.final_url.ends_with("/page"));
}

#[test]
fn follows_redirects_and_reports_the_final_url() {
    let base = server();
    let f = fetch(&format!("{base}/hop"), &private()).unwrap();
    assert!(f.final_url.ends_with("/page"), "{}", f.final_url);
}

#[test]
fn loopback_is_refused_without_allow_private() {
    let base = server();
    let err = fetch(&format!("{base}/page"), &FetchOptions::default()).unwrap_err();
    assert!(matches!(err, FetchError::Blocked { .. }), "{err:?}");
    assert!(err.to_string().contains("--allow-private"));
    // A name that resolves to loopback is refused after resolution.
    let named = base.replace("127.0.0.1", "localhost");
    let err = fetch(&format!("{named}/page"), &FetchOptions::default()).unwrap_err();
    assert!(matches!(err, FetchError::Blocked { .. }), "{err:?}");
}

/// Only the first server's address is let through; redirects to other non-public addresses are
/// refused even though the target answers.
#[test]
fn redirect_to_loopback_is_refused() {
    let base = server();
    let only_first = FetchOptions {
        allow_addrs: vec!["127.0.0.1".parse::<IpAddr>().unwrap()],
        ..Default::default()
    };
    assert!(fetch(&format!("{base}/page"), &only_first).is_ok());
    for path in ["/to-v6-loopback", "/to-metadata"] {
        let err = fetch(&format!("{base}{path}"), &only_first).unwrap_err();
        assert!(matches!(err, FetchError::Blocked { .. }), "{path}: {err:?}");
    }
    // 127.0.0.2 is reachable on Linux's loopback: show the target works, then that it is refused.
    if OTHER.get_or_init(|| serve("127.0.0.2", routes)).is_some() {
        let to_other = format!("{base}/to-other-loopback");
        assert!(fetch(&to_other, &private()).is_ok());
        let err = fetch(&to_other, &only_first).unwrap_err();
        assert!(matches!(err, FetchError::Blocked { .. }), "{err:?}");
    } else {
        eprintln!("skipping the 127.0.0.2 case: cannot bind that address");
    }
}

#[test]
fn too_many_redirects() {
    let base = server();
    let err = fetch(&format!("{base}/loop"), &private()).unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 10, .. }),
        "{err:?}"
    );
}

#[test]
fn error_statuses() {
    let base = server();
    let err = fetch(&format!("{base}/missing"), &private()).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err:?}"
    );
    let err = fetch(&format!("{base}/broken"), &private()).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 500, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTTP 500"));
}

#[test]
fn timeout() {
    let base = server();
    let opts = FetchOptions {
        timeout: Duration::from_millis(500),
        ..private()
    };
    let t = Instant::now();
    let err = fetch(&format!("{base}/slow"), &opts).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(t.elapsed() < Duration::from_secs(4));
}

#[test]
fn body_limit() {
    let base = server();
    let opts = FetchOptions {
        max_bytes: 100_000,
        ..private()
    };
    let err = fetch(&format!("{base}/big"), &opts).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err:?}");
    // Without a Content-Length: reading stops past the limit, long before the 50 MB end.
    let t = Instant::now();
    let err = fetch(&format!("{base}/endless"), &opts).unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 100_000, .. }),
        "{err:?}"
    );
    assert!(t.elapsed() < Duration::from_secs(5));
}
