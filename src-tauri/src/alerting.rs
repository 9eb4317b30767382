//! Alerts in the app: runs the rules (when `crate::changes` says so), shows each new alert as a
//! desktop notification (grouped when many fire at once, none when the user turned them off),
//! and opens the window on the key a clicked notification is about.

use keyledger_core::alerts::evaluate::{evaluate, pending_notices, Notice};
use keyledger_core::clock;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::{window, AppState};

/// The extra field of a notification naming the key it is about.
const CREDENTIAL: &str = "credential_id";

/// Runs the rules now; new alerts become notifications. Returns whether anything fired, woke or
/// is newly shown (the window should then reload its alerts).
pub async fn run<R: Runtime>(app: &AppHandle<R>) -> bool {
    let state = app.state::<AppState>();
    let store = state.vault.store();
    let now = clock::now();
    let evaluation = match evaluate(store, now).await {
        Ok(e) => e,
        Err(e) => {
            tracing::warn!("the alert rules could not run: {e}");
            return false;
        }
    };
    // Every alert not shown yet: fired now, woken from a snooze, or fired by the command line
    // (e.g. a `keyledger poll` on a timer) while this window was not looking.
    let notices = match pending_notices(store, now).await {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!("cannot read the alerts to notify: {e}");
            Vec::new()
        }
    };
    for notice in &notices {
        notify(app, notice);
    }
    !evaluation.fired.is_empty() || !evaluation.woke.is_empty() || !notices.is_empty()
}

fn notify<R: Runtime>(app: &AppHandle<R>, notice: &Notice) {
    let mut builder = app
        .notification()
        .builder()
        .title(&notice.title)
        .body(&notice.body);
    if let Some(id) = &notice.credential_id {
        builder = builder.extra(CREDENTIAL, id);
    }
    match builder.show() {
        Ok(()) => tracing::info!("notified: {}", notice.title),
        Err(e) => tracing::warn!("cannot show a desktop notification: {e}"),
    }
}

/// A click on a notification opens the window, on the key it names.
pub fn on_click<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let registered = app.notification().on_action(move |action| {
        if action.action_id() != "tap" {
            return;
        }
        let id = action
            .notification()
            .and_then(|n| n.extra().get(CREDENTIAL))
            .and_then(|v| v.as_str());
        // A window built now opens on the key itself; an open one is told.
        let was_open = window::show(&handle, id);
        if let (true, Some(id)) = (was_open, id) {
            if let Err(e) = handle.emit("open-credential", id) {
                tracing::warn!("cannot open the key the notification names: {e}");
            }
        }
    });
    if let Err(e) = registered {
        tracing::warn!("clicks on notifications will not open the app: {e}");
    }
}
