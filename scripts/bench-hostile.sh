#!/usr/bin/env bash
# Benchmark of `accord validate` on hostile files and on a 65,500-file folder, side by side
# with `taplo check` on the same files in the same run, plus `accord report`'s peak memory.
#   hostile files (each its own agreements folder): a 150,000-entry `days` array (~900 KB),
#   19,000 duplicate presence entries in a check-in, 8,000 rituals, a 1 MB unknown time zone;
#   a folder of 500 teams x 130 check-ins (generated, never committed).
# On each hostile folder `show --format json` and `fmt --check` run too (peak memory).
# Each command runs RUNS times in turn with its peer (after one warm-up), so load hits both
# alike; prints the median wall time and the largest peak RSS (GNU time) of each.
# Usage: scripts/bench-hostile.sh   (env: RUNS=5 TEAMS=500 CHECKINS=130 WORK=dir NO_BUILD=1)
# Targets (issue 10, docs/benchmarks-hostile.md): every hostile file < 100 ms and < 50 MB
# (validate; show and fmt --check < 50 MB);
# the 65,500 files: validate <= 0.1 x taplo check; report peak < 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TEAMS=${TEAMS:-500}
CHECKINS=${CHECKINS:-130}
WORK=${WORK:-${TMPDIR:-/tmp}/accord-bench-hostile}
FIXTURE=$WORK/folder-$TEAMS-$CHECKINS

need() { command -v "$1" >/dev/null 2>&1; }
if [ ! -x /usr/bin/time ] && need apt-get; then
  apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 2; }
need taplo || pip install --quiet taplo || { echo "taplo is needed (pip install taplo)" >&2; exit 2; }
need taplo || { echo "taplo is needed (pip install taplo)" >&2; exit 2; }

