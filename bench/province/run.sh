#!/usr/bin/env bash
# Province benchmark (issue 14 §3): 100 communes x 100 tasks x 20 bodies after a year of follow-up
# (about a million obligations, make_db.sh), then in the same run:
#  - a busy minute's tick of the whole province (`dondoc tick --now BUSY`, every commune) against
#    the bare read of the same rows (bench_province_bare_read): time and peak RSS, target <= 3x;
#  - `serve` on the province database after its start and its first tick (VmHWM): <= 300 MB;
#  - webhook throughput (wrk + bench/webhook/post.lua, 100 chats) with the chats linked across
#    every commune against the same with one commune (its database built the same way):
#    within 10 %, alternating the two ROUNDS times.
# Prints the figures, the ratios and whether each target is met; exits non-zero only when a step
# fails (a command, a server that does not start or dies, non-2xx answers, socket errors).
#   bench/province/run.sh            the province (building its database takes long, see README)
#   bench/province/run.sh --smoke    5 communes x 20 tasks, 10 weeks of history, 2 s of wrk
# Env: BUILD_DIR (build-bench), SKIP_BUILD=1, JOBS, COMMUNES, TASKS_PER_COMMUNE, START, BUSY,
#      DURATION (wrk seconds per run, 10), ROUNDS (2), CONNS (40), PORT_BASE (18480),
#      KEEP=DIR (keep the built databases there and reuse them when they exist),
#      WARMUP=1 (a webhook round 0 of each serve first, not counted: the steady state),
#      WEBHOOK_ONLY=1 (skip the tick, the bare read and serve's tick: the webhook part alone).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
export COMMUNES=${COMMUNES:-100} TASKS_PER_COMMUNE=${TASKS_PER_COMMUNE:-100}
export START=${START:-2025-03-03}
BUSY=${BUSY:-2026-03-18T08:00+07:00}  # Wednesday; the monthly report is due "trước ngày 20"
DURATION=${DURATION:-10} ROUNDS=${ROUNDS:-2} CONNS=${CONNS:-40} PORT_BASE=${PORT_BASE:-18480}
if [ "${1:-}" = "--smoke" ]; then
  COMMUNES=5 TASKS_PER_COMMUNE=20 START=2026-01-05 DURATION=2 ROUNDS=1
fi
export END=${BUSY%%T*}
NEXT="$(date -d "$END + 1 day" +%F)T08:00+07:00"  # serve's own tick
SECRET=bench-secret-0123456789
. scripts/lib/apt_need.sh
apt_need wrk:wrk curl:curl sqlite3:sqlite3 jq:jq /usr/bin/time:time

