#!/usr/bin/env bash
# Benchmark: indsats beside Hugo, in one run. For each N, a generated corpus of N initiatives
# and its Hugo twin (the same titles, themes, years, plans, facts and Markdown bodies, with
# minimal comparable templates from bench/hugo/: a page per initiative, term pages per theme,
# year and plan, paginated lists, a home page, sitemap and one feed; no search), both built
# into tmpfs, alternating, and per tool the medians of wall time, CPU time (user+system) and
# peak RSS, their ratios indsats/Hugo, the output's files and bytes, and the largest list page;
# then `serve`'s save → reload-event latency on the indsats corpus.
#
#   bash bench/run.sh [N ...]          default: 1000 10000
#   RUNS=3 SERVE=0 bash bench/run.sh 1000
#
# Two twins per N (TWINS): `mixed`, the corpus above (8 themes, bodies of 2-5 KB, Hugo templates
# that show about what indsats shows), and `text`, the text-heavy case (`gen_corpus
# --text-heavy`: 6 themes, 5 plan periods, bodies of about 4 KB, and a Hugo twin from
# bench/hugo-text/ with the least a comparable site needs: a page per initiative, paginated term
# lists, sitemap and one feed; nothing else). SOURCE_DATE_EPOCH is pinned (2021-05-01), so
# that every build reads its dates against the same day.
#
# Only the ratios compare. These machines drift by up to 40 % within minutes, so absolute
# times from different runs (or different days) say little; the two tools are timed
# alternately in the same run instead: a warm-up build each, then RUNS rounds of one build
# each, the order flipping every round (indsats, Hugo, Hugo, indsats, …) so that a steady
# drift does not favour either. hyperfine is not used: it runs all runs of one command before
# the next. Each build is timed with date (wall, in ns) around GNU time (CPU and peak RSS).
# Every build writes into an empty output folder (the previous output is removed before the
# clock starts), so both write every file; with FRESH=0 they rebuild into their previous output
# instead, as in use (indsats then hard-links the files that came out the same from the old
# output into its staging folder; Hugo overwrites in place). The sources are on disk
# (BENCH_DIR) and in the page cache after the warm-up. The Hugo twin processes no images or
# SCSS, so Hugo's resources/ cache stays empty and carries nothing from one build to the next.
#
# What is not the same work: indsats also writes the search index, the A–Å pages, open data
# (JSON, CSV), charts and per-plan status reports with every initiative's full text; Hugo
# only what bench/hugo/ asks for. The ratio is indsats with all of that against plain Hugo.
#
# Environment:
#   RUNS       timed builds per tool and corpus, after one warm-up each (default 7)
#   FRESH=0    rebuild into the previous output instead of an empty folder
#   SERVE=0    skip the serve latency (`--example serve_latency --n 15`)
#   BENCH_DIR  corpora and logs, on disk (default /tmp/indsats-bench)
#   SHM_DIR    the outputs being timed (default /dev/shm/indsats-bench; should be tmpfs)
#   HUGO       the hugo binary (default: hugo on PATH)
#   TWINS      which corpora, in order (default: "mixed text")
# Needs hugo (0.111 here) and GNU time: apt-get install -y hugo time.
# Corpora come from `target/release/examples/gen_corpus --n N --out DIR --hugo DIR` (a
# deterministic corpus; the Hugo twin's config and layouts are copied from bench/hugo/).
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
RUNS=${RUNS:-7}
SERVE=${SERVE:-1}
FRESH=${FRESH:-1}
SIZES=("$@")
read -r -a TWINS <<<"${TWINS:-mixed text}"
# The build date of every build (tests build at the same day): dates must not vary by run.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1619827200}
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
WORK=${BENCH_DIR:-/tmp/indsats-bench}
SHM=${SHM_DIR:-/dev/shm/indsats-bench}
HUGO=${HUGO:-hugo}

