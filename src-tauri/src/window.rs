//! The main window: showing it again (unminimised and focused) after it was closed to the
//! background — from the tray, a notification or a second start.

use tauri::{AppHandle, Manager, Runtime};

/// Shows, unminimises and focuses the main window.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
