// The rules versions store (storage/rules_store.h) on both stores: each load is a new active
// version with its audit row, the text kept byte for byte and its size in bytes (not characters),
// versions newest first with one active per commune, communes apart, the bodies' ids sorted, and a
// load in a rolled-back transaction leaving the previous version active and no audit row.
#include "storage/rules_store.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "storage/engine_store.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::count_rows;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::save_bodies_in_order;
using dondoc::testing::StoreUnderTest;

namespace {

// JSONC as `rules load` keeps it: comments, Vietnamese text (multi-byte in UTF-8).
std::string rules_text(const std::string& address) {
  return "// Quy tắc đôn đốc của xã\n{\n  \"address\": \"" + address + "\"  // xưng hô\n}\n";
}

std::vector<int> versions_of(const std::vector<RulesVersionLine>& lines) {
  std::vector<int> out;
  for (const auto& l : lines) out.push_back(l.version);
  return out;
}

}  // namespace

TEST_CASE("rules store: each load is the new active version, kept byte for byte with its audit",
          "[pg][rules_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    CHECK_FALSE(active_rules_text(db));
    CHECK(active_rules_version(db) == 0);
    CHECK(rules_versions(db).empty());

    std::string first_text = rules_text("đồng chí");
    int first = store_rules(db, first_text, "rules.jsonc", "2026-01-05T08:00+07:00");
    std::string second_text = rules_text("anh chị");
    int second = store_rules(db, second_text, "rules-2.jsonc", "2026-01-06T08:00+07:00");
    CHECK(first > 0);
    CHECK(second > first);

    CHECK(active_rules_version(db) == second);
    auto active = active_rules_text(db);
    REQUIRE(active);
    CHECK(active->version == second);
    CHECK(active->text == second_text);
    CHECK(active->source == "rules-2.jsonc");
    CHECK(active->loaded_at == "2026-01-06T08:00+07:00");

    auto old = rules_version(db, first);
    REQUIRE(old);
    CHECK(old->text == first_text);
    CHECK(old->source == "rules.jsonc");
    CHECK(old->loaded_at == "2026-01-05T08:00+07:00");
    CHECK_FALSE(rules_version(db, second + 1));

    auto lines = rules_versions(db);
    CHECK(versions_of(lines) == std::vector<int>{second, first});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].active);
    CHECK_FALSE(lines[1].active);
    CHECK(lines[0].source == "rules-2.jsonc");
    CHECK(lines[0].loaded_at == "2026-01-06T08:00+07:00");
    CHECK(lines[1].bytes == first_text.size());  // bytes, not characters
    CHECK(lines[0].bytes == second_text.size());
    CHECK(count_rows(db, "SELECT COUNT(*) FROM rules_versions WHERE active = 1") == 1);

    std::vector<nlohmann::json> loads;
    for (const auto& a : list_audit(db, std::nullopt)) {
      if (a.kind != "rules_load") continue;
      loads.push_back(nlohmann::json::parse(a.detail));
      loads.back()["subject"] = a.subject;
      loads.back()["at"] = a.at;
    }
    REQUIRE(loads.size() == 2);
    for (const auto& d : loads) {
      if (d["version"] == second) {
        CHECK(d["subject"] == "rules:" + std::to_string(second));
        CHECK(d["source"] == "rules-2.jsonc");
        CHECK(d["bytes"] == second_text.size());
        CHECK(d["at"] == "2026-01-06T08:00+07:00");
      } else {
        CHECK(d["version"] == first);
      }
    }
  });
}

TEST_CASE("rules store: each commune has its own versions and active one, and its bodies",
          "[pg][rules_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    int a1 = 0, a2 = 0, b1 = 0;
    {
      CommuneScope scope(c.db, c.a);
      save_bodies_in_order(c.db, {"vh_xh", "cong_an", "kinh_te"});
      a1 = store_rules(c.db, rules_text("A một"), "a.jsonc", "2026-01-05T08:00+07:00");
    }
    {
      CommuneScope scope(c.db, c.b);
      save_bodies_in_order(c.db, {"vh_xh", "tu_phap"});
      b1 = store_rules(c.db, rules_text("B một"), "b.jsonc", "2026-01-05T09:00+07:00");
    }
    {
      CommuneScope scope(c.db, c.a);
      a2 = store_rules(c.db, rules_text("A hai"), "a.jsonc", "2026-01-06T08:00+07:00");
      CHECK(active_rules_version(c.db) == a2);
      CHECK(versions_of(rules_versions(c.db)) == std::vector<int>{a2, a1});
      CHECK_FALSE(rules_version(c.db, b1));  // B's version is not A's to read
      CHECK(body_ids(c.db) == std::vector<std::string>{"cong_an", "kinh_te", "vh_xh"});
    }
    CommuneScope scope(c.db, c.b);
    // A's later load left B's version active.
    CHECK(active_rules_version(c.db) == b1);
    CHECK(active_rules_text(c.db)->text == rules_text("B một"));
    auto lines = rules_versions(c.db);
    CHECK(versions_of(lines) == std::vector<int>{b1});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].active);
    CHECK_FALSE(rules_version(c.db, a1));
    CHECK_FALSE(rules_version(c.db, a2));
    CHECK(body_ids(c.db) == std::vector<std::string>{"tu_phap", "vh_xh"});
    CHECK(count_rows(c.db, "SELECT COUNT(*) FROM rules_versions WHERE active = 1") == 2);
  });
}

TEST_CASE("rules store: a load in a rolled-back transaction leaves the previous version active",
          "[pg][rules_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    int first = store_rules(db, rules_text("đồng chí"), "rules.jsonc", "2026-01-05T08:00+07:00");
    const char* const kAll =
        "SELECT version, commune, loaded_at, source, text, active FROM rules_versions "
        "ORDER BY version";
    const std::string before = rows_text(db, kAll);
    const auto audit = count_rows(db, "SELECT COUNT(*) FROM audit");
    {
      WriteTransaction tx(db);
      int dropped = store_rules(db, rules_text("bỏ"), "x.jsonc", "2026-01-06T08:00+07:00");
      CHECK(active_rules_version(db) == dropped);
    }
    CHECK(rows_text(db, kAll) == before);
    CHECK(count_rows(db, "SELECT COUNT(*) FROM audit") == audit);
    CHECK(active_rules_version(db) == first);
    CHECK(active_rules_text(db)->text == rules_text("đồng chí"));
    // The next load is active and newer than every version stored (a rolled-back number may be
    // skipped on PostgreSQL, whose sequences do not roll back).
    int next = store_rules(db, rules_text("anh chị"), "rules.jsonc", "2026-01-07T08:00+07:00");
    CHECK(next > first);
    CHECK(active_rules_version(db) == next);
  });
}
