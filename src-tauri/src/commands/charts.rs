//! The IPC commands of the dashboard: its cards, sparklines, the charts (data and SVG drawn in
//! Rust) and their exports. Each reads the user's time zone, calls core, and maps the error.

use keyledger_core::alerts::settings::user_zone as tz;
use keyledger_core::chart::data::{chart_data, month_to_date, ChartSpec};
use keyledger_core::chart::export::export;
use keyledger_core::chart::render::Look;
use keyledger_core::chart::summary::{sparklines, summary, Sparkline, Summary};
use keyledger_core::chart::view::{BarsView, MonthView};
use keyledger_core::clock;
use tauri::State;

use crate::error::IpcResult;
use crate::paths::file_path;
use crate::AppState;

#[tauri::command]
pub async fn dashboard_summary(state: State<'_, AppState>) -> IpcResult<Summary> {
    let store = state.vault.store();
    Ok(summary(store, clock::now(), tz(store).await?).await?)
}

/// Each key's spend over the last 30 days, for the key list.
#[tauri::command]
pub async fn key_sparklines(state: State<'_, AppState>) -> IpcResult<Vec<Sparkline>> {
    let store = state.vault.store();
    Ok(sparklines(store, clock::now(), tz(store).await?, 30).await?)
}

#[tauri::command]
pub async fn chart_view(
    state: State<'_, AppState>,
    spec: ChartSpec,
    look: Look,
) -> IpcResult<BarsView> {
    let store = state.vault.store();
    let data = chart_data(store, &spec, clock::now(), tz(store).await?).await?;
    Ok(BarsView::draw(data, &look)?)
}

#[tauri::command]
pub async fn month_view(state: State<'_, AppState>, look: Look) -> IpcResult<MonthView> {
    let store = state.vault.store();
    let data = month_to_date(store, clock::now(), tz(store).await?).await?;
    Ok(MonthView::draw(data, &look)?)
}

/// Writes the chart (`spec`, or the month so far when `null`) to `path`: .svg, .png or .csv.
#[tauri::command]
pub async fn chart_export(
    state: State<'_, AppState>,
    path: String,
    spec: Option<ChartSpec>,
    look: Look,
    overwrite: bool,
) -> IpcResult<String> {
    let store = state.vault.store();
    let path = file_path(&path)?;
    let now = clock::now();
    Ok(export(
        store,
        spec.as_ref(),
        &look,
        &path,
        overwrite,
        now,
        tz(store).await?,
    )
    .await?)
}
