// The engine store's per-commune cache of the parsed plan, rules and calendar (migration 105's
// config stamps): a change between two loads is always seen by the second, whoever made it, and
// one commune's entry never serves another whose bodies and task numbers are the same.

#include <catch2/catch.hpp>
#include <string>

#include "engine/plan_import.h"
#include "storage/calendar_store.h"
#include "storage/engine_store.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"
#include "tests/support/both_stores.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::ensure_commune;
using dondoc::testing::on_both_stores;
using dondoc::testing::read_text;
using dondoc::testing::source_path;
using dondoc::testing::StoreUnderTest;
using dondoc::testing::TempDir;

namespace {

const char* kNow = "2026-03-02T01:00:00Z";

Plan demo_plan(const std::string& task2_title) {
  auto r = import_plan_json(read_text(source_path("examples/plan.json")), {});
  REQUIRE(r.problems.empty());
  for (auto& t : r.plan.tasks)
    if (t.id == "2") t.title = task2_title;
  return r.plan;
}

// The example rules with another form of address.
std::string rules_text(const std::string& address) {
  std::string text = read_text(source_path("examples/rules.jsonc"));
  const std::string from = "\"address\": \"đồng chí\"";
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), "\"address\": \"" + address + "\"");
}

// Fills commune `id` with the demo plan (task 2 titled `title`) and rules addressing `address`.
std::int64_t fill(Database& db, const std::string& id, const std::string& title,
                  const std::string& address) {
  std::int64_t key = ensure_commune(db, id);
  CommuneScope scope(db, key);
  save_plan(db, demo_plan(title), {"plan", "plan.json", kNow});
  store_rules(db, rules_text(address), "rules.jsonc", kNow);
  return key;
}

// What a chat's reply loads in commune `key`: task 2's title and the rules' form of address.
std::pair<std::string, std::string> seen(Database& db, std::int64_t key) {
  CommuneScope scope(db, key);
  auto st = SqliteEngineStore(db).load_for_body("vh_xh");
  REQUIRE(st);
  const Task* t = st->plan.find_task("2");
  REQUIRE(t);
  return {t->title, st->rules.address};
}

bool working(Database& db, std::int64_t key, Date d) {
  CommuneScope scope(db, key);
  auto st = SqliteEngineStore(db).load();
  REQUIRE(st);
  return st->calendar.is_working_day(d);
}

}  // namespace

TEST_CASE("one commune's cached plan and rules never serve another with the same ids", "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    std::int64_t a = fill(db, "a", "Nhiệm vụ hai của xã A", "anh chị");
    std::int64_t b = fill(db, "b", "Nhiệm vụ hai của xã B", "quý vị");
    for (int round = 0; round < 3; ++round) {
      CHECK(seen(db, a) == std::pair<std::string, std::string>{"Nhiệm vụ hai của xã A", "anh chị"});
      CHECK(seen(db, b) == std::pair<std::string, std::string>{"Nhiệm vụ hai của xã B", "quý vị"});
    }
    // A change to B is seen by B and changes nothing of A.
    {
      CommuneScope scope(db, b);
      save_plan(db, demo_plan("B đổi tên"), {"plan", "plan.json", kNow});
    }
    CHECK(seen(db, b).first == "B đổi tên");
    CHECK(seen(db, a).first == "Nhiệm vụ hai của xã A");
  });
}

TEST_CASE("an import, a rules load or a calendar change between two loads is seen by the second",
          "[pg]") {
  on_both_stores([](const StoreUnderTest& backend) {
    Database db(backend.location);
    std::int64_t a = fill(db, "a", "cũ", "đồng chí");
    std::int64_t b = fill(db, "b", "cũ", "đồng chí");
    CHECK(seen(db, a) == std::pair<std::string, std::string>{"cũ", "đồng chí"});

    SECTION("on the same connection") {
      CommuneScope scope(db, a);
      save_plan(db, demo_plan("mới"), {"plan", "plan.json", kNow});
      CHECK(seen(db, a).first == "mới");
      store_rules(db, rules_text("anh chị"), "rules.jsonc", kNow);
      CHECK(seen(db, a).second == "anh chị");
    }
    SECTION("by another connection (the CLI while serve runs)") {
      Database cli(backend.location);
      {
        CommuneScope scope(cli, a);
        replace_plan(cli, demo_plan("mới"), {"plan", "plan.json", kNow});
      }
      CHECK(seen(db, a).first == "mới");
      {
        CommuneScope scope(cli, a);
        store_rules(cli, rules_text("anh chị"), "rules.jsonc", kNow);
      }
      CHECK(seen(db, a).second == "anh chị");
    }
    SECTION("a commune's day off, and the nation's (commune 0), read by every commune") {
      Date mon = *parse_date("2026-03-09");
      Date tue = *parse_date("2026-03-10");
      CHECK(working(db, a, mon));
      CHECK(working(db, b, tue));
      {
        CommuneScope scope(db, a);
        save_calendar_overrides(db, {{mon, CalendarOverride::Kind::off, "nghỉ"}}, "f", kNow);
      }
      CHECK_FALSE(working(db, a, mon));
      CHECK(working(db, b, mon));  // A's day off is not B's
      Database cli(backend.location);
      {
        CommuneScope scope(cli, kNoCommune);
        save_calendar_overrides(cli, {{tue, CalendarOverride::Kind::off, "lễ"}}, "f", kNow);
      }
      CHECK_FALSE(working(db, a, tue));
      CHECK_FALSE(working(db, b, tue));
    }
    SECTION("a rolled-back change is forgotten, and a later one is seen") {
      {
        CommuneScope scope(db, a);
        WriteTransaction tx(db);
        save_plan(db, demo_plan("bỏ"), {"plan", "plan.json", kNow});
        CHECK(seen(db, a).first == "bỏ");  // the open transaction's own change
      }                                    // rolled back
      CHECK(seen(db, a).first == "cũ");
      {
        CommuneScope scope(db, a);
        save_plan(db, demo_plan("sau"), {"plan", "plan.json", kNow});
      }
      CHECK(seen(db, a).first == "sau");
    }
  });
}

// SQLite only: pg_schema_test.cc checks PostgreSQL has the same triggers.
TEST_CASE("sqlite: every table the cached configuration is read from stamps its changes") {
  TempDir dir;
  Database db(dir.path() + "/d.db");
  sql::Statement q(db.sql(),
                   "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                   "'config_stamp_%'");
  REQUIRE(q.step());
  // bodies, tasks, indicators, plan_meta, rules_versions, calendar_overrides x insert, update,
  // delete: a migration that rebuilds one of them must recreate its triggers.
  CHECK(q.column(0).as_int() == 18);
}
