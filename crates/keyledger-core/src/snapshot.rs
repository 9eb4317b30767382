//! Spend from running totals: providers that report only a cumulative usage (OpenRouter) or a
//! balance (DeepSeek) are snapshotted at each poll, and each day's spend is the sum of the
//! differences between consecutive snapshots. A balance that rises is a top-up, not negative
//! spend; a cumulative usage that falls (a reset) counts as nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, DurationRound, NaiveDate, Utc};

/// What a provider reported at one moment, amounts in millionths of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub taken_at: DateTime<Utc>,
    pub currency: String,
    /// Cumulative spend (OpenRouter `usage`).
    pub usage_micros: Option<i64>,
    /// Spend so far on `taken_at`'s UTC day (OpenRouter `usage_daily`).
    pub day_usage_micros: Option<i64>,
    /// Credit left (DeepSeek balance, OpenRouter credits).
    pub balance_micros: Option<i64>,
    /// The provider-side spending cap, when there is one.
    pub limit_micros: Option<i64>,
    pub limit_remaining_micros: Option<i64>,
    pub limit_reset: Option<String>,
}

impl Snapshot {
    /// True when nothing but the time differs: such a snapshot need not be stored.
    pub fn same_figures(&self, other: &Snapshot) -> bool {
        Snapshot {
            taken_at: other.taken_at,
            ..self.clone()
        } == *other
    }

    fn day(&self) -> NaiveDate {
        self.taken_at.date_naive()
    }
}

/// Spend per UTC day derived from `snapshots` (oldest first). Each consecutive pair adds what
/// was spent between them to the later snapshot's day — except, across midnight, the part the
/// later snapshot's own day total does not explain, which went to the earlier day. When
/// `starts_at_first` (the list begins with the source's very first snapshot), that snapshot's
/// own day total is the spend of its day so far. Every day a pair touches is in the map, even at 0.
pub fn daily_spend(snapshots: &[Snapshot], starts_at_first: bool) -> BTreeMap<NaiveDate, i64> {
    let mut days = BTreeMap::new();
    for (at, spent) in spend_at(snapshots, starts_at_first) {
        *days.entry(at.date_naive()).or_insert(0) += spent;
    }
    days
}

/// The same spend by the UTC hour of the poll that saw it (the part of a pair the later day's
/// total does not explain by the earlier snapshot's hour): the hours add up to the days, and
/// let the spend count on the user's local day.
pub fn hourly_spend(snapshots: &[Snapshot], starts_at_first: bool) -> BTreeMap<DateTime<Utc>, i64> {
    let mut hours = BTreeMap::new();
    for (at, spent) in spend_at(snapshots, starts_at_first) {
        let hour = at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(at);
        *hours.entry(hour).or_insert(0) += spent;
    }
    hours
}

/// Each piece of spend with the instant it is counted at.
fn spend_at(snapshots: &[Snapshot], starts_at_first: bool) -> Vec<(DateTime<Utc>, i64)> {
    let mut out = Vec::new();
    if let (true, Some(first)) = (starts_at_first, snapshots.first()) {
        out.push((first.taken_at, first.day_usage_micros.unwrap_or(0).max(0)));
    }
    for pair in snapshots.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let spent = spent_between(before, after);
        let late = match after.day_usage_micros {
            Some(today) if after.day() != before.day() => (spent - today.max(0)).max(0),
            _ => 0,
        };
        out.push((before.taken_at, late));
        out.push((after.taken_at, spent - late));
    }
    out
}

