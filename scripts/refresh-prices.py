#!/usr/bin/env python3
"""Rebuilds crates/keyledger-core/data/prices.json from several releases of LiteLLM's
MIT-licensed price table, so models that newer releases dropped keep their last price.

    scripts/refresh-prices.py                       # the newest litellm from PyPI + HISTORY below
    scripts/refresh-prices.py 1.110.2 1.100.0 1.80.0            # versions, downloaded from PyPI
    scripts/refresh-prices.py path/to/litellm-X.Y.Z-*.whl ...   # wheels already downloaded

The releases are read newest first: the newest release's price wins for each model, a model
that a newer release dropped keeps the last price it had, and each model records the release it
came from (`"source": "litellm 1.80.0"`). Keeps the chat models of the providers Keyledger knows,
converts USD-per-token floats into exact decimal strings in USD per million tokens (2.5e-06
becomes "2.5"), and sorts the output so a refresh is a readable diff.

A price that is negative, NaN or not a number stops the refresh with the model's name, and
prices.json is left as it was. Only the Python standard library (and pip, to download) is used.
"""
import json
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/keyledger-core/data/prices.json"
# Older releases read after the newest one: each still prices models later releases dropped
# (1.80.0 holds claude-3-5-sonnet-20241022, 1.100.0 claude-opus-4-1-20250805, ...).
HISTORY = ["1.100.0", "1.90.0", "1.80.0", "1.70.0", "1.60.0", "1.53.1"]
PROVIDERS = {
    "openai": "openai",
    "text-completion-openai": "openai",
    "anthropic": "anthropic",
    "gemini": "gemini",
    "xai": "xai",
    "deepseek": "deepseek",
    "mistral": "mistral",
    "groq": "groq",
    "openrouter": "openrouter",
}
MODES = {"chat", "responses", "completion"}
FIELDS = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cache_read": "cache_read_input_token_cost",
    "cache_write": "cache_creation_input_token_cost",
    "reasoning": "output_cost_per_reasoning_token",
}
TABLE = "model_prices_and_context_window_backup.json"


class BadPrice(Exception):
    pass


def per_million(model, field, value):
    """USD per token (a JSON number) as exact USD per million tokens; refuses what is no price."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadPrice(f"{model}: {field} is not a number ({value!r})")
    if math.isnan(value) or math.isinf(value):
        raise BadPrice(f"{model}: {field} is not a number ({value!r})")
    if value < 0:
        raise BadPrice(f"{model}: {field} is negative ({value!r})")
    try:
        d = Decimal(repr(value)) * 1_000_000
    except InvalidOperation as e:
        raise BadPrice(f"{model}: {field} is not a number ({value!r})") from e
    return format(d.normalize(), "f")


def version_key(version):
    return tuple(int(part) for part in re.findall(r"\d+", version))


def from_wheel(wheel):
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(TABLE))
        data = z.read(name)
    return wheel.name.split("-")[1], json.loads(data)


def download(versions, into):
    """Downloads each version's wheel (or the newest when `versions` holds None)."""
    wheels = []
    for version in versions:
        spec = "litellm" if version is None else f"litellm=={version}"
        dest = Path(into) / (version or "newest")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", dest, spec],
            check=True,
        )
        wheels.append(next(dest.glob("litellm-*.whl")))
    return wheels


def models_of(release, table):
    models = {}
    for name, entry in table.items():
        if name == "sample_spec" or not isinstance(entry, dict):
            continue
        provider = PROVIDERS.get(entry.get("litellm_provider"))
        if provider is None or entry.get("mode") not in MODES:
            continue
        if "input_cost_per_token" not in entry or "output_cost_per_token" not in entry:
            continue
        price = {"provider": provider}
        for field, source in FIELDS.items():
            if source in entry and entry[source] is not None:
                price[field] = per_million(name, source, entry[source])
        price["source"] = f"litellm {release}"
        models[name] = price
    return models


def merge(releases):
    """`releases` as (version, table) pairs: newest price wins, dropped models keep their last."""
    models = {}
    for version, table in sorted(releases, key=lambda r: version_key(r[0]), reverse=True):
        for name, price in models_of(version, table).items():
            models.setdefault(name, price)
    return models


def main(argv):
    given = argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        if not given:
            wheels = download([None, *HISTORY], tmp)
        else:
            wheels = [Path(g) for g in given if g.endswith(".whl")]
            wheels += download([g for g in given if not g.endswith(".whl")], tmp)
        releases = [from_wheel(w) for w in wheels]
    try:
        models = merge(releases)
    except BadPrice as e:
        print(f"refused, {OUT.name} left as it was: {e}", file=sys.stderr)
        return 1
    versions = sorted({v for v, _ in releases}, key=version_key, reverse=True)
    out = {
        "source": "LiteLLM model_prices_and_context_window.json, releases "
        + ", ".join(versions)
        + " (newest price wins); MIT License, Copyright (c) 2023 Berri AI, see LICENSE-LiteLLM",
        "releases": [f"litellm {v}" for v in versions],
        "unit": "USD per million tokens",
        "models": dict(sorted(models.items())),
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(models)} models from {len(versions)} releases written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
