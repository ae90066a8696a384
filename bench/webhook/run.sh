#!/usr/bin/env bash
# Webhook ingest benchmark (issue 7 §1): baseline A (parse + 200), baseline B (+ one SQLite commit
# per request, WAL, synchronous=FULL) and `dondoc serve` (generic webhook, ack after group commit),
# each driven by wrk at 1, 8, 40 and 128 connections on 127.0.0.1.
#   bench/webhook/run.sh            10 s per point (about 2.5 minutes)
#   bench/webhook/run.sh --smoke    2 s per point, 1 and 40 connections only
# Env: BUILD_DIR (default build-bench), DURATION (seconds per point), CONNS ("1 8 40 128"),
#      PORT_BASE (default 18180), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
DURATION=${DURATION:-10}
CONNS=${CONNS:-"1 8 40 128"}
PORT_BASE=${PORT_BASE:-18180}
if [ "${1:-}" = "--smoke" ]; then
  DURATION=${SMOKE_DURATION:-2}
  CONNS="1 40"
fi
SECRET=bench-secret-0123456789

. scripts/lib/apt_need.sh
apt_need wrk:wrk curl:curl sqlite3:sqlite3

if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target bench_baseline_a bench_baseline_b
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc ||
    echo "run.sh: dondoc did not build; benchmarking the baselines only" >&2
fi
BIN=$ROOT/$BUILD_DIR
WORK=$(mktemp -d /tmp/dondoc-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_port() {  # wait up to 10 s for 127.0.0.1:$1 to accept connections
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# start NAME PORT CMD...: starts a server in the background, logs in $WORK/NAME.log
start() {
  local name=$1 port=$2; shift 2
  "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$name=$!"
  if ! wait_port "$port"; then
    echo "run.sh: $name did not start on port $port:" >&2
    tail -5 "$WORK/$name.log" >&2
    return 1
  fi
}

declare -A R  # R[name,conns] = "rps p50 p99 non2xx errors"
declare -A CPU  # CPU[name,conns] = server CPU (user + system, all threads) per request, in µs
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
bench_server() {
  local name=$1 port=$2 pid
  pid=$(eval echo "\$PID_$name")
  local hz; hz=$(getconf CLK_TCK)
  for c in $CONNS; do
    local t=$(( c < 2 ? 1 : 2 ))
    local line t0 t1 n
    t0=$(cpu_ticks "$pid")
    line=$(wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s -s bench/webhook/post.lua \
             "http://127.0.0.1:$port" -- "$name-c$c-$RANDOM$RANDOM" "$SECRET" | grep '^RESULT')
    t1=$(cpu_ticks "$pid")
    # RESULT requests=.. rps=.. p50_ms=.. p99_ms=.. non2xx=.. errors=..
    R[$name,$c]=$(echo "$line" | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) non2xx=([0-9]+) errors=([0-9]+).*/\1 \2 \3 \4 \5/')
    n=$(echo "$line" | sed -E 's/.*requests=([0-9]+).*/\1/')
    CPU[$name,$c]=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$hz" \
                      'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1e6 / hz / n : 0) }')
    echo "  $name c=$c: ${R[$name,$c]} ${CPU[$name,$c]}  (rps p50_ms p99_ms non2xx errors cpu_us/req)"
  done
}

echo "== baseline A (parse JSON, 200) =="
start A $((PORT_BASE + 1)) "$BIN/bench_baseline_a" $((PORT_BASE + 1))
bench_server A $((PORT_BASE + 1))
kill "$PID_A"; wait "$PID_A" 2>/dev/null || true

echo "== baseline B (+ one SQLite commit per request, WAL, synchronous=FULL) =="
start B $((PORT_BASE + 2)) "$BIN/bench_baseline_b" $((PORT_BASE + 2)) "$WORK/b.db"
bench_server B $((PORT_BASE + 2))
kill "$PID_B"; wait "$PID_B" 2>/dev/null || true

HAVE_DONDOC=0
DIED=0
if [ -x "$BIN/dondoc" ] && "$BIN/dondoc" serve --help >/dev/null 2>&1; then
  cat >"$WORK/serve.json" <<JSON
{"listen": "127.0.0.1:$((PORT_BASE + 3))", "generic": {"secret": "$SECRET"}}
JSON
  "$BIN/dondoc" --db "$WORK/d.db" init --demo >/dev/null 2>&1 || true
  echo "== dondoc serve (generic webhook, ack after group commit) =="
  if start D $((PORT_BASE + 3)) "$BIN/dondoc" --db "$WORK/d.db" serve --config "$WORK/serve.json" \
       --no-scheduler; then
    HAVE_DONDOC=1
    bench_server D $((PORT_BASE + 3))
    if ! kill -0 "$PID_D" 2>/dev/null; then
      echo "run.sh: dondoc serve died during the run:" >&2
      tail -5 "$WORK/D.log" >&2
      DIED=1
    fi
    kill "$PID_D" 2>/dev/null; wait "$PID_D" 2>/dev/null || true
    echo "  rows in inbound_events after the run (all, handled by the bot when stopped):" \
      "$(sqlite3 "$WORK/d.db" "SELECT count(*), count(handled_at) FROM inbound_events" \
         2>/dev/null || echo '?')"
  fi
else
  echo "== dondoc serve: not available yet (no 'dondoc serve' in $BIN), skipped =="
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
printf '%-6s | %-24s | %-24s | %-24s | %-8s %-8s\n' conns "A rps p50/p99 ms" \
  "B rps p50/p99 ms" "dondoc rps p50/p99 ms" "D/B" "D/A"
for c in $CONNS; do
  read -r ar ap5 ap9 an ae <<<"${R[A,$c]}"
  read -r br bp5 bp9 bn be <<<"${R[B,$c]}"
  dcol="-"; db="-"; da="-"; dn=0; de=0
  if [ $HAVE_DONDOC = 1 ]; then
    read -r dr dp5 dp9 dn de <<<"${R[D,$c]}"
    dcol="$dr $dp5/$dp9"; db=$(ratio "$dr" "$br"); da=$(ratio "$dr" "$ar")
  fi
  printf '%-6s | %-24s | %-24s | %-24s | %-8s %-8s\n' "$c" "$ar $ap5/$ap9" "$br $bp5/$bp9" \
    "$dcol" "$db" "$da"
  echo "         non-2xx: A=$an B=$bn dondoc=$dn; socket errors: A=$ae B=$be dondoc=$de;" \
    "server CPU per request: A=${CPU[A,$c]} B=${CPU[B,$c]} dondoc=${CPU[D,$c]:-} µs"
done
echo "targets at 40 connections: dondoc >= 5x B, >= 0.45x A, p99 <= 5 ms, zero non-2xx"
# A benchmark prints figures and never fails on them; it fails when something is broken.
FAILED=0
for c in $CONNS; do
  for name in A B D; do
    [ "$name" = D ] && [ $HAVE_DONDOC = 0 ] && continue
    read -r _ _ _ n e <<<"${R[$name,$c]:-x x x 1 1}"
    if [ "${n:-1}" != 0 ] || [ "${e:-1}" != 0 ]; then
      echo "run.sh: $name at $c connections: $n non-2xx answers, $e socket errors" >&2
      FAILED=1
    fi
  done
done
if [ $HAVE_DONDOC = 0 ] || [ $DIED = 1 ]; then
  echo "run.sh: dondoc serve could not be benchmarked" >&2
  FAILED=1
fi
exit $FAILED
