#!/usr/bin/env python3
"""Writes a synthetic, deterministic corpus of Claude Code and Codex CLI session logs, for
side-by-side measurements (scripts/compare-ccusage.sh) — never real user logs.

    scripts/gen-agent-logs.py --out DIR [--size-mb 200] [--seed 42]

Layout, as the agents write it:

    DIR/claude/projects/<project>/<session-uuid>.jsonl        (CLAUDE_CONFIG_DIR=DIR/claude)
    DIR/codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl   (CODEX_HOME=DIR/codex)
    DIR/manifest.json   what was written, and the true token totals per model

Lines are compact JSON (no spaces), one object per line, in the agents' own key order:
Claude Code `user` / `assistant` / `summary` / `system` lines, assistant lines carrying
`message.id`, `requestId`, `message.model` and `message.usage`; Codex `session_meta`,
`turn_context` (the model), `response_item` and `event_msg` lines, `token_count` events
carrying the session's running `total_token_usage` and the call's `last_token_usage`.

What the corpus exercises:
- models of all of 2025, retired ones included, each used only while it was current (the first
  sessions cycle through every model, so even a small corpus has them all);
- duplicates as Claude Code writes them: one line per content block of a reply (same
  `message.id` + `requestId`, same usage), and resumed sessions whose new file starts with a
  copy of the previous session's last lines; Codex `token_count` events repeated with an
  unchanged total, and events with `info: null`;
- a few `<synthetic>` assistant lines (API errors, zero usage), sidechain (subagent) replies;
- no request ever has 200k input tokens or more (input + cache reads + cache writes), so tiered
  long-context prices never apply; no `costUSD` fields (cost is always computed);
- file sizes skewed like real logs: most 20-250 KB, some MB, rarely tens of MB.

Options for experiments (all off by default):
  --streaming-frac F     of replies written on several lines, the share whose earlier lines
                         carry a partial `output_tokens` (streaming snapshots; the last line is
                         final) instead of the final count on every line;
  --no-request-id-frac F the share of replies logged without `requestId` (subagents, gateways).

manifest.json's totals count each request once with its final usage — the ground truth a
reader of these logs should arrive at. Only the Python standard library is used; the same
--seed and options give the same bytes on every machine.
"""
import argparse
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

YEAR = 2025
CLAUDE_SMALL = [  # Claude Code's small/fast model (titles, summaries, quick tool calls)
    ("claude-3-5-haiku-20241022", "2025-01-01", "2025-10-14"),
    ("claude-haiku-4-5-20251001", "2025-10-15", "2025-12-31"),
]
CLAUDE_MAIN = [  # (model, first day, last day, weight while current)
    ("claude-3-5-sonnet-20241022", "2025-01-01", "2025-06-30", 3),
    ("claude-3-7-sonnet-20250219", "2025-02-24", "2025-07-31", 4),
    ("claude-sonnet-4-20250514", "2025-05-22", "2025-10-31", 6),
    ("claude-opus-4-20250514", "2025-05-22", "2025-08-10", 2),
    ("claude-opus-4-1-20250805", "2025-08-05", "2025-11-30", 3),
    ("claude-sonnet-4-5-20250929", "2025-09-29", "2025-12-31", 6),
    ("claude-opus-4-5-20251101", "2025-11-24", "2025-12-31", 4),
]
CODEX_MODELS = [
    ("gpt-5", "2025-08-07", "2025-12-31", 3),
    ("gpt-5-codex", "2025-09-15", "2025-12-31", 5),
    ("gpt-5.1-codex", "2025-11-13", "2025-12-31", 5),
]
MAX_PROMPT = 190_000  # input + cache read + cache write of one request stays below 200k
LAST_START = datetime(YEAR, 12, 27, tzinfo=timezone.utc)  # sessions end within the year


def day(s):
    return datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Text:
    """Slices of a fixed pool of text: code, prose, quotes, newlines, tabs and non-ASCII."""

    def __init__(self, rng):
        words = ("fn let mut impl struct return self match Some None Ok Err async await the a of "
                 "to in file test cargo build error warning line value result path config "
                 "données über naïve 東京 日本語 ✓ → — é ü").split()
        parts = []
        for i in range(200_000):
            parts.append(rng.choice(words))
            r = rng.random()
            if r < 0.06:
                parts.append("\n")
            elif r < 0.08:
                parts.append('"quoted"')
            elif r < 0.09:
                parts.append("\t")
            elif r < 0.095:
                parts.append("\\path\\to")
        self.pool = " ".join(parts)
        self.rng = rng
        self.blob = Blob(rng)

    def get(self, n):
        n = max(1, min(n, len(self.pool) - 1))
        i = self.rng.randrange(0, len(self.pool) - n)
        return self.pool[i:i + n]


