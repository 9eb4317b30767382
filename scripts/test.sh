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

step "UI: type check, unit tests (vitest), build"
npm run --prefix ui check
run_logged npm test --prefix ui
npm run --prefix ui build

step "lint (cargo clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "no import cycle between files (core, shell, CLI)"
scripts/module-cycles.py crates/keyledger-core/src src-tauri/src crates/keyledger-cli/src

step "dependency policy (cargo deny: licences, bans, sources)"
cargo deny --locked check licenses bans sources
if [[ ${KEYLEDGER_DENY_ADVISORIES:-} == 1 ]]; then
  step "security advisories (cargo deny, needs the network)"
  cargo deny --locked check advisories
fi

step "build (CLI, app and tests)"
cargo build --workspace --all-targets --locked

step "Rust tests: core, keychain, CLI (inside a private session)"
run_logged scripts/session.sh cargo test --workspace --locked

step "end-to-end: the real window through tauri-driver (inside a private session)"
run_logged scripts/session.sh npm test --prefix tests/e2e

step "package: the release .deb, installed into a temp root and started (inside a private session)"
scripts/package.sh
run_logged scripts/session.sh npm run --prefix tests/e2e test:package

step "summary"
sed -i -E 's/\x1b\[[0-9;]*m//g' "$log" # drop colour codes before counting
count() { # count REGEX FIELD: sums field FIELD of the log lines matching REGEX
  awk -v re="$1" -v f="$2" '$0 ~ re { s += $f } END { print s + 0 }' "$log"
}
rust_passed=$(count '^test result: ' 4)
rust_failed=$(count '^test result: ' 6)
ui_passed=$(grep -E '^ +Tests +[0-9]+' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}' || true)
ui_failed=$(grep -E '^ +Tests +[0-9]+' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}' || true)
e2e_passed=$(count '^ℹ pass [0-9]+' 3)
e2e_failed=$(count '^ℹ fail [0-9]+' 3)
echo "rust (unit, keychain, CLI): $rust_passed passed, $rust_failed failed"
echo "ui (vitest):                $ui_passed passed, $ui_failed failed"
echo "end-to-end (real window):   $e2e_passed passed, $e2e_failed failed"
echo "screenshots: $artifacts/screenshots/"
total_passed=$((rust_passed + ui_passed + e2e_passed))
total_failed=$((rust_failed + ui_failed + e2e_failed))
echo "total: $total_passed passed, $total_failed failed"
((total_failed == 0 && e2e_passed > 0 && ui_passed > 0 && rust_passed > 0))
