#!/usr/bin/env bash
# Refreshes the showcase maps committed in output/showcase/ (shown in the README) from a run of
# the embedded Mali 2013 case.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -- run --out output
mkdir -p output/showcase
for d in 2013-01-10 2013-01-11 2013-01-12 2013-01-28 2013-02-21; do
  cp "output/$d/map.png" "output/showcase/$d.png"
done
ls -l output/showcase
