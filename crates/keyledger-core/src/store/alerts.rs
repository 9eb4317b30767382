//! The `alert` table: inserting a firing once per identity, listing, acknowledging, snoozing,
//! and closing a key's "rejected" alert once the key works again.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use crate::alerts::{Alert, Firing, Rule, Severity};
use crate::{Error, Result};

#[derive(FromRow)]
struct Row {
    id: i64,
    rule: String,
    scope: String,
    period: String,
    threshold: String,
    credential_id: Option<String>,
    severity: String,
    title: String,
    body: String,
    fired_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    snoozed_until: Option<DateTime<Utc>>,
}

impl TryFrom<Row> for Alert {
    type Error = Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Alert {
            rule: Rule::parse(&r.rule)
                .ok_or_else(|| Error::Database(format!("unknown alert rule '{}'", r.rule)))?,
            severity: Severity::parse(&r.severity),
            id: r.id,
            scope: r.scope,
            period: r.period,
            threshold: r.threshold,
            credential_id: r.credential_id,
            title: r.title,
            body: r.body,
            fired_at: r.fired_at,
            acknowledged_at: r.acknowledged_at,
            snoozed_until: r.snoozed_until,
        })
    }
}

const COLUMNS: &str = "id, rule, scope, period, threshold, credential_id, severity, title, body, \
                       fired_at, acknowledged_at, snoozed_until";

/// Stores `f` unless an alert of the same identity exists; returns the new alert's id. A
/// superseded firing is stored already acknowledged.
pub async fn insert_new(
    db: &mut SqliteConnection,
    f: &Firing,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let done = sqlx::query(
        "INSERT INTO alert (rule, scope, period, threshold, credential_id, severity, title, body, \
         fired_at, acknowledged_at, superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (rule, scope, period, threshold) DO NOTHING",
    )
    .bind(f.rule.as_str())
    .bind(&f.scope)
    .bind(&f.period)
    .bind(&f.threshold)
    .bind(&f.credential_id)
    .bind(f.severity.as_str())
    .bind(&f.title)
    .bind(&f.body)
    .bind(now)
    .bind(f.superseded.then_some(now))
    .bind(f.superseded)
    .execute(&mut *db)
    .await?;
    Ok((done.rows_affected() == 1).then(|| done.last_insert_rowid()))
}

/// A tighter threshold that fired acknowledges the looser ones of the same subject and period
/// (a budget's money and token thresholds are kept apart).
pub async fn supersede_looser(
    db: &mut SqliteConnection,
    id: i64,
    f: &Firing,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE alert SET acknowledged_at = ? WHERE rule = ? AND scope = ? AND period = ? \
         AND id <> ? AND acknowledged_at IS NULL AND (threshold LIKE '% tokens') = ?",
    )
    .bind(now)
    .bind(f.rule.as_str())
    .bind(&f.scope)
    .bind(&f.period)
    .bind(id)
    .bind(f.threshold.ends_with(" tokens"))
    .execute(db)
    .await?;
    Ok(())
}

/// Alerts newest first: only those asking for attention at `now`, or all that were ever shown.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    all: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Alert>> {
    let filter = if all {
        "superseded = 0"
    } else {
        "superseded = 0 AND acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)"
    };
    let query =
        format!("SELECT {COLUMNS} FROM alert WHERE {filter} ORDER BY fired_at DESC, id DESC");
    let mut q = sqlx::query_as::<_, Row>(&query);
    if !all {
        q = q.bind(now);
    }
    q.fetch_all(db)
        .await?
        .into_iter()
        .map(Alert::try_from)
        .collect()
}

pub async fn get(db: impl SqliteExecutor<'_>, id: i64) -> Result<Alert> {
    sqlx::query_as::<_, Row>(&format!("SELECT {COLUMNS} FROM alert WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| {
            Error::Missing(format!(
                "there is no alert {id}; `keyledger alerts --all` shows the ids"
            ))
        })?
        .try_into()
}

/// Marks an alert seen: it leaves the active list and does not come back.
pub async fn acknowledge(db: &mut SqliteConnection, id: i64, now: DateTime<Utc>) -> Result<Alert> {
    let done = sqlx::query("UPDATE alert SET acknowledged_at = COALESCE(acknowledged_at, ?), snoozed_until = NULL WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(&mut *db)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Missing(format!(
            "there is no alert {id}; `keyledger alerts --all` shows the ids"
        )));
    }
    get(&mut *db, id).await
}

/// Hides an alert until `until`; it then asks for attention (and notifies) again.
pub async fn snooze(db: &mut SqliteConnection, id: i64, until: DateTime<Utc>) -> Result<Alert> {
    let done =
        sqlx::query("UPDATE alert SET snoozed_until = ? WHERE id = ? AND acknowledged_at IS NULL")
            .bind(until)
            .bind(id)
            .execute(&mut *db)
            .await?;
    if done.rows_affected() == 0 {
        let alert = get(&mut *db, id).await?;
        return Err(Error::invalid(format!(
            "alert {} was already acknowledged; there is nothing to snooze",
            alert.id
        )));
    }
    get(&mut *db, id).await
}

/// Snoozed alerts whose snooze ended by `now`: the snooze is cleared and they are returned, to
/// be notified again.
pub async fn wake(db: &mut SqliteConnection, now: DateTime<Utc>) -> Result<Vec<Alert>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "UPDATE alert SET snoozed_until = NULL, notified_at = NULL WHERE acknowledged_at IS NULL \
         AND snoozed_until IS NOT NULL AND snoozed_until <= ? RETURNING {COLUMNS}"
    ))
    .bind(now)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Alert::try_from).collect()
}

/// The alerts asking for attention that no desktop notification has shown yet — whichever
/// process fired them (the app, or `keyledger poll` from a timer) — marked shown.
pub async fn take_unnotified(db: &mut SqliteConnection, now: DateTime<Utc>) -> Result<Vec<Alert>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "UPDATE alert SET notified_at = ?1 WHERE notified_at IS NULL AND superseded = 0 \
         AND acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?1) \
         RETURNING {COLUMNS}"
    ))
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut alerts = rows
        .into_iter()
        .map(Alert::try_from)
        .collect::<Result<Vec<_>>>()?;
    alerts.sort_by_key(|a| a.id);
    Ok(alerts)
}

/// Keys that work again close their open "rejected" alerts (kept in the history under the time
/// they fired), so a later rejection fires anew.
pub async fn close_invalid(db: &mut SqliteConnection, now: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE alert SET period = fired_at, acknowledged_at = COALESCE(acknowledged_at, ?) \
         WHERE rule = 'invalid' AND period = 'open' \
         AND scope NOT IN (SELECT id FROM credential WHERE status = 'invalid')",
    )
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A key got a new secret: its open rotation and expiry alerts were about the old one, so they
/// are closed (kept in the history).
pub async fn close_for_new_secret(
    db: impl SqliteExecutor<'_>,
    credential_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE alert SET acknowledged_at = ? WHERE credential_id = ? \
         AND rule IN ('rotation', 'expiry') AND acknowledged_at IS NULL",
    )
    .bind(now)
    .bind(credential_id)
    .execute(db)
    .await?;
    Ok(())
}
