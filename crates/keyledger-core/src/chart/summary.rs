//! The dashboard's cards and sparklines, in the user's calendar: today, this month with its pace
//! to the month's end, the same days of last month, the top key and model this month, the
//! all-keys monthly budget, and each key's recent days.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::data::{month_to_date, series_data, ChartSpec};
use super::{ChartData, Dim, Granularity, Metric, RangeSpec};
use crate::store::Store;
use crate::Result;

/// Spend over some days: the priced part, and whether some usage had no known price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Amount {
    #[ts(type = "number")]
    pub micros: i64,
    pub unpriced: bool,
}

/// The biggest spender of the month: a key or a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Top {
    /// A credential id (or provider-side account), or the model.
    pub key: String,
    pub label: String,
    #[ts(type = "number")]
    pub micros: i64,
}

/// The all-keys monthly budget and how much of it is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BudgetCard {
    #[ts(type = "number")]
    pub amount_micros: i64,
    #[ts(type = "number")]
    pub spent_micros: i64,
    /// Whole percent, rounded down.
    pub percent: u32,
}

/// Everything the dashboard's cards show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Summary {
    pub time_zone: String,
    /// Whether the ledger holds any usage at all (else the window shows how to get some).
    pub has_usage: bool,
    pub today: Amount,
    /// `2026-11`.
    pub month: String,
    pub month_to_date: Amount,
    /// At this pace, the month's spend; `None` in its first days.
    #[ts(type = "number | null")]
    pub forecast_micros: Option<i64>,
    /// Last month, from its first day to the same day of the month as today.
    pub last_month_same_days: Amount,
    pub last_month_total: Amount,
    pub top_key: Option<Top>,
    pub top_model: Option<Top>,
    pub budget: Option<BudgetCard>,
}

/// One key's spend per day, oldest first, ending today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Sparkline {
    pub credential_id: String,
    #[ts(type = "Array<number>")]
    pub values: Vec<i64>,
    #[ts(type = "number")]
    pub total: i64,
    /// Some of the key's usage has no known price: the total is a lower bound (or unknown at 0).
    pub unpriced: bool,
}

pub async fn summary(store: &Store, now: DateTime<Utc>, tz: Tz) -> Result<Summary> {
    let today = now.with_timezone(&tz).date_naive();
    let first = today.with_day(1).unwrap_or(today);
    let last_first = first - Months::new(1);
    let last_end = first - Days::new(1);
    let same_day = (last_first + Days::new(u64::from(today.day() - 1))).min(last_end);

    let month = month_to_date(store, now, tz).await?;
    let by_key = series_data(store, &spec(first, today, Dim::Credential), now, tz).await?;
    let by_model = series_data(store, &spec(first, today, Dim::Model), now, tz).await?;
    let this_day = amount(store, today, today, now, tz).await?;
    let last_same = amount(store, last_first, same_day, now, tz).await?;
    let last_total = amount(store, last_first, last_end, now, tz).await?;
    let has_usage: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM usage_bucket)")
        .fetch_one(store.pool())
        .await?;
    Ok(Summary {
        time_zone: tz.name().to_owned(),
        has_usage,
        today: this_day,
        month: month.month.clone(),
        month_to_date: Amount {
            micros: month.spent_micros,
            unpriced: month.any_unpriced,
        },
        forecast_micros: month.forecast_micros,
        last_month_same_days: last_same,
        last_month_total: last_total,
        top_key: top(&by_key),
        top_model: top(&by_model),
        budget: month.budget_micros.map(|amount| BudgetCard {
            amount_micros: amount,
            spent_micros: month.spent_micros,
            percent: u32::try_from(
                i128::from(month.spent_micros) * 100 / i128::from(amount.max(1)),
            )
            .unwrap_or(u32::MAX),
        }),
    })
}

/// Each key's spend per day over the last `days` days (keys with no usage are left out).
pub async fn sparklines(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    days: u32,
) -> Result<Vec<Sparkline>> {
    let spec = ChartSpec {
        range: RangeSpec::Days { days },
        by: Dim::Credential,
        metric: Metric::Cost,
        granularity: Some(Granularity::Day),
    };
    let data = series_data(store, &spec, now, tz).await?;
    Ok(data
        .series
        .into_iter()
        .map(|s| Sparkline {
            total: s.total(),
            unpriced: s.unpriced.iter().any(|u| *u),
            credential_id: s.key,
            values: s.values,
        })
        .collect())
}

fn spec(from: NaiveDate, to: NaiveDate, by: Dim) -> ChartSpec {
    ChartSpec {
        range: RangeSpec::Custom { from, to },
        by,
        metric: Metric::Cost,
        granularity: Some(Granularity::Month),
    }
}

async fn amount(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Amount> {
    let data = series_data(store, &spec(from, to, Dim::Total), now, tz).await?;
    Ok(Amount {
        micros: data.total,
        unpriced: data.any_unpriced,
    })
}

fn top(data: &ChartData) -> Option<Top> {
    data.series.first().filter(|s| s.total() > 0).map(|s| Top {
        key: s.key.clone(),
        label: s.label.clone(),
        micros: s.total(),
    })
}
