//! Calendar periods in the user's time zone: the day or month an instant falls in, its bounds
//! as UTC instants (so a DST day lasts 23 or 25 hours), its key, and the system's time zone.

use chrono::{DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A day or month of the user's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPeriod {
    /// `2026-11-24` for a day, `2026-11` for a month.
    pub key: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The first instant of the period.
    pub start: DateTime<Utc>,
    /// The first instant after it.
    pub end: DateTime<Utc>,
}

impl LocalPeriod {
    /// The local day `now` falls in.
    pub fn day(now: DateTime<Utc>, tz: Tz) -> Self {
        let date = now.with_timezone(&tz).date_naive();
        LocalPeriod {
            key: date.format("%Y-%m-%d").to_string(),
            first_day: date,
            last_day: date,
            start: first_instant(date, tz),
            end: first_instant(date + Days::new(1), tz),
        }
    }

    /// The local calendar month `now` falls in.
    pub fn month(now: DateTime<Utc>, tz: Tz) -> Self {
        let date = now.with_timezone(&tz).date_naive();
        let first = date.with_day(1).unwrap_or(date);
        let next = first + Months::new(1);
        LocalPeriod {
            key: first.format("%Y-%m").to_string(),
            first_day: first,
            last_day: next - Days::new(1),
            start: first_instant(first, tz),
            end: first_instant(next, tz),
        }
    }

    /// Seconds from the start to `now` and from the start to the end.
    pub fn progress(&self, now: DateTime<Utc>) -> (i64, i64) {
        let total = (self.end - self.start).num_seconds().max(1);
        ((now - self.start).num_seconds().clamp(0, total), total)
    }
}

/// The first instant of `date` in `tz`: midnight, or — where a DST change skips midnight — the
/// first local time that exists that day.
pub fn first_instant(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..=96 {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(earliest, _) => return earliest.with_timezone(&Utc),
            LocalResult::None => local += chrono::Duration::minutes(15),
        }
    }
    date.and_time(NaiveTime::MIN).and_utc()
}

/// The time zone named in the settings, else the system's, else UTC.
pub fn zone(name: Option<&str>) -> Tz {
    name.and_then(|n| n.parse().ok())
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_month_is_the_users_not_utcs() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let ny: Tz = "America/New_York".parse().unwrap();
        // 23:30 UTC on 30 November is already December in Berlin, still November in New York.
        let now = at("2026-11-30T23:30:00Z");
        assert_eq!(LocalPeriod::month(now, berlin).key, "2026-12");
        assert_eq!(LocalPeriod::month(now, ny).key, "2026-11");
        assert_eq!(LocalPeriod::month(now, Tz::UTC).key, "2026-11");
        let nov = LocalPeriod::month(now, ny);
        assert_eq!(
            nov.start,
            at("2026-11-01T04:00:00Z"),
            "EDT until 1 November"
        );
        assert_eq!(nov.end, at("2026-12-01T05:00:00Z"), "EST from then");
        assert_eq!(nov.last_day.to_string(), "2026-11-30");
        assert_eq!(LocalPeriod::day(now, berlin).key, "2026-12-01");
    }

    #[test]
    fn dst_days_last_23_or_25_hours() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let spring = LocalPeriod::day(at("2026-03-29T12:00:00Z"), berlin);
        assert_eq!((spring.end - spring.start).num_hours(), 23);
        let autumn = LocalPeriod::day(at("2026-10-25T12:00:00Z"), berlin);
        assert_eq!((autumn.end - autumn.start).num_hours(), 25);
        let march = LocalPeriod::month(at("2026-03-15T12:00:00Z"), berlin);
        assert_eq!((march.end - march.start).num_hours(), 31 * 24 - 1);
    }

    #[test]
    fn a_midnight_skipped_by_dst_starts_the_day_at_the_first_real_time() {
        // Santiago moves from 00:00 to 01:00 on 6 September 2026.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        let start = first_instant(day, santiago).with_timezone(&santiago);
        assert_eq!(
            start.format("%Y-%m-%d %H:%M").to_string(),
            "2026-09-06 01:00"
        );
    }

    #[test]
    fn progress_is_clamped_to_the_period() {
        let month = LocalPeriod::month(at("2026-11-16T00:00:00Z"), Tz::UTC);
        assert_eq!(
            month.progress(at("2026-11-16T00:00:00Z")),
            (15 * 86_400, 30 * 86_400)
        );
        assert_eq!(month.progress(at("2026-10-01T00:00:00Z")).0, 0);
    }

    #[test]
    fn unknown_zone_names_fall_back() {
        assert_eq!(zone(Some("Europe/Berlin")).name(), "Europe/Berlin");
        // Not a zone: the system's (or UTC), as with no setting at all.
        assert_eq!(zone(Some("Mars/Olympus")), zone(None));
    }
}
