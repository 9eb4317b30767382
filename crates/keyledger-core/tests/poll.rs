//! Usage polling against local fake OpenAI and Anthropic servers that speak the documented
//! formats — pages, nulls, unknown fields, empty buckets — and fail the documented ways (401,
//! 429 with retry-after, 5xx, HTML pages, truncated JSON, timeouts). Keys live in the real
//! Secret Service (run inside scripts/session.sh); the ledger is a real SQLite file.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use std::time::Duration;

use common::{json, Fixture};
use keyledger_core::credential::{ExpirySource, Status};
use keyledger_core::poll::PollStatus;
use keyledger_core::store::poll_state;
use keyledger_core::usage::{GroupBy, UsageRow};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const OPENAI_ADMIN: &str = "sk-admin-POLLabcdefghijklmnopqrstuvwxyz0123456789";
const OPENAI_PROJECT: &str = "sk-proj-POLLabcdefghijklmnopqrstuvwxyz0123456789T3BlbkFJWXYZ";
const ANTHROPIC_KEY: &str = "sk-ant-api03-POLLabcdefghijklmnopqrstuvwxyz0123456789-igAA";
const ANTHROPIC_ADMIN: &str = "sk-ant-admin01-POLLabcdefghijklmnopqrstuvwxyz0123AA";

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

/// Two projects' key lists, paginated by `after`: key_1 is the stored project key, key_2 is not.
async fn mount_openai_inventory(server: &MockServer) {
    Mock::given(path("/organization/projects"))
        .and(query_param_is_missing("after"))
        .respond_with(json(
            r#"{"object":"list","data":[{"id":"proj_1","object":"organization.project","name":"Default"}],
                "first_id":"proj_1","last_id":"proj_1","has_more":true}"#,
        ))
        .mount(server)
        .await;
    Mock::given(path("/organization/projects"))
        .and(query_param("after", "proj_1"))
        .respond_with(json(
            r#"{"object":"list","data":[{"id":"proj_2","object":"organization.project","name":"CI","archived_at":null}],
                "first_id":"proj_2","last_id":"proj_2","has_more":false}"#,
        ))
        .mount(server)
        .await;
    Mock::given(path("/organization/projects/proj_1/api_keys"))
        .respond_with(json(
            r#"{"object":"list","data":[{"object":"organization.project.api_key",
                "redacted_value":"sk-proj-POLL...WXYZ","name":"laptop","created_at":1790000000,
                "last_used_at":null,"id":"key_1","owner":{"type":"user"}}],
                "first_id":"key_1","last_id":"key_1","has_more":false}"#,
        ))
        .mount(server)
        .await;
    Mock::given(path("/organization/projects/proj_2/api_keys"))
        .respond_with(json(
            r#"{"object":"list","data":[{"object":"organization.project.api_key",
                "redacted_value":"sk-proj-zzzz...abcd","name":"ci-bot","created_at":1790000000,
                "id":"key_2"}],"first_id":"key_2","last_id":"key_2","has_more":false}"#,
        ))
        .mount(server)
        .await;
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
    mount_openai_inventory(&server).await;
    let id = f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;
    f.add(OPENAI_PROJECT, "laptop key", &server.uri()).await;

    let outcomes = f.poll().await;
    let admin = outcomes.iter().find(|o| o.label == "org admin").unwrap();
    assert_eq!(admin.status, PollStatus::Ok, "{}", admin.message);
    assert!(
        admin
            .message
            .contains("2 key(s) listed, 1 of them stored here"),
        "{}",
        admin.message
    );
    assert_openai_totals(&f.usage(GroupBy::Model).await);
    // key_1's usage is the stored project key's (matched by its masked form); usage without
    // a key id is the organisation's, reached through the admin key.
    let by_key = f.usage(GroupBy::Credential).await;
    let keys: Vec<(&str, Option<&str>)> = by_key
        .iter()
        .map(|r| (r.key.as_str(), r.cost_usd.as_deref()))
        .collect();
    assert_eq!(
        keys,
        [("laptop key", Some("0.007360")), ("org admin", None)]
    );

    let second = f.poll().await;
    assert!(second.iter().all(|o| o.status != PollStatus::Failed));
    assert_openai_totals(&f.usage(GroupBy::Model).await);
    assert_eq!(f.usage(GroupBy::Credential).await, by_key);

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

