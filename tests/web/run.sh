#!/usr/bin/env bash
# The dashboard's browser tests (issue 15 §5): a real `dondoc serve` on 127.0.0.1 with a demo
# database, users of every role, and tests/web/*.spec.js driven through Debian's chromium by
# playwright-core (tests/node, pinned; never a browser download). Builds nothing.
#   tests/web/run.sh DONDOC_BINARY OUT_DIR     (ctest's test `web`; screenshots in OUT_DIR/web-screenshots)
# Fails (never skips) when chromium or playwright-core is missing. Bounded: 600 s for the specs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DONDOC=$(realpath "${1:?usage: run.sh DONDOC_BINARY OUT_DIR}")
OUT=$(realpath "${2:?usage: run.sh DONDOC_BINARY OUT_DIR}")
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

fail() { echo "web: FAILED: $*" >&2; exit 1; }
[ -x "$CHROMIUM" ] || fail "chromium not found at $CHROMIUM (apt-get install chromium; scripts/setup.sh --test installs it)"
[ -f "$root/tests/node/node_modules/playwright-core/package.json" ] ||
  fail "playwright-core not installed in tests/node (run scripts/setup.sh --test: npm ci)"
command -v node >/dev/null || fail "node not found (scripts/setup.sh --test)"

work=$(mktemp -d /tmp/dondoc-web.XXXXXX)
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$serve_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/web.db"
"$DONDOC" --db "$db" init --demo >/dev/null || fail "dondoc init --demo"
# A first tick dated before November, so the monthly report 2026-11 is owed and missing now (the
# report grid's "Chưa nộp" cells, h_explain.spec.js).
"$DONDOC" --db "$db" tick --now 2026-09-01T08:00+07:00 >/dev/null || fail "dondoc tick"

# One user per role; the passwords are the test's, read from standard input as an operator would.
add_user() {  # NAME ROLE [BODY]
  local args=(--db "$db" user add "$1" --role "$2" --password-stdin)
  [ -n "${3:-}" ] && args+=(--body "$3")
  printf '%s\n' "pw-$1-9Kx!" | "$DONDOC" "${args[@]}" >/dev/null || fail "dondoc user add $1 --role $2"
}
add_user admin1 admin
add_user vanphong secretariat
add_user chutich leader
add_user head_vhxh head vh_xh
add_user head_kt head kinh_te
add_user head_ca head cong_an
add_user locked1 secretariat
add_user tinh1 province_viewer

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
secret="web-test-generic-secret-0123456789"
cat >"$work/serve.json" <<JSON
{"listen": "127.0.0.1:$port", "generic": {"secret": "$secret"}, "tick_interval_s": 3600,
 "public_url": "http://127.0.0.1:$port"}
JSON
"$DONDOC" --db "$db" serve --config "$work/serve.json" >"$work/serve.log" 2>&1 &
serve_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "dondoc serve exited at start"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$base/healthz" || { cat "$work/serve.log" >&2; fail "dondoc serve did not start"; }

mkdir -p "$OUT/web-screenshots"
rc=0
(
  cd "$here"
  export DONDOC DONDOC_DB="$db" BASE_URL="$base" GENERIC_SECRET="$secret" CHROMIUM \
    SCREENSHOTS="$OUT/web-screenshots" NODE_PATH="$root/tests/node/node_modules" \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  timeout 600 node --test --test-concurrency=1 ./*.spec.js
) || rc=$?
if [ $rc -ne 0 ]; then
  echo "---- dondoc serve log (last 40 lines)" >&2
  tail -40 "$work/serve.log" >&2
  fail "browser specs (exit $rc)"
fi
echo "web: ok; screenshots in $OUT/web-screenshots"
