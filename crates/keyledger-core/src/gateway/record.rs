//! What the gateway writes: each metered request's tokens into the ledger (source `gateway`,
//! hourly and daily buckets, priced like the rest), and each key's newest rate-limit headers.
//! Requests are written in batches by one task, so a busy gateway does not wait on the disk.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Utc};
use hyper::header::HeaderMap;
use tokio::sync::mpsc;

use super::meter::Metered;
use crate::credential::Provider;
use crate::ledger::Ledger;
use crate::plan::{window_name, Origin, PlanSource, Reading};
use crate::store::{gateway as store, usage as usage_store, Store};
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};
use crate::Result;

/// The model a request is recorded under when its tokens are unknown (the client left, or the
/// answer could not be read): unpriced, so its cost shows as unknown, never as $0.
pub const UNKNOWN_TOKENS: &str = "(tokens unknown)";

/// Writes at most this many requests in one transaction.
const BATCH: usize = 512;

/// One request as the gateway saw it.
#[derive(Debug)]
pub struct Record {
    pub provider: Provider,
    /// The stored key it went out with; none for a key Keyledger does not hold.
    pub credential: Option<String>,
    /// For a key not stored here: its masked form.
    pub account: String,
    /// The model the request named.
    pub model: Option<String>,
    pub status: u16,
    pub started: Instant,
    /// The answer's rate-limit headers, as JSON.
    pub limits: Option<String>,
    /// What the answer said it used; none when only the limits are kept.
    pub metered: Option<Metered>,
    /// Claude's plan windows, when the answer's headers carried them.
    pub plan: Vec<Reading>,
}

/// The answer's rate-limit headers (`x-ratelimit-*`, `anthropic-ratelimit-*`, `retry-after`) as
/// a JSON object, or none when it has none.
pub fn rate_limits(headers: &HeaderMap) -> Option<String> {
    let found = crate::providers::check::rate_limit_headers(headers);
    (!found.is_empty()).then(|| serde_json::to_string(&found).unwrap_or_default())
}

/// The plan windows Anthropic's answers to subscription traffic carry:
/// `anthropic-ratelimit-unified-{5h,7d}-{utilization,reset}` (a 0–1 fraction, epoch seconds), as
/// readings of Claude's 5-hour and weekly windows seen `now`.
pub fn plan_readings(headers: &HeaderMap, now: DateTime<Utc>) -> Vec<Reading> {
    let value = |name: String| {
        headers
            .get(name.as_str())?
            .to_str()
            .ok()?
            .trim()
            .parse::<f64>()
            .ok()
    };
    [("5h", 300), ("7d", 10_080)]
        .into_iter()
        .filter_map(|(window, minutes)| {
            let used = value(format!("anthropic-ratelimit-unified-{window}-utilization"))?;
            let reset = value(format!("anthropic-ratelimit-unified-{window}-reset"))
                .and_then(|s| DateTime::from_timestamp(s as i64, 0));
            Reading::new(
                PlanSource::Claude,
                window_name(minutes),
                Some(minutes),
                used * 100.0,
                reset,
                now,
                Origin::Endpoint,
            )
        })
        .collect()
}

/// Hands records to the writer task.
#[derive(Debug, Clone)]
pub struct Recorder {
    tx: mpsc::UnboundedSender<Record>,
}

impl Recorder {
    /// Starts the writer for `store`; it ends when every `Recorder` is dropped, after writing
    /// what it was given.
    pub fn start(store: Store) -> (Self, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let task = tokio::spawn(write_all(store, rx));
        (Recorder { tx }, task)
    }

    pub fn send(&self, record: Record) {
        if self.tx.send(record).is_err() {
            tracing::warn!("the gateway's writer has stopped; a request was not recorded");
        }
    }

    /// Keeps only the answer's rate-limit headers (an endpoint that reports no usage, an error).
    pub fn limits_only(&self, mut record: Record) {
        if (record.limits.is_some() && record.credential.is_some()) || !record.plan.is_empty() {
            record.metered = None;
            self.send(record);
        }
    }
}

async fn write_all(store: Store, mut rx: mpsc::UnboundedReceiver<Record>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        if let Err(e) = write(&store, &batch, crate::clock::now()).await {
            tracing::warn!(
                requests = batch.len(),
                "the gateway could not record requests: {e}"
            );
        }
        batch.clear();
    }
}

fn buckets(r: &Record, now: DateTime<Utc>) -> Vec<UsageBucket> {
    let Some(metered) = &r.metered else {
        return Vec::new();
    };
    let (model, counts) = match metered.counts {
        Some(counts) => (
            metered
                .model
                .clone()
                .or_else(|| r.model.clone())
                .unwrap_or_else(|| UNKNOWN_TOKENS.to_owned()),
            counts,
        ),
        None => (
            UNKNOWN_TOKENS.to_owned(),
            Counts {
                requests: 1,
                ..Counts::default()
            },
        ),
    };
    let t = now.timestamp();
    let hour = DateTime::from_timestamp(t - t.rem_euclid(3600), 0).unwrap_or(now);
    let day = DateTime::from_timestamp(t - t.rem_euclid(86_400), 0).unwrap_or(now);
    [(hour, Width::Hour), (day, Width::Day)]
        .into_iter()
        .map(|(start, width)| UsageBucket {
            provider: r.provider.as_str().to_owned(),
            credential_id: r.credential.clone(),
            account: r.account.clone(),
            model: model.clone(),
            start,
            width,
            source: UsageSource::Gateway,
            counts,
            cost_micros: None,
            cost_source: CostSource::Unpriced,
        })
        .collect()
}

/// A bucket's identity in the ledger: provider, key, account, model, start, width.
type Identity = (String, Option<String>, String, String, DateTime<Utc>, Width);

async fn write(store: &Store, batch: &[Record], now: DateTime<Utc>) -> Result<()> {
    let prices = Ledger::new(store.clone()).prices().await?;
    // Requests of one key, model and hour are one bucket: summed here, then added to the ledger.
    let mut summed: BTreeMap<Identity, UsageBucket> = BTreeMap::new();
    for b in batch.iter().flat_map(|r| buckets(r, now)) {
        let key = (
            b.provider.clone(),
            b.credential_id.clone(),
            b.account.clone(),
            b.model.clone(),
            b.start,
            b.width,
        );
        match summed.get_mut(&key) {
            Some(s) => s.counts.add(&b.counts),
            None => {
                summed.insert(key, b);
            }
        }
    }
    let buckets: Vec<UsageBucket> = summed.into_values().collect();
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    usage_store::add(&mut tx, &buckets, &prices, now).await?;
    for r in batch {
        if let (Some(id), Some(limits)) = (&r.credential, &r.limits) {
            store::set_limits(&mut *tx, id, r.provider.as_str(), limits, now).await?;
        }
    }
    let readings: Vec<Reading> = batch.iter().flat_map(|r| r.plan.iter().cloned()).collect();
    crate::store::plan_windows::add(&mut tx, &readings).await?;
    tx.commit().await?;
    for r in batch {
        tracing::debug!(
            provider = r.provider.as_str(),
            status = r.status,
            ms = r.started.elapsed().as_millis() as u64,
            "gateway request"
        );
    }
    Ok(())
}
