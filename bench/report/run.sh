#!/usr/bin/env bash
# Consolidated report benchmark (issue 16 §6): the 10,000-task synthetic plan (bench/tick/gen_plan.sh,
# one database, one commune) with examples/rules.jsonc, one tick to start the follow-up, then
# `dondoc report --cycle monthly --period P` in each format timed against `dondoc status --json`
# on the same data (the ratio: what gathering and writing the report adds to the status query).
#   bench/report/run.sh            the full plan (100 communes' worth of tasks)
#   bench/report/run.sh --smoke    10 communes (1,000 tasks)
# Env: BUILD_DIR (default build; needs target dondoc), NOW (default 2026-11-30T09:00+07:00),
#      PERIOD (default 2026-11), FORMATS (default "md html csv xlsx docx"; add pdf for Chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$ROOT/${BUILD_DIR:-build}/dondoc
NOW=${NOW:-2026-11-30T09:00+07:00}
PERIOD=${PERIOD:-2026-11}
FORMATS=${FORMATS:-md html csv xlsx docx}
[ "${1:-}" = "--smoke" ] && export COMMUNES=10
WORK=$(mktemp -d /tmp/dondoc-report.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/r.db

# secs CMD...: wall seconds of CMD (best of 3), stdout discarded.
secs() {
  local best="" t0 t1 s
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk -v x="$s" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$s; fi
  done
  echo "$best"
}

bench/tick/gen_plan.sh >"$WORK/plan.json"
"$BIN" --db "$DB" init >/dev/null
"$BIN" --db "$DB" import plan "$WORK/plan.json" >/dev/null
"$BIN" --db "$DB" rules load examples/rules.jsonc >/dev/null
"$BIN" --db "$DB" tick --now 2026-11-02T09:00+07:00 >/dev/null
echo "== $(sqlite3 "$DB" 'SELECT count(*) FROM tasks') tasks; report $PERIOD at $NOW"
S=$(secs "$BIN" --db "$DB" status --json --now "$NOW")
printf '  %-22s %8.3f s\n' "status --json" "$S"
for f in $FORMATS; do
  T=$(secs "$BIN" --db "$DB" report --cycle monthly --period "$PERIOD" --format "$f" \
    --now "$NOW" -o "$WORK/r.$f")
  printf '  %-22s %8.3f s   ratio %5.2f   %8d bytes\n' "report --format $f" "$T" \
    "$(awk -v a="$T" -v b="$S" 'BEGIN { printf "%.2f", a / b }')" "$(stat -c %s "$WORK/r.$f")"
done
