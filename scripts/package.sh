#!/usr/bin/env bash
# Builds the release app and CLI and bundles them into a .deb with the Tauri CLI pinned in
# ui/package.json: target/release/bundle/deb/Keyledger_<version>_amd64.deb. Called by
# `./x.sh package` (which installs what is missing first) and by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null || { echo "missing: $1 ($2); run ./x.sh package" >&2; exit 1; }; }
need dpkg-deb "Debian's dpkg"
[[ -x ui/node_modules/.bin/tauri ]] || { echo "missing: the Tauri CLI (npm ci --prefix ui); run ./x.sh package" >&2; exit 1; }

echo "==> the window's pages (vite)" >&2
npm run --prefix ui build >/dev/null
echo "==> the release CLI" >&2
cargo build --release --locked -p keyledger-cli
echo "==> the release app and the .deb (tauri build)" >&2
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --ci -- --locked)
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -1)
deb=target/release/bundle/deb/Keyledger_${version}_amd64.deb
[[ -f $deb ]] || { echo "the bundler did not write $deb" >&2; exit 1; }
echo "$deb ($(du -h "$deb" | cut -f1))"
