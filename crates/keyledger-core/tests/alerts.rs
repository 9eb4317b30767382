//! Alerts against a real SQLite file: each fires once per threshold per period across repeated
//! evaluations and a restart, fires again in the next period, snoozes wake, acknowledged alerts
//! stay quiet, the user's time zone decides the month, a key that works again closes its
//! "rejected" alert, and OpenRouter's limit (from a fake server) counts as a quota.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{json, Fixture};
use keyledger_core::alerts::budget::NewBudget;
use keyledger_core::alerts::evaluate::{evaluate, pending_notices};
use keyledger_core::alerts::manage;
use keyledger_core::alerts::settings::{load_settings, save_settings};
use keyledger_core::alerts::{AlertSettings, Rule};
use keyledger_core::credential::{Provider, Status};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::{alerts, budgets, credentials, Store};
use keyledger_core::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer};

const KEY: &str = "sk-proj-ALERTabcdefghijklmnopqrstuvwxyz0123456789";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Records `usd_micros` of billed spend by `credential` on the UTC day starting at `day`.
async fn spend(store: &Store, credential: &str, day: &str, usd_micros: i64) {
    Ledger::new(store.clone())
        .record(
            vec![UsageBucket {
                provider: "openai".into(),
                credential_id: Some(credential.into()),
                account: String::new(),
                model: "gpt-4o".into(),
                start: at(day),
                width: Width::Day,
                source: UsageSource::Api,
                counts: Counts {
                    input: 1000,
                    ..Counts::default()
                },
                cost_micros: Some(usd_micros),
                cost_source: CostSource::Provider,
            }],
            at(day),
        )
        .await
        .unwrap();
}

async fn monthly_budget(store: &Store, scope: &str, usd: &str) {
    let valid = NewBudget {
        scope: scope.into(),
        period: "month".into(),
        amount_usd: Some(usd.into()),
        ..NewBudget::default()
    }
    .validate(&[50, 80, 100])
    .unwrap();
    budgets::upsert(store.pool(), "budget-1", &valid, at("2026-11-01T00:00:00Z"))
        .await
        .unwrap();
}

async fn utc_settings(store: &Store) {
    let settings = AlertSettings {
        time_zone: Some("UTC".into()),
        ..AlertSettings::default()
    };
    save_settings(store, settings, at("2026-11-01T00:00:00Z"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_crossed_budget_fires_once_across_evaluations_and_restarts_and_again_next_month() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    utc_settings(&store).await;
    monthly_budget(&store, &format!("key:{id}"), "10").await;
    spend(&store, &id, "2026-11-20T00:00:00Z", 8_500_000).await;

    // Late in the month, so the pace (under $10) raises no forecast warning.
    let now = at("2026-11-29T12:00:00Z");
    let first = evaluate(&store, now).await.unwrap();
    let titles: Vec<&str> = first.fired.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Budget 85% used: laptop"]);
    assert_eq!(first.fired[0].credential_id.as_deref(), Some(id.as_str()));
    assert_eq!(first.notices().len(), 1);
    assert!(evaluate(&store, now).await.unwrap().fired.is_empty());
    assert!(evaluate(&store, now + Duration::hours(5))
        .await
        .unwrap()
        .fired
        .is_empty());

    // A restart: the same file, opened again.
    let path = f.db_path();
    store.close().await;
    let reopened = Store::open(&path).await.unwrap();
    assert!(evaluate(&reopened, now).await.unwrap().fired.is_empty());
    let active = alerts::list(reopened.pool(), false, now).await.unwrap();
    assert_eq!(active.len(), 1, "the 50 % alert was superseded, not shown");

    // Crossing 100 % fires once more and retires the 80 % alert.
    spend(&reopened, &id, "2026-11-21T00:00:00Z", 2_000_000).await;
    let full = evaluate(&reopened, now).await.unwrap();
    assert_eq!(full.fired[0].title, "Budget 105% used: laptop");
    let active = alerts::list(reopened.pool(), false, now).await.unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].threshold, "100%");

    // December is a new period: the same thresholds fire again.
    spend(&reopened, &id, "2026-12-02T00:00:00Z", 6_000_000).await;
    let december = evaluate(&reopened, at("2026-12-02T12:00:00Z"))
        .await
        .unwrap();
    let fired: Vec<(&str, &str)> = december
        .fired
        .iter()
        .filter(|a| a.rule == Rule::Budget)
        .map(|a| (a.period.as_str(), a.threshold.as_str()))
        .collect();
    assert_eq!(fired, [("2026-12", "50%")]);
    reopened.close().await;
}

