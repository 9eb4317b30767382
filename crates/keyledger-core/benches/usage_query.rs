//! Benchmark: grouped usage queries over one year × 50 credentials × 10 models of daily buckets
//! (182,500 rows), and a poll pass of 20 sources of 5 providers against fakes answering in 200 ms.
//! Run: `cargo bench -p keyledger-core --bench usage_query` (prints figures; asserts nothing).

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark binary fails loudly and prints

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{DayRange, GroupBy};

mod support;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.db")).await.unwrap();
    let ledger = Ledger::new(store);
    let first = NaiveDate::from_ymd_opt(2025, 11, 24).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();

    support::year_of_usage(&ledger, first, now).await;

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

/// 20 keys across 5 providers (4 each: OpenAI and Anthropic admin keys, OpenRouter, DeepSeek,
/// xAI) on fakes that answer every request after 200 ms. A source makes one or two requests
/// (admin keys: usage, then the key list; OpenRouter: `/key`, then `/credits`), so the longest
/// single source takes ~400 ms. Needs the Secret Service: run inside scripts/session.sh.
async fn poll_pass(now: chrono::DateTime<Utc>) {
    use keyledger_core::audit::Actor;
    use keyledger_core::credential::{NewCredential, Provider};
    use keyledger_core::keychain::Keychain;
    use keyledger_core::poll::{PollStatus, Poller};
    use keyledger_core::providers::http::RetryPolicy;
    use keyledger_core::secret::ApiSecret;
    use keyledger_core::vault::Vault;
    use wiremock::matchers::{any, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    let answer = |body: &str| {
        ResponseTemplate::new(200)
            .set_body_raw(body.to_owned(), "application/json")
            .set_delay(Duration::from_millis(200))
    };
    for (p, body) in [
        (
            "/key",
            r#"{"data":{"usage":25.5,"usage_daily":1.5,"limit":null}}"#,
        ),
        (
            "/credits",
            r#"{"data":{"total_credits":100,"total_usage":25.5}}"#,
        ),
        (
            "/user/balance",
            r#"{"balance_infos":[{"currency":"USD","total_balance":"74.50"}]}"#,
        ),
        (
            "/api-key",
            r#"{"api_key_blocked":false,"api_key_disabled":false}"#,
        ),
    ] {
        Mock::given(path(p))
            .respond_with(answer(body))
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(answer(r#"{"data":[],"has_more":false,"next_page":null}"#))
        .with_priority(2)
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
        let (key, provider) = match i % 5 {
            0 => (
                format!("sk-admin-bench{i:02}abcdefghijklmnopqrstuvwxyz0123456789"),
                None,
            ),
            1 => (
                format!("sk-ant-admin01-bench{i:02}abcdefghijklmnopqrstuvwxyz0123AA"),
                None,
            ),
            2 => (format!("sk-or-v1-{i:02}{}", "ab".repeat(31)), None),
            3 => (
                format!("sk-{i:02}{}", "cd".repeat(15)),
                Some(Provider::DeepSeek),
            ),
            _ => (
                format!("xai-bench{i:02}abcdefghijklmnopqrstuvwxyz0123456789"),
                None,
            ),
        };
        let new = NewCredential {
            provider,
            label: format!("key {i}"),
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
        assert!(
            outcomes.iter().all(|o| o.status == PollStatus::Ok),
            "{outcomes:?}"
        );
        println!(
            "poll pass, 20 sources / 5 providers × 200 ms answers, concurrency {concurrency:>2}: \
             {:>6.0} ms wall",
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
