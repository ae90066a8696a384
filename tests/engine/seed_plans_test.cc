// Every seed plan in examples/seeds/ imports cleanly and its own rules validate against it.
#include <filesystem>

#include <catch2/catch.hpp>

#include "engine/plan_import.h"
#include "rules/rules_file.h"
#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::read_text;
using dondoc::testing::source_path;

namespace {

std::vector<std::string> seed_dirs() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(source_path("examples/seeds"))) {
    if (e.is_directory()) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("seed plans: each imports cleanly, is dated, and its rules validate against it") {
  auto dirs = seed_dirs();
  CHECK(dirs.size() == 5);
  for (const auto& dir : dirs) {
    INFO("plan: " << dir);
    auto r = import_plan_json(read_text(dir + "/plan.json"), {});
    for (const auto& p : r.problems) UNSCOPED_INFO(format(p));
    REQUIRE(r.problems.empty());
    CHECK(r.plan.issued.has_value());
    CHECK_FALSE(r.plan.tasks.empty());
    for (const auto& t : r.plan.tasks) {
      CHECK_FALSE(t.lead.empty());
      CHECK_FALSE(t.deadline_text.empty());
    }
    std::function<bool(std::string_view)> known = [&](std::string_view id) {
      return r.plan.find_body(id) != nullptr;
    };
    auto rules = parse_rules(read_text(dir + "/rules.jsonc"), &known);
    for (const auto& e : rules.errors) UNSCOPED_INFO(e.line << ":" << e.col << ": " << e.message);
    CHECK(rules.ok());
  }
}

TEST_CASE("seed plans: what the texts say is kept (directing, deadlines, reporting days)") {
  auto dak_pxi = import_plan_json(read_text(source_path("examples/seeds/dak_pxi/plan.json")), {});
  REQUIRE(dak_pxi.problems.empty());
  const Task* t2 = dak_pxi.plan.find_task("2");  // "… chỉ đạo; chi bộ trực thuộc và các đơn vị …"
  REQUIRE(t2 != nullptr);
  CHECK(t2->directing == std::vector<std::string>{"pbt_tt", "pbt_ct_ubnd"});
  CHECK(t2->lead == std::vector<std::string>{"chi_bo", "dv_lien_quan"});

  auto dak_ha = import_plan_json(read_text(source_path("examples/seeds/dak_ha/plan.json")), {});
  REQUIRE(dak_ha.problems.empty());
  int on_request = 0;
  for (const auto& t : dak_ha.plan.tasks) {
    on_request += t.deadline.kind == DeadlineSpec::Kind::on_request;
  }
  CHECK(on_request == 1);  // "… khi có yêu cầu"

  auto tg = parse_rules(read_text(source_path("examples/seeds/truong_giang/rules.jsonc")));
  REQUIRE(tg.ok());
  CHECK(tg.rules->report_cycles[0].due.day == 9);  // "trước ngày 10 hàng tháng"
  CHECK(tg.rules->report_cycles[0].to == "vh_xh");
}
