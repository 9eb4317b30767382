//! Usage polling against local fake OpenAI and Anthropic servers that speak the documented
//! formats — pages, nulls, unknown fields, empty buckets — and fail the documented ways (401,
//! 429 with retry-after, 5xx, HTML pages, truncated JSON, timeouts). Keys live in the real
//! Secret Service (run inside scripts/session.sh); the ledger is a real SQLite file.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use keyledger_core::audit::Actor;
use keyledger_core::credential::NewCredential;
use keyledger_core::ledger::Ledger;
use keyledger_core::poll::{PollStatus, Poller, SourceOutcome};
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::secret::{ApiSecret, Keychain};
use keyledger_core::store::{poll_state, Store};
use keyledger_core::usage::{DayRange, GroupBy, UsageRow};
use keyledger_core::vault::Vault;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const OPENAI_ADMIN: &str = "sk-admin-POLLabcdefghijklmnopqrstuvwxyz0123456789";
const ANTHROPIC_ADMIN: &str = "sk-ant-admin01-POLLabcdefghijklmnopqrstuvwxyz0123AA";

fn now() -> DateTime<Utc> {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

const NOV: DayRange = DayRange {
    from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
};

struct Fixture {
    _dir: tempfile::TempDir,
    service: String,
    vault: Vault,
}

impl Fixture {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let service = format!("keyledger-poll-test-{}", uuid::Uuid::new_v4());
        let store = Store::open(&dir.path().join("k.db")).await.unwrap();
        let vault = Vault::new(store, Arc::new(Keychain::new(service.clone())), Actor::App);
        Fixture {
            _dir: dir,
            service,
            vault,
        }
    }

    async fn add(&self, key: &str, label: &str, base: &str) -> String {
        self.vault
            .add(
                NewCredential {
                    label: label.into(),
                    base_url: Some(base.into()),
                    ..Default::default()
                },
                ApiSecret::parse(key).unwrap(),
                now(),
            )
            .await
            .unwrap()
            .id
    }

    async fn poll(&self) -> Vec<SourceOutcome> {
        poller()
            .poll_all(&self.vault, now(), |_, _, _| {})
            .await
            .unwrap()
    }

    async fn usage(&self, by: GroupBy) -> Vec<UsageRow> {
        Ledger::new(self.vault.store().clone())
            .usage(NOV, by)
            .await
            .unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::process::Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
    }
}

fn poller() -> Poller {
    Poller::new(
        Duration::from_millis(800),
        RetryPolicy {
            max_retries: 3,
            min_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
    )
    .unwrap()
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
}

const OPENAI_PAGE_1: &str = r#"{"object":"page","data":[
 {"object":"bucket","start_time":1795305600,"end_time":1795392000,"results":[
  {"object":"organization.usage.completions.result","input_tokens":1000,"input_cached_tokens":400,
   "output_tokens":500,"num_model_requests":5,"model":"gpt-4o","project_id":null,"api_key_id":"key_1"},
  {"object":"organization.usage.completions.result","input_tokens":null,"input_cached_tokens":null,
   "output_tokens":null,"num_model_requests":null,"model":null,"api_key_id":null}]},
 {"object":"bucket","start_time":1795219200,"end_time":1795305600,"results":[]}],
 "has_more":true,"next_page":"page_2"}"#;
const OPENAI_PAGE_2: &str = r#"{"object":"page","data":[
 {"object":"bucket","start_time":1795219200,"end_time":1795305600,"results":[
  {"input_tokens":2000,"input_cached_tokens":null,"output_tokens":100,"num_model_requests":2,
   "model":"gpt-4o-mini","api_key_id":"key_1","service_tier":"default","brand_new_field":{"x":1}}]}],
 "has_more":false,"next_page":null}"#;

fn openai_page(n: u8) -> MockBuilder {
    let m = Mock::given(method("GET"))
        .and(path("/organization/usage/completions"))
        .and(header(
            "authorization",
            format!("Bearer {OPENAI_ADMIN}").as_str(),
        ))
        .and(query_param("bucket_width", "1d"))
        .and(query_param("group_by[]", "model"));
    if n == 1 {
        m.and(query_param_is_missing("page"))
    } else {
        m.and(query_param("page", "page_2"))
    }
}

fn assert_openai_totals(rows: &[UsageRow]) {
    let row = |model: &str| rows.iter().find(|r| r.key == model).unwrap().clone();
    let gpt = row("gpt-4o");
    assert_eq!(
        (
            gpt.input_tokens,
            gpt.cached_tokens,
            gpt.output_tokens,
            gpt.requests
        ),
        (600, 400, 500, 5),
        "input excludes the cached part"
    );
    // 600 × $2.50 + 400 × $1.25 + 500 × $10, per million.
    assert_eq!(gpt.cost_usd.as_deref(), Some("0.007000"));
    let mini = row("gpt-4o-mini");
    assert_eq!(
        (mini.input_tokens, mini.output_tokens, mini.requests),
        (2000, 100, 2)
    );
    assert_eq!(mini.cost_usd.as_deref(), Some("0.000360"));
    let unknown = row("(unknown model)");
    assert_eq!(unknown.input_tokens + unknown.output_tokens, 0);
    assert_eq!(UsageRow::total(rows).cost_usd.as_deref(), Some("0.007360"));
}

