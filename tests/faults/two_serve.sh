#!/usr/bin/env bash
# Two `serve` processes on one PostgreSQL (issue 17 §2): proves that with the scheduler's holder
# SIGKILLed again and again, every acknowledged event is stored once, the scheduler queues every
# nudge of an uninterrupted run and nothing more, and no message reaches the chat platform twice.
#   tests/faults/two_serve.sh [CYCLES]          (default 30, the CI smoke: about 2-3 minutes)
# The run: a throwaway PostgreSQL 15 (scripts/lib/pg_throwaway.sh), `init --demo`, every body of
# the demo plan linked to a chat of the generic channel through the webhook ("DK CODE"), then the
# first tick at T0 (Monday 2026-12-14 07:00 +07:00: the history starts, each body gets its list).
# Two serve processes (ports PORT and PORT+1, same config but the port and the outbound URL's
# path) run one fast timeline (`--now T0 --clock-rate RATE --clock-anchor` the real second of
# T0; one real second is RATE simulated ones) for DAYS working days, ticking every real second.
# CLIENTS curl loops post generic-webhook events to both in turn (each event retried until a 200,
# on the other process when one is down). CYCLES times, at random moments, the process that holds
# the scheduler lock (`/healthz` "scheduler":"holder") is SIGKILLed and restarted on the same
# timeline. Outbound messages go to tests/faults/two_serve_fake.js, which records each one with
# our message id (`outbox:<id>.<part>`, which the generic channel carries and Telegram's
# sendMessage does not: so a duplicate is exact, not guessed from the text) and which process sent
# it. After a quiet stretch (longer than the senders' claims) the processes stop and it checks:
# - events: every acked one in inbound_events exactly once (as crash_loop.sh);
# - nudges: the body-addressed outbox keys and the send-log keys equal those of a reference copy
#   of the database (taken right after T0's tick) on which `dondoc tick --now` ran every hour of
#   the same span, each key once. Why that is the same set: a tick queues what falls due in
#   (last tick, now] and keys each message by what it says (obligation, step, due date,
#   recipient, day), never by when the tick ran, so the set does not depend on the tick moments
#   provided (1) the history starts at the same tick (T0, before the split), (2) nothing falls due
#   more than 6 simulated hours before the tick that finds it (kCatchUpAfter: it would become a
#   catch_up message keyed by the tick's time; at RATE 3600 a takeover within 6 real seconds is
#   enough; the demo rules' moments are 07:30 and 08:00), (3) no delivery fails (a failure
#   notice is keyed by the failed row: every recipient is linked and the fake accepts all), and
#   (4) the events change no state (they come from unlinked chats);
# - deliveries: no (message id, part, chat) accepted twice by the fake, except a message whose
#   sender was SIGKILLed after the fake accepted it and before it recorded so (at-least-once to
#   the platform, by design: counted and printed apart); every outbox row marked sent reached
#   the fake; no two live processes said "holder" at once.
# Env: DONDOC (binary; default build/dondoc, built if missing), CLIENTS (2), PORT (18500; PORT+2
#   is the fake's), RATE (3600), DAYS (5), KEEP=1 keeps the work directory (and the database
#   server's data, stopped). Needs curl, node, postgresql-15 (installed from apt if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
CYCLES=${1:-30}
CLIENTS=${CLIENTS:-2}
PORT=${PORT:-18500}
RATE=${RATE:-3600}
DAYS=${DAYS:-5}
PORTS=("$PORT" "$((PORT + 1))")
FPORT=$((PORT + 2))
SECRET=two-serve-secret-42
T0=2026-12-14T00:00:00Z  # Monday 07:00 in Việt Nam

. tests/faults/common.sh
. scripts/lib/pg_throwaway.sh
apt_need curl:curl node:nodejs
faults_dondoc

