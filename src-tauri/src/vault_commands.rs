//! The IPC commands that move keys: rotation, .env import, encrypted backups and profiles. Each
//! parses its input, calls core, re-runs the rules where keys changed, and maps the error.

use keyledger_core::backup::{self, ExportReport, Passphrase, RestoreReport};
use keyledger_core::clock;
use keyledger_core::envfile::{self, LineReport};
use keyledger_core::profiles::{self, Profiles};
use keyledger_core::rotation::{RotateOptions, RotateOutcome};
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::rotations::Rotation;
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::paths::file_path;
use crate::{alerting, AppState};

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
    alerting::changed(&app).await;
    Ok(out)
}

#[tauri::command]
pub async fn rotation_history(state: State<'_, AppState>, id: String) -> IpcResult<Vec<Rotation>> {
    Ok(state.vault.rotations(&id).await?)
}

/// What importing the .env file would do, line by line (nothing is written).
#[tauri::command]
pub async fn env_preview(
    state: State<'_, AppState>,
    path: String,
    profile: Option<String>,
) -> IpcResult<Vec<LineReport>> {
    let path = file_path(&path)?;
    Ok(envfile::import(&state.vault, &path, profile.as_deref(), true, clock::now()).await?)
}

#[tauri::command]
pub async fn env_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    profile: Option<String>,
) -> IpcResult<Vec<LineReport>> {
    let path = file_path(&path)?;
    let reports =
        envfile::import(&state.vault, &path, profile.as_deref(), false, clock::now()).await?;
    alerting::changed(&app).await;
    Ok(reports)
}

/// After an import: replaces each stored key's line by a comment (`rewrite`) or deletes the
/// file (`delete`). Returns how many lines were replaced (0 for a delete).
#[tauri::command]
pub async fn env_cleanup(
    state: State<'_, AppState>,
    path: String,
    delete: bool,
) -> IpcResult<usize> {
    let path = file_path(&path)?;
    if delete {
        envfile::delete(&path)?;
        return Ok(0);
    }
    let stored = envfile::import(&state.vault, &path, None, true, clock::now()).await?;
    Ok(envfile::rewrite(&path, &stored)?)
}

#[tauri::command]
pub async fn backup_export(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    overwrite: bool,
) -> IpcResult<ExportReport> {
    let passphrase = Passphrase::new_for_export(&passphrase)?;
    let path = file_path(&path)?;
    Ok(backup::export(&state.vault, &passphrase, &path, overwrite, clock::now()).await?)
}

#[tauri::command]
pub async fn backup_restore<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> IpcResult<RestoreReport> {
    let passphrase = Passphrase::new_for_import(&passphrase)?;
    let path = file_path(&path)?;
    let report = backup::restore(&state.vault, &passphrase, &path, clock::now()).await?;
    alerting::changed(&app).await;
    Ok(report)
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
