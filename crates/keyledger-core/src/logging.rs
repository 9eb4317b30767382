//! The log file shared by the CLI and the app: `<data dir>/keyledger.log`, never a secret in it.

use std::fs::OpenOptions;
use std::sync::Mutex;

use crate::config::Config;
use crate::{Error, Result};

/// Environment variable selecting the log level (error, warn, info, debug, trace; default info).
pub const LOG_LEVEL_ENV: &str = "KEYLEDGER_LOG";

/// Sends `tracing` events to the profile's log file, appending. Call once per process.
pub fn init(config: &Config, actor: &str) -> Result<()> {
    config.ensure_data_dir()?;
    let path = config.log_path();
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| Error::io(&path, &e))?;
    let level = std::env::var(LOG_LEVEL_ENV)
        .ok()
        .and_then(|v| v.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    // A second init in the same process (tests) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .with_target(false)
        .try_init();
    tracing::info!(actor, data_dir = %config.data_dir.display(), "keyledger started");
    Ok(())
}