WORK=$(mktemp -d /tmp/dondoc-two.XXXXXX)
chmod 755 "$WORK"  # the database server runs as postgres under it
SERVE_PIDS=("" "")
CLIENT_PIDS=()
FAKE_PID=""
cleanup() {
  touch "$WORK/stop"
  for p in "${SERVE_PIDS[@]}" "${CLIENT_PIDS[@]}" $FAKE_PID; do
    [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then
    [ -n "${PG_DIR:-}" ] && pg_throwaway_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop \
      -m fast >/dev/null 2>&1 || true
    echo "work directory kept: $WORK"
  else
    pg_throwaway_stop
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
FAILED=0
fail() { echo "two_serve: FAILED: $*" >&2; FAILED=1; }

now_ms() { date +%s%3N; }
rand_ms() { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); }
ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
T0_UNIX=$(date -u -d "$T0" +%s)
sim_at() {  # sim_at SECONDS_AFTER_T0 -> the instant, as dondoc writes it (local time)
  date -u -d "@$((T0_UNIX + $1 + 7 * 3600))" +%Y-%m-%dT%H:%M:%S+07:00
}
sim_offset() { echo $(( ($(date +%s) - ANCHOR) * RATE )); }  # simulated seconds after T0, now
q() {  # q DB SQL: one psql query, unaligned, no header
  "$PG_BIN/psql" -qAtX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U dondoc -d "$1" -c "$2"
}

# ---------------------------------------------------------------- the database and the fake
echo "== two_serve: $CYCLES SIGKILLs of the scheduler's holder, 2 serve processes, $CLIENTS clients"
pg_throwaway_start "$WORK/pg"
URL=$(pg_throwaway_db two)
"$DONDOC" --db "$URL" init --demo >/dev/null

node tests/faults/two_serve_fake.js "$FPORT" "$WORK/sent.txt" >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$FPORT/control/count" && break
  sleep 0.05
done
kill -0 "$FAKE_PID" 2>/dev/null || { fail "the fake did not start"; cat "$WORK/fake.log" >&2; exit 1; }

write_config() {  # write_config FILE PORT WHO
  cat >"$1" <<JSON
{"listen": "127.0.0.1:$2",
 "generic": {"secret": "$SECRET", "outbound_url": "http://127.0.0.1:$FPORT/$3/generic"},
 "tick_interval_s": 1,
 "sender": {"per_chat_interval_ms": 100, "max_attempts": 100, "claim_s": 5, "timeout_ms": 3000,
            "backoff_base_ms": 200, "backoff_max_ms": 2000}}
JSON
}

# start_serve SLOT WHO [serve options...]: serve on PORTS[SLOT], logs in $WORK/WHO.log
start_serve() {
  local slot=$1 who=$2
  shift 2
  write_config "$WORK/$who.json" "${PORTS[$slot]}" "$who"
  "$DONDOC" --db "$URL" serve --config "$WORK/$who.json" "$@" >>"$WORK/$who.log" 2>&1 &
  SERVE_PIDS[$slot]=$!
  for _ in $(seq 300); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PORTS[$slot]}/healthz" && return 0
    kill -0 "${SERVE_PIDS[$slot]}" 2>/dev/null || break
    sleep 0.05
  done
  fail "serve $who did not come up; last log lines:"
  tail -5 "$WORK/$who.log" >&2
  return 1
}

post_event() {  # post_event PORT EVENT_ID CHAT TEXT -> HTTP code
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H 'Content-Type: application/json' -H "X-Dondoc-Secret: $SECRET" \
    --data-binary "{\"event_id\":\"$2\",\"chat_id\":\"$3\",\"from_name\":\"Cán bộ\",\"text\":\"$4\"}" \
    "http://127.0.0.1:$1/webhook/generic" 2>/dev/null || echo 000
}

# ---------------------------------------------------------------- setup: every body linked
start_serve 0 setup --no-scheduler || exit 1
mapfile -t BODIES < <("$DONDOC" --db "$URL" bodies --json |
  node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{
    for (const b of JSON.parse(s).bodies) console.log(b.id)})')
for b in "${BODIES[@]}"; do
  code=$("$DONDOC" --db "$URL" link --body "$b" --json | sed -n 's/.*"code":"\([^"]*\)".*/\1/p')
  [ "$(post_event "${PORTS[0]}" "link-$b" "body-$b" "DK $code")" = 200 ] || fail "link of $b not acked"
done
for _ in $(seq 200); do
  [ "$(q two "SELECT count(*) FROM chat_links")" -ge "${#BODIES[@]}" ] &&
    [ "$(q two "SELECT count(*) FROM outbox WHERE status = 'pending'")" -eq 0 ] && break
  sleep 0.1
