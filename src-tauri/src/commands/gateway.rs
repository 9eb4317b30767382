//! The IPC commands of the metering gateway: what the window shows of it, and its switch and port.

use keyledger_core::clock;
use keyledger_core::gateway::traffic::{self, GatewaySettings, GatewayView};
use tauri::State;

use crate::error::IpcResult;
use crate::gateway::GatewayHost;
use crate::AppState;

/// The switch, the URL (or why it is not running), its counters and today's traffic per key.
#[tauri::command]
pub async fn gateway_view(
    state: State<'_, AppState>,
    host: State<'_, GatewayHost>,
) -> IpcResult<GatewayView> {
    Ok(host.view(&state.vault).await?)
}

/// Stores the switch and port, then starts, stops or moves the gateway; returns the view.
#[tauri::command]
pub async fn gateway_set(
    state: State<'_, AppState>,
    host: State<'_, GatewayHost>,
    settings: GatewaySettings,
) -> IpcResult<GatewayView> {
    let saved = traffic::save_settings(state.vault.store(), settings, clock::now()).await?;
    host.apply(&state.vault, &saved).await;
    Ok(host.view(&state.vault).await?)
}
