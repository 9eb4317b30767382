//! The series behind a chart, read from the ledger in the user's calendar. Daily rollups give
//! each group's UTC days; the hourly buckets Keyledger has (agent logs always, admin polls for
//! the last two days) move what fell on another local day to that day. Buckets are zero-filled,
//! the largest groups kept and the rest summed as "Other".

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::range::bucket_of;
use super::{ChartData, Dim, Granularity, Metric, RangeSpec, Series};
use crate::alerts::rules::month_end_pace;
use crate::alerts::{BudgetPeriod, BudgetScope};
use crate::calendar::LocalPeriod;
use crate::credential::Provider;
use crate::spend::{labels, local_cells};
use crate::store::{budgets, Store};
use crate::Result;

/// At most this many series; beyond it the smallest groups become "Other".
pub const MAX_SERIES: usize = 6;

/// Which chart: range, grouping, metric and (if not the fitting one) granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChartSpec {
    pub range: RangeSpec,
    pub by: Dim,
    pub metric: Metric,
    #[serde(default)]
    pub granularity: Option<Granularity>,
}

/// The chart's data at `now` in `tz`, the smallest groups folded into "Other".
pub async fn chart_data(
    store: &Store,
    spec: &ChartSpec,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<ChartData> {
    let mut data = series_data(store, spec, now, tz).await?;
    fold_other(&mut data.series, data.buckets.len());
    Ok(data)
}

/// The chart's data with a series per group, however many.
pub async fn series_data(
    store: &Store,
    spec: &ChartSpec,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<ChartData> {
    let today = now.with_timezone(&tz).date_naive();
    let (from, to) = spec.range.resolve(today)?;
    let granularity = spec
        .granularity
        .unwrap_or_else(|| Granularity::fitting(from, to));
    let buckets = granularity.buckets(from, to);
    let cells = local_cells(store, spec.by, from, to, tz).await?;
    let labels = labels(store, spec.by, &cells).await?;

    // Per group (and, for tokens in total, per direction): a value and a flag per bucket.
    let mut groups: HashMap<String, (Vec<i64>, Vec<bool>)> = HashMap::new();
    for ((key, day), cell) in &cells {
        let Some(i) = bucket_of(&buckets, *day) else {
            continue;
        };
        // Usage an admin poll reported under the provider's id of a stored key is that key's.
        let key = labels.get(key).map_or(key, |(id, _)| id);
        let parts: Vec<(String, i64)> = match (spec.metric, spec.by) {
            (Metric::Cost, _) => vec![(key.clone(), cell.cost)],
            (Metric::Tokens, Dim::Total) => vec![
                ("input".to_owned(), cell.input),
                ("output".to_owned(), cell.output),
            ],
            (Metric::Tokens, _) => vec![(key.clone(), cell.input + cell.output)],
        };
        for (k, v) in parts {
            let (values, unpriced) = groups
                .entry(k)
                .or_insert_with(|| (vec![0; buckets.len()], vec![false; buckets.len()]));
            values[i] += v;
            unpriced[i] |= cell.unpriced && spec.metric == Metric::Cost;
        }
    }
    let mut series: Vec<Series> = groups
        .into_iter()
        .map(|(key, (values, unpriced))| Series {
            label: label_of(spec, &key, &labels),
            key,
            values,
            unpriced,
        })
        .filter(|s| s.total() > 0 || s.unpriced.iter().any(|u| *u))
        .collect();
    series.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then_with(|| a.label.cmp(&b.label))
    });
    if spec.metric == Metric::Tokens && spec.by == Dim::Total {
        series.sort_by_key(|s| s.key != "input");
    }
    let total = series.iter().map(Series::total).sum();
    let any_unpriced = series.iter().any(|s| s.unpriced.iter().any(|u| *u));
    Ok(ChartData {
        metric: spec.metric,
        by: spec.by,
        granularity,
        from,
        to,
        time_zone: tz.name().to_owned(),
        buckets,
        series,
        total,
        any_unpriced,
    })
}

