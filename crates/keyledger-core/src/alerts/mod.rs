//! Alerts: the rules that watch keys and spend (expiry, budgets and quotas with a month-end
//! forecast, rotation age and revoking rotated keys, rejected keys, spend spikes), their settings, and the alerts they fire —
//! each once per threshold per period, kept with when it fired and was acknowledged or snoozed.

pub mod budget;
pub mod evaluate;
pub mod manage;
mod plan_rule;
pub mod rules;
pub mod settings;
pub mod status;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use budget::{Budget, BudgetPeriod, BudgetScope, NewBudget};
pub use evaluate::{evaluate, Evaluation};
pub use settings::AlertSettings;
pub use status::{budget_status, BudgetStatus};

/// The rule behind an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A key expires soon, or has expired.
    Expiry,
    /// A budget's threshold is crossed.
    Budget,
    /// At this pace a monthly budget is overspent by the month's end.
    Forecast,
    /// A provider-side spending cap (OpenRouter's limit) is being used up.
    Quota,
    /// A key is older than the rotation age.
    Rotation,
    /// A provider rejected the key, or lists it as revoked.
    Invalid,
    /// A day cost far more than the days before it.
    Spike,
    /// A key was rotated a day ago and the user asked to be reminded to revoke the old one.
    RevokeOld,
    /// A plan's 5-hour or weekly window (Codex, Claude) is filling up.
    PlanWindow,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Expiry => "expiry",
            Rule::Budget => "budget",
            Rule::Forecast => "forecast",
            Rule::Quota => "quota",
            Rule::Rotation => "rotation",
            Rule::Invalid => "invalid",
            Rule::Spike => "spike",
            Rule::RevokeOld => "revoke_old",
            Rule::PlanWindow => "plan_window",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "expiry" => Rule::Expiry,
            "budget" => Rule::Budget,
            "forecast" => Rule::Forecast,
            "quota" => Rule::Quota,
            "rotation" => Rule::Rotation,
            "invalid" => Rule::Invalid,
            "spike" => Rule::Spike,
            "revoke_old" => Rule::RevokeOld,
            "plan_window" => Rule::PlanWindow,
            _ => return None,
        })
    }
}

/// How much an alert matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "critical" => Severity::Critical,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

/// What a rule wants raised. Its identity — rule, scope, period, threshold — decides whether it
/// is new: the same identity fires once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firing {
    pub rule: Rule,
    /// What the alert is about: a credential id, a budget id, `account:<id>`.
    pub scope: String,
    /// The period it belongs to (`2026-11`, `2026-11-24`, an expiry date, `open`).
    pub period: String,
    /// The threshold crossed (`80%`, `7d`, `expired`), or empty.
    pub threshold: String,
    /// The stored key it concerns, for "open the app on that key".
    pub credential_id: Option<String>,
    pub severity: Severity,
    /// A short line naming the key by its label (never the secret).
    pub title: String,
    pub body: String,
    /// A weaker threshold of the same subject fired at the same time is recorded but not shown.
    pub superseded: bool,
}

/// A stored alert, as the alert centre and `keyledger alerts` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Alert {
    #[ts(type = "number")]
    pub id: i64,
    pub rule: Rule,
    pub scope: String,
    pub period: String,
    pub threshold: String,
    pub credential_id: Option<String>,
    pub severity: Severity,
    pub title: String,
    pub body: String,
    pub fired_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub snoozed_until: Option<DateTime<Utc>>,
}

/// Marks all but the last of `crossed` (ordered loosest to tightest) superseded.
pub(crate) fn push_tightest(out: &mut Vec<Firing>, crossed: Vec<Firing>) {
    let n = crossed.len();
    out.extend(crossed.into_iter().enumerate().map(|(i, mut firing)| {
        firing.superseded = i + 1 < n;
        firing
    }));
}
