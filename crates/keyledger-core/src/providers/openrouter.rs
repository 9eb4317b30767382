//! OpenRouter (any key): `/key` — cumulative usage, today's usage, the key's spending limit and
//! expiry — and `/credits` for the account balance, falling back to the key's remaining limit
//! when the key may not read credits (401/403).

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::amount::Amount;
use super::http::{get_json, FetchError, RetryPolicy};

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

/// What `/key` says about the key.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyInfo {
    /// Cumulative spend of the key in USD.
    pub usage: Amount,
    /// Spend today (UTC) in USD.
    pub usage_daily: Option<Amount>,
    /// The key's spending cap in USD; `None` when it has none.
    pub limit: Option<Amount>,
    pub limit_remaining: Option<Amount>,
    /// `daily`, `weekly`, `monthly` or none.
    pub limit_reset: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct Credits {
    total_credits: Amount,
    total_usage: Amount,
}

/// The key's usage, limit and expiry.
pub async fn key_info(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<KeyInfo, FetchError> {
    let url = format!("{}/key", base.trim_end_matches('/'));
    let body: Envelope<KeyInfo> = get_json(|| client.get(&url).bearer_auth(key), policy).await?;
    Ok(body.data)
}

/// The account's remaining credit in USD (`total_credits - total_usage`), or `None` when this
/// key may not read it (then the key's own `limit_remaining` is the best figure there is).
pub async fn credits_left(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<Option<Amount>, FetchError> {
    let url = format!("{}/credits", base.trim_end_matches('/'));
    match get_json::<Envelope<Credits>>(|| client.get(&url).bearer_auth(key), policy).await {
        Ok(body) => Ok(Some(Amount(
            body.data.total_credits.0 - body.data.total_usage.0,
        ))),
        Err(FetchError::Status {
            code: 401 | 403, ..
        }) => Ok(None),
        Err(e) => Err(e),
    }
}
