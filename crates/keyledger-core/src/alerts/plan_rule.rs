//! The plan-window rule: a Codex or Claude 5-hour or weekly window crossing 50, 80 or 95 % fires
//! once per threshold per window period (the period is the window's reset). Only figures the
//! provider gave count: an estimate has no percent, and a figure whose reset passed is stale.
//! When asked for, a window that was at least half used is also told once it has reset.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{push_tightest, Firing, Rule, Severity};
use crate::plan::{in_words, window_label, PlanWindow};

/// The thresholds every plan window is watched at.
pub const THRESHOLDS: [u8; 3] = [50, 80, 95];

pub(super) fn plan_window(
    now: DateTime<Utc>,
    tz: Tz,
    tell_reset: bool,
    w: &PlanWindow,
    out: &mut Vec<Firing>,
) {
    let Some(used) = w.whole_percent() else {
        return;
    };
    let name = format!(
        "{} {} window",
        w.source.display_name(),
        window_label(&w.window)
    );
    if w.stale {
        if let (true, Some(reset)) = (tell_reset && used >= THRESHOLDS[0], w.resets_at) {
            out.push(Firing {
                rule: Rule::PlanWindow,
                scope: format!("{}:{}", w.source.as_str(), w.window),
                period: reset.to_rfc3339(),
                threshold: "reset".to_owned(),
                credential_id: None,
                severity: Severity::Info,
                title: format!("{name} has reset"),
                body: format!(
                    "It was {used}% used; a new window started at {}.",
                    reset.with_timezone(&tz).format("%a %H:%M")
                ),
                superseded: false,
            });
        }
        return;
    }
    let period = w.resets_at.map_or_else(
        || w.observed_at.format("%Y-%m-%d").to_string(),
        |r| r.to_rfc3339(),
    );
    let resets = w.resets_at.map_or_else(String::new, |r| {
        format!(
            "; it resets at {} (in {})",
            r.with_timezone(&tz).format("%a %H:%M"),
            in_words(r - now)
        )
    });
    let crossed = THRESHOLDS
        .iter()
        .filter(|&&t| used >= t)
        .map(|&t| Firing {
            rule: Rule::PlanWindow,
            scope: format!("{}:{}", w.source.as_str(), w.window),
            period: period.clone(),
            threshold: format!("{t}%"),
            credential_id: None,
            severity: match t {
                95.. => Severity::Critical,
                80.. => Severity::Warning,
                _ => Severity::Info,
            },
            title: format!("{name} {used}% used"),
            body: format!(
                "{used}% of your plan's {} window used, as {} said at {}{resets}.",
                window_label(&w.window),
                w.source.display_name(),
                w.observed_at.with_timezone(&tz).format("%H:%M"),
            ),
            superseded: false,
        })
        .collect();
    push_tightest(out, crossed);
}
