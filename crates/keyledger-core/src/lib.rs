//! Keyledger's core: the credential model, the keychain vault, and the SQLite store.
//! Nothing here knows about windows; the CLI and the desktop app are thin shells over it.

pub mod about;
pub mod agent_logs;
pub mod alerts;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod calendar;
pub mod chart;
pub mod clock;
pub mod config;
pub mod crashpoint;
pub mod credential;
pub mod detect;
pub mod envfile;
pub mod error;
pub mod files;
#[cfg(test)]
mod fuzz;
pub mod gateway;
pub mod keychain;
pub mod ledger;
pub mod limits;
pub mod logging;
pub mod plan;
pub mod poll;
pub mod pricing;
pub mod profiles;
pub mod providers;
pub mod reported;
pub mod rotation;
pub mod run;
pub mod secret;
pub mod snapshot;
pub mod spend;
pub mod store;
pub mod text;
pub mod token;
pub mod usage;
pub mod vault;

pub use error::{Error, ErrorPayload, Result};
