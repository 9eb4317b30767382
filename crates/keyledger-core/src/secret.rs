//! Secrets: a type that cannot print or serialize in clear, and the trait of the stores that hold them.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

pub use crate::limits::MAX_SECRET_BYTES;

/// An API key or token. `Debug` prints `<redacted>`; there is no `Display` and no `Serialize`:
/// the clear value is reachable only through [`ApiSecret::expose`].
#[derive(Clone)]
pub struct ApiSecret(SecretString);

impl ApiSecret {
    /// Trims surrounding whitespace and rejects what cannot be a key: empty, multi-line,
    /// containing spaces or control characters, or longer than 16 KiB.
    pub fn parse(raw: &str) -> Result<Self> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid("the key is empty; paste the whole key"));
        }
        if trimmed.len() > MAX_SECRET_BYTES {
            return Err(Error::invalid(format!(
                "the key is {} bytes long; keys longer than 16 KiB are not accepted",
                trimmed.len()
            )));
        }
        if trimmed.contains(['\n', '\r']) {
            return Err(Error::invalid(
                "the key spans several lines; paste a single key on one line",
            ));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid(
                "the key contains spaces or control characters; paste only the key itself",
            ));
        }
        Ok(ApiSecret(SecretString::from(trimmed.to_owned())))
    }

    /// Wraps a value read back from the keychain, which was checked when it was stored.
    pub(crate) fn from_keychain(value: String) -> Self {
        ApiSecret(SecretString::from(value))
    }

    /// The clear value. Call sites are the keychain, reveal, copy and fingerprinting.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// SHA-256 of the key in hex: recognises the same key again without storing it.
    pub fn fingerprint(&self) -> String {
        Sha256::digest(self.expose().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The masked form shown everywhere: the public prefix, an ellipsis and the last four
    /// characters (`sk-proj-…a1B2`). Short keys show no characters at all.
    pub fn hint(&self, public_prefix: &str) -> String {
        let key = self.expose();
        let chars: Vec<char> = key.chars().collect();
        if chars.len() < 16 {
            return "••••••••".to_owned();
        }
        let prefix = if key.starts_with(public_prefix) && public_prefix.len() + 8 < key.len() {
            public_prefix
        } else {
            ""
        };
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{prefix}…{tail}")
    }
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiSecret(<redacted>)")
    }
}

/// Where secrets live. "Not found" is `Ok(None)`, not an error.
pub trait SecretStore: Send + Sync {
    fn set(&self, id: &str, secret: &ApiSecret) -> Result<()>;
    /// Reads the item from the keychain itself, never from memory: reveal, copy, rotation and
    /// reconcile see what is stored now.
    fn get(&self, id: &str) -> Result<Option<ApiSecret>>;
    /// The secret for a use (a check, a poll, a run): from memory while the remembered value
    /// still has `fingerprint` (the database row's), else re-read from the keychain, so a key
    /// rotated or deleted by another process is noticed.
    fn get_current(&self, id: &str, fingerprint: &str) -> Result<Option<ApiSecret>>;
    /// Removes the item; removing an item that is not there succeeds.
    fn delete(&self, id: &str) -> Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_trims_and_keeps_the_key() {
        let s = ApiSecret::parse("  sk-proj-abc123  \n").unwrap();
        assert_eq!(s.expose(), "sk-proj-abc123");
    }

    #[test]
    fn parse_rejects_what_cannot_be_a_key() {
        for (raw, needle) in [
            ("", "empty"),
            ("   \t ", "empty"),
            ("sk-one\nsk-two", "several lines"),
            ("sk-one two", "spaces"),
        ] {
            let err = ApiSecret::parse(raw).unwrap_err();
            assert_eq!(err.code(), "invalid_input");
            assert!(err.to_string().contains(needle), "{raw:?} -> {err}");
        }
        let long = "a".repeat(MAX_SECRET_BYTES + 1);
        assert!(ApiSecret::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("16 KiB"));
        assert!(ApiSecret::parse(&"a".repeat(MAX_SECRET_BYTES)).is_ok());
    }

    #[test]
    fn debug_never_shows_the_value() {
        let s = ApiSecret::parse("sk-proj-verysecretvalue1234").unwrap();
        let shown = format!("{s:?} {:?}", Some(&s));
        assert!(!shown.contains("verysecret"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn hint_masks_all_but_prefix_and_last_four() {
        let s = ApiSecret::parse("sk-proj-abcdefghijklmnopqrstuvwxyza1B2").unwrap();
        assert_eq!(s.hint("sk-proj-"), "sk-proj-…a1B2");
        assert_eq!(s.hint(""), "…a1B2");
        assert_eq!(ApiSecret::parse("short-key").unwrap().hint(""), "••••••••");
    }

    #[test]
    fn fingerprint_is_stable_and_not_the_key() {
        let a = ApiSecret::parse("sk-proj-abc").unwrap();
        let b = ApiSecret::parse(" sk-proj-abc ").unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().len(), 64);
        assert!(!a.fingerprint().contains("sk-proj"));
    }
}