[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet --bin accord --example gen-report-fixture
ACCORD=$PWD/target/release/accord
export ACCORD_TODAY=2026-11-20 NO_COLOR=1

# --- the hostile files, one agreements folder each -----------------------------------------
mkdir -p "$WORK"
python3 - "$WORK/hostile" <<'PY'
import os, sys
root = sys.argv[1]
head = ('schema = 1\nteam = "Hostile"\nversion = 1\nstatus = "active"\n'
        'adopted = 2026-01-05\nreview_by = 2026-12-01\n\n[[members]]\nname = "Ana"\n\n')
def write(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
write("days/t/agreement.toml",
      head + "[presence]\ndays = [" + ",".join(['"mon"'] * 150_000) + "]\n")
write("presence/t/agreement.toml",
      head + '[presence]\ndays = ["mon"]\n\n[[consent]]\nitem = "presence"\n'
      'agree = 1\nconcerns = 0\nobjections = 0\n')
write("presence/t/checkins/2026-01-26.toml",
      "schema = 1\ndate = 2026-01-26\nfrom = 2026-01-05\nto = 2026-01-25\nagreement_version = 1\n"
      + "[[presence]]\ndate=2026-01-05\npresent=1\nexpected=1\n" * 19_000)
write("rituals/t/agreement.toml", head + "".join(
      f'[[rituals]]\nid = "r{i}"\nname = "R"\ncadence = "weekly"\nday = "mon"\n\n'
      for i in range(8_000)))
write("timezone/t/agreement.toml",
      'schema = 1\nteam = "T"\nversion = 1\nstatus = "draft"\ntimezone = "Europe/'
      + "x" * 1_000_000 + '"\n')
PY

# --- the 65,500-file folder -----------------------------------------------------------------
if [ ! -f "$FIXTURE/.complete" ]; then
  rm -rf "$FIXTURE"
  target/release/examples/gen-report-fixture "$FIXTURE" "$TEAMS" "$CHECKINS" >/dev/null
  touch "$FIXTURE/.complete"
fi
files=$(find "$FIXTURE" -name '*.toml' | wc -l)
echo "folder: $FIXTURE ($files files); hostile files: $WORK/hostile"
echo "$(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs each; $(taplo --version)"
echo

# One run of the command held in the array named $1: prints "ms kb" (wall time from bash's
# clock, peak RSS from GNU time). The exit code is not judged (validate finds errors in the
# hostile files on purpose), but a crash is.
once() {
  local -n c=$1
  local t0 t1 kb
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$WORK/.rss" "${c[@]}" >/dev/null 2>&1 || true
  kb=$(tail -1 "$WORK/.rss")
  t1=$EPOCHREALTIME
  case $kb in '' | *[!0-9]*) echo "crashed: ${c[*]}: $kb" >&2; exit 2 ;; esac
  awk -v a="$t0" -v b="$t1" -v k="$kb" 'BEGIN{printf "%.1f %s\n", (b-a)*1000, k}'
}
# bench LABEL ARRAY...: runs the commands in turn, RUNS rounds after one warm-up; a row each.
bench() {
  local label=$1; shift
  declare -A ms=() kb=()
  local a r m k
  for a in "$@"; do ms[$a]=""; kb[$a]=0; done
  for ((r = -1; r < RUNS; r++)); do
    for a in "$@"; do
      read -r m k < <(once "$a")
      [ "$r" -ge 0 ] || continue
      ms[$a]="${ms[$a]} $m"
      [ "$k" -gt "${kb[$a]}" ] && kb[$a]=$k
    done
  done
  for a in "$@"; do
    local -n c=$a
    local med
    med=$(tr ' ' '\n' <<<"${ms[$a]}" | grep . | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
    printf '%-28s %-22s %9.1f ms %8.1f MB\n' "$label" "$(basename "${c[0]}") ${c[1]}" "$med" \
      "$(awk -v k="${kb[$a]}" 'BEGIN{print k/1024}')"
    echo "$label|$a|$med|${kb[$a]}" >>"$WORK/results"
  done
}

: >"$WORK/results"
printf '%-28s %-22s %12s %11s\n' "input" "command" "median" "peak RSS"
for h in days presence rituals timezone; do
  f=$(find "$WORK/hostile/$h" -name '*.toml' | sort | tail -1)
  accord_cmd=("$ACCORD" validate "$WORK/hostile/$h")
  taplo_cmd=(taplo check "$f")
  show_cmd=("$ACCORD" show t --dir "$WORK/hostile/$h" --format json)
  fmt_cmd=("$ACCORD" fmt --check "$WORK/hostile/$h")
  bench "$h ($(du -k "$f" | cut -f1) KB)" accord_cmd taplo_cmd show_cmd fmt_cmd
done
accord_cmd=("$ACCORD" validate "$FIXTURE")
taplo_cmd=(taplo check "$FIXTURE/**/*.toml")
report_cmd=("$ACCORD" report --dir "$FIXTURE" --format json)
bench "folder ($files files)" accord_cmd taplo_cmd report_cmd

echo
verdict() { if awk "BEGIN{exit !($1)}"; then echo ok; else echo OVER; fi; }
mb() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
while IFS='|' read -r label a med k; do
  case $label/$a in
    folder*) ;;
    */accord_cmd) echo "$label: validate $med ms (< 100: $(verdict "$med < 100")), $(mb "$k") MB (< 50: $(verdict "$k < 51200"))" ;;
    */show_cmd | */fmt_cmd) echo "$label: ${a%_cmd} $med ms, $(mb "$k") MB (< 50: $(verdict "$k < 51200"))" ;;
  esac
done <"$WORK/results"
get() { awk -F'|' -v a="$1" -v f="$2" '/^folder/ && $2==a {print $f}' "$WORK/results"; }
v=$(get accord_cmd 3) t=$(get taplo_cmd 3) r=$(get report_cmd 4)
echo "folder: validate / taplo check = $(awk -v v="$v" -v t="$t" 'BEGIN{printf "%.3f", v/t}') (<= 0.1: $(verdict "$v / $t <= 0.1"))"
echo "folder: report peak $(mb "$r") MB (< 50: $(verdict "$r < 51200"))"
