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

/// The line Claude Code logs when the plan's limit stops it, resetting at `reset` (unix seconds).
pub fn claude_limit_reached(ts: &str, reset: i64) -> String {
    format!(
        concat!(
            r#"{{"type":"assistant","timestamp":"{ts}","message":{{"id":"limit-{reset}","model":"<synthetic>","#,
            r#""content":[{{"type":"text","text":"Claude AI usage limit reached|{reset}"}}],"#,
            r#""usage":{{"input_tokens":0,"output_tokens":0}}}}}}"#
        ),
        ts = ts,
        reset = reset,
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

/// A Codex `token_count` event with `info: null` that carries the plan's windows. Each window is
/// `(used_percent, minutes, resets)` where `resets` is the field as written: `"resets_at":<unix>`
/// (current Codex) or `"resets_in_seconds":<n>` (older files).
pub fn codex_rate_limits(ts: &str, windows: &[(f64, i64, &str)], plan: Option<&str>) -> String {
    let slots = ["primary", "secondary"];
    let mut fields: Vec<String> = windows
        .iter()
        .zip(slots)
        .map(|((used, minutes, resets), slot)| {
            format!(r#""{slot}":{{"used_percent":{used},"window_minutes":{minutes},{resets}}}"#)
        })
        .collect();
    if let Some(plan) = plan {
        fields.push(format!(r#""plan_type":"{plan}""#));
    }
    format!(
        r#"{{"timestamp":"{ts}","type":"event_msg","payload":{{"type":"token_count","info":null,"rate_limits":{{{}}}}}}}"#,
        fields.join(",")
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
        if i.is_multiple_of(13) {
            s.push_str("\\n");
        }
        if i.is_multiple_of(29) {
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

/// A small deterministic random source (xorshift64*), so a corpus is the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What `write_corpus` wrote.
#[derive(Debug, Default)]
pub struct CorpusStats {
    pub files: u64,
    pub bytes: u64,
    pub claude_requests: u64,
    pub codex_events: u64,
}

/// Writes a realistic corpus of about `total_bytes` under `root` (`claude/projects/…`,
/// `codex/sessions/YYYY/MM/DD/…`): file sizes skewed like real logs (most around 100 KB, a few
/// tens of MB), Claude messages logged again now and then, 30 days of timestamps.
pub fn write_corpus(
    root: &std::path::Path,
    total_bytes: u64,
    seed: u64,
) -> std::io::Result<CorpusStats> {
    use std::io::Write;
    let mut rng = Rng::new(seed);
    let mut stats = CorpusStats::default();
    std::fs::create_dir_all(root.join("claude/projects"))?;
    std::fs::create_dir_all(root.join("codex/sessions"))?;
    let models = [
        "claude-sonnet-4-5-20250929",
        "claude-opus-4-1-20250805",
        "claude-haiku-4-5-20251001",
    ];
    let mut n = 0u64;
    while stats.bytes < total_bytes {
        n += 1;
        // Skewed sizes: 1 in 400 files is 20–60 MB, 1 in 20 is 1–4 MB, the rest 20–250 KB.
        let size = match rng.below(400) {
            0 => 20_000_000 + rng.below(40_000_000),
            1..=20 => 1_000_000 + rng.below(3_000_000),
            _ => 20_000 + rng.below(230_000),
        };
        let day = 1 + rng.below(28);
        let codex = rng.below(5) == 0;
        let path = if codex {
            root.join(format!(
                "codex/sessions/2026/10/{day:02}/rollout-2026-10-{day:02}T10-00-00-{n:06}.jsonl"
            ))
        } else {
            root.join(format!(
                "claude/projects/-home-dev-project{}/{n:08x}-session.jsonl",
                n % 40
            ))
        };
        std::fs::create_dir_all(path.parent().unwrap_or(root))?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut written = 0u64;
        let mut minute = rng.below(600);
        let (mut total_in, mut total_cached, mut total_out) = (0i64, 0i64, 0i64);
        let mut line = String::new();
        if codex {
            line = codex_context(&format!("2026-10-{day:02}T08:00:00Z"), "gpt-5-codex");
        }
        while written < size {
            minute += 1;
            let ts = format!(
                "2026-10-{day:02}T{:02}:{:02}:{:02}.123Z",
                (minute / 60) % 24,
                minute % 60,
                rng.below(60)
            );
            if !line.is_empty() {
                writeln!(out, "{line}")?;
                written += line.len() as u64 + 1;
            }
            line = if codex {
                match rng.below(3) {
                    0 => {
                        total_in += 2_000 + rng.below(20_000) as i64;
                        total_cached += rng.below(2_000) as i64;
                        total_out += 100 + rng.below(2_000) as i64;
                        stats.codex_events += 1;
                        codex_tokens(&ts, total_in, total_cached.min(total_in), total_out, 0)
                    }
                    _ => codex_item(&ts, 200 + rng.below(3_000) as usize),
                }
            } else {
                match rng.below(2) {
                    0 => claude_user(&ts, 100 + rng.below(6_000) as usize),
                    _ => {
                        stats.claude_requests += 1;
                        let id = format!("msg_{n:06}_{minute:06}");
                        let text = claude_assistant(
                            &ts,
                            &id,
                            &format!("req_{n:06}_{minute:06}"),
                            models[rng.below(3) as usize],
                            rng.below(50) as i64,
                            10 + rng.below(2_000) as i64,
                            rng.below(5_000) as i64,
                            rng.below(100_000) as i64,
                            100 + rng.below(2_000) as usize,
                        );
                        // Streamed messages are often logged twice.
                        if rng.below(10) == 0 {
                            writeln!(out, "{text}")?;
                            written += text.len() as u64 + 1;
                        }
                        text
                    }
                }
            };
        }
        writeln!(out, "{line}")?;
        written += line.len() as u64 + 1;
        out.flush()?;
        stats.files += 1;
        stats.bytes += written;
    }
    Ok(stats)
}
