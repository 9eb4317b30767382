//! Talking to AI providers: one HTTP client set-up, each provider's default base URL (what the
//! provider SDK's own base-URL variable would hold), and the calls built on them.

pub mod anthropic;
pub mod check;
pub mod http;
pub mod openai;

use std::time::Duration;

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

/// An HTTP client with Keyledger's user agent, rustls, and a whole-request timeout.
pub fn http_client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .user_agent(concat!("keyledger/", env!("CARGO_PKG_VERSION")))
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .build()
        .map_err(|e| Error::invalid(format!("cannot set up HTTPS: {e}")))
}
