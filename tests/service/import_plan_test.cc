// The plan import use case on a real database file, with the time passed in: the plan's date,
// all or nothing, and the default rules made to fit the plan.
#include "service/import_plan.h"
#include "service/import_rules.h"

#include <catch2/catch.hpp>

#include "engine/plan_import.h"
#include "rules/rules_file.h"
#include "service/default_rules.h"
#include "storage/plan_store.h"
#include "storage/rules_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using namespace dondoc;
using dondoc::testing::read_text;
using dondoc::testing::source_path;
using dondoc::testing::TempDir;

namespace {

const Instant kNow = local_instant(*make_date(2026, 1, 5), 9 * 60);

std::string seed(const std::string& name, const char* file = "plan.json") {
  return read_text(source_path("examples/seeds/" + name + "/" + file));
}

std::string default_rules() { return read_text(source_path("examples/rules.jsonc")); }

}  // namespace

TEST_CASE("plan import: the plan's date from --issued, the file, the stored date, else today") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("p.db"));
  using service::PlanFile;
  std::string plan = seed("truong_giang");
  auto r = service::import_plan_file(db, {PlanFile::plan, "plan.json", plan, {}, {}}, kNow);
  REQUIRE(r.ok());
  CHECK(r.issued == make_date(2025, 9, 10));  // the file's "issued"
  CHECK(load_plan(db).issued == make_date(2025, 9, 10));
  r = service::import_plan_file(db, {PlanFile::plan, "plan.json", plan, make_date(2025, 9, 15), {}},
                                kNow);
  CHECK(load_issued(db) == make_date(2025, 9, 15));  // --issued wins
  std::string tasks = read_text(source_path("examples/tasks.csv"));
  r = service::import_plan_file(db, {PlanFile::tasks, "tasks.csv", tasks, {}, {}}, kNow);
  REQUIRE(r.ok());
  CHECK(r.issued == make_date(2025, 9, 15));  // the stored date stays

  TempDir fresh;
  dondoc::testing::ScopedDb db2(fresh.file("q.db"));
  std::string bodies = read_text(source_path("examples/bodies.csv"));
  REQUIRE(service::import_plan_file(db2, {PlanFile::bodies, "b.csv", bodies, {}, {}}, kNow).ok());
  CHECK_FALSE(load_issued(db2));  // bodies alone do not date a plan
  r = service::import_plan_file(db2, {PlanFile::tasks, "tasks.csv", tasks, {}, {}}, kNow);
  CHECK(r.issued == make_date(2026, 1, 5));  // the import day
}

TEST_CASE("plan import: a file with a problem stores nothing and names the file") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("p.db"));
  std::string bad = R"({"issued": "2025-02-30", "bodies": [{"id": "a", "name": "A"}]})";
  auto r = service::import_plan_file(db, {service::PlanFile::plan, "x.json", bad, {}, {}}, kNow);
  REQUIRE_FALSE(r.ok());
  CHECK(r.problems[0].file == "x.json");
  CHECK(plan_is_empty(db));
  CHECK_FALSE(load_issued(db));
  auto t = service::import_plan_file(
      db, {service::PlanFile::tasks, "t.csv", read_text(source_path("examples/tasks.csv")), {}, {}},
      kNow);
  CHECK(t.no_bodies_yet);
}

TEST_CASE("default rules: validate on the empty plan and on every seed plan, roles from names") {
  Plan empty;
  std::string none = service::default_rules_for(empty, default_rules());
  std::function<bool(std::string_view)> no_body = [](std::string_view) { return false; };
  CHECK(parse_rules(none, &no_body).ok());
  for (const char* name : {"dak_pxi", "dinh_hoa", "yen_hoa", "truong_giang", "dak_ha"}) {
    INFO("seed " << name);
    auto imported = import_plan_json(seed(name), {});
    REQUIRE(imported.problems.empty());
    std::function<bool(std::string_view)> known = [&](std::string_view id) {
      return imported.plan.find_body(id) != nullptr;
    };
    auto parsed = parse_rules(service::default_rules_for(imported.plan, default_rules()), &known);
    CHECK(parsed.ok());
  }
  auto dak_ha = import_plan_json(seed("dak_ha"), {});
  auto roles = service::find_default_roles(dak_ha.plan);
  CHECK(roles.secretariat.empty());  // a People's Committee plan without Văn phòng Đảng ủy
  CHECK(roles.standing_committee == "tt_dang_uy");
  CHECK(roles.report_recipient == "vh_xh");
  auto dak_pxi = service::find_default_roles(import_plan_json(seed("dak_pxi"), {}).plan);
  CHECK(dak_pxi.secretariat == "vp_dang_uy");
  CHECK(dak_pxi.report_recipient == "vp_dang_uy");
}

TEST_CASE("default rules: loaded by init on an empty database, made again by an import") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("p.db"));
  REQUIRE(service::load_default_rules(db, default_rules(), kNow).empty());
  std::string rules = default_rules();
  auto r = service::import_plan_file(
      db, {service::PlanFile::plan, "plan.json", seed("dinh_hoa"), {}, rules}, kNow);
  REQUIRE(r.ok());
  CHECK(r.rules_remade);
  auto active = active_rules_text(db);
  REQUIRE(active);
  CHECK(active->source == service::kDefaultRulesSource);
  auto parsed = parse_rules(active->text);
  REQUIRE(parsed.ok());
  CHECK(parsed.rules->secretariat == "vp_dang_uy");
  CHECK(parsed.rules->report_cycles.size() == 4);
  CHECK(parsed.rules->report_cycles[0].to == "vp_dang_uy");
  // Rules loaded from a file are the commune's own: an import leaves them alone.
  REQUIRE(service::import_rules(db, seed("dinh_hoa", "rules.jsonc"), "rules.jsonc", kNow)
              .errors.empty());
  r = service::import_plan_file(
      db, {service::PlanFile::plan, "plan.json", seed("dinh_hoa"), {}, rules}, kNow);
  CHECK_FALSE(r.rules_remade);
  CHECK(active_rules_text(db)->source == "rules.jsonc");
}
