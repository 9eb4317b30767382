//! The IPC commands that move keys in and out: .env import and cleanup, encrypted backups.

use keyledger_core::backup::{self, ExportReport, Passphrase, RestoreReport};
use keyledger_core::clock;
use keyledger_core::envfile::{self, LineReport};
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::paths::file_path;
use crate::{changes, AppState};

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
    changes::alerts_changed(&app).await;
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
    changes::alerts_changed(&app).await;
    Ok(report)
}
