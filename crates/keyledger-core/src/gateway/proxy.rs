//! One request through the gateway: refused unless it comes from this machine (loopback `Host`,
//! no browser `Origin`), routed by its prefix, its local token swapped for the real key (or a
//! real key recognised), forwarded with its body untouched — except that a streamed OpenAI chat
//! is asked for its usage — and the answer passed back chunk by chunk as it arrives while its
//! usage is read on the side. Errors pass through unchanged; only the gateway's own are made
//! here, in the provider's error shape.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use futures::Stream;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{
    HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN,
};
use hyper::{Request, Response, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use super::callers::{Callers, Refused};
use super::meter::{self, Format, Metered, StreamMeter};
use super::record::{Record, Recorder};
use super::routes::{self, KeyHeader, Route};
use super::sse;
use super::status::{Counters, Outcome};
use crate::credential::Provider;
use crate::providers::default_base_url;
use crate::vault::Vault;

/// The largest request body forwarded.
pub const MAX_REQUEST: usize = 32 * 1024 * 1024;
/// How much of a whole (not streamed) answer is kept to read its usage.
const MAX_METERED: usize = 16 * 1024 * 1024;

pub type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// What every request can reach.
#[derive(Debug)]
pub struct Shared {
    pub vault: Vault,
    pub client: reqwest::Client,
    pub recorder: Recorder,
    pub counters: Arc<Counters>,
    pub callers: Callers,
}

/// A refusal made by the gateway itself.
struct Refusal {
    status: StatusCode,
    provider: Option<Provider>,
    message: String,
}

fn refuse(status: StatusCode, provider: Option<Provider>, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        provider,
        message: message.into(),
    }
}

impl Refusal {
    /// The refusal in the error shape the provider's SDK reads.
    fn response(self) -> Response<Body> {
        let body = match self.provider {
            Some(Provider::Anthropic) => serde_json::json!({
                "type": "error",
                "error": {"type": "api_error", "message": self.message}
            }),
            Some(Provider::Gemini) => serde_json::json!({
                "error": {"code": self.status.as_u16(), "message": self.message, "status": "UNAVAILABLE"}
            }),
            _ => serde_json::json!({
                "error": {"message": self.message, "type": "keyledger_gateway", "code": self.status.as_u16()}
            }),
        };
        let mut r = Response::new(full(Bytes::from(body.to_string())));
        *r.status_mut() = self.status;
        r.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r
    }
}

fn full(bytes: Bytes) -> Body {
    Full::new(bytes)
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// Answers one request; never fails (a refusal is an answer).
pub async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    shared.counters.request();
    Ok(serve(&shared, req).await.unwrap_or_else(|refusal| {
        shared.counters.count(Outcome::Refused);
        refusal.response()
    }))
}

/// Whether `host` (a `Host` header) names this machine.
fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "::1"
    )
}

/// The key the client sent, where `route`'s provider expects it.
fn client_key(route: Route, headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let bearer = || {
        header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
    };
    let key = match route.key {
        KeyHeader::Bearer => bearer(),
        KeyHeader::XApiKey => header("x-api-key").or_else(bearer),
        KeyHeader::XGoogApiKey => header("x-goog-api-key")
            .or_else(|| query?.split('&').find_map(|kv| kv.strip_prefix("key="))),
    };
    key.filter(|k| !k.is_empty()).map(str::to_owned)
}

/// Headers never forwarded: hop-by-hop ones, and the ones the gateway sets itself.
fn forwarded(name: &HeaderName) -> bool {
    !matches!(
        name.as_str(),
        "host"
            | "connection"
            | "keep-alive"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "proxy-connection"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "content-length"
            | "accept-encoding"
            | "authorization"
            | "x-api-key"
            | "x-goog-api-key"
    )
}

/// The few fields the gateway reads of a JSON request body; the rest (the prompt) is skipped, not
/// parsed. A body that is not a JSON object reads as empty and is forwarded untouched.
#[derive(Debug, Default, Deserialize)]
struct Asked {
    #[serde(default)]
    model: Value,
    #[serde(default)]
    stream: Value,
    #[serde(default)]
    stream_options: Value,
}

impl Asked {
    fn read(body: &[u8]) -> Self {
        serde_json::from_slice(body).unwrap_or_default()
    }

    /// A stream that did not ask for its usage.
    fn streams_without_usage(&self) -> bool {
        self.stream.as_bool() == Some(true)
            && self
                .stream_options
                .get("include_usage")
                .and_then(Value::as_bool)
                != Some(true)
    }

    /// The model a request names (the answer's, when it names one, wins).
    fn model(&self, provider: Provider, path: &str) -> Option<String> {
        if provider == Provider::Gemini {
            let after = path.split("/models/").nth(1)?;
            return Some(after.split([':', '?']).next()?.to_owned());
        }
        self.model.as_str().map(str::to_owned)
    }
}

