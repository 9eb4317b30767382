//! The IPC commands of plan windows: the Limits view (every window, Claude's endpoint switch and
//! its last problem) and turning Claude's own figures on or off.

use keyledger_core::clock;
use keyledger_core::plan::claude::{self, Endpoint};
use keyledger_core::plan::{self, PlanView};
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::AppState;

/// The plans' windows (newest reading of each, or Claude's estimate) and the endpoint's state.
#[tauri::command]
pub async fn plan_windows(state: State<'_, AppState>) -> IpcResult<PlanView> {
    Ok(plan::view(state.vault.store(), clock::now()).await?)
}

/// Turns Claude's own figures on (and asks at once) or off; returns the view.
#[tauri::command]
pub async fn plan_claude_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    enabled: bool,
) -> IpcResult<PlanView> {
    let store = state.vault.store();
    let now = clock::now();
    claude::set_enabled(store, enabled, now).await?;
    if enabled {
        claude::poll(store, &Endpoint::from_env(), now).await?;
        crate::changes::usage_changed(&app).await;
    }
    Ok(plan::view(store, now).await?)
}
