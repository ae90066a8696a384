// The "bare read" of the scheduler benchmark: reads every row and column of the tables a tick
// loads (plan, rules, calendar overrides, engine state, send-log keys) with plain SQLiteCpp, and
// prints the row count and milliseconds. Usage: bench_bare_read DBFILE
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_bare_read DBFILE\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  SQLite::Database db(argv[1], SQLite::OPEN_READONLY);
  const char* queries[] = {
      "SELECT id, name, aliases, kind, members, leader FROM bodies ORDER BY rowid",
      "SELECT id, section, section_title, title, lead, coordinators, output, deadline_text, "
      "deadline FROM tasks ORDER BY position",
      "SELECT id, name, unit, monitoring_body, milestones FROM indicators ORDER BY position",
      "SELECT version, loaded_at, source, text FROM rules_versions WHERE active = 1",
      "SELECT date, kind, name FROM calendar_overrides ORDER BY date",
      "SELECT * FROM engine_obligations",
      "SELECT key FROM send_log",
      "SELECT key, value FROM engine_meta",
  };
  long rows = 0;
  unsigned long bytes = 0;
  db.exec("BEGIN");
  for (const char* sql : queries) {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      ++rows;
      for (int i = 0; i < q.getColumnCount(); ++i) bytes += q.getColumn(i).getString().size();
    }
  }
  db.exec("COMMIT");
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  std::printf("bare read: %ld rows, %lu bytes in %.1f ms\n", rows, bytes, ms.count());
  return 0;
}
