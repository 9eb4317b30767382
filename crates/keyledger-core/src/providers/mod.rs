//! Talking to AI providers: one HTTP client set-up, each provider's default base URL (what the
//! provider SDK's own base-URL variable would hold), and the calls built on them.

pub mod amount;
pub mod anthropic;
pub mod check;
pub mod deepseek;
pub mod guard;
pub mod http;
pub mod openai;
pub mod openrouter;
pub mod tokens;
pub mod xai;

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::credential::Provider;
use crate::{Error, Result};

/// The base URL used when a credential has none of its own.
pub fn default_base_url(provider: Provider) -> Option<&'static str> {
    Some(match provider {
        Provider::OpenAI => "https://api.openai.com/v1",
        Provider::Anthropic => "https://api.anthropic.com",
        Provider::OpenRouter => "https://openrouter.ai/api/v1",
        Provider::Gemini => "https://generativelanguage.googleapis.com",
        Provider::Groq => "https://api.groq.com",
        Provider::Xai => "https://api.x.ai/v1",
        Provider::DeepSeek => "https://api.deepseek.com",
        Provider::Mistral => "https://api.mistral.ai",
        Provider::Other => return None,
    })
}

/// An HTTP client with Keyledger's user agent, rustls, a whole-request timeout, and redirects
/// followed only within the origin a request starts at.
pub fn http_client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(concat!("keyledger/", env!("CARGO_PKG_VERSION")))
        .redirect(guard::redirect_policy())
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .build()
        .map_err(|e| Error::invalid(format!("cannot set up HTTPS: {e}")))
}

/// A key as an organization's key inventory lists it (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedKey {
    /// The provider's key id, as usage rows name it.
    pub id: String,
    pub name: String,
    /// The provider's masked form, e.g. `sk-proj-abc...wxyz`.
    pub hint: String,
    /// `active`, or what the provider calls a key that no longer works.
    pub status: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}
