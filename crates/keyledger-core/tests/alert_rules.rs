//! The alert rules as a pure function of facts and an injected clock: each rule's boundaries
//! (exactly at a threshold, a micro-dollar below), time zones and DST, the spike floor.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use keyledger_core::alerts::budget::NewBudget;
use keyledger_core::alerts::rules::{fire, BudgetUse, Facts, KeySpend, QuotaUse};
use keyledger_core::alerts::{AlertSettings, Budget, Firing, Rule, Severity};
use keyledger_core::calendar::LocalPeriod;
use keyledger_core::credential::{Credential, Kind, Provider, Status};
use keyledger_core::plan::{Origin, PlanSource, PlanWindow};
use keyledger_core::store::rotations::RevokeReminder;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn key(id: &str, created: &str, expires: Option<&str>) -> Credential {
    Credential {
        id: id.into(),
        provider: Provider::OpenAI,
        kind: Kind::Api,
        label: format!("{id} key"),
        profile: "default".into(),
        base_url: None,
        hint: "sk-…abcd".into(),
        fingerprint: String::new(),
        created_at: at(created),
        expires_at: expires.map(at),
        expires_source: None,
        token_issuer: None,
        token_scope: None,
        status: Status::Valid,
        last_checked_at: None,
        notes: String::new(),
        rotated_at: None,
    }
}

struct World {
    now: DateTime<Utc>,
    tz: Tz,
    settings: AlertSettings,
    credentials: Vec<Credential>,
    budgets: Vec<BudgetUse>,
    quotas: Vec<QuotaUse>,
    spend: Vec<KeySpend>,
    revoke: Vec<RevokeReminder>,
    plan: Vec<PlanWindow>,
}

impl World {
    fn at(now: &str) -> Self {
        World {
            now: at(now),
            tz: Tz::UTC,
            settings: AlertSettings {
                rotation_days: 0,
                ..AlertSettings::default()
            },
            credentials: Vec::new(),
            budgets: Vec::new(),
            quotas: Vec::new(),
            spend: Vec::new(),
            revoke: Vec::new(),
            plan: Vec::new(),
        }
    }

    fn fire(&self) -> Vec<Firing> {
        fire(&Facts {
            now: self.now,
            tz: self.tz,
            settings: &self.settings,
            credentials: &self.credentials,
            budgets: &self.budgets,
            quotas: &self.quotas,
            spend: &self.spend,
            revoke: &self.revoke,
            plan: &self.plan,
        })
    }

    /// The firings that would show, as (rule, threshold).
    fn shown(&self) -> Vec<(Rule, String)> {
        self.fire()
            .into_iter()
            .filter(|f| !f.superseded)
            .map(|f| (f.rule, f.threshold))
            .collect()
    }

    fn monthly_budget(&mut self, usd: &str, spent_micros: i64) {
        let valid = NewBudget {
            scope: "all".into(),
            period: "month".into(),
            amount_usd: Some(usd.into()),
            ..NewBudget::default()
        }
        .validate(&[50, 80, 100])
        .unwrap();
        self.budgets.push(BudgetUse {
            budget: Budget::new("b1".into(), valid, self.now),
            label: "all keys".into(),
            period: LocalPeriod::month(self.now, self.tz),
            spent_micros,
            unpriced: false,
            tokens: 0,
        });
    }
}

#[test]
fn a_budget_fires_exactly_at_its_threshold_and_not_a_micro_dollar_below() {
    let mut w = World::at("2026-11-02T12:00:00Z");
    w.monthly_budget("50", 39_999_999);
    assert_eq!(w.shown(), [(Rule::Budget, "50%".to_owned())]);
    w.budgets.clear();
    w.monthly_budget("50", 40_000_000);
    let fired = w.fire();
    let shown: Vec<_> = fired.iter().filter(|f| !f.superseded).collect();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].threshold, "80%");
    assert_eq!(shown[0].period, "2026-11");
    assert_eq!(shown[0].severity, Severity::Warning);
    assert_eq!(shown[0].title, "Budget 80% used: all keys");
    assert_eq!(shown[0].body, "$40.00 of $50.00 spent in November 2026.");
    // The 50 % threshold is recorded too (so it never fires later), but not shown.
    assert!(fired.iter().any(|f| f.threshold == "50%" && f.superseded));
}

