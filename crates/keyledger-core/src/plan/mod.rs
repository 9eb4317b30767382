//! Subscription plan windows — Codex's and Claude's rolling 5-hour and weekly limits: one reading
//! of a window (how full, when it resets, when and where it was seen) and the windows as shown,
//! the newest reading of each, marked stale once its reset has passed.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod blocks;
pub mod claude;
pub(crate) mod reading;

pub use reading::{Origin, PlanSource, Reading};

use blocks::Block;

use crate::store::{plan_windows, Store};
use crate::Result;

/// A duration for people, to the minute: `1 h 12 min`, `3 d 4 h`, `25 min`, `<1 min`.
pub fn in_words(d: TimeDelta) -> String {
    let minutes = d.num_minutes();
    match minutes {
        m if m < 1 => "<1 min".to_owned(),
        m if m < 60 => format!("{m} min"),
        m if m < 1440 && m % 60 == 0 => format!("{} h", m / 60),
        m if m < 1440 => format!("{} h {} min", m / 60, m % 60),
        m if (m / 60) % 24 == 0 => format!("{} d", m / 1440),
        m => format!("{} d {} h", m / 1440, (m / 60) % 24),
    }
}

/// A window's name for people: `5-hour`, `weekly`, or the provider's name in words.
pub fn window_label(window: &str) -> String {
    match window {
        "5h" => "5-hour".to_owned(),
        "weekly" => "weekly".to_owned(),
        "seven_day_opus" => "weekly Opus".to_owned(),
        "seven_day_sonnet" => "weekly Sonnet".to_owned(),
        other => other.replace('_', " "),
    }
}

/// The name of a window of `minutes`: `5h` and `weekly` for the two every plan has.
pub fn window_name(minutes: i64) -> String {
    match minutes {
        300 => "5h".to_owned(),
        10_080 => "weekly".to_owned(),
        m if m > 0 && m % 1440 == 0 => format!("{}d", m / 1440),
        m if m > 0 && m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{m}min"),
    }
}

/// A window as shown: the newest reading of it, or for Claude's 5-hour window without one, the
/// estimate from its logs (no percent: only the block's tokens and cost so far).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanWindow {
    pub source: PlanSource,
    pub window: String,
    #[ts(type = "number | null")]
    pub window_minutes: Option<i64>,
    /// How full the window is, 0–100, as the provider said; none for an estimate.
    pub used_percent: Option<f64>,
    pub out_of_range: bool,
    pub resets_at: Option<DateTime<Utc>>,
    pub observed_at: DateTime<Utc>,
    pub origin: Origin,
    pub plan: Option<String>,
    /// The window reset after the figure was seen ("reset since; waiting for new data").
    pub stale: bool,
    /// For an estimate: the 5-hour block it comes from.
    pub block: Option<Block>,
    /// How the window filled over its current period, oldest first (at most [`HISTORY_POINTS`]).
    pub history: Vec<Point>,
    /// At the pace of its last readings, when the window is full, if that is before it resets.
    pub full_at: Option<DateTime<Utc>>,
}

/// One reading of a window's history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Point {
    pub at: DateTime<Utc>,
    pub used_percent: f64,
}

/// The most history points a window carries (evenly thinned, the newest always kept).
pub const HISTORY_POINTS: usize = 120;
/// How many of the newest readings the pace is taken from.
const PACE_READINGS: usize = 6;

/// When the window is full at the pace from the first to the last of `points` (the newest few),
/// if it fills before `resets_at`.
pub fn forecast(points: &[Point], resets_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let recent = &points[points.len().saturating_sub(PACE_READINGS)..];
    let (first, last) = (recent.first()?, recent.last()?);
    let seconds = (last.at - first.at).num_seconds();
    let grown = last.used_percent - first.used_percent;
    if seconds <= 0 || grown <= 0.0 || last.used_percent >= 100.0 {
        return None;
    }
    // Percent per second, times what is left.
    let left = (100.0 - last.used_percent) * seconds as f64 / grown;
    let full_at = last.at + TimeDelta::try_seconds(left.ceil() as i64)?;
    (full_at < resets_at).then_some(full_at)
}

