//! Bills replace estimates, never add to them: fake OpenAI and Anthropic admin APIs whose cost
//! reports name models otherwise than their usage reports, polled twice. For every day the cost
//! report covers, the day's total is the bill to the micro-dollar; Claude Code's estimate of a
//! billed day is shown beside the bill with its drift, and budgets count the bill. Keys live in the real Secret
//! Service (run inside scripts/session.sh); the ledger is a real SQLite file.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;
#[path = "support/log_fixtures.rs"]
mod fixtures;

use chrono::NaiveDate;
use common::{json, Fixture};
use keyledger_core::agent_logs::{ingest, Agent, SourceDir};
use keyledger_core::alerts::budget::BudgetScope;
use keyledger_core::credential::Provider;
use keyledger_core::spend::local_use;
use keyledger_core::usage::{GroupBy, UsageRow};
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

const OPENAI_ADMIN: &str = "sk-admin-BILLabcdefghijklmnopqrstuvwxyz0123456789";
const ANTHROPIC_ADMIN: &str = "sk-ant-admin01-BILLabcdefghijklmnopqrstuvwxyz0123AA";

fn cost_of(rows: &[UsageRow], key: &str) -> Option<String> {
    rows.iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key} in {rows:?}"))
        .cost_usd
        .clone()
}

/// Usage of dated snapshots on 22 Nov (two keys) and 21 Nov; costs per key with undated line
/// items for 22 Nov only, plus a web search line that matches no usage.
async fn openai_admin(server: &MockServer) {
    Mock::given(path("/organization/usage/completions"))
        .and(query_param("bucket_width", "1d"))
        .respond_with(json(
            r#"{"object":"page","data":[
             {"object":"bucket","start_time":1795305600,"end_time":1795392000,"results":[
              {"input_tokens":1000000,"input_cached_tokens":0,"output_tokens":100000,"num_model_requests":40,
               "model":"gpt-4.1-mini-2025-04-14","api_key_id":"key_a"},
              {"input_tokens":500000,"input_cached_tokens":0,"output_tokens":10000,"num_model_requests":9,
               "model":"gpt-4.1-mini-2025-04-14","api_key_id":"key_b"},
              {"input_tokens":200000,"input_cached_tokens":0,"output_tokens":1000,"num_model_requests":3,
               "model":"gpt-4.1-2025-04-14","api_key_id":"key_b"}]},
             {"object":"bucket","start_time":1795219200,"end_time":1795305600,"results":[
              {"input_tokens":1000000,"input_cached_tokens":0,"output_tokens":0,"num_model_requests":5,
               "model":"gpt-4.1-mini-2025-04-14","api_key_id":"key_a"}]}],
             "has_more":false,"next_page":null}"#,
        ))
        .mount(server)
        .await;
    Mock::given(path("/organization/usage/completions"))
        .and(query_param("bucket_width", "1h"))
        .respond_with(json(
            r#"{"object":"page","data":[],"has_more":false,"next_page":null}"#,
        ))
        .mount(server)
        .await;
    Mock::given(path("/organization/costs"))
        .respond_with(json(
            r#"{"object":"page","data":[
             {"object":"bucket","start_time":1795305600,"end_time":1795392000,"results":[
              {"object":"organization.costs.result","amount":{"value":0.35,"currency":"usd"},
               "line_item":"gpt-4.1-mini, input","project_id":"proj_1","api_key_id":"key_a"},
              {"object":"organization.costs.result","amount":{"value":"0.12","currency":"usd"},
               "line_item":"gpt-4.1-mini, output","project_id":"proj_1","api_key_id":"key_a"},
              {"object":"organization.costs.result","amount":{"value":"0.2111","currency":"usd"},
               "line_item":"gpt-4.1-mini, input","project_id":"proj_1","api_key_id":"key_b"},
              {"object":"organization.costs.result","amount":{"value":0.025,"currency":"usd"},
               "line_item":"web search tool calls","project_id":null,"api_key_id":null}]},
             {"object":"bucket","start_time":1795219200,"end_time":1795305600,"results":[]}],
             "has_more":false,"next_page":null}"#,
        ))
        .expect(2)
        .mount(server)
        .await;
    for (p, body) in [
        (
            "/organization/projects",
            r#"{"object":"list","data":[],"has_more":false}"#,
        ),
        (
            "/organization/projects/proj_1/api_keys",
            r#"{"object":"list","data":[],"has_more":false}"#,
        ),
    ] {
        Mock::given(path(p))
            .and(query_param_is_missing("after"))
            .respond_with(json(body))
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn an_openai_bill_with_undated_line_items_is_the_days_total_and_a_second_poll_changes_nothing(
) {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    openai_admin(&server).await;
    f.add(OPENAI_ADMIN, "org admin", &server.uri()).await;

    f.poll().await;
    let days = f.usage(GroupBy::Day).await;
    // 22 Nov is billed: 0.35 + 0.12 + 0.2111 + 0.025. key_b's gpt-4.1 is on no line of that
    // day's bill, so it is part of it, not added on top.
    assert_eq!(cost_of(&days, "2026-11-22").as_deref(), Some("0.706100"));
    // 21 Nov is not billed: 1M input tokens of gpt-4.1-mini at $0.40 per million, computed.
    assert_eq!(cost_of(&days, "2026-11-21").as_deref(), Some("0.400000"));

    let models = f.usage(GroupBy::Model).await;
    let names: Vec<&str> = models.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        names,
        [
            "gpt-4.1-2025-04-14",
            "gpt-4.1-mini-2025-04-14",
            "web search tool calls"
        ],
        "the billed alias is no row of its own"
    );
    assert_eq!(
        cost_of(&models, "gpt-4.1-mini-2025-04-14").as_deref(),
        Some("1.081100"),
        "0.35 + 0.12 + 0.2111 billed on 22 Nov, 0.40 computed on 21 Nov"
    );
    // gpt-4.1 is part of the bill ($0 of its own) and shown as the estimate it is:
    // 200k × $2 + 1k × $8 per million.
    let gpt41 = models
        .iter()
        .find(|r| r.key == "gpt-4.1-2025-04-14")
        .unwrap();
    assert_eq!(
        (
            gpt41.cost_usd.as_deref(),
            gpt41.in_bill_estimate_usd.as_deref()
        ),
        (Some("0.000000"), Some("0.408000"))
    );

    f.poll().await;
    assert_eq!(f.usage(GroupBy::Day).await, days);
    assert_eq!(f.usage(GroupBy::Model).await, models);
    server.verify().await;
}

