#!/usr/bin/env bash
# Dashboard benchmark (issue 15 §6): bench/tick's synthetic plan (gen_plan.sh: ONE commune holding
# COMMUNES x 100 tasks, 10,000 by default, and ~2,000 bodies, which the overview shows 50 to a
# page while the bare page writes every row) imported, ticked at a busy moment, a few statuses
# recorded, an admin signed in; then wrk (8 connections, the session cookie) on the overview (/)
# and the task list (/nhiem-vu) of `dondoc serve --no-scheduler`, and on the bare page
# (bench_dashboard_bare: the same rows read and written out as one table) on the same database.
# Prints p50/p99 and the ratios dashboard / bare (target <= 5), then the webhook's p99 alone and
# while wrk loads the overview in parallel (target <= 2x), and, for reference, while wrk loads
# /healthz (no page work: what any concurrent HTTP load costs here). The pages are measured
# twice: warm (the page memo on, as served) and cold (a second serve on the same database with
# DONDOC_PAGE_MEMO=0: every request computes and renders its page from the cached snapshot).
#   bench/dashboard/run.sh            10,000 tasks, 10 s per point
#   bench/dashboard/run.sh --smoke    500 tasks, 2 s per point (CI: fails only on a real failure)
# Env: BUILD_DIR (default build-bench), SKIP_BUILD=1, DURATION, CONNS (default 8), PORT_BASE
#      (default 18280), COMMUNES (see gen_plan.sh), KEEP=1 keeps the work directory,
#      ENCODING: the Accept-Encoding the pages' wrk sends (default "gzip, deflate, br", as a
#      browser; ENCODING= sends none, the pages then come uncompressed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-build-bench}
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
PORT_BASE=${PORT_BASE:-18280}
BUSY=${BUSY:-2026-03-18T08:00+07:00}
ENCODING=${ENCODING-gzip, deflate, br}
if [ "${1:-}" = "--smoke" ]; then
  DURATION=${SMOKE_DURATION:-2}
  export COMMUNES=${COMMUNES:-5}
fi
SECRET=bench-secret-0123456789
PASSWORD=bench-password-0123
SERVE_PORT=$((PORT_BASE + 1))
BARE_PORT=$((PORT_BASE + 2))
COLD_PORT=$((PORT_BASE + 3))

. scripts/lib/apt_need.sh
apt_need wrk:wrk curl:curl sqlite3:sqlite3

if [ -z "${SKIP_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -DDONDOC_BENCH=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j"${JOBS:-1}" --target dondoc bench_dashboard_bare
fi
BIN=$ROOT/$BUILD_DIR
WORK=$(mktemp -d /tmp/dondoc-dash.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
DB=$WORK/dash.db
fail() { echo "run.sh: $*" >&2; exit 1; }

wait_port() {  # wait up to 10 s for 127.0.0.1:$1 to accept connections
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# start NAME PORT CMD...: a server in the background, logged in $WORK/NAME.log
start() {
  local name=$1 port=$2; shift 2
  "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$name=$!"
  wait_port "$port" || { tail -5 "$WORK/$name.log" >&2; fail "$name did not start on $port"; }
}

alive() { kill -0 "$1" 2>/dev/null || fail "$2 died: $(tail -3 "$WORK/$2.log")"; }

# drain PORT: one signed-in page fetched through the reader's queue, so the requests a previous
# wrk left queued there (its connections closed, the jobs still run) are done before the next point
drain() { curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$1/nhiem-vu?trang=2"; }

# page LABEL PORT PATH: wrk on one page with the cookie; sets P50_LABEL, P99_LABEL, RPS_LABEL
page() {
  local label=$1 port=$2 path=$3 line
  drain "$port"
  line=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 60s -s bench/dashboard/get.lua \
    "http://127.0.0.1:$port" -- "$path" "$COOKIE" "$ENCODING" | grep '^RESULT') ||
    fail "wrk on $path failed"
  echo "  $(printf '%-16s' "$label") $line"
  case $line in *" non200=0 errors=0"*) ;; *) fail "$label: answers other than 200 or errors" ;; esac
  eval "$(echo "$line" | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/RPS_'"$label"'=\1 P50_'"$label"'=\2 P99_'"$label"'=\3/')"
}

# hook LABEL: wrk with post.lua on the generic webhook; sets P99_LABEL, RPS_LABEL
hook() {
  local label=$1 line
  line=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s bench/webhook/post.lua \
    "http://127.0.0.1:$SERVE_PORT" -- "$label-$RANDOM$RANDOM" "$SECRET" | grep '^RESULT') ||
    fail "wrk on the webhook failed"
  echo "  $(printf '%-16s' "$label") $line"
  case $line in *" non2xx=0 errors=0"*) ;; *) fail "$label: non-2xx answers or errors" ;; esac
  eval "$(echo "$line" | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/RPS_'"$label"'=\1 P99_'"$label"'=\3/')"
}

# hook_beside LABEL PAGE_LABEL PATH: the webhook point LABEL while a second wrk loads PATH (its
# line printed after)
hook_beside() {
  local label=$1 page_label=$2 path=$3 pid
  page "$page_label" "$SERVE_PORT" "$path" >"$WORK/$page_label.out" &
  pid=$!
  sleep 0.2
  hook "$label"
  wait "$pid" || { cat "$WORK/$page_label.out"; fail "the wrk on $path failed"; }
  cat "$WORK/$page_label.out"
  alive "$PID_serve" serve
}

