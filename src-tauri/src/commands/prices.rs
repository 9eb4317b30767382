//! The IPC commands of prices: the table with the user's own prices on top, set and unset.

use keyledger_core::clock;
use keyledger_core::pricing::{ModelPrice, PriceInput};
use tauri::State;

use super::ledger;
use crate::error::IpcResult;
use crate::AppState;

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