/// A streamed OpenAI chat request asks for its usage: `stream_options.include_usage`. Returns the
/// new body when the gateway added it (the extra chunk is then kept from the client).
fn ask_for_usage(body: &[u8]) -> Option<Vec<u8>> {
    let mut v: Value = serde_json::from_slice(body).ok()?;
    let options = v
        .as_object_mut()?
        .entry("stream_options")
        .or_insert_with(|| serde_json::json!({}));
    options
        .as_object_mut()?
        .insert("include_usage".to_owned(), Value::Bool(true));
    serde_json::to_vec(&v).ok()
}

async fn serve(shared: &Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, Refusal> {
    let started = Instant::now();
    let host = req
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !loopback_host(host) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            None,
            "the gateway answers only requests addressed to this machine (127.0.0.1, ::1 or localhost)",
        ));
    }
    if req.headers().contains_key(ORIGIN) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            None,
            "the gateway does not answer web pages",
        ));
    }
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let Some((route, rest)) = routes::find(&path) else {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            None,
            format!("no provider at {path}; use /openai/v1, /anthropic/v1, /gemini/v1beta, /openrouter/api/v1, /groq/openai/v1, /xai/v1, /deepseek/v1 or /mistral/v1"),
        ));
    };
    let rest = rest.to_owned();
    let provider = route.provider;
    let key = client_key(route, req.headers(), query.as_deref()).ok_or_else(|| {
        refuse(
            StatusCode::UNAUTHORIZED,
            Some(provider),
            "no key in the request; give the local token (or the key) as the provider's SDK does",
        )
    })?;
    let caller = shared
        .callers
        .find(&shared.vault, provider, &key)
        .await
        .map_err(|refused| match refused {
            Refused::Unauthorized(why) => refuse(StatusCode::UNAUTHORIZED, Some(provider), why),
            Refused::Unavailable(why) => {
                refuse(StatusCode::SERVICE_UNAVAILABLE, Some(provider), why)
            }
        })?;
    let (parts, body) = req.into_parts();
    let body = Limited::new(body, MAX_REQUEST)
        .collect()
        .await
        .map_err(|_| {
            refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                Some(provider),
                "the request body is larger than 32 MiB",
            )
        })?;
    let mut body = body.to_bytes();
    let format = meter::format_of(provider, &rest);
    let asked = Asked::read(&body);
    let mut injected = false;
    if format == Format::OpenAiChat
        && rest.ends_with("/chat/completions")
        && asked.streams_without_usage()
    {
        if let Some(with_usage) = ask_for_usage(&body) {
            body = Bytes::from(with_usage);
            injected = true;
        }
    }
    let model = asked.model(provider, &rest);

    let base = caller
        .credential
        .as_ref()
        .and_then(|c| c.base_url.clone())
        .or_else(|| default_base_url(provider).map(str::to_owned))
        .unwrap_or_default();
    let query = query
        .map(|q| {
            q.split('&')
                .filter(|kv| !kv.starts_with("key="))
                .collect::<Vec<_>>()
                .join("&")
        })
        .filter(|q| !q.is_empty());
    let url = match &query {
        Some(q) => format!("{}{rest}?{q}", base.trim_end_matches('/')),
        None => format!("{}{rest}", base.trim_end_matches('/')),
    };
    let mut upstream = shared.client.request(parts.method.clone(), &url);
    for (name, value) in &parts.headers {
        if forwarded(name) {
            upstream = upstream.header(name, value);
        }
    }
    let secret = caller.secret.expose();
    upstream = match route.key {
        KeyHeader::Bearer => upstream.bearer_auth(secret),
        KeyHeader::XApiKey => upstream.header("x-api-key", secret),
        KeyHeader::XGoogApiKey => upstream.header("x-goog-api-key", secret),
    };
    let answer = upstream.body(body).send().await.map_err(|e| {
        let host = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let why = if e.is_timeout() {
            "no answer in time".to_owned()
        } else {
            crate::providers::http::root_cause(&e)
        };
        refuse(
            StatusCode::BAD_GATEWAY,
            Some(provider),
            crate::providers::guard::scrub(
                &format!("cannot reach {} at {host}: {why}", provider.display_name()),
                secret,
                300,
            ),
        )
    })?;

    let status = answer.status();
    if !status.is_success() {
        shared.counters.count(Outcome::UpstreamError);
    }
    let mut response = Response::builder().status(status.as_u16());
    let is_sse = answer
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    for (name, value) in answer.headers() {
        let hop = matches!(
            name.as_str(),
            "connection" | "keep-alive" | "transfer-encoding" | "upgrade" | "te" | "trailer"
        );
        if hop || (injected && name == CONTENT_LENGTH) {
            continue;
        }
        response = response.header(name, value);
    }
    let record = Record {
        provider,
        credential: caller.credential.as_ref().map(|c| c.id.clone()),
        account: match &caller.credential {
            Some(_) => String::new(),
            None => format!("{} (not stored here)", caller.secret.hint("")),
        },
        model,
        status: status.as_u16(),
        started,
        limits: super::record::rate_limits(answer.headers()),
        metered: None,
        plan: super::record::plan_readings(answer.headers(), crate::clock::now()),
    };
    let metered = status.is_success() && format != Format::None;
    let announced = answer.content_length();
    let stream = Metering {
        upstream: Box::pin(answer.bytes_stream()),
        sse: is_sse.then(sse::Parser::default),
        meter: StreamMeter::new(format),
        format,
        whole: Vec::new(),
        announced,
        passed: 0,
        injected,
        record: Some(record),
        metered,
        recorder: shared.recorder.clone(),
        counters: shared.counters.clone(),
    };
    response
        .body(BodyExt::boxed_unsync(StreamBody::new(stream)))
        .map_err(|e| {
            refuse(
                StatusCode::BAD_GATEWAY,
                Some(provider),
                format!("the answer could not be passed on: {e}"),
            )
        })
}

