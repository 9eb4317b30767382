//! The metering gateway run by the app: started at launch when it is switched on, restarted on a
//! new port, stopped when switched off and on quit. While it runs, new traffic through it runs
//! the alert rules (a budget may be crossed) and refreshes the tray, every few seconds at most.

use std::time::Duration;

use keyledger_core::gateway::traffic::{self, GatewaySettings, GatewayView};
use keyledger_core::gateway::Gateway;
use keyledger_core::vault::Vault;
use keyledger_core::{alerts, clock, Result};
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// How often new traffic is looked for, to run the alert rules on it.
const RULES_EVERY: Duration = Duration::from_secs(5);

/// The app's gateway, when one runs, and why it does not when it should.
#[derive(Debug, Default)]
pub struct GatewayHost {
    inner: tokio::sync::Mutex<Hosted>,
}

#[derive(Debug, Default)]
struct Hosted {
    running: Option<Gateway>,
    problem: Option<String>,
}

impl GatewayHost {
    /// Makes the running gateway match `settings`: starts, stops or moves it.
    pub async fn apply(&self, vault: &Vault, settings: &GatewaySettings) {
        let mut hosted = self.inner.lock().await;
        if let Some(running) = hosted.running.take() {
            if settings.enabled && running.addr.port() == settings.port {
                hosted.running = Some(running);
                return;
            }
            running.stop().await;
        }
        hosted.problem = None;
        if settings.enabled {
            match Gateway::start(vault.clone(), settings.port).await {
                Ok(gateway) => {
                    tracing::info!(url = %gateway.url(), "the gateway is listening");
                    hosted.running = Some(gateway);
                }
                Err(e) => hosted.problem = Some(e.to_string()),
            }
        }
    }

    /// What the window shows: the switch, the URL or the problem, the counters and today's keys.
    pub async fn view(&self, vault: &Vault) -> Result<GatewayView> {
        let store = vault.store();
        let now = clock::now();
        let settings = traffic::load_settings(store).await?;
        let keys =
            traffic::keys_today(store, now, alerts::settings::user_zone(store).await?).await?;
        let hosted = self.inner.lock().await;
        Ok(GatewayView {
            settings,
            url: hosted.running.as_ref().map(Gateway::url),
            problem: hosted.problem.clone(),
            status: hosted.running.as_ref().map(Gateway::status),
            keys,
        })
    }

    /// Requests answered since the gateway started, if it runs.
    async fn requests(&self) -> Option<i64> {
        let hosted = self.inner.lock().await;
        hosted.running.as_ref().map(|g| g.status().requests)
    }

    /// Stops the gateway, letting requests under way finish and writing what they used.
    pub async fn stop(&self) {
        if let Some(running) = self.inner.lock().await.running.take() {
            running.stop().await;
        }
    }
}

/// Starts the gateway if it is switched on, and follows its traffic for the app's life.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        match traffic::load_settings(state.vault.store()).await {
            Ok(settings) => {
                app.state::<GatewayHost>()
                    .apply(&state.vault, &settings)
                    .await
            }
            Err(e) => tracing::warn!("the gateway's settings are unreadable: {e}"),
        }
        let mut seen = None;
        loop {
            tokio::time::sleep(RULES_EVERY).await;
            let now = app.state::<GatewayHost>().requests().await;
            if now.is_some() && now != seen {
                seen = now;
                crate::changes::usage_changed(&app).await;
            }
        }
    });
}

/// On quit: the gateway stops and writes what it was given.
pub fn stop_on_quit<R: Runtime>(app: &AppHandle<R>) {
    let host = app.state::<GatewayHost>();
    tauri::async_runtime::block_on(host.stop());
}
