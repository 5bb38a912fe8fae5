//! `keypoints serve`: the HTTP service (JSON API, web page, searchable article store). The
//! service itself lives in the `keypoints-server` crate; this only reads the arguments.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};

/// Arguments of `serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The SQLite file of the article store (created if absent).
    #[arg(long, default_value = "keypoints.db")]
    pub db: PathBuf,
    /// Bearer token the write endpoints (POST and DELETE /v1/articles) require.
    #[arg(long, env = "KEYPOINTS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Let URL inputs reach loopback and private network addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_body: usize,
    /// Longest time a request may take, in seconds (fractions allowed).
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Analyses running at once (default: the number of cores).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Analyses that may wait for a worker; more answer 503.
    #[arg(long, default_value_t = 1024)]
    pub queue: usize,
}

/// Runs `serve` until SIGTERM or Ctrl-C.
pub fn run(args: Args) -> Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let token = args.token.filter(|t| !t.trim().is_empty());
    let mut config = keypoints_server::Config {
        addr: args.addr,
        db: args.db,
        token,
        allow_private: args.allow_private,
        max_body: args.max_body,
        timeout: Duration::from_secs_f64(args.timeout),
        max_queue: args.queue,
        ..Default::default()
    };
    if let Some(w) = args.workers {
        config.max_concurrent = w.max(1);
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KEYPOINTS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let db = config.db.display().to_string();
    let auth = if config.token.is_some() {
        "; writes need the token"
    } else {
        ""
    };
    runtime.block_on(keypoints_server::run(config, |addr| {
        eprintln!("keypoints: serving on http://{addr} (store {db}{auth})");
    }))
}