/// The parts of Anthropic's Admin API these tests do not look at: no hours, no listed keys.
async fn mount_anthropic_rest(server: &MockServer) {
    Mock::given(path("/v1/organizations/usage_report/messages"))
        .and(query_param("bucket_width", "1h"))
        .respond_with(json(r#"{"data":[],"has_more":false,"next_page":null}"#))
        .mount(server)
        .await;
    Mock::given(path("/v1/organizations/api_keys"))
        .respond_with(json(
            r#"{"data":[],"has_more":false,"first_id":null,"last_id":null}"#,
        ))
        .mount(server)
        .await;
}

#[tokio::test]
async fn an_anthropic_bill_by_token_type_is_the_providers_total() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    Mock::given(path("/v1/organizations/usage_report/messages"))
        .and(query_param("bucket_width", "1d"))
        .respond_with(json(
            r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
          {"uncached_input_tokens":100000,"cache_read_input_tokens":2000000,
           "cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":300000},
           "output_tokens":40000,"model":"claude-sonnet-4-5-20250929","api_key_id":"apikey_01"},
          {"uncached_input_tokens":5000,"cache_read_input_tokens":100000,
           "cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":20000},
           "output_tokens":3000,"model":"claude-opus-4-1-20250805","api_key_id":"apikey_01"},
          {"uncached_input_tokens":50000,"cache_read_input_tokens":0,"cache_creation":null,
           "output_tokens":10000,"model":"claude-haiku-4-5-20251001","api_key_id":"apikey_02"}]}],
          "has_more":false,"next_page":null}"#,
        ))
        .mount(&server)
        .await;
    // Every model billed by token type, in cents as decimal strings; the models named by
    // their aliases.
    let line = |model: &str, token_type: &str, cents: &str| {
        format!(
            r#"{{"currency":"USD","amount":"{cents}","workspace_id":null,"description":"{model} {token_type}",
                "cost_type":"tokens","context_window":"0-200k","model":"{model}","service_tier":"standard","token_type":"{token_type}"}}"#
        )
    };
    let mut lines = Vec::new();
    for (model, cents) in [
        ("claude-sonnet-4-5", ["30", "60", "112.5", "60"]),
        ("claude-opus-4-1", ["7.5", "15", "37.5", "22.5"]),
        ("claude-haiku-4-5", ["5", "0", "0", "5.01"]),
    ] {
        for (token_type, c) in [
            "uncached_input_tokens",
            "cache_read_input_tokens",
            "cache_creation.ephemeral_5m_input_tokens",
            "output_tokens",
        ]
        .into_iter()
        .zip(cents)
        {
            lines.push(line(model, token_type, c));
        }
    }
    Mock::given(path("/v1/organizations/cost_report"))
        .respond_with(json(&format!(
            r#"{{"data":[{{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[{}]}}],
               "has_more":false,"next_page":null}}"#,
            lines.join(",")
        )))
        .expect(2)
        .mount(&server)
        .await;
    mount_anthropic_rest(&server).await;
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;

    f.poll().await;
    let bill = "3.550100"; // the twelve lines above, in dollars
    let providers = f.usage(GroupBy::Provider).await;
    assert_eq!(cost_of(&providers, "anthropic").as_deref(), Some(bill));
    let models = f.usage(GroupBy::Model).await;
    assert_eq!(
        models
            .iter()
            .map(|r| (r.key.as_str(), r.cost_usd.as_deref()))
            .collect::<Vec<_>>(),
        [
            ("claude-haiku-4-5-20251001", Some("0.100100")),
            ("claude-opus-4-1-20250805", Some("0.825000")),
            ("claude-sonnet-4-5-20250929", Some("2.625000")),
        ]
    );

    f.poll().await;
    assert_eq!(f.usage(GroupBy::Provider).await, providers);
    assert_eq!(f.usage(GroupBy::Model).await, models);
    server.verify().await;
}

