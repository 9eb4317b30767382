//! Claude's 5-hour sessions estimated from its logs, by ccusage's rule: a block starts at the
//! hour of its first request and lasts five hours; the first request after that starts the next.
//! Read from the ledger's hourly agent-log rows, which this rule never splits (a block starts on
//! the hour, so each hour is wholly inside one). A "limit reached" line marks its block.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reading::Reading;

/// How long a block lasts.
pub const LENGTH: TimeDelta = TimeDelta::hours(5);

/// One hour of Claude Code's logged usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hour {
    pub start: DateTime<Utc>,
    /// Input, output and cache tokens.
    pub tokens: i64,
    pub requests: i64,
    pub cost_micros: i64,
    /// Some of the hour's usage has no known price.
    pub unpriced: bool,
}

/// One 5-hour block: an estimate from token counts, never the provider's percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Block {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[ts(type = "number")]
    pub tokens: i64,
    #[ts(type = "number")]
    pub requests: i64,
    #[ts(type = "number")]
    pub cost_micros: i64,
    pub unpriced: bool,
    /// The start of its last hour with requests.
    pub last_hour: DateTime<Utc>,
    /// The block's time is not over yet.
    pub active: bool,
    /// Claude said its limit was reached in this block; when it resets, as Claude said.
    pub limit_resets_at: Option<DateTime<Utc>>,
}

/// The blocks of `hours` (oldest first), each marked by the limit-reached readings that fall in
/// it, and active while `now` is before its end.
pub fn blocks(hours: &[Hour], limit_hits: &[Reading], now: DateTime<Utc>) -> Vec<Block> {
    let mut sorted: Vec<&Hour> = hours.iter().collect();
    sorted.sort_by_key(|h| h.start);
    let mut out: Vec<Block> = Vec::new();
    for h in sorted {
        match out.last_mut() {
            Some(b) if h.start < b.end => {
                b.tokens = b.tokens.saturating_add(h.tokens);
                b.requests = b.requests.saturating_add(h.requests);
                b.cost_micros = b.cost_micros.saturating_add(h.cost_micros);
                b.unpriced |= h.unpriced;
                b.last_hour = h.start;
            }
            _ => out.push(Block {
                start: h.start,
                end: h.start + LENGTH,
                tokens: h.tokens,
                requests: h.requests,
                cost_micros: h.cost_micros,
                unpriced: h.unpriced,
                last_hour: h.start,
                active: false,
                limit_resets_at: None,
            }),
        }
    }
    for b in &mut out {
        b.active = b.start <= now && now < b.end;
        b.limit_resets_at = limit_hits
            .iter()
            .filter(|r| b.start <= r.observed_at && r.observed_at < b.end)
            .filter_map(|r| r.resets_at)
            .max();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::reading::{Origin, PlanSource};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn hour(s: &str, tokens: i64) -> Hour {
        Hour {
            start: at(s),
            tokens,
            requests: 1,
            cost_micros: tokens,
            unpriced: false,
        }
    }

    #[test]
    fn a_block_lasts_five_hours_from_its_first_hour_and_a_gap_starts_the_next() {
        let hours = [
            hour("2026-11-20T09:00:00Z", 10),
            hour("2026-11-20T11:00:00Z", 20),
            // 09:00 + 5 h = 14:00: this hour starts the next block.
            hour("2026-11-20T14:00:00Z", 40),
            // A gap of more than five hours.
            hour("2026-11-20T23:00:00Z", 80),
        ];
        let hit = Reading::new(
            PlanSource::Claude,
            "5h".into(),
            Some(300),
            100.0,
            Some(at("2026-11-20T19:00:00Z")),
            at("2026-11-20T15:30:00Z"),
            Origin::Log,
        )
        .unwrap();
        let list = blocks(&hours, &[hit], at("2026-11-21T01:00:00Z"));
        let spans: Vec<(String, String, i64)> = list
            .iter()
            .map(|b| {
                (
                    b.start.format("%H:%M").to_string(),
                    b.end.format("%H:%M").to_string(),
                    b.tokens,
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                ("09:00".into(), "14:00".into(), 30),
                ("14:00".into(), "19:00".into(), 40),
                ("23:00".into(), "04:00".into(), 80),
            ]
        );
        assert_eq!(list[1].limit_resets_at, Some(at("2026-11-20T19:00:00Z")));
        assert_eq!(list[0].limit_resets_at, None);
        assert_eq!(
            list.iter().map(|b| b.active).collect::<Vec<_>>(),
            [false, false, true]
        );
    }

    #[test]
    fn no_usage_no_blocks() {
        assert!(blocks(&[], &[], at("2026-11-20T09:00:00Z")).is_empty());
    }
}
