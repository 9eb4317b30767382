//! No key leaves by a side door: a provider (or whoever answers in its place) that redirects to
//! another host never gets the key sent there, and a key echoed back in an error is scrubbed
//! even when the echo was cut short. Local fake servers; keys in the real Secret Service (run
//! inside scripts/session.sh) for the poll.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use std::time::Duration;

use common::Fixture;
use keyledger_core::credential::{Kind, Provider};
use keyledger_core::poll::PollStatus;
use keyledger_core::providers::check::{CheckStatus, Checker, Probe};
use keyledger_core::providers::guard::REDIRECT_REFUSED;
use keyledger_core::secret::ApiSecret;
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ANTHROPIC_KEY: &str = "sk-ant-api03-SIDEabcdefghijklmnopqrstuvwxyz0123456789-igAA";
const ANTHROPIC_ADMIN: &str = "sk-ant-admin01-SIDEabcdefghijklmnopqrstuvwxyz0123AA";

fn checker() -> Checker {
    Checker::new(Duration::from_secs(2)).unwrap()
}

/// A second server that must never be asked anything.
async fn elsewhere() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&other)
        .await;
    other
}

/// Checks the Anthropic key against `server`.
async fn check_anthropic(server: &MockServer) -> Probe {
    checker()
        .check(
            Provider::Anthropic,
            Kind::Api,
            Some(&server.uri()),
            &ApiSecret::parse(ANTHROPIC_KEY).unwrap(),
        )
        .await
}

/// Adds the Anthropic admin key against `server`, polls, and expects the source to fail saying
/// `why`.
async fn admin_poll_fails_with(f: &Fixture, server: &MockServer, why: &str) {
    f.add(ANTHROPIC_ADMIN, "anthropic org", &server.uri()).await;
    let outcomes = f.poll().await;
    assert_eq!(outcomes[0].status, PollStatus::Failed);
    assert!(outcomes[0].message.contains(why), "{}", outcomes[0].message);
}

fn redirect_to(url: String) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", url.as_str())
}

#[tokio::test]
async fn a_check_redirected_to_another_host_is_not_followed_and_the_key_stays_home() {
    let other = elsewhere().await;
    let server = MockServer::start().await;
    Mock::given(path("/v1/models"))
        .respond_with(redirect_to(format!("{}/v1/models", other.uri())))
        .mount(&server)
        .await;
    let probe = check_anthropic(&server).await;
    assert_eq!(probe.status, CheckStatus::Unreachable);
    assert_eq!(probe.message, REDIRECT_REFUSED);
    other.verify().await;
}

#[tokio::test]
async fn a_redirect_within_the_providers_host_is_still_followed() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/models"))
        .respond_with(redirect_to(format!("{}/v1/models-moved", server.uri())))
        .mount(&server)
        .await;
    Mock::given(path("/v1/models-moved"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"data":[]}"#, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let probe = check_anthropic(&server).await;
    assert_eq!(probe.status, CheckStatus::Valid, "{}", probe.message);
}

#[tokio::test]
async fn an_admin_poll_redirected_to_another_host_fails_without_sending_the_key_there() {
    let f = Fixture::new().await;
    let other = elsewhere().await;
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(redirect_to(format!(
            "{}/v1/organizations/usage_report/messages",
            other.uri()
        )))
        .mount(&server)
        .await;
    admin_poll_fails_with(&f, &server, REDIRECT_REFUSED).await;
    other.verify().await;
}

#[tokio::test]
async fn a_jwt_length_key_echoed_and_cut_short_is_scrubbed_before_anything_is_shortened() {
    let jwt = format!(
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}",
        "eyJzdWIiOiJ1c2VyXzEyMyIsImV4cCI6MTc5NTMwNTYwMH0".repeat(3),
        "c2lnbmF0dXJl".repeat(12)
    );
    let server = MockServer::start().await;
    // The key starts 150 characters into the provider's sentence, which is longer than what is
    // shown: a cut made before scrubbing would leave the key's start in the message.
    let sentence = format!("{} {jwt} is not a valid token", "x".repeat(150));
    Mock::given(path("/models"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            serde_json::json!({ "error": { "message": sentence } }).to_string(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let probe = checker()
        .check(
            Provider::Other,
            Kind::Api,
            Some(&server.uri()),
            &ApiSecret::parse(&jwt).unwrap(),
        )
        .await;
    assert_eq!(probe.status, CheckStatus::Invalid);
    assert!(probe.message.contains("<key>"), "{}", probe.message);
    for window in jwt.as_bytes().windows(12) {
        let part = std::str::from_utf8(window).unwrap();
        assert!(
            !probe.message.contains(part),
            "{part} of the key is in {}",
            probe.message
        );
    }
}

/// A server that answers 200 with a chunked body that never ends (no length announced), until
/// the client hangs up. Returns its base URL and how many bytes it managed to send.
async fn endless_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sent = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                            transfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 64 * 1024];
                let frame = [
                    format!("{:x}\r\n", chunk.len()).into_bytes(),
                    chunk,
                    b"\r\n".to_vec(),
                ]
                .concat();
                while socket.write_all(&frame).await.is_ok() {
                    counter.fetch_add(64 * 1024, Ordering::Relaxed);
                }
            });
        }
    });
    (url, sent)
}

#[tokio::test]
async fn an_answer_that_never_ends_is_cut_at_16_mib_with_a_clear_message() {
    let (url, sent) = endless_server().await;
    let probe = checker()
        .check(
            Provider::Other,
            Kind::Api,
            Some(&url),
            &ApiSecret::parse(ANTHROPIC_KEY).unwrap(),
        )
        .await;
    assert_eq!(probe.status, CheckStatus::Unreachable);
    assert_eq!(probe.message, keyledger_core::providers::http::TOO_LARGE);
    let read = sent.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        read < 64 * 1024 * 1024,
        "stopped near 16 MiB, not after {read} bytes"
    );
}

#[tokio::test]
async fn a_poll_answer_over_16_mib_fails_the_source_and_writes_nothing() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    let huge = format!(
        r#"{{"data":[],"has_more":false,"pad":"{}"}}"#,
        "x".repeat(17 * 1024 * 1024)
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(huge, "application/json"))
        .mount(&server)
        .await;
    admin_poll_fails_with(&f, &server, keyledger_core::providers::http::TOO_LARGE).await;
    assert!(f
        .usage(keyledger_core::usage::GroupBy::Model)
        .await
        .is_empty());
}
