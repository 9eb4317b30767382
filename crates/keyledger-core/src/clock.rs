//! The one place that reads the wall clock. Logic takes `now` as an argument; shells call this.

use chrono::{DateTime, Utc};

/// The current time in UTC, for the CLI and the app to pass into core logic.
#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
