#!/usr/bin/env bash
# Chat-API faults (issue 7 §4): MESSAGES queued Zalo messages (default 2000, over CHATS private
# chats, default 100) are delivered by `dondoc serve` to tests/faults/fault_zalo.js, which answers
# each attempt at random with 500, 429 + retry_after, a connection reset, a hang, or 200. At the
# end every message must have been accepted exactly once, every outbox row be 'sent', and the
# platform must never have seen a chat above 1 message/s, more than 30 messages in a second, or a
# retry before retry_after. Prints the counts; exits 1 on any violation.
#   tests/faults/outbound.sh [MESSAGES]        (CI: 200)
# Env: DONDOC (binary; default build/dondoc), CHATS, PORT (18400; the fake uses PORT+1),
#      FAULT_500 / FAULT_429 / FAULT_RESET / FAULT_HANG (rates, see fault_zalo.js), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-2000}
CHATS=${CHATS:-100}
PORT=${PORT:-18400}
ZPORT=$((PORT + 1))
DONDOC=$(realpath "${DONDOC:-build/dondoc}")
for c in node curl sqlite3; do
  command -v $c >/dev/null || { echo "outbound.sh: needs $c (scripts/setup.sh --test; apt-get install curl sqlite3)" >&2; exit 1; }
done
WORK=$(mktemp -d /tmp/dondoc-outbound.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

node tests/faults/fault_zalo.js "$ZPORT" FAULTTOKEN >"$WORK/fake.log" 2>&1 &
PIDS+=($!)
"$DONDOC" --db "$WORK/out.db" init --demo >/dev/null
{
  echo "BEGIN;"
  for i in $(seq "$MESSAGES"); do
    echo "INSERT INTO chat_outbox(key, channel, chat_id, is_group, text, not_before, created_at)" \
      "VALUES ('fault-$i', 'zalo', 'chat-$((i % CHATS))', 0," \
      "'Tin nhắn số $i: đề nghị đồng chí báo cáo tiến độ nhiệm vụ chuyển đổi số.'," \
      "'2000-01-01T00:00+07:00', '2000-01-01T00:00+07:00');"
  done
  echo "COMMIT;"
} | sqlite3 "$WORK/out.db"
cat >"$WORK/serve.json" <<JSON
{"listen": "127.0.0.1:$PORT",
 "zalo": {"token": "FAULTTOKEN", "api_base": "http://127.0.0.1:$ZPORT", "mode": "webhook",
          "webhook_secret": "fault-secret-123"},
 "sender": {"timeout_ms": 2000, "backoff_base_ms": 500, "backoff_max_ms": 4000,
            "max_attempts": 30}}
JSON
started=$(date +%s)
"$DONDOC" --db "$WORK/out.db" serve --config "$WORK/serve.json" --no-scheduler >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
SERVE_PID=$!
deadline=$((started + MESSAGES / 30 * 3 + 120))
pending=$MESSAGES
while [ "$(date +%s)" -lt $deadline ]; do
  sleep 2
  kill -0 "$SERVE_PID" 2>/dev/null || { echo "outbound.sh: serve died:" >&2; tail -5 "$WORK/serve.log" >&2; exit 1; }
  pending=$(sqlite3 "$WORK/out.db" "SELECT count(*) FROM chat_outbox WHERE key LIKE 'fault-%' AND status = 'pending'" 2>/dev/null || echo "$pending")
  [ "$pending" -eq 0 ] && break
done
elapsed=$(($(date +%s) - started))
sent=$(sqlite3 "$WORK/out.db" "SELECT count(*) FROM chat_outbox WHERE key LIKE 'fault-%' AND status = 'sent'")
failed=$(sqlite3 "$WORK/out.db" "SELECT count(*) FROM chat_outbox WHERE key LIKE 'fault-%' AND status = 'failed'")
curl -s "http://127.0.0.1:$ZPORT/control/report?pace_ms=1000&global=30" >"$WORK/report.json"
MESSAGES=$MESSAGES SENT=$sent FAILED=$failed PENDING=$pending ELAPSED=$elapsed node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const n = Number(process.env.MESSAGES);
const texts = new Set(r.accepted_texts);
let missing = 0;
for (let i = 1; i <= n; i++) {
  if (![...texts].some((t) => t.startsWith("Tin nhắn số " + i + ":"))) missing++;
}
console.log(`messages ${n}, delivered ${r.distinct_accepted}, missing ${missing}, duplicated ${r.duplicated}` +
  ` (db: sent ${process.env.SENT}, failed ${process.env.FAILED}, pending ${process.env.PENDING}) in ${process.env.ELAPSED} s`);
console.log(`attempts ${r.attempts}: 500 x${r.e500}, 429 x${r.e429}, reset x${r.reset}, hang x${r.hang}, accepted ${r.accepted}`);
console.log(`pacing: per-chat violations ${r.pacing_violations}, global violations ${r.global_violations}` +
  ` (max ${r.max_per_second}/s), retry_after violations ${r.retry_after_violations}`);
const bad = missing || r.duplicated || r.pacing_violations || r.global_violations ||
  r.retry_after_violations || Number(process.env.SENT) !== n;
if (bad) { console.log("outbound: FAILED"); process.exit(1); }
' "$WORK/report.json"
