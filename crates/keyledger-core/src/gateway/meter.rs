//! What a request cost, read from the answer: the model and the token counts each format reports
//! — OpenAI chat completions, responses, completions and embeddings (and the providers that speak
//! OpenAI's chat format), Anthropic messages, Gemini `generateContent` — whole or streamed. An
//! answer that says nothing readable gives unknown tokens, never zero.

use serde_json::Value;

use super::sse::Event;
use crate::credential::Provider;
use crate::usage::Counts;

/// Which usage format an endpoint's answers carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `usage.{prompt_tokens, completion_tokens, …}`; streamed in the `include_usage` chunk.
    OpenAiChat,
    /// `usage.{input_tokens, output_tokens, …}`; streamed in `response.completed`.
    OpenAiResponses,
    /// Anthropic: `usage` of the message; streamed as `message_start` plus the last `message_delta`.
    Anthropic,
    /// Gemini: `usageMetadata`; streamed, the last chunk's.
    Gemini,
    /// An endpoint that reports no usage (model lists, files…).
    None,
}

/// The format of `path` (the part after the provider's prefix) at `provider`.
pub fn format_of(provider: Provider, path: &str) -> Format {
    let path = path.split('?').next().unwrap_or(path);
    match provider {
        Provider::Anthropic if path.ends_with("/messages") => Format::Anthropic,
        Provider::Gemini
            if path.contains(":generateContent") || path.contains(":streamGenerateContent") =>
        {
            Format::Gemini
        }
        Provider::OpenAI if path.ends_with("/responses") => Format::OpenAiResponses,
        Provider::OpenAI
            if path.ends_with("/chat/completions")
                || path.ends_with("/completions")
                || path.ends_with("/embeddings") =>
        {
            Format::OpenAiChat
        }
        Provider::OpenRouter
        | Provider::Groq
        | Provider::Xai
        | Provider::DeepSeek
        | Provider::Mistral
            if path.ends_with("/chat/completions") =>
        {
            Format::OpenAiChat
        }
        _ => Format::None,
    }
}

/// A request's model and tokens, as far as the answer told them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metered {
    pub model: Option<String>,
    /// None: the answer did not say (or could not be read).
    pub counts: Option<Counts>,
}

fn int(v: &Value, path: &[&str]) -> Option<i64> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_i64()
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_owned)
}

/// OpenAI's chat, completions and embeddings `usage` object.
fn openai_chat(usage: &Value) -> Option<Counts> {
    let prompt = int(usage, &["prompt_tokens"])?;
    let cached = int(usage, &["prompt_tokens_details", "cached_tokens"])
        .or_else(|| int(usage, &["prompt_cache_hit_tokens"]))
        .unwrap_or(0)
        .clamp(0, prompt.max(0));
    let output = int(usage, &["completion_tokens"]).unwrap_or(0);
    Some(Counts {
        input: prompt.max(0) - cached,
        cached,
        output: output.max(0),
        reasoning: int(usage, &["completion_tokens_details", "reasoning_tokens"])
            .unwrap_or(0)
            .max(0),
        cache_write: 0,
        requests: 1,
    })
}

/// OpenAI's responses `usage` object.
fn openai_responses(usage: &Value) -> Option<Counts> {
    let input = int(usage, &["input_tokens"])?;
    let cached = int(usage, &["input_tokens_details", "cached_tokens"])
        .unwrap_or(0)
        .clamp(0, input.max(0));
    Some(Counts {
        input: input.max(0) - cached,
        cached,
        output: int(usage, &["output_tokens"]).unwrap_or(0).max(0),
        reasoning: int(usage, &["output_tokens_details", "reasoning_tokens"])
            .unwrap_or(0)
            .max(0),
        cache_write: 0,
        requests: 1,
    })
}

/// Anthropic's `usage` object (input excludes the cache reads and writes).
fn anthropic(usage: &Value) -> Option<Counts> {
    let input = int(usage, &["input_tokens"]);
    let output = int(usage, &["output_tokens"]);
    if input.is_none() && output.is_none() {
        return None;
    }
    Some(Counts {
        input: input.unwrap_or(0).max(0),
        output: output.unwrap_or(0).max(0),
        cached: int(usage, &["cache_read_input_tokens"]).unwrap_or(0).max(0),
        cache_write: int(usage, &["cache_creation_input_tokens"])
            .unwrap_or(0)
            .max(0),
        reasoning: 0,
        requests: 1,
    })
}

/// Gemini's `usageMetadata` (the prompt count includes the cached part; thoughts are output).
fn gemini(meta: &Value) -> Option<Counts> {
    let prompt = int(meta, &["promptTokenCount"])?;
    let cached = int(meta, &["cachedContentTokenCount"])
        .unwrap_or(0)
        .clamp(0, prompt.max(0));
    let thoughts = int(meta, &["thoughtsTokenCount"]).unwrap_or(0).max(0);
    Some(Counts {
        input: prompt.max(0) - cached,
        cached,
        output: int(meta, &["candidatesTokenCount"]).unwrap_or(0).max(0) + thoughts,
        reasoning: thoughts,
        cache_write: 0,
        requests: 1,
    })
}

