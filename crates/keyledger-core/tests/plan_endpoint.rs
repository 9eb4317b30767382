//! Claude's usage endpoint, against a local stand-in speaking its format: figures read with the
//! login from Claude Code's credentials file (read fresh on each poll, never stored), at most every
//! 5 minutes, a 429 waiting at least 30 minutes or as long as `retry-after` says, a rejected login
//! stopping until the file changes, and every broken credentials file told in one sentence.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use keyledger_core::plan::claude::{self, Endpoint, Polled};
use keyledger_core::plan::{self, Origin, PlanSource};
use keyledger_core::store::Store;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "sk-ant-oat01-PlanEndpointTest0123456789abcdefghijklmnop";

struct Setup {
    dir: tempfile::TempDir,
    store: Store,
    server: MockServer,
    endpoint: Endpoint,
    now: DateTime<Utc>,
}

impl Setup {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let store = Store::open(&dir.path().join("data/keyledger.db"))
            .await
            .unwrap();
        let server = MockServer::start().await;
        let endpoint = Endpoint {
            base_url: server.uri(),
            credentials: dir.path().join("claude/.credentials.json"),
        };
        std::fs::create_dir_all(endpoint.credentials.parent().unwrap()).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let s = Setup {
            dir,
            store,
            server,
            endpoint,
            now,
        };
        s.login(TOKEN, s.now + TimeDelta::hours(8));
        claude::set_enabled(&s.store, true, s.now).await.unwrap();
        s
    }

    fn login(&self, token: &str, expires: DateTime<Utc>) {
        let body = json!({
            "claudeAiOauth": {
                "accessToken": token,
                "refreshToken": "sk-ant-ort01-refresh-never-used",
                "expiresAt": expires.timestamp_millis(),
                "scopes": ["user:inference", "user:profile"]
            }
        });
        std::fs::write(&self.endpoint.credentials, body.to_string()).unwrap();
    }

    async fn poll_at(&self, at: DateTime<Utc>) -> Polled {
        claude::poll(&self.store, &self.endpoint, at).await.unwrap()
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

fn usage_answer() -> serde_json::Value {
    json!({
        "five_hour": { "utilization": 62.0, "resets_at": "2026-12-06T14:05:00+00:00" },
        "seven_day": { "utilization": 31.0, "resets_at": "2026-12-08T09:04:00+00:00" },
        "seven_day_opus": null,
        "seven_day_sonnet": { "utilization": 12.5, "resets_at": "2026-12-08T09:04:00+00:00" },
        "extra_usage": { "is_enabled": false, "monthly_limit": null },
        "some_new_window": { "utilization": 5.0 }
    })
}

fn files_contain(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            // SQLite may remove its -wal or -shm file between the walk and the read.
            std::fs::read(p)
                .unwrap_or_default()
                .windows(needle.len())
                .any(|w| w == needle)
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn figures_are_read_with_claude_codes_login_at_most_every_five_minutes() {
    let s = Setup::new().await;
    Mock::given(method("GET"))
        .and(path("/api/oauth/usage"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("anthropic-beta", "oauth-2025-04-20"))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(2)
        .mount(&s.server)
        .await;

    assert_eq!(
        s.poll_at(s.now).await,
        Polled::Read(3),
        "unknown and null windows are left out"
    );
    assert_eq!(
        s.poll_at(s.now + TimeDelta::minutes(4)).await,
        Polled::Waiting
    );
    assert_eq!(
        s.poll_at(s.now + TimeDelta::minutes(5)).await,
        Polled::Read(3)
    );

    let list = plan::windows(&s.store, s.now + TimeDelta::minutes(6))
        .await
        .unwrap();
    let five = list.iter().find(|w| w.window == "5h").unwrap();
    assert_eq!(
        (five.source, five.origin, five.used_percent),
        (PlanSource::Claude, Origin::Endpoint, Some(62.0))
    );
    assert_eq!(
        five.resets_at.unwrap().to_rfc3339(),
        "2026-12-06T14:05:00+00:00"
    );
    assert!(list
        .iter()
        .any(|w| w.window == "weekly" && w.used_percent == Some(31.0)));
    assert!(list.iter().any(|w| w.window == "seven_day_sonnet"));
    assert_eq!(claude::state(&s.store).await.unwrap().problem, None);

    s.store.close().await;
    let leaks = files_contain(&s.data_dir(), TOKEN.as_bytes());
    assert!(leaks.is_empty(), "the token was written to {leaks:?}");
    let leaks = files_contain(&s.data_dir(), &TOKEN.as_bytes()[..20]);
    assert!(
        leaks.is_empty(),
        "part of the token was written to {leaks:?}"
    );
}

#[tokio::test]
async fn the_credentials_file_is_read_afresh_on_each_poll() {
    let s = Setup::new().await;
    let second = "sk-ant-oat01-SecondLogin9876543210zyxwvutsrqponmlkjihgf";
    Mock::given(path("/api/oauth/usage"))
        .and(header("authorization", format!("Bearer {second}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(1)
        .mount(&s.server)
        .await;
    Mock::given(path("/api/oauth/usage"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(1)
        .mount(&s.server)
        .await;
    assert_eq!(s.poll_at(s.now).await, Polled::Read(3));
    // Claude Code refreshed its login meanwhile.
    s.login(second, s.now + TimeDelta::hours(8));
    assert_eq!(
        s.poll_at(s.now + TimeDelta::minutes(5)).await,
        Polled::Read(3)
    );
}

#[tokio::test]
async fn a_429_waits_thirty_minutes_or_as_long_as_retry_after_says() {
    let s = Setup::new().await;
    Mock::given(path("/api/oauth/usage"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "60")
                .set_body_json(
                    json!({"error": {"type": "rate_limit_error", "message": "Rate limited"}}),
                ),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&s.server)
        .await;
    let Polled::Failed(sentence) = s.poll_at(s.now).await else {
        panic!()
    };
    assert!(
        sentence.contains("rate limited (429)") && sentence.contains("10:30 UTC"),
        "{sentence}"
    );
    assert_eq!(
        s.poll_at(s.now + TimeDelta::minutes(29)).await,
        Polled::Waiting
    );

    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "7200"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&s.server)
        .await;
    let at = s.now + TimeDelta::minutes(30);
    assert!(matches!(s.poll_at(at).await, Polled::Failed(_)));
    assert_eq!(
        s.poll_at(at + TimeDelta::minutes(119)).await,
        Polled::Waiting
    );
    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(1)
        .mount(&s.server)
        .await;
    assert_eq!(
        s.poll_at(at + TimeDelta::minutes(120)).await,
        Polled::Read(3)
    );
    assert_eq!(
        claude::state(&s.store).await.unwrap().problem,
        None,
        "the figures clear the problem"
    );
}

#[tokio::test]
async fn a_rejected_login_stops_polling_until_claude_code_writes_a_new_one() {
    let s = Setup::new().await;
    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"type": "error", "error": {"type": "authentication_error", "message": format!("OAuth token {TOKEN} has expired")}}),
        ))
        .up_to_n_times(1)
        .expect(1)
        .mount(&s.server)
        .await;
    let Polled::Failed(sentence) = s.poll_at(s.now).await else {
        panic!()
    };
    assert!(
        sentence.contains("open Claude Code to refresh its login"),
        "{sentence}"
    );
    assert!(!sentence.contains(&TOKEN[..20]), "{sentence}");
    // Hours later, the same file: no request.
    assert_eq!(
        s.poll_at(s.now + TimeDelta::hours(3)).await,
        Polled::Waiting
    );
    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(1)
        .mount(&s.server)
        .await;
    s.login(
        "sk-ant-oat01-FreshLoginAfterRefresh000000000000000000",
        s.now + TimeDelta::hours(8),
    );
    assert_eq!(
        s.poll_at(s.now + TimeDelta::hours(3)).await,
        Polled::Read(3)
    );
}

#[tokio::test]
async fn a_broken_or_expired_login_is_one_sentence_and_no_request() {
    let s = Setup::new().await;
    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(200).set_body_json(usage_answer()))
        .expect(0)
        .mount(&s.server)
        .await;
    let file = &s.endpoint.credentials;
    let mut at = s.now;
    let mut next = || {
        at += TimeDelta::minutes(5);
        at
    };
    let cases: [(&dyn Fn(), &str); 5] = [
        (&|| std::fs::remove_file(file).unwrap(), "was not found"),
        (
            &|| std::fs::write(file, "<html>oops</html>").unwrap(),
            "is not the JSON Claude Code writes",
        ),
        (
            &|| std::fs::write(file, r#"{"mcpOAuth":{}}"#).unwrap(),
            "holds no Claude login",
        ),
        (
            &|| std::fs::write(file, r#"{"claudeAiOauth":{"accessToken":""}}"#).unwrap(),
            "holds no access token",
        ),
        (
            &|| s.login(TOKEN, s.now - TimeDelta::minutes(1)),
            "open Claude Code to refresh its login",
        ),
    ];
    for (break_it, said) in cases {
        break_it();
        let Polled::Failed(sentence) = s.poll_at(next()).await else {
            panic!("{said}")
        };
        assert!(sentence.contains(said), "{sentence}");
        assert!(!sentence.contains('\n'), "one sentence: {sentence}");
        assert_eq!(
            claude::state(&s.store).await.unwrap().problem.as_deref(),
            Some(sentence.as_str())
        );
    }
}

#[tokio::test]
async fn switched_off_it_never_asks() {
    let s = Setup::new().await;
    claude::set_enabled(&s.store, false, s.now).await.unwrap();
    Mock::given(path("/api/oauth/usage"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&s.server)
        .await;
    assert_eq!(s.poll_at(s.now).await, Polled::Disabled);
}
