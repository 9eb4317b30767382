//! `keyledger limits` on Codex session logs in a temp HOME: the plan's 5-hour and weekly windows
//! from `token_count` events (with `info: null`, absolute and relative resets, several sessions),
//! the newest reading per window, read once however often the logs are imported; Claude's 5-hour
//! block estimated from its logs, and its real reset from a "limit reached" line.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

#[path = "../../keyledger-core/tests/support/log_fixtures.rs"]
mod fixtures;

use std::path::Path;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use fixtures::*;
use serde_json::Value;

fn cmd(home: &Path) -> assert_cmd::Command {
    common::home_cmd(home, "keyledger-limits-test-unused")
}

fn ok(home: &Path, args: &[&str]) -> String {
    common::stdout(&cmd(home).args(args).output().unwrap())
}

fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn session(home: &Path, name: &str, lines_: &[String]) {
    let dir = home.join(".codex/sessions/2026/12/06");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), lines(lines_)).unwrap();
}

fn window<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|w| w["window"] == name)
        .unwrap_or_else(|| panic!("no {name} window in {list:?}"))
}

#[test]
fn limits_show_the_newest_reading_of_each_codex_window() {
    let home = tempfile::tempdir().unwrap();
    let now = keyledger_core::clock::now();
    let hour = TimeDelta::hours(1);
    let earlier = now - hour * 3;
    let latest = now - hour;
    let five_hour_reset = now + hour * 2;
    // An older session: a reading with relative resets, then one with usage.
    session(
        home.path(),
        "rollout-old.jsonl",
        &[
            codex_context(&ts(earlier), "gpt-5-codex"),
            codex_rate_limits(
                &ts(earlier),
                &[
                    (20.0, 300, "\"resets_in_seconds\":3600"),
                    (40.0, 10080, "\"resets_in_seconds\":500000"),
                ],
                None,
            ),
            codex_tokens(&ts(earlier + TimeDelta::seconds(5)), 1000, 0, 100, 0),
        ],
    );
    // The newest session: absolute 5-hour reset, relative weekly one, and the plan.
    session(
        home.path(),
        "rollout-new.jsonl",
        &[codex_rate_limits(
            &ts(latest),
            &[
                (
                    62.5,
                    300,
                    &format!("\"resets_at\":{}", five_hour_reset.timestamp()),
                ),
                (45.0, 10080, "\"resets_in_seconds\":86400"),
            ],
            Some("plus"),
        )],
    );

    let report: Value = serde_json::from_str(&ok(home.path(), &["import-logs", "--json"])).unwrap();
    assert_eq!(report["plan_readings"], 4);
    assert_eq!(report["malformed_lines"], 0);
    assert_eq!(
        report["requests"], 1,
        "the usage next to the readings still counts"
    );

    let list: Vec<Value> = serde_json::from_str(&ok(home.path(), &["limits", "--json"])).unwrap();
    assert_eq!(list.len(), 2, "one row per window: {list:?}");
    let five = window(&list, "5h");
    assert_eq!(five["source"], "codex");
    assert_eq!(five["origin"], "log");
    assert_eq!(five["used_percent"], 62.5);
    assert_eq!(five["window_minutes"], 300);
    assert_eq!(five["plan"], "plus");
    assert_eq!(five["stale"], false);
    let parse = |v: &Value| DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    assert_eq!(
        parse(&five["resets_at"]).timestamp(),
        five_hour_reset.timestamp()
    );
    assert_eq!(parse(&five["observed_at"]).timestamp(), latest.timestamp());
    let weekly = window(&list, "weekly");
    assert_eq!(weekly["used_percent"], 45.0);
    assert_eq!(
        parse(&weekly["resets_at"]).timestamp(),
        (latest + TimeDelta::days(1)).timestamp(),
        "resets_in_seconds counts from the event's timestamp"
    );
    // The fullest window leads.
    assert_eq!(list[0]["window"], "5h");

    // Imported again: nothing new is read, and each window is still one row.
    let again: Value = serde_json::from_str(&ok(home.path(), &["import-logs", "--json"])).unwrap();
    assert_eq!(again["plan_readings"], 0);
    let table = ok(home.path(), &["limits"]);
    assert!(
        table.contains("codex") && table.contains("62%") && table.contains("45%"),
        "{table}"
    );
    assert!(table.contains("plus"), "{table}");
}

