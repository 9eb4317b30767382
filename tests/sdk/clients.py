"""The official OpenAI and Anthropic Python SDKs pointed at Keyledger's gateway with local tokens.

Run by crates/keyledger-cli/tests/gateway_sdk.rs against a stand-in upstream. Each SDK asks once
without streaming and once streaming; what the SDK read is printed as one JSON object, so the test
can hold it against what the upstream sent and what the ledger counted.

Environment: KL_GATEWAY (the gateway's base URL), KL_OPENAI_TOKEN, KL_ANTHROPIC_TOKEN.
"""

import json
import os

import anthropic
import openai

gateway = os.environ["KL_GATEWAY"]
out = {}

oai = openai.OpenAI(
    base_url=f"{gateway}/openai/v1", api_key=os.environ["KL_OPENAI_TOKEN"], max_retries=0
)
whole = oai.chat.completions.create(
    model="gpt-4.1-mini", messages=[{"role": "user", "content": "Say hello"}]
)
out["openai"] = {
    "text": whole.choices[0].message.content,
    "prompt_tokens": whole.usage.prompt_tokens,
    "completion_tokens": whole.usage.completion_tokens,
}
parts, usage_seen = [], False
for chunk in oai.chat.completions.create(
    model="gpt-4.1-mini", messages=[{"role": "user", "content": "Say hello"}], stream=True
):
    usage_seen |= chunk.usage is not None
    for choice in chunk.choices:
        parts.append(choice.delta.content or "")
out["openai_stream"] = {"text": "".join(parts), "usage_seen": usage_seen}

ant = anthropic.Anthropic(
    base_url=f"{gateway}/anthropic", api_key=os.environ["KL_ANTHROPIC_TOKEN"], max_retries=0
)
msg = ant.messages.create(
    model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": "Say hello"}]
)
out["anthropic"] = {
    "text": msg.content[0].text,
    "input_tokens": msg.usage.input_tokens,
    "output_tokens": msg.usage.output_tokens,
}
with ant.messages.stream(
    model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": "Say hello"}]
) as stream:
    text = "".join(stream.text_stream)
    final = stream.get_final_message()
out["anthropic_stream"] = {
    "text": text,
    "input_tokens": final.usage.input_tokens,
    "output_tokens": final.usage.output_tokens,
}

print(json.dumps(out))
