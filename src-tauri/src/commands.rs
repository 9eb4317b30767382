//! The IPC commands: each parses its input, calls core, and maps the error. Nothing else.

use keyledger_core::audit::AuditEvent;
use keyledger_core::clock;
use keyledger_core::credential::parse_date;
use keyledger_core::credential::{Credential, NewCredential};
use keyledger_core::detect::{detect, Detection};
use keyledger_core::ledger::Ledger;
use keyledger_core::poll::SourceOutcome;
use keyledger_core::pricing::{ModelPrice, PriceInput};
use keyledger_core::providers::check::CheckOutcome;
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::poll_state::{self, PollState};
use keyledger_core::usage::{DayRange, GroupBy, UsageReport};
use keyledger_core::vault::ReconcileReport;
use keyledger_core::Error;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use crate::error::IpcResult;
use crate::{alerting, clipboard, polling, AppState};

#[tauri::command]
pub async fn list_credentials(state: State<'_, AppState>) -> IpcResult<Vec<Credential>> {
    Ok(state.vault.list().await?)
}

#[tauri::command]
pub fn detect_key(secret: String) -> Detection {
    detect(&secret)
}

#[tauri::command]
pub async fn add_credential(
    state: State<'_, AppState>,
    secret: String,
    input: NewCredential,
) -> IpcResult<Credential> {
    let secret = ApiSecret::parse(&secret)?;
    Ok(state.vault.add(input, secret, clock::now()).await?)
}

/// The one command that returns a secret: explicit, and audited by the vault.
#[tauri::command]
pub async fn reveal_secret(state: State<'_, AppState>, id: String) -> IpcResult<String> {
    let (_, secret) = state.vault.reveal(&id, clock::now()).await?;
    Ok(secret.expose().to_owned())
}

/// Copies in Rust so the secret never enters the web view; cleared after 30 s if unchanged.
#[tauri::command]
pub async fn copy_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> IpcResult<()> {
    let (_, secret) = state.vault.secret_for_copy(&id, clock::now()).await?;
    Ok(clipboard::copy_then_clear(&app, secret)?)
}

#[tauri::command]
pub async fn delete_credential(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.vault.delete(&id, clock::now()).await?;
    Ok(())
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: i64) -> IpcResult<Vec<AuditEvent>> {
    Ok(state.vault.audit(limit.clamp(1, 1000)).await?)
}

#[tauri::command]
pub async fn reconcile(state: State<'_, AppState>) -> IpcResult<ReconcileReport> {
    Ok(state.vault.reconcile(clock::now()).await?)
}

/// Asks the provider about a key, then runs the alert rules (a rejected key alerts).
#[tauri::command]
pub async fn check_credential<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> IpcResult<CheckOutcome> {
    let outcome = state.vault.check(&id, &state.checker, clock::now()).await?;
    alerting::run(&app).await;
    Ok(outcome)
}

/// One pass over every usage source now; progress arrives as `poll-progress` events.
#[tauri::command]
pub async fn poll_now<R: Runtime>(app: AppHandle<R>) -> IpcResult<Vec<SourceOutcome>> {
    Ok(polling::pass(&app).await?)
}

#[tauri::command]
pub async fn poll_status(state: State<'_, AppState>) -> IpcResult<Vec<PollState>> {
    Ok(poll_state::all(state.vault.store().pool()).await?)
}

#[tauri::command]
pub async fn usage_report(
    state: State<'_, AppState>,
    from: String,
    to: String,
    by: GroupBy,
) -> IpcResult<UsageReport> {
    let range = DayRange {
        from: parse_date(&from)?,
        to: parse_date(&to)?,
    };
    Ok(ledger(&state).report(range, by).await?)
}

/// Every known price: the vendored table with the user's overrides on top.
#[tauri::command]
pub async fn price_list(state: State<'_, AppState>) -> IpcResult<Vec<ModelPrice>> {
    Ok(ledger(&state).prices().await?.all())
}

/// Sets the user's price of a model; returns how many usage buckets were re-priced.
#[tauri::command]
pub async fn price_set(state: State<'_, AppState>, input: PriceInput) -> IpcResult<u64> {
    let price = input.parse()?;
    Ok(ledger(&state).set_price(price, clock::now()).await?)
}

/// Removes the user's price of a model; returns how many usage buckets were re-priced.
#[tauri::command]
pub async fn price_unset(state: State<'_, AppState>, model: String) -> IpcResult<u64> {
    Ok(ledger(&state).unset_price(&model).await?)
}

/// Whether Keyledger starts when the user logs in.
#[tauri::command]
pub fn start_at_login<R: Runtime>(app: AppHandle<R>) -> IpcResult<bool> {
    app.autolaunch()
        .is_enabled()
        .map_err(|e| login_items(e).into())
}

#[tauri::command]
pub fn set_start_at_login<R: Runtime>(app: AppHandle<R>, enabled: bool) -> IpcResult<bool> {
    let manager = app.autolaunch();
    let done = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(login_items)?;
    start_at_login(app)
}

fn login_items(e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: "the login items (~/.config/autostart)".to_owned(),
        reason: e.to_string(),
    }
}

/// Ends Keyledger (closing the window only hides it).
#[tauri::command]
pub fn quit<R: Runtime>(app: AppHandle<R>) {
    app.exit(0);
}

fn ledger(state: &AppState) -> Ledger {
    Ledger::new(state.vault.store().clone())
}
