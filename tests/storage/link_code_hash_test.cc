// Link codes are stored as hashes (issue 13 item 5): migration 64 moves the plaintext codes of an
// older database to their hash, keeping each code's body, dates and use, and the hash compare
// is in constant time.
#include <catch2/catch.hpp>

#include "storage/chat_store.h"
#include "storage/code_hash.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::TempDir;

namespace {

// A database file at schema version 63 (before codes were hashed), made from the migrations.
void create_at_63(const std::string& path) {
  auto db_owner = sql::open_sqlite(path, false);
  sql::Connection& db = *db_owner;
  db.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL "
      "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  for (const auto& m : migrations()) {
    if (m.version > 63) break;
    db.exec(m.sql);
    db.exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(m.version) + ")");
  }
  db.exec(
      "INSERT INTO link_codes(code, body, created_at, expires_at) VALUES "
      "('QWERTY23', 'vh_xh', '2026-11-01T09:00:00+07:00', '2026-11-08T09:00:00+07:00'), "
      "('USED2345', 'kinh_te', '2026-11-01T09:00:00+07:00', '2026-11-08T09:00:00+07:00')");
  db.exec(
      "UPDATE link_codes SET used_at = '2026-11-02T09:00:00+07:00', used_by = 'zalo:z1' "
      "WHERE code = 'USED2345'");
}

}  // namespace

TEST_CASE("sqlite: migration 64: plaintext link codes become hashes that still find their code") {
  TempDir dir;
  std::string path = dir.file("old.db");
  create_at_63(path);
  Database db(path);
  CHECK(db.schema_version() >= 64);
  auto q = find_link_code(db, "QWERTY23");
  REQUIRE(q);
  CHECK(q->body == "vh_xh");
  CHECK(q->expires_at == "2026-11-08T09:00:00+07:00");
  CHECK_FALSE(q->used);
  auto u = find_link_code(db, "used2345");
  REQUIRE(u);
  CHECK(u->used);
  CHECK(db.sql().exec_and_get("SELECT COUNT(*) FROM link_codes").as_int() == 2);
  CHECK(db.sql()
            .exec_and_get("SELECT COUNT(*) FROM link_codes WHERE code_hash IN ('QWERTY23', "
                          "'USED2345')")
            .as_int() == 0);
  CHECK_FALSE(db.sql()
                  .exec_and_get("SELECT sql FROM sqlite_master WHERE name = 'link_codes'")
                  .text()
                  .find("code TEXT") != std::string::npos);
}

TEST_CASE("link code hashes: BLAKE2b-256 hex of the upper-cased code; constant-time equality") {
  std::string h = link_code_hash("AB3K9XYZ");
  CHECK(h.size() == 64);
  CHECK(h == link_code_hash("ab3k9xyz"));
  CHECK(h != link_code_hash("AB3K9XYY"));
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(equal_in_constant_time(h, link_code_hash("AB3K9XYZ")));
  CHECK_FALSE(equal_in_constant_time(h, link_code_hash("AB3K9XYY")));
  CHECK_FALSE(equal_in_constant_time(h, h.substr(1)));
  CHECK(equal_in_constant_time("", ""));
}
