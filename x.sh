#!/usr/bin/env bash
# Keyledger's two commands, each installing what is missing first (on Debian/Ubuntu):
#
#   ./x.sh run    build and open the desktop app (data in ~/.local/share/keyledger)
#   ./x.sh test   run every test: lint, unit, keychain, CLI, UI, end-to-end in the real window, and
#                 the .deb installed into a temp root
#   ./x.sh package  build the release .deb (target/release/bundle/deb/Keyledger_<version>_amd64.deb)
#
# Set-up steps are skipped when what they install is already present.
set -euo pipefail
cd "$(dirname "$0")"

APT_COMMON=(build-essential pkg-config curl file libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
APT_TEST=(xvfb xauth webkit2gtk-driver gnome-keyring libsecret-tools dbus dunst libnotify-bin xclip tmux
  desktop-file-utils x11-utils python3-xlib)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=900 "${missing[@]}"
}

ensure_rust() {
  [[ -f "$HOME/.cargo/env" ]] && source "$HOME/.cargo/env"
  if ! command -v cargo >/dev/null; then
    say "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    source "$HOME/.cargo/env"
  fi
}

ensure_node() {
  local major=0
  command -v node >/dev/null && major=$(node -p 'process.versions.node.split(".")[0]')
  if ((major < 20)); then
    say "installing Node.js"
    ensure_apt nodejs npm
    major=$(node -p 'process.versions.node.split(".")[0]')
    if ((major < 20)); then
      as_root npm install -g n && as_root n 22 && hash -r
    fi
  fi
}

ensure_npm_deps() { # ensure_npm_deps DIR: npm ci when node_modules is missing or stale
  local dir=$1
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    say "installing npm packages in $dir (npm ci)"
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --locked
  fi
}

ensure_cargo_deny() {
  if ! command -v cargo-deny >/dev/null; then
    say "installing cargo-deny (dependency policy; about 2 minutes)"
    cargo install cargo-deny --locked --version 0.20.2
  fi
}

ensure_sdk_venv() { # the official Python SDKs the gateway is tested with, in tests/sdk/.venv
  local venv=tests/sdk/.venv
  if ! python3 -m venv --help >/dev/null 2>&1; then
    ensure_apt python3 python3-venv
  fi
  if [[ ! -f $venv/.installed || tests/sdk/requirements.txt -nt $venv/.installed ]]; then
    say "installing the OpenAI and Anthropic Python SDKs into $venv (pip)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r tests/sdk/requirements.txt
    touch "$venv/.installed"
  fi
}

setup() { # setup run|test
  ensure_apt "${APT_COMMON[@]}"
  ensure_rust
  ensure_node
  ensure_npm_deps ui
  if [[ $1 == test ]]; then
    ensure_apt "${APT_TEST[@]}"
    ensure_npm_deps tests/e2e
    ensure_sdk_venv
    ensure_tauri_driver
    ensure_cargo_deny
  fi
}

cmd_run() {
  setup run
  say "building the window (first build takes a few minutes)"
  npm run --prefix ui build
  cargo build -p keyledger-app -p keyledger-cli --locked
  say "starting Keyledger (CLI: target/debug/keyledger)"
  exec target/debug/keyledger-app
}

cmd_package() {
  setup run
  exec scripts/package.sh
}

cmd_test() {
  setup test
  exec scripts/test.sh
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  package) cmd_package ;;
  *) echo "usage: ./x.sh run | ./x.sh test | ./x.sh package" >&2; exit 2 ;;
esac
