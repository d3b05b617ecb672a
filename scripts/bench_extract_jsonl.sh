#!/usr/bin/env bash
# Times `frontmap extract --jsonl` on a generated batch: 10,000 dispatches of 2–3 kB made from
# the project's own fixture dispatches (tests/fixtures/extract/*.txt: one dispatch, then the
# bodies of the next ones until 2.2 kB), on 1 and 2 threads
# (RAYON_NUM_THREADS), with wall time and peak memory (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/frontmap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/batch.jsonl" <<'PY'
import glob, json, sys
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("tests/fixtures/extract/*.txt"))]
bodies = [t.split("\n\n", 2)[-1] for t in texts]
docs = []
for i in range(len(texts)):
    d, k = texts[i], i + 1
    while len(d.encode()) < 2200:
        d += "\n\n" + bodies[k % len(bodies)]
        k += 1
    docs.append(d)
sizes = sorted(len(d.encode()) for d in docs)
print(f"dispatch sizes {sizes[0]}–{sizes[-1]} bytes", file=sys.stderr)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(10_000):
        f.write(json.dumps({"id": f"d{i}", "text": docs[i % len(docs)]}, ensure_ascii=False) + "\n")
PY
echo "input: $(wc -l < "$tmp/batch.jsonl") dispatches, $(du -h "$tmp/batch.jsonl" | cut -f1)"
for n in 1 2; do
  RAYON_NUM_THREADS=$n /usr/bin/time -f "%e s wall, %M KB peak RSS" -o "$tmp/time" \
    "$bin" extract --jsonl --country ML < "$tmp/batch.jsonl" > "$tmp/out.jsonl"
  printf '%s thread(s): %s, %s lines out (%s)\n' "$n" "$(cat "$tmp/time")" \
    "$(wc -l < "$tmp/out.jsonl")" "$(du -h "$tmp/out.jsonl" | cut -f1)"
done
