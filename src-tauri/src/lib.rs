//! Keyledger's desktop shell: opens the profile, manages state, registers the commands, the
//! tray and the notifications; one instance per profile, running on when its window is closed.
//! Everything with logic lives in keyledger-core; this crate wires it to a window.

mod alerting;
mod changes;
mod clipboard;
mod commands;
mod error;
mod gateway;
mod instance;
mod logs;
mod paths;
mod polling;
mod refusal;
mod tray;
mod watch;
mod window;

use std::time::Duration;

use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::poll::Poller;
use keyledger_core::providers::check::Checker;
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, logging};
use tauri::webview::PageLoadEvent;
use tauri::{Builder, Manager, RunEvent, Runtime, WindowEvent};

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

impl AppState {
    /// Opens the profile's vault (settling what a crash left half done) with the app's checker
    /// and poller.
    pub fn open(config: &Config) -> keyledger_core::Result<Self> {
        let vault = tauri::async_runtime::block_on(Vault::open(config, Actor::App, clock::now()))?;
        Ok(AppState {
            vault,
            checker: Checker::new(Duration::from_secs(10))?,
            poller: Poller::new(Duration::from_secs(30), RetryPolicy::default())?,
            poll_lock: tokio::sync::Mutex::new(()),
            ingest_lock: tokio::sync::Mutex::new(()),
        })
    }
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
        .manage(gateway::GatewayHost::default())
        .invoke_handler(tauri::generate_handler![
            commands::keys::list_credentials,
            commands::keys::detect_key,
            commands::keys::add_credential,
            commands::keys::reveal_secret,
            commands::keys::copy_secret,
            commands::keys::delete_credential,
            commands::keys::audit_log,
            commands::keys::reconcile,
            commands::keys::check_credential,
            commands::usage::poll_now,
            commands::usage::poll_status,
            commands::usage::usage_report,
            commands::prices::price_list,
            commands::prices::price_set,
            commands::prices::price_unset,
            commands::app::start_at_login,
            commands::app::set_start_at_login,
            commands::app::quit,
            commands::app::about,
            commands::alerts::alert_list,
            commands::alerts::alert_ack,
            commands::alerts::alert_snooze,
            commands::alerts::alert_rotation_off,
            commands::alerts::budget_list,
            commands::alerts::budget_set,
            commands::alerts::budget_remove,
            commands::alerts::alert_settings,
            commands::alerts::alert_settings_set,
            commands::agent_logs::logs_import,
            commands::agent_logs::log_sources,
            commands::agent_logs::log_sources_set,
            commands::keys::rotate_credential,
            commands::keys::rotation_history,
            commands::backup::env_preview,
            commands::backup::env_import,
            commands::backup::env_cleanup,
            commands::backup::backup_export,
            commands::backup::backup_restore,
            commands::keys::profile_list,
            commands::keys::profile_set_default,
            commands::charts::dashboard_summary,
            commands::charts::key_sparklines,
            commands::charts::chart_view,
            commands::charts::month_view,
            commands::charts::chart_export,
            commands::plan::plan_windows,
            commands::plan::plan_claude_set,
            commands::gateway::gateway_view,
            commands::gateway::gateway_set,
        ])
        .on_page_load(|webview, load| {
            // Built hidden (tauri.conf.json): shown once its page is in, see `window::reveal`.
            if load.event() == PageLoadEvent::Finished && webview.label() == window::MAIN {
                window::reveal(&webview.window());
            }
        })
        .on_window_event(|closed, event| {
            // Closed to the tray: WebKit's network process goes too (see `window::end_network_process`).
            if let WindowEvent::Destroyed = event {
                if closed.label() == window::MAIN {
                    #[cfg(target_os = "linux")]
                    window::end_network_process(closed.app_handle());
                }
            }
        })
        .setup(|app| {
            let handle = app.handle();
            let on_poll = |app: &tauri::AppHandle<R>| {
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    if let Err(e) = polling::pass(&app).await {
                        tracing::warn!("poll from the tray failed: {e}");
                    }
                });
            };
            if let Err(e) = tray::create(handle, on_poll) {
                tracing::warn!("no tray icon: {e}");
            }
            alerting::on_click(handle);
            changes::start(handle.clone());
            polling::start(handle.clone());
            logs::start(handle.clone());
            watch::start(handle.clone());
            gateway::start(handle.clone());
            Ok(())
        })
}

/// Opens the profile (data dir and keychain service from the environment) and runs the app;
/// when Keyledger already runs on that profile, shows its window instead and exits.
pub fn run() {
    window::draw_without_compositing();
    let config = Config::resolve(None).unwrap_or_else(|err| refusal::refuse(&err.to_string()));
    let id = instance::id(&config.db_path());
    if instance::hand_over(&id) {
        return;
    }
    let state = open_profile(&config).unwrap_or_else(|err| refusal::refuse(&err.to_string()));
    // One instance per profile: a second start that raced past the hand-over above still finds
    // this one through the plugin.
    let single = instance::plugin(&id);
    let builder = Builder::default().plugin(single);
    let app = match setup(builder, state).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(err) => {
            tracing::error!("the window failed: {err}");
            eprintln!("Keyledger stopped: {err}");
            std::process::exit(1);
        }
    };
    app.run(|app, event| match event {
        // Closing the window destroys it with its web view; Keyledger runs on, polling and
        // alerting, until "Quit" (which asks to exit with a code). The tray's "Open", a
        // notification or starting it again builds the window anew.
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => {
            clipboard::clear_on_quit(app);
            gateway::stop_on_quit(app);
        }
        _ => {}
    });
}

fn open_profile(config: &Config) -> keyledger_core::Result<AppState> {
    logging::init(config, "app")?;
    AppState::open(config)
}