#[tokio::test]
async fn snoozed_alerts_wake_and_acknowledged_ones_stay_quiet() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    utc_settings(&store).await;
    monthly_budget(&store, "all", "10").await;
    spend(&store, &id, "2026-11-20T00:00:00Z", 9_000_000).await;
    let now = at("2026-11-29T12:00:00Z");
    let alert = evaluate(&store, now).await.unwrap().fired.remove(0);

    let mut db = store.pool().acquire().await.unwrap();
    alerts::snooze(&mut db, alert.id, now + Duration::hours(1))
        .await
        .unwrap();
    assert!(alerts::list(store.pool(), false, now)
        .await
        .unwrap()
        .is_empty());
    let before = evaluate(&store, now + Duration::minutes(59)).await.unwrap();
    assert!(before.woke.is_empty() && before.fired.is_empty());
    let after = evaluate(&store, now + Duration::hours(1)).await.unwrap();
    assert_eq!(after.woke.len(), 1, "the snooze ended: notify again");
    assert_eq!(after.notices()[0].title, "Budget 90% used: all keys");
    assert!(evaluate(&store, now + Duration::hours(2))
        .await
        .unwrap()
        .woke
        .is_empty());

    let acked = alerts::acknowledge(&mut db, alert.id, now).await.unwrap();
    assert!(acked.acknowledged_at.is_some());
    assert!(alerts::list(store.pool(), false, now)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        alerts::list(store.pool(), true, now).await.unwrap().len(),
        1
    );
    let e = alerts::snooze(&mut db, alert.id, now).await.unwrap_err();
    assert!(e.to_string().contains("already acknowledged"), "{e}");
}

#[tokio::test]
async fn a_day_budget_counts_the_hours_of_the_users_own_day() {
    let f = Fixture::new().await;
    let store = f.vault.store().clone();
    let valid = NewBudget {
        scope: "all".into(),
        period: "day".into(),
        amount_usd: Some("5".into()),
        ..NewBudget::default()
    }
    .validate(&[100])
    .unwrap();
    budgets::upsert(store.pool(), "daily", &valid, at("2026-11-01T00:00:00Z"))
        .await
        .unwrap();
    // A Claude Code request at 23:10 UTC on the 23rd, with its day and its hour; and an API
    // day with no hours on the same UTC day.
    let log = |start: &str, width| UsageBucket {
        provider: "anthropic".into(),
        credential_id: None,
        account: "claude-code".into(),
        model: "claude-sonnet-4-5".into(),
        start: at(start),
        width,
        source: UsageSource::Log,
        counts: Counts {
            input: 1000,
            ..Counts::default()
        },
        cost_micros: Some(6_000_000),
        cost_source: CostSource::Provider,
    };
    Ledger::new(store.clone())
        .record(
            vec![
                log("2026-11-23T00:00:00Z", Width::Day),
                log("2026-11-23T23:00:00Z", Width::Hour),
            ],
            at("2026-11-23T23:30:00Z"),
        )
        .await
        .unwrap();
    spend(&store, "api-key", "2026-11-23T00:00:00Z", 9_000_000).await;
    let zone = |name: &str| AlertSettings {
        time_zone: Some(name.into()),
        ..AlertSettings::default()
    };
    // 10:00 on the 24th in Tokyo: the request (08:10 local) is today's, the API day is not.
    let now = at("2026-11-24T01:00:00Z");
    save_settings(&store, zone("Asia/Tokyo"), now)
        .await
        .unwrap();
    let fired = evaluate(&store, now).await.unwrap().fired;
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].period, "2026-11-24");
    assert!(
        fired[0].body.contains("$6.00 of $5.00"),
        "{}",
        fired[0].body
    );
    // In UTC the 24th has no spend yet.
    let f2 = Fixture::new().await;
    let store2 = f2.vault.store().clone();
    budgets::upsert(store2.pool(), "daily", &valid, at("2026-11-01T00:00:00Z"))
        .await
        .unwrap();
    Ledger::new(store2.clone())
        .record(
            vec![
                log("2026-11-23T00:00:00Z", Width::Day),
                log("2026-11-23T23:00:00Z", Width::Hour),
            ],
            now,
        )
        .await
        .unwrap();
    save_settings(&store2, zone("UTC"), now).await.unwrap();
    assert!(evaluate(&store2, now).await.unwrap().fired.is_empty());
}

