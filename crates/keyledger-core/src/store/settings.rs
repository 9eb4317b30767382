//! The `setting` table: named JSON documents (the alert rules' settings), defaults when absent.

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};
use sqlx::SqliteExecutor;

use crate::{Error, Result};

/// The document stored under `key`, or `T::default()` when there is none.
pub async fn get<T: DeserializeOwned + Default>(
    db: impl SqliteExecutor<'_>,
    key: &str,
) -> Result<T> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM setting WHERE key = ?")
        .bind(key)
        .fetch_optional(db)
        .await?;
    match value {
        None => Ok(T::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            Error::Database(format!("the stored '{key}' settings are unreadable: {e}"))
        }),
    }
}

pub async fn set<T: Serialize>(
    db: impl SqliteExecutor<'_>,
    key: &str,
    value: &T,
    now: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| Error::Database(e.to_string()))?;
    sqlx::query(
        "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(json)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
