#!/usr/bin/env bash
# `keyledger run -- true` with one key against `secret-tool lookup` of that key (the floor for one
# keychain read), 20 runs each, in a throwaway data dir and keychain service. Run it inside the
# private session: scripts/session.sh scripts/bench-run.sh (after cargo build --release -p keyledger-cli).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$repo/target/release/keyledger
[ -x "$bin" ] || bin=$repo/target/debug/keyledger
data=$(mktemp -d)
export KEYLEDGER_DATA_DIR=$data KEYLEDGER_KEYRING_SERVICE=keyledger-bench-run-$$
cleanup() { secret-tool clear service "$KEYLEDGER_KEYRING_SERVICE" || true; rm -rf "$data"; }
trap cleanup EXIT
printf 'sk-proj-BENCHabcdefghijklmnopqrstuvwxyz0123456789' | "$bin" add --label bench >/dev/null 2>&1
id=$("$bin" list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
mean_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq 1 20); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(((end - start) / 20000000))
}
"$bin" run -- true
echo "binary: $bin"
echo "keyledger run -- true (one key): $(mean_ms "$bin" run -- true) ms"
echo "secret-tool lookup (same item):  $(mean_ms secret-tool lookup service "$KEYLEDGER_KEYRING_SERVICE" username "$id") ms"
echo "keyledger list (no keychain):    $(mean_ms "$bin" list) ms"
