// The rules' indicator_cycle (issue 16 §2): the report cycle whose nudge asks for indicator
// values; "annual" by default, "" for never, an unknown cycle refused at its value.
#include <catch2/catch.hpp>

#include "rules/rules_file.h"

using namespace dondoc;

TEST_CASE("rules file: indicator_cycle") {
  auto r = parse_rules(R"({"report_cycles": [{"name": "monthly", "due": "trước ngày 20 hàng tháng",
    "to": "vh_xh"}]})");
  REQUIRE(r.ok());
  CHECK(r.rules->indicator_cycle == "annual");
  r = parse_rules(R"({"report_cycles": [{"name": "monthly", "due": "trước ngày 20 hàng tháng",
    "to": "vh_xh"}], "indicator_cycle": "monthly"})");
  REQUIRE(r.ok());
  CHECK(r.rules->indicator_cycle == "monthly");
  r = parse_rules(R"({"indicator_cycle": ""})");
  REQUIRE(r.ok());
  CHECK(r.rules->indicator_cycle.empty());
  r = parse_rules("{\n  \"indicator_cycle\": \"quarterly\"\n}");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].message.find("indicator_cycle") != std::string::npos);
}
