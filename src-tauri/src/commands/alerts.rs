//! The IPC commands of the alert centre, budgets and alert settings: each parses its input,
//! calls core, re-runs the rules where the change can fire something, and maps the error.

use keyledger_core::alerts::settings::{load_settings, save_settings};
use keyledger_core::alerts::{
    budget_status, manage, Alert, AlertSettings, Budget, BudgetStatus, NewBudget,
};
use keyledger_core::clock;
use keyledger_core::store::alerts;
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::{changes, AppState};

/// Alerts newest first: those asking for attention, or every one ever shown.
#[tauri::command]
pub async fn alert_list(state: State<'_, AppState>, all: bool) -> IpcResult<Vec<Alert>> {
    Ok(alerts::list(state.vault.store().pool(), all, clock::now()).await?)
}

#[tauri::command]
pub async fn alert_ack<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> IpcResult<Alert> {
    let alert = manage::acknowledge(state.vault.store(), id, clock::now()).await?;
    changes::alerts_changed(&app).await;
    Ok(alert)
}

#[tauri::command]
pub async fn alert_snooze<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    hours: i64,
) -> IpcResult<Alert> {
    let alert = manage::snooze(state.vault.store(), id, hours, clock::now()).await?;
    changes::alerts_changed(&app).await;
    Ok(alert)
}

/// No more rotation reminders for the key of this (rotation) alert; acknowledges it.
#[tauri::command]
pub async fn alert_rotation_off<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> IpcResult<Alert> {
    let alert = manage::rotation_reminder_off(state.vault.store(), id, clock::now()).await?;
    changes::alerts_changed(&app).await;
    Ok(alert)
}

/// Every budget with what was spent in its current period.
#[tauri::command]
pub async fn budget_list(state: State<'_, AppState>) -> IpcResult<Vec<BudgetStatus>> {
    Ok(budget_status(state.vault.store(), clock::now()).await?)
}

/// Sets the budget of a scope and period, then runs the rules (it may be crossed already).
#[tauri::command]
pub async fn budget_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: NewBudget,
) -> IpcResult<Budget> {
    let budget = manage::set_budget(state.vault.store(), &input, clock::now()).await?;
    changes::usage_changed(&app).await;
    Ok(budget)
}

#[tauri::command]
pub async fn budget_remove(state: State<'_, AppState>, id: String) -> IpcResult<Budget> {
    Ok(manage::remove_budget(state.vault.store(), &id).await?)
}

#[tauri::command]
pub async fn alert_settings(state: State<'_, AppState>) -> IpcResult<AlertSettings> {
    Ok(load_settings(state.vault.store()).await?)
}

/// Stores the alert settings (checked), then runs the rules under them.
#[tauri::command]
pub async fn alert_settings_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: AlertSettings,
) -> IpcResult<AlertSettings> {
    let saved = save_settings(state.vault.store(), settings, clock::now()).await?;
    changes::usage_changed(&app).await;
    Ok(saved)
}
