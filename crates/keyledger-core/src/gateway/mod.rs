//! The local metering gateway: an HTTP server on the loopback interface that programs talk to
//! instead of a provider. It forwards each request with the real key (swapped in for a local
//! token, so the program never holds it) and records the tokens each answer reports into the
//! ledger, per key and model, priced like the rest. It binds 127.0.0.1 and ::1 only.

mod callers;
pub mod limits;
pub mod meter;
mod proxy;
pub mod record;
pub mod routes;
pub mod sse;
pub mod status;
pub mod tokens;
pub mod traffic;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use self::status::{Counters, GatewayStatus};

use crate::vault::Vault;
use crate::{Error, Result};

pub use proxy::MAX_REQUEST;

/// A gateway that is running.
#[derive(Debug)]
pub struct Gateway {
    /// Where it listens on 127.0.0.1.
    pub addr: SocketAddr,
    started_at: DateTime<Utc>,
    counters: Arc<Counters>,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    writer: tokio::task::JoinHandle<()>,
}

impl Gateway {
    /// Listens on 127.0.0.1:`port` (0 picks a free port) and on ::1 at the same port when this
    /// machine has IPv6.
    pub async fn start(vault: Vault, port: u16) -> Result<Self> {
        let v4 = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
            Error::invalid(format!(
                "the gateway cannot listen on 127.0.0.1:{port}: {e}; choose another port"
            ))
        })?;
        let addr = v4
            .local_addr()
            .map_err(|e| Error::invalid(format!("the gateway has no address: {e}")))?;
        let v6 = TcpListener::bind(("::1", addr.port())).await.ok();
        let client = reqwest::Client::builder()
            .user_agent(concat!("keyledger-gateway/", env!("CARGO_PKG_VERSION")))
            .redirect(crate::providers::guard::redirect_policy())
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Error::invalid(format!("cannot set up HTTPS: {e}")))?;
        let (recorder, writer) = record::Recorder::start(vault.store().clone());
        let counters = Arc::new(Counters::default());
        let shared = Arc::new(proxy::Shared {
            vault,
            client,
            recorder,
            counters: counters.clone(),
            callers: callers::Callers::default(),
        });
        let (stop, stopped) = watch::channel(false);
        let tasks = std::iter::once(v4)
            .chain(v6)
            .map(|listener| tokio::spawn(accept(listener, shared.clone(), stopped.clone())))
            .collect();
        Ok(Gateway {
            addr,
            started_at: crate::clock::now(),
            counters,
            stop,
            tasks,
            writer,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How it has fared since it started.
    pub fn status(&self) -> GatewayStatus {
        self.counters.snapshot(self.started_at)
    }

    /// Stops listening, lets the requests under way finish, and writes what they used; returns
    /// how it fared in all.
    pub async fn stop(self) -> GatewayStatus {
        let _ = self.stop.send(true);
        for t in self.tasks {
            let _ = t.await;
        }
        let _ = self.writer.await;
        self.counters.snapshot(self.started_at)
    }
}

async fn accept(
    listener: TcpListener,
    shared: Arc<proxy::Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                let mut stopped = stopped.clone();
                connections.spawn(async move {
                    let service = service_fn(move |req| proxy::handle(shared.clone(), req));
                    let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = stopped.changed() => {
                            conn.as_mut().graceful_shutdown();
                            let _ = conn.await;
                        }
                    }
                });
            }
        }
    }
    while connections.join_next().await.is_some() {}
}
