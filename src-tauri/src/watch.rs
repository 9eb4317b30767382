//! Following changes made elsewhere (the CLI, another instance of Keyledger): twice a second it
//! asks SQLite whether another connection wrote to the profile's database, and if so tells the
//! window (`data-changed`, which reloads what it shows) and refreshes the tray.

use std::time::Duration;

use keyledger_core::store::changes::ChangeWatch;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

/// How often the database is asked: a change shows within about half a second, well inside the
/// two seconds promised.
const EVERY: Duration = Duration::from_millis(500);

/// Starts watching for the app's life.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let store = app.state::<AppState>().vault.store().clone();
        let mut watch = match ChangeWatch::open(&store).await {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!("changes made elsewhere will show after a refresh only: {e}");
                return;
            }
        };
        loop {
            tokio::time::sleep(EVERY).await;
            match watch.changed().await {
                Ok(false) => {}
                Ok(true) => {
                    if let Err(e) = app.emit("data-changed", ()) {
                        tracing::warn!("cannot tell the window about a change: {e}");
                    }
                    crate::tray::refresh(&app).await;
                }
                Err(e) => tracing::warn!("cannot ask the database for changes: {e}"),
            }
        }
    });
}
