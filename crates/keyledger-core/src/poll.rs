//! Polling usage sources: which stored keys can report usage, one pass over all of them
//! (a few at a time, pages of one source in order), per-source cursors with a safety overlap,
//! and a status line per source. A failed source leaves the ledger as it was.

use std::time::Duration;

use chrono::{DateTime, Days, NaiveTime, Utc};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use ts_rs::TS;

use crate::credential::{Credential, Kind, Provider};
use crate::ledger::Ledger;
use crate::providers::http::{FetchError, RetryPolicy};
use crate::providers::{anthropic, default_base_url, http_client, openai};
use crate::store::poll_state;
use crate::vault::Vault;
use crate::Result;

/// How a poll of one source ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PollStatus {
    Ok,
    Failed,
    /// The key cannot report usage (e.g. a project key); the message says what would.
    Skipped,
}

impl PollStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PollStatus::Ok => "ok",
            PollStatus::Failed => "failed",
            PollStatus::Skipped => "skipped",
        }
    }
}

/// The outcome of one source in a pass, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourceOutcome {
    pub source: String,
    pub credential_id: String,
    pub label: String,
    pub provider: Provider,
    pub status: PollStatus,
    /// Buckets written (new or updated).
    #[ts(type = "number")]
    pub buckets: u64,
    pub message: String,
}

/// Progress of a pass, sent to the window as each source finishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PollProgress {
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
    pub outcome: SourceOutcome,
}

/// Settings of a poll pass.
#[derive(Debug, Clone)]
pub struct Poller {
    client: reqwest::Client,
    policy: RetryPolicy,
    /// How far back the first poll of a source reaches.
    pub first_lookback: Days,
    /// How much already-fetched time each poll fetches again (late-arriving usage).
    pub overlap: Days,
    /// How many sources are polled at once.
    pub concurrency: usize,
}

impl Poller {
    pub fn new(timeout: Duration, policy: RetryPolicy) -> Result<Self> {
        Ok(Poller {
            client: http_client(timeout)?,
            policy,
            first_lookback: Days::new(30),
            overlap: Days::new(2),
            concurrency: 4,
        })
    }

    /// Polls every source once. `progress(done, total, outcome)` is called as each finishes.
    pub async fn poll_all(
        &self,
        vault: &Vault,
        now: DateTime<Utc>,
        progress: impl Fn(usize, usize, &SourceOutcome),
    ) -> Result<Vec<SourceOutcome>> {
        let credentials = vault.list().await?;
        let total = credentials.len();
        let mut outcomes = Vec::with_capacity(total);
        let mut pass = stream::iter(credentials)
            .map(|c| self.poll_one(vault, c, now))
            .buffer_unordered(self.concurrency.max(1));
        while let Some(outcome) = pass.next().await {
            let outcome = outcome?;
            progress(outcomes.len() + 1, total, &outcome);
            outcomes.push(outcome);
        }
        outcomes.sort_by(|a, b| a.label.cmp(&b.label));
        Ok(outcomes)
    }

    async fn poll_one(
        &self,
        vault: &Vault,
        c: Credential,
        now: DateTime<Utc>,
    ) -> Result<SourceOutcome> {
        let api = match (c.provider, c.kind) {
            (Provider::OpenAI, Kind::Admin) => UsageApi::OpenAI,
            (Provider::Anthropic, Kind::Admin) => UsageApi::Anthropic,
            _ => return Ok(skipped(&c)),
        };
        let source = format!("{}:{}", api.source_prefix(), c.id);
        let outcome = |status, buckets, message: String| SourceOutcome {
            source: source.clone(),
            credential_id: c.id.clone(),
            label: c.label.clone(),
            provider: c.provider,
            status,
            buckets,
            message,
        };
        let state = poll_state::get(vault.store().pool(), &source).await?;
        let today = now.date_naive().and_time(NaiveTime::MIN).and_utc();
        let from = match state.and_then(|s| s.cursor) {
            Some(cursor) => cursor - self.overlap,
            None => today - self.first_lookback,
        };
        let secret = match vault.secret_of(&c).await {
            Ok(secret) => secret,
            Err(e) => return Ok(outcome(PollStatus::Failed, 0, e.to_string())),
        };
        let base = c
            .base_url
            .as_deref()
            .or(default_base_url(c.provider))
            .unwrap_or_default();
        let (client, key, policy) = (&self.client, secret.expose(), self.policy);
        let fetched = match api {
            UsageApi::OpenAI => openai::usage(client, base, key, from, now, policy).await,
            UsageApi::Anthropic => anthropic::usage(client, base, key, from, now, policy).await,
        };
        let pool = vault.store().pool();
        match fetched {
            Ok(buckets) => {
                let buckets = buckets
                    .into_iter()
                    .map(|mut b| {
                        b.credential_id = Some(c.id.clone());
                        b
                    })
                    .collect();
                let written = Ledger::new(vault.store().clone())
                    .record(buckets, now)
                    .await?;
                poll_state::succeeded(pool, &source, &c.id, today, now).await?;
                tracing::info!(%source, written, "polled");
                Ok(outcome(
                    PollStatus::Ok,
                    written as u64,
                    format!("{written} day bucket(s) updated"),
                ))
            }
            Err(e) => {
                let message = describe(c.provider, &e).replace(secret.expose(), "<key>");
                poll_state::failed(pool, &source, &c.id, &message, now).await?;
                tracing::warn!(%source, "poll failed: {message}");
                Ok(outcome(PollStatus::Failed, 0, message))
            }
        }
    }
}

/// The usage APIs Keyledger can poll, each reached with an admin key.
#[derive(Debug, Clone, Copy)]
enum UsageApi {
    OpenAI,
    Anthropic,
}

impl UsageApi {
    fn source_prefix(self) -> &'static str {
        match self {
            UsageApi::OpenAI => "openai-usage",
            UsageApi::Anthropic => "anthropic-usage",
        }
    }
}

fn describe(provider: Provider, e: &FetchError) -> String {
    format!("{}: {}", provider.display_name(), e.describe())
}

fn skipped(c: &Credential) -> SourceOutcome {
    let message = match c.provider {
        Provider::OpenAI => {
            "this is a project key — OpenAI's usage API needs an admin key (sk-admin-…)"
        }
        Provider::Anthropic => {
            "this is an API key — Anthropic's usage report needs an admin key (sk-ant-admin01-…)"
        }
        _ => "Keyledger cannot read this provider's usage yet; its validity is still checked",
    };
    SourceOutcome {
        source: String::new(),
        credential_id: c.id.clone(),
        label: c.label.clone(),
        provider: c.provider,
        status: PollStatus::Skipped,
        buckets: 0,
        message: message.to_owned(),
    }
}
