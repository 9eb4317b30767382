//! The official `openai` and `anthropic` Python SDKs (pinned in tests/sdk/requirements.txt,
//! installed by `./x.sh test` into tests/sdk/.venv) pointed at `keyledger gateway` with local
//! tokens, against a stand-in upstream speaking each format: whole and streamed answers reach the
//! SDKs intact (a streamed OpenAI chat without the usage chunk the gateway asked for), and the
//! ledger's totals per key are exact.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::Env;
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OPENAI_KEY: &str = "sk-proj-SdkGateway0123456789abcdefghijklmnopqrstuvwxyzABCD";
const ANTHROPIC_KEY: &str =
    "sk-ant-api03-SdkGateway0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHI-abcdefAA";

fn sse(events: &[(Option<&str>, Value)]) -> String {
    events
        .iter()
        .map(|(name, data)| match name {
            Some(n) => format!("event: {n}\ndata: {data}\n\n"),
            None => format!("data: {data}\n\n"),
        })
        .collect()
}

async fn openai_upstream(upstream: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header(
            "authorization",
            format!("Bearer {OPENAI_KEY}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1765000000,
            "model": "gpt-4.1-mini-2025-04-14",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "Hello from OpenAI"}}],
            "usage": {"prompt_tokens": 1200, "completion_tokens": 34, "total_tokens": 1234,
                      "prompt_tokens_details": {"cached_tokens": 200}}
        })))
        .expect(1)
        .mount(upstream)
        .await;
    let chunk = |delta: Value, finish: Value, usage: Value, choices: bool| {
        let mut c = json!({"id": "chatcmpl-2", "object": "chat.completion.chunk", "created": 1765000000,
                           "model": "gpt-4.1-mini-2025-04-14", "usage": usage, "choices": []});
        if choices {
            c["choices"] = json!([{"index": 0, "delta": delta, "finish_reason": finish}]);
        }
        (None, c)
    };
    let mut body = sse(&[
        chunk(
            json!({"role": "assistant", "content": "Hello "}),
            Value::Null,
            Value::Null,
            true,
        ),
        chunk(
            json!({"content": "streamed"}),
            json!("stop"),
            Value::Null,
            true,
        ),
        chunk(
            Value::Null,
            Value::Null,
            json!({"prompt_tokens": 900, "completion_tokens": 21, "total_tokens": 921}),
            false,
        ),
    ]);
    body.push_str("data: [DONE]\n\n");
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_partial_json(
            json!({"stream": true, "stream_options": {"include_usage": true}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "text/event-stream"))
        .with_priority(1)
        .expect(1)
        .mount(upstream)
        .await;
}

async fn anthropic_upstream(upstream: &MockServer) {
    let usage = json!({"input_tokens": 25, "cache_read_input_tokens": 1000,
                       "cache_creation_input_tokens": 300, "output_tokens": 12});
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", ANTHROPIC_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
            "content": [{"type": "text", "text": "Hello from Claude"}],
            "stop_reason": "end_turn", "stop_sequence": null, "usage": usage
        })))
        .expect(1)
        .mount(upstream)
        .await;
    let start = json!({"type": "message_start", "message": {
        "id": "msg_2", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
        "content": [], "stop_reason": null, "stop_sequence": null,
        "usage": {"input_tokens": 40, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0, "output_tokens": 1}}});
    let body = sse(&[
        (Some("message_start"), start),
        (
            Some("content_block_start"),
            json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
        (
            Some("content_block_delta"),
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello "}}),
        ),
        (Some("ping"), json!({"type": "ping"})),
        (
            Some("content_block_delta"),
            json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "streamed"}}),
        ),
        (
            Some("content_block_stop"),
            json!({"type": "content_block_stop", "index": 0}),
        ),
        (
            Some("message_delta"),
            json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
                   "usage": {"output_tokens": 9}}),
        ),
        (Some("message_stop"), json!({"type": "message_stop"})),
    ]);
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(body_partial_json(json!({"stream": true})))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "text/event-stream"))
        .with_priority(1)
        .expect(1)
        .mount(upstream)
        .await;
}

fn python() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/sdk");
    let python = root.join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: `./x.sh test` creates it (python3 -m venv, then pip install -r \
         tests/sdk/requirements.txt)",
        python.display()
    );
    python
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_sdks_work_through_the_gateway_and_are_metered_exactly() {
    let python = python();
    let env = Env::new();
    let upstream = MockServer::start().await;
    openai_upstream(&upstream).await;
    anthropic_upstream(&upstream).await;
    let base = format!("{}/v1", upstream.uri());
    for (key, label, url) in [
        (OPENAI_KEY, "OpenAI via SDK", base.as_str()),
        (ANTHROPIC_KEY, "Claude via SDK", upstream.uri().as_str()),
    ] {
        common::stdout(&env.add(key, &["--label", label, "--base-url", url]));
    }
    let ids: Vec<(String, String)> = env
        .list_json()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let id_of = |label: &str| ids.iter().find(|(l, _)| l == label).unwrap().1.clone();
    let gateway = env.gateway();
    let out = Command::new(python)
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/sdk/clients.py"))
        .env("KL_GATEWAY", &gateway.url)
        .env("KL_OPENAI_TOKEN", env.token(&id_of("OpenAI via SDK")))
        .env("KL_ANTHROPIC_TOKEN", env.token(&id_of("Claude via SDK")))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("ANTHROPIC_BASE_URL")
        .output()
        .unwrap();
    let said = gateway.stop();
    let got: Value = serde_json::from_str(&common::stdout(&out)).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(
        got,
        json!({
            "openai": {"text": "Hello from OpenAI", "prompt_tokens": 1200, "completion_tokens": 34},
            "openai_stream": {"text": "Hello streamed", "usage_seen": false},
            "anthropic": {"text": "Hello from Claude", "input_tokens": 25, "output_tokens": 12},
            "anthropic_stream": {"text": "Hello streamed", "input_tokens": 40, "output_tokens": 9},
        }),
        "what each SDK read"
    );
    assert!(
        said.contains("4 requests: 4 metered."),
        "the gateway's own count: {said}"
    );

    let rows = env.usage_today();
    let totals = |label: &str| {
        let r = rows
            .iter()
            .find(|r| r["key"] == label)
            .unwrap_or_else(|| panic!("{rows:?}"));
        [
            "requests",
            "input_tokens",
            "cached_tokens",
            "cache_write_tokens",
            "output_tokens",
        ]
        .map(|f| r[f].as_i64().unwrap())
    };
    // OpenAI: 1000 + 900 fresh input, 200 cached, 34 + 21 output.
    assert_eq!(totals("OpenAI via SDK"), [2, 1900, 200, 0, 55]);
    // Anthropic: 25 + 40 input, 1000 cache reads, 300 cache writes, 12 + 9 output.
    assert_eq!(totals("Claude via SDK"), [2, 65, 1000, 300, 21]);
    upstream.verify().await;
}
