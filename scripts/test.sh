#!/usr/bin/env bash
# Every test of Keyledger, in order, with a one-line total at the end. Called by `./x.sh test`
# once set-up is done. Tests that need the keychain, a display or notifications run inside
# scripts/session.sh (private D-Bus, gnome-keyring, Xvfb, dunst).
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts=tests/artifacts
rm -rf "$artifacts"; mkdir -p "$artifacts"
log="$artifacts/test-output.log"
: >"$log"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run_logged() { "$@" 2>&1 | tee -a "$log"; return "${PIPESTATUS[0]}"; }

step "format (cargo fmt --check)"
cargo fmt --all --check

step "lint (cargo clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "Rust tests: core, keychain, CLI (inside a private session)"
run_logged scripts/session.sh cargo test --workspace --locked

step "summary"
passed=$(grep -Eo 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
echo "rust: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
