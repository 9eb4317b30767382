//! The `usage_bucket` and `price_override` tables: upserts, grouped sums, re-pricing.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;

use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection, SqliteExecutor};
use std::str::FromStr;

use crate::pricing::money::micros_to_usd_string;
use crate::pricing::{ModelPrice, PriceTable};
use crate::usage::{price, Counts, DayRange, GroupBy, UsageBucket, UsageRow};
use crate::Result;

/// Rows per INSERT: 16 values each, well under SQLite's limit on bound parameters.
const BATCH: usize = 1000;

/// Writes buckets, replacing any with the same identity: polling twice never counts twice.
/// A cost the provider billed is kept when the new figure is only computed (the cost report
/// could not be read this time). Many rows go in one statement.
pub async fn upsert(
    db: &mut SqliteConnection,
    buckets: &[UsageBucket],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in buckets.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO usage_bucket (provider, credential_id, account, model, bucket_start, \
             bucket_width, source, input_tokens, output_tokens, cached_tokens, cache_write_tokens, \
             reasoning_tokens, requests, cost_micros, cost_source, updated_at) ",
        );
        q.push_values(chunk, |mut row, b| {
            row.push_bind(&b.provider)
                .push_bind(b.credential_id.as_deref().unwrap_or(""))
                .push_bind(&b.account)
                .push_bind(&b.model)
                .push_bind(b.start)
                .push_bind(b.width.as_str())
                .push_bind(b.source.as_str())
                .push_bind(b.counts.input)
                .push_bind(b.counts.output)
                .push_bind(b.counts.cached)
                .push_bind(b.counts.cache_write)
                .push_bind(b.counts.reasoning)
                .push_bind(b.counts.requests)
                .push_bind(b.cost_micros)
                .push_bind(b.cost_source.as_str())
                .push_bind(now);
        });
        q.push(
            " ON CONFLICT (provider, credential_id, account, model, bucket_start, bucket_width, source) \
             DO UPDATE SET input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, \
             cached_tokens = excluded.cached_tokens, cache_write_tokens = excluded.cache_write_tokens, \
             reasoning_tokens = excluded.reasoning_tokens, requests = excluded.requests, \
             cost_micros = CASE WHEN usage_bucket.cost_source = 'provider' \
               AND excluded.cost_source <> 'provider' THEN usage_bucket.cost_micros \
               ELSE excluded.cost_micros END, \
             cost_source = CASE WHEN usage_bucket.cost_source = 'provider' \
               AND excluded.cost_source <> 'provider' THEN 'provider' \
               ELSE excluded.cost_source END, \
             updated_at = excluded.updated_at",
        );
        q.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// Removes `provider`'s polled rows that hold only a billed cost (no tokens, no requests) from
/// `since` on.
pub async fn clear_billed_only(
    db: &mut SqliteConnection,
    provider: &str,
    since: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM usage_bucket WHERE provider = ? AND source = 'api' AND bucket_width = '1d' \
         AND cost_source = 'provider' AND bucket_start >= ? AND input_tokens = 0 \
         AND output_tokens = 0 AND cached_tokens = 0 AND cache_write_tokens = 0 AND requests = 0",
    )
    .bind(provider)
    .bind(since)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct StoredCounts {
    provider: String,
    credential_id: String,
    account: String,
    model: String,
    bucket_start: DateTime<Utc>,
    bucket_width: String,
    input_tokens: i64,
    output_tokens: i64,
    cached_tokens: i64,
    cache_write_tokens: i64,
    reasoning_tokens: i64,
    requests: i64,
}

/// Adds `buckets` (all of one source) to what is stored and prices each row's new totals: for
/// sources read incrementally, where each pass brings only new requests.
pub async fn add(
    db: &mut SqliteConnection,
    buckets: &[UsageBucket],
    prices: &PriceTable,
    now: DateTime<Utc>,
) -> Result<()> {
    let (Some(first), Some(last), Some(source)) = (
        buckets.iter().map(|b| b.start).min(),
        buckets.iter().map(|b| b.start).max(),
        buckets.first().map(|b| b.source),
    ) else {
        return Ok(());
    };
    let stored: Vec<StoredCounts> = sqlx::query_as(
        "SELECT provider, credential_id, account, model, bucket_start, bucket_width, input_tokens, \
         output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests \
         FROM usage_bucket WHERE source = ? AND bucket_start >= ? AND bucket_start <= ?",
    )
    .bind(source.as_str())
    .bind(first)
    .bind(last)
    .fetch_all(&mut *db)
    .await?;
    type Identity<'a> = (&'a str, &'a str, &'a str, &'a str, DateTime<Utc>, &'a str);
    let before: HashMap<Identity, &StoredCounts> = stored
        .iter()
        .map(|r| {
            let key = (
                r.provider.as_str(),
                r.credential_id.as_str(),
                r.account.as_str(),
                r.model.as_str(),
                r.bucket_start,
                r.bucket_width.as_str(),
            );
            (key, r)
        })
        .collect();
    let merged: Vec<UsageBucket> = buckets
        .iter()
        .map(|b| {
            let key = (
                b.provider.as_str(),
                b.credential_id.as_deref().unwrap_or(""),
                b.account.as_str(),
                b.model.as_str(),
                b.start,
                b.width.as_str(),
            );
            let mut b = b.clone();
            if let Some(r) = before.get(&key) {
                b.counts.input += r.input_tokens;
                b.counts.output += r.output_tokens;
                b.counts.cached += r.cached_tokens;
                b.counts.cache_write += r.cache_write_tokens;
                b.counts.reasoning += r.reasoning_tokens;
                b.counts.requests += r.requests;
            }
            (b.cost_micros, b.cost_source) = price(prices, &b.model, &b.counts);
            b
        })
        .collect();
    upsert(db, &merged, now).await
}

