//! Generates agent logs in the formats Claude Code and Codex write (compact JSON lines, as the
//! agents write them) — for the ingestion tests and the benchmark corpus. Never real user logs.

#![allow(dead_code)] // shared by the tests and the benchmark, each using a part

use std::fmt::Write as _;

/// A Claude Code assistant line with usage, and `filler` bytes of message text.
#[allow(clippy::too_many_arguments)]
pub fn claude_assistant(
    ts: &str,
    message_id: &str,
    request_id: &str,
    model: &str,
    input: i64,
    output: i64,
    cache_write: i64,
    cache_read: i64,
    filler: usize,
) -> String {
    format!(
        concat!(
            r#"{{"parentUuid":"00000000-0000-0000-0000-000000000000","isSidechain":false,"userType":"external","#,
            r#""cwd":"/home/dev/project","sessionId":"s","version":"2.0.0","gitBranch":"main","type":"assistant","#,
            r#""message":{{"id":"{id}","type":"message","role":"assistant","model":"{model}","#,
            r#""content":[{{"type":"text","text":"{text}"}}],"stop_reason":null,"stop_sequence":null,"#,
            r#""usage":{{"input_tokens":{input},"cache_creation_input_tokens":{cw},"cache_read_input_tokens":{cr},"#,
            r#""output_tokens":{output},"service_tier":"standard"}}}},"requestId":"{req}","#,
            r#""uuid":"11111111-1111-1111-1111-111111111111","timestamp":"{ts}"}}"#
        ),
        id = message_id,
        model = model,
        text = filler_text(filler),
        input = input,
        cw = cache_write,
        cr = cache_read,
        output = output,
        req = request_id,
        ts = ts,
    )
}

/// A Claude Code user line (a prompt or tool result) of about `filler` bytes: no usage.
pub fn claude_user(ts: &str, filler: usize) -> String {
    format!(
        r#"{{"parentUuid":null,"type":"user","message":{{"role":"user","content":"{}"}},"uuid":"u","timestamp":"{ts}"}}"#,
        filler_text(filler)
    )
}

/// Codex's `turn_context` line naming the model.
pub fn codex_context(ts: &str, model: &str) -> String {
    format!(
        r#"{{"timestamp":"{ts}","type":"turn_context","payload":{{"cwd":"/home/dev/project","approval_policy":"on-request","model":"{model}","summary":"auto"}}}}"#
    )
}

/// Codex's `token_count` event with the session's running total.
pub fn codex_tokens(ts: &str, input: i64, cached: i64, output: i64, reasoning: i64) -> String {
    format!(
        concat!(
            r#"{{"timestamp":"{ts}","type":"event_msg","payload":{{"type":"token_count","info":{{"#,
            r#""total_token_usage":{{"input_tokens":{i},"cached_input_tokens":{c},"output_tokens":{o},"#,
            r#""reasoning_output_tokens":{r},"total_tokens":{t}}},"#,
            r#""last_token_usage":{{"input_tokens":0,"cached_input_tokens":0,"output_tokens":0,"reasoning_output_tokens":0,"total_tokens":0}},"#,
            r#""model_context_window":272000}}}}}}"#
        ),
        ts = ts,
        i = input,
        c = cached,
        o = output,
        r = reasoning,
        t = input + output,
    )
}

/// A Codex response item (the model's text): no usage.
pub fn codex_item(ts: &str, filler: usize) -> String {
    format!(
        r#"{{"timestamp":"{ts}","type":"response_item","payload":{{"type":"message","role":"assistant","content":[{{"type":"output_text","text":"{}"}}]}}}}"#,
        filler_text(filler)
    )
}

/// Plain text of `n` bytes, with the escapes real logs have.
pub fn filler_text(n: usize) -> String {
    let mut s = String::with_capacity(n + 16);
    let mut i = 0usize;
    while s.len() < n {
        let _ = write!(s, "word{} ", i % 97);
        if i % 13 == 0 {
            s.push_str("\\n");
        }
        if i % 29 == 0 {
            s.push_str("\\\"quoted\\\" ");
        }
        i += 1;
    }
    s
}

/// Joins lines, each ending with a newline.
pub fn lines(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out
}