say() { printf '%s\n' "$*" >&2; }
command -v "$HUGO" >/dev/null 2>&1 || { say "error: hugo is needed for the side-by-side (apt-get install -y hugo), or set HUGO=/path/to/hugo"; exit 2; }
[ -x /usr/bin/time ] || { say "error: GNU time (/usr/bin/time) is needed: apt-get install -y time"; exit 2; }
case "$RUNS" in '' | *[!0-9]* | 0) say "error: RUNS must be a positive whole number"; exit 2 ;; esac
mkdir -p "$WORK" "$SHM"
WORK=$(cd "$WORK" && pwd)
SHM=$(cd "$SHM" && pwd)
[ "$(stat -f -c %T "$SHM")" = tmpfs ] || say "note: $SHM is on $(stat -f -c %T "$SHM"), not tmpfs"

# ---- binaries. A copy of indsats, so that a build started meanwhile (by someone else in
# this checkout) does not swap the binary in the middle of the run.
if ! cargo build --release --quiet; then
  [ -x target/release/indsats ] || { say "error: cargo build --release failed and there is no target/release/indsats"; exit 2; }
  say "warning: cargo build --release failed: timing the existing target/release/indsats"
fi
if ! cargo build --release --quiet --examples; then
  [ -x target/release/examples/gen_corpus ] || { say "error: the examples do not build and there is no gen_corpus"; exit 2; }
  say "warning: cargo build --release --examples failed: using the existing examples"
fi
cp target/release/indsats "$WORK/indsats"
BIN="$WORK/indsats"
HUGO_VERSION=$("$HUGO" version | awk '{sub(/^v/, "", $2); sub(/[-+].*/, "", $2); print $2}')

# ---- helpers
median() { sort -g | awk '{a[NR]=$1} END {if (!NR) {print "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f×", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.0f MiB", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "-") print "-"; else printf "%.2f s", s }'; }
thousands() { printf "%'d" "$1" 2>/dev/null || printf "%d" "$1"; }
size() { awk -v b="$1" 'BEGIN { if (b >= 1e6) printf "%.1f MB", b / 1e6; else printf "%.0f kB", b / 1e3 }'; }

build_cmd() { # tool src out → sets CMD (GNU time runs programs, not shell functions)
  if [ "$1" = indsats ]; then CMD=("$BIN" build --root "$2" --out "$3")
  else CMD=("$HUGO" --source "$2" --destination "$3" --quiet); fi
}

# One timed build: appends "wall cpu rss_kib" to $LOG/<tool>.txt. Output goes to
# $LOG/<tool>-last.txt; a failed build or anything Hugo prints (it is run with --quiet, so
# that is a warning or an error) is reported.
time_once() { # tool src out
  local tool=$1 s e
  build_cmd "$@"
  [ "$FRESH" = 0 ] || rm -rf "$3"
  s=$(date +%s%N)
  if ! /usr/bin/time -f '%U %S %M' -o "$LOG/t.txt" "${CMD[@]}" >"$LOG/$tool-last.txt" 2>&1; then
    say "error: a $tool build failed:"; tail -n 20 "$LOG/$tool-last.txt" >&2; exit 1
  fi
  e=$(date +%s%N)
  if [ "$tool" = hugo ] && [ -s "$LOG/hugo-last.txt" ]; then
    say "warning: hugo printed:"; head -n 20 "$LOG/hugo-last.txt" >&2
  fi
  awk -v ns=$((e - s)) '{ printf "%.3f %.3f %d\n", ns / 1e9, $1 + $2, $3 }' "$LOG/t.txt" >>"$LOG/$tool.txt"
}

col() { awk -v c="$1" '{print $c}' "$2" | median; }

largest() { # dir subdir... → "bytes path" of the largest index.html under those subdirs
  local dir=$1; shift
  (cd "$dir" && for d in "$@"; do if [ -e "$d" ]; then find "$d" -name index.html -printf '%s %p\n'; fi; done) | sort -n | tail -n 1
}

declare -A wall cpu rss files bytes
for SHAPE in "${TWINS[@]}"; do
case "$SHAPE" in
  mixed) GEN_FLAGS=() ;;
  text) GEN_FLAGS=(--text-heavy) ;;
  *) say "error: TWINS holds mixed and/or text, not $SHAPE"; exit 2 ;;
