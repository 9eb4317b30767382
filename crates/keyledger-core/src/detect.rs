//! Recognises the provider and kind of a key from its shape (see PROVIDERS.md), while typing.

use serde::Serialize;
use ts_rs::TS;

use crate::credential::{Kind, Provider};
use crate::secret::ApiSecret;
use crate::token::{self, TokenInfo};

/// What the key's shape says. `provider` is set only when exactly one provider fits;
/// `candidates` lists them all so the user can pick when there are several (or none).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Detection {
    pub provider: Option<Provider>,
    pub candidates: Vec<Provider>,
    pub kind: Option<Kind>,
    /// The public prefix that identified the key (kept in the masked hint).
    pub prefix: String,
    /// The masked key as it will be listed.
    pub hint: String,
    pub token: Option<TokenInfo>,
    /// Why the key cannot be stored as typed, if it cannot.
    pub problem: Option<String>,
}

struct Rule {
    prefix: &'static str,
    provider: Provider,
    kind: Kind,
}

/// Longest prefixes first: the first match wins.
const RULES: &[Rule] = &[
    rule("sk-ant-admin01-", Provider::Anthropic, Kind::Admin),
    rule("sk-ant-api03-", Provider::Anthropic, Kind::Api),
    rule("sk-ant-oat", Provider::Anthropic, Kind::Token),
    rule("sk-svcacct-", Provider::OpenAI, Kind::Api),
    rule("sk-or-v1-", Provider::OpenRouter, Kind::Api),
    rule("sk-admin-", Provider::OpenAI, Kind::Admin),
    rule("sk-proj-", Provider::OpenAI, Kind::Api),
    rule("AIza", Provider::Gemini, Kind::Api),
    rule("gsk_", Provider::Groq, Kind::Api),
    rule("xai-", Provider::Xai, Kind::Api),
];

const fn rule(prefix: &'static str, provider: Provider, kind: Kind) -> Rule {
    Rule {
        prefix,
        provider,
        kind,
    }
}

/// Detects what a (possibly half-typed) key is. Never fails: problems are reported in the result.
pub fn detect(raw: &str) -> Detection {
    let secret = match ApiSecret::parse(raw) {
        Ok(s) => s,
        Err(e) => {
            return Detection {
                provider: None,
                candidates: Vec::new(),
                kind: None,
                prefix: String::new(),
                hint: String::new(),
                token: None,
                problem: Some(e.to_string()),
            }
        }
    };
    let key = secret.expose();
    let (candidates, kind, prefix) = classify(key);
    let token = token::decode(key);
    Detection {
        provider: match candidates.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
        hint: secret.hint(prefix),
        prefix: prefix.to_owned(),
        candidates,
        kind,
        token,
        problem: None,
    }
}

