//! Benchmark: grouped usage queries over one year × 50 credentials × 10 models of daily buckets
//! (182,500 rows), and a poll pass of 20 sources against fakes answering in 200 ms.
//! Run: `cargo bench -p keyledger-core --bench usage_query` (prints figures; asserts nothing).

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark binary fails loudly and prints

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{
    CostSource, Counts, DayRange, GroupBy, UsageBucket, UsageSource, Width,
};

const MODELS: [&str; 10] = [
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

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.db")).await.unwrap();
    let ledger = Ledger::new(store);
    let first = NaiveDate::from_ymd_opt(2025, 11, 24).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();

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

    let year = DayRange {
        from: first,
        to: first + Days::new(364),
    };
    for (name, by) in [
        ("day", GroupBy::Day),
        ("provider", GroupBy::Provider),
        ("credential", GroupBy::Credential),
        ("model", GroupBy::Model),
    ] {
        ledger.usage(year, by).await.unwrap();
        let runs = 20;
        let started = Instant::now();
        for _ in 0..runs {
            ledger.usage(year, by).await.unwrap();
        }
        let per = started.elapsed() / runs;
        println!(
            "usage, one year, by {name:<10} {:>7.2} ms (mean of {runs})",
            ms(per)
        );
    }
    poll_pass(now).await;
}

/// 20 admin keys (10 OpenAI, 10 Anthropic) on fakes that answer after 200 ms. Needs the
/// Secret Service: run inside scripts/session.sh.
async fn poll_pass(now: chrono::DateTime<Utc>) {
    use keyledger_core::audit::Actor;
    use keyledger_core::credential::NewCredential;
    use keyledger_core::poll::Poller;
    use keyledger_core::providers::http::RetryPolicy;
    use keyledger_core::secret::{ApiSecret, Keychain};
    use keyledger_core::vault::Vault;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(
                    r#"{"data":[],"has_more":false,"next_page":null}"#,
                    "application/json",
                )
                .set_delay(Duration::from_millis(200)),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let service = format!("keyledger-bench-{}", std::process::id());
    let store = Store::open(&dir.path().join("poll.db")).await.unwrap();
    let vault = Vault::new(
        store,
        std::sync::Arc::new(Keychain::new(service.clone())),
        Actor::Cli,
    );
    for i in 0..20 {
        let key = if i % 2 == 0 {
            format!("sk-admin-bench{i:02}abcdefghijklmnopqrstuvwxyz0123456789")
        } else {
            format!("sk-ant-admin01-bench{i:02}abcdefghijklmnopqrstuvwxyz0123AA")
        };
        let new = NewCredential {
            label: format!("admin {i}"),
            base_url: Some(server.uri()),
            ..Default::default()
        };
        vault
            .add(new, ApiSecret::parse(&key).unwrap(), now)
            .await
            .unwrap();
    }
    for concurrency in [1, 4, 20] {
        let mut poller = Poller::new(Duration::from_secs(5), RetryPolicy::default()).unwrap();
        poller.concurrency = concurrency;
        let started = Instant::now();
        let outcomes = poller.poll_all(&vault, now, |_, _, _| {}).await.unwrap();
        assert_eq!(outcomes.len(), 20);
        println!(
            "poll pass, 20 sources × 200 ms answers, concurrency {concurrency:>2}: {:>6.0} ms wall",
            ms(started.elapsed())
        );
    }
    let _ = std::process::Command::new("secret-tool")
        .args(["clear", "service", &service])
        .status();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
