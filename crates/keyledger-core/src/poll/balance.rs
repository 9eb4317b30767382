//! Polling running totals (OpenRouter's cumulative key usage, DeepSeek's balance): each poll
//! stores a snapshot when the figures changed, then rewrites the daily (and hourly) spend
//! buckets the new difference touches — derived from all snapshots, so a re-poll never counts
//! twice.

use chrono::{DateTime, NaiveTime, Utc};

use super::{Call, Polled, UsageApi};
use crate::credential::Credential;
use crate::ledger::Ledger;
use crate::pricing::money::micros_to_usd_string;
use crate::providers::http::FetchError;
use crate::providers::{deepseek, openrouter};
use crate::snapshot::{daily_spend, hourly_spend, Snapshot};
use crate::store::{credentials, snapshots, usage};
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};
use crate::Result;

pub(super) async fn poll(
    call: &Call<'_>,
    ledger: &Ledger,
    c: &Credential,
    api: UsageApi,
    source: &str,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Polled, FetchError>> {
    let fetched = match api {
        UsageApi::OpenRouter => openrouter_snapshot(call, now).await,
        _ => deepseek_snapshot(call, now).await,
    };
    let (snapshot, expires_at) = match fetched {
        Ok(fetched) => fetched,
        Err(e) => return Ok(Err(e)),
    };
    let pool = ledger.store().pool();
    if let Some(expires_at) = expires_at {
        credentials::set_provider_expiry(pool, &c.id, expires_at).await?;
    }
    let summary = summary(&snapshot);
    let latest = snapshots::latest(pool, source).await?;
    if latest.as_ref().is_some_and(|l| l.same_figures(&snapshot)) {
        return Ok(Ok(Polled {
            written: 0,
            message: format!("{summary}; unchanged since the last poll"),
        }));
    }
    let from_day = latest.as_ref().unwrap_or(&snapshot).taken_at.date_naive();
    let from = from_day.and_time(NaiveTime::MIN).and_utc();
    let mut tx = pool.begin().await?;
    snapshots::insert(&mut *tx, source, &c.id, &snapshot).await?;
    let (window, starts_at_first) = snapshots::since(&mut *tx, source, from).await?;
    let usd = snapshot.currency == "USD";
    let bucket = |start: DateTime<Utc>, width: Width, spent: i64| {
        // Spend in another currency is usage of unknown USD cost: unpriced, never $0.
        (usd || spent > 0).then(|| UsageBucket {
            provider: c.provider.as_str().to_owned(),
            credential_id: Some(c.id.clone()),
            account: String::new(),
            model: String::new(),
            start,
            width,
            source: UsageSource::Api,
            counts: Counts::default(),
            cost_micros: usd.then_some(spent),
            cost_source: if usd {
                CostSource::Provider
            } else {
                CostSource::Unpriced
            },
        })
    };
    let days: Vec<UsageBucket> = daily_spend(&window, starts_at_first)
        .into_iter()
        .filter(|(day, _)| *day >= from_day)
        .filter_map(|(day, spent)| {
            bucket(day.and_time(NaiveTime::MIN).and_utc(), Width::Day, spent)
        })
        .collect();
    // The same spend by hour: a finer view (not added to the days) for the user's calendar.
    let hours: Vec<UsageBucket> = hourly_spend(&window, starts_at_first)
        .into_iter()
        .filter(|(hour, spent)| *hour >= from && *spent > 0)
        .filter_map(|(hour, spent)| bucket(hour, Width::Hour, spent))
        .collect();
    usage::upsert(&mut tx, &days, now).await?;
    usage::upsert(&mut tx, &hours, now).await?;
    tx.commit().await?;
    let written = days.len() as u64;
    Ok(Ok(Polled {
        written,
        message: format!("{summary}; {written} day bucket(s) updated"),
    }))
}

async fn openrouter_snapshot(
    call: &Call<'_>,
    now: DateTime<Utc>,
) -> std::result::Result<(Snapshot, Option<DateTime<Utc>>), FetchError> {
    let (client, base, key, policy) = (call.client, call.base, call.key, call.policy);
    let info = openrouter::key_info(client, base, key, policy).await?;
    let credits = openrouter::credits_left(client, base, key, policy).await?;
    let snapshot = Snapshot {
        taken_at: now,
        currency: "USD".to_owned(),
        usage_micros: info.usage.micros(),
        day_usage_micros: info.usage_daily.and_then(|a| a.micros()),
        balance_micros: credits.or(info.limit_remaining).and_then(|a| a.micros()),
        limit_micros: info.limit.and_then(|a| a.micros()),
        limit_remaining_micros: info.limit_remaining.and_then(|a| a.micros()),
        limit_reset: info.limit_reset,
    };
    Ok((snapshot, info.expires_at))
}

async fn deepseek_snapshot(
    call: &Call<'_>,
    now: DateTime<Utc>,
) -> std::result::Result<(Snapshot, Option<DateTime<Utc>>), FetchError> {
    let balance = deepseek::balance(call.client, call.base, call.key, call.policy).await?;
    let snapshot = Snapshot {
        taken_at: now,
        currency: balance.currency,
        usage_micros: None,
        day_usage_micros: None,
        balance_micros: balance.total.micros(),
        limit_micros: None,
        limit_remaining_micros: None,
        limit_reset: None,
    };
    Ok((snapshot, None))
}

/// The figures in words: "used $25.50 in all, $74.50 left of a $100.00 monthly limit".
fn summary(s: &Snapshot) -> String {
    let money = |micros: i64| {
        let text = micros_to_usd_string(micros);
        let rounded = text
            .parse::<rust_decimal::Decimal>()
            .map(|d| d.round_dp(2).to_string())
            .unwrap_or(text);
        if s.currency == "USD" {
            format!("${rounded}")
        } else {
            format!("{rounded} {}", s.currency)
        }
    };
    let mut parts = Vec::new();
    if let Some(used) = s.usage_micros {
        parts.push(format!("used {} in all", money(used)));
    }
    match (s.limit_micros, s.limit_remaining_micros) {
        (Some(limit), Some(left)) => parts.push(format!(
            "{} left of a {}{} limit",
            money(left),
            s.limit_reset
                .as_deref()
                .map(|r| format!("{r} "))
                .unwrap_or_default(),
            money(limit)
        )),
        _ => {
            if let Some(balance) = s.balance_micros {
                parts.push(format!("balance {}", money(balance)));
            }
        }
    }
    if parts.is_empty() {
        "no figures in the answer".to_owned()
    } else {
        parts.join(", ")
    }
}
