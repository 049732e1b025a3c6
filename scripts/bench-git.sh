#!/usr/bin/env bash
# Benchmark of Accord's git reading against git itself, on one agreement with 500 revisions:
#   accord history TEAM      vs  git log -p -- FILE
#   accord diff TEAM A B     vs  git diff A B -- FILE      (A = HEAD~450, B = HEAD)
# The four commands run in turn within each round, RUNS rounds (after 2 warm-up rounds), so a
# change in machine load hits all of them alike. Prints each median in ms and the ratios.
# Usage: scripts/bench-git.sh   (env: RUNS=20 REVISIONS=500 REPO=dir)
# Targets (docs/benchmarks-git.md): history ≤ 1.0 × git log -p, diff ≤ 2 × git diff.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
REVISIONS=${REVISIONS:-500}
REPO=${REPO:-${TMPDIR:-/tmp}/accord-history-repo-$REVISIONS}
FILE=agreements/payments/agreement.toml
FAR=$((REVISIONS * 9 / 10))

cargo build --release --quiet --bin accord --example make-history-repo
ACCORD=$PWD/target/release/accord
if [ ! -f "$REPO/.git/accord-bench-repacked" ]; then
  rm -rf "$REPO"
  target/release/examples/make-history-repo "$REPO" "$REVISIONS"
  touch "$REPO/.git/accord-bench-repacked"
fi
cd "$REPO"
A=$(git rev-parse "HEAD~$FAR")
B=$(git rev-parse HEAD)
export GIT_PAGER=cat PAGER=cat NO_COLOR=1
echo "repository: $REPO ($(git rev-list --count HEAD) commits, $(git rev-list --count HEAD -- "$FILE") touching $FILE)"
echo "diff: HEAD~$FAR (${A:0:7}) → HEAD (${B:0:7}); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each"

# Every command must succeed and print something, or the timing means nothing.
for cmd in "$ACCORD history payments" "git log -p -- $FILE" \
  "$ACCORD diff payments $A $B" "git diff $A $B -- $FILE"; do
  out=$($cmd) || { echo "failed: $cmd" >&2; exit 2; }
  [ -n "$out" ] || { echo "no output: $cmd" >&2; exit 2; }
done

names=(history gitlog diff gitdiff)
run() {
  case $1 in
    history) "$ACCORD" history payments ;;
    gitlog) git log -p -- "$FILE" ;;
    diff) "$ACCORD" diff payments "$A" "$B" ;;
    gitdiff) git diff "$A" "$B" -- "$FILE" ;;
  esac >/dev/null
}
declare -A times
for ((round = -2; round < RUNS; round++)); do
  for name in "${names[@]}"; do
    start=$EPOCHREALTIME
    run "$name"
    end=$EPOCHREALTIME
    ((round < 0)) && continue
    times[$name]+="$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.3f", (e-s)*1000}') "
  done
done

median() { tr ' ' '\n' <<<"${times[$1]}" | grep . | sort -n |
  awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
h=$(median history) l=$(median gitlog) d=$(median diff) g=$(median gitdiff)
verdict() { if awk "BEGIN{exit !($1)}"; then echo ok; else echo OVER; fi; }
hr=$(awk -v a="$h" -v b="$l" 'BEGIN{printf "%.2f", a/b}')
dr=$(awk -v a="$d" -v b="$g" 'BEGIN{printf "%.2f", a/b}')
echo
printf '%-36s %8.1f ms\n' "accord history payments" "$h" "git log -p -- FILE" "$l" \
  "accord diff payments A B" "$d" "git diff A B -- FILE" "$g"
echo
echo "history / git log -p: ${hr}×  (target ≤ 1.0×: $(verdict "$hr <= 1.0"))"
echo "diff / git diff:      ${dr}×  (target ≤ 2×: $(verdict "$dr <= 2"))"