class Totals:
    def __init__(self):
        self.models = {}

    def add(self, agent, model, **counts):
        m = self.models.setdefault(model, {"agent": agent, "requests": 0})
        m["requests"] += 1
        for k, v in counts.items():
            m[k] = m.get(k, 0) + v


def pick(rng, table, at, forced=None):
    """A model current at `at` (weighted), or `forced`."""
    if forced is not None:
        return forced
    live = [(m, w) for m, a, b, w in table if day(a) <= at <= day(b) + timedelta(days=1)]
    total = sum(w for _, w in live)
    x = rng.uniform(0, total)
    for m, w in live:
        x -= w
        if x <= 0:
            return m
    return live[-1][0]


def start_time(rng, first, last):
    """A session start between two days (inclusive), in working hours more often than not."""
    last = min(last + timedelta(days=1), LAST_START)
    first = min(first, last - timedelta(hours=1))
    t = first + timedelta(seconds=rng.uniform(0, (last - first).total_seconds()))
    if rng.random() < 0.7:
        t = t.replace(hour=rng.randrange(8, 19))
    return t.replace(microsecond=rng.randrange(0, 1000) * 1000)


def file_size(rng, budget_left, total):
    """Skewed like real logs: 1 in 400 files 20-60 MB, 1 in 20 1-4 MB, the rest 20-250 KB."""
    r = rng.randrange(400)
    if r == 0:
        size = rng.randrange(20_000_000, 60_000_000)
    elif r <= 20:
        size = rng.randrange(1_000_000, 4_000_000)
    else:
        size = rng.randrange(20_000, 250_000)
    size = min(size, max(total // 8, 20_000))  # a small corpus is not one file
    return max(5_000, min(size, budget_left))


def uuid(rng):
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(rng, n):
    """An id of `n` base58 characters (unique in practice: n * 5.8 random bits)."""
    x = rng.getrandbits(6 * n)
    chars = []
    for _ in range(n):
        x, r = divmod(x, 58)
        chars.append(B58[r])
    return "".join(chars)


class Blob:
    """Opaque base58-looking blobs (signatures, encrypted reasoning): slices of a fixed pool."""

    def __init__(self, rng):
        self.pool = "".join(rng.choice(B58) for _ in range(1 << 16))
        self.rng = rng

    def get(self, n):
        n = min(n, len(self.pool) - 1)
        i = self.rng.randrange(0, len(self.pool) - n)
        return self.pool[i:i + n]


class Claude:
    """Claude Code sessions."""

    def __init__(self, rng, text, totals, root, args):
        self.rng, self.text, self.totals, self.root, self.args = rng, text, totals, root, args
        self.projects = [f"-home-dev-{name}" for name in (
            "keyledger", "webshop", "infra", "ml-pipeline", "docs-site", "mobile-app", "api-gateway",
            "game-engine", "data-warehouse", "cli-tools", "blog", "compiler", "auth-service",
            "scheduler", "search", "payments", "chat-bot", "firmware", "dotfiles", "analytics")]
        self.tails = {}  # project -> last lines of its latest session (for resumed sessions)
        self.requests = self.lines = self.duplicate_lines = self.copied_lines = 0
        self.seen = set()

    def session(self, size, forced=None):
        rng = self.rng
        project = rng.choice(self.projects)
        if forced is not None:
            model, a, b = forced
            at = start_time(rng, day(a), day(b))
        else:
            at = start_time(rng, day("2025-01-01"), day("2025-12-31"))
            model = pick(rng, CLAUDE_MAIN, at)
        small = next(m for m, a, b in CLAUDE_SMALL if day(a) <= at <= day(b) + timedelta(days=1))
        if forced is not None and forced[0] in [m for m, _, _ in CLAUDE_SMALL]:
            model = small = forced[0]
        sid = uuid(rng)
        cwd = "/home/dev/" + project.split("-", 3)[-1]
        version = "1.0.%d" % rng.randrange(20, 120) if at < day("2025-09-29") else \
            "2.0.%d" % rng.randrange(0, 60)
        branch = rng.choice(["main", "main", "dev", "feature/x"])
        path = os.path.join(self.root, "claude", "projects", project, sid + ".jsonl")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        written = 0
        out = []
        last_lines = []

        def emit(obj=None, raw=None):
            nonlocal written
            line = raw if raw is not None else dumps(obj)
            data = line.encode("utf-8") + b"\n"
            out.append(data)
            written += len(data)
            self.lines += 1
            last_lines.append(line)
            if len(last_lines) > 60:
                del last_lines[:20]

        if rng.random() < 0.3:
            emit({"type": "summary", "summary": self.text.get(60).replace("\n", " "),
                  "leafUuid": uuid(rng)})
        # A resumed session: the new file starts with the previous session's last lines.
        tail = self.tails.get(project)
        if tail and rng.random() < 0.15:
            for line in tail[-rng.randrange(4, len(tail) + 1):]:
                emit(raw=line)
                self.copied_lines += 1
                if '"type":"assistant"' in line and '"model":"<synthetic>"' not in line:
                    self.duplicate_lines += 1
        parent = None
        context = rng.randrange(12_000, 30_000)  # the prompt so far: system prompt, tools, files
        first = True
        common = lambda: {"parentUuid": parent, "isSidechain": False, "userType": "external",
                          "cwd": cwd, "sessionId": sid, "version": version, "gitBranch": branch}
        while written < size:
            at += timedelta(seconds=rng.uniform(2, 50), milliseconds=rng.randrange(1000))
            # The user's prompt or a tool result.
            uid = uuid(rng)
            user = common()
            user["type"] = "user"
            if first or rng.random() < 0.25:
                user["message"] = {"role": "user", "content": self.text.get(rng.randrange(20, 800))}
            else:
                tool = "toolu_01" + b58(rng, 22)
                user["message"] = {"role": "user", "content": [
                    {"tool_use_id": tool, "type": "tool_result",
                     "content": self.text.get(rng.randrange(100, 6000))}]}
                user["toolUseResult"] = {"stdout": self.text.get(rng.randrange(10, 300)),
                                         "stderr": "", "interrupted": False, "isImage": False}
            user["uuid"] = uid
            user["timestamp"] = iso(at)
            emit(user)
            parent = uid
            grown = rng.randrange(200, 8_000)
            if rng.random() < 0.004:
                # An API error: Claude Code logs a <synthetic> reply with zero usage.
                err = common()
                err["message"] = {"id": uuid(rng), "model": "<synthetic>", "role": "assistant",
                                  "stop_reason": "stop_sequence", "stop_sequence": "",
                                  "type": "message",
                                  "usage": {"input_tokens": 0, "output_tokens": 0,
                                            "cache_creation_input_tokens": 0,
                                            "cache_read_input_tokens": 0,
                                            "server_tool_use": {"web_search_requests": 0},
                                            "service_tier": None},
                                  "content": [{"type": "text", "text": "API Error: 529 Overloaded"}]}
                err["type"] = "assistant"
                err["uuid"] = uuid(rng)
                err["timestamp"] = iso(at + timedelta(milliseconds=300))
                err["isApiErrorMessage"] = True
                emit(err)
                continue
            # The reply: usage as the API reports it.
            use_small = rng.random() < 0.12
            m = small if use_small else model
            if first:
                cache_write, cache_read = context, 0
                inp = rng.randrange(3, 30) if rng.random() < 0.8 else rng.randrange(500, 4000)
            else:
                cache_write = min(grown, 40_000)
                cache_read = context
                inp = rng.randrange(1, 12)
            if use_small:  # quick calls: small prompts, mostly uncached
                inp, cache_write, cache_read = rng.randrange(50, 3000), 0, rng.choice(
                    [0, 0, rng.randrange(1000, 20_000)])
            if inp + cache_write + cache_read >= MAX_PROMPT:
                cache_read = MAX_PROMPT - 1 - inp - cache_write
            output = max(1, int(rng.paretovariate(1.6) * 60)) if rng.random() < 0.9 \
                else rng.randrange(1000, 8000)
            output = min(output, 16_000)
            if not use_small:
                context += cache_write
                first = False
                if context > 170_000 or rng.random() < 0.004:  # auto-compact / /clear
                    context = rng.randrange(15_000, 40_000)
                    first = True
            mid = "msg_01" + b58(rng, 22)
            rid = "req_011C" + b58(rng, 18)
            no_rid = rng.random() < self.args.no_request_id_frac
            sidechain = rng.random() < 0.05
            blocks = rng.choices([1, 2, 3], weights=[5, 4, 2])[0]
            streaming = blocks > 1 and rng.random() < self.args.streaming_frac
            key = (mid, None if no_rid else rid)
            if key not in self.seen:
                self.seen.add(key)
                self.requests += 1
                self.totals.add("claude-code", m, input_tokens=inp, output_tokens=output,
                                cache_creation_input_tokens=cache_write,
                                cache_read_input_tokens=cache_read)
            for b in range(blocks):
                last = b == blocks - 1
                if last:
                    kind = rng.choice(["text", "tool_use"])
                else:
                    kind = "thinking" if b == 0 and rng.random() < 0.5 else "text"
                if kind == "thinking":
                    content = {"type": "thinking", "thinking": self.text.get(rng.randrange(100, 3000)),
                               "signature": self.text.blob.get(120)}
                elif kind == "text":
                    content = {"type": "text", "text": self.text.get(rng.randrange(30, 2500))}
                else:
                    content = {"type": "tool_use", "id": "toolu_01" + b58(rng, 22),
                               "name": rng.choice(["Bash", "Read", "Edit", "Grep", "Write"]),
                               "input": {"command": self.text.get(rng.randrange(10, 400))}}
                out_now = output
                if streaming and not last:
                    out_now = max(1, min(output, rng.randrange(1, 10) + b * output // blocks))
                usage = {"input_tokens": inp, "cache_creation_input_tokens": cache_write,
                         "cache_read_input_tokens": cache_read,
                         "cache_creation": {"ephemeral_5m_input_tokens": cache_write,
                                            "ephemeral_1h_input_tokens": 0},
                         "output_tokens": out_now, "service_tier": "standard"}
                line = common()
                line["isSidechain"] = sidechain
                line["message"] = {"id": mid, "type": "message", "role": "assistant", "model": m,
                                   "content": [content],
                                   "stop_reason": ("tool_use" if kind == "tool_use" else "end_turn")
                                   if last else None,
                                   "stop_sequence": None, "usage": usage}
                if not no_rid:
                    line["requestId"] = rid
                line["type"] = "assistant"
                luid = uuid(rng)
                line["uuid"] = luid
                line["timestamp"] = iso(at + timedelta(milliseconds=800 + 400 * b))
                emit(line)
                if b > 0:
                    self.duplicate_lines += 1
                parent = luid
            at += timedelta(seconds=output / 60)
            if rng.random() < 0.01:
                sysline = common()
                sysline.update({"type": "system", "content": "Conversation compacted",
                                "level": "info", "uuid": uuid(rng), "timestamp": iso(at)})
                emit(sysline)
        with open(path, "wb") as f:
            f.writelines(out)
        self.tails[project] = last_lines[-40:]
        return written


class Codex:
    """Codex CLI rollouts."""

    def __init__(self, rng, text, totals, root):
        self.rng, self.text, self.totals, self.root = rng, text, totals, root
        self.requests = self.lines = self.repeated_events = self.null_events = 0

    def session(self, size, forced=None):
        rng = self.rng
        if forced is not None:
            model, a, b = forced
            at = start_time(rng, day(a), day(b))
        else:
            at = start_time(rng, day("2025-08-07"), day("2025-12-31"))
            model = pick(rng, CODEX_MODELS, at)
        sid = uuid(rng)
        stamp = at.strftime("%Y-%m-%dT%H-%M-%S")
        folder = os.path.join(self.root, "codex", "sessions", at.strftime("%Y"), at.strftime("%m"),
                              at.strftime("%d"))
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"rollout-{stamp}-{sid}.jsonl")
        cwd = "/home/dev/" + rng.choice(["keyledger", "webshop", "infra", "compiler", "search"])
        version = "0.%d.0" % (rng.randrange(20, 40) if at < day("2025-10-01") else rng.randrange(40, 64))
        out = []
        written = 0

        def emit(obj):
            nonlocal written
            data = dumps(obj).encode("utf-8") + b"\n"
            out.append(data)
            written += len(data)
            self.lines += 1

        def ts():
            return iso(at)

        emit({"timestamp": ts(), "type": "session_meta", "payload": {
            "id": sid, "timestamp": ts(), "cwd": cwd, "originator": "codex_cli_rs",
            "cli_version": version, "instructions": None, "source": "cli",
            "model_provider": "openai",
            "git": {"commit_hash": f"{rng.getrandbits(160):040x}", "branch": "main",
                    "repository_url": "git@example.com:dev/project.git"}}})
        total = {"input_tokens": 0, "cached_input_tokens": 0, "output_tokens": 0,
                 "reasoning_output_tokens": 0, "total_tokens": 0}
        primary = rng.uniform(0, 30)
        secondary = rng.uniform(0, 60)
        context = rng.randrange(6_000, 14_000)

        def rate_limits():
            return {"primary": {"used_percent": round(primary, 1), "window_minutes": 299,
                                "resets_in_seconds": rng.randrange(60, 18_000)},
                    "secondary": {"used_percent": round(secondary, 1), "window_minutes": 10079,
                                  "resets_in_seconds": rng.randrange(3_600, 600_000)}}

        if rng.random() < 0.3:
            emit({"timestamp": ts(), "type": "event_msg",
                  "payload": {"type": "token_count", "info": None, "rate_limits": rate_limits()}})
            self.null_events += 1
        while written < size:
            # A turn: the user's message, the turn's context (model), then model calls.
            at += timedelta(seconds=rng.uniform(10, 240), milliseconds=rng.randrange(1000))
            prompt = self.text.get(rng.randrange(20, 600))
            emit({"timestamp": ts(), "type": "response_item", "payload": {
                "type": "message", "role": "user",
                "content": [{"type": "input_text", "text": prompt}]}})
            emit({"timestamp": ts(), "type": "event_msg",
                  "payload": {"type": "user_message", "message": prompt, "images": []}})
            if rng.random() < 0.03:  # /model switched mid-session
                model = pick(rng, CODEX_MODELS, at)
            emit({"timestamp": ts(), "type": "turn_context", "payload": {
                "cwd": cwd, "approval_policy": "on-request",
                "sandbox_policy": {"mode": "workspace-write", "network_access": False,
                                   "exclude_tmpdir_env_var": False, "exclude_slash_tmp": False},
                "model": model, "effort": rng.choice(["low", "medium", "medium", "high"]),
                "summary": "auto"}})
            for _ in range(rng.randrange(1, 6)):
                at += timedelta(seconds=rng.uniform(1, 30), milliseconds=rng.randrange(1000))
                emit({"timestamp": ts(), "type": "response_item", "payload": {
                    "type": "reasoning", "summary": [
                        {"type": "summary_text", "text": self.text.get(rng.randrange(50, 600))}],
                    "content": None, "encrypted_content": "gAAAAA" + self.text.blob.get(rng.randrange(200, 1500))}})
                call = "call_" + b58(rng, 24)
                emit({"timestamp": ts(), "type": "response_item", "payload": {
                    "type": "function_call", "name": "shell",
                    "arguments": dumps({"command": ["bash", "-lc", self.text.get(rng.randrange(10, 200))],
                                        "workdir": cwd}),
                    "call_id": call}})
                emit({"timestamp": ts(), "type": "response_item", "payload": {
                    "type": "function_call_output", "call_id": call,
                    "output": dumps({"output": self.text.get(rng.randrange(50, 5000)),
                                     "metadata": {"exit_code": 0, "duration_seconds": 0.1}})}})
                # The call's usage: the whole context is input, mostly cached.
                inp = min(context + rng.randrange(200, 4_000), MAX_PROMPT - 1)
                cached = int(inp * rng.uniform(0.5, 0.97)) // 256 * 256 if rng.random() < 0.9 else 0
                out_tok = max(5, int(rng.paretovariate(1.5) * 80))
                out_tok = min(out_tok, 20_000)
                reasoning = int(out_tok * rng.uniform(0, 0.8))
                context = inp + out_tok
                if context > 180_000:  # auto-compact
                    context = rng.randrange(8_000, 20_000)
                last = {"input_tokens": inp, "cached_input_tokens": cached,
                        "output_tokens": out_tok, "reasoning_output_tokens": reasoning,
                        "total_tokens": inp + out_tok}
                for k in total:
                    total[k] += last[k]
                self.requests += 1
                self.totals.add("codex", model, input_tokens=inp, cached_input_tokens=cached,
                                output_tokens=out_tok, reasoning_output_tokens=reasoning)
                primary = min(100.0, primary + rng.uniform(0, 0.5))
                secondary = min(100.0, secondary + rng.uniform(0, 0.1))
                event = {"timestamp": ts(), "type": "event_msg", "payload": {
                    "type": "token_count",
                    "info": {"total_token_usage": dict(total), "last_token_usage": last,
                             "model_context_window": 272000},
                    "rate_limits": rate_limits()}}
                emit(event)
                if rng.random() < 0.08:  # the same total reported again
                    event = json.loads(dumps(event))
                    at += timedelta(milliseconds=rng.randrange(5, 900))
                    event["timestamp"] = ts()
                    emit(event)
                    self.repeated_events += 1
            at += timedelta(seconds=rng.uniform(1, 20))
            text = self.text.get(rng.randrange(50, 3000))
            emit({"timestamp": ts(), "type": "response_item", "payload": {
                "type": "message", "role": "assistant",
                "content": [{"type": "output_text", "text": text}]}})
            emit({"timestamp": ts(), "type": "event_msg",
                  "payload": {"type": "agent_message", "message": text}})
        with open(path, "wb") as f:
            f.writelines(out)
        return written


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="folder to write (must be empty or missing)")
    p.add_argument("--size-mb", type=float, default=200, help="about this many MB in all (200)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--codex-share", type=float, default=0.25,
                   help="share of the bytes that are Codex rollouts (0.25)")
    p.add_argument("--streaming-frac", type=float, default=0.0,
                   help="share of multi-line replies whose earlier lines carry a partial "
                        "output_tokens (0)")
    p.add_argument("--no-request-id-frac", type=float, default=0.0,
                   help="share of replies logged without requestId (0)")
    args = p.parse_args()
    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit(f"gen-agent-logs: {args.out} is not empty")
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    text = Text(random.Random(args.seed ^ 0x5EED))
    totals = Totals()
    claude = Claude(rng, text, totals, args.out, args)
    codex = Codex(rng, text, totals, args.out)
    target = int(args.size_mb * 1_000_000)
    # Every model at least once, first.
    forced = [("claude", (m, a, b)) for m, a, b, _ in CLAUDE_MAIN] + \
             [("claude", s) for s in CLAUDE_SMALL] + \
             [("codex", (m, a, b)) for m, a, b, _ in CODEX_MODELS]
    written = {"claude": 0, "codex": 0}
    files = {"claude": 0, "codex": 0}
    while sum(written.values()) < target:
        left = target - sum(written.values())
        size = file_size(rng, left, target)
        if forced:
            agent, f = forced.pop(0)
        else:
            f = None
            agent = "codex" if written["codex"] < args.codex_share * sum(written.values()) else "claude"
        gen = claude if agent == "claude" else codex
        written[agent] += gen.session(size, f)
        files[agent] += 1
    manifest = {
        "generator": "scripts/gen-agent-logs.py",
        "seed": args.seed, "size_mb": args.size_mb, "codex_share": args.codex_share,
        "streaming_frac": args.streaming_frac, "no_request_id_frac": args.no_request_id_frac,
        "bytes": written, "files": files,
        "claude": {"lines": claude.lines, "requests": claude.requests,
                   "duplicate_assistant_lines": claude.duplicate_lines,
                   "lines_copied_into_resumed_sessions": claude.copied_lines},
        "codex": {"lines": codex.lines, "requests": codex.requests,
                  "repeated_token_count_events": codex.repeated_events,
                  "null_info_token_count_events": codex.null_events},
        "note": "models: true totals, each request once with its final usage; Claude input_tokens "
                "exclude cache reads/writes, Codex input_tokens include cached_input_tokens and "
                "output_tokens include reasoning_output_tokens (as the agents log them)",
        "models": dict(sorted(totals.models.items())),
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    mb = sum(written.values()) / 1e6
    print(f"gen-agent-logs: {mb:.1f} MB in {sum(files.values())} files "
          f"({files['claude']} Claude Code, {files['codex']} Codex), "
          f"{claude.requests} Claude requests ({claude.duplicate_lines} duplicate lines), "
          f"{codex.requests} Codex calls -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
