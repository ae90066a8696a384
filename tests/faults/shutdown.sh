#!/usr/bin/env bash
# Graceful stop (issue 13 §2): SIGTERM in the middle of a stream of webhook events.
#   tests/faults/shutdown.sh [ROUNDS]     (default 3)
# Each round: a fresh `dondoc serve` receives generic-webhook events from CLIENTS concurrent
# loops (a new connection per request); after a random 0.5-1.5 s it gets SIGTERM (SIGINT in every
# other round). It must exit 0 within shutdown_timeout_s (10 s); every request that reached it
# must have an HTTP status (only connections refused after the listening socket closed may have
# none), and every event answered 200 must be in inbound_events exactly once. Prints, per round:
# answered, refused, no status, stored, lost, exit code and the time from the signal to the exit.
# Then the sender: 6 queued generic messages go to an endpoint that answers after 1.5 s
# (tests/faults/slow_outbound.js); SIGTERM comes while a send is in flight. serve must wait for
# that answer and exit 0, with every message the endpoint took marked sent and the others still
# pending; a second run delivers the rest, and the endpoint must have got each message once.
# Env: DONDOC (binary; default build/dondoc, built if missing), CLIENTS (8), PORT (18480),
# KEEP=1 keeps the work directory. Needs node, curl, sqlite3 (installed from apt if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
CLIENTS=${CLIENTS:-8}
PORT=${PORT:-18480}
SECRET=shutdown-fault-secret-0123456789
. tests/faults/common.sh
apt_need curl:curl sqlite3:sqlite3 node:nodejs
faults_dondoc

