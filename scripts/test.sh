#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: formatting and lints (native
# and wasm32), native unit and dataset tests, the dataset freshness check, the
# release build with its size budget, and the end-to-end browser suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check
step "clippy (native)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
step "dataset is a fresh build of data/ptce"
cargo run --quiet --release --bin ptce-data -- check
step "native tests"
cargo test --all-targets
step "release build"
trunk build --release --offline
step "size budget"
node scripts/size-check.mjs
step "end-to-end (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
