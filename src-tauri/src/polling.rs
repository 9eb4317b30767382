//! Polling in the app: one pass at a time (the "Poll now" command and the background timer
//! share it), progress sent to the window as `poll-progress` events and the end as
//! `poll-finished`, then `crate::changes` runs the rules; the background task waits the poll interval
//! (default 15 min) with jitter. A pass also asks Claude for its plan figures when that is on.

use std::time::Duration;

use keyledger_core::clock;
use keyledger_core::poll::{PollProgress, SourceOutcome};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

/// Environment variable overriding the poll interval, in seconds.
const INTERVAL_ENV: &str = "KEYLEDGER_POLL_INTERVAL_SECS";
const DEFAULT_INTERVAL: Duration = Duration::from_secs(15 * 60);
/// The first background pass, shortly after start so the window opens on fresh numbers.
const FIRST_PASS_AFTER: Duration = Duration::from_secs(5);

/// Runs one pass over every usage source, unless one is already running (then waits for it).
pub async fn pass<R: Runtime>(app: &AppHandle<R>) -> keyledger_core::Result<Vec<SourceOutcome>> {
    let state = app.state::<AppState>();
    let _running = state.poll_lock.lock().await;
    let outcomes = state
        .poller
        .poll_all(&state.vault, clock::now(), |done, total, outcome| {
            let progress = PollProgress {
                done,
                total,
                outcome: outcome.clone(),
            };
            if let Err(e) = app.emit("poll-progress", progress) {
                tracing::warn!("cannot send poll progress to the window: {e}");
            }
        })
        .await?;
    // Claude's own plan figures, when switched on and due (it keeps its own pace).
    let endpoint = keyledger_core::plan::claude::Endpoint::from_env();
    if let Err(e) =
        keyledger_core::plan::claude::poll(state.vault.store(), &endpoint, clock::now()).await
    {
        tracing::warn!("Claude's plan figures could not be read: {e}");
    }
    if let Err(e) = app.emit("poll-finished", &outcomes) {
        tracing::warn!("cannot tell the window the poll finished: {e}");
    }
    drop(_running);
    crate::changes::usage_changed(app).await;
    Ok(outcomes)
}

/// Starts the background poller for the app's life.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut wait = FIRST_PASS_AFTER;
        loop {
            tokio::time::sleep(wait).await;
            if let Err(e) = pass(&app).await {
                tracing::warn!("background poll failed: {e}");
            }
            wait = jittered(interval());
        }
    });
}

fn interval() -> Duration {
    std::env::var(INTERVAL_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|secs| *secs > 0)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_INTERVAL)
}

/// `base` ± 10 %, so many installs do not hit a provider in the same second.
fn jittered(base: Duration) -> Duration {
    base.mul_f64(0.9 + fastrand::f64() * 0.2)
}
