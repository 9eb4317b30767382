//! Copying a secret to the system clipboard, and clearing it again after a while if the
//! clipboard still holds it (so a later copy by the user is never wiped).

use std::time::Duration;

use keyledger_core::secret::ApiSecret;
use keyledger_core::{Error, Result};
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// How long a copied secret stays on the clipboard unless `KEYLEDGER_CLIPBOARD_CLEAR_SECS` says.
const DEFAULT_CLEAR_AFTER: Duration = Duration::from_secs(30);

fn clear_after() -> Duration {
    std::env::var("KEYLEDGER_CLIPBOARD_CLEAR_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_CLEAR_AFTER)
}

pub fn copy_then_clear<R: Runtime>(app: &AppHandle<R>, secret: ApiSecret) -> Result<()> {
    app.clipboard()
        .write_text(secret.expose())
        .map_err(|e| Error::invalid(format!("cannot write to the clipboard: {e}")))?;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after()).await;
        let still_ours = app
            .clipboard()
            .read_text()
            .map(|text| text == secret.expose())
            .unwrap_or(false);
        if still_ours {
            let _ = app.clipboard().clear();
            tracing::info!("cleared a copied key from the clipboard");
        }
    });
    Ok(())
}
