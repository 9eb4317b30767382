//! Where Keyledger keeps its data and which keychain service it uses, shared by the CLI and the app.

use std::path::PathBuf;

use crate::{Error, Result};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "KEYLEDGER_DATA_DIR";
/// Environment variable that overrides the keychain service name.
pub const KEYRING_SERVICE_ENV: &str = "KEYLEDGER_KEYRING_SERVICE";
/// The keychain service name used when nothing overrides it.
pub const DEFAULT_KEYRING_SERVICE: &str = "keyledger";
/// The database file name inside the data directory.
pub const DB_FILE: &str = "keyledger.db";

/// The resolved locations of one Keyledger profile.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub keyring_service: String,
}

impl Config {
    /// Resolves the data directory (`explicit`, then `KEYLEDGER_DATA_DIR`, then the OS data
    /// directory) and the keychain service (`KEYLEDGER_KEYRING_SERVICE`, then `keyledger`).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self> {
        let data_dir = match explicit.or_else(|| non_empty_env(DATA_DIR_ENV).map(PathBuf::from)) {
            Some(dir) => dir,
            None => dirs::data_dir()
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "cannot find the user data directory; set {DATA_DIR_ENV} or pass --data-dir"
                    ))
                })?
                .join("keyledger"),
        };
        let keyring_service = non_empty_env(KEYRING_SERVICE_ENV)
            .unwrap_or_else(|| DEFAULT_KEYRING_SERVICE.to_owned());
        Ok(Config {
            data_dir,
            keyring_service,
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn log_path(&self) -> PathBuf {
        self.data_dir.join("keyledger.log")
    }

    /// Creates the data directory (owner-only on Unix) if it is missing.
    pub fn ensure_data_dir(&self) -> Result<()> {
        std::fs::create_dir_all(&self.data_dir).map_err(|e| Error::io(&self.data_dir, &e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.data_dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(&self.data_dir, &e))?;
        }
        Ok(())
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
