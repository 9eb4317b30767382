//! Chart ranges in the user's calendar (7 d, 30 d, 90 d, 12 months, or from–to), the
//! granularity that fits each, and the buckets a range is cut into.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Bucket;
use crate::credential::parse_date;
use crate::{Error, Result};

/// The longest custom range: ten years of days.
const MAX_DAYS: i64 = 3660;

/// A range as the user picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RangeSpec {
    /// The last N days, today included.
    Days {
        #[ts(type = "number")]
        days: u32,
    },
    /// The last N calendar months, this one included.
    Months {
        #[ts(type = "number")]
        months: u32,
    },
    Custom {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
}

impl std::str::FromStr for RangeSpec {
    type Err = Error;
    /// `7d`, `30d`, `90d`, `12m`, or `YYYY-MM-DD..YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = || {
            Error::invalid(format!(
                "'{s}' is not a range; use 7d, 30d, 90d, 12m or YYYY-MM-DD..YYYY-MM-DD"
            ))
        };
        if let Some((from, to)) = s.split_once("..") {
            let (from, to) = (parse_date(from.trim())?, parse_date(to.trim())?);
            return RangeSpec::Custom { from, to }.checked();
        }
        let (n, unit) = s.split_at(s.len().saturating_sub(1));
        let n: u32 = n.parse().map_err(|_| bad())?;
        match unit {
            "d" => RangeSpec::Days { days: n },
            "m" => RangeSpec::Months { months: n },
            _ => return Err(bad()),
        }
        .checked()
    }
}

impl RangeSpec {
    fn checked(self) -> Result<Self> {
        let ok = match self {
            RangeSpec::Days { days } => (1..=MAX_DAYS as u32).contains(&days),
            RangeSpec::Months { months } => (1..=120).contains(&months),
            RangeSpec::Custom { from, to } => from <= to && (to - from).num_days() < MAX_DAYS,
        };
        if ok {
            Ok(self)
        } else {
            Err(Error::invalid(
                "the range must cover 1 day to 10 years, its start not after its end",
            ))
        }
    }

    /// The first and last day, for a user whose calendar says it is `today`.
    pub fn resolve(self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
        match self.checked()? {
            RangeSpec::Days { days } => Ok((today - Days::new(u64::from(days) - 1), today)),
            RangeSpec::Months { months } => {
                let first = today.with_day(1).unwrap_or(today);
                Ok((first - Months::new(months - 1), today))
            }
            RangeSpec::Custom { from, to } => Ok((from, to)),
        }
    }
}

/// How long one bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    /// Days up to two months, weeks up to half a year, months beyond: 7–62 bars.
    pub fn fitting(from: NaiveDate, to: NaiveDate) -> Self {
        match (to - from).num_days() + 1 {
            ..=62 => Granularity::Day,
            63..=190 => Granularity::Week,
            _ => Granularity::Month,
        }
    }

    /// The buckets covering `from..=to`, each clipped to the range.
    pub fn buckets(self, from: NaiveDate, to: NaiveDate) -> Vec<Bucket> {
        let mut out = Vec::new();
        let mut start = from;
        while start <= to {
            let natural_end = match self {
                Granularity::Day => start,
                Granularity::Week => {
                    start + Days::new(6 - u64::from(start.weekday().num_days_from_monday()))
                }
                Granularity::Month => {
                    let first = start.with_day(1).unwrap_or(start);
                    first + Months::new(1) - Days::new(1)
                }
            };
            let end = natural_end.min(to);
            let label = match self {
                Granularity::Day => start.format("%-d %b").to_string(),
                Granularity::Week => {
                    let monday =
                        start - Days::new(u64::from(start.weekday().num_days_from_monday()));
                    format!("w/c {}", monday.format("%-d %b"))
                }
                Granularity::Month => start.format("%b %Y").to_string(),
            };
            out.push(Bucket { start, end, label });
            start = end + Days::new(1);
        }
        out
    }
}

/// The index of the bucket holding `day`, if any (buckets are sorted and contiguous).
pub fn bucket_of(buckets: &[Bucket], day: NaiveDate) -> Option<usize> {
    let i = buckets.partition_point(|b| b.end < day);
    buckets.get(i).filter(|b| b.start <= day).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn ranges_parse_and_resolve_in_the_users_calendar() {
        let today = d("2026-11-25");
        let r = |s: &str| s.parse::<RangeSpec>().and_then(|r| r.resolve(today));
        assert_eq!(r("7d").ok(), Some((d("2026-11-19"), today)));
        assert_eq!(r("30d").ok(), Some((d("2026-10-27"), today)));
        assert_eq!(r("12m").ok(), Some((d("2025-12-01"), today)));
        assert_eq!(
            r("2026-01-01..2026-03-31").ok(),
            Some((d("2026-01-01"), d("2026-03-31")))
        );
        for bad in ["0d", "7w", "d", "2026-03-01..2026-01-01", "99999d"] {
            assert!(r(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn granularity_fits_the_range_and_buckets_are_clipped_and_contiguous() {
        assert_eq!(
            Granularity::fitting(d("2026-11-01"), d("2026-11-30")),
            Granularity::Day
        );
        assert_eq!(
            Granularity::fitting(d("2026-08-28"), d("2026-11-25")),
            Granularity::Week
        );
        assert_eq!(
            Granularity::fitting(d("2025-12-01"), d("2026-11-25")),
            Granularity::Month
        );

        let weeks = Granularity::Week.buckets(d("2026-11-05"), d("2026-11-25"));
        assert_eq!(weeks[0].start, d("2026-11-05"));
        assert_eq!(
            weeks[0].end,
            d("2026-11-08"),
            "a Thursday start runs to Sunday"
        );
        assert_eq!(weeks[0].label, "w/c 2 Nov");
        assert_eq!(weeks.last().map(|b| b.end), Some(d("2026-11-25")));
        for pair in weeks.windows(2) {
            assert_eq!(pair[0].end + Days::new(1), pair[1].start);
        }
        let months = Granularity::Month.buckets(d("2025-12-01"), d("2026-11-25"));
        assert_eq!(months.len(), 12);
        assert_eq!(months[2].label, "Feb 2026");
        assert_eq!(months[2].end, d("2026-02-28"));
        assert_eq!(bucket_of(&months, d("2026-02-14")), Some(2));
        assert_eq!(bucket_of(&months, d("2026-11-26")), None);
        assert_eq!(bucket_of(&months, d("2025-11-30")), None);
    }
}
