//! The series behind a chart, read from the ledger in the user's calendar. Daily rollups give
//! each group's UTC days; the hourly buckets Keyledger has (agent logs always, admin polls for
//! the last two days) move what fell on another local day to that day. Buckets are zero-filled,
//! the largest groups kept and the rest summed as "Other".

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::range::bucket_of;
use super::{ChartData, Dim, Granularity, Metric, RangeSpec, Series};
use crate::alerts::period::LocalPeriod;
use crate::alerts::rules::month_end_pace;
use crate::alerts::{BudgetPeriod, BudgetScope};
use crate::credential::Provider;
use crate::store::spend::Used;
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

/// What one group used on one day.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    cost: i64,
    input: i64,
    output: i64,
    unpriced: bool,
}

type Cells = HashMap<(String, NaiveDate), Cell>;

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

/// Each group's use per local day, over `from..=to` (and nothing outside it).
async fn local_cells(
    store: &Store,
    by: Dim,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Cells> {
    let pool = store.pool();
    let dim = match by {
        Dim::Total => "day",
        Dim::Provider => "provider",
        Dim::Credential => "credential",
        Dim::Model => "model",
    };
    // One UTC day either side: hours there can fall on the range's first or last local day.
    let (first, last) = (from - Days::new(1), to + Days::new(1));
    let days: Vec<(String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT key, day, cost_micros, unpriced, \
         input_tokens + cached_tokens + cache_write_tokens, output_tokens \
         FROM usage_rollup WHERE dim = ? AND day >= ? AND day <= ?",
    )
    .bind(dim)
    .bind(first.to_string())
    .bind(last.to_string())
    .fetch_all(pool)
    .await?;
    let mut cells: Cells = HashMap::with_capacity(days.len());
    for (key, day, cost, unpriced, input, output) in days {
        let Ok(day) = day.parse::<NaiveDate>() else {
            continue;
        };
        let key = if by == Dim::Total { String::new() } else { key };
        cells.insert(
            (key, day),
            Cell {
                cost,
                input,
                output,
                unpriced: unpriced > 0,
            },
        );
    }

    let key_expr = match by {
        Dim::Total => "''",
        Dim::Provider => "provider",
        Dim::Credential => {
            "CASE WHEN credential_id <> '' THEN credential_id ELSE 'account:' || account END"
        }
        Dim::Model => "model",
    };
    let hours: Vec<(String, DateTime<Utc>, i64, bool, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {key_expr}, bucket_start, COALESCE(cost_micros, 0), cost_micros IS NULL, \
         input_tokens + cached_tokens + cache_write_tokens, output_tokens \
         FROM usage_bucket WHERE bucket_width = '1h' AND superseded = 0 \
         AND bucket_start >= ? AND bucket_start < ?"
    ))
    .bind(first.and_time(NaiveTime::MIN).and_utc())
    .bind((last + Days::new(1)).and_time(NaiveTime::MIN).and_utc())
    .fetch_all(pool)
    .await?;
    for (key, start, cost, unpriced, input, output) in hours {
        let (utc_day, local_day) = (start.date_naive(), start.with_timezone(&tz).date_naive());
        if utc_day == local_day {
            continue;
        }
        // Never move more than the day holds: hours and days are polled apart.
        let Some(source) = cells.get_mut(&(key.clone(), utc_day)) else {
            continue;
        };
        let moved = Cell {
            cost: cost.min(source.cost),
            input: input.min(source.input),
            output: output.min(source.output),
            unpriced,
        };
        source.cost -= moved.cost;
        source.input -= moved.input;
        source.output -= moved.output;
        if (source.cost, source.input, source.output) == (0, 0, 0) {
            // Everything moved: whatever was unpriced went with it.
            source.unpriced = false;
        }
        let target = cells.entry((key, local_day)).or_default();
        target.cost += moved.cost;
        target.input += moved.input;
        target.output += moved.output;
        target.unpriced |= moved.unpriced;
    }
    cells.retain(|(_, day), _| *day >= from && *day <= to);
    Ok(cells)
}

/// For credential groups, by rollup key: the stored key's id and label (also for usage an admin
/// poll reported under the provider's id of a stored key), else the key and the provider's name
/// for it. Reads the (small) credential and provider-key tables whole.
async fn labels(
    store: &Store,
    by: Dim,
    cells: &Cells,
) -> Result<HashMap<String, (String, String)>> {
    if by != Dim::Credential {
        return Ok(HashMap::new());
    }
    let pool = store.pool();
    let stored: HashMap<String, String> = sqlx::query_as("SELECT id, label FROM credential")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let accounts: HashMap<String, (Option<String>, String)> =
        sqlx::query_as::<_, (String, Option<String>, String)>(
            "SELECT account, credential_id, \
         COALESCE(NULLIF(name, ''), NULLIF(hint, ''), account) FROM provider_key",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(account, id, name)| (account, (id, name)))
        .collect();
    let mut out = HashMap::new();
    for (key, _) in cells.keys() {
        if out.contains_key(key) {
            continue;
        }
        let named = |id: &str| stored.get(id).map(|label| (id.to_owned(), label.clone()));
        let resolved = match key.strip_prefix("account:") {
            Some(account) => match accounts.get(account) {
                Some((Some(id), _)) if stored.contains_key(id) => named(id),
                Some((_, name)) => Some((key.clone(), format!("{name} (not stored here)"))),
                None => Some((
                    key.clone(),
                    match account {
                        "" => "(organisation)".to_owned(),
                        "claude-code" => "Claude Code (local logs)".to_owned(),
                        "codex" => "Codex (local logs)".to_owned(),
                        other => other.to_owned(),
                    },
                )),
            },
            None => named(key).or_else(|| {
                let short: String = key.chars().take(8).collect();
                Some((key.clone(), format!("(deleted key {short})")))
            }),
        };
        if let Some(r) = resolved {
            out.insert(key.clone(), r);
        }
    }
    Ok(out)
}

/// What a budget's scope used over the local days `from..=to`: the same calendar as the charts
/// (hours Keyledger knows counted on the local day they fell on).
pub async fn local_use(
    store: &Store,
    scope: &BudgetScope,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Used> {
    let by = match scope {
        BudgetScope::All => Dim::Total,
        BudgetScope::Provider(_) => Dim::Provider,
        BudgetScope::Credential(_) => Dim::Credential,
    };
    let cells = local_cells(store, by, from, to, tz).await?;
    let labels = labels(store, by, &cells).await?;
    let mut used = Used::default();
    for ((key, _), cell) in cells {
        let counts = match scope {
            BudgetScope::All => true,
            BudgetScope::Provider(p) => key == p.as_str(),
            // The key's own usage, and what an admin key's report attributes to it.
            BudgetScope::Credential(id) => {
                labels.get(&key).map_or(&key, |(resolved, _)| resolved) == id
            }
        };
        if counts {
            used.cost_micros += cell.cost;
            used.unpriced += i64::from(cell.unpriced);
            used.tokens += cell.input + cell.output;
        }
    }
    Ok(used)
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
