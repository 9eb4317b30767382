//! The spend ledger on a real SQLite file: exact totals, idempotent re-polls, unpriced usage,
//! grouping, and history re-priced when a price changes; a database from a newer Keyledger is
//! refused, untouched.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{DateTime, NaiveDate, Utc};
use keyledger_core::ledger::Ledger;
use keyledger_core::pricing::{parse_price, ModelPrice};
use keyledger_core::store::Store;
use keyledger_core::usage::{
    CostSource, Counts, DayRange, GroupBy, UsageBucket, UsageSource, Width,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn bucket(provider: &str, model: &str, start: &str, input: i64, output: i64) -> UsageBucket {
    UsageBucket {
        provider: provider.into(),
        credential_id: None,
        account: "key_abc".into(),
        model: model.into(),
        start: at(start),
        width: Width::Day,
        source: UsageSource::Api,
        counts: Counts {
            input,
            output,
            requests: 1,
            ..Counts::default()
        },
        cost_micros: None,
        cost_source: CostSource::Unpriced,
    }
}

/// A user's price for `model`, in USD per million input / output tokens.
fn override_price(model: &str, input: &str, output: &str) -> ModelPrice {
    ModelPrice {
        model: model.into(),
        provider: "openai".into(),
        input: parse_price(input).unwrap(),
        output: parse_price(output).unwrap(),
        cache_read: None,
        cache_write: None,
        source: "override".into(),
    }
}

async fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("keyledger.db")).await.unwrap();
    (dir, Ledger::new(store))
}

const NOV: DayRange = DayRange {
    from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
};

#[tokio::test]
async fn totals_are_exact_and_recording_twice_counts_once() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    let buckets = vec![
        // gpt-4o: $2.50 in / $10 out per million tokens.
        bucket(
            "openai",
            "gpt-4o",
            "2026-11-20T00:00:00Z",
            1_000_000,
            100_000,
        ),
        bucket("openai", "gpt-4o", "2026-11-21T00:00:00Z", 200_000, 0),
    ];
    ledger.record(buckets.clone(), now).await.unwrap();
    ledger.record(buckets, now).await.unwrap();
    let rows = ledger.usage(NOV, GroupBy::Provider).await.unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        (r.input_tokens, r.output_tokens, r.requests),
        (1_200_000, 100_000, 2)
    );
    assert_eq!(r.cost_usd.as_deref(), Some("4.000000")); // 2.5 + 1.0 + 0.5
    assert!(r.priced);
}

#[tokio::test]
async fn a_re_poll_with_new_numbers_replaces_the_bucket() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    ledger
        .record(
            vec![bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 10, 0)],
            now,
        )
        .await
        .unwrap();
    ledger
        .record(
            vec![bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 25, 0)],
            now,
        )
        .await
        .unwrap();
    let rows = ledger.usage(NOV, GroupBy::Day).await.unwrap();
    assert_eq!(rows[0].input_tokens, 25);
}

#[tokio::test]
async fn unpriced_models_are_unknown_not_zero() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    ledger
        .record(
            vec![
                bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 1_000_000, 0),
                bucket("openai", "house-model-x", "2026-11-20T00:00:00Z", 5, 5),
            ],
            now,
        )
        .await
        .unwrap();
    let by_model = ledger.usage(NOV, GroupBy::Model).await.unwrap();
    let house = by_model.iter().find(|r| r.key == "house-model-x").unwrap();
    assert_eq!(house.cost_usd, None, "no price: unknown cost, not $0");
    assert!(!house.priced);
    let by_day = ledger.usage(NOV, GroupBy::Day).await.unwrap();
    assert_eq!(by_day[0].key, "2026-11-20");
    assert_eq!(by_day[0].cost_usd.as_deref(), Some("2.500000"));
    assert!(!by_day[0].priced, "a partly unpriced day says so");
}

