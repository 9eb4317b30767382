//! Property tests: every parser that takes bytes from outside — `.env` files, JWTs, Claude and
//! Codex log lines, each provider's JSON answers, backups and price files — gets random bytes,
//! byte-mutated samples and samples with hostile values (extreme numbers, wrong types, control
//! characters), and must answer with a value or a short, clear error: never a panic, never a
//! negative token count, never an echo of the input. 10,000 cases per parser;
//! `KEYLEDGER_FUZZ_CASES` asks for more (or fewer).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

use crate::usage::Counts;

fn config() -> ProptestConfig {
    let cases = std::env::var("KEYLEDGER_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The longest error a hostile input may produce: enough to say what is wrong and where, too
/// short to carry the input back.
const MAX_ERROR_CHARS: usize = 400;

/// `seed` with up to 8 bytes set, inserted, removed, or the rest cut off.
fn byte_mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((any::<Index>(), any::<u8>(), 0u8..4), 1..8).prop_map(move |ops| {
        let mut b = seed.clone();
        for (at, byte, op) in ops {
            let i = if b.is_empty() { 0 } else { at.index(b.len()) };
            match op {
                0 if !b.is_empty() => b[i] = byte,
                1 => b.insert(i, byte),
                2 if !b.is_empty() => {
                    b.remove(i);
                }
                _ => b.truncate(i),
            }
        }
        b
    })
}

/// `seed` (JSON) with values swapped for hostile ones, chosen by `choices`.
fn value_mutated(seed: Value) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 16..64).prop_map(move |choices| {
        let mut v = seed.clone();
        let mut c = choices.into_iter().cycle();
        twist(&mut v, &mut c);
        serde_json::to_vec(&v).unwrap()
    })
}

fn twist(v: &mut Value, c: &mut impl Iterator<Item = u8>) {
    let mut pick = || c.next().unwrap_or(0);
    let hostile = |n: u8| match n % 12 {
        0 => json!(i64::MIN),
        1 => json!(i64::MAX),
        2 => json!(-1),
        3 => json!(u64::MAX),
        4 => json!(1e308),
        5 => json!(-1e308),
        6 => json!(0.5),
        7 => json!("12"),
        8 => Value::Null,
        9 => json!("\u{202e}\u{1b}[2J\u{0}"),
        10 => json!([]),
        _ => json!({}),
    };
    match v {
        Value::Array(items) => {
            let n = pick();
            if n % 9 == 0 {
                items.clear();
            }
            for item in items.iter_mut() {
                twist(item, &mut *c);
            }
            return;
        }
        Value::Object(fields) => {
            let n = pick();
            if n % 7 == 0 {
                if let Some(k) = fields
                    .keys()
                    .nth(usize::from(n) % fields.len().max(1))
                    .cloned()
                {
                    fields.remove(&k);
                }
            }
            for (_, field) in fields.iter_mut() {
                twist(field, &mut *c);
            }
            return;
        }
        _ => {}
    }
    let n = pick();
    if n % 3 == 0 {
        *v = hostile(pick());
    }
}

/// Random bytes, the seed mutated byte by byte, or the seed with hostile values.
fn hostile(seed: Value) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        byte_mutated(serde_json::to_vec(&seed).unwrap()),
        value_mutated(seed),
    ]
}

fn non_negative(c: &Counts) -> bool {
    [
        c.input,
        c.output,
        c.cached,
        c.cache_write,
        c.reasoning,
        c.requests,
    ]
    .iter()
    .all(|n| *n >= 0)
}

fn short(message: &str) -> bool {
    message.chars().count() <= MAX_ERROR_CHARS
}

// --- agent logs ------------------------------------------------------------------------------

