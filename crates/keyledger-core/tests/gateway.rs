//! The local metering gateway against a stand-in upstream speaking each format: requests go out
//! with the real key in the provider's header (swapped for a local token, or a real key passed
//! through), answers come back unchanged — streamed ones without the usage chunk the gateway
//! asked for — and their tokens land in the ledger exactly, per key (and Claude's plan windows,
//! when Anthropic's headers carry them, in the plan limits); refusals (foreign Host,
//! browser Origin, revoked token, oversized body, unreachable upstream) in the provider's shape;
//! broken requests and answers forwarded untouched (the answer counted as malformed, with unknown
//! tokens); Gemini's JSON-array stream metered; today's traffic and rate limits per key.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::Fixture;
use keyledger_core::gateway::{tokens, Gateway};
use keyledger_core::ledger::Ledger;
use keyledger_core::usage::{DayRange, GroupBy, UsageRow};
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OPENAI_KEY: &str = "sk-proj-GatewayTest0123456789abcdefghijklmnopqrstuvwxyzAB";
const ANTHROPIC_KEY: &str =
    "sk-ant-api03-GatewayTest0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH-abcdefAA";
/// Words of the prompt and the completion: they must never reach the data dir.
const PROMPT: &str = "Tell me about the purple walrus of Gdansk";
const COMPLETION: &str = "The purple walrus sings at dawn";

struct Setup {
    fx: Fixture,
    upstream: MockServer,
    gateway: Option<Gateway>,
    http: reqwest::Client,
}

impl Setup {
    async fn new() -> Self {
        let fx = Fixture::new().await;
        let upstream = MockServer::start().await;
        let gateway = Gateway::start(fx.vault.clone(), 0).await.unwrap();
        Setup {
            fx,
            upstream,
            gateway: Some(gateway),
            http: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.gateway.as_ref().unwrap().url())
    }

    /// Stops the gateway, so every request it saw is written.
    async fn settle(&mut self) {
        if let Some(g) = self.gateway.take() {
            g.stop().await;
        }
    }

    /// Requests, input, cached and output tokens recorded today for the key labelled `label`.
    async fn tokens_of(&self, label: &str) -> (i64, i64, i64, i64) {
        let rows = self.usage_today().await;
        let r = rows
            .iter()
            .find(|r| r.key == label)
            .unwrap_or_else(|| panic!("{rows:?}"));
        (r.requests, r.input_tokens, r.cached_tokens, r.output_tokens)
    }

    async fn usage_today(&self) -> Vec<UsageRow> {
        let today = keyledger_core::clock::now().date_naive();
        Ledger::new(self.fx.vault.store().clone())
            .usage(
                DayRange {
                    from: today,
                    to: today,
                },
                GroupBy::Credential,
            )
            .await
            .unwrap()
    }
}