/// The usage of a whole (not streamed) answer.
pub fn from_body(format: Format, body: &[u8]) -> Metered {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return Metered::default();
    };
    // Gemini's `streamGenerateContent` without `alt=sse` answers one JSON array of chunks: the
    // last chunk that carries `usageMetadata` has the totals.
    if format == Format::Gemini {
        if let Value::Array(chunks) = &v {
            let model = chunks.iter().rev().find_map(|c| text(c, "modelVersion"));
            let counts = chunks
                .iter()
                .rev()
                .find_map(|c| c.get("usageMetadata"))
                .and_then(gemini);
            return Metered { model, counts };
        }
    }
    let counts = match format {
        Format::OpenAiChat => v.get("usage").and_then(openai_chat),
        Format::OpenAiResponses => v.get("usage").and_then(openai_responses),
        Format::Anthropic => v.get("usage").and_then(anthropic),
        Format::Gemini => v.get("usageMetadata").and_then(gemini),
        Format::None => None,
    };
    let model = text(&v, "model").or_else(|| text(&v, "modelVersion"));
    Metered { model, counts }
}

/// Reads a streamed answer's events for its usage.
#[derive(Debug)]
pub struct StreamMeter {
    format: Format,
    got: Metered,
    /// The stream's final usage came (the rest of the stream carries none).
    done: bool,
    /// Anthropic: the input side from `message_start`, completed by the last `message_delta`.
    start: Option<Counts>,
}

impl StreamMeter {
    pub fn new(format: Format) -> Self {
        StreamMeter {
            format,
            got: Metered::default(),
            done: false,
            start: None,
        }
    }

    /// Reads one event; true when it is the usage chunk the gateway itself asked OpenAI for
    /// (`stream_options.include_usage`): no choices, only usage.
    pub fn event(&mut self, e: &Event) -> bool {
        let Ok(v) = serde_json::from_str::<Value>(&e.data) else {
            return false;
        };
        match self.format {
            Format::OpenAiChat => {
                if self.got.model.is_none() {
                    self.got.model = text(&v, "model");
                }
                if let Some(c) = v
                    .get("usage")
                    .filter(|u| !u.is_null())
                    .and_then(openai_chat)
                {
                    self.got.counts = Some(c);
                    self.done = true;
                    return v
                        .get("choices")
                        .and_then(Value::as_array)
                        .is_some_and(Vec::is_empty);
                }
            }
            Format::OpenAiResponses => {
                let response = v.get("response");
                if let Some(model) = response.and_then(|r| text(r, "model")) {
                    self.got.model = Some(model);
                }
                if v.get("type").and_then(Value::as_str) == Some("response.completed") {
                    self.got.counts = response
                        .and_then(|r| r.get("usage"))
                        .and_then(openai_responses);
                    self.done = true;
                }
            }
            Format::Anthropic => match v.get("type").and_then(Value::as_str) {
                Some("message_start") => {
                    let message = v.get("message");
                    self.got.model = message.and_then(|m| text(m, "model"));
                    self.start = message.and_then(|m| m.get("usage")).and_then(anthropic);
                    self.got.counts = self.start;
                }
                Some("message_delta") => {
                    if let Some(delta) = v.get("usage").and_then(anthropic) {
                        let mut c = self.start.unwrap_or(delta);
                        // The delta's output count is the running total; input fields, when
                        // present, are the final ones.
                        c.output = delta.output;
                        if int(&v, &["usage", "input_tokens"]).is_some() {
                            c.input = delta.input;
                        }
                        self.got.counts = Some(c);
                        self.done = true;
                    }
                }
                _ => {}
            },
            Format::Gemini => {
                if let Some(model) = text(&v, "modelVersion") {
                    self.got.model = Some(model);
                }
                if let Some(c) = v.get("usageMetadata").and_then(gemini) {
                    self.got.counts = Some(c);
                }
                let finished = v
                    .get("candidates")
                    .and_then(Value::as_array)
                    .is_some_and(|c| c.iter().any(|c| c.get("finishReason").is_some()));
                self.done |= finished && self.got.counts.is_some();
            }
            Format::None => {}
        }
        false
    }

    /// Whether the stream's final usage came.
    pub fn is_final(&self) -> bool {
        self.done
    }