#[test]
fn token_quotas_fire_on_their_own_thresholds() {
    let mut w = World::at("2026-11-02T12:00:00Z");
    let valid = NewBudget {
        scope: "provider:anthropic".into(),
        period: "day".into(),
        token_quota: Some(1_000_000),
        thresholds: Some(vec![100]),
        ..NewBudget::default()
    }
    .validate(&[])
    .unwrap();
    let mut usage = BudgetUse {
        budget: Budget::new("b2".into(), valid, w.now),
        label: "Anthropic".into(),
        period: LocalPeriod::day(w.now, w.tz),
        spent_micros: 0,
        unpriced: false,
        tokens: 999_999,
    };
    w.budgets.push(usage.clone());
    assert!(w.shown().is_empty());
    usage.tokens = 1_000_000;
    w.budgets = vec![usage];
    let fired = w.fire();
    assert_eq!(fired[0].threshold, "100% tokens");
    assert_eq!(fired[0].period, "2026-11-02");
    assert_eq!(fired[0].severity, Severity::Critical);
}

#[test]
fn the_forecast_warns_once_the_pace_crosses_the_budget() {
    // 10 of 30 days gone, $20 of $50 spent: $60 by the 30th.
    let mut w = World::at("2026-11-11T00:00:00Z");
    w.monthly_budget("50", 20_000_000);
    let fired = w.fire();
    let forecast = fired.iter().find(|f| f.rule == Rule::Forecast).unwrap();
    assert_eq!(
        forecast.body,
        "At this pace you reach $60.00 by the 30th (budget $50.00; $20.00 spent so far)."
    );
    // $16.66 is a pace of $49.98: no warning.
    w.budgets.clear();
    w.monthly_budget("50", 16_660_000);
    assert!(!w.fire().iter().any(|f| f.rule == Rule::Forecast));
    // Too early in the month to tell a pace.
    let mut early = World::at("2026-11-03T23:00:00Z");
    early.monthly_budget("50", 10_000_000);
    assert!(!early.fire().iter().any(|f| f.rule == Rule::Forecast));
}

#[test]
fn the_forecast_measures_dst_months_in_real_hours() {
    // March 2026 in Berlin lasts 743 hours; 10 days (240 h) in, $10 spent: pace $30.958…
    let mut w = World::at("2026-03-10T23:00:00Z");
    w.tz = "Europe/Berlin".parse().unwrap();
    w.monthly_budget("30.95", 10_000_000);
    let fired = w.fire();
    let forecast = fired.iter().find(|f| f.rule == Rule::Forecast).unwrap();
    assert!(
        // Rounded to the cent like every amount Keyledger shows.
        forecast.body.contains("$30.96 by the 31st"),
        "{}",
        forecast.body
    );
    w.budgets.clear();
    w.monthly_budget("30.96", 10_000_000);
    assert!(!w.fire().iter().any(|f| f.rule == Rule::Forecast));
}

#[test]
fn the_budget_period_follows_the_users_time_zone() {
    let mut w = World::at("2026-11-30T23:30:00Z");
    w.tz = "Europe/Berlin".parse().unwrap();
    w.monthly_budget("10", 10_000_000);
    assert_eq!(w.fire()[0].period, "2026-12");
    let mut w = World::at("2026-11-30T23:30:00Z");
    w.tz = "America/New_York".parse().unwrap();
    w.monthly_budget("10", 10_000_000);
    assert_eq!(w.fire()[0].period, "2026-11");
}