fn sse(events: &[Value]) -> String {
    let mut s: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
    s.push_str("data: [DONE]\n\n");
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_openai_chat_through_a_local_token_is_forwarded_with_the_real_key_and_metered() {
    let mut s = Setup::new().await;
    let id =
        s.fx.add(
            OPENAI_KEY,
            "Project key",
            &format!("{}/v1", s.upstream.uri()),
        )
        .await;
    let (_, token) = tokens::issue(s.fx.vault.store(), &id, "test", false, common::now())
        .await
        .unwrap();
    let answer = json!({
        "id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4.1-mini-2025-04-14",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": COMPLETION}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500,
                  "prompt_tokens_details": {"cached_tokens": 200}}
    });
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header(
            "authorization",
            format!("Bearer {OPENAI_KEY}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone()))
        .expect(2)
        .mount(&s.upstream)
        .await;
    for _ in 0..2 {
        let got = s
            .http
            .post(s.url("/openai/v1/chat/completions"))
            .bearer_auth(token.expose())
            .json(&json!({"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": PROMPT}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), 200);
        assert_eq!(
            got.json::<Value>().await.unwrap(),
            answer,
            "the answer passes unchanged"
        );
    }
    // Streamed, without asking for usage: the gateway asks, and keeps the extra chunk.
    let chunks = [
        json!({"model": "gpt-4.1-mini-2025-04-14", "choices": [{"index": 0, "delta": {"content": COMPLETION}}], "usage": null}),
        json!({"model": "gpt-4.1-mini-2025-04-14", "choices": [], "usage": {"prompt_tokens": 50, "completion_tokens": 7}}),
    ];
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_partial_json(
            json!({"stream": true, "stream_options": {"include_usage": true}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(sse(&chunks), "text/event-stream"))
        .expect(1)
        .with_priority(1)
        .mount(&s.upstream)
        .await;
    let streamed = s
        .http
        .post(s.url("/openai/v1/chat/completions"))
        .bearer_auth(token.expose())
        .json(&json!({"model": "gpt-4.1-mini", "stream": true, "messages": [{"role": "user", "content": PROMPT}]}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        streamed.contains(COMPLETION) && streamed.ends_with("data: [DONE]\n\n"),
        "{streamed}"
    );
    assert!(
        !streamed.contains("\"usage\":{"),
        "the usage chunk the client did not ask for is kept back: {streamed}"
    );

    s.settle().await;
    assert_eq!(
        s.tokens_of("Project key").await,
        (3, 2 * 1000 + 50, 2 * 200, 2 * 300 + 7)
    );
    let rows = s.usage_today().await;
    assert!(rows[0].cost_micros.is_some(), "gpt-4.1-mini is priced");

    // Nothing of the prompt or the completion reached the disk.
    let data = std::fs::read_dir(s.fx.db_path().parent().unwrap()).unwrap();
    for f in data.flatten() {
        let bytes = std::fs::read(f.path()).unwrap_or_default();
        for needle in [PROMPT, COMPLETION, "purple walrus"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle:?} in {:?}",
                f.path()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anthropic_stream_with_the_real_key_is_metered_from_its_events() {
    let mut s = Setup::new().await;
    let reset = keyledger_core::clock::now().timestamp() + 7200;
    s.fx.add(ANTHROPIC_KEY, "Claude key", &s.upstream.uri())
        .await;
    let events = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-haiku-4-5-20251001\",\"usage\":{\"input_tokens\":40,\"cache_read_input_tokens\":10,\"output_tokens\":1}}}\n\n\
event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n\
event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":25}}\n\n\
event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    Mock::given(path("/v1/messages"))
        .and(header("x-api-key", ANTHROPIC_KEY))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(events, "text/event-stream")
                // A subscription's plan windows, as Anthropic's answers carry them.
                .insert_header("anthropic-ratelimit-unified-5h-utilization", "0.42")
                .insert_header(
                    "anthropic-ratelimit-unified-5h-reset",
                    reset.to_string().as_str(),
                )
                .insert_header("anthropic-ratelimit-unified-7d-utilization", "0.1"),
        )
        .expect(1)
        .mount(&s.upstream)
        .await;
    let got = s
        .http
        .post(s.url("/anthropic/v1/messages"))
        .header("x-api-key", ANTHROPIC_KEY)
        .json(&json!({"model": "claude-haiku-4-5", "stream": true, "max_tokens": 10, "messages": [{"role": "user", "content": PROMPT}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        got.text().await.unwrap(),
        events,
        "the stream passes byte for byte"
    );
    s.settle().await;
    assert_eq!(s.tokens_of("Claude key").await, (1, 40, 10, 25));
    let windows = keyledger_core::plan::windows(s.fx.vault.store(), keyledger_core::clock::now())
        .await
        .unwrap();
    let five = windows
        .iter()
        .find(|w| w.window == "5h")
        .unwrap_or_else(|| panic!("{windows:?}"));
    assert_eq!(
        (five.used_percent, five.origin),
        (Some(42.0), keyledger_core::plan::Origin::Endpoint)
    );
    assert_eq!(five.resets_at.map(|r| r.timestamp()), Some(reset));
    assert!(windows
        .iter()
        .any(|w| w.window == "weekly" && w.used_percent == Some(10.0)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_pass_through_unchanged_and_the_gateways_own_refusals_say_why() {
    let mut s = Setup::new().await;
    let id =
        s.fx.add(
            OPENAI_KEY,
            "Project key",
            &format!("{}/v1", s.upstream.uri()),
        )
        .await;
    let (info, token) = tokens::issue(s.fx.vault.store(), &id, "test", false, common::now())
        .await
        .unwrap();
    let limited = json!({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}});
    Mock::given(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "7")
                .set_body_json(limited.clone()),
        )
        .expect(1)
        .mount(&s.upstream)
        .await;
    let post = |path: &str| {
        s.http
            .post(s.url(path))
            .bearer_auth(token.expose())
            .json(&json!({"model": "gpt-4.1"}))
    };
    let got = post("/openai/v1/chat/completions").send().await.unwrap();
    assert_eq!(got.status(), 429);
    assert_eq!(got.headers()["retry-after"], "7");
    assert_eq!(
        got.json::<Value>().await.unwrap(),
        limited,
        "not retried, not rewritten"
    );

    // A foreign Host (DNS rebinding) and a web page's Origin are refused.
    let got = post("/openai/v1/chat/completions")
        .header("host", "evil.example:80")
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 403);
    let got = post("/openai/v1/chat/completions")
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 403);
    assert!(got
        .text()
        .await
        .unwrap()
        .contains("does not answer web pages"));
    // Too big a body.
    let big = vec![b'x'; keyledger_core::gateway::MAX_REQUEST + 1];
    let got = s
        .http
        .post(s.url("/openai/v1/chat/completions"))
        .bearer_auth(token.expose())
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 413);
    // No such provider.
    assert_eq!(post("/nowhere/v1/x").send().await.unwrap().status(), 404);

    // A revoked token.
    keyledger_core::store::gateway::revoke(s.fx.vault.store().pool(), &info.id, common::now())
        .await
        .unwrap();
    let got = post("/openai/v1/chat/completions").send().await.unwrap();
    assert_eq!(got.status(), 401);
    let body: Value = got.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("revoked"),
        "{body}"
    );

    // An upstream nothing answers: a 502 in the provider's shape, naming the provider.
    let dead =
        s.fx.add(
            "sk-proj-GatewayDead0123456789abcdefghijklmnopqrstuvwxyzDD",
            "Dead",
            "http://127.0.0.1:9/v1",
        )
        .await;
    let (_, dead_token) = tokens::issue(s.fx.vault.store(), &dead, "dead", false, common::now())
        .await
        .unwrap();
    let got = s
        .http
        .post(s.url("/openai/v1/chat/completions"))
        .bearer_auth(dead_token.expose())
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 502);
    let body: Value = got.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot reach OpenAI at 127.0.0.1"),
        "{body}"
    );
    s.settle().await;
    assert!(
        s.usage_today().await.is_empty(),
        "errors and refusals count no usage"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_leaving_mid_stream_cancels_upstream_and_counts_a_request_of_unknown_tokens() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    // An upstream that sends the stream's first event, then holds the line open.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = format!("http://{}/v1", listener.local_addr().unwrap());
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 64 * 1024];
        let _ = socket.read(&mut buf).await.unwrap();
        let first = "data: {\"model\":\"gpt-4.1\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}],\"usage\":null}\n\n";
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{first}\r\n",
            first.len()
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        // The gateway hangs up when its client does: the read ends.
        let gone = matches!(socket.read(&mut buf).await, Ok(0) | Err(_));
        let _ = closed_tx.send(gone);
    });

    let mut s = Setup::new().await;
    let id = s.fx.add(OPENAI_KEY, "Project key", &upstream).await;
    let (_, token) = tokens::issue(s.fx.vault.store(), &id, "test", false, common::now())
        .await
        .unwrap();
    let mut answer = s
        .http
        .post(s.url("/openai/v1/chat/completions"))
        .bearer_auth(token.expose())
        .json(&json!({"model": "gpt-4.1", "stream": true, "stream_options": {"include_usage": true}, "messages": []}))
        .send()
        .await
        .unwrap();
    let first = answer.chunk().await.unwrap().unwrap();
    assert!(
        String::from_utf8_lossy(&first).contains("Hel"),
        "the first event arrives before the stream ends"
    );
    drop(answer);
    let gone = tokio::time::timeout(std::time::Duration::from_secs(10), closed_rx)
        .await
        .unwrap()
        .unwrap();
    assert!(gone, "the upstream request was cancelled");

    s.settle().await;
    let rows = s.usage_today().await;
    let row = rows
        .iter()
        .find(|r| r.key == "Project key")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(row.requests, 1, "the request counts");
    assert!(
        !row.priced && row.cost_usd.is_none(),
        "its tokens are unknown, not $0: {row:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_answers_pass_untouched_and_are_counted_gemini_arrays_are_metered_and_todays_view_shows_each_key(
) {
    use keyledger_core::gateway::traffic;
    const GEMINI_KEY: &str = "AIzaSyGatewayTest0123456789abcdefghijkl";
    let mut s = Setup::new().await;
    s.fx.add(GEMINI_KEY, "Gemini key", &s.upstream.uri()).await;
    let openai =
        s.fx.add(
            OPENAI_KEY,
            "Project key",
            &format!("{}/v1", s.upstream.uri()),
        )
        .await;
    // streamGenerateContent without alt=sse: one JSON array, the totals in its last chunk.
    let chunks = json!([
        {"candidates": [{"content": {"parts": [{"text": "The purple"}]}}],
         "usageMetadata": {"promptTokenCount": 7, "candidatesTokenCount": 2}, "modelVersion": "gemini-2.5-flash"},
        {"candidates": [{"content": {"parts": [{"text": " walrus"}]}, "finishReason": "STOP"}],
         "usageMetadata": {"promptTokenCount": 7, "candidatesTokenCount": 4}, "modelVersion": "gemini-2.5-flash"}
    ]);
    Mock::given(method("POST"))
        .and(path(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        ))
        .and(header("x-goog-api-key", GEMINI_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(chunks.clone()))
        .expect(1)
        .mount(&s.upstream)
        .await;
    // A broken answer from an endpoint that reports usage, with the key's rate limits.
    let broken = "{\"id\": \"chatcmpl-2\", \"choices\": [{\"message\": ";
    let broken_request = "{\"model\": \"gpt-4.1-mini\", \"messages\": [";
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(wiremock::matchers::body_string(broken_request))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(broken, "application/json")
                .insert_header("x-ratelimit-limit-requests", "500")
                .insert_header("x-ratelimit-remaining-requests", "412")
                .insert_header("x-ratelimit-reset-requests", "1m0s"),
        )
        .expect(1)
        .mount(&s.upstream)
        .await;

    let got = s
        .http
        .post(s.url("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent"))
        .header("x-goog-api-key", GEMINI_KEY)
        .json(&json!({"contents": [{"parts": [{"text": PROMPT}]}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(got.json::<Value>().await.unwrap(), chunks);
    let got = s
        .http
        .post(s.url("/openai/v1/chat/completions"))
        .bearer_auth(OPENAI_KEY)
        .body(broken_request)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(
        got.text().await.unwrap(),
        broken,
        "a broken answer passes untouched"
    );

    let status = s.gateway.take().unwrap().stop().await;
    assert_eq!(
        (
            status.requests,
            status.metered,
            status.malformed,
            status.refused
        ),
        (2, 1, 1, 0),
        "{status:?}"
    );
    assert_eq!(
        status.summary(),
        "2 requests: 1 metered, 1 malformed answer"
    );
    assert_eq!(s.tokens_of("Gemini key").await, (1, 7, 0, 4));
    let rows = s.usage_today().await;
    let project = rows.iter().find(|r| r.key == "Project key").unwrap();
    assert_eq!(project.requests, 1);
    assert_eq!(
        project.cost_micros, None,
        "tokens unknown: unpriced, never $0"
    );

    let keys = traffic::keys_today(
        s.fx.vault.store(),
        keyledger_core::clock::now(),
        chrono_tz::UTC,
    )
    .await
    .unwrap();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let p = keys
        .iter()
        .find(|k| k.credential_id.as_deref() == Some(openai.as_str()))
        .unwrap();
    assert_eq!((p.requests, p.unpriced_requests), (1, 1));
    assert_eq!(
        p.limits
            .iter()
            .map(|f| (f.what.as_str(), f.remaining, f.limit))
            .collect::<Vec<_>>(),
        [("requests", 412, 500)]
    );
    let g = keys.iter().find(|k| k.label == "Gemini key").unwrap();
    assert_eq!((g.requests, g.tokens), (1, 11));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_rotated_while_the_gateway_runs_goes_out_with_its_new_secret_at_the_next_request() {
    const NEW_KEY: &str = "sk-proj-GatewayNew0123456789abcdefghijklmnopqrstuvwxyzNEW2";
    let mut s = Setup::new().await;
    let id =
        s.fx.add(OPENAI_KEY, "Rotated", &format!("{}/v1", s.upstream.uri()))
            .await;
    let (_, token) = tokens::issue(s.fx.vault.store(), &id, "test", false, common::now())
        .await
        .unwrap();
    let answer = json!({"model": "gpt-4.1-mini", "choices": [],
        "usage": {"prompt_tokens": 10, "completion_tokens": 1}});
    for key in [OPENAI_KEY, NEW_KEY] {
        Mock::given(path("/v1/chat/completions"))
            .and(header("authorization", format!("Bearer {key}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone()))
            .expect(1)
            .named(key)
            .mount(&s.upstream)
            .await;
    }
    let send = || {
        s.http
            .post(s.url("/openai/v1/chat/completions"))
            .bearer_auth(token.expose())
            .json(&json!({"model": "gpt-4.1-mini"}))
            .send()
    };
    assert_eq!(send().await.unwrap().status(), 200);
    s.fx.vault
        .rotate(
            &id,
            keyledger_core::secret::ApiSecret::parse(NEW_KEY).unwrap(),
            &keyledger_core::rotation::RotateOptions::default(),
            common::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        send().await.unwrap().status(),
        200,
        "the same token, the new key"
    );
    s.settle().await;
    assert_eq!(s.tokens_of("Rotated").await, (2, 20, 0, 2));
}