fn claude_line() -> Value {
    json!({
        "type": "assistant",
        "timestamp": "2026-11-20T10:00:00.000Z",
        "requestId": "req_1",
        "message": {
            "id": "msg_1",
            "model": "claude-sonnet-4-5-20250929",
            "usage": {
                "input_tokens": 100,
                "output_tokens": 20,
                "cache_creation_input_tokens": 300,
                "cache_read_input_tokens": 4000
            }
        }
    })
}

fn codex_tokens() -> Value {
    json!({
        "timestamp": "2026-11-22T10:00:02.000Z",
        "type": "event_msg",
        "payload": {
            "type": "token_count",
            "info": {
                "total_token_usage": {
                    "input_tokens": 10000, "cached_input_tokens": 4000,
                    "output_tokens": 1000, "reasoning_output_tokens": 200, "total_tokens": 11000
                },
                "last_token_usage": {
                    "input_tokens": 10000, "cached_input_tokens": 4000,
                    "output_tokens": 1000, "reasoning_output_tokens": 200, "total_tokens": 11000
                }
            },
            "rate_limits": {
                "primary": { "used_percent": 12.5, "window_minutes": 300, "resets_at": 1795300000 }
            }
        }
    })
}

fn codex_rate_limits() -> Value {
    json!({
        "timestamp": "2026-11-22T10:00:03.000Z",
        "type": "event_msg",
        "payload": {
            "type": "token_count",
            "info": null,
            "rate_limits": {
                "primary": { "used_percent": 7.0, "window_minutes": 300, "resets_at": 1_763_483_205 },
                "secondary": { "used_percent": 77.0, "window_minutes": 10080, "resets_in_seconds": 86_400 },
                "plan_type": "plus"
            }
        }
    })
}

