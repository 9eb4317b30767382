//! The `balance_snapshot` table: running totals as providers report them, one row per change.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};

use crate::snapshot::Snapshot;
use crate::Result;

#[derive(FromRow)]
struct Row {
    taken_at: DateTime<Utc>,
    currency: String,
    usage_micros: Option<i64>,
    day_usage_micros: Option<i64>,
    balance_micros: Option<i64>,
    limit_micros: Option<i64>,
    limit_remaining_micros: Option<i64>,
    limit_reset: Option<String>,
}

impl From<Row> for Snapshot {
    fn from(r: Row) -> Self {
        Snapshot {
            taken_at: r.taken_at,
            currency: r.currency,
            usage_micros: r.usage_micros,
            day_usage_micros: r.day_usage_micros,
            balance_micros: r.balance_micros,
            limit_micros: r.limit_micros,
            limit_remaining_micros: r.limit_remaining_micros,
            limit_reset: r.limit_reset,
        }
    }
}

const COLUMNS: &str = "taken_at, currency, usage_micros, day_usage_micros, balance_micros, \
    limit_micros, limit_remaining_micros, limit_reset";

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    source: &str,
    credential_id: &str,
    s: &Snapshot,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO balance_snapshot (source, credential_id, {COLUMNS}) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(source)
    .bind(credential_id)
    .bind(s.taken_at)
    .bind(&s.currency)
    .bind(s.usage_micros)
    .bind(s.day_usage_micros)
    .bind(s.balance_micros)
    .bind(s.limit_micros)
    .bind(s.limit_remaining_micros)
    .bind(&s.limit_reset)
    .execute(db)
    .await?;
    Ok(())
}

/// The newest snapshot of `source`.
pub async fn latest(db: impl SqliteExecutor<'_>, source: &str) -> Result<Option<Snapshot>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM balance_snapshot WHERE source = ? ORDER BY taken_at DESC, id DESC LIMIT 1"
    ))
    .bind(source)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Snapshot::from))
}

/// The snapshots of `source` taken at or after `from`, oldest first, preceded by the last one
/// taken before it (the anchor the first difference needs). The bool says whether that list
/// starts with the source's very first snapshot.
pub async fn since(
    db: impl SqliteExecutor<'_>,
    source: &str,
    from: DateTime<Utc>,
) -> Result<(Vec<Snapshot>, bool)> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM balance_snapshot WHERE source = ?1 AND id >= COALESCE(\
         (SELECT id FROM balance_snapshot WHERE source = ?1 AND taken_at < ?2 \
          ORDER BY taken_at DESC, id DESC LIMIT 1), 0) ORDER BY taken_at, id"
    ))
    .bind(source)
    .bind(from)
    .fetch_all(db)
    .await?;
    let starts_at_first = rows.first().map(|r| r.taken_at >= from).unwrap_or(true);
    Ok((
        rows.into_iter().map(Snapshot::from).collect(),
        starts_at_first,
    ))
}