/// Keeps the largest `MAX_SERIES - 1` series and sums the rest as "Other".
fn fold_other(series: &mut Vec<Series>, n: usize) {
    if series.len() <= MAX_SERIES {
        return;
    }
    let rest = series.split_off(MAX_SERIES - 1);
    let mut other = Series {
        key: "other".to_owned(),
        label: format!("Other ({})", rest.len()),
        values: vec![0; n],
        unpriced: vec![false; n],
    };
    for s in rest {
        for i in 0..n {
            other.values[i] += s.values[i];
            other.unpriced[i] |= s.unpriced[i];
        }
    }
    series.push(other);
}

fn label_of(spec: &ChartSpec, key: &str, labels: &HashMap<String, (String, String)>) -> String {
    match (spec.by, key) {
        (Dim::Total, "input") => "Input tokens".to_owned(),
        (Dim::Total, "output") => "Output tokens".to_owned(),
        (Dim::Total, _) => "All keys".to_owned(),
        (Dim::Provider, p) => p
            .parse::<Provider>()
            .map_or_else(|_| p.to_owned(), |p| p.display_name().to_owned()),
        (Dim::Model, "") => "(unknown model)".to_owned(),
        (Dim::Model, m) => m.to_owned(),
        (Dim::Credential, k) => labels
            .values()
            .find(|(id, _)| id == k)
            .map_or_else(|| k.to_owned(), |(_, label)| label.clone()),
    }
}

/// The month so far, day by day and summed up, against the all-keys monthly budget, with the
/// pace to the month's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthToDate {
    /// `2026-11`.
    pub month: String,
    pub time_zone: String,
    /// Every day of the month.
    #[ts(type = "Array<string>")]
    pub days: Vec<NaiveDate>,
    /// Spend summed up to each day so far; `null` for days to come.
    #[ts(type = "Array<number | null>")]
    pub actual: Vec<Option<i64>>,
    /// From today to the month's end at the pace so far; `null` before today, or all `null`
    /// in the first days, when there is no pace yet.
    #[ts(type = "Array<number | null>")]
    pub forecast: Vec<Option<i64>>,
    #[ts(type = "number | null")]
    pub budget_micros: Option<i64>,
    #[ts(type = "number")]
    pub spent_micros: i64,
    #[ts(type = "number | null")]
    pub forecast_micros: Option<i64>,
    pub any_unpriced: bool,
}

pub async fn month_to_date(store: &Store, now: DateTime<Utc>, tz: Tz) -> Result<MonthToDate> {
    let period = LocalPeriod::month(now, tz);
    let today = now.with_timezone(&tz).date_naive();
    let spec = ChartSpec {
        range: RangeSpec::Custom {
            from: period.first_day,
            to: today,
        },
        by: Dim::Total,
        metric: Metric::Cost,
        granularity: Some(Granularity::Day),
    };
    let data = chart_data(store, &spec, now, tz).await?;
    let mut days = Vec::new();
    let mut day = period.first_day;
    while day <= period.last_day {
        days.push(day);
        day = day + Days::new(1);
    }
    let mut actual = vec![None; days.len()];
    let mut running = 0;
    for (i, slot) in actual.iter_mut().enumerate().take(data.buckets.len()) {
        running += data.bucket_total(i);
        *slot = Some(running);
    }
    let spent = running;
    let pace = month_end_pace(spent, &period, now);
    let today_idx = data.buckets.len().saturating_sub(1);
    let last_idx = days.len() - 1;
    let forecast = match pace {
        Some(end) if today_idx < last_idx => (0..days.len())
            .map(|i| {
                (i >= today_idx).then(|| {
                    let span = (last_idx - today_idx) as i128;
                    let step = (i - today_idx) as i128;
                    let v = i128::from(spent) + i128::from(end - spent) * step / span;
                    i64::try_from(v).unwrap_or(i64::MAX)
                })
            })
            .collect(),
        _ => vec![None; days.len()],
    };
    let budget_micros = budgets::list(store.pool())
        .await?
        .into_iter()
        .find(|b| b.scope == BudgetScope::All && b.period == BudgetPeriod::Month)
        .and_then(|b| b.amount_micros);
    Ok(MonthToDate {
        month: period.key,
        time_zone: tz.name().to_owned(),
        days,
        actual,
        forecast,
        budget_micros,
        spent_micros: spent,
        forecast_micros: pace,
        any_unpriced: data.any_unpriced,
    })
}
