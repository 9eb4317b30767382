//! The credential model: what Keyledger knows about a key, never the key itself.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{MAX_LABEL_CHARS, MAX_NOTES_CHARS, MAX_PROFILE_CHARS};
use crate::{Error, Result};

/// AI providers Keyledger recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    OpenAI,
    Anthropic,
    OpenRouter,
    Gemini,
    Groq,
    Xai,
    DeepSeek,
    Mistral,
    Other,
}

impl Provider {
    pub const ALL: [Provider; 9] = [
        Provider::OpenAI,
        Provider::Anthropic,
        Provider::OpenRouter,
        Provider::Gemini,
        Provider::Groq,
        Provider::Xai,
        Provider::DeepSeek,
        Provider::Mistral,
        Provider::Other,
    ];

    /// The identifier used in the database, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::OpenAI => "openai",
            Provider::Anthropic => "anthropic",
            Provider::OpenRouter => "openrouter",
            Provider::Gemini => "gemini",
            Provider::Groq => "groq",
            Provider::Xai => "xai",
            Provider::DeepSeek => "deepseek",
            Provider::Mistral => "mistral",
            Provider::Other => "other",
        }
    }

    /// The name people know the provider by.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::OpenAI => "OpenAI",
            Provider::Anthropic => "Anthropic",
            Provider::OpenRouter => "OpenRouter",
            Provider::Gemini => "Google Gemini",
            Provider::Groq => "Groq",
            Provider::Xai => "xAI",
            Provider::DeepSeek => "DeepSeek",
            Provider::Mistral => "Mistral",
            Provider::Other => "Other",
        }
    }
}

impl std::str::FromStr for Provider {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
                Error::invalid(format!(
                    "unknown provider '{s}'; use one of: {}",
                    names.join(", ")
                ))
            })
    }
}

/// What sort of credential it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An ordinary API key used for inference.
    Api,
    /// An organisation admin key (usage and cost APIs).
    Admin,
    /// A JWT or OAuth access token.
    Token,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Api => "api",
            Kind::Admin => "admin",
            Kind::Token => "token",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "api" => Ok(Kind::Api),
            "admin" => Ok(Kind::Admin),
            "token" | "jwt" | "oauth" => Ok(Kind::Token),
            _ => Err(Error::invalid(format!(
                "unknown kind '{s}'; use api, admin or token"
            ))),
        }
    }
}

/// Where an expiry date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExpirySource {
    /// Typed in by the user.
    Manual,
    /// The `exp` claim of a JWT.
    Token,
    /// Reported by the provider's API.
    Provider,
}

impl ExpirySource {
    pub fn as_str(self) -> &'static str {
        match self {
            ExpirySource::Manual => "manual",
            ExpirySource::Token => "token",
            ExpirySource::Provider => "provider",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ExpirySource::Manual,
            ExpirySource::Token,
            ExpirySource::Provider,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
    }
}

/// What Keyledger last learned about whether the credential works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being added: the keychain write has not been confirmed yet. Never shown.
    Pending,
    /// Not checked against the provider yet.
    Unknown,
    Valid,
    /// Rejected by the provider (revoked, expired or wrong).
    Invalid,
    /// The keychain no longer holds the secret.
    SecretMissing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Unknown => "unknown",
            Status::Valid => "valid",
            Status::Invalid => "invalid",
            Status::SecretMissing => "secret_missing",
        }
    }
}

/// A stored credential's metadata, as listed in the CLI and the app.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Credential {
    pub id: String,
    pub provider: Provider,
    pub kind: Kind,
    pub label: String,
    pub profile: String,
    pub base_url: Option<String>,
    /// The masked key, e.g. `sk-proj-…a1B2`.
    pub hint: String,
    #[serde(skip)]
    #[ts(skip)]
    pub fingerprint: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub expires_source: Option<ExpirySource>,
    pub token_issuer: Option<String>,
    pub token_scope: Option<String>,
    pub status: Status,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub notes: String,
    /// When the secret was last replaced in place (`None`: never rotated).
    pub rotated_at: Option<DateTime<Utc>>,
}

impl Credential {
    /// When the current secret was stored: the last rotation, or the add.
    pub fn secret_since(&self) -> DateTime<Utc> {
        self.rotated_at.unwrap_or(self.created_at)
    }

    /// Whole days from `now` until expiry (negative once expired), if there is an expiry.
    pub fn days_left(&self, now: DateTime<Utc>) -> Option<i64> {
        self.expires_at
            .map(|at| (at - now).num_seconds().div_euclid(86_400))
    }
}

/// The non-secret fields of a credential being added. The secret travels separately.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NewCredential {
    /// `None` means "detect from the key"; an ambiguous key then needs an explicit provider.
    pub provider: Option<Provider>,
    pub kind: Option<Kind>,
    pub label: String,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
    /// A date (YYYY-MM-DD); the key counts as expired at the end of that day, UTC.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// The profile used when none is given and no default profile is set.
pub const DEFAULT_PROFILE: &str = "default";

/// Checks a profile name: letters, digits, `-` and `_`, at most [`MAX_PROFILE_CHARS`].
pub fn validate_profile(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty()
        || name.len() > MAX_PROFILE_CHARS
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::invalid(
            format!("the profile may use letters, digits, '-' and '_' (at most {MAX_PROFILE_CHARS}), e.g. dev or prod"),
        ));
    }
    Ok(name.to_owned())
}