done
LINKED=$(q two "SELECT count(*) FROM chat_links")
[ "$LINKED" -eq "${#BODIES[@]}" ] || fail "$LINKED of ${#BODIES[@]} bodies linked"
kill -TERM "${SERVE_PIDS[0]}"
wait "${SERVE_PIDS[0]}" || fail "the setup serve did not stop cleanly"
SERVE_PIDS[0]=""
[ $FAILED -eq 0 ] || exit 1

# T0's tick starts the history; the reference is a copy taken right after it.
"$DONDOC" --db "$URL" tick --now "$T0" >/dev/null
ANCHOR=$(date +%s)
q postgres "CREATE DATABASE ref TEMPLATE two" >/dev/null
REF_URL=${URL%/two}/ref
SPAN=$(( (DAYS - 1) * 86400 + 5 * 3600 ))  # to the last day's 12:00
TIMELINE=(--now "$T0" --clock-rate "$RATE" --clock-anchor "$ANCHOR")
echo "  $LINKED bodies linked; timeline $T0 + $((SPAN / 3600)) h at $RATE x" \
  "($((SPAN / RATE)) s); ref database copied"

# ---------------------------------------------------------------- the run
client() {  # client K: posts c<K>-<n> to both processes in turn until acked, until $WORK/stop
  local k=$1 n=0 turn=$1 code
  while [ ! -e "$WORK/stop" ]; do
    local id="c$k-$n"
    turn=$((1 - turn % 2))
    code=$(post_event "${PORTS[$turn]}" "$id" "ev-chat-$k" "NV$((n % 9 + 1)) đang thực hiện, được $((n % 99 + 1))% ạ")
    case $code in
      200) echo "$id" >>"$WORK/acked.$k"; n=$((n + 1)) ;;
      000) sleep 0.02 ;;
      *) echo "$id $code" >>"$WORK/non200.$k"; sleep 0.02 ;;
    esac
  done
}

INCARNATION=(0 0)
NAMES=(a b)
who_of() { echo "${NAMES[$1]}${INCARNATION[$1]}"; }
start_slot() {  # start_slot SLOT: the next incarnation of that process
  INCARNATION[$1]=$((INCARNATION[$1] + 1))
  start_serve "$1" "$(who_of "$1")" "${TIMELINE[@]}"
}
scheduler_of() {  # scheduler_of SLOT -> holder | standby | off | down
  local s
  s=$(curl -s --max-time 2 "http://127.0.0.1:${PORTS[$1]}/healthz" 2>/dev/null |
    sed -n 's/.*"scheduler":"\([a-z]*\)".*/\1/p') || true
  echo "${s:-down}"
}

start_slot 0 || exit 1
start_slot 1 || exit 1
if [ "$(scheduler_of 0)" = down ]; then  # an older dondoc: one scheduler per process, no claims
  fail "this dondoc's /healthz says nothing of the scheduler lock (issue 17 §2 not built in?)"
  exit 1
fi
for k in $(seq "$CLIENTS"); do client "$k" & CLIENT_PIDS+=($!); done

END_MS=$(( (ANCHOR + SPAN / RATE) * 1000 ))
KILLS=0
BOTH_HOLDERS=0
NO_HOLDER_WAITS=0
for i in $(seq "$CYCLES"); do
  left=$((END_MS - $(now_ms)))
  [ $left -gt 0 ] || break
  sleep "$(ms_to_s "$(rand_ms $((2 * left / (CYCLES - i + 1) + 1)))")"
  holder=""
  for _ in $(seq 100); do  # the holder now; none for a moment after a kill
    s0=$(scheduler_of 0) s1=$(scheduler_of 1)
    if [ "$s0" = holder ] && [ "$s1" = holder ]; then
      BOTH_HOLDERS=$((BOTH_HOLDERS + 1))
      fail "both processes say they hold the scheduler lock ($(who_of 0), $(who_of 1))"
      break
    fi
    [ "$s0" = holder ] && holder=0
    [ "$s1" = holder ] && holder=1
    [ -n "$holder" ] && break
    NO_HOLDER_WAITS=$((NO_HOLDER_WAITS + 1))
    sleep 0.1
  done
  if [ -z "$holder" ]; then
    fail "no process holds the scheduler lock for 10 s ($(who_of 0): $s0, $(who_of 1): $s1)"
    break
  fi
  echo "$(now_ms) $(who_of "$holder")" >>"$WORK/kills.txt"
  kill -9 "${SERVE_PIDS[$holder]}" 2>/dev/null || true
  wait "${SERVE_PIDS[$holder]}" 2>/dev/null || true
  KILLS=$((KILLS + 1))
  start_slot "$holder" || break
  if [ $((i % 10)) -eq 0 ]; then
    echo "  kill $i: $(cat "$WORK"/acked.* 2>/dev/null | wc -l) events acked, $(wc -l <"$WORK/sent.txt")" \
      "messages at the fake"
  fi
