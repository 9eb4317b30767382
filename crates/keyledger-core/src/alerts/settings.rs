//! The alert rules' settings and their defaults: expiry warnings 30, 7 and 1 days ahead, budget
//! thresholds 50 / 80 / 100 %, rotation after 90 days, spikes at 3× the trailing 14-day mean
//! above $1, notifications on; stored, loaded, and the time zone they set.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::{DateTime, Utc};

use crate::calendar::zone;
use crate::limits::{
    MAX_EXPIRY_DAYS, MAX_ROTATION_DAYS, MAX_SPIKE_MULTIPLIER, MAX_THRESHOLD, MIN_SPIKE_MULTIPLIER,
};
use crate::store::{settings, Store};
use crate::{Error, Result};

/// Editable in the app's settings and stored as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AlertSettings {
    /// Warn this many days before a key expires (and again once it has expired).
    pub expiry_days: Vec<u32>,
    /// Thresholds (percent) of a new budget, and of provider-side caps.
    pub budget_thresholds: Vec<u32>,
    /// Remind to rotate keys older than this; 0 turns the rule off.
    pub rotation_days: u32,
    /// Keys for which the rotation reminder is off.
    pub rotation_off: Vec<String>,
    /// A day costs more than this many times the trailing 14-day mean…
    pub spike_multiplier: u32,
    /// …and more than this (micro-dollars): a spike.
    #[ts(type = "number")]
    pub spike_floor_micros: i64,
    /// False = "do not notify": alerts still show in the alert centre.
    pub notify: bool,
    /// An IANA time zone for days and months (`None` = the system's).
    pub time_zone: Option<String>,
    /// Also tell when a plan window that was at least half used has reset.
    pub plan_reset: bool,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            expiry_days: vec![30, 7, 1],
            budget_thresholds: vec![50, 80, 100],
            rotation_days: 90,
            rotation_off: Vec::new(),
            spike_multiplier: 3,
            spike_floor_micros: 1_000_000,
            notify: true,
            time_zone: None,
            plan_reset: false,
        }
    }
}

impl AlertSettings {
    /// Checks and tidies the settings (sorted, without duplicates), or says what is wrong.
    pub fn validated(mut self) -> Result<Self> {
        self.expiry_days.sort_unstable_by(|a, b| b.cmp(a));
        self.expiry_days.dedup();
        if self
            .expiry_days
            .iter()
            .any(|&d| d == 0 || d > MAX_EXPIRY_DAYS)
        {
            return Err(Error::invalid(format!(
                "expiry warnings must be between 1 and {MAX_EXPIRY_DAYS} days ahead"
            )));
        }
        self.budget_thresholds = thresholds(self.budget_thresholds)?;
        if self.rotation_days > MAX_ROTATION_DAYS {
            return Err(Error::invalid(format!(
                "the rotation age must be at most {MAX_ROTATION_DAYS} days (0 turns it off)"
            )));
        }
        if !(MIN_SPIKE_MULTIPLIER..=MAX_SPIKE_MULTIPLIER).contains(&self.spike_multiplier) {
            return Err(Error::invalid(
                format!("the spike multiplier must be between {MIN_SPIKE_MULTIPLIER} and {MAX_SPIKE_MULTIPLIER}"),
            ));
        }
        if self.spike_floor_micros < 0 {
            return Err(Error::invalid("the spike floor cannot be negative"));
        }
        if let Some(name) = self.time_zone.as_deref() {
            if name.parse::<chrono_tz::Tz>().is_err() {
                return Err(Error::invalid(format!(
                    "'{name}' is not a time zone; use an IANA name such as Europe/Berlin"
                )));
            }
        }
        Ok(self)
    }
}

/// Budget thresholds: percentages from 1 to 1000, sorted, without duplicates, at least one.
pub fn thresholds(mut t: Vec<u32>) -> Result<Vec<u32>> {
    t.sort_unstable();
    t.dedup();
    if t.is_empty() || t.iter().any(|&p| p == 0 || p > MAX_THRESHOLD) {
        return Err(Error::invalid(format!(
            "thresholds are percentages from 1 to {MAX_THRESHOLD}, e.g. 50,80,100"
        )));
    }
    Ok(t)
}

/// The settings document's name.
pub const SETTINGS_KEY: &str = "alerts";

/// The alert settings in force.
pub async fn load_settings(store: &Store) -> Result<AlertSettings> {
    settings::get(store.pool(), SETTINGS_KEY).await
}

/// The time zone whose calendar budgets and charts follow: the setting, else the system's.
pub async fn user_zone(store: &Store) -> Result<chrono_tz::Tz> {
    Ok(zone(load_settings(store).await?.time_zone.as_deref()))
}

/// Checks and stores the alert settings; returns them as stored (tidied).
pub async fn save_settings(
    store: &Store,
    new: AlertSettings,
    now: DateTime<Utc>,
) -> Result<AlertSettings> {
    let valid = new.validated()?;
    settings::set(store.pool(), SETTINGS_KEY, &valid, now).await?;
    Ok(valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones_and_valid() {
        let s = AlertSettings::default().validated().unwrap();
        assert_eq!(s.expiry_days, [30, 7, 1]);
        assert_eq!(s.budget_thresholds, [50, 80, 100]);
        assert_eq!((s.rotation_days, s.spike_multiplier), (90, 3));
    }

    #[test]
    fn missing_fields_take_defaults_and_bad_values_explain() {
        let s: AlertSettings = serde_json::from_str(r#"{"rotation_days":0}"#).unwrap();
        assert_eq!((s.rotation_days, s.notify), (0, true));
        let bad = AlertSettings {
            budget_thresholds: vec![0],
            ..AlertSettings::default()
        };
        assert!(bad
            .validated()
            .unwrap_err()
            .to_string()
            .contains("percentages"));
        let bad = AlertSettings {
            time_zone: Some("Mars/Olympus".into()),
            ..AlertSettings::default()
        };
        assert!(bad.validated().unwrap_err().to_string().contains("IANA"));
    }
}