if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc bench_province_bare_read
fi
BIN=$ROOT/$BUILD_DIR
export DONDOC=$BIN/dondoc
WORK=$(mktemp -d /tmp/dondoc-province.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
FAILED=0
fail() { echo "failed: $*" >&2; FAILED=1; }

# timed LABEL CMD...: wall seconds (ms resolution, process start included) and peak RSS.
timed() {
  local label=$1 t0 t1 kb; shift
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || {
    echo "$label failed:" >&2; tail -5 "$WORK/$label.err" >&2; return 1; }
  t1=$(date +%s%N)
  kb=$(tail -1 "$WORK/$label.time")
  eval "T_$label=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'); M_$label=$kb"
  printf '  %-22s %8.3f s   peak RSS %7.1f MB\n' "$label" "$(eval echo "\$T_$label")" \
    "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
met() { awk -v v="$1" -v op="$2" -v t="$3" \
  'BEGIN { ok = op == "<=" ? v <= t : v >= t; print (ok ? "met" : "MISSED") }'; }

# The two databases after a year (make_db.sh), or taken from $KEEP.
key="${COMMUNES}x${TASKS_PER_COMMUNE}-${START}-${END}"
if [ -n "${KEEP:-}" ] && [ -f "$KEEP/province-$key.db" ] && [ -f "$KEEP/one-$key.db" ]; then
  echo "== reusing $KEEP/{one,province}-$key.db"
  cp "$KEEP/one-$key.db" "$WORK/one.db"
  cp "$KEEP/province-$key.db" "$WORK/province.db"
else
  echo "== $COMMUNES communes x $TASKS_PER_COMMUNE tasks, a year of follow-up ($START..$END)"
  mkdir -p "$WORK/gen"
  if bench/province/make_db.sh "$WORK/one.db" "$WORK/province.db" "$WORK/gen"; then
    if [ -n "${KEEP:-}" ]; then
      mkdir -p "$KEEP"
      cp "$WORK/one.db" "$KEEP/one-$key.db"
      cp "$WORK/province.db" "$KEEP/province-$key.db"
    fi
  else
    fail "make_db.sh"
    exit 1
  fi
fi
rm -rf "$WORK/gen"

# link DB: the 100 chats of bench/webhook/post.lua (chat-1-0 .. chat-2-49, generic), chat i linked to
# unit u(i % 14 + 1) of commune c(i % communes + 1), as `bind_chat` writes them (SQL: linking
# through link codes and the bot would only add 100 events).
link() {
  sqlite3 "$1" "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 99)
    INSERT INTO chat_links(channel, chat_id, body, is_group, from_name, linked_at, commune)
    SELECT 'generic', 'chat-' || (n / 50 + 1) || '-' || (n % 50), 'u' || (n % 14 + 1), 0,
      'Nguyễn Văn Bình', '${START}T08:00+07:00',
      (SELECT key FROM communes WHERE id = 'c' || (n % (SELECT count(*) FROM communes) + 1))
    FROM i"
  echo "  $1: $(sqlite3 "$1" "SELECT count(*) || ' chats linked in ' || count(DISTINCT commune) ||
    ' communes' FROM chat_links")"
}
link "$WORK/province.db"
link "$WORK/one.db"

# The simulated answers must land on the engine's own obligations (ids, periods): every recorded
# state of the first commune and of the last (a copy) is one of `status`'s dated rows.
for c in c1 "c$COMMUNES"; do
  shown=$("$DONDOC" --db "$WORK/province.db" --commune "$c" status --json --now "$BUSY" |
    jq '[.obligations[] | select(.due != null and .status != "not_started")] | length')
  stored=$(sqlite3 "$WORK/province.db" "SELECT count(*) FROM engine_obligations e JOIN communes c
    ON c.key = e.commune WHERE c.id = '$c'")
  echo "  commune $c: $stored answers stored, $shown of them on obligations the engine lists"
  [ "$shown" = "$stored" ] || fail "$c: simulated answers do not match the engine's obligations"
done

if [ -z "${WEBHOOK_ONLY:-}" ]; then
echo "== the busy tick of the whole province at $BUSY against the bare read"
timed tick "$DONDOC" --db "$WORK/province.db" tick --now "$BUSY" --json
echo "    queued $(jq .queued "$WORK/tick.out") messages:" \
  "$(jq -c '[.communes[]?.by_kind // .by_kind] | map(to_entries[]) | group_by(.key)
    | map({(.[0].key): (map(.value) | add)}) | add' "$WORK/tick.out")"
errors=$(jq '[.communes[]? | select(.error)] | length' "$WORK/tick.out")
[ "$errors" = 0 ] || fail "$errors communes did not tick: $(jq -c '[.communes[] | select(.error)][0]' "$WORK/tick.out")"
timed bare_read "$BIN/bench_province_bare_read" "$WORK/province.db"
echo "    $(cat "$WORK/bare_read.out")"
timed bare_read_2 "$BIN/bench_province_bare_read" "$WORK/province.db"
R_TICK=$(ratio "$T_tick" "$T_bare_read")
echo "  tick / bare read (wall, both as processes): $R_TICK (second bare read:" \
  "$(ratio "$T_tick" "$T_bare_read_2"))  target <= 3: $(met "$R_TICK" '<=' 3)"
fi  # WEBHOOK_ONLY

wait_port() {  # wait up to 20 s for 127.0.0.1:$1 to accept connections
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
# serve_start NAME PORT DB ARGS...: dondoc serve in the background, its pid in PID_NAME.
serve_start() {
  local name=$1 port=$2 db=$3; shift 3
  printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$port" "$SECRET" \
    >"$WORK/$name.json"
  "$DONDOC" --db "$db" serve --config "$WORK/$name.json" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$name=$!"
  wait_port "$port" || { echo "serve $name did not start: $(tail -3 "$WORK/$name.log")" >&2; return 1; }
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
kb_of() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$2/status"; }

if [ -z "${WEBHOOK_ONLY:-}" ]; then
echo "== serve on the province database: its first tick at $NEXT"
port=$((PORT_BASE + 1))
if serve_start rss "$port" "$WORK/province.db" --now "$NEXT"; then
  rss_start=$(kb_of VmRSS "$PID_rss")
  t0=$(date +%s%N) done_ticks=0
  # serve's timer ticks at once; done when every commune's last tick is that one.
  for _ in $(seq 1200); do
    done_ticks=$(sqlite3 "$WORK/province.db" "SELECT count(*) FROM engine_meta
      WHERE key = 'last_tick' AND value >= '$NEXT'" 2>/dev/null || echo 0)
    [ "$done_ticks" -ge "$COMMUNES" ] && break
    kill -0 "$PID_rss" 2>/dev/null || break
    sleep 0.25
  done
  secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  if ! kill -0 "$PID_rss" 2>/dev/null; then
    fail "serve exited: $(tail -3 "$WORK/rss.log")"
  elif [ "$done_ticks" -lt "$COMMUNES" ]; then
    fail "serve ticked $done_ticks of $COMMUNES communes in $secs s"
  else
    HWM=$(kb_of VmHWM "$PID_rss")
    echo "  VmRSS at start $(mb "$rss_start") MB; after the tick of $COMMUNES communes (~$secs s):" \
      "VmRSS $(mb "$(kb_of VmRSS "$PID_rss")") MB, VmHWM $(mb "$HWM") MB" \
      " target <= 300 MB: $(met "$(mb "$HWM")" '<=' 300)"
  fi
  kill "$PID_rss"; wait "$PID_rss" 2>/dev/null || true
fi
fi  # WEBHOOK_ONLY

echo "== webhook: 100 chats linked across $COMMUNES communes against one commune"
# Two figures per run: the acks wrk sees (requests/s), and the rate at which the bot handles what
# was acked (events handled from wrk's start until the backlog is empty, per second): acks can run
# ahead of the bot for a while, never for long.
declare -A RPS HPS
metric() {  # metric PORT NAME: a counter of /metrics
  curl -s "http://127.0.0.1:$1/metrics" | awk -v n="$2" '$1 == n { print $2 }'
}
cpu() { awk '{ print $14, $15 }' "/proc/$1/stat"; }  # user and system ticks
# load NAME PORT ROUND: one wrk run, then waits for the bot to handle what it stored.
load() {
  local name=$1 port=$2 r=$3 pid line t0 u0 s0 u1 s1 h0 h1 secs
  pid=$(eval echo "\$PID_$name")
  h0=$(metric "$port" dondoc_events_handled_total)
  read -r u0 s0 < <(cpu "$pid")
  t0=$(date +%s%N)
  line=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 30s -s bench/webhook/post.lua \
    "http://127.0.0.1:$port" -- "$name-$r-$RANDOM$RANDOM" "$SECRET" | grep '^RESULT') ||
    { fail "wrk against $name"; return; }
  RPS[$name,$r]=$(echo "$line" | sed -E 's/.*rps=([0-9.]+).*/\1/')
  echo "  $name round $r: acks ${line#RESULT }"
  echo "$line" | grep -Eq 'non2xx=0 errors=0' || fail "$name: non-2xx answers or socket errors"
  for _ in $(seq 3000); do
    [ "$(metric "$port" dondoc_events_handled_total)" = \
      "$(metric "$port" dondoc_events_received_total)" ] && break
    sleep 0.1
  done
  secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  read -r u1 s1 < <(cpu "$pid")
  h1=$(metric "$port" dondoc_events_handled_total)
  HPS[$name,$r]=$(awk -v n=$((h1 - h0)) -v s="$secs" 'BEGIN { printf "%.1f", n / s }')
  echo "    handled $((h1 - h0)) events in $secs s (backlog empty): ${HPS[$name,$r]}/s;" \
    "server CPU per event $(awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v n=$((h1 - h0)) \
      -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f ms (system %.1f)", (u + s) * 1e3 / hz / n,
      s * 1e3 / hz / n }')"
}
mean() {  # mean ARRAY NAME
  local -n a=$1
  for r in $(seq "$ROUNDS"); do echo "${a[$2,$r]}"; done | awk '{ s += $1 } END { printf "%.1f", s / NR }'
}
if serve_start one $((PORT_BASE + 2)) "$WORK/one.db" --no-scheduler &&
  serve_start province $((PORT_BASE + 3)) "$WORK/province.db" --no-scheduler; then
  if [ -n "${WARMUP:-}" ]; then  # round 0: each serve's first contact with its communes, not counted
    load one $((PORT_BASE + 2)) 0
    load province $((PORT_BASE + 3)) 0
  fi
  for r in $(seq "$ROUNDS"); do
    load one $((PORT_BASE + 2)) "$r"
    load province $((PORT_BASE + 3)) "$r"
  done
  for name in one province; do
    kill -0 "$(eval echo "\$PID_$name")" 2>/dev/null || fail "serve $name died during the run"
  done
  R_WEB=$(ratio "$(mean RPS province)" "$(mean RPS one)")
  R_HANDLED=$(ratio "$(mean HPS province)" "$(mean HPS one)")
  echo "  acks/s (mean of $ROUNDS): one commune $(mean RPS one), $COMMUNES communes" \
    "$(mean RPS province); ratio $R_WEB  target >= 0.90: $(met "$R_WEB" '>=' 0.9)"
  echo "  events handled/s: one commune $(mean HPS one), $COMMUNES communes $(mean HPS province);" \
    "ratio $R_HANDLED  target >= 0.90: $(met "$R_HANDLED" '>=' 0.9)"
  for name in one province; do
    echo "  $name: $(sqlite3 "$WORK/$name.db" "SELECT count(*) || ' events, ' || count(handled_at) ||
      ' handled' FROM inbound_events"); answers queued to the chats:" \
      "$(sqlite3 "$WORK/$name.db" "SELECT count(*) FROM outbox WHERE channel = 'generic'")"
  done
else
  fail "serve did not start for the webhook run"
fi

echo "== summary ($COMMUNES communes x $TASKS_PER_COMMUNE tasks; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  busy tick / bare read: ${R_TICK:-?} (<= 3)   serve VmHWM: $(mb "${HWM:-0}") MB (<= 300)" \
  "  webhook $COMMUNES communes / one: acks ${R_WEB:-?}, handled ${R_HANDLED:-?} (>= 0.90)"
exit $FAILED
