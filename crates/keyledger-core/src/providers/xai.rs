//! xAI (any key): `/api-key` says whether the key, or its team, is blocked or disabled — xAI
//! answers 200 for such keys, so the flags are what tells a dead key from a live one.

use serde::Deserialize;

use super::http::{get_json, FetchError, RetryPolicy};

/// The flags of `/api-key` (other fields, such as the redacted key, are not kept).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct KeyStatus {
    #[serde(default)]
    pub api_key_blocked: Option<bool>,
    #[serde(default)]
    pub api_key_disabled: Option<bool>,
    #[serde(default)]
    pub team_blocked: Option<bool>,
}

impl KeyStatus {
    /// What is wrong with the key, in words; empty when it works.
    pub fn problems(&self) -> Vec<&'static str> {
        [
            (self.api_key_blocked, "the key is blocked"),
            (self.api_key_disabled, "the key is disabled"),
            (self.team_blocked, "the team is blocked"),
        ]
        .into_iter()
        .filter(|(flag, _)| flag.unwrap_or(false))
        .map(|(_, text)| text)
        .collect()
    }
}

/// The key's flags.
pub async fn key_status(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<KeyStatus, FetchError> {
    let url = format!("{}/api-key", base.trim_end_matches('/'));
    get_json(|| client.get(&url).bearer_auth(key), policy).await
}
