//! What keeps a key from leaving by a side door of an HTTP exchange: redirects are followed only
//! within the origin a request started at, and text a provider sends back is scrubbed of the key
//! (whole or cut short) before it is shortened and shown.

use std::fmt;

/// What a refused redirect says.
pub const REDIRECT_REFUSED: &str = "the provider redirected to another host; not followed";

/// How many redirects within one origin are followed.
const MAX_REDIRECTS: usize = 5;

/// Follows a redirect only to the same scheme, host and port. reqwest drops `Authorization` on
/// a redirect to another host, but not `x-api-key` (Anthropic) or `x-goog-api-key` (Gemini),
/// and it follows https → http; so no redirect leaves the origin at all.
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let allowed = attempt.previous().len() <= MAX_REDIRECTS
            && attempt
                .previous()
                .first()
                .is_some_and(|from| same_origin(from, attempt.url()));
        if allowed {
            attempt.follow()
        } else {
            attempt.error(RedirectRefused)
        }
    })
}

fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The error a refused redirect ends the request with.
#[derive(Debug)]
struct RedirectRefused;

impl fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDIRECT_REFUSED)
    }
}

impl std::error::Error for RedirectRefused {}

/// How many of a key's first characters, met in a text, mark the key even when the rest of it
/// was cut off.
const KEY_PREFIX: usize = 12;

/// `text` with every appearance of `key` replaced by `<key>`: the whole key, and any run that
/// starts with its first 12 characters (a key cut short by whoever shortened the text). Then cut
/// to `max_chars` characters.
pub fn scrub(text: &str, key: &str, max_chars: usize) -> String {
    crate::text::cut(&scrub_all(text, key), max_chars).into_owned()
}

fn scrub_all(text: &str, key: &str) -> String {
    let prefix: String = key.chars().take(KEY_PREFIX).collect();
    if prefix.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&prefix) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let matched: usize = tail
            .chars()
            .zip(key.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        out.push_str("<key>");
        rest = &tail[matched..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_stay_on_their_origin() {
        let url = |s: &str| url::Url::parse(s).unwrap();
        assert!(same_origin(
            &url("https://api.example/v1/a"),
            &url("https://api.example:443/v1/b")
        ));
        for other in [
            "http://api.example/v1/a",
            "https://evil.example/v1/a",
            "https://api.example:8443/v1/a",
            "https://sub.api.example/v1/a",
        ] {
            assert!(
                !same_origin(&url("https://api.example/v1/a"), &url(other)),
                "{other}"
            );
        }
    }

    #[test]
    fn keys_are_scrubbed_whole_or_cut_short_before_the_text_is_shortened() {
        let key = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
        assert_eq!(
            scrub(&format!("bad key {key}!"), key, 300),
            "bad key <key>!"
        );
        // Cut by a proxy after 20 characters: still the key.
        assert_eq!(
            scrub(&format!("bad key {}", &key[..20]), key, 300),
            "bad key <key>"
        );
        // Fewer than 12 characters of it are not enough to tell.
        assert_eq!(scrub("eyJhbGciOiJ", key, 300), "eyJhbGciOiJ");
        assert_eq!(
            scrub(&format!("{key} and {key}"), key, 300),
            "<key> and <key>"
        );
        let long = format!("{} {key}", "x".repeat(290));
        let shown = scrub(&long, key, 300);
        assert!(!shown.contains(&key[..KEY_PREFIX]), "{shown}");
        assert!(shown.chars().count() <= 301);
        assert_eq!(
            scrub("naïve ünïcode", "sk-none-of-it-here", 300),
            "naïve ünïcode"
        );
    }
}
