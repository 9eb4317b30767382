//! Local agent logs — Claude Code and Codex write every request's token usage to JSONL files —
//! read into the spend ledger: found automatically, read in parallel and incrementally (only
//! new bytes, whole lines), de-duplicated, rolled up per day (and hour) and model with source
//! "agent log", and priced with the same table. The history outlives the agents' 30-day logs.

pub(crate) mod claude;
pub(crate) mod codex;
mod files;
mod ingest;
pub mod sources;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::usage::Counts;

pub use files::MAX_DEPTH;
pub use ingest::{ingest, last_import, IngestProgress, MAX_LINE};
pub use sources::{LogSources, LogSourcesView, SourceDir};

use crate::store::{settings, Store};
use crate::Result;

/// The settings document's name.
pub const SETTINGS_KEY: &str = "agent_logs";

/// The sources' settings in force.
pub async fn load_sources(store: &Store) -> Result<LogSources> {
    settings::get(store.pool(), SETTINGS_KEY).await
}

pub async fn save_sources(store: &Store, sources: &LogSources, now: DateTime<Utc>) -> Result<()> {
    settings::set(store.pool(), SETTINGS_KEY, sources, now).await
}

/// The folders the settings name, with the defaults taken from this process's environment.
pub fn configured_dirs(sources: &LogSources) -> Vec<SourceDir> {
    sources.dirs(&|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// The coding agents whose logs Keyledger reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Agent {
    ClaudeCode,
    Codex,
}

impl Agent {
    pub fn as_str(self) -> &'static str {
        match self {
            Agent::ClaudeCode => "claude-code",
            Agent::Codex => "codex",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "claude-code" | "claude" => Some(Agent::ClaudeCode),
            "codex" => Some(Agent::Codex),
            _ => None,
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Agent::ClaudeCode => "Claude Code",
            Agent::Codex => "Codex",
        }
    }

    /// The provider whose models the agent runs.
    pub fn provider(self) -> &'static str {
        match self {
            Agent::ClaudeCode => "anthropic",
            Agent::Codex => "openai",
        }
    }
}

/// One request's usage, read from a log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub at: DateTime<Utc>,
    pub model: String,
    pub counts: Counts,
    /// What identifies the request across lines and files, when the log says.
    pub key: Option<u64>,
}

/// A stable 64-bit key for de-duplication (the first 8 bytes of SHA-256 over the parts).
pub fn dedup_key(parts: &[&str]) -> u64 {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first)
}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct IngestReport {
    /// When the pass ended (absent in a report of a version that did not say).
    pub at: Option<DateTime<Utc>>,
    /// The UTC days of the first and last request counted for the first time, so a view can
    /// offer to show that period.
    #[ts(type = "string | null")]
    pub first_day: Option<chrono::NaiveDate>,
    #[ts(type = "string | null")]
    pub last_day: Option<chrono::NaiveDate>,
    #[ts(type = "number")]
    pub files_seen: u64,
    /// Files that had new bytes (or were re-read because they shrank or were replaced).
    #[ts(type = "number")]
    pub files_read: u64,
    #[ts(type = "number")]
    pub bytes_read: u64,
    /// Requests counted for the first time.
    #[ts(type = "number")]
    pub requests: u64,
    /// Requests already counted (the same message logged again).
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Plan-window readings seen (Codex's 5-hour and weekly limits), new or not.
    #[ts(type = "number")]
    pub plan_readings: u64,
    /// Lines that are not JSON (skipped; a torn last line waits for the next pass instead).
    #[ts(type = "number")]
    pub malformed_lines: u64,
    /// Models with no known price: their usage is counted, its cost shown as unpriced.
    pub unpriced_models: Vec<String>,
    /// Files or folders that could not be read, with why.
    pub problems: Vec<String>,
}
