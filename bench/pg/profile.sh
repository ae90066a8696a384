#!/usr/bin/env bash
# Where a webhook event's time goes on PostgreSQL (issue 17 §3): the webhook of bench/pg/run.sh
# (wrk + bench/webhook/post.lua, CONNS connections, events from unlinked chats) on ONE
# `serve --no-scheduler` over a throwaway PostgreSQL 15 (fsync on) with pg_stat_statements loaded,
# after a 2 s warm-up; then prints
#  - requests/s, CPU per event of serve and of the server, events per committed transaction;
#  - every statement pg_stat_statements saw: calls per event, mean µs, µs per event (statements
#    sent through the extended protocol that are not SELECT/INSERT/UPDATE/DELETE, such as
#    SAVEPOINT, RELEASE and COMMIT run as prepared statements, are not listed by PostgreSQL 15);
#  - round trips per event: the send() calls of serve's writer thread (`perf stat`; one per round
#    trip with libpq), and its context switches;
#  - with --perf: `perf record -g` of serve and of its backend during the point, kept in OUT.
# Exits non-zero only when a step fails (not on a figure).
#   bench/pg/profile.sh [--perf] [OUT]     OUT: where the reports go (default a new /tmp folder)
# Env: BUILD_DIR (build-bench), DONDOC (a binary, instead of BUILD_DIR/dondoc), SKIP_BUILD=1,
#      DURATION (10), CONNS (40), PORT (18690).
set -euo pipefail
cd "$(dirname "$0")/../.."
PERF=
if [ "${1:-}" = "--perf" ]; then PERF=1; shift; fi
OUT=${1:-$(mktemp -d /tmp/dondoc-pgprof.XXXXXX)}
mkdir -p "$OUT"
BUILD_DIR=${BUILD_DIR:-build-bench}
DURATION=${DURATION:-10} CONNS=${CONNS:-40} PORT=${PORT:-18690}
SECRET=bench-secret-0123456789
. scripts/lib/apt_need.sh
apt_need wrk:wrk perf:linux-perf
. scripts/lib/pg_throwaway.sh
if [ -z "${DONDOC:-}" ]; then
  if [ -z "${SKIP_BUILD:-}" ]; then
    cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc
  fi
  DONDOC=$PWD/$BUILD_DIR/dondoc
fi
WORK=$(mktemp -d /tmp/dondoc-pgprof-work.XXXXXX)
chmod 755 "$WORK"  # the postgres user runs the server in $WORK/pg
SERVE_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null
  wait 2>/dev/null || true
  pg_throwaway_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

pg_throwaway_start "$WORK/pg" durable
{
  echo "shared_preload_libraries = 'pg_stat_statements'"
  echo "pg_stat_statements.track_utility = on"
} >>"$WORK/pg/data/postgresql.conf"
pg_throwaway_as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -w restart >/dev/null
PM_PID=$(head -1 "$WORK/pg/data/postmaster.pid")
"$DONDOC" --db "$WORK/demo.db" init --demo >"$WORK/init.log" 2>&1
URL=$(pg_throwaway_db bench_prof)
"$DONDOC" migrate --from "$WORK/demo.db" --to "$URL" >"$WORK/migrate.log" 2>&1
psql_() { pg_throwaway_as_postgres "$PG_BIN/psql" "$URL" -X "$@"; }
psql_ -qc "CREATE EXTENSION pg_stat_statements"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "profile.sh: port $PORT is taken (PORT=... to move)" >&2
  exit 1
fi
printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$PORT" "$SECRET" \
  >"$WORK/serve.json"
"$DONDOC" --db "$URL" serve --config "$WORK/serve.json" --no-scheduler >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
wrk -t2 -c"$CONNS" -d2s -s bench/webhook/post.lua "http://127.0.0.1:$PORT" -- "warm-$RANDOM" \
  "$SECRET" >/dev/null
