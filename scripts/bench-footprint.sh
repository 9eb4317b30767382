#!/usr/bin/env bash
# Keyledger's footprint beside a bare Tauri 2 window (bench/bare-window, same Tauri version):
# start to the first interactive screen, RSS of all processes with the screen open, RSS closed to
# the tray and its growth over an hour of polling a fake API, binary and .deb sizes. Release
# builds, Xvfb, inside the private test session; prints a Markdown table (figures in the README).
#
#   scripts/bench-footprint.sh        BENCH_RUNS=10 starts each, BENCH_HOUR_MINUTES=60
#
# Run ./x.sh package first for the .deb's size (the release programs it builds are reused).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${KEYLEDGER_IN_SESSION:-}" != 1 ]]; then
  echo "==> the window's pages and the release programs" >&2
  npm run --prefix ui build >/dev/null
  cargo build --release --locked --bins -p keyledger-app -p keyledger-cli -p bare-window \
    --features keyledger-app/custom-protocol,bare-window/custom-protocol
  exec scripts/session.sh "$0" "$@"
fi
node tests/e2e/bench/footprint.mjs
