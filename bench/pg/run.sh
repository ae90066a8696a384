#!/usr/bin/env bash
# PostgreSQL against SQLite (issue 17 §3), in ONE run so both stores see the same moments of this
# shared machine:
#  - the webhook (wrk + bench/webhook/post.lua, the generic webhook, CONNS=40 connections) on
#    `serve --no-scheduler` over the demo database in a SQLite file and the same data copied to
#    PostgreSQL with `dondoc migrate`, then TWO serve processes on one PostgreSQL database (one
#    wrk, its two threads one per port: bench/pg/two.lua), alternating the three ROUNDS times;
#    requests/s, p50/p99, and CPU per request of serve and of the PostgreSQL server;
#  - the busy tick of bench/tick's plan (`dondoc tick --now`, after a warm-up tick) on both stores.
# PostgreSQL is a throwaway 15 (scripts/lib/pg_throwaway.sh) with fsync and full_page_writes on,
# synchronous_commit on (its default, which dondoc relies on for events); SQLite is WAL with
# synchronous=FULL, as dondoc opens it. Both live on the same disk (the work folder in /tmp).
# Prints the figures, the ratios (PostgreSQL / SQLite, two processes / one) and the load average;
# exits non-zero only when a step fails (a command, a server that does not start or dies, non-2xx
# answers, socket errors, an acked event missing, the two stores' ticks queueing differently),
# never on a figure.
#   bench/pg/run.sh            10 s per point, 3 rounds, the 100-commune plan (about 4 minutes)
#   bench/pg/run.sh --smoke    2 s per point, 1 round, 10 communes (CI: under a minute)
# Env: BUILD_DIR (build-bench), SKIP_BUILD=1, JOBS, DURATION (wrk seconds per point), ROUNDS (3),
#      CONNS (40), PORT_BASE (18580), COMMUNES / TASKS_PER_COMMUNE (bench/tick/gen_plan.sh),
#      WARM, BUSY (the two tick moments, as bench/tick/run.sh), SCHEDULER=1 (serve runs its
#      scheduler, on the real clock: the two processes then share its lock, one holding it, and
#      both senders claim the outbox rows they send; without it every serve has --no-scheduler).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
DURATION=${DURATION:-10} ROUNDS=${ROUNDS:-3} CONNS=${CONNS:-40} PORT_BASE=${PORT_BASE:-18580}
BUSY=${BUSY:-2026-03-18T08:00+07:00}  # Wednesday; the monthly report is due "trước ngày 20"
WARM=${WARM:-2026-03-17T08:00+07:00}
if [ "${1:-}" = "--smoke" ]; then
  DURATION=${SMOKE_DURATION:-2} ROUNDS=1
  export COMMUNES=${COMMUNES:-10}
fi
SECRET=bench-secret-0123456789
. scripts/lib/apt_need.sh
apt_need wrk:wrk sqlite3:sqlite3 /usr/bin/time:time
. scripts/lib/pg_throwaway.sh

if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc
fi
DONDOC=$ROOT/$BUILD_DIR/dondoc
WORK=$(mktemp -d /tmp/dondoc-pg.XXXXXX)
chmod 755 "$WORK"  # the postgres user runs the server in $WORK/pg
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_throwaway_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
FAILED=0
fail() { echo "run.sh: $*" >&2; FAILED=1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== PostgreSQL 15 (fsync on, synchronous_commit on), load average $(load)"
pg_throwaway_start "$WORK/pg" durable || { fail "PostgreSQL did not start"; exit 1; }
PG_SETTINGS=$(pg_throwaway_as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U dondoc \
  -d postgres -Atc "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings
                    WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method')")
echo "  $PG_SETTINGS"
PM_PID=$(head -1 "$WORK/pg/data/postmaster.pid")
psql_at() {  # psql_at URL SQL: one value
  pg_throwaway_as_postgres "$PG_BIN/psql" "$1" -Atc "$2"
}

# CPU ticks (user + system) of the PostgreSQL server: the postmaster and its children (the
# backends of the serve processes, the WAL writer, the checkpointer...), plus the children the
# postmaster has reaped (cutime + cstime: the backend of a CLI command that has exited).
pg_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$PM_PID" '
    { pid = $1; sub(/^[^)]*\) /, ""); split($0, f, " ")
      if (pid == pm || f[2] == pm) s += f[12] + f[13]
      if (pid == pm) s += f[14] + f[15] }
    END { print s + 0 }'
}
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK)