#[tokio::test]
async fn openai_usage_follows_every_page_and_a_second_poll_counts_nothing_twice() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(json(OPENAI_PAGE_1))
        .expect(2)
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(json(OPENAI_PAGE_2))
        .expect(2)
        .mount(&server)
        .await;
    let id = f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;

    let outcomes = f.poll().await;
    assert_eq!(
        outcomes[0].status,
        PollStatus::Ok,
        "{}",
        outcomes[0].message
    );
    assert_openai_totals(&f.usage(GroupBy::Model).await);
    let by_key = f.usage(GroupBy::Credential).await;
    assert_eq!(
        by_key.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["org admin"]
    );

    let second = f.poll().await;
    assert_eq!(second[0].status, PollStatus::Ok);
    assert_openai_totals(&f.usage(GroupBy::Model).await);

    let state = poll_state::get(f.vault.store().pool(), &format!("openai-usage:{id}"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.last_error, None);
    assert_eq!(
        state.cursor.unwrap().to_rfc3339(),
        "2026-11-23T00:00:00+00:00"
    );
    server.verify().await;
}

#[tokio::test]
async fn anthropic_usage_report_with_cache_creation() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    Mock::given(path("/v1/organizations/usage_report/messages"))
        .and(header("x-api-key", ANTHROPIC_ADMIN))
        .and(header("anthropic-version", "2023-06-01"))
        .and(query_param("bucket_width", "1d"))
        .respond_with(json(r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
          {"uncached_input_tokens":1000000,"cache_read_input_tokens":1000000,
           "cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":1000000},
           "server_tool_use":{"web_search_requests":0},"output_tokens":1000000,
           "model":"claude-sonnet-4-5","api_key_id":"apikey_01","workspace_id":null}]}],
          "has_more":false,"next_page":null}"#))
        .expect(1)
        .mount(&server)
        .await;
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;
    let outcomes = f.poll().await;
    assert_eq!(
        outcomes[0].status,
        PollStatus::Ok,
        "{}",
        outcomes[0].message
    );
    let rows = f.usage(GroupBy::Day).await;
    assert_eq!(rows[0].key, "2026-11-22");
    assert_eq!(
        (
            rows[0].input_tokens,
            rows[0].cached_tokens,
            rows[0].cache_write_tokens
        ),
        (1_000_000, 1_000_000, 1_000_000)
    );
    // $3 input + $0.30 cache read + $3.75 cache write + $15 output.
    assert_eq!(rows[0].cost_usd.as_deref(), Some("22.050000"));
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_until_the_answer_comes() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    openai_page(1)
        .respond_with(json(OPENAI_PAGE_1))
        .with_priority(2)
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .up_to_n_times(2)
        .with_priority(1)
        .expect(2)
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(json(OPENAI_PAGE_2))
        .with_priority(2)
        .mount(&server)
        .await;
    f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;
    let outcomes = f.poll().await;
    assert_eq!(
        outcomes[0].status,
        PollStatus::Ok,
        "{}",
        outcomes[0].message
    );
    assert_openai_totals(&f.usage(GroupBy::Model).await);
    server.verify().await;
}

async fn assert_failure(answer: ResponseTemplate, expected_calls: u64, needle: &str) {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(answer)
        .expect(expected_calls)
        .mount(&server)
        .await;
    let id = f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;
    let outcomes = f.poll().await;
    assert_eq!(outcomes[0].status, PollStatus::Failed);
    assert!(
        outcomes[0].message.contains(needle),
        "{} should say {needle}",
        outcomes[0].message
    );
    assert!(!outcomes[0].message.contains(OPENAI_ADMIN));
    assert!(
        f.usage(GroupBy::Day).await.is_empty(),
        "the ledger is unchanged"
    );
    let state = poll_state::get(f.vault.store().pool(), &format!("openai-usage:{id}"))
        .await
        .unwrap()
        .unwrap();
    assert!(state.last_error.unwrap().contains(needle));
    assert_eq!(state.cursor, None, "the cursor does not move on failure");
    server.verify().await;
}

#[tokio::test]
async fn a_rejected_key_is_not_retried_and_says_so() {
    let body = format!(r#"{{"error":{{"message":"Incorrect API key provided: {OPENAI_ADMIN}"}}}}"#);
    assert_failure(
        ResponseTemplate::new(401).set_body_raw(body, "application/json"),
        1,
        "rejected (401)",
    )
    .await;
}

#[tokio::test]
async fn html_pages_truncated_json_and_timeouts_leave_the_ledger_unchanged() {
    assert_failure(
        ResponseTemplate::new(200).set_body_raw("<!doctype html><h1>Sign in</h1>", "text/html"),
        1,
        "HTML page",
    )
    .await;
    assert_failure(json(&OPENAI_PAGE_1[..120]), 1, "invalid JSON").await;
    assert_failure(
        json(OPENAI_PAGE_1).set_delay(Duration::from_secs(3)),
        4,
        "timed out",
    )
    .await;
    assert_failure(ResponseTemplate::new(500), 4, "answered 500").await;
}

#[tokio::test]
async fn a_poll_that_dies_midway_writes_nothing_and_the_next_one_ends_with_the_same_totals() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(json(OPENAI_PAGE_1))
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(4)
        .with_priority(1)
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(json(OPENAI_PAGE_2))
        .with_priority(2)
        .mount(&server)
        .await;
    f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;

    let first = f.poll().await;
    assert_eq!(first[0].status, PollStatus::Failed);
    assert!(
        f.usage(GroupBy::Day).await.is_empty(),
        "half a poll writes nothing"
    );

    let second = f.poll().await;
    assert_eq!(second[0].status, PollStatus::Ok, "{}", second[0].message);
    assert_openai_totals(&f.usage(GroupBy::Model).await);
}

#[tokio::test]
async fn project_keys_are_skipped_with_a_reason() {
    let f = Fixture::new().await;
    f.add(
        "sk-proj-POLLabcdefghijklmnopqrstuvwxyz0123456789",
        "app key",
        "http://127.0.0.1:9",
    )
    .await;
    let outcomes = f.poll().await;
    assert_eq!(outcomes[0].status, PollStatus::Skipped);
    assert!(outcomes[0].message.contains("needs an admin key"));
}
