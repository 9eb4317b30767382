//! GETs with retries, and cursor pagination: exponential backoff with jitter on 429, 5xx,
//! timeouts and network errors, honouring `retry-after`; never retrying 401/403 or other client
//! errors. Answers that are not the expected JSON (HTML pages, truncated bodies) become clear
//! errors.

use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Why a request failed, kept apart so the retry policy can decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Status {
        code: u16,
        detail: Option<String>,
        retry_after: Option<Duration>,
    },
    Timeout,
    Network(String),
    BadBody(String),
    /// A redirect off the request's origin, refused (the key stays with the provider).
    Redirected,
    /// The answer was larger than [`MAX_BODY`]; reading stopped there.
    TooLarge,
}

impl FetchError {
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { code, .. } => *code == 429 || *code >= 500,
            FetchError::Timeout | FetchError::Network(_) => true,
            FetchError::BadBody(_) | FetchError::Redirected | FetchError::TooLarge => false,
        }
    }

    /// A sentence for the source's status line.
    pub fn describe(&self) -> String {
        match self {
            FetchError::Status {
                code: 401 | 403,
                detail,
                ..
            } => format!(
                "the key was rejected ({}){}",
                code_of(self),
                detail
                    .as_deref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            ),
            FetchError::Status { code: 429, .. } => {
                "rate limited (429) even after retrying; the next poll will try again".to_owned()
            }
            FetchError::Status { code, detail, .. } => format!(
                "the provider answered {code}{}",
                detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            ),
            FetchError::Timeout => "no answer in time (timed out)".to_owned(),
            FetchError::Network(e) => format!("cannot reach the provider: {e}"),
            FetchError::BadBody(e) => format!("the answer is not what the API documents: {e}"),
            FetchError::Redirected => super::guard::REDIRECT_REFUSED.to_owned(),
            FetchError::TooLarge => TOO_LARGE.to_owned(),
        }
    }
}

/// The largest answer read from a provider: documented answers are far smaller, and a server
/// that sends more (a wrong base URL, a hostile endpoint) is not allowed to fill the memory.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// What a capped answer says.
pub const TOO_LARGE: &str =
    "the answer is larger than 16 MiB, so it was not read; check the base URL";

/// Reads `response`'s body, stopping with [`FetchError::TooLarge`] past `cap` bytes (whether or
/// not the server announced its length).
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, FetchError> {
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(FetchError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| {
        if e.is_timeout() {
            FetchError::Timeout
        } else {
            FetchError::Network(root_cause(&e))
        }
    })? {
        if body.len() + chunk.len() > cap {
            return Err(FetchError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn code_of(e: &FetchError) -> u16 {
    match e {
        FetchError::Status { code, .. } => *code,
        _ => 0,
    }
}

/// Retry policy of a client: how many tries and the first delay.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// A page of a cursor-paginated list, the shape OpenAI's and Anthropic's admin APIs share.
#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
    #[serde(default)]
    has_more: bool,
    next_page: Option<String>,
}

/// Most pages a poll follows before giving up (a loop guard, not a real-world limit).
const MAX_PAGES: usize = 500;

/// Follows `next_page` from the first page to the last, in order, collecting every item.
/// `build(page)` makes the request for a page (`None` for the first).
pub async fn all_pages<T: DeserializeOwned>(
    build: impl Fn(Option<&str>) -> RequestBuilder,
    policy: RetryPolicy,
) -> Result<Vec<T>, FetchError> {
    let mut items = Vec::new();
    let mut page: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let body: Page<T> = get_json(|| build(page.as_deref()), policy).await?;
        items.extend(body.data);
        match (body.has_more, body.next_page) {
            (true, Some(next)) => page = Some(next),
            _ => return Ok(items),
        }
    }
    Err(FetchError::BadBody(format!("more than {MAX_PAGES} pages")))
}

/// Every page of a report paginated by `page` (the previous page's `next_page`), as OpenAI's and
/// Anthropic's usage and cost reports are; `first()` makes the first page's request.
pub async fn report_pages<T: DeserializeOwned>(
    first: impl Fn() -> RequestBuilder,
    policy: RetryPolicy,
) -> Result<Vec<T>, FetchError> {
    all_pages(
        |page| match page {
            Some(p) => first().query(&[("page", p)]),
            None => first(),
        },
        policy,
    )
    .await
}

/// A page of a list paginated by id (`after` / `after_id` = the previous page's `last_id`), the
/// shape of OpenAI's project and key lists and Anthropic's key list.
#[derive(Deserialize)]
struct ListPage<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
    #[serde(default)]
    has_more: bool,
    last_id: Option<String>,
}

/// Follows `last_id` from the first page to the last, in order, collecting every item.
/// `build(after)` makes the request for the page after `after` (`None` for the first).
pub async fn all_after<T: DeserializeOwned>(
    build: impl Fn(Option<&str>) -> RequestBuilder,
    policy: RetryPolicy,
) -> Result<Vec<T>, FetchError> {
    let mut items = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let body: ListPage<T> = get_json(|| build(after.as_deref()), policy).await?;
        items.extend(body.data);
        match (body.has_more, body.last_id) {
            (true, Some(last)) if after.as_deref() != Some(last.as_str()) => after = Some(last),
            _ => return Ok(items),
        }
    }
    Err(FetchError::BadBody(format!("more than {MAX_PAGES} pages")))
}