fn spent_between(before: &Snapshot, after: &Snapshot) -> i64 {
    if before.currency != after.currency {
        return 0;
    }
    match (before.usage_micros, after.usage_micros) {
        (Some(b), Some(a)) => (a - b).max(0),
        _ => match (before.balance_micros, after.balance_micros) {
            (Some(b), Some(a)) => (b - a).max(0),
            _ => 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn usage(t: &str, total: i64, today: i64) -> Snapshot {
        Snapshot {
            taken_at: at(t),
            currency: "USD".into(),
            usage_micros: Some(total),
            day_usage_micros: Some(today),
            balance_micros: None,
            limit_micros: None,
            limit_remaining_micros: None,
            limit_reset: None,
        }
    }

    fn balance(t: &str, left: i64) -> Snapshot {
        Snapshot {
            usage_micros: None,
            day_usage_micros: None,
            balance_micros: Some(left),
            ..usage(t, 0, 0)
        }
    }

    #[test]
    fn differences_of_cumulative_usage_land_on_their_day() {
        let snaps = [
            usage("2026-11-20T08:00:00Z", 10_000_000, 1_000_000),
            usage("2026-11-20T12:00:00Z", 12_500_000, 3_500_000),
            usage("2026-11-20T20:00:00Z", 13_000_000, 4_000_000),
        ];
        let first_ever = daily_spend(&snaps, true);
        assert_eq!(first_ever, BTreeMap::from([(day("2026-11-20"), 4_000_000)]));
        // Without the first-ever rule only the differences count.
        assert_eq!(daily_spend(&snaps, false)[&day("2026-11-20")], 3_000_000);
    }

    #[test]
    fn across_midnight_the_late_part_stays_on_the_earlier_day() {
        let snaps = [
            usage("2026-11-20T22:00:00Z", 10_000_000, 4_000_000),
            // $1.50 more since 22:00, of which $0.50 is after midnight.
            usage("2026-11-21T00:15:00Z", 11_500_000, 500_000),
        ];
        let spend = daily_spend(&snaps, false);
        assert_eq!(spend[&day("2026-11-20")], 1_000_000);
        assert_eq!(spend[&day("2026-11-21")], 500_000);
    }

    #[test]
    fn balance_decreases_are_spend_and_top_ups_are_not_negative() {
        let snaps = [
            balance("2026-11-20T08:00:00Z", 100_000_000),
            balance("2026-11-20T09:00:00Z", 97_000_000),
            balance("2026-11-20T10:00:00Z", 197_000_000), // top-up
            balance("2026-11-21T10:00:00Z", 196_250_000),
        ];
        let spend = daily_spend(&snaps, true);
        assert_eq!(spend[&day("2026-11-20")], 3_000_000);
        assert_eq!(spend[&day("2026-11-21")], 750_000);
    }

    #[test]
    fn resets_and_currency_changes_count_as_nothing() {
        let mut cny = balance("2026-11-20T10:00:00Z", 50_000_000);
        cny.currency = "CNY".into();
        let snaps = [
            usage("2026-11-20T08:00:00Z", 10_000_000, 0),
            usage("2026-11-20T09:00:00Z", 2_000_000, 0),
            cny,
        ];
        assert_eq!(daily_spend(&snaps, false)[&day("2026-11-20")], 0);
        assert!(daily_spend(&[], true).is_empty());
    }

    #[test]
    fn hours_hold_the_same_spend_by_the_poll_that_saw_it() {
        let snaps = [
            usage("2026-11-20T22:40:00Z", 10_000_000, 4_000_000),
            usage("2026-11-21T00:15:00Z", 11_500_000, 500_000),
            usage("2026-11-21T09:05:00Z", 12_000_000, 1_000_000),
        ];
        let hours = hourly_spend(&snaps, false);
        assert_eq!(
            hours[&at("2026-11-20T22:00:00Z")],
            1_000_000,
            "the late part"
        );
        assert_eq!(hours[&at("2026-11-21T00:00:00Z")], 500_000);
        assert_eq!(hours[&at("2026-11-21T09:00:00Z")], 500_000);
        let days = daily_spend(&snaps, false);
        for (day, spent) in days {
            let in_hours: i64 = hours
                .iter()
                .filter(|(h, _)| h.date_naive() == day)
                .map(|(_, v)| v)
                .sum();
            assert_eq!(in_hours, spent, "{day}");
        }
    }

    #[test]
    fn unchanged_figures_are_recognised() {
        let a = usage("2026-11-20T08:00:00Z", 1, 1);
        let b = usage("2026-11-20T09:00:00Z", 1, 1);
        assert!(a.same_figures(&b));
        assert!(!a.same_figures(&usage("2026-11-20T09:00:00Z", 2, 1)));
    }
}