wait_port() {  # wait up to 20 s for 127.0.0.1:$1 to accept connections
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

SCHED_OPT=(--no-scheduler)
[ -z "${SCHEDULER:-}" ] || SCHED_OPT=()
# serve_start NAME DB PORT: `serve --no-scheduler` (see SCHEDULER) in the background; SERVE_PID=its
# pid.
serve_start() {
  local name=$1 db=$2 port=$3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is already taken (PORT_BASE=... to move)"
    return 1
  fi
  printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$port" "$SECRET" \
    >"$WORK/$name.json"
  "$DONDOC" --db "$db" serve --config "$WORK/$name.json" "${SCHED_OPT[@]}" >>"$WORK/$name.log" 2>&1 &
  SERVE_PID=$!
  PIDS+=("$SERVE_PID")
  if ! wait_port "$port"; then
    fail "serve $name did not start on port $port: $(tail -3 "$WORK/$name.log" | tr '\n' ' ')"
    return 1
  fi
}
# serve_stop NAME PID: SIGTERM (graceful); fails when serve had died during the run.
serve_stop() {
  if ! kill -0 "$2" 2>/dev/null; then
    fail "serve $1 died during the run: $(tail -3 "$WORK/$1.log" | tr '\n' ' ')"
    return 0
  fi
  kill "$2" 2>/dev/null || true
  wait "$2" 2>/dev/null || true
}

declare -A R     # R[name,round] = "rps p50 p99 non2xx errors requests"
declare -A CPUS  # serve CPU (all processes of the point) per request, µs
declare -A CPUP  # PostgreSQL server CPU per request, µs
declare -A LOAD
declare -A ACKED # requests answered, summed over the rounds, per database
# webhook NAME ROUND DBKEY PORT...: one wrk point over the serve processes on those ports.
webhook() {
  local name=$1 round=$2 key=$3; shift 3
  local ports="$*" line n s0 s1 p0 p1 p
  local pids=("${CUR_PIDS[@]}") x0=0 x1=0 per_tx=-
  s0=0; for p in "${pids[@]}"; do s0=$((s0 + $(proc_ticks "$p"))); done
  p0=$(pg_ticks)
  [ "$name" = sqlite ] || x0=$(xact_commits "${URL[$key]}")
  line=$(DONDOC_PORTS="$ports" wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s \
           -s bench/pg/two.lua "http://127.0.0.1:$1" -- "$name-r$round-$RANDOM$RANDOM" "$SECRET" |
         grep '^RESULT' || true)
  s1=0; for p in "${pids[@]}"; do s1=$((s1 + $(proc_ticks "$p"))); done
  p1=$(pg_ticks)
  [ "$name" = sqlite ] || x1=$(xact_commits "${URL[$key]}")
  if [ -z "$line" ]; then
    fail "wrk printed no result for $name (round $round)"
    line="RESULT requests=0 rps=0 p50_ms=0 p99_ms=0 non2xx=0 errors=1"
  fi
  # RESULT requests=.. rps=.. p50_ms=.. p99_ms=.. non2xx=.. errors=..
  n=$(echo "$line" | sed -E 's/.*requests=([0-9]+).*/\1/')
  R[$name,$round]="$(echo "$line" | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) non2xx=([0-9]+) errors=([0-9]+).*/\1 \2 \3 \4 \5/') $n"
  ACKED[$key]=$(( ${ACKED[$key]:-0} + n ))
  CPUS[$name,$round]=$(awk -v a="$s0" -v b="$s1" -v n="$n" -v hz="$HZ" \
                         'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1e6 / hz / n : 0) }')
  if [ "$name" = sqlite ]; then
    CPUP[$name,$round]=-
  else
    CPUP[$name,$round]=$(awk -v a="$p0" -v b="$p1" -v n="$n" -v hz="$HZ" \
                           'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1e6 / hz / n : 0) }')
  fi
  LOAD[$name,$round]=$(load)
  [ "$name" = sqlite ] || per_tx=$(awk -v n="$n" -v c=$((x1 - x0)) 'BEGIN { printf "%.1f", (c > 0 ? n / c : 0) }')
  read -r rps p50 p99 non2xx errors _ <<<"${R[$name,$round]}"
  printf '  %-10s round %d: %7s req/s  p50/p99 %s/%s ms  CPU/req serve %s µs, PostgreSQL %s µs  (load %s)\n' \
    "$name" "$round" "$rps" "$p50" "$p99" "${CPUS[$name,$round]}" "${CPUP[$name,$round]}" \
    "${LOAD[$name,$round]}"
  echo "             non-2xx: $name=$non2xx; socket errors: $name=$errors; events per committed" \
    "transaction (PostgreSQL's xact_commit, reads included): $per_tx"
  [ "$non2xx" = 0 ] || fail "$name (round $round): $non2xx non-2xx answers"
  [ "$errors" = 0 ] || fail "$name (round $round): $errors socket errors"
}

echo "== databases: the demo plan in SQLite (init --demo), copied to PostgreSQL (migrate)"
SQ=$WORK/demo.db
"$DONDOC" --db "$SQ" init --demo >"$WORK/init.log" 2>&1 || { fail "init --demo failed"; exit 1; }
PG1=$(pg_throwaway_db bench_one) && PG2=$(pg_throwaway_db bench_two) ||
  { fail "could not create the PostgreSQL databases"; exit 1; }
declare -A URL=([pg1]=$PG1 [pg2]=$PG2)
xact_commits() {  # transactions committed in the database of URL $1 so far
  psql_at "$1" "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
}
for url in "$PG1" "$PG2"; do
  "$DONDOC" migrate --from "$SQ" --to "$url" >"$WORK/migrate.log" 2>&1 ||
    { fail "migrate to $url failed: $(tail -3 "$WORK/migrate.log")"; exit 1; }
done
echo "  $(tail -1 "$WORK/migrate.log")"

echo "== webhook, $CONNS connections, ${DURATION} s per point, $ROUNDS round(s): SQLite, PostgreSQL, two serve on PostgreSQL"
P_SQ=$((PORT_BASE + 1)) P_PG=$((PORT_BASE + 2)) P_A=$((PORT_BASE + 3)) P_B=$((PORT_BASE + 4))
for round in $(seq "$ROUNDS"); do
  if serve_start sqlite "$SQ" "$P_SQ"; then
    CUR_PIDS=("$SERVE_PID")
    webhook sqlite "$round" sqlite "$P_SQ"
    serve_stop sqlite "$SERVE_PID"
  fi
  if serve_start pg "$PG1" "$P_PG"; then
    CUR_PIDS=("$SERVE_PID")
    webhook pg "$round" pg1 "$P_PG"
    serve_stop pg "$SERVE_PID"
  fi
  if serve_start pg_a "$PG2" "$P_A"; then
    PID_A=$SERVE_PID
    if serve_start pg_b "$PG2" "$P_B"; then
      CUR_PIDS=("$PID_A" "$SERVE_PID")
      webhook pg_two "$round" pg2 "$P_A" "$P_B"
      serve_stop pg_b "$SERVE_PID"
    fi
    serve_stop pg_a "$PID_A"
  fi
done

# Every answered event is in its database (the 200 comes after the commit): rows >= answers.
rows_sq=$(sqlite3 "$SQ" "SELECT count(*) FROM inbound_events WHERE event_key LIKE 'sqlite-r%'")
rows_pg1=$(psql_at "$PG1" "SELECT count(*) FROM inbound_events WHERE event_key LIKE 'pg-r%'")
rows_pg2=$(psql_at "$PG2" "SELECT count(*) FROM inbound_events WHERE event_key LIKE 'pg_two-r%'")
echo "  events stored / answered: SQLite $rows_sq / ${ACKED[sqlite]:-0}," \
  "PostgreSQL $rows_pg1 / ${ACKED[pg1]:-0}, two serve $rows_pg2 / ${ACKED[pg2]:-0}"
[ "$rows_sq" -ge "${ACKED[sqlite]:-0}" ] || fail "SQLite: fewer events stored than answered"
[ "$rows_pg1" -ge "${ACKED[pg1]:-0}" ] || fail "PostgreSQL: fewer events stored than answered"
[ "$rows_pg2" -ge "${ACKED[pg2]:-0}" ] || fail "two serve: fewer events stored than answered"

echo "== busy tick (bench/tick's plan, ${COMMUNES:-100} communes), load average $(load)"
bench/tick/gen_plan.sh >"$WORK/plan.json"
TSQ=$WORK/tick.db
TPG=$(pg_throwaway_db bench_tick) || { fail "could not create the tick database"; exit 1; }
# timed LABEL CMD...: wall seconds (ms resolution, process start included), peak RSS of the
# command, and the PostgreSQL server's CPU seconds meanwhile.
timed() {
  local label=$1 t0 t1 p0 p1 kb; shift
  p0=$(pg_ticks)
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || {
    fail "$label failed: $(tail -3 "$WORK/$label.err" | tr '\n' ' ')"; return 1; }
  t1=$(date +%s%N)
  p1=$(pg_ticks)
  kb=$(tail -1 "$WORK/$label.time")
  eval "T_$label=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
  eval "C_$label=$(awk -v a="$p0" -v b="$p1" -v hz="$HZ" 'BEGIN { printf "%.2f", (b - a) / hz }')"
  printf '  %-22s %8.3f s   peak RSS %6.1f MB   PostgreSQL CPU %s s   (load %s)\n' "$label" \
    "$(eval echo "\$T_$label")" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
    "$(eval echo "\$C_$label")" "$(load)"
}
TICK_OK=1
for s in sqlite pg; do
  db=$TSQ; [ $s = pg ] && db=$TPG
  "$DONDOC" --db "$db" init >/dev/null 2>"$WORK/init_$s.err" ||
    { fail "init on $s failed: $(tail -3 "$WORK/init_$s.err")"; TICK_OK=0; continue; }
  timed "import_$s" "$DONDOC" --db "$db" import plan "$WORK/plan.json" || TICK_OK=0
  timed "rules_$s" "$DONDOC" --db "$db" rules load examples/rules.jsonc || TICK_OK=0
done
for s in sqlite pg; do
  db=$TSQ; [ $s = pg ] && db=$TPG
  timed "warm_tick_$s" "$DONDOC" --db "$db" tick --now "$WARM" --json || TICK_OK=0
done
for s in sqlite pg; do
  db=$TSQ; [ $s = pg ] && db=$TPG
  timed "busy_tick_$s" "$DONDOC" --db "$db" tick --now "$BUSY" --json || TICK_OK=0
done
if [ $TICK_OK = 1 ]; then
  echo "  busy tick: $(cat "$WORK/busy_tick_sqlite.out")"
  for t in warm_tick busy_tick; do
    cmp -s "$WORK/${t}_sqlite.out" "$WORK/${t}_pg.out" ||
      fail "$t: PostgreSQL answered $(cat "$WORK/${t}_pg.out"), SQLite $(cat "$WORK/${t}_sqlite.out")"
  done
  o_sq=$(sqlite3 "$TSQ" "SELECT count(*) FROM outbox")
  o_pg=$(psql_at "$TPG" "SELECT count(*) FROM outbox")
  a_sq=$(sqlite3 "$TSQ" "SELECT count(*) FROM audit")
  a_pg=$(psql_at "$TPG" "SELECT count(*) FROM audit")
  echo "  rows after both ticks: outbox SQLite $o_sq / PostgreSQL $o_pg, audit $a_sq / $a_pg"
  [ "$o_sq" = "$o_pg" ] && [ "$a_sq" = "$a_pg" ] || fail "the two stores' ticks wrote differently"
fi

# ---- summary
median() { tr ' ' '\n' | { grep -v '^-\?$' || true; } | sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() {  # col NAME FIELD(1-based in R) : the values over the rounds
  local out="" r
  for r in $(seq "$ROUNDS"); do out="$out $(echo "${R[$1,$r]:-}" | cut -d' ' -f"$2")"; done
  echo "$out"
}
cpu_col() {  # cpu_col ARRAY NAME
  local -n arr=$1; local out="" r
  for r in $(seq "$ROUNDS"); do out="$out ${arr[$2,$r]:--}"; done
  echo "$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b > 0) printf "%.2f", a / b; else print "-" }'; }
sum() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "-") print a; else printf "%.1f", a + b }'; }
echo
echo "== summary: webhook at $CONNS connections, medians of $ROUNDS round(s) of ${DURATION} s; load average now $(load)"
printf '%-26s | %8s | %15s | %14s | %14s | %11s\n' "" "req/s" "p50 / p99 ms" "serve CPU/req" \
  "server CPU/req" "total µs/req"
declare -A M
for name in sqlite pg pg_two; do
  M[$name,rps]=$(col $name 1 | median)
  M[$name,p50]=$(col $name 2 | median)
  M[$name,p99]=$(col $name 3 | median)
  M[$name,cs]=$(cpu_col CPUS $name | median)
  M[$name,cp]=$(cpu_col CPUP $name | median)
  M[$name,ct]=$(sum "${M[$name,cs]}" "${M[$name,cp]}")
  case $name in
    sqlite) label="SQLite, one serve" ;; pg) label="PostgreSQL, one serve" ;;
    pg_two) label="PostgreSQL, two serve" ;;
  esac
  printf '%-26s | %8s | %15s | %11s µs | %11s µs | %8s µs\n' "$label" "${M[$name,rps]}" \
    "${M[$name,p50]} / ${M[$name,p99]}" "${M[$name,cs]}" "${M[$name,cp]}" "${M[$name,ct]}"
