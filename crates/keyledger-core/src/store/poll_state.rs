//! The `poll_state` table: per-source cursor and last outcome.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{FromRow, SqliteExecutor};
use ts_rs::TS;

use crate::Result;

/// What Keyledger remembers about one usage source.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, Serialize, TS)]
pub struct PollState {
    pub source: String,
    pub credential_id: String,
    pub cursor: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

pub async fn get(db: impl SqliteExecutor<'_>, source: &str) -> Result<Option<PollState>> {
    Ok(sqlx::query_as(
        "SELECT source, credential_id, cursor, last_attempt_at, last_success_at, last_error \
         FROM poll_state WHERE source = ?",
    )
    .bind(source)
    .fetch_optional(db)
    .await?)
}

pub async fn all(db: impl SqliteExecutor<'_>) -> Result<Vec<PollState>> {
    Ok(sqlx::query_as(
        "SELECT source, credential_id, cursor, last_attempt_at, last_success_at, last_error \
         FROM poll_state ORDER BY source",
    )
    .fetch_all(db)
    .await?)
}

/// Records a successful poll: moves the cursor and clears the error.
pub async fn succeeded(
    db: impl SqliteExecutor<'_>,
    source: &str,
    credential_id: &str,
    cursor: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO poll_state (source, credential_id, cursor, last_attempt_at, last_success_at, last_error) \
         VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, \
         last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, \
         last_error = NULL",
    )
    .bind(source)
    .bind(credential_id)
    .bind(cursor)
    .bind(at)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// Records a failed poll: keeps the cursor, stores the reason.
pub async fn failed(
    db: impl SqliteExecutor<'_>,
    source: &str,
    credential_id: &str,
    error: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO poll_state (source, credential_id, last_attempt_at, last_error) VALUES (?, ?, ?, ?) \
         ON CONFLICT (source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, \
         last_error = excluded.last_error",
    )
    .bind(source)
    .bind(credential_id)
    .bind(at)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}
