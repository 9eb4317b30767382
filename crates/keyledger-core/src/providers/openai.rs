//! OpenAI's organization usage API (admin keys): completions usage per day, grouped by
//! api_key_id and model, every page.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::http::{all_pages, FetchError, RetryPolicy};
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

#[derive(Deserialize)]
struct Bucket {
    start_time: i64,
    #[serde(default)]
    results: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    input_tokens: Option<i64>,
    input_cached_tokens: Option<i64>,
    output_tokens: Option<i64>,
    num_model_requests: Option<i64>,
    model: Option<String>,
    api_key_id: Option<String>,
}

/// Daily usage from `from` to `to`, all pages, as ledger buckets (not yet priced).
pub async fn usage(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    policy: RetryPolicy,
) -> Result<Vec<UsageBucket>, FetchError> {
    let url = format!(
        "{}/organization/usage/completions",
        base.trim_end_matches('/')
    );
    let query = [
        ("start_time", from.timestamp().to_string()),
        ("end_time", to.timestamp().to_string()),
        ("bucket_width", "1d".to_owned()),
        ("group_by[]", "api_key_id".to_owned()),
        ("group_by[]", "model".to_owned()),
        ("limit", "31".to_owned()),
    ];
    let pages: Vec<Bucket> = all_pages(
        |page| {
            let request = client.get(&url).bearer_auth(key).query(&query);
            match page {
                Some(p) => request.query(&[("page", p)]),
                None => request,
            }
        },
        policy,
    )
    .await?;
    let mut buckets = Vec::new();
    for b in pages {
        let Some(start) = DateTime::from_timestamp(b.start_time, 0) else {
            return Err(FetchError::BadBody(format!(
                "bad start_time {}",
                b.start_time
            )));
        };
        for r in b.results {
            let input = r.input_tokens.unwrap_or(0);
            let cached = r.input_cached_tokens.unwrap_or(0).min(input);
            buckets.push(UsageBucket {
                provider: "openai".to_owned(),
                credential_id: None,
                account: r.api_key_id.unwrap_or_default(),
                model: r.model.unwrap_or_default(),
                start,
                width: Width::Day,
                source: UsageSource::Api,
                counts: Counts {
                    input: input - cached,
                    cached,
                    output: r.output_tokens.unwrap_or(0),
                    requests: r.num_model_requests.unwrap_or(0),
                    ..Counts::default()
                },
                cost_micros: None,
                cost_source: CostSource::Unpriced,
            });
        }
    }
    Ok(buckets)
}
