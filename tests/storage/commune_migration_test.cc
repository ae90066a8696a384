// A database made before communes existed (schema 63) migrates forward into one commune, its rows
// kept; and a commune's scope is required: a scoped query without one throws.
#include <catch2/catch.hpp>

#include "storage/calendar_store.h"
#include "storage/chat_store.h"
#include "storage/commune_store.h"
#include "storage/database.h"
#include "storage/engine_store.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"
#include "storage/sql.h"
#include "tests/support/both_stores.h"
#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

namespace {

// The schema as dondoc left it at migration 63, with a few rows of each kind (64 and 70 run when
// dondoc opens it).
void make_old_database(const std::string& path) {
  auto old_owner = sql::open_sqlite(path, false);
  sql::Connection& old = *old_owner;
  old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)");
  for (const auto& m : migrations()) {
    if (m.version > 63) break;
    old.exec(m.sql);
    old.exec("INSERT INTO schema_version(version, applied_at) VALUES (" +
             std::to_string(m.version) + ", 'then')");
  }
  old.exec(R"sql(
INSERT INTO bodies(id, name, kind) VALUES ('vh_xh', 'Phòng Văn hóa - Xã hội', 'unit');
INSERT INTO tasks(id, position, title, lead, deadline) VALUES ('2', 0, 'Kế hoạch', '["vh_xh"]',
  '{"kind":"month","year":2025,"month":9}');
INSERT INTO rules_versions(loaded_at, source, text, active) VALUES ('then', 'r.jsonc', '{}', 1);
INSERT INTO engine_obligations(id, task, body, status) VALUES ('2|vh_xh', '2', 'vh_xh', 'done');
INSERT INTO send_log(key, message_id, at) VALUES ('rem|2|vh_xh|x', 1, 'then');
INSERT INTO outbox(key, recipient, kind, text, not_before, created_at)
  VALUES ('rem|2|vh_xh|x', 'vh_xh', 'reminder', 'Kính gửi', 'then', 'then');
INSERT INTO chat_links(channel, chat_id, body, linked_at) VALUES ('zalo', 'u1', 'vh_xh', 'then');
INSERT INTO link_codes(code, body, created_at, expires_at) VALUES ('ABCD2345', 'vh_xh', 'then',
  'later');
INSERT INTO calendar_overrides(date, kind, name) VALUES ('2026-01-02', 'off', 'Nghỉ bù');
INSERT INTO audit(at, kind) VALUES ('then', 'import');
)sql");
}

}  // namespace

TEST_CASE("sqlite: a database from before communes becomes one commune with all its rows") {
  testing::TempDir dir;
  make_old_database(dir.file("old.db"));
  Database db(dir.file("old.db"));
  auto communes = list_communes(db);
  REQUIRE(communes.size() == 1);
  CHECK(communes[0].key == 1);
  CHECK(communes[0].id == "xa");
  CommuneScope scope(db, communes[0].key);
  Plan plan = load_plan(db);
  REQUIRE(plan.bodies.size() == 1);
  CHECK(plan.tasks.at(0).id == "2");
  CHECK(active_rules_version(db) == 1);
  CHECK(list_outbox(db, "").size() == 1);
  CHECK(list_audit(db, std::nullopt).size() == 1);
  CHECK(chat_link(db, "zalo", "u1").value().commune == 1);
  auto code = find_link_code(db, "ABCD2345");
  REQUIRE(code);
  CHECK(code->commune == 1);
  CHECK(chats_of_body(db, "vh_xh").size() == 1);
  CHECK(load_calendar_overrides(db).size() == 1);
  SqliteEngineStore store(db);
  auto st = store.load();
  REQUIRE(st);
  CHECK(st->obligations.count("2|vh_xh") == 1);
  CHECK(st->sent.count("rem|2|vh_xh|x") == 1);
}

TEST_CASE("an empty database migrates to no commune at all", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    CHECK(list_communes(db).empty());
  });
}

TEST_CASE("a commune's rows are reached only inside a commune scope", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    CHECK_THROWS_AS(load_plan(db), std::logic_error);
    std::int64_t a = add_commune(db, "a", "Xã A", "now");
    std::int64_t b = add_commune(db, "b", "Xã B", "now");
    CHECK(a != b);
    CHECK(a != kNoCommune);
    {
      CommuneScope outer(db, a);
      {
        CommuneScope inner(db, b);
        CHECK(db.commune() == b);
      }
      CHECK(db.commune() == a);  // restored
    }
    CHECK_FALSE(db.has_commune());
  });
}