/// "At this pace the Codex 5-hour window is full at 13:40, 25 min before it resets." (local time)
pub fn pace_sentence(w: &PlanWindow, full_at: DateTime<Utc>, resets_at: DateTime<Utc>) -> String {
    format!(
        "At this pace the {} {} window is full at {}, {} before it resets.",
        w.source.display_name(),
        window_label(&w.window),
        full_at.with_timezone(&chrono::Local).format("%H:%M"),
        in_words(resets_at - full_at)
    )
}

fn thinned(points: Vec<Point>) -> Vec<Point> {
    if points.len() <= HISTORY_POINTS {
        return points;
    }
    let step = points.len().div_ceil(HISTORY_POINTS);
    let last = points.len() - 1;
    points
        .into_iter()
        .enumerate()
        .filter(|(i, _)| (last - i).is_multiple_of(step))
        .map(|(_, p)| p)
        .collect()
}

impl PlanWindow {
    fn shown(r: Reading, now: DateTime<Utc>) -> Self {
        PlanWindow {
            stale: r.resets_at.is_some_and(|at| at <= now),
            source: r.source,
            window: r.window,
            window_minutes: r.window_minutes,
            used_percent: Some(r.used_percent),
            out_of_range: r.out_of_range,
            resets_at: r.resets_at,
            observed_at: r.observed_at,
            origin: r.origin,
            plan: r.plan,
            block: None,
            history: Vec::new(),
            full_at: None,
        }
    }

    fn estimate(b: Block) -> Self {
        PlanWindow {
            source: PlanSource::Claude,
            window: window_name(300),
            window_minutes: Some(300),
            used_percent: None,
            out_of_range: false,
            resets_at: Some(b.end),
            observed_at: b.last_hour,
            origin: Origin::Estimate,
            plan: None,
            stale: false,
            block: Some(b),
            history: Vec::new(),
            full_at: None,
        }
    }

    /// The whole percent used, rounded down (a window is never said to be full before it is).
    pub fn whole_percent(&self) -> Option<u8> {
        // Clamped to 0–100 when read, so the cast is exact.
        self.used_percent.map(|p| p.floor().clamp(0.0, 100.0) as u8)
    }
}

/// How far back the logs are read for Claude's current block (a block chain longer than this
/// starts at its first hour inside it).
const BLOCK_LOOKBACK: TimeDelta = TimeDelta::days(7);

/// The newest reading of every window, and Claude's current 5-hour block as an estimate when no
/// fresh reading of that window exists; fresh windows first, fullest first. Without history or
/// forecast: what the rules and the tray need, read after every change.
pub async fn windows(store: &Store, now: DateTime<Utc>) -> Result<Vec<PlanWindow>> {
    let mut list: Vec<PlanWindow> = plan_windows::latest(store.pool())
        .await?
        .into_iter()
        .map(|r| PlanWindow::shown(r, now))
        .collect();
    let claude_5h_known = list
        .iter()
        .any(|w| w.source == PlanSource::Claude && w.window == "5h" && !w.stale);
    if !claude_5h_known {
        if let Some(block) = current_block(store, now).await? {
            list.push(PlanWindow::estimate(block));
        }
    }
    list.sort_by(|a, b| {
        a.stale
            .cmp(&b.stale)
            .then(
                b.used_percent
                    .unwrap_or(-1.0)
                    .total_cmp(&a.used_percent.unwrap_or(-1.0)),
            )
            .then(a.source.cmp(&b.source))
            .then(a.window.cmp(&b.window))
    });
    Ok(list)
}

/// [`windows`] with each fresh window's history over its period and its pace forecast: what the
/// Limits view and `keyledger limits` show.
pub async fn windows_with_history(store: &Store, now: DateTime<Utc>) -> Result<Vec<PlanWindow>> {
    let mut list = windows(store, now).await?;
    for w in list
        .iter_mut()
        .filter(|w| !w.stale && w.used_percent.is_some())
    {
        let (Some(resets_at), Some(minutes)) = (w.resets_at, w.window_minutes) else {
            continue;
        };
        let start = resets_at - TimeDelta::minutes(minutes);
        let points: Vec<Point> = plan_windows::history(store.pool(), w.source, &w.window, start)
            .await?
            .into_iter()
            .filter(|r| r.origin == w.origin)
            .map(|r| Point {
                at: r.observed_at,
                used_percent: r.used_percent,
            })
            .collect();
        w.full_at = forecast(&points, resets_at);
        w.history = thinned(points);
    }
    Ok(list)
}

