#include <catch2/catch.hpp>

#include "storage/database.h"
#include "tests/support/process.h"

using namespace dondoc;

namespace {

int audit_rows(Database& db) { return db.sql().execAndGet("SELECT COUNT(*) FROM audit").getInt(); }

}  // namespace

TEST_CASE("WriteTransaction: an inner one joins the outer, which alone commits or rolls back") {
  testing::TempDir dir;
  Database db(dir.file("t.db"));
  {
    WriteTransaction outer(db);
    {
      WriteTransaction inner(db);
      db.audit("k", "s", "test", "{}", "2026-11-24T09:00+07:00");
      inner.commit();  // joins the outer one: nothing is committed yet
    }
  }  // the outer one was not committed: everything rolls back
  CHECK(audit_rows(db) == 0);
  {
    WriteTransaction outer(db);
    {
      WriteTransaction inner(db);
      db.audit("k", "s", "test", "{}", "2026-11-24T09:00+07:00");
    }  // an inner one that is not committed leaves the decision to the outer one
    outer.commit();
  }
  CHECK(audit_rows(db) == 1);
}

TEST_CASE("cached statements are reused with fresh bindings") {
  testing::TempDir dir;
  Database db(dir.file("t.db"));
  for (int i = 0; i < 3; ++i) db.audit("k", std::to_string(i), "test", "{}", "at");
  SQLite::Statement q(db.sql(), "SELECT subject FROM audit ORDER BY seq");
  std::vector<std::string> subjects;
  while (q.executeStep()) subjects.push_back(q.getColumn(0).getString());
  CHECK(subjects == std::vector<std::string>{"0", "1", "2"});
}
