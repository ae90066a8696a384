#!/usr/bin/env bash
# Crash loop (issue 7 §3): proves that SIGKILL at any moment loses no acknowledged event and never
# queues a message twice or misses one.
#   tests/faults/crash_loop.sh [serve|tick|both] [CYCLES]     (default: both 200; CI: both 10)
# serve: `dondoc serve` receives generic-webhook events from CLIENTS concurrent curl loops (each
#   retries its event until it gets a 200, then moves on); the server is SIGKILLed at a random
#   moment CYCLES times and restarted. At the end every event that got a 200 must be in
#   inbound_events exactly once: prints `acked N, stored N, lost 0, duplicated 0`.
# tick: the same sequence of daily `dondoc tick --now` runs on two copies of the demo database;
#   on the second copy each tick is SIGKILLed at a random moment, then re-run to completion. The
#   outbox and send-log keys of both copies must be the same set, each key once.
# Env: DONDOC (binary; default build/dondoc, built if missing), CLIENTS (4), PORT (18290),
#   KEEP=1 keeps the work directory. Needs bash, curl, sqlite3 (installed from apt if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-both}
CYCLES=${2:-200}
CLIENTS=${CLIENTS:-4}
PORT=${PORT:-18290}
SECRET=crash-loop-secret-42

. tests/faults/common.sh
apt_need curl:curl sqlite3:sqlite3
faults_dondoc

WORK=$(mktemp -d /tmp/dondoc-crash.XXXXXX)
SERVER_PID=""
CLIENT_PIDS=()
cleanup() {
  touch "$WORK/stop"
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
  for p in "${CLIENT_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
FAILED=0

rand_delay() {  # rand_delay MAX_MS -> seconds with 3 decimals, uniform in [0, MAX_MS)
  local ms=$(( (RANDOM * 32768 + RANDOM) % $1 ))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# ---------------------------------------------------------------- serve
client() {  # client K: posts c<K>-<n> until acked, then the next, until $WORK/stop exists
  local k=$1 n=0 code
  while [ ! -e "$WORK/stop" ]; do
    local id="c$k-$n"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      -H 'Content-Type: application/json' -H "X-Dondoc-Secret: $SECRET" \
      --data-binary "{\"event_id\":\"$id\",\"chat_id\":\"crash-chat-$k\",\"from_name\":\"Nguyễn Văn $k\",\"text\":\"NV$((n % 9 + 1)) đang thực hiện, được $((n % 99 + 1))% ạ\"}" \
      "http://127.0.0.1:$PORT/webhook/generic" 2>/dev/null) || code=000
    case $code in
      200) echo "$id" >>"$WORK/acked.$k"; n=$((n + 1)) ;;
      000) sleep 0.02 ;;  # server down: retry the same event (a redelivery)
      *) echo "$id $code" >>"$WORK/non200.$k"; sleep 0.02 ;;
    esac
  done
}

start_server() {
  "$DONDOC" --db "$WORK/serve.db" serve --config "$WORK/serve.json" --no-scheduler \
    >>"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 200); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "crash_loop: serve did not come up; last log lines:" >&2
  tail -5 "$WORK/serve.log" >&2
  return 1
}

run_serve() {
  echo "== serve: $CYCLES SIGKILL cycles, $CLIENTS concurrent clients"
  printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$PORT" "$SECRET" \
    >"$WORK/serve.json"
  "$DONDOC" --db "$WORK/serve.db" init --demo >/dev/null
  for k in $(seq "$CLIENTS"); do client "$k" & CLIENT_PIDS+=($!); done
  for i in $(seq "$CYCLES"); do
    start_server || { FAILED=1; break; }
    sleep "$(rand_delay 400)"
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    if [ $((i % 50)) -eq 0 ]; then echo "  cycle $i: $(cat "$WORK"/acked.* 2>/dev/null | wc -l) acked so far"; fi
  done
  # A last clean stretch so that every client's pending event is acked, then stop.
  start_server || FAILED=1
  sleep 1
  touch "$WORK/stop"
  for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  CLIENT_PIDS=()
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""

  (cat "$WORK"/acked.* 2>/dev/null || true) | sort >"$WORK/acked"
  sqlite3 "$WORK/serve.db" "SELECT event_key FROM inbound_events WHERE channel='generic'" |
    sort >"$WORK/stored"
  local acked stored_acked stored_all lost dup_acked dup_stored non200
  acked=$(sort -u "$WORK/acked" | wc -l)
  stored_all=$(wc -l <"$WORK/stored")
  stored_acked=$(sort -u "$WORK/acked" | comm -12 - <(sort -u "$WORK/stored") | wc -l)
  lost=$(sort -u "$WORK/acked" | comm -23 - <(sort -u "$WORK/stored") | wc -l)
  dup_acked=$(uniq -d "$WORK/acked" | wc -l)
  dup_stored=$(uniq -d "$WORK/stored" | wc -l)
  non200=$( (cat "$WORK"/non200.* 2>/dev/null || true) | wc -l)
  echo "acked $acked, stored $stored_acked, lost $lost, duplicated $((dup_acked + dup_stored))"
  echo "  (rows in inbound_events: $stored_all, the extra ones were committed but killed before" \
    "the 200; non-200 answers: $non200)"
  if [ "$lost" -ne 0 ] || [ $((dup_acked + dup_stored)) -ne 0 ] || [ "$acked" -eq 0 ]; then
    echo "crash_loop serve: FAILED" >&2
    sort -u "$WORK/acked" | comm -23 - <(sort -u "$WORK/stored") | head -5 >&2
    FAILED=1
  fi
}

