#!/usr/bin/env bash
# Benchmark of `accord report --format json` over 100 teams × 130 check-ins (13,000 files),
# side by side with `cat` reading the same files, and the report's peak memory.
# Usage: scripts/bench-report.sh   (env: FIXTURE=dir TEAMS=100 CHECKINS=130 RUNS=20)
# Targets (docs/benchmarks-report.md): median < 300 ms, peak RSS < 50 MB, median < 5 × cat's.
set -euo pipefail
cd "$(dirname "$0")/.."

TEAMS=${TEAMS:-100}
CHECKINS=${CHECKINS:-130}
RUNS=${RUNS:-20}
FIXTURE=${FIXTURE:-${TMPDIR:-/tmp}/accord-report-fixture-$TEAMS-$CHECKINS}
OUT=${OUT:-target/bench-report}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || [ ! -x /usr/bin/time ]; then
  if need apt-get; then
    apt-get install -y -qq hyperfine time >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine time >/dev/null 2>&1; } || true
  fi
fi
need hyperfine || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet --bin accord --example gen-report-fixture
ACCORD=$PWD/target/release/accord
if [ ! -f "$FIXTURE/.complete" ]; then
  rm -rf "$FIXTURE"
  target/release/examples/gen-report-fixture "$FIXTURE" "$TEAMS" "$CHECKINS"
  touch "$FIXTURE/.complete"
fi
mkdir -p "$OUT"
export ACCORD_TODAY=2026-01-01

files=$(find "$FIXTURE" -name '*.toml' | wc -l)
bytes=$(find "$FIXTURE" -name '*.toml' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "fixture: $FIXTURE ($files files, $bytes bytes); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Both commands go through the shell, so cat's globbing (a directory listing like accord's) counts.
hyperfine --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
  --command-name "accord report --format json" "$ACCORD --dir '$FIXTURE' report --format json > /dev/null" \
  --command-name "cat (same files)" "cat '$FIXTURE'/accord.toml '$FIXTURE'/*/agreement.toml '$FIXTURE'/*/checkins/*.toml > /dev/null"

peak=0
for _ in 1 2 3 4 5; do
  kb=$( { /usr/bin/time -f '%M' "$ACCORD" --dir "$FIXTURE" report --format json > /dev/null; } 2>&1 | tail -1)
  [ "$kb" -gt "$peak" ] && peak=$kb
done

read -r report_ms cat_ms < <(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$OUT/hyperfine.json" |
  awk 'NR==1{r=$1*1000} NR==2{c=$1*1000} END{printf "%.1f %.1f\n", r, c}')
ratio=$(awk -v r="$report_ms" -v c="$cat_ms" 'BEGIN{printf "%.2f", r/c}')
peak_mb=$(awk -v k="$peak" 'BEGIN{printf "%.1f", k/1024}')
verdict() { if awk "BEGIN{exit !($1)}"; then echo ok; else echo OVER; fi; }
echo
echo "median accord report --format json: ${report_ms} ms  (target < 300 ms: $(verdict "$report_ms < 300"))"
echo "median cat of the same files:        ${cat_ms} ms"
echo "ratio report / cat:                  ${ratio}×  (target < 5×: $(verdict "$ratio < 5"))"
echo "peak memory (max RSS of 5 runs):     ${peak_mb} MB  (target < 50 MB: $(verdict "$peak_mb < 50"))"