fn codex_context() -> Value {
    json!({
        "timestamp": "2026-11-22T10:00:00.000Z",
        "type": "turn_context",
        "payload": { "model": "gpt-5-codex", "cwd": "/home/dev" }
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn claude_log_lines(line in hostile(claude_line())) {
        if let crate::agent_logs::claude::Parsed::Usage(u) = crate::agent_logs::claude::parse(&line) {
            prop_assert!(non_negative(&u.counts), "{:?}", u.counts);
        }
    }

    #[test]
    fn codex_log_lines(
        lines in prop::collection::vec(
            prop_oneof![hostile(codex_tokens()), hostile(codex_context()), hostile(codex_rate_limits())],
            1..5,
        )
    ) {
        let mut carry = crate::agent_logs::codex::Carry::default();
        let mut plan = Vec::new();
        for line in &lines {
            if let crate::agent_logs::codex::Parsed::Usage(u) =
                crate::agent_logs::codex::parse(line, &mut carry, "rollout.jsonl", &mut plan)
            {
                prop_assert!(non_negative(&u.counts), "{:?}", u.counts);
            }
        }
        for r in &plan {
            prop_assert!((0.0..=100.0).contains(&r.used_percent), "{r:?}");
        }
    }
}

// --- .env files and JWTs ---------------------------------------------------------------------

const ENV_FILE: &str = "# keys\nexport OPENAI_API_KEY=\"sk-proj-abcdef0123456789abcdef\"\r\n\
ANTHROPIC_API_KEY='sk-ant-api03-abc'\nEMPTY=\nMULTI=\"line one\nline two\"\n";

const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.\
eyJzdWIiOiJ1c2VyXzEyMyIsImV4cCI6MTc5NTMwNTYwMCwiaWF0IjoxNzYzNzY5NjAwLCJzY29wZSI6WyJhIiwiYiJdfQ.\
c2lnbmF0dXJl";

fn env_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        byte_mutated(ENV_FILE.as_bytes().to_vec())
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn jwt_text() -> impl Strategy<Value = String> {
    let claims = json!({"sub": "user_123", "exp": 1795305600, "iat": 1763769600, "scope": ["a"]});
    prop_oneof![
        any::<String>(),
        byte_mutated(JWT.as_bytes().to_vec())
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        value_mutated(claims).prop_map(|c| {
            use base64::Engine;
            let part = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(c);
            format!("eyJhbGciOiJSUzI1NiJ9.{part}.c2ln")
        }),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn env_files(text in env_text()) {
        for (line, var, _) in crate::envfile::assignments(&text) {
            prop_assert!(line >= 1);
            prop_assert!(var.chars().count() <= text.chars().count().max(20));
        }
    }

    #[test]
    fn jwts(key in jwt_text()) {
        if let Some(info) = crate::token::decode(&key) {
            prop_assert!(info.scope.map_or(0, |s| s.len()) <= key.len());
        }
    }
}

// --- price files and backups -----------------------------------------------------------------

fn price_file() -> Value {
    json!({
        "sample_spec": { "input_cost_per_token": 0 },
        "gpt-4.1-mini": {
            "litellm_provider": "openai",
            "input_cost_per_token": 4e-7,
            "output_cost_per_token": 1.6e-6,
            "cache_read_input_token_cost": 1e-7
        },
        "claude-sonnet-4-5": {
            "litellm_provider": "anthropic",
            "input_cost_per_token": 3e-6,
            "output_cost_per_token": 1.5e-5,
            "cache_creation_input_token_cost": 3.75e-6
        }
    })
}

fn backup_document() -> Value {
    json!({
        "format": "keyledger-backup",
        "version": 1,
        "created_at": "2026-11-20T10:00:00Z",
        "credentials": [{
            "id": "4f1c2b9e-8a57-4a53-9a0e-1b2c3d4e5f60",
            "provider": "openai",
            "kind": "api",
            "label": "work",
            "profile": "default",
            "base_url": null,
            "created_at": "2026-11-01T00:00:00Z",
            "expires_at": null,
            "expires_source": null,
            "token_issuer": null,
            "token_scope": null,
            "notes": "",
            "secret": "sk-proj-abcdef0123456789abcdef"
        }]
    })
}

/// A real age file (passphrase "fuzz", the cheapest work factor) of the backup document, so
/// mutated copies reach every step of decryption quickly.
static SEALED: LazyLock<Vec<u8>> = LazyLock::new(|| {
    use std::io::Write;
    let mut recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from("fuzz".to_owned()));
    recipient.set_work_factor(2);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _)).unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer
        .write_all(&serde_json::to_vec(&backup_document()).unwrap())
        .unwrap();
    writer.finish().unwrap();
    out
});

proptest! {
    #![proptest_config(config())]

    #[test]
    fn price_files(text in hostile(price_file())) {
        let text = String::from_utf8_lossy(&text);
        match crate::pricing::file::parse(&text, "fuzz") {
            Ok(prices) => {
                for p in prices {
                    prop_assert!(!p.input.is_sign_negative() && !p.output.is_sign_negative());
                }
            }
            Err(e) => prop_assert!(short(&e.to_string()), "{e}"),
        }
    }

    #[test]
    fn backup_documents(plain in hostile(backup_document())) {
        if let Err(e) = crate::backup::read_document(&plain) {
            prop_assert_eq!(e.code(), "damaged_backup");
            prop_assert!(short(&e.to_string()), "{}", e);
            prop_assert!(!e.to_string().contains("sk-proj-"), "{}", e);
        }
    }

    #[test]
    fn backup_files(sealed in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        byte_mutated(SEALED.clone()),
    ]) {
        let passphrase = secrecy::SecretString::from("fuzz".to_owned());
        if let Err(e) = crate::backup::decrypt(&sealed, passphrase) {
            prop_assert!(
                matches!(e.code(), "damaged_backup" | "wrong_passphrase"),
                "{}", e
            );
            prop_assert!(short(&e.to_string()), "{}", e);
        }
    }
}

// --- provider answers ------------------------------------------------------------------------

/// A local stand-in for every provider: each request gets the next queued answer, then an empty
/// last page, so a hostile `has_more` cannot loop.
struct Feed(Queue);