fn classify(key: &str) -> (Vec<Provider>, Option<Kind>, &'static str) {
    if let Some(r) = RULES.iter().find(|r| key.starts_with(r.prefix)) {
        return (vec![r.provider], Some(r.kind), r.prefix);
    }
    if token::looks_like_jwt(key) {
        return (Vec::new(), Some(Kind::Token), "eyJ");
    }
    if let Some(rest) = key.strip_prefix("sk-") {
        if rest.len() == 48 && rest.contains("T3BlbkFJ") {
            return (vec![Provider::OpenAI], Some(Kind::Api), "sk-");
        }
        if rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return (
                vec![Provider::OpenAI, Provider::DeepSeek],
                Some(Kind::Api),
                "sk-",
            );
        }
        return (vec![Provider::OpenAI, Provider::DeepSeek], None, "sk-");
    }
    if key.len() == 32 && key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return (vec![Provider::Mistral], None, "");
    }
    (Vec::new(), None, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tests::jwt;

    #[test]
    fn detection_table() {
        let hex32 = "0123456789abcdef0123456789abcdef";
        let legacy = format!("sk-{}T3BlbkFJ{}", "a".repeat(20), "b".repeat(20));
        let cases: Vec<(String, Option<Provider>, Option<Kind>, &str)> = vec![
            (
                "sk-proj-abcdefghijklmnopqrstuvwxyz0123a1B2".into(),
                Some(Provider::OpenAI),
                Some(Kind::Api),
                "sk-proj-…a1B2",
            ),
            (
                "sk-svcacct-abcdefghijklmnopqrstuvwxyz0123".into(),
                Some(Provider::OpenAI),
                Some(Kind::Api),
                "sk-svcacct-…0123",
            ),
            (
                "sk-admin-abcdefghijklmnopqrstuvwxyz0123".into(),
                Some(Provider::OpenAI),
                Some(Kind::Admin),
                "sk-admin-…0123",
            ),
            (legacy, Some(Provider::OpenAI), Some(Kind::Api), "sk-…bbbb"),
            (
                "sk-ant-api03-abcdefghijklmnopqrstuvwxyzAA".into(),
                Some(Provider::Anthropic),
                Some(Kind::Api),
                "sk-ant-api03-…yzAA",
            ),
            (
                "sk-ant-admin01-abcdefghijklmnopqrstuvwxyzAA".into(),
                Some(Provider::Anthropic),
                Some(Kind::Admin),
                "sk-ant-admin01-…yzAA",
            ),
            (
                "sk-ant-oat01-abcdefghijklmnopqrstuvwxyzAA".into(),
                Some(Provider::Anthropic),
                Some(Kind::Token),
                "sk-ant-oat…yzAA",
            ),
            (
                format!("sk-or-v1-{hex32}{hex32}"),
                Some(Provider::OpenRouter),
                Some(Kind::Api),
                "sk-or-v1-…cdef",
            ),
            (
                "AIzaSyA1234567890abcdefghijklmnopqrstu".into(),
                Some(Provider::Gemini),
                Some(Kind::Api),
                "AIza…rstu",
            ),
            (
                "gsk_abcdefghijklmnopqrstuvwxyz012345".into(),
                Some(Provider::Groq),
                Some(Kind::Api),
                "gsk_…2345",
            ),
            (
                "xai-abcdefghijklmnopqrstuvwxyz012345".into(),
                Some(Provider::Xai),
                Some(Kind::Api),
                "xai-…2345",
            ),
        ];
        for (key, provider, kind, hint) in cases {
            let d = detect(&key);
            assert_eq!(d.provider, provider, "{key}");
            assert_eq!(d.kind, kind, "{key}");
            assert_eq!(d.hint, hint, "{key}");
            assert_eq!(d.problem, None);
        }
    }

    #[test]
    fn ambiguous_and_unknown_keys_leave_the_choice_to_the_user() {
        let d = detect("sk-0123456789abcdef0123456789abcdef");
        assert_eq!(d.provider, None);
        assert_eq!(d.candidates, vec![Provider::OpenAI, Provider::DeepSeek]);

        let d = detect("AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        assert_eq!(d.provider, Some(Provider::Mistral));
        assert_eq!(d.kind, None);

        let d = detect("totally-unknown-format-key-123456");
        assert_eq!((d.provider, d.candidates.len()), (None, 0));
    }

    #[test]
    fn jwt_is_a_token_with_claims() {
        let d = detect(&jwt(r#"{"exp":1830297600,"iss":"issuer"}"#));
        assert_eq!(d.kind, Some(Kind::Token));
        assert_eq!(d.provider, None);
        let t = d.token.unwrap();
        assert_eq!(t.issuer.as_deref(), Some("issuer"));
        assert!(t.expires_at.is_some());
        assert!(d.hint.starts_with("eyJ…"));
    }

    #[test]
    fn problems_are_reported_not_panicked() {
        assert!(detect("").problem.unwrap().contains("empty"));
        assert!(detect("a\nb").problem.unwrap().contains("lines"));
    }
}
