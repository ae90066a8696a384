#!/usr/bin/env bash
# Chat-API faults (issue 7 §4): MESSAGES queued messages per channel (default 2000, over CHATS
# chats, default 100) are delivered by `dondoc serve` to a fault-injecting fake of the platform
# (tests/faults/fault_zalo.js, then tests/faults/fault_telegram.js), which answers each attempt at
# random with a 5xx, 429 + retry_after, a connection reset, a hang, or the platform's success.
# Messages are traced line by line (tests/faults/outbound_msgs.js): every message must be
# accepted exactly once (every part of a long one), in its own chat, every outbox row be 'sent',
# and the platform must never have seen a chat above 1 message/s (Telegram groups: also at most
# 20 per minute), more than 30 messages in a second, or a retry before retry_after. Prints the
# counts per channel; exits 1 on any violation (or if serve dies).
#   tests/faults/outbound.sh [MESSAGES] [zalo|telegram|both]      (default 2000 both; CI: 100)
# Env: DONDOC (binary; default build/dondoc, built if missing), CHATS, PORT (18400; the fake
#      uses PORT+1), FAULT_500 / FAULT_429 / FAULT_RESET / FAULT_HANG (rates, see
#      fault_common.js), KEEP=1 keeps the work directory. Needs node (scripts/setup.sh --test),
#      curl and sqlite3 (installed from apt if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-2000}
CHANNELS=${2:-both}
CHATS=${CHATS:-100}
PORT=${PORT:-18400}
FPORT=$((PORT + 1))
case $CHANNELS in
  both) CHANNELS="zalo telegram" ;;
  zalo | telegram) ;;
  *) echo "usage: $0 [MESSAGES] [zalo|telegram|both]" >&2; exit 2 ;;
esac

. tests/faults/common.sh
apt_need curl:curl sqlite3:sqlite3 node:nodejs
faults_dondoc

WORK=$(mktemp -d /tmp/dondoc-outbound.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# run_channel CHANNEL: one serve + one fake on a fresh database; returns 1 on any violation.
run_channel() {
  local ch=$1 dir="$WORK/$1" token
  mkdir -p "$dir"
  if [ "$ch" = telegram ]; then token=123456789:FAULT-token_x; else token=FAULTTOKEN; fi
  echo "== $ch: $MESSAGES messages, $CHATS chats"
  node "tests/faults/fault_$ch.js" "$FPORT" "$token" >"$dir/fake.log" 2>&1 &
  local fake_pid=$!
  PIDS+=($fake_pid)
  for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$FPORT/control/report" && break
    sleep 0.05
  done
  if ! kill -0 "$fake_pid" 2>/dev/null; then
    echo "[$ch] outbound: FAILED, the fake did not start:" >&2; tail -3 "$dir/fake.log" >&2; return 1
  fi
  # (set -e does not apply inside a function called with ||: every step is checked.)
  "$DONDOC" --db "$dir/out.db" init --demo >/dev/null ||
    { echo "[$ch] outbound: FAILED, dondoc init failed" >&2; return 1; }
  node tests/faults/outbound_msgs.js sql "$ch" "$MESSAGES" "$CHATS" >"$dir/queue.sql" &&
    sqlite3 -bail "$dir/out.db" <"$dir/queue.sql" ||
    { echo "[$ch] outbound: FAILED, could not queue the messages" >&2; return 1; }
  cat >"$dir/serve.json" <<JSON
{"listen": "127.0.0.1:$PORT",
 "$ch": {"token": "$token", "api_base": "http://127.0.0.1:$FPORT", "mode": "webhook",
         "webhook_secret": "fault-secret-123"},
 "sender": {"timeout_ms": 2000, "backoff_base_ms": 500, "backoff_max_ms": 4000,
            "max_attempts": 30}}
JSON
  local started elapsed deadline pending=$MESSAGES sent failed rc=0
  started=$(date +%s)
  "$DONDOC" --db "$dir/out.db" serve --config "$dir/serve.json" --no-scheduler >"$dir/serve.log" 2>&1 &
  local serve_pid=$!
  PIDS+=($serve_pid)
  deadline=$((started + MESSAGES / 30 * 3 + 120))
  while [ "$(date +%s)" -lt $deadline ]; do
    sleep 2
    if ! kill -0 "$serve_pid" 2>/dev/null; then
      echo "[$ch] outbound: FAILED, serve died:" >&2; tail -5 "$dir/serve.log" >&2; return 1
    fi
    pending=$(sqlite3 "$dir/out.db" "SELECT count(*) FROM outbox WHERE key LIKE 'fault-%' AND status = 'pending'" 2>/dev/null || echo "$pending")
    [ "$pending" -eq 0 ] && break
  done
  elapsed=$(($(date +%s) - started))
  sleep 1  # the last answers' records reach the database
  sent=$(sqlite3 "$dir/out.db" "SELECT count(*) FROM outbox WHERE key LIKE 'fault-%' AND status = 'sent'") || sent=0
  failed=$(sqlite3 "$dir/out.db" "SELECT count(*) FROM outbox WHERE key LIKE 'fault-%' AND status = 'failed'") || failed=0
  curl -s --max-time 30 "http://127.0.0.1:$FPORT/control/report?pace_ms=1000&group_pace_ms=3000&global=30" \
    >"$dir/report.json" || { echo "[$ch] outbound: FAILED, no report from the fake" >&2; return 1; }
  kill "$serve_pid" "$fake_pid" 2>/dev/null || true
  wait "$serve_pid" "$fake_pid" 2>/dev/null || true
  SENT=$sent FAILED=$failed PENDING=$pending ELAPSED=$elapsed \
    node tests/faults/outbound_msgs.js check "$ch" "$MESSAGES" "$CHATS" "$dir/report.json" || rc=1
  if [ "$failed" -ne 0 ]; then
    echo "[$ch] last errors of failed rows:" >&2
    sqlite3 "$dir/out.db" "SELECT key, attempts, last_error FROM outbox WHERE status='failed' LIMIT 5" >&2
  fi
  return $rc
}

status=0
for ch in $CHANNELS; do run_channel "$ch" || status=1; done
exit $status
