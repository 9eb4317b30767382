//! Claude Code's session logs: one JSON object per line; assistant lines carry the message's
//! token usage. The same message can be logged on several lines and in several files (a
//! streamed reply again as its output grows), so each usage carries its de-duplication key
//! (`message.id` + `requestId`, or the message id alone when there is no request id). A line
//! saying the plan's usage limit was reached gives the 5-hour window's real reset.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{dedup_key, Usage};
use crate::plan::{Origin, PlanSource, Reading};
use crate::usage::Counts;

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow, rename = "type")]
    kind: Option<Cow<'a, str>>,
    timestamp: Option<DateTime<Utc>>,
    #[serde(borrow, rename = "requestId")]
    request_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    message: Option<Message<'a>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    model: Option<Cow<'a, str>>,
    usage: Option<Tokens>,
}

#[derive(Deserialize)]
struct Tokens {
    input_tokens: Option<i64>,
    output_tokens: Option<i64>,
    cache_creation_input_tokens: Option<i64>,
    cache_read_input_tokens: Option<i64>,
}

/// What one line says: usage, nothing of interest, or not JSON at all.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Usage(Usage),
    Other,
    Malformed,
}

/// What Claude Code logs when the plan's limit stops it: `Claude AI usage limit reached|<epoch>`.
const LIMIT_REACHED: &[u8] = b"usage limit reached|";

#[derive(Deserialize)]
struct Stamped {
    timestamp: Option<DateTime<Utc>>,
}

/// The 5-hour window as a line saying its limit was reached tells it: full, resetting at the
/// epoch (seconds) the line gives, seen at the line's time.
pub fn limit_hit(line: &[u8]) -> Option<Reading> {
    let at = memchr::memmem::find(line, LIMIT_REACHED)? + LIMIT_REACHED.len();
    let digits = line[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let epoch: i64 = std::str::from_utf8(&line[at..at + digits])
        .ok()?
        .parse()
        .ok()?;
    let seen = serde_json::from_slice::<Stamped>(line).ok()?.timestamp?;
    Reading::new(
        PlanSource::Claude,
        crate::plan::window_name(300),
        Some(300),
        100.0,
        DateTime::from_timestamp(epoch, 0),
        seen,
        Origin::Log,
    )
}

/// Reads one line. Lines without `"usage"` are skipped before any JSON is parsed.
pub fn parse(line: &[u8]) -> Parsed {
    if memchr::memmem::find(line, b"\"usage\"").is_none() {
        return Parsed::Other;
    }
    let Ok(l) = serde_json::from_slice::<Line>(line) else {
        return Parsed::Malformed;
    };
    let (Some(message), Some(at)) = (l.message, l.timestamp) else {
        return Parsed::Other;
    };
    let (Some(t), Some(model)) = (message.usage, message.model) else {
        return Parsed::Other;
    };
    if l.kind.as_deref().is_some_and(|k| k != "assistant") || model == "<synthetic>" {
        return Parsed::Other;
    }
    let counts = Counts {
        input: t.input_tokens.unwrap_or(0).max(0),
        output: t.output_tokens.unwrap_or(0).max(0),
        cache_write: t.cache_creation_input_tokens.unwrap_or(0).max(0),
        cached: t.cache_read_input_tokens.unwrap_or(0).max(0),
        reasoning: 0,
        requests: 1,
    };
    // Subagents and other endpoints may log no request id: the message id alone then.
    let key = match (message.id.as_deref(), l.request_id.as_deref()) {
        (Some(id), Some(request)) => Some(dedup_key(&[id, request])),
        (Some(id), None) => Some(dedup_key(&[id])),
        _ => None,
    };
    Parsed::Usage(Usage {
        at,
        model: model.into_owned(),
        counts,
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_assistant_usage_and_its_key() {
        let line = br#"{"parentUuid":"p","type":"assistant","timestamp":"2026-11-20T10:15:00.123Z","requestId":"req_1","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"hi \"usage\""}],"usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":40,"service_tier":"standard"}},"costUSD":0.01}"#;
        let Parsed::Usage(u) = parse(line) else {
            panic!("not usage")
        };
        assert_eq!(u.model, "claude-sonnet-4-5-20250929");
        assert_eq!(
            (
                u.counts.input,
                u.counts.cache_write,
                u.counts.cached,
                u.counts.output
            ),
            (10, 20, 30, 40)
        );
        assert_eq!(u.at.to_rfc3339(), "2026-11-20T10:15:00.123+00:00");
        assert_eq!(u.key, Some(dedup_key(&["msg_1", "req_1"])));
    }

    #[test]
    fn other_lines_and_broken_ones_are_told_apart() {
        assert_eq!(
            parse(br#"{"type":"user","message":{"content":"x"}}"#),
            Parsed::Other
        );
        assert_eq!(
            parse(br#"{"type":"summary","summary":"usage"}"#),
            Parsed::Other
        );
        assert_eq!(
            parse(br#"{"type":"assistant","usage":{"#),
            Parsed::Malformed
        );
        let synthetic = br#"{"type":"assistant","timestamp":"2026-11-20T10:15:00Z","message":{"model":"<synthetic>","usage":{"input_tokens":0}}}"#;
        assert_eq!(parse(synthetic), Parsed::Other);
        let no_ids = br#"{"type":"assistant","timestamp":"2026-11-20T10:15:00Z","message":{"model":"m","usage":{"input_tokens":5}}}"#;
        let Parsed::Usage(u) = parse(no_ids) else {
            panic!("not usage")
        };
        assert_eq!(u.key, None, "counted, but cannot be de-duplicated");
        let no_request = br#"{"type":"assistant","timestamp":"2026-11-20T10:15:00Z","message":{"id":"msg_7","model":"m","usage":{"input_tokens":5}}}"#;
        let Parsed::Usage(u) = parse(no_request) else {
            panic!("not usage")
        };
        assert_eq!(u.key, Some(dedup_key(&["msg_7"])));
    }

    #[test]
    fn a_limit_reached_line_gives_the_real_reset() {
        let line = br#"{"type":"assistant","timestamp":"2026-11-20T13:02:00Z","message":{"id":"m9","model":"<synthetic>","content":[{"type":"text","text":"Claude AI usage limit reached|1763650800"}],"usage":{"input_tokens":0,"output_tokens":0}}}"#;
        let r = limit_hit(line).unwrap();
        assert_eq!((r.window.as_str(), r.used_percent), ("5h", 100.0));
        assert_eq!(r.resets_at, DateTime::from_timestamp(1_763_650_800, 0));
        assert_eq!(r.observed_at.to_rfc3339(), "2026-11-20T13:02:00+00:00");
        assert_eq!(
            parse(line),
            Parsed::Other,
            "the synthetic message is not usage"
        );
        assert!(limit_hit(
            br#"{"timestamp":"2026-11-20T13:02:00Z","text":"usage limit reached|soon"}"#
        )
        .is_none());
        assert!(
            limit_hit(b"usage limit reached|1763650800").is_none(),
            "no timestamp, no reading"
        );
    }
}
