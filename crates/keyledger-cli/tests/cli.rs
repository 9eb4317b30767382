//! The built `keyledger` binary against the real Secret Service (inside `scripts/session.sh`)
//! and a real SQLite file: the add → list → reveal → rm journey, bad input, and leaks.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const KEY: &str = "sk-ant-api03-CLItestabcdefghijklmnopqrstuvwxyz0123456789-zyxwQQAA";

mod common;

use common::Env;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn add_list_reveal_rm_journey() {
    let env = Env::new();
    let out = env.add(
        &format!("  {KEY}\n"),
        &[
            "--label",
            "laptop",
            "--profile",
            "dev",
            "--expires",
            "2027-03-01",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains(KEY));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(id.len(), 36, "prints the new id");

    let list = env.list_json();
    assert_eq!(list.len(), 1);
    let c = &list[0];
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["provider"], "anthropic");
    assert_eq!(c["kind"], "api");
    assert_eq!(c["label"], "laptop");
    assert_eq!(c["profile"], "dev");
    assert_eq!(c["hint"], "sk-ant-api03-…QQAA");
    assert_eq!(c["expires_at"], "2027-03-01T23:59:59Z");
    assert_eq!(c["expires_source"], "manual");

    let table = env.cmd().arg("list").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("sk-ant-api03-…QQAA") && table.contains("laptop"));
    assert!(!table.contains(KEY));

    assert_eq!(
        env.secret_tool(&id).as_deref(),
        Some(KEY),
        "the keychain holds the key"
    );

    let shown = env
        .cmd()
        .args(["show", &id[..6], "--json"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["id"], id.as_str());

    let revealed = env.cmd().args(["reveal", &id[..8]]).output().unwrap();
    assert!(revealed.status.success());
    assert_eq!(
        String::from_utf8(revealed.stdout).unwrap(),
        format!("{KEY}\n")
    );

    env.cmd().args(["rm", &id, "--yes"]).assert().success();
    assert!(env.list_json().is_empty());
    assert_eq!(env.secret_tool(&id), None, "the keychain item is gone");

    let audit = env.cmd().args(["audit", "--json"]).output().unwrap();
    let audit: Value = serde_json::from_slice(&audit.stdout).unwrap();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["delete", "reveal", "add"]);
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "cli"));
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let env = Env::new();
    for args in [
        vec!["add"],                                            // no --label
        vec!["add", "--label", "x", "--provider", "acme"],      // unknown provider
        vec!["add", "--label", "x", "--expires", "31/12/2027"], // bad date
        vec!["frobnicate"],                                     // unknown command
    ] {
        let out = env.cmd().args(&args).write_stdin(KEY).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let id = String::from_utf8(env.add(KEY, &["--label", "x"]).stdout).unwrap();
    let out = env.cmd().args(["rm", id.trim()]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "rm without --yes and no terminal"
    );
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(env.list_json().len(), 1, "nothing deleted");
}

#[test]
fn bad_keys_exit_1_with_one_clear_line_and_store_nothing() {
    let env = Env::new();
    let long = "k".repeat(17 * 1024);
    for (stdin, needle) in [
        ("", "empty"),
        ("   \n", "empty"),
        ("sk-proj-one\nsk-proj-two\n", "several lines"),
        (long.as_str(), "16 KiB"),
        ("sk-0123456789abcdef0123456789abcdef", "choose the provider"),
    ] {
        let out = env.add(stdin, &["--label", "bad"]);
        assert_eq!(out.status.code(), Some(1), "{needle}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("error: ") && err.contains(needle), "{err}");
    }
    assert!(env.list_json().is_empty());
    let out = env.cmd().args(["reveal", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no credential matches 'nope'"));
}

#[test]
fn without_a_keychain_add_fails_cleanly_and_leaves_no_row() {
    let env = Env::new();
    let out = env
        .cmd()
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/keyledger-no-bus",
        )
        .arg("add")
        .args(["--label", "nobus"])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("no system keychain is running (there is no desktop session bus"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        env.list_json().is_empty(),
        "no DB row without a keychain item"
    );
    assert_eq!(
        count_rows(&env.data_dir()),
        0,
        "no DB row, not even a pending one"
    );
}

fn count_rows(data_dir: &Path) -> i64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = keyledger_core::store::Store::open(&data_dir.join("keyledger.db"))
            .await
            .unwrap();
        let n = keyledger_core::store::credentials::count_all(store.pool())
            .await
            .unwrap();
        store.close().await;
        n
    })
}