/// OpenAI's daily costs per key and line item, on two pages, values as numbers and strings.
const OPENAI_COSTS_1: &str = r#"{"object":"page","data":[
 {"object":"bucket","start_time":1795305600,"end_time":1795392000,"results":[
  {"object":"organization.costs.result","amount":{"value":0.0065,"currency":"usd"},
   "line_item":"gpt-4o, input","project_id":"proj_1","api_key_id":"key_1"},
  {"object":"organization.costs.result","amount":{"value":"0.0010","currency":"usd"},
   "line_item":"gpt-4o, output","project_id":"proj_1","api_key_id":"key_1"},
  {"object":"organization.costs.result","amount":{"value":0.02,"currency":"usd"},
   "line_item":"web search tool calls","project_id":null,"api_key_id":null}]}],
 "has_more":true,"next_page":"cost_2"}"#;
const OPENAI_COSTS_2: &str = r#"{"object":"page","data":[
 {"object":"bucket","start_time":1795219200,"end_time":1795305600,"results":[
  {"object":"organization.costs.result","amount":{"value":"0.0003","currency":"usd"},
   "line_item":"gpt-4o-mini, input","api_key_id":"key_1","unknown":[1,2]}]},
 {"object":"bucket","start_time":1795132800,"end_time":1795219200,"results":[]}],
 "has_more":false,"next_page":null}"#;

fn openai_costs() -> MockBuilder {
    Mock::given(method("GET"))
        .and(path("/organization/costs"))
        .and(header(
            "authorization",
            format!("Bearer {OPENAI_ADMIN}").as_str(),
        ))
        .and(query_param("group_by[]", "line_item"))
}

#[tokio::test]
async fn billed_costs_replace_computed_ones_and_survive_a_failed_cost_report() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(json(OPENAI_PAGE_1))
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(json(OPENAI_PAGE_2))
        .mount(&server)
        .await;
    mount_openai_inventory(&server).await;
    openai_costs()
        .and(query_param_is_missing("page"))
        .respond_with(json(OPENAI_COSTS_1))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    openai_costs()
        .and(query_param("page", "cost_2"))
        .respond_with(json(OPENAI_COSTS_2))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    // Later cost reports fail: the billed figures already stored must stay.
    openai_costs()
        .respond_with(ResponseTemplate::new(500))
        .with_priority(9)
        .mount(&server)
        .await;
    f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;
    f.add(OPENAI_PROJECT, "laptop key", &server.uri()).await;

    let billed = |rows: Vec<UsageRow>| -> Vec<(String, Option<String>)> {
        rows.into_iter().map(|r| (r.key, r.cost_usd)).collect()
    };
    let expected = [
        ("gpt-4o".to_owned(), Some("0.007500".to_owned())),
        ("gpt-4o-mini".to_owned(), Some("0.000300".to_owned())),
        (
            "web search tool calls".to_owned(),
            Some("0.020000".to_owned()),
        ),
    ];
    let outcomes = f.poll().await;
    let admin = outcomes.iter().find(|o| o.label == "org admin").unwrap();
    assert!(
        admin.message.contains("billed costs for 2 day(s)"),
        "{}",
        admin.message
    );
    let by_model = billed(f.usage(GroupBy::Model).await);
    // gpt-4o and gpt-4o-mini as billed, not as computed (0.007000 and 0.000360); the usage
    // row without a model has no billed cost and stays unpriced.
    assert_eq!(by_model[0], ("(unknown model)".to_owned(), None));
    assert_eq!(by_model[1..], expected);
    let by_key = billed(f.usage(GroupBy::Credential).await);
    assert_eq!(
        by_key,
        [
            ("laptop key".to_owned(), Some("0.007800".to_owned())),
            ("org admin".to_owned(), Some("0.020000".to_owned())),
        ]
    );

    let second = f.poll().await;
    let admin = second.iter().find(|o| o.label == "org admin").unwrap();
    assert_eq!(admin.status, PollStatus::Ok, "{}", admin.message);
    assert!(
        admin.message.contains("cost report could not be read"),
        "{}",
        admin.message
    );
    assert_eq!(billed(f.usage(GroupBy::Model).await), by_model);
    server.verify().await;
}

