//! `keyledger budget` and `keyledger alerts` on a ledger seeded through core: a budget set over
//! spend already made fires once, `alerts` lists it until acknowledged, bad budgets explain.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;

use keyledger_core::alerts::settings::save_settings;
use keyledger_core::alerts::AlertSettings;
use keyledger_core::clock;
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};
use serde_json::Value;

/// $9 billed today (UTC), and the alert rules on UTC days.
fn seed(data_dir: &Path) {
    std::fs::create_dir_all(data_dir).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(&data_dir.join("keyledger.db")).await.unwrap();
        let now = clock::now();
        let settings = AlertSettings {
            time_zone: Some("UTC".into()),
            ..AlertSettings::default()
        };
        save_settings(&store, settings, now).await.unwrap();
        Ledger::new(store.clone())
            .record(
                vec![UsageBucket {
                    provider: "openai".into(),
                    credential_id: None,
                    account: String::new(),
                    model: "gpt-4o".into(),
                    start: now.date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc(),
                    width: Width::Day,
                    source: UsageSource::Api,
                    counts: Counts {
                        input: 1000,
                        ..Counts::default()
                    },
                    cost_micros: Some(9_000_000),
                    cost_source: CostSource::Provider,
                }],
                now,
            )
            .await
            .unwrap();
        store.close().await;
    });
}

fn cmd(data_dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("keyledger").unwrap();
    c.env("KEYLEDGER_DATA_DIR", data_dir)
        .env("KEYLEDGER_KEYRING_SERVICE", "keyledger-alerts-test-unused");
    c
}

fn run(data_dir: &Path, args: &[&str]) -> (String, String) {
    let out = cmd(data_dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn json(data_dir: &Path, args: &[&str]) -> Vec<Value> {
    let (stdout, _) = run(data_dir, args);
    serde_json::from_str::<Value>(&stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn budget_alerts(list: &[Value]) -> Vec<Value> {
    list.iter()
        .filter(|a| a["rule"] == "budget")
        .cloned()
        .collect()
}

#[test]
fn a_budget_over_past_spend_fires_once_and_stays_until_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let (_, stderr) = run(dir.path(), &["budget", "set", "all", "--usd", "10"]);
    assert!(stderr.contains("Budget "), "{stderr}");
    assert!(
        // The title says what is used (as `budget list` does), the threshold crossed is 80%.
        stderr.contains("alert: Budget 90% used: all keys — $9.00 of $10.00 spent in"),
        "{stderr}"
    );

    let budgets = json(dir.path(), &["budget", "list", "--json"]);
    assert_eq!(budgets.len(), 1);
    assert_eq!(budgets[0]["spent_usd"], "9.000000");
    assert_eq!(budgets[0]["percent"], 90);
    assert_eq!(budgets[0]["budget"]["scope"]["kind"], "all");
    assert_eq!(
        budgets[0]["budget"]["thresholds"],
        serde_json::json!([50, 80, 100])
    );

    // Listing runs the rules again: still one budget alert, not a second.
    for _ in 0..2 {
        let active = budget_alerts(&json(dir.path(), &["alerts", "--json"]));
        assert_eq!(active.len(), 1);
        assert_eq!(active[0]["threshold"], "80%");
        assert_eq!(active[0]["severity"], "warning");
    }
    let id = budget_alerts(&json(dir.path(), &["alerts", "--json"]))[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (_, stderr) = run(dir.path(), &["alerts", "ack", &id]);
    assert!(stderr.contains("Acknowledged: Budget 90% used"), "{stderr}");
    assert!(budget_alerts(&json(dir.path(), &["alerts", "--json"])).is_empty());
    let all = budget_alerts(&json(dir.path(), &["alerts", "--all", "--json"]));
    assert_eq!(all.len(), 1);
    assert!(all[0]["acknowledged_at"].is_string());
    let (table, _) = run(dir.path(), &["alerts", "--all"]);
    assert!(table.contains("acknowledged"), "{table}");

    let budget_id = budgets[0]["budget"]["id"].as_str().unwrap();
    run(dir.path(), &["budget", "rm", &budget_id[..6]]);
    let (table, _) = run(dir.path(), &["budget", "list"]);
    assert!(table.contains("No budgets. Set one"), "{table}");
}

#[test]
fn bad_budgets_say_what_to_type() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    for (args, needle) in [
        (
            vec!["budget", "set", "everything", "--usd", "5"],
            "use all, provider:NAME",
        ),
        (
            vec!["budget", "set", "all"],
            "give an amount in USD, a token quota, or both",
        ),
        (vec!["budget", "set", "all", "--usd", "0"], "more than $0"),
        (
            vec!["budget", "set", "all", "--usd", "5", "--period", "week"],
            "use day or month",
        ),
        (
            vec!["budget", "set", "key:nosuchkey", "--usd", "5"],
            "no credential matches 'nosuchkey'",
        ),
        (vec!["budget", "rm", "nosuch"], "no budget matches 'nosuch'"),
        (
            vec!["alerts", "snooze", "1", "--hours", "0"],
            "1 hour to 30 days",
        ),
    ] {
        let out = cmd(dir.path()).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    }
    let (table, _) = run(dir.path(), &["budget", "list"]);
    assert!(table.contains("No budgets"), "nothing was written: {table}");
}
