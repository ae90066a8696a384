#!/usr/bin/env bash
# Scheduler benchmark (issue 7 §2): a synthetic plan of 100 communes (10,000 tasks, 2,004 bodies,
# groups, continuous and yearly tasks) imported into a SQLite file with examples/rules.jsonc, then
#  - one `dondoc tick` the day before the monthly due date (after a warm-up tick the day before),
#  - the bare read of the same rows (bench_bare_read), and the ratio tick / bare read,
#  - a full-year dry run (`dondoc preview --days 365`),
#  - peak RSS of each (/usr/bin/time), and `serve` idle on the demo plan (VmHWM after 3 s).
#   bench/tick/run.sh            the full plan
#   bench/tick/run.sh --smoke    10 communes (1,000 tasks), 30-day preview
# Env: BUILD_DIR (default build-bench), SKIP_BUILD=1, BUSY (default 2026-03-18T08:00+07:00),
#      DAYS (preview length, default 365), COMMUNES, TASKS_PER_COMMUNE (see gen_plan.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
BUSY=${BUSY:-2026-03-18T08:00+07:00}  # Wednesday; the monthly report is due "trước ngày 20"
WARM=${WARM:-2026-03-17T08:00+07:00}
DAYS=${DAYS:-365}  # preview length
if [ "${1:-}" = "--smoke" ]; then
  export COMMUNES=10
  DAYS=30
fi
command -v /usr/bin/time >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time
}
if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc bench_bare_read
fi
BIN=$ROOT/$BUILD_DIR
WORK=$(mktemp -d /tmp/dondoc-tick.XXXXXX)
SERVE_PID=""
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
DB=$WORK/tick.db

# timed LABEL CMD...: runs CMD, prints wall seconds (ms resolution, process start included) and
# peak RSS, keeps stdout in $WORK/LABEL.out
timed() {
  local label=$1 t0 t1 secs kb; shift
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || {
    echo "$label failed:" >&2; tail -5 "$WORK/$label.err" >&2; return 1; }
  t1=$(date +%s%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  kb=$(tail -1 "$WORK/$label.time")
  printf '  %-28s %8.3f s   peak RSS %6.1f MB\n' "$label" "$secs" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
  eval "T_$label=$secs; M_$label=$kb"
}

echo "== generating the plan (${COMMUNES:-100} communes)"
bench/tick/gen_plan.sh >"$WORK/plan.json"
"$BIN/dondoc" --db "$DB" init >/dev/null
timed import_plan "$BIN/dondoc" --db "$DB" import plan "$WORK/plan.json"
timed rules_load "$BIN/dondoc" --db "$DB" rules load examples/rules.jsonc
echo "  $(sqlite3 "$DB" 'SELECT count(*) FROM tasks') tasks, $(sqlite3 "$DB" 'SELECT count(*) FROM bodies') bodies"
# Obligations over 2026 (what a body owes by a due date): each assignee (groups fanned out) of a
# task due once in 2026, of a yearly task (1), of a monthly (12) or quarterly (4) one; plus one
# report per reporting body per period of examples/rules.jsonc's cycles (12 monthly + 4 quarterly +
# 1 half-year + 1 annual = 18; reporters = every assignee of an open task). Continuous tasks owe no
# due date: their per-assignee status records are counted apart.
read -r ONCE YEARLY REC CONT REPORTERS < <(sqlite3 -separator ' ' "$DB" "
WITH named(task, id) AS (
  SELECT t.id, j.value FROM tasks t, json_each(t.lead) j
  UNION ALL SELECT t.id, j.value FROM tasks t, json_each(t.coordinators) j),
assignee(task, body) AS (
  SELECT DISTINCT n.task, COALESCE(m.value, n.id) FROM named n
  LEFT JOIN bodies b ON b.id = n.id AND b.kind = 'group'
  LEFT JOIN json_each(CASE WHEN b.kind = 'group' THEN b.members END) m),
k(task, kind, due) AS (
  SELECT id, json_extract(deadline, '\$.kind'), json_extract(deadline, '\$.due') FROM tasks),
a(kind, due) AS (SELECT k.kind, k.due FROM assignee JOIN k USING(task))
SELECT (SELECT count(*) FROM a WHERE kind = 'once' AND due BETWEEN '2026-01-01' AND '2026-12-31'),
  (SELECT count(*) FROM a WHERE kind = 'yearly'),
  (SELECT coalesce(sum(CASE kind WHEN 'monthly' THEN 12 ELSE 4 END), 0) FROM a
     WHERE kind IN ('monthly', 'quarterly')),
  (SELECT count(*) FROM a WHERE kind = 'continuous'),
  (SELECT count(DISTINCT body) FROM assignee)")
REPORTS=$((REPORTERS * 18))
echo "  obligations due in 2026: $((ONCE + YEARLY + REC + REPORTS)) (task deadlines: once $ONCE," \
  "yearly $YEARLY, monthly/quarterly $REC; reports: $REPORTERS bodies x 18 periods = $REPORTS);" \
  "plus $CONT continuous-task status records (no due date)"

echo "== scheduler"
timed tick_warmup "$BIN/dondoc" --db "$DB" tick --now "$WARM" --json
echo "    warm-up at $WARM: $(cat "$WORK/tick_warmup.out")"
timed tick_busy "$BIN/dondoc" --db "$DB" tick --now "$BUSY" --json
echo "    busy tick at $BUSY: $(cat "$WORK/tick_busy.out")"
timed bare_read "$BIN/bench_bare_read" "$DB"
echo "    $(cat "$WORK/bare_read.out")"
echo "  ratio tick / bare read (wall, both as processes): $(awk -v a="$T_tick_busy" -v b="$T_bare_read" \
  'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')  (target <= 3)"
timed preview_year "$BIN/dondoc" --db "$DB" preview --from 2026-01-01 --days "$DAYS" --json
echo "    preview output: $(wc -c <"$WORK/preview_year.out") bytes," \
  "$(grep -o '"due"' "$WORK/preview_year.out" | wc -l) \"due\" entries"
echo "  rows: outbox $(sqlite3 "$DB" 'SELECT count(*) FROM outbox'), send_log" \
  "$(sqlite3 "$DB" 'SELECT count(*) FROM send_log'), engine_obligations" \
  "$(sqlite3 "$DB" 'SELECT count(*) FROM engine_obligations'); db $(du -h "$DB" | cut -f1)"
echo "  peak RSS target for the busy tick: <= 150 MB"

echo "== serve idle on the demo plan"
"$BIN/dondoc" --db "$WORK/demo.db" init --demo >/dev/null
printf '{"listen": "127.0.0.1:%s"}\n' "${PORT:-18390}" >"$WORK/serve.json"
"$BIN/dondoc" --db "$WORK/demo.db" serve --config "$WORK/serve.json" >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
sleep 3
if kill -0 "$SERVE_PID" 2>/dev/null; then
  echo "  serve $(grep -E 'VmHWM|VmRSS' /proc/$SERVE_PID/status | tr -s ' \t' ' ' | tr '\n' ' ')(target <= 15 MB)"
else
  echo "  serve exited: $(tail -3 "$WORK/serve.log")"
fi