/// Sends the request built by `build` (again on each retry) and parses JSON into `T`.
pub async fn get_json<T: DeserializeOwned>(
    build: impl Fn() -> RequestBuilder,
    policy: RetryPolicy,
) -> Result<T, FetchError> {
    let backoff = ExponentialBuilder::default()
        .with_min_delay(policy.min_delay)
        .with_max_delay(policy.max_delay)
        .with_max_times(policy.max_retries)
        .with_jitter();
    let max_delay = policy.max_delay;
    (|| async { once(build()).await })
        .retry(backoff)
        .when(FetchError::retryable)
        // `retry-after` sets the wait of a retry the policy grants; once the retries are spent
        // (`planned` is none) it does not buy another.
        .adjust(move |e, planned| match (e, planned) {
            (
                FetchError::Status {
                    retry_after: Some(after),
                    ..
                },
                Some(_),
            ) => Some((*after).min(max_delay)),
            _ => planned,
        })
        .await
}

async fn once<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, FetchError> {
    let response = request.send().await.map_err(|e| {
        if e.is_redirect() {
            FetchError::Redirected
        } else if e.is_timeout() {
            FetchError::Timeout
        } else {
            FetchError::Network(root_cause(&e))
        }
    })?;
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let bytes = read_capped(response, MAX_BODY).await?;
    let body = String::from_utf8_lossy(&bytes);
    if status != StatusCode::OK {
        return Err(FetchError::Status {
            code: status.as_u16(),
            detail: error_detail(&body),
            retry_after,
        });
    }
    serde_json::from_str(&body).map_err(|e| {
        let start = body.trim_start();
        FetchError::BadBody(if start.starts_with('<') {
            "an HTML page instead of JSON; check the base URL".to_owned()
        } else {
            format!("invalid JSON ({})", crate::text::cut(&e.to_string(), 160))
        })
    })
}

/// Longest provider sentence kept, in characters: long enough that a key inside it is whole
/// (it is scrubbed, then shortened, where it is shown).
const MAX_DETAIL: usize = 4096;

/// The provider's own error sentence (`error.message`, `message`, or a string `error`).
pub(crate) fn error_detail(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let text = v
        .pointer("/error/message")
        .or_else(|| v.get("message"))
        .or_else(|| v.get("error").filter(|e| e.is_string()))?
        .as_str()?;
    Some(text.chars().take(MAX_DETAIL).collect())
}

pub(crate) fn root_cause(e: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    source.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// A server that always answers 429 with `retry-after` gets the policy's retries, no more.
    #[tokio::test]
    async fn retry_after_never_extends_the_retries() {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
            .expect(3)
            .mount(&server)
            .await;
        let client = reqwest::Client::new();
        let policy = RetryPolicy {
            max_retries: 2,
            min_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        };
        let got = get_json::<serde_json::Value>(|| client.get(server.uri()), policy).await;
        assert!(
            matches!(got, Err(FetchError::Status { code: 429, .. })),
            "{got:?}"
        );
    }
}
