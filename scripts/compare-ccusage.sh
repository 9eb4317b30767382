#!/usr/bin/env bash
# Keyledger's per-model cost against ccusage's on the same generated agent logs.
#
#   scripts/compare-ccusage.sh [--size-mb N] [--seed N] [--corpus DIR] [--keep] [-- GEN-ARGS...]
#
# 1. Installs ccusage 20.0.24 (npm, its native binary) into target/peers/ccusage if missing
#    (git-ignored with /target; KEYLEDGER_PEERS_DIR moves it).
# 2. Generates a corpus with scripts/gen-agent-logs.py (default 200 MB, seed 42) into a temp dir,
#    or uses --corpus DIR: generated there if DIR is empty or missing (and kept, to be reused),
#    reused if it holds a generator's manifest.json. GEN-ARGS after `--` go to the generator
#    (e.g. -- --streaming-frac 0.5).
# 3. Runs `ccusage daily --json --offline` and `keyledger import-logs` + `keyledger usage --by
#    model --json` over all days, both with CLAUDE_CONFIG_DIR / CODEX_HOME pointing at the
#    corpus, HOME / XDG dirs in the temp dir, TZ=UTC, and Keyledger's data dir in the temp dir:
#    the real ~/.claude, ~/.codex and Keyledger data are never read or written. No keychain is
#    needed (a fresh data dir has no keys; the keychain service name is a throwaway one anyway).
# 4. Prints MODEL | ccusage $ | keyledger $ | diff, the totals, the token counts of both against
#    the corpus's manifest, and the times (wall clock, peak RSS).
#
# Exit status: 0 when every model agrees within $0.01; 1 when one differs by more, or a model
# ccusage prices is unpriced or missing in Keyledger; 2 when the measurement could not run.
# A model ccusage shows at $0 with tokens (no price in ccusage) is flagged, not failed.
#
# Keyledger binary: $KEYLEDGER_BIN, else the newer of target/release/keyledger and
# target/debug/keyledger. This script never builds it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
CCUSAGE_VERSION=20.0.24
size_mb=200
seed=42
corpus=""
keep=0
gen_args=()
while (($#)); do
  case $1 in
    --size-mb) size_mb=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --) shift; gen_args=("$@"); break ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//; /^set -e/d'; exit 0 ;;
    *) echo "compare-ccusage: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "compare-ccusage: $*" >&2; exit 2; }

# --- the Keyledger binary ---------------------------------------------------------------
if [[ -n "${KEYLEDGER_BIN:-}" ]]; then
  kl_bin=$KEYLEDGER_BIN
else
  kl_bin=""
  for b in "$repo/target/release/keyledger" "$repo/target/debug/keyledger"; do
    if [[ -x "$b" && (-z "$kl_bin" || "$b" -nt "$kl_bin") ]]; then kl_bin=$b; fi
  done
fi
[[ -n "$kl_bin" && -x "$kl_bin" ]] ||
  die "no keyledger binary (build it: cargo build -p keyledger-cli; or set KEYLEDGER_BIN)"

# --- ccusage, installed once outside the source tree's tracked files -----------------------
peers=${KEYLEDGER_PEERS_DIR:-$repo/target/peers}
cc_dir=$peers/ccusage
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) cc_native=@ccusage/ccusage-linux-x64 ;;
  Linux-aarch64) cc_native=@ccusage/ccusage-linux-arm64 ;;
  Darwin-arm64) cc_native=@ccusage/ccusage-darwin-arm64 ;;
  Darwin-x86_64) cc_native=@ccusage/ccusage-darwin-x64 ;;
  *) die "no ccusage native package for $(uname -sm)" ;;
esac
installed_version() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$cc_dir/node_modules/$1/package.json" 2>/dev/null || true
}
if [[ "$(installed_version ccusage)" != "$CCUSAGE_VERSION" ||
  "$(installed_version "$cc_native")" != "$CCUSAGE_VERSION" ]]; then
  command -v npm >/dev/null || die "npm is needed to install ccusage"
  echo "Installing ccusage $CCUSAGE_VERSION into $cc_dir ..." >&2
  mkdir -p "$cc_dir"
  npm install --prefix "$cc_dir" --no-audit --no-fund --loglevel=error \
    "ccusage@$CCUSAGE_VERSION" "$cc_native@$CCUSAGE_VERSION" >&2 ||
    die "npm install of ccusage failed"
