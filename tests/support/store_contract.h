// What the store contract tests (tests/storage/*_test.cc run on both stores) share: a database
// holding two communes whose rows collide by id, bodies saved in a given plan order, and a query's
// rows as text, to show that a refused or rolled-back write changed nothing. Test threads only;
// header-only, for test_storage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/plan_store.h"
#include "tests/support/scoped_db.h"

namespace dondoc::testing {

// A database with communes "a" and "b" and no scope set: a test enters one with CommuneScope.
struct TwoCommunes {
  explicit TwoCommunes(const std::string& location)
      : db(location), a(ensure_commune(db, "a")), b(ensure_commune(db, "b")) {}
  Database db;
  std::int64_t a, b;
};

// Every row `select` returns, in its order, one line each, the columns joined by '|' (NULL as
// "NULL"): taken before and after a write that must change nothing.
inline std::string rows_text(Database& db, const std::string& select) {
  sql::Statement q(db.sql(), select);
  std::string out;
  while (q.step()) {
    for (int i = 0; i < q.column_count(); ++i) {
      if (i > 0) out += '|';
      out += q.column(i).is_null() ? std::string("NULL") : q.column(i).text();
    }
    out += '\n';
  }
  return out;
}

// The single number a `SELECT COUNT(*) …` gives.
inline std::int64_t count_rows(Database& db, const std::string& select_count) {
  return db.sql().exec_and_get(select_count).as_int64();
}

// Saves bodies `ids`, named "Cơ quan <id>", in this plan order in the current commune.
inline void save_bodies_in_order(Database& db, const std::vector<std::string>& ids) {
  std::vector<Body> bodies;
  for (const auto& id : ids) {
    Body b;
    b.id = id;
    b.name = "Cơ quan " + id;
    bodies.push_back(b);
  }
  save_bodies(db, bodies, {"bodies", "bodies.csv", "2026-01-05T08:00+07:00"});
}

}  // namespace dondoc::testing
