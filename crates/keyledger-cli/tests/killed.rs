//! kill -9 at the worst moment: a `keyledger` process stopped at a named crash point
//! (`KEYLEDGER_CRASH_AT`) is killed with SIGKILL, and the next run opens the database and the
//! keychain, settles what was half done and reports it correctly, counting nothing twice.
//! Inside scripts/session.sh (real Secret Service, real SQLite files).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;
#[path = "../../keyledger-core/tests/support/log_fixtures.rs"]
mod fixtures;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::Env;
use fixtures::*;
use keyledger_core::crashpoint;
use serde_json::Value;

const OLD: &str = "sk-proj-KILLoldabcdefghijklmnopqrstuvwxyz0123456789Aa1";
const NEW: &str = "sk-proj-KILLnewabcdefghijklmnopqrstuvwxyz0123456789Bb2";
const PASS: &str = "purple elephant under the stairs";

/// Runs `keyledger ARGS` (with `stdin`) until it reports `point`, then kills it with SIGKILL.
fn killed_at(env: &Env, home: &std::path::Path, args: &[&str], stdin: &str, point: &str) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("keyledger"))
        .args(args)
        .env("HOME", home)
        .env("KEYLEDGER_DATA_DIR", env.data_dir())
        .env("KEYLEDGER_KEYRING_SERVICE", &env.service)
        .env("KEYLEDGER_CRASH_AT", point)
        .env_remove("CLAUDE_CONFIG_DIR")
        .env_remove("CODEX_HOME")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wanted = point.split('#').next().unwrap();
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line == format!("crashpoint {wanted}") => break,
            Ok(_) => {}
            Err(_) => {
                let _ = child.kill();
                panic!("keyledger {args:?} never reached {point}");
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished");
}

fn keychain_items(env: &Env) -> usize {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", &env.service])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&out.stdout).lines())
        .filter(|l| l.starts_with('['))
        .count()
}

fn ok(env: &Env, home: &std::path::Path, args: &[&str], stdin: &str) -> String {
    let out = env
        .cmd()
        .env("HOME", home)
        .env_remove("CLAUDE_CONFIG_DIR")
        .env_remove("CODEX_HOME")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn import_logs_killed_before_its_commit_counts_everything_once_on_the_next_run() {
    let env = Env::new();
    let home = env.dir.path().join("home");
    let claude = home.join(".claude/projects/-home-dev-app");
    std::fs::create_dir_all(&claude).unwrap();
    std::fs::write(
        claude.join("a.jsonl"),
        lines(&[claude_assistant(
            "2026-11-20T09:00:01Z",
            "m1",
            "r1",
            "claude-haiku-4-5",
            1_000_000,
            100_000,
            0,
            0,
            50,
        )]),
    )
    .unwrap();

    killed_at(
        &env,
        &home,
        &["import-logs"],
        "",
        crashpoint::INGEST_BEFORE_COMMIT,
    );

    let usage = |env: &Env| -> Value {
        serde_json::from_str(&ok(
            env,
            &home,
            &[
                "usage",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--json",
            ],
            "",
        ))
        .unwrap()
    };
    assert_eq!(
        usage(&env),
        Value::Array(vec![]),
        "nothing of the killed pass"
    );
    let report: Value =
        serde_json::from_str(&ok(&env, &home, &["import-logs", "--json"], "")).unwrap();
    assert_eq!(
        (report["files_read"].as_u64(), report["requests"].as_u64()),
        (Some(1), Some(1))
    );
    let again: Value =
        serde_json::from_str(&ok(&env, &home, &["import-logs", "--json"], "")).unwrap();
    assert_eq!(again["requests"], 0);
    let rows = usage(&env);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    // Haiku 4.5: 1M × $1 + 100k × $5 per million, once.
    assert_eq!(rows[0]["cost_usd"], "1.500000");
    assert_eq!(rows[0]["requests"], 1);
}

#[test]
fn rotate_killed_after_the_keychain_write_is_completed_by_the_next_run() {
    let env = Env::new();
    let home = env.dir.path().join("home");
    let out = env.add(OLD, &["--label", "work"]);
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();

    killed_at(
        &env,
        &home,
        &["rotate", &id],
        NEW,
        crashpoint::ROTATE_AFTER_KEYCHAIN,
    );
    assert_eq!(
        env.secret_tool(&id).as_deref(),
        Some(NEW),
        "the keychain has the new key"
    );

    // The next run settles the pending rotation: the row describes the key the keychain holds.
    let listed = env.list_json();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["hint"], "sk-proj-…9Bb2");
    assert!(listed[0]["rotated_at"].is_string());
    assert_eq!(ok(&env, &home, &["reveal", &id], "").trim(), NEW);
    assert_eq!(keychain_items(&env), 1);
    let shown = ok(&env, &home, &["show", &id], "");
    assert_eq!(
        shown.matches("rotated ").count(),
        1,
        "one rotation in the history: {shown}"
    );
}

#[test]
fn import_backup_killed_midway_adds_the_rest_on_the_next_run_and_nothing_twice() {
    let a = Env::new();
    let home = a.dir.path().join("home");
    for (key, label) in [
        (OLD, "one"),
        (NEW, "two"),
        (
            "sk-ant-api03-KILLabcdefghijklmnopqrstuvwxyz0123456789-zyxwQQAA",
            "three",
        ),
    ] {
        assert!(a.add(key, &["--label", label]).status.success());
    }
    let file = a.dir.path().join("keys.age");
    let file_arg = file.to_str().unwrap();
    ok(
        &a,
        &home,
        &["export", "--out", file_arg],
        &format!("{PASS}\n"),
    );

    let b = Env::new();
    killed_at(
        &b,
        &home,
        &["import-backup", file_arg],
        &format!("{PASS}\n"),
        &format!("{}#2", crashpoint::ADD_AFTER_KEYCHAIN),
    );

    // The second key was in the keychain when the process died: the next start completes it.
    let after_kill = b.list_json();
    assert_eq!(after_kill.len(), 2, "{after_kill:?}");
    assert_eq!(keychain_items(&b), 2);

    let out = b
        .cmd()
        .args(["import-backup", file_arg, "--json"])
        .write_stdin(format!("{PASS}\n"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let outcomes: Vec<&str> = report["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "added").count(),
        1,
        "{report}"
    );
    assert_eq!(
        outcomes.iter().filter(|o| **o == "skipped").count(),
        2,
        "{report}"
    );
    let mut labels: Vec<String> = b
        .list_json()
        .iter()
        .map(|c| c["label"].as_str().unwrap().to_owned())
        .collect();
    labels.sort();
    assert_eq!(labels, ["one", "three", "two"]);
    assert_eq!(keychain_items(&b), 3);
}
