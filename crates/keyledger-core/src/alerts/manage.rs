//! What the CLI and the app do to budgets and alerts: set or remove a budget, acknowledge or
//! snooze an alert — each checked, in one place.

use chrono::{DateTime, Duration, Utc};

use super::settings::{load_settings, save_settings};
use super::{Alert, Budget, NewBudget, Rule};
use crate::store::{alerts, budgets, Store};
use crate::{Error, Result};

/// Sets the budget of a scope and period (replacing one already set for them).
pub async fn set_budget(store: &Store, new: &NewBudget, now: DateTime<Utc>) -> Result<Budget> {
    let settings = load_settings(store).await?;
    let mut valid = new.validate(&settings.budget_thresholds)?;
    // A key may be named by the first characters of its id, as everywhere else.
    if let super::BudgetScope::Credential(id) = &valid.scope {
        let found = crate::store::credentials::find_by_id_prefix(store.pool(), id).await?;
        valid.scope = match found.as_slice() {
            [key] => super::BudgetScope::Credential(key.id.clone()),
            [] => return Err(Error::NotFound(id.clone())),
            _ => {
                return Err(Error::invalid(format!(
                    "several keys start with '{id}'; give more of the id"
                )))
            }
        };
    }
    budgets::upsert(store.pool(), &new_id(), &valid, now).await
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// Removes the budget whose id is (or starts with) `id`.
pub async fn remove_budget(store: &Store, id: &str) -> Result<Budget> {
    let mut db = store.pool().acquire().await?;
    budgets::remove(&mut db, id).await
}

pub async fn acknowledge(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Alert> {
    let mut db = store.pool().acquire().await?;
    alerts::acknowledge(&mut db, id, now).await
}

/// Hides an alert for `hours` (1 hour to 30 days); it then asks for attention again.
pub async fn snooze(store: &Store, id: i64, hours: i64, now: DateTime<Utc>) -> Result<Alert> {
    if !(1..=24 * 30).contains(&hours) {
        return Err(Error::invalid("snooze for 1 hour to 30 days (720 hours)"));
    }
    let mut db = store.pool().acquire().await?;
    alerts::snooze(&mut db, id, now + Duration::hours(hours)).await
}

/// Turns the rotation reminder off for the key a rotation alert is about, and acknowledges the
/// alert. The alert rules' settings can turn it back on.
pub async fn rotation_reminder_off(store: &Store, id: i64, now: DateTime<Utc>) -> Result<Alert> {
    let alert = alerts::get(store.pool(), id).await?;
    let (Rule::Rotation, Some(key)) = (alert.rule, alert.credential_id.clone()) else {
        return Err(Error::invalid(format!(
            "alert {id} is not a rotation reminder; only those can be turned off per key"
        )));
    };
    let mut settings = load_settings(store).await?;
    if !settings.rotation_off.contains(&key) {
        settings.rotation_off.push(key);
        save_settings(store, settings, now).await?;
    }
    acknowledge(store, id, now).await
}
