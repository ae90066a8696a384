#!/usr/bin/env bash
# Descriptor exhaustion (issue 13 §1): `dondoc serve` stays cheap, quiet and reachable when
# clients hold more connections than it has descriptors, and recovers when they leave.
#   tests/faults/fds.sh
# A: serve runs under `ulimit -n 64` (so max_connections drops to fit); 100 idle connections are
#    held for a while. Over ~3 s the server must use < 0.5 s of CPU and write < 10 log lines, and
#    /healthz from a fresh client must answer 200 within 1 s every time; after the clients leave,
#    /healthz and a webhook event answer 200.
# B: serve starts with its usual limit, which `prlimit` then lowers to 64 (max_connections is no
#    longer below it), and 100 clients each send half a request (nothing to close as idle): accept
#    runs out of descriptors and must back off (the same CPU and log bounds), and /healthz must
#    answer within 2 s once the clients leave. Skipped, saying so, when prlimit cannot do it.
# Prints the figures of each part; exits 1 on a failed check. Env: DONDOC (binary; default
# build/dondoc, built if missing), PORT (18470), KEEP=1 keeps the work directory. Needs node,
# curl, sqlite3 (installed from apt if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18470}
SECRET=fds-fault-secret-0123456789
CLIENTS=100
. tests/faults/common.sh
apt_need curl:curl sqlite3:sqlite3 node:nodejs
faults_dondoc

WORK=$(mktemp -d /tmp/dondoc-fds.XXXXXX)
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
fail() { echo "fds $PART: FAILED: $*" >&2; FAILED=1; }

"$DONDOC" --db "$WORK/serve.db" init --demo >/dev/null
printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$PORT" "$SECRET" \
  >"$WORK/serve.json"

start_server() {  # start_server LIMIT|"": serve in the background (under ulimit -n LIMIT)
  : >"$WORK/serve.log"
  if [ -n "$1" ]; then
    (ulimit -n "$1" && exec "$DONDOC" --db "$WORK/serve.db" serve --config "$WORK/serve.json" \
      --no-scheduler) >>"$WORK/serve.log" 2>&1 &
  else
    "$DONDOC" --db "$WORK/serve.db" serve --config "$WORK/serve.json" --no-scheduler \
      >>"$WORK/serve.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz" && return 0
    sleep 0.05
  done
  fail "serve did not come up: $(tail -3 "$WORK/serve.log")"
  return 1
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }

# window SECONDS: probes /healthz (1 s bound) until SECONDS pass; sets CPU_S, LINES, PROBES, SLOW.
window() {
  local t_end=$(($(date +%s%N) + $1 * 1000000000)) c0 l0 r
  c0=$(cpu_ticks)
  l0=$(wc -l <"$WORK/serve.log")
  PROBES=0 SLOW=0
  while [ "$(date +%s%N)" -lt "$t_end" ]; do
    r=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/healthz") ||
      true
    PROBES=$((PROBES + 1))
    [ "$r" = 200 ] || SLOW=$((SLOW + 1))
    sleep 0.2
  done
  CPU_S=$(awk -v t="$(($(cpu_ticks) - c0))" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", t/hz}')
  LINES=$(($(wc -l <"$WORK/serve.log") - l0))
}

# after_clients WAIT_S: /healthz 200 within WAIT_S once the clients are gone, then an event.
after_clients() {
  local t0 ok=0 code
  t0=$(date +%s%N)
  while [ $(($(date +%s%N) - t0)) -lt $(($1 * 1000000000)) ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
      "http://127.0.0.1:$PORT/healthz" || true)" = 200 ]; then ok=1; break; fi
    sleep 0.05
  done
  local ms=$((($(date +%s%N) - t0) / 1000000))
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "X-Dondoc-Secret: $SECRET" \
    --data-binary "{\"event_id\":\"fds-$PART\",\"chat_id\":\"fds\",\"text\":\"xin chào\"}" \
    "http://127.0.0.1:$PORT/webhook/generic" || true)
  echo "  after the clients left: /healthz $([ $ok = 1 ] && echo "200 in $ms ms" || echo "no answer in $1 s"), webhook $code"
  [ $ok = 1 ] || fail "/healthz did not answer within $1 s after the clients left"
  [ "$code" = 200 ] || fail "a webhook event after the clients left got $code"
}

run_part() {  # run_part MODE: clients, the measured window, the checks
  node tests/faults/idle_clients.js "$PORT" "$CLIENTS" "$1" 6 >"$WORK/clients.json" &
  CLIENT_PID=$!
  sleep 1.5
  window 3
  wait "$CLIENT_PID" || true
  CLIENT_PID=""
  echo "  $CLIENTS $1 clients: server CPU ${CPU_S} s in 3 s, $LINES log lines," \
    "/healthz $((PROBES - SLOW))/$PROBES answered 200 within 1 s"
  echo "  clients: $(cat "$WORK/clients.json")"
  awk -v c="$CPU_S" 'BEGIN{exit !(c >= 0.5)}' && fail "server CPU $CPU_S s in 3 s (at most 0.5)"
  [ "$LINES" -lt 10 ] || fail "$LINES log lines in 3 s (fewer than 10 expected)"
}

PART=A
echo "== A: ulimit -n 64, $CLIENTS idle connections"
if start_server 64; then
  grep -m1 'descriptors:' "$WORK/serve.log" | sed 's/^/  /' || true
  run_part idle
  [ "$SLOW" -eq 0 ] || fail "/healthz failed or took over 1 s $SLOW times out of $PROBES"
  after_clients 1
  stop_server
fi

PART=B
echo "== B: limit lowered to 64 by prlimit after start, $CLIENTS half-sent requests"
if start_server ""; then
  if prlimit --pid "$SERVER_PID" --nofile=64:64 2>"$WORK/prlimit.err"; then
    run_part partial
    echo "  (/healthz is not expected during B: every descriptor holds a request in progress)"
    grep -m2 'accept' "$WORK/serve.log" | cut -c1-160 | sed 's/^/  log: /' || true
    after_clients 2
  else
    echo "  B skipped: prlimit could not lower the limit of a running process:" \
      "$(cat "$WORK/prlimit.err")"
  fi
  stop_server
fi
[ $FAILED = 0 ] && echo "fds: passed" || echo "fds: FAILED" >&2
exit $FAILED
