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

/// The vault's generation: it moves on with every change to a key or a token.
pub async fn generation(db: impl SqliteExecutor<'_>) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT n FROM vault_generation WHERE id = 1")
            .fetch_one(db)
            .await?,
    )
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

/// One key's gateway traffic over a span: its requests, tokens and cost.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TrafficRow {
    /// Empty for a key not stored here.
    pub credential_id: String,
    /// The key's label, or a key not stored here by its masked form.
    pub label: String,
    pub provider: String,
    pub requests: i64,
    pub tokens: i64,
    /// The priced part's cost, micro-dollars.
    pub cost_micros: i64,
    /// Requests whose cost is unknown (unpriced model, or tokens unknown).
    pub unpriced_requests: i64,
}

/// Each key's gateway traffic in the hours starting in `[from, to)`, busiest first.
pub async fn traffic(
    db: impl SqliteExecutor<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<TrafficRow>> {
    Ok(sqlx::query_as(
        "SELECT b.credential_id, COALESCE(c.label, b.account) AS label, b.provider, \
         SUM(b.requests) AS requests, \
         SUM(b.input_tokens + b.output_tokens + b.cached_tokens + b.cache_write_tokens) AS tokens, \
         COALESCE(SUM(b.cost_micros), 0) AS cost_micros, \
         SUM(CASE WHEN b.cost_micros IS NULL THEN b.requests ELSE 0 END) AS unpriced_requests \
         FROM usage_bucket b LEFT JOIN credential c ON c.id = b.credential_id \
         WHERE b.source = 'gateway' AND b.bucket_width = '1h' AND b.superseded = 0 \
         AND b.bucket_start >= ? AND b.bucket_start < ? \
         GROUP BY b.credential_id, b.account, b.provider ORDER BY requests DESC, label",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}

/// A stored key's newest rate-limit headers.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LimitsRow {
    pub credential_id: String,
    pub label: String,
    pub provider: String,
    /// Header names and values, as a JSON object.
    pub headers: String,
    pub seen_at: DateTime<Utc>,
}

/// The newest rate-limit headers of every stored key the gateway has seen answers for.
pub async fn limits(db: impl SqliteExecutor<'_>) -> Result<Vec<LimitsRow>> {
    Ok(sqlx::query_as(
        "SELECT l.credential_id, c.label, l.provider, l.headers, l.seen_at \
         FROM gateway_limits l JOIN credential c ON c.id = l.credential_id \
         ORDER BY l.seen_at DESC",
    )
    .fetch_all(db)
    .await?)
}
