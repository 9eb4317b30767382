//! Cheap validity checks (see PROVIDERS.md): is this key accepted, rejected, rate-limited, or
//! is the provider unreachable — with the latency and the rate-limit headers of the answer.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::RequestBuilder;
use serde::Serialize;
use ts_rs::TS;

use super::http::{error_detail, read_capped, root_cause, FetchError, MAX_BODY, TOO_LARGE};
use super::xai::KeyStatus;
use super::{default_base_url, guard, http_client};
use crate::credential::{Kind, Provider};
use crate::secret::ApiSecret;
use crate::Result;

/// What a check concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The provider accepted the key.
    Valid,
    /// The provider rejected the key (401/403), or reports it blocked or disabled.
    Invalid,
    /// The provider answered 429: try again later.
    RateLimited,
    /// No usable answer: network error, timeout, 5xx, or something that is not the API.
    Unreachable,
    /// Keyledger has no check for this provider without a base URL.
    Unsupported,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Valid => "valid",
            CheckStatus::Invalid => "invalid",
            CheckStatus::RateLimited => "rate_limited",
            CheckStatus::Unreachable => "unreachable",
            CheckStatus::Unsupported => "unsupported",
        }
    }
}

/// The outcome of one check, in words a person can act on. Never contains the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Probe {
    pub status: CheckStatus,
    pub http_status: Option<u16>,
    #[ts(type = "number")]
    pub latency_ms: u64,
    pub message: String,
    /// The latest rate-limit headers of the answer (`x-ratelimit-*`, `anthropic-ratelimit-*`,
    /// `retry-after`), when present.
    pub rate_limits: BTreeMap<String, String>,
}

/// A check of a stored credential: its updated metadata and what the provider said.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckOutcome {
    pub credential: crate::credential::Credential,
    pub probe: Probe,
}

/// Runs validity checks with one shared HTTP client.
#[derive(Debug, Clone)]
pub struct Checker {
    client: reqwest::Client,
    timeout: Duration,
}

impl Checker {
    pub fn new(timeout: Duration) -> Result<Self> {
        Ok(Checker {
            client: http_client(timeout)?,
            timeout,
        })
    }

    /// Asks the provider whether it accepts `secret`, at `base_url` or the provider's default.
    pub async fn check(
        &self,
        provider: Provider,
        kind: Kind,
        base_url: Option<&str>,
        secret: &ApiSecret,
    ) -> Probe {
        let Some(base) = base_url.or(default_base_url(provider)) else {
            return Probe {
                status: CheckStatus::Unsupported,
                http_status: None,
                latency_ms: 0,
                message: "no check for this provider; set a base URL of an OpenAI-compatible API"
                    .to_owned(),
                rate_limits: BTreeMap::new(),
            };
        };
        let mut probe = self.probe(provider, kind, base, secret).await;
        // A provider (or a proxy) may echo the key in an error, whole or cut: never pass it on.
        probe.message = guard::scrub(&probe.message, secret.expose(), 300);
        probe
    }

