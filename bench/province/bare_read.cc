// The "bare read" of the province benchmark (bench/province/run.sh): for every commune, in its own
// read transaction as `dondoc tick` takes one write transaction per commune, the rows a tick loads
// (storage/engine_store.cc load(): active rules, plan, calendar overrides, obligation states, the
// reminder/escalation/blocker/digest send-log keys, failed outbox rows, engine meta), by the same
// queries on the same indexes, each column read as text. Plain SQLiteCpp, no dondoc code.
// Usage: bench_province_bare_read DBFILE
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Totals {
  long rows = 0;
  unsigned long bytes = 0;
};

void read_all(SQLite::Statement& q, Totals& t) {
  while (q.executeStep()) {
    ++t.rows;
    for (int i = 0; i < q.getColumnCount(); ++i) t.bytes += q.getColumn(i).getString().size();
  }
}

// Every query binds the commune as ?1.
const char* const kQueries[] = {
    "SELECT version, loaded_at, source, text FROM rules_versions WHERE commune = ?1 AND active = 1",
    "SELECT id, name, aliases, kind, members, leader FROM bodies WHERE commune = ?1 ORDER BY rowid",
    "SELECT count(*) FROM tasks WHERE commune = ?1",
    "SELECT id, section, section_title, title, lead, coordinators, output, deadline_text, "
    "deadline, directing FROM tasks WHERE commune = ?1 ORDER BY position, rowid",
    "SELECT id, name, unit, monitoring_body, milestones FROM indicators WHERE commune = ?1 "
    "ORDER BY position, rowid",
    "SELECT value FROM plan_meta WHERE commune = ?1 AND key = 'issued'",
    "SELECT date, kind, name FROM calendar_overrides o WHERE commune IN (0, ?1) AND NOT (commune "
    "= 0 AND ?1 <> 0 AND EXISTS (SELECT 1 FROM calendar_overrides c WHERE c.commune = ?1 AND "
    "c.date = o.date)) ORDER BY date",
    "SELECT id, task, body, cycle, period, status, percent, reason, requested_due, due_override, "
    "acknowledged_at, last_reply, status_at, done_at, source FROM engine_obligations WHERE "
    "commune = ?1",
    "SELECT count(*) FROM send_log WHERE commune = ?1",
    "SELECT key FROM send_log WHERE commune = ?1 AND key >= 'rem|' AND key < 'rem}'",
    "SELECT key FROM send_log WHERE commune = ?1 AND key >= 'esc|' AND key < 'esc}'",
    "SELECT key FROM send_log WHERE commune = ?1 AND key >= 'blk|' AND key < 'blk}'",
    "SELECT key FROM send_log WHERE commune = ?1 AND key >= 'dig|' AND key < 'dig}'",
    "SELECT o.id, o.recipient, o.text, o.last_error FROM outbox o WHERE o.status = 'failed' AND "
    "o.channel = '' AND o.commune = ?1 AND NOT EXISTS (SELECT 1 FROM send_log s WHERE s.commune "
    "= ?1 AND s.key = 'failed|' || o.id) AND NOT EXISTS (SELECT 1 FROM send_log s WHERE "
    "s.message_id = o.id AND s.key >= 'failed|' AND s.key < 'failed}') ORDER BY o.id LIMIT 1000",
    "SELECT value FROM engine_meta WHERE commune = ?1 AND key = 'history_start'",
    "SELECT value FROM engine_meta WHERE commune = ?1 AND key = 'last_tick'",
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_province_bare_read DBFILE\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  SQLite::Database db(argv[1], SQLite::OPEN_READONLY);
  std::vector<std::int64_t> communes;
  {
    SQLite::Statement q(db, "SELECT key FROM communes ORDER BY id");
    while (q.executeStep()) communes.push_back(q.getColumn(0).getInt64());
  }
  std::vector<SQLite::Statement> statements;
  for (const char* sql : kQueries) statements.emplace_back(db, sql);
  Totals t;
  for (std::int64_t c : communes) {
    db.exec("BEGIN");
    for (auto& q : statements) {
      q.reset();
      q.bind(1, c);
      read_all(q, t);
    }
    db.exec("COMMIT");
  }
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  std::printf("bare read: %zu communes, %ld rows, %lu bytes in %.1f ms\n", communes.size(), t.rows,
              t.bytes, ms.count());
  return 0;
}
