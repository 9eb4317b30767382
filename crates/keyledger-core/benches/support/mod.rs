//! What the benchmarks share: one year × 50 credentials × 10 models of daily buckets.

#![allow(clippy::unwrap_used, clippy::print_stdout, dead_code)] // each bench uses a part

use std::time::Instant;

use chrono::{DateTime, Days, NaiveDate, Utc};
use keyledger_core::ledger::Ledger;
use keyledger_core::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

pub const MODELS: [&str; 10] = [
    "gpt-4o",
    "gpt-4o-mini",
    "o3",
    "gpt-5",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "deepseek-chat",
    "grok-3",
    "mistral-large-latest",
    "house-model",
];

/// Writes 365 days from `first` of usage by 50 provider-side keys of 10 models (182,500 rows).
pub async fn year_of_usage(ledger: &Ledger, first: NaiveDate, now: DateTime<Utc>) {
    let seeding = Instant::now();
    for day in 0..365u64 {
        let date = first + Days::new(day);
        let start = date.and_hms_opt(0, 0, 0).unwrap().and_utc();
        let mut buckets = Vec::with_capacity(500);
        for cred in 0..50 {
            for (m, model) in MODELS.iter().enumerate() {
                buckets.push(UsageBucket {
                    provider: if m < 4 { "openai" } else { "anthropic" }.into(),
                    credential_id: None,
                    account: format!("key_{cred}"),
                    model: (*model).into(),
                    start,
                    width: Width::Day,
                    source: UsageSource::Api,
                    counts: Counts {
                        input: 10_000 + (day as i64 * 7 + cred * 13) % 5_000,
                        output: 2_000 + (m as i64 * 11) % 700,
                        cached: 1_000,
                        requests: 12,
                        ..Counts::default()
                    },
                    cost_micros: None,
                    cost_source: CostSource::Unpriced,
                });
            }
        }
        ledger.record(buckets, now).await.unwrap();
    }
    println!(
        "seeded 182,500 daily buckets in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
}
