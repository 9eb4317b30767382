//! Claude's own figures for the plan's windows, opt-in: `GET {base}/api/oauth/usage` with Claude
//! Code's login token, read fresh from its credentials file on each poll and never kept (not in
//! the database, the log or the keychain) nor refreshed. Polled at most every 5 minutes; a 429
//! waits at least 30 minutes (longer when `retry-after` says), and a rejected login stops polling
//! until the credentials file changes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{window_name, Origin, PlanSource, Reading};
use crate::providers::guard::scrub;
use crate::providers::http::{get_json, FetchError, RetryPolicy};
use crate::providers::http_client;
use crate::store::{plan_windows, settings, Store};
use crate::Result;

/// Overrides the endpoint's base URL (tests).
pub const BASE_URL_ENV: &str = "KEYLEDGER_CLAUDE_OAUTH_BASE_URL";
const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
const BETA: &str = "oauth-2025-04-20";
/// The shortest time between two polls.
pub const INTERVAL: TimeDelta = TimeDelta::minutes(5);
/// The shortest wait after a 429.
pub const RATE_LIMITED_WAIT: TimeDelta = TimeDelta::minutes(30);
const SETTINGS_KEY: &str = "plan.claude_endpoint";

/// Where the endpoint is and where Claude Code keeps its login.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub base_url: String,
    pub credentials: PathBuf,
}

impl Endpoint {
    /// From the environment: `KEYLEDGER_CLAUDE_OAUTH_BASE_URL`, then `$CLAUDE_CONFIG_DIR` or
    /// `~/.claude` for `.credentials.json`.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let dir = var("CLAUDE_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".claude")))
            .unwrap_or_else(|| PathBuf::from(".claude"));
        Endpoint {
            base_url: var(BASE_URL_ENV).unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
            credentials: dir.join(".credentials.json"),
        }
    }
}

/// The endpoint's switch and how its polls went, kept in the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndpointState {
    pub enabled: bool,
    pub last_success_at: Option<DateTime<Utc>>,
    /// No poll before this (the 5-minute interval, or a 429's wait).
    pub next_poll_at: Option<DateTime<Utc>>,
    /// Why the last poll did not give figures, in one sentence.
    pub problem: Option<String>,
    /// The login was rejected: polls wait until the credentials file is no longer this one.
    pub rejected_file: Option<String>,
}

/// The endpoint as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EndpointStatus {
    pub enabled: bool,
    pub last_success_at: Option<DateTime<Utc>>,
    pub next_poll_at: Option<DateTime<Utc>>,
    pub problem: Option<String>,
}

impl From<EndpointState> for EndpointStatus {
    fn from(s: EndpointState) -> Self {
        EndpointStatus {
            enabled: s.enabled,
            last_success_at: s.last_success_at,
            next_poll_at: s.next_poll_at,
            problem: s.problem,
        }
    }
}

pub async fn state(store: &Store) -> Result<EndpointState> {
    settings::get(store.pool(), SETTINGS_KEY).await
}

/// Turns the endpoint on or off; turning it on polls at the next chance.
pub async fn set_enabled(
    store: &Store,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<EndpointState> {
    let mut s = state(store).await?;
    s.enabled = enabled;
    s.next_poll_at = None;
    s.rejected_file = None;
    if !enabled {
        s.problem = None;
    }
    settings::set(store.pool(), SETTINGS_KEY, &s, now).await?;
    Ok(s)
}

/// What a poll did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Polled {
    Disabled,
    /// Not due yet, or waiting for a new login.
    Waiting,
    /// Figures read: how many windows.
    Read(usize),
    /// No figures; the sentence is also kept as the state's `problem`.
    Failed(String),
}

/// Polls the endpoint when it is on and due, and keeps the windows it answers.
pub async fn poll(store: &Store, endpoint: &Endpoint, now: DateTime<Utc>) -> Result<Polled> {
    let mut s = state(store).await?;
    if !s.enabled {
        return Ok(Polled::Disabled);
    }
    let file = file_identity(&endpoint.credentials);
    if s.next_poll_at.is_some_and(|at| now < at)
        || (s.rejected_file.is_some() && s.rejected_file == file)
    {
        return Ok(Polled::Waiting);
    }
    let outcome = match read_token(&endpoint.credentials, now) {
        Err(sentence) => {
            s.next_poll_at = Some(now + INTERVAL);
            Err(sentence)
        }
        Ok(token) => fetch(endpoint, &token, now, &mut s, file).await,
    };
    let polled = match outcome {
        Ok(readings) => {
            plan_windows::add(&mut *store.pool().acquire().await?, &readings).await?;
            s.last_success_at = Some(now);
            s.problem = None;
            s.rejected_file = None;
            Polled::Read(readings.len())
        }
        Err(sentence) => {
            s.problem = Some(sentence.clone());
            Polled::Failed(sentence)
        }
    };
    settings::set(store.pool(), SETTINGS_KEY, &s, now).await?;
    Ok(polled)
}