    async fn probe(&self, provider: Provider, kind: Kind, base: &str, secret: &ApiSecret) -> Probe {
        let request = self.request(provider, kind, base.trim_end_matches('/'), secret.expose());
        let started = Instant::now();
        let answer = request.send().await;
        let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        match answer {
            Err(e) => Probe {
                status: CheckStatus::Unreachable,
                http_status: None,
                latency_ms,
                message: if e.is_redirect() {
                    guard::REDIRECT_REFUSED.to_owned()
                } else if e.is_timeout() {
                    format!("no answer within {} s", self.timeout.as_secs())
                } else {
                    unreachable_message(base, &root_cause(&e))
                },
                rate_limits: BTreeMap::new(),
            },
            Ok(response) => {
                let code = response.status().as_u16();
                let rate_limits = rate_limit_headers(response.headers());
                let is_json = response
                    .headers()
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("json"));
                let body = match read_capped(response, MAX_BODY).await {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(FetchError::TooLarge) => {
                        return Probe {
                            status: CheckStatus::Unreachable,
                            http_status: Some(code),
                            latency_ms,
                            message: TOO_LARGE.to_owned(),
                            rate_limits,
                        }
                    }
                    Err(_) => String::new(),
                };
                let (status, message) = classify(provider, code, is_json, &body, &rate_limits);
                Probe {
                    status,
                    http_status: Some(code),
                    latency_ms,
                    message,
                    rate_limits,
                }
            }
        }
    }

    fn request(&self, provider: Provider, kind: Kind, base: &str, key: &str) -> RequestBuilder {
        let get = |path: &str| self.client.get(format!("{base}{path}"));
        match provider {
            Provider::OpenAI if kind == Kind::Admin => {
                get("/organization/projects?limit=1").bearer_auth(key)
            }
            Provider::Anthropic => {
                let path = if kind == Kind::Admin {
                    "/v1/organizations/api_keys?limit=1"
                } else {
                    "/v1/models"
                };
                get(path)
                    .header("x-api-key", key)
                    .header("anthropic-version", "2023-06-01")
            }
            Provider::OpenRouter => get("/key").bearer_auth(key),
            Provider::DeepSeek => get("/user/balance").bearer_auth(key),
            Provider::Xai => get("/api-key").bearer_auth(key),
            Provider::Gemini => get("/v1beta/models").header("x-goog-api-key", key),
            Provider::Groq => get("/openai/v1/models").bearer_auth(key),
            Provider::Mistral => get("/v1/models").bearer_auth(key),
            Provider::OpenAI | Provider::Other => get("/models").bearer_auth(key),
        }
    }
}

/// Why `base` could not be reached, in plain words, with what to do.
fn unreachable_message(base: &str, cause: &str) -> String {
    let lower = cause.to_ascii_lowercase();
    let why = if lower.contains("refused") {
        "nothing answers there (connection refused)"
    } else if lower.contains("dns") || lower.contains("lookup") || lower.contains("resolve") {
        "its host name is not known"
    } else if lower.contains("certificate") || lower.contains("tls") {
        "its certificate is not trusted"
    } else {
        "no connection could be made"
    };
    format!("cannot reach {base}: {why}; check the base URL, or that the service there is running")
}

fn classify(
    provider: Provider,
    code: u16,
    is_json: bool,
    body: &str,
    rate_limits: &BTreeMap<String, String>,
) -> (CheckStatus, String) {
    match code {
        200..=299 if !is_json => (
            CheckStatus::Unreachable,
            "the answer is not the provider's API (not JSON); check the base URL".to_owned(),
        ),
        200..=299 if provider == Provider::Xai => xai_flags(body),
        200..=299 => (
            CheckStatus::Valid,
            "the provider accepts this key".to_owned(),
        ),
        401 | 403 => {
            (
                CheckStatus::Invalid,
                format!(
                "the provider rejects this key ({code}{}): it may be revoked, expired or mistyped",
                error_detail(body).map(|t| format!(": {t}")).unwrap_or_default()
            ),
            )
        }
        429 => (
            CheckStatus::RateLimited,
            match rate_limits.get("retry-after") {
                Some(after) => format!("rate limited (429); retry after {after} s"),
                None => "rate limited (429); try again later".to_owned(),
            },
        ),
        _ => (
            CheckStatus::Unreachable,
            format!(
                "the provider answered {code}{}; try again later",
                error_detail(body)
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default()
            ),
        ),
    }
}

/// xAI answers 200 for blocked or disabled keys and says so in flags.
fn xai_flags(body: &str) -> (CheckStatus, String) {
    let Ok(flags) = serde_json::from_str::<KeyStatus>(body) else {
        return (
            CheckStatus::Unreachable,
            "xAI's answer is not valid JSON".to_owned(),
        );
    };
    let problems = flags.problems();
    if problems.is_empty() {
        (
            CheckStatus::Valid,
            "the provider accepts this key".to_owned(),
        )
    } else {
        (
            CheckStatus::Invalid,
            format!("xAI says {}", problems.join(" and ")),
        )
    }
}

pub(crate) fn rate_limit_headers(headers: &HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter(|(name, _)| {
            let n = name.as_str();
            n.starts_with("x-ratelimit-")
                || n.starts_with("anthropic-ratelimit-")
                || n == "retry-after"
        })
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}