#[test]
fn a_window_whose_reset_passed_is_stale_and_a_wild_percent_is_clamped() {
    let home = tempfile::tempdir().unwrap();
    let now = keyledger_core::clock::now();
    let seen = now - TimeDelta::hours(6);
    session(
        home.path(),
        "rollout-a.jsonl",
        &[codex_rate_limits(
            &ts(seen),
            &[
                (
                    130.0,
                    300,
                    &format!("\"resets_at\":{}", (seen + TimeDelta::hours(1)).timestamp()),
                ),
                (
                    -3.0,
                    10080,
                    &format!("\"resets_at\":{}", (now + TimeDelta::days(2)).timestamp()),
                ),
            ],
            None,
        )],
    );
    ok(home.path(), &["import-logs"]);
    let list: Vec<Value> = serde_json::from_str(&ok(home.path(), &["limits", "--json"])).unwrap();
    let five = window(&list, "5h");
    assert_eq!(
        (
            five["used_percent"].as_f64(),
            five["out_of_range"].as_bool()
        ),
        (Some(100.0), Some(true))
    );
    assert_eq!(five["stale"], true);
    let weekly = window(&list, "weekly");
    assert_eq!(
        (
            weekly["used_percent"].as_f64(),
            weekly["out_of_range"].as_bool()
        ),
        (Some(0.0), Some(true))
    );
    assert_eq!(weekly["stale"], false);
    // A fresh window leads a stale one, however full.
    assert_eq!(list[0]["window"], "weekly");
    let table = ok(home.path(), &["limits"]);
    assert!(
        table.contains("reset since; waiting for new data"),
        "{table}"
    );
    assert!(table.contains("out of range"), "{table}");
}

#[test]
fn no_windows_yet_says_where_they_come_from() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(home.path(), &["limits"]);
    assert!(out.contains("No plan windows seen yet"), "{out}");
    assert_eq!(ok(home.path(), &["limits", "--json"]).trim(), "[]");
}

fn claude_session(home: &Path, lines_: &[String]) {
    let dir = home.join(".claude/projects/-home-dev-app");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("s.jsonl"), lines(lines_)).unwrap();
}

fn hour_floor(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp() - at.timestamp().rem_euclid(3600), 0).unwrap()
}