impl NewCredential {
    /// Checks and normalises the user-typed fields (label, profile, base URL, notes).
    pub fn validated(mut self) -> Result<Self> {
        self.label = self.label.trim().to_owned();
        if self.label.is_empty() {
            return Err(Error::invalid("give the key a label, e.g. \"work laptop\""));
        }
        if self.label.chars().count() > MAX_LABEL_CHARS || self.label.contains(['\n', '\r']) {
            return Err(Error::invalid(format!(
                "the label must be one line of at most {MAX_LABEL_CHARS} characters"
            )));
        }
        let profile = self
            .profile
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .unwrap_or(DEFAULT_PROFILE);
        self.profile = Some(validate_profile(profile)?);
        self.base_url = match self.base_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(validate_base_url(raw)?),
        };
        let notes = self.notes.unwrap_or_default().trim().to_owned();
        if notes.chars().count() > MAX_NOTES_CHARS {
            return Err(Error::invalid(format!(
                "notes are limited to {MAX_NOTES_CHARS} characters"
            )));
        }
        self.notes = Some(notes);
        Ok(self)
    }
}

fn validate_base_url(raw: &str) -> Result<String> {
    let parsed = url::Url::parse(raw).map_err(|e| {
        Error::invalid(format!(
            "the base URL '{raw}' is not a URL ({e}); e.g. https://api.openai.com/v1"
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::invalid(format!(
            "the base URL '{raw}' must start with https:// (or http://) and name a host"
        )));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::invalid(
            "the base URL must not carry a user name or password",
        ));
    }
    if parsed.scheme() == "http" && !is_loopback(&parsed) {
        return Err(Error::invalid(format!(
            "the base URL '{raw}' is plain http:// to another computer, so the key would cross \
             the network unencrypted; use https://, or http:// only for localhost, 127.0.0.1 \
             or [::1]"
        )));
    }
    Ok(raw.trim_end_matches('/').to_owned())
}

/// Whether `url` points at this computer: `localhost`, 127.0.0.0/8 or ::1.
fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Parses a YYYY-MM-DD date typed by a person.
pub fn parse_date(raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "'{raw}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31"
        ))
    })
}

/// The instant a manual expiry date stands for: the last second of that day, UTC.
pub fn end_of_day_utc(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(23, 59, 59)
        .map(|dt| dt.and_utc())
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(label: &str) -> NewCredential {
        NewCredential {
            label: label.into(),
            ..Default::default()
        }
    }

    #[test]
    fn providers_round_trip_through_their_names() {
        for p in Provider::ALL {
            assert_eq!(p.as_str().parse::<Provider>().unwrap(), p);
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        let err = "acme".parse::<Provider>().unwrap_err().to_string();
        assert!(err.contains("openai, anthropic"), "{err}");
    }

    #[test]
    fn plain_http_is_accepted_only_to_this_computer() {
        let with = |url: &str| {
            NewCredential {
                base_url: Some(url.into()),
                ..new("k")
            }
            .validated()
        };
        for local in [
            "http://localhost:4000/v1",
            "http://LOCALHOST",
            "http://127.0.0.1:8080",
            "http://127.8.9.10/v1",
            "http://[::1]:9000",
            "https://proxy.example/v1",
        ] {
            assert!(with(local).is_ok(), "{local}");
        }
        for remote in [
            "http://proxy.example/v1",
            "http://192.168.1.20:4000",
            "http://[2001:db8::1]/v1",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            let err = with(remote).unwrap_err().to_string();
            assert!(err.contains("unencrypted"), "{remote}: {err}");
            assert!(err.contains("https://"), "{remote}: {err}");
        }
    }

    #[test]
    fn validation_normalises_and_explains() {
        let ok = NewCredential {
            profile: Some(" prod ".into()),
            base_url: Some("https://proxy.example/v1/".into()),
            ..new("  work  ")
        }
        .validated()
        .unwrap();
        assert_eq!(ok.label, "work");
        assert_eq!(ok.profile.as_deref(), Some("prod"));
        assert_eq!(ok.base_url.as_deref(), Some("https://proxy.example/v1"));

        assert!(new(" ")
            .validated()
            .unwrap_err()
            .to_string()
            .contains("label"));
        let bad_url = NewCredential {
            base_url: Some("ftp://x".into()),
            ..new("a")
        };
        assert!(bad_url
            .validated()
            .unwrap_err()
            .to_string()
            .contains("https://"));
        let bad_profile = NewCredential {
            profile: Some("my profile".into()),
            ..new("a")
        };
        assert!(bad_profile.validated().is_err());
    }

    #[test]
    fn dates_parse_and_end_at_the_last_second_utc() {
        let d = parse_date("2027-01-31").unwrap();
        assert_eq!(end_of_day_utc(d).to_rfc3339(), "2027-01-31T23:59:59+00:00");
        assert!(parse_date("31/01/2027")
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
    }

    #[test]
    fn days_left_counts_whole_days_and_goes_negative() {
        let now = "2026-11-23T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let mut c = Credential {
            id: "x".into(),
            provider: Provider::OpenAI,
            kind: Kind::Api,
            label: "l".into(),
            profile: "default".into(),
            base_url: None,
            hint: "…".into(),
            fingerprint: String::new(),
            created_at: now,
            expires_at: Some("2026-11-30T12:00:00Z".parse().unwrap()),
            expires_source: Some(ExpirySource::Manual),
            token_issuer: None,
            token_scope: None,
            status: Status::Unknown,
            last_checked_at: None,
            notes: String::new(),
            rotated_at: None,
        };
        assert_eq!(c.days_left(now), Some(7));
        c.expires_at = Some("2026-11-23T11:00:00Z".parse().unwrap());
        assert_eq!(c.days_left(now), Some(-1));
    }
}
