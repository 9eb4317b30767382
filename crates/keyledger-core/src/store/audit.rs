//! The `audit_event` table: append and read the audit trail.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};

use crate::audit::{Action, Actor, AuditEvent};
use crate::Result;

#[derive(FromRow)]
struct Row {
    id: i64,
    at: DateTime<Utc>,
    action: String,
    credential_id: Option<String>,
    label: String,
    outcome: String,
    actor: String,
    detail: Option<String>,
}

/// What to write into one audit line.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub at: DateTime<Utc>,
    pub action: Action,
    pub credential_id: Option<&'a str>,
    pub label: &'a str,
    pub outcome: &'a str,
    pub actor: Actor,
    pub detail: Option<&'a str>,
}

pub async fn record(db: impl SqliteExecutor<'_>, e: Entry<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_event (at, action, credential_id, label, outcome, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.at)
    .bind(e.action.as_str())
    .bind(e.credential_id)
    .bind(e.label)
    .bind(e.outcome)
    .bind(e.actor.as_str())
    .bind(e.detail)
    .execute(db)
    .await?;
    Ok(())
}

/// The newest `limit` events, newest first.
pub async fn recent(db: impl SqliteExecutor<'_>, limit: i64) -> Result<Vec<AuditEvent>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, at, action, credential_id, label, outcome, actor, detail FROM audit_event ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEvent {
            id: r.id,
            at: r.at,
            action: r.action,
            credential_id: r.credential_id,
            label: r.label,
            outcome: r.outcome,
            actor: r.actor,
            detail: r.detail,
        })
        .collect())
}
