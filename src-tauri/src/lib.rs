//! Keyledger's desktop shell: opens the profile, manages state, registers the commands, the
//! tray and the notifications; one instance per profile, running on when its window is closed.
//! Everything with logic lives in keyledger-core; this crate wires it to a window.

mod alert_commands;
mod alerting;
mod chart_commands;
mod clipboard;
mod commands;
mod error;
mod log_commands;
mod logs;
mod paths;
mod polling;
mod tray;
mod vault_commands;
mod watch;

use std::time::Duration;

use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::poll::Poller;
use keyledger_core::providers::check::Checker;
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, logging};
use tauri::{Builder, Runtime, WindowEvent};

/// What every command can reach.
#[derive(Debug)]
pub struct AppState {
    pub vault: Vault,
    pub checker: Checker,
    pub poller: Poller,
    /// Held while a poll pass runs: passes never overlap.
    pub poll_lock: tokio::sync::Mutex<()>,
    /// Held while the agent logs are read: imports never overlap.
    pub ingest_lock: tokio::sync::Mutex<()>,
}

/// Registers plugins and commands on a builder; shared by `run` and tests.
pub fn setup<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .manage(state)
        .manage(clipboard::Clipboard::default())
        .invoke_handler(tauri::generate_handler![
            commands::list_credentials,
            commands::detect_key,
            commands::add_credential,
            commands::reveal_secret,
            commands::copy_secret,
            commands::delete_credential,
            commands::audit_log,
            commands::reconcile,
            commands::check_credential,
            commands::poll_now,
            commands::poll_status,
            commands::usage_report,
            commands::price_list,
            commands::price_set,
            commands::price_unset,
            commands::start_at_login,
            commands::set_start_at_login,
            commands::quit,
            alert_commands::alert_list,
            alert_commands::alert_ack,
            alert_commands::alert_snooze,
            alert_commands::alert_rotation_off,
            alert_commands::budget_list,
            alert_commands::budget_set,
            alert_commands::budget_remove,
            alert_commands::alert_settings,
            alert_commands::alert_settings_set,
            log_commands::logs_import,
            log_commands::log_sources,
            log_commands::log_sources_set,
            vault_commands::rotate_credential,
            vault_commands::rotation_history,
            vault_commands::env_preview,
            vault_commands::env_import,
            vault_commands::env_cleanup,
            vault_commands::backup_export,
            vault_commands::backup_restore,
            vault_commands::profile_list,
            vault_commands::profile_set_default,
            chart_commands::dashboard_summary,
            chart_commands::key_sparklines,
            chart_commands::chart_view,
            chart_commands::month_view,
            chart_commands::chart_export,
        ])
        .on_window_event(|window, event| {
            // Closing the window keeps Keyledger polling and alerting in the background; the
            // tray's "Open" (or starting it again) brings the window back, "Quit" ends it.
            if let WindowEvent::CloseRequested { api, .. } = event {
                if window.label() == "main" {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .setup(|app| {
            let handle = app.handle();
            if let Err(e) = tray::create(handle) {
                tracing::warn!("no tray icon: {e}");
            }
            alerting::on_click(handle);
            alerting::start(handle.clone());
            polling::start(handle.clone());
            logs::start(handle.clone());
            watch::start(handle.clone());
            Ok(())
        })
}

/// Opens the profile (data dir and keychain service from the environment) and runs the app.
pub fn run() {
    let state = match open_profile() {
        Ok(state) => state,
        Err(err) => {
            eprintln!("Keyledger cannot start: {err}");
            std::process::exit(1);
        }
    };
    // One instance per profile: starting Keyledger again shows the running one's window.
    let single = tauri_plugin_single_instance::Builder::new()
        .callback(|app, _argv, _cwd| tray::show_window(app))
        .dbus_id(instance_id(&state))
        .build();
    let builder = Builder::default().plugin(single);
    let app = match setup(builder, state).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(err) => {
            tracing::error!("the window failed: {err}");
            eprintln!("Keyledger stopped: {err}");
            std::process::exit(1);
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            clipboard::clear_on_quit(app);
        }
    });
}

fn open_profile() -> keyledger_core::Result<AppState> {
    let config = Config::resolve(None)?;
    logging::init(&config, "app")?;
    let vault = tauri::async_runtime::block_on(Vault::open(&config, Actor::App, clock::now()))?;
    Ok(AppState {
        vault,
        checker: Checker::new(Duration::from_secs(10))?,
        poller: Poller::new(Duration::from_secs(30), RetryPolicy::default())?,
        poll_lock: tokio::sync::Mutex::new(()),
        ingest_lock: tokio::sync::Mutex::new(()),
    })
}

/// The D-Bus name of this profile's instance: the app's identifier and a hash of the database
/// path, so two profiles (other data directories) can run side by side.
fn instance_id(state: &AppState) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    state.vault.store().path().hash(&mut hasher);
    format!("app.keyledger.desktop.p{:016x}", hasher.finish())
}