done
echo "PostgreSQL / SQLite: req/s $(ratio "${M[pg,rps]}" "${M[sqlite,rps]}")," \
  "p99 $(ratio "${M[pg,p99]}" "${M[sqlite,p99]}"), serve CPU/req $(ratio "${M[pg,cs]}" "${M[sqlite,cs]}")," \
  "total CPU/req (serve + server) $(ratio "${M[pg,ct]}" "${M[sqlite,ct]}")"
echo "two serve / one (PostgreSQL): req/s $(ratio "${M[pg_two,rps]}" "${M[pg,rps]}")," \
  "p99 $(ratio "${M[pg_two,p99]}" "${M[pg,p99]}"), total CPU/req $(ratio "${M[pg_two,ct]}" "${M[pg,ct]}")"
if [ $TICK_OK = 1 ]; then
  echo "busy tick: SQLite ${T_busy_tick_sqlite} s, PostgreSQL ${T_busy_tick_pg} s" \
    "(+ ${C_busy_tick_pg} s of server CPU): $(ratio "$T_busy_tick_pg" "$T_busy_tick_sqlite")x;" \
    "warm-up tick $(ratio "$T_warm_tick_pg" "$T_warm_tick_sqlite")x;" \
    "import $(ratio "$T_import_pg" "$T_import_sqlite")x"
fi
echo "($PG_SETTINGS; SQLite WAL, synchronous=FULL; one disk, $(nproc) CPUs)"
exit $FAILED