#[tokio::test]
async fn the_users_time_zone_decides_which_month_is_being_spent() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    monthly_budget(&store, "all", "10").await;
    spend(&store, &id, "2026-11-30T00:00:00Z", 10_000_000).await;
    let now = at("2026-11-30T23:30:00Z");
    let zone = |name: &str| AlertSettings {
        time_zone: Some(name.into()),
        ..AlertSettings::default()
    };
    // Already December in Berlin: November's spend is not December's.
    save_settings(&store, zone("Europe/Berlin"), now)
        .await
        .unwrap();
    assert!(evaluate(&store, now).await.unwrap().fired.is_empty());
    // Still November in New York.
    save_settings(&store, zone("America/New_York"), now)
        .await
        .unwrap();
    let fired = evaluate(&store, now).await.unwrap().fired;
    assert_eq!(
        (fired[0].period.as_str(), fired[0].threshold.as_str()),
        ("2026-11", "100%")
    );
}

#[tokio::test]
async fn a_key_that_works_again_closes_its_rejected_alert_and_a_new_rejection_fires() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    let now = at("2026-11-23T12:00:00Z");
    credentials::set_status(store.pool(), &id, Status::Invalid)
        .await
        .unwrap();
    let fired = evaluate(&store, now).await.unwrap().fired;
    assert_eq!(fired[0].rule, Rule::Invalid);
    assert!(evaluate(&store, now).await.unwrap().fired.is_empty());
    credentials::set_status(store.pool(), &id, Status::Valid)
        .await
        .unwrap();
    evaluate(&store, now + Duration::hours(1)).await.unwrap();
    assert!(alerts::list(store.pool(), false, now)
        .await
        .unwrap()
        .is_empty());
    credentials::set_status(store.pool(), &id, Status::Invalid)
        .await
        .unwrap();
    let again = evaluate(&store, now + Duration::hours(2))
        .await
        .unwrap()
        .fired;
    assert_eq!(again.len(), 1);
    assert_eq!(
        alerts::list(store.pool(), true, now).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn many_alerts_at_once_make_one_notification_and_do_not_notify_means_none() {
    let f = Fixture::new().await;
    let store = f.vault.store().clone();
    for n in 0..5 {
        let id = f
            .add(
                &format!("sk-proj-ALERT{n}bcdefghijklmnopqrstuvwxyz0123456789"),
                &format!("key {n}"),
                "http://127.0.0.1:9",
            )
            .await;
        credentials::set_status(store.pool(), &id, Status::Invalid)
            .await
            .unwrap();
    }
    let now = at("2026-11-23T12:00:00Z");
    let e = evaluate(&store, now).await.unwrap();
    assert_eq!(e.fired.len(), 5);
    let notices = e.notices();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].title, "5 new Keyledger alerts");
    assert!(notices[0]
        .body
        .ends_with("and 2 more — open Keyledger to see them"));
    let quiet = AlertSettings {
        notify: false,
        ..AlertSettings::default()
    };
    save_settings(&store, quiet, now).await.unwrap();
    let mut e = evaluate(&store, now).await.unwrap();
    e.fired = alerts::list(store.pool(), false, now).await.unwrap();
    assert!(e.notices().is_empty(), "do not notify");
}

#[tokio::test]
async fn openrouters_limit_counts_as_a_quota() {
    let f = Fixture::new().await;
    let server = MockServer::start().await;
    Mock::given(path("/key"))
        .respond_with(json(
            r#"{"data":{"label":"sk-or-v1-012...def","limit":20,"limit_remaining":"3.5",
            "limit_reset":"monthly","usage":16.5,"usage_daily":1.5,"expires_at":null}}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(path("/credits"))
        .respond_with(wiremock::ResponseTemplate::new(403))
        .mount(&server)
        .await;
    f.add_as(
        "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "router",
        &server.uri(),
        Some(Provider::OpenRouter),
    )
    .await;
    let polled = f.poll().await;
    assert!(polled[0].message.contains("limit"), "{}", polled[0].message);
    let fired = evaluate(f.vault.store(), common::now())
        .await
        .unwrap()
        .fired;
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].title, "Provider limit 82% used: router");
    assert_eq!(
        fired[0].body,
        "$16.50 of the key's $20.00 limit used (resets monthly); $3.50 left."
    );
}

