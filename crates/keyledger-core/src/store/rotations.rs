//! The `credential_rotation` table: each replacement of a key's secret, with the old key's
//! fingerprint and masked hint; `pending` until the keychain and the credential row agree.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};

use crate::credential::{ExpirySource, Provider};
use crate::{Error, Result};

/// One past rotation, as the key's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, serde::Serialize, ts_rs::TS)]
pub struct Rotation {
    #[ts(type = "number")]
    pub id: i64,
    pub credential_id: String,
    /// The masked form of the key that was replaced.
    pub old_hint: String,
    pub new_hint: String,
    pub rotated_at: DateTime<Utc>,
    /// The user asked to be reminded to revoke the old key.
    pub remind_revoke: bool,
}

/// A rotation as written before the keychain is touched.
#[derive(Debug, Clone)]
pub struct Started<'a> {
    pub credential_id: &'a str,
    pub old_fingerprint: &'a str,
    pub old_hint: &'a str,
    pub new_fingerprint: &'a str,
    pub new_hint: &'a str,
    pub at: DateTime<Utc>,
    pub remind_revoke: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub expires_source: Option<ExpirySource>,
}

/// A rotation interrupted between the keychain write and the credential update.
#[derive(Debug, Clone)]
pub struct Unsettled {
    pub id: i64,
    pub credential_id: String,
    pub new_fingerprint: String,
    pub rotated_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub expires_source: Option<ExpirySource>,
}

/// A done rotation that asked for a revoke reminder, with what the reminder names.
#[derive(Debug, Clone)]
pub struct RevokeReminder {
    pub credential_id: String,
    pub label: String,
    pub provider: Provider,
    pub old_hint: String,
    pub rotated_at: DateTime<Utc>,
}

pub async fn start(db: impl SqliteExecutor<'_>, r: &Started<'_>) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO credential_rotation (credential_id, old_fingerprint, old_hint, \
         new_fingerprint, new_hint, rotated_at, state, remind_revoke, new_expires_at, \
         new_expires_source) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id",
    )
    .bind(r.credential_id)
    .bind(r.old_fingerprint)
    .bind(r.old_hint)
    .bind(r.new_fingerprint)
    .bind(r.new_hint)
    .bind(r.at)
    .bind(r.remind_revoke)
    .bind(r.expires_at)
    .bind(r.expires_source.map(ExpirySource::as_str))
    .fetch_one(db)
    .await?;
    Ok(id)
}

/// Marks the rotation done; fails when it is no longer pending (another process settled it).
pub async fn mark_done(db: impl SqliteExecutor<'_>, id: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE credential_rotation SET state = 'done' WHERE id = ? AND state = 'pending'",
    )
    .bind(id)
    .execute(db)
    .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Database(
            "the rotation was settled meanwhile by another Keyledger process; look at the key \
             and rotate again if needed"
                .to_owned(),
        ));
    }
    Ok(())
}

pub async fn discard(db: impl SqliteExecutor<'_>, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM credential_rotation WHERE id = ? AND state = 'pending'")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Rotations still pending that started at or before `before` (younger ones may be in progress).
pub async fn unsettled(
    db: impl SqliteExecutor<'_>,
    before: DateTime<Utc>,
) -> Result<Vec<Unsettled>> {
    type Row = (
        i64,
        String,
        String,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, credential_id, new_fingerprint, rotated_at, new_expires_at, \
         new_expires_source FROM credential_rotation WHERE state = 'pending' AND rotated_at <= ? \
         ORDER BY id",
    )
    .bind(before)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, credential_id, new_fingerprint, rotated_at, expires_at, source)| Unsettled {
                id,
                credential_id,
                new_fingerprint,
                rotated_at,
                expires_at,
                expires_source: source.as_deref().and_then(ExpirySource::parse),
            },
        )
        .collect())
}

/// The finished rotations of one key, newest first.
pub async fn history(db: impl SqliteExecutor<'_>, credential_id: &str) -> Result<Vec<Rotation>> {
    Ok(sqlx::query_as(
        "SELECT id, credential_id, old_hint, new_hint, rotated_at, remind_revoke \
         FROM credential_rotation WHERE credential_id = ? AND state = 'done' \
         ORDER BY rotated_at DESC, id DESC",
    )
    .bind(credential_id)
    .fetch_all(db)
    .await?)
}

/// Whether `fingerprint` is a key some credential was rotated away from.
pub async fn rotated_away(
    db: impl SqliteExecutor<'_>,
    fingerprint: &str,
) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(sqlx::query_as(
        "SELECT c.label, r.rotated_at FROM credential_rotation r \
         JOIN credential c ON c.id = r.credential_id \
         WHERE r.old_fingerprint = ? AND r.state = 'done' ORDER BY r.rotated_at DESC LIMIT 1",
    )
    .bind(fingerprint)
    .fetch_optional(db)
    .await?)
}

/// Done rotations that asked for a reminder to revoke the old key.
pub async fn revoke_reminders(db: impl SqliteExecutor<'_>) -> Result<Vec<RevokeReminder>> {
    let rows: Vec<(String, String, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT r.credential_id, c.label, c.provider, r.old_hint, r.rotated_at \
         FROM credential_rotation r JOIN credential c ON c.id = r.credential_id \
         WHERE r.remind_revoke = 1 AND r.state = 'done' ORDER BY r.rotated_at",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(credential_id, label, provider, old_hint, rotated_at)| {
            Ok(RevokeReminder {
                credential_id,
                label,
                provider: provider.parse()?,
                old_hint,
                rotated_at,
            })
        })
        .collect()
}