#[derive(FromRow)]
struct GroupRow {
    key: String,
    input_tokens: i64,
    output_tokens: i64,
    cached_tokens: i64,
    cache_write_tokens: i64,
    reasoning_tokens: i64,
    requests: i64,
    cost_micros: i64,
    priced: i64,
    unpriced: i64,
}

/// Sums usage in `range` (UTC days, inclusive), grouped, ordered by the group key. Reads the
/// trigger-maintained `usage_rollup`, so a year costs thousands of rows, not every bucket; the
/// rows are summed per key first, and only those few sums are named (labels joined).
pub async fn grouped(
    db: impl SqliteExecutor<'_>,
    range: DayRange,
    by: GroupBy,
) -> Result<Vec<UsageRow>> {
    let (dim, label) = match by {
        GroupBy::Hour => return hourly(db, range).await,
        GroupBy::Day => ("day", "g.key"),
        GroupBy::Provider => ("provider", "g.key"),
        GroupBy::Model => (
            "model",
            "CASE WHEN g.key <> '' THEN g.key ELSE '(unknown model)' END",
        ),
        // Usage polled with an admin key carries the provider's key id (`account:<id>`):
        // shown under the stored key it is, else under the name the provider lists.
        GroupBy::Credential => (
            "credential",
            "CASE WHEN c.id IS NOT NULL THEN c.label \
             WHEN pk.account IS NOT NULL THEN \
               COALESCE(NULLIF(pk.name, ''), NULLIF(pk.hint, ''), pk.account) || ' (not stored here)' \
             WHEN g.key = 'account:' THEN '(organisation)' \
             WHEN g.key = 'account:claude-code' THEN 'Claude Code (local logs)' \
             WHEN g.key = 'account:codex' THEN 'Codex (local logs)' \
             WHEN g.key LIKE 'account:%' THEN substr(g.key, 9) \
             ELSE '(deleted key ' || substr(g.key, 1, 8) || ')' END",
        ),
    };
    let rows: Vec<GroupRow> = sqlx::query_as(&format!(
        "SELECT {label} AS key, SUM(g.input_tokens) AS input_tokens, \
         SUM(g.output_tokens) AS output_tokens, SUM(g.cached_tokens) AS cached_tokens, \
         SUM(g.cache_write_tokens) AS cache_write_tokens, SUM(g.reasoning_tokens) AS reasoning_tokens, \
         SUM(g.requests) AS requests, SUM(g.cost_micros) AS cost_micros, \
         SUM(g.priced) AS priced, SUM(g.unpriced) AS unpriced \
         FROM (SELECT r.key AS key, SUM(r.input_tokens) AS input_tokens, \
           SUM(r.output_tokens) AS output_tokens, SUM(r.cached_tokens) AS cached_tokens, \
           SUM(r.cache_write_tokens) AS cache_write_tokens, \
           SUM(r.reasoning_tokens) AS reasoning_tokens, SUM(r.requests) AS requests, \
           SUM(r.cost_micros) AS cost_micros, SUM(r.priced) AS priced, SUM(r.unpriced) AS unpriced \
           FROM usage_rollup r WHERE r.dim = ?1 AND r.day >= ?2 AND r.day <= ?3 GROUP BY r.key) g \
         LEFT JOIN provider_key pk ON ?1 = 'credential' AND g.key = 'account:' || pk.account \
         LEFT JOIN credential c ON c.id = COALESCE(pk.credential_id, g.key) \
         GROUP BY 1 HAVING SUM(g.priced) + SUM(g.unpriced) > 0 ORDER BY 1"
    ))
    .bind(dim)
    .bind(range.from.format("%Y-%m-%d").to_string())
    .bind(range.to.format("%Y-%m-%d").to_string())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(GroupRow::into_row).collect())
}