#[tokio::test]
async fn a_rotation_reminder_turned_off_for_a_key_stays_off() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    // Added 2026-11-23: 98 days old on 2027-03-01.
    let later = at("2027-03-01T12:00:00Z");
    let fired = evaluate(&store, later).await.unwrap().fired;
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].title, "Time to rotate “laptop”");
    let done = manage::rotation_reminder_off(&store, fired[0].id, later)
        .await
        .unwrap();
    assert!(done.acknowledged_at.is_some());
    assert_eq!(
        load_settings(&store).await.unwrap().rotation_off,
        vec![id.as_str()]
    );
    // A shorter rotation age would fire anew for any other key, but not for this one.
    let shorter = AlertSettings {
        rotation_days: 30,
        ..load_settings(&store).await.unwrap()
    };
    save_settings(&store, shorter, later).await.unwrap();
    assert!(evaluate(&store, later).await.unwrap().fired.is_empty());

    credentials::set_status(store.pool(), &id, Status::Invalid)
        .await
        .unwrap();
    let invalid = evaluate(&store, later).await.unwrap().fired.remove(0);
    let e = manage::rotation_reminder_off(&store, invalid.id, later)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not a rotation reminder"), "{e}");
}

#[tokio::test]
async fn alerts_fired_elsewhere_are_notified_once_by_whoever_shows_notifications() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    let now = at("2026-11-23T12:00:00Z");
    credentials::set_status(store.pool(), &id, Status::Invalid)
        .await
        .unwrap();
    // The command line fires it (and prints it); the app, later, shows it once.
    assert_eq!(evaluate(&store, now).await.unwrap().fired.len(), 1);
    let shown = pending_notices(&store, now).await.unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].title, "“laptop” was rejected by OpenAI");
    assert_eq!(shown[0].credential_id.as_deref(), Some(id.as_str()));
    assert!(pending_notices(&store, now).await.unwrap().is_empty());
    // Snoozed, then woken: shown again.
    let alert = alerts::list(store.pool(), false, now)
        .await
        .unwrap()
        .remove(0);
    let mut db = store.pool().acquire().await.unwrap();
    alerts::snooze(&mut db, alert.id, now + Duration::hours(1))
        .await
        .unwrap();
    evaluate(&store, now + Duration::hours(2)).await.unwrap();
    assert_eq!(
        pending_notices(&store, now + Duration::hours(2))
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_budget_raised_mid_month_fires_again_against_its_new_limit() {
    let f = Fixture::new().await;
    let id = f.add(KEY, "laptop", "http://127.0.0.1:9").await;
    let store = f.vault.store().clone();
    utc_settings(&store).await;
    let now = at("2026-11-29T12:00:00Z");
    let set = |usd: &str| {
        let store = store.clone();
        let usd = usd.to_owned();
        async move {
            let new = NewBudget {
                scope: "all".into(),
                period: "month".into(),
                amount_usd: Some(usd),
                ..NewBudget::default()
            };
            manage::set_budget(&store, &new, now).await.unwrap()
        }
    };
    let first = set("10").await;
    spend(&store, &id, "2026-11-20T00:00:00Z", 10_000_000).await;
    let fired = evaluate(&store, now).await.unwrap().fired;
    assert_eq!(fired[0].title, "Budget 100% used: all keys");
    // The same limits again: the same budget, nothing new.
    assert_eq!(set("10").await.id, first.id);
    assert!(evaluate(&store, now).await.unwrap().fired.is_empty());
    // Raised to $20: a new budget whose thresholds start over ($10 is 50 % of it).
    assert_ne!(set("20").await.id, first.id);
    let fired = evaluate(&store, now).await.unwrap().fired;
    let titles: Vec<&str> = fired.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Budget 50% used: all keys"]);
}
