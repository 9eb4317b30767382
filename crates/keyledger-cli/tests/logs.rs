//! `keyledger import-logs` and `keyledger log-sources` on generated logs in a temp HOME (the
//! user's real agent logs are never read): the report, `usage` showing the agents, a second run
//! reading nothing, and the sources' settings.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

#[path = "../../keyledger-core/tests/support/log_fixtures.rs"]
mod fixtures;

use std::path::Path;

use fixtures::*;
use serde_json::Value;

fn cmd(home: &Path) -> assert_cmd::Command {
    common::home_cmd(home, "keyledger-logs-test-unused")
}

fn ok(home: &Path, args: &[&str]) -> String {
    common::stdout(&cmd(home).args(args).output().unwrap())
}

/// Logs where the agents put them by default, under `home`.
fn seed(home: &Path) {
    let claude = home.join(".claude/projects/-home-dev-app");
    std::fs::create_dir_all(&claude).unwrap();
    std::fs::write(
        claude.join("a.jsonl"),
        lines(&[
            claude_user("2026-11-20T09:00:00Z", 100),
            claude_assistant(
                "2026-11-20T09:00:01Z",
                "m1",
                "r1",
                "claude-haiku-4-5",
                1_000_000,
                100_000,
                0,
                0,
                50,
            ),
        ]),
    )
    .unwrap();
    let codex = home.join(".codex/sessions/2026/11/20");
    std::fs::create_dir_all(&codex).unwrap();
    std::fs::write(
        codex.join("rollout-1.jsonl"),
        lines(&[
            codex_context("2026-11-20T10:00:00Z", "gpt-5"),
            codex_tokens("2026-11-20T10:00:01Z", 1_000_000, 0, 100_000, 0),
        ]),
    )
    .unwrap();
}

#[test]
fn import_logs_reads_the_default_folders_once() {
    let home = tempfile::tempdir().unwrap();
    seed(home.path());
    let report: Value = serde_json::from_str(&ok(home.path(), &["import-logs", "--json"])).unwrap();
    assert_eq!(report["files_read"], 2);
    assert_eq!(report["requests"], 2);
    let rows: Value = serde_json::from_str(&ok(
        home.path(),
        &[
            "usage",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--by",
            "credential",
            "--json",
        ],
    ))
    .unwrap();
    let costs: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r["cost_usd"].as_str().unwrap()))
        .collect();
    // Haiku 4.5: 1M × $1 + 100k × $5; GPT-5: 1M × $1.25 + 100k × $10 (per million).
    assert_eq!(
        costs,
        [
            ("Claude Code (local logs)", "1.500000"),
            ("Codex (local logs)", "2.250000")
        ]
    );
    let again = ok(home.path(), &["import-logs"]);
    assert!(
        again.contains("Read 0 of 2 files (0 bytes): 0 new requests"),
        "{again}"
    );
}

#[test]
fn log_sources_can_be_switched_off_and_extended() {
    let home = tempfile::tempdir().unwrap();
    seed(home.path());
    let listed = ok(home.path(), &["log-sources", "list"]);
    assert!(listed.contains("Claude Code: on"), "{listed}");
    assert!(listed.contains(".claude/projects [default]"), "{listed}");
    ok(home.path(), &["log-sources", "disable", "codex"]);
    let extra = home.path().join("elsewhere");
    std::fs::create_dir_all(&extra).unwrap();
    ok(
        home.path(),
        &["log-sources", "add", "claude", extra.to_str().unwrap()],
    );
    let dirs: Value =
        serde_json::from_str(&ok(home.path(), &["log-sources", "list", "--json"])).unwrap();
    let paths: Vec<&str> = dirs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().all(|p| !p.contains(".codex")),
        "codex is off: {paths:?}"
    );
    assert!(paths.contains(&extra.to_str().unwrap()));
    let report: Value = serde_json::from_str(&ok(home.path(), &["import-logs", "--json"])).unwrap();
    assert_eq!(report["files_read"], 1, "only Claude Code's file");

    for (args, needle) in [
        (
            vec!["log-sources", "add", "claude", "relative/dir"],
            "absolute path",
        ),
        (
            vec!["log-sources", "enable", "cursor"],
            "use claude or codex",
        ),
        (
            vec!["import-logs", "--claude", "/no/such/folder"],
            "is not a folder",
        ),
    ] {
        let out = cmd(home.path()).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
