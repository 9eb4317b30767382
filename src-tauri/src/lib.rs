//! Keyledger's desktop shell: opens the profile, manages state, registers the commands.
//! Everything with logic lives in keyledger-core; this crate wires it to a window.

mod clipboard;
mod commands;
mod error;
mod polling;

use std::time::Duration;

use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::poll::Poller;
use keyledger_core::providers::check::Checker;
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, logging};
use tauri::{Builder, Runtime};

/// What every command can reach.
#[derive(Debug)]
pub struct AppState {
    pub vault: Vault,
    pub checker: Checker,
    pub poller: Poller,
    /// Held while a poll pass runs: passes never overlap.
    pub poll_lock: tokio::sync::Mutex<()>,
}

/// Registers plugins and commands on a builder; shared by `run` and tests.
pub fn setup<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
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
        ])
        .setup(|app| {
            polling::start(app.handle().clone());
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
    if let Err(err) = setup(Builder::default(), state).run(tauri::generate_context!()) {
        tracing::error!("the window failed: {err}");
        eprintln!("Keyledger stopped: {err}");
        std::process::exit(1);
    }
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
    })
}