/// Answers waiting to be served: status code and body.
type Queue = Arc<Mutex<VecDeque<(u16, Vec<u8>)>>>;

impl wiremock::Respond for Feed {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        let next = self.0.lock().unwrap().pop_front();
        let (code, body) = next.unwrap_or((200, br#"{"data":[],"has_more":false}"#.to_vec()));
        wiremock::ResponseTemplate::new(code).set_body_raw(body, "application/json")
    }
}

struct Fake {
    runtime: tokio::runtime::Runtime,
    uri: String,
    queue: Queue,
    client: reqwest::Client,
    _server: wiremock::MockServer,
}

static FAKE: LazyLock<Fake> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let queue = Arc::new(Mutex::new(VecDeque::new()));
    let server = runtime.block_on(async {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Feed(queue.clone()))
            .mount(&server)
            .await;
        server
    });
    Fake {
        uri: server.uri(),
        client: crate::providers::http_client(std::time::Duration::from_secs(5)).unwrap(),
        runtime,
        queue,
        _server: server,
    }
});

/// Provider calls share one fake server: one at a time.
static TURN: Mutex<()> = Mutex::new(());

fn no_retries() -> crate::providers::http::RetryPolicy {
    crate::providers::http::RetryPolicy {
        max_retries: 0,
        min_delay: std::time::Duration::ZERO,
        max_delay: std::time::Duration::ZERO,
    }
}

/// Serves `body` (with `code`) to the next request and runs `call` against the fake.
fn answered<T>(code: u16, body: Vec<u8>, call: impl std::future::Future<Output = T>) -> T {
    let _turn = TURN.lock().unwrap_or_else(|p| p.into_inner());
    let fake = &*FAKE;
    {
        let mut queue = fake.queue.lock().unwrap();
        queue.clear();
        queue.push_back((code, body));
    }
    fake.runtime.block_on(call)
}

fn span() -> (DateTime<Utc>, DateTime<Utc>) {
    (
        "2026-11-01T00:00:00Z".parse().unwrap(),
        "2026-11-02T00:00:00Z".parse().unwrap(),
    )
}

fn usage_page() -> Value {
    json!({
        "object": "page", "has_more": true, "next_page": "page_2",
        "data": [{
            "object": "bucket", "start_time": 1761955200, "end_time": 1762041600,
            "starting_at": "2025-11-01T00:00:00Z", "ending_at": "2025-11-02T00:00:00Z",
            "results": [{
                "input_tokens": 1000, "input_cached_tokens": 200, "output_tokens": 50,
                "num_model_requests": 3, "model": "gpt-4.1-mini", "api_key_id": "key_1",
                "uncached_input_tokens": 800, "cache_read_input_tokens": 200,
                "cache_creation": { "ephemeral_5m_input_tokens": 10, "ephemeral_1h_input_tokens": 5 },
                "server_tool_use": { "web_search_requests": 1 }
            }]
        }]
    })
}

fn cost_page() -> Value {
    json!({
        "has_more": false, "next_page": null,
        "data": [{
            "start_time": 1761955200, "starting_at": "2025-11-01T00:00:00Z",
            "results": [{
                "amount": { "value": 0.42, "currency": "usd" },
                "currency": "USD", "amount_str": "42.5",
                "line_item": "gpt-4.1-mini, input", "description": "Claude Sonnet 4 Usage - Input Tokens",
                "model": "claude-sonnet-4-20250514", "api_key_id": "key_1", "cost_type": "tokens"
            }]
        }]
    })
}

fn key_list() -> Value {
    json!({
        "data": [{
            "id": "key_1", "name": "laptop", "redacted_value": "sk-proj-…a1B2",
            "partial_key_hint": "sk-ant-api03-R2D…igAA", "status": "active",
            "created_at": 1761955200, "last_used_at": null, "owner": { "type": "user" }
        }],
        "has_more": true, "last_id": "key_1", "first_id": "key_1"
    })
}

