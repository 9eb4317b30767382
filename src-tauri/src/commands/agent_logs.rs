//! The IPC commands of the agent-log sources: read them now, show and change where they are.

use keyledger_core::agent_logs::{
    configured_dirs, last_import, load_sources, save_sources, IngestReport, LogSources,
    LogSourcesView,
};
use keyledger_core::clock;
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::{logs, AppState};

/// Reads what is new in the agent logs now; progress arrives as `ingest-progress` events.
#[tauri::command]
pub async fn logs_import<R: Runtime>(app: AppHandle<R>) -> IpcResult<IngestReport> {
    Ok(logs::import(&app).await?)
}

#[tauri::command]
pub async fn log_sources(state: State<'_, AppState>) -> IpcResult<LogSourcesView> {
    let settings = load_sources(state.vault.store()).await?;
    Ok(LogSourcesView {
        dirs: configured_dirs(&settings),
        settings,
        last: last_import(state.vault.store()).await?,
    })
}

/// Stores the sources (added folders must exist), watches them, and reads them.
#[tauri::command]
pub async fn log_sources_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: LogSources,
) -> IpcResult<LogSourcesView> {
    let settings = settings.validated()?;
    save_sources(state.vault.store(), &settings, clock::now()).await?;
    logs::watch(&app).await;
    let app_later = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = logs::import(&app_later).await {
            tracing::warn!("reading the agent logs failed: {e}");
        }
    });
    Ok(LogSourcesView {
        dirs: configured_dirs(&settings),
        settings,
        last: last_import(state.vault.store()).await?,
    })
}
