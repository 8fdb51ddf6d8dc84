#!/usr/bin/env bash
# Side-by-side search benchmark: an OLD indsats binary (e.g. the last one with Pagefind inside)
# against the NEW one (target/release/indsats), on the shipped site and generated corpora, in
# one run, both outputs on tmpfs, builds alternating old/new:
#   - build time (median over RUNS alternating runs after a warm-up; wall and user+system CPU;
#     hyperfine when installed, else GNU time), peak RSS of a build into an empty folder,
#     output file count and bytes, and the search folder's files and bytes (search/ or pagefind/);
#   - what a phone downloads for a first query (bench/search_transfer.mjs: Chromium, host
#     gzipping text, one fresh context per query), per query, old vs new;
#   - whether two builds of the shipped site, one on tmpfs and one on disk, are byte-identical.
# Generated corpora have no themes/, so each binary renders them with the theme built into it;
# the old binary builds the shipped site from a copy without themes/default/ for the same reason
# (the repo's theme is the new one).
#
#   OLD_BIN=/path/to/indsats-old bash bench/search.sh [shipped] [N ...]   default: shipped 1000 10000
#   RUNS=3 OLD_BIN=… bash bench/search.sh shipped 1000
#
# Environment:
#   OLD_BIN     the binary to compare against; unset: only the new side is measured
#   NEW_BIN     the new binary; unset: `cargo build --release`, then a copy of
#               target/release/indsats (if that build fails, the new side is skipped)
#   RUNS        timed builds per side and corpus (default 5)
#   BASE        sub-path to build and serve at, e.g. /sundhed/ (default /)
#   GZIP_LEVEL  the test host's gzip level, 1-9 (default 6; nginx's own default is 1)
#   BENCH_DIR   corpora, logs and the on-disk build (default /tmp/indsats-bench; must be on disk)
#   SHM_DIR     the builds being measured (default /dev/shm/indsats-search-bench; tmpfs)
#   GEN_CORPUS  a prebuilt gen_corpus binary, used when `cargo run --example gen_corpus` fails
#   SKIP_TRANSFER=1  skip the browser measurement
# Needs GNU time (/usr/bin/time), node, Chromium and tests/browser's playwright-core for the
# transfer (see bench/search_transfer.mjs); hyperfine if installed (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
RUNS=${RUNS:-5}
BASE=${BASE:-/}
GZIP_LEVEL=${GZIP_LEVEL:-6}
WORK=${BENCH_DIR:-/tmp/indsats-bench}
SHM=${SHM_DIR:-/dev/shm/indsats-search-bench}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(shipped 1000 10000)
mkdir -p "$WORK" "$SHM"
WORK=$(cd "$WORK" && pwd)
SHM=$(cd "$SHM" && pwd)
LOG="$WORK/search-bench"
mkdir -p "$LOG"

say() { printf '%s\n' "$*" >&2; }
fstype() { stat -f -c %T "$1"; }
[ "$(fstype "$SHM")" = tmpfs ] || say "note: $SHM is on $(fstype "$SHM"), not tmpfs"
[ -x /usr/bin/time ] || { say "error: GNU time (/usr/bin/time) is needed: apt-get install time"; exit 2; }

# ---- binaries
OLD=${OLD_BIN:-}
if [ -n "$OLD" ]; then
  [ -x "$OLD" ] || { say "error: OLD_BIN=$OLD is not an executable"; exit 2; }
  OLD=$(cd "$(dirname "$OLD")" && pwd)/$(basename "$OLD")
else
  say "OLD_BIN not set: measuring the new side only"
fi
NEW=${NEW_BIN:-}
if [ -z "$NEW" ]; then
  if cargo build --release --quiet; then
    # A copy, so that a build started meanwhile (by someone else in this checkout) does not
    # swap the binary in the middle of the run.
    cp "$REPO/target/release/indsats" "$WORK/indsats-new"
    NEW="$WORK/indsats-new"
  else
    say "warning: cargo build --release failed: the new side is skipped"
  fi
elif [ -x "$NEW" ]; then
  NEW=$(cd "$(dirname "$NEW")" && pwd)/$(basename "$NEW")