done
while [ "$(now_ms)" -lt "$END_MS" ]; do sleep 0.5; done

# Quiet: the clients' pending events acked, then the queue drained (claims of the killed
# processes are released by their successors, or expire after claim_s).
sleep 1
touch "$WORK/stop"
for p in "${CLIENT_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
CLIENT_PIDS=()
for _ in $(seq 40); do  # what is due by now sent (not what waits for the next office hours)
  [ "$(q two "SELECT count(*) FROM outbox WHERE status = 'pending' AND
      not_before <= '$(sim_at "$(sim_offset)")'")" -eq 0 ] && break
  sleep 0.25
done
sleep 2
for slot in 0 1; do
  kill -TERM "${SERVE_PIDS[$slot]}" 2>/dev/null || true
  wait "${SERVE_PIDS[$slot]}" 2>/dev/null || fail "serve $(who_of "$slot") did not stop cleanly"
  SERVE_PIDS[$slot]=""
done
STOP_OFFSET=$(sim_offset)
echo "  stopped at $(sim_at "$STOP_OFFSET") (simulated)"
kill "$FAKE_PID" 2>/dev/null || true
wait "$FAKE_PID" 2>/dev/null || true
FAKE_PID=""

# ---------------------------------------------------------------- the reference
# Every simulated hour of the same span, on the copy taken after T0's tick.
echo "  run done in $SECONDS s; reference ticks"
TICKS=0
for ((off = 3600; off <= STOP_OFFSET; off += 3600)); do
  "$DONDOC" --db "$REF_URL" tick --now "$(sim_at "$off")" >/dev/null || fail "reference tick at $off"
  TICKS=$((TICKS + 1))
done

# ---------------------------------------------------------------- checks
# Events.
(cat "$WORK"/acked.* 2>/dev/null || true) | sort >"$WORK/acked"
q two "SELECT event_key FROM inbound_events WHERE channel = 'generic' AND event_key LIKE 'c%'" |
  sort >"$WORK/stored"
acked=$(sort -u "$WORK/acked" | wc -l)
lost=$(sort -u "$WORK/acked" | comm -23 - <(sort -u "$WORK/stored") | wc -l)
dup=$(( $(uniq -d "$WORK/acked" | wc -l) + $(uniq -d "$WORK/stored" | wc -l) ))
non200=$( (cat "$WORK"/non200.* 2>/dev/null || true) | wc -l)
echo "events: acked $acked, lost $lost, duplicated $dup (rows $(wc -l <"$WORK/stored"), non-200 $non200)"
[ "$lost" -eq 0 ] && [ "$dup" -eq 0 ] && [ "$acked" -gt 0 ] || fail "events lost or duplicated"
unhandled=$(q two "SELECT count(*) FROM inbound_events WHERE handled_at IS NULL")
[ "$unhandled" -eq 0 ] || fail "$unhandled events stored but never handled"

