//! The IPC commands of the keys: list, detect, add, reveal (the one that returns a secret),
//! copy, delete, check, rotate, profiles and the audit log.

use keyledger_core::audit::AuditEvent;
use keyledger_core::clock;
use keyledger_core::credential::{Credential, NewCredential};
use keyledger_core::detect::{detect, Detection};
use keyledger_core::profiles::{self, Profiles};
use keyledger_core::providers::check::CheckOutcome;
use keyledger_core::rotation::{RotateOptions, RotateOutcome};
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::rotations::Rotation;
use keyledger_core::vault::ReconcileReport;
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::{changes, clipboard, AppState};

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
    changes::usage_changed(&app).await;
    Ok(outcome)
}

/// Replaces a key's secret in place with the one typed into the form.
#[tauri::command]
pub async fn rotate_credential<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    secret: String,
    options: RotateOptions,
) -> IpcResult<RotateOutcome> {
    let secret = ApiSecret::parse(&secret)?;
    let out = state
        .vault
        .rotate(&id, secret, &options, clock::now())
        .await?;
    changes::alerts_changed(&app).await;
    Ok(out)
}

#[tauri::command]
pub async fn rotation_history(state: State<'_, AppState>, id: String) -> IpcResult<Vec<Rotation>> {
    Ok(state.vault.rotations(&id).await?)
}

#[tauri::command]
pub async fn profile_list(state: State<'_, AppState>) -> IpcResult<Profiles> {
    Ok(profiles::list(state.vault.store()).await?)
}

/// Sets the default profile, or clears it with `null`.
#[tauri::command]
pub async fn profile_set_default(
    state: State<'_, AppState>,
    name: Option<String>,
) -> IpcResult<Profiles> {
    Ok(profiles::set_default(state.vault.store(), name.as_deref(), clock::now()).await?)
}
