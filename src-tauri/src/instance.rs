//! One Keyledger per profile: the D-Bus name a profile's running window owns (through the
//! single-instance plugin), and the hand-over a second start does before it opens anything.
//!
//! The plugin alone would hand over too, but only from inside the built app: its exit then runs
//! GTK's exit handlers while GLib's D-Bus thread is still busy, which crashed one second start in
//! about forty. Handing over first, with nothing but a D-Bus connection open, exits cleanly.

use std::hash::{Hash, Hasher};
use std::path::Path;

use tauri::{plugin::TauriPlugin, Runtime};

/// The plugin's interface and method on the running instance (tauri-plugin-single-instance 2.5).
const INTERFACE: &str = "org.SingleInstance.DBus";
const METHOD: &str = "ExecuteCallback";

/// The profile's instance id: the app's identifier and a hash of the database path, so two
/// profiles (other data directories) run side by side.
pub fn id(db_path: &Path) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    db_path.hash(&mut hasher);
    format!("app.keyledger.desktop.p{:016x}", hasher.finish())
}

/// The bus name and object path the plugin serves for `id`.
fn address(id: &str) -> (String, String) {
    let name = format!("{id}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Owns the profile's name in the first instance and shows its window when another starts.
pub fn plugin<R: Runtime>(id: &str) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .callback(|app, _argv, _cwd| {
            crate::window::show(app, None);
        })
        .dbus_id(id.to_owned())
        .build()
}

/// Asks a Keyledger already running on this profile to show its window. True when one answered;
/// false when none runs or the session bus cannot be reached (then this one starts as usual).
pub fn hand_over(id: &str) -> bool {
    let Ok(connection) = zbus::blocking::Connection::session() else {
        return false;
    };
    let (name, path) = address(id);
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    connection
        .call_method(
            Some(name.as_str()),
            path.as_str(),
            Some(INTERFACE),
            METHOD,
            &(argv, cwd.to_string_lossy().as_ref()),
        )
        .is_ok()
}
