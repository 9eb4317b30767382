//! Validity checks against local fake providers speaking the documented formats: each
//! provider's path and auth header, and every kind of answer (valid, 401, 429, 5xx, HTML,
//! timeout, xAI's blocked flags), plus the status recorded on the credential.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::sync::Arc;
use std::time::Duration;

use keyledger_core::audit::Actor;
use keyledger_core::credential::{Kind, NewCredential, Provider, Status};
use keyledger_core::keychain::Keychain;
use keyledger_core::providers::check::{CheckStatus, Checker};
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::Store;
use keyledger_core::vault::Vault;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-proj-CHECKabcdefghijklmnopqrstuvwxyz0123456789";

fn key() -> ApiSecret {
    ApiSecret::parse(KEY).unwrap()
}

fn checker() -> Checker {
    Checker::new(Duration::from_secs(2)).unwrap()
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
}

#[tokio::test]
async fn each_provider_is_asked_the_documented_way() {
    let cases: Vec<(Provider, Kind, &str, (&str, String))> = vec![
        (
            Provider::OpenAI,
            Kind::Api,
            "/models",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::OpenAI,
            Kind::Admin,
            "/organization/projects",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::Anthropic,
            Kind::Api,
            "/v1/models",
            ("x-api-key", KEY.to_owned()),
        ),
        (
            Provider::OpenRouter,
            Kind::Api,
            "/key",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::DeepSeek,
            Kind::Api,
            "/user/balance",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::Xai,
            Kind::Api,
            "/api-key",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::Gemini,
            Kind::Api,
            "/v1beta/models",
            ("x-goog-api-key", KEY.to_owned()),
        ),
        (
            Provider::Groq,
            Kind::Api,
            "/openai/v1/models",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::Mistral,
            Kind::Api,
            "/v1/models",
            ("authorization", format!("Bearer {KEY}")),
        ),
        (
            Provider::Other,
            Kind::Api,
            "/models",
            ("authorization", format!("Bearer {KEY}")),
        ),
    ];
    for (provider, kind, route, (name, value)) in cases {
        let server = MockServer::start().await;
        let mut mock = Mock::given(method("GET"))
            .and(path(route))
            .and(header(name, value.as_str()));
        if provider == Provider::Anthropic {
            mock = mock.and(header("anthropic-version", "2023-06-01"));
        }
        mock.respond_with(json(r#"{"data":[]}"#))
            .expect(1)
            .mount(&server)
            .await;
        let probe = checker()
            .check(provider, kind, Some(&server.uri()), &key())
            .await;
        assert_eq!(
            probe.status,
            CheckStatus::Valid,
            "{provider:?} {kind:?}: {}",
            probe.message
        );
        assert_eq!(probe.http_status, Some(200));
        server.verify().await;
    }
}

#[tokio::test]
async fn rejected_keys_are_invalid_with_the_providers_reason_and_never_the_key() {
    let server = MockServer::start().await;
    let body = format!(
        r#"{{"error":{{"message":"Incorrect API key provided: {KEY}","type":"invalid_request_error"}}}}"#
    );
    Mock::given(path("/models"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let probe = checker()
        .check(Provider::OpenAI, Kind::Api, Some(&server.uri()), &key())
        .await;
    assert_eq!(probe.status, CheckStatus::Invalid);
    assert!(
        probe.message.contains("rejects this key (401"),
        "{}",
        probe.message
    );
    assert!(probe.message.contains("Incorrect API key provided: <key>"));
    assert!(!probe.message.contains(KEY));
}

#[tokio::test]
async fn rate_limits_are_reported_with_their_headers() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/models"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "17")
                .insert_header("anthropic-ratelimit-requests-remaining", "0")
                .set_body_raw(
                    r#"{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"#,
                    "application/json",
                ),
        )
        .mount(&server)
        .await;
    let probe = checker()
        .check(Provider::Anthropic, Kind::Api, Some(&server.uri()), &key())
        .await;
    assert_eq!(probe.status, CheckStatus::RateLimited);
    assert!(probe.message.contains("retry after 17 s"));
    assert_eq!(
        probe
            .rate_limits
            .get("anthropic-ratelimit-requests-remaining")
            .map(String::as_str),
        Some("0")
    );

    let ok = MockServer::start().await;
    Mock::given(path("/models"))
        .respond_with(json(r#"{"data":[]}"#).insert_header("x-ratelimit-remaining-requests", "499"))
        .mount(&ok)
        .await;
    let probe = checker()
        .check(Provider::OpenAI, Kind::Api, Some(&ok.uri()), &key())
        .await;
    assert_eq!(
        probe
            .rate_limits
            .get("x-ratelimit-remaining-requests")
            .map(String::as_str),
        Some("499")
    );
}

#[tokio::test]
async fn server_errors_html_pages_and_timeouts_are_unreachable() {
    let server = MockServer::start().await;
    Mock::given(path("/five-hundred/models"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream down"))
        .mount(&server)
        .await;
    Mock::given(path("/html/models"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("<html><body>Login</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/slow/models"))
        .respond_with(json("{}").set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Checker::new(Duration::from_millis(1500)).unwrap();
    let at = |p: &str| format!("{}/{p}", server.uri());

    let probe = c
        .check(
            Provider::OpenAI,
            Kind::Api,
            Some(&at("five-hundred")),
            &key(),
        )
        .await;
    assert_eq!(
        (probe.status, probe.http_status),
        (CheckStatus::Unreachable, Some(503))
    );
    assert!(probe.message.contains("answered 503"));

    let probe = c
        .check(Provider::OpenAI, Kind::Api, Some(&at("html")), &key())
        .await;
    assert_eq!(probe.status, CheckStatus::Unreachable);
    assert!(probe.message.contains("not JSON"), "{}", probe.message);

    let probe = c
        .check(Provider::OpenAI, Kind::Api, Some(&at("slow")), &key())
        .await;
    assert_eq!(
        (probe.status, probe.http_status),
        (CheckStatus::Unreachable, None)
    );
    assert!(
        probe.message.contains("no answer within"),
        "{}",
        probe.message
    );

    let probe = c
        .check(
            Provider::OpenAI,
            Kind::Api,
            Some("http://127.0.0.1:9"),
            &key(),
        )
        .await;
    assert_eq!(probe.status, CheckStatus::Unreachable);
    assert_eq!(
        probe.message,
        "cannot reach http://127.0.0.1:9: nothing answers there (connection refused); check the \
         base URL, or that the service there is running",
        "plain words, never the OS's error text"
    );

    let probe = c.check(Provider::Other, Kind::Api, None, &key()).await;
    assert_eq!(probe.status, CheckStatus::Unsupported);
}

#[tokio::test]
async fn xai_blocked_or_disabled_keys_are_invalid() {
    let server = MockServer::start().await;
    Mock::given(path("/api-key"))
        .respond_with(json(r#"{"name":"k","redacted_api_key":"xai-…abcd","api_key_blocked":false,"api_key_disabled":true,"team_blocked":false}"#))
        .mount(&server)
        .await;
    let probe = checker()
        .check(Provider::Xai, Kind::Api, Some(&server.uri()), &key())
        .await;
    assert_eq!(probe.status, CheckStatus::Invalid);
    assert!(probe.message.contains("disabled"));
}

#[tokio::test]
async fn a_check_records_status_last_checked_and_an_audit_line() {
    // The real Secret Service (inside scripts/session.sh), under a throwaway service name.
    let dir = tempfile::tempdir().unwrap();
    let service = format!("keyledger-check-test-{}", uuid::Uuid::new_v4());
    let store = Store::open(&dir.path().join("k.db")).await.unwrap();
    let vault = Vault::new(store, Arc::new(Keychain::new(service.clone())), Actor::Cli);
    let server = MockServer::start().await;
    let now = "2026-11-23T10:00:00Z".parse().unwrap();
    let c = vault
        .add(
            NewCredential {
                label: "proxy key".into(),
                base_url: Some(server.uri()),
                ..Default::default()
            },
            key(),
            now,
        )
        .await
        .unwrap();
    Mock::given(path("/models"))
        .respond_with(ResponseTemplate::new(401).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let outcome = vault.check(&c.id, &checker(), now).await.unwrap();
    let (checked, probe) = (outcome.credential, outcome.probe);
    assert_eq!(probe.status, CheckStatus::Invalid);
    assert_eq!(checked.status, Status::Invalid);
    let stored = vault.resolve(&c.id).await.unwrap();
    assert_eq!(stored.status, Status::Invalid);
    assert_eq!(stored.last_checked_at, Some(now));
    let audit = vault.audit(1).await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].outcome.as_str()),
        ("check", "invalid")
    );
    vault.delete(&c.id, now).await.unwrap();
    let _ = std::process::Command::new("secret-tool")
        .args(["clear", "service", &service])
        .status();
}
