// PostgreSQL's schema (storage/migrations_pg.cc) against SQLite's (storage/migrations.cc): the
// same tables with the same columns, indexes and triggers, so a SQLite migration added without
// its PostgreSQL twin fails here. And the audit is append-only in the database itself.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "storage/database.h"
#include "storage/migrations_pg.h"
#include "storage/sql.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace dondoc {
namespace {

using testing::fresh_pg_database;
using testing::pg_skipped;
using testing::TempDir;

std::set<std::string> strings(sql::Connection& c, const std::string& query) {
  std::set<std::string> out;
  sql::Statement st(c, query);
  while (st.step()) out.insert(st.column(0).text());
  return out;
}

std::unique_ptr<sql::Connection> migrated_pg() {
  auto c = sql::open_postgresql(fresh_pg_database(), false);
  for (const auto& m : pg_migrations()) c->exec(m.sql);
  return c;
}

// "table.column" for every column of every table of a fresh SQLite database made by Database.
std::set<std::string> sqlite_columns(const std::string& path) {
  { Database db(path); }
  auto c = sql::open_sqlite(path, true);
  return strings(*c,
                 "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                 "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
}

TEST_CASE("pg schema: the same tables, columns, indexes and triggers as SQLite's", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  REQUIRE(pg_migrations().back().version == migrations().back().version);
  TempDir dir;
  std::string path = dir.file("fresh.db");
  std::set<std::string> lite = sqlite_columns(path);
  auto pg = migrated_pg();
  std::set<std::string> post = strings(*pg,
                                       "SELECT table_name || '.' || column_name FROM "
                                       "information_schema.columns WHERE table_schema = "
                                       "current_schema()");
  for (const auto& col : lite) {
    if (post.count(col) == 0) FAIL_CHECK("PostgreSQL lacks " + col);
  }
  for (const auto& col : post) {
    if (lite.count(col) == 0) FAIL_CHECK("PostgreSQL has more: " + col);
  }
  CHECK(lite.size() == post.size());
  CHECK(lite.size() > 200);  // every table of the schema was read

  auto lite_c = sql::open_sqlite(path, true);
  CHECK(strings(*lite_c,
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE "
                "'sqlite_autoindex%'") ==
        strings(*pg,
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND "
                "indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"));
  std::set<std::string> pg_triggers =
      strings(*pg, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");
  for (const auto& t : strings(*lite_c, "SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
    CHECK(pg_triggers.count(t) == 1);
  }
  CHECK(pg->exec_and_get("SELECT COUNT(*) FROM config_stamps WHERE commune = 0").as_int() == 1);
}

TEST_CASE("pg schema: every text column compares byte by byte, as SQLite's", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  auto pg = migrated_pg();
  // A text column added after migration 180 must say COLLATE "C" itself.
  CHECK(strings(*pg,
                "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE "
                "table_schema = current_schema() AND data_type = 'text' AND collation_name IS "
                "DISTINCT FROM 'C'")
            .empty());
  CHECK(pg->exec_and_get("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                         "current_schema() AND data_type = 'text' AND collation_name = 'C'")
            .as_int() > 100);
}

TEST_CASE("pg schema: the audit refuses UPDATE, DELETE and TRUNCATE", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  auto pg = migrated_pg();
  pg->exec("INSERT INTO audit(commune, at, kind) VALUES (1, '2026-01-01T00:00:00Z', 'test')");
  auto kind = [&](const std::string& sql) {
    try {
      pg->exec(sql);
    } catch (const sql::Error& e) {
      return e.kind();
    }
    return sql::ErrorKind::other;
  };
  CHECK(kind("UPDATE audit SET kind = 'changed'") == sql::ErrorKind::constraint);
  CHECK(kind("DELETE FROM audit") == sql::ErrorKind::constraint);
  CHECK(kind("TRUNCATE audit") == sql::ErrorKind::constraint);
  CHECK(pg->exec_and_get("SELECT kind FROM audit").text() == "test");
}

TEST_CASE("pg schema: a configuration change gives its commune a new stamp", "[pg]") {
  if (pg_skipped()) {
    WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
    return;
  }
  auto pg = migrated_pg();
  pg->exec("INSERT INTO bodies(commune, id, name, kind) VALUES (3, 'vh', 'Văn hóa', 'unit')");
  std::string first = pg->exec_and_get("SELECT stamp FROM config_stamps WHERE commune = 3").text();
  CHECK_FALSE(first.empty());
  pg->exec("UPDATE bodies SET name = 'Văn hóa - Xã hội' WHERE commune = 3");
  CHECK(pg->exec_and_get("SELECT stamp FROM config_stamps WHERE commune = 3").text() != first);
}

}  // namespace
}  // namespace dondoc