# Nudges: the body-addressed outbox rows and the send-log, against the reference.
OUTQ="SELECT key FROM outbox WHERE channel = '' ORDER BY key"
LOGQ="SELECT key FROM send_log ORDER BY key"
q two "$OUTQ" >"$WORK/out.two"
q ref "$OUTQ" >"$WORK/out.ref"
q two "$LOGQ" >"$WORK/log.two"
q ref "$LOGQ" >"$WORK/log.ref"
# The bot's answers write send-log keys of their own (confirmations, explanations): only the
# reference's kinds of key are compared.
prefixes=$(cut -d'|' -f1 "$WORK/log.ref" | sort -u | paste -sd'|')
grep -E "^($prefixes)\|" "$WORK/log.two" >"$WORK/log.two.cmp" || true
missing=$(( $(comm -23 "$WORK/out.ref" "$WORK/out.two" | wc -l) + $(comm -23 "$WORK/log.ref" "$WORK/log.two.cmp" | wc -l) ))
extra=$(( $(comm -13 "$WORK/out.ref" "$WORK/out.two" | wc -l) + $(comm -13 "$WORK/log.ref" "$WORK/log.two.cmp" | wc -l) ))
dupkeys=$(( $(uniq -d "$WORK/out.two" | wc -l) + $(uniq -d "$WORK/log.two" | wc -l) ))
echo "nudges: queued $(wc -l <"$WORK/out.two") (reference $(wc -l <"$WORK/out.ref"), $TICKS hourly" \
  "ticks), send-log keys $(wc -l <"$WORK/log.two.cmp") (reference $(wc -l <"$WORK/log.ref"))," \
  "missing $missing, extra $extra, duplicated $dupkeys"
if [ "$missing" -ne 0 ] || [ "$extra" -ne 0 ] || [ "$dupkeys" -ne 0 ] || [ ! -s "$WORK/out.ref" ]; then
  fail "the nudges differ from the uninterrupted run"
  { comm -3 "$WORK/out.ref" "$WORK/out.two"; comm -3 "$WORK/log.ref" "$WORK/log.two.cmp"; } |
    head -10 >&2
fi

# Deliveries at the fake: "<ms> <who> outbox:<id>.<part> <chat>".
touch "$WORK/kills.txt"
read -r delivered resent twice < <(awk -v kills="$WORK/kills.txt" '
  BEGIN { while ((getline line < kills) > 0) { split(line, f, " "); kt[f[2]] = f[1] } }
  {
    k = $3 " " $4
    if (k in first_t) {
      # Allowed only when the earlier sender was SIGKILLed after the platform took the message
      # and before it could record it (it then stays pending: sent again, at-least-once).
      w = first_who[k]
      if ((w in kt) && kt[w] >= first_t[k] - 1100 && kt[w] <= first_t[k] + 5000 && kt[w] <= $1) {
        resent++
      } else {
        twice++
        print "  twice: " $0 " (first " first_t[k] " by " w ")" > "/dev/stderr"
      }
    } else { first_t[k] = $1; first_who[k] = $2; n++ }
  }
  END { print n + 0, resent + 0, twice + 0 }' "$WORK/sent.txt")
q two "SELECT 'outbox:' || id FROM outbox WHERE status = 'sent' ORDER BY 1" >"$WORK/sent.db"
cut -d' ' -f3 "$WORK/sent.txt" | sed 's/\.[0-9]*$//' | sort -u >"$WORK/sent.fake"
never=$(comm -23 "$WORK/sent.db" "$WORK/sent.fake" | wc -l)
pending=$(q two "SELECT count(*) FROM outbox WHERE status = 'pending'")
failed_rows=$(q two "SELECT count(*) FROM outbox WHERE status = 'failed'")
echo "deliveries: $delivered at the fake, $twice sent twice, $resent resent after their sender" \
  "was killed mid-send (at-least-once), $never marked sent but never delivered;" \
  "outbox rows pending $pending, failed $failed_rows"
[ "$twice" -eq 0 ] || fail "messages sent twice"
[ "$never" -eq 0 ] || fail "outbox rows marked sent that the platform never received"
[ "$failed_rows" -eq 0 ] || fail "outbox rows failed"
echo "kills: $KILLS of the scheduler's holder; both holders seen $BOTH_HOLDERS times;" \
  "no holder for a moment $NO_HOLDER_WAITS times (0.1 s polls)"
[ "$KILLS" -gt 0 ] || fail "no process was killed"
[ $FAILED -eq 0 ] && echo "two_serve: ok in $SECONDS s"
exit $FAILED
