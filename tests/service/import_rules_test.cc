#include "service/import_rules.h"

#include "storage/rules_store.h"
#include "tests/support/scoped_db.h"

#include <string>

#include <catch2/catch.hpp>

#include "tests/support/process.h"

using dondoc::Database;
using dondoc::testing::TempDir;

namespace {

void add_body(Database& db, const std::string& id, const std::string& kind = "unit") {
  dondoc::sql::Statement st(db.sql(),
                            "INSERT INTO bodies(commune, id, name, kind) VALUES (?, ?, ?, ?)");
  st.bind(1, db.commune());
  st.bind(2, id);
  st.bind(3, id);
  st.bind(4, kind);
  st.exec();
}

int audit_rows(Database& db, const std::string& kind) {
  dondoc::sql::Statement st(db.sql(), "SELECT COUNT(*) FROM audit WHERE kind = ?");
  st.bind(1, kind);
  st.step();
  return st.column(0).as_int();
}

const std::string kValid = R"({
  "secretariat": "vp_dang_uy",
  "report_cycles": [{"name": "monthly", "due": "trước ngày 20 hàng tháng", "to": "vh_xh"}]
})";

}  // namespace

TEST_CASE("rules store: no rules loaded yet") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  CHECK(dondoc::active_rules_version(db) == 0);
  CHECK_FALSE(dondoc::active_rules_text(db).has_value());
}

TEST_CASE("import rules: each load is a new active version with an audit row") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  add_body(db, "vp_dang_uy");
  add_body(db, "vh_xh");
  auto first = dondoc::service::import_rules(db, kValid, "a.jsonc",
                                             *dondoc::parse_instant("2026-01-05T08:00+07:00"));
  REQUIRE(first.version == 1);
  std::string second_text = "// bản 2\n" + kValid;
  auto second = dondoc::service::import_rules(db, second_text, "b.jsonc",
                                              *dondoc::parse_instant("2026-01-06T08:00+07:00"));
  REQUIRE(second.version == 2);
  CHECK(dondoc::active_rules_version(db) == 2);
  auto active = dondoc::active_rules_text(db);
  REQUIRE(active);
  CHECK(active->version == 2);
  CHECK(active->text == second_text);  // the original text, comments included
  CHECK(active->source == "b.jsonc");
  CHECK(active->loaded_at == "2026-01-06T08:00+07:00");
  CHECK(db.sql().exec_and_get("SELECT COUNT(*) FROM rules_versions WHERE active = 1").as_int() ==
        1);
  CHECK(audit_rows(db, "rules_load") == 2);
}

TEST_CASE("import rules: an invalid file changes nothing") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  add_body(db, "vp_dang_uy");
  add_body(db, "vh_xh");
  REQUIRE(dondoc::service::import_rules(db, kValid, "a.jsonc",
                                        *dondoc::parse_instant("2026-01-05T08:00+07:00"))
              .version == 1);
  std::string unknown_body = R"({"secretariat": "phong_y_te"})";
  auto bad = dondoc::service::import_rules(db, unknown_body, "b.jsonc",
                                           *dondoc::parse_instant("2026-01-06T08:00+07:00"));
  CHECK_FALSE(bad.version);
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].line == 1);
  CHECK(bad.errors[0].col == 17);
  CHECK(bad.errors[0].message == "cơ quan không tồn tại: \"phong_y_te\"");
  CHECK(dondoc::active_rules_version(db) == 1);
  CHECK(db.sql().exec_and_get("SELECT COUNT(*) FROM rules_versions").as_int() == 1);
  CHECK(audit_rows(db, "rules_load") == 1);
}

TEST_CASE("import rules: an empty bodies table is reported as a hint") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  auto bad = dondoc::service::import_rules(db, kValid, "a.jsonc",
                                           *dondoc::parse_instant("2026-01-05T08:00+07:00"));
  CHECK_FALSE(bad.version);
  CHECK(bad.body_table_empty);
  CHECK(bad.errors.size() == 2);  // vp_dang_uy and vh_xh
}