/// Claude Code's first log: 22 Nov estimated at 100k × $3 + 100k × $15 = $1.80; 21 Nov, never
/// billed, at 10k × $3 = $0.03.
const FIRST_LOGS: &[(&str, &str, i64, i64)] = &[
    ("2026-11-22T09:00:00.000Z", "m1", 60_000, 100_000),
    ("2026-11-22T10:00:00.000Z", "m2", 40_000, 0),
    ("2026-11-21T09:00:00.000Z", "m3", 10_000, 0),
];

/// Writes Claude Code lines (one request each: day, id, input, output) and reads them in.
async fn import_claude(
    f: &Fixture,
    dir: &std::path::Path,
    file: &str,
    lines: &[(&str, &str, i64, i64)],
) {
    let text: String = lines
        .iter()
        .map(|(ts, id, input, output)| {
            fixtures::claude_assistant(
                ts,
                id,
                &format!("req_{id}"),
                "claude-sonnet-4-5-20250929",
                *input,
                *output,
                0,
                0,
                10,
            ) + "\n"
        })
        .collect();
    let path = dir.join("projects/app").join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    let dirs = [SourceDir {
        agent: Agent::ClaudeCode,
        path: dir.join("projects"),
        default: false,
        exists: true,
    }];
    ingest(f.vault.store(), &dirs, common::now(), |_| {})
        .await
        .unwrap();
}

