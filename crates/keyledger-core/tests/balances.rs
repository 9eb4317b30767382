//! Polling running totals against local fake servers speaking the documented formats:
//! OpenRouter's `/key` (cumulative usage, today's usage, limit, expiry; `/credits` refused to a
//! plain key) and DeepSeek's `/user/balance` (string amounts, USD or CNY). Daily spend comes
//! from the differences; re-polls change nothing; top-ups are not negative spend; failures
//! write nothing. And xAI's key flags, which turn a disabled key invalid. Keys live in the
//! real Secret Service (run inside scripts/session.sh).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use chrono::{DateTime, Utc};
use common::{json, Fixture};
use keyledger_core::credential::{ExpirySource, Provider, Status};
use keyledger_core::poll::{PollStatus, SourceOutcome};
use keyledger_core::usage::{GroupBy, UsageRow};
use wiremock::matchers::{header, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OPENROUTER_KEY: &str =
    "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const DEEPSEEK_KEY: &str = "sk-0123456789abcdef0123456789abcdef";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Answers `/key` with these figures (and fields Keyledger does not know), `/credits` with 403.
async fn openrouter_says(server: &MockServer, usage: &str, daily: &str) {
    server.reset().await;
    Mock::given(path("/key"))
        .and(header("authorization", format!("Bearer {OPENROUTER_KEY}").as_str()))
        .respond_with(json(&format!(
            r#"{{"data":{{"label":"sk-or-v1-012...def","limit":100,"limit_remaining":74.5,
            "limit_reset":"monthly","usage":{usage},"usage_daily":{daily},"usage_weekly":{usage},
            "usage_monthly":{usage},"byok_usage":0,"is_free_tier":false,
            "expires_at":"2027-12-31T23:59:59Z","rate_limit":{{"requests":1000,"interval":"1h"}}}}}}"#
        )))
        .mount(server)
        .await;
    Mock::given(path("/credits"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(
            r#"{"error":{"message":"Only management keys can fetch credits"}}"#,
            "application/json",
        ))
        .mount(server)
        .await;
}

async fn deepseek_says(server: &MockServer, currency: &str, total: &str) {
    server.reset().await;
    Mock::given(path("/user/balance"))
        .and(header(
            "authorization",
            format!("Bearer {DEEPSEEK_KEY}").as_str(),
        ))
        .respond_with(json(&format!(
            r#"{{"is_available":true,"balance_infos":[{{"currency":"{currency}",
            "total_balance":"{total}","granted_balance":"0.00","topped_up_balance":"{total}"}}]}}"#
        )))
        .mount(server)
        .await;
}

fn ok(outcomes: &[SourceOutcome]) -> &SourceOutcome {
    let o = &outcomes[0];
    assert_eq!(o.status, PollStatus::Ok, "{}", o.message);
    o
}

fn costs(rows: &[UsageRow]) -> Vec<(&str, Option<&str>)> {
    rows.iter()
        .map(|r| (r.key.as_str(), r.cost_usd.as_deref()))
        .collect()
}

#[tokio::test]
async fn openrouter_spend_per_day_comes_from_cumulative_usage() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openrouter_says(&server, "25.5", "2.5").await;
    let id = f.add(OPENROUTER_KEY, "router", &server.uri()).await;

    let first = f.poll_at(at("2026-11-20T10:00:00Z")).await;
    assert!(
        ok(&first)
            .message
            .contains("$74.50 left of a monthly $100.00 limit"),
        "{}",
        first[0].message
    );
    // The first poll knows only today's spend so far.
    assert_eq!(
        costs(&f.usage(GroupBy::Day).await),
        [("2026-11-20", Some("2.500000"))]
    );
    let key = f.vault.resolve(&id).await.unwrap();
    assert_eq!(
        key.expires_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2027-12-31T23:59:59+00:00")
    );
    assert_eq!(key.expires_source, Some(ExpirySource::Provider));

    let again = f.poll_at(at("2026-11-20T10:15:00Z")).await;
    assert!(ok(&again).message.contains("unchanged"));
    assert_eq!(
        costs(&f.usage(GroupBy::Day).await),
        [("2026-11-20", Some("2.500000"))]
    );

    openrouter_says(&server, "27.0", "4.0").await;
    ok(&f.poll_at(at("2026-11-20T18:00:00Z")).await);
    // $1.00 more before midnight, $0.25 after it.
    openrouter_says(&server, "28.25", "0.25").await;
    ok(&f.poll_at(at("2026-11-21T00:30:00Z")).await);
    ok(&f.poll_at(at("2026-11-21T00:45:00Z")).await);
    let days = f.usage(GroupBy::Day).await;
    assert_eq!(
        costs(&days),
        [
            ("2026-11-20", Some("5.000000")),
            ("2026-11-21", Some("0.250000"))
        ]
    );
    assert!(days.iter().all(|d| d.priced));
    assert_eq!(
        costs(&f.usage(GroupBy::Credential).await),
        [("router", Some("5.250000"))]
    );
}

