//! Running the rules against the database: gathers the facts, stores what fires (once per
//! identity), wakes snoozed alerts, and says what is new — which the app turns into desktop
//! notifications, grouped when many come at once.

use chrono::{DateTime, Days, Utc};

use super::rules::{self, Facts, SPIKE_WINDOW};
use super::settings::load_settings;
use super::{status, Alert};
use crate::calendar::zone;
use crate::store::{alerts, credentials, rotations, spend, Store};
use crate::Result;

/// What one evaluation brought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Alerts that fired for the first time.
    pub fired: Vec<Alert>,
    /// Snoozed alerts whose snooze ended.
    pub woke: Vec<Alert>,
    /// Whether the user wants desktop notifications.
    pub notify: bool,
}

/// One desktop notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    /// The key to open the app on, when the notice is about one key.
    pub credential_id: Option<String>,
}

/// More new alerts than this at once make one grouped notification.
pub const GROUP_ABOVE: usize = 3;

impl Evaluation {
    /// The notifications for what this evaluation fired or woke.
    pub fn notices(&self) -> Vec<Notice> {
        let all: Vec<Alert> = self.fired.iter().chain(&self.woke).cloned().collect();
        notices_for(&all, self.notify)
    }
}

/// The alerts not yet shown as notifications (fired here or by another process), marked shown,
/// as the notifications to show.
pub async fn pending_notices(store: &Store, now: DateTime<Utc>) -> Result<Vec<Notice>> {
    let notify = load_settings(store).await?.notify;
    let mut db = store.pool().acquire().await?;
    let pending = alerts::take_unnotified(&mut db, now).await?;
    Ok(notices_for(&pending, notify))
}

/// One notification per alert, or one for all when there are many; none when the user turned
/// notifications off.
pub fn notices_for(alerts: &[Alert], notify: bool) -> Vec<Notice> {
    if !notify {
        return Vec::new();
    }
    if alerts.len() > GROUP_ABOVE {
        let mut lines: Vec<String> = alerts
            .iter()
            .take(GROUP_ABOVE)
            .map(|a| a.title.clone())
            .collect();
        lines.push(format!(
            "and {} more — open Keyledger to see them",
            alerts.len() - GROUP_ABOVE
        ));
        return vec![Notice {
            title: format!("{} new Keyledger alerts", alerts.len()),
            body: lines.join("\n"),
            credential_id: None,
        }];
    }
    alerts
        .iter()
        .map(|a| Notice {
            title: a.title.clone(),
            body: a.body.clone(),
            credential_id: a.credential_id.clone(),
        })
        .collect()
}

/// Runs every rule at `now` and stores what fires.
pub async fn evaluate(store: &Store, now: DateTime<Utc>) -> Result<Evaluation> {
    let pool = store.pool();
    let settings = load_settings(store).await?;
    let tz = zone(settings.time_zone.as_deref());
    let credentials = credentials::list(pool).await?;
    let budget_use = status::budget_uses(store, &credentials, now, tz).await?;
    let quotas = spend::quotas(pool).await?;
    let since = now.date_naive() - Days::new(SPIKE_WINDOW + 1);
    let spend = spend::by_key(pool, since).await?;
    let revoke = rotations::revoke_reminders(pool).await?;
    let plan = crate::plan::windows(store, now).await?;
    let firings = rules::fire(&Facts {
        now,
        tz,
        settings: &settings,
        credentials: &credentials,
        budgets: &budget_use,
        quotas: &quotas,
        spend: &spend,
        revoke: &revoke,
        plan: &plan,
    });

    let mut tx = pool.begin().await?;
    alerts::close_invalid(&mut tx, now).await?;
    let mut new_ids = Vec::new();
    for firing in &firings {
        if let Some(id) = alerts::insert_new(&mut tx, firing, now).await? {
            if !firing.superseded {
                alerts::supersede_looser(&mut tx, id, firing, now).await?;
                new_ids.push(id);
            }
        }
    }
    let woke = alerts::wake(&mut tx, now).await?;
    let mut fired = Vec::with_capacity(new_ids.len());
    for id in new_ids {
        fired.push(alerts::get(&mut *tx, id).await?);
    }
    tx.commit().await?;
    for a in &fired {
        tracing::info!(rule = a.rule.as_str(), scope = %a.scope, "alert fired: {}", a.title);
    }
    Ok(Evaluation {
        fired,
        woke,
        notify: settings.notify,
    })
}
