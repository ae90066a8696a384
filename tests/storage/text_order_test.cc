// Text order is the same on both stores whatever locale the PostgreSQL database was created with:
// on a database whose default collation is linguistic (ICU vi-VN here; a province's server made by
// a plain `createdb` inherits its cluster's locale, often en_US), instants compare and ids sort
// byte by byte once migrated (PostgreSQL migration 180), as SQLite's BINARY does.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/engine_store.h"
#include "storage/indicator_store.h"
#include "storage/rules_store.h"
#include "storage/sql.h"
#include "tests/engine/fixture.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::save_bodies_in_order;

namespace {

// A new database of the throwaway server whose default collation is ICU's Vietnamese.
std::string vietnamese_collation_database() {
  std::string url = dondoc::testing::fresh_pg_database();
  std::string::size_type slash = url.rfind('/');
  std::string name = url.substr(slash + 1) + "_vi";
  sql::open_postgresql(url, false)
      ->exec("CREATE DATABASE " + name +
             " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' LOCALE 'C.UTF-8'");
  return url.substr(0, slash + 1) + name;
}

void check_byte_order(const std::string& location) {
  dondoc::testing::ScopedDb db(location);
  // Upper case before lower, '-' and '_' where their bytes fall: SQLite's order.
  save_bodies_in_order(db, {"vh_xh", "tuan", "tu_phap", "Vh", "a-b"});
  CHECK(body_ids(db) == std::vector<std::string>{"Vh", "a-b", "tu_phap", "tuan", "vh_xh"});

  for (const char* indicator : {"ct_1", "CT_2"}) {
    IndicatorValueRow v;
    v.indicator = indicator;
    v.value = "1";
    v.at_iso = "2026-01-05T09:00+07:00";
    insert_indicator_value(db, v);
  }
  auto values = load_indicator_values(db);
  REQUIRE(values.size() == 2);
  CHECK(values[0].indicator == "CT_2");

  // A message due at 09:01 is due at 09:01:05 ("09:01+07:00" <= "09:01:05+07:00").
  Message m;
  m.key = "k";
  m.recipient = "vh_xh";
  m.text = "Nhắc việc";
  m.not_before = at("2026-01-05T09:01+07:00");
  Batch batch;
  batch.messages.push_back(m);
  SqliteEngineStore store(db);
  REQUIRE(store.apply(batch) == 1);
  CHECK(store.due(at("2026-01-05T09:01:05+07:00"), 10).size() == 1);
  CHECK(store.due(at("2026-01-05T09:00:59+07:00"), 10).empty());
}

}  // namespace

TEST_CASE("text compares byte by byte on both stores, whatever the database's locale",
          "[pg][text_order]") {
  SECTION("sqlite") {
    dondoc::testing::TempDir dir;
    check_byte_order(dir.file("store.db"));
  }
  SECTION("postgresql, a vi-VN collation") {
    if (dondoc::testing::pg_skipped()) {
      WARN("DONDOC_SKIP_PG=1: the PostgreSQL half is left out");
      return;
    }
    check_byte_order(vietnamese_collation_database());
  }
}
