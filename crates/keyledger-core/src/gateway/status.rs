//! How a running gateway has fared since it started: requests answered, metered, refused,
//! failed upstream, and the answers whose usage could not be read (malformed, or cut short).
//! Counted in memory with atomics; nothing here reaches the disk.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The gateway's counters, shared by every request.
#[derive(Debug, Default)]
pub struct Counters {
    requests: AtomicU64,
    metered: AtomicU64,
    malformed: AtomicU64,
    cut_short: AtomicU64,
    refused: AtomicU64,
    upstream_errors: AtomicU64,
}

/// What happened to one request, as far as the counters care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The gateway refused it itself (bad host, unknown token, too large, upstream unreachable).
    Refused,
    /// The provider answered with an error; passed through.
    UpstreamError,
    /// An answer whose tokens were read.
    Metered,
    /// A whole answer (or a stream that ended) whose usage could not be read.
    Malformed,
    /// The client left, or the upstream broke off, before the usage came.
    CutShort,
}

impl Counters {
    /// One request reached the gateway.
    pub fn request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn count(&self, outcome: Outcome) {
        let counter = match outcome {
            Outcome::Refused => &self.refused,
            Outcome::UpstreamError => &self.upstream_errors,
            Outcome::Metered => &self.metered,
            Outcome::Malformed => &self.malformed,
            Outcome::CutShort => &self.cut_short,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self, started_at: DateTime<Utc>) -> GatewayStatus {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed) as i64;
        GatewayStatus {
            started_at,
            requests: get(&self.requests),
            metered: get(&self.metered),
            malformed: get(&self.malformed),
            cut_short: get(&self.cut_short),
            refused: get(&self.refused),
            upstream_errors: get(&self.upstream_errors),
        }
    }
}

/// The counters at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GatewayStatus {
    pub started_at: DateTime<Utc>,
    /// Every request that reached the gateway.
    pub requests: i64,
    /// Answers whose tokens were read and recorded.
    pub metered: i64,
    /// Answers from a usage-reporting endpoint whose usage could not be read (broken JSON or
    /// SSE): forwarded untouched, recorded with unknown tokens.
    pub malformed: i64,
    /// Answers the client left (or the provider broke off) before their usage came: recorded
    /// with unknown tokens.
    pub cut_short: i64,
    /// Requests the gateway refused itself.
    pub refused: i64,
    /// Error answers from the provider, passed through unchanged.
    pub upstream_errors: i64,
}

impl GatewayStatus {
    /// One line for a terminal: "12 requests: 10 metered, 1 malformed answer, …".
    pub fn summary(&self) -> String {
        let plural =
            |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![format!("{} metered", self.metered)];
        for (n, one, many) in [
            (self.malformed, "malformed answer", "malformed answers"),
            (self.cut_short, "cut short", "cut short"),
            (self.upstream_errors, "provider error", "provider errors"),
            (self.refused, "refused", "refused"),
        ] {
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        }
        format!(
            "{}: {}",
            plural(self.requests, "request", "requests"),
            parts.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_outcome_apart() {
        let c = Counters::default();
        for _ in 0..3 {
            c.request();
        }
        c.count(Outcome::Metered);
        c.count(Outcome::Malformed);
        c.count(Outcome::Refused);
        let s = c.snapshot(DateTime::UNIX_EPOCH);
        assert_eq!(
            (s.requests, s.metered, s.malformed, s.refused, s.cut_short),
            (3, 1, 1, 1, 0)
        );
        assert_eq!(
            s.summary(),
            "3 requests: 1 metered, 1 malformed answer, 1 refused"
        );
    }
}
