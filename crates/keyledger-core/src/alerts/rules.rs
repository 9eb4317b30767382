//! The rules, as one pure function of what is known (keys, budget use, provider caps, daily
//! spend per key) and an injected "now": which alerts should exist. Storing them once per
//! identity — and so firing once per threshold per period — is the caller's part.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{push_tightest, AlertSettings, Budget, BudgetPeriod, Firing, Rule, Severity};
use crate::calendar::LocalPeriod;
use crate::credential::{Credential, Status};
use crate::plan::PlanWindow;
use crate::pricing::money::{percent_used, usd};
use crate::store::rotations::RevokeReminder;

/// Days a spike is compared with.
pub const SPIKE_WINDOW: u64 = 14;
/// Days of history a key needs before its spend can spike.
pub const SPIKE_MIN_HISTORY: u64 = 7;
/// How far into a month the forecast must be before it warns (a pace needs some days).
pub const FORECAST_AFTER_DAYS: i64 = 3;
/// Hours after a rotation before the reminder to revoke the old key (time to switch over).
pub const REVOKE_AFTER_HOURS: i64 = 24;

/// A budget with what was used in its current period.
#[derive(Debug, Clone)]
pub struct BudgetUse {
    pub budget: Budget,
    /// What the budget covers, in words ("all keys", "OpenAI", "work laptop").
    pub label: String,
    pub period: LocalPeriod,
    pub spent_micros: i64,
    /// Some usage in the period has no known price, so the spend is a lower bound.
    pub unpriced: bool,
    pub tokens: i64,
}

/// A provider-side spending cap (OpenRouter's `limit`) and what is left of it.
#[derive(Debug, Clone)]
pub struct QuotaUse {
    pub credential_id: String,
    pub label: String,
    pub limit_micros: i64,
    pub remaining_micros: i64,
    /// `daily`, `weekly`, `monthly` or `None` (never resets).
    pub reset: Option<String>,
}

/// Daily spend (micro-dollars, by UTC day) of one key or provider-side account.
#[derive(Debug, Clone)]
pub struct KeySpend {
    /// A credential id or `account:<provider key id>`.
    pub scope: String,
    pub credential_id: Option<String>,
    pub label: String,
    /// The first day this key spent anything, ever.
    pub first_day: NaiveDate,
    /// Spend per day over the last weeks (days without spend may be missing).
    pub days: BTreeMap<NaiveDate, i64>,
}

/// Everything the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub now: DateTime<Utc>,
    pub tz: Tz,
    pub settings: &'a AlertSettings,
    pub credentials: &'a [Credential],
    pub budgets: &'a [BudgetUse],
    pub quotas: &'a [QuotaUse],
    pub spend: &'a [KeySpend],
    /// Rotations whose old key the user wants to be reminded to revoke.
    pub revoke: &'a [RevokeReminder],
    /// The plans' windows as last seen.
    pub plan: &'a [PlanWindow],
}

/// The alerts the facts call for. Where several thresholds of one subject are crossed at once,
/// all are returned (so none fires later) and all but the tightest are marked superseded.
pub fn fire(f: &Facts<'_>) -> Vec<Firing> {
    let mut out = Vec::new();
    for c in f.credentials {
        expiry(f, c, &mut out);
        rotation(f, c, &mut out);
        if c.status == Status::Invalid {
            out.push(Firing {
                rule: Rule::Invalid,
                scope: c.id.clone(),
                period: "open".to_owned(),
                threshold: String::new(),
                credential_id: Some(c.id.clone()),
                severity: Severity::Critical,
                title: format!(
                    "“{}” was rejected by {}",
                    c.label,
                    c.provider.display_name()
                ),
                body: "The provider refuses this key or lists it as revoked. Replace it with a \
                       new key, or remove it from Keyledger."
                    .to_owned(),
                superseded: false,
            });
        }
    }
    for b in f.budgets {
        budget(f, b, &mut out);
    }
    for q in f.quotas {
        quota(f, q, &mut out);
    }
    for s in f.spend {
        spike(f, s, &mut out);
    }
    for r in f.revoke {
        revoke_old(f, r, &mut out);
    }
    for w in f.plan {
        super::plan_rule::plan_window(f.now, f.tz, f.settings.plan_reset, w, &mut out);
    }
    out
}

