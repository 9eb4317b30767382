//! `keyledger gateway` from a terminal: the base URL on the first line, a local token issued,
//! listed and revoked (audited; refused at once by the running gateway), a request forwarded with the real key, and its tokens exact in
//! `usage --by credential --json` once the gateway stopped on Ctrl+C.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use common::{stdout, Env};
use serde_json::{json, Value};
use wiremock::matchers::{header, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-proj-CliGateway0123456789abcdefghijklmnopqrstuvwxyzABCD";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tool_with_a_local_token_is_metered_and_never_sees_the_key() {
    let env = Env::new();
    let upstream = MockServer::start().await;
    Mock::given(path("/v1/chat/completions"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "model": "gpt-4.1-mini-2025-04-14",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 45}
        })))
        .expect(2)
        .mount(&upstream)
        .await;
    let out = env.add(
        KEY,
        &[
            "--label",
            "Metered",
            "--base-url",
            &format!("{}/v1", upstream.uri()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = env.list_json()[0]["id"].as_str().unwrap().to_owned();

    let issued: Value = serde_json::from_str(&stdout(
        &env.cmd()
            .args(["gateway", "token", &id, "--label", "IDE", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    let token = issued["token"].as_str().unwrap().to_owned();
    assert!(
        token.starts_with("klg_") && token.len() == 4 + 64,
        "{token}"
    );
    let listed: Value = serde_json::from_str(&stdout(
        &env.cmd()
            .args(["gateway", "token", "list", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(listed[0]["label"], "IDE");
    assert!(
        !listed.to_string().contains(&token[4..]),
        "the list never shows the token"
    );

    let gateway = env.gateway();
    let base = gateway.url.clone();

    let http = reqwest::Client::new();
    for _ in 0..2 {
        let got = http
            .post(format!("{base}/openai/v1/chat/completions"))
            .bearer_auth(&token)
            .json(
                &json!({"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), 200);
        assert!(!got.text().await.unwrap().contains(KEY));
    }
    // Revoked from another terminal while the gateway runs, the token it remembers is refused
    // at the very next request.
    let token_id = issued["info"]["id"].as_str().unwrap();
    stdout(
        &env.cmd()
            .args(["gateway", "token", "rm", token_id])
            .output()
            .unwrap(),
    );
    let got = http
        .post(format!("{base}/openai/v1/chat/completions"))
        .bearer_auth(&token)
        .json(&json!({"model": "gpt-4.1-mini", "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 401);
    assert!(got.text().await.unwrap().contains("revoked"));

    // Ctrl+C: the gateway writes what it saw, says how it fared, and ends.
    let said = gateway.stop();
    assert!(
        said.contains("The gateway stopped. 3 requests: 2 metered, 1 refused."),
        "{said}"
    );
    let rows = env.usage_today();
    let row = rows
        .iter()
        .find(|r| r["key"] == "Metered")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(
        (
            row["input_tokens"].as_i64(),
            row["output_tokens"].as_i64(),
            row["requests"].as_i64()
        ),
        (Some(642), Some(90), Some(2))
    );

    let audit = stdout(&env.cmd().args(["audit", "--json"]).output().unwrap());
    assert!(
        audit.contains("token_issue") && audit.contains("token_revoke"),
        "{audit}"
    );
    assert!(
        !audit.contains(&token[4..]),
        "the audit names the token's id, never the token"
    );
    let listed = stdout(
        &env.cmd()
            .args(["gateway", "token", "list", "--json"])
            .output()
            .unwrap(),
    );
    assert_eq!(listed.trim(), "[]");
    upstream.verify().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_meter_hands_the_program_tokens_and_the_gateway_never_the_key() {
    let env = Env::new();
    let upstream = MockServer::start().await;
    Mock::given(path("/v1/chat/completions"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "model": "gpt-4.1-mini-2025-04-14",
            "choices": [],
            "usage": {"prompt_tokens": 77, "completion_tokens": 11}
        })))
        .expect(1)
        .mount(&upstream)
        .await;
    let out = env.add(
        KEY,
        &[
            "--label",
            "Metered",
            "--base-url",
            &format!("{}/v1", upstream.uri()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // What the program sees: the gateway, a local token, no key.
    let seen = stdout(
        &env.cmd()
            .args(["run", "--meter", "--", "env"])
            .output()
            .unwrap(),
    );
    assert!(
        !seen.contains(KEY) && !seen.contains(&KEY[..24]),
        "no real key in the environment"
    );
    let var = |name: &str| {
        seen.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {seen}"))
            .to_owned()
    };
    assert!(var("OPENAI_API_KEY").starts_with("klg_"));
    assert!(
        var("OPENAI_BASE_URL").starts_with("http://127.0.0.1:")
            && var("OPENAI_BASE_URL").ends_with("/openai/v1")
    );

    // A program that calls the API through it (curl, as any client would) is metered, and its
    // exit status is run's.
    let script = r#"curl -sf -H "Authorization: Bearer $OPENAI_API_KEY" -H 'content-type: application/json' \
        -d '{"model":"gpt-4.1-mini","messages":[]}' "$OPENAI_BASE_URL/chat/completions" >/dev/null && exit 7"#;
    let out = env
        .cmd()
        .args(["run", "--meter", "--", "sh", "-c", script])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = env.usage_today();
    let row = rows
        .iter()
        .find(|r| r["key"] == "Metered")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(
        (row["input_tokens"].as_i64(), row["output_tokens"].as_i64()),
        (Some(77), Some(11))
    );
    // The tokens died with their programs.
    assert_eq!(
        stdout(
            &env.cmd()
                .args(["gateway", "token", "list", "--json"])
                .output()
                .unwrap()
        )
        .trim(),
        "[]"
    );
    upstream.verify().await;
}
