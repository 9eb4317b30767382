//! The `gateway_token` and `gateway_limits` tables: local tokens by their hash, and each key's
//! newest rate-limit headers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{FromRow, SqliteExecutor};
use ts_rs::TS;

use crate::{Error, Result};

/// A local token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow, TS)]
pub struct TokenInfo {
    pub id: String,
    pub credential_id: String,
    pub label: String,
    pub ephemeral: bool,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, credential_id, label, ephemeral, created_at, revoked_at";

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    credential_id: &str,
    label: &str,
    hash: &str,
    ephemeral: bool,
    now: DateTime<Utc>,
) -> Result<TokenInfo> {
    let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    sqlx::query(
        "INSERT INTO gateway_token (id, credential_id, label, token_hash, ephemeral, created_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(credential_id)
    .bind(label)
    .bind(hash)
    .bind(ephemeral)
    .bind(now)
    .execute(db)
    .await?;
    Ok(TokenInfo {
        id,
        credential_id: credential_id.to_owned(),
        label: label.to_owned(),
        ephemeral,
        created_at: now,
        revoked_at: None,
    })
}

/// The credential of a live (not revoked) token, by its hash.
pub async fn credential_of(db: impl SqliteExecutor<'_>, hash: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT credential_id FROM gateway_token WHERE token_hash = ? AND revoked_at IS NULL",
    )
    .bind(hash)
    .fetch_optional(db)
    .await?)
}

/// The tokens not revoked, newest first.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<TokenInfo>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM gateway_token WHERE revoked_at IS NULL ORDER BY created_at DESC"
    ))
    .fetch_all(db)
    .await?)
}

/// Revokes a token by its id (or the first characters of it); returns it.
pub async fn revoke(
    db: impl SqliteExecutor<'_> + Copy,
    id: &str,
    now: DateTime<Utc>,
) -> Result<TokenInfo> {
    let found: Vec<TokenInfo> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM gateway_token WHERE id LIKE ? || '%' AND revoked_at IS NULL"
    ))
    .bind(id)
    .fetch_all(db)
    .await?;
    let token = match found.as_slice() {
        [one] => one.clone(),
        [] => return Err(Error::NotFound(format!("no live gateway token {id}"))),
        _ => return Err(Error::AmbiguousId(id.to_owned())),
    };
    sqlx::query("UPDATE gateway_token SET revoked_at = ? WHERE id = ?")
        .bind(now)
        .bind(&token.id)
        .execute(db)
        .await?;
    Ok(TokenInfo {
        revoked_at: Some(now),
        ..token
    })
}

/// Keeps `credential_id`'s newest rate-limit headers (names and values as JSON).
pub async fn set_limits(
    db: impl SqliteExecutor<'_>,
    credential_id: &str,
    provider: &str,
    headers: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO gateway_limits (credential_id, provider, headers, seen_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (credential_id) DO UPDATE SET provider = excluded.provider, \
         headers = excluded.headers, seen_at = excluded.seen_at",
    )
    .bind(credential_id)
    .bind(provider)
    .bind(headers)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