fn expiry(f: &Facts<'_>, c: &Credential, out: &mut Vec<Firing>) {
    let Some(at) = c.expires_at else { return };
    let left = at - f.now;
    let date = at.with_timezone(&f.tz).format("%-d %b %Y").to_string();
    let firing = |threshold: String, severity, title: String| Firing {
        rule: Rule::Expiry,
        scope: c.id.clone(),
        period: at.to_rfc3339(),
        threshold,
        credential_id: Some(c.id.clone()),
        severity,
        title,
        body: format!(
            "{} key, expires {date}. Replace it with a new key, or set a later expiry if the \
             provider extended it.",
            c.provider.display_name()
        ),
        superseded: false,
    };
    let mut days: Vec<u32> = f.settings.expiry_days.clone();
    days.sort_unstable_by(|a, b| b.cmp(a));
    let mut crossed: Vec<Firing> = days
        .into_iter()
        .filter(|&d| left.num_seconds() <= i64::from(d) * 86_400)
        .map(|d| {
            let n = left.num_seconds().div_euclid(86_400).max(0);
            let when = match n {
                0 => "within a day".to_owned(),
                1 => "in 1 day".to_owned(),
                n => format!("in {n} days"),
            };
            let severity = if d <= 7 {
                Severity::Warning
            } else {
                Severity::Info
            };
            firing(
                format!("{d}d"),
                severity,
                format!("“{}” expires {when}", c.label),
            )
        })
        .collect();
    if left.num_seconds() <= 0 {
        crossed.push(firing(
            "expired".to_owned(),
            Severity::Critical,
            format!("“{}” has expired", c.label),
        ));
    }
    push_tightest(out, crossed);
}

fn rotation(f: &Facts<'_>, c: &Credential, out: &mut Vec<Firing>) {
    let days = f.settings.rotation_days;
    if days == 0 || f.settings.rotation_off.contains(&c.id) {
        return;
    }
    let since = c.secret_since();
    let age = (f.now - since).num_days();
    if age < i64::from(days) {
        return;
    }
    let stored = if c.rotated_at.is_some() {
        "Rotated"
    } else {
        "Added"
    };
    out.push(Firing {
        rule: Rule::Rotation,
        scope: c.id.clone(),
        period: since.to_rfc3339(),
        threshold: format!("{days}d"),
        credential_id: Some(c.id.clone()),
        severity: Severity::Info,
        title: format!("Time to rotate “{}”", c.label),
        body: format!(
            "{stored} {age} days ago; keys are best replaced every {days} days. Create a new \
             key at {}, rotate it in Keyledger, then revoke the old one.",
            c.provider.display_name()
        ),
        superseded: false,
    });
}

fn revoke_old(f: &Facts<'_>, r: &RevokeReminder, out: &mut Vec<Firing>) {
    if f.now < r.rotated_at + chrono::Duration::hours(REVOKE_AFTER_HOURS) {
        return;
    }
    let date = r.rotated_at.with_timezone(&f.tz).format("%-d %b %Y");
    out.push(Firing {
        rule: Rule::RevokeOld,
        scope: r.credential_id.clone(),
        period: r.rotated_at.to_rfc3339(),
        threshold: String::new(),
        credential_id: Some(r.credential_id.clone()),
        severity: Severity::Info,
        title: format!("Revoke the old key of “{}”", r.label),
        body: format!(
            "“{}” was rotated on {date}. The old key ({}) works until you revoke it at {}.",
            r.label,
            r.old_hint,
            r.provider.display_name()
        ),
        superseded: false,
    });
}

fn severity_of(percent: u32) -> Severity {
    match percent {
        p if p >= 100 => Severity::Critical,
        p if p >= 80 => Severity::Warning,
        _ => Severity::Info,
    }
}

fn period_words(b: &BudgetUse) -> String {
    match b.budget.period {
        BudgetPeriod::Day => format!("on {}", b.period.first_day.format("%-d %b")),
        BudgetPeriod::Month => format!("in {}", b.period.first_day.format("%B %Y")),
    }
}

fn budget(f: &Facts<'_>, b: &BudgetUse, out: &mut Vec<Firing>) {
    let plus = if b.unpriced {
        " (plus usage with no known price)"
    } else {
        ""
    };
    let credential_id = match &b.budget.scope {
        super::BudgetScope::Credential(id) => Some(id.clone()),
        _ => None,
    };
    let firing = |threshold: String, severity, title: String, body: String| Firing {
        rule: Rule::Budget,
        scope: b.budget.id.clone(),
        period: b.period.key.clone(),
        threshold,
        credential_id: credential_id.clone(),
        severity,
        title,
        body,
        superseded: false,
    };
    if let Some(amount) = b.budget.amount_micros {
        let crossed = b
            .budget
            .thresholds
            .iter()
            .filter(|&&t| i128::from(b.spent_micros) * 100 >= i128::from(amount) * i128::from(t))
            .map(|&t| {
                firing(
                    format!("{t}%"),
                    severity_of(t),
                    format!(
                        "Budget {}% used: {}",
                        percent_used(b.spent_micros, amount),
                        b.label
                    ),
                    format!(
                        "{} of {} spent {}{plus}.",
                        usd(b.spent_micros),
                        usd(amount),
                        period_words(b)
                    ),
                )
            })
            .collect();
        push_tightest(out, crossed);
        forecast(f, b, amount, out);
    }
    if let Some(quota) = b.budget.token_quota {
        let crossed = b
            .budget
            .thresholds
            .iter()
            .filter(|&&t| i128::from(b.tokens) * 100 >= i128::from(quota) * i128::from(t))
            .map(|&t| {
                firing(
                    format!("{t}% tokens"),
                    severity_of(t),
                    format!(
                        "Token quota {}% used: {}",
                        percent_used(b.tokens, quota),
                        b.label
                    ),
                    format!("{} of {quota} tokens used {}.", b.tokens, period_words(b)),
                )
            })
            .collect();
        push_tightest(out, crossed);
    }
}

fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// The spend at the period's end if it goes on at the pace so far (by elapsed real time, so DST
/// months count right); `None` in the first days, when there is no pace to tell yet.
pub fn month_end_pace(spent_micros: i64, period: &LocalPeriod, now: DateTime<Utc>) -> Option<i64> {
    let (elapsed, total) = period.progress(now);
    if elapsed < FORECAST_AFTER_DAYS * 86_400 {
        return None;
    }
    let pace = i128::from(spent_micros) * i128::from(total) / i128::from(elapsed);
    Some(i64::try_from(pace).unwrap_or(i64::MAX))
}

/// A monthly budget not yet spent, but on pace to be: the spend so far extrapolated over the
/// whole month (by elapsed time, so DST months are measured in real hours).
fn forecast(f: &Facts<'_>, b: &BudgetUse, amount: i64, out: &mut Vec<Firing>) {
    if b.budget.period != BudgetPeriod::Month || b.spent_micros >= amount {
        return;
    }
    let Some(pace) = month_end_pace(b.spent_micros, &b.period, f.now) else {
        return;
    };
    if pace < amount {
        return;
    }
    out.push(Firing {
        rule: Rule::Forecast,
        scope: b.budget.id.clone(),
        period: b.period.key.clone(),
        threshold: "100%".to_owned(),
        credential_id: match &b.budget.scope {
            super::BudgetScope::Credential(id) => Some(id.clone()),
            _ => None,
        },
        severity: Severity::Warning,
        title: format!("On pace to overspend: {}", b.label),
        body: format!(
            "At this pace you reach {} by the {} (budget {}; {} spent so far).",
            usd(pace),
            ordinal(b.period.last_day.day()),
            usd(amount),
            usd(b.spent_micros)
        ),
        superseded: false,
    });
}

fn quota(f: &Facts<'_>, q: &QuotaUse, out: &mut Vec<Firing>) {
    if q.limit_micros <= 0 {
        return;
    }
    let used = (q.limit_micros - q.remaining_micros).max(0);
    let today = f.now.date_naive();
    let period = match q.reset.as_deref() {
        Some("daily") => today.format("%Y-%m-%d").to_string(),
        Some("weekly") => {
            let w = today.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Some("monthly") => today.format("%Y-%m").to_string(),
        _ => "total".to_owned(),
    };
    let crossed = f
        .settings
        .budget_thresholds
        .iter()
        .filter(|&&t| i128::from(used) * 100 >= i128::from(q.limit_micros) * i128::from(t))
        .map(|&t| Firing {
            rule: Rule::Quota,
            scope: q.credential_id.clone(),
            period: period.clone(),
            threshold: format!("{t}%"),
            credential_id: Some(q.credential_id.clone()),
            severity: severity_of(t),
            title: format!(
                "Provider limit {}% used: {}",
                percent_used(used, q.limit_micros),
                q.label
            ),
            body: format!(
                "{} of the key's {} limit used{}; {} left.",
                usd(used),
                usd(q.limit_micros),
                q.reset
                    .as_deref()
                    .map(|r| format!(" (resets {r})"))
                    .unwrap_or_default(),
                usd(q.remaining_micros.max(0))
            ),
            superseded: false,
        })
        .collect();
    push_tightest(out, crossed);
}

/// Today and yesterday (UTC days, the ledger's), each against the 14 days before it.
fn spike(f: &Facts<'_>, s: &KeySpend, out: &mut Vec<Firing>) {
    let first = s.first_day;
    let today = f.now.date_naive();
    for day in [today - Days::new(1), today] {
        let spent = s.days.get(&day).copied().unwrap_or(0);
        if spent <= f.settings.spike_floor_micros || first > day - Days::new(SPIKE_MIN_HISTORY) {
            continue;
        }
        let window: i64 = s
            .days
            .range(day - Days::new(SPIKE_WINDOW)..day)
            .map(|(_, m)| *m)
            .sum();
        let n = i128::from(SPIKE_WINDOW as i64);
        if i128::from(spent) * n <= i128::from(f.settings.spike_multiplier) * i128::from(window) {
            continue;
        }
        let mean = window / SPIKE_WINDOW as i64;
        let times = if mean > 0 {
            format!("{}× the", spent / mean)
        } else {
            "against nothing in the".to_owned()
        };
        out.push(Firing {
            rule: Rule::Spike,
            scope: s.scope.clone(),
            period: day.format("%Y-%m-%d").to_string(),
            threshold: format!("{}x", f.settings.spike_multiplier),
            credential_id: s.credential_id.clone(),
            severity: Severity::Warning,
            title: format!("Spend spike: {}", s.label),
            body: format!(
                "{} on {} (UTC), {times} 14-day average of {}.",
                usd(spent),
                day.format("%-d %b"),
                usd(mean)
            ),
            superseded: false,
        });
    }
}