# ---------------------------------------------------------------- tick
run_tick() {
  echo "== tick: $CYCLES daily ticks, each SIGKILLed at a random moment then re-run"
  "$DONDOC" --db "$WORK/ref.db" init --demo >/dev/null
  cp "$WORK/ref.db" "$WORK/crash.db"
  local start kills=0 t0 t1 ms
  start=$(date -u -d 2025-09-01 +%s)
  for i in $(seq "$CYCLES"); do
    local now
    now=$(date -u -d "@$((start + i * 86400 + 3600))" +%Y-%m-%dT%H:%M:%SZ)  # 08:00 local
    t0=$(date +%s%N)
    "$DONDOC" --db "$WORK/ref.db" tick --now "$now" >/dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 + 1 ))
    local rc=0
    # Killed at a uniform moment within the reference run's duration (startup included).
    { timeout -s KILL "$(rand_delay "$ms")" \
        "$DONDOC" --db "$WORK/crash.db" tick --now "$now" >/dev/null 2>&1; } 2>/dev/null || rc=$?
    if [ $rc -eq 137 ] || [ $rc -eq 124 ]; then
      kills=$((kills + 1))
      "$DONDOC" --db "$WORK/crash.db" tick --now "$now" >/dev/null  # the restart
    elif [ $rc -ne 0 ]; then
      echo "crash_loop tick: tick at $now exited $rc" >&2; FAILED=1
    fi
  done
  local q='SELECT key FROM outbox ORDER BY key'
  local s='SELECT key FROM send_log ORDER BY key'
  local ref_n crash_n missing extra dup
  ref_n=$(sqlite3 "$WORK/ref.db" "SELECT count(*) FROM outbox")
  crash_n=$(sqlite3 "$WORK/crash.db" "SELECT count(*) FROM outbox")
  missing=$(comm -23 <(sqlite3 "$WORK/ref.db" "$q") <(sqlite3 "$WORK/crash.db" "$q") | wc -l)
  extra=$(comm -13 <(sqlite3 "$WORK/ref.db" "$q") <(sqlite3 "$WORK/crash.db" "$q") | wc -l)
  missing=$((missing + $(comm -23 <(sqlite3 "$WORK/ref.db" "$s") <(sqlite3 "$WORK/crash.db" "$s") | wc -l)))
  dup=$(sqlite3 "$WORK/crash.db" "SELECT (SELECT count(*) - count(DISTINCT key) FROM outbox) +
    (SELECT count(*) - count(DISTINCT key) FROM send_log)")
  echo "ticks $CYCLES, killed mid-run $kills, queued $crash_n (reference $ref_n), missing $missing," \
    "extra $extra, duplicated $dup"
  if [ "$missing" -ne 0 ] || [ "$extra" -ne 0 ] || [ "$dup" -ne 0 ] || [ "$ref_n" -eq 0 ]; then
    echo "crash_loop tick: FAILED" >&2
    FAILED=1
  fi
}

case $MODE in
  serve) run_serve ;;
  tick) run_tick ;;
  both) run_serve; run_tick ;;
  *) echo "usage: $0 [serve|tick|both] [CYCLES]" >&2; exit 2 ;;
esac
exit $FAILED