/// Sums the hourly buckets in `range` per hour (UTC), keyed `2026-11-22T14:00:00Z`.
async fn hourly(db: impl SqliteExecutor<'_>, range: DayRange) -> Result<Vec<UsageRow>> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "SELECT bucket_start AS key, SUM(input_tokens) AS input_tokens, \
         SUM(output_tokens) AS output_tokens, SUM(cached_tokens) AS cached_tokens, \
         SUM(cache_write_tokens) AS cache_write_tokens, SUM(reasoning_tokens) AS reasoning_tokens, \
         SUM(requests) AS requests, SUM(COALESCE(cost_micros, 0)) AS cost_micros, \
         SUM(cost_micros IS NOT NULL) AS priced, SUM(cost_micros IS NULL) AS unpriced \
         FROM usage_bucket WHERE bucket_width = '1h' AND superseded = 0 \
         AND bucket_start >= ? AND bucket_start < ? GROUP BY 1 ORDER BY 1",
    )
    .bind(range.from.and_time(chrono::NaiveTime::MIN).and_utc())
    .bind(
        (range.to + chrono::Days::new(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc(),
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|mut r| {
            let start = DateTime::parse_from_rfc3339(&r.key)
                .map_err(|e| crate::Error::Database(format!("bad hour '{}': {e}", r.key)))?;
            r.key = start
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:00:00Z")
                .to_string();
            Ok(r.into_row())
        })
        .collect()
}

impl GroupRow {
    fn into_row(self) -> UsageRow {
        let r = self;
        UsageRow {
            key: r.key,
            input_tokens: r.input_tokens,
            output_tokens: r.output_tokens,
            cached_tokens: r.cached_tokens,
            cache_write_tokens: r.cache_write_tokens,
            reasoning_tokens: r.reasoning_tokens,
            requests: r.requests,
            cost_usd: (r.priced > 0).then(|| micros_to_usd_string(r.cost_micros)),
            cost_micros: (r.priced > 0).then_some(r.cost_micros),
            priced: r.unpriced == 0,
            estimate_usd: None,
            billed_usd: None,
            drift_pct: None,
            in_bill_estimate_usd: None,
            sides: None,
        }
    }
}

#[derive(FromRow)]
struct PricedBucket {
    id: i64,
    model: String,
    input_tokens: i64,
    output_tokens: i64,
    cached_tokens: i64,
    cache_write_tokens: i64,
}

/// Recomputes the cost of every bucket not priced by the provider (after a price change).
/// Returns how many buckets were updated.
pub async fn reprice(db: &mut SqliteConnection, prices: &PriceTable) -> Result<u64> {
    let rows: Vec<PricedBucket> = sqlx::query_as(
        "SELECT id, model, input_tokens, output_tokens, cached_tokens, cache_write_tokens \
         FROM usage_bucket WHERE cost_source <> 'provider'",
    )
    .fetch_all(&mut *db)
    .await?;
    let mut updated = 0;
    for r in rows {
        let counts = Counts {
            input: r.input_tokens,
            output: r.output_tokens,
            cached: r.cached_tokens,
            cache_write: r.cache_write_tokens,
            ..Counts::default()
        };
        let (cost_micros, cost_source) = price(prices, &r.model, &counts);
        updated += sqlx::query(
            "UPDATE usage_bucket SET cost_micros = ?, cost_source = ? \
             WHERE id = ? AND (cost_micros IS NOT ? OR cost_source <> ?)",
        )
        .bind(cost_micros)
        .bind(cost_source.as_str())
        .bind(r.id)
        .bind(cost_micros)
        .bind(cost_source.as_str())
        .execute(&mut *db)
        .await?
        .rows_affected();
    }
    Ok(updated)
}

#[derive(FromRow)]
struct OverrideRow {
    model: String,
    provider: String,
    input: String,
    output: String,
    cache_read: Option<String>,
    cache_write: Option<String>,
}

/// The user's price overrides.
pub async fn overrides(db: impl SqliteExecutor<'_>) -> Result<Vec<ModelPrice>> {
    let rows: Vec<OverrideRow> = sqlx::query_as(
        "SELECT model, provider, input, output, cache_read, cache_write FROM price_override",
    )
    .fetch_all(db)
    .await?;
    let dec = |s: &str| Decimal::from_str(s).map_err(|e| crate::Error::Database(e.to_string()));
    rows.into_iter()
        .map(|r| {
            Ok(ModelPrice {
                input: dec(&r.input)?,
                output: dec(&r.output)?,
                cache_read: r.cache_read.as_deref().map(dec).transpose()?,
                cache_write: r.cache_write.as_deref().map(dec).transpose()?,
                model: r.model,
                provider: r.provider,
                source: crate::pricing::OVERRIDE.to_owned(),
            })
        })
        .collect()
}

pub async fn set_override(
    db: impl SqliteExecutor<'_>,
    price: &ModelPrice,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO price_override (model, provider, input, output, cache_read, cache_write, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model) DO UPDATE SET provider = excluded.provider, \
         input = excluded.input, output = excluded.output, cache_read = excluded.cache_read, \
         cache_write = excluded.cache_write, updated_at = excluded.updated_at",
    )
    .bind(&price.model)
    .bind(&price.provider)
    .bind(price.input.to_string())
    .bind(price.output.to_string())
    .bind(price.cache_read.map(|d| d.to_string()))
    .bind(price.cache_write.map(|d| d.to_string()))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Removes an override; returns whether there was one.
pub async fn unset_override(db: impl SqliteExecutor<'_>, model: &str) -> Result<bool> {
    Ok(sqlx::query("DELETE FROM price_override WHERE model = ?")
        .bind(model)
        .execute(db)
        .await?
        .rows_affected()
        > 0)
}
