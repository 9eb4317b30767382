#!/usr/bin/env bash
# The metering gateway's benchmark (crates/keyledger-core/benches/gateway.rs): direct to a
# stand-in upstream, through `keyledger gateway`, and through LiteLLM's proxy (the anchor), with
# the same load generator. Builds the release CLI, installs LiteLLM into target/bench/litellm (once),
# and runs inside a private D-Bus session and keychain. Usage: scripts/bench-gateway.sh
# (BENCH_REQUESTS=N for another request count; KEYLEDGER_BENCH_NO_LITELLM=1 to leave LiteLLM out).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

if [[ -z ${KEYLEDGER_BENCH_INNER:-} ]]; then
  cargo build --release --locked -p keyledger-cli
  cargo bench --locked -p keyledger-core --bench gateway --no-run
  if [[ -z ${KEYLEDGER_BENCH_NO_LITELLM:-} && ! -x target/bench/litellm/bin/litellm ]]; then
    echo "==> installing LiteLLM's proxy into target/bench/litellm (pip)" >&2
    python3 -m venv target/bench/litellm
    target/bench/litellm/bin/pip install -q --disable-pip-version-check 'litellm[proxy]'
  fi
  exec env KEYLEDGER_BENCH_INNER=1 scripts/session.sh "$0" "$@"
fi

data=$(mktemp -d)
export KEYLEDGER_DATA_DIR=$data KEYLEDGER_KEYRING_SERVICE=keyledger-bench-gateway-$$
export KEYLEDGER_BIN=$repo/target/release/keyledger
cleanup() { secret-tool clear service "$KEYLEDGER_KEYRING_SERVICE" || true; rm -rf "$data"; }
trap cleanup EXIT
if [[ -z ${KEYLEDGER_BENCH_NO_LITELLM:-} ]]; then
  export LITELLM_BIN=$repo/target/bench/litellm/bin/litellm
  echo "LiteLLM $("$repo/target/bench/litellm/bin/pip" show litellm 2>/dev/null | sed -n 's/^Version: //p')"
fi
echo "$(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
cargo bench --locked -p keyledger-core --bench gateway