async fn fetch(
    endpoint: &Endpoint,
    token: &SecretString,
    now: DateTime<Utc>,
    s: &mut EndpointState,
    file: Option<String>,
) -> std::result::Result<Vec<Reading>, String> {
    s.next_poll_at = Some(now + INTERVAL);
    let client = http_client(Duration::from_secs(20)).map_err(|e| e.to_string())?;
    let url = format!(
        "{}/api/oauth/usage",
        endpoint.base_url.trim_end_matches('/')
    );
    let once = RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::default()
    };
    let answer: std::result::Result<Usage, FetchError> = get_json(
        || {
            client
                .get(&url)
                .bearer_auth(token.expose_secret())
                .header("anthropic-beta", BETA)
        },
        once,
    )
    .await;
    match answer {
        Ok(usage) => Ok(usage.readings(now)),
        Err(FetchError::Status {
            code: 429,
            retry_after,
            ..
        }) => {
            let asked = retry_after
                .and_then(|d| TimeDelta::from_std(d).ok())
                .unwrap_or(TimeDelta::zero());
            let until = now + asked.max(RATE_LIMITED_WAIT);
            s.next_poll_at = Some(until);
            Err(format!(
                "Claude's usage endpoint is rate limited (429); Keyledger asks again after {}",
                until.format("%H:%M UTC")
            ))
        }
        Err(FetchError::Status {
            code: code @ (401 | 403),
            ..
        }) => {
            s.rejected_file = file;
            Err(format!(
                "Claude rejected Claude Code's login ({code}); open Claude Code to refresh its \
                 login, and Keyledger asks again once it has"
            ))
        }
        Err(e) => Err(format!(
            "Claude's usage endpoint: {}",
            scrub(&e.describe(), token.expose_secret(), 300)
        )),
    }
}

/// What identifies the credentials file's current content: its size and modification time.
fn file_identity(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{}:{}", meta.len(), modified.as_nanos()))
}

#[derive(Deserialize)]
struct Credentials {
    #[serde(rename = "claudeAiOauth")]
    oauth: Option<OAuth>,
}

#[derive(Deserialize)]
struct OAuth {
    #[serde(rename = "accessToken", default, deserialize_with = "secret")]
    access_token: Option<SecretString>,
    /// Unix milliseconds.
    #[serde(rename = "expiresAt")]
    expires_at: Option<i64>,
}

fn secret<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(SecretString::from))
}

/// Claude Code's access token, or the one sentence that says why there is none to use.
fn read_token(path: &Path, now: DateTime<Utc>) -> std::result::Result<SecretString, String> {
    let shown = path.display();
    // The file holds the token: its bytes are wiped when dropped.
    let bytes = zeroize::Zeroizing::new(std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("Claude Code's login was not found at {shown}; sign in with Claude Code first")
        }
        _ => format!("cannot read Claude Code's login at {shown}: {e}"),
    })?);
    let creds: Credentials = serde_json::from_slice(&bytes).map_err(|_| {
        format!("{shown} is not the JSON Claude Code writes; sign in with Claude Code again")
    })?;
    let oauth = creds.oauth.ok_or_else(|| {
        format!("{shown} holds no Claude login (claudeAiOauth); sign in with Claude Code")
    })?;
    let token = oauth
        .access_token
        .filter(|t| !t.expose_secret().is_empty())
        .ok_or_else(|| format!("{shown} holds no access token; sign in with Claude Code"))?;
    if oauth
        .expires_at
        .is_some_and(|ms| ms <= now.timestamp_millis())
    {
        return Err(
            "Claude Code's login has expired; open Claude Code to refresh its login".to_owned(),
        );
    }
    Ok(token)
}

/// The endpoint's answer: the windows Keyledger knows (unknown fields are ignored).
#[derive(Deserialize)]
struct Usage {
    five_hour: Option<Window>,
    seven_day: Option<Window>,
    seven_day_opus: Option<Window>,
    seven_day_sonnet: Option<Window>,
}

#[derive(Deserialize)]
struct Window {
    utilization: Option<f64>,
    resets_at: Option<DateTime<Utc>>,
}

impl Usage {
    fn readings(self, now: DateTime<Utc>) -> Vec<Reading> {
        [
            (window_name(300), Some(300), self.five_hour),
            (window_name(10_080), Some(10_080), self.seven_day),
            (
                "seven_day_opus".to_owned(),
                Some(10_080),
                self.seven_day_opus,
            ),
            (
                "seven_day_sonnet".to_owned(),
                Some(10_080),
                self.seven_day_sonnet,
            ),
        ]
        .into_iter()
        .filter_map(|(name, minutes, w)| {
            let w = w?;
            Reading::new(
                PlanSource::Claude,
                name,
                minutes,
                w.utilization?,
                w.resets_at,
                now,
                Origin::Endpoint,
            )
        })
        .collect()
    }
}