#[tokio::test]
async fn a_price_override_re_prices_history_and_unset_restores_it() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    ledger
        .record(
            vec![bucket(
                "openai",
                "house-model-x",
                "2026-11-20T00:00:00Z",
                2_000_000,
                1_000_000,
            )],
            now,
        )
        .await
        .unwrap();
    let changed = ledger
        .set_price(override_price("house-model-x", "0.50", "1.5"), now)
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let rows = ledger.usage(NOV, GroupBy::Model).await.unwrap();
    assert_eq!(rows[0].cost_usd.as_deref(), Some("2.500000"));
    assert!(rows[0].priced);

    ledger.unset_price("house-model-x").await.unwrap();
    let rows = ledger.usage(NOV, GroupBy::Model).await.unwrap();
    assert_eq!(rows[0].cost_usd, None);
    assert_eq!(
        ledger
            .unset_price("house-model-x")
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[tokio::test]
async fn provider_reported_costs_are_kept_and_ranges_are_inclusive_utc_days() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    let mut reported = bucket(
        "anthropic",
        "claude-sonnet-4-5",
        "2026-11-30T00:00:00Z",
        1,
        1,
    );
    reported.cost_micros = Some(1_234_500);
    reported.cost_source = CostSource::Provider;
    let december = bucket(
        "anthropic",
        "claude-sonnet-4-5",
        "2026-12-01T00:00:00Z",
        1,
        1,
    );
    ledger.record(vec![reported, december], now).await.unwrap();
    let rows = ledger.usage(NOV, GroupBy::Credential).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].key, "key_abc");
    assert_eq!(rows[0].cost_usd.as_deref(), Some("1.234500"));
    let err = ledger
        .usage(
            DayRange {
                from: day("2026-12-02"),
                to: day("2026-12-01"),
            },
            GroupBy::Day,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[tokio::test]
async fn the_rollups_always_agree_with_the_buckets() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    let mut buckets = Vec::new();
    for day in 1..=20 {
        for (i, model) in ["gpt-4o", "claude-sonnet-4-5", "house-model"]
            .iter()
            .enumerate()
        {
            let mut b = bucket(
                "openai",
                model,
                &format!("2026-11-{day:02}T00:00:00Z"),
                day * 1000,
                i as i64 * 77,
            );
            b.account = format!("key_{}", day % 3);
            buckets.push(b);
        }
    }
    ledger.record(buckets.clone(), now).await.unwrap();
    // A re-poll with different numbers for half of them, then a price change.
    for b in buckets.iter_mut().step_by(2) {
        b.counts.input += 5;
    }
    ledger.record(buckets, now).await.unwrap();
    ledger
        .set_price(override_price("house-model", "1", "2"), now)
        .await
        .unwrap();
    let direct: (i64, i64, i64) = sqlx::query_as(
        "SELECT SUM(input_tokens), SUM(output_tokens), SUM(COALESCE(cost_micros, 0)) FROM usage_bucket",
    )
    .fetch_one(ledger.store().pool())
    .await
    .unwrap();
    for by in [
        GroupBy::Day,
        GroupBy::Provider,
        GroupBy::Model,
        GroupBy::Credential,
    ] {
        let total = keyledger_core::usage::UsageRow::total(&ledger.usage(NOV, by).await.unwrap());
        assert_eq!(
            (
                total.input_tokens,
                total.output_tokens,
                total.cost_micros.unwrap()
            ),
            direct,
            "{by:?}"
        );
        assert!(total.priced, "{by:?}: every model is priced now");
    }
}

#[tokio::test]
async fn usage_of_a_deleted_key_stays_and_is_named_as_such() {
    let (_dir, ledger) = ledger().await;
    let now = at("2026-11-23T12:00:00Z");
    let mut gone = bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 10, 10);
    gone.credential_id = Some("0badc0de-0000-4000-8000-000000000000".into());
    let mut org = bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 5, 5);
    org.account = String::new();
    ledger.record(vec![gone, org], now).await.unwrap();
    let keys: Vec<String> = ledger
        .usage(NOV, GroupBy::Credential)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(keys, ["(deleted key 0badc0de)", "(organisation)"]);
}

#[tokio::test]
async fn a_database_written_by_a_newer_keyledger_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keyledger.db");
    let store = Store::open(&path).await.unwrap();
    let ledger = Ledger::new(store.clone());
    ledger
        .record(
            vec![bucket("openai", "gpt-4o", "2026-11-20T00:00:00Z", 1000, 10)],
            at("2026-11-21T00:00:00Z"),
        )
        .await
        .unwrap();
    // A later version applied a change this one does not know.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (29991231000000, 'from the future', 1, x'00', 1)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;

    let err = Store::open(&path).await.unwrap_err().to_string();
    assert!(
        err.contains("written by a newer version of Keyledger")
            && err.contains("schema change 29991231000000")
            && err.contains("was not opened or changed"),
        "{err}"
    );
    // Nothing was changed or lost: the usage is still there, and the future change still listed.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let (rows, future): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM usage_bucket), \
                (SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 29991231000000)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((rows, future), (1, 1));
}
