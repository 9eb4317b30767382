//! The IPC commands of usage: poll now, the sources' states, and the usage report.

use keyledger_core::credential::parse_date;
use keyledger_core::poll::SourceOutcome;
use keyledger_core::store::poll_state::{self, PollState};
use keyledger_core::usage::{DayRange, GroupBy, UsageReport};
use tauri::{AppHandle, Runtime, State};

use super::ledger;
use crate::error::IpcResult;
use crate::{polling, AppState};

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
