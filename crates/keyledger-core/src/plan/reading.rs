//! One reading of a plan window — whose, which, how full, when it resets, when and where it was
//! seen — and the names of its sources and origins.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whose plan a window belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PlanSource {
    Codex,
    Claude,
}

impl PlanSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanSource::Codex => "codex",
            PlanSource::Claude => "claude",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "codex" => Some(PlanSource::Codex),
            "claude" => Some(PlanSource::Claude),
            _ => None,
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            PlanSource::Codex => "Codex",
            PlanSource::Claude => "Claude",
        }
    }
}

/// Where a reading came from: the agent's own log, the provider's usage endpoint, or Keyledger's
/// estimate from token counts (never shown as the provider's percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "PlanOrigin")]
pub enum Origin {
    Log,
    Endpoint,
    Estimate,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Log => "log",
            Origin::Endpoint => "endpoint",
            Origin::Estimate => "estimate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "log" => Some(Origin::Log),
            "endpoint" => Some(Origin::Endpoint),
            "estimate" => Some(Origin::Estimate),
            _ => None,
        }
    }
}

/// One reading of a plan window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reading {
    pub source: PlanSource,
    /// `5h`, `weekly`, or the provider's own name for other windows (`seven_day_opus`).
    pub window: String,
    #[ts(type = "number | null")]
    pub window_minutes: Option<i64>,
    /// How full the window is, 0–100.
    pub used_percent: f64,
    /// The provider said a percent outside 0–100; `used_percent` is clamped.
    pub out_of_range: bool,
    pub resets_at: Option<DateTime<Utc>>,
    pub observed_at: DateTime<Utc>,
    pub origin: Origin,
    /// The plan, when the source says (`plus`, `pro`, `max`).
    pub plan: Option<String>,
}

impl Reading {
    /// A reading with `used_percent` clamped to 0–100 (and flagged when it was not); none for a
    /// percent that is not a number.
    pub fn new(
        source: PlanSource,
        window: String,
        window_minutes: Option<i64>,
        used_percent: f64,
        resets_at: Option<DateTime<Utc>>,
        observed_at: DateTime<Utc>,
        origin: Origin,
    ) -> Option<Self> {
        if used_percent.is_nan() {
            return None;
        }
        let clamped = used_percent.clamp(0.0, 100.0);
        Some(Reading {
            source,
            window,
            window_minutes,
            used_percent: clamped,
            out_of_range: clamped != used_percent,
            resets_at,
            observed_at,
            origin,
            plan: None,
        })
    }
}