#[test]
fn expiry_warns_at_30_7_and_1_days_and_once_expired() {
    let expires = "2026-12-31T00:00:00Z";
    let cases = [
        ("2026-11-30T23:59:59Z", None),
        ("2026-12-01T00:00:00Z", Some("30d")),
        ("2026-12-24T00:00:00Z", Some("7d")),
        ("2026-12-30T00:00:01Z", Some("1d")),
        ("2026-12-31T00:00:00Z", Some("expired")),
    ];
    for (now, expected) in cases {
        let mut w = World::at(now);
        w.credentials = vec![key("k", "2026-11-01T00:00:00Z", Some(expires))];
        let shown = w.shown();
        assert_eq!(shown.first().map(|(_, t)| t.as_str()), expected, "at {now}");
        assert!(shown.len() <= 1, "only the tightest shows at {now}");
    }
    let mut w = World::at("2026-12-24T00:00:00Z");
    w.credentials = vec![key("k", "2026-11-01T00:00:00Z", Some(expires))];
    let f = w.fire().into_iter().find(|f| !f.superseded).unwrap();
    assert_eq!(f.title, "“k key” expires in 7 days");
    assert_eq!(
        f.period, "2026-12-31T00:00:00+00:00",
        "a new expiry date fires anew"
    );
    assert_eq!(f.credential_id.as_deref(), Some("k"));
    assert!(!f.body.contains("sk-"), "never the key, not even its hint");
}

#[test]
fn rotation_age_and_its_per_key_switch() {
    let mut w = World::at("2027-02-01T00:00:00Z");
    w.settings.rotation_days = 90;
    w.credentials = vec![
        key("old", "2026-11-03T00:00:00Z", None),
        key("young", "2026-11-04T00:00:01Z", None),
    ];
    let fired = w.fire();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].rule, fired[0].scope.as_str()),
        (Rule::Rotation, "old")
    );
    assert_eq!(fired[0].title, "Time to rotate “old key”");
    w.settings.rotation_off = vec!["old".into()];
    assert!(w.fire().is_empty());
    w.settings.rotation_off.clear();
    w.credentials[0].rotated_at = Some(at("2027-01-31T00:00:00Z"));
    assert!(w.fire().is_empty(), "a rotation restarts the age");
    w.now = at("2027-05-01T00:00:00Z");
    let fired = w.fire();
    assert_eq!(fired.len(), 2, "both keys are 90 days old by May");
    assert_eq!(
        fired[0].period, "2027-01-31T00:00:00+00:00",
        "a new period per secret"
    );
    assert!(
        fired[0].body.starts_with("Rotated 90 days ago"),
        "{}",
        fired[0].body
    );
    w.settings.rotation_days = 0;
    assert!(w.fire().is_empty(), "0 turns the rule off");
}

#[test]
fn the_reminder_to_revoke_an_old_key_comes_a_day_after_the_rotation() {
    let mut w = World::at("2026-11-25T09:59:59Z");
    w.revoke = vec![RevokeReminder {
        credential_id: "k".into(),
        label: "work laptop".into(),
        provider: Provider::Anthropic,
        old_hint: "sk-ant-api03-…9xYz".into(),
        rotated_at: at("2026-11-24T10:00:00Z"),
    }];
    assert!(w.fire().is_empty(), "a second before the day is up");
    w.now = at("2026-11-25T10:00:00Z");
    let fired = w.fire();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].rule, fired[0].credential_id.as_deref()),
        (Rule::RevokeOld, Some("k"))
    );
    assert_eq!(fired[0].title, "Revoke the old key of “work laptop”");
    assert!(
        fired[0].body.contains("(sk-ant-api03-…9xYz)") && fired[0].body.contains("Anthropic"),
        "{}",
        fired[0].body
    );
}

