//! Polling usage sources: which stored keys can report usage, one pass over all of them
//! (a few at a time, pages of one source in order), per-source cursors with a safety overlap,
//! and a status line per source. A failed source leaves the ledger as it was.

mod admin;
mod balance;

use std::time::Duration;

use chrono::{DateTime, Days, NaiveTime, Utc};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use ts_rs::TS;

use crate::credential::{Credential, Kind, Provider, Status};
use crate::ledger::Ledger;
use crate::providers::http::{FetchError, RetryPolicy};
use crate::providers::{default_base_url, guard, http_client, xai};
use crate::store::{credentials, poll_state};
use crate::vault::{SecretRead, Vault};
use crate::Result;

/// Longest failure shown for a source, in characters.
const MAX_ERROR: usize = 300;
/// Longest success note (it may carry the reasons a part of the report could not be read).
const MAX_NOTE: usize = 1200;

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
        let Some(api) = UsageApi::of(&c) else {
            return Ok(skipped(&c));
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
        let pool = vault.store().pool();
        let state = poll_state::get(pool, &source).await?;
        let today = now.date_naive().and_time(NaiveTime::MIN).and_utc();
        let from = match state.and_then(|s| s.cursor) {
            Some(cursor) => cursor - self.overlap,
            None => today - self.first_lookback,
        };
        let secret = match vault.secret_of(&c, SecretRead::Fresh).await {
            Ok(secret) => secret,
            Err(e) => return Ok(outcome(PollStatus::Failed, 0, e.to_string())),
        };
        let base = c
            .base_url
            .as_deref()
            .or(default_base_url(c.provider))
            .unwrap_or_default();
        let call = Call {
            client: &self.client,
            policy: self.policy,
            base,
            key: secret.expose(),
        };
        let ledger = Ledger::new(vault.store().clone());
        let polled = match api {
            UsageApi::OpenAI | UsageApi::Anthropic => {
                admin::poll(&call, &ledger, &c, api, from, now).await?
            }
            UsageApi::OpenRouter | UsageApi::DeepSeek => {
                balance::poll(&call, &ledger, &c, api, &source, now).await?
            }
            UsageApi::Xai => key_flags(&call, &ledger, &c, now).await?,
        };
        match polled {
            Ok(Polled { written, message }) => {
                poll_state::succeeded(pool, &source, &c.id, today, now).await?;
                tracing::info!(%source, written, "polled");
                Ok(outcome(
                    PollStatus::Ok,
                    written,
                    guard::scrub(&message, call.key, MAX_NOTE),
                ))
            }
            Err(e) => {
                let message = guard::scrub(&describe(c.provider, &e), call.key, MAX_ERROR);
                poll_state::failed(pool, &source, &c.id, &message, now).await?;
                tracing::warn!(%source, "poll failed: {message}");
                Ok(outcome(PollStatus::Failed, 0, message))
            }
        }
    }
}

/// What one source's poll needs to call its provider.
struct Call<'a> {
    client: &'a reqwest::Client,
    policy: RetryPolicy,
    base: &'a str,
    key: &'a str,
}

/// A successful poll of one source: buckets written and a sentence for its status line.
struct Polled {
    written: u64,
    message: String,
}

/// The usage sources Keyledger can poll: the admin usage APIs, and running totals (OpenRouter's
/// cumulative usage, DeepSeek's balance) that any key of those providers can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UsageApi {
    OpenAI,
    Anthropic,
    OpenRouter,
    DeepSeek,
    /// No usage API: the key's blocked / disabled flags, so a dead key is noticed.
    Xai,
}

impl UsageApi {
    fn of(c: &Credential) -> Option<Self> {
        match (c.provider, c.kind) {
            (Provider::OpenAI, Kind::Admin) => Some(UsageApi::OpenAI),
            (Provider::Anthropic, Kind::Admin) => Some(UsageApi::Anthropic),
            (Provider::OpenRouter, _) => Some(UsageApi::OpenRouter),
            (Provider::DeepSeek, _) => Some(UsageApi::DeepSeek),
            (Provider::Xai, _) => Some(UsageApi::Xai),
            _ => None,
        }
    }

    fn source_prefix(self) -> &'static str {
        match self {
            UsageApi::OpenAI => "openai-usage",
            UsageApi::Anthropic => "anthropic-usage",
            UsageApi::OpenRouter => "openrouter-key",
            UsageApi::DeepSeek => "deepseek-balance",
            UsageApi::Xai => "xai-key",
        }
    }
}

/// Reads an xAI key's flags and records it valid or invalid (as a check would).
async fn key_flags(
    call: &Call<'_>,
    ledger: &Ledger,
    c: &Credential,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Polled, FetchError>> {
    let flags = match xai::key_status(call.client, call.base, call.key, call.policy).await {
        Ok(flags) => flags,
        Err(e) => return Ok(Err(e)),
    };
    let problems = flags.problems();
    let (status, message) = if problems.is_empty() {
        (
            Status::Valid,
            "the key is active (xAI has no usage API)".to_owned(),
        )
    } else {
        (
            Status::Invalid,
            format!("xAI says {}", problems.join(" and ")),
        )
    };
    credentials::set_checked(ledger.store().pool(), &c.id, status, now).await?;
    Ok(Ok(Polled {
        written: 0,
        message,
    }))
}

fn describe(provider: Provider, e: &FetchError) -> String {
    format!("{}: {}", provider.display_name(), e.describe())
}

fn skipped(c: &Credential) -> SourceOutcome {
    let message = match c.provider {
        Provider::OpenAI => {
            "this is a project key — OpenAI's usage API needs an admin key (sk-admin-…); \
             with one stored, this key's usage shows under its name"
        }
        Provider::Anthropic => {
            "this is an API key — Anthropic's usage report needs an admin key \
             (sk-ant-admin01-…); with one stored, this key's usage shows under its name"
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