#[tokio::test]
async fn deepseek_balance_decreases_are_spend_and_top_ups_are_not() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    f.add_as(
        DEEPSEEK_KEY,
        "deepseek",
        &server.uri(),
        Some(Provider::DeepSeek),
    )
    .await;
    for (t, total) in [
        ("2026-11-20T08:00:00Z", "110.00"),
        ("2026-11-20T09:00:00Z", "107.50"),
        ("2026-11-20T10:00:00Z", "207.50"), // a $100 top-up
        ("2026-11-22T10:00:00Z", "206.00"),
        ("2026-11-22T11:00:00Z", "206.00"),
    ] {
        deepseek_says(&server, "USD", total).await;
        let outcome = f.poll_at(at(t)).await;
        assert!(ok(&outcome).message.contains(&format!("balance ${total}")));
    }
    assert_eq!(
        costs(&f.usage(GroupBy::Day).await),
        [
            ("2026-11-20", Some("2.500000")),
            ("2026-11-22", Some("1.500000"))
        ]
    );
    assert_eq!(
        costs(&f.usage(GroupBy::Provider).await),
        [("deepseek", Some("4.000000"))]
    );
    // The same spend by the hour of the poll that saw it, for the user's calendar.
    assert_eq!(
        costs(&f.usage(GroupBy::Hour).await),
        [
            ("2026-11-20T09:00:00Z", Some("2.500000")),
            ("2026-11-22T10:00:00Z", Some("1.500000"))
        ]
    );
}

#[tokio::test]
async fn spend_in_another_currency_is_unpriced_not_zero() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    f.add_as(
        DEEPSEEK_KEY,
        "deepseek",
        &server.uri(),
        Some(Provider::DeepSeek),
    )
    .await;
    deepseek_says(&server, "CNY", "110.00").await;
    ok(&f.poll_at(at("2026-11-20T08:00:00Z")).await);
    deepseek_says(&server, "CNY", "100.00").await;
    let outcome = f.poll_at(at("2026-11-20T09:00:00Z")).await;
    assert!(ok(&outcome).message.contains("balance 100.00 CNY"));
    let rows = f.usage(GroupBy::Day).await;
    assert_eq!(costs(&rows), [("2026-11-20", None)]);
    assert!(!rows[0].priced, "CNY spend has no USD price");
}

#[tokio::test]
async fn a_rejected_or_broken_answer_writes_nothing_and_says_why() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    f.add(OPENROUTER_KEY, "router", &server.uri()).await;
    let cases = [
        (
            ResponseTemplate::new(401).set_body_raw(
                r#"{"error":{"message":"No auth credentials found","code":401}}"#,
                "application/json",
            ),
            "rejected (401): No auth credentials found",
        ),
        (
            ResponseTemplate::new(200).set_body_raw("<html>Cloudflare</html>", "text/html"),
            "HTML page",
        ),
        (json(r#"{"data":{"usage":"lots"}}"#), "not an amount"),
        (json(r#"{"data":{"usage":25.5,"lim"#), "invalid JSON"),
    ];
    for (answer, needle) in cases {
        server.reset().await;
        Mock::given(path("/key"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let outcome = &f.poll_at(at("2026-11-20T10:00:00Z")).await[0];
        assert_eq!(outcome.status, PollStatus::Failed);
        assert!(outcome.message.contains(needle), "{}", outcome.message);
        assert!(!outcome.message.contains(OPENROUTER_KEY));
    }
    assert!(f.usage(GroupBy::Day).await.is_empty());
}

#[tokio::test]
async fn an_xai_key_the_provider_disabled_turns_invalid_at_the_next_poll() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    let key = "xai-POLLabcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01";
    let id = f.add(key, "grok", &server.uri()).await;
    for (disabled, status, needle) in [
        ("false", Status::Valid, "the key is active"),
        ("true", Status::Invalid, "xAI says the key is disabled"),
    ] {
        server.reset().await;
        Mock::given(path("/api-key"))
            .and(header("authorization", format!("Bearer {key}").as_str()))
            .respond_with(json(&format!(
                r#"{{"redacted_api_key":"xai-...z01","user_id":"u1","name":"grok","team_id":"t1",
                "api_key_blocked":false,"api_key_disabled":{disabled},"team_blocked":false}}"#
            )))
            .expect(1)
            .mount(&server)
            .await;
        let outcome = f.poll_at(at("2026-11-20T10:00:00Z")).await;
        assert!(
            ok(&outcome).message.contains(needle),
            "{}",
            outcome[0].message
        );
        let c = f.vault.resolve(&id).await.unwrap();
        assert_eq!(c.status, status);
        assert_eq!(c.last_checked_at, Some(at("2026-11-20T10:00:00Z")));
    }
}
