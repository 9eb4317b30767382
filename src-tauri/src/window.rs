//! The main window: closing it destroys its web view (only the Rust process stays, polling and
//! alerting from the tray), and showing it again — from the tray, a notification or a second
//! start — builds it anew from the configuration, or unminimises and focuses it. It is built
//! hidden and shown once its page has loaded.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The main window's label in tauri.conf.json.
pub const MAIN: &str = "main";

/// Draws the window without WebKit's accelerated compositing, unless the user chose otherwise
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0`): a page of tables and one chart gains nothing from it,
/// and it costs the web process about 100 MiB (measured by scripts/bench-footprint.sh). Call it
/// first, before any thread starts: WebKit reads it when the window's web view is made.
pub fn draw_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

/// Shows the window once its page has loaded. It is built hidden: WebKit drawing a window whose
/// web process has not yet set up its page (without compositing, see above) blocked the window's
/// first page load for about half a second in one start out of three here; a page drawn hidden
/// has no such wait. WebKit reports a failed load as finished too, so the window always shows.
pub fn reveal<R: Runtime>(window: &tauri::Window<R>) {
    if window.is_visible().unwrap_or(false) {
        return;
    }
    if let Err(e) = window.show() {
        tracing::error!("cannot show the window: {e}");
    }
    let _ = window.set_focus();
}

/// Shows, unminimises and focuses the main window, building it when it was closed; `open_key`
/// names a key to show, for a window that is built (an open window is told by an event).
/// Returns whether the window already existed.
pub fn show<R: Runtime>(app: &AppHandle<R>, open_key: Option<&str>) -> bool {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return true;
    }
    let Some(mut config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
    else {
        return false;
    };
    if let Some(id) = open_key {
        config.url = WebviewUrl::App(format!("index.html?open={}", encode(id)).into());
    }
    // Built hidden: `reveal` shows and focuses it once its page has loaded.
    if let Err(e) = WebviewWindowBuilder::from_config(app, &config).and_then(|b| b.build()) {
        tracing::error!("cannot open the window again: {e}");
    }
    false
}

/// Ends WebKit's network process once the window is gone: WebKit keeps it for the next web view
/// (about 60 MiB) and starts a new one when the window is built again. It is ended only after
/// the web process has ended with its view (which would start it again while it still loads),
/// and not at all when the window was opened again meanwhile; five seconds at most.
#[cfg(target_os = "linux")]
pub fn end_network_process<R: Runtime>(app: &AppHandle<R>) {
    use rustix::process::{kill_process, Pid, Signal};
    const WEB: &str = "WebKitWebProces";
    const NETWORK: &str = "WebKitNetworkPr";
    let app = app.clone();
    std::thread::spawn(move || {
        for _ in 0..50 {
            if app.get_webview_window(MAIN).is_some() {
                return;
            }
            let children = children();
            if children.iter().all(|(_, name)| name != WEB) {
                for (pid, _) in children.iter().filter(|(_, name)| name == NETWORK) {
                    if let Some(pid) = Pid::from_raw(*pid) {
                        let _ = kill_process(pid, Signal::TERM);
                    }
                }
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    });
}

/// This process's children: pid and name.
#[cfg(target_os = "linux")]
fn children() -> Vec<(i32, String)> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|pid| pid.parse::<i32>().ok())
                .collect::<Vec<_>>()
        })
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            (pid, name.trim_end().to_owned())
        })
        .collect()
}

/// A key's id as a query value.
fn encode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn a_key_id_goes_into_the_query_as_is_and_anything_else_encoded() {
        assert_eq!(
            encode("0193a5b2-7c1d-4e2f-9a3b-1c2d3e4f5a6b"),
            "0193a5b2-7c1d-4e2f-9a3b-1c2d3e4f5a6b"
        );
        assert_eq!(encode("a&b=c d"), "a%26b%3Dc+d");
    }
}
