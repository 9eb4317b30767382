//! The one error type of Keyledger, with stable codes that cross IPC and the CLI unchanged.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every failure a user can meet. Messages say what to do next and never carry a secret.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    InvalidInput(String),
    #[error("no credential matches '{0}'; `keyledger list` shows the ids")]
    NotFound(String),
    /// Something other than a credential is not there; the sentence says what and where to look.
    #[error("{0}")]
    Missing(String),
    #[error("'{0}' matches several credentials; type more characters of the id")]
    AmbiguousId(String),
    #[error("This key is already stored as \"{label}\".")]
    Duplicate { id: String, label: String },
    #[error("no system keychain is running ({0}); start one, such as gnome-keyring or KeePassXC with its Secret Service on, and try again")]
    KeychainUnavailable(String),
    #[error("the system keychain is locked; unlock it (for example by logging in to your desktop) and try again")]
    KeychainLocked,
    #[error("the secret of \"{0}\" is missing from the keychain; delete this entry and add the key again")]
    SecretMissing(String),
    #[error(
        "database error: {0}; check that the data directory is writable and the disk is not full"
    )]
    Database(String),
    #[error("{provider}: {message}")]
    Provider { provider: String, message: String },
    #[error("cannot use {path}: {reason}")]
    Io { path: String, reason: String },
    /// A file the user named is there already and replacing it was not asked for.
    #[error("{0} already exists; choose another file name, or allow replacing it")]
    Exists(String),
    #[error("the passphrase does not open this backup; check it (capitals, spaces) and try again")]
    WrongPassphrase,
    #[error("this file is not a readable Keyledger backup: {0}; use another copy of the backup")]
    DamagedBackup(String),
    /// The database has a schema change this version does not know: it is left as it is.
    #[error("{path} was written by a newer version of Keyledger (schema change {version}, unknown to this one); it was not opened or changed. Install the newer Keyledger, or use another data folder (KEYLEDGER_DATA_DIR)")]
    NewerDatabase { path: String, version: i64 },
}

/// Every code [`Error::code`] can return, for the window's `ErrorCode` type.
pub const CODES: &[&str] = &[
    "invalid_input",
    "not_found",
    "ambiguous_id",
    "duplicate",
    "keychain_unavailable",
    "keychain_locked",
    "secret_missing",
    "database",
    "provider",
    "io",
    "exists",
    "wrong_passphrase",
    "damaged_backup",
    "newer_database",
];

impl Error {
    /// A stable, machine-readable code: the UI and scripts switch on this, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput(_) => "invalid_input",
            Error::NotFound(_) | Error::Missing(_) => "not_found",
            Error::AmbiguousId(_) => "ambiguous_id",
            Error::Duplicate { .. } => "duplicate",
            Error::KeychainUnavailable(_) => "keychain_unavailable",
            Error::KeychainLocked => "keychain_locked",
            Error::SecretMissing(_) => "secret_missing",
            Error::Database(_) => "database",
            Error::Provider { .. } => "provider",
            Error::Io { .. } => "io",
            Error::Exists(_) => "exists",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::DamagedBackup(_) => "damaged_backup",
            Error::NewerDatabase { .. } => "newer_database",
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            reason: err.to_string(),
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: self.to_string(),
            credential_id: match self {
                Error::Duplicate { id, .. } => Some(id.clone()),
                _ => None,
            },
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Database(err.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Error::Database(err.to_string())
    }
}

/// What crosses the IPC boundary (and `--json` error output): a code and a sentence, and for
/// `duplicate` the key already stored (so the window can show it; never in the sentence).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    /// One of [`CODES`].
    #[ts(type = "ErrorCode")]
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub credential_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_lists_every_code_once() {
        let one_of_each = [
            Error::invalid("x"),
            Error::NotFound("x".into()),
            Error::Missing("x".into()),
            Error::AmbiguousId("x".into()),
            Error::Duplicate {
                id: "x".into(),
                label: "x".into(),
            },
            Error::KeychainUnavailable("x".into()),
            Error::KeychainLocked,
            Error::SecretMissing("x".into()),
            Error::Database("x".into()),
            Error::Provider {
                provider: "x".into(),
                message: "x".into(),
            },
            Error::Io {
                path: "x".into(),
                reason: "x".into(),
            },
            Error::Exists("x".into()),
            Error::WrongPassphrase,
            Error::DamagedBackup("x".into()),
            Error::NewerDatabase {
                path: "x".into(),
                version: 1,
            },
        ];
        let used: std::collections::BTreeSet<&str> = one_of_each.iter().map(Error::code).collect();
        let listed: std::collections::BTreeSet<&str> = CODES.iter().copied().collect();
        assert_eq!(used, listed);
        assert_eq!(listed.len(), CODES.len(), "no code twice");
    }
}
