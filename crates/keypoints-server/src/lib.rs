//! The keypoints HTTP service: a JSON API over [`keypoints::analyze`], a web page to read key
//! points, and a searchable SQLite store of analysed articles.
//!
//! # Shape
//! - [`api`]: the handlers. They only read requests, call the library (in `spawn_blocking`, since
//!   analysis is CPU work) or the store, and answer JSON; errors are
//!   `{"error": {"code", "message"}}` ([`error`]).
//! - [`store`]: one SQLite file (WAL, versioned migrations in code) holding each digest whole plus
//!   the columns search needs; [`search`] builds the stemmed full-text index and queries.
//! - [`web`]: the page at `/`, its script and style compiled into the binary.
//! - [`fetch`]: URL inputs, through the guarded fetcher of `keypoints-fetch`.
//!
//! # Limits
//! Bodies over [`Config::max_body`] answer 413, other content types 415, malformed JSON 400 with
//! the parser's message. Every request has [`Config::timeout`] (504 past it); at most
//! [`Config::max_concurrent`] analyses run at once and at most [`Config::max_queue`] wait (503
//! beyond). With a [`Config::token`], the write endpoints need `Authorization: Bearer <token>`.
#![warn(missing_docs)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub mod api;
pub mod error;
pub mod fetch;
pub mod openapi;
pub mod search;
pub mod store;
pub mod web;

pub use error::ApiError;
/// The SQLite binding the store is built on, for bulk loaders that keep tables beside it.
pub use rusqlite;
pub use store::Store;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// The SQLite file of the article store.
    pub db: PathBuf,
    /// Bearer token the write endpoints require; open when `None`.
    pub token: Option<String>,
    /// Let URL inputs reach loopback and private addresses.
    pub allow_private: bool,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Longest time a request may take.
    pub timeout: Duration,
    /// Analyses that may run at once.
    pub max_concurrent: usize,
    /// Analyses that may wait for a slot; more answer 503.
    pub max_queue: usize,
}

impl Default for Config {
    fn default() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("keypoints.db"),
            token: None,
            allow_private: false,
            max_body: 5 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_concurrent: cores,
            max_queue: 1024,
        }
    }
}

/// Shared state of the handlers.
pub struct AppState {
    /// The settings.
    pub config: Config,
    /// The article store.
    pub store: Store,
    /// Slots for analyses running at once.
    pub analyses: Arc<Semaphore>,
    /// Requests waiting for a slot.
    pub waiting: AtomicUsize,
    /// Analyzers between requests: each keeps its word lookups, so later requests are faster.
    /// At most one per slot is ever in use; a lock is held only to take or return one.
    pub analyzers: std::sync::Mutex<Vec<keypoints::Analyzer>>,
}

impl AppState {
    /// Runs `f` with an analyzer from the pool (a new one when none is free) and returns it to
    /// the pool afterwards. An analyzer whose work panicked is not returned.
    pub fn with_analyzer<T>(&self, f: impl FnOnce(&mut keypoints::Analyzer) -> T) -> T {
        let taken = self.analyzers.lock().ok().and_then(|mut p| p.pop());
        let mut analyzer = taken.unwrap_or_default();
        let out = f(&mut analyzer);
        if let Ok(mut pool) = self.analyzers.lock() {
            pool.push(analyzer);
        }
        out
    }
}

/// Opens the store and builds the state.
pub fn state(config: Config) -> anyhow::Result<Arc<AppState>> {
    let store = Store::open(&config.db)
        .with_context(|| format!("cannot open the store {}", config.db.display()))?;
    Ok(Arc::new(AppState {
        analyses: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        waiting: AtomicUsize::new(0),
        analyzers: std::sync::Mutex::new(Vec::new()),
        store,
        config,
    }))
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    axum::serve(listener, api::router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .context("server failed")
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Binds `config.addr`, serves until SIGTERM or Ctrl-C; `on_ready` gets the bound address.
pub async fn run(config: Config, on_ready: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let addr = listener.local_addr()?;
    let state = state(config)?;
    on_ready(addr);
    serve(listener, state, shutdown_signal()).await
}
