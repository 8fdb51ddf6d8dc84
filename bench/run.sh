#!/usr/bin/env bash
# Benchmark: full build time (median of runs after a warm-up), peak memory, output size and
# the serve save → reload-event latency, on generated corpora of N initiatives.
#
#   bash bench/run.sh [N ...]          default: 1000 10000
#   RUNS=5 bash bench/run.sh 1000
#
# Uses hyperfine when installed (apt-get install hyperfine), else a plain loop; peak memory
# from GNU time (/usr/bin/time -v). Corpora are generated deterministically by
# `cargo run --release --example gen_corpus`.
#
# Search, side by side with an older binary (e.g. the last one with Pagefind inside):
#
#   OLD_BIN=/path/to/old/indsats bash bench/search.sh [shipped] [N ...]   default: shipped 1000 10000
#
# builds the shipped site and generated corpora with both binaries into /dev/shm, alternating
# (time, CPU, peak RSS, file count, search folder size), measures in headless Chromium what a
# phone downloads for a first query from a host that gzips text (bench/search_transfer.mjs,
# also usable alone: `node bench/search_transfer.mjs --dir OUTPUT [--base /sundhed/] [--verbose]`),
# and checks that builds of the shipped site on tmpfs and on disk are byte-identical. See the
# header of bench/search.sh for its settings (RUNS, BASE, GZIP_LEVEL, NEW_BIN, …).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)

cargo build --release --quiet
cargo build --release --quiet --examples
BIN=target/release/indsats
WORK=${BENCH_DIR:-/tmp/indsats-bench}
mkdir -p "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

for N in "${SIZES[@]}"; do
  SITE="$WORK/corpus-$N"
  target/release/examples/gen_corpus --n "$N" --out "$SITE" >/dev/null
  OUT="$WORK/out-$N"
  rm -rf "$OUT"
  echo "== $N initiatives"
  "$BIN" build --root "$SITE" --out "$OUT" >/dev/null   # warm-up
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs "$RUNS" --export-json "$WORK/build-$N.json" "$BIN build --root $SITE --out $OUT" | sed -n '2,3p'
  else
    times=()
    for _ in $(seq "$RUNS"); do
      s=$(date +%s%N); "$BIN" build --root "$SITE" --out "$OUT" >/dev/null; e=$(date +%s%N)
      times+=("$(awk "BEGIN { print ($e - $s) / 1e9 }")")
    done
    echo "build: median $(printf '%s\n' "${times[@]}" | median) s over $RUNS runs"
  fi
  /usr/bin/time -v "$BIN" build --root "$SITE" --out "$OUT" 2>"$WORK/time-$N.txt" >/dev/null
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$WORK/time-$N.txt")
  echo "peak RSS: $((rss / 1024)) MiB"
  echo "output: $(find "$OUT" -type f | wc -l) files, $(du -sb "$OUT" | cut -f1) bytes"
  target/release/examples/serve_latency --root "$SITE" --n 15
done
