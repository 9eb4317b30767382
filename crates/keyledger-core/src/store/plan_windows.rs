//! The `plan_snapshot` table: every reading of a plan window, kept once.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use crate::plan::blocks::Hour;
use crate::plan::reading::{Origin, PlanSource, Reading};
use crate::Result;

#[derive(FromRow)]
struct Row {
    source: String,
    window_name: String,
    observed_at: DateTime<Utc>,
    window_minutes: Option<i64>,
    used_percent: f64,
    out_of_range: bool,
    resets_at: Option<DateTime<Utc>>,
    origin: String,
    plan: Option<String>,
}

impl Row {
    fn reading(self) -> Option<Reading> {
        Some(Reading {
            source: PlanSource::parse(&self.source)?,
            window: self.window_name,
            window_minutes: self.window_minutes,
            used_percent: self.used_percent,
            out_of_range: self.out_of_range,
            resets_at: self.resets_at,
            observed_at: self.observed_at,
            origin: Origin::parse(&self.origin)?,
            plan: self.plan,
        })
    }
}

const COLUMNS: &str = "source, window_name, observed_at, window_minutes, used_percent, \
    out_of_range, resets_at, origin, plan";

/// Adds the readings not kept yet (the same window seen at the same moment is one reading).
pub async fn add(db: &mut SqliteConnection, readings: &[Reading]) -> Result<()> {
    for r in readings {
        sqlx::query(&format!(
            "INSERT OR IGNORE INTO plan_snapshot ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ))
        .bind(r.source.as_str())
        .bind(&r.window)
        .bind(r.observed_at)
        .bind(r.window_minutes)
        .bind(r.used_percent)
        .bind(r.out_of_range)
        .bind(r.resets_at)
        .bind(r.origin.as_str())
        .bind(&r.plan)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// The newest reading of each window.
pub async fn latest(db: impl SqliteExecutor<'_>) -> Result<Vec<Reading>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_snapshot p WHERE observed_at = \
         (SELECT MAX(observed_at) FROM plan_snapshot q \
          WHERE q.source = p.source AND q.window_name = p.window_name)"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(Row::reading).collect())
}

/// The readings of `source` from `origin` seen at or after `from`, oldest first.
pub async fn since(
    db: impl SqliteExecutor<'_>,
    source: PlanSource,
    origin: Origin,
    from: DateTime<Utc>,
) -> Result<Vec<Reading>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_snapshot WHERE source = ? AND origin = ? AND observed_at >= ? \
         ORDER BY observed_at"
    ))
    .bind(source.as_str())
    .bind(origin.as_str())
    .bind(from)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(Row::reading).collect())
}

#[derive(FromRow)]
struct HourRow {
    bucket_start: DateTime<Utc>,
    tokens: i64,
    requests: i64,
    cost_micros: i64,
    unpriced: i64,
}

/// Claude Code's logged usage hour by hour from `from` on, oldest first.
pub async fn claude_hours(db: impl SqliteExecutor<'_>, from: DateTime<Utc>) -> Result<Vec<Hour>> {
    let rows: Vec<HourRow> = sqlx::query_as(
        "SELECT bucket_start, \
                SUM(input_tokens + output_tokens + cached_tokens + cache_write_tokens) AS tokens, \
                SUM(requests) AS requests, COALESCE(SUM(cost_micros), 0) AS cost_micros, \
                SUM(cost_micros IS NULL) AS unpriced \
         FROM usage_bucket \
         WHERE source = 'log' AND account = 'claude-code' AND bucket_width = '1h' AND bucket_start >= ? \
         GROUP BY bucket_start ORDER BY bucket_start",
    )
    .bind(from)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Hour {
            start: r.bucket_start,
            tokens: r.tokens,
            requests: r.requests,
            cost_micros: r.cost_micros,
            unpriced: r.unpriced > 0,
        })
        .collect())
}

/// The readings of one window from `origin`s other than estimates, seen at or after `from`,
/// oldest first.
pub async fn history(
    db: impl SqliteExecutor<'_>,
    source: PlanSource,
    window: &str,
    from: DateTime<Utc>,
) -> Result<Vec<Reading>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM plan_snapshot WHERE source = ? AND window_name = ? AND observed_at >= ? \
         ORDER BY observed_at"
    ))
    .bind(source.as_str())
    .bind(window)
    .bind(from)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(Row::reading).collect())
}