sleep 1  # the warm-up's events handled

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
pg_ticks() {  # the postmaster, its children, and its reaped children (as bench/pg/run.sh)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$PM_PID" '
    { pid = $1; sub(/^[^)]*\) /, ""); split($0, f, " ")
      if (pid == pm || f[2] == pm) s += f[12] + f[13]
      if (pid == pm) s += f[14] + f[15] }
    END { print s + 0 }'
}
commits() {
  psql_ -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
}
psql_ -qAtc "SELECT pg_stat_statements_reset()" >/dev/null
x0=$(commits)
s0=$(proc_ticks "$SERVE_PID")
p0=$(pg_ticks)
# perf runs one second less than wrk, so it sees only the loaded part.
WRITER=$(grep -l dondoc-writer /proc/"$SERVE_PID"/task/*/comm | head -1 | cut -d/ -f5)
perf stat -e syscalls:sys_enter_sendto,context-switches -t "$WRITER" -x, -o "$OUT/writer.csv" \
  -- sleep $((DURATION - 1)) &
PERF_PIDS=($!)
if [ -n "$PERF" ]; then
  BACKEND=$(psql_ -Atc "SELECT string_agg(pid::text, ',') FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()")
  perf record -F 499 -g -o "$OUT/serve.perf" -p "$SERVE_PID" -- sleep $((DURATION - 1)) \
    >/dev/null 2>&1 &
  PERF_PIDS+=($!)
  perf record -F 499 -g -o "$OUT/backend.perf" -p "$BACKEND" -- sleep $((DURATION - 1)) \
    >/dev/null 2>&1 &
  PERF_PIDS+=($!)
fi
T0=$(date +%s%N)
line=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s bench/webhook/post.lua \
         "http://127.0.0.1:$PORT" -- "prof-$RANDOM$RANDOM" "$SECRET" | grep '^RESULT')
T1=$(date +%s%N)
s1=$(proc_ticks "$SERVE_PID")
p1=$(pg_ticks)
wait "${PERF_PIDS[@]}"
sleep 1.5  # the last events handled
x1=$(commits)
N=$(echo "$line" | sed -E 's/.*requests=([0-9]+).*/\1/')
HZ=$(getconf CLK_TCK)
per() { awk -v a="$1" -v b="$2" -v n="$N" -v hz="$HZ" 'BEGIN { printf "%.1f", (b - a) * 1e6 / hz / n }'; }
echo "== $DONDOC, $CONNS connections, ${DURATION} s, load average $(load)"
echo "  $line"
echo "  CPU per event: serve $(per "$s0" "$s1") µs, PostgreSQL server $(per "$p0" "$p1") µs;" \
  "$(awk -v n="$N" -v c=$((x1 - x0)) 'BEGIN { printf "%.1f", n / c }') events per committed transaction"
# The writer's counts cover DURATION - 1 s of the DURATION s of events.
rate=$(awk -v n="$N" -v t0="$T0" -v t1="$T1" 'BEGIN { print n / ((t1 - t0) / 1e9) }')
awk -F, -v r="$rate" -v d=$((DURATION - 1)) '
  /sys_enter_sendto/ { s = $1 } /context-switches/ { c = $1 }
  END { printf "  serve writer thread per event: %.2f send() (round trips), %.2f context switches\n",
        s / (r * d), c / (r * d) }' "$OUT/writer.csv"
echo "== statements (pg_stat_statements), per event"
psql_ -c "SELECT calls, round(calls::numeric / $N, 3) AS per_event,
                 round(mean_exec_time::numeric * 1000, 1) AS mean_us,
                 round(total_exec_time::numeric * 1000 / $N, 1) AS us_per_event,
                 left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
          FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT LIKE '%pg_stat%'
          ORDER BY calls DESC, total_exec_time DESC" | tee "$OUT/statements.txt"
unhandled=$(psql_ -Atc "SELECT count(*) FROM inbound_events WHERE handled_at IS NULL")
echo "  events left unhandled: $unhandled"
if [ -n "$PERF" ]; then
  echo "== perf (flat, no children): serve by thread, then the top symbols of serve and of the backend"
  perf report -i "$OUT/serve.perf" --no-children -g none --sort comm 2>/dev/null | grep '%' | head -4
  perf report -i "$OUT/serve.perf" --no-children -g none --sort dso,sym 2>/dev/null | grep '%' |
    head -15 | cut -c1-110
  perf report -i "$OUT/backend.perf" --no-children -g none --sort dso 2>/dev/null | grep '%' | head -4
  perf report -i "$OUT/backend.perf" --no-children -g none --sort dso,sym 2>/dev/null | grep '%' |
    head -15 | cut -c1-110
  echo "  (perf data in $OUT)"
fi
grep -i "failed" "$WORK/serve.log" | head -3 >&2 || true
echo "$line" | grep -q 'non2xx=0 errors=0' || { echo "profile.sh: non-2xx or socket errors" >&2; exit 1; }
