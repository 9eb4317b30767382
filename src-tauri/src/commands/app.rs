//! The IPC commands of the app itself: start at login, quit, and what it says about itself.

use keyledger_core::about::About;
use keyledger_core::Error;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use crate::error::IpcResult;

/// Whether Keyledger starts when the user logs in.
#[tauri::command]
pub fn start_at_login<R: Runtime>(app: AppHandle<R>) -> IpcResult<bool> {
    app.autolaunch()
        .is_enabled()
        .map_err(|e| login_items(e).into())
}

#[tauri::command]
pub fn set_start_at_login<R: Runtime>(app: AppHandle<R>, enabled: bool) -> IpcResult<bool> {
    let manager = app.autolaunch();
    let done = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(login_items)?;
    start_at_login(app)
}

fn login_items(e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: "the login items (~/.config/autostart)".to_owned(),
        reason: e.to_string(),
    }
}

/// Ends Keyledger (closing the window leaves it running in the tray).
#[tauri::command]
pub fn quit<R: Runtime>(app: AppHandle<R>) {
    app.exit(0);
}

/// The version, the data folder and the bundled price table with its licence.
#[tauri::command]
pub fn about(state: State<'_, crate::AppState>) -> About {
    keyledger_core::about::about(state.vault.store().path())
}