#[tokio::test]
async fn claude_codes_estimate_of_a_billed_day_is_shown_beside_the_bill_and_budgets_count_the_bill()
{
    let f = Fixture::new().await;
    let logs = tempfile::tempdir().unwrap();
    let server = MockServer::start().await;
    Mock::given(path("/v1/organizations/usage_report/messages"))
        .and(query_param("bucket_width", "1d"))
        .respond_with(json(
            r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
          {"uncached_input_tokens":100000,"cache_read_input_tokens":0,"cache_creation":null,
           "output_tokens":100000,"model":"claude-sonnet-4-5-20250929","api_key_id":"apikey_01"}]}],
          "has_more":false,"next_page":null}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(path("/v1/organizations/cost_report"))
        .respond_with(json(
            r#"{"data":[{"starting_at":"2026-11-22T00:00:00Z","ending_at":"2026-11-23T00:00:00Z","results":[
          {"currency":"USD","amount":"200","description":"Claude Sonnet 4.5 Usage","cost_type":"tokens",
           "model":"claude-sonnet-4-5","token_type":"output_tokens"}]}],
          "has_more":false,"next_page":null}"#,
        ))
        .mount(&server)
        .await;
    mount_anthropic_rest(&server).await;
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;

    // The logs first.
    import_claude(&f, logs.path(), "a.jsonl", FIRST_LOGS).await;
    let before = f.usage(GroupBy::Provider).await;
    assert_eq!(cost_of(&before, "anthropic").as_deref(), Some("1.830000"));
    assert_eq!(before[0].estimate_usd, None, "nothing is billed yet");

    f.poll().await;
    let check = |rows: Vec<UsageRow>, key: &str, want: [Option<&str>; 4]| {
        let row = rows.iter().find(|r| r.key == key).unwrap();
        assert_eq!(
            [
                row.cost_usd.as_deref(),
                row.estimate_usd.as_deref(),
                row.billed_usd.as_deref(),
                row.drift_pct.as_deref()
            ],
            want,
            "{key}"
        );
    };
    let billed_day = [
        Some("2.000000"),
        Some("1.800000"),
        Some("2.000000"),
        Some("-10.0"),
    ];
    check(f.usage(GroupBy::Day).await, "2026-11-22", billed_day);
    check(
        f.usage(GroupBy::Day).await,
        "2026-11-21",
        [Some("0.030000"), None, None, None],
    );
    let provider = [
        Some("2.030000"),
        Some("1.800000"),
        Some("2.000000"),
        Some("-10.0"),
    ];
    check(f.usage(GroupBy::Provider).await, "anthropic", provider);
    // Tokens count once too: 22 Nov's are the provider's report (100k), 21 Nov's the log's.
    let anthropic = f.usage(GroupBy::Provider).await.remove(0);
    assert_eq!(
        (
            anthropic.input_tokens,
            anthropic.output_tokens,
            anthropic.requests
        ),
        (110_000, 100_000, 1)
    );
    let total = UsageRow::total(&f.usage(GroupBy::Provider).await);
    assert_eq!(total.drift_pct.as_deref(), Some("-10.0"));
    let nov = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let used = local_use(
        f.vault.store(),
        &BudgetScope::Provider(Provider::Anthropic),
        nov(1),
        nov(30),
        chrono_tz::UTC,
    )
    .await
    .unwrap();
    assert_eq!(used.cost_micros, 2_030_000, "budgets count the bill");

    // Polling and importing again change nothing.
    f.poll().await;
    import_claude(&f, logs.path(), "a.jsonl", FIRST_LOGS).await;
    check(f.usage(GroupBy::Provider).await, "anthropic", provider);

    // A request logged after the bill arrived is an estimate of that day too: 20k × $15.
    import_claude(
        &f,
        logs.path(),
        "b.jsonl",
        &[("2026-11-22T23:00:00.000Z", "m4", 0, 20_000)],
    )
    .await;
    check(
        f.usage(GroupBy::Day).await,
        "2026-11-22",
        [
            Some("2.000000"),
            Some("2.100000"),
            Some("2.000000"),
            Some("+5.0"),
        ],
    );
}