#[test]
fn claudes_current_block_is_estimated_from_its_logs_and_a_limit_line_gives_the_real_reset() {
    let home = tempfile::tempdir().unwrap();
    let now = keyledger_core::clock::now();
    let block_start = hour_floor(now) - TimeDelta::hours(1);
    let mins = TimeDelta::minutes;
    // A block long gone, more than five hours before, then the current one: two requests.
    let lines_ = [
        claude_assistant(
            &ts(block_start - TimeDelta::hours(9)),
            "m0",
            "r0",
            "claude-sonnet-4-5",
            7000,
            0,
            0,
            0,
            10,
        ),
        claude_assistant(
            &ts(block_start + mins(10)),
            "m1",
            "r1",
            "claude-sonnet-4-5",
            1000,
            200,
            0,
            0,
            10,
        ),
        claude_assistant(
            &ts(block_start + mins(70)),
            "m2",
            "r2",
            "claude-sonnet-4-5",
            3000,
            800,
            0,
            0,
            10,
        ),
    ];
    claude_session(home.path(), &lines_);
    ok(home.path(), &["import-logs"]);
    let list: Vec<Value> = serde_json::from_str(&ok(home.path(), &["limits", "--json"])).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    let est = &list[0];
    assert_eq!(
        (
            est["source"].as_str(),
            est["window"].as_str(),
            est["origin"].as_str()
        ),
        (Some("claude"), Some("5h"), Some("estimate"))
    );
    assert_eq!(
        est["used_percent"],
        Value::Null,
        "an estimate is never a percent"
    );
    assert_eq!(
        est["block"]["tokens"], 5000,
        "only the current block's requests"
    );
    assert_eq!(est["block"]["requests"], 2);
    let parse = |v: &Value| {
        DateTime::parse_from_rfc3339(v.as_str().unwrap())
            .unwrap()
            .timestamp()
    };
    assert_eq!(parse(&est["block"]["start"]), block_start.timestamp());
    assert_eq!(
        parse(&est["resets_at"]),
        (block_start + TimeDelta::hours(5)).timestamp()
    );
    let table = ok(home.path(), &["limits"]);
    assert!(
        table.contains("~5,000 tokens") && table.contains("estimate"),
        "{table}"
    );

    // Claude stops: its line says when the window really resets.
    let reset = (now + mins(42)).timestamp();
    let mut more = lines_.to_vec();
    more.push(claude_limit_reached(&ts(now - mins(1)), reset));
    claude_session(home.path(), &more);
    let report: Value = serde_json::from_str(&ok(home.path(), &["import-logs", "--json"])).unwrap();
    assert_eq!(report["plan_readings"], 1);
    let list: Vec<Value> = serde_json::from_str(&ok(home.path(), &["limits", "--json"])).unwrap();
    assert_eq!(
        list.len(),
        1,
        "the real figure replaces the estimate: {list:?}"
    );
    assert_eq!(
        (list[0]["origin"].as_str(), list[0]["used_percent"].as_f64()),
        (Some("log"), Some(100.0))
    );
    assert_eq!(parse(&list[0]["resets_at"]), reset);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claudes_own_figures_once_switched_on() {
    use wiremock::matchers::{header, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let home = tempfile::tempdir().unwrap();
    let server = MockServer::start().await;
    let token = "sk-ant-oat01-CliLimitsTest0123456789abcdefghijklmnopqr";
    Mock::given(path("/api/oauth/usage"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "five_hour": {"utilization": 62.0, "resets_at": ts(keyledger_core::clock::now() + TimeDelta::minutes(72))},
            "seven_day": {"utilization": 31.0, "resets_at": ts(keyledger_core::clock::now() + TimeDelta::days(3))},
            "seven_day_opus": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let claude_dir = home.path().join(".claude");
    std::fs::create_dir_all(&claude_dir).unwrap();
    let expires = (keyledger_core::clock::now() + TimeDelta::hours(8)).timestamp_millis();
    std::fs::write(
        claude_dir.join(".credentials.json"),
        format!(r#"{{"claudeAiOauth":{{"accessToken":"{token}","expiresAt":{expires}}}}}"#),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut c = cmd(home.path());
        c.env("KEYLEDGER_CLAUDE_OAUTH_BASE_URL", server.uri())
            .args(args);
        c.output().unwrap()
    };

    // Off by default: nothing is asked.
    assert_eq!(
        String::from_utf8_lossy(&run(&["limits", "--json"]).stdout).trim(),
        "[]"
    );
    let wrong = run(&["limits", "enable", "codex"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("only `claude`"));
    assert!(run(&["limits", "enable", "claude"]).status.success());

    let out = run(&["limits", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let five = window(&list, "5h");
    assert_eq!(
        (
            five["source"].as_str(),
            five["origin"].as_str(),
            five["used_percent"].as_f64()
        ),
        (Some("claude"), Some("endpoint"), Some(62.0))
    );
    assert_eq!(window(&list, "weekly")["used_percent"], 31.0);
    // Within five minutes, the figures kept are shown without asking again (expect(1)).
    let table = String::from_utf8(run(&["limits"]).stdout).unwrap();
    assert!(
        table.contains("62%") && table.contains("endpoint"),
        "{table}"
    );

    // The login expires: one sentence on stderr, the last figures still shown.
    assert!(run(&["limits", "disable", "claude"]).status.success());
    assert!(run(&["limits", "enable", "claude"]).status.success());
    std::fs::write(
        claude_dir.join(".credentials.json"),
        format!(r#"{{"claudeAiOauth":{{"accessToken":"{token}","expiresAt":1000}}}}"#),
    )
    .unwrap();
    let out = run(&["limits"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("open Claude Code to refresh its login"),
        "{err}"
    );
    assert!(!err.contains(token) && !String::from_utf8_lossy(&out.stdout).contains(token));
    server.verify().await;
}
