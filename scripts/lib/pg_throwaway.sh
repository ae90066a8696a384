# Sourced by the fault and bench scripts (from the repository's root): a throwaway PostgreSQL 15
# in a folder of ours, as tests/support/pg_server.cc starts one for the C++ tests: initdb and
# pg_ctl as the `postgres` user when we are root, trust authentication for the role `dondoc`, a
# loopback port and a socket folder inside the data folder's parent. Installs postgresql-15 from
# apt when it is missing.
#   pg_throwaway_start DIR [durable]   starts it (DIR must not exist); "durable" keeps fsync and
#                                      full_page_writes on (for benchmarks), else they are off
#   pg_throwaway_db NAME               creates database NAME, prints its postgresql:// URL
#   pg_throwaway_stop                  stops it (immediate) and removes DIR; safe to call twice
# Sets PG_DIR, PG_PORT, PG_LOG.
. scripts/lib/apt_need.sh

PG_BIN=/usr/lib/postgresql/15/bin

pg_throwaway_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_throwaway_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_throwaway_start() {
  local durable=${2:-}
  [ -x "$PG_BIN/initdb" ] || apt_need_pkg postgresql-15
  PG_DIR=$1
  mkdir -p "$PG_DIR/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$PG_DIR"
  PG_LOG=$PG_DIR/server.log
  pg_throwaway_as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U dondoc --auth=trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
    { echo "pg_throwaway: initdb failed, see $PG_DIR/initdb.log" >&2; return 1; }
  PG_PORT=$(pg_throwaway_free_port)
  local opts="-p $PG_PORT -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c max_connections=200"
  [ "$durable" = durable ] || opts="$opts -c fsync=off -c full_page_writes=off"
  pg_throwaway_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_LOG" -o "$opts" -w -t 30 \
    start >"$PG_DIR/ctl.log" 2>&1 ||
    { echo "pg_throwaway: the server did not start, see $PG_LOG" >&2; return 1; }
}

pg_throwaway_db() {
  pg_throwaway_as_postgres "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U dondoc -d postgres \
    -c "CREATE DATABASE $1" >/dev/null ||
    { echo "pg_throwaway: could not create database $1" >&2; return 1; }
  echo "postgresql://dondoc@127.0.0.1:$PG_PORT/$1"
}

pg_throwaway_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  pg_throwaway_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m immediate -w \
    >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
