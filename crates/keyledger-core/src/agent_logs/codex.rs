//! Codex CLI's rollout logs: `turn_context` lines name the model, `token_count` events carry the
//! session's running total. Each turn counts once: the usage of an event is the growth of the
//! total since the previous event (a repeated event adds nothing; a total that went back — a new
//! session in the same file — counts the event's own `last_token_usage`). The same events may
//! carry the plan's rate-limit windows (5-hour and weekly), read as plan readings.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{dedup_key, Usage};
use crate::plan::{window_name, Origin, PlanSource, Reading};
use crate::usage::Counts;

#[derive(Deserialize)]
struct Line<'a> {
    timestamp: Option<DateTime<Utc>>,
    #[serde(borrow, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    payload: Option<Payload<'a>>,
}

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(borrow, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    model: Option<Cow<'a, str>>,
    info: Option<Info>,
    /// Read apart, so a shape Keyledger does not know never costs the line's usage.
    rate_limits: Option<serde_json::Value>,
    plan_type: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RateLimits {
    primary: Option<RateWindow>,
    secondary: Option<RateWindow>,
    plan_type: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RateWindow {
    used_percent: Option<f64>,
    window_minutes: Option<i64>,
    /// Unix seconds.
    resets_at: Option<i64>,
    /// Older Codex versions: seconds after the event's timestamp.
    resets_in_seconds: Option<i64>,
}

/// The plan windows an event carries, as readings seen at `at`.
fn readings(
    limits: serde_json::Value,
    plan: Option<serde_json::Value>,
    at: DateTime<Utc>,
) -> Vec<Reading> {
    let Ok(limits) = serde_json::from_value::<RateLimits>(limits) else {
        return Vec::new();
    };
    let plan = limits
        .plan_type
        .or(plan)
        .and_then(|p| p.as_str().map(str::to_owned));
    [("primary", limits.primary), ("secondary", limits.secondary)]
        .into_iter()
        .filter_map(|(slot, w)| {
            let w = w?;
            let resets_at = match (w.resets_at, w.resets_in_seconds) {
                (Some(unix), _) => DateTime::from_timestamp(unix, 0),
                (None, Some(secs)) => at.checked_add_signed(chrono::TimeDelta::try_seconds(secs)?),
                (None, None) => None,
            };
            let name = w
                .window_minutes
                .map_or_else(|| slot.to_owned(), window_name);
            let mut r = Reading::new(
                PlanSource::Codex,
                name,
                w.window_minutes,
                w.used_percent?,
                resets_at,
                at,
                Origin::Log,
            )?;
            r.plan.clone_from(&plan);
            Some(r)
        })
        .collect()
}

#[derive(Deserialize)]
struct Info {
    total_token_usage: Option<Total>,
    last_token_usage: Option<Total>,
}

/// Token counts as Codex reports them: input includes the cached part, output the reasoning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Total {
    #[serde(default)]
    input_tokens: i64,
    #[serde(default)]
    cached_input_tokens: i64,
    #[serde(default)]
    output_tokens: i64,
    #[serde(default)]
    reasoning_output_tokens: i64,
}

impl Total {
    fn minus(self, before: Total) -> Option<Total> {
        let d = Total {
            input_tokens: self.input_tokens.saturating_sub(before.input_tokens),
            cached_input_tokens: self
                .cached_input_tokens
                .saturating_sub(before.cached_input_tokens),
            output_tokens: self.output_tokens.saturating_sub(before.output_tokens),
            reasoning_output_tokens: self
                .reasoning_output_tokens
                .saturating_sub(before.reasoning_output_tokens),
        };
        let all = [
            d.input_tokens,
            d.cached_input_tokens,
            d.output_tokens,
            d.reasoning_output_tokens,
        ];
        all.iter().all(|n| *n >= 0).then_some(d)
    }

    fn counts(self) -> Counts {
        let cached = self.cached_input_tokens.clamp(0, self.input_tokens.max(0));
        Counts {
            input: self.input_tokens.max(0) - cached,
            cached,
            output: self.output_tokens.max(0),
            reasoning: self.reasoning_output_tokens.max(0),
            cache_write: 0,
            requests: 1,
        }
    }
}

/// What a file's reading carries from one line (and one pass) to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Carry {
    pub model: Option<String>,
    pub total: Option<Total>,
}

/// Model used when a file names none (older Codex versions).
const DEFAULT_MODEL: &str = "gpt-5";

#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Usage(Usage),
    Other,
    Malformed,
}