#[test]
fn a_rejected_key_fires_while_it_is_rejected() {
    let mut w = World::at("2026-11-24T00:00:00Z");
    let mut k = key("k", "2026-11-01T00:00:00Z", None);
    k.status = Status::Invalid;
    w.credentials = vec![k];
    let fired = w.fire();
    assert_eq!(
        (fired[0].rule, fired[0].period.as_str()),
        (Rule::Invalid, "open")
    );
    assert_eq!(fired[0].title, "“k key” was rejected by OpenAI");
    w.credentials[0].status = Status::Valid;
    assert!(w.fire().is_empty());
}

#[test]
fn provider_caps_count_as_quotas_per_reset_period() {
    let mut w = World::at("2026-11-24T10:00:00Z");
    let quota = |remaining: i64, reset: Option<&str>| QuotaUse {
        credential_id: "or".into(),
        label: "router".into(),
        limit_micros: 100_000_000,
        remaining_micros: remaining,
        reset: reset.map(Into::into),
    };
    w.quotas = vec![quota(20_000_001, Some("monthly"))];
    assert_eq!(w.shown(), [(Rule::Quota, "50%".to_owned())]);
    w.quotas = vec![quota(20_000_000, Some("monthly"))];
    let fired = w.fire();
    let f = fired.iter().find(|f| !f.superseded).unwrap();
    assert_eq!(
        (f.threshold.as_str(), f.period.as_str()),
        ("80%", "2026-11")
    );
    assert_eq!(
        f.body,
        "$80.00 of the key's $100.00 limit used (resets monthly); $20.00 left."
    );
    w.quotas = vec![quota(0, Some("weekly"))];
    assert_eq!(w.fire().last().unwrap().period, "2026-W48");
    w.quotas = vec![quota(0, None)];
    assert_eq!(w.fire().last().unwrap().period, "total");
}

