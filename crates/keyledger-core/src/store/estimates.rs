//! Estimates against bills. Agent-log usage (an estimate from token prices) on a UTC day its
//! provider billed through a cost report is superseded by the bill: it keeps its tokens and
//! counts $0, so totals and budgets count the bill once. What it would have cost is worked out
//! from its tokens when the estimate and the bill are shown side by side, with their drift.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveTime, Utc};
use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use crate::pricing::PriceTable;
use crate::usage::{price, Counts, DayRange, GroupBy, Sides};
use crate::Result;

#[derive(FromRow)]
struct LogRow {
    id: i64,
    provider: String,
    model: String,
    bucket_start: DateTime<Utc>,
    input_tokens: i64,
    output_tokens: i64,
    cached_tokens: i64,
    cache_write_tokens: i64,
    superseded: bool,
}

impl LogRow {
    fn counts(&self) -> Counts {
        Counts {
            input: self.input_tokens,
            output: self.output_tokens,
            cached: self.cached_tokens,
            cache_write: self.cache_write_tokens,
            ..Counts::default()
        }
    }
}

/// Brings agent-log rows from `since` on in step with the bills: rows of a billed provider-day
/// are superseded (cost $0 from the provider), rows of a day no longer billed are priced again.
/// Returns how many rows changed.
pub async fn reconcile(
    db: &mut SqliteConnection,
    prices: &PriceTable,
    since: DateTime<Utc>,
) -> Result<u64> {
    let since = since.date_naive().and_time(NaiveTime::MIN).and_utc();
    let billed: HashSet<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT provider, substr(bucket_start, 1, 10) FROM usage_bucket \
         WHERE source = 'api' AND bucket_width = '1d' AND cost_source = 'provider' \
         AND bucket_start >= ?",
    )
    .bind(since)
    .fetch_all(&mut *db)
    .await?
    .into_iter()
    .collect();
    let logs: Vec<LogRow> = sqlx::query_as(
        "SELECT id, provider, model, bucket_start, input_tokens, output_tokens, cached_tokens, \
         cache_write_tokens, superseded FROM usage_bucket WHERE source = 'log' AND bucket_start >= ?",
    )
    .bind(since)
    .fetch_all(&mut *db)
    .await?;
    let mut changed = 0;
    for row in logs {
        let day = row.bucket_start.date_naive().to_string();
        let is_billed = billed.contains(&(row.provider.clone(), day));
        let update = if is_billed && !row.superseded {
            sqlx::query(
                "UPDATE usage_bucket SET superseded = 1, cost_micros = 0, cost_source = 'provider' \
                 WHERE id = ?",
            )
            .bind(row.id)
        } else if !is_billed && row.superseded {
            let (cost, source) = price(prices, &row.model, &row.counts());
            sqlx::query(
                "UPDATE usage_bucket SET superseded = 0, cost_micros = ?, cost_source = ? WHERE id = ?",
            )
            .bind(cost)
            .bind(source.as_str())
            .bind(row.id)
        } else {
            continue;
        };
        changed += update.execute(&mut *db).await?.rows_affected();
    }
    Ok(changed)
}

/// Estimates and bills per group key (as `usage::grouped` names groups), for the groupings
/// where both fall in one group: day, provider and model. Only groups with an estimate (of
/// either kind) are in it.
pub async fn by_group(
    db: impl SqliteExecutor<'_> + Copy,
    prices: &PriceTable,
    range: DayRange,
    by: GroupBy,
) -> Result<HashMap<String, Sides>> {
    let key = match by {
        GroupBy::Day => "substr(b.bucket_start, 1, 10)",
        GroupBy::Provider => "b.provider",
        GroupBy::Model => "CASE WHEN b.model <> '' THEN b.model ELSE '(unknown model)' END",
        // Callers skip these groupings (`Ledger::usage`); nothing falls in one group there.
        GroupBy::Hour | GroupBy::Credential => return Ok(HashMap::new()),
    };
    let from = range.from.and_time(NaiveTime::MIN).and_utc();
    let to = (range.to + Days::new(1)).and_time(NaiveTime::MIN).and_utc();
    let mut sides: HashMap<String, Sides> = HashMap::new();
    let logs = "b.superseded = 1";
    for (group, micros) in priced_by_group(db, prices, key, logs, from, to).await? {
        add(&mut sides.entry(group).or_default().estimate_micros, micros);
    }
    // Usage a bill covers without naming it: counted as the provider's $0, estimated here.
    let in_bill = "b.source = 'api' AND b.superseded = 0 AND b.cost_source = 'provider' \
         AND b.cost_micros = 0 \
         AND b.input_tokens + b.output_tokens + b.cached_tokens + b.cache_write_tokens > 0";
    for (group, micros) in priced_by_group(db, prices, key, in_bill, from, to).await? {
        add(&mut sides.entry(group).or_default().in_bill_micros, micros);
    }
    if sides.values().all(|s| s.estimate_micros.is_none()) {
        return Ok(sides);
    }
    let bills: Vec<(String, i64)> = sqlx::query_as(&format!(
        "WITH days AS (SELECT DISTINCT provider, substr(bucket_start, 1, 10) AS day \
           FROM usage_bucket WHERE superseded = 1 AND bucket_width = '1d' \
           AND bucket_start >= ?1 AND bucket_start < ?2) \
         SELECT {key}, SUM(b.cost_micros) FROM usage_bucket b \
         JOIN days d ON b.provider = d.provider AND substr(b.bucket_start, 1, 10) = d.day \
         WHERE b.source = 'api' AND b.bucket_width = '1d' AND b.cost_source = 'provider' \
         GROUP BY 1"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    for (group, micros) in bills {
        if let Some(side) = sides.get_mut(&group) {
            side.billed_micros += micros;
        }
    }
    Ok(sides)
}

fn add(to: &mut Option<i64>, micros: Option<i64>) {
    if let Some(m) = micros {
        *to = Some(to.unwrap_or(0) + m);
    }
}

/// The token-priced cost of each day bucket in `[from, to)` that `filter` selects, with its
/// group (`key`); `None` for a bucket without a known price.
async fn priced_by_group(
    db: impl SqliteExecutor<'_>,
    prices: &PriceTable,
    key: &str,
    filter: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, Option<i64>)>> {
    let rows: Vec<(String, String, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {key}, b.model, b.input_tokens, b.output_tokens, b.cached_tokens, \
         b.cache_write_tokens FROM usage_bucket b WHERE {filter} \
         AND b.bucket_width = '1d' AND b.bucket_start >= ? AND b.bucket_start < ?"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(group, model, input, output, cached, cache_write)| {
            let counts = Counts {
                input,
                output,
                cached,
                cache_write,
                ..Counts::default()
            };
            (group, price(prices, &model, &counts).0)
        })
        .collect())
}