esac
for N in "${SIZES[@]}"; do
  SITE="$WORK/corpus-$SHAPE-$N"
  TWIN="$WORK/hugo-$SHAPE-$N"
  LOG="$WORK/run-$SHAPE-$N"
  OUT_I="$SHM/indsats-$SHAPE-$N"
  OUT_H="$SHM/hugo-$SHAPE-$N"
  rm -rf "$LOG" "$OUT_I" "$OUT_H"
  mkdir -p "$LOG"
  echo "== $N initiatives, $SHAPE twin: generating the corpus and its Hugo twin"
  target/release/examples/gen_corpus --n "$N" "${GEN_FLAGS[@]}" --out "$SITE" --hugo "$TWIN" >/dev/null
  echo "   warm-up, then $RUNS alternating builds each into $([ "$FRESH" = 0 ] && echo "the previous output" || echo "an empty folder") (outputs in $SHM)"
  time_once indsats "$SITE" "$OUT_I"
  time_once hugo "$TWIN" "$OUT_H"
  : >"$LOG/indsats.txt"
  : >"$LOG/hugo.txt"
  for r in $(seq "$RUNS"); do
    if [ $((r % 2)) -eq 1 ]; then
      time_once indsats "$SITE" "$OUT_I"; time_once hugo "$TWIN" "$OUT_H"
    else
      time_once hugo "$TWIN" "$OUT_H"; time_once indsats "$SITE" "$OUT_I"
    fi
  done

  for t in indsats hugo; do
    wall[$t]=$(col 1 "$LOG/$t.txt")
    cpu[$t]=$(col 2 "$LOG/$t.txt")
    rss[$t]=$(col 3 "$LOG/$t.txt")
  done
  files[indsats]=$(find "$OUT_I" -type f | wc -l)
  files[hugo]=$(find "$OUT_H" -type f | wc -l)
  bytes[indsats]=$(du -sb "$OUT_I" | cut -f1)
  bytes[hugo]=$(du -sb "$OUT_H" | cut -f1)
  pages_i=$(find "$OUT_I" -name '*.html' | wc -l)
  pages_h=$(find "$OUT_H" -name '*.html' | wc -l)

  echo
  echo "| $N initiatives ($SHAPE) | wall (median) | CPU user+sys | peak RSS | output |"
  echo "|---|---|---|---|---|"
  for t in indsats hugo; do
    name=$t; [ "$t" = hugo ] && name="Hugo $HUGO_VERSION"
    pages=$pages_i; [ "$t" = hugo ] && pages=$pages_h
    echo "| $name | $(secs "${wall[$t]}") | $(secs "${cpu[$t]}") | $(mib "${rss[$t]}") | $(thousands "${files[$t]}") files ($(thousands "$pages") HTML), $(size "${bytes[$t]}") |"
  done
  echo "| indsats / Hugo | $(ratio "${wall[indsats]}" "${wall[hugo]}") | $(ratio "${cpu[indsats]}" "${cpu[hugo]}") | $(ratio "${rss[indsats]}" "${rss[hugo]}") | $(ratio "${bytes[indsats]}" "${bytes[hugo]}") bytes |"
  echo
  read -r lb lp <<<"$(largest "$OUT_I" tema aar nyheder alle)"
  echo "largest list page, indsats: ${lp:-none} ($(size "${lb:-0}")); its plan reports (full text): $(largest "$OUT_I" handleplan | { read -r b p; echo "$p ($(size "$b"))"; })"
  read -r lb lp <<<"$(largest "$OUT_H" tema aar handleplan nyheder indsatser/page)"
  [ -f "$OUT_H/indsatser/index.html" ] && [ "$(stat -c %s "$OUT_H/indsatser/index.html")" -gt "${lb:-0}" ] && { lb=$(stat -c %s "$OUT_H/indsatser/index.html"); lp=indsatser/index.html; }
  echo "largest list page, Hugo (50 to a page): ${lp:-none} ($(size "${lb:-0}"))"
  echo "each run (wall s, CPU s, peak RSS KiB): $LOG/indsats.txt, $LOG/hugo.txt"
  if [ "$SERVE" != 0 ]; then
    echo
    target/release/examples/serve_latency --root "$SITE" --n 15
  fi
  echo
done
done