fn series(first: &str, days: &[(&str, i64)]) -> KeySpend {
    KeySpend {
        scope: "k".into(),
        credential_id: Some("k".into()),
        label: "k key".into(),
        first_day: first.parse().unwrap(),
        days: days
            .iter()
            .map(|(d, m)| (d.parse::<NaiveDate>().unwrap(), *m))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn a_spike_is_over_three_times_the_14_day_mean_and_over_the_floor() {
    let mut w = World::at("2026-11-24T10:00:00Z");
    // 14 days of $1 before today: a mean of $1.
    let history: Vec<(String, i64)> = (10..24)
        .map(|d| (format!("2026-11-{d:02}"), 1_000_000))
        .collect();
    let with_today = |today: i64| {
        let mut days: Vec<(&str, i64)> = history.iter().map(|(d, m)| (d.as_str(), *m)).collect();
        days.push(("2026-11-24", today));
        series("2026-10-01", &days)
    };
    w.spend = vec![with_today(3_000_000)];
    assert!(w.fire().is_empty(), "exactly 3× is not above 3×");
    w.spend = vec![with_today(3_000_001)];
    let fired = w.fire();
    assert_eq!(
        (fired[0].rule, fired[0].period.as_str()),
        (Rule::Spike, "2026-11-24")
    );
    assert_eq!(
        fired[0].body,
        "$3.00 on 24 Nov (UTC), 3× the 14-day average of $1.00."
    );
    // Under the floor nothing is a spike, however quiet the days before.
    let mut quiet = World::at("2026-11-24T10:00:00Z");
    quiet.spend = vec![series("2026-10-01", &[("2026-11-24", 1_000_000)])];
    assert!(quiet.fire().is_empty());
    quiet.spend = vec![series("2026-10-01", &[("2026-11-24", 1_000_001)])];
    assert_eq!(quiet.fire().len(), 1);
    // A key with under a week of history has no "usual" yet.
    quiet.spend = vec![series("2026-11-18", &[("2026-11-24", 50_000_000)])];
    assert!(quiet.fire().is_empty());
}

fn plan_window(
    source: PlanSource,
    window: &str,
    used: Option<f64>,
    resets: &str,
    seen: &str,
) -> PlanWindow {
    PlanWindow {
        source,
        window: window.into(),
        window_minutes: Some(300),
        used_percent: used,
        out_of_range: false,
        resets_at: Some(at(resets)),
        observed_at: at(seen),
        origin: if used.is_some() {
            Origin::Log
        } else {
            Origin::Estimate
        },
        plan: None,
        stale: at(resets) <= at(seen),
        block: None,
        history: Vec::new(),
        full_at: None,
    }
}

#[test]
fn a_plan_window_fires_once_per_threshold_per_reset_and_never_on_an_estimate_or_stale_figure() {
    let mut w = World::at("2026-12-06T12:00:00Z");
    w.plan = vec![plan_window(
        PlanSource::Codex,
        "5h",
        Some(83.4),
        "2026-12-06T14:05:00Z",
        "2026-12-06T11:58:00Z",
    )];
    let fired = w.fire();
    assert_eq!(
        w.shown(),
        [(Rule::PlanWindow, "80%".to_owned())],
        "50 % is crossed too, but superseded"
    );
    let shown = fired.iter().find(|f| !f.superseded).unwrap();
    assert_eq!(shown.title, "Codex 5-hour window 83% used");
    assert!(
        shown.body.contains("83%") && shown.body.contains("resets at Sun 14:05 (in 2 h 5 min)"),
        "{}",
        shown.body
    );
    assert_eq!(
        (shown.scope.as_str(), shown.period.as_str()),
        ("codex:5h", "2026-12-06T14:05:00+00:00")
    );
    assert_eq!(shown.severity, Severity::Warning);

    w.plan = vec![plan_window(
        PlanSource::Claude,
        "weekly",
        Some(95.0),
        "2026-12-08T09:00:00Z",
        "2026-12-06T11:00:00Z",
    )];
    let fired = w.fire();
    let shown = fired.iter().find(|f| !f.superseded).unwrap();
    assert_eq!(
        (shown.threshold.as_str(), shown.severity),
        ("95%", Severity::Critical)
    );
    assert_eq!(shown.title, "Claude weekly window 95% used");

    // Just under a threshold, an estimate, and a figure whose window reset since: nothing.
    w.plan = vec![
        plan_window(
            PlanSource::Codex,
            "5h",
            Some(49.9),
            "2026-12-06T14:05:00Z",
            "2026-12-06T11:58:00Z",
        ),
        plan_window(
            PlanSource::Claude,
            "5h",
            None,
            "2026-12-06T14:00:00Z",
            "2026-12-06T11:00:00Z",
        ),
        PlanWindow {
            stale: true,
            ..plan_window(
                PlanSource::Codex,
                "weekly",
                Some(99.0),
                "2026-12-06T11:00:00Z",
                "2026-12-06T10:00:00Z",
            )
        },
    ];
    assert!(w.fire().is_empty(), "{:?}", w.fire());
}

#[test]
fn a_reset_window_is_told_only_when_asked_and_only_if_it_was_half_used() {
    let mut w = World::at("2026-12-06T15:00:00Z");
    let reset = |used| PlanWindow {
        stale: true,
        ..plan_window(
            PlanSource::Codex,
            "5h",
            Some(used),
            "2026-12-06T14:05:00Z",
            "2026-12-06T13:00:00Z",
        )
    };
    w.plan = vec![reset(83.0)];
    assert!(w.fire().is_empty(), "off by default");
    w.settings.plan_reset = true;
    let fired = w.fire();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].threshold.as_str(), fired[0].severity),
        ("reset", Severity::Info)
    );
    assert_eq!(fired[0].title, "Codex 5-hour window has reset");
    assert!(
        fired[0]
            .body
            .contains("It was 83% used; a new window started at Sun 14:05"),
        "{}",
        fired[0].body
    );
    w.plan = vec![reset(12.0)];
    assert!(w.fire().is_empty(), "a window hardly used resets quietly");
}