#[tokio::test]
async fn hours_since_yesterday_are_a_finer_view_that_day_totals_do_not_add_again() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_page(1)
        .respond_with(json(OPENAI_PAGE_1))
        .mount(&server)
        .await;
    openai_page(2)
        .respond_with(json(OPENAI_PAGE_2))
        .mount(&server)
        .await;
    // Hours from yesterday's midnight (2026-11-22T00:00Z), 168 to a page.
    Mock::given(path("/organization/usage/completions"))
        .and(query_param("bucket_width", "1h"))
        .and(query_param("start_time", "1795305600"))
        .and(query_param("limit", "168"))
        .respond_with(json(
            r#"{"object":"page","data":[
             {"object":"bucket","start_time":1795388400,"end_time":1795392000,"results":[
              {"input_tokens":1000,"input_cached_tokens":400,"output_tokens":500,
               "num_model_requests":5,"model":"gpt-4o","api_key_id":"key_1"}]},
             {"object":"bucket","start_time":1795392000,"end_time":1795395600,"results":[]},
             {"object":"bucket","start_time":1795424400,"end_time":1795428000,"results":[
              {"input_tokens":2000,"input_cached_tokens":0,"output_tokens":100,
               "num_model_requests":2,"model":"gpt-4o-mini","api_key_id":"key_1"}]}],
             "has_more":false,"next_page":null}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;
    let outcomes = f.poll().await;
    assert!(
        outcomes[0].message.contains("2 hourly bucket(s)"),
        "{}",
        outcomes[0].message
    );
    assert_openai_totals(&f.usage(GroupBy::Model).await);
    let hours: Vec<(String, i64, Option<String>)> = f
        .usage(GroupBy::Hour)
        .await
        .into_iter()
        .map(|r| (r.key, r.input_tokens + r.cached_tokens, r.cost_usd))
        .collect();
    assert_eq!(
        hours,
        [
            (
                "2026-11-22T23:00:00Z".to_owned(),
                1000,
                Some("0.007000".to_owned())
            ),
            (
                "2026-11-23T09:00:00Z".to_owned(),
                2000,
                Some("0.000360".to_owned())
            ),
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn anthropic_usage_report_with_cache_creation_and_the_billed_cost_report() {
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
    // The cost report is per model, in cents as decimal strings.
    Mock::given(path("/v1/organizations/cost_report"))
        .and(header("x-api-key", ANTHROPIC_ADMIN))
        .respond_with(json(r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
          {"currency":"USD","amount":"1800.25","workspace_id":null,"description":"Claude Sonnet 4.5 Usage - Input Tokens",
           "cost_type":"tokens","context_window":"0-200k","model":"claude-sonnet-4-5","service_tier":"standard","token_type":"uncached_input_tokens"},
          {"currency":"USD","amount":"200.25","workspace_id":null,"description":"Claude Sonnet 4.5 Usage - Output Tokens",
           "cost_type":"tokens","context_window":"0-200k","model":"claude-sonnet-4-5","service_tier":"standard","token_type":"output_tokens"},
          {"currency":"USD","amount":"1","workspace_id":null,"description":"Web Search",
           "cost_type":"web_search","model":null,"token_type":null}]}],
          "has_more":false,"next_page":null}"#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1/organizations/api_keys"))
        .and(header("x-api-key", ANTHROPIC_ADMIN))
        .and(query_param_is_missing("after_id"))
        .respond_with(json(r#"{"data":[{"id":"apikey_01","type":"api_key","name":"laptop",
          "partial_key_hint":"sk-ant-api03-POL...igAA","status":"archived",
          "created_at":"2026-10-01T00:00:00Z","expires_at":"2027-03-01T00:00:00Z","workspace_id":null}],
          "has_more":false,"first_id":"apikey_01","last_id":"apikey_01"}"#))
        .expect(1)
        .mount(&server)
        .await;
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;
    let key = f.add(ANTHROPIC_KEY, "laptop", &server.uri()).await;
    let outcomes = f.poll().await;
    let admin = outcomes
        .iter()
        .find(|o| o.label == "anthropic org")
        .unwrap();
    assert_eq!(admin.status, PollStatus::Ok, "{}", admin.message);
    // The provider lists the stored key as archived, with an expiry: both are taken over.
    let laptop = f.vault.resolve(&key).await.unwrap();
    assert_eq!(laptop.status, Status::Invalid);
    assert_eq!(
        laptop.expires_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2027-03-01T00:00:00+00:00")
    );
    assert_eq!(laptop.expires_source, Some(ExpirySource::Provider));
    let keys: Vec<String> = f
        .usage(GroupBy::Credential)
        .await
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(
        keys,
        ["anthropic org", "laptop"],
        "web search is the organization's"
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
    // Billed: 1800.25 + 200.25 cents for the model (computed would say $22.05), and a cent
    // of web search on a row of its own.
    assert_eq!(rows[0].cost_usd.as_deref(), Some("20.015000"));
    let models = f.usage(GroupBy::Model).await;
    let cost_of = |key: &str| {
        models
            .iter()
            .find(|r| r.key == key)
            .unwrap()
            .cost_usd
            .clone()
    };
    assert_eq!(cost_of("claude-sonnet-4-5").as_deref(), Some("20.005000"));
    assert_eq!(cost_of("Web Search").as_deref(), Some("0.010000"));
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

#[tokio::test]
async fn a_cost_billed_before_its_usage_was_reported_counts_once() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    let usage = |results: &str| {
        format!(
            r#"{{"data":[{{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[{results}]}}],"has_more":false,"next_page":null}}"#
        )
    };
    let mount = |usage_body: String| {
        let server = &server;
        async move {
            server.reset().await;
            Mock::given(path("/v1/organizations/usage_report/messages"))
                .and(query_param("bucket_width", "1d"))
                .respond_with(json(&usage_body))
                .mount(server)
                .await;
            Mock::given(path("/v1/organizations/cost_report"))
                .respond_with(json(
                    r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
                      {"currency":"USD","amount":"500","description":"Claude Sonnet 4.5 Usage","model":"claude-sonnet-4-5","token_type":"output_tokens"}]}],
                      "has_more":false,"next_page":null}"#,
                ))
                .mount(server)
                .await;
        }
    };
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;
    // The cost report already bills $5 for the model; its usage is not reported yet.
    mount(usage("")).await;
    f.poll().await;
    let day = |rows: Vec<UsageRow>| rows[0].cost_usd.clone();
    assert_eq!(
        day(f.usage(GroupBy::Day).await).as_deref(),
        Some("5.000000")
    );
    // Now the usage is there: the $5 is carried by it, not counted a second time.
    mount(usage(
        r#"{"uncached_input_tokens":1000,"output_tokens":1000,"model":"claude-sonnet-4-5","api_key_id":"apikey_9"}"#,
    ))
    .await;
    f.poll().await;
    assert_eq!(
        day(f.usage(GroupBy::Day).await).as_deref(),
        Some("5.000000")
    );
    let models = f.usage(GroupBy::Model).await;
    assert_eq!(models.len(), 1);
    assert_eq!(models[0].output_tokens, 1000);
}
