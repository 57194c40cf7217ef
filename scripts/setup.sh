#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, from the package
# registries only: the wasm32 target, trunk, wasm-bindgen-cli (at the
# Cargo.lock version), npm packages (Leaflet, wasm-opt, gazetteer, test tools)
# and, with --browser, Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

rustup target add wasm32-unknown-unknown >/dev/null

bindgen_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! command -v trunk >/dev/null || ! trunk --version | grep -q ' 0\.21\.'; then
  echo "installing trunk 0.21 (a few minutes)…"
  cargo install trunk --version '~0.21' --locked
fi
if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " $bindgen_version"; then
  echo "installing wasm-bindgen-cli $bindgen_version…"
  # --locked once failed on a registry mirror missing a pinned dependency.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --locked || cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

npm ci --no-audit --no-fund

if [ "$want_browser" = 1 ] && ! command -v chromium >/dev/null; then
  echo "installing Debian chromium and chromium-driver…"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
