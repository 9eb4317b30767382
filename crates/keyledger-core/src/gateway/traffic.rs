//! What the window shows of the gateway: its switch and port (stored settings, off by default),
//! and today's traffic through it per key, with each key's newest rate-limit figures.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::limits::{figures, LimitFigure};
use super::status::GatewayStatus;
use crate::calendar::LocalPeriod;
use crate::credential::Provider;
use crate::store::{gateway as store, settings, Store};
use crate::{Error, Result};

pub const SETTINGS_KEY: &str = "gateway";
/// The port the app's gateway listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8787;

/// Whether the app runs the gateway, and on which port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GatewaySettings {
    pub enabled: bool,
    pub port: u16,
}

impl Default for GatewaySettings {
    fn default() -> Self {
        GatewaySettings {
            enabled: false,
            port: DEFAULT_PORT,
        }
    }
}

pub async fn load_settings(store: &Store) -> Result<GatewaySettings> {
    settings::get(store.pool(), SETTINGS_KEY).await
}

/// Checks and stores the settings.
pub async fn save_settings(
    store: &Store,
    new: GatewaySettings,
    now: DateTime<Utc>,
) -> Result<GatewaySettings> {
    if new.port < 1024 {
        return Err(Error::invalid(format!(
            "port {} is not one a desktop app can use; choose one from 1024 to 65535",
            new.port
        )));
    }
    settings::set(store.pool(), SETTINGS_KEY, &new, now).await?;
    Ok(new)
}

/// One key's traffic through the gateway today, and its newest rate-limit figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeyTraffic {
    /// None for a key not stored here (passed through, recorded by its masked form).
    pub credential_id: Option<String>,
    pub label: String,
    pub provider: Provider,
    pub requests: i64,
    /// Input, output and cache tokens.
    pub tokens: i64,
    /// What the priced requests cost, micro-dollars.
    pub cost_micros: i64,
    /// Requests whose cost is unknown: an unpriced model, or tokens the answer did not give.
    pub unpriced_requests: i64,
    pub limits: Vec<LimitFigure>,
    /// When the figures were seen.
    pub limits_seen_at: Option<DateTime<Utc>>,
}

/// What the window's gateway section shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GatewayView {
    pub settings: GatewaySettings,
    /// The base URL to paste into tools, while the gateway runs.
    pub url: Option<String>,
    /// Why the gateway is not running although it is switched on.
    pub problem: Option<String>,
    /// How it has fared since it started, while it runs.
    pub status: Option<GatewayStatus>,
    /// Today's traffic per key (the user's local day), busiest first; then keys with rate-limit
    /// figures but no traffic today.
    pub keys: Vec<KeyTraffic>,
}

/// Today's traffic per key, in the local day of `tz` that `now` falls in.
pub async fn keys_today(
    store: &Store,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<Vec<KeyTraffic>> {
    let day = LocalPeriod::day(now, tz);
    let rows = store::traffic(store.pool(), day.start, day.end).await?;
    let mut limits: BTreeMap<String, store::LimitsRow> = store::limits(store.pool())
        .await?
        .into_iter()
        .map(|l| (l.credential_id.clone(), l))
        .collect();
    // Keys with rate-limit figures but no traffic today are listed after the busy ones.
    let quiet: Vec<store::TrafficRow> = limits
        .values()
        .filter(|l| !rows.iter().any(|r| r.credential_id == l.credential_id))
        .map(|l| store::TrafficRow {
            credential_id: l.credential_id.clone(),
            label: l.label.clone(),
            provider: l.provider.clone(),
            requests: 0,
            tokens: 0,
            cost_micros: 0,
            unpriced_requests: 0,
        })
        .collect();
    let mut out = Vec::new();
    for r in rows.into_iter().chain(quiet) {
        let Ok(provider) = r.provider.parse::<Provider>() else {
            continue;
        };
        let seen = limits.remove(&r.credential_id);
        let limits = seen.as_ref().map_or_else(Vec::new, |l| {
            let headers: BTreeMap<String, String> =
                serde_json::from_str(&l.headers).unwrap_or_default();
            figures(&headers, l.seen_at)
        });
        if r.requests == 0 && limits.is_empty() {
            continue;
        }
        out.push(KeyTraffic {
            credential_id: (!r.credential_id.is_empty()).then_some(r.credential_id),
            label: r.label,
            provider,
            requests: r.requests,
            tokens: r.tokens,
            cost_micros: r.cost_micros,
            unpriced_requests: r.unpriced_requests,
            limits,
            limits_seen_at: seen.map(|l| l.seen_at),
        });
    }
    Ok(out)
}