# ratio A B: A / B, or why not (wrk reports 0 when no request ended within the duration)
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) print "n/a (no request ended in time: a page > '"$DURATION"' s) "
    else if (b > 0) printf "%.1f", a / b; else print "inf" }'
}

echo "== the plan ($((${COMMUNES:-100} * ${TASKS_PER_COMMUNE:-100})) tasks in one commune), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench/tick/gen_plan.sh >"$WORK/plan.json"
"$BIN/dondoc" --db "$DB" init >/dev/null
"$BIN/dondoc" --db "$DB" import plan "$WORK/plan.json" >/dev/null
"$BIN/dondoc" --db "$DB" rules load examples/rules.jsonc >/dev/null
"$BIN/dondoc" --db "$DB" tick --now "$BUSY" --json >/dev/null
for n in 1 2 3 4 5 6; do  # a few statuses, so the pages show states
  st=(done in_progress blocked done in_progress extension_requested)
  extra=(); [ "${st[n-1]}" = in_progress ] && extra=(--percent 60)
  [ "${st[n-1]}" = blocked ] && extra=(--reason "Chưa có kinh phí")
  [ "${st[n-1]}" = extension_requested ] && extra=(--new-due 2026-12-31)
  lead=$(( (n - 1) % 16 + 1 ))
  "$BIN/dondoc" --db "$DB" record --task "X1.$n" --body "c1_u$lead" --status "${st[n-1]}" \
    "${extra[@]}" --now "$BUSY" >/dev/null || echo "  (record X1.$n ${st[n-1]} refused)"
done
echo "$PASSWORD" | "$BIN/dondoc" --db "$DB" user add bench --role admin --password-stdin >/dev/null
echo "  $(sqlite3 "$DB" 'SELECT count(*) FROM tasks') tasks, $(sqlite3 "$DB" 'SELECT count(*) FROM bodies') bodies," \
  "$(sqlite3 "$DB" 'SELECT count(*) FROM engine_obligations') engine_obligations, $(sqlite3 "$DB" 'SELECT count(*) FROM communes') commune(s)"

printf '{"listen": "127.0.0.1:%s", "generic": {"secret": "%s"}}\n' "$SERVE_PORT" "$SECRET" \
  >"$WORK/serve.json"
start serve "$SERVE_PORT" "$BIN/dondoc" --db "$DB" serve --config "$WORK/serve.json" --no-scheduler
URL=http://127.0.0.1:$SERVE_PORT
curl -sf -c "$WORK/jar" -b "$WORK/jar" -o /dev/null "$URL/dang-nhap" || fail "GET /dang-nhap failed"
code=$(curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null -w '%{http_code}' -H "Origin: $URL" \
  --data-urlencode name=bench --data-urlencode "password=$PASSWORD" "$URL/dang-nhap")
[ "$code" = 303 ] || fail "sign-in answered $code, not 303"
COOKIE="dondoc_session=$(awk '$6 == "dondoc_session" { print $7 }' "$WORK/jar")"
[ "$COOKIE" != "dondoc_session=" ] || fail "no session cookie after sign-in"
for p in / /nhiem-vu; do
  code=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL$p")
  [ "$code" = 200 ] || fail "GET $p answered $code"
  gz=$(curl -s -H "Cookie: $COOKIE" -H "Accept-Encoding: gzip" "$URL$p" | wc -c)
  echo "  GET $p: 200, $(wc -c <"$WORK/page.html") bytes, $gz gzip-compressed"
done
printf '{"listen": "127.0.0.1:%s"}\n' "$COLD_PORT" >"$WORK/cold.json"
start cold "$COLD_PORT" env DONDOC_PAGE_MEMO=0 "$BIN/dondoc" --db "$DB" serve \
  --config "$WORK/cold.json" --no-scheduler
start bare "$BARE_PORT" "$BIN/bench_dashboard_bare" "$BARE_PORT" "$DB"
echo "  bare page: $(curl -s "http://127.0.0.1:$BARE_PORT/" | wc -c) bytes"

echo "== pages, $CONNS connections, ${DURATION} s each, Accept-Encoding: ${ENCODING:-(none)}"
page overview "$SERVE_PORT" /
page tasks "$SERVE_PORT" /nhiem-vu
page overview_cold "$COLD_PORT" /
page tasks_cold "$COLD_PORT" /nhiem-vu
page bare "$BARE_PORT" /
alive "$PID_serve" serve
alive "$PID_cold" cold
kill "$PID_cold" 2>/dev/null || true  # leaves the CPU to the webhook's points
for l in overview tasks overview_cold tasks_cold; do
  eval "a50=\$P50_$l a99=\$P99_$l"
  echo "  $l / bare: p50 $(ratio "$a50" "$P50_bare")x, p99 $(ratio "$a99" "$P99_bare")x (target <= 5)"
done

echo "== webhook p99, $CONNS connections, alone then with the overview under load"
hook alone
hook_beside loaded busy_overview /
echo "  webhook p99 loaded / alone: $(ratio "$P99_loaded" "$P99_alone")x (target <= 2)"
# The floor: the same second wrk on /healthz, which does no page work (answered on the io thread
# from memory): what any concurrent HTTP load costs the webhook on this machine.
hook_beside floor busy_healthz /healthz
echo "  webhook p99 with /healthz under load / alone: $(ratio "$P99_floor" "$P99_alone")x" \
  "(no page work: the floor of any concurrent load here)"
echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"
