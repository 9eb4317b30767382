#!/usr/bin/env python3
"""Refreshes crates/keyledger-core/data/prices.json from LiteLLM's MIT-licensed price table.

    scripts/refresh-prices.py                 # downloads the newest litellm wheel from PyPI
    scripts/refresh-prices.py path/to/litellm-X.Y.Z-*.whl   # a wheel already downloaded
    scripts/refresh-prices.py path/to/model_prices_and_context_window.json

Keeps the chat models of the providers Keyledger knows, converts USD-per-token floats into exact
decimal strings in USD per million tokens (so 2.5e-06 becomes "2.5"), and sorts the output so a
refresh shows up as a readable diff. Only the Python standard library (and pip) is used.
"""
import json
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/keyledger-core/data/prices.json"
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


def per_million(value):
    d = Decimal(repr(value)) * 1_000_000
    text = format(d.normalize(), "f")
    return text


def from_wheel(wheel):
    with zipfile.ZipFile(wheel) as z:
        data = z.read("litellm/model_prices_and_context_window_backup.json")
    return json.loads(data), "litellm " + wheel.name.split("-")[1]


def load(argv):
    if len(argv) > 1:
        given = Path(argv[1])
        if given.suffix == ".whl":
            return from_wheel(given)
        return json.loads(given.read_text()), given.name
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "litellm"],
            check=True,
        )
        return from_wheel(next(Path(tmp).glob("litellm-*.whl")))


def main(argv):
    table, origin = load(argv)
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
            value = entry.get(source)
            if isinstance(value, (int, float)):
                price[field] = per_million(value)
        models[name] = price
    out = {
        "source": f"LiteLLM model_prices_and_context_window.json ({origin}); MIT License, "
        "Copyright (c) 2023 Berri AI, see LICENSE-LiteLLM",
        "unit": "USD per million tokens",
        "models": dict(sorted(models.items())),
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(models)} models written to {OUT}")


if __name__ == "__main__":
    main(sys.argv)