WORK=$(mktemp -d /tmp/dondoc-shutdown.XXXXXX)
SERVER_PID=""
CLIENT_PID=""
cleanup() {
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
FAILED=0

round() {  # round N SIGNAL
  local dir="$WORK/r$1" sig=$2
  mkdir -p "$dir"
  "$DONDOC" --db "$dir/serve.db" init --demo >/dev/null
  printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$PORT" "$SECRET" \
    >"$dir/serve.json"
  "$DONDOC" --db "$dir/serve.db" serve --config "$dir/serve.json" --no-scheduler \
    >"$dir/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz" && break
    sleep 0.05
  done
  node tests/faults/shutdown_stream.js "$PORT" "$SECRET" "$CLIENTS" "$dir" >"$dir/clients.json" &
  CLIENT_PID=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN{printf "%.3f", 0.5 + r / 32768}')"
  local t0 rc=0
  t0=$(date +%s%N)
  kill -s "$sig" "$SERVER_PID"
  wait "$SERVER_PID" || rc=$?
  local ms=$((($(date +%s%N) - t0) / 1000000))
  SERVER_PID=""
  wait "$CLIENT_PID" || true
  CLIENT_PID=""

  local acked stored lost dup no_status_stored
  awk '$2 == 200 {print $1}' "$dir/answered" | sort >"$dir/acked"
  sqlite3 "$dir/serve.db" "SELECT event_key FROM inbound_events WHERE channel='generic'" |
    sort >"$dir/stored"
  acked=$(wc -l <"$dir/acked")
  stored=$(comm -12 "$dir/acked" <(sort -u "$dir/stored") | wc -l)
  lost=$(comm -23 "$dir/acked" <(sort -u "$dir/stored") | wc -l)
  dup=$(uniq -d "$dir/stored" | wc -l)
  no_status_stored=$(cut -d' ' -f1 "$dir/no_status" | sort | comm -12 - "$dir/stored" | wc -l)
  echo "round $1 ($sig): clients $(cat "$dir/clients.json"); acked $acked, stored $stored," \
    "lost $lost, duplicated $dup, committed without an answer $no_status_stored;" \
    "exit $rc in $ms ms"
  local bad=""
  [ "$rc" -eq 0 ] || bad="$bad exit $rc;"
  [ "$ms" -le 11000 ] || bad="$bad took $ms ms;"
  [ "$acked" -gt 0 ] || bad="$bad nothing acked;"
  [ "$lost" -eq 0 ] && [ "$dup" -eq 0 ] || bad="$bad lost or duplicated events;"
  [ ! -s "$dir/no_status" ] || bad="$bad $(wc -l <"$dir/no_status") request(s) without a status (e.g. $(head -1 "$dir/no_status"));"
  if [ -n "$bad" ]; then
    echo "shutdown round $1: FAILED:$bad" >&2
    tail -3 "$dir/serve.log" | sed 's/^/  log: /' >&2
    FAILED=1
  fi
}

sql() { sqlite3 "$WORK/send/serve.db" "$1"; }

# sender_run: serve until the endpoint has taken its first message (or all), then SIGTERM.
sender_run() {
  local dir="$WORK/send" rc=0 t0 ms
  "$DONDOC" --db "$dir/serve.db" serve --config "$dir/serve.json" --no-scheduler \
    >>"$dir/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do
    [ "$(curl -s "http://127.0.0.1:$((PORT + 1))/report" | grep -o 'outbox:' | wc -l)" -gt "$1" ] &&
      break
    sleep 0.05
  done
  sleep 0.3  # the next message is in flight now (each waits 1.5 s for its answer)
  t0=$(date +%s%N)
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || rc=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  SERVER_PID=""
  echo "  serve stopped with a send in flight: exit $rc in $ms ms; outbox: $(sql "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM outbox WHERE key LIKE 'fault-%' GROUP BY status)")"
  [ "$rc" -eq 0 ] || { echo "shutdown sender: FAILED: exit $rc" >&2; FAILED=1; }
}

sender_round() {
  local dir="$WORK/send" fake_pid taken sent
  mkdir -p "$dir"
  echo "== sender: SIGTERM while a message is in flight"
  "$DONDOC" --db "$dir/serve.db" init --demo >/dev/null
  node tests/faults/outbound_msgs.js sql generic 6 6 | sqlite3 -bail "$dir/serve.db"
  printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s", "outbound_url": "%s"}}\n' \
    "$PORT" "$SECRET" "http://127.0.0.1:$((PORT + 1))/out" >"$dir/serve.json"
  node tests/faults/slow_outbound.js "$((PORT + 1))" 1500 >"$dir/fake.log" 2>&1 &
  fake_pid=$!
  CLIENT_PID=$fake_pid
  sleep 0.3
  sender_run 0
  taken=$(curl -s "http://127.0.0.1:$((PORT + 1))/report" | grep -o 'outbox:[0-9]*' | sort -u |
    cut -d: -f2 | paste -sd, -)
  sent=$(sql "SELECT group_concat(id) FROM (SELECT id FROM outbox WHERE key LIKE 'fault-%' AND status='sent' ORDER BY id)")
  echo "  the endpoint took outbox rows [$taken], marked sent [$sent]"
  if [ -z "$taken" ] || [ "$taken" != "$sent" ]; then
    echo "shutdown sender: FAILED: what the endpoint took is not what is marked sent" >&2; FAILED=1
  fi
  sender_run 5  # the rest, then stop again
  local report dups total
  report=$(curl -s "http://127.0.0.1:$((PORT + 1))/report" | grep -o 'outbox:[0-9.]*')
  total=$(echo "$report" | wc -l)
  dups=$(echo "$report" | sort | uniq -d | wc -l)
  echo "  after a second run: the endpoint got $total deliveries of $(echo "$report" | sort -u | wc -l)" \
    "messages (duplicates $dups); outbox pending $(sql "SELECT count(*) FROM outbox WHERE key LIKE 'fault-%' AND status='pending'")"
  if [ "$dups" -ne 0 ] || [ "$(echo "$report" | sort -u | wc -l)" -ne 6 ]; then
    echo "shutdown sender: FAILED: a message was lost or sent twice" >&2; FAILED=1
  fi
  kill "$fake_pid" 2>/dev/null || true
  wait "$fake_pid" 2>/dev/null || true
  CLIENT_PID=""
}

for i in $(seq "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then round "$i" TERM; else round "$i" INT; fi
done
sender_round
[ $FAILED = 0 ] && echo "shutdown: passed" || echo "shutdown: FAILED" >&2
exit $FAILED
