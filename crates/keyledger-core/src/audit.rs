//! The audit trail's vocabulary: who did what to which credential, and how it went.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Something done to a credential that the user may want to account for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Reveal,
    Copy,
    Delete,
    Reconcile,
    Check,
    /// A key put into a program's environment by `keyledger run`.
    Run,
    /// The secret replaced in place by a new key.
    Rotate,
    /// The secret written into an encrypted backup.
    Export,
    /// The key added from an encrypted backup.
    Restore,
    /// A local token issued for the gateway.
    #[serde(rename = "token_issue")]
    TokenIssue,
    /// A local token revoked.
    #[serde(rename = "token_revoke")]
    TokenRevoke,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Reveal => "reveal",
            Action::Copy => "copy",
            Action::Delete => "delete",
            Action::Reconcile => "reconcile",
            Action::Check => "check",
            Action::Run => "run",
            Action::Rotate => "rotate",
            Action::Export => "export",
            Action::Restore => "restore",
            Action::TokenIssue => "token_issue",
            Action::TokenRevoke => "token_revoke",
        }
    }
}

/// Which program acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Cli,
    App,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Cli => "cli",
            Actor::App => "app",
        }
    }
}

/// One line of the audit log. Never contains a secret.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    pub credential_id: Option<String>,
    pub label: String,
    /// `ok`, or the error code of what went wrong.
    pub outcome: String,
    /// `cli` or `app`.
    pub actor: String,
    /// What it was about beyond the key (the command a `run` started), if anything.
    pub detail: Option<String>,
}
