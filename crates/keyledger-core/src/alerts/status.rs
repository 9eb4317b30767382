//! Where each budget stands in its current period: spent, share of the limit, and the month-end
//! pace — for the rules, the budget list and the dashboard.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::rules::{month_end_pace, BudgetUse};
use super::settings::load_settings;
use super::{Budget, BudgetPeriod, BudgetScope};
use crate::calendar::{zone, LocalPeriod};
use crate::credential::Credential;
use crate::pricing::money::micros_to_usd_string;
use crate::spend::local_use;
use crate::store::{budgets, credentials, Store};
use crate::Result;

/// A budget and its use so far this period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetStatus {
    pub budget: Budget,
    /// What it covers, in words: "all keys", "OpenAI", a key's label.
    pub label: String,
    /// The current period: `2026-11` or `2026-11-24`.
    pub period: String,
    pub spent_usd: String,
    /// Some usage in the period has no known price: the spend is a lower bound.
    pub unpriced: bool,
    #[ts(type = "number")]
    pub tokens: i64,
    /// Share of the USD limit (or, without one, of the token quota) used, in percent.
    pub percent: u32,
    /// The month-end spend at this pace (monthly budgets with a USD limit, after a few days).
    pub forecast_usd: Option<String>,
}

/// Every budget with its use in the period `now` falls in (user's time zone).
pub(super) async fn budget_uses(
    store: &Store,
    credentials: &[Credential],
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<BudgetUse>> {
    let pool = store.pool();
    let mut out = Vec::new();
    for budget in budgets::list(pool).await? {
        let period = match budget.period {
            BudgetPeriod::Day => LocalPeriod::day(now, tz),
            BudgetPeriod::Month => LocalPeriod::month(now, tz),
        };
        let used = local_use(store, &budget.scope, period.first_day, period.last_day, tz).await?;
        let label = match &budget.scope {
            BudgetScope::All => "all keys".to_owned(),
            BudgetScope::Provider(p) => p.display_name().to_owned(),
            BudgetScope::Credential(id) => credentials
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| "a removed key".to_owned(), |c| c.label.clone()),
        };
        out.push(BudgetUse {
            budget,
            label,
            period,
            spent_micros: used.cost_micros,
            unpriced: used.unpriced > 0,
            tokens: used.tokens,
        });
    }
    Ok(out)
}

fn percent(used: i64, of: i64) -> u32 {
    let p = i128::from(used.max(0)) * 100 / i128::from(of.max(1));
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// Where every budget stands at `now`.
pub async fn budget_status(store: &Store, now: DateTime<Utc>) -> Result<Vec<BudgetStatus>> {
    let settings = load_settings(store).await?;
    let tz = zone(settings.time_zone.as_deref());
    let credentials = credentials::list(store.pool()).await?;
    let uses = budget_uses(store, &credentials, now, tz).await?;
    Ok(uses
        .into_iter()
        .map(|u| {
            let percent = match (u.budget.amount_micros, u.budget.token_quota) {
                (Some(amount), _) => percent(u.spent_micros, amount),
                (None, Some(quota)) => percent(u.tokens, quota),
                (None, None) => 0,
            };
            let forecast_usd = (u.budget.period == BudgetPeriod::Month
                && u.budget.amount_micros.is_some())
            .then(|| month_end_pace(u.spent_micros, &u.period, now))
            .flatten()
            .map(micros_to_usd_string);
            BudgetStatus {
                label: u.label,
                period: u.period.key,
                spent_usd: micros_to_usd_string(u.spent_micros),
                unpriced: u.unpriced,
                tokens: u.tokens,
                percent,
                forecast_usd,
                budget: u.budget,
            }
        })
        .collect())
}
