//! Agent logs in the app: one import at a time (at start, when the watched folders change —
//! debounced — and on "Import now"), progress sent to the window as `ingest-progress` and the
//! end as `ingest-finished`; then the alert rules run and the tray follows.

use std::sync::Mutex;
use std::time::Duration;

use keyledger_core::agent_logs::{configured_dirs, ingest, load_sources, IngestReport};
use keyledger_core::clock;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

/// How long the folders must be quiet before a change is read (agents write in bursts).
const QUIET: Duration = Duration::from_secs(2);

/// The watcher of the log folders; replaced when the sources change.
#[derive(Default)]
pub struct Watching(Mutex<Option<Debouncer<RecommendedWatcher>>>);

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watching")
    }
}

/// Reads what is new in the configured log folders into the ledger.
pub async fn import<R: Runtime>(app: &AppHandle<R>) -> keyledger_core::Result<IngestReport> {
    let state = app.state::<AppState>();
    let _running = state.ingest_lock.lock().await;
    let store = state.vault.store();
    let dirs = configured_dirs(&load_sources(store).await?);
    let emitter = app.clone();
    let report = ingest(store, &dirs, clock::now(), move |p| {
        if let Err(e) = emitter.emit("ingest-progress", p) {
            tracing::warn!("cannot send import progress to the window: {e}");
        }
    })
    .await?;
    drop(_running);
    if let Err(e) = app.emit("ingest-finished", &report) {
        tracing::warn!("cannot tell the window the import finished: {e}");
    }
    crate::changes::usage_changed(app).await;
    Ok(report)
}

/// Imports in the background, logging a failure.
fn import_later<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        if let Err(e) = import(&app).await {
            tracing::warn!("reading the agent logs failed: {e}");
        }
    });
}

/// (Re)starts watching the configured folders; each quiet change triggers an import.
pub async fn watch<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let dirs = match load_sources(state.vault.store()).await {
        Ok(sources) => configured_dirs(&sources),
        Err(e) => {
            tracing::warn!("cannot read the agent log settings: {e}");
            return;
        }
    };
    let handle = app.clone();
    let debouncer = new_debouncer(QUIET, move |events: DebounceEventResult| match events {
        Ok(events)
            if events
                .iter()
                .any(|e| e.path.extension().is_some_and(|x| x == "jsonl")) =>
        {
            import_later(handle.clone());
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("watching the agent logs failed: {e}"),
    });
    let mut debouncer = match debouncer {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!("cannot watch the agent logs: {e}");
            return;
        }
    };
    for dir in dirs.iter().filter(|d| d.exists) {
        if let Err(e) = debouncer
            .watcher()
            .watch(&dir.path, RecursiveMode::Recursive)
        {
            tracing::warn!("cannot watch {}: {e}", dir.path.display());
        }
    }
    if let Some(watching) = app.try_state::<Watching>() {
        if let Ok(mut current) = watching.0.lock() {
            *current = Some(debouncer);
        }
    }
}

/// At start: watch the folders and read what changed while Keyledger was not running.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    app.manage(Watching::default());
    tauri::async_runtime::spawn(async move {
        watch(&app).await;
        if let Err(e) = import(&app).await {
            tracing::warn!("reading the agent logs failed: {e}");
        }
    });
}
