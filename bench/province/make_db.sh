#!/usr/bin/env bash
# Builds a province's database after a year of follow-up (issue 14 §3), for bench/province/run.sh,
# and the one-commune database it is compared with:
#  1. gen_province.sh writes one plan per commune and the obligations they owe in [START, END);
#  2. the CLI adds commune c1, imports its plan and loads examples/rules.jsonc;
#  3. a year of working days in c1: each day, the obligations due before it get their bodies'
#     answers (rows in engine_obligations, written directly: 90 % done on the due day, 5 % in
#     progress, 5 % never answered, see gen_province.sh), then `dondoc tick --now DAY` at TICK_AT,
#     as serve's timer would; then the year's outbox is marked sent (as the sender would have).
#     That database is ONE_DB;
#  4. the CLI adds c2..cN, imports each one's plan and loads the rules; then c1's year (obligation
#     states, send-log, outbox, audit, engine meta) is copied by SQL into each of them, names
#     changed in the texts, outbox ids shifted. That is PROVINCE_DB.
# SQL where the CLI would take too long: recording a million answers through the bot, and ticking
# 100 communes through a year (about 10 s per daily tick of the province after one month, growing
# with the history: hours). The plans, rules and c1's ticks are the real CLI's.
# Usage: bench/province/make_db.sh ONE_DB PROVINCE_DB WORKDIR
# Env: DONDOC (path to the binary, required), COMMUNES, TASKS_PER_COMMUNE, START, END (see
#      gen_province.sh; END is the day of the benchmark's busy tick, not ticked here), TICK_AT (08:00).
set -euo pipefail
ONE=${1:?usage: make_db.sh ONE_DB PROVINCE_DB WORKDIR}
DB=${2:?usage: make_db.sh ONE_DB PROVINCE_DB WORKDIR}
WORK=${3:?usage: make_db.sh ONE_DB PROVINCE_DB WORKDIR}
: "${DONDOC:?DONDOC=path/to/dondoc}"
export START=${START:-2025-03-03} END=${END:-2026-03-18}
TICK_AT=${TICK_AT:-08:00}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMMUNES=${COMMUNES:-100}
ms() { date +%s%3N; }
# commune N: adds cN, imports its plan, loads the rules.
commune() {
  "$DONDOC" --db "$DB" commune add "c$1" --name "Xã số $1" >/dev/null
  "$DONDOC" --db "$DB" --commune "c$1" import plan "$WORK/gen/plan-$1.json" >/dev/null
  "$DONDOC" --db "$DB" --commune "c$1" rules load "$ROOT/examples/rules.jsonc" >/dev/null
}

t0=$(ms)
COMMUNES=$COMMUNES "$HERE/gen_province.sh" "$WORK/gen"
rm -f "$DB" "$DB-wal" "$DB-shm" "$ONE"
commune 1

# The simulated answers of c1, apart from the database: obligation, due date, fate.
SIM=$WORK/sim.db
rm -f "$SIM"
awk -F'\t' '$1 == 1' "$WORK/gen/obligations.tsv" >"$WORK/c1.tsv"
sqlite3 "$SIM" <<SQL
CREATE TABLE obl(n INTEGER, id TEXT, task TEXT, body TEXT, cycle TEXT, period TEXT, due TEXT,
                 fate TEXT);
.mode tabs
.import $WORK/c1.tsv obl
DELETE FROM obl WHERE fate = 'silent';
CREATE INDEX obl_due ON obl(due);
SQL

# answer FROM TO: the bodies' answers to what fell due in [FROM, TO).
answer() {
  sqlite3 "$DB" <<SQL
ATTACH '$SIM' AS s;
INSERT OR IGNORE INTO engine_obligations(commune, id, task, body, cycle, period, status, percent,
    acknowledged_at, last_reply, status_at, done_at, source)
  SELECT (SELECT key FROM communes WHERE id = 'c1'), id, task, body, cycle, period, fate,
    CASE fate WHEN 'done' THEN 100 ELSE 50 END, due || 'T09:00+07:00', due || 'T15:00+07:00',
    due || 'T15:00+07:00', CASE fate WHEN 'done' THEN due || 'T15:00+07:00' END, 'bench'
  FROM s.obl WHERE due >= '$1' AND due < '$2';
SQL
}

