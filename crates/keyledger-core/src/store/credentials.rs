//! The `credential` table: metadata only, never the secret.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};

use crate::credential::{Credential, ExpirySource, Status};
use crate::{Error, Result};

#[derive(FromRow)]
struct Row {
    id: String,
    provider: String,
    kind: String,
    label: String,
    profile: String,
    base_url: Option<String>,
    fingerprint: String,
    hint: String,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    expires_source: Option<String>,
    token_issuer: Option<String>,
    token_scope: Option<String>,
    status: String,
    last_checked_at: Option<DateTime<Utc>>,
    notes: String,
    rotated_at: Option<DateTime<Utc>>,
}

impl TryFrom<Row> for Credential {
    type Error = Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Credential {
            provider: r.provider.parse()?,
            kind: r.kind.parse()?,
            expires_source: r.expires_source.as_deref().map(parse_source).transpose()?,
            status: parse_status(&r.status)?,
            id: r.id,
            label: r.label,
            profile: r.profile,
            base_url: r.base_url,
            fingerprint: r.fingerprint,
            hint: r.hint,
            created_at: r.created_at,
            expires_at: r.expires_at,
            token_issuer: r.token_issuer,
            token_scope: r.token_scope,
            last_checked_at: r.last_checked_at,
            notes: r.notes,
            rotated_at: r.rotated_at,
        })
    }
}

fn parse_source(s: &str) -> Result<ExpirySource> {
    ExpirySource::parse(s).ok_or_else(|| Error::Database(format!("unknown expiry source '{s}'")))
}

fn parse_status(s: &str) -> Result<Status> {
    [
        Status::Pending,
        Status::Unknown,
        Status::Valid,
        Status::Invalid,
        Status::SecretMissing,
    ]
    .into_iter()
    .find(|st| st.as_str() == s)
    .ok_or_else(|| Error::Database(format!("unknown status '{s}'")))
}

const COLUMNS: &str =
    "id, provider, kind, label, profile, base_url, fingerprint, hint, created_at, \
    expires_at, expires_source, token_issuer, token_scope, status, last_checked_at, notes, rotated_at";

pub async fn insert(db: impl SqliteExecutor<'_>, c: &Credential) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO credential ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(&c.id)
    .bind(c.provider.as_str())
    .bind(c.kind.as_str())
    .bind(&c.label)
    .bind(&c.profile)
    .bind(&c.base_url)
    .bind(&c.fingerprint)
    .bind(&c.hint)
    .bind(c.created_at)
    .bind(c.expires_at)
    .bind(c.expires_source.map(ExpirySource::as_str))
    .bind(&c.token_issuer)
    .bind(&c.token_scope)
    .bind(c.status.as_str())
    .bind(c.last_checked_at)
    .bind(&c.notes)
    .bind(c.rotated_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Every credential that is not still being added, newest first.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<Credential>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM credential WHERE status <> 'pending' ORDER BY created_at DESC, id"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Credential::try_from).collect()
}

/// Rows left `pending` by an add that did not finish (a crash between keychain and DB).
pub async fn list_pending(db: impl SqliteExecutor<'_>) -> Result<Vec<Credential>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM credential WHERE status = 'pending'"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Credential::try_from).collect()
}

/// Credentials whose id starts with `prefix` (an exact id matches only itself).
pub async fn find_by_id_prefix(
    db: impl SqliteExecutor<'_>,
    prefix: &str,
) -> Result<Vec<Credential>> {
    let pattern = format!("{}%", prefix.replace(['%', '_'], ""));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM credential WHERE status <> 'pending' AND id LIKE ? ORDER BY id LIMIT 10"
    ))
    .bind(pattern)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Credential::try_from).collect()
}

pub async fn find_by_fingerprint(
    db: impl SqliteExecutor<'_>,
    fingerprint: &str,
) -> Result<Option<Credential>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM credential WHERE status <> 'pending' AND fingerprint = ? LIMIT 1"
    ))
    .bind(fingerprint)
    .fetch_optional(db)
    .await?;
    row.map(Credential::try_from).transpose()
}

pub async fn set_status(db: impl SqliteExecutor<'_>, id: &str, status: Status) -> Result<()> {
    sqlx::query("UPDATE credential SET status = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Makes a `pending` row usable; fails when the row is gone (another process settled the add
/// as interrupted), so the caller undoes its keychain write.
pub async fn activate(db: impl SqliteExecutor<'_>, id: &str) -> Result<()> {
    let done = sqlx::query("UPDATE credential SET status = 'unknown' WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Database(
            "the key's row was removed meanwhile by another Keyledger process; add it again"
                .to_owned(),
        ));
    }
    Ok(())
}

/// Records the outcome of a validity check.
pub async fn set_checked(
    db: impl SqliteExecutor<'_>,
    id: &str,
    status: Status,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("UPDATE credential SET status = ?, last_checked_at = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(at)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Sets the expiry a provider reports; returns whether it changed.
pub async fn set_provider_expiry(
    db: impl SqliteExecutor<'_>,
    id: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE credential SET expires_at = ?1, expires_source = 'provider' \
         WHERE id = ?2 AND (expires_at IS NOT ?1 OR expires_source IS NOT 'provider')",
    )
    .bind(expires_at)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn delete(db: impl SqliteExecutor<'_>, id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM credential WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Every row, pending ones included (for integrity checks).
pub async fn count_all(db: impl SqliteExecutor<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM credential")
        .fetch_one(db)
        .await?)
}

/// The new secret's facts after a rotation: fingerprint, hint, expiry and token claims; the key
/// is unchecked again and its age restarts.
#[derive(Debug, Clone)]
pub struct NewSecret<'a> {
    pub fingerprint: &'a str,
    pub hint: &'a str,
    pub rotated_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub expires_source: Option<ExpirySource>,
    pub token_issuer: Option<&'a str>,
    pub token_scope: Option<&'a str>,
}

pub async fn set_rotated(db: impl SqliteExecutor<'_>, id: &str, s: &NewSecret<'_>) -> Result<()> {
    sqlx::query(
        "UPDATE credential SET fingerprint = ?, hint = ?, rotated_at = ?, expires_at = ?, \
         expires_source = ?, token_issuer = ?, token_scope = ?, status = 'unknown', \
         last_checked_at = NULL WHERE id = ?",
    )
    .bind(s.fingerprint)
    .bind(s.hint)
    .bind(s.rotated_at)
    .bind(s.expires_at)
    .bind(s.expires_source.map(ExpirySource::as_str))
    .bind(s.token_issuer)
    .bind(s.token_scope)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
