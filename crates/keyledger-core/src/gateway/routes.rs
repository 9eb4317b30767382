//! Where the gateway sends a request: one path prefix per provider, the part of it the
//! provider's base URL stands for, and the header the provider wants its key in.

use crate::credential::Provider;

/// How a provider takes its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyHeader {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `x-api-key: <key>` (Anthropic).
    XApiKey,
    /// `x-goog-api-key: <key>` (Gemini; its `?key=` query is read too).
    XGoogApiKey,
}

/// One provider's mount point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub provider: Provider,
    /// The path prefix clients use (`/openai/v1`).
    pub prefix: &'static str,
    /// The part of the prefix the provider's base URL stands for: the rest of the path is
    /// appended to the base URL (`/openai/v1/chat/completions` → `{base}/chat/completions`).
    pub strip: &'static str,
    pub key: KeyHeader,
}

/// Every route, in the order they are matched.
pub const ROUTES: [Route; 8] = [
    route(
        Provider::OpenAI,
        "/openai/v1",
        "/openai/v1",
        KeyHeader::Bearer,
    ),
    route(
        Provider::Anthropic,
        "/anthropic/v1",
        "/anthropic",
        KeyHeader::XApiKey,
    ),
    route(
        Provider::OpenRouter,
        "/openrouter/api/v1",
        "/openrouter/api/v1",
        KeyHeader::Bearer,
    ),
    route(
        Provider::Gemini,
        "/gemini/v1beta",
        "/gemini",
        KeyHeader::XGoogApiKey,
    ),
    route(
        Provider::Groq,
        "/groq/openai/v1",
        "/groq",
        KeyHeader::Bearer,
    ),
    route(Provider::Xai, "/xai/v1", "/xai/v1", KeyHeader::Bearer),
    route(
        Provider::DeepSeek,
        "/deepseek/v1",
        "/deepseek",
        KeyHeader::Bearer,
    ),
    route(
        Provider::Mistral,
        "/mistral/v1",
        "/mistral",
        KeyHeader::Bearer,
    ),
];

const fn route(
    provider: Provider,
    prefix: &'static str,
    strip: &'static str,
    key: KeyHeader,
) -> Route {
    Route {
        provider,
        prefix,
        strip,
        key,
    }
}

/// The route of `path`, and the path to append to the provider's base URL.
pub fn find(path: &str) -> Option<(Route, &str)> {
    ROUTES.iter().find_map(|r| {
        let rest = path.strip_prefix(r.prefix)?;
        (rest.is_empty() || rest.starts_with('/')).then(|| (*r, &path[r.strip.len()..]))
    })
}

/// The base URL a client of the gateway sets for `provider` (what its SDK's variable holds).
pub fn client_base(gateway: &str, provider: Provider) -> Option<String> {
    let r = ROUTES.iter().find(|r| r.provider == provider)?;
    // SDKs that add the version themselves get the mount point without it.
    let mount = match provider {
        Provider::Anthropic => "/anthropic",
        Provider::Gemini => "/gemini",
        Provider::Groq => "/groq",
        Provider::DeepSeek => "/deepseek",
        Provider::Mistral => "/mistral",
        _ => r.prefix,
    };
    Some(format!("{gateway}{mount}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prefix_maps_onto_its_providers_base_url() {
        let (r, rest) = find("/openai/v1/chat/completions").unwrap();
        assert_eq!((r.provider, rest), (Provider::OpenAI, "/chat/completions"));
        let (r, rest) = find("/anthropic/v1/messages").unwrap();
        assert_eq!((r.provider, rest), (Provider::Anthropic, "/v1/messages"));
        let (r, rest) = find("/gemini/v1beta/models/gemini-2.5-flash:generateContent").unwrap();
        assert_eq!(
            (r.provider, rest),
            (
                Provider::Gemini,
                "/v1beta/models/gemini-2.5-flash:generateContent"
            )
        );
        let (r, rest) = find("/groq/openai/v1/chat/completions").unwrap();
        assert_eq!(
            (r.provider, rest),
            (Provider::Groq, "/openai/v1/chat/completions")
        );
        assert!(find("/openai/v10/x").is_none());
        assert!(find("/elsewhere").is_none());
        assert_eq!(
            client_base("http://127.0.0.1:9", Provider::OpenAI).unwrap(),
            "http://127.0.0.1:9/openai/v1"
        );
        assert_eq!(
            client_base("http://127.0.0.1:9", Provider::Anthropic).unwrap(),
            "http://127.0.0.1:9/anthropic"
        );
    }
}
