//! What follows a change, in one place: after usage changed (a poll pass, an agent-log import)
//! the alert rules run, the window hears about new alerts and the tray's figures follow; after
//! alerts changed (a budget, an acknowledgement) the window and the tray follow. The rules also
//! run hourly, since expiry and rotation age move with the clock.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Runtime};

use crate::{alerting, tray};

/// How often the rules run without a change (expiry and rotation age move with the clock).
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Usage or keys changed: run the rules, tell the window what fired, refresh the tray.
pub async fn usage_changed<R: Runtime>(app: &AppHandle<R>) {
    if alerting::run(app).await {
        emit_alerts_changed(app);
    }
    tray::refresh(app).await;
}

/// Alerts changed without new usage: tell the window, refresh the tray.
pub async fn alerts_changed<R: Runtime>(app: &AppHandle<R>) {
    emit_alerts_changed(app);
    tray::refresh(app).await;
}

fn emit_alerts_changed<R: Runtime>(app: &AppHandle<R>) {
    if let Err(e) = app.emit("alerts-changed", ()) {
        tracing::warn!("cannot tell the window about new alerts: {e}");
    }
}

/// Runs the rules at start and then hourly, for the app's life.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            usage_changed(&app).await;
            tokio::time::sleep(EVERY).await;
        }
    });
}