/// The answer on its way to the client, read on the side for its usage. Dropped before the end
/// (the client went away), it cancels the upstream request and records tokens as unknown.
struct Metering {
    upstream: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    sse: Option<sse::Parser>,
    meter: StreamMeter,
    format: Format,
    /// A whole answer, kept (up to 16 MiB) to read its usage at the end.
    whole: Vec<u8>,
    /// The length the upstream announced, and how much of the answer was passed on.
    announced: Option<u64>,
    passed: u64,
    /// The gateway asked for the usage chunk: it is kept from the client.
    injected: bool,
    record: Option<Record>,
    /// Whether this answer's usage is recorded at all (a success from an endpoint that reports it).
    metered: bool,
    recorder: Recorder,
    counters: Arc<Counters>,
}

impl Metering {
    fn finish(&mut self, complete: bool) {
        let Some(mut record) = self.record.take() else {
            return;
        };
        if !self.metered {
            self.recorder.limits_only(record);
            return;
        }
        // The client may stop reading at the announced length, before the stream's end is seen:
        // a whole answer that parses, or a stream whose final usage came, is complete anyway.
        let got = if self.sse.is_some() {
            let meter = std::mem::replace(&mut self.meter, StreamMeter::new(self.format));
            if complete || meter.is_final() {
                meter.finish()
            } else {
                Metered::default()
            }
        } else {
            meter::from_body(self.format, &self.whole)
        };
        // A client that read the whole announced length got the whole answer.
        let complete = complete || self.announced == Some(self.passed);
        self.counters.count(match (&got.counts, complete) {
            (Some(_), _) => Outcome::Metered,
            (None, true) => Outcome::Malformed,
            (None, false) => Outcome::CutShort,
        });
        record.metered = Some(got);
        self.recorder.send(record);
    }
}

impl Stream for Metering {
    type Item = Result<Frame<Bytes>, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match this.upstream.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => {
                    let rest = this
                        .sse
                        .as_ref()
                        .map(|p| Bytes::copy_from_slice(p.pending()));
                    if let Some(parser) = this.sse.as_mut() {
                        *parser = sse::Parser::default();
                    }
                    this.finish(true);
                    return match rest {
                        Some(rest) if this.injected && !rest.is_empty() => {
                            Poll::Ready(Some(Ok(Frame::data(rest))))
                        }
                        _ => Poll::Ready(None),
                    };
                }
                Poll::Ready(Some(Err(e))) => {
                    this.finish(false);
                    return Poll::Ready(Some(Err(std::io::Error::other(e))));
                }
                Poll::Ready(Some(Ok(chunk))) => {
                    this.passed += chunk.len() as u64;
                    let Some(parser) = this.sse.as_mut() else {
                        if this.metered && this.whole.len() + chunk.len() <= MAX_METERED {
                            this.whole.extend_from_slice(&chunk);
                        }
                        return Poll::Ready(Some(Ok(Frame::data(chunk))));
                    };
                    let events = parser.push(&chunk);
                    let mut kept = Vec::new();
                    for e in &events {
                        let extra = this.meter.event(e);
                        if this.injected && !extra {
                            kept.extend_from_slice(&e.raw);
                        }
                    }
                    if !this.injected {
                        return Poll::Ready(Some(Ok(Frame::data(chunk))));
                    }
                    if !kept.is_empty() {
                        return Poll::Ready(Some(Ok(Frame::data(Bytes::from(kept)))));
                    }
                    // Only part of an event so far (or the extra usage chunk): read on.
                }
            }
        }
    }
}

impl Drop for Metering {
    fn drop(&mut self) {
        self.finish(false);
    }
}
