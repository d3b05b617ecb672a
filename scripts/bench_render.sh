#!/usr/bin/env bash
# Times whole `frontmap` map runs on this machine (wall time and peak memory, GNU time):
# the embedded Mali 2013 case (`run`, all dates) and a generated 365-date case (`render`),
# with the default size (2400x1800) and 2 worker threads. Figures go in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/frontmap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen_year_case.py "$tmp/year.csv"
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e s wall, %M KB peak RSS" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
    cat "$tmp/err"; exit 1; }
  printf '%-44s %s   (%s)\n' "$label" "$(cat "$tmp/time")" "$(grep -o 'wrote.*dates' "$tmp/err" | head -1)"
}
measure "embedded case, all dates (run, 2 threads)" \
  "$bin" run --jobs 2 --out "$tmp/case"
measure "embedded case, all dates (run, 1 thread)" \
  "$bin" run --jobs 1 --out "$tmp/case1"
measure "generated 365-date case (render, 2 threads)" \
  "$bin" render --events "$tmp/year.csv" --initial data/mali2013/initial_control.csv \
  --jobs 2 --out "$tmp/year"
echo "output size: case $(du -sh "$tmp/case" | cut -f1), year $(du -sh "$tmp/year" | cut -f1)"