else
  say "error: NEW_BIN=$NEW is not an executable"; exit 2
fi
SIDES=()
[ -n "$OLD" ] && SIDES+=(old)
[ -n "$NEW" ] && SIDES+=(new)
[ ${#SIDES[@]} -gt 0 ] || { say "error: neither an old nor a new binary to measure"; exit 2; }
bin_of() { if [ "$1" = old ]; then echo "$OLD"; else echo "$NEW"; fi; }

BASE_ARGS=()
if [ "$BASE" != / ]; then
  case "$BASE" in /*/) ;; *) say "error: BASE must start and end with /, e.g. /sundhed/"; exit 2 ;; esac
  BASE_ARGS=(--base-url "https://example.dk$BASE")
fi

# ---- corpora: the shipped site is the repo itself; N initiatives from gen_corpus (on disk)
# A binary uses a site's themes/default/ from disk when the site has one, else the theme built
# into it. The repo's themes/default/ is the new theme (its search.js speaks the new index), so
# the OLD binary builds a copy of the shipped site without themes/default/ (site.yaml, content/,
# static/, other designs): it then uses its own theme, as it shipped. Generated corpora have no
# themes/ folder, so each binary uses its own theme there anyway.
SHIPPED_COPY="$WORK/shipped-without-theme"
rm -rf "$SHIPPED_COPY"
mkdir -p "$SHIPPED_COPY"
for f in site.yaml content static themes; do [ -e "$REPO/$f" ] && cp -r "$REPO/$f" "$SHIPPED_COPY/"; done
rm -rf "$SHIPPED_COPY/themes/default"
site_for() { # name side site → the folder that side builds
  if [ "$1" = shipped ] && [ "$2" = old ]; then echo "$SHIPPED_COPY"; else echo "$3"; fi
}

corpus() { # name → site folder on stdout, or nothing when it cannot be made
  local name=$1 dir
  if [ "$name" = shipped ]; then echo "$REPO"; return; fi
  dir="$WORK/corpus-$name"
  if cargo run --release --quiet --example gen_corpus -- --n "$name" --out "$dir" >/dev/null 2>"$LOG/gen-$name.txt"; then
    echo "$dir"
  elif [ -n "${GEN_CORPUS:-}" ] && "$GEN_CORPUS" --n "$name" --out "$dir" >/dev/null; then
    echo "$dir"
  elif [ -f "$dir/site.yaml" ]; then
    say "warning: gen_corpus did not build ($LOG/gen-$name.txt); reusing $dir"
    echo "$dir"
  else
    say "warning: gen_corpus did not build ($LOG/gen-$name.txt) and $dir does not exist: skipping $name (set GEN_CORPUS)"
  fi
}

build() { # side site out → runs one build, quietly
  "$(bin_of "$1")" build --root "$2" --out "$3" "${BASE_ARGS[@]}" >/dev/null
}

# One timed build; appends "wall user+sys" (seconds) to $LOG/times-<name>-<side>.txt.
time_once() { # name side site out
  local name=$1 side=$2 site=$3 out=$4 bin
  bin=$(bin_of "$side")
  if command -v hyperfine >/dev/null 2>&1; then
    rm -f "$LOG/hf.json"
    hyperfine -N --runs 1 --style none --export-json "$LOG/hf.json" \
      "$bin build --root $site --out $out ${BASE_ARGS[*]}" >/dev/null 2>&1 || { say "warning: a $side build of $name failed"; return; }
    node -e 'const r = require(process.argv[1]).results[0]; console.log(r.times[0].toFixed(3), (r.user + r.system).toFixed(3))' "$LOG/hf.json" \
      >>"$LOG/times-$name-$side.txt"
  else
    /usr/bin/time -f '%e %U %S' -o "$LOG/t.txt" "$bin" build --root "$site" --out "$out" "${BASE_ARGS[@]}" >/dev/null || { say "warning: a $side build of $name failed"; return; }
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$LOG/t.txt" >>"$LOG/times-$name-$side.txt"
  fi
}

median() { sort -n | awk '{a[NR]=$1} END {if (!NR) {print "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b != "-" && a != "-") printf "%.2f", b / a; else printf "-" }'; }

# Results: one line per corpus, side and metric in $LOG/results.tsv: name side metric value.
RES="$LOG/results.tsv"
: >"$RES"
put() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RES"; }
get() { awk -F'\t' -v n="$1" -v s="$2" -v m="$3" '$1==n && $2==s && $3==m {v=$4} END {print (v=="" ? "-" : v)}' "$RES"; }

search_dir() { # out → the search folder's name (search/ or pagefind/), if any
  for d in search pagefind; do [ -d "$1/$d" ] && { echo "$d"; return; }; done
}

NAMES=()
for name in "${SIZES[@]}"; do
  case "$name" in shipped | [0-9]*) ;; *) say "error: corpus '$name': shipped or a number"; exit 2 ;; esac
  site=$(corpus "$name")
  [ -n "$site" ] || continue
  NAMES+=("$name")
  label=$name
  [ "$name" = shipped ] && label="shipped site"
  say "== $label ($site)"
  for side in "${SIDES[@]}"; do
    rm -f "$LOG/times-$name-$side.txt"
    out="$SHM/$side-$name"
    rm -rf "$out"
    # Warm-up, into an empty folder, under GNU time for the peak RSS.
    if ! /usr/bin/time -v "$(bin_of "$side")" build --root "$(site_for "$name" "$side" "$site")" --out "$out" "${BASE_ARGS[@]}" >/dev/null 2>"$LOG/time-$name-$side.txt"; then
      say "warning: the $side build of $label failed (see $LOG/time-$name-$side.txt)"
      put "$name" "$side" failed 1
      continue
    fi
    rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$LOG/time-$name-$side.txt")
    put "$name" "$side" rss_mib "$((rss / 1024))"
  done
  ok=()
  for side in "${SIDES[@]}"; do [ "$(get "$name" "$side" failed)" = 1 ] || ok+=("$side"); done
  for r in $(seq "$RUNS"); do
    for side in "${ok[@]}"; do
      time_once "$name" "$side" "$(site_for "$name" "$side" "$site")" "$SHM/$side-$name"
    done
    say "  run $r/$RUNS done"
  done
  for side in "${ok[@]}"; do
    out="$SHM/$side-$name"
    put "$name" "$side" wall "$(cut -d' ' -f1 "$LOG/times-$name-$side.txt" | median)"
    put "$name" "$side" cpu "$(cut -d' ' -f2 "$LOG/times-$name-$side.txt" | median)"
    put "$name" "$side" files "$(find "$out" -type f | wc -l)"
    put "$name" "$side" out_mb "$(du -sb "$out" | awk '{printf "%.1f", $1 / 1e6}')"
    sd=$(search_dir "$out")
    if [ -n "$sd" ]; then
      put "$name" "$side" search_dir "$sd/"
      put "$name" "$side" search_files "$(find "$out/$sd" -type f | wc -l)"
      put "$name" "$side" search_kb "$(du -sb "$out/$sd" | awk '{printf "%.0f", $1 / 1e3}')"
    fi
    if [ "${SKIP_TRANSFER:-}" != 1 ]; then
      say "  $side: search transfer"
      if node bench/search_transfer.mjs --dir "$out" --base "$BASE" --gzip-level "$GZIP_LEVEL" \
        --json "$LOG/transfer-$name-$side.json" >"$LOG/transfer-$name-$side.txt" 2>&1; then
        put "$name" "$side" transfer_ok yes
      else
        put "$name" "$side" transfer_ok "no (see $LOG/transfer-$name-$side.txt)"
      fi
      sed 's/^/    /' "$LOG/transfer-$name-$side.txt" >&2
    fi
  done
done

# ---- two builds of the shipped site, on tmpfs and on disk: byte-identical?
DISK="$WORK/identical-disk"
mkdir -p "$DISK"
[ "$(fstype "$DISK")" != tmpfs ] || say "note: $DISK is on tmpfs too: set BENCH_DIR to a folder on disk"
for side in "${SIDES[@]}"; do
  a="$SHM/identical-$side"
  b="$DISK/$side"
  rm -rf "$a" "$b"
  site=$(site_for shipped "$side" "$REPO")
  if build "$side" "$site" "$a" && build "$side" "$site" "$b"; then
    if diff -r "$a" "$b" >"$LOG/identical-$side.diff" 2>&1; then
      put shipped "$side" identical "yes"
    else
      put shipped "$side" identical "NO ($(grep -c '^diff\|^Only in\|^Binary files' "$LOG/identical-$side.diff") files differ; $LOG/identical-$side.diff)"
    fi
  else
    put shipped "$side" identical "build failed"
  fi
done

# ---- the table
transfer_stat() { # name side → "min-max" KB over the queries, or -
  local f="$LOG/transfer-$1-$2.json"
  [ -f "$f" ] || { echo -; return; }
  node -e 'const j = require(process.argv[1]); const b = j.results.map((r) => r.bytes / 1000);
    console.log(`${Math.min(...b).toFixed(1)}-${Math.max(...b).toFixed(1)}`)' "$f"
}
transfer_max() {
  local f="$LOG/transfer-$1-$2.json"
  [ -f "$f" ] || { echo -; return; }
  node -e 'const j = require(process.argv[1]); console.log(Math.max(...j.results.map((r) => r.bytes / 1000)).toFixed(1))' "$f"
}

echo
echo "Search benchmark: $(nproc) cores, RUNS=$RUNS, base $BASE, host gzip level $GZIP_LEVEL, outputs on $(fstype "$SHM") ($SHM)"
[ -n "$OLD" ] && echo "old: $OLD"
[ -n "$NEW" ] && echo "new: $NEW"
{
  printf 'corpus\tmetric\told\tnew\tnew/old\n'
  for name in "${NAMES[@]}"; do
    row() { # label metric [ratio?]
      local o n
      o=$(get "$name" old "$2")
      n=$(get "$name" new "$2")
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$1" "$o" "$n" "$([ "${3:-}" = r ] && ratio "$o" "$n" || echo)"
    }
    row "build wall s (median)" wall r
    row "build CPU s (user+sys)" cpu r
    row "peak RSS MiB" rss_mib r
    row "output files" files r
    row "output MB" out_mb r
    row "search folder" search_dir
    row "search files" search_files r
    row "search KB" search_kb r
    if [ "${SKIP_TRANSFER:-}" != 1 ]; then
      o=$(transfer_stat "$name" old)
      n=$(transfer_stat "$name" new)
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "first query KB (min-max)" "$o" "$n" "$(ratio "$(transfer_max "$name" old)" "$(transfer_max "$name" new)") (max)"
      row "results shown" transfer_ok
    fi
  done
} | column -t -s $'\t'

if [ "${SKIP_TRANSFER:-}" != 1 ]; then
  echo
  echo "First query, KB transferred (KB = 1,000 bytes; results in brackets):"
  node -e '
    const fs = require("fs");
    const [log, ...names] = process.argv.slice(1);
    const load = (n, s) => { try { return JSON.parse(fs.readFileSync(`${log}/transfer-${n}-${s}.json`, "utf8")); } catch { return null; } };
    const rows = [["corpus", "query", "old KB", "new KB", "new/old", "old first result", "new first result"]];
    for (const n of names) {
      const o = load(n, "old"), w = load(n, "new");
      const queries = (o || w)?.results.map((r) => r.query) || [];
      for (const q of queries) {
        const a = o?.results.find((r) => r.query === q), b = w?.results.find((r) => r.query === q);
        const cell = (r) => r ? `${(r.bytes / 1000).toFixed(1)} [${r.total ?? r.shown}]${r.outcome === "ok" ? "" : " " + r.outcome}` : "-";
        rows.push([n, q, cell(a), cell(b), a && b ? (b.bytes / a.bytes).toFixed(2) : "-", (a?.first || "-").slice(0, 34), (b?.first || "-").slice(0, 34)]);
      }
    }
    const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
    for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(w[i])).join("  ").trimEnd());
  ' "$LOG" "${NAMES[@]}"
fi

echo
for side in "${SIDES[@]}"; do
  echo "shipped site built twice ($side), on $(fstype "$SHM") ($SHM) and on $(fstype "$DISK") ($DISK): byte-identical: $(get shipped "$side" identical)"
done
echo "logs: $LOG"