day=$START prev=0000-00-00 ticks=0 tick_ms=0
t1=$(ms)
while [[ "$day" < "$END" ]]; do
  if [ "$(date -d "$day" +%u)" -le 5 ]; then
    answer "$prev" "$day"
    prev=$day
    a=$(ms)
    "$DONDOC" --db "$DB" --commune c1 tick --now "${day}T${TICK_AT}+07:00" >/dev/null
    tick_ms=$((tick_ms + $(ms) - a))
    ticks=$((ticks + 1))
  fi
  day=$(date -d "$day + 1 day" +%F)
done
answer "$prev" "$END"
sqlite3 "$DB" "UPDATE outbox SET status = 'sent', sent_at = not_before, attempts = 1
  WHERE status = 'pending'; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$DB" "$ONE"
t2=$(ms)
echo "  c1: a year of follow-up, $ticks daily ticks (${START}..${END}, $((tick_ms / 1000)) s" \
  "ticking), $(((t2 - t1) / 1000)) s in all"

for n in $(seq 2 "$COMMUNES"); do commune "$n"; done
t3=$(ms)
echo "  c2..c$COMMUNES added, plans imported, rules loaded (CLI): $(((t3 - t2) / 1000)) s;" \
  "$(sqlite3 "$DB" 'SELECT count(*) FROM tasks') tasks, $(sqlite3 "$DB" 'SELECT count(*) FROM bodies') bodies"
sqlite3 "$DB" <<'SQL'
BEGIN;
CREATE TEMP TABLE src AS SELECT key FROM communes WHERE id = 'c1';
CREATE TEMP TABLE dst AS SELECT key, substr(id, 2) AS n,
  row_number() OVER (ORDER BY key) AS j FROM communes WHERE id <> 'c1';
CREATE TEMP TABLE off AS SELECT max(id) AS o FROM outbox;
INSERT INTO engine_obligations(commune, id, task, body, cycle, period, status, percent, reason,
    requested_due, due_override, acknowledged_at, last_reply, status_at, done_at, source)
  SELECT d.key, e.id, task, body, cycle, period, status, percent, reason, requested_due,
    due_override, acknowledged_at, last_reply, status_at, done_at, source
  FROM dst d, engine_obligations e WHERE e.commune = (SELECT key FROM src);
INSERT INTO outbox(id, commune, key, recipient, kind, task, cycle, text, status, not_before,
    attempts, created_at, sent_at, last_error, channel, chat_id, is_group, callback_id)
  SELECT x.id + d.j * (SELECT o FROM off), d.key, x.key, recipient, kind, task, cycle,
    replace(text, 'xã số 1', 'xã số ' || d.n), status, not_before, attempts, created_at, sent_at,
    last_error, channel, chat_id, is_group, callback_id
  FROM dst d, outbox x WHERE x.commune = (SELECT key FROM src);
INSERT INTO send_log(commune, key, message_id, at)
  SELECT d.key, s.key, s.message_id + d.j * (SELECT o FROM off), at
  FROM dst d, send_log s WHERE s.commune = (SELECT key FROM src);
INSERT INTO audit(commune, at, kind, subject, source, detail)
  SELECT d.key, at, kind, subject, a.source, detail
  FROM dst d, audit a WHERE a.commune = (SELECT key FROM src) ORDER BY d.key, a.seq;
INSERT INTO engine_meta(commune, key, value)
  SELECT d.key, m.key, value FROM dst d, engine_meta m WHERE m.commune = (SELECT key FROM src);
COMMIT;
SQL
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
t4=$(ms)
echo "  c1's year copied into c2..c$COMMUNES (SQL): $(((t4 - t3) / 1000)) s"
for f in "$ONE" "$DB"; do
  echo "  $(basename "$f"): engine_obligations $(sqlite3 "$f" 'SELECT count(*) FROM engine_obligations')," \
    "send_log $(sqlite3 "$f" 'SELECT count(*) FROM send_log'), outbox" \
    "$(sqlite3 "$f" 'SELECT count(*) FROM outbox'), audit $(sqlite3 "$f" 'SELECT count(*) FROM audit');" \
    "$(du -h "$f" | cut -f1)"
done
echo "  built in $(((t4 - t0) / 1000)) s"
