//! A key's rate-limit headers read as figures: "412 of 500 requests left, resets at …". OpenAI,
//! Groq and the other OpenAI-style providers send `x-ratelimit-{limit,remaining,reset}-{requests,
//! tokens}` (reset as a duration like `6m0s`); Anthropic sends
//! `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`
//! (reset in RFC 3339); OpenRouter sends `x-ratelimit-{limit,remaining,reset}` (reset in epoch ms).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One limit of a key, as its provider last reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LimitFigure {
    /// What is limited: "requests", "tokens", "input tokens" or "output tokens".
    pub what: String,
    pub remaining: i64,
    pub limit: i64,
    /// When the provider said the figure starts again, if it said.
    pub resets_at: Option<DateTime<Utc>>,
}

/// The figures in `headers` (names and values) seen at `seen_at`, requests first.
pub fn figures(headers: &BTreeMap<String, String>, seen_at: DateTime<Utc>) -> Vec<LimitFigure> {
    let number = |name: &str| -> Option<i64> {
        let v = headers.get(name)?.trim();
        v.parse::<i64>()
            .ok()
            .or_else(|| v.parse::<f64>().ok().map(|f| f as i64))
    };
    let mut out = Vec::new();
    let mut push = |what: &str, limit: Option<i64>, remaining: Option<i64>, resets_at| {
        if let (Some(limit), Some(remaining)) = (limit, remaining) {
            if limit > 0 {
                out.push(LimitFigure {
                    what: what.to_owned(),
                    remaining: remaining.clamp(0, limit),
                    limit,
                    resets_at,
                });
            }
        }
    };
    for kind in ["requests", "tokens"] {
        push(
            kind,
            number(&format!("x-ratelimit-limit-{kind}")),
            number(&format!("x-ratelimit-remaining-{kind}")),
            headers
                .get(&format!("x-ratelimit-reset-{kind}"))
                .and_then(|d| duration(d))
                .map(|d| seen_at + d),
        );
    }
    for kind in ["requests", "tokens", "input-tokens", "output-tokens"] {
        push(
            &kind.replace('-', " "),
            number(&format!("anthropic-ratelimit-{kind}-limit")),
            number(&format!("anthropic-ratelimit-{kind}-remaining")),
            headers
                .get(&format!("anthropic-ratelimit-{kind}-reset"))
                .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())
                .map(|t| t.with_timezone(&Utc)),
        );
    }
    push(
        "requests",
        number("x-ratelimit-limit"),
        number("x-ratelimit-remaining"),
        number("x-ratelimit-reset").and_then(DateTime::from_timestamp_millis),
    );
    out
}

/// A Go-style duration as OpenAI and Groq send it: `6m0s`, `1s`, `120ms`, `2m59.56s`, `1h2m3s`.
fn duration(text: &str) -> Option<Duration> {
    let mut rest = text.trim();
    let mut total_ms = 0.0_f64;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (unit_ms, len) = if rest.starts_with("ms") {
            (1.0, 2)
        } else if rest.starts_with('h') {
            (3_600_000.0, 1)
        } else if rest.starts_with('m') {
            (60_000.0, 1)
        } else if rest.starts_with('s') {
            (1_000.0, 1)
        } else {
            return None;
        };
        total_ms += value * unit_ms;
        rest = &rest[len..];
    }
    (total_ms.is_finite() && total_ms < 1e12).then(|| Duration::milliseconds(total_ms as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn go_durations() {
        assert_eq!(duration("6m0s"), Some(Duration::minutes(6)));
        assert_eq!(duration("1s"), Some(Duration::seconds(1)));
        assert_eq!(duration("120ms"), Some(Duration::milliseconds(120)));
        assert_eq!(duration("2m59.56s"), Some(Duration::milliseconds(179_560)));
        assert_eq!(duration("1h2m3s"), Some(Duration::seconds(3723)));
        for bad in ["", "soon", "5", "1x", "1e400s"] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn openai_style_headers() {
        let seen = at("2026-12-06T10:00:00Z");
        let f = figures(
            &map(&[
                ("x-ratelimit-limit-requests", "500"),
                ("x-ratelimit-remaining-requests", "412"),
                ("x-ratelimit-reset-requests", "1m30s"),
                ("x-ratelimit-limit-tokens", "30000"),
                ("x-ratelimit-remaining-tokens", "29000"),
                ("x-ratelimit-reset-tokens", "not a duration"),
            ]),
            seen,
        );
        assert_eq!(
            f,
            vec![
                LimitFigure {
                    what: "requests".into(),
                    remaining: 412,
                    limit: 500,
                    resets_at: Some(at("2026-12-06T10:01:30Z")),
                },
                LimitFigure {
                    what: "tokens".into(),
                    remaining: 29000,
                    limit: 30000,
                    resets_at: None,
                },
            ]
        );
    }

    #[test]
    fn anthropic_and_openrouter_headers() {
        let seen = at("2026-12-06T10:00:00Z");
        let f = figures(
            &map(&[
                ("anthropic-ratelimit-requests-limit", "50"),
                ("anthropic-ratelimit-requests-remaining", "49"),
                ("anthropic-ratelimit-requests-reset", "2026-12-06T10:00:01Z"),
                ("anthropic-ratelimit-input-tokens-limit", "40000"),
                ("anthropic-ratelimit-input-tokens-remaining", "-3"),
            ]),
            seen,
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].resets_at, Some(at("2026-12-06T10:00:01Z")));
        assert_eq!(
            (f[1].what.as_str(), f[1].remaining),
            ("input tokens", 0),
            "a negative remainder is read as none left"
        );

        let f = figures(
            &map(&[
                ("x-ratelimit-limit", "20"),
                ("x-ratelimit-remaining", "19"),
                ("x-ratelimit-reset", "1765015260000"),
            ]),
            seen,
        );
        assert_eq!((f[0].remaining, f[0].limit), (19, 20));
        assert!(f[0].resets_at.is_some());

        assert!(figures(&map(&[("x-ratelimit-limit-requests", "0")]), seen).is_empty());
        assert!(figures(&map(&[("retry-after", "3")]), seen).is_empty());
    }
}
