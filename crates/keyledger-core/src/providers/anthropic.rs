//! Anthropic's Admin API (admin keys): the messages usage report per day, grouped by
//! api_key_id and model, the daily cost report per model, every page; the key inventory.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;

use super::amount::{is_usd, Amount};
use super::http::{all_after, report_pages, FetchError, RetryPolicy};
use super::tokens::{count, TokenCount};
use super::ListedKey;
use crate::reported::ReportedCost;
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

/// A GET to the Admin API with its headers.
fn admin_get(client: &reqwest::Client, url: &str, key: &str) -> reqwest::RequestBuilder {
    client
        .get(url)
        .header("x-api-key", key)
        .header("anthropic-version", "2023-06-01")
}

#[derive(Deserialize)]
struct Bucket {
    starting_at: DateTime<Utc>,
    #[serde(default)]
    results: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    uncached_input_tokens: Option<TokenCount>,
    cache_read_input_tokens: Option<TokenCount>,
    cache_creation: Option<CacheCreation>,
    output_tokens: Option<TokenCount>,
    model: Option<String>,
    api_key_id: Option<String>,
}

#[derive(Deserialize)]
struct CacheCreation {
    ephemeral_1h_input_tokens: Option<TokenCount>,
    ephemeral_5m_input_tokens: Option<TokenCount>,
}

/// Usage per day or hour from `from` to `to`, all pages, as ledger buckets (not yet priced).
pub async fn usage(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    width: Width,
    policy: RetryPolicy,
) -> Result<Vec<UsageBucket>, FetchError> {
    let url = format!(
        "{}/v1/organizations/usage_report/messages",
        base.trim_end_matches('/')
    );
    let query = [
        (
            "starting_at",
            from.to_rfc3339_opts(SecondsFormat::Secs, true),
        ),
        ("ending_at", to.to_rfc3339_opts(SecondsFormat::Secs, true)),
        ("bucket_width", width.as_str().to_owned()),
        ("group_by[]", "api_key_id".to_owned()),
        ("group_by[]", "model".to_owned()),
        // The most buckets a page may hold at each width.
        (
            "limit",
            if width == Width::Day { "31" } else { "168" }.to_owned(),
        ),
    ];
    let pages: Vec<Bucket> =
        report_pages(|| admin_get(client, &url, key).query(&query), policy).await?;
    let mut buckets = Vec::new();
    for b in pages {
        for r in b.results {
            let cache_write = r.cache_creation.map_or(0, |c| {
                count(c.ephemeral_1h_input_tokens) + count(c.ephemeral_5m_input_tokens)
            });
            buckets.push(UsageBucket {
                provider: "anthropic".to_owned(),
                credential_id: None,
                account: r.api_key_id.unwrap_or_default(),
                model: r.model.unwrap_or_default(),
                start: b.starting_at,
                width,
                source: UsageSource::Api,
                counts: Counts {
                    input: count(r.uncached_input_tokens),
                    cached: count(r.cache_read_input_tokens),
                    cache_write,
                    output: count(r.output_tokens),
                    ..Counts::default()
                },
                cost_micros: None,
                cost_source: CostSource::Unpriced,
            });
        }
    }
    Ok(buckets)
}

#[derive(Deserialize)]
struct CostBucket {
    starting_at: DateTime<Utc>,
    #[serde(default)]
    results: Vec<CostRow>,
}

#[derive(Deserialize)]
struct CostRow {
    /// Cents, as a decimal string (`"123.45"` = $1.2345).
    amount: Amount,
    currency: Option<String>,
    model: Option<String>,
    description: Option<String>,
}

/// What the organization was billed per day from `from` to `to`, per model (all pages; the
/// report is not per key). Costs without a model (web search, code execution) keep their
/// description; amounts not in USD are left out, so those rows keep their computed cost.
pub async fn costs(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    policy: RetryPolicy,
) -> Result<Vec<ReportedCost>, FetchError> {
    let url = format!(
        "{}/v1/organizations/cost_report",
        base.trim_end_matches('/')
    );
    let query = [
        (
            "starting_at",
            from.to_rfc3339_opts(SecondsFormat::Secs, true),
        ),
        ("ending_at", to.to_rfc3339_opts(SecondsFormat::Secs, true)),
        ("group_by[]", "description".to_owned()),
        ("limit", "31".to_owned()),
    ];
    let pages: Vec<CostBucket> =
        report_pages(|| admin_get(client, &url, key).query(&query), policy).await?;
    let mut costs = Vec::new();
    for b in pages {
        for r in b.results {
            if !is_usd(r.currency.as_deref()) {
                continue;
            }
            let dollars = Amount(r.amount.0 / rust_decimal::Decimal::ONE_HUNDRED);
            let micros = dollars.micros().ok_or_else(|| {
                FetchError::BadBody(format!("cost {} cents is out of range", r.amount.0))
            })?;
            costs.push(ReportedCost {
                day: b.starting_at,
                account: None,
                model: r.model.or(r.description).unwrap_or_default(),
                micros,
            });
        }
    }
    Ok(costs)
}

#[derive(Deserialize)]
struct ApiKey {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    partial_key_hint: Option<String>,
    status: Option<String>,
    created_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
}

/// Every API key of the organization (all pages), with status and expiry, to attribute usage
/// rows and to learn when a stored key expires or was revoked.
pub async fn keys(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<Vec<ListedKey>, FetchError> {
    let url = format!("{}/v1/organizations/api_keys", base.trim_end_matches('/'));
    let keys: Vec<ApiKey> = all_after(
        |after| {
            let request = admin_get(client, &url, key).query(&[("limit", "100")]);
            match after {
                Some(a) => request.query(&[("after_id", a)]),
                None => request,
            }
        },
        policy,
    )
    .await?;
    Ok(keys
        .into_iter()
        .map(|k| ListedKey {
            id: k.id,
            name: k.name.unwrap_or_default(),
            hint: k.partial_key_hint.unwrap_or_default(),
            status: k.status,
            created_at: k.created_at,
            expires_at: k.expires_at,
            last_used_at: None,
        })
        .collect())
}
