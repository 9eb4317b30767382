//! JWT / OAuth tokens: read the claims (no verification) to learn expiry, issuer and scope.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a token says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TokenInfo {
    pub expires_at: Option<DateTime<Utc>>,
    pub issued_at: Option<DateTime<Utc>>,
    pub issuer: Option<String>,
    pub scope: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    exp: Option<serde_json::Value>,
    iat: Option<serde_json::Value>,
    iss: Option<String>,
    scope: Option<serde_json::Value>,
    scp: Option<serde_json::Value>,
}

/// True when the key has the shape of a JWT: three base64url parts, the first a JSON header.
pub fn looks_like_jwt(key: &str) -> bool {
    let parts: Vec<&str> = key.split('.').collect();
    parts.len() == 3
        && key.starts_with("eyJ")
        && parts[..2].iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Decodes the claims of a JWT without checking its signature. `None` if it is not a JWT.
pub fn decode(key: &str) -> Option<TokenInfo> {
    if !looks_like_jwt(key) {
        return None;
    }
    let data = jsonwebtoken::dangerous::insecure_decode::<Claims>(key).ok()?;
    let claims = data.claims;
    Some(TokenInfo {
        expires_at: claims.exp.as_ref().and_then(unix_time),
        issued_at: claims.iat.as_ref().and_then(unix_time),
        issuer: claims.iss,
        scope: claims.scope.or(claims.scp).and_then(|v| scope_text(&v)),
    })
}

fn unix_time(v: &serde_json::Value) -> Option<DateTime<Utc>> {
    let secs = v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))?;
    DateTime::from_timestamp(secs, 0)
}

fn scope_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds an unsigned-looking JWT with the given claims (the signature is never checked).
    pub(crate) fn jwt(claims: &str) -> String {
        fn b64(s: &str) -> String {
            const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let bytes = s.as_bytes();
            let mut out = String::new();
            for chunk in bytes.chunks(3) {
                let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                    << (8 * (3 - chunk.len()));
                for i in 0..=chunk.len() {
                    out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        }
        format!(
            "{}.{}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk",
            b64(r#"{"alg":"HS256","typ":"JWT"}"#),
            b64(claims)
        )
    }

    #[test]
    fn reads_exp_iss_and_scope() {
        let t = jwt(
            r#"{"exp":1830297600,"iat":1700000000,"iss":"https://auth.example","scope":"read write"}"#,
        );
        let info = decode(&t).unwrap();
        assert_eq!(
            info.expires_at.unwrap().to_rfc3339(),
            "2028-01-01T00:00:00+00:00"
        );
        assert_eq!(info.issuer.as_deref(), Some("https://auth.example"));
        assert_eq!(info.scope.as_deref(), Some("read write"));
    }

    #[test]
    fn scope_arrays_and_missing_claims() {
        let info = decode(&jwt(r#"{"scp":["a","b"]}"#)).unwrap();
        assert_eq!(info.scope.as_deref(), Some("a b"));
        assert_eq!(info.expires_at, None);
    }

    #[test]
    fn non_tokens_and_broken_tokens_are_not_decoded() {
        assert_eq!(decode("sk-proj-abc"), None);
        assert_eq!(decode("eyJhbGciOi.not-json.sig"), None);
        assert!(!looks_like_jwt("a.b"));
    }
}
