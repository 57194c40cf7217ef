#!/usr/bin/env bash
# Benchmark command (not a test): release build, synthetic datasets, transfer
# sizes, then timings of the app and the plain-JS reference page.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
for n in 10k:10000 100k:100000; do
  for ext in geojson bin; do
    cargo run --quiet --release --bin ptce-data -- synth "${n#*:}" "dist/data/bench-${n%%:*}.$ext"
  done
done
mkdir -p dist/bench && cp -r bench/reference dist/bench/
node scripts/size-check.mjs
node scripts/bench.mjs "$@"
node scripts/lighthouse.mjs --runs 3
