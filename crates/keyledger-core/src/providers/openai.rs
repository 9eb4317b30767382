//! OpenAI's organization usage API (admin keys): completions usage per day, grouped by
//! api_key_id and model, the daily costs per key and line item, every page; the key inventory.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::amount::{is_usd, Amount};
use super::http::{all_after, report_pages, FetchError, RetryPolicy};
use super::tokens::{count, TokenCount};
use super::ListedKey;
use crate::reported::ReportedCost;
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

#[derive(Deserialize)]
struct Bucket {
    start_time: i64,
    #[serde(default)]
    results: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    input_tokens: Option<TokenCount>,
    input_cached_tokens: Option<TokenCount>,
    output_tokens: Option<TokenCount>,
    num_model_requests: Option<TokenCount>,
    model: Option<String>,
    api_key_id: Option<String>,
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
        "{}/organization/usage/completions",
        base.trim_end_matches('/')
    );
    let query = [
        ("start_time", from.timestamp().to_string()),
        ("end_time", to.timestamp().to_string()),
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
        report_pages(|| client.get(&url).bearer_auth(key).query(&query), policy).await?;
    let mut buckets = Vec::new();
    for b in pages {
        let Some(start) = DateTime::from_timestamp(b.start_time, 0) else {
            return Err(FetchError::BadBody(format!(
                "bad start_time {}",
                b.start_time
            )));
        };
        for r in b.results {
            let input = count(r.input_tokens);
            let cached = count(r.input_cached_tokens).min(input);
            buckets.push(UsageBucket {
                provider: "openai".to_owned(),
                credential_id: None,
                account: r.api_key_id.unwrap_or_default(),
                model: r.model.unwrap_or_default(),
                start,
                width,
                source: UsageSource::Api,
                counts: Counts {
                    input: input - cached,
                    cached,
                    output: count(r.output_tokens),
                    requests: count(r.num_model_requests),
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
    start_time: i64,
    #[serde(default)]
    results: Vec<CostRow>,
}

#[derive(Deserialize)]
struct CostRow {
    amount: Option<Money>,
    line_item: Option<String>,
    api_key_id: Option<String>,
}

#[derive(Deserialize)]
struct Money {
    value: Amount,
    currency: Option<String>,
}

/// What the organization was billed per day from `from` to `to`, per key and line item (all
/// pages). A line item names the model first (`gpt-4o-2024-08-06, input`); amounts that are not
/// in USD are left out, so those rows keep their computed cost.
pub async fn costs(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    policy: RetryPolicy,
) -> Result<Vec<ReportedCost>, FetchError> {
    let url = format!("{}/organization/costs", base.trim_end_matches('/'));
    let query = [
        ("start_time", from.timestamp().to_string()),
        ("end_time", to.timestamp().to_string()),
        ("bucket_width", "1d".to_owned()),
        ("group_by[]", "api_key_id".to_owned()),
        ("group_by[]", "line_item".to_owned()),
        ("limit", "180".to_owned()),
    ];
    let pages: Vec<CostBucket> =
        report_pages(|| client.get(&url).bearer_auth(key).query(&query), policy).await?;
    let mut costs = Vec::new();
    for b in pages {
        let day = DateTime::from_timestamp(b.start_time, 0)
            .ok_or_else(|| FetchError::BadBody(format!("bad start_time {}", b.start_time)))?;
        for r in b.results {
            let Some(money) = r.amount else { continue };
            if !is_usd(money.currency.as_deref()) {
                continue;
            }
            let micros = money.value.micros().ok_or_else(|| {
                FetchError::BadBody(format!("cost {} is out of range", money.value.0))
            })?;
            let line = r.line_item.unwrap_or_default();
            let model = line.split_once(", ").map_or(line.as_str(), |(m, _)| m);
            costs.push(ReportedCost {
                day,
                account: Some(r.api_key_id.unwrap_or_default()),
                model: model.to_owned(),
                micros,
            });
        }
    }
    Ok(costs)
}

#[derive(Deserialize)]
struct Project {
    id: String,
}

#[derive(Deserialize)]
struct ProjectKey {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    redacted_value: Option<String>,
    created_at: Option<i64>,
    last_used_at: Option<i64>,
}

/// Every project key of the organization (all projects, all pages), to attribute usage rows
/// (which carry `api_key_id`) to the stored keys they were made with.
pub async fn keys(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<Vec<ListedKey>, FetchError> {
    let base = base.trim_end_matches('/');
    let list = |url: String| {
        move |after: Option<&str>| {
            let request = client.get(&url).bearer_auth(key).query(&[("limit", "100")]);
            match after {
                Some(a) => request.query(&[("after", a)]),
                None => request,
            }
        }
    };
    let projects: Vec<Project> =
        all_after(list(format!("{base}/organization/projects")), policy).await?;
    let mut listed = Vec::new();
    for project in projects {
        let url = format!("{base}/organization/projects/{}/api_keys", project.id);
        let keys: Vec<ProjectKey> = all_after(list(url), policy).await?;
        listed.extend(keys.into_iter().map(|k| ListedKey {
            id: k.id,
            name: k.name.unwrap_or_default(),
            hint: k.redacted_value.unwrap_or_default(),
            status: None,
            created_at: k.created_at.and_then(|t| DateTime::from_timestamp(t, 0)),
            expires_at: None,
            last_used_at: k.last_used_at.and_then(|t| DateTime::from_timestamp(t, 0)),
        }));
    }
    Ok(listed)
}