fn balance_answers() -> Value {
    json!({
        "data": {
            "label": "sk-or-v1-abc…xyz", "usage": 12.5, "limit": 100, "limit_remaining": 87.5,
            "is_free_tier": false, "total_credits": 50, "total_usage": 12.5
        },
        "is_available": true,
        "balance_infos": [{ "currency": "USD", "total_balance": "110.00",
                            "granted_balance": "10.00", "topped_up_balance": "100.00" }],
        "api_key_blocked": false, "api_key_disabled": false, "team_blocked": false,
        "name": "laptop", "redacted_api_key": "xai-…abcd", "acls": ["api-key:model:*"]
    })
}

fn error_answer() -> Value {
    json!({ "error": { "message": "Incorrect API key provided: sk-proj-****abcd", "type": "invalid_request_error" } })
}

fn any_code() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(400),
        Just(401),
        Just(403),
        Just(404),
        Just(429)
    ]
}

const KEY: &str = "sk-proj-FUZZabcdefghijklmnopqrstuvwxyz0123456789";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn usage_reports(body in prop_oneof![hostile(usage_page()), hostile(error_answer())], code in any_code()) {
        let c = &FAKE.client;
        let uri = FAKE.uri.clone();
        let (openai, anthropic) = answered(code, body.clone(), async {
            let a = crate::providers::openai::usage(c, &uri, KEY, span(), crate::usage::Width::Day, no_retries()).await;
            FAKE.queue.lock().unwrap().push_front((code, body));
            let b = crate::providers::anthropic::usage(c, &uri, KEY, span(), crate::usage::Width::Day, no_retries()).await;
            (a, b)
        });
        for result in [openai, anthropic] {
            match result {
                Ok(buckets) => for b in buckets {
                    prop_assert!(non_negative(&b.counts), "{:?}", b.counts);
                },
                Err(e) => {
                    prop_assert!(short(&e.describe()), "{}", e.describe());
                    prop_assert!(!e.describe().contains(KEY));
                }
            }
        }
    }

    #[test]
    fn cost_reports(body in prop_oneof![hostile(cost_page()), hostile(error_answer())], code in any_code()) {
        let c = &FAKE.client;
        let uri = FAKE.uri.clone();
        let (from, to) = span();
        let (openai, anthropic) = answered(code, body.clone(), async {
            let a = crate::providers::openai::costs(c, &uri, KEY, from, to, no_retries()).await;
            FAKE.queue.lock().unwrap().push_front((code, body));
            let b = crate::providers::anthropic::costs(c, &uri, KEY, from, to, no_retries()).await;
            (a, b)
        });
        for result in [openai, anthropic] {
            if let Err(e) = result {
                prop_assert!(short(&e.describe()), "{}", e.describe());
            }
        }
    }

    #[test]
    fn key_lists(body in hostile(key_list()), code in any_code()) {
        let c = &FAKE.client;
        let uri = FAKE.uri.clone();
        let (openai, anthropic) = answered(code, body.clone(), async {
            let a = crate::providers::openai::keys(c, &uri, KEY, no_retries()).await;
            FAKE.queue.lock().unwrap().push_front((code, body));
            let b = crate::providers::anthropic::keys(c, &uri, KEY, no_retries()).await;
            (a, b)
        });
        for result in [openai, anthropic] {
            if let Err(e) = result {
                prop_assert!(short(&e.describe()), "{}", e.describe());
            }
        }
    }

    #[test]
    fn balances_and_key_flags(body in prop_oneof![hostile(balance_answers()), hostile(error_answer())], code in any_code()) {
        let c = &FAKE.client;
        let uri = FAKE.uri.clone();
        let described = answered(code, body.clone(), async {
            let mut errors = Vec::new();
            let q = |b: &Vec<u8>| FAKE.queue.lock().unwrap().push_front((code, b.clone()));
            errors.push(crate::providers::openrouter::key_info(c, &uri, KEY, no_retries()).await.err());
            q(&body);
            errors.push(crate::providers::openrouter::credits_left(c, &uri, KEY, no_retries()).await.err());
            q(&body);
            errors.push(crate::providers::deepseek::balance(c, &uri, KEY, no_retries()).await.err());
            q(&body);
            errors.push(crate::providers::xai::key_status(c, &uri, KEY, no_retries()).await.err());
            errors
        });
        for e in described.into_iter().flatten() {
            prop_assert!(short(&e.describe()), "{}", e.describe());
        }
    }

    #[test]
    fn key_checks(
        body in prop_oneof![hostile(error_answer()), hostile(balance_answers()), hostile(key_list())],
        code in any_code(),
        provider in prop_oneof![
            Just(crate::credential::Provider::OpenAI),
            Just(crate::credential::Provider::Anthropic),
            Just(crate::credential::Provider::OpenRouter),
            Just(crate::credential::Provider::Xai),
            Just(crate::credential::Provider::Other),
        ],
    ) {
        let uri = FAKE.uri.clone();
        let checker = crate::providers::check::Checker::new(std::time::Duration::from_secs(5)).unwrap();
        let secret = crate::secret::ApiSecret::parse(KEY).unwrap();
        let probe = answered(code, body, async {
            checker.check(provider, crate::credential::Kind::Api, Some(&uri), &secret).await
        });
        prop_assert!(short(&probe.message), "{}", probe.message);
        prop_assert!(!probe.message.contains(KEY), "{}", probe.message);
    }
}

