#!/usr/bin/env bash
# Builds the release app and CLI and bundles them into a .deb with the Tauri CLI pinned in
# ui/package.json: target/release/bundle/deb/Keyledger_<version>_amd64.deb. Called by
# `./x.sh package` (which installs what is missing first) and by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

missing() { echo "missing: $1; run ./x.sh package, which installs it" >&2; exit 1; }
command -v dpkg-deb >/dev/null || missing "dpkg-deb (Debian's dpkg)"
[[ -x ui/node_modules/.bin/tauri ]] || missing "the Tauri CLI (npm ci --prefix ui)"

echo "==> the window's pages (vite)" >&2
npm run --prefix ui build >/dev/null
# Both programs in one cargo run, so their shared crates are built once; `custom-protocol` serves
# the pages from the binary, as `tauri build` would set it.
echo "==> the release app and CLI" >&2
cargo build --release --locked --bins -p keyledger-app -p keyledger-cli \
  --features keyledger-app/custom-protocol
echo "==> the .deb (tauri bundle)" >&2
(cd src-tauri && ../ui/node_modules/.bin/tauri bundle --bundles deb --ci)
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -1)
deb=target/release/bundle/deb/Keyledger_${version}_amd64.deb
[[ -f $deb ]] || { echo "the bundler did not write $deb" >&2; exit 1; }
# Tauri's bundler compresses with gzip; xz, as Debian's own packages are, makes it a third smaller.
echo "==> recompressing with xz" >&2
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
dpkg-deb -R "$deb" "$tree/root"
dpkg-deb --root-owner-group -Zxz -b "$tree/root" "$deb" >/dev/null
echo "$deb ($(du -h "$deb" | cut -f1))"
