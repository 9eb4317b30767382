//! The sums the alert rules read: each key's daily spend for spike detection and the latest
//! provider-side caps, from the rollups and snapshots, so evaluating the rules stays cheap; and
//! the shape of a budget's use.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::{FromRow, SqliteExecutor};

use crate::alerts::rules::{KeySpend, QuotaUse};
use crate::Result;

/// What a budget's scope used over some days (summed by [`crate::chart::data::local_use`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Used {
    pub cost_micros: i64,
    pub unpriced: i64,
    pub tokens: i64,
}

#[derive(FromRow)]
struct DayRow {
    key: String,
    credential_id: Option<String>,
    label: String,
    first_day: String,
    day: String,
    cost_micros: i64,
}

/// Each key's (or provider-side account's) daily spend from `from` on, with its first day ever.
pub async fn by_key(db: impl SqliteExecutor<'_>, from: NaiveDate) -> Result<Vec<KeySpend>> {
    let rows: Vec<DayRow> = sqlx::query_as(
        "SELECT g.key AS key, c.id AS credential_id, \
           CASE WHEN c.id IS NOT NULL THEN c.label \
                WHEN pk.account IS NOT NULL THEN COALESCE(NULLIF(pk.name, ''), NULLIF(pk.hint, ''), pk.account) \
                WHEN g.key = 'account:' THEN 'the organisation' \
                WHEN g.key = 'account:claude-code' THEN 'Claude Code' \
                WHEN g.key = 'account:codex' THEN 'Codex' \
                ELSE g.key END AS label, \
           (SELECT MIN(f.day) FROM usage_rollup f WHERE f.dim = 'credential' AND f.key = g.key) AS first_day, \
           g.day AS day, g.cost_micros AS cost_micros \
         FROM usage_rollup g \
         LEFT JOIN provider_key pk ON g.key = 'account:' || pk.account \
         LEFT JOIN credential c ON c.id = COALESCE(pk.credential_id, g.key) \
         WHERE g.dim = 'credential' AND g.day >= ? AND g.cost_micros > 0 ORDER BY g.key, g.day",
    )
    .bind(from.format("%Y-%m-%d").to_string())
    .fetch_all(db)
    .await?;
    let mut series: BTreeMap<String, KeySpend> = BTreeMap::new();
    for r in rows {
        let (Ok(day), Ok(first_day)) =
            (r.day.parse::<NaiveDate>(), r.first_day.parse::<NaiveDate>())
        else {
            continue;
        };
        // A provider-side key that is a stored key counts as that key.
        let scope = r.credential_id.clone().unwrap_or(r.key);
        let entry = series.entry(scope.clone()).or_insert_with(|| KeySpend {
            scope,
            credential_id: r.credential_id,
            label: r.label,
            first_day,
            days: BTreeMap::new(),
        });
        entry.first_day = entry.first_day.min(first_day);
        *entry.days.entry(day).or_default() += r.cost_micros;
    }
    Ok(series.into_values().collect())
}

#[derive(FromRow)]
struct QuotaRow {
    credential_id: String,
    label: String,
    limit_micros: i64,
    limit_remaining_micros: Option<i64>,
    limit_reset: Option<String>,
}

/// The latest USD spending cap each stored key reported (OpenRouter's `limit`), if any.
pub async fn quotas(db: impl SqliteExecutor<'_>) -> Result<Vec<QuotaUse>> {
    let rows: Vec<QuotaRow> = sqlx::query_as(
        "SELECT s.credential_id, c.label, s.limit_micros, s.limit_remaining_micros, s.limit_reset \
         FROM balance_snapshot s JOIN credential c ON c.id = s.credential_id \
         WHERE s.id = (SELECT MAX(l.id) FROM balance_snapshot l WHERE l.credential_id = s.credential_id) \
         AND s.limit_micros IS NOT NULL AND s.currency = 'USD' ORDER BY c.label",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QuotaUse {
            remaining_micros: r.limit_remaining_micros.unwrap_or(r.limit_micros),
            credential_id: r.credential_id,
            label: r.label,
            limit_micros: r.limit_micros,
            reset: r.limit_reset,
        })
        .collect())
}