// --- the gateway's streams ----------------------------------------------------------------------

/// One event as a server may frame it: an optional name, data lines, comments, and its line end.
fn sse_event() -> impl Strategy<Value = (Option<String>, Vec<String>, bool, &'static str)> {
    (
        prop::option::of("[a-z_]{1,12}"),
        prop::collection::vec("[ -~]{0,40}", 1..4),
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
}

proptest! {
    #![proptest_config(config())]

    /// However a stream is framed and cut into chunks, the same events come out, with their
    /// bytes; and no byte sequence makes the reader or the usage meter panic.
    #[test]
    fn sse_framings(
        events in prop::collection::vec(sse_event(), 0..6),
        cuts in prop::collection::vec(any::<Index>(), 0..8),
        noise in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut stream = Vec::new();
        let mut expected = Vec::new();
        for (name, data, comment, eol) in &events {
            if *comment {
                stream.extend_from_slice(format!(": keep-alive{eol}").as_bytes());
            }
            if let Some(name) = name {
                stream.extend_from_slice(format!("event: {name}{eol}").as_bytes());
            }
            for line in data {
                stream.extend_from_slice(format!("data: {line}{eol}").as_bytes());
            }
            stream.extend_from_slice(eol.as_bytes());
            expected.push((name.clone(), data.join("\n")));
        }
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(stream.len() + 1)).collect();
        at.sort_unstable();
        let mut parser = crate::gateway::sse::Parser::default();
        let mut got = Vec::new();
        let mut raw = Vec::new();
        let mut start = 0;
        for end in at.into_iter().chain([stream.len()]) {
            for e in parser.push(&stream[start..end]) {
                raw.extend_from_slice(&e.raw);
                got.push((e.name, e.data));
            }
            start = end;
        }
        raw.extend_from_slice(parser.pending());
        prop_assert_eq!(got, expected);
        prop_assert_eq!(raw, stream, "every byte is passed on, once, in order");

        let mut meter = crate::gateway::meter::StreamMeter::new(crate::gateway::meter::Format::Anthropic);
        for e in crate::gateway::sse::Parser::default().push(&noise) {
            meter.event(&e);
        }
        if let Some(c) = meter.finish().counts {
            prop_assert!(non_negative(&c), "{:?}", c);
        }
    }
}