fi
# The native binary itself (what the npm wrapper would spawn), so node's start-up is not timed.
cc_bin=$cc_dir/node_modules/$cc_native/bin/ccusage
[[ -f "$cc_bin" ]] || die "ccusage's native binary is missing: $cc_bin"
[[ -x "$cc_bin" ]] || chmod +x "$cc_bin"

# --- a private work dir, removed on exit ------------------------------------------------------
work=$(mktemp -d -t keyledger-compare.XXXXXX)
cleanup() {
  local status=$?
  if ((keep)); then echo "Kept $work" >&2; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the corpus ---------------------------------------------------------------------------------
if [[ -z "$corpus" ]]; then
  corpus=$work/corpus
  generate=1
elif [[ ! -e "$corpus" || -z "$(ls -A "$corpus" 2>/dev/null)" ]]; then
  generate=1
elif [[ -f "$corpus/manifest.json" && -d "$corpus/claude/projects" ]]; then
  generate=0
else
  die "$corpus is neither empty nor a corpus written by gen-agent-logs.py (no manifest.json)"
fi
if ((generate)); then
  echo "Generating a ${size_mb} MB corpus (seed $seed) in $corpus ..." >&2
  t0=$(date +%s%N)
  python3 "$repo/scripts/gen-agent-logs.py" --out "$corpus" --size-mb "$size_mb" --seed "$seed" \
    ${gen_args[@]+"${gen_args[@]}"}
  gen_s=$(python3 -c "print(f'{($(date +%s%N) - $t0) / 1e9:.1f}')")
  echo "Generated in ${gen_s} s." >&2
elif ((${#gen_args[@]})); then
  die "generator arguments given, but $corpus is reused as it is"
fi
corpus=$(cd "$corpus" && pwd)
corpus_bytes=$(find "$corpus/claude" "$corpus/codex" -name '*.jsonl' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
corpus_files=$(find "$corpus/claude" "$corpus/codex" -name '*.jsonl' | wc -l)

# Both tools see only the corpus: a throwaway HOME and XDG dirs, no session bus, UTC days.
mkdir -p "$work"/{home,xdg/data,xdg/config,xdg/cache,xdg/run,keyledger}
chmod 700 "$work/xdg/run"
sandbox=(env -i "PATH=$PATH" "HOME=$work/home" "LANG=C.UTF-8" "TZ=UTC"
  "XDG_DATA_HOME=$work/xdg/data" "XDG_CONFIG_HOME=$work/xdg/config"
  "XDG_CACHE_HOME=$work/xdg/cache" "XDG_RUNTIME_DIR=$work/xdg/run"
  "CLAUDE_CONFIG_DIR=$corpus/claude" "CODEX_HOME=$corpus/codex"
  "KEYLEDGER_DATA_DIR=$work/keyledger" "KEYLEDGER_KEYRING_SERVICE=keyledger-compare-$$"
  "NO_COLOR=1")

# timed NAME COMMAND... : runs it, stdout to $work/NAME.out, stderr to $work/NAME.err, and
# wall seconds + peak RSS (KiB) to $work/NAME.time ("SECONDS KIB").
timed() {
  local name=$1; shift
  local status=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
      status=$?
  else
    local t0; t0=$(date +%s%N)
    "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
    python3 -c "print(f'{($(date +%s%N) - $t0) / 1e9:.2f} 0')" >"$work/$name.time"
  fi
  if ((status)); then
    echo "compare-ccusage: $name failed (exit $status):" >&2
    tail -n 20 "$work/$name.err" >&2
    exit 2
  fi
}

echo "Running ccusage $CCUSAGE_VERSION ..." >&2
timed ccusage "${sandbox[@]}" "$cc_bin" daily --json --offline
echo "Running keyledger import-logs + usage ($kl_bin) ..." >&2
timed kl_import "${sandbox[@]}" "$kl_bin" --data-dir "$work/keyledger" import-logs --json
timed kl_usage "${sandbox[@]}" "$kl_bin" --data-dir "$work/keyledger" \
  usage --by model --json --from 2000-01-01 --to 2100-12-31

# --- the comparison ---------------------------------------------------------------------------
python3 - "$work" "$corpus" "$corpus_bytes" "$corpus_files" "$kl_bin" "$CCUSAGE_VERSION" <<'PY'
import json
import os
import sys
from decimal import Decimal

work, corpus, corpus_bytes, corpus_files, kl_bin, cc_version = sys.argv[1:]
TOLERANCE = Decimal("0.01")


def load(name):
    with open(os.path.join(work, name)) as f:
        return json.load(f)


def timing(name):
    with open(os.path.join(work, name + ".time")) as f:
        secs, kib = f.read().split()[-2:]
    return float(secs), int(kib)


cc = load("ccusage.out")
kl_rows = load("kl_usage.out")
if isinstance(kl_rows, dict):  # a report object rather than bare rows
    kl_rows = kl_rows.get("rows", [])
kl_import = load("kl_import.out")
try:
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))
except OSError:
    manifest = None

# ccusage: per-day rows with modelBreakdowns; summed per model over all days. Costs are floats:
# read through repr so Decimal keeps the printed value.
ccm = {}
for day in cc["daily"]:
    for b in day["modelBreakdowns"]:
        m = ccm.setdefault(b["modelName"], {"cost": Decimal(0), "input": 0, "output": 0,
                                            "cache_read": 0, "cache_write": 0})
        m["cost"] += Decimal(repr(b.get("cost") or 0))
        m["input"] += b.get("inputTokens", 0)
        m["output"] += b.get("outputTokens", 0)
        m["cache_read"] += b.get("cacheReadTokens", 0)
        m["cache_write"] += b.get("cacheCreationTokens", 0)

klm = {}
for r in kl_rows:
    klm[r["key"]] = {
        "cost": Decimal(r["cost_usd"]) if r.get("cost_usd") is not None else None,
        "priced": r.get("priced", r.get("cost_usd") is not None),
        "input": r["input_tokens"], "output": r["output_tokens"],
        "cache_read": r["cached_tokens"], "cache_write": r["cache_write_tokens"],
    }


def norm(name):
    """Model names as both tools might spell them: no provider prefix, lower case."""
    return name.rsplit("/", 1)[-1].strip().lower()


kl_by_norm = {norm(k): k for k in klm}
rows, failures, flags = [], [], []
matched_kl = set()
for model in sorted(ccm):
    c = ccm[model]
    kname = model if model in klm else kl_by_norm.get(norm(model))
    k = klm.get(kname) if kname else None
    tokens = c["input"] + c["output"] + c["cache_read"] + c["cache_write"]
    label = model if kname in (None, model) else f"{model} (keyledger: {kname})"
    if kname:
        matched_kl.add(kname)
    if k is None:
        status = "MISSING in keyledger"
        if c["cost"] > 0 or tokens:
            failures.append(f"{model}: not in keyledger's usage")
        rows.append((label, c["cost"], None, None, status))
        continue
    if k["cost"] is None or not k["priced"]:
        if c["cost"] > 0:
            status = "UNPRICED in keyledger"
            failures.append(f"{model}: ccusage prices it (${c['cost']:.4f}), keyledger does not")
        else:
            status = "unpriced in both"
        partial = k["cost"] if k["cost"] is not None else None
        rows.append((label, c["cost"], partial, None, status))
        continue
    diff = k["cost"] - c["cost"]
    if c["cost"] == 0 and tokens and k["cost"] > 0:
        status = "no price in ccusage"
        flags.append(f"{model}: ccusage shows $0 for {tokens} tokens; keyledger ${k['cost']:.4f}")
    elif abs(diff) > TOLERANCE:
        status = "DIFFERS"
        failures.append(f"{model}: keyledger - ccusage = {diff:+.4f} USD")
    else:
        status = "ok"
    rows.append((label, c["cost"], k["cost"], diff, status))
for kname in sorted(set(klm) - matched_kl):
    k = klm[kname]
    if k["cost"] is not None and k["cost"] > TOLERANCE:
        status = "DIFFERS (not in ccusage)"
        failures.append(f"{kname}: only keyledger has it (${k['cost']:.4f})")
    else:
        status = "only in keyledger"
    rows.append((kname, None, k["cost"], None, status))


def money(v):
    return "-" if v is None else f"{v:,.4f}"


def sdiff(v):
    return "-" if v is None else f"{v:+.4f}"


width = max([len(r[0]) for r in rows] + [5])
head = f"{'MODEL':<{width}} | {'ccusage $':>12} | {'keyledger $':>12} | {'diff':>9} | status"
print()
print(head)
print("-" * len(head))
for label, c, k, d, status in rows:
    print(f"{label:<{width}} | {money(c):>12} | {money(k):>12} | {sdiff(d):>9} | {status}")
print("-" * len(head))
cc_total = sum((r[1] for r in rows if r[1] is not None), Decimal(0))
kl_total = sum((r[2] for r in rows if r[2] is not None), Decimal(0))
print(f"{'TOTAL':<{width}} | {money(cc_total):>12} | {money(kl_total):>12} | "
      f"{sdiff(kl_total - cc_total):>9} |")
both = [r for r in rows if r[1] is not None and r[2] is not None and r[3] is not None]
if len(both) != len(rows):
    cc_both = sum((r[1] for r in both), Decimal(0))
    kl_both = sum((r[2] for r in both), Decimal(0))
    print(f"{'TOTAL priced by both':<{width}} | {money(cc_both):>12} | {money(kl_both):>12} | "
          f"{sdiff(kl_both - cc_both):>9} | ({len(both)} of {len(rows)} models)")
diffs = [abs(r[3]) for r in rows if r[3] is not None]
if diffs:
    print(f"(largest |diff| of a model: ${max(diffs):.6f})")
cc_reported = cc.get("totals", {}).get("totalCost")
if cc_reported is not None:
    print(f"(ccusage's own totals.totalCost: {cc_reported:,.4f})")

# Tokens, both tools against what the generator wrote (each request once, final usage).
if manifest:
    print()
    print("Tokens against the corpus manifest (input excl. cache | output | cache read | cache write):")
    mismatches = 0
    for model, t in manifest["models"].items():
        if t["agent"] == "codex":
            truth = (t["input_tokens"] - t["cached_input_tokens"], t["output_tokens"],
                     t["cached_input_tokens"], 0)
        else:
            truth = (t["input_tokens"], t["output_tokens"], t["cache_read_input_tokens"],
                     t["cache_creation_input_tokens"])
        got = {}
        for tool, table in (("ccusage", ccm), ("keyledger", klm)):
            name = model if model in table else {norm(x): x for x in table}.get(norm(model))
            v = table.get(name) if name else None
            got[tool] = None if v is None else (v["input"], v["output"], v["cache_read"],
                                                 v["cache_write"])
        for tool, v in got.items():
            if v != truth:
                mismatches += 1
                print(f"  {model}: {tool} {v} != true {truth}")
    if not mismatches:
        print(f"  all {len(manifest['models'])} models: both tools count exactly the true tokens")

cc_s, cc_kib = timing("ccusage")
imp_s, imp_kib = timing("kl_import")
use_s, use_kib = timing("kl_usage")
mb = int(corpus_bytes) / 1e6
print()
print(f"Corpus: {mb:,.1f} MB in {corpus_files} files ({corpus})")
print(f"Keyledger import: {kl_import.get('files_read')} files, {kl_import.get('requests')} requests, "
      f"{kl_import.get('duplicates')} duplicates, {kl_import.get('malformed_lines')} malformed lines; "
      f"unpriced: {', '.join(kl_import.get('unpriced_models') or []) or 'none'}")
print(f"Times (wall, peak RSS): ccusage {cc_version} daily --json --offline: {cc_s:.2f} s, "
      f"{cc_kib / 1024:.0f} MiB")
print(f"                        keyledger import-logs: {imp_s:.2f} s, {imp_kib / 1024:.0f} MiB "
      f"({mb / imp_s if imp_s else 0:,.0f} MB/s); usage --by model: {use_s:.2f} s, "
      f"{use_kib / 1024:.0f} MiB; binary {kl_bin}")
for f in flags:
    print(f"note: {f}")
if failures:
    print()
    print("FAIL:")
    for f in failures:
        print(f"  {f}")
    sys.exit(1)
print()
print(f"OK: every model within ${TOLERANCE}")
PY