/// Reads one line of the log file `session`, updating `carry`; the plan windows it carries go to
/// `plan`.
pub fn parse(line: &[u8], carry: &mut Carry, session: &str, plan: &mut Vec<Reading>) -> Parsed {
    let finder = |needle: &[u8]| memchr::memmem::find(line, needle).is_some();
    if !finder(b"token_count") && !finder(b"turn_context") {
        return Parsed::Other;
    }
    let Ok(l) = serde_json::from_slice::<Line>(line) else {
        return Parsed::Malformed;
    };
    let Some(payload) = l.payload else {
        return Parsed::Other;
    };
    if l.kind.as_deref() == Some("turn_context") {
        if let Some(model) = payload.model {
            carry.model = Some(model.into_owned());
        }
        return Parsed::Other;
    }
    if payload.kind.as_deref() != Some("token_count") {
        return Parsed::Other;
    }
    if let (Some(limits), Some(at)) = (payload.rate_limits, l.timestamp) {
        plan.extend(readings(limits, payload.plan_type, at));
    }
    let (Some(info), Some(at)) = (payload.info, l.timestamp) else {
        return Parsed::Other;
    };
    let marker = info.total_token_usage.or(info.last_token_usage);
    let used = match (info.total_token_usage, carry.total) {
        (Some(total), Some(before)) => {
            let grown = total.minus(before);
            carry.total = Some(total);
            match grown {
                Some(d) if d == Total::default() => return Parsed::Other,
                Some(d) => d,
                None => match info.last_token_usage {
                    Some(last) => last,
                    None => total,
                },
            }
        }
        (Some(total), None) => {
            carry.total = Some(total);
            total
        }
        (None, _) => match info.last_token_usage {
            Some(last) => last,
            None => return Parsed::Other,
        },
    };
    let key = marker.map(|t| {
        let total = format!(
            "{}/{}/{}/{}",
            t.input_tokens, t.cached_input_tokens, t.output_tokens, t.reasoning_output_tokens
        );
        dedup_key(&[session, &at.to_rfc3339(), &total])
    });
    Parsed::Usage(Usage {
        at,
        model: carry
            .model
            .clone()
            .unwrap_or_else(|| DEFAULT_MODEL.to_owned()),
        counts: used.counts(),
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(ts: &str, input: i64, cached: i64, output: i64) -> String {
        format!(
            r#"{{"timestamp":"{ts}","type":"event_msg","payload":{{"type":"token_count","info":{{"total_token_usage":{{"input_tokens":{input},"cached_input_tokens":{cached},"output_tokens":{output},"reasoning_output_tokens":0,"total_tokens":0}},"last_token_usage":{{"input_tokens":1,"cached_input_tokens":0,"output_tokens":1}}}}}}}}"#
        )
    }

    #[test]
    fn each_turn_counts_once_from_the_growth_of_the_total() {
        let mut carry = Carry::default();
        let context = br#"{"timestamp":"2026-11-20T10:00:00Z","type":"turn_context","payload":{"cwd":"/x","model":"gpt-5-codex"}}"#;
        assert_eq!(
            parse(context, &mut carry, "s", &mut Vec::new()),
            Parsed::Other
        );
        let first = event("2026-11-20T10:00:05Z", 1000, 200, 50);
        let Parsed::Usage(u) = parse(first.as_bytes(), &mut carry, "s", &mut Vec::new()) else {
            panic!()
        };
        assert_eq!(u.model, "gpt-5-codex");
        assert_eq!(
            (u.counts.input, u.counts.cached, u.counts.output),
            (800, 200, 50)
        );
        // The same event again adds nothing.
        assert_eq!(
            parse(first.as_bytes(), &mut carry, "s", &mut Vec::new()),
            Parsed::Other
        );
        let second = event("2026-11-20T10:01:00Z", 1500, 600, 80);
        let Parsed::Usage(u) = parse(second.as_bytes(), &mut carry, "s", &mut Vec::new()) else {
            panic!()
        };
        assert_eq!(
            (u.counts.input, u.counts.cached, u.counts.output),
            (100, 400, 30)
        );
        // A total that went back: the event's own last usage.
        let reset = event("2026-11-20T11:00:00Z", 10, 0, 10);
        let Parsed::Usage(u) = parse(reset.as_bytes(), &mut carry, "s", &mut Vec::new()) else {
            panic!()
        };
        assert_eq!((u.counts.input, u.counts.output), (1, 1));
    }

    #[test]
    fn null_info_and_broken_lines() {
        let mut carry = Carry::default();
        let null = br#"{"timestamp":"2026-11-20T10:00:05Z","type":"event_msg","payload":{"type":"token_count","info":null}}"#;
        assert_eq!(parse(null, &mut carry, "s", &mut Vec::new()), Parsed::Other);
        assert_eq!(
            parse(
                br#"{"type":"event_msg","payload":{"type":"token_count""#,
                &mut carry,
                "s",
                &mut Vec::new()
            ),
            Parsed::Malformed
        );
        assert_eq!(
            parse(
                br#"{"type":"response_item"}"#,
                &mut carry,
                "s",
                &mut Vec::new()
            ),
            Parsed::Other
        );
    }

    #[test]
    fn rate_limits_become_plan_readings_with_absolute_or_relative_resets() {
        let mut carry = Carry::default();
        let mut plan = Vec::new();
        let new = br#"{"timestamp":"2026-11-20T10:00:00Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":7.0,"window_minutes":300,"resets_at":1763483205},"secondary":{"used_percent":130.0,"window_minutes":10080,"resets_at":1763606387},"plan_type":"plus"}}}"#;
        assert_eq!(parse(new, &mut carry, "s", &mut plan), Parsed::Other);
        assert_eq!(plan.len(), 2);
        assert_eq!((plan[0].window.as_str(), plan[0].used_percent), ("5h", 7.0));
        assert_eq!(
            plan[0].resets_at,
            DateTime::from_timestamp(1_763_483_205, 0)
        );
        assert_eq!(plan[0].plan.as_deref(), Some("plus"));
        assert_eq!(
            (
                plan[1].window.as_str(),
                plan[1].used_percent,
                plan[1].out_of_range
            ),
            ("weekly", 100.0, true)
        );

        let mut plan = Vec::new();
        let old = br#"{"timestamp":"2026-11-20T10:00:00Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":12.5,"window_minutes":300,"resets_in_seconds":3600}}}}"#;
        parse(old, &mut carry, "s", &mut plan);
        assert_eq!(
            plan[0].resets_at.map(|r| r.to_rfc3339()).as_deref(),
            Some("2026-11-20T11:00:00+00:00")
        );

        // A shape Keyledger does not know costs the line nothing else.
        let mut plan = Vec::new();
        let odd = br#"{"timestamp":"2026-11-20T10:00:00Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":"soon"}}"#;
        assert_eq!(parse(odd, &mut carry, "s", &mut plan), Parsed::Other);
        assert!(plan.is_empty());
    }
}