/// What the Limits view shows: the windows, and Claude's endpoint switch with its last problem.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanView {
    pub windows: Vec<PlanWindow>,
    pub claude: claude::EndpointStatus,
}

pub async fn view(store: &Store, now: DateTime<Utc>) -> Result<PlanView> {
    Ok(PlanView {
        windows: windows_with_history(store, now).await?,
        claude: claude::state(store).await?.into(),
    })
}

/// Claude's 5-hour block under way at `now`, estimated from its logs.
pub async fn current_block(store: &Store, now: DateTime<Utc>) -> Result<Option<Block>> {
    let from = now - BLOCK_LOOKBACK;
    let hours = plan_windows::claude_hours(store.pool(), from).await?;
    let hits = plan_windows::since(store.pool(), PlanSource::Claude, Origin::Log, from).await?;
    Ok(blocks::blocks(&hours, &hits, now)
        .into_iter()
        .rfind(|b| b.active))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_named_by_their_length() {
        assert_eq!(window_name(300), "5h");
        assert_eq!(window_name(10_080), "weekly");
        assert_eq!(window_name(1440), "1d");
        assert_eq!(window_name(120), "2h");
        assert_eq!(window_name(45), "45min");
    }

    fn point(minute: i64, used: f64) -> Point {
        Point {
            at: DateTime::UNIX_EPOCH + TimeDelta::minutes(minute),
            used_percent: used,
        }
    }

    #[test]
    fn the_forecast_follows_the_pace_of_the_last_readings() {
        let resets = DateTime::UNIX_EPOCH + TimeDelta::minutes(300);
        // Slow at first, then 10 % every 20 minutes: the last six readings set the pace, so it
        // is full at minute 220.
        let points = [
            point(0, 1.0),
            point(10, 1.5),
            point(40, 10.0),
            point(60, 20.0),
            point(80, 30.0),
            point(100, 40.0),
            point(120, 50.0),
            point(140, 60.0),
        ];
        let at = forecast(&points, resets).unwrap();
        assert_eq!((at - DateTime::UNIX_EPOCH).num_minutes(), 220, "{at}");
        // The same pace from later on fills after the reset: no forecast.
        assert_eq!(
            forecast(&points, DateTime::UNIX_EPOCH + TimeDelta::minutes(200)),
            None
        );
        // Flat, falling, a single reading or already full: none either.
        assert_eq!(forecast(&[point(0, 30.0), point(60, 30.0)], resets), None);
        assert_eq!(forecast(&[point(0, 30.0), point(60, 10.0)], resets), None);
        assert_eq!(forecast(&[point(0, 30.0)], resets), None);
        assert_eq!(forecast(&[point(0, 90.0), point(1, 100.0)], resets), None);
    }

    #[test]
    fn history_is_thinned_evenly_keeping_the_newest() {
        let points: Vec<Point> = (0..1000).map(|m| point(m, m as f64 / 10.0)).collect();
        let kept = thinned(points);
        assert!(kept.len() <= HISTORY_POINTS, "{}", kept.len());
        assert_eq!(kept.last().unwrap().at, point(999, 0.0).at);
    }

    #[test]
    fn durations_read_to_the_minute() {
        let m = TimeDelta::minutes;
        assert_eq!(in_words(TimeDelta::seconds(20)), "<1 min");
        assert_eq!(in_words(m(25)), "25 min");
        assert_eq!(in_words(m(72)), "1 h 12 min");
        assert_eq!(in_words(m(120)), "2 h");
        assert_eq!(in_words(m(1440 * 3 + 240 + 5)), "3 d 4 h");
        assert_eq!(in_words(m(1440 * 2)), "2 d");
    }

    #[test]
    fn a_percent_out_of_range_is_clamped_and_flagged() {
        let at = DateTime::UNIX_EPOCH;
        let r = |p| {
            Reading::new(
                PlanSource::Codex,
                "5h".into(),
                Some(300),
                p,
                None,
                at,
                Origin::Log,
            )
        };
        assert_eq!(
            r(62.5).map(|r| (r.used_percent, r.out_of_range)),
            Some((62.5, false))
        );
        assert_eq!(
            r(130.0).map(|r| (r.used_percent, r.out_of_range)),
            Some((100.0, true))
        );
        assert_eq!(
            r(-4.0).map(|r| (r.used_percent, r.out_of_range)),
            Some((0.0, true))
        );
        assert_eq!(r(f64::NAN), None);
    }
}