#[test]
fn secrets_never_reach_the_db_wal_or_log() {
    let env = Env::new();
    let keys = [
        KEY.to_owned(),
        "sk-proj-LEAKCHECKabcdefghijklmnopqrstuvwxyz0123456789".to_owned(),
        format!("sk-or-v1-{}", "0123456789abcdef".repeat(4)),
    ];
    for (i, k) in keys.iter().enumerate() {
        let out = env.add(k, &["--label", &format!("k{i}")]);
        assert!(out.status.success(), "{}", stderr(&out));
        let id = String::from_utf8(out.stdout).unwrap();
        env.cmd().args(["reveal", id.trim()]).assert().success();
        env.cmd().args(["show", id.trim()]).assert().success();
    }
    env.cmd().args(["list"]).assert().success();
    env.cmd().args(["audit"]).assert().success();
    let mut scanned = 0;
    for entry in std::fs::read_dir(env.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for k in &keys {
            assert!(
                !contains_bytes(&bytes, k.as_bytes()),
                "secret in {}",
                path.display()
            );
        }
        scanned += 1;
    }
    assert!(scanned >= 2, "scanned the DB and the log");
    assert!(has_file(&env.data_dir(), "keyledger.log"));
}

fn has_file(dir: &Path, name: &str) -> bool {
    dir.join(name)
        .metadata()
        .map(|m| m.len() > 0)
        .unwrap_or(false)
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_reports_each_key_and_records_its_status() {
    use wiremock::matchers::{header, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let env = Env::new();
    let good = MockServer::start().await;
    let bad = MockServer::start().await;
    Mock::given(path("/v1/models"))
        .and(header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"data":[]}"#, "application/json"))
        .expect(2) // one per `check --all` below
        .mount(&good)
        .await;
    Mock::given(path("/models"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error":{"message":"Invalid API key"}}"#,
            "application/json",
        ))
        .mount(&bad)
        .await;
    let add = |key: &str, label: &str, base: &str| {
        let out = env.add(key, &["--label", label, "--base-url", base]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    add(KEY, "good", &good.uri());
    add(
        "sk-proj-REVOKEDabcdefghijklmnopqrstuvwxyz0123",
        "revoked",
        &bad.uri(),
    );

    let out = env
        .cmd()
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let status_of = |label: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .map(|r| r["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(status_of("good").as_deref(), Some("valid"));
    assert_eq!(status_of("revoked").as_deref(), Some("invalid"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(KEY));

    let list = env.list_json();
    let listed = |label: &str| list.iter().find(|c| c["label"] == label).unwrap().clone();
    assert_eq!(listed("good")["status"], "valid");
    assert_eq!(listed("revoked")["status"], "invalid");
    assert!(listed("good")["last_checked_at"].is_string());

    let table = env.cmd().args(["check", "--all"]).output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("rejects this key (401: Invalid API key)"),
        "{table}"
    );
    good.verify().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poll_fills_the_ledger_that_usage_reads() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let env = Env::new();
    let server = MockServer::start().await;
    let today = keyledger_core::clock::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let body = format!(
        r#"{{"object":"page","data":[{{"object":"bucket","start_time":{},"end_time":{},"results":[
        {{"input_tokens":3000000,"input_cached_tokens":1000000,"output_tokens":10000,"num_model_requests":7,
          "model":"gpt-4o","api_key_id":"key_x"}}]}}],"has_more":false,"next_page":null}}"#,
        today.timestamp(),
        today.timestamp() + 86_400
    );
    Mock::given(path("/organization/usage/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    // The organization's key list names key_x: it is the stored project key "app".
    for (p, body) in [
        (
            "/organization/projects",
            r#"{"object":"list","data":[{"id":"proj_1"}],"last_id":"proj_1","has_more":false}"#,
        ),
        (
            "/organization/projects/proj_1/api_keys",
            r#"{"object":"list","data":[{"id":"key_x","name":"app","redacted_value":"sk-proj-CLIp...wxyz"}],
                "last_id":"key_x","has_more":false}"#,
        ),
    ] {
        Mock::given(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }
    let admin = "sk-admin-CLIpollabcdefghijklmnopqrstuvwxyz0123456789";
    let out = env.add(admin, &["--label", "org", "--base-url", &server.uri()]);
    assert!(out.status.success(), "{}", stderr(&out));
    env.add(
        "sk-proj-CLIpollPROJECTabcdefghijklmnopqrstuvwxyz",
        &["--label", "app"],
    );

    let out = env.cmd().args(["poll", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let outcomes: Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_label = |l: &str| {
        outcomes
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["label"] == l)
            .unwrap()
            .clone()
    };
    assert_eq!(by_label("org")["status"], "ok");
    assert_eq!(by_label("app")["status"], "skipped");
    assert!(by_label("app")["message"]
        .as_str()
        .unwrap()
        .contains("needs an admin key"));

    let out = env
        .cmd()
        .args(["usage", "--by", "credential", "--json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows[0]["key"], "app",
        "usage shows under the key that made it"
    );
    assert_eq!(rows[0]["input_tokens"], 2_000_000);
    assert_eq!(rows[0]["cached_tokens"], 1_000_000);
    // 2M × $2.50 + 1M × $1.25 + 10k × $10, per million.
    assert_eq!(rows[0]["cost_usd"], "6.350000");
}

/// Polls `what` until it holds, failing after 60 s.
async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !check().await {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting: {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_killed_midway_and_run_again_ends_with_exact_totals() {
    use wiremock::matchers::{path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let env = Env::new();
    let server = MockServer::start().await;
    let today = keyledger_core::clock::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let json = |body: String| ResponseTemplate::new(200).set_body_raw(body, "application/json");
    // OpenAI answers at once; Anthropic's second page hangs the first time it is asked for.
    Mock::given(path("/organization/usage/completions"))
        .respond_with(json(format!(
            r#"{{"data":[{{"start_time":{},"results":[{{"input_tokens":3000000,"input_cached_tokens":1000000,
            "output_tokens":10000,"num_model_requests":7,"model":"gpt-4o","api_key_id":null}}]}}],
            "has_more":false,"next_page":null}}"#,
            today.timestamp()
        )))
        .mount(&server)
        .await;
    let anthropic_day = |day: chrono::DateTime<chrono::Utc>, more: bool| {
        format!(
            r#"{{"data":[{{"starting_at":"{}","results":[{{"uncached_input_tokens":1000000,
            "output_tokens":100000,"model":"claude-sonnet-4-5","api_key_id":null}}]}}],
            "has_more":{more},"next_page":{}}}"#,
            day.to_rfc3339(),
            if more { r#""page_2""# } else { "null" }
        )
    };
    let usage_path = "/v1/organizations/usage_report/messages";
    Mock::given(path(usage_path))
        .and(query_param_is_missing("page"))
        .respond_with(json(anthropic_day(today - chrono::Days::new(1), true)))
        .mount(&server)
        .await;
    Mock::given(path(usage_path))
        .and(query_param("page", "page_2"))
        .respond_with(
            json(anthropic_day(today, false)).set_delay(std::time::Duration::from_secs(600)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(usage_path))
        .and(query_param("page", "page_2"))
        .respond_with(json(anthropic_day(today, false)))
        .with_priority(2)
        .mount(&server)
        .await;
    for (key, label) in [
        (
            "sk-admin-CLIkillabcdefghijklmnopqrstuvwxyz0123456789",
            "openai org",
        ),
        (
            "sk-ant-admin01-CLIkillabcdefghijklmnopqrstuvwxyz0123AA",
            "anthropic org",
        ),
    ] {
        let out = env.add(key, &["--label", label, "--base-url", &server.uri()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let by_provider = || {
        let out = env
            .cmd()
            .args(["usage", "--by", "provider", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };

    let mut poll = std::process::Command::new(assert_cmd::cargo::cargo_bin("keyledger"))
        .args(["poll", "--json"])
        .env("KEYLEDGER_DATA_DIR", env.data_dir())
        .env("KEYLEDGER_KEYRING_SERVICE", &env.service)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    eventually(
        "OpenAI's usage is written and Anthropic's second page is asked for",
        async || {
            let asked = server.received_requests().await.unwrap().iter().any(|r| {
                r.url.path() == usage_path && r.url.query().is_some_and(|q| q.contains("page_2"))
            });
            asked && by_provider().as_array().unwrap().len() == 1
        },
    )
    .await;
    poll.kill().unwrap(); // SIGKILL: no chance to clean up
    poll.wait().unwrap();
    let killed = by_provider();
    assert_eq!(
        killed[0]["key"], "openai",
        "the finished source stays written"
    );
    assert_eq!(
        killed.as_array().unwrap().len(),
        1,
        "half a source writes nothing"
    );

    for _ in 0..2 {
        let out = env.cmd().args(["poll", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let rows = by_provider();
        let tokens: Vec<(&str, i64, i64)> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["key"].as_str().unwrap(),
                    r["input_tokens"].as_i64().unwrap(),
                    r["output_tokens"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            tokens,
            [
                ("anthropic", 2_000_000, 200_000),
                ("openai", 2_000_000, 10_000)
            ],
            "each day once, however often it is polled"
        );
        // 2M × $3 + 200k × $15 per million; 2M × $2.50 + 1M × $1.25 + 10k × $10 per million.
        assert_eq!(rows[0]["cost_usd"], "9.000000");
        assert_eq!(rows[1]["cost_usd"], "6.350000");
    }
}

/// Drives `keyledger add` on a real terminal (tmux): the key is asked for with a hidden prompt.
#[test]
fn on_a_terminal_the_key_is_read_from_a_prompt_that_does_not_echo() {
    let env = Env::new();
    let socket = format!("keyledger-tty-test-{}", std::process::id());
    /// Stops the private tmux server however the test ends.
    struct Server<'a>(&'a str);
    impl Drop for Server<'_> {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-L", self.0, "kill-server"])
                .status();
        }
    }
    let _server = Server(&socket);
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    let script = format!(
        "env KEYLEDGER_DATA_DIR='{}' KEYLEDGER_KEYRING_SERVICE='{}' '{}' add --label tty; echo EXIT=$?; read _",
        env.data_dir().display(),
        env.service,
        assert_cmd::cargo::cargo_bin("keyledger").display()
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "200",
        "-y",
        "20",
        &script,
    ]);
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    let screen = || String::from_utf8(tmux(&["capture-pane", "-p", "-t", "t"]).stdout).unwrap();
    let wait_for = |needle: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let text = screen();
            if text.contains(needle) {
                return text;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no '{needle}' on screen:\n{text}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    wait_for("Paste the key (input is hidden):");
    tmux(&["send-keys", "-t", "t", "-l", KEY]);
    tmux(&["send-keys", "-t", "t", "Enter"]);
    let text = wait_for("EXIT=");
    assert!(text.contains("EXIT=0"), "{text}");
    assert!(!text.contains(&KEY[..20]), "the key was echoed:\n{text}");
    let list = env.list_json();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["label"], "tty");
}