    pub fn finish(self) -> Metered {
        self.got
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(data: &str) -> Event {
        Event {
            name: None,
            data: data.to_owned(),
            raw: Vec::new(),
        }
    }

    #[test]
    fn each_format_says_where_its_usage_is() {
        assert_eq!(
            format_of(Provider::OpenAI, "/v1/chat/completions"),
            Format::OpenAiChat
        );
        assert_eq!(
            format_of(Provider::OpenAI, "/v1/responses"),
            Format::OpenAiResponses
        );
        assert_eq!(
            format_of(Provider::OpenAI, "/v1/embeddings"),
            Format::OpenAiChat
        );
        assert_eq!(format_of(Provider::OpenAI, "/v1/models"), Format::None);
        assert_eq!(
            format_of(Provider::Anthropic, "/v1/messages"),
            Format::Anthropic
        );
        assert_eq!(
            format_of(Provider::Anthropic, "/v1/messages/count_tokens"),
            Format::None
        );
        assert_eq!(
            format_of(
                Provider::Gemini,
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
            ),
            Format::Gemini
        );
        assert_eq!(
            format_of(Provider::Groq, "/openai/v1/chat/completions"),
            Format::OpenAiChat
        );
    }

    #[test]
    fn whole_answers() {
        let chat = br#"{"model":"gpt-4.1-mini-2025-04-14","usage":{"prompt_tokens":1000,"completion_tokens":50,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":10}}}"#;
        let m = from_body(Format::OpenAiChat, chat);
        assert_eq!(m.model.as_deref(), Some("gpt-4.1-mini-2025-04-14"));
        let c = m.counts.unwrap();
        assert_eq!(
            (c.input, c.cached, c.output, c.reasoning, c.requests),
            (800, 200, 50, 10, 1)
        );

        let msg = br#"{"model":"claude-sonnet-4-5","usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":300,"output_tokens":40}}"#;
        let c = from_body(Format::Anthropic, msg).counts.unwrap();
        assert_eq!(
            (c.input, c.cache_write, c.cached, c.output),
            (12, 100, 300, 40)
        );

        let gem = br#"{"modelVersion":"gemini-2.5-flash","usageMetadata":{"promptTokenCount":100,"cachedContentTokenCount":40,"candidatesTokenCount":20,"thoughtsTokenCount":5}}"#;
        let m = from_body(Format::Gemini, gem);
        let c = m.counts.unwrap();
        assert_eq!((c.input, c.cached, c.output, c.reasoning), (60, 40, 25, 5));

        // streamGenerateContent without alt=sse: one JSON array, the totals in the last chunk.
        let array = br#"[{"candidates":[{"content":{"parts":[{"text":"He"}]}}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":1},"modelVersion":"gemini-2.5-flash"},
            {"candidates":[{"content":{"parts":[{"text":"llo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":4},"modelVersion":"gemini-2.5-flash"}]"#;
        let m = from_body(Format::Gemini, array);
        assert_eq!(m.model.as_deref(), Some("gemini-2.5-flash"));
        let c = m.counts.unwrap();
        assert_eq!((c.input, c.output, c.requests), (7, 4, 1));
        assert_eq!(from_body(Format::Gemini, b"[]").counts, None);

        assert_eq!(
            from_body(Format::OpenAiChat, b"<html>oops</html>"),
            Metered::default()
        );
        assert_eq!(
            from_body(Format::OpenAiChat, br#"{"model":"m"}"#).counts,
            None,
            "no usage: unknown, not zero"
        );
    }

    #[test]
    fn streamed_answers() {
        let mut m = StreamMeter::new(Format::OpenAiChat);
        assert!(!m.event(&ev(
            r#"{"model":"gpt-4.1","choices":[{"delta":{"content":"hi"}}],"usage":null}"#
        )));
        assert!(m.event(&ev(
            r#"{"model":"gpt-4.1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3}}"#
        )));
        assert!(!m.event(&ev("[DONE]")));
        let got = m.finish();
        assert_eq!(
            (
                got.model.as_deref(),
                got.counts.map(|c| (c.input, c.output))
            ),
            (Some("gpt-4.1"), Some((9, 3)))
        );

        let mut m = StreamMeter::new(Format::Anthropic);
        m.event(&ev(r#"{"type":"message_start","message":{"model":"claude-haiku-4-5","usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}"#));
        m.event(&ev(
            r#"{"type":"content_block_delta","delta":{"text":"x"}}"#,
        ));
        m.event(&ev(
            r#"{"type":"message_delta","usage":{"output_tokens":7}}"#,
        ));
        m.event(&ev(
            r#"{"type":"message_delta","usage":{"output_tokens":15}}"#,
        ));
        let c = m.finish().counts.unwrap();
        assert_eq!((c.input, c.cached, c.output), (25, 5, 15));

        let mut m = StreamMeter::new(Format::OpenAiResponses);
        m.event(&ev(
            r#"{"type":"response.created","response":{"model":"gpt-5"}}"#,
        ));
        m.event(&ev(r#"{"type":"response.completed","response":{"model":"gpt-5","usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":10},"output_tokens":20,"output_tokens_details":{"reasoning_tokens":8}}}}"#));
        let c = m.finish().counts.unwrap();
        assert_eq!((c.input, c.cached, c.output, c.reasoning), (40, 10, 20, 8));

        let mut m = StreamMeter::new(Format::Anthropic);
        m.event(&ev("not json"));
        assert_eq!(
            m.finish().counts,
            None,
            "a stream that never said is unknown"
        );
    }
}
