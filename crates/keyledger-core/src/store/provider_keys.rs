//! The `provider_key` table: keys as providers' admin APIs list them, and which stored
//! credential each one is.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

use crate::providers::ListedKey;
use crate::Result;

/// Records one listed key and the stored credential it matched (if any).
pub async fn upsert(
    db: impl SqliteExecutor<'_>,
    provider: &str,
    listed_by: &str,
    key: &ListedKey,
    credential_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO provider_key (account, provider, credential_id, listed_by, name, hint, status, \
         created_at, expires_at, last_used_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (account) DO UPDATE SET provider = excluded.provider, \
         credential_id = excluded.credential_id, listed_by = excluded.listed_by, \
         name = excluded.name, hint = excluded.hint, status = excluded.status, \
         created_at = excluded.created_at, expires_at = excluded.expires_at, \
         last_used_at = excluded.last_used_at, seen_at = excluded.seen_at",
    )
    .bind(&key.id)
    .bind(provider)
    .bind(credential_id)
    .bind(listed_by)
    .bind(&key.name)
    .bind(&key.hint)
    .bind(&key.status)
    .bind(key.created_at)
    .bind(key.expires_at)
    .bind(key.last_used_at)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
