//! The `budget` table: one budget per scope and period; setting it again replaces it.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};

use crate::alerts::budget::ValidBudget;
use crate::alerts::{Budget, BudgetPeriod};
use crate::pricing::money::micros_to_usd_string;
use crate::{Error, Result};

#[derive(FromRow)]
struct Row {
    id: String,
    scope: String,
    period: String,
    amount_micros: Option<i64>,
    token_quota: Option<i64>,
    thresholds: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<Row> for Budget {
    type Error = Error;
    fn try_from(r: Row) -> Result<Self> {
        let thresholds = r
            .thresholds
            .split(',')
            .map(|t| t.trim().parse::<u32>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::Database(format!("budget {} thresholds: {e}", r.id)))?;
        Ok(Budget {
            scope: r.scope.parse()?,
            period: r.period.parse::<BudgetPeriod>()?,
            amount_usd: r.amount_micros.map(micros_to_usd_string),
            amount_micros: r.amount_micros,
            token_quota: r.token_quota,
            thresholds,
            created_at: r.created_at,
            id: r.id,
        })
    }
}

const COLUMNS: &str = "id, scope, period, amount_micros, token_quota, thresholds, created_at";

/// Stores `b`, replacing the budget of the same scope and period. Changed limits give it a new
/// id, so its thresholds can fire again this period against the new limits.
pub async fn upsert(
    db: impl SqliteExecutor<'_>,
    id: &str,
    b: &ValidBudget,
    now: DateTime<Utc>,
) -> Result<Budget> {
    let thresholds: Vec<String> = b.thresholds.iter().map(u32::to_string).collect();
    let row: Row = sqlx::query_as(&format!(
        "INSERT INTO budget ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (scope, period) DO UPDATE SET \
         id = CASE WHEN budget.amount_micros IS excluded.amount_micros \
           AND budget.token_quota IS excluded.token_quota \
           AND budget.thresholds = excluded.thresholds THEN budget.id ELSE excluded.id END, \
         amount_micros = excluded.amount_micros, \
         token_quota = excluded.token_quota, thresholds = excluded.thresholds \
         RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(b.scope.key())
    .bind(b.period.as_str())
    .bind(b.amount_micros)
    .bind(b.token_quota)
    .bind(thresholds.join(","))
    .bind(now)
    .fetch_one(db)
    .await?;
    row.try_into()
}

pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<Budget>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM budget ORDER BY scope, period"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Budget::try_from).collect()
}

/// Removes the budget whose id is or starts with `id`; says so when none or several match.
pub async fn remove(db: &mut sqlx::SqliteConnection, id: &str) -> Result<Budget> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::invalid(
            "give the budget's id; `keyledger budget list` shows them",
        ));
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM budget WHERE id = ? OR id LIKE ? || '%'"
    ))
    .bind(id)
    .bind(id.replace(['%', '_'], ""))
    .fetch_all(&mut *db)
    .await?;
    let budget: Budget = match rows.len() {
        0 => {
            return Err(Error::Missing(format!(
                "no budget matches '{id}'; `keyledger budget list` shows the ids"
            )))
        }
        1 => rows
            .into_iter()
            .next()
            .map(Budget::try_from)
            .transpose()?
            .ok_or_else(|| {
                Error::Missing(format!(
                    "no budget matches '{id}'; `keyledger budget list` shows the ids"
                ))
            })?,
        n => {
            return Err(Error::invalid(format!(
                "{n} budgets start with '{id}'; give more of the id"
            )))
        }
    };
    sqlx::query("DELETE FROM budget WHERE id = ?")
        .bind(&budget.id)
        .execute(&mut *db)
        .await?;
    Ok(budget)
}
