//! The IPC commands, one module per domain: each parses its input, calls core, tells the window
//! and the tray what changed (through `crate::changes`), and maps the error. Nothing else.

pub mod agent_logs;
pub mod alerts;
pub mod app;
pub mod backup;
pub mod charts;
pub mod gateway;
pub mod keys;
pub mod plan;
pub mod prices;
pub mod usage;

use keyledger_core::ledger::Ledger;

use crate::AppState;

pub(crate) fn ledger(state: &AppState) -> Ledger {
    Ledger::new(state.vault.store().clone())
}
